//! Evaluation: a pure function from a rule set and a record to an outcome. No I/O, no clock.

use crate::content::Content;
use crate::content::condition::{Eval, Truth};
use crate::content::continuum::{Continuum, StrategyStatus};
use crate::content::rules::Rule;
use crate::record::Record;
use crate::record::facts::Facts;
use std::collections::BTreeMap;

/// What the rules concluded, in ids and enums only: the wording (in the content's language) is
/// the reports' business ([`crate::report::View`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Index into the continuum's levels; `None` when no rule places the behaviour (not yet
    /// placed: never the least concerning level).
    pub level: Option<usize>,
    pub provisional: bool,
    pub strategy: Strategy,
    pub fired: Vec<Fired>,
    pub child_responses: Vec<Recommended>,
    pub harmed_child_responses: Vec<Recommended>,
    /// Whether another child was involved: `Some(true)`, `Some(false)`, or `None` when not known.
    pub other_child: Option<bool>,
    /// Who the other person is, for the responses aimed at them.
    pub other_role: OtherRole,
    pub clarify: Vec<Clarify>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    pub status: StrategyStatus,
    pub reasons: Vec<StrategyReason>,
}

/// Why the strategy discussion stands where it does.
#[derive(Debug, Clone, PartialEq)]
pub enum StrategyReason {
    /// A rule that fired requires or suggests it, or places the behaviour at a level that does.
    Fired { rule: String },
    /// A rule not yet decided would require it; `fields` are the unknown answers it waits on.
    NotYetKnown { rule: String, fields: Vec<String> },
}

impl StrategyReason {
    /// The rule behind the reason.
    pub fn rule(&self) -> &str {
        match self {
            StrategyReason::Fired { rule } | StrategyReason::NotYetKnown { rule, .. } => rule,
        }
    }
}

/// Who the other person is to the child who displayed the behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherRole {
    /// Nobody else was involved.
    Nobody,
    /// Another child, where something shows harm or its risk.
    Harmed,
    /// Another child involved, where nothing shows harm (a willing partner or playmate), or
    /// where it is not known whether anyone else was involved.
    Involved,
    /// An adult the child's behaviour was aimed at: no "child harmed" actions are aimed at them.
    Adult,
    /// Someone (an adult, or an unknown online contact) who acted on the child: grooming,
    /// extortion, asking for or receiving images. The child is first a child at risk.
    ActedOnChild,
}

impl OtherRole {
    /// The id in JSON: `harmed`, `involved`, `adult`, or `none`.
    pub fn id(self) -> &'static str {
        match self {
            OtherRole::Nobody => "none",
            OtherRole::Harmed => "harmed",
            OtherRole::Involved => "involved",
            OtherRole::Adult => "adult",
            OtherRole::ActedOnChild => "acted_on_child",
        }
    }
}

/// A rule that fired, and the answers it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub id: String,
    pub level: Option<usize>,
    pub strategy_discussion: Option<StrategyStatus>,
    /// Field keys whose answers the rule matched.
    pub answers: Vec<String>,
}

/// A recommended action: its id, where it comes from and the list it was taken from.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommended {
    pub id: String,
    pub from: ResponseFrom,
    pub list: ResponseList,
}

/// Where a recommended action comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseFrom {
    /// The level the behaviour is placed at (an index into the continuum's levels).
    Level(usize),
    /// The responses for behaviour not yet placed.
    NotPlaced,
    /// Harm to the other child is not known: find out how they are first.
    HarmUnknown,
    /// A rule that fired.
    Rule(String),
}

/// Which of a level's (or a rule's) lists an action was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseList {
    Child,
    HarmedChild,
    OtherChild,
}

/// Something to find out, and why it matters.
#[derive(Debug, Clone, PartialEq)]
pub enum Clarify {
    /// An unknown answer that could raise the level (to `could_place`) or require a strategy
    /// discussion, with the rules that wait on it.
    Answer {
        field: String,
        could_place: Option<usize>,
        could_require: bool,
        rules: Vec<String>,
    },
    /// No rule places the behaviour, and it is the child's own behaviour: not yet placed.
    NotPlaced,
    /// Something a rule that fired asks to find out: item `item` of its `clarify:` list.
    Asked { rule: String, item: usize },
}

impl Clarify {
    /// The rules behind the item.
    pub fn rules(&self) -> Vec<&str> {
        match self {
            Clarify::Answer { rules, .. } => rules.iter().map(String::as_str).collect(),
            Clarify::NotPlaced => Vec::new(),
            Clarify::Asked { rule, .. } => vec![rule],
        }
    }
}

/// What an unknown answer could change, gathered over the rules that depend on it.
#[derive(Default)]
struct Pending {
    level: Option<usize>,
    strategy: bool,
    rules: Vec<String>,
}

/// What the rules decide for a record, before anything is put into words: the placement, the
/// strategy discussion, and who the other person is, with the rule results behind them.
pub struct Decision<'c> {
    facts: Facts<'c>,
    /// Whether an adult (or an unknown online contact) acted on the child.
    pub adult_acted: bool,
    /// Every rule considered, with its result.
    results: Vec<(&'c Rule, Eval<'c>)>,
    /// Index into the continuum's levels; `None` when no rule places the behaviour.
    pub level: Option<usize>,
    /// The strategy discussion from what is known.
    known_status: StrategyStatus,
    /// The strategy discussion, raised to "consider" where something not known could require it.
    pub status: StrategyStatus,
    pub provisional: bool,
    pub other_child: Option<bool>,
    pub other_role: OtherRole,
}

/// What a rule that is not yet decided could change.
struct Could {
    raises_level: bool,
    /// It would require a strategy discussion not otherwise indicated.
    requires: bool,
}

impl<'c> Decision<'c> {
    /// The rules that fired, in rule order.
    pub fn fired(&self) -> impl Iterator<Item = (&'c Rule, &Eval<'c>)> {
        self.results
            .iter()
            .filter(|(_, e)| e.truth == Truth::True)
            .map(|(r, e)| (*r, e))
    }

    /// The rules not yet decided that could raise the level or the strategy discussion.
    fn undecided(
        &self,
        continuum: &Continuum,
    ) -> impl Iterator<Item = (&'c Rule, &Eval<'c>, Could)> {
        let (placed, known) = (self.level, self.known_status);
        self.results
            .iter()
            .filter(|(_, e)| e.truth == Truth::Unknown)
            .filter_map(move |(rule, eval)| {
                let raises_level = rule.level.is_some_and(|l| placed.is_none_or(|p| l > p));
                let could = rule_strategy(continuum, rule);
                let raises_strategy = could > known;
                (raises_level || raises_strategy).then_some((
                    *rule,
                    eval,
                    Could {
                        raises_level,
                        requires: raises_strategy && could == StrategyStatus::Required,
                    },
                ))
            })
    }
}

/// Place the behaviour and decide the strategy discussion, without any text: what summaries
/// and exports need, and the first half of [`evaluate`].
pub fn decide<'c>(content: &'c Content, record: &'c Record) -> Decision<'c> {
    let continuum = &content.continuum;
    let facts = Facts::new(&content.questions, record);
    // When an adult acted on the child, nothing recorded is the child's behaviour toward another
    // child: rules that place a level do not apply, and the child's protection leads.
    let adult_acted = holds(&content.rules.other_person.acting_on_child_when, &facts);
    let results: Vec<(&Rule, Eval)> = content
        .rules
        .rules
        .iter()
        .filter(|rule| !(adult_acted && rule.level.is_some()))
        .map(|rule| {
            // The full evaluation (with the answers behind it) only where the rule is not
            // simply false: the same result, without the work for most rules.
            let eval = match rule.when.truth(&facts) {
                Truth::False => Eval::default(),
                _ => rule.when.eval(&facts),
            };
            (rule, eval)
        })
        .collect();
    let mut decision = Decision {
        facts,
        adult_acted,
        results,
        level: None,
        known_status: StrategyStatus::NotIndicated,
        status: StrategyStatus::NotIndicated,
        provisional: false,
        other_child: None,
        other_role: OtherRole::Involved,
    };
    decision.level = decision.fired().filter_map(|(r, _)| r.level).max();
    decision.known_status = decision
        .fired()
        .map(|(rule, _)| rule_strategy(continuum, rule))
        .max()
        .unwrap_or(StrategyStatus::NotIndicated);
    // Not placed is provisional, unless nothing recorded is the child's own behaviour; so is
    // anything that something not known could raise.
    let (mut provisional, mut status) = (
        decision.level.is_none() && !adult_acted,
        decision.known_status,
    );
    for (_, _, could) in decision.undecided(continuum) {
        provisional = true;
        if could.requires {
            status = status.max(StrategyStatus::Consider);
        }
    }
    decision.provisional = provisional;
    decision.status = status;
    decision.other_child = match content.rules.other_person.involved_when.as_ref() {
        Some(involved) => match involved.truth(&decision.facts) {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Unknown => None,
        },
        None => None,
    };
    decision.other_role = if adult_acted {
        OtherRole::ActedOnChild
    } else {
        other_role(
            &content.rules.other_person,
            &decision.facts,
            decision.other_child,
            decision.level,
        )
    };
    decision
}

/// Place the behaviour, decide the strategy discussion and gather the responses.
pub fn evaluate(content: &Content, record: &Record) -> Outcome {
    let decision = decide(content, record);
    let questions = &content.questions;
    let (child_responses, harmed_child_responses) = responses(content, &decision);
    Outcome {
        level: decision.level,
        provisional: decision.provisional,
        strategy: Strategy {
            status: decision.status,
            reasons: strategy_reasons(content, &decision),
        },
        fired: decision
            .fired()
            .map(|(rule, eval)| Fired {
                id: rule.id.clone(),
                level: rule.level,
                strategy_discussion: rule.strategy_discussion,
                answers: questions
                    .field_keys()
                    .filter(|k| eval.evidence.contains(*k))
                    .map(str::to_string)
                    .collect(),
            })
            .collect(),
        child_responses,
        harmed_child_responses,
        other_child: decision.other_child,
        other_role: decision.other_role,
        clarify: clarify(content, &decision),
    }
}

/// Why the strategy discussion stands where it does: the rules that fired, then the rules that
/// something not yet known could make require it.
fn strategy_reasons(content: &Content, decision: &Decision<'_>) -> Vec<StrategyReason> {
    let continuum = &content.continuum;
    let known = decision
        .fired()
        .filter(|(rule, _)| rule_strategy(continuum, rule) > StrategyStatus::NotIndicated)
        .map(|(rule, _)| StrategyReason::Fired {
            rule: rule.id.clone(),
        });
    let not_yet = decision
        .undecided(continuum)
        .filter(|(_, _, could)| could.requires)
        .map(|(rule, eval, _)| StrategyReason::NotYetKnown {
            rule: rule.id.clone(),
            fields: eval.unknown.iter().map(|k| k.to_string()).collect(),
        });
    known.chain(not_yet).collect()
}

/// What to find out: each unknown answer that could raise the level or the strategy
/// discussion (in question order), "not yet placed" when nothing places the behaviour, and
/// what the rules that fired ask to clarify.
fn clarify(content: &Content, decision: &Decision<'_>) -> Vec<Clarify> {
    let mut to_clarify: BTreeMap<&str, Pending> = BTreeMap::new();
    for (rule, eval, could) in decision.undecided(&content.continuum) {
        for key in &eval.unknown {
            let pending = to_clarify.entry(key).or_default();
            if could.raises_level {
                pending.level = pending.level.max(rule.level);
            }
            pending.strategy |= could.requires;
            if !pending.rules.contains(&rule.id) {
                pending.rules.push(rule.id.clone());
            }
        }
    }
    let mut clarify: Vec<Clarify> = content
        .questions
        .fields()
        .filter_map(|(_, f)| {
            to_clarify
                .remove(f.key.as_str())
                .map(|pending| Clarify::Answer {
                    field: f.key.clone(),
                    could_place: pending.level,
                    could_require: pending.strategy,
                    rules: pending.rules,
                })
        })
        .collect();
    if decision.level.is_none() && !decision.adult_acted {
        clarify.push(Clarify::NotPlaced);
    }
    for (rule, _) in decision.fired() {
        clarify.extend((0..rule.clarify.len()).map(|item| Clarify::Asked {
            rule: rule.id.clone(),
            item,
        }));
    }
    clarify
}

/// The responses for the child who displayed the behaviour and for the other child, each with
/// where it comes from.
pub fn responses(
    content: &Content,
    decision: &Decision<'_>,
) -> (Vec<Recommended>, Vec<Recommended>) {
    let continuum = &content.continuum;
    let fired: Vec<(&Rule, &Eval)> = decision.fired().collect();
    let other_role = decision.other_role;
    // Nothing shows harm, but something that would is not known: not known never reassures, so
    // the other child's responses start with finding out how they are.
    let harm_unknown = other_role == OtherRole::Involved
        && content
            .rules
            .other_person
            .harmed_when
            .as_ref()
            .is_some_and(|c| c.truth(&decision.facts) == Truth::Unknown);
    let (child_responses, mut harmed_child_responses) =
        gather_responses(continuum, decision.level, &fired, other_role);
    if harm_unknown {
        let first: Vec<Recommended> = continuum
            .not_placed
            .responses
            .other_child
            .iter()
            .filter(|r| !harmed_child_responses.iter().any(|h| h.id == r.id))
            .map(|r| Recommended {
                id: r.id.clone(),
                from: ResponseFrom::HarmUnknown,
                list: ResponseList::OtherChild,
            })
            .collect();
        harmed_child_responses.splice(0..0, first);
    }
    (child_responses, harmed_child_responses)
}

/// Whether an optional condition is known to hold.
fn holds(condition: &Option<crate::content::condition::Condition>, facts: &Facts<'_>) -> bool {
    condition
        .as_ref()
        .is_some_and(|c| c.truth(facts) == Truth::True)
}

/// Who the other person is: nobody, an adult, a child harmed (something shows harm or its risk,
/// or the level is high enough), or a child involved.
fn other_role(
    rules: &crate::content::rules::OtherPerson,
    facts: &Facts<'_>,
    other_child: Option<bool>,
    level: Option<usize>,
) -> OtherRole {
    if other_child == Some(false) {
        OtherRole::Nobody
    } else if holds(&rules.adult_when, facts) {
        OtherRole::Adult
    } else if holds(&rules.harmed_when, facts)
        || matches!((level, rules.harmed_from_level), (Some(l), Some(from)) if l >= from)
    {
        OtherRole::Harmed
    } else {
        OtherRole::Involved
    }
}

/// What a rule means for the strategy discussion: its own effect, or its level's.
fn rule_strategy(continuum: &Continuum, rule: &Rule) -> StrategyStatus {
    let from_level = rule
        .level
        .and_then(|l| continuum.level(l))
        .map_or(StrategyStatus::NotIndicated, |l| l.strategy_discussion);
    rule.strategy_discussion
        .unwrap_or(StrategyStatus::NotIndicated)
        .max(from_level)
}

fn gather_responses(
    continuum: &Continuum,
    level: Option<usize>,
    fired: &[(&Rule, &Eval)],
    role: OtherRole,
) -> (Vec<Recommended>, Vec<Recommended>) {
    let mut out = (Vec::new(), Vec::new());
    let (responses, from_level) = match level.and_then(|l| continuum.level(l).map(|lvl| (l, lvl))) {
        Some((l, lvl)) => (&lvl.responses, ResponseFrom::Level(l)),
        None => (&continuum.not_placed.responses, ResponseFrom::NotPlaced),
    };
    for other in [false, true] {
        let (base, base_list) = match (other, role) {
            // What was done to the child is not theirs to find out about or be assessed for: the
            // rules' responses for the child's protection stand alone.
            (false, OtherRole::ActedOnChild) if level.is_none() => (&[][..], ResponseList::Child),
            (false, _) => (&responses.child[..], ResponseList::Child),
            (true, OtherRole::Nobody | OtherRole::Adult | OtherRole::ActedOnChild) => continue,
            (true, OtherRole::Harmed) => (&responses.harmed_child[..], ResponseList::HarmedChild),
            (true, OtherRole::Involved) if responses.other_child.is_empty() => {
                (&responses.harmed_child[..], ResponseList::HarmedChild)
            }
            (true, OtherRole::Involved) => (&responses.other_child[..], ResponseList::OtherChild),
        };
        let rule_list = if other {
            ResponseList::HarmedChild
        } else {
            ResponseList::Child
        };
        let list = if other { &mut out.1 } else { &mut out.0 };
        let mut push = |id: &str, from: &ResponseFrom, from_list: ResponseList| {
            if !list.iter().any(|r: &Recommended| r.id == id) {
                list.push(Recommended {
                    id: id.to_string(),
                    from: from.clone(),
                    list: from_list,
                });
            }
        };
        for r in base {
            push(&r.id, &from_level, base_list);
        }
        for (rule, _) in fired {
            let from = ResponseFrom::Rule(rule.id.clone());
            for r in rule.responses_for(other) {
                push(&r.id, &from, rule_list);
            }
        }
        // Responses marked to lead (the child's own protection) come first, in their order.
        let leading: Vec<&str> = base
            .iter()
            .chain(fired.iter().flat_map(|(rule, _)| rule.responses_for(other)))
            .filter(|r| r.lead)
            .map(|r| r.id.as_str())
            .collect();
        list.sort_by_key(|r| !leading.contains(&r.id.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::answer::Answer;
    use crate::content::condition::Condition;
    use crate::content::embedded;
    use crate::content::questions::QuestionSet;
    use crate::input::source::Source;
    use crate::text::lang::Lang;

    fn questions() -> QuestionSet {
        let source = Source::embedded(embedded::QUESTIONS.0, embedded::QUESTIONS.1);
        QuestionSet::load(&source, Lang::En).expect("the built-in questions load")
    }

    fn coerced() -> Record {
        let mut record = Record::default();
        record.answers.insert(
            "others.involved".to_string(),
            Answer::Choice("yes".to_string()),
        );
        record.answers.insert(
            "others.coercion".to_string(),
            Answer::Choice("yes".to_string()),
        );
        record
    }

    fn condition(text: &str) -> Condition {
        let value: serde_yaml::Value = serde_yaml::from_str(text).expect("yaml");
        Condition::parse(&value, &BTreeMap::new()).expect("a condition")
    }

    #[test]
    fn answers_are_found_by_slot_and_by_key_alike() {
        let questions = questions();
        let record = coerced();
        let facts = Facts::new(&questions, &record);
        let mut by_slot = condition("others.coercion: 'yes'");
        by_slot.canonicalise(&questions);
        let by_key = condition("others.coercion: 'yes'");
        assert_eq!(by_slot.truth(&facts), Truth::True);
        assert_eq!(by_key.truth(&facts), Truth::True);
        assert_eq!(by_slot.eval(&facts).evidence.len(), 1);
    }

    #[test]
    fn a_slot_that_names_another_field_is_not_trusted() {
        // A condition resolved against a question set in another order: its slot points at a
        // different field, and the answer is found by its key instead.
        let questions = questions();
        let record = coerced();
        let facts = Facts::new(&questions, &record);
        let mut wrong = condition("others.coercion: 'yes'");
        wrong.resolve_slots(&|_| Some(0));
        assert_eq!(wrong.truth(&facts), Truth::True);
        let mut unknown = condition("others.power_imbalance: significant");
        unknown.resolve_slots(&|_| questions.slot("others.coercion"));
        assert_eq!(unknown.truth(&facts), Truth::Unknown);
    }
}
