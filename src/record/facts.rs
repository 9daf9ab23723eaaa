//! The answers of one record as facts the conditions read: which fields apply (a field's `when:`
//! reads earlier answers), and each answer's status by slot.

use crate::content::condition::{Answers, FieldSlot, Status, Truth};
use crate::content::questions::QuestionSet;
use crate::record::Record;

/// The answers of one record, with which fields apply, kept by slot (question order).
pub struct Facts<'a> {
    questions: &'a QuestionSet,
    statuses: Vec<Status<'a>>,
}

impl<'a> Facts<'a> {
    /// Work out which fields apply, in question order (a field's condition reads earlier fields).
    pub fn new(questions: &'a QuestionSet, record: &'a Record) -> Self {
        let mut facts = Facts {
            questions,
            statuses: vec![Status::Unknown; questions.field_count()],
        };
        for (key, answer) in &record.answers {
            if let Some(status) = questions.slot(key).and_then(|s| facts.statuses.get_mut(s)) {
                *status = Status::Known(answer);
            }
        }
        for (_, field) in questions.fields() {
            // By key, not by position: a key given to two fields has one slot.
            if let Some(when) = &field.when
                && when.truth(&facts) == Truth::False
                && let Some(status) = questions
                    .slot(&field.key)
                    .and_then(|s| facts.statuses.get_mut(s))
            {
                *status = Status::NotApplicable;
            }
        }
        facts
    }

    pub fn applies(&self, key: &str) -> bool {
        !matches!(self.status(key), Status::NotApplicable)
    }
}

impl Answers for Facts<'_> {
    fn status(&self, key: &str) -> Status<'_> {
        self.status_at(FieldSlot::default(), key)
    }

    fn status_at(&self, slot: FieldSlot, key: &str) -> Status<'_> {
        // A slot from a condition resolved against another question set is not trusted: the
        // key must match the field at that slot.
        let slot = slot
            .get()
            .filter(|s| self.questions.field_at(*s).is_some_and(|f| f.key == key))
            .or_else(|| self.questions.slot(key));
        slot.and_then(|s| self.statuses.get(s).copied())
            .unwrap_or(Status::Unknown)
    }
}
