//! The market report as one self-contained HTML file: inline CSS, inline SVG, no scripts.

use std::collections::BTreeMap;
use std::fmt::Write;

use rolenorm_norm::Norm;
use rolenorm_wire::Language;

use crate::aggregates::{Aggregates, Counts, UNKNOWN, share};
use crate::svg::{Bar, BarChart, bar_chart, escape};

/// How many tasks the per-role tables list.
const TOP_TASKS: usize = 10;
/// How many role pairs the piling table lists.
const TOP_PAIRS: usize = 20;

/// The stylesheet, screen and print.
const CSS: &str = r#"
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:1200px;padding:1.5rem;line-height:1.4}
h1{font-size:1.7rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #1f5f99;padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.meta{color:#555}.figures{display:flex;flex-wrap:wrap;gap:.8rem;padding:0;list-style:none}
.figures li{border:1px solid #c8d3de;border-radius:6px;padding:.5rem .8rem;min-width:10rem}.figures b{display:block;font-size:1.4rem;color:#1f5f99}
svg.chart{max-width:100%;height:auto;display:block;margin:.5rem 0}
svg .bar{fill:#2f78b7}svg .grid{stroke:#dde3ea;stroke-width:1}svg .axis{stroke:#333;stroke-width:1}
svg text{font-family:inherit;font-size:12px;fill:#1b1b1b}svg .ct{font-size:15px;font-weight:600}svg .axl{font-size:12px;font-style:italic;fill:#444}svg .tick{fill:#555;font-size:11px}svg .val{font-weight:600}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.85rem}caption{text-align:left;font-weight:600;padding:.2rem 0;font-size:1rem}
th,td{border:1px solid #d5dbe1;padding:.2rem .45rem;vertical-align:top}thead th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
th.rot{font-size:.72rem;max-width:5.5rem}table.heatmap{font-size:.78rem}.scroll{overflow-x:auto}
td.hm{text-align:right;min-width:2.2rem}td.diag{outline:2px solid #1b1b1b;outline-offset:-2px}
tr.breach td,tr.breach th{background:#fde2e1}.mark-excluded{color:#a4000f;font-weight:700}.mark-core{color:#14622b}.mark-optional{color:#555}
details.numbers summary{cursor:pointer;color:#1f5f99}
@media print{body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}section,figure,table{break-inside:avoid}
details.numbers>*{display:block}.scroll{overflow:visible}tr.breach td,tr.breach th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
td.hm{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// Labels in the report's language.
struct Labels {
    /// The report's language.
    language: Language,
}

impl Labels {
    /// The English or German text.
    fn t<'a>(&self, en: &'a str, de: &'a str) -> &'a str {
        match self.language {
            Language::De => de,
            Language::En => en,
        }
    }

    /// A share as a percentage with one decimal, decimal comma in German.
    fn pct(&self, value: f64) -> String {
        let text = format!("{:.1} %", value * 100.0);
        match self.language {
            Language::De => text.replace('.', ","),
            Language::En => text,
        }
    }
}

/// Renders the whole report: one self-contained HTML document in `language`.
///
/// Every chart is an inline `<svg role="img">` with `<title>` and `<desc>`, followed by its
/// numbers as an HTML table; every text that comes from the data is escaped.
pub fn render_html(aggregates: &Aggregates, norm: &Norm, language: Language) -> String {
    let l = Labels { language };
    let mut body = String::new();
    header(&mut body, aggregates, norm, &l);
    roles_section(&mut body, aggregates, norm, &l);
    groups_section(&mut body, aggregates, norm, &l);
    title_section(&mut body, aggregates, norm, &l);
    jack_section(&mut body, aggregates, norm, &l);
    platform_section(&mut body, aggregates, norm, &l);
    level_section(&mut body, aggregates, norm, &l);
    tasks_section(&mut body, aggregates, norm, &l);
    let title = l.t("Job market report: social-media roles", "Marktbericht: Social-Media-Rollen");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        language.code(),
        escape(title)
    )
}

/// The title, the norm and the key figures.
fn header(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">{} {} · {}</p>",
        escape(l.t("Job market report: social-media roles", "Marktbericht: Social-Media-Rollen")),
        escape(l.t("Norm", "Norm")),
        escape(&a.norm),
        escape(norm.identity().title.get(l.language)),
    );
    let figures = [
        (l.t("analysed ads", "analysierte Anzeigen"), a.ads.to_string(), "ads"),
        (l.t("title fits content", "Titel passt zum Inhalt"), l.pct(a.title_fit_rate()), "title-fit"),
        (l.t("jack of all trades", "eierlegende Wollmilchsau"), l.pct(share(a.jack_total(), a.ads)), "jack"),
        (l.t("error lines skipped", "übersprungene Fehlerzeilen"), a.errors.to_string(), "errors"),
    ];
    out.push_str("<ul class=\"figures\">");
    for (label, value, key) in figures {
        let _ = write!(out, "<li data-figure=\"{key}\"><b>{}</b>{}</li>", escape(&value), escape(label));
    }
    out.push_str("</ul></header>\n");
}

/// The role distribution.
fn roles_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let title = l.t("Normed roles (what the ads describe)", "Normierte Rollen (was die Anzeigen beschreiben)");
    let _ = write!(out, "<section id=\"roles\"><h2>{}</h2>", escape(title));
    let rows = ordered(&a.roles, &role_order(norm));
    let labelled: Vec<(String, String, u64)> =
        rows.iter().map(|(id, n)| (id.clone(), role_name(norm, id, l.language), *n)).collect();
    let desc = l.t(
        "Number of ads per normed role, with the share of all ads.",
        "Anzahl der Anzeigen je normierter Rolle, mit Anteil an allen Anzeigen.",
    );
    chart_with_numbers(out, "roles", title, desc, l.t("role", "Rolle"), &labelled, a.ads, l);
    out.push_str("</section>\n");
}

/// A bar chart of ad counts per item and, below it, the same numbers as a table.
#[allow(clippy::too_many_arguments)]
fn chart_with_numbers(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    item_label: &str,
    rows: &[(String, String, u64)],
    total: u64,
    l: &Labels,
) {
    count_chart(out, id, title, desc, l.t("ads", "Anzeigen"), item_label, rows, total, l);
    number_table(out, id, title, item_label, rows, total, l);
}

/// Roles by language, source and month.
fn groups_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let _ = write!(
        out,
        "<section id=\"groups\"><h2>{}</h2>",
        escape(l.t("Roles by language, source and month", "Rollen nach Sprache, Quelle und Monat"))
    );
    let by_month: Vec<(String, String, u64)> =
        a.roles_by_month.iter().map(|(m, c)| (m.clone(), month_label(m, l), c.values().sum())).collect();
    let title = l.t("Ads per month", "Anzeigen je Monat");
    let desc = l.t("Number of ads per month of publication.", "Anzahl der Anzeigen je Veröffentlichungsmonat.");
    count_chart(out, "months", title, desc, l.t("ads", "Anzeigen"), l.t("month", "Monat"), &by_month, a.ads, l);
    let order = role_order(norm);
    let roles: Vec<String> = ordered(&a.roles, &order).into_iter().map(|(id, _)| id).collect();
    let tables = [
        (
            "by-language",
            l.t("Roles by language", "Rollen nach Sprache"),
            l.t("language", "Sprache"),
            &a.roles_by_language,
        ),
        ("by-source", l.t("Roles by source", "Rollen nach Quelle"), l.t("source", "Quelle"), &a.roles_by_source),
        ("by-month", l.t("Roles by month", "Rollen nach Monat"), l.t("month", "Monat"), &a.roles_by_month),
    ];
    for (id, caption, group, data) in tables {
        cross_table(out, id, caption, group, data, &roles, norm, l);
    }
    out.push_str("</section>\n");
}

/// The title role × content role heat map.
fn title_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let title = l.t("What the title says × what the ad describes", "Was der Titel sagt × was die Anzeige beschreibt");
    let _ = write!(
        out,
        "<section id=\"titles\"><h2>{}</h2><p>{}: <b>{}</b> ({} / {}).</p>",
        escape(title),
        escape(l.t("Title fits content", "Titel passt zum Inhalt")),
        escape(&l.pct(a.title_fit_rate())),
        a.title_fits,
        a.ads
    );
    let order = role_order(norm);
    let mut titles: Counts = BTreeMap::new();
    for (t, row) in &a.title_matrix {
        titles.insert(t.clone(), row.values().sum());
    }
    let rows: Vec<String> = ordered(&titles, &order).into_iter().map(|(id, _)| id).collect();
    let cols: Vec<String> = ordered(&a.roles, &order).into_iter().map(|(id, _)| id).collect();
    let max = a.title_matrix.values().flat_map(|r| r.values()).copied().max().unwrap_or(0);
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"heatmap\" data-table=\"title-matrix\"><caption>{}</caption><thead><tr><th scope=\"col\">{} ↓ / {} →</th>",
        escape(title),
        escape(l.t("title role", "Titelrolle")),
        escape(l.t("content role", "Inhaltsrolle"))
    );
    for c in &cols {
        let _ = write!(out, "<th scope=\"col\" class=\"rot\">{}</th>", escape(&role_name(norm, c, l.language)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(&role_name(norm, r, l.language)));
        for c in &cols {
            let n = a.title_matrix.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0);
            heat_cell(out, n, max, r == c);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></section>\n");
}

/// One heat-map cell, shaded by `n / max`.
fn heat_cell(out: &mut String, n: u64, max: u64, diagonal: bool) {
    let strength = if max == 0 || n == 0 { 0.0 } else { 0.12 + 0.88 * (n as f64 / max as f64).sqrt() };
    let ink = if strength > 0.55 { "#fff" } else { "#1b1b1b" };
    let class = if diagonal { "hm diag" } else { "hm" };
    let _ =
        write!(out, "<td class=\"{class}\" style=\"background:rgba(31,95,153,{strength:.2});color:{ink}\">{n}</td>");
}

/// Jack-of-all-trades rates and the roles piled onto each role.
fn jack_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let title = l.t("Jack of all trades by role", "Eierlegende Wollmilchsau je Rolle");
    let _ = write!(out, "<section id=\"jack\"><h2>{}</h2>", escape(title));
    let rows = ordered(&a.roles, &role_order(norm));
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(id, n)| {
            let jack = a.jack_by_role.get(id).copied().unwrap_or(0);
            Bar {
                label: role_name(norm, id, l.language),
                value: share(jack, *n) * 100.0,
                text: format!("{jack} / {n} ({})", l.pct(share(jack, *n))),
            }
        })
        .collect();
    let desc = l.t(
        "Share of each role's ads that pile the work of several roles onto one position.",
        "Anteil der Anzeigen je Rolle, die die Arbeit mehrerer Rollen auf eine Stelle häufen.",
    );
    out.push_str(&bar_chart(&BarChart {
        id: "jack",
        title,
        desc,
        x_label: l.t("share of the role's ads", "Anteil an den Anzeigen der Rolle"),
        y_label: l.t("role", "Rolle"),
        bars,
        percent: true,
    }));
    let _ = write!(
        out,
        "<table data-table=\"jack\"><caption>{}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(title),
        escape(l.t("role", "Rolle")),
        escape(l.t("jack ads", "Wollmilchsau-Anzeigen")),
        escape(l.t("ads", "Anzeigen")),
        escape(l.t("share", "Anteil"))
    );
    for (id, n) in &rows {
        let jack = a.jack_by_role.get(id).copied().unwrap_or(0);
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><th>{}</th><td class=\"n\">{jack}</td><td class=\"n\">{n}</td><td class=\"n\">{}</td></tr>",
            escape(id),
            escape(&role_name(norm, id, l.language)),
            escape(&l.pct(share(jack, *n)))
        );
    }
    out.push_str("</tbody></table>");
    piled_table(out, a, norm, l);
    out.push_str("</section>\n");
}

/// The most frequent (role, piled role) pairs.
fn piled_table(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let mut pairs: Vec<(&str, &str, u64)> =
        a.piled.iter().flat_map(|(r, m)| m.iter().map(move |(o, n)| (r.as_str(), o.as_str(), *n))).collect();
    pairs.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
    let caption = l.t(
        "Whose work is piled onto which role (from breadth)",
        "Wessen Arbeit welcher Rolle aufgeladen wird (aus der Breite)",
    );
    if pairs.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            escape(
                l.t("No ad piles other roles' work onto its role.", "Keine Anzeige häuft Arbeit anderer Rollen auf.")
            )
        );
        return;
    }
    let _ = write!(
        out,
        "<table data-table=\"piled\"><caption>{}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(caption),
        escape(l.t("role of the ad", "Rolle der Anzeige")),
        escape(l.t("also the work of", "auch die Arbeit von")),
        escape(l.t("ads", "Anzeigen")),
        escape(l.t("share of the role's ads", "Anteil an den Anzeigen der Rolle"))
    );
    for (role, other, n) in pairs.into_iter().take(TOP_PAIRS) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td><td class=\"n\">{}</td></tr>",
            escape(&role_name(norm, role, l.language)),
            escape(&role_name(norm, other, l.language)),
            escape(&l.pct(share(n, a.role_count(role))))
        );
    }
    out.push_str("</tbody></table>");
}

/// Platform focus shares.
fn platform_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let title = l.t("Platform focus", "Plattform-Schwerpunkt");
    let _ = write!(out, "<section id=\"platforms\"><h2>{}</h2>", escape(title));
    let mut rows: Vec<(String, String, u64)> =
        a.platform_focus.iter().map(|(id, n)| (id.clone(), platform_name(norm, id, l), *n)).collect();
    rows.sort_by(|x, y| (x.0 == UNKNOWN).cmp(&(y.0 == UNKNOWN)).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
    let desc = l.t("Number of ads whose social-media work concentrates on one platform, and ads without such a focus.",
        "Anzahl der Anzeigen, deren Social-Media-Arbeit sich auf eine Plattform konzentriert, und Anzeigen ohne Schwerpunkt.");
    chart_with_numbers(out, "platforms", title, desc, l.t("platform", "Plattform"), &rows, a.ads, l);
    out.push_str("</section>\n");
}

/// The level distribution.
fn level_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let title = l.t("Career levels", "Karrierestufen");
    let _ = write!(out, "<section id=\"levels\"><h2>{}</h2>", escape(title));
    let order: Vec<&str> = norm.levels().iter().map(|v| v.id.as_str()).collect();
    let rows: Vec<(String, String, u64)> = ordered(&a.levels, &order)
        .into_iter()
        .map(|(id, n)| {
            let name =
                norm.levels().iter().find(|v| v.id == id).map_or(id.clone(), |v| v.name.get(l.language).to_owned());
            (id, name, n)
        })
        .collect();
    let desc = l.t("Number of ads per career level.", "Anzahl der Anzeigen je Karrierestufe.");
    chart_with_numbers(out, "levels", title, desc, l.t("level", "Stufe"), &rows, a.ads, l);
    out.push_str("</section>\n");
}

/// Per role the most demanded tasks with their scope; excluded tasks are highlighted.
fn tasks_section(out: &mut String, a: &Aggregates, norm: &Norm, l: &Labels) {
    let _ = write!(
        out,
        "<section id=\"tasks\"><h2>{}</h2><p>{}</p>",
        escape(l.t("Most demanded tasks per role", "Meistverlangte Aufgaben je Rolle")),
        escape(l.t(
            "Tasks the norm excludes from a role (scope breaches) are highlighted in red.",
            "Aufgaben, die die Norm für eine Rolle ausschließt (Scope-Verstöße), sind rot hervorgehoben."
        ))
    );
    for (role, n) in ordered(&a.roles, &role_order(norm)) {
        let name = role_name(norm, &role, l.language);
        let _ = write!(out, "<h3>{} ({n} {})</h3>", escape(&name), escape(l.t("ads", "Anzeigen")));
        if a.top_tasks(&role).is_empty() {
            let _ = write!(
                out,
                "<p>{}</p>",
                escape(l.t(
                    "No ad of this role demands a task of the norm.",
                    "Keine Anzeige dieser Rolle verlangt eine Aufgabe der Norm."
                ))
            );
            continue;
        }
        let _ = write!(
            out,
            "<table data-table=\"tasks\" data-role=\"{}\"><caption>{}: {}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(&role),
            escape(l.t("Tasks demanded by ads of", "Verlangte Aufgaben in Anzeigen für")),
            escape(&name),
            escape(l.t("task", "Aufgabe")),
            escape(l.t("name", "Name")),
            escape(l.t("ads", "Anzeigen")),
            escape(l.t("share", "Anteil")),
            escape(l.t("norm", "Norm"))
        );
        for (task, stat) in a.top_tasks(&role).into_iter().take(TOP_TASKS) {
            let scope = stat.scope.clone().unwrap_or_else(|| norm_scope(norm, &role, task));
            let breach = scope == "excluded";
            let task_name = norm.task(task).map_or("", |t| t.name.get(l.language));
            let _ = write!(
                out,
                "<tr{}><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"mark-{}\">{}</td></tr>",
                if breach { " class=\"breach\"" } else { "" },
                escape(task),
                escape(task_name),
                stat.demanded,
                escape(&l.pct(share(stat.demanded, n))),
                escape(&scope),
                escape(&scope_label(&scope, l))
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}

/// The scope of `task` for `role` from the norm, `""` when either is unknown.
fn norm_scope(norm: &Norm, role: &str, task: &str) -> String {
    match (norm.role_index(role), norm.task_index(task)) {
        (Some(r), Some(t)) => norm.scope(r, t).as_str().to_owned(),
        _ => String::new(),
    }
}

/// The readable mark of a scope.
fn scope_label(scope: &str, l: &Labels) -> String {
    match scope {
        "core" => l.t("core", "Kern").to_owned(),
        "optional" => l.t("optional", "optional").to_owned(),
        "excluded" => l.t("⚠ excluded (scope breach)", "⚠ ausgeschlossen (Scope-Verstoß)").to_owned(),
        other => other.to_owned(),
    }
}

/// A bar chart of counts with shares of `total` on the bars.
#[allow(clippy::too_many_arguments)]
fn count_chart(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    x_label: &str,
    y_label: &str,
    rows: &[(String, String, u64)],
    total: u64,
    l: &Labels,
) {
    let bars = rows
        .iter()
        .map(|(_, label, n)| Bar {
            label: label.clone(),
            value: *n as f64,
            text: format!("{n} ({})", l.pct(share(*n, total))),
        })
        .collect();
    out.push_str(&bar_chart(&BarChart { id, title, desc, x_label, y_label, bars, percent: false }));
}

/// The numbers of a chart as a table: key, label, count, share of `total`.
fn number_table(
    out: &mut String,
    id: &str,
    caption: &str,
    head: &str,
    rows: &[(String, String, u64)],
    total: u64,
    l: &Labels,
) {
    let _ = write!(
        out,
        "<details class=\"numbers\" open><summary>{}</summary><table data-table=\"{id}\"><caption>{}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(l.t("Numbers", "Zahlen")),
        escape(caption),
        escape(head),
        escape(l.t("ads", "Anzeigen")),
        escape(l.t("share", "Anteil"))
    );
    for (key, label, n) in rows {
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><th>{}</th><td class=\"n\">{n}</td><td class=\"n\">{}</td></tr>",
            escape(key),
            escape(label),
            escape(&l.pct(share(*n, total)))
        );
    }
    out.push_str("</tbody></table></details>");
}

/// A table with one row per group and one column per role.
#[allow(clippy::too_many_arguments)]
fn cross_table(
    out: &mut String,
    id: &str,
    caption: &str,
    group: &str,
    data: &BTreeMap<String, Counts>,
    roles: &[String],
    norm: &Norm,
    l: &Labels,
) {
    let _ = write!(
        out,
        "<div class=\"scroll\"><table data-table=\"{id}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        escape(caption),
        escape(group),
        escape(l.t("all", "alle"))
    );
    for role in roles {
        let _ = write!(out, "<th scope=\"col\" class=\"rot\">{}</th>", escape(&role_name(norm, role, l.language)));
    }
    out.push_str("</tr></thead><tbody>");
    for (key, counts) in data {
        let label = if id == "by-month" {
            month_label(key, l)
        } else if key == UNKNOWN {
            l.t("unknown", "unbekannt").to_owned()
        } else {
            key.clone()
        };
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><th scope=\"row\">{}</th><td class=\"n\">{}</td>",
            escape(key),
            escape(&label),
            counts.values().sum::<u64>()
        );
        for role in roles {
            let _ = write!(out, "<td class=\"n\">{}</td>", counts.get(role).copied().unwrap_or(0));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

/// Role ids in the norm's order.
fn role_order(norm: &Norm) -> Vec<&str> {
    norm.roles().iter().map(|r| r.id.as_str()).collect()
}

/// The non-zero entries of `counts`: keys in `order` first (in that order), then the rest by key.
fn ordered(counts: &Counts, order: &[&str]) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> =
        order.iter().filter_map(|k| counts.get(*k).filter(|n| **n > 0).map(|n| ((*k).to_owned(), *n))).collect();
    rows.extend(counts.iter().filter(|(k, n)| **n > 0 && !order.contains(&k.as_str())).map(|(k, n)| (k.clone(), *n)));
    rows
}

/// The role's name in `language`, or its id when the norm does not know it.
fn role_name(norm: &Norm, id: &str, language: Language) -> String {
    norm.role(id).map_or_else(|| id.to_owned(), |r| r.name.get(language).to_owned())
}

/// The platform's name; a group (`meta`) lists its members.
fn platform_name(norm: &Norm, id: &str, l: &Labels) -> String {
    if id == UNKNOWN {
        return l.t("no platform focus", "kein Plattform-Schwerpunkt").to_owned();
    }
    let base = norm.platforms().iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str());
    let members: Vec<&str> = norm
        .platforms()
        .iter()
        .filter(|p| p.group.as_deref() == Some(id) && p.id != id)
        .map(|p| p.name.as_str())
        .collect();
    if members.is_empty() { base.to_owned() } else { format!("{base} ({})", members.join(", ")) }
}

/// A month key for display (`unknown` translated).
fn month_label(key: &str, l: &Labels) -> String {
    if key == UNKNOWN {
        l.t("unknown date", "Datum unbekannt").to_owned()
    } else if key.len() == 4 {
        format!("{key} ({})", l.t("month unknown", "Monat unbekannt"))
    } else {
        key.to_owned()
    }
}
