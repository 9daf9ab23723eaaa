//! The rule set: when behaviour is placed at a level, when a strategy discussion is needed,
//! and what extra actions follow. Rules are data (`continuum/rules.yaml`).

use crate::anchors;
use crate::content::condition::Condition;
use crate::content::continuum::{Continuum, RawResponses, Response, Responses, StrategyStatus};
use crate::content::questions::QuestionSet;
use crate::content::texts::{RawText, Texts, WelshReview};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::{yaml, yaml::scalar_text};
use crate::text::messages::{Message, Msg};
use crate::text::suggest;
use serde::Deserialize;
use serde_yaml::Value;
use std::collections::BTreeMap;

pub const FORMAT: &str = "hsb-rules/1";

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub reason: String,
    pub source: String,
    pub when: Condition,
    /// Index into the continuum's levels: the least level when the rule fires.
    pub level: Option<usize>,
    pub strategy_discussion: Option<StrategyStatus>,
    pub responses: Responses,
    pub clarify: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub welsh_review: WelshReview,
    /// Warnings found while loading (Welsh identical to English), for `hsb check`.
    pub warnings: Vec<Diagnostic>,
    pub name: String,
    pub version: String,
    pub rules: Vec<Rule>,
    /// Who the other person is to the child: an adult acting on the child, a child harmed, or a
    /// child involved where nothing shows harm.
    pub other_person: OtherPerson,
}

/// When the other person counts as an adult acting on the child, and when as a child harmed.
#[derive(Debug, Clone, Default)]
pub struct OtherPerson {
    /// Another child (or person) was involved: true, false or not known. Without it, whether
    /// anyone else was involved is never known (fail safe: the other child's responses stay).
    pub involved_when: Option<Condition>,
    /// The other person is an adult: no "child harmed" actions are aimed at them.
    pub adult_when: Option<Condition>,
    /// An adult acted on the child (grooming, extortion, asking for or sending images): nothing
    /// recorded is the child's behaviour toward another child, so no rule places a level.
    pub acting_on_child_when: Option<Condition>,
    /// Something shows harm to the other child, or its risk.
    pub harmed_when: Option<Condition>,
    /// From this level up the other child is always "the child harmed"; without a setting,
    /// from the level above the least concerning.
    pub harmed_from_level: Option<usize>,
}

#[derive(Deserialize)]
struct RawOtherPerson {
    #[serde(default)]
    involved_when: Option<Value>,
    #[serde(default)]
    adult_when: Option<Value>,
    #[serde(default)]
    acting_on_child_when: Option<Value>,
    #[serde(default)]
    harmed_when: Option<Value>,
    #[serde(default)]
    harmed_from_level: Option<String>,
}

#[derive(Deserialize)]
struct RawRuleSet {
    #[allow(dead_code)]
    format: String,
    #[serde(default)]
    welsh_review: WelshReview,
    name: RawText,
    version: Value,
    #[serde(default)]
    groups: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    other_person: Option<RawOtherPerson>,
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
struct RawRule {
    id: String,
    reason: RawText,
    source: RawText,
    when: Value,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    strategy_discussion: Option<StrategyStatus>,
    #[serde(default)]
    responses: RawResponses,
    #[serde(default)]
    clarify: Vec<RawText>,
}

impl RuleSet {
    /// Load a rule set and check it against the question set and continuum it will run with.
    pub fn load(
        source: &Source,
        questions: &QuestionSet,
        continuum: &Continuum,
    ) -> Result<Self, Vec<Diagnostic>> {
        yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatRuleSet)
            .map_err(|d| vec![d])?;
        let (raw, problems): (RawRuleSet, _) = yaml::parse_lenient(
            source,
            crate::content::embedded::RULES.1,
            yaml::Twice::MayPass,
        )?;
        let mut texts = Texts::new(source, continuum.lang);
        texts.review(&raw.welsh_review);
        let name = texts.pick(raw.name, || crate::message!(NameRuleSet), anchors!["name:"]);
        let mut reader = RuleReader {
            source,
            questions,
            continuum,
            groups: &raw.groups,
            texts,
            problems,
            seen: std::collections::HashSet::new(),
        };
        let rules: Vec<Rule> = raw
            .rules
            .into_iter()
            .filter_map(|r| reader.rule(r))
            .collect();
        let RuleReader {
            texts,
            mut problems,
            ..
        } = reader;
        check_groups(&raw.groups, questions, source, &mut problems);
        let other_person = match raw.other_person {
            Some(raw_other) => other_person(
                raw_other,
                &raw.groups,
                questions,
                continuum,
                source,
                &mut problems,
            ),
            None => OtherPerson {
                harmed_from_level: (continuum.levels.len() > 1).then_some(1),
                ..OtherPerson::default()
            },
        };
        let mut warnings = Vec::new();
        texts.finish(&mut problems, &mut warnings);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(RuleSet {
            welsh_review: raw.welsh_review,
            warnings,
            name,
            version: scalar_text(&raw.version),
            rules,
            other_person,
        })
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn hint_said(&self, id: &str) -> crate::text::messages::Message {
        suggest::hint_said(id, self.rules.iter().map(|r| r.id.as_str()))
    }
}

/// Reading the rules one by one: the problems found so far, and every id seen.
struct RuleReader<'a> {
    source: &'a Source,
    questions: &'a QuestionSet,
    continuum: &'a Continuum,
    groups: &'a BTreeMap<String, Vec<String>>,
    texts: Texts<'a>,
    problems: Vec<Diagnostic>,
    seen: std::collections::HashSet<String>,
}

impl RuleReader<'_> {
    /// One rule, or `None` when its conditions cannot be read (every problem reported).
    fn rule(&mut self, raw_rule: RawRule) -> Option<Rule> {
        let source = self.source;
        let anchor = format!("id: {}", raw_rule.id);
        self.note_id(&raw_rule.id, &anchor);
        let level = self.level(&raw_rule, &anchor);
        let place = ConditionPlace {
            source,
            what: {
                let rule = raw_rule.id.clone();
                Box::new(
                    move |problem| crate::message!(CondInRule, rule = rule; said problem = problem),
                )
            },
            owner: anchor.clone(),
            key: "when",
            parse_help: Msg::CondParseHelpRule,
        };
        let when = place.read(
            &raw_rule.when,
            self.groups,
            self.questions,
            &mut self.problems,
        )?;
        self.check_effect(&raw_rule, &anchor);
        let what = |key: &str| crate::message!(NameRuleKey, id = raw_rule.id, key = key);
        let texts = &mut self.texts;
        let reason = texts.pick(
            raw_rule.reason,
            || what("reason"),
            anchors![&anchor, "reason"],
        );
        let rule_source = texts.pick(
            raw_rule.source,
            || what("source"),
            anchors![&anchor, "source"],
        );
        let responses =
            raw_rule
                .responses
                .pick(texts, crate::message!(NameRule, id = raw_rule.id), &anchor);
        let clarify = raw_rule
            .clarify
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                texts.pick(
                    c,
                    || crate::message!(NameRuleClarify, id = raw_rule.id, n = i + 1),
                    anchors![&anchor, "clarify"],
                )
            })
            .collect();
        Some(Rule {
            id: raw_rule.id,
            reason,
            source: rule_source,
            when,
            level,
            strategy_discussion: raw_rule.strategy_discussion,
            responses,
            clarify,
        })
    }

    /// Every id is noted, even of a rule that cannot be read, so that a second use of it is
    /// still found.
    fn note_id(&mut self, id: &str, anchor: &str) {
        let source = self.source;
        if !self.seen.insert(id.to_string()) {
            self.problems.push(
                Diagnostic::error_said(
                    Code::DuplicateId,
                    &source.name,
                    crate::message!(
                        DiagRuleTwice,
                        id = id;
                        said first = crate::input::source::first_at_said(source.locate(&[anchor]))
                    ),
                )
                .at(source.locate(&[anchor, anchor]))
                .help_said(crate::message!(DiagRuleTwiceHelp)),
            );
        }
    }

    /// The place of a word in the rule, else of the rule.
    fn at(&self, anchor: &str, token: &str) -> Option<(usize, usize)> {
        self.source
            .locate(&[anchor, token])
            .or(self.source.locate(&[anchor]))
    }

    /// The level the rule sets, if any; an unknown level is reported.
    fn level(&mut self, raw_rule: &RawRule, anchor: &str) -> Option<usize> {
        let id = raw_rule.level.as_ref()?;
        let index = self.continuum.index_of(id);
        if index.is_none() {
            self.problems.push(
                Diagnostic::error_said(
                    Code::UnknownLevel,
                    &self.source.name,
                    crate::message!(DiagRuleNotALevel, rule = raw_rule.id, id = id),
                )
                .at(self.at(anchor, id))
                .help_said(self.continuum.hint_said(id)),
            );
        }
        index
    }

    /// A rule must do something: set a level or strategy discussion, or add responses or
    /// things to clarify.
    fn check_effect(&mut self, raw_rule: &RawRule, anchor: &str) {
        let is_effective = raw_rule.level.is_some()
            || raw_rule.strategy_discussion.is_some()
            || !raw_rule.responses.is_empty()
            || !raw_rule.clarify.is_empty();
        if !is_effective {
            self.problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &self.source.name,
                    crate::message!(DiagRuleNoEffect, rule = raw_rule.id),
                )
                .at(self.at(anchor, &raw_rule.id))
                .help_said(crate::message!(DiagRuleNoEffectHelp)),
            );
        }
    }
}

/// A group may not share its name with an answer value: lists of values would be ambiguous.
fn check_groups(
    groups: &BTreeMap<String, Vec<String>>,
    questions: &QuestionSet,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) {
    for group in groups.keys() {
        if questions.fields().any(|(_, f)| {
            f.canonical_value(group)
                .is_some_and(|v| v != crate::content::answer::UNKNOWN)
        }) {
            problems.push(
                Diagnostic::error_said(
                    Code::DuplicateId,
                    &source.name,
                    crate::message!(DiagGroupIsAValue, group = group),
                )
                .at(source.locate(&["groups", group]))
                .help_said(crate::message!(DiagGroupIsAValueHelp)),
            );
        }
    }
}

/// Where a condition is written, for its diagnostics.
struct ConditionPlace<'a> {
    source: &'a Source,
    /// What holds it, for messages: "rule `x`", "`other_person: adult_when`".
    /// The problem, said as being in this condition ("rule `x`: …").
    what: Box<dyn Fn(Message) -> Message + 'a>,
    /// What finds it in the file: its owner ("id: x", "other_person"), then its key.
    owner: String,
    key: &'a str,
    /// Help for a condition that cannot be read at all.
    parse_help: Msg,
}

impl ConditionPlace<'_> {
    /// Read a condition, check it against the question set and canonicalise it, reporting
    /// every problem with its place; `None` when it cannot be read at all.
    fn read(
        &self,
        value: &Value,
        groups: &BTreeMap<String, Vec<String>>,
        questions: &QuestionSet,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Condition> {
        let (owner, key) = (self.owner.as_str(), self.key);
        let at = || {
            self.source
                .locate(&[owner, key])
                .or(self.source.locate(&[owner]))
        };
        // Each item of a list is read on its own, so that every one that cannot be read is
        // reported.
        let (parsed, list) = match value {
            Value::Sequence(items) => (
                items.iter().map(|i| Condition::parse(i, groups)).collect(),
                true,
            ),
            other => (vec![Condition::parse(other, groups)], false),
        };
        let mut read = Vec::new();
        let mut failed = false;
        for item in parsed {
            match item {
                Ok(condition) => read.push(condition),
                Err(err) => {
                    failed = true;
                    let place = err
                        .token
                        .as_deref()
                        .and_then(|token| self.source.locate(&[owner, key, token]));
                    problems.push(
                        Diagnostic::error_said(
                            Code::BadCondition,
                            &self.source.name,
                            (self.what)(err.message),
                        )
                        .at(place.or_else(at))
                        .help_said(Message::new(self.parse_help)),
                    );
                }
            }
        }
        if failed {
            return None;
        }
        let mut condition = match (list, read.pop()) {
            (false, Some(condition)) => condition,
            (_, last) => {
                read.extend(last);
                Condition::All(read)
            }
        };
        self.check(&condition, groups, questions, problems);
        condition.canonicalise(questions);
        Some(condition)
    }

    /// The condition against the question set: every field and value known. A value close to a
    /// group's name was probably meant to be the group.
    fn check(
        &self,
        condition: &Condition,
        groups: &BTreeMap<String, Vec<String>>,
        questions: &QuestionSet,
        problems: &mut Vec<Diagnostic>,
    ) {
        let (owner, key) = (self.owner.as_str(), self.key);
        for problem in condition.check(questions) {
            let group = (problem.code == Code::UnknownValue)
                .then(|| {
                    crate::text::suggest::closest(&problem.token, groups.keys().map(String::as_str))
                })
                .flatten();
            let help = match group {
                Some(group) => {
                    crate::message!(CondGroupHint, group = group; said help = problem.help)
                }
                None => problem.help,
            };
            problems.push(
                Diagnostic::error_said(
                    problem.code,
                    &self.source.name,
                    (self.what)(problem.message),
                )
                .at(self
                    .source
                    .locate(&[owner, key, &problem.token])
                    .or(self.source.locate(&[owner, key]))
                    .or(self.source.locate(&[owner])))
                .help_said(help),
            );
        }
    }
}

/// The `other_person:` section, checked like a rule's conditions.
fn other_person(
    raw: RawOtherPerson,
    groups: &BTreeMap<String, Vec<String>>,
    questions: &QuestionSet,
    continuum: &Continuum,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) -> OtherPerson {
    let mut condition = |value: Option<Value>, key: &str| -> Option<Condition> {
        let place = ConditionPlace {
            source,
            what: Box::new(
                move |problem| crate::message!(CondInOtherPerson, key = key; said problem = problem),
            ),
            owner: "other_person".to_string(),
            key,
            parse_help: Msg::CondParseHelpOther,
        };
        place.read(&value?, groups, questions, problems)
    };
    let involved_when = condition(raw.involved_when, "involved_when");
    let adult_when = condition(raw.adult_when, "adult_when");
    let acting_on_child_when = condition(raw.acting_on_child_when, "acting_on_child_when");
    let harmed_when = condition(raw.harmed_when, "harmed_when");
    let harmed_from_level = match raw.harmed_from_level {
        // Without a setting, from the level above the least concerning, as when the section is
        // left out.
        None => (continuum.levels.len() > 1).then_some(1),
        Some(id) => {
            let index = continuum.index_of(&id);
            if index.is_none() {
                problems.push(
                    Diagnostic::error_said(
                        Code::UnknownLevel,
                        &source.name,
                        crate::message!(DiagHarmedFromLevel, id = id),
                    )
                    .at(source.locate(&["other_person", "harmed_from_level", &id]))
                    .help_said(continuum.hint_said(&id)),
                );
            }
            index
        }
    };
    OtherPerson {
        involved_when,
        adult_when,
        acting_on_child_when,
        harmed_when,
        harmed_from_level,
    }
}

impl Rule {
    /// Responses the rule adds, for the child (`false`) or the harmed child (`true`).
    pub fn responses_for(&self, harmed: bool) -> &[Response] {
        if harmed {
            &self.responses.harmed_child
        } else {
            &self.responses.child
        }
    }
}

impl RuleSet {
    /// Problems that do not stop the rules from running but are mistakes all the same: rules
    /// whose conditions contradict each other, or need an answer to a field that cannot apply
    /// alongside the others, and so can never fire.
    pub fn lint(&self, source: &Source, questions: &QuestionSet) -> Vec<Diagnostic> {
        self.rules
            .iter()
            .filter(|rule| rule.when.satisfiable(questions) == Some(false))
            .map(|rule| {
                let anchor = format!("id: {}", rule.id);
                Diagnostic::error_said(
                    Code::NeverFires,
                    &source.name,
                    crate::message!(DiagNeverFires, rule = rule.id),
                )
                .at(source
                    .locate(&[&anchor, "when"])
                    .or(source.locate(&[&anchor])))
                .help_said(crate::message!(DiagNeverFiresHelp))
            })
            .collect()
    }
}
