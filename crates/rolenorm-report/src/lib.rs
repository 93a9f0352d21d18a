//! Market reports over rolenorm analyses.
//!
//! The input is the JSONL that `rolenorm batch` writes, one [`Analysis`] per line. This crate is
//! pure (no I/O): the caller reads lines and feeds them to [`parse_line`] and [`Aggregates::add_with`],
//! so millions of lines are summarised in bounded memory (the aggregates grow with the number of
//! roles, tasks, sources and months, never with the number of ads). From the aggregates follow
//!
//! - a JSON summary ([`Aggregates::to_json`]) and a CSV export of the main tables ([`Aggregates::to_csv`]);
//! - one self-contained HTML report with inline SVG charts ([`render_report`], leading with the roles a
//!   [`RoleSet`] names; [`render_html`] for every normed role);
//! - [`Evidence`] for the norm: excluded tasks the market often demands and core tasks it rarely demands.
//!
//! [`Analysis`]: rolenorm_wire::Analysis

mod aggregates;
mod csv;
mod error;
mod evidence;
mod html;
mod line;
mod sections;
mod svg;
mod time;
mod view;

pub use aggregates::{AdMeta, Aggregates, TaskStat, UNKNOWN};
pub use error::ReportError;
pub use evidence::{Evidence, RoleEvidence, TaskEvidence};
pub use html::{ReportOptions, RunFacts, render_html, render_html_with, render_report};
pub use line::{Line, parse_line};
pub use rolenorm_wire::Language;
pub use view::{RoleSet, wilson};
