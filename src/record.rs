//! The `hsb/1` record: one format for saved assessments, training scenarios and test cases.

use crate::case_record::RecordedAction;
use crate::diag::{Code, Diagnostic};
use crate::questions::{FieldKind, QuestionSet, UNKNOWN};
use crate::source::Source;
use crate::suggest;
use crate::yaml::{self, scalar_text};
use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const FORMAT: &str = "hsb/1";

/// The strategy-discussion statuses, lowest first.
pub const STRATEGY_STATUSES: [&str; 3] = ["not_indicated", "consider", "required"];

/// A known answer. Answers not known are simply absent from [`Record::answers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Choice(String),
    List(Vec<String>),
    Number(i64),
}

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
        crate::lang::signed_off(&self.reviewed_by, &self.reviewed_on)
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

#[derive(Deserialize)]
struct RawJudgement {
    agrees: Value,
    level: String,
    strategy_discussion: String,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
struct RawRecord {
    #[allow(dead_code)]
    format: Value,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    case_ref: Option<Value>,
    #[serde(default)]
    assessment: Option<Assessment>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    teaching_notes: Option<String>,
    #[serde(default)]
    review: Option<ClinicalReview>,
    #[serde(default)]
    answers: Mapping,
    #[serde(default)]
    judgement: Option<RawJudgement>,
    #[serde(default)]
    actions: Vec<RecordedAction>,
    #[serde(default)]
    expect: Option<Expect>,
}

impl Record {
    /// Load and validate a record against a question set and the continuum's level ids,
    /// reporting every problem found.
    pub fn load(
        source: &Source,
        questions: &QuestionSet,
        levels: &[&str],
    ) -> Result<Self, Vec<Diagnostic>> {
        Record::parse(source, questions, levels, true).map(|(record, _)| record)
    }

    /// Load a draft: like [`Record::load`], but required answers may still be missing. Also
    /// returns the fields the file answers (including those answered "not known yet").
    pub fn load_draft(
        source: &Source,
        questions: &QuestionSet,
        levels: &[&str],
    ) -> Result<(Self, BTreeSet<String>), Vec<Diagnostic>> {
        Record::parse(source, questions, levels, false)
    }

    fn parse(
        source: &Source,
        questions: &QuestionSet,
        levels: &[&str],
        complete: bool,
    ) -> Result<(Self, BTreeSet<String>), Vec<Diagnostic>> {
        yaml::expect_format(source, FORMAT, "record").map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        // Keys the format does not have, at any depth: each is reported, and the rest of the
        // file is still checked, so that one run shows every problem.
        let (raw, unknown) =
            yaml::parse_lenient::<RawRecord>(source, REFERENCE, yaml::Twice::RefusedBySerde)?;
        problems.extend(unknown);
        let mut answers = BTreeMap::new();
        let mut present = BTreeSet::new();
        for (key, value) in &raw.answers {
            let key = scalar_text(key);
            if !complete {
                present.insert(key.clone());
            }
            match read_answer(source, questions, &key, value) {
                Ok(Some(answer)) => {
                    answers.insert(key, answer);
                }
                Ok(None) => {}
                Err(found) => problems.extend(found),
            }
        }
        for (_, field) in questions.fields() {
            let missing = match answers.get(&field.key) {
                None => true,
                Some(Answer::Text(t)) => t.trim().is_empty(),
                Some(_) => false,
            };
            if complete
                && field.required
                && missing
                && !problems.iter().any(|d| d.message.contains(&field.key))
            {
                problems.push(
                    Diagnostic::error(
                        Code::MissingAnswer,
                        &source.name,
                        format!("`{}` is required and has no answer", field.key),
                    )
                    .at(source.locate(&["answers"]))
                    .help(format!(
                        "add `{}:` under `answers:` ({})",
                        field.key, field.prompt
                    )),
                );
            }
        }
        if let Some(expect) = &raw.expect {
            check_expect(source, expect, levels, &mut problems);
        }
        if let Some(review) = &raw.review {
            check_review(source, review, &mut problems);
        }
        let case_file = crate::case_record::check::CaseFile {
            source,
            levels,
            statuses: &STRATEGY_STATUSES,
        };
        if let Some(assessment) = &raw.assessment {
            problems.extend(case_file.assessment(assessment));
        }
        let judgement = raw
            .judgement
            .and_then(|j| {
                case_file.judgement(
                    j.agrees,
                    j.level,
                    j.strategy_discussion,
                    j.reason,
                    &mut problems,
                )
            })
            .map(|(agrees, level, strategy_discussion, reason)| Judgement {
                agrees,
                level,
                strategy_discussion,
                reason,
            });
        problems.extend(case_file.actions(&raw.actions));
        if !problems.is_empty() {
            return Err(problems);
        }
        let record = Record {
            title: raw.title,
            case_ref: raw.case_ref.map(|v| scalar_text(&v)),
            assessment: raw.assessment,
            notes: raw.notes,
            teaching_notes: raw.teaching_notes,
            review: raw.review,
            answers,
            judgement,
            actions: raw.actions,
            expect: raw.expect,
        };
        Ok((record, present))
    }

    /// Drop answers to fields whose condition is not met (the details of another child when
    /// nobody else was involved); returns their keys.
    pub fn drop_inapplicable(&mut self, questions: &QuestionSet) -> Vec<String> {
        let facts = crate::engine::Facts::new(questions, self);
        let gone: Vec<String> = questions
            .field_keys()
            .filter(|k| !facts.applies(k))
            .map(str::to_string)
            .collect();
        for key in &gone {
            self.answers.remove(key);
        }
        gone
    }

    /// The record as `hsb/1` YAML, answers in question order, so that loading it gives it back.
    /// Every field that applies is written, those not known as `unknown`.
    pub fn to_yaml(&self, questions: &QuestionSet) -> Result<String, serde_yaml::Error> {
        let facts = crate::engine::Facts::new(questions, self);
        let keys: Vec<&str> = questions
            .field_keys()
            .filter(|k| facts.applies(k))
            .collect();
        self.write_yaml(questions, &keys)
    }

    /// A draft: only the fields answered so far (those answered "not known yet" as `unknown`),
    /// so that resuming can tell what is still to ask.
    pub fn to_draft_yaml(
        &self,
        questions: &QuestionSet,
        answered: &BTreeSet<String>,
    ) -> Result<String, serde_yaml::Error> {
        let keys: Vec<&str> = questions
            .field_keys()
            .filter(|k| answered.contains(*k))
            .collect();
        self.write_yaml(questions, &keys)
    }

    fn write_yaml(
        &self,
        questions: &QuestionSet,
        keys: &[&str],
    ) -> Result<String, serde_yaml::Error> {
        let mut map = Mapping::new();
        let text = |s: &str| Value::String(s.to_string());
        map.insert(text("format"), text(FORMAT));
        for (key, value) in [("title", &self.title), ("case_ref", &self.case_ref)] {
            if let Some(value) = value {
                map.insert(text(key), text(value));
            }
        }
        if let Some(assessment) = &self.assessment {
            map.insert(text("assessment"), serde_yaml::to_value(assessment)?);
        }
        for (key, value) in [
            ("notes", &self.notes),
            ("teaching_notes", &self.teaching_notes),
        ] {
            if let Some(value) = value {
                map.insert(text(key), text(value));
            }
        }
        if let Some(review) = &self.review {
            map.insert(text("review"), serde_yaml::to_value(review)?);
        }
        let mut answers = Mapping::new();
        for (_, field) in questions
            .fields()
            .filter(|(_, f)| keys.contains(&f.key.as_str()))
        {
            let value = match self.answers.get(&field.key) {
                Some(Answer::Text(t)) => text(t),
                Some(Answer::Choice(c)) => text(c),
                Some(Answer::List(items)) => {
                    Value::Sequence(items.iter().map(|i| text(i)).collect())
                }
                Some(Answer::Number(n)) => Value::Number((*n).into()),
                None if matches!(field.kind, FieldKind::Text) => text(""),
                None => text(UNKNOWN),
            };
            answers.insert(text(&field.key), value);
        }
        map.insert(text("answers"), Value::Mapping(answers));
        if let Some(j) = &self.judgement {
            let mut judgement = Mapping::new();
            let word = if j.agrees { "yes" } else { "no" };
            judgement.insert(text("agrees"), text(word));
            judgement.insert(text("level"), text(&j.level));
            judgement.insert(text("strategy_discussion"), text(&j.strategy_discussion));
            if let Some(reason) = &j.reason {
                judgement.insert(text("reason"), text(reason));
            }
            map.insert(text("judgement"), Value::Mapping(judgement));
        }
        if !self.actions.is_empty() {
            map.insert(text("actions"), serde_yaml::to_value(&self.actions)?);
        }
        if let Some(expect) = &self.expect {
            map.insert(text("expect"), serde_yaml::to_value(expect)?);
        }
        serde_yaml::to_string(&map)
    }
}

/// Every key a record may have, at its place: where "did you mean" looks for a misspelt key.
/// (A test checks that the format reads every one of them.)
pub(crate) const REFERENCE: &str = "\
format: hsb/1
title: t
case_ref: c
assessment: {at: a, role: r, agency: a}
notes: n
teaching_notes: n
review: {checked_against: [a], checked_by: b, checked_on: c, reviewed_by: d, reviewed_on: e}
answers: {}
judgement: {agrees: true, level: l, strategy_discussion: s, reason: r}
actions: [{action: a, at: t, note: n}]
expect: {level: l, strategy_discussion: s, provisional: true, rules: [r], responses: [r]}
";

/// One answer, checked against its field; every problem with it (each value of a list that
/// is not allowed, say) is reported.
fn read_answer(
    source: &Source,
    questions: &QuestionSet,
    key: &str,
    value: &Value,
) -> Result<Option<Answer>, Vec<Diagnostic>> {
    read_one(source, questions, key, value).map_err(|found| match found {
        Found::One(d) => vec![d],
        Found::Many(all) => all,
    })
}

/// The problems [`read_one`] found: one, or (for a list) every bad value.
enum Found {
    One(Diagnostic),
    Many(Vec<Diagnostic>),
}

impl From<Diagnostic> for Found {
    fn from(d: Diagnostic) -> Self {
        Found::One(d)
    }
}

fn read_one(
    source: &Source,
    questions: &QuestionSet,
    key: &str,
    value: &Value,
) -> Result<Option<Answer>, Found> {
    let place = |token: &str| {
        source
            .locate(&["answers", key, token])
            .or(source.locate(&["answers", key]))
    };
    let Some(field) = questions.field(key) else {
        let help = if questions.questions.iter().any(|q| q.id == key) {
            format!("answers are keyed `question.field`; write `{key}.<field>: …` for each field")
        } else {
            suggest::closest(key, questions.field_keys()).map_or_else(
                || {
                    "answers are keyed `question.field`; `hsb questions` lists every field id"
                        .to_string()
                },
                |found| format!("did you mean `{found}`?"),
            )
        };
        // The key itself is never repeated: a mistyped key may be a sentence about a child.
        return Err(Found::One(
            Diagnostic::error(
                Code::UnknownField,
                &source.name,
                "an answer is keyed by something that is not a field id of the question set"
                    .to_string(),
            )
            .at(source.locate(&["answers", key]))
            .help(help),
        ));
    };
    if matches!(value, Value::Null) {
        return Ok(None);
    }
    let wrong_type = |what: &str| {
        Diagnostic::error(
            Code::BadAnswer,
            &source.name,
            format!("`{key}` takes {what}, found {}", describe(value)),
        )
        .at(place(""))
        .help(format!("{} ({})", field.prompt, field_hint(field)))
    };
    let choice = |written: &str| -> Result<Option<String>, Diagnostic> {
        match field.canonical_value(written) {
            Some(UNKNOWN) => Ok(None),
            Some(id) => Ok(Some(id.to_string())),
            None => Err(Diagnostic::error(
                Code::UnknownValue,
                &source.name,
                // What was written is never repeated, however short: it may be a name.
                format!("`{key}` has a value that is not one of its listed values"),
            )
            .at(place(written))
            .help(format!(
                "{} (allowed: {}, `unknown`)",
                suggest::closest(written, field.value_ids()).map_or_else(
                    || "use one of the allowed values".to_string(),
                    |s| format!("did you mean `{s}`?")
                ),
                suggest::join(field.value_ids())
            ))),
        }
    };
    match (&field.kind, value) {
        (FieldKind::Text, Value::String(_) | Value::Number(_) | Value::Bool(_)) => {
            let text = scalar_text(value);
            Ok((!text.trim().is_empty()).then_some(Answer::Text(text)))
        }
        (FieldKind::Text, _) => Err(wrong_type("text").into()),
        (FieldKind::Choice(_), Value::String(s)) => Ok(choice(s)?.map(Answer::Choice)),
        (FieldKind::Choice(_), Value::Bool(b)) => Err(wrong_type("one word")
            .help(format!(
                "write `yes`, `no` or `unknown`; `{b}` is not one of the allowed words"
            ))
            .into()),
        (FieldKind::Choice(_), _) => Err(wrong_type("one value")
            .help(format!(
                "allowed: {}, `unknown`",
                suggest::join(field.value_ids())
            ))
            .into()),
        (FieldKind::List(_), Value::String(s)) => Ok(choice(s)?.map(|id| Answer::List(vec![id]))),
        (FieldKind::List(_), Value::Sequence(items)) => {
            let mut ids = Vec::new();
            let mut saw_unknown = false;
            let mut bad = Vec::new();
            for item in items {
                let Value::String(s) = item else {
                    return Err(wrong_type("a list of values").into());
                };
                match choice(s) {
                    Ok(Some(id)) if !ids.contains(&id) => ids.push(id),
                    Ok(Some(_)) => {}
                    Ok(None) => saw_unknown = true,
                    Err(d) => bad.push(d),
                }
            }
            if !bad.is_empty() {
                return Err(Found::Many(bad));
            }
            match (saw_unknown, ids.is_empty()) {
                (true, true) => Ok(None),
                (true, false) => Err(Diagnostic::error(
                    Code::BadAnswer,
                    &source.name,
                    format!("`{key}` mixes `unknown` with other values"),
                )
                .at(place(UNKNOWN))
                .help("list what is known; write `unknown` alone only when nothing is known")
                .into()),
                (false, _) => Ok(Some(Answer::List(ids))),
            }
        }
        (FieldKind::List(_), _) => Err(wrong_type("a list of values").into()),
        (FieldKind::Number { .. }, Value::String(s)) if s == UNKNOWN => Ok(None),
        (FieldKind::Number { min, max }, Value::Number(n)) => match n.as_i64() {
            Some(n) if (*min..=*max).contains(&n) => Ok(Some(Answer::Number(n))),
            _ => Err(Diagnostic::error(
                Code::BadAnswer,
                &source.name,
                format!("`{key}` must be a whole number from {min} to {max}, found {n}"),
            )
            .at(place(&n.to_string()))
            .help(format!("{} (or `unknown`)", field.prompt))
            .into()),
        },
        (FieldKind::Number { min, max }, _) => {
            Err(wrong_type(&format!("a whole number from {min} to {max}, or `unknown`")).into())
        }
    }
}

fn field_hint(field: &crate::questions::Field) -> String {
    match &field.kind {
        FieldKind::Text => "free text".to_string(),
        FieldKind::Choice(_) => format!("one of {}, `unknown`", suggest::join(field.value_ids())),
        FieldKind::List(_) => format!("a list of {}", suggest::join(field.value_ids())),
        FieldKind::Number { min, max } => {
            format!("a whole number from {min} to {max}, or `unknown`")
        }
    }
}

/// A value for an error message. Short words (a misspelt value) are quoted to help fix them;
/// anything longer may be free text about a child, and is never repeated.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::String(_) => "text".to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::Bool(b) => format!("`{b}`"),
        other => scalar_text(other),
    }
}

/// A review's dates must be dates.
fn check_review(source: &Source, review: &ClinicalReview, problems: &mut Vec<Diagnostic>) {
    for (key, date) in [
        ("checked_on", &review.checked_on),
        ("reviewed_on", &review.reviewed_on),
    ] {
        if let Some(date) = date.as_deref().map(str::trim)
            && !date.is_empty()
            && !crate::lang::is_date(date)
        {
            problems.push(
                Diagnostic::error(
                    Code::Structure,
                    &source.name,
                    format!("`review: {key}` is not a date"),
                )
                .at(source.locate(&["review", key]))
                .help("write the date as YYYY-MM-DD, e.g. 2026-11-28"),
            );
        }
    }
}

fn check_expect(source: &Source, expect: &Expect, levels: &[&str], problems: &mut Vec<Diagnostic>) {
    if let Some(level) = &expect.level
        && !levels.contains(&level.as_str())
        && level != crate::continuum::NOT_PLACED
    {
        problems.push(
            Diagnostic::error(
                Code::BadExpect,
                &source.name,
                format!("expected level `{level}` is not a level of the continuum"),
            )
            .at(source.locate(&["expect", "level", level]))
            .help(format!(
                "{} (or `none` for a behaviour not yet placed)",
                suggest::hint(level, levels.iter().copied())
            )),
        );
    }
    if let Some(status) = &expect.strategy_discussion
        && !STRATEGY_STATUSES.contains(&status.as_str())
    {
        problems.push(
            Diagnostic::error(
                Code::BadExpect,
                &source.name,
                format!("expected strategy discussion `{status}` is not a status"),
            )
            .at(source.locate(&["expect", "strategy_discussion", status]))
            .help(suggest::hint(status, STRATEGY_STATUSES)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_holds_every_key_the_format_reads() {
        let mut ignored = Vec::new();
        let read: Result<RawRecord, _> =
            serde_ignored::deserialize(serde_yaml::Deserializer::from_str(REFERENCE), |path| {
                ignored.push(path.to_string())
            });
        assert!(read.is_ok() && ignored.is_empty(), "{ignored:?}");
        // And every key of the parts that can be written out is in it.
        let written = serde_yaml::to_string(
            &serde_yaml::to_value(Expect {
                level: Some("l".into()),
                strategy_discussion: Some("s".into()),
                provisional: Some(true),
                rules: vec!["r".into()],
                responses: vec!["r".into()],
            })
            .unwrap(),
        )
        .unwrap();
        for key in written
            .lines()
            .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        {
            let key = key.trim_start_matches(['-', ' ']);
            assert!(
                key.is_empty() || REFERENCE.contains(&format!("{key}:")),
                "{key}"
            );
        }
    }
}
