//! Roles over time: per month for ads dated to the month, per year for every dated ad (so ads
//! dated only by their year never stand between months). Periods without ads are shown as
//! gaps, never interpolated; a long run of empty periods is one row that says how long it is.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::aggregates::{Aggregates, Counts};
use crate::svg::{Bar, BarChart, bar_chart, escape};
use crate::view::{Labels, open_table, ordered, role_order};

/// A run of at least this many empty periods is shown as one gap row.
const LONG_GAP: usize = 3;

/// One period (a month `YYYY-MM` or a year `YYYY`) with the ads per role, or a gap.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Period {
    /// A period with ads.
    Ads(String, Counts),
    /// Periods without ads, from the first to the last (equal for one period), and how many.
    Gap(String, String, usize),
}

/// The month-dated ads per month, and the year-only dated ads per year, and the undated ads.
struct Dates {
    months: BTreeMap<(u32, u32), Counts>,
    years: BTreeMap<u32, Counts>,
    year_only: u64,
    undated: u64,
}

/// Splits `roles_by_month` by what the dates give.
fn dates(a: &Aggregates) -> Dates {
    let mut dates = Dates { months: BTreeMap::new(), years: BTreeMap::new(), year_only: 0, undated: 0 };
    for (key, counts) in &a.roles_by_month {
        let year = key.get(..4).and_then(|y| y.parse::<u32>().ok());
        let month = key.get(5..7).and_then(|m| m.parse::<u32>().ok()).filter(|m| (1..=12).contains(m));
        match (year, month, key.len()) {
            (Some(y), Some(m), 7) => {
                add(dates.months.entry((y, m)).or_default(), counts);
                add(dates.years.entry(y).or_default(), counts);
            }
            (Some(y), None, 4) => {
                add(dates.years.entry(y).or_default(), counts);
                dates.year_only += counts.values().sum::<u64>();
            }
            _ => dates.undated += counts.values().sum::<u64>(),
        }
    }
    dates
}

/// Adds `from` into `into`.
fn add(into: &mut Counts, from: &Counts) {
    for (role, n) in from {
        *into.entry(role.clone()).or_insert(0) += n;
    }
}

/// Every month from the first to the last with ads, runs of empty months as gaps.
pub(crate) fn month_periods(a: &Aggregates) -> Vec<Period> {
    let months = dates(a).months;
    let (Some(first), Some(last)) = (months.keys().next().copied(), months.keys().last().copied()) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    let mut at = first;
    while at <= last {
        all.push((format!("{:04}-{:02}", at.0, at.1), months.get(&at).cloned()));
        at = if at.1 == 12 { (at.0 + 1, 1) } else { (at.0, at.1 + 1) };
    }
    with_gaps(all)
}

/// Every year from the first to the last with dated ads, runs of empty years as gaps.
pub(crate) fn year_periods(a: &Aggregates) -> Vec<Period> {
    let years = dates(a).years;
    let (Some(first), Some(last)) = (years.keys().next().copied(), years.keys().last().copied()) else {
        return Vec::new();
    };
    with_gaps((first..=last).map(|y| (format!("{y:04}"), years.get(&y).cloned())).collect())
}

/// Periods with ads as they are; empty ones as gaps, a run of [`LONG_GAP`] or more as one.
fn with_gaps(all: Vec<(String, Option<Counts>)>) -> Vec<Period> {
    let mut periods = Vec::new();
    let mut empty: Vec<String> = Vec::new();
    let flush = |empty: &mut Vec<String>, periods: &mut Vec<Period>| {
        if empty.len() >= LONG_GAP {
            periods.push(Period::Gap(empty[0].clone(), empty[empty.len() - 1].clone(), empty.len()));
        } else {
            periods.extend(empty.iter().map(|p| Period::Gap(p.clone(), p.clone(), 1)));
        }
        empty.clear();
    };
    for (key, counts) in all {
        match counts {
            Some(counts) if counts.values().sum::<u64>() > 0 => {
                flush(&mut empty, &mut periods);
                periods.push(Period::Ads(key, counts));
            }
            _ => empty.push(key),
        }
    }
    flush(&mut empty, &mut periods);
    periods
}

/// The "roles over time" section: per month and per year, chart and table each.
pub(crate) fn time_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let title = l.t("Roles over time", "Rollen im Zeitverlauf");
    let _ = write!(out, "<section id=\"time\"><h2>{}</h2>", escape(title));
    let d = dates(a);
    let _ = write!(
        out,
        "<p>{} <span data-figure=\"year-only\">{}</span> {} <span data-figure=\"undated\">{}</span> {}</p>",
        escape(l.t(
            "Periods without ads are shown as gaps (—), never filled in. Ads dated only by their year:",
            "Zeiträume ohne Anzeigen erscheinen als Lücken (—) und werden nicht aufgefüllt. Anzeigen nur mit Jahresangabe:"
        )),
        d.year_only,
        escape(l.t("(counted per year only); ads without a usable date:", "(nur je Jahr gezählt); Anzeigen ohne brauchbares Datum:")),
        d.undated,
        escape(l.t("(not shown over time).", "(nicht im Zeitverlauf)."))
    );
    let months = month_periods(a);
    if !months.is_empty() {
        let heading = l.t("Per month (ads dated to the month)", "Je Monat (Anzeigen mit Monatsangabe)");
        view(out, "months", heading, &months, l);
    }
    let years = year_periods(a);
    if years.len() > 1 || d.year_only > 0 {
        let heading = l.t("Per year (every dated ad)", "Je Jahr (alle datierten Anzeigen)");
        view(out, "years", heading, &years, l);
    }
    if months.is_empty() && years.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            escape(l.t("No ad has a usable date.", "Keine Anzeige hat ein brauchbares Datum."))
        );
    }
    out.push_str("</section>\n");
}

/// A period's label; a gap of several periods names its first and last.
fn period_label(period: &Period) -> String {
    match period {
        Period::Ads(key, _) => key.clone(),
        Period::Gap(first, last, 1) if first == last => first.clone(),
        Period::Gap(first, last, _) => format!("{first}–{last}"),
    }
}

/// One view: the chart of the roles in view per period, then the table by role.
fn view(out: &mut String, id: &str, heading: &str, periods: &[Period], l: &Labels) {
    let _ = write!(out, "<h3>{}</h3>", escape(heading));
    let bars = periods
        .iter()
        .map(|p| match p {
            Period::Ads(_, counts) => {
                let (n, all) = (l.selected_ads(counts), counts.values().sum::<u64>());
                Bar { label: period_label(p), value: n as f64, text: format!("{n} / {all}"), interval: None }
            }
            Period::Gap(_, _, k) => Bar { label: period_label(p), value: 0.0, text: gap_text(*k, l), interval: None },
        })
        .collect();
    let title = format!("{} {}", l.t("Ads of", "Anzeigen für"), l.set_name());
    let desc = l.t(
        "Ads of the roles in view per period, and of all ads (n / all); gaps are periods without ads.",
        "Anzeigen der gezeigten Rollen je Zeitraum, und aller Anzeigen (n / alle); Lücken sind Zeiträume ohne Anzeigen.",
    );
    let chart_id = format!("time-{id}");
    out.push_str(&bar_chart(&BarChart {
        id: &chart_id,
        title: &title,
        desc,
        x_label: l.t("ads", "Anzeigen"),
        y_label: l.t("period", "Zeitraum"),
        bars,
        percent: false,
    }));
    time_table(out, id, heading, periods, l);
}

/// "no ads" for one empty period, "no ads (k periods)" for a run.
fn gap_text(k: usize, l: &Labels) -> String {
    if k == 1 {
        format!("— {}", l.t("no ads", "keine Anzeigen"))
    } else {
        format!("— {} ({k})", l.t("no ads", "keine Anzeigen"))
    }
}

/// The roles in view that have ads in `periods`, in the norm's order.
fn period_roles(periods: &[Period], l: &Labels) -> Vec<String> {
    let mut seen = Counts::new();
    for p in periods {
        if let Period::Ads(_, counts) = p {
            add(&mut seen, counts);
        }
    }
    ordered(&seen, &role_order(l.norm)).into_iter().map(|(r, _)| r).filter(|r| l.selected(r)).collect()
}

/// The table's opening and header row.
fn time_head(out: &mut String, id: &str, caption: &str, roles: &[String], l: &Labels) {
    let heads = [l.t("period", "Zeitraum"), l.t("all ads", "alle Anzeigen"), l.t("in view", "gezeigt")];
    open_table(out, &format!("time-{id}"), caption, &heads, l);
    for role in roles {
        let _ = write!(out, "<th scope=\"col\" class=\"rot\">{}</th>", escape(&l.role_name(role)));
    }
    out.push_str("</tr></thead><tbody>");
}

/// The table: per period all ads, ads in view with their share and interval, then per role.
fn time_table(out: &mut String, id: &str, caption: &str, periods: &[Period], l: &Labels) {
    let roles = period_roles(periods, l);
    time_head(out, id, caption, &roles, l);
    let columns = 4 + roles.len();
    for period in periods {
        let label = escape(&period_label(period));
        match period {
            Period::Ads(key, counts) => {
                let (n, all) = (l.selected_ads(counts), counts.values().sum::<u64>());
                let _ = write!(
                    out,
                    "<tr class=\"period\" data-key=\"{}\"><th scope=\"row\">{label}</th><td class=\"n\">{all}</td><td class=\"n\">{n}</td>{}",
                    escape(key),
                    l.share_cells(n, all)
                );
                for role in &roles {
                    let _ = write!(out, "<td class=\"n\">{}</td>", counts.get(role).copied().unwrap_or(0));
                }
            }
            Period::Gap(first, _, k) => {
                let _ = write!(
                    out,
                    "<tr class=\"period gap\" data-key=\"{}\" data-gap=\"{k}\"><th scope=\"row\">{label}</th><td colspan=\"{columns}\">{}</td>",
                    escape(first),
                    escape(&gap_text(*k, l))
                );
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregates::UNKNOWN;

    fn aggregates(keys: &[(&str, u64)]) -> Aggregates {
        let mut a = Aggregates::default();
        for (key, n) in keys {
            a.roles_by_month.insert((*key).to_owned(), Counts::from([("community-manager".to_owned(), *n)]));
        }
        a
    }

    fn labels(periods: &[Period]) -> Vec<String> {
        periods.iter().map(period_label).collect()
    }

    #[test]
    fn months_run_from_first_to_last_with_gaps_and_never_hold_year_only_dates() {
        let a = aggregates(&[("2019-11", 2), ("2020-01", 1), ("2020-06", 4), ("2018", 7), (UNKNOWN, 3)]);
        let months = month_periods(&a);
        assert_eq!(labels(&months), ["2019-11", "2019-12", "2020-01", "2020-02–2020-05", "2020-06"]);
        assert_eq!(months[1], Period::Gap("2019-12".into(), "2019-12".into(), 1));
        assert_eq!(months[3], Period::Gap("2020-02".into(), "2020-05".into(), 4));
        assert!(!labels(&months).iter().any(|p| p == "2018"), "a year-only date is not a month");
        let years = year_periods(&a);
        assert_eq!(labels(&years), ["2018", "2019", "2020"]);
        let Period::Ads(_, y2020) = &years[2] else { panic!("2020 has ads") };
        assert_eq!(y2020["community-manager"], 5, "months count into their year");
        let Period::Ads(_, y2018) = &years[0] else { panic!("2018 has ads") };
        assert_eq!(y2018["community-manager"], 7, "year-only dates count per year");
        let d = dates(&a);
        assert_eq!((d.year_only, d.undated), (7, 3));
    }

    #[test]
    fn years_without_ads_are_gaps() {
        let a = aggregates(&[("2001", 1), ("2002", 1), ("2010", 2), ("2012", 1)]);
        assert_eq!(labels(&year_periods(&a)), ["2001", "2002", "2003–2009", "2010", "2011", "2012"]);
        assert!(month_periods(&a).is_empty());
    }
}
