//! Hackett's continuum: the five levels, their features and the proportionate responses.

use crate::diag::{Code, Diagnostic};
use crate::source::Source;
use crate::suggest;
use crate::yaml;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "hsb-levels/1";

/// Strategy-discussion status, ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum StrategyStatus {
    NotIndicated,
    Consider,
    Required,
}

impl StrategyStatus {
    pub fn id(self) -> &'static str {
        match self {
            StrategyStatus::NotIndicated => "not_indicated",
            StrategyStatus::Consider => "consider",
            StrategyStatus::Required => "required",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StrategyStatus::NotIndicated => "NOT INDICATED",
            StrategyStatus::Consider => "CONSIDER",
            StrategyStatus::Required => "REQUIRED",
        }
    }
}

/// One recommended action.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub id: String,
    pub text: String,
}

/// Actions for each child.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responses {
    #[serde(default)]
    pub child: Vec<Response>,
    #[serde(default)]
    pub harmed_child: Vec<Response>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub summary: String,
    pub features: Vec<String>,
    pub strategy_discussion: StrategyStatus,
    pub responses: Responses,
}

/// The wording shown for each strategy-discussion status.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyWording {
    pub required: String,
    pub consider: String,
    pub not_indicated: String,
}

impl StrategyWording {
    pub fn for_status(&self, status: StrategyStatus) -> &str {
        match status {
            StrategyStatus::Required => &self.required,
            StrategyStatus::Consider => &self.consider,
            StrategyStatus::NotIndicated => &self.not_indicated,
        }
    }
}

/// A loaded, validated continuum.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Continuum {
    #[allow(dead_code)]
    format: String,
    /// The professional-judgement notice every result carries.
    pub notice: String,
    pub strategy_discussion: StrategyWording,
    /// Least concerning first.
    pub levels: Vec<Level>,
}

impl Continuum {
    pub fn load(source: &Source) -> Result<Self, Vec<Diagnostic>> {
        yaml::expect_format(source, FORMAT, "continuum").map_err(|d| vec![d])?;
        let continuum: Continuum = yaml::parse(source).map_err(|d| vec![d])?;
        let problems = continuum.problems(source);
        if problems.is_empty() {
            Ok(continuum)
        } else {
            Err(problems)
        }
    }

    fn problems(&self, source: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.levels.is_empty() {
            problems.push(
                Diagnostic::error(
                    Code::BadContent,
                    &source.name,
                    "the continuum has no levels",
                )
                .at(source.locate(&["levels"]))
                .help("list the levels from least to most concerning"),
            );
        }
        for (i, level) in self.levels.iter().enumerate() {
            let anchor = format!("id: {}", level.id);
            if self.levels.iter().take(i).any(|l| l.id == level.id) {
                problems.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        &source.name,
                        format!("level `{}` is listed twice", level.id),
                    )
                    .at(source.locate(&[&anchor, &anchor])),
                );
            }
            if level.responses.child.is_empty() {
                problems.push(
                    Diagnostic::error(
                        Code::BadContent,
                        &source.name,
                        format!("level `{}` has no responses for the child", level.id),
                    )
                    .at(source
                        .locate(&[&anchor, "responses"])
                        .or(source.locate(&[&anchor])))
                    .help("every level needs at least one action under `responses: child:`"),
                );
            }
            for (j, response) in level.responses.child.iter().enumerate() {
                if level
                    .responses
                    .child
                    .iter()
                    .take(j)
                    .any(|r| r.id == response.id)
                {
                    problems.push(
                        Diagnostic::error(
                            Code::DuplicateId,
                            &source.name,
                            format!(
                                "level `{}` lists response `{}` twice",
                                level.id, response.id
                            ),
                        )
                        .at(source.locate(&[&anchor, &format!("id: {}", response.id)])),
                    );
                }
            }
        }
        problems
    }

    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    /// The position of a level id (0 is least concerning).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    pub fn level(&self, index: usize) -> Option<&Level> {
        self.levels.get(index)
    }

    /// A did-you-mean hint for an unknown level id.
    pub fn hint(&self, id: &str) -> String {
        suggest::hint(id, self.levels.iter().map(|l| l.id.as_str()))
    }
}
