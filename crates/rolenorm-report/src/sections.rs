//! The report's sections on the ads of the roles in view: jack of all trades, platform focus,
//! levels and the most demanded tasks.

use std::fmt::Write;

use crate::aggregates::{Aggregates, Counts, UNKNOWN, share};
use crate::html::share_chart;
use crate::svg::{Bar, BarChart, bar_chart, escape};
use crate::view::{Labels, Row, number_table, open_table, ordered, selected_counts, wilson};

/// How many tasks the per-role tables list.
const TOP_TASKS: usize = 10;
/// How many role pairs the piling table lists.
const TOP_PAIRS: usize = 20;

/// Jack-of-all-trades rates of the roles in view and the roles piled onto each.
pub(crate) fn jack_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let title = l.t("Jack of all trades by role", "Eierlegende Wollmilchsau je Rolle");
    let _ = write!(out, "<section id=\"jack\"><h2>{}</h2>", escape(title));
    let roles = l.selected_roles(a);
    let bars: Vec<Bar> = roles
        .iter()
        .map(|id| {
            let (jack, n) = (a.jack_by_role.get(id).copied().unwrap_or(0), a.role_count(id));
            let (low, high) = wilson(jack, n);
            Bar {
                label: l.role_name(id),
                value: share(jack, n) * 100.0,
                text: format!("{jack} / {n} ({})", l.pct(share(jack, n))),
                interval: Some((low * 100.0, high * 100.0)),
            }
        })
        .collect();
    let desc = l.t(
        "Share of each role's ads that pile the work of several roles onto one position, with its 95 % Wilson interval as a whisker.",
        "Anteil der Anzeigen je Rolle, die die Arbeit mehrerer Rollen auf eine Stelle häufen, mit 95-%-Wilson-Intervall als Fehlerbalken.",
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
    let heads = [l.t("role", "Rolle"), l.t("jack ads", "Wollmilchsau-Anzeigen"), l.t("ads", "Anzeigen")];
    open_table(out, "jack", title, &heads, l);
    out.push_str("</tr></thead><tbody>");
    for id in &roles {
        let (jack, n) = (a.jack_by_role.get(id).copied().unwrap_or(0), a.role_count(id));
        let _ = write!(
            out,
            "<tr data-key=\"{}\"><th scope=\"row\">{}</th><td class=\"n\">{jack}</td><td class=\"n\">{n}</td>{}</tr>",
            escape(id),
            escape(&l.role_name(id)),
            l.share_cells(jack, n)
        );
    }
    out.push_str("</tbody></table></div>");
    piled_table(out, a, l);
    out.push_str("</section>\n");
}

/// The most frequent (role in view, piled role) pairs.
fn piled_table(out: &mut String, a: &Aggregates, l: &Labels) {
    let mut pairs: Vec<(&str, &str, u64)> = a
        .piled
        .iter()
        .filter(|(r, _)| l.selected(r))
        .flat_map(|(r, m)| m.iter().map(move |(o, n)| (r.as_str(), o.as_str(), *n)))
        // `other` has no work of its own to pile onto a role.
        .filter(|(_, o, _)| l.norm.role(o).is_none_or(|x| x.family != rolenorm_norm::Family::Other))
        .collect();
    pairs.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
    if pairs.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            escape(l.t(
                "No ad of the roles in view piles other roles' work onto its role.",
                "Keine Anzeige der gezeigten Rollen häuft Arbeit anderer Rollen auf."
            ))
        );
        return;
    }
    let caption = l.t(
        "Whose work is piled onto which role (from breadth; share of the role's ads)",
        "Wessen Arbeit welcher Rolle aufgeladen wird (aus der Breite; Anteil an den Anzeigen der Rolle)",
    );
    let heads = [
        l.t("role of the ad", "Rolle der Anzeige"),
        l.t("also the work of", "auch die Arbeit von"),
        l.t("ads", "Anzeigen"),
    ];
    open_table(out, "piled", caption, &heads, l);
    out.push_str("</tr></thead><tbody>");
    for (role, other, n) in pairs.into_iter().take(TOP_PAIRS) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td>{}</tr>",
            escape(&l.role_name(role)),
            escape(&l.role_name(other)),
            l.share_cells(n, a.role_count(role))
        );
    }
    out.push_str("</tbody></table></div>");
}

/// The counts of the roles in view from `by_role`, or `all` for aggregates made before the
/// per-role counts existed.
fn in_view(by_role: &std::collections::BTreeMap<String, Counts>, all: &Counts, l: &Labels) -> Counts {
    if by_role.is_empty() { all.clone() } else { selected_counts(by_role, l) }
}

/// Platform focus shares of the ads in view.
pub(crate) fn platform_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let title = l.t("Platform focus", "Plattform-Schwerpunkt");
    let _ = write!(out, "<section id=\"platforms\"><h2>{}</h2>", escape(title));
    let counts = in_view(&a.platform_focus_by_role, &a.platform_focus, l);
    let total = counts.values().sum();
    let mut rows: Vec<Row> = counts.iter().map(|(id, n)| (id.clone(), platform_name(id, l), *n)).collect();
    rows.sort_by(|x, y| (x.0 == UNKNOWN).cmp(&(y.0 == UNKNOWN)).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
    let desc = l.t(
        "Share of the ads in view whose social-media work concentrates on one platform, and of those without such a focus.",
        "Anteil der gezeigten Anzeigen, deren Social-Media-Arbeit sich auf eine Plattform konzentriert, und der Anzeigen ohne Schwerpunkt.",
    );
    let x_label = l.t("share of the ads in view", "Anteil an den gezeigten Anzeigen");
    share_chart(out, "platforms", title, desc, x_label, l.t("platform", "Plattform"), &rows, total, l);
    number_table(out, "platforms", title, l.t("platform", "Plattform"), &rows, total, l);
    out.push_str("</section>\n");
}

/// The level distribution of the ads in view.
pub(crate) fn level_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let title = l.t("Career levels", "Karrierestufen");
    let _ = write!(out, "<section id=\"levels\"><h2>{}</h2>", escape(title));
    let counts = in_view(&a.levels_by_role, &a.levels, l);
    let total = counts.values().sum();
    let order: Vec<&str> = l.norm.levels().iter().map(|v| v.id.as_str()).collect();
    let rows: Vec<Row> = ordered(&counts, &order)
        .into_iter()
        .map(|(id, n)| {
            let name =
                l.norm.levels().iter().find(|v| v.id == id).map_or(id.clone(), |v| v.name.get(l.language).to_owned());
            (id, name, n)
        })
        .collect();
    let desc = l.t("Share of the ads in view per career level.", "Anteil der gezeigten Anzeigen je Karrierestufe.");
    let x_label = l.t("share of the ads in view", "Anteil an den gezeigten Anzeigen");
    share_chart(out, "levels", title, desc, x_label, l.t("level", "Stufe"), &rows, total, l);
    number_table(out, "levels", title, l.t("level", "Stufe"), &rows, total, l);
    out.push_str("</section>\n");
}

/// Per role in view the most demanded tasks with their scope; excluded tasks are highlighted.
pub(crate) fn tasks_section(out: &mut String, a: &Aggregates, l: &Labels) {
    let _ = write!(
        out,
        "<section id=\"tasks\"><h2>{}</h2><p>{}</p>",
        escape(l.t("Most demanded tasks per role", "Meistverlangte Aufgaben je Rolle")),
        escape(l.t(
            "Shares are of the role's ads. Tasks the norm excludes from a role (scope breaches) are highlighted in red.",
            "Anteile beziehen sich auf die Anzeigen der Rolle. Aufgaben, die die Norm für eine Rolle ausschließt (Scope-Verstöße), sind rot hervorgehoben."
        ))
    );
    for role in l.selected_roles(a) {
        role_tasks(out, a, &role, l);
    }
    out.push_str("</section>\n");
}

/// One role's task table.
fn role_tasks(out: &mut String, a: &Aggregates, role: &str, l: &Labels) {
    let n = a.role_count(role);
    let name = l.role_name(role);
    let ads = if n == 1 { l.t("ad", "Anzeige") } else { l.t("ads", "Anzeigen") };
    let _ = write!(out, "<h3>{} ({n} {})</h3>", escape(&name), escape(ads));
    // Only a role with a scope (core tasks) can be breached; `other` has none.
    let scoped = l.norm.role(role).is_some_and(|r| !r.core.is_empty());
    let tasks = a.top_tasks(role);
    if tasks.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            escape(l.t(
                "No ad of this role demands a task of the norm.",
                "Keine Anzeige dieser Rolle verlangt eine Aufgabe der Norm."
            ))
        );
        return;
    }
    let _ = write!(
        out,
        "<div class=\"scroll\"><table data-table=\"tasks\" data-role=\"{}\"><caption>{}: {}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>{}<th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(role),
        escape(l.t("Tasks demanded by ads of", "Verlangte Aufgaben in Anzeigen für")),
        escape(&name),
        escape(l.t("task", "Aufgabe")),
        escape(l.t("name", "Name")),
        escape(l.t("ads", "Anzeigen")),
        l.share_heads(),
        escape(l.t("norm", "Norm"))
    );
    for (task, stat) in tasks.into_iter().take(TOP_TASKS) {
        let scope =
            if scoped { stat.scope.clone().unwrap_or_else(|| norm_scope(l, role, task)) } else { "none".to_owned() };
        let task_name = l.norm.task(task).map_or("", |t| t.name.get(l.language));
        let _ = write!(
            out,
            "<tr{}><td class=\"id\">{}</td><td>{}</td><td class=\"n\">{}</td>{}<td class=\"mark-{}\">{}</td></tr>",
            if scope == "excluded" { " class=\"breach\"" } else { "" },
            escape(task),
            escape(task_name),
            stat.demanded,
            l.share_cells(stat.demanded, n),
            escape(&scope),
            escape(&scope_label(&scope, l))
        );
    }
    out.push_str("</tbody></table></div>");
}

/// The scope of `task` for `role` from the norm, `""` when either is unknown.
fn norm_scope(l: &Labels, role: &str, task: &str) -> String {
    match (l.norm.role_index(role), l.norm.task_index(task)) {
        (Some(r), Some(t)) => l.norm.scope(r, t).as_str().to_owned(),
        _ => String::new(),
    }
}

/// The readable mark of a scope.
fn scope_label(scope: &str, l: &Labels) -> String {
    match scope {
        "core" => l.t("core", "Kern").to_owned(),
        "optional" => l.t("optional", "optional").to_owned(),
        "excluded" => l.t("⚠ excluded (scope breach)", "⚠ ausgeschlossen (Scope-Verstoß)").to_owned(),
        "none" => "—".to_owned(),
        other => other.to_owned(),
    }
}

/// The platform's name; a group (`meta`) lists its members.
fn platform_name(id: &str, l: &Labels) -> String {
    if id == UNKNOWN {
        return l.t("no platform focus", "kein Plattform-Schwerpunkt").to_owned();
    }
    let platforms = l.norm.platforms();
    let base = platforms.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str());
    let members: Vec<&str> =
        platforms.iter().filter(|p| p.group.as_deref() == Some(id) && p.id != id).map(|p| p.name.as_str()).collect();
    if members.is_empty() { base.to_owned() } else { format!("{base} ({})", members.join(", ")) }
}
