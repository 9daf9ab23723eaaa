//! Conditions over answers: the small language shared by rules and by question `when:` clauses.
//!
//! Written in YAML as a list (every item holds), `all:`/`any:`/`not:`, or `field: test`, where the
//! test is a value, a list of values, `unknown`, or a mapping of operators such as `at_least: 12`.
//! Evaluation is three-valued: an answer that is not known makes a test neither true nor false,
//! so the engine can tell which rules *could* fire once something is clarified.

use crate::diag::Code;
use crate::questions::{FieldKind, QuestionSet, UNKNOWN};
use crate::record::Answer;
use crate::suggest;
use crate::yaml::scalar_text;
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
pub struct FieldSlot(Option<usize>);

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

/// A problem found when checking a condition against the question set.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    pub help: String,
    /// The word in the file to point at.
    pub token: String,
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
    pub message: String,
    pub token: Option<String>,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<String> for ParseError {
    fn from(message: String) -> Self {
        ParseError {
            message,
            token: None,
        }
    }
}

fn at_token(message: String, token: &str) -> ParseError {
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
                            return Err(format!(
                                "`{}` is not a field id or `all`/`any`/`not`",
                                scalar_text(other)
                            )
                            .into());
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
                                    format!("`{key}:` needs at least one condition"),
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
                                format!(
                                    "`{field}` must follow a field id, as in `others.age: {{{field}: ...}}`"
                                ),
                                field,
                            ));
                        }
                        field => parse_tests(field, inner, groups)?,
                    };
                    parts.push(part);
                }
                match parts.len() {
                    0 => Err("an empty condition never says anything; remove it"
                        .to_string()
                        .into()),
                    1 => Ok(parts.into_iter().next().unwrap_or(Condition::All(vec![]))),
                    _ => Ok(Condition::All(parts)),
                }
            }
            other => Err(format!(
                "expected a condition (`field: value`, `all:`, `any:` or `not:`), found {}",
                scalar_text(other)
            )
            .into()),
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
        field: &crate::questions::Field,
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
            format!(
                "`{field}:` holds conditions, but only `all:`, `any:` and `not:` do; {}",
                suggest::hint(field, COMBINATORS)
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
                        return Err(format!("`{}` is not a test", scalar_text(other)).into());
                    }
                };
                let t = match op {
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
                                format!(
                                    "`is_unknown` takes true or false, not {}",
                                    scalar_text(other)
                                ),
                                "is_unknown",
                            ));
                        }
                    },
                    other => {
                        return Err(at_token(
                            format!(
                                "unknown test `{other}`; {}",
                                suggest::hint(other, OPERATORS.iter().copied().chain(COMBINATORS))
                            ),
                            other,
                        ));
                    }
                };
                tests.push(test(t));
            }
            match tests.len() {
                0 => Err(at_token(format!("`{field}` has no test"), field)),
                1 => Ok(tests.into_iter().next().unwrap_or(Condition::All(vec![]))),
                _ => Ok(Condition::All(tests)),
            }
        }
        Value::Sequence(_) => Ok(test(Test::AnyOf(words(value, groups)?))),
        other => Ok(test(scalar_test(other)?)),
    }
}

fn scalar_test(value: &Value) -> Result<Test, String> {
    let w = word(value)?;
    Ok(if w == UNKNOWN {
        Test::IsUnknown(true)
    } else {
        Test::Is(w)
    })
}

fn word(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Err(format!(
            "`{b}` is not an answer value; write \"yes\" or \"no\" in quotes"
        )),
        other => Err(format!("expected a value, found {}", scalar_text(other))),
    }
}

fn words(value: &Value, groups: &BTreeMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let items = match value {
        Value::Sequence(items) => items.iter().map(word).collect::<Result<Vec<_>, _>>()?,
        other => vec![word(other)?],
    };
    if items.is_empty() {
        return Err("an empty list of values can never match".to_string());
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

fn number(op: &str, value: &Value) -> Result<i64, String> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| format!("`{op}` takes a whole number, not {n}")),
        other => Err(format!(
            "`{op}` takes a whole number, not {}",
            scalar_text(other)
        )),
    }
}

fn check_test(questions: &QuestionSet, field: &str, test: &Test, problems: &mut Vec<Problem>) {
    let Some(def) = questions.field(field) else {
        problems.push(Problem {
            code: Code::UnknownField,
            message: format!("unknown field `{field}`"),
            help: suggest::hint(field, questions.field_keys()),
            token: field.to_string(),
        });
        return;
    };
    let mismatch = |what: &str| Problem {
        code: Code::BadCondition,
        message: format!("`{field}` is a {} field; {what}", def.kind.name()),
        help: match def.kind {
            FieldKind::Text => "text fields can only be tested with `is_unknown`".to_string(),
            FieldKind::Number { .. } => {
                "use at_least, at_most, more_than, less_than, is or is_unknown".to_string()
            }
            FieldKind::List(_) => {
                "use a list of values (includes any), includes_all or is_unknown".to_string()
            }
            FieldKind::Choice(_) => {
                "use a value, a list of values (one of), is_not or is_unknown".to_string()
            }
        },
        token: field.to_string(),
    };
    let mut check_value = |value: &str| {
        if def.canonical_value(value).is_none() {
            problems.push(Problem {
                code: Code::UnknownValue,
                message: format!("`{value}` is not a value of `{field}`"),
                help: suggest::hint(value, def.value_ids()),
                token: value.to_string(),
            });
        }
    };
    match (&def.kind, test) {
        (_, Test::IsUnknown(_)) => {}
        (FieldKind::Text, _) => problems.push(mismatch("it cannot be compared with values")),
        (FieldKind::Number { .. }, Test::Is(v) | Test::IsNot(v)) => {
            if v.parse::<i64>().is_err() {
                problems.push(mismatch(&format!("`{v}` is not a whole number")));
            }
        }
        (
            FieldKind::Number { .. },
            Test::AtLeast(_) | Test::AtMost(_) | Test::MoreThan(_) | Test::LessThan(_),
        ) => {}
        (FieldKind::Number { .. }, _) => {
            problems.push(mismatch("it cannot be tested against a list of values"))
        }
        (
            FieldKind::Choice(_) | FieldKind::List(_),
            Test::AtLeast(_) | Test::AtMost(_) | Test::MoreThan(_) | Test::LessThan(_),
        ) => problems.push(mismatch("it cannot be compared as a number")),
        (FieldKind::Choice(_), Test::AllOf(_)) => {
            problems.push(mismatch("one answer cannot include several values"))
        }
        (_, Test::Is(v) | Test::IsNot(v)) => check_value(v),
        (_, Test::AnyOf(vs) | Test::AllOf(vs)) => vs.iter().for_each(|v| check_value(v)),
    }
}
