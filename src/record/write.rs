//! Writing a record back as YAML: answers in question order, fields that do not apply left out.

use super::{FORMAT, Record};
use crate::content::answer::{Answer, UNKNOWN};
use crate::content::questions::{FieldKind, QuestionSet};
use crate::record::facts::Facts;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;

impl Record {
    /// Drop answers to fields whose condition is not met (the details of another child when
    /// nobody else was involved); returns their keys.
    pub fn drop_inapplicable(&mut self, questions: &QuestionSet) -> Vec<String> {
        let facts = Facts::new(questions, self);
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
        let facts = Facts::new(questions, self);
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
        if !self.tags.is_empty() {
            map.insert(text("tags"), serde_yaml::to_value(&self.tags)?);
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
