//! The norm as the API shows it: texts in one language (`?lang=`) or both, served with an ETag.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rolenorm_norm::{Norm, Phrases, Role, Scope, Task, Texts};
use serde::Serialize;
use utoipa::ToSchema;

use crate::wire::Lang;

/// A text in the language asked for, or in both.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Text {
    /// The text in the language of `?lang=`.
    One(String),
    /// The text in both languages.
    Both(BothTexts),
}

/// A text in English and German.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BothTexts {
    /// English.
    pub en: String,
    /// German.
    pub de: String,
}

fn text(texts: &Texts, lang: Option<Lang>) -> Text {
    match lang {
        Some(lang) => Text::One(texts.get(lang.into()).to_owned()),
        None => Text::Both(BothTexts { en: texts.en.clone(), de: texts.de.clone() }),
    }
}

fn phrases(phrases: &Phrases, lang: Option<Lang>) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (code, list) in [(Lang::De, &phrases.de), (Lang::En, &phrases.en)] {
        if lang.is_none_or(|l| l == code) {
            let key = if code == Lang::De { "de" } else { "en" };
            out.insert(key.to_owned(), list.iter().map(|p| p.text.clone()).collect());
        }
    }
    out
}

/// The norm at a glance: identity, roles, tasks, levels and platforms.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NormSummary {
    /// Norm id.
    pub id: String,
    /// Norm version (semver).
    pub version: String,
    /// Release date.
    pub date: String,
    /// Licence of the norm's text.
    pub licence: String,
    /// The languages of the norm.
    pub languages: Vec<String>,
    /// The norm's title.
    pub title: Text,
    /// What the norm is for.
    pub description: Text,
    /// The roles, in the norm's order.
    pub roles: Vec<RoleSummary>,
    /// The tasks, in the norm's order.
    pub tasks: Vec<TaskSummary>,
    /// The career levels.
    pub levels: Vec<LevelView>,
    /// The platforms.
    pub platforms: Vec<PlatformView>,
}

/// A role in brief.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleSummary {
    /// Role id.
    pub id: String,
    /// `social-media`, `adjacent` or `other`.
    pub family: String,
    /// The role's name.
    pub name: Text,
    /// Ids of its core tasks.
    pub core: Vec<String>,
    /// Ids of its optional tasks.
    pub optional: Vec<String>,
}

/// A task in brief.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskSummary {
    /// Task id (`CON-01`).
    pub id: String,
    /// The domain it belongs to (`strategy`, `content`, …).
    pub domain: String,
    /// The role that owns it.
    pub owner: String,
    /// The task's name.
    pub name: Text,
}

/// A career level.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LevelView {
    /// Level id.
    pub id: String,
    /// Its name.
    pub name: Text,
}

/// A social platform.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlatformView {
    /// Platform id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The group it counts with for platform focus.
    pub group: Option<String>,
    /// How ads name it.
    pub aliases: Vec<String>,
}

/// A role in full.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleView {
    /// Role id.
    pub id: String,
    /// `social-media`, `adjacent` or `other`.
    pub family: String,
    /// The role's name.
    pub name: Text,
    /// What the role is and is not.
    pub definition: Text,
    /// Ids of its core tasks.
    pub core: Vec<String>,
    /// Ids of its optional tasks.
    pub optional: Vec<String>,
    /// The tasks outside its scope, each with the role that owns it.
    pub excluded: Vec<ExcludedTask>,
    /// Occupational classifications the role is anchored to.
    pub anchors: AnchorsView,
    /// Job titles that name the role, per language.
    pub titles: BTreeMap<String, Vec<String>>,
}

/// A task outside a role's scope.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExcludedTask {
    /// Task id.
    pub task: String,
    /// The role that owns it.
    pub owner: String,
}

/// A role's anchors.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnchorsView {
    /// KldB 2010 codes.
    pub kldb: Vec<String>,
    /// ISCO-08 unit groups.
    pub isco: Vec<String>,
    /// O*NET-SOC codes.
    pub onet: Vec<String>,
    /// ESCO occupations.
    pub esco: Vec<EscoView>,
}

/// An ESCO occupation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EscoView {
    /// Its URI.
    pub uri: String,
    /// Its preferred label.
    pub label: String,
    /// How the role relates to it.
    pub relation: String,
}

/// A task in full.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskView {
    /// Task id.
    pub id: String,
    /// Its domain.
    pub domain: String,
    /// The role that owns it.
    pub owner: String,
    /// The task's name.
    pub name: Text,
    /// What the task is.
    pub definition: Text,
    /// ESCO skill URIs.
    pub esco: Vec<String>,
    /// The vocabulary that finds it in ads, per language.
    pub phrases: BTreeMap<String, Vec<String>>,
    /// Roles holding it as core, optional or excluded.
    pub roles: TaskRoles,
}

/// How roles hold a task.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskRoles {
    /// Roles for which it is core.
    pub core: Vec<String>,
    /// Roles for which it is optional.
    pub optional: Vec<String>,
    /// Roles for which it is excluded.
    pub excluded: Vec<String>,
}

/// Ids of the tasks `role` holds with `scope`.
pub fn tasks_with(norm: &Norm, role: usize, scope: Scope) -> Vec<String> {
    norm.tasks()
        .iter()
        .enumerate()
        .filter(|(t, _)| norm.scope(role, *t) == scope)
        .map(|(_, task)| task.id.clone())
        .collect()
}

/// The whole norm in brief.
pub fn summary(norm: &Norm, lang: Option<Lang>) -> NormSummary {
    let id = &norm.identity();
    NormSummary {
        id: id.id.clone(),
        version: id.version.to_string(),
        date: id.date.clone(),
        licence: id.licence.clone(),
        languages: id.languages.clone(),
        title: text(&id.title, lang),
        description: text(&id.description, lang),
        roles: norm.roles().iter().enumerate().map(|(r, role)| role_summary(norm, r, role, lang)).collect(),
        tasks: norm.tasks().iter().map(|task| task_summary(task, lang)).collect(),
        levels: norm.levels().iter().map(|l| LevelView { id: l.id.clone(), name: text(&l.name, lang) }).collect(),
        platforms: platforms(norm),
    }
}

fn role_summary(norm: &Norm, index: usize, role: &Role, lang: Option<Lang>) -> RoleSummary {
    RoleSummary {
        id: role.id.clone(),
        family: role.family.as_str().to_owned(),
        name: text(&role.name, lang),
        core: tasks_with(norm, index, Scope::Core),
        optional: tasks_with(norm, index, Scope::Optional),
    }
}

fn task_summary(task: &Task, lang: Option<Lang>) -> TaskSummary {
    TaskSummary {
        id: task.id.clone(),
        domain: task.domain.clone(),
        owner: task.owner.clone(),
        name: text(&task.name, lang),
    }
}

/// Every role in full.
pub fn roles(norm: &Norm, lang: Option<Lang>) -> Vec<RoleView> {
    norm.roles().iter().filter_map(|r| role(norm, &r.id, lang)).collect()
}

/// One role in full.
pub fn role(norm: &Norm, id: &str, lang: Option<Lang>) -> Option<RoleView> {
    let index = norm.role_index(id)?;
    let role = &norm.roles()[index];
    let excluded = norm
        .tasks()
        .iter()
        .enumerate()
        .filter(|(t, _)| norm.scope(index, *t) == Scope::Excluded)
        .map(|(_, task)| ExcludedTask { task: task.id.clone(), owner: task.owner.clone() })
        .collect();
    let a = &role.anchors;
    Some(RoleView {
        id: role.id.clone(),
        family: role.family.as_str().to_owned(),
        name: text(&role.name, lang),
        definition: text(&role.definition, lang),
        core: tasks_with(norm, index, Scope::Core),
        optional: tasks_with(norm, index, Scope::Optional),
        excluded,
        anchors: AnchorsView {
            kldb: a.kldb.clone(),
            isco: a.isco.clone(),
            onet: a.onet.clone(),
            esco: a
                .esco
                .iter()
                .map(|e| EscoView { uri: e.uri.clone(), label: e.label.clone(), relation: e.relation.clone() })
                .collect(),
        },
        titles: phrases(&role.titles, lang),
    })
}

/// One task in full.
pub fn task(norm: &Norm, id: &str, lang: Option<Lang>) -> Option<TaskView> {
    let index = norm.task_index(id)?;
    let task = &norm.tasks()[index];
    let with = |scope: Scope| -> Vec<String> {
        norm.roles()
            .iter()
            .enumerate()
            .filter(|(r, _)| norm.scope(*r, index) == scope)
            .map(|(_, r)| r.id.clone())
            .collect()
    };
    Some(TaskView {
        id: task.id.clone(),
        domain: task.domain.clone(),
        owner: task.owner.clone(),
        name: text(&task.name, lang),
        definition: text(&task.definition, lang),
        esco: task.esco.clone(),
        phrases: phrases(&task.phrases, lang),
        roles: TaskRoles { core: with(Scope::Core), optional: with(Scope::Optional), excluded: with(Scope::Excluded) },
    })
}

/// Every platform.
pub fn platforms(norm: &Norm) -> Vec<PlatformView> {
    norm.platforms()
        .iter()
        .map(|p| PlatformView {
            id: p.id.clone(),
            name: p.name.clone(),
            group: p.group.clone(),
            aliases: p.aliases.iter().map(|a| a.text.clone()).collect(),
        })
        .collect()
}

/// `value` as JSON with a strong ETag; 304 without a body when `If-None-Match` has that tag.
pub fn with_etag(request_headers: &HeaderMap, value: &impl Serialize) -> Response {
    let Ok(body) = serde_json::to_vec(value) else {
        return crate::problem::Problem::internal("serialising the norm").into_response();
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let matches = request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag);
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}
