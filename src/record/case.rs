//! Checking what a record says about its case: the assessment's date, role and agency, the
//! practitioner's judgement, and the actions, each problem with its place and a way to fix it.
//! Free text is never repeated in a message; a short misspelt id is, so that it can be fixed.

use crate::content::case_record::{RecordedAction, Terms, When};
use crate::content::continuum::StrategyStatus;
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml::describe_value as describe;
use crate::record::Assessment;
use crate::text::lang::Lang;
use crate::text::suggest;
use serde_yaml::Value;

/// What a record's case keys are checked against.
pub struct CaseFile<'a> {
    pub source: &'a Source,
    pub levels: &'a [&'a str],
}

/// An id that is not in its list: E021 with "did you mean" and the allowed ids.
fn unknown<'b>(
    source: &Source,
    key: &str,
    value: &str,
    allowed: impl Iterator<Item = &'b str> + Clone,
    place: Option<(usize, usize)>,
) -> Diagnostic {
    // What was written is never repeated, however short: it may be a name.
    Diagnostic::error_said(
        Code::UnknownValue,
        &source.name,
        crate::message!(DiagNotAListedValue, key = key),
    )
    .at(place)
    .help_said(suggest::hint_with_allowed(value, allowed))
}

/// A date and time that cannot be read: E022 with the form to write.
fn bad_time(source: &Source, key: &str, place: Option<(usize, usize)>) -> Diagnostic {
    Diagnostic::error_said(
        Code::BadAnswer,
        &source.name,
        crate::message!(DiagNotATime, key = key),
    )
    .at(place)
    .help_said(crate::message!(DiagNotATimeHelp))
}

impl CaseFile<'_> {
    fn terms(&self) -> &'static Terms {
        Terms::builtin(Lang::En)
    }

    fn place(&self, anchors: &[&str]) -> Option<(usize, usize)> {
        self.source
            .locate(anchors)
            .or_else(|| anchors.first().and_then(|a| self.source.locate(&[a])))
    }

    pub fn assessment(&self, assessment: &Assessment) -> Vec<Diagnostic> {
        let terms = self.terms();
        let mut problems = Vec::new();
        if let Some(at) = &assessment.at
            && When::parse(at).is_err()
        {
            problems.push(bad_time(
                self.source,
                "assessment.at",
                self.place(&["assessment", "at"]),
            ));
        }
        for (key, value, list) in [
            ("role", &assessment.role, &terms.roles),
            ("agency", &assessment.agency, &terms.agencies),
        ] {
            if let Some(value) = value
                && !list.iter().any(|t| &t.id == value)
            {
                problems.push(unknown(
                    self.source,
                    &format!("assessment.{key}"),
                    value,
                    list.iter().map(|t| t.id.as_str()),
                    self.place(&["assessment", key, value]),
                ));
            }
        }
        problems
    }

    /// The judgement's parts, once each is valid.
    pub fn judgement(
        &self,
        agrees: Value,
        level: String,
        status: String,
        reason: Option<String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<(bool, String, String, Option<String>)> {
        let before = problems.len();
        let agrees = match &agrees {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "yes" => Some(true),
            Value::String(s) if s == "no" => Some(false),
            other => {
                problems.push(
                    Diagnostic::error_said(
                        Code::UnknownValue,
                        &self.source.name,
                        crate::message!(DiagAgreesYesNo; said found = describe(other)),
                    )
                    .at(self.place(&["judgement", "agrees"]))
                    .help_said(crate::message!(DiagAgreesHelp)),
                );
                None
            }
        };
        if !self.levels.contains(&level.as_str()) && level != crate::content::continuum::NOT_PLACED
        {
            problems.push(unknown(
                self.source,
                "judgement.level",
                &level,
                self.levels.iter().copied(),
                self.place(&["judgement", "level", &level]),
            ));
        }
        if StrategyStatus::from_id(&status).is_none() {
            problems.push(unknown(
                self.source,
                "judgement.strategy_discussion",
                &status,
                StrategyStatus::ALL.map(StrategyStatus::id).into_iter(),
                self.place(&["judgement", "strategy_discussion", &status]),
            ));
        }
        let reason = reason.filter(|r| !r.trim().is_empty());
        if agrees == Some(false) && reason.is_none() {
            problems.push(
                Diagnostic::error_said(
                    Code::MissingAnswer,
                    &self.source.name,
                    crate::message!(DiagReasonRequired),
                )
                .at(self.place(&["judgement"]))
                .help_said(crate::message!(DiagReasonRequiredHelp)),
            );
        }
        match agrees {
            Some(agrees) if problems.len() == before => Some((agrees, level, status, reason)),
            _ => None,
        }
    }

    pub fn actions(&self, actions: &[RecordedAction]) -> Vec<Diagnostic> {
        let terms = self.terms();
        let mut problems = Vec::new();
        for action in actions {
            if terms.action(&action.action).is_none() {
                problems.push(unknown(
                    self.source,
                    "actions.action",
                    &action.action,
                    terms.actions.iter().map(|t| t.id.as_str()),
                    self.place(&["actions", &action.action]),
                ));
            }
            if When::parse(&action.at).is_err() {
                let anchor = format!("action: {}", action.action);
                problems.push(bad_time(
                    self.source,
                    "actions.at",
                    self.place(&["actions", &anchor, "at"]),
                ));
            }
        }
        problems
    }
}
