//! The report's views on a handful of ads analysed here (no shared data needed): which roles it
//! leads with (`RoleSet`), roles over time with gaps, and an interval beside every share.

use std::sync::Arc;

use rolenorm_analyze::{Ad, Analyzer, Format, Language};
use rolenorm_norm::Norm;
use rolenorm_report::{AdMeta, Aggregates, ReportOptions, RoleSet, RunFacts, render_report};

/// (title, text, date): three community managers, two PR managers, five nurses.
const ADS: [(&str, &str, Option<&str>); 10] = [
    ("Community Manager", COMMUNITY, Some("2020-01-15")),
    ("Community Manager", COMMUNITY, Some("2020-03-02")),
    ("Community Manager", COMMUNITY, Some("2018")),
    ("PR Manager", PR, Some("2020-01-20")),
    ("PR Manager", PR, None),
    ("Registered Nurse", NURSE, Some("2020-01-03")),
    ("Registered Nurse", NURSE, Some("2020-03-09")),
    ("Registered Nurse", NURSE, Some("2016")),
    ("Registered Nurse", NURSE, Some("2016-05-01")),
    ("Registered Nurse", NURSE, Some("not a date")),
];
const COMMUNITY: &str = "Du moderierst Kommentare und beantwortest Nachrichten unserer Community auf Instagram.";
const PR: &str = "Your tasks: write press releases, manage media relations and press contacts, plan PR campaigns.";
const NURSE: &str = "You deliver patient care on our ward.";

fn aggregates() -> (Aggregates, Norm) {
    let norm = Norm::builtin().expect("built-in norm");
    let analyzer = Analyzer::new(Arc::new(norm.clone())).expect("analyzer");
    let mut aggregates = Aggregates::new(&norm);
    for (i, (title, text, date)) in ADS.iter().enumerate() {
        let id = format!("ad-{i}");
        let ad = Ad { id: Some(&id), title: Some(title), content: text, format: Some(Format::Text), ..Ad::default() };
        let analysis = analyzer.analyze(ad).expect("analysis");
        let meta = AdMeta { source: Some("board".to_owned()), date: date.map(str::to_owned) };
        aggregates.add_with(&analysis, &meta);
    }
    assert_eq!(aggregates.role_count("community-manager"), 3, "{:?}", aggregates.roles);
    assert_eq!(aggregates.role_count("pr-manager"), 2, "{:?}", aggregates.roles);
    (aggregates, norm)
}

fn render(roles: RoleSet, language: Language) -> String {
    let (aggregates, norm) = aggregates();
    render_report(&aggregates, &norm, &ReportOptions { language, roles, facts: RunFacts::default() })
}

/// The HTML of table `id` (up to its end).
fn table<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("data-table=\"{id}\"")).unwrap_or_else(|| panic!("table {id} missing"));
    &html[start..start + html[start..].find("</table>").expect("table end")]
}

/// The element carrying `data-figure="key"` (up to its end: `</li>`, `</p>` or `</span>`).
fn figure<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html.find(&format!("data-figure=\"{key}\"")).unwrap_or_else(|| panic!("figure {key} missing"));
    let rest = &html[start..];
    let end = ["</li>", "</p>", "</span>"].iter().filter_map(|tag| rest.find(tag)).min().expect("end");
    &rest[..end]
}

#[test]
fn roles_choose_the_family_the_report_leads_with_and_keep_the_rest_as_one_number() {
    let social = render(RoleSet::Social, Language::En);
    let roles = table(&social, "roles");
    assert!(roles.contains("data-key=\"community-manager\"") && !roles.contains("data-key=\"pr-manager\""));
    assert!(roles.contains("100.0 %"), "shares are of the social-media ads: {roles}");
    assert!(figure(&social, "adjacent").contains("<b>2</b>"), "adjacent roles are one number");
    assert!(figure(&social, "other").contains("<b>5</b>"), "other is one number");
    assert!(figure(&social, "in-scope").contains("<b>3</b>"));
    assert!(!table(&social, "jack").contains("pr-manager") && !social.contains("data-role=\"pr-manager\""));

    let adjacent = render(RoleSet::Adjacent, Language::En);
    let roles = table(&adjacent, "roles");
    assert!(roles.contains("data-key=\"pr-manager\"") && !roles.contains("data-key=\"community-manager\""));
    assert!(figure(&adjacent, "social").contains("<b>3</b>"));

    let all = render(RoleSet::All, Language::En);
    let roles = table(&all, "roles");
    assert!(roles.contains("data-key=\"pr-manager\"") && roles.contains("data-key=\"community-manager\""));
    assert!(roles.find("community-manager") < roles.find("pr-manager"), "the social-media family leads");
    assert!(!roles.contains("data-key=\"other\""), "other is never a bar");
    assert!(figure(&all, "in-scope").contains("<b>5</b>"));
}

#[test]
fn roles_over_time_show_gaps_and_keep_year_only_dates_out_of_the_months() {
    let html = render(RoleSet::All, Language::En);
    let months = table(&html, "time-months");
    let keys: Vec<&str> = months.split("data-key=\"").skip(1).map(|s| &s[..s.find('"').unwrap_or(0)]).collect();
    assert_eq!(keys, ["2016-05", "2016-06", "2020-01", "2020-02", "2020-03"], "{months}");
    assert!(months.contains("data-key=\"2016-06\" data-gap=\"43\""), "43 empty months are one gap row");
    assert!(months.contains("data-key=\"2020-02\" data-gap=\"1\""), "an empty month is a gap, not a zero");
    let years = table(&html, "time-years");
    let keys: Vec<&str> = years.split("data-key=\"").skip(1).map(|s| &s[..s.find('"').unwrap_or(0)]).collect();
    assert_eq!(keys, ["2016", "2017", "2018", "2019", "2020"], "{years}");
    assert!(years.contains("data-key=\"2017\" data-gap=\"1\""));
    // 2016: one year-only and one month-dated nurse; 2018: one year-only community manager.
    let row = |key: &str| {
        let start = years.find(&format!("data-key=\"{key}\"")).expect("row");
        &years[start..start + years[start..].find("</tr>").expect("row end")]
    };
    assert!(row("2016").contains("<td class=\"n\">2</td><td class=\"n\">0</td>"), "{}", row("2016"));
    assert!(row("2018").contains("<td class=\"n\">1</td><td class=\"n\">1</td>"), "{}", row("2018"));
    assert!(figure(&html, "year-only").contains(">2"), "two ads give only the year");
    assert!(figure(&html, "undated").contains(">2"), "no date and a bad date");
    assert!(!html.contains("data-table=\"by-month\""), "no chart or table mixes years and months");
}

#[test]
fn every_share_in_the_report_has_its_interval_and_small_bases_are_marked() {
    for language in [Language::En, Language::De] {
        let html = render(RoleSet::All, language);
        let (share, interval) = match language {
            Language::De => (">Anteil<", ">95-%-Intervall<"),
            Language::En => (">share<", ">95 % interval<"),
        };
        let mut tables = 0;
        for table in html.split("<table").skip(1) {
            let head = &table[..table.find("</thead>").unwrap_or(0)];
            assert_eq!(head.matches(share).count(), head.matches(interval).count(), "a share without interval: {head}");
            tables += usize::from(head.contains(share));
        }
        assert!(tables >= 9, "{tables} tables with shares");
        for key in ["in-scope", "title-fit", "jack"] {
            assert!(figure(&html, key).contains("95 %:") || html.contains("class=\"ci\">95 %:"), "{key}");
        }
        assert_eq!(html.matches("class=\"ci\">95 %:").count(), 3, "every headline share has an interval");
        assert!(figure(&html, "title-fit-in-view").contains('–'), "the title fit in the text has its interval");
        let few = if language == Language::De { "⚠ 3 von 5" } else { "⚠ 3 of 5" };
        assert!(html.contains(few), "a share of 5 ads is marked");
        // Percent charts draw the interval as a whisker.
        let jack_chart = &html[html.find("aria-labelledby=\"jack-t").expect("jack chart")..];
        assert!(jack_chart[..jack_chart.find("</svg>").expect("end")].contains("class=\"ci\""));
    }
}
