//! Norm 0.4.0: breadth counts distinct roles (norm 0.6.0: of distinct departments), a job that is mostly unrelated work is `other`,
//! and the employer's name is no platform.
#![allow(clippy::unwrap_used)]

mod common;

use common::{analyze, analyzer};
use rolenorm_wire::AdRecord;

const ALL_HATS: &str = "Your responsibilities
- Write press releases, pitch stories to journalists and answer media enquiries
- Manage our website in the CMS and keep its pages up to date
- Run our Instagram and LinkedIn channels: plan, post and reply to comments
- Design flyers, posters and brochures for print
- Organise our trade fair stands and customer events
- Produce our monthly newsletter";

#[test]
fn a_communications_role_with_every_hat_is_a_wollmilchsau_though_each_task_is_in_its_scope() {
    let a = analyze(Some("Communications Manager (m/f/d)"), ALL_HATS);
    assert_eq!(a.role, "pr-manager");
    assert!(a.jack_of_all_trades, "{:?}", a.breadth);
    for role in ["pr-manager", "content-manager", "social-media-manager", "designer"] {
        assert!(a.breadth.iter().any(|r| r == role), "{role} missing from {:?}", a.breadth);
    }
    let finding = a.findings.iter().find(|f| f.code.as_str() == "jack-of-all-trades").unwrap();
    assert!(finding.message.contains("Graphic"), "{}", finding.message);
}

#[test]
fn four_roles_of_two_departments_are_no_wollmilchsau() {
    // Paid social with reporting, search ads and a hand in the marketing plan: the social-media
    // team's and marketing's work (norm 0.6.0's departments), not four jobs.
    let a = analyze(
        Some("Paid Social Manager (m/f/d)"),
        "Your tasks
- Plan, launch and optimise paid campaigns on Meta Ads, TikTok Ads and LinkedIn Ads
- Manage the paid social budget, bidding and audience targeting
- Test ad creatives in A/B tests and brief our designers
- Report on campaign performance and build dashboards for the marketing team
- Run Google Ads search campaigns and SEA together with the performance marketing team
- Moderate comments on our ads and answer questions from the community
- Contribute to our marketing strategy and the annual marketing plan",
    );
    assert_eq!(a.role, "paid-social-manager");
    assert_eq!(
        a.breadth,
        ["paid-social-manager", "social-media-manager", "online-marketing-manager", "marketing-manager"]
    );
    assert!(!a.jack_of_all_trades);
}

#[test]
fn social_media_specialities_count_as_the_social_media_managers_work() {
    let a = analyze(
        Some("Social Media Manager (m/f/d)"),
        "Your tasks
- Develop our social media strategy and set goals and KPIs for every channel
- Plan and publish posts on Instagram, TikTok and LinkedIn
- Moderate comments and answer messages from our community
- Report monthly on reach and engagement and derive improvements",
    );
    assert_eq!(a.role, "social-media-manager");
    assert_eq!(a.breadth, ["social-media-manager"]);
    assert!(!a.jack_of_all_trades);
}

#[test]
fn a_job_that_is_mostly_coding_is_other_whatever_its_title() {
    let a = analyze(
        Some("Digital Content Manager (m/f/d)"),
        "Your tasks
- Develop and extend our online shop's front-end in JavaScript and TypeScript
- Write unit tests and take part in code reviews
- Build APIs for our back-end services
- Now and then help the marketing team with a landing page",
    );
    assert_eq!(a.role, "other", "{:?}", a.roles);
    assert!(!a.title_fits);
    assert!(!a.jack_of_all_trades);
}

#[test]
fn negated_duties_are_not_demanded() {
    let a = analyze(
        Some("Online-Redakteur:in (m/w/d)"),
        "Deine Aufgaben\n• Du pflegst die Inhalte unserer Website im CMS, ohne zu programmieren\n• Du schreibst Blogartikel und Newsletter",
    );
    assert!(a.tasks.iter().all(|t| t.id != "ADJ-01"), "{:?}", a.tasks);
}

fn platform_record(company: Option<&str>) -> AdRecord {
    AdRecord {
        title: Some("Product Analyst, Growth, YouTube".into()),
        text: Some(
            "Your tasks
- Define the performance metrics for YouTube's product area
- Own metric reporting to YouTube's leaders and build dashboards and reports
- Analyse how YouTube users engage with new features and track KPIs
- Present insights to YouTube and Google product teams"
                .into(),
        ),
        company: company.map(str::to_owned),
        ..AdRecord::default()
    }
}

#[test]
fn the_employers_name_is_no_platform() {
    let unknown = analyzer().analyze_record(&platform_record(None)).unwrap();
    assert_eq!(unknown.role, "social-media-analyst", "without the employer the mentions read as the platform");
    let employer = analyzer().analyze_record(&platform_record(Some("YouTube"))).unwrap();
    assert_eq!(employer.role, "other");
    assert!(employer.platforms.is_empty(), "{:?}", employer.platforms);
    assert_eq!(employer.platform_focus, None);
}

#[test]
fn a_jsonl_line_carries_the_company() {
    let line = serde_json::to_vec(&platform_record(Some("YouTube"))).unwrap();
    let mut scratch = rolenorm_analyze::Scratch::default();
    let a = analyzer().analyze_line(&line, &mut scratch).unwrap();
    assert_eq!(a.role, "other");
    assert!(a.platforms.is_empty());
}

/// The built-in norm with `uncertain_below` set to `threshold`.
fn analyzer_with_uncertainty(threshold: f32) -> rolenorm_analyze::Analyzer {
    let mut document = rolenorm_norm::NormDocument::builtin().unwrap();
    document.scoring.uncertain_below = threshold;
    let norm = rolenorm_norm::Norm::from_document(&document).unwrap();
    rolenorm_analyze::Analyzer::new(std::sync::Arc::new(norm)).unwrap()
}

#[test]
fn a_verdict_below_the_threshold_says_it_is_uncertain_in_the_ads_language() {
    let ad = rolenorm_analyze::Ad {
        title: Some("Social Media Manager (m/w/d)"),
        content: "Deine Aufgaben\n• Du betreust unsere Kanäle auf Instagram und TikTok\n• Du schreibst Blogartikel",
        ..rolenorm_analyze::Ad::default()
    };
    let never = analyzer_with_uncertainty(0.0).analyze(ad).unwrap();
    assert!(never.findings.iter().all(|f| f.code.as_str() != "uncertain-role"));
    let always = analyzer_with_uncertainty(1.01).analyze(ad).unwrap();
    let finding = always.findings.iter().find(|f| f.code.as_str() == "uncertain-role").unwrap();
    assert!(finding.message.starts_with("Das Ergebnis ist unsicher"), "{}", finding.message);
    assert!(finding.message.contains(&always.role_name), "{}", finding.message);
    assert!(finding.message.contains(&always.roles[1].name), "{}", finding.message);
}

#[test]
fn a_social_media_title_alone_makes_no_social_media_job() {
    let a = analyze(
        Some("Child Mental Health Community Manager"),
        "You will lead our front door service, triage referrals and offer short-term clinical interventions to \
         young people and families. A relevant clinical qualification is essential.",
    );
    assert_eq!(a.title_role, "community-manager");
    assert_eq!(a.role, "other", "{:?}", a.roles);
    // The same title over community work is the community manager's job.
    let b = analyze(
        Some("Community Manager (m/f/d)"),
        "Your tasks\n- Moderate comments on Instagram and TikTok and answer messages from our community\n- Grow and \
         activate our online community",
    );
    assert_eq!(b.role, "community-manager");
}

#[test]
fn a_senior_position_owns_the_breadth_of_four_departments() {
    // Norm 0.10.0: PR, editorial content, social media and design are four departments; a
    // professional asked for all of them is a Wollmilchsau, a senior one owns them.
    let hats = ALL_HATS
        .replace("- Organise our trade fair stands and customer events\n", "")
        .replace("\n- Produce our monthly newsletter", "");
    let professional = analyze(Some("Communications Manager (m/f/d)"), &hats);
    let senior = analyze(Some("Senior Communications Manager (m/f/d)"), &hats);
    assert_eq!(senior.level, "senior");
    assert_eq!(professional.breadth, senior.breadth);
    assert!(professional.jack_of_all_trades, "{:?}", professional.breadth);
    assert!(!senior.jack_of_all_trades, "{:?}", senior.breadth);
}
