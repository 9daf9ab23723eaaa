//! The terminal result: a continuum bar, a strategy-discussion box and tables, within 80 columns.
//! Nothing is conveyed by colour; the level is marked with arrows and capitals.

use super::{View, from_label};
use comfy_table::presets::{UTF8_FULL, UTF8_FULL_CONDENSED};
use comfy_table::{Cell, ContentArrangement, Table};
use std::fmt::Write;

pub const WIDTH: u16 = 80;

fn table() -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH);
    table
}

/// The five-step continuum with the placement marked.
pub fn continuum_bar(view: &View) -> String {
    let mut bar = table();
    bar.add_row(view.levels.iter().map(|(id, label)| {
        if *id == view.level {
            Cell::new(format!("▶ {} ◀", label.to_uppercase()))
        } else {
            Cell::new(label)
        }
    }));
    bar.to_string()
}

/// The strategy-discussion box.
pub fn strategy_box(view: &View) -> String {
    let sd = &view.strategy_discussion;
    let mut text = format!("STRATEGY DISCUSSION: {}\n\n{}", sd.label, sd.summary);
    if !sd.reasons.is_empty() {
        text.push_str("\n\nWhy:");
        for reason in &sd.reasons {
            let _ = write!(text, "\n• {} [{}]", reason.text, reason.rule);
        }
    }
    let mut table = table();
    table.add_row(vec![Cell::new(text)]);
    table.to_string()
}

pub fn render(view: &View) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "hsb result: {}", view.heading());
    if view.title.is_some() {
        let _ = writeln!(out, "File: {}", view.source);
    }
    if let Some(case_ref) = &view.case_ref {
        let _ = writeln!(out, "Case reference: {case_ref}");
    }
    let _ = writeln!(out, "\nPlacement on Hackett's continuum");
    let _ = writeln!(out, "{}", continuum_bar(view));
    let provisional = if view.provisional {
        " (PROVISIONAL: see \"To clarify\")"
    } else {
        ""
    };
    let placement = format!(
        "Placement: {}{provisional}. {}",
        view.level_label.to_uppercase(),
        view.level_summary
    );
    let _ = writeln!(out, "{}\n", wrap(&placement, WIDTH as usize));
    let _ = writeln!(out, "{}", strategy_box(view));

    let _ = writeln!(out, "\nFor the child who displayed the behaviour");
    let _ = writeln!(out, "{}", responses(&view.responses.child));
    match view.other_child_involved {
        "no" => {
            let _ = writeln!(out, "\nNo other child was involved.");
        }
        involved => {
            let heading = if view.level == view.levels.first().map(|l| l.0.as_str()).unwrap_or("") {
                "For the other child involved"
            } else {
                "For the child harmed"
            };
            let note = if involved == "unknown" {
                " (if another child was involved: not yet known)"
            } else {
                ""
            };
            let _ = writeln!(out, "\n{heading}{note}");
            let _ = writeln!(out, "{}", responses(&view.responses.harmed_child));
        }
    }

    if !view.clarify.is_empty() {
        let _ = writeln!(out, "\nTo clarify");
        let mut clarify = table();
        clarify.set_header(vec!["Find out", "Why it matters", "Rules"]);
        for item in &view.clarify {
            clarify.add_row(vec![
                item.text.clone(),
                item.because.join("; "),
                item.rules.join(", "),
            ]);
        }
        let _ = writeln!(out, "{clarify}");
    }

    let _ = writeln!(out, "\nRules that fired");
    if view.rules.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let mut rules = table();
        rules.set_header(vec![
            "Rule and effect",
            "Why (source)",
            "Answers it matched",
        ]);
        for rule in &view.rules {
            let mut effect = rule.id.clone();
            if let Some(level) = &rule.level {
                let _ = write!(effect, "\n→ at least {level}");
            }
            if let Some(sd) = rule.strategy_discussion {
                let _ = write!(effect, "\n→ strategy discussion {sd}");
            }
            let answers = rule
                .answers
                .iter()
                .map(|a| format!("{}:\n  {}", a.field, a.label))
                .collect::<Vec<_>>()
                .join("\n");
            rules.add_row(vec![
                effect,
                format!("{} ({})", rule.reason, rule.source),
                answers,
            ]);
        }
        let _ = writeln!(out, "{rules}");
    }
    let _ = writeln!(
        out,
        "\nRule set: {} {}\nsha256: {}",
        view.rule_set.name, view.rule_set.version, view.rule_set.sha256
    );
    let _ = writeln!(out, "\n{}", wrap(&view.notice, WIDTH as usize));
    out
}

/// Wrap a paragraph at word boundaries to fit `width` columns.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

fn responses(list: &[super::ResponseView]) -> String {
    if list.is_empty() {
        return "None.".to_string();
    }
    let mut table = table();
    table.load_style(UTF8_FULL_CONDENSED.with_rounded_corners());
    table.set_header(vec!["#", "Action", "From"]);
    for (i, r) in list.iter().enumerate() {
        table.add_row(vec![
            (i + 1).to_string(),
            r.text.clone(),
            from_label(&r.from),
        ]);
    }
    table.to_string()
}
