//! Reading a question set file: its YAML checked and built into a [`QuestionSet`], every problem
//! placed.

use crate::anchors;
use crate::content::condition::Condition;
use crate::content::questions::{Choice, FORMAT, Field, FieldKind, Question, QuestionSet, Slots};
use crate::content::texts::{RawText, Texts, WelshReview};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use crate::text::lang::Lang;
use crate::text::suggest;
use serde::Deserialize;
use serde_yaml::Value;
use std::collections::BTreeMap;

impl QuestionSet {
    /// Load and validate a question set with its texts in `lang`, reporting every problem found.
    pub fn load(source: &Source, lang: Lang) -> Result<Self, Vec<Diagnostic>> {
        yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatQuestionSet)
            .map_err(|d| vec![d])?;
        let (raw, unknown): (RawQuestionSet, _) = yaml::parse_lenient(
            source,
            crate::content::embedded::QUESTIONS.1,
            yaml::Twice::MayPass,
        )?;
        build(source, raw, lang, unknown)
    }
}

#[derive(Deserialize)]
struct RawQuestionSet {
    #[allow(dead_code)]
    format: String,
    #[serde(default)]
    welsh_review: WelshReview,
    name: RawText,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    attribution: Option<RawText>,
    #[serde(default)]
    introduction: Option<RawText>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
struct RawQuestion {
    id: String,
    number: u32,
    text: RawText,
    #[serde(default)]
    reason: Option<RawText>,
    fields: Vec<RawField>,
}

#[derive(Deserialize)]
struct RawField {
    id: String,
    #[serde(default)]
    label: Option<RawText>,
    #[serde(rename = "type")]
    kind: String,
    prompt: RawText,
    #[serde(default)]
    help: Option<RawText>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    values: Vec<RawChoice>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    when: Option<Value>,
    #[serde(default)]
    judgement: bool,
}

#[derive(Deserialize)]
struct RawChoice {
    id: String,
    label: RawText,
    #[serde(default)]
    help: Option<RawText>,
    #[serde(default)]
    aliases: Vec<String>,
}

const KINDS: [&str; 4] = ["text", "choice", "list", "number"];

/// Finds the field in the file, when there is a problem to place.
type Place<'p> = dyn Fn() -> Option<(usize, usize)> + 'p;

/// The question set being built: its texts, the problems found, and the fields with a `when:`
/// (checked once the whole set is known).
struct Builder<'s> {
    source: &'s Source,
    texts: Texts<'s>,
    problems: Vec<Diagnostic>,
    /// (field key, its question's anchor, the field's id)
    conditions: Vec<(String, String, String)>,
}

/// The question set, or every problem: `problems` holds those found while reading the file.
fn build(
    source: &Source,
    raw: RawQuestionSet,
    lang: Lang,
    problems: Vec<Diagnostic>,
) -> Result<QuestionSet, Vec<Diagnostic>> {
    let mut texts = Texts::new(source, lang);
    texts.review(&raw.welsh_review);
    let name = texts.pick(
        raw.name,
        || crate::message!(NameQuestionSet),
        anchors!["name:"],
    );
    let attribution = texts.pick_opt(
        raw.attribution,
        || crate::message!(NameKey, key = "attribution"),
        anchors!["attribution:"],
    );
    let introduction = texts.pick_opt(
        raw.introduction,
        || crate::message!(NameKey, key = "introduction"),
        anchors!["introduction:"],
    );
    let mut builder = Builder {
        source,
        texts,
        problems,
        conditions: Vec::new(),
    };
    let mut seen_questions = BTreeMap::new();
    let questions: Vec<Question> = raw
        .questions
        .into_iter()
        .map(|rq| builder.question(rq, &mut seen_questions))
        .collect();
    let Builder {
        texts,
        mut problems,
        conditions,
        ..
    } = builder;
    let mut warnings = Vec::new();
    texts.finish(&mut problems, &mut warnings);
    let set = QuestionSet {
        lang,
        welsh_review: raw.welsh_review,
        warnings,
        name,
        version: raw
            .version
            .map(|v| yaml::scalar_text(&v))
            .unwrap_or_default(),
        attribution: attribution.unwrap_or_default(),
        introduction: introduction.unwrap_or_default(),
        slots: Slots::default(),
        questions,
    }
    .indexed();
    check_conditions(source, &set, conditions, &mut problems);
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(problems)
    }
}

impl Builder<'_> {
    fn error(&mut self, code: Code, message: crate::text::messages::Message, place: &Place<'_>) {
        self.problems
            .push(Diagnostic::error_said(code, &self.source.name, message).at(place()));
    }

    /// One question with its fields; a field of an unknown type is left out (and reported).
    fn question(&mut self, rq: RawQuestion, seen: &mut BTreeMap<String, ()>) -> Question {
        let source = self.source;
        let anchor = format!("id: {}", rq.id);
        if seen.insert(rq.id.clone(), ()).is_some() {
            self.problems.push(
                Diagnostic::error_said(
                    Code::DuplicateId,
                    &source.name,
                    crate::message!(
                        DiagQuestionTwice,
                        id = rq.id;
                        said first = crate::input::source::first_at_said(source.locate(&[&anchor]))
                    ),
                )
                .at(source.locate(&[&anchor, &anchor]))
                .help_said(crate::message!(DiagQuestionTwiceHelp)),
            );
        }
        let mut fields = Vec::new();
        for rf in rq.fields {
            if let Some(field) = self.field(&rq.id, &anchor, rf, &fields) {
                fields.push(field);
            }
        }
        let text = self.texts.pick(
            rq.text,
            || crate::message!(NameQuestionKey, id = rq.id, key = "text"),
            anchors![&anchor, "text"],
        );
        let reason = self
            .texts
            .pick_opt(
                rq.reason,
                || crate::message!(NameQuestionKey, id = rq.id, key = "reason"),
                anchors![&anchor, "reason"],
            )
            .unwrap_or_default();
        Question {
            id: rq.id,
            number: rq.number,
            text,
            reason,
            fields,
        }
    }

    /// One field of question `question`, or `None` when its type is unknown.
    fn field(
        &mut self,
        question: &str,
        anchor: &str,
        rf: RawField,
        earlier: &[Field],
    ) -> Option<Field> {
        let source = self.source;
        let key = format!("{question}.{}", rf.id);
        let field_anchor = format!("id: {}", rf.id);
        let place = || source.locate(&[anchor, &field_anchor]);
        let what = |name: &str| crate::message!(NameFieldKey, id = key, key = name);
        let label = self.texts.pick_opt(
            rf.label,
            || what("label"),
            anchors![anchor, &field_anchor, "label"],
        );
        let prompt = self.texts.pick(
            rf.prompt,
            || what("prompt"),
            anchors![anchor, &field_anchor, "prompt"],
        );
        let help = self.texts.pick_opt(
            rf.help,
            || what("help"),
            anchors![anchor, &field_anchor, "help"],
        );
        let values = self.choices(question, &rf.id, anchor, &field_anchor, rf.values);
        if earlier.iter().any(|f| f.key == key) {
            self.error(
                Code::DuplicateId,
                crate::message!(DiagFieldTwice, key = key),
                &place,
            );
        }
        // Places are found only for a problem: finding one reads the whole file's events.
        let kind = self.kind(&key, &rf.kind, values, (rf.min, rf.max), &place)?;
        self.check_kind(&key, &kind, &place);
        let when = self.when(&key, anchor, &rf.id, rf.when, &place);
        Some(Field {
            label: label.unwrap_or_else(|| humanise(&rf.id)),
            key,
            prompt,
            help,
            kind,
            required: rf.required,
            when,
            judgement: rf.judgement,
        })
    }

    /// The values of a choice or list field, with their texts in the set's language.
    fn choices(
        &mut self,
        question: &str,
        field: &str,
        anchor: &str,
        field_anchor: &str,
        raw: Vec<RawChoice>,
    ) -> Vec<Choice> {
        raw.into_iter()
            .map(|rc| {
                let at = |key: &'static str| {
                    let choice_anchor = format!("id: {}", rc.id);
                    anchors![anchor, field_anchor, choice_anchor, key]()
                };
                let what = |key: &str| {
                    crate::message!(
                        NameValueKey,
                        id = rc.id,
                        field = format!("{question}.{field}"),
                        key = key
                    )
                };
                Choice {
                    label: self.texts.pick(rc.label, || what("label"), || at("label")),
                    help: self
                        .texts
                        .pick_opt(rc.help, || what("help"), || at("help"))
                        .unwrap_or_default(),
                    id: rc.id,
                    aliases: rc.aliases,
                }
            })
            .collect()
    }

    /// The field's kind from its `type:`, or `None` (reported) for a type hsb does not have.
    fn kind(
        &mut self,
        key: &str,
        kind: &str,
        values: Vec<Choice>,
        (min, max): (Option<i64>, Option<i64>),
        place: &Place<'_>,
    ) -> Option<FieldKind> {
        Some(match kind {
            "text" => FieldKind::Text,
            "choice" => FieldKind::Choice(values),
            "list" => FieldKind::List(values),
            "number" => FieldKind::Number {
                min: min.unwrap_or(0),
                max: max.unwrap_or(i64::MAX),
            },
            other => {
                self.problems.push(
                    Diagnostic::error_said(
                        Code::Structure,
                        &self.source.name,
                        crate::message!(DiagFieldUnknownType, key = key, kind = other),
                    )
                    .at(place())
                    .help_said(suggest::hint_said(other, KINDS)),
                );
                return None;
            }
        })
    }

    /// A choice or list with values, each value (and alias) once, and a number's range in order.
    fn check_kind(&mut self, key: &str, kind: &FieldKind, place: &Place<'_>) {
        if matches!(kind, FieldKind::Choice(_) | FieldKind::List(_)) && kind.choices().is_empty() {
            self.problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &self.source.name,
                    crate::message!(DiagFieldNoValues, key = key, kind = kind.name()),
                )
                .at(place())
                .help_said(crate::message!(DiagFieldNoValuesHelp)),
            );
        }
        let mut value_ids = BTreeMap::new();
        for choice in kind.choices() {
            for word in std::iter::once(&choice.id).chain(&choice.aliases) {
                if value_ids.insert(word.clone(), ()).is_some() {
                    self.error(
                        Code::DuplicateId,
                        crate::message!(DiagFieldValueTwice, key = key, word = word),
                        place,
                    );
                }
            }
        }
        if let FieldKind::Number { min, max } = *kind
            && min > max
        {
            self.error(
                Code::BadContent,
                crate::message!(DiagFieldMinMax, key = key, min = min, max = max),
                place,
            );
        }
    }

    /// The field's `when:` condition, read now and checked once the whole set is known.
    fn when(
        &mut self,
        key: &str,
        anchor: &str,
        field_id: &str,
        when: Option<Value>,
        place: &Place<'_>,
    ) -> Option<Condition> {
        match Condition::parse(&when?, &BTreeMap::new()) {
            Ok(condition) => {
                self.conditions
                    .push((key.to_string(), anchor.to_string(), field_id.to_string()));
                Some(condition)
            }
            Err(err) => {
                self.error(
                    Code::BadCondition,
                    crate::message!(CondInField, key = key; said problem = err.message),
                    place,
                );
                None
            }
        }
    }
}

/// Each field's `when:` against the whole set: known fields and values, and only fields asked
/// before it.
fn check_conditions(
    source: &Source,
    set: &QuestionSet,
    conditions: Vec<(String, String, String)>,
    problems: &mut Vec<Diagnostic>,
) {
    for (key, anchor, field_id) in conditions {
        let Some(condition) = set.field(&key).and_then(|f| f.when.as_ref()) else {
            continue;
        };
        let earlier: Vec<&str> = set.field_keys().take_while(|k| *k != key).collect();
        for problem in condition.check(set) {
            problems.push(
                Diagnostic::error_said(
                    problem.code,
                    &source.name,
                    crate::message!(CondInField, key = key; said problem = problem.message),
                )
                .at(source.locate(&[&anchor, &format!("id: {field_id}"), &problem.token]))
                .help_said(problem.help),
            );
        }
        for used in condition.fields() {
            if !earlier.contains(&used.as_str()) && set.field(&used).is_some() {
                problems.push(
                    Diagnostic::error_said(
                        Code::BadCondition,
                        &source.name,
                        crate::message!(DiagFieldDependsLater, key = key, used = used),
                    )
                    .at(source.locate(&[&anchor, &format!("id: {field_id}")]))
                    .help_said(crate::message!(DiagFieldDependsLaterHelp)),
                );
            }
        }
    }
}

/// `previous_incidents` → "Previous incidents", for fields without a label.
fn humanise(id: &str) -> String {
    let words = id.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}
