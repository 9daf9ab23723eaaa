//! Conditions over answers: the small language shared by rules and by question `when:` clauses.
//!
//! Written in YAML as a list (every item holds), `all:`/`any:`/`not:`, or `field: test`, where the
//! test is a value, a list of values, `unknown`, or a mapping of operators such as `at_least: 12`.
//! Evaluation is three-valued: an answer that is not known makes a test neither true nor false,
//! so the engine can tell which rules *could* fire once something is clarified.

use crate::content::answer::Answer;
use crate::content::answer::UNKNOWN;
use crate::input::yaml::scalar_said;
use crate::text::messages::Message;
use crate::text::suggest;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Test {
        field: String,
        test: Test,
        /// Where the field sits in the question set, once resolved: answers are then found
        /// without comparing keys.
        slot: FieldSlot,
    },
}

/// A field's place in question order, when a condition has been resolved against a question
/// set. It says where an answer is found, not what the condition means: two conditions that
/// test the same fields the same way are equal whatever their slots.
#[derive(Debug, Clone, Copy, Default)]
pub struct FieldSlot(pub(crate) Option<usize>);

impl FieldSlot {
    pub fn get(self) -> Option<usize> {
        self.0
    }
}

impl PartialEq for FieldSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// The answer equals this value (a choice id, or a whole number for number fields).
    Is(String),
    IsNot(String),
    /// A choice is one of these; a list includes at least one of these.
    AnyOf(Vec<String>),
    /// A list includes every one of these.
    AllOf(Vec<String>),
    AtLeast(i64),
    AtMost(i64),
    MoreThan(i64),
    LessThan(i64),
    /// `true`: the answer is not known; `false`: it is known.
    IsUnknown(bool),
}

/// How an answer stands for evaluation.
#[derive(Debug, Clone, Copy)]
pub enum Status<'a> {
    /// The field's condition is not met: it is neither asked nor counted.
    NotApplicable,
    Unknown,
    Known(&'a Answer),
}

/// Where evaluation finds answers.
pub trait Answers {
    fn status(&self, key: &str) -> Status<'_>;

    /// The status of the field at `slot` (whose key is `key`): answers kept by slot override
    /// this to skip the look-up by key.
    fn status_at(&self, slot: FieldSlot, key: &str) -> Status<'_> {
        let _ = slot;
        self.status(key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Truth {
    True,
    #[default]
    False,
    Unknown,
}

/// The result of evaluating a condition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Eval<'c> {
    pub truth: Truth,
    /// Unknown answers that kept the condition from being decided (when `truth` is `Unknown`).
    pub unknown: BTreeSet<&'c str>,
    /// Answers the decision rests on (when `truth` is `True`).
    pub evidence: BTreeSet<&'c str>,
}

const COMBINATORS: [&str; 3] = ["all", "any", "not"];
const OPERATORS: [&str; 11] = [
    "is",
    "is_not",
    "one_of",
    "includes",
    "includes_any",
    "includes_all",
    "at_least",
    "at_most",
    "more_than",
    "less_than",
    "is_unknown",
];

/// A condition that cannot be read: what is wrong, and the key or value to point at when there
/// is one (a misspelt `al:` or `at_lest:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: Message,
    pub token: Option<String>,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.render(crate::text::lang::Lang::En))
    }
}

impl From<Message> for ParseError {
    fn from(message: Message) -> Self {
        ParseError {
            message,
            token: None,
        }
    }
}

fn at_token(message: Message, token: &str) -> ParseError {
    ParseError {
        message,
        token: Some(token.to_string()),
    }
}

impl Condition {
    /// Read a condition from YAML. `groups` names lists of values a condition may use by name.
    pub fn parse(
        value: &Value,
        groups: &BTreeMap<String, Vec<String>>,
    ) -> Result<Self, ParseError> {
        match value {
            Value::Sequence(items) => Ok(Condition::All(
                items
                    .iter()
                    .map(|item| Condition::parse(item, groups))
                    .collect::<Result<_, _>>()?,
            )),
            Value::Mapping(map) => {
                let mut parts = Vec::new();
                for (key, inner) in map {
                    let key = match key {
                        Value::String(s) => s.as_str(),
                        other => {
                            return Err(
                                crate::message!(CondNotAKey; said key = scalar_said(other)).into(),
                            );
                        }
                    };
                    let part = match key {
                        "all" | "any" => {
                            let items = match inner {
                                Value::Sequence(items) => items
                                    .iter()
                                    .map(|item| Condition::parse(item, groups))
                                    .collect::<Result<Vec<_>, _>>()?,
                                other => vec![Condition::parse(other, groups)?],
                            };
                            if items.is_empty() {
                                return Err(at_token(
                                    crate::message!(CondNeedsOne, key = key),
                                    key,
                                ));
                            }
                            if key == "all" {
                                Condition::All(items)
                            } else {
                                Condition::Any(items)
                            }
                        }
                        "not" => Condition::Not(Box::new(Condition::parse(inner, groups)?)),
                        field if OPERATORS.contains(&field) => {
                            return Err(at_token(
                                crate::message!(
                                    CondOperatorFirst,
                                    op = field,
                                    example = format!("{{{field}: ...}}")
                                ),
                                field,
                            ));
                        }
                        field => parse_tests(field, inner, groups)?,
                    };
                    parts.push(part);
                }
                match parts.len() {
                    0 => Err(crate::message!(CondEmpty).into()),
                    1 => Ok(parts.into_iter().next().unwrap_or(Condition::All(vec![]))),
                    _ => Ok(Condition::All(parts)),
                }
            }
            other => Err(crate::message!(CondExpected; said found = scalar_said(other)).into()),
        }
    }

    /// Every field id the condition reads.
    pub fn fields(&self) -> BTreeSet<String> {
        self.field_ids().into_iter().map(str::to_string).collect()
    }

    /// Every field id the condition reads, borrowed from it.
    pub fn field_ids(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        self.collect_fields(&mut out);
        out
    }

    fn collect_fields<'c>(&'c self, out: &mut BTreeSet<&'c str>) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|c| c.collect_fields(out))
            }
            Condition::Not(inner) => inner.collect_fields(out),
            Condition::Test { field, .. } => {
                out.insert(field.as_str());
            }
        }
    }

    /// Note where each field tested sits (`slot_of` gives a key's slot), without changing
    /// anything the condition says.
    pub fn resolve_slots(&mut self, slot_of: &dyn Fn(&str) -> Option<usize>) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter_mut().for_each(|c| c.resolve_slots(slot_of))
            }
            Condition::Not(inner) => inner.resolve_slots(slot_of),
            Condition::Test { field, slot, .. } => *slot = FieldSlot(slot_of(field)),
        }
    }

    /// Only the truth of [`Condition::eval`], without gathering the answers behind it: cheap,
    /// for deciding which rules need the full evaluation (most rules are false for a record).
    pub fn truth(&self, answers: &dyn Answers) -> Truth {
        match self {
            Condition::All(items) => {
                let mut unknown = false;
                for item in items {
                    match item.truth(answers) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => unknown = true,
                        Truth::True => {}
                    }
                }
                if unknown { Truth::Unknown } else { Truth::True }
            }
            Condition::Any(items) => {
                let mut unknown = false;
                for item in items {
                    match item.truth(answers) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => unknown = true,
                        Truth::False => {}
                    }
                }
                if unknown {
                    Truth::Unknown
                } else {
                    Truth::False
                }
            }
            Condition::Not(inner) => match inner.truth(answers) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Unknown => Truth::Unknown,
            },
            Condition::Test { field, test, slot } => {
                match (answers.status_at(*slot, field), test) {
                    (Status::NotApplicable, _) => Truth::False,
                    (Status::Unknown, Test::IsUnknown(want)) => truth_of(*want),
                    (Status::Known(_), Test::IsUnknown(want)) => truth_of(!*want),
                    (Status::Unknown, _) => Truth::Unknown,
                    (Status::Known(answer), test) => truth_of(holds(answer, test)),
                }
            }
        }
    }

    /// Evaluate against answers, three-valued.
    pub fn eval(&self, answers: &dyn Answers) -> Eval<'_> {
        match self {
            Condition::All(items) => {
                // One false item decides it: the rest need not be evaluated.
                let mut results = Vec::with_capacity(items.len());
                for item in items {
                    let result = item.eval(answers);
                    if result.truth == Truth::False {
                        return Eval::default();
                    }
                    results.push(result);
                }
                combine(results, Truth::True)
            }
            Condition::Any(items) => {
                let (mut trues, mut unknowns) = (Vec::new(), Vec::new());
                for result in items.iter().map(|c| c.eval(answers)) {
                    match result.truth {
                        Truth::True => trues.push(result),
                        Truth::Unknown => unknowns.push(result),
                        Truth::False => {}
                    }
                }
                if !trues.is_empty() {
                    return combine(trues, Truth::True);
                }
                if unknowns.is_empty() {
                    return Eval::default();
                }
                combine(unknowns, Truth::Unknown)
            }
            Condition::Not(inner) => {
                let mut result = inner.eval(answers);
                result.truth = match result.truth {
                    Truth::True => Truth::False,
                    Truth::False => Truth::True,
                    Truth::Unknown => Truth::Unknown,
                };
                if result.truth == Truth::True {
                    result.evidence = inner.field_ids();
                }
                result
            }
            Condition::Test { field, test, slot } => {
                eval_test(field, test, answers.status_at(*slot, field))
            }
        }
    }
}

fn combine(results: Vec<Eval<'_>>, all_true: Truth) -> Eval<'_> {
    let mut out = Eval {
        truth: all_true,
        ..Eval::default()
    };
    for r in results {
        if r.truth == Truth::Unknown {
            out.truth = Truth::Unknown;
        }
        out.unknown.extend(r.unknown);
        out.evidence.extend(r.evidence);
    }
    if out.truth == Truth::True {
        out.unknown.clear();
    } else {
        out.evidence.clear();
    }
    out
}

fn truth_of(holds: bool) -> Truth {
    if holds { Truth::True } else { Truth::False }
}

fn eval_test<'c>(field: &'c str, test: &Test, status: Status<'_>) -> Eval<'c> {
    let decided = |holds: bool| Eval {
        truth: if holds { Truth::True } else { Truth::False },
        unknown: BTreeSet::new(),
        evidence: if holds {
            BTreeSet::from([field])
        } else {
            BTreeSet::new()
        },
    };
    match (status, test) {
        (Status::NotApplicable, _) => Eval::default(),
        (Status::Unknown, Test::IsUnknown(want)) => decided(*want),
        (Status::Known(_), Test::IsUnknown(want)) => decided(!*want),
        (Status::Unknown, _) => Eval {
            truth: Truth::Unknown,
            unknown: BTreeSet::from([field]),
            evidence: BTreeSet::new(),
        },
        (Status::Known(answer), test) => decided(holds(answer, test)),
    }
}

fn holds(answer: &Answer, test: &Test) -> bool {
    match (answer, test) {
        (Answer::Choice(v), Test::Is(want)) => v == want,
        (Answer::Choice(v), Test::IsNot(want)) => v != want,
        (Answer::Choice(v), Test::AnyOf(wants)) => wants.contains(v),
        (Answer::List(vs), Test::Is(want)) => vs.contains(want),
        (Answer::List(vs), Test::IsNot(want)) => !vs.contains(want),
        (Answer::List(vs), Test::AnyOf(wants)) => wants.iter().any(|w| vs.contains(w)),
        (Answer::List(vs), Test::AllOf(wants)) => wants.iter().all(|w| vs.contains(w)),
        (Answer::Number(n), Test::Is(want)) => want.parse::<i64>().is_ok_and(|w| *n == w),
        (Answer::Number(n), Test::IsNot(want)) => want.parse::<i64>().is_ok_and(|w| *n != w),
        (Answer::Number(n), Test::AtLeast(w)) => n >= w,
        (Answer::Number(n), Test::AtMost(w)) => n <= w,
        (Answer::Number(n), Test::MoreThan(w)) => n > w,
        (Answer::Number(n), Test::LessThan(w)) => n < w,
        // Tests that do not fit the answer's type are refused when the rules are loaded.
        _ => false,
    }
}

fn parse_tests(
    field: &str,
    value: &Value,
    groups: &BTreeMap<String, Vec<String>>,
) -> Result<Condition, ParseError> {
    // Conditions under a key that is not `all`, `any` or `not`: a misspelt combinator.
    let holds_conditions = match value {
        Value::Sequence(items) => items.iter().any(|i| matches!(i, Value::Mapping(_))),
        _ => false,
    };
    if holds_conditions {
        return Err(at_token(
            crate::message!(
                CondHoldsConditions,
                field = field;
                said hint = suggest::hint_said(field, COMBINATORS)
            ),
            field,
        ));
    }
    let test = |test: Test| Condition::Test {
        field: field.to_string(),
        test,
        slot: FieldSlot::default(),
    };
    match value {
        Value::Mapping(ops) => {
            let mut tests = Vec::new();
            for (op, arg) in ops {
                let op = match op {
                    Value::String(s) => s.as_str(),
                    other => {
                        return Err(
                            crate::message!(CondNotATest; said test = scalar_said(other)).into(),
                        );
                    }
                };
                tests.push(test(one_test(op, arg, groups)?));
            }
            match tests.len() {
                0 => Err(at_token(crate::message!(CondNoTest, field = field), field)),
                1 => Ok(tests.into_iter().next().unwrap_or(Condition::All(vec![]))),
                _ => Ok(Condition::All(tests)),
            }
        }
        Value::Sequence(_) => Ok(test(Test::AnyOf(words(value, groups)?))),
        other => Ok(test(scalar_test(other)?)),
    }
}

/// One test of a field: `is`, `one_of`, `at_least`, … with its argument.
fn one_test(
    op: &str,
    arg: &Value,
    groups: &BTreeMap<String, Vec<String>>,
) -> Result<Test, ParseError> {
    Ok(match op {
        "is" => scalar_test(arg)?,
        "is_not" => Test::IsNot(word(arg)?),
        "one_of" | "includes_any" | "includes" => Test::AnyOf(words(arg, groups)?),
        "includes_all" => Test::AllOf(words(arg, groups)?),
        "at_least" => Test::AtLeast(number(op, arg)?),
        "at_most" => Test::AtMost(number(op, arg)?),
        "more_than" => Test::MoreThan(number(op, arg)?),
        "less_than" => Test::LessThan(number(op, arg)?),
        "is_unknown" => match arg {
            Value::Bool(b) => Test::IsUnknown(*b),
            Value::String(s) if s == "yes" || s == "true" => Test::IsUnknown(true),
            Value::String(s) if s == "no" || s == "false" => Test::IsUnknown(false),
            other => {
                return Err(at_token(
                    crate::message!(CondIsUnknownBool; said found = scalar_said(other)),
                    "is_unknown",
                ));
            }
        },
        other => {
            return Err(at_token(
                crate::message!(
                    CondUnknownTest,
                    test = other;
                    said hint = suggest::hint_said(
                        other,
                        OPERATORS.iter().copied().chain(COMBINATORS)
                    )
                ),
                other,
            ));
        }
    })
}

fn scalar_test(value: &Value) -> Result<Test, Message> {
    let w = word(value)?;
    Ok(if w == UNKNOWN {
        Test::IsUnknown(true)
    } else {
        Test::Is(w)
    })
}

fn word(value: &Value) -> Result<String, Message> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Err(crate::message!(CondBoolValue, value = b)),
        other => Err(crate::message!(CondExpectedValue; said found = scalar_said(other))),
    }
}

fn words(value: &Value, groups: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>, Message> {
    let items = match value {
        Value::Sequence(items) => items.iter().map(word).collect::<Result<Vec<_>, _>>()?,
        other => vec![word(other)?],
    };
    if items.is_empty() {
        return Err(crate::message!(CondEmptyList));
    }
    let mut out = Vec::new();
    for item in items {
        match groups.get(&item) {
            Some(members) => out.extend(members.iter().cloned()),
            None => out.push(item),
        }
    }
    Ok(out)
}

fn number(op: &str, value: &Value) -> Result<i64, Message> {
    match value {
        Value::Number(n) => n.as_i64().ok_or_else(
            || crate::message!(CondWholeNumber, op = op; said found = Message::as_said(n)),
        ),
        other => Err(crate::message!(CondWholeNumber, op = op; said found = scalar_said(other))),
    }
}
