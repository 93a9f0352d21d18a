//! The analysis pipeline in named stages, top to bottom. Each stage is a function over the
//! named result of the stages before it:
//!
//! document → keys and hits (with the title) → language → sections → evidence → demanded tasks
//! → platform focus → duty coverage → role scores → level → breadth → findings → [`Analysis`].

mod breadth;
mod document;
mod duties;
mod evidence;
mod findings;
mod language;
mod output;
mod roles;
mod scan;
pub(crate) mod sections;
mod traits;

use rolenorm_text::InputError;
use rolenorm_wire::Analysis;

use crate::analyzer::{Ad, Analyzer, Scratch};

/// Runs every stage on one ad.
pub(crate) fn run(analyzer: &Analyzer, ad: Ad<'_>, scratch: &mut Scratch) -> Result<Analysis, InputError> {
    let document = document::read(analyzer, &ad)?;
    let title = scan::scan(analyzer, &ad, &document, scratch);
    let language = language::choose(&ad, &document, title.as_deref());
    if !language.guessed {
        analyzer.vocabulary.keep_language(&mut scratch.body_hits, language.language);
        analyzer.vocabulary.keep_language(&mut scratch.title_hits, language.language);
    }
    let employer = scan::employer_platforms(analyzer, &ad, scratch);
    let sections = sections::split(analyzer, &document.text, &scratch.body, &scratch.body_hits);
    let gathered = evidence::gather(analyzer, scratch, &sections, &employer, title.as_deref());
    let demand = evidence::demand(analyzer, gathered.tasks, &scratch.body, gathered.social_context);
    let platform_focus = traits::platform_focus(analyzer, &demand, &gathered.platforms);
    let title_role = gathered.title_role.unwrap_or(analyzer.ids.other_role);
    let duties =
        duties::measure(analyzer, &document.text, &sections, &demand, &scratch.body, &mut scratch.evidence_offsets);
    let signals = roles::Signals {
        unknown_duties: duties.unknown_surplus(),
        title_role,
        title_roles: &gathered.title_roles,
        platform_focus: platform_focus.is_some(),
        social_context: gathered.social_context,
    };
    let ranking = roles::rank(analyzer, &demand, &signals);
    let level = traits::level(analyzer, &gathered.levels);
    let breadth = breadth::measure(analyzer, &demand, ranking.role, level);
    let verdict = findings::Verdict {
        role: ranking.role,
        alternative: ranking.ranked.get(1).copied(),
        confidence: ranking.confidence,
        title_role,
        breadth: &breadth,
        demand: &demand,
        platform_focus: platform_focus.as_deref(),
        has_tasks_section: sections.has_tasks(),
    };
    let findings = findings::write(analyzer, &verdict, &document, language, ad.findings_language);
    let parts = output::Parts {
        ad: &ad,
        document,
        title,
        language: language.language,
        demand: &demand,
        ranking: &ranking,
        title_role,
        level,
        breadth: &breadth,
        platform_focus,
        platforms: &gathered.platforms,
        findings,
    };
    Ok(output::assemble(analyzer, parts, scratch))
}
