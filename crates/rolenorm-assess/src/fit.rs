//! Holding claimed tasks against every role of the norm.

use std::collections::HashMap;

use rolenorm_analyze::{AdRecord, Analysis, Analyzer, NormRef};
use rolenorm_norm::{Family, Norm, Scope};
use rolenorm_text::Language;

use crate::input::{AssessError, Frequency, Input, SelfAssessment};
use crate::model::{ASSESSMENT_SCHEMA_VERSION, AssessedTask, Assessment, Gap, Proof, RoleFit};

/// Weight of the core share in the fit.
const CORE_WEIGHT: f64 = 0.8;
/// Weight of the optional share in the fit.
const OPTIONAL_WEIGHT: f64 = 0.2;
/// How much the share of out-of-scope work lowers the fit.
const OUT_OF_SCOPE_WEIGHT: f64 = 0.25;
/// Roles within this much of the best fit are best-fitting too.
const BEST_MARGIN: f64 = 0.05;
/// How many of the best-fitting roles get a gap list.
const NEARBY_ROLES: usize = 3;

/// A task with how it is done and its evidence, before it is held against the roles.
struct Claim {
    task: usize,
    how: Option<Frequency>,
    evidence: Vec<Proof>,
}

impl Claim {
    fn weight(&self) -> f64 {
        self.how.map_or(1.0, Frequency::weight)
    }
}

/// Assesses `input` against the analyzer's norm; gaps and names are written in `language`
/// (default: the self-assessment's `lang`, the profile's language, else English).
pub fn assess(analyzer: &Analyzer, input: &Input, language: Option<Language>) -> Result<Assessment, AssessError> {
    let norm = analyzer.norm();
    match input {
        Input::SelfAssessment(sa) => {
            let language = match (language, &sa.lang) {
                (Some(language), _) => language,
                (None, Some(code)) => code.parse()?,
                (None, None) => Language::En,
            };
            let claims = claims_from_self_assessment(norm, sa)?;
            let (level, reason) = level_from_claims(norm, &claims, language);
            Ok(build(norm, "self-assessment", sa.name.clone(), language, claims, level, reason))
        }
        Input::Profile { text, language: given } => {
            let given = language.or(*given);
            let record = AdRecord { text: Some(text.clone()), lang: given, ..AdRecord::default() };
            let analysis = analyzer.analyze_record(&record)?;
            let language = given.unwrap_or(analysis.language);
            let claims = claims_from_analysis(norm, &analysis);
            let (level, reason) = level_from_profile(norm, &analysis, text, language);
            Ok(build(norm, "profile", None, language, claims, level, reason))
        }
    }
}

fn build(
    norm: &Norm,
    source: &str,
    name: Option<String>,
    language: Language,
    mut claims: Vec<Claim>,
    level: String,
    level_reason: String,
) -> Assessment {
    claims.sort_by_key(|c| c.task);
    let fits = role_fits(norm, &claims, language);
    let best = best_roles(&fits);
    let gaps = fits.iter().filter(|f| f.fit > 0.0).take(NEARBY_ROLES).map(|f| gap(norm, f, language)).collect();
    let tasks = claims
        .into_iter()
        .map(|c| {
            let task = &norm.tasks()[c.task];
            AssessedTask {
                id: task.id.clone(),
                name: task.name.get(language).to_owned(),
                how: c.how,
                evidence: c.evidence,
            }
        })
        .collect();
    Assessment {
        schema_version: ASSESSMENT_SCHEMA_VERSION.to_owned(),
        source: source.to_owned(),
        name,
        language: language.code().to_owned(),
        tasks,
        fits,
        best,
        gaps,
        level,
        level_reason,
        norm: NormRef { id: norm.identity().id.clone(), version: norm.identity().version.to_string() },
    }
}

fn claims_from_self_assessment(norm: &Norm, sa: &SelfAssessment) -> Result<Vec<Claim>, AssessError> {
    if sa.tasks.is_empty() {
        return Err(AssessError::NoTasks);
    }
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut claims = Vec::with_capacity(sa.tasks.len());
    for (i, claimed) in sa.tasks.iter().enumerate() {
        let id = claimed.task.trim();
        let task = norm.task_index(id).ok_or_else(|| AssessError::UnknownTask {
            task: claimed.task.clone(),
            index: i + 1,
            norm: norm.label(),
        })?;
        if let Some(first) = seen.insert(task, i + 1) {
            return Err(AssessError::DuplicateTask { task: id.to_owned(), first, second: i + 1 });
        }
        let mut evidence = Vec::with_capacity(claimed.evidence.len());
        for e in &claimed.evidence {
            if let Some(years) = e.years.filter(|y| !(0.0..=80.0).contains(y)) {
                return Err(AssessError::BadYears { task: id.to_owned(), years });
            }
            evidence.push(Proof {
                description: e.description.clone(),
                url: e.url.clone(),
                years: e.years,
                ..Proof::default()
            });
        }
        claims.push(Claim { task, how: Some(claimed.how), evidence });
    }
    Ok(claims)
}

fn claims_from_analysis(norm: &Norm, analysis: &Analysis) -> Vec<Claim> {
    analysis
        .tasks
        .iter()
        .filter_map(|t| {
            let task = norm.task_index(&t.id)?;
            let evidence = t
                .evidence
                .iter()
                .map(|e| Proof {
                    description: Some(e.text.clone()),
                    start: Some(e.start),
                    end: Some(e.end),
                    ..Proof::default()
                })
                .collect();
            Some(Claim { task, how: None, evidence })
        })
        .collect()
}

fn role_fits(norm: &Norm, claims: &[Claim], language: Language) -> Vec<RoleFit> {
    let weights: HashMap<usize, f64> = claims.iter().map(|c| (c.task, c.weight())).collect();
    let id = |t: usize| norm.tasks()[t].id.clone();
    let mut fits: Vec<(usize, RoleFit)> = Vec::new();
    for (r, role) in norm.roles().iter().enumerate().filter(|(_, role)| role.family != Family::Other) {
        let (mut covered, mut partial, mut missing, mut sum) = (Vec::new(), Vec::new(), Vec::new(), 0.0);
        for core in role.core.iter().filter_map(|c| norm.task_index(c)) {
            match weights.get(&core).copied() {
                Some(w) if w >= 1.0 => covered.push(id(core)),
                Some(_) => partial.push(id(core)),
                None => missing.push(id(core)),
            }
            sum += weights.get(&core).copied().unwrap_or(0.0);
        }
        let optional: Vec<String> = role
            .optional
            .iter()
            .filter(|o| norm.task_index(o).is_some_and(|t| weights.contains_key(&t)))
            .cloned()
            .collect();
        let out_of_scope: Vec<String> =
            claims.iter().filter(|c| norm.scope(r, c.task) == Scope::Excluded).map(|c| id(c.task)).collect();
        let core_share = ratio(sum, role.core.len());
        let optional_share = ratio(optional.len() as f64, role.optional.len());
        let oos_share = ratio(out_of_scope.len() as f64, claims.len());
        let fit = (CORE_WEIGHT * core_share + OPTIONAL_WEIGHT * optional_share - OUT_OF_SCOPE_WEIGHT * oos_share)
            .clamp(0.0, 1.0);
        fits.push((
            r,
            RoleFit {
                role: role.id.clone(),
                name: role.name.get(language).to_owned(),
                fit: round3(fit),
                core_share: round3(core_share),
                core_covered: covered,
                core_partial: partial,
                core_missing: missing,
                optional_covered: optional,
                out_of_scope,
            },
        ));
    }
    fits.sort_by(|(ra, a), (rb, b)| {
        b.fit.total_cmp(&a.fit).then(b.core_share.total_cmp(&a.core_share)).then(ra.cmp(rb))
    });
    fits.into_iter().map(|(_, f)| f).collect()
}

fn ratio(part: f64, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part / whole as f64 }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn best_roles(fits: &[RoleFit]) -> Vec<String> {
    let Some(top) = fits.first().filter(|f| f.fit > 0.0) else { return Vec::new() };
    fits.iter().take_while(|f| f.fit > 0.0 && f.fit >= top.fit - BEST_MARGIN).map(|f| f.role.clone()).collect()
}

fn gap(norm: &Norm, fit: &RoleFit, language: Language) -> Gap {
    let names = |ids: &[String]| {
        ids.iter().filter_map(|t| norm.task(t)).map(|t| t.name.get(language).to_owned()).collect::<Vec<_>>().join(", ")
    };
    let label = norm.label();
    let mut message = match (language, fit.core_missing.len()) {
        (Language::En, 0) => format!("for {} per norm {label}: every core task is covered", fit.name),
        (Language::En, 1) => format!("for {} per norm {label}: {} is missing", fit.name, names(&fit.core_missing)),
        (Language::En, _) => format!("for {} per norm {label}: {} are missing", fit.name, names(&fit.core_missing)),
        (Language::De, 0) => format!("für {} nach Norm {label} sind alle Kernaufgaben abgedeckt", fit.name),
        (Language::De, 1) => format!("für {} nach Norm {label} fehlt: {}", fit.name, names(&fit.core_missing)),
        (Language::De, _) => format!("für {} nach Norm {label} fehlen: {}", fit.name, names(&fit.core_missing)),
    };
    if !fit.core_partial.is_empty() {
        let only = if language == Language::De { "nur gelegentlich" } else { "only occasionally" };
        message.push_str(&format!("; {only}: {}", names(&fit.core_partial)));
    }
    Gap { role: fit.role.clone(), missing: fit.core_missing.clone(), partial: fit.core_partial.clone(), message }
}

/// A level id of the norm, or the norm's default level when it lacks `id`.
fn level_id(norm: &Norm, id: &str) -> String {
    let known = norm.levels().iter().any(|l| l.id == id);
    if known { id } else { norm.default_level() }.to_owned()
}

/// The level that `years` of experience (and leading others or not) suggest.
fn level_for_years(years: f64, leading: bool) -> &'static str {
    match years {
        y if y >= 5.0 && leading => "lead",
        y if y >= 5.0 => "senior",
        y if y >= 2.0 => "professional",
        _ => "junior",
    }
}

fn level_from_claims(norm: &Norm, claims: &[Claim], language: Language) -> (String, String) {
    let years = claims
        .iter()
        .flat_map(|c| c.evidence.iter().filter_map(|e| e.years))
        .fold(None, |m: Option<f64>, y| Some(m.map_or(y, |m| m.max(y))));
    let leading = claims.iter().filter(|c| c.how == Some(Frequency::Leading)).count();
    let Some(years) = years else {
        let reason = match language {
            Language::En => "no years of experience given: the norm's default level",
            Language::De => "keine Berufsjahre angegeben: die Standardstufe der Norm",
        };
        return (norm.default_level().to_owned(), reason.to_owned());
    };
    let level = level_id(norm, level_for_years(years, leading > 0));
    let reason = match language {
        Language::En => format!("up to {years} years in a task, leading others in {leading} task(s)"),
        Language::De => format!("bis zu {years} Jahre in einer Aufgabe, leitend in {leading} Aufgabe(n)"),
    };
    (level, reason)
}

fn level_from_profile(norm: &Norm, analysis: &Analysis, text: &str, language: Language) -> (String, String) {
    // A CV names the levels of past jobs too (an old internship), so stated years win.
    match years_of_experience(text) {
        Some(years) => {
            let level = level_id(norm, level_for_years(years, false));
            let reason = match language {
                Language::En => format!("{years} years of experience stated in the profile"),
                Language::De => format!("{years} Jahre Berufserfahrung im Profil genannt"),
            };
            (level, reason)
        }
        None => {
            let reason = match language {
                Language::En => "the level the profile's job titles name (as in an ad)",
                Language::De => "die Stufe, die die Jobtitel des Profils nennen (wie bei einer Anzeige)",
            };
            (analysis.level.clone(), reason.to_owned())
        }
    }
}

/// The largest "N years" / "N Jahre" (also "N+ years") stated in `text`.
fn years_of_experience(text: &str) -> Option<f64> {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == '(' || c == ')').filter(|w| !w.is_empty()).collect();
    words
        .windows(2)
        .filter(|w| {
            let unit = w[1].trim_end_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            matches!(unit.as_str(), "years" | "year" | "jahre" | "jahren" | "jahr")
        })
        .filter_map(|w| w[0].trim_end_matches('+').replace(',', ".").parse::<f64>().ok())
        .filter(|y| (0.0..=60.0).contains(y))
        .fold(None, |m: Option<f64>, y| Some(m.map_or(y, |m| m.max(y))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_in_both_languages() {
        assert_eq!(years_of_experience("Seit 6 Jahren im Social Media"), Some(6.0));
        assert_eq!(years_of_experience("3+ years of community work, 1 year as lead"), Some(3.0));
        assert_eq!(years_of_experience("no numbers here"), None);
    }

    #[test]
    fn level_follows_years_and_leading() {
        assert_eq!(level_for_years(1.0, true), "junior");
        assert_eq!(level_for_years(3.0, false), "professional");
        assert_eq!(level_for_years(6.0, false), "senior");
        assert_eq!(level_for_years(6.0, true), "lead");
    }
}
