//! `hsb diff`: replay scenarios under two rule sets and show every change in placement,
//! strategy discussion or responses.

use crate::content::{Content, RuleSetId};
use crate::engine::{Outcome, evaluate};
use crate::record::Record;
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use comfy_table::presets::UTF8_FULL;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write;

/// What one rule set concluded for a scenario, in the terms a diff compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conclusion {
    pub level: String,
    pub strategy_discussion: String,
    pub responses: BTreeSet<Response>,
}

/// Which child a response is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum For {
    Child,
    HarmedChild,
}

/// A response for one child; written `child:<id>` or `harmed_child:<id>` (so sorted, child
/// first, then by id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Response {
    pub child: For,
    pub id: String,
}

impl std::fmt::Display for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let child = match self.child {
            For::Child => "child",
            For::HarmedChild => "harmed_child",
        };
        write!(f, "{child}:{}", self.id)
    }
}

impl Serialize for Response {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A scenario whose result differs between the two rule sets.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub before: Conclusion,
    pub after: Conclusion,
    pub responses_added: Vec<Response>,
    pub responses_removed: Vec<Response>,
    /// The rules that fired under each rule set.
    pub rules_before: Vec<String>,
    pub rules_after: Vec<String>,
}

pub fn conclude(content: &Content, outcome: &Outcome) -> Conclusion {
    Conclusion {
        level: content.continuum.placement_id(outcome.level).to_string(),
        strategy_discussion: outcome.strategy.status.id().to_string(),
        responses: [
            (For::Child, &outcome.child_responses),
            (For::HarmedChild, &outcome.harmed_child_responses),
        ]
        .into_iter()
        .flat_map(|(child, list)| {
            list.iter().map(move |r| Response {
                child,
                id: r.id.clone(),
            })
        })
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
pub fn markdown(changes: &[Change], from: &RuleSetId, to: &RuleSetId, scenarios: usize) -> String {
    fn code<T: std::fmt::Display>(items: &[T]) -> String {
        if items.is_empty() {
            "none".to_string()
        } else {
            items
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
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

/// The changes as JSON: both rule sets, the number of scenarios, and every change.
pub fn json(changes: &[Change], before: &Content, after: &Content, scenarios: usize) -> String {
    let id = |content: &Content| {
        let r = &content.rule_set;
        serde_json::json!({"name": r.name, "version": r.version, "sha256": r.sha256, "origin": r.origin})
    };
    serde_json::json!({
        "from": id(before),
        "to": id(after),
        "scenarios": scenarios,
        "changed": changes.len(),
        "changes": changes,
    })
    .to_string()
}

/// The changes as a table that fits the terminal, between the two rule sets and the count, in
/// `lang`.
pub fn table(
    changes: &[Change],
    (from, to): (&RuleSetId, &RuleSetId),
    scenarios: usize,
    lang: Lang,
) -> String {
    let rule_set = |r: &RuleSetId| {
        format!(
            "{} {} ({}), {}",
            r.name,
            r.version,
            short(&r.sha256),
            r.origin_said.render(lang)
        )
    };
    let mut out = format!(
        "{}\n{}\n",
        crate::say!(lang, DiffFrom, rule_set = rule_set(from)),
        crate::say!(lang, DiffTo, rule_set = rule_set(to))
    );
    let header = [
        Msg::ColumnScenario.text(lang),
        Msg::DiffColumnPlacement.text(lang),
        Msg::Responses.text(lang),
    ];
    let rows: Vec<Vec<String>> = changes.iter().map(|c| row(c, lang)).collect();
    if rows.is_empty() {
        // Nothing changed: the count below says so.
    } else if crate::text::screen::plain() {
        // For a screen reader: each change as labelled lines, no box drawing.
        let _ = writeln!(out, "{}\n", crate::report::plain_grid(Some(&header), &rows));
    } else {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL.with_rounded_corners())
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(header.to_vec());
        for row in rows {
            table.add_row(row);
        }
        fit_without_splitting_ids(&mut table, lang);
        let _ = writeln!(out, "{table}");
    }
    let count =
        crate::text::messages::count(lang, scenarios, Msg::CountScenarioOne, Msg::CountScenarios);
    let _ = writeln!(
        out,
        "{}",
        crate::say!(
            lang,
            DiffChanged,
            changed = changes.len(),
            scenarios = count
        )
    );
    out
}

/// Responses gained (+) and lost (-), grouped by child.
fn response_changes(change: &Change, lang: Lang) -> String {
    let mut lines = Vec::new();
    for (child, heading) in [
        (For::Child, Msg::DiffForChild),
        (For::HarmedChild, Msg::DiffForHarmedChild),
    ] {
        let of = |r: &&Response| r.child == child;
        let added = change.responses_added.iter().filter(of).map(|r| &r.id);
        let removed = change.responses_removed.iter().filter(of).map(|r| &r.id);
        let entries: Vec<String> = added
            .map(|r| format!("+ {r}"))
            .chain(removed.map(|r| format!("- {r}")))
            .collect();
        if !entries.is_empty() {
            lines.push(heading.text(lang).to_string());
            lines.extend(entries);
        }
    }
    if lines.is_empty() {
        Msg::DiffUnchanged.text(lang).to_string()
    } else {
        lines.join("\n")
    }
}

/// A level id for the diff table; `none` says what it means.
fn placement_id(id: &str, lang: Lang) -> String {
    if id == crate::content::continuum::NOT_PLACED {
        crate::say!(lang, DiffNotPlacedId, id = id)
    } else {
        id.to_string()
    }
}

fn transition(before: &str, after: &str, lang: Lang) -> String {
    if before == after {
        crate::say!(lang, DiffUnchangedValue, value = before)
    } else {
        format!("{before} → {after}")
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// One change as the table's three cells: the scenario, the placement and strategy
/// discussion, and the responses.
fn row(change: &Change, lang: Lang) -> Vec<String> {
    let heading = match &change.title {
        Some(title) => format!("{title}\n({})", change.source),
        None => change.source.clone(),
    };
    let placement = format!(
        "{}\n{}",
        crate::say!(
            lang,
            DiffLevelLine,
            change = transition(
                &placement_id(&change.before.level, lang),
                &placement_id(&change.after.level, lang),
                lang
            )
        ),
        crate::say!(
            lang,
            DiffStrategyLine,
            change = transition(
                &change.before.strategy_discussion,
                &change.after.strategy_discussion,
                lang
            )
        )
    );
    vec![heading, placement, response_changes(change, lang)]
}

/// The terminal's width (80 when piped), but never so narrow that a column splits an id or a
/// path: each column is at least as wide as its longest word, and the table grows past the
/// terminal rather than break one.
fn fit_without_splitting_ids(table: &mut Table, lang: Lang) {
    use comfy_table::{ColumnConstraint, Width};
    // A response ("+ id", "- id") or a change ("level: a → b") is kept on one line; elsewhere,
    // the longest word.
    let level = Msg::DiffLevelLine.fill(lang, &[("change", &"")]);
    let strategy = Msg::DiffStrategyLine.fill(lang, &[("change", &"")]);
    let whole = ["+ ", "- ", level.as_str(), strategy.as_str()];
    let mut longest: Vec<u16> = Vec::new();
    for row in std::iter::once(table.header())
        .flatten()
        .chain(table.row_iter())
    {
        for (i, cell) in row.cell_iter().enumerate() {
            let word = cell
                .content()
                .lines()
                .map(|line| {
                    if whole.iter().any(|start| line.starts_with(start)) {
                        textwrap::core::display_width(line)
                    } else {
                        line.split_whitespace()
                            .map(textwrap::core::display_width)
                            .max()
                            .unwrap_or(0)
                    }
                })
                .max()
                .unwrap_or(0);
            let word = u16::try_from(word).unwrap_or(u16::MAX);
            match longest.get_mut(i) {
                Some(width) => *width = (*width).max(word),
                None => longest.push(word),
            }
        }
    }
    let needed: u16 = longest
        .iter()
        .map(|w| w.saturating_add(3))
        .fold(1, u16::saturating_add);
    let width = u16::try_from(crate::text::screen::columns()).unwrap_or(u16::MAX);
    table.set_width(width.max(needed));
    let constraints: Vec<ColumnConstraint> = longest
        .iter()
        .map(|w| ColumnConstraint::LowerBoundary(Width::Fixed(w.saturating_add(2))))
        .collect();
    table.set_constraints(constraints);
}
