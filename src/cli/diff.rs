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
    /// The rules that fired under each rule set.
    pub rules_before: Vec<String>,
    pub rules_after: Vec<String>,
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
    let (outcome_before, outcome_after) = (evaluate(from, record), evaluate(to, record));
    let before = conclude(from, &outcome_before);
    let after = conclude(to, &outcome_after);
    if before == after {
        return None;
    }
    let fired = |outcome: &Outcome| outcome.fired.iter().map(|f| f.id.clone()).collect();
    Some(Change {
        rules_before: fired(&outcome_before),
        rules_after: fired(&outcome_after),
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

/// The changes as Markdown for a pull-request comment: the two rule sets, then a table per
/// changed scenario (level, strategy discussion, responses, and the rules that fired, before
/// and after).
pub fn markdown(
    changes: &[Change],
    from: &crate::content::RuleSetId,
    to: &crate::content::RuleSetId,
    scenarios: usize,
) -> String {
    use std::fmt::Write;
    let code = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut out = String::from("## hsb diff\n\n");
    let _ = writeln!(
        out,
        "- **from:** {} {} (`{}`), {}\n- **to:** {} {} (`{}`), {}\n",
        from.name,
        from.version,
        from.sha256.get(..12).unwrap_or(&from.sha256),
        from.origin,
        to.name,
        to.version,
        to.sha256.get(..12).unwrap_or(&to.sha256),
        to.origin
    );
    let _ = writeln!(
        out,
        "**{} of {scenarios} scenario{} changed.**\n",
        changes.len(),
        crate::cli::check::plural(scenarios)
    );
    for change in changes {
        let title = change.title.as_deref().unwrap_or(&change.source);
        let _ = writeln!(out, "### {title}\n\n`{}`\n", change.source);
        let _ = writeln!(out, "| | before | after |\n|---|---|---|");
        let _ = writeln!(
            out,
            "| level | `{}` | `{}` |",
            change.before.level, change.after.level
        );
        let _ = writeln!(
            out,
            "| strategy discussion | `{}` | `{}` |",
            change.before.strategy_discussion, change.after.strategy_discussion
        );
        let _ = writeln!(
            out,
            "| responses | removed: {} | added: {} |",
            code(&change.responses_removed),
            code(&change.responses_added)
        );
        let _ = writeln!(
            out,
            "| rules that fired | {} | {} |\n",
            code(&change.rules_before),
            code(&change.rules_after)
        );
    }
    out
}
