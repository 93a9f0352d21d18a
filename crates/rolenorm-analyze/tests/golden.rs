//! Golden analyses of whole ads in both languages (insta snapshots under `tests/snapshots/`).
//! After a deliberate change to the norm or the method: `INSTA_UPDATE=always cargo test`, then
//! review the diff.
#![allow(clippy::unwrap_used)]

mod common;

use rolenorm_analyze::Ad;

fn golden(name: &str, title: Option<&str>, content: &str) {
    let analysis = common::analyzer().analyze(Ad { title, content, ..Ad::default() }).unwrap();
    insta::assert_json_snapshot!(name, analysis);
}

fn example(file: &str) -> String {
    std::fs::read_to_string(common::repo_root().join("examples/ads").join(file)).unwrap()
}

#[test]
fn bakery_social_media_manager_de() {
    golden("bakery_social_media_manager_de", None, &example("social-media-manager-de.txt"));
}

#[test]
fn game_community_manager_en_json_ld_in_html() {
    golden("game_community_manager_en", None, &example("community-manager-en.html"));
}

#[test]
fn paid_social_en() {
    golden(
        "paid_social_en",
        Some("Paid Social Manager (f/m/d)"),
        "About us\nWe are a fashion e-commerce brand.\n\nYour tasks\n- Plan, set up and optimise paid social campaigns on Meta, TikTok and Pinterest\n- Own targeting, bidding and the monthly ad budget\n- Set up tracking with the Meta pixel and UTM parameters\n- Run A/B tests on creatives and audiences and report on ROAS\n\nWhat we offer\n- Hybrid work",
    );
}

#[test]
fn analyst_de() {
    golden(
        "analyst_de",
        Some("Social Media Analyst:in (m/w/d)"),
        "Deine Aufgaben\n• Du verantwortest das Social Media Monitoring und Social Listening für unsere Marken\n• Du analysierst Stimmungen und Tonalität (Sentiment-Analyse) in Kommentaren\n• Du erstellst Dashboards und monatliche Management-Reports\n• Du führst Wettbewerbsanalysen durch\n\nDein Profil\n• Erfahrung mit Brandwatch oder Talkwalker",
    );
}
