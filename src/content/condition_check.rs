//! Conditions checked against a question set: every field, value and operator known, values
//! given by an alias replaced by their ids, and whether a condition can ever hold.

use crate::content::answer::Answer;
use crate::content::condition::{Answers, Condition, FieldSlot, Status, Test, Truth};
use crate::content::questions::{FieldKind, QuestionSet};
use crate::input::diag::Code;
use crate::text::messages::Message;
use crate::text::suggest;

/// A problem found when checking a condition against the question set.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: Code,
    pub message: Message,
    pub help: Message,
    /// The word in the file to point at.
    pub token: String,
}

impl Condition {
    /// Check field ids, values and operators against the question set.
    pub fn check(&self, questions: &QuestionSet) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check_into(questions, &mut problems);
        problems
    }

    fn check_into(&self, questions: &QuestionSet, problems: &mut Vec<Problem>) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|c| c.check_into(questions, problems))
            }
            Condition::Not(inner) => inner.check_into(questions, problems),
            Condition::Test { field, test, .. } => check_test(questions, field, test, problems),
        }
    }

    /// Replace value aliases (such as `orange`) by the ids they stand for.
    pub fn canonicalise(&mut self, questions: &QuestionSet) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter_mut().for_each(|c| c.canonicalise(questions))
            }
            Condition::Not(inner) => inner.canonicalise(questions),
            Condition::Test { field, test, slot } => {
                *slot = FieldSlot(questions.slot(field));
                let Some(def) = questions.field(field) else {
                    return;
                };
                let fix = |v: &mut String| {
                    if let Some(id) = def.canonical_value(v) {
                        *v = id.to_string();
                    }
                };
                match test {
                    Test::Is(v) | Test::IsNot(v) => fix(v),
                    Test::AnyOf(vs) | Test::AllOf(vs) => vs.iter_mut().for_each(fix),
                    _ => {}
                }
            }
        }
    }
}

/// The most answer combinations [`Condition::satisfiable`] will try before giving up.
const MAX_COMBINATIONS: usize = 200_000;

impl Condition {
    /// Whether some set of answers makes the condition true: `Some(false)` means it can never
    /// hold (its tests contradict each other), `None` that there are too many combinations to try.
    ///
    /// Every answer that matters is tried: each value of a choice, every combination of the
    /// values a condition names for a list, numbers either side of each threshold, "not known",
    /// and "does not apply" for fields with a condition of their own.
    pub fn satisfiable(&self, questions: &QuestionSet) -> Option<bool> {
        // The fields read, and the fields their own conditions read, so that an answer "does not
        // apply" exactly when its field's condition is false, as when a record is evaluated.
        let mut keys: Vec<String> = self.fields().into_iter().collect();
        let mut next = 0;
        while let Some(key) = keys.get(next).cloned() {
            if let Some(when) = questions.field(&key)?.when.as_ref() {
                for read in when.fields() {
                    if !keys.contains(&read) {
                        keys.push(read);
                    }
                }
            }
            next += 1;
        }
        let whens: Vec<&Condition> = keys
            .iter()
            .filter_map(|k| questions.field(k).and_then(|f| f.when.as_ref()))
            .collect();
        let mut domains: Vec<(String, Vec<Slot>, Option<&Condition>)> = Vec::new();
        let mut combinations: usize = 1;
        for key in keys {
            let field = questions.field(&key)?;
            let slots = self.domain(&key, field, &whens)?;
            combinations = combinations.checked_mul(slots.len())?;
            if combinations > MAX_COMBINATIONS {
                return None;
            }
            domains.push((key, slots, field.when.as_ref()));
        }
        let mut index = vec![0usize; domains.len()];
        loop {
            let assignment = Assignment(
                domains
                    .iter()
                    .zip(&index)
                    .filter_map(|((key, slots, _), i)| slots.get(*i).map(|s| (key.as_str(), s)))
                    .collect(),
            );
            let consistent = domains.iter().zip(&index).all(|((_, slots, when), i)| {
                let not_applicable = matches!(slots.get(*i), Some(Slot::NotApplicable));
                match when {
                    Some(when) => not_applicable == (when.truth(&assignment) == Truth::False),
                    None => !not_applicable,
                }
            });
            if consistent && self.eval(&assignment).truth == Truth::True {
                return Some(true);
            }
            // Next combination, like an odometer.
            let mut position = 0;
            loop {
                let (Some(i), Some((_, slots, _))) =
                    (index.get_mut(position), domains.get(position))
                else {
                    return Some(false);
                };
                *i += 1;
                if *i < slots.len() {
                    break;
                }
                *i = 0;
                position += 1;
            }
        }
    }

    /// The answers worth trying for `key`: every value a test (in this condition or in the
    /// fields' own conditions, `whens`) could tell apart.
    fn domain(
        &self,
        key: &str,
        field: &crate::content::questions::Field,
        whens: &[&Condition],
    ) -> Option<Vec<Slot>> {
        let mut slots = vec![Slot::Unknown];
        if field.when.is_some() {
            slots.push(Slot::NotApplicable);
        }
        let mut tests = Vec::new();
        self.tests_on(key, &mut tests);
        for when in whens {
            when.tests_on(key, &mut tests);
        }
        match &field.kind {
            FieldKind::Text => slots.push(Slot::Known(Answer::Text("text".to_string()))),
            FieldKind::Choice(choices) => slots.extend(
                choices
                    .iter()
                    .map(|c| Slot::Known(Answer::Choice(c.id.clone()))),
            ),
            FieldKind::List(_) => {
                let mut named: Vec<String> = Vec::new();
                for test in &tests {
                    let values: &[String] = match test {
                        Test::Is(v) | Test::IsNot(v) => std::slice::from_ref(v),
                        Test::AnyOf(vs) | Test::AllOf(vs) => vs,
                        _ => &[],
                    };
                    for v in values {
                        if !named.contains(v) {
                            named.push(v.clone());
                        }
                    }
                }
                if named.len() > 12 {
                    return None;
                }
                for mask in 0u32..(1 << named.len()) {
                    let subset = named
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, v)| v.clone())
                        .collect();
                    slots.push(Slot::Known(Answer::List(subset)));
                }
            }
            FieldKind::Number { min, max } => {
                let mut points = vec![*min, *max];
                for test in &tests {
                    let t = match test {
                        Test::AtLeast(t)
                        | Test::AtMost(t)
                        | Test::MoreThan(t)
                        | Test::LessThan(t) => *t,
                        Test::Is(v) | Test::IsNot(v) => match v.parse() {
                            Ok(t) => t,
                            Err(_) => continue,
                        },
                        _ => continue,
                    };
                    points.extend([t.saturating_sub(1), t, t.saturating_add(1)]);
                }
                points.retain(|p| (*min..=*max).contains(p));
                points.sort_unstable();
                points.dedup();
                slots.extend(points.into_iter().map(|p| Slot::Known(Answer::Number(p))));
            }
        }
        Some(slots)
    }

    fn tests_on<'a>(&'a self, key: &str, out: &mut Vec<&'a Test>) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|c| c.tests_on(key, out))
            }
            Condition::Not(inner) => inner.tests_on(key, out),
            Condition::Test { field, test, .. } if field == key => out.push(test),
            Condition::Test { .. } => {}
        }
    }
}

/// One possible state of an answer, for [`Condition::satisfiable`].
#[derive(Debug, Clone)]
enum Slot {
    NotApplicable,
    Unknown,
    Known(Answer),
}

struct Assignment<'a>(Vec<(&'a str, &'a Slot)>);

impl Answers for Assignment<'_> {
    fn status(&self, key: &str) -> Status<'_> {
        match self.0.iter().find(|(k, _)| *k == key).map(|(_, s)| *s) {
            Some(Slot::NotApplicable) => Status::NotApplicable,
            Some(Slot::Known(answer)) => Status::Known(answer),
            Some(Slot::Unknown) | None => Status::Unknown,
        }
    }
}

fn check_test(questions: &QuestionSet, field: &str, test: &Test, problems: &mut Vec<Problem>) {
    let Some(def) = questions.field(field) else {
        problems.push(Problem {
            code: Code::UnknownField,
            message: crate::message!(CondUnknownField, field = field),
            help: suggest::hint_said(field, questions.field_keys()),
            token: field.to_string(),
        });
        return;
    };
    let mismatch = |what: Message| Problem {
        code: Code::BadCondition,
        message: crate::message!(
            CondMismatch,
            field = field,
            kind = def.kind.name();
            said what = what
        ),
        help: match def.kind {
            FieldKind::Text => crate::message!(CondHelpText),
            FieldKind::Number { .. } => crate::message!(CondHelpNumber),
            FieldKind::List(_) => crate::message!(CondHelpList),
            FieldKind::Choice(_) => crate::message!(CondHelpChoice),
        },
        token: field.to_string(),
    };
    let mut check_value = |value: &str| {
        if def.canonical_value(value).is_none() {
            problems.push(Problem {
                code: Code::UnknownValue,
                message: crate::message!(CondNotAValue, value = value, field = field),
                help: suggest::hint_said(value, def.value_ids()),
                token: value.to_string(),
            });
        }
    };
    match (&def.kind, test) {
        (_, Test::IsUnknown(_)) => {}
        (FieldKind::Text, _) => problems.push(mismatch(crate::message!(CondNoCompareValues))),
        (FieldKind::Number { .. }, Test::Is(v) | Test::IsNot(v)) => {
            if v.parse::<i64>().is_err() {
                problems.push(mismatch(crate::message!(CondNotWhole, value = v)));
            }
        }
        (
            FieldKind::Number { .. },
            Test::AtLeast(_) | Test::AtMost(_) | Test::MoreThan(_) | Test::LessThan(_),
        ) => {}
        (FieldKind::Number { .. }, _) => problems.push(mismatch(crate::message!(CondNoList))),
        (
            FieldKind::Choice(_) | FieldKind::List(_),
            Test::AtLeast(_) | Test::AtMost(_) | Test::MoreThan(_) | Test::LessThan(_),
        ) => problems.push(mismatch(crate::message!(CondNoNumber))),
        (FieldKind::Choice(_), Test::AllOf(_)) => {
            problems.push(mismatch(crate::message!(CondOneAnswer)))
        }
        (_, Test::Is(v) | Test::IsNot(v)) => check_value(v),
        (_, Test::AnyOf(vs) | Test::AllOf(vs)) => vs.iter().for_each(|v| check_value(v)),
    }
}
