//! Assessments of profile fixtures: self-assessments and CV texts in both languages.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;

use rolenorm_analyze::Analyzer;
use rolenorm_assess::{AssessError, Assessment, Input, assess, render_text};
use rolenorm_text::Language;

fn analyzer() -> Analyzer {
    Analyzer::new(Arc::new(rolenorm_norm::Norm::builtin().unwrap())).unwrap()
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The built-in norm's label (`rolenorm@VERSION`), so the expectations follow norm releases.
fn label() -> String {
    rolenorm_norm::Norm::builtin().unwrap().label()
}

/// The built-in norm's version.
fn version() -> String {
    rolenorm_norm::Norm::builtin().unwrap().identity().version.to_string()
}

fn assess_fixture(name: &str, language: Option<Language>) -> Assessment {
    let input = Input::detect(&fixture(name)).unwrap();
    assess(&analyzer(), &input, language).unwrap()
}

fn fit<'a>(a: &'a Assessment, role: &str) -> &'a rolenorm_assess::RoleFit {
    a.fits.iter().find(|f| f.role == role).unwrap()
}

#[test]
fn self_assessed_community_manager_fits_community_manager_with_gaps() {
    let a = assess_fixture("community-manager.self.json", None);
    assert_eq!(a.source, "self-assessment");
    assert_eq!(a.best.first().map(String::as_str), Some("community-manager"));
    let cm = fit(&a, "community-manager");
    // COM-01, COM-02, COM-03 regularly/leading, COM-06 occasionally (half), COM-04 missing.
    assert_eq!(cm.core_covered, ["COM-01", "COM-02", "COM-03"]);
    assert_eq!(cm.core_partial, ["COM-06"]);
    assert_eq!(cm.core_missing, ["COM-04"]);
    assert!((cm.core_share - 0.7).abs() < 1e-9, "{}", cm.core_share);
    assert_eq!(cm.out_of_scope, ["ADJ-05"]);
    let gap = a.gaps.iter().find(|g| g.role == "community-manager").unwrap();
    assert_eq!(
        gap.message,
        format!(
            "for Community Manager per norm {}: Crisis and issues management is missing; \
             only occasionally: Community feedback into the organisation",
            label()
        )
    );
    // 4 years at most, leading in one task: professional.
    assert_eq!(a.level, "professional");
    assert_eq!(a.norm.id, "rolenorm");
    assert_eq!(a.norm.version, version());
}

#[test]
fn gaps_follow_the_requested_language() {
    let a = assess_fixture("community-manager.self.json", Some(Language::De));
    assert_eq!(a.language, "de");
    let gap = a.gaps.iter().find(|g| g.role == "community-manager").unwrap();
    assert!(
        gap.message.starts_with(&format!("für Community-Manager:in nach Norm {} fehlt: Krisen", label())),
        "{}",
        gap.message
    );
    assert!(render_text(&a).contains("Passung je Rolle"));
}

#[test]
fn fits_are_sorted_best_first_and_leave_out_other() {
    let a = assess_fixture("community-manager.self.json", None);
    assert!(a.fits.windows(2).all(|w| w[0].fit >= w[1].fit));
    assert!(a.fits.iter().all(|f| f.role != "other"));
    assert!(a.gaps.len() <= 3 && !a.gaps.is_empty());
}

#[test]
fn german_cv_reads_as_social_media_manager_senior() {
    let a = assess_fixture("social-media-manager.cv.de.txt", None);
    assert_eq!(a.source, "profile");
    assert_eq!(a.language, "de");
    assert_eq!(a.best.first().map(String::as_str), Some("social-media-manager"), "{:#?}", a.fits);
    let smm = fit(&a, "social-media-manager");
    assert!(smm.core_share >= 0.6, "{smm:#?}");
    assert!(a.tasks.iter().any(|t| t.id == "STR-01"));
    // Evidence quotes point into the profile text.
    let text = fixture("social-media-manager.cv.de.txt");
    let strategy = a.tasks.iter().find(|t| t.id == "STR-01").unwrap();
    let proof = &strategy.evidence[0];
    assert_eq!(&text[proof.start.unwrap()..proof.end.unwrap()], proof.description.as_deref().unwrap());
    assert_eq!(a.level, "senior");
    assert!(
        a.gaps[0].message.starts_with(&format!("für Social-Media-Manager:in nach Norm {}", label())),
        "{}",
        a.gaps[0].message
    );
}

#[test]
fn english_profile_reads_as_content_creator() {
    let a = assess_fixture("content-creator.profile.en.txt", None);
    assert_eq!(a.language, "en");
    assert_eq!(a.best.first().map(String::as_str), Some("content-creator"), "{:#?}", a.fits);
    assert!(
        a.gaps[0].message.starts_with(&format!("for Content Creator / Blogger / Vlogger per norm {}", label())),
        "{}",
        a.gaps[0].message
    );
    assert_eq!(a.level, "professional");
}

#[test]
fn bad_self_assessments_are_refused_with_the_reason() {
    let analyzer = analyzer();
    let unknown = Input::from_self_assessment_json(r#"{"tasks": [{"task": "XYZ-9", "how": "regularly"}]}"#).unwrap();
    let error = assess(&analyzer, &unknown, None).unwrap_err();
    assert!(matches!(error, AssessError::UnknownTask { index: 1, .. }), "{error}");
    assert!(error.to_string().contains("XYZ-9"));
    let twice = r#"{"tasks": [{"task": "COM-01", "how": "regularly"}, {"task": "COM-01", "how": "leading"}]}"#;
    let error = assess(&analyzer, &Input::from_self_assessment_json(twice).unwrap(), None).unwrap_err();
    assert_eq!(error.to_string(), "task COM-01 is claimed twice (entries 1 and 2)");
    let years = r#"{"tasks": [{"task": "COM-01", "how": "regularly", "evidence": {"years": -1}}]}"#;
    let error = assess(&analyzer, &Input::from_self_assessment_json(years).unwrap(), None).unwrap_err();
    assert!(matches!(error, AssessError::BadYears { .. }), "{error}");
    let empty = Input::from_self_assessment_json(r#"{"tasks": []}"#).unwrap();
    assert!(matches!(assess(&analyzer, &empty, None).unwrap_err(), AssessError::NoTasks));
    let how = Input::from_self_assessment_json(r#"{"tasks": [{"task": "COM-01", "how": "sometimes"}]}"#);
    assert!(how.unwrap_err().to_string().contains("sometimes"));
    let field = Input::from_self_assessment_json(r#"{"tasks": [], "nmae": "x"}"#);
    assert!(field.unwrap_err().to_string().contains("nmae"));
}

#[test]
fn empty_profile_is_refused() {
    let input = Input::Profile { text: "   ".into(), language: None };
    assert!(matches!(assess(&analyzer(), &input, None).unwrap_err(), AssessError::Profile(_)));
}

#[test]
fn committed_schemas_are_current() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema");
    for (file, generated) in [
        ("assessment.schema.json", rolenorm_assess::assessment_schema()),
        ("self-assessment.schema.json", rolenorm_assess::self_assessment_schema()),
    ] {
        let path = root.join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            if std::env::var_os("UPDATE_SCHEMA").is_some() {
                std::fs::write(&path, &generated).unwrap();
            } else {
                panic!("{} is stale: run `UPDATE_SCHEMA=1 cargo test -p rolenorm-assess`", path.display());
            }
        }
    }
}
