//! Printable material: the question set with its reasons, and the continuum with its responses.

use crate::content::continuum::Continuum;
use crate::content::questions::{FieldKind, QuestionSet};
use crate::content::texts::review_notice;
use crate::text::messages::Msg;
use std::fmt::Write;

/// The question set, as plain text (`markdown == false`) or Markdown.
pub fn questions(set: &QuestionSet, markdown: bool) -> String {
    let mut out = String::new();
    let lang = set.lang;
    let h1 = if markdown { "# " } else { "" };
    let h2 = if markdown { "## " } else { "" };
    let quote = if markdown { "> " } else { "    " };
    if let Some(notice) = review_notice(lang, &[&set.welsh_review]) {
        let _ = writeln!(out, "{quote}{notice}\n");
    }
    let _ = writeln!(out, "{h1}{}\n", set.name);
    if !set.introduction.is_empty() {
        let _ = writeln!(out, "{}\n", set.introduction.trim());
    }
    for q in &set.questions {
        let _ = writeln!(out, "{h2}{}. {}\n", q.number, q.text);
        let _ = writeln!(
            out,
            "{quote}{}\n",
            crate::say!(lang, WhyWeAsk, reason = q.reason.trim())
        );
        for f in &q.fields {
            let marker = |on: bool, msg: Msg| {
                if on {
                    format!(" {}", msg.text(lang))
                } else {
                    String::new()
                }
            };
            let required = marker(f.required, Msg::RequiredMarker);
            let when = marker(f.when.is_some(), Msg::OnlyWhenOthers);
            let _ = writeln!(out, "- {}{required}{when} [{}]", f.prompt, f.key);
            if let Some(help) = &f.help {
                let _ = writeln!(out, "  {}", help.trim());
            }
            match &f.kind {
                FieldKind::Choice(choices) | FieldKind::List(choices) => {
                    let many = if matches!(f.kind, FieldKind::List(_)) {
                        Msg::AnyOf
                    } else {
                        Msg::OneOf
                    };
                    let _ = writeln!(out, "  {}", many.text(lang));
                    for c in choices {
                        let _ = writeln!(out, "  - {} [{}]: {}", c.label, c.id, c.help.trim());
                    }
                    let _ = writeln!(out, "  - {} [unknown]", Msg::NotKnownYet.text(lang));
                }
                FieldKind::Number { min, max } => {
                    let _ = writeln!(
                        out,
                        "  {}",
                        crate::say!(lang, NumberMaterial, min = min, max = max)
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
    let lang = continuum.lang;
    if let Some(notice) = review_notice(lang, &[&continuum.welsh_review]) {
        let _ = writeln!(out, "{notice}\n");
    }
    let _ = writeln!(out, "{h1}{}\n", Msg::ContinuumTitle.text(lang));
    let bar = continuum
        .levels
        .iter()
        .map(|l| l.label.as_str())
        .collect::<Vec<_>>()
        .join(" → ");
    let _ = writeln!(out, "{bar}\n");
    let _ = writeln!(out, "{}\n", Msg::PlacementIsNotAScore.text(lang));
    for (i, level) in continuum.levels.iter().enumerate() {
        let _ = writeln!(out, "{h2}{}. {}: {}\n", i + 1, level.label, level.summary);
        let _ = writeln!(out, "{h3}{}\n", Msg::Features.text(lang));
        for feature in &level.features {
            let _ = writeln!(out, "- {feature}");
        }
        let _ = writeln!(
            out,
            "\n{}\n",
            crate::say!(
                lang,
                StrategyDiscussionAtLevel,
                status = level.strategy_discussion.word(lang)
            )
        );
        let _ = writeln!(out, "{h3}{}\n", Msg::ForTheChild.text(lang));
        for r in &level.responses.child {
            let _ = writeln!(out, "- {}", r.text.trim());
        }
        let _ = writeln!(out, "\n{h3}{}\n", Msg::ForTheHarmedChild.text(lang));
        for r in &level.responses.harmed_child {
            let _ = writeln!(out, "- {}", r.text.trim());
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "{}\n", Msg::ContinuumSource.text(lang));
    let _ = writeln!(out, "{}", continuum.notice.trim());
    out
}
