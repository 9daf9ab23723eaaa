//! Printable material: the question set with its reasons, and the continuum with its responses.

use crate::continuum::Continuum;
use crate::questions::{FieldKind, QuestionSet};
use std::fmt::Write;

/// The question set, as plain text (`markdown == false`) or Markdown.
pub fn questions(set: &QuestionSet, markdown: bool) -> String {
    let mut out = String::new();
    let h1 = if markdown { "# " } else { "" };
    let h2 = if markdown { "## " } else { "" };
    let quote = if markdown { "> " } else { "    " };
    let _ = writeln!(out, "{h1}{}\n", set.name);
    if !set.introduction.is_empty() {
        let _ = writeln!(out, "{}\n", set.introduction.trim());
    }
    for q in &set.questions {
        let _ = writeln!(out, "{h2}{}. {}\n", q.number, q.text);
        let _ = writeln!(out, "{quote}Why we ask: {}\n", q.reason.trim());
        for f in &q.fields {
            let required = if f.required { " (required)" } else { "" };
            let when = if f.when.is_some() {
                " (only when someone else was involved)"
            } else {
                ""
            };
            let _ = writeln!(out, "- {}{required}{when} [{}]", f.prompt, f.key);
            if let Some(help) = &f.help {
                let _ = writeln!(out, "  {}", help.trim());
            }
            match &f.kind {
                FieldKind::Choice(choices) | FieldKind::List(choices) => {
                    let many = if matches!(f.kind, FieldKind::List(_)) {
                        "  Any of:"
                    } else {
                        "  One of:"
                    };
                    let _ = writeln!(out, "{many}");
                    for c in choices {
                        let _ = writeln!(out, "  - {} [{}]: {}", c.label, c.id, c.help.trim());
                    }
                    let _ = writeln!(out, "  - Not known yet [unknown]");
                }
                FieldKind::Number { min, max } => {
                    let _ = writeln!(
                        out,
                        "  A whole number from {min} to {max}, or not known yet."
                    );
                }
                FieldKind::Text => {}
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "{}", set.attribution.trim());
    out
}

/// The five levels with their features and responses.
pub fn continuum(continuum: &Continuum, markdown: bool) -> String {
    let mut out = String::new();
    let h1 = if markdown { "# " } else { "" };
    let h2 = if markdown { "## " } else { "" };
    let h3 = if markdown { "### " } else { "" };
    let _ = writeln!(
        out,
        "{h1}Hackett's continuum of children's sexual behaviours\n"
    );
    let bar = continuum
        .levels
        .iter()
        .map(|l| l.label.as_str())
        .collect::<Vec<_>>()
        .join(" → ");
    let _ = writeln!(out, "{bar}\n");
    let _ = writeln!(
        out,
        "The placement describes this behaviour now, not the child. It is not a risk score, and \
         behaviour can move along the continuum in either direction as circumstances change.\n"
    );
    for (i, level) in continuum.levels.iter().enumerate() {
        let _ = writeln!(out, "{h2}{}. {}: {}\n", i + 1, level.label, level.summary);
        let _ = writeln!(out, "{h3}Features\n");
        for feature in &level.features {
            let _ = writeln!(out, "- {feature}");
        }
        let _ = writeln!(
            out,
            "\nStrategy discussion at this level: {}\n",
            level.strategy_discussion.id().replace('_', " ")
        );
        let _ = writeln!(out, "{h3}For the child who displayed the behaviour\n");
        for r in &level.responses.child {
            let _ = writeln!(out, "- {}", r.text.trim());
        }
        let _ = writeln!(out, "\n{h3}For the child harmed\n");
        for r in &level.responses.harmed_child {
            let _ = writeln!(out, "- {}", r.text.trim());
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "Source: Hackett, S. (2010), continuum of children's sexual behaviours, in hsb's own words; \
         responses after the Welsh national pathway for proportionate responses to harmful sexual behaviour.\n"
    );
    let _ = writeln!(out, "{}", continuum.notice.trim());
    out
}
