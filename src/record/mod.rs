//! The `hsb/1` record: one format for saved assessments, training scenarios and test cases.

pub mod case;
pub mod facts;
mod load;
mod write;

use crate::content::answer::Answer;
use crate::content::case_record::RecordedAction;
use serde::Deserialize;

use std::collections::BTreeMap;

pub const FORMAT: &str = "hsb/1";

/// What a scenario or test case expects the result to be.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Expect {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy_discussion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisional: Option<bool>,
    /// Rules that must fire.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// Response ids that must be present, for either child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<String>,
}

/// What a scenario's clinical content (its answers and teaching notes) was checked against, by
/// whom and when, and whether a clinical reviewer has signed it off. `reviewed_by` stays empty
/// until one does: never a made-up name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct ClinicalReview {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked_against: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<String>,
}

impl ClinicalReview {
    /// Whether a clinical reviewer has signed the scenario off (a name and a date).
    pub fn signed_off(&self) -> bool {
        crate::content::texts::signed_off(&self.reviewed_by, &self.reviewed_on)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub title: Option<String>,
    pub case_ref: Option<String>,
    /// When the assessment was made, and by whom (a role, never a name).
    pub assessment: Option<Assessment>,
    pub notes: Option<String>,
    pub teaching_notes: Option<String>,
    /// A scenario's clinical review.
    pub review: Option<ClinicalReview>,
    /// A scenario's tags (`group:value`, from `interface/tags.yaml`), for choosing scenarios.
    pub tags: Vec<String>,
    pub answers: BTreeMap<String, Answer>,
    /// The practitioner's own judgement of hsb's result.
    pub judgement: Option<Judgement>,
    /// What was done, and when.
    pub actions: Vec<RecordedAction>,
    pub expect: Option<Expect>,
}

/// When an assessment was made and by whom: ids from the case-record vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Assessment {
    /// ISO 8601 date and time with its offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// The practitioner's judgement: whether they agree with hsb's placement and strategy-discussion
/// status, their own (the same as hsb's when they agree), and their reason when they do not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub agrees: bool,
    pub level: String,
    pub strategy_discussion: String,
    pub reason: Option<String>,
}
