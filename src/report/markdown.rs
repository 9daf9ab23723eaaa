//! A Markdown report fit for a case file, in the result's language.

use super::View;
use crate::messages::Msg;
use std::fmt::Write;

pub fn render(view: &View) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        view.fill(Msg::ReportTitle, &[("heading", &view.heading())])
    );
    if let Some(notice) = &view.review_notice {
        let _ = writeln!(out, "> {notice}\n");
    }
    let _ = writeln!(out, "> {}\n", view.notice);
    let _ = writeln!(
        out,
        "- {}",
        view.fill(Msg::FileLine, &[("path", &format!("`{}`", view.source))])
    );
    if let Some(case_ref) = &view.case_ref {
        let _ = writeln!(
            out,
            "- {}",
            view.fill(Msg::CaseRefLine, &[("case", case_ref)])
        );
    }
    let _ = writeln!(
        out,
        "- {} (sha256 `{}`)\n",
        view.rule_set_line(),
        view.rule_set.sha256
    );

    let _ = writeln!(out, "## {}\n", view.say(Msg::PlacementHeading));
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
        let _ = writeln!(out, "\n{}", view.say(Msg::ProvisionalExplained));
    }

    let sd = &view.strategy_discussion;
    let _ = writeln!(
        out,
        "\n## {}\n",
        view.fill(Msg::StrategyDiscussionTitle, &[("status", &sd.label)])
    );
    let _ = writeln!(out, "{}\n", sd.summary);
    for reason in &sd.reasons {
        let _ = writeln!(
            out,
            "- {} ({})",
            reason.text,
            view.fill(Msg::RuleReference, &[("rule", &reason.rule)])
        );
    }

    let _ = writeln!(out, "\n## {}\n", view.say(Msg::Responses));
    let _ = writeln!(out, "### {}\n", view.say(Msg::ForTheChild));
    checklist(&mut out, view, &view.responses.child);
    match view.other_child_involved {
        "no" => {
            let _ = writeln!(
                out,
                "\n### {}\n\n{}",
                view.say(Msg::OtherChildren),
                view.say(Msg::NoOtherChild)
            );
        }
        involved => {
            let note = if involved == "unknown" {
                format!(" ({})", view.say(Msg::IfAnotherChildUnknown))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "\n### {}{note}\n",
                view.say(view.other_child_heading())
            );
            checklist(&mut out, view, &view.responses.harmed_child);
        }
    }

    if !view.clarify.is_empty() {
        let _ = writeln!(out, "\n## {}\n", view.say(Msg::ToClarify));
        for item in &view.clarify {
            let rules = if item.rules.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    view.fill(Msg::RulesList, &[("rules", &item.rules.join(", "))])
                )
            };
            let _ = writeln!(out, "- {}: {}{rules}", item.text, item.because.join("; "));
        }
    }

    let _ = writeln!(out, "\n## {}\n", view.say(Msg::WhyTheRulesThatFired));
    if view.rules.is_empty() {
        let _ = writeln!(out, "{}", view.say(Msg::NoneSentence));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            view.say(Msg::ColumnRule),
            view.say(Msg::ColumnSets),
            view.say(Msg::ColumnReason),
            view.say(Msg::ColumnAnswers)
        );
        for rule in &view.rules {
            let sets = rule.effects.join(", ");
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

    let _ = writeln!(out, "\n## {}\n", view.say(Msg::AnswersRecorded));
    for question in &view.answers {
        let _ = writeln!(out, "### {}. {}\n", question.number, question.text);
        for (prompt, answer) in &question.answers {
            let _ = writeln!(out, "- {prompt} **{}**", answer.replace('\n', " "));
        }
        let _ = writeln!(out);
    }
    if let Some(notes) = &view.teaching_notes {
        let _ = writeln!(
            out,
            "## {}\n\n{}\n",
            view.say(Msg::TeachingNotes),
            notes.trim()
        );
    }
    let _ = writeln!(out, "---\n\n*{}*", view.notice);
    out
}

fn checklist(out: &mut String, view: &View, list: &[super::ResponseView]) {
    if list.is_empty() {
        let _ = writeln!(out, "{}", view.say(Msg::NoneSentence));
    }
    for r in list {
        let _ = writeln!(out, "- [ ] {} *({})*", r.text, r.from_label);
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
