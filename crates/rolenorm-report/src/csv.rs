//! CSV export of the main tables: ONE CSV text, one row per cell, with a `table` column.

use std::fmt::Write;

use crate::aggregates::{Aggregates, Counts, share};
use crate::view::wilson;

/// The header row of [`Aggregates::to_csv`].
const HEADER: &str = "table,group,item,count,total,share,scope,share_low,share_high\n";

impl Aggregates {
    /// The main tables as ONE CSV text (RFC 4180 quoting), one row per table cell; the `table`
    /// column says which table a row belongs to, so a spreadsheet can filter on it.
    ///
    /// Columns: `table,group,item,count,total,share,scope,share_low,share_high`; the last two are
    /// the 95 % Wilson interval of `share`.
    ///
    /// | table | group | item | count / total |
    /// |---|---|---|---|
    /// | `summary` | – | `ads`, `errors`, `title_fits`, `jack_of_all_trades` | number / ads |
    /// | `roles` | – | role | ads of the role / ads |
    /// | `roles_by_language` | language | role | ads / ads in the language |
    /// | `roles_by_source` | source | role | ads / ads from the source |
    /// | `roles_by_month` | `YYYY-MM` (`YYYY` for year-only dates, `unknown`) | role | ads / ads of the month |
    /// | `title_matrix` | title role | normed role | ads / ads with that title role |
    /// | `jack_of_all_trades` | – | role | jack ads / ads of the role |
    /// | `piled` | normed role | role piled onto it | ads / ads of the role |
    /// | `platform_focus` | – | platform (`unknown` = none) | ads / ads |
    /// | `levels` | – | level | ads / ads |
    /// | `platform_focus_by_role` | normed role | platform | ads / ads of the role |
    /// | `levels_by_role` | normed role | level | ads / ads of the role |
    /// | `tasks` | role | task | ads demanding it / ads of the role; `scope` = core, optional, excluded |
    pub fn to_csv(&self) -> String {
        let mut out = String::from(HEADER);
        let ads = self.ads;
        for (item, count) in [
            ("ads", ads),
            ("errors", self.errors),
            ("title_fits", self.title_fits),
            ("jack_of_all_trades", self.jack_total()),
        ] {
            row(&mut out, "summary", "", item, count, ads, "");
        }
        counts(&mut out, "roles", "", &self.roles, ads);
        for (table, nested) in [
            ("roles_by_language", &self.roles_by_language),
            ("roles_by_source", &self.roles_by_source),
            ("roles_by_month", &self.roles_by_month),
            ("title_matrix", &self.title_matrix),
        ] {
            for (group, inner) in nested {
                counts(&mut out, table, group, inner, inner.values().sum());
            }
        }
        for (role, count) in &self.jack_by_role {
            row(&mut out, "jack_of_all_trades", "", role, *count, self.role_count(role), "");
        }
        for (role, inner) in &self.piled {
            counts(&mut out, "piled", role, inner, self.role_count(role));
        }
        counts(&mut out, "platform_focus", "", &self.platform_focus, ads);
        counts(&mut out, "levels", "", &self.levels, ads);
        for (table, nested) in
            [("platform_focus_by_role", &self.platform_focus_by_role), ("levels_by_role", &self.levels_by_role)]
        {
            for (role, inner) in nested {
                counts(&mut out, table, role, inner, self.role_count(role));
            }
        }
        for role in self.tasks.keys() {
            for (task, stat) in self.top_tasks(role) {
                let scope = stat.scope.as_deref().unwrap_or("");
                row(&mut out, "tasks", role, task, stat.demanded, self.role_count(role), scope);
            }
        }
        out
    }
}

/// One row per key of `counts`.
fn counts(out: &mut String, table: &str, group: &str, counts: &Counts, total: u64) {
    for (item, count) in counts {
        row(out, table, group, item, *count, total, "");
    }
}

/// One CSV row.
fn row(out: &mut String, table: &str, group: &str, item: &str, count: u64, total: u64, scope: &str) {
    let (low, high) = wilson(count, total);
    let _ = writeln!(
        out,
        "{},{},{},{count},{total},{:.4},{},{low:.4},{high:.4}",
        field(table),
        field(group),
        field(item),
        share(count, total),
        field(scope)
    );
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
