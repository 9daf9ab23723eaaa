//! A Markdown report fit for a case file.

use super::{View, from_label};
use std::fmt::Write;

pub fn render(view: &View) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Sexual behaviour assessment: {}\n", view.heading());
    let _ = writeln!(out, "> {}\n", view.notice);
    let _ = writeln!(out, "- File: `{}`", view.source);
    if let Some(case_ref) = &view.case_ref {
        let _ = writeln!(out, "- Case reference: {case_ref}");
    }
    let _ = writeln!(
        out,
        "- Rule set: {} {} (sha256 `{}`)\n",
        view.rule_set.name, view.rule_set.version, view.rule_set.sha256
    );

    let _ = writeln!(out, "## Placement on Hackett's continuum\n");
    let bar = view
        .levels
        .iter()
        .map(|(id, label)| {
            if *id == view.level {
                format!("**[{}]**", label.to_uppercase())
            } else {
                label.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" → ");
    let _ = writeln!(out, "{bar}\n");
    let _ = writeln!(out, "**{}**: {}", view.level_label, view.level_summary);
    if view.provisional {
        let _ = writeln!(
            out,
            "\n**Provisional**: answers that could raise the placement or the strategy-discussion decision are not yet known (see *To clarify*)."
        );
    }

    let sd = &view.strategy_discussion;
    let _ = writeln!(out, "\n## Strategy discussion: {}\n", sd.label);
    let _ = writeln!(out, "{}\n", sd.summary);
    for reason in &sd.reasons {
        let _ = writeln!(out, "- {} (rule `{}`)", reason.text, reason.rule);
    }

    let _ = writeln!(out, "\n## Responses\n");
    let _ = writeln!(out, "### For the child who displayed the behaviour\n");
    checklist(&mut out, &view.responses.child);
    match view.other_child_involved {
        "no" => {
            let _ = writeln!(out, "\n### Other children\n\nNo other child was involved.");
        }
        involved => {
            let note = if involved == "unknown" {
                " (if another child was involved: not yet known)"
            } else {
                ""
            };
            let _ = writeln!(out, "\n### For the child harmed{note}\n");
            checklist(&mut out, &view.responses.harmed_child);
        }
    }

    if !view.clarify.is_empty() {
        let _ = writeln!(out, "\n## To clarify\n");
        for item in &view.clarify {
            let rules = if item.rules.is_empty() {
                String::new()
            } else {
                format!(" (rules: {})", item.rules.join(", "))
            };
            let _ = writeln!(out, "- {}: {}{rules}", item.text, item.because.join("; "));
        }
    }

    let _ = writeln!(out, "\n## Why: the rules that fired\n");
    if view.rules.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let _ = writeln!(out, "| Rule | Sets | Reason | Answers |\n|---|---|---|---|");
        for rule in &view.rules {
            let sets = [
                rule.level.clone(),
                rule.strategy_discussion
                    .map(|s| format!("strategy discussion {s}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let answers = rule
                .answers
                .iter()
                .map(|a| format!("`{}` = {}", a.field, cell(&a.label)))
                .collect::<Vec<_>>()
                .join("<br>");
            let _ = writeln!(
                out,
                "| `{}` | {} | {} ({}) | {} |",
                rule.id,
                if sets.is_empty() { "-" } else { &sets },
                cell(&rule.reason),
                cell(&rule.source),
                answers
            );
        }
    }

    let _ = writeln!(out, "\n## Answers recorded\n");
    for question in &view.answers {
        let _ = writeln!(out, "### {}. {}\n", question.number, question.text);
        for (prompt, answer) in &question.answers {
            let _ = writeln!(out, "- {prompt} **{}**", answer.replace('\n', " "));
        }
        let _ = writeln!(out);
    }
    if let Some(notes) = &view.teaching_notes {
        let _ = writeln!(out, "## Teaching notes\n\n{}\n", notes.trim());
    }
    let _ = writeln!(out, "---\n\n*{}*", view.notice);
    out
}

fn checklist(out: &mut String, list: &[super::ResponseView]) {
    if list.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for r in list {
        let _ = writeln!(out, "- [ ] {} *({})*", r.text, from_label(&r.from));
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
