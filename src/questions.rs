//! The question set: the seven Appendix 3 questions and the fields recorded for each.
//!
//! The questions are data (`questions/appendix3.yaml`); this module knows only their shape.

use crate::anchors;
use crate::condition::Condition;
use crate::diag::{Code, Diagnostic};
use crate::lang::{Lang, RawText, Texts, WelshReview};
use crate::source::Source;
use crate::suggest;
use crate::yaml;
use serde::Deserialize;
use serde_yaml::Value;
use std::collections::{BTreeMap, HashMap};

pub const FORMAT: &str = "hsb-questions/1";
/// The value every choice and list accepts for "not known yet".
pub const UNKNOWN: &str = "unknown";

/// A loaded, validated question set.
#[derive(Debug, Clone)]
pub struct QuestionSet {
    /// The language the texts below are in.
    pub lang: Lang,
    pub welsh_review: WelshReview,
    /// Warnings found while loading (Welsh identical to English), for `hsb check`.
    pub warnings: Vec<Diagnostic>,
    pub name: String,
    pub version: String,
    pub attribution: String,
    pub introduction: String,
    pub questions: Vec<Question>,
    slots: Slots,
}

/// Each field's place in question order (its slot), by key: answers are looked up by slot
/// when rules are evaluated, rather than by comparing keys.
#[derive(Clone, Default)]
struct Slots {
    by_key: HashMap<String, usize>,
    /// Where each slot's field is: its question's index and its index within that question.
    places: Vec<(usize, usize)>,
}

impl std::fmt::Debug for Slots {
    // Only what follows from the questions, in their order (a hash map's order is not fixed).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.places).finish()
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub number: u32,
    pub text: String,
    /// The Appendix 3 reason: why we ask.
    pub reason: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The full id, `question.field`.
    pub key: String,
    /// A short name for tables and prompt lines, such as "Age of the child".
    pub label: String,
    pub prompt: String,
    pub help: Option<String>,
    pub kind: FieldKind,
    pub required: bool,
    /// When the field applies; `None` means always.
    pub when: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    Choice(Vec<Choice>),
    List(Vec<Choice>),
    Number { min: i64, max: i64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub help: String,
    /// Other words read as this value (e.g. `orange` for `amber`).
    pub aliases: Vec<String>,
}

impl FieldKind {
    pub fn choices(&self) -> &[Choice] {
        match self {
            FieldKind::Choice(c) | FieldKind::List(c) => c,
            _ => &[],
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Choice(_) => "choice",
            FieldKind::List(_) => "list",
            FieldKind::Number { .. } => "number",
        }
    }
}

impl Field {
    /// The canonical id for a value written in a file (resolving aliases), if the field allows it.
    pub fn canonical_value(&self, written: &str) -> Option<&str> {
        if written == UNKNOWN {
            return Some(UNKNOWN);
        }
        self.kind
            .choices()
            .iter()
            .find(|c| c.id == written || c.aliases.iter().any(|a| a == written))
            .map(|c| c.id.as_str())
    }

    /// The allowed value ids, for messages.
    pub fn value_ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.kind.choices().iter().map(|c| c.id.as_str())
    }

    /// The practitioner's label for a value id.
    pub fn label_of<'a>(&'a self, value: &'a str, lang: Lang) -> &'a str {
        if value == UNKNOWN {
            return crate::messages::Msg::NotKnownYet.text(lang);
        }
        self.kind
            .choices()
            .iter()
            .find(|c| c.id == value)
            .map_or(value, |c| c.label.as_str())
    }
}

impl QuestionSet {
    /// Every field in question order.
    pub fn fields(&self) -> impl Iterator<Item = (&Question, &Field)> {
        self.questions
            .iter()
            .flat_map(|q| q.fields.iter().map(move |f| (q, f)))
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.slot(key).and_then(|slot| self.field_at(slot))
    }

    /// The field's place in question order, counting every field of every question.
    pub fn slot(&self, key: &str) -> Option<usize> {
        self.slots.by_key.get(key).copied()
    }

    /// How many fields there are: every slot is below this.
    pub fn field_count(&self) -> usize {
        self.slots.places.len()
    }

    /// The field at a slot.
    pub fn field_at(&self, slot: usize) -> Option<&Field> {
        let (question, field) = *self.slots.places.get(slot)?;
        self.questions.get(question)?.fields.get(field)
    }

    pub fn question_of(&self, key: &str) -> Option<&Question> {
        let (question, _) = *self.slots.places.get(self.slot(key)?)?;
        self.questions.get(question)
    }

    pub fn field_keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.questions
            .iter()
            .flat_map(|q| q.fields.iter().map(|f| f.key.as_str()))
    }

    /// Load and validate a question set with its texts in `lang`, reporting every problem found.
    pub fn load(source: &Source, lang: Lang) -> Result<Self, Vec<Diagnostic>> {
        yaml::expect_format(source, FORMAT, "question set").map_err(|d| vec![d])?;
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

/// The question set, or every problem: `problems` holds those found while reading the file.
fn build(
    source: &Source,
    raw: RawQuestionSet,
    lang: Lang,
    mut problems: Vec<Diagnostic>,
) -> Result<QuestionSet, Vec<Diagnostic>> {
    let mut texts = Texts::new(source, lang);
    texts.review(&raw.welsh_review);
    let name = texts.pick(
        raw.name,
        || "the question set's `name`".into(),
        anchors!["name:"],
    );
    let attribution = texts.pick_opt(
        raw.attribution,
        || "`attribution`".into(),
        anchors!["attribution:"],
    );
    let introduction = texts.pick_opt(
        raw.introduction,
        || "`introduction`".into(),
        anchors!["introduction:"],
    );
    let mut questions = Vec::new();
    let mut seen_questions = BTreeMap::new();
    let mut conditions = Vec::new();
    for rq in raw.questions {
        let anchor = format!("id: {}", rq.id);
        if seen_questions.insert(rq.id.clone(), ()).is_some() {
            problems.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    &source.name,
                    format!(
                        "question id `{}` is used twice{}",
                        rq.id,
                        crate::source::first_at(source.locate(&[&anchor]))
                    ),
                )
                .at(source.locate(&[&anchor, &anchor]))
                .help("give each question its own id"),
            );
        }
        let mut fields = Vec::new();
        for rf in rq.fields {
            let key = format!("{}.{}", rq.id, rf.id);
            let field_anchor = format!("id: {}", rf.id);
            let place = || source.locate(&[&anchor, &field_anchor]);
            let what = |key: &str| format!("field `{}.{}` `{key}`", rq.id, rf.id);
            let label = texts.pick_opt(
                rf.label,
                || what("label"),
                anchors![&anchor, &field_anchor, "label"],
            );
            let prompt = texts.pick(
                rf.prompt,
                || what("prompt"),
                anchors![&anchor, &field_anchor, "prompt"],
            );
            let help = texts.pick_opt(
                rf.help,
                || what("help"),
                anchors![&anchor, &field_anchor, "help"],
            );
            let values: Vec<Choice> = rf
                .values
                .into_iter()
                .map(|rc| {
                    let at = |key: &'static str| {
                        let choice_anchor = format!("id: {}", rc.id);
                        anchors![&anchor, &field_anchor, choice_anchor, key]()
                    };
                    let what = |key: &str| {
                        format!("value `{}` of field `{}.{}`: `{key}`", rc.id, rq.id, rf.id)
                    };
                    Choice {
                        label: texts.pick(rc.label, || what("label"), || at("label")),
                        help: texts
                            .pick_opt(rc.help, || what("help"), || at("help"))
                            .unwrap_or_default(),
                        id: rc.id,
                        aliases: rc.aliases,
                    }
                })
                .collect();
            if fields.iter().any(|f: &Field| f.key == key) {
                problems.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        &source.name,
                        format!("field id `{key}` is used twice"),
                    )
                    .at(place()),
                );
            }
            let kind = match rf.kind.as_str() {
                "text" => FieldKind::Text,
                "choice" => FieldKind::Choice(values),
                "list" => FieldKind::List(values),
                "number" => FieldKind::Number {
                    min: rf.min.unwrap_or(0),
                    max: rf.max.unwrap_or(i64::MAX),
                },
                other => {
                    problems.push(
                        Diagnostic::error(
                            Code::Structure,
                            &source.name,
                            format!("field `{key}` has unknown type `{other}`"),
                        )
                        .at(place())
                        .help(suggest::hint(other, KINDS)),
                    );
                    continue;
                }
            };
            if matches!(kind, FieldKind::Choice(_) | FieldKind::List(_))
                && kind.choices().is_empty()
            {
                problems.push(
                    Diagnostic::error(
                        Code::BadContent,
                        &source.name,
                        format!("field `{key}` is a {} with no values", kind.name()),
                    )
                    .at(place())
                    .help("list the allowed values under `values:`"),
                );
            }
            let mut value_ids = BTreeMap::new();
            for choice in kind.choices() {
                for word in std::iter::once(&choice.id).chain(&choice.aliases) {
                    if value_ids.insert(word.clone(), ()).is_some() {
                        problems.push(
                            Diagnostic::error(
                                Code::DuplicateId,
                                &source.name,
                                format!("field `{key}` lists the value `{word}` twice"),
                            )
                            .at(place()),
                        );
                    }
                }
            }
            if let FieldKind::Number { min, max } = kind
                && min > max
            {
                problems.push(
                    Diagnostic::error(
                        Code::BadContent,
                        &source.name,
                        format!("field `{key}` has min {min} above max {max}"),
                    )
                    .at(place()),
                );
            }
            let when = match rf.when {
                None => None,
                Some(value) => match Condition::parse(&value, &BTreeMap::new()) {
                    Ok(condition) => {
                        conditions.push((key.clone(), anchor.clone(), rf.id.clone()));
                        Some(condition)
                    }
                    Err(message) => {
                        problems.push(
                            Diagnostic::error(
                                Code::BadCondition,
                                &source.name,
                                format!("field `{key}`: {message}"),
                            )
                            .at(place()),
                        );
                        None
                    }
                },
            };
            let label = label.unwrap_or_else(|| humanise(&rf.id));
            fields.push(Field {
                key,
                label,
                prompt,
                help,
                kind,
                required: rf.required,
                when,
            });
        }
        let text = texts.pick(
            rq.text,
            || format!("question `{}` `text`", rq.id),
            anchors![&anchor, "text"],
        );
        let reason = texts
            .pick_opt(
                rq.reason,
                || format!("question `{}` `reason`", rq.id),
                anchors![&anchor, "reason"],
            )
            .unwrap_or_default();
        questions.push(Question {
            id: rq.id,
            number: rq.number,
            text,
            reason,
            fields,
        });
    }
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
    };
    let set = set.indexed();
    // A field's condition may only depend on fields asked before it.
    for (key, anchor, field_id) in conditions {
        let Some(condition) = set.field(&key).and_then(|f| f.when.as_ref()) else {
            continue;
        };
        let earlier: Vec<&str> = set.field_keys().take_while(|k| *k != key).collect();
        for problem in condition.check(&set) {
            problems.push(
                Diagnostic::error(
                    problem.code,
                    &source.name,
                    format!("field `{key}`: {}", problem.message),
                )
                .at(source.locate(&[&anchor, &format!("id: {field_id}"), &problem.token]))
                .help(problem.help),
            );
        }
        for used in condition.fields() {
            if !earlier.contains(&used.as_str()) && set.field(&used).is_some() {
                problems.push(
                    Diagnostic::error(
                        Code::BadCondition,
                        &source.name,
                        format!("field `{key}` depends on `{used}`, which is not asked before it"),
                    )
                    .at(source.locate(&[&anchor, &format!("id: {field_id}")]))
                    .help("a field's `when:` may only use fields that come earlier"),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(set)
    } else {
        Err(problems)
    }
}

impl QuestionSet {
    /// The set with its slots worked out, and each `when:` condition reading answers by slot.
    fn indexed(mut self) -> Self {
        for (q, question) in self.questions.iter().enumerate() {
            for (f, field) in question.fields.iter().enumerate() {
                // A key given twice is reported while loading; the first one keeps its slot.
                if !self.slots.by_key.contains_key(&field.key) {
                    let slot = self.slots.places.len();
                    self.slots.by_key.insert(field.key.clone(), slot);
                    self.slots.places.push((q, f));
                }
            }
        }
        let slots = &self.slots.by_key;
        for question in &mut self.questions {
            for field in &mut question.fields {
                if let Some(when) = &mut field.when {
                    when.resolve_slots(&|key| slots.get(key).copied());
                }
            }
        }
        self
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
