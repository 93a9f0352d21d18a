//! The closed sets of the wire format.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// A language of the norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// German.
    De,
    /// English.
    En,
}

impl Language {
    /// Both languages, German first.
    pub const ALL: [Language; 2] = [Language::De, Language::En];

    /// The ISO 639-1 code (`de`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error for a language code that is neither German nor English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language {:?}: expected \"de\" or \"en\"", self.0)
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts `de`, `en` and tags that start with them (`de-DE`, `en_GB`, `German`, `english`).
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let lower = code.trim().to_ascii_lowercase();
        if lower.starts_with("de") || lower.starts_with("ger") {
            Ok(Language::De)
        } else if lower.starts_with("en") {
            Ok(Language::En)
        } else {
            Err(UnknownLanguage(code.to_owned()))
        }
    }
}

impl<'de> Deserialize<'de> for Language {
    /// Reads a language code as [`FromStr`] does, so `de-DE` and `English` are accepted.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// The kind of document an ad came as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Plain text (entities such as `&amp;` are still decoded when matching).
    Text,
    /// An HTML page or fragment without a usable `JobPosting`.
    Html,
    /// A schema.org `JobPosting` in JSON-LD, on its own or embedded in HTML.
    JsonLd,
}

impl Format {
    /// The lower-case name used in output (`text`, `html`, `json-ld`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::JsonLd => "json-ld",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a task stands to a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The task defines the role.
    Core,
    /// The role may do it.
    Optional,
    /// Not the role's work; another role owns it.
    Excluded,
}

impl Scope {
    /// The lower-case name (`core`, `optional`, `excluded`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Core => "core",
            Scope::Optional => "optional",
            Scope::Excluded => "excluded",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the ad a piece of evidence stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// The ad's title.
    Title,
    /// Text of an ad without recognised headings, or under a heading of unknown kind.
    Body,
    /// Before the first recognised heading.
    Intro,
    /// The duties ("Ihre Aufgaben").
    Tasks,
    /// The requirements ("Ihr Profil"), or a requirement line of unheaded text ("5 years of
    /// experience in …").
    Profile,
    /// What the employer offers.
    Benefits,
    /// About the employer.
    Company,
    /// How to apply.
    Application,
}

impl Section {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Title => "title",
            Section::Body => "body",
            Section::Intro => "intro",
            Section::Tasks => "tasks",
            Section::Profile => "profile",
            Section::Benefits => "benefits",
            Section::Company => "company",
            Section::Application => "application",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The codes of the findings an analysis can give; each has a message per language in the norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    /// Something in the input could not be read as intended (`{warning}`).
    InputWarning,
    /// The language was neither given nor detectable; English was assumed.
    LanguageGuessed,
    /// The title names no normed role, the content is `{role}`.
    TitleUnknown,
    /// The title names `{title_role}`, the content is `{role}`.
    TitleMismatch,
    /// The ad piles the core work of `{count}` roles (`{roles}`) onto one position.
    JackOfAllTrades,
    /// Duties that belong to no normed role (`{tasks}`).
    UnrelatedDuties,
    /// A task (`{task}`) outside the claimed role's (`{role}`) scope, owned by `{owner}`.
    ScopeBreach,
    /// The social-media work is one platform's (`{platform}`).
    PlatformFocus,
    /// The role sets goals, the ad names none.
    NoGoals,
    /// The ad has no section listing the duties.
    NoTasksSection,
    /// The ad names only `{count}` tasks.
    FewTasks,
    /// The verdict is uncertain: the tasks fit `{role}` and `{alternative}` almost equally.
    UncertainRole,
}

impl FindingCode {
    /// Every code, in a stable order.
    pub const ALL: [FindingCode; 12] = [
        FindingCode::InputWarning,
        FindingCode::LanguageGuessed,
        FindingCode::TitleUnknown,
        FindingCode::TitleMismatch,
        FindingCode::JackOfAllTrades,
        FindingCode::UnrelatedDuties,
        FindingCode::ScopeBreach,
        FindingCode::PlatformFocus,
        FindingCode::NoGoals,
        FindingCode::NoTasksSection,
        FindingCode::FewTasks,
        FindingCode::UncertainRole,
    ];

    /// The code as written in the norm and the output (`title-mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::InputWarning => "input-warning",
            FindingCode::LanguageGuessed => "language-guessed",
            FindingCode::TitleUnknown => "title-unknown",
            FindingCode::TitleMismatch => "title-mismatch",
            FindingCode::JackOfAllTrades => "jack-of-all-trades",
            FindingCode::UnrelatedDuties => "unrelated-duties",
            FindingCode::ScopeBreach => "scope-breach",
            FindingCode::PlatformFocus => "platform-focus",
            FindingCode::NoGoals => "no-goals",
            FindingCode::NoTasksSection => "no-tasks-section",
            FindingCode::FewTasks => "few-tasks",
            FindingCode::UncertainRole => "uncertain-role",
        }
    }

    /// The placeholders its message may use, without braces.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            FindingCode::InputWarning => &["warning"],
            FindingCode::TitleUnknown => &["role"],
            FindingCode::TitleMismatch => &["title_role", "role"],
            FindingCode::JackOfAllTrades => &["count", "roles"],
            FindingCode::UnrelatedDuties => &["tasks"],
            FindingCode::ScopeBreach => &["task", "role", "owner"],
            FindingCode::PlatformFocus => &["platform"],
            FindingCode::FewTasks => &["count"],
            FindingCode::UncertainRole => &["role", "alternative"],
            FindingCode::LanguageGuessed | FindingCode::NoGoals | FindingCode::NoTasksSection => &[],
        }
    }
}

impl FindingCode {
    /// Whether every norm pack must have a message for it. `uncertain-role` came with norm
    /// 0.4.0: an older pack without it never gives that finding (its `uncertain_below` is 0).
    pub fn always_required(self) -> bool {
        self != FindingCode::UncertainRole
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_serialise_as_their_names() {
        for code in FindingCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
        assert_eq!(serde_json::to_value(Format::JsonLd).unwrap(), "json-ld");
        assert_eq!(serde_json::to_value(Section::Application).unwrap(), "application");
        assert_eq!(serde_json::to_value(Scope::Excluded).unwrap(), "excluded");
    }

    #[test]
    fn language_reads_lenient_codes_and_names_a_bad_one() {
        let de: Language = serde_json::from_str("\"de-DE\"").unwrap();
        assert_eq!(de, Language::De);
        let error = serde_json::from_str::<Language>("\"fr\"").unwrap_err().to_string();
        assert!(error.contains("unknown language \"fr\""), "{error}");
    }
}
