//! The terminal result: a continuum bar, a strategy-discussion box and tables, within 80 columns.
//! Nothing is conveyed by colour; the level is marked with arrows and capitals.
//!
//! Cells are wrapped here to fixed column widths, so comfy-table only draws: laying tables out
//! dynamically cost more than the rest of a replay put together.

use super::View;
use super::document::plain;
use crate::text::messages::Msg;
use comfy_table::presets::{UTF8_FULL, UTF8_FULL_CONDENSED};
use comfy_table::{ContentArrangement, Table};
use std::fmt::Write;

pub use crate::text::screen::wrap;

pub const WIDTH: u16 = 80;

/// A table whose columns have these text widths (borders and padding add 3 per column plus 1).
pub fn grid(
    widths: &[usize],
    header: Option<&[&str]>,
    rows: Vec<Vec<String>>,
    condensed: bool,
) -> String {
    if crate::text::screen::plain() {
        return plain_grid(header, &rows);
    }
    let mut table = Table::new();
    let style = if condensed {
        UTF8_FULL_CONDENSED
    } else {
        UTF8_FULL
    };
    table
        .load_style(style.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Disabled);
    if let Some(header) = header {
        table.set_header(
            header
                .iter()
                .zip(widths)
                .map(|(h, w)| wrap(h, *w))
                .collect::<Vec<_>>(),
        );
    }
    for row in rows {
        table.add_row(
            row.iter()
                .zip(widths)
                .map(|(c, w)| wrap(c, *w))
                .collect::<Vec<_>>(),
        );
    }
    table.to_string()
}

/// A table for a screen reader: each row a paragraph of "Column: cell" lines (or the cells on
/// one line, without a header), rows separated by a blank line.
pub fn plain_grid(header: Option<&[&str]>, rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|row| match header {
            Some(header) => row
                .iter()
                .zip(header)
                .filter(|(cell, _)| !cell.trim().is_empty())
                .map(|(cell, name)| format!("{name}: {}", cell.replace('\n', " ")))
                .collect::<Vec<_>>()
                .join("\n"),
            None => row
                .iter()
                .map(|cell| cell.replace('\n', " "))
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The five-step continuum with the placement marked.
pub fn continuum_bar(view: &View) -> String {
    if crate::text::screen::plain() {
        // In words, as the text report has it: "Normal - [ABUSIVE] - Violent".
        return view
            .levels
            .iter()
            .map(|(id, label)| {
                if view.level.as_deref() == Some(id.as_str()) {
                    format!("[{}]", label.to_uppercase())
                } else {
                    label.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" - ");
    }
    let cells: Vec<String> = view
        .levels
        .iter()
        .map(|(id, label)| {
            if view.level.as_deref() == Some(id.as_str()) {
                format!("▶ {} ◀", label.to_uppercase())
            } else {
                label.clone()
            }
        })
        .collect();
    let widths: Vec<usize> = cells.iter().map(|c| c.chars().count()).collect();
    grid(&widths, None, vec![cells], false)
}

/// The strategy-discussion box.
pub fn strategy_box(view: &View) -> String {
    let sd = &view.strategy_discussion;
    let mut text = format!(
        "{}\n\n{}",
        crate::say!(view.lang, StrategyDiscussionHeading, status = sd.label),
        sd.summary
    );
    if !sd.reasons.is_empty() {
        text.push_str("\n\n");
        text.push_str(view.say(Msg::Why));
        for reason in &sd.reasons {
            let _ = write!(
                text,
                "\n{} {} [{}]",
                crate::text::screen::bullet(),
                reason.text,
                reason.rule
            );
        }
    }
    grid(&[76], None, vec![vec![text]], false)
}

pub fn render(view: &View) -> String {
    let mut out = String::new();
    if let Some(notice) = &view.review_notice {
        let _ = writeln!(out, "{}", wrap(notice, WIDTH as usize));
    }
    let heading = crate::say!(view.lang, ResultHeading, heading = view.heading());
    let _ = writeln!(out, "{}", wrap(&heading, WIDTH as usize));
    if !view.source.is_empty() && view.heading() != view.source {
        let _ = writeln!(
            out,
            "{}",
            crate::say!(view.lang, FileLine, path = view.source)
        );
    }
    if let Some(case_ref) = &view.case_ref {
        let _ = writeln!(
            out,
            "{}",
            crate::say!(view.lang, CaseRefLine, case = case_ref)
        );
    }
    let _ = writeln!(out, "\n{}", view.say(Msg::PlacementHeading));
    let _ = writeln!(out, "{}", continuum_bar(view));
    let provisional = if view.provisional {
        format!(" ({})", view.say(Msg::ProvisionalSeeClarify))
    } else {
        String::new()
    };
    let placement = format!(
        "{}: {}{provisional}. {}",
        view.say(Msg::Placement),
        view.level_label.to_uppercase(),
        view.level_summary
    );
    let _ = writeln!(out, "{}\n", wrap(&placement, WIDTH as usize));
    let _ = writeln!(out, "{}", strategy_box(view));
    out.push_str(&case_record(view));
    out.push_str(&both_children(view));
    out.push_str(&to_clarify(view));
    out.push_str(&rules_fired(view));
    let _ = writeln!(
        out,
        "\n{}\nsha256: {}",
        view.rule_set_line(),
        view.rule_set.sha256
    );
    let _ = writeln!(out, "\n{}", wrap(&view.notice, WIDTH as usize));
    out
}

/// The responses for the child, then for the other person (or that nobody else was involved).
fn both_children(view: &View) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", view.say(Msg::ForTheChild));
    let _ = writeln!(out, "{}", responses(view, &view.responses.child));
    match view.other_child_section() {
        None => {
            let _ = writeln!(out, "\n{}", view.say(Msg::NoOtherChild));
        }
        Some(heading) => {
            let _ = writeln!(out, "\n{heading}");
            if let Some(text) = view.other_role_explained() {
                let _ = writeln!(out, "{}", wrap(text, WIDTH as usize));
            } else {
                let _ = writeln!(out, "{}", responses(view, &view.responses.harmed_child));
            }
        }
    }
    out
}

/// What to find out, why it matters and the rules behind it; nothing when all is known.
fn to_clarify(view: &View) -> String {
    if view.clarify.is_empty() {
        return String::new();
    }
    let rows = view
        .clarify
        .iter()
        .map(|item| {
            vec![
                item.text.clone(),
                item.because.join("; "),
                item.rules.join("\n"),
            ]
        })
        .collect();
    let header = [
        view.say(Msg::ColumnFindOut),
        view.say(Msg::ColumnWhyItMatters),
        view.say(Msg::ColumnRules),
    ];
    format!(
        "\n{}\n{}\n",
        view.say(Msg::ToClarify),
        grid(&[30, 17, 23], Some(&header), rows, false)
    )
}

/// The rules that fired: each with what it sets, why (and its source), and the answers it
/// matched.
fn rules_fired(view: &View) -> String {
    let mut out = format!("\n{}\n", view.say(Msg::RulesThatFired));
    if view.rules.is_empty() {
        let _ = writeln!(out, "{}", view.say(Msg::NoneSentence));
        return out;
    }
    let rows = view
        .rules
        .iter()
        .map(|rule| {
            let mut effect = rule.id.clone();
            for line in &rule.effects {
                let _ = write!(effect, "\n→ {line}");
            }
            let answers = rule
                .answers
                .iter()
                .map(|a| format!("{}:\n  {}", a.field, a.label))
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                effect,
                format!("{} ({})", rule.reason, rule.source),
                answers,
            ]
        })
        .collect();
    let header = [
        view.say(Msg::ColumnRuleAndEffect),
        view.say(Msg::ColumnWhySource),
        view.say(Msg::ColumnAnswersMatched),
    ];
    let _ = writeln!(out, "{}", grid(&[20, 27, 23], Some(&header), rows, false));
    out
}

/// The case record, when the record has one: who and when, the practitioner's judgement beside
/// hsb's, the actions taken and what is due.
fn case_record(view: &View) -> String {
    let case = &view.case;
    let mut out = String::new();
    if case.is_empty() {
        return out;
    }
    let width = WIDTH as usize;
    let _ = writeln!(out, "\n{}", view.say(Msg::CaseRecordHeading));
    for line in view.assessment_facts() {
        let _ = writeln!(out, "{}", wrap(&line, width));
    }
    let _ = writeln!(out, "\n{}", view.say(Msg::JudgementHeading));
    match &case.judgement {
        None => {
            let _ = writeln!(out, "{}", wrap(view.say(Msg::NoJudgement), width));
        }
        Some(j) => {
            let (header, rows) = view.judgement_table(j);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let _ = writeln!(out, "{}", grid(&[22, 22, 22], Some(&header), rows, true));
            for sentence in view.judgement_sentences(j) {
                let _ = writeln!(out, "{}", wrap(&plain(&sentence), width));
            }
        }
    }
    let _ = writeln!(out, "\n{}", view.say(Msg::ActionsHeading));
    if case.actions.is_empty() {
        let _ = writeln!(out, "{}", view.say(Msg::NoActions));
    } else {
        let (header, rows) = view.action_rows();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", grid(&[23, 22, 22], Some(&header), rows, true));
    }
    if !case.due.is_empty() {
        let _ = writeln!(out, "\n{}", view.say(Msg::DueHeading));
        for (done, line) in view.due_lines() {
            let mark = if done { "✓" } else { "▶" };
            let body = wrap(&plain(&line), width - 4).replace('\n', "\n    ");
            let _ = writeln!(out, "  {mark} {body}");
        }
        let _ = writeln!(out, "{}", wrap(view.say(Msg::DueWorkingDays), width));
    }
    out
}

fn responses(view: &View, list: &[super::ResponseView]) -> String {
    if list.is_empty() {
        return view.say(Msg::NoneSentence).to_string();
    }
    let rows = list
        .iter()
        .enumerate()
        .map(|(i, r)| vec![(i + 1).to_string(), r.text.clone(), r.from_label.clone()])
        .collect();
    grid(
        &[2, 48, 20],
        Some(&["#", view.say(Msg::ColumnAction), view.say(Msg::ColumnFrom)]),
        rows,
        true,
    )
}
