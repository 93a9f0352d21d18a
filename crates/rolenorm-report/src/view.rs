//! What every part of the HTML report shares: the reader's language, the roles in view, shares
//! with their 95 % Wilson intervals and small-sample marks, and the number tables.

use std::fmt::Write;

use rolenorm_norm::{Family, Norm};
use rolenorm_wire::Language;

use crate::aggregates::{Aggregates, Counts, UNKNOWN, share};
use crate::svg::escape;

/// Below this many ads in its base a share is marked as resting on few ads.
pub(crate) const FEW_ADS: u64 = 30;

/// Which roles a report leads with (`rolenorm report --roles`); the ads of the other roles are
/// one number each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RoleSet {
    /// The social-media family only.
    Social,
    /// The adjacent roles only (marketing, PR, design).
    Adjacent,
    /// Every normed role: the social-media family first, then the adjacent roles.
    #[default]
    All,
}

impl RoleSet {
    /// Whether roles of `family` are in view.
    pub fn includes(self, family: Family) -> bool {
        match self {
            RoleSet::Social => family == Family::SocialMedia,
            RoleSet::Adjacent => family == Family::Adjacent,
            RoleSet::All => family != Family::Other,
        }
    }
}

/// The reader's language and the roles in view.
pub(crate) struct Labels<'a> {
    /// The report's language.
    pub language: Language,
    /// The roles the report leads with.
    pub set: RoleSet,
    /// The norm, for names and families.
    pub norm: &'a Norm,
}

impl Labels<'_> {
    /// The English or German text.
    pub fn t<'b>(&self, en: &'b str, de: &'b str) -> &'b str {
        match self.language {
            Language::De => de,
            Language::En => en,
        }
    }

    /// A share as a percentage with one decimal, decimal comma in German.
    pub fn pct(&self, value: f64) -> String {
        let text = format!("{:.1} %", value * 100.0);
        match self.language {
            Language::De => text.replace('.', ","),
            Language::En => text,
        }
    }

    /// `count / total` with its 95 % interval (`12.1 % (8.9–16.3 %)`) and, when the base is
    /// small, the mark `⚠ n of N`.
    pub fn share_text(&self, count: u64, total: u64) -> String {
        let (low, high) = wilson(count, total);
        let interval = format!("{}–{}", self.pct(low).trim_end_matches(" %"), self.pct(high));
        format!("{} ({interval})", self.pct(share(count, total)))
    }

    /// The small-sample mark of a share of `total` ads, empty when the base is large enough.
    pub fn few(&self, count: u64, total: u64) -> String {
        if total >= FEW_ADS {
            return String::new();
        }
        format!(
            " <span class=\"few\" title=\"{}\">⚠ {count} {} {total}</span>",
            escape(self.t("few ads: the share is uncertain", "wenige Anzeigen: der Anteil ist unsicher")),
            escape(self.t("of", "von"))
        )
    }

    /// Two table cells: the share of `total` (with the small-sample mark) and its interval.
    pub fn share_cells(&self, count: u64, total: u64) -> String {
        let (low, high) = wilson(count, total);
        format!(
            "<td class=\"n\">{}{}</td><td class=\"n\">{} – {}</td>",
            escape(&self.pct(share(count, total))),
            self.few(count, total),
            escape(&self.pct(low)),
            escape(&self.pct(high))
        )
    }

    /// The headers of [`Labels::share_cells`].
    pub fn share_heads(&self) -> String {
        format!(
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            escape(self.t("share", "Anteil")),
            escape(self.t("95 % interval", "95-%-Intervall"))
        )
    }

    /// Whether `role` is one of the roles in view.
    pub fn selected(&self, role: &str) -> bool {
        self.norm.role(role).is_some_and(|r| self.set.includes(r.family))
    }

    /// The ads in `counts` (keyed by role) whose role is in view.
    pub fn selected_ads(&self, counts: &Counts) -> u64 {
        counts.iter().filter(|(r, _)| self.selected(r)).map(|(_, n)| *n).sum()
    }

    /// The roles in view that have ads, in the norm's order.
    pub fn selected_roles(&self, a: &Aggregates) -> Vec<String> {
        ordered(&a.roles, &role_order(self.norm)).into_iter().map(|(id, _)| id).filter(|id| self.selected(id)).collect()
    }

    /// What the roles in view are called, for headings and notes.
    pub fn set_name(&self) -> &str {
        match self.set {
            RoleSet::Social => self.t("the social-media roles", "die Social-Media-Rollen"),
            RoleSet::Adjacent => self.t("the adjacent roles", "die Nachbarrollen"),
            RoleSet::All => self.t("the social-media and adjacent roles", "die Social-Media- und Nachbarrollen"),
        }
    }

    /// The role's name in the report's language, or its id when the norm does not know it.
    pub fn role_name(&self, id: &str) -> String {
        self.norm.role(id).map_or_else(|| id.to_owned(), |r| r.name.get(self.language).to_owned())
    }
}

/// The 95 % Wilson score interval of the share `count / total`.
pub fn wilson(count: u64, total: u64) -> (f64, f64) {
    if total == 0 {
        return (0.0, 0.0);
    }
    let (n, p, z) = (total as f64, count as f64 / total as f64, 1.96_f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / (1.0 + z * z / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Role ids in the norm's order.
pub(crate) fn role_order(norm: &Norm) -> Vec<&str> {
    norm.roles().iter().map(|r| r.id.as_str()).collect()
}

/// The non-zero entries of `counts`: keys in `order` first (in that order), then the rest by key.
pub(crate) fn ordered(counts: &Counts, order: &[&str]) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> =
        order.iter().filter_map(|k| counts.get(*k).filter(|n| **n > 0).map(|n| ((*k).to_owned(), *n))).collect();
    rows.extend(counts.iter().filter(|(k, n)| **n > 0 && !order.contains(&k.as_str())).map(|(k, n)| (k.clone(), *n)));
    rows
}

/// The counts of the roles in view, summed over `by_role` (role → key → count).
pub(crate) fn selected_counts(by_role: &std::collections::BTreeMap<String, Counts>, l: &Labels<'_>) -> Counts {
    let mut sum = Counts::new();
    for (_, counts) in by_role.iter().filter(|(r, _)| l.selected(r)) {
        for (key, n) in counts {
            *sum.entry(key.clone()).or_insert(0) += n;
        }
    }
    sum
}

/// One row of a number table: its key (`data-key`), its label and its count.
pub(crate) type Row = (String, String, u64);

/// A number table: label, count, share of `total`, 95 % interval (small bases marked).
pub(crate) fn number_table(
    out: &mut String,
    id: &str,
    caption: &str,
    head: &str,
    rows: &[Row],
    total: u64,
    l: &Labels,
) {
    let _ = write!(
        out,
        "<details class=\"numbers\" open><summary>{}</summary><table data-table=\"{id}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>{}</tr></thead><tbody>",
        escape(l.t("Numbers", "Zahlen")),
        escape(caption),
        escape(head),
        escape(l.t("ads", "Anzeigen")),
        l.share_heads()
    );
    for (key, label, n) in rows {
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><th scope=\"row\">{}</th><td class=\"n\">{n}</td>{}</tr>",
            escape(key),
            escape(label),
            l.share_cells(*n, total)
        );
    }
    out.push_str("</tbody></table></details>");
}

/// Opens a scrolling table `id` with its caption, the column heads `heads` and the share and
/// interval heads; the header row is left open for more heads.
pub(crate) fn open_table(out: &mut String, id: &str, caption: &str, heads: &[&str], l: &Labels) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table data-table=\"{id}\"><caption>{}</caption><thead><tr>",
        escape(caption)
    );
    for head in heads {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(head));
    }
    out.push_str(&l.share_heads());
}

/// A group key for display (`unknown` translated).
pub(crate) fn group_label(key: &str, l: &Labels) -> String {
    if key == UNKNOWN { l.t("unknown", "unbekannt").to_owned() } else { key.to_owned() }
}
