//! Reading a record: the YAML checked against the question set, every problem placed.

use super::{Assessment, ClinicalReview, Expect, FORMAT, Judgement, Record};
use crate::content::answer::{Answer, UNKNOWN};
use crate::content::case_record::RecordedAction;
use crate::content::continuum::StrategyStatus;
use crate::content::questions::{Field, FieldKind, QuestionSet};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml::{self, describe_value as describe, scalar_text};
use crate::text::messages::Message;
use crate::text::suggest;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Its keys are required, but a missing one is reported beside every other problem in the
/// file (serde would stop at it).
#[derive(Deserialize)]
struct RawJudgement {
    #[serde(default)]
    agrees: Option<Value>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    strategy_discussion: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl RawJudgement {
    /// The required keys, or `None` with each missing one reported.
    fn complete(
        self,
        source: &Source,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<(Value, String, String, Option<String>)> {
        let missing = [
            ("agrees", self.agrees.is_none()),
            ("level", self.level.is_none()),
            ("strategy_discussion", self.strategy_discussion.is_none()),
        ];
        for (key, _) in missing.iter().filter(|(_, gone)| *gone) {
            problems.push(
                Diagnostic::error_said(
                    Code::Structure,
                    &source.name,
                    crate::message!(DiagMissingField, within = "judgement: ", field = key),
                )
                .at(source.locate(&["judgement"]))
                .help_said(crate::message!(DiagStructureHelp)),
            );
        }
        Some((
            self.agrees?,
            self.level?,
            self.strategy_discussion?,
            self.reason,
        ))
    }
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
    tags: Vec<String>,
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
    /// Read and validate one record file against the content's questions and levels.
    pub fn load_file(
        path: &std::path::Path,
        content: &crate::content::Content,
    ) -> Result<Record, crate::input::error::Error> {
        use crate::input::error::Error;
        let source = Source::read(path).map_err(|d| Error::Invalid(vec![d]))?;
        Record::load(&source, &content.questions, &content.level_ids()).map_err(Error::Invalid)
    }

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
        yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatRecord)
            .map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        // Keys the format does not have, at any depth: each is reported, and the rest of the
        // file is still checked, so that one run shows every problem.
        let (raw, unknown) =
            yaml::parse_lenient::<RawRecord>(source, REFERENCE, yaml::Twice::RefusedBySerde)?;
        problems.extend(unknown);
        let (answers, present) =
            read_answers(source, questions, &raw.answers, complete, &mut problems);
        if complete {
            missing_answers(source, questions, &answers, &mut problems);
        }
        if let Some(expect) = &raw.expect {
            check_expect(source, expect, levels, &mut problems);
        }
        if let Some(review) = &raw.review {
            check_review(source, review, &mut problems);
        }
        check_tags(source, &raw.tags, &mut problems);
        let case_file = crate::record::case::CaseFile { source, levels };
        if let Some(assessment) = &raw.assessment {
            problems.extend(case_file.assessment(assessment));
        }
        let judgement = raw
            .judgement
            .and_then(|j| j.complete(source, &mut problems))
            .and_then(|(agrees, level, strategy_discussion, reason)| {
                case_file.judgement(agrees, level, strategy_discussion, reason, &mut problems)
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
            tags: raw.tags,
            answers,
            judgement,
            actions: raw.actions,
            expect: raw.expect,
        };
        Ok((record, present))
    }
}

/// Every answer, read against its field, and (for a draft) the keys present.
fn read_answers(
    source: &Source,
    questions: &QuestionSet,
    raw: &Mapping,
    complete: bool,
    problems: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, Answer>, BTreeSet<String>) {
    let mut answers = BTreeMap::new();
    let mut present = BTreeSet::new();
    for (key, value) in raw {
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
    (answers, present)
}

/// A required field without an answer (blank text counts as none), unless its answer was
/// already reported.
fn missing_answers(
    source: &Source,
    questions: &QuestionSet,
    answers: &BTreeMap<String, Answer>,
    problems: &mut Vec<Diagnostic>,
) {
    for (_, field) in questions.fields() {
        let missing = match answers.get(&field.key) {
            None => true,
            Some(Answer::Text(t)) => t.trim().is_empty(),
            Some(_) => false,
        };
        if field.required && missing && !problems.iter().any(|d| d.message.contains(&field.key)) {
            problems.push(
                Diagnostic::error_said(
                    Code::MissingAnswer,
                    &source.name,
                    crate::message!(DiagRequiredMissing, field = field.key),
                )
                .at(source.locate(&["answers"]))
                .help_said(crate::message!(
                    DiagRequiredMissingHelp,
                    field = field.key,
                    prompt = field.prompt
                )),
            );
        }
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
tags: [t]
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
    let Some(field) = questions.field(key) else {
        return Err(Found::One(unknown_field(source, questions, key)));
    };
    if matches!(value, Value::Null) {
        return Ok(None);
    }
    AnswerReader {
        source,
        key,
        field,
        value,
    }
    .read()
}

/// An answer keyed by something that is not a field id. The key itself is never repeated: a
/// mistyped key may be a sentence about a child.
fn unknown_field(source: &Source, questions: &QuestionSet, key: &str) -> Diagnostic {
    let help = if questions.questions.iter().any(|q| q.id == key) {
        crate::message!(DiagUnknownFieldQuestionHelp, key = key)
    } else {
        suggest::closest(key, questions.field_keys()).map_or_else(
            || crate::message!(DiagUnknownFieldHelp),
            |found| crate::message!(DidYouMean, found = found),
        )
    };
    Diagnostic::error_said(
        Code::UnknownField,
        &source.name,
        crate::message!(DiagUnknownField),
    )
    .at(source.locate(&["answers", key]))
    .help_said(help)
}

/// One answer's value, read against its field.
struct AnswerReader<'a> {
    source: &'a Source,
    key: &'a str,
    field: &'a Field,
    value: &'a Value,
}

impl AnswerReader<'_> {
    fn read(&self) -> Result<Option<Answer>, Found> {
        let (field, value) = (self.field, self.value);
        match (&field.kind, value) {
            (FieldKind::Text, Value::String(_) | Value::Number(_) | Value::Bool(_)) => {
                let text = scalar_text(value);
                Ok((!text.trim().is_empty()).then_some(Answer::Text(text)))
            }
            (FieldKind::Text, _) => Err(self.wrong_type(crate::message!(KindText)).into()),
            (FieldKind::Choice(_), Value::String(s)) => Ok(self.choice(s)?.map(Answer::Choice)),
            (FieldKind::Choice(_), Value::Bool(b)) => Err(self
                .wrong_type(crate::message!(KindOneWord))
                .help_said(crate::message!(DiagYesNoHelp, word = b))
                .into()),
            (FieldKind::Choice(_), _) => Err(self
                .wrong_type(crate::message!(KindOneValue))
                .help_said(crate::message!(
                    AllowedValues,
                    values = format!("{}, `unknown`", suggest::join(field.value_ids()))
                ))
                .into()),
            (FieldKind::List(_), Value::String(s)) => {
                Ok(self.choice(s)?.map(|id| Answer::List(vec![id])))
            }
            (FieldKind::List(_), Value::Sequence(items)) => self.list(items),
            (FieldKind::List(_), _) => Err(self.wrong_type(crate::message!(KindList)).into()),
            (FieldKind::Number { .. }, Value::String(s)) if s == UNKNOWN => Ok(None),
            (FieldKind::Number { min, max }, Value::Number(n)) => match n.as_i64() {
                Some(n) if (*min..=*max).contains(&n) => Ok(Some(Answer::Number(n))),
                _ => Err(Diagnostic::error_said(
                    Code::BadAnswer,
                    &self.source.name,
                    crate::message!(DiagNumberRange, key = self.key, min = min, max = max, n = n),
                )
                .at(self.place(&n.to_string()))
                .help_said(crate::message!(DiagPromptOrUnknown, prompt = field.prompt))
                .into()),
            },
            (FieldKind::Number { min, max }, _) => Err(self
                .wrong_type(crate::message!(KindNumber, min = min, max = max))
                .into()),
        }
    }

    /// The place of a word in the answer, else of the answer.
    fn place(&self, token: &str) -> Option<(usize, usize)> {
        self.source
            .locate(&["answers", self.key, token])
            .or(self.source.locate(&["answers", self.key]))
    }

    fn wrong_type(&self, what: Message) -> Diagnostic {
        Diagnostic::error_said(
            Code::BadAnswer,
            &self.source.name,
            crate::message!(
                DiagWrongType,
                key = self.key;
                said what = what;
                said found = describe(self.value)
            ),
        )
        .at(self.place(""))
        .help_said(crate::message!(
            PromptWithHint,
            prompt = self.field.prompt;
            said hint = field_hint(self.field)
        ))
    }

    /// A value's id (an alias gives the id it stands for); `None` for `unknown`.
    fn choice(&self, written: &str) -> Result<Option<String>, Diagnostic> {
        let field = self.field;
        match field.canonical_value(written) {
            Some(UNKNOWN) => Ok(None),
            Some(id) => Ok(Some(id.to_string())),
            None => Err(Diagnostic::error_said(
                Code::UnknownValue,
                &self.source.name,
                // What was written is never repeated, however short: it may be a name.
                crate::message!(DiagNotAListedValue, key = self.key),
            )
            .at(self.place(written))
            .help_said(suggest::hint_with_listed(
                written,
                field.value_ids(),
                &format!("{}, `unknown`", suggest::join(field.value_ids())),
            ))),
        }
    }

    /// A list: every value not allowed is reported; `unknown` alone means not known.
    fn list(&self, items: &[Value]) -> Result<Option<Answer>, Found> {
        let mut ids = Vec::new();
        let mut saw_unknown = false;
        let mut bad = Vec::new();
        for item in items {
            let Value::String(s) = item else {
                return Err(self.wrong_type(crate::message!(KindList)).into());
            };
            match self.choice(s) {
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
            (true, false) => Err(Diagnostic::error_said(
                Code::BadAnswer,
                &self.source.name,
                crate::message!(DiagMixesUnknown, key = self.key),
            )
            .at(self.place(UNKNOWN))
            .help_said(crate::message!(DiagMixesUnknownHelp))
            .into()),
            (false, _) => Ok(Some(Answer::List(ids))),
        }
    }
}

fn field_hint(field: &Field) -> Message {
    match &field.kind {
        FieldKind::Text => crate::message!(KindFreeText),
        FieldKind::Choice(_) => {
            crate::message!(KindOneOf, values = suggest::join(field.value_ids()))
        }
        FieldKind::List(_) => {
            crate::message!(KindListOf, values = suggest::join(field.value_ids()))
        }
        FieldKind::Number { min, max } => crate::message!(KindNumber, min = min, max = max),
    }
}

/// Every tag one of those listed. A tag that is not is never repeated (it is text a trainer
/// wrote); the one meant is suggested.
fn check_tags(source: &Source, tags: &[String], problems: &mut Vec<Diagnostic>) {
    let known = crate::content::tags::builtin();
    for (i, tag) in tags.iter().enumerate() {
        if known.knows(tag) {
            continue;
        }
        let derived = tag
            .split_once(':')
            .is_some_and(|(group, _)| crate::content::tags::DERIVED.contains(&group));
        let help = if derived {
            crate::message!(DiagDerivedTagHelp)
        } else {
            suggest::closest(tag, known.all()).map_or_else(
                || crate::message!(DiagTagsHelp),
                |t| crate::message!(DidYouMean, found = t),
            )
        };
        problems.push(
            Diagnostic::error_said(
                Code::UnknownTag,
                &source.name,
                crate::message!(DiagUnknownTag, n = i + 1),
            )
            .at(source.locate(&["tags", tag]).or(source.locate(&["tags"])))
            .help_said(help),
        );
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
            && !crate::content::texts::is_date(date)
        {
            problems.push(
                Diagnostic::error_said(
                    Code::Structure,
                    &source.name,
                    crate::message!(DiagReviewNotADate, key = key),
                )
                .at(source.locate(&["review", key]))
                .help_said(crate::message!(DiagWriteADate)),
            );
        }
    }
}

fn check_expect(source: &Source, expect: &Expect, levels: &[&str], problems: &mut Vec<Diagnostic>) {
    if let Some(level) = &expect.level
        && !levels.contains(&level.as_str())
        && level != crate::content::continuum::NOT_PLACED
    {
        problems.push(
            Diagnostic::error_said(
                Code::BadExpect,
                &source.name,
                crate::message!(DiagExpectLevel, level = level),
            )
            .at(source.locate(&["expect", "level", level]))
            .help_said(crate::message!(
                DiagExpectLevelHelp;
                said hint = suggest::hint_said(level, levels.iter().copied())
            )),
        );
    }
    if let Some(status) = &expect.strategy_discussion
        && StrategyStatus::from_id(status).is_none()
    {
        problems.push(
            Diagnostic::error_said(
                Code::BadExpect,
                &source.name,
                crate::message!(DiagExpectStatus, status = status),
            )
            .at(source.locate(&["expect", "strategy_discussion", status]))
            .help_said(suggest::hint_said(
                status,
                StrategyStatus::ALL.map(StrategyStatus::id),
            )),
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
