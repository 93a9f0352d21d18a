//! The market report as one self-contained HTML file: inline CSS, inline SVG, no scripts.

use std::collections::BTreeMap;
use std::fmt::Write;

use rolenorm_norm::{Family, Norm};
use rolenorm_wire::Language;

use crate::aggregates::{Aggregates, Counts, share};
use crate::sections::{jack_section, level_section, platform_section, tasks_section};
use crate::svg::{Bar, BarChart, bar_chart, escape};
use crate::time::time_section;
use crate::view::{Labels, RoleSet, Row, group_label, number_table, open_table, ordered, role_order, wilson};

/// The stylesheet, screen and print. SVG text sizes are in chart units: a chart is drawn 1:1 on
/// a desktop and scaled down on a phone, where the text is set larger to stay readable.
const CSS: &str = r#"
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:1200px;padding:1.5rem;line-height:1.4;overflow-wrap:break-word}
h1{font-size:1.7rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #1f5f99;padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.meta{color:#555}.figures{display:flex;flex-wrap:wrap;gap:.8rem;padding:0;list-style:none}
.figures li{border:1px solid #c8d3de;border-radius:6px;padding:.5rem .8rem;min-width:10rem;max-width:100%}.figures b{display:block;font-size:1.4rem;color:#1f5f99}.figures .ci{display:block;color:#555;font-size:.85rem}
svg.chart{width:100%;max-width:600px;height:auto;display:block;margin:.5rem 0}
svg .bar{fill:#2f78b7}svg .grid{stroke:#dde3ea;stroke-width:1}svg .axis{stroke:#333;stroke-width:1}svg .ci{stroke:#1b1b1b;stroke-width:1.5;fill:none}
svg text{font-family:inherit;font-size:13px;fill:#1b1b1b}svg .ct{font-size:15px;font-weight:600}svg .axl{font-size:12px;font-style:italic;fill:#444}svg .tick{fill:#555;font-size:12px}svg .val{font-weight:600}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.85rem}caption{text-align:left;font-weight:600;padding:.2rem 0;font-size:1rem;max-width:calc(100vw - 1.5rem);position:sticky;left:0}
th,td{border:1px solid #d5dbe1;padding:.2rem .45rem;vertical-align:top}thead th{background:#eef2f6;vertical-align:bottom}tbody th{text-align:left;font-weight:600}
tr.period th{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.id{white-space:nowrap}
th.rot{writing-mode:vertical-rl;writing-mode:sideways-lr;max-height:12rem;font-size:.75rem;font-weight:600;text-align:left;padding:.45rem .2rem}
table.heatmap{font-size:.78rem}.scroll{overflow-x:auto;max-width:100%}
.scroll tbody th,.scroll thead th:first-child{position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #d5dbe1}.scroll thead th:first-child{background:#eef2f6}
td.hm{text-align:right;min-width:2.2rem}td.diag{box-shadow:inset 0 0 0 2px #1b1b1b}
tr.breach td,tr.breach th{background:#fde2e1}tr.gap th,tr.gap td{color:#777;background:repeating-linear-gradient(135deg,#fff 0 6px,#f1f3f5 6px 12px)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}.facts dd{margin:0;overflow-wrap:anywhere}.few{color:#8a5a00;font-size:.85em;white-space:nowrap}.mark-excluded{color:#a4000f;font-weight:700}.mark-core{color:#14622b}.mark-optional{color:#555}
details.numbers{overflow-x:auto;max-width:100%}details.numbers summary{cursor:pointer;color:#1f5f99}
@media (max-width:600px){body{padding:.75rem}h1{font-size:1.4rem}.figures li{flex:1 1 100%}
svg text{font-size:20px}svg .ct{font-size:22px}svg .axl,svg .tick{font-size:19px}svg .tick.odd{display:none}}
@media print{body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}section,figure,table{break-inside:avoid}
details.numbers>*{display:block}.scroll{overflow:visible}tr.breach td,tr.breach th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
td.hm{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

/// Renders the whole report over every normed role: one self-contained HTML document in `language`.
///
/// Every chart is an inline `<svg role="img">` with `<title>` and `<desc>`, followed by its
/// numbers as an HTML table; every text that comes from the data is escaped.
pub fn render_html(aggregates: &Aggregates, norm: &Norm, language: Language) -> String {
    render_html_with(aggregates, norm, language, &RunFacts::default())
}

/// The facts of the run a report was made by, for a reader who cites it.
#[derive(Debug, Clone, Default)]
pub struct RunFacts {
    /// The input files.
    pub inputs: Vec<String>,
    /// When the report was made (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The rolenorm version that made it.
    pub version: Option<String>,
}

/// How a report is rendered: the reader's language, the roles it leads with, the run's facts.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The reader's language.
    pub language: Language,
    /// The roles the report leads with; the others are one number each.
    pub roles: RoleSet,
    /// The run's facts.
    pub facts: RunFacts,
}

/// Renders the report over every normed role with the run's facts and the methods note.
pub fn render_html_with(aggregates: &Aggregates, norm: &Norm, language: Language, facts: &RunFacts) -> String {
    render_report(aggregates, norm, &ReportOptions { language, roles: RoleSet::All, facts: facts.clone() })
}

/// Renders the report as `options` say.
pub fn render_report(aggregates: &Aggregates, norm: &Norm, options: &ReportOptions) -> String {
    let l = Labels { language: options.language, set: options.roles, norm };
    let mut body = String::new();
    header(&mut body, aggregates, &l);
    facts_section(&mut body, aggregates, &options.facts, &l);
    roles_section(&mut body, aggregates, &l);
    time_section(&mut body, aggregates, &l);
    groups_section(&mut body, aggregates, &l);
    title_section(&mut body, aggregates, &l);
    jack_section(&mut body, aggregates, &l);
    platform_section(&mut body, aggregates, &l);
    level_section(&mut body, aggregates, &l);
    tasks_section(&mut body, aggregates, &l);
    let title = l.t("Job market report: social-media roles", "Marktbericht: Social-Media-Rollen");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        options.language.code(),
        escape(title)
    )
}

/// The ads of the roles in view, and of these the title fits and the jacks of all trades.
fn headline(a: &Aggregates, l: &Labels) -> (u64, u64, u64) {
    let scope = l.selected_ads(&a.roles);
    let fits = a.title_matrix.iter().filter(|(t, _)| l.selected(t)).filter_map(|(t, row)| row.get(t)).sum();
    let jack = l.selected_ads(&a.jack_by_role);
    (scope, fits, jack)
}

/// The title, the norm and the key figures, each share with its interval.
fn header(out: &mut String, a: &Aggregates, l: &Labels) {
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">{} {} · {}</p>",
        escape(l.t("Job market report: social-media roles", "Marktbericht: Social-Media-Rollen")),
        escape(l.t("Norm", "Norm")),
        escape(&a.norm),
        escape(l.norm.identity().title.get(l.language)),
    );
    let (scope, fits, jack) = headline(a, l);
    out.push_str("<ul class=\"figures\">");
    let _ = write!(
        out,
        "<li data-figure=\"ads\"><b>{}</b>{}</li>",
        a.ads,
        escape(l.t("analysed ads", "analysierte Anzeigen"))
    );
    let scope_label = format!("{} {}", l.t("ads of", "Anzeigen für"), l.set_name());
    for (key, label, n, total) in [
        ("in-scope", scope_label.as_str(), scope, a.ads),
        ("title-fit", l.t("of these: title fits content", "davon: Titel passt zum Inhalt"), fits, scope),
        ("jack", l.t("of these: jack of all trades", "davon: eierlegende Wollmilchsau"), jack, scope),
    ] {
        let (low, high) = wilson(n, total);
        let value = if key == "in-scope" { n.to_string() } else { l.pct(share(n, total)) };
        let detail = if key == "in-scope" { l.pct(share(n, total)) } else { format!("{n} / {total}") };
        let _ = write!(
            out,
            "<li data-figure=\"{key}\"><b>{}</b>{} ({}){}<span class=\"ci\">95 %: {} – {}</span></li>",
            escape(&value),
            escape(label),
            escape(&detail),
            l.few(n, total),
            escape(&l.pct(low)),
            escape(&l.pct(high))
        );
    }
    let _ = writeln!(
        out,
        "<li data-figure=\"errors\"><b>{}</b>{}</li></ul></header>",
        a.errors,
        escape(l.t("error lines skipped", "übersprungene Fehlerzeilen"))
    );
}

/// The measured quality of the analyzer (README, "Quality": `rolenorm eval` on dev-real, 164 real ads,
/// norm 0.13.0); update it with the README table.
const QUALITY_EN: &str = "Measured on 164 labelled real ads (dev-real, norm 0.13.0): role accuracy 0.970 (0.969 on a held-out fold), social-media family F1 0.971, title fit accuracy 0.943, level accuracy 0.844, jack-of-all-trades F1 0.600 (6 positives, so this figure is uncertain), task F1 0.667; on 899 labelled market ads, 96 % of the social-media verdicts are social-media jobs (corpus-weighted precision) and 92 % of the social-media jobs are found (README, Quality).";
const QUALITY_DE: &str = "Gemessen an 164 gelabelten echten Anzeigen (dev-real, Norm 0.13.0): Rollen-Genauigkeit 0,970 (0,969 auf einem zurückgehaltenen Teil), F1 der Social-Media-Familie 0,971, Genauigkeit Titel-Passung 0,943, Genauigkeit Karrierestufe 0,844, F1 Wollmilchsau 0,600 (6 Positive, daher unsicher), Aufgaben-F1 0,667; an 899 gelabelten Marktanzeigen sind 96 % der Social-Media-Urteile Social-Media-Stellen (Präzision, nach Korpus gewichtet), und 92 % der Social-Media-Stellen werden gefunden (README, Quality).";

/// The run's facts and how the figures were made.
fn facts_section(out: &mut String, a: &Aggregates, facts: &RunFacts, l: &Labels) {
    let none = "—".to_owned();
    let rows = [
        (l.t("input", "Eingabe"), if facts.inputs.is_empty() { none.clone() } else { facts.inputs.join(", ") }),
        (l.t("made on", "erstellt am"), facts.date.clone().unwrap_or_else(|| none.clone())),
        (l.t("norm", "Norm"), a.norm.clone()),
        ("rolenorm", facts.version.clone().unwrap_or(none)),
        (l.t("ads", "Anzeigen"), a.ads.to_string()),
        (l.t("error lines", "Fehlerzeilen"), a.errors.to_string()),
        (l.t("roles in view", "gezeigte Rollen"), l.set_name().to_owned()),
    ];
    let _ =
        write!(out, "<section id=\"facts\"><h2>{}</h2><dl class=\"facts\">", escape(l.t("This run", "Dieser Lauf")));
    for (label, value) in rows {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(&value));
    }
    let _ = writeln!(
        out,
        "</dl><p class=\"methods\"><b>{}</b> {} {} {} <code>rolenorm norm export --format markdown</code> ({}).</p></section>",
        escape(l.t("Methods.", "Methode.")),
        escape(l.t(
            "Each ad's role is the normed role whose core tasks its text demands (not its title). Shares are of the ads of the roles in view unless a table says otherwise, each with its 95 % Wilson interval; ⚠ n of N marks a share whose base N is fewer than 30 ads.",
            "Die Rolle jeder Anzeige ist die genormte Rolle, deren Kernaufgaben ihr Text verlangt (nicht ihr Titel). Anteile beziehen sich auf die Anzeigen der gezeigten Rollen, wenn eine Tabelle nichts anderes sagt, jeweils mit 95-%-Wilson-Intervall; ⚠ n von N markiert einen Anteil, dessen Basis N weniger als 30 Anzeigen umfasst.",
        )),
        escape(l.t(QUALITY_EN, QUALITY_DE)),
        escape(l.t("The norm:", "Die Norm:")),
        escape(l.norm.identity().title.get(l.language)),
    );
}

/// The ads outside the view, one number per kind: no normed role, and the other family.
fn outside_figures(out: &mut String, a: &Aggregates, l: &Labels) {
    let family_ads = |family: Family| -> u64 {
        a.roles.iter().filter(|(r, _)| l.norm.role(r).is_some_and(|x| x.family == family)).map(|(_, n)| *n).sum()
    };
    let mut figures = vec![(
        "other",
        l.t(
            "Ads of no normed social-media or adjacent role",
            "Anzeigen keiner genormten Social-Media- oder Nachbarrolle",
        ),
        family_ads(Family::Other),
    )];
    match l.set {
        RoleSet::Social => figures.push((
            "adjacent",
            l.t("Ads of an adjacent role", "Anzeigen einer Nachbarrolle"),
            family_ads(Family::Adjacent),
        )),
        RoleSet::Adjacent => figures.push((
            "social",
            l.t("Ads of a social-media role", "Anzeigen einer Social-Media-Rolle"),
            family_ads(Family::SocialMedia),
        )),
        RoleSet::All => {}
    }
    for (key, label, n) in figures {
        let _ = write!(
            out,
            "<p data-figure=\"{key}\">{}: <b>{n}</b> — {} {}</p>",
            escape(label),
            escape(&l.share_text(n, a.ads)),
            escape(l.t("of all ads; not charted", "aller Anzeigen; nicht dargestellt"))
        );
    }
}

/// The role distribution over the ads of the roles in view; the rest is one number each.
fn roles_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let title = l.t("Normed roles (what the ads describe)", "Normierte Rollen (was die Anzeigen beschreiben)");
    let _ = write!(out, "<section id=\"roles\"><h2>{}</h2>", escape(title));
    outside_figures(out, a, l);
    let scope = l.selected_ads(&a.roles);
    let rows: Vec<Row> = l
        .selected_roles(a)
        .into_iter()
        .map(|id| {
            let n = a.role_count(&id);
            (l.role_name(&id), n, id)
        })
        .map(|(name, n, id)| (id, name, n))
        .collect();
    let desc = l.t(
        "Share of each normed role among the ads in view, with its 95 % Wilson interval as a whisker.",
        "Anteil jeder normierten Rolle an den gezeigten Anzeigen, mit 95-%-Wilson-Intervall als Fehlerbalken.",
    );
    share_chart(
        out,
        "roles",
        title,
        desc,
        l.t("share of the ads in view", "Anteil an den gezeigten Anzeigen"),
        l.t("role", "Rolle"),
        &rows,
        scope,
        l,
    );
    number_table(out, "roles", title, l.t("role", "Rolle"), &rows, scope, l);
    out.push_str("</section>\n");
}

/// A percent bar chart of `rows` as shares of `total`, each with its interval as a whisker.
#[allow(clippy::too_many_arguments)]
pub(crate) fn share_chart(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    x_label: &str,
    y_label: &str,
    rows: &[Row],
    total: u64,
    l: &Labels,
) {
    let bars = rows
        .iter()
        .map(|(_, label, n)| {
            let (low, high) = wilson(*n, total);
            Bar {
                label: label.clone(),
                value: share(*n, total) * 100.0,
                text: format!("{n} ({})", l.pct(share(*n, total))),
                interval: Some((low * 100.0, high * 100.0)),
            }
        })
        .collect();
    out.push_str(&bar_chart(&BarChart { id, title, desc, x_label, y_label, bars, percent: true }));
}

/// Roles by language and by source: counts per role in view, and the share of the ads in view.
fn groups_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let _ = write!(
        out,
        "<section id=\"groups\"><h2>{}</h2>",
        escape(l.t("Roles by language and source", "Rollen nach Sprache und Quelle"))
    );
    let roles = l.selected_roles(a);
    cross_table(
        out,
        "by-language",
        l.t("Roles by language", "Rollen nach Sprache"),
        l.t("language", "Sprache"),
        &a.roles_by_language,
        &roles,
        l,
    );
    cross_table(
        out,
        "by-source",
        l.t("Roles by source", "Rollen nach Quelle"),
        l.t("source", "Quelle"),
        &a.roles_by_source,
        &roles,
        l,
    );
    out.push_str("</section>\n");
}

/// A table with one row per group: all ads, ads in view with share and interval, one column per
/// role in view, and the ads of every other role.
fn cross_table(
    out: &mut String,
    id: &str,
    caption: &str,
    group: &str,
    data: &BTreeMap<String, Counts>,
    roles: &[String],
    l: &Labels,
) {
    open_table(out, id, caption, &[group, l.t("all ads", "alle Anzeigen"), l.t("in view", "gezeigt")], l);
    for role in roles {
        let _ = write!(out, "<th scope=\"col\" class=\"rot\">{}</th>", escape(&l.role_name(role)));
    }
    let _ = write!(
        out,
        "<th scope=\"col\" class=\"rot\">{}</th></tr></thead><tbody>",
        escape(l.t("other roles", "andere Rollen"))
    );
    for (key, counts) in data {
        let all: u64 = counts.values().sum();
        let scope = l.selected_ads(counts);
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><th scope=\"row\">{}</th><td class=\"n\">{all}</td><td class=\"n\">{scope}</td>{}",
            escape(key),
            escape(&group_label(key, l)),
            l.share_cells(scope, all)
        );
        for role in roles {
            let _ = write!(out, "<td class=\"n\">{}</td>", counts.get(role).copied().unwrap_or(0));
        }
        let _ = write!(out, "<td class=\"n\">{}</td></tr>", all - scope.min(all));
    }
    out.push_str("</tbody></table></div>");
}

/// The key of the bucket that holds every role outside the view in the title matrix.
const OUTSIDE: &str = "~outside";

/// The title role × content role heat map over the roles in view; every other role is one bucket.
fn title_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let title = l.t("What the title says × what the ad describes", "Was der Titel sagt × was die Anzeige beschreibt");
    let (scope, fits, _) = headline(a, l);
    let _ = write!(
        out,
        "<section id=\"titles\"><h2>{}</h2><p data-figure=\"title-fit-in-view\">{}: <b>{}</b> ({fits} / {scope}){}.</p>",
        escape(title),
        escape(l.t("Title fits content, ads in view", "Titel passt zum Inhalt, gezeigte Anzeigen")),
        escape(&l.share_text(fits, scope)),
        l.few(fits, scope)
    );
    let matrix = bucketed_matrix(a, l);
    let (rows, cols) = matrix_axes(&matrix, l);
    let cell = |r: &str, c: &str| matrix.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0);
    let max = rows
        .iter()
        .flat_map(|r| cols.iter().map(move |c| (r, c)))
        .filter(|(r, c)| !(*r == OUTSIDE && *c == OUTSIDE))
        .map(|(r, c)| cell(r, c))
        .max()
        .unwrap_or(0);
    let name = |id: &str| if id == OUTSIDE { l.t("other roles", "andere Rollen").to_owned() } else { l.role_name(id) };
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"heatmap\" data-table=\"title-matrix\"><caption>{}</caption><thead><tr><th scope=\"col\">{} ↓ / {} →</th>",
        escape(title),
        escape(l.t("title role", "Titelrolle")),
        escape(l.t("content role", "Inhaltsrolle"))
    );
    for c in &cols {
        let _ = write!(out, "<th scope=\"col\" class=\"rot\">{}</th>", escape(&name(c)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(&name(r)));
        for c in &cols {
            heat_cell(out, cell(r, c), max, r == c && r != OUTSIDE);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></section>\n");
}

/// The title matrix with every role outside the view in one bucket ([`OUTSIDE`]).
fn bucketed_matrix(a: &Aggregates, l: &Labels) -> BTreeMap<String, Counts> {
    let bucket = |role: &str| if l.selected(role) { role.to_owned() } else { OUTSIDE.to_owned() };
    let mut matrix: BTreeMap<String, Counts> = BTreeMap::new();
    for (t, row) in &a.title_matrix {
        let cells = matrix.entry(bucket(t)).or_default();
        for (c, n) in row {
            *cells.entry(bucket(c)).or_insert(0) += n;
        }
    }
    matrix
}

/// The matrix's title roles (rows) and content roles (columns) with ads, in the norm's order,
/// the bucket last.
fn matrix_axes(matrix: &BTreeMap<String, Counts>, l: &Labels) -> (Vec<String>, Vec<String>) {
    let mut order = role_order(l.norm);
    order.push(OUTSIDE);
    let mut titles: Counts = BTreeMap::new();
    let mut contents: Counts = BTreeMap::new();
    for (t, row) in matrix {
        titles.insert(t.clone(), row.values().sum());
        for (c, n) in row {
            *contents.entry(c.clone()).or_insert(0) += n;
        }
    }
    let ids = |counts: &Counts| ordered(counts, &order).into_iter().map(|(id, _)| id).collect();
    (ids(&titles), ids(&contents))
}

/// One heat-map cell, shaded by `n / max` (a cell above `max` is shaded fully).
fn heat_cell(out: &mut String, n: u64, max: u64, diagonal: bool) {
    let strength = if max == 0 || n == 0 { 0.0 } else { 0.12 + 0.88 * (n as f64 / max as f64).sqrt().min(1.0) };
    let ink = if strength > 0.55 { "#fff" } else { "#1b1b1b" };
    let class = if diagonal { "hm diag" } else { "hm" };
    let _ =
        write!(out, "<td class=\"{class}\" style=\"background:rgba(31,95,153,{strength:.2});color:{ink}\">{n}</td>");
}
