//! The question set: the seven Appendix 3 questions and the fields recorded for each.
//!
//! The questions are data (`questions/appendix3.yaml`); this module knows only their shape.

use crate::content::answer::UNKNOWN;
use crate::content::condition::Condition;
use crate::content::texts::WelshReview;
use crate::input::diag::Diagnostic;
use crate::text::lang::Lang;
use std::collections::HashMap;

pub const FORMAT: &str = "hsb-questions/1";

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
    pub(crate) slots: Slots,
}

/// Each field's place in question order (its slot), by key: answers are looked up by slot
/// when rules are evaluated, rather than by comparing keys.
#[derive(Clone, Default)]
pub(crate) struct Slots {
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
    /// The answer is a professional judgement (a colour, power, consent…), which trainees make
    /// themselves in `hsb train --blind`.
    pub judgement: bool,
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
            return crate::text::messages::Msg::NotKnownYet.text(lang);
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
}

impl QuestionSet {
    /// The set with its slots worked out, and each `when:` condition reading answers by slot.
    pub(crate) fn indexed(mut self) -> Self {
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
