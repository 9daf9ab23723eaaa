//! The outcome put into words: each id the engine concluded with, in the content's language.
//! The engine says *which* rule, response or answer; this module says what they say.

use super::{ClarifyView, ReasonView, ResponseView, RuleView};
use crate::content::Content;
use crate::content::continuum::{Response, StrategyStatus};
use crate::content::questions::QuestionSet;
use crate::content::rules::Rule;
use crate::engine::{Clarify, Fired, Recommended, ResponseFrom, ResponseList, StrategyReason};
use crate::record::Record;
use crate::text::messages::Msg;

/// A recommended action, with its text and where it comes from.
pub(super) fn response(content: &Content, r: &Recommended) -> ResponseView {
    ResponseView {
        id: r.id.clone(),
        text: response_text(content, r),
        from: from_id(content, &r.from),
        from_label: from_label(content, &r.from),
    }
}

/// The text of an action, from the list the engine took it from.
fn response_text(content: &Content, r: &Recommended) -> String {
    let continuum = &content.continuum;
    fn pick(responses: &crate::content::continuum::Responses, list: ResponseList) -> &[Response] {
        match list {
            ResponseList::Child => &responses.child,
            ResponseList::HarmedChild => &responses.harmed_child,
            ResponseList::OtherChild => &responses.other_child,
        }
    }
    let list: &[Response] = match &r.from {
        ResponseFrom::Level(i) => continuum.level(*i).map(|l| pick(&l.responses, r.list)),
        ResponseFrom::NotPlaced | ResponseFrom::HarmUnknown => {
            Some(pick(&continuum.not_placed.responses, r.list))
        }
        ResponseFrom::Rule(id) => content
            .rules
            .rule(id)
            .map(|rule| rule.responses_for(r.list != ResponseList::Child)),
    }
    .unwrap_or_default();
    list.iter()
        .find(|x| x.id == r.id)
        .map_or_else(String::new, |x| x.text.trim().to_string())
}

/// Where an action comes from, as its id in JSON: `level:<id>`, `not_placed`, `harm_unknown`
/// or a rule id.
fn from_id(content: &Content, from: &ResponseFrom) -> String {
    match from {
        ResponseFrom::Level(i) => format!("level:{}", content.continuum.placement_id(Some(*i))),
        ResponseFrom::NotPlaced => "not_placed".to_string(),
        ResponseFrom::HarmUnknown => "harm_unknown".to_string(),
        ResponseFrom::Rule(id) => id.clone(),
    }
}

/// Where an action comes from, in words: "abusive level" or "rule coercion".
fn from_label(content: &Content, from: &ResponseFrom) -> String {
    let lang = content.lang();
    match from {
        ResponseFrom::NotPlaced => Msg::FromNotPlaced.text(lang).to_string(),
        ResponseFrom::HarmUnknown => Msg::FromHarmUnknown.text(lang).to_string(),
        ResponseFrom::Level(i) => crate::say!(
            lang,
            FromLevel,
            level = content.continuum.level_in_sentence(*i)
        ),
        ResponseFrom::Rule(id) => crate::say!(lang, FromRule, rule = id),
    }
}

/// Why the strategy discussion stands where it does, in words.
pub(super) fn reason(content: &Content, reason: &StrategyReason) -> ReasonView {
    let rule = content.rules.rule(reason.rule());
    let text = match (reason, rule) {
        (StrategyReason::Fired { .. }, Some(rule)) => strategy_reason(content, rule),
        (StrategyReason::NotYetKnown { fields, .. }, Some(rule)) => {
            let unknown: Vec<String> = fields
                .iter()
                .map(|k| describe_field(&content.questions, k))
                .collect();
            crate::say!(
                content.lang(),
                NotYetKnownStrategy,
                fields = unknown.join("; "),
                reason = rule.reason.trim()
            )
        }
        (_, None) => String::new(),
    };
    ReasonView {
        rule: reason.rule().to_string(),
        text,
    }
}

/// A rule's own reason where it sets the strategy discussion; else the level it places at.
fn strategy_reason(content: &Content, rule: &Rule) -> String {
    let continuum = &content.continuum;
    match rule.strategy_discussion {
        Some(StrategyStatus::Required) | Some(StrategyStatus::Consider) => {
            rule.reason.trim().to_string()
        }
        _ => crate::say!(
            continuum.lang,
            PlacesAt,
            reason = rule.reason.trim(),
            level = rule
                .level
                .map_or("?".to_string(), |l| continuum.level_in_sentence(l))
        ),
    }
}

/// A rule that fired: what it sets, why, its source and the answers it matched.
pub(super) fn rule(content: &Content, record: &Record, fired: &Fired) -> RuleView {
    let rule = content.rules.rule(&fired.id);
    RuleView {
        id: fired.id.clone(),
        level: fired
            .level
            .map(|i| content.continuum.placement_id(Some(i)).to_string()),
        strategy_discussion: fired.strategy_discussion.map(|s| s.id()),
        effects: rule_effects(content, fired.level, fired.strategy_discussion),
        reason: rule.map_or_else(String::new, |r| r.reason.trim().to_string()),
        source: rule.map_or_else(String::new, |r| r.source.clone()),
        answers: fired
            .answers
            .iter()
            .map(|key| super::answer_view(&content.questions, record, key))
            .collect(),
    }
}

/// The level and strategy-discussion status a rule sets, in words.
fn rule_effects(
    content: &Content,
    level: Option<usize>,
    strategy: Option<StrategyStatus>,
) -> Vec<String> {
    let lang = content.lang();
    let level = level.map(|i| {
        crate::say!(
            lang,
            AtLeastLevel,
            level = content.continuum.level_in_sentence(i)
        )
    });
    let strategy =
        strategy.map(|s| crate::say!(lang, StrategyDiscussionEffect, status = s.word(lang)));
    level.into_iter().chain(strategy).collect()
}

/// Something to find out, and why it matters, in words.
pub(super) fn clarify(content: &Content, item: &Clarify) -> ClarifyView {
    let (questions, continuum, lang) = (&content.questions, &content.continuum, content.lang());
    match item {
        Clarify::Answer {
            field,
            could_place,
            could_require,
            rules,
        } => {
            let mut because = Vec::new();
            if let Some(l) = could_place {
                because.push(crate::say!(
                    lang,
                    CouldPlaceAt,
                    level = continuum.level_in_sentence(*l)
                ));
            }
            if *could_require {
                because.push(Msg::CouldRequireStrategy.text(lang).to_string());
            }
            ClarifyView {
                field: Some(field.clone()),
                label: questions.field(field).map(|f| f.label.clone()),
                text: describe_field(questions, field),
                because,
                rules: rules.clone(),
            }
        }
        Clarify::NotPlaced => ClarifyView {
            field: None,
            label: None,
            text: Msg::NoRulePlaced.text(lang).to_string(),
            because: vec![Msg::NoLevelEstablished.text(lang).to_string()],
            rules: vec![],
        },
        Clarify::Asked { rule, item } => {
            let found = content.rules.rule(rule);
            ClarifyView {
                field: None,
                label: None,
                text: found
                    .and_then(|r| r.clarify.get(*item))
                    .cloned()
                    .unwrap_or_default(),
                because: found
                    .map(|r| vec![r.reason.trim().to_string()])
                    .unwrap_or_default(),
                rules: vec![rule.clone()],
            }
        }
    }
}

/// "Q4 others.coercion - Were threats, bribes, trickery or force used…?"
pub fn describe_field(questions: &QuestionSet, key: &str) -> String {
    match (questions.question_of(key), questions.field(key)) {
        (Some(q), Some(f)) => crate::say!(
            questions.lang,
            DescribeField,
            number = q.number,
            key = key,
            prompt = f.prompt
        ),
        _ => key.to_string(),
    }
}
