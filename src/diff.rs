//! `hsb diff`: replay scenarios under two rule sets and show every change in placement,
//! strategy discussion or responses.

use crate::content::Content;
use crate::engine::{Outcome, evaluate};
use crate::record::Record;
use serde::Serialize;
use std::collections::BTreeSet;

/// What one rule set concluded for a scenario, in the terms a diff compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conclusion {
    pub level: String,
    pub strategy_discussion: String,
    /// `child:<id>` and `harmed_child:<id>`.
    pub responses: BTreeSet<String>,
}

/// A scenario whose result differs between the two rule sets.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub before: Conclusion,
    pub after: Conclusion,
    pub responses_added: Vec<String>,
    pub responses_removed: Vec<String>,
}

pub fn conclude(content: &Content, outcome: &Outcome) -> Conclusion {
    Conclusion {
        level: content.continuum.placement_id(outcome.level).to_string(),
        strategy_discussion: outcome.strategy.status.id().to_string(),
        responses: outcome
            .child_responses
            .iter()
            .map(|r| format!("child:{}", r.id))
            .chain(
                outcome
                    .harmed_child_responses
                    .iter()
                    .map(|r| format!("harmed_child:{}", r.id)),
            )
            .collect(),
    }
}

/// Compare one scenario under both rule sets; `None` when nothing changes.
pub fn compare(source: &str, record: &Record, from: &Content, to: &Content) -> Option<Change> {
    let before = conclude(from, &evaluate(from, record));
    let after = conclude(to, &evaluate(to, record));
    if before == after {
        return None;
    }
    Some(Change {
        source: source.to_string(),
        title: record.title.clone(),
        responses_added: after
            .responses
            .difference(&before.responses)
            .cloned()
            .collect(),
        responses_removed: before
            .responses
            .difference(&after.responses)
            .cloned()
            .collect(),
        before,
        after,
    })
}
