//! A report as a document: what it says and in what order, decided once, so that the Markdown,
//! plain-text and HTML reports cannot disagree. Texts may carry light Markdown inline markup
//! (`**strong**`, `*emphasis*`, `` `code` ``), which each format renders its own way.

use super::{ResponseView, View};
use crate::text::messages::Msg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The report's title.
    Title(String),
    /// A notice set apart (the professional-judgement notice).
    Notice(String),
    /// Short facts: file, case reference, date, role, rule set.
    Facts(Vec<String>),
    Heading(String),
    Subheading(String),
    Para(String),
    /// The continuum with the placement marked.
    Bar(Vec<(String, bool)>),
    Bullets(Vec<String>),
    /// Actions to tick off, each with where it comes from.
    Checklist(Vec<(String, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Question prompts and their answers.
    Answers(Vec<(String, String)>),
    /// The closing notice, after a rule.
    Footer(String),
    /// A grid to write in: a row per prompt, with blank columns headed `header` (after the
    /// first, which heads the prompts).
    Grid {
        header: Vec<String>,
        rows: Vec<String>,
    },
    /// Labelled lines to write on.
    Blanks(Vec<String>),
}

/// Everything a report says, in order.
pub fn document(view: &View) -> Vec<Block> {
    let mut doc = vec![Block::Title(crate::say!(
        view.lang,
        ReportTitle,
        heading = view.heading()
    ))];
    if let Some(notice) = &view.review_notice {
        doc.push(Block::Notice(notice.clone()));
    }
    doc.push(Block::Notice(view.notice.clone()));
    doc.push(Block::Facts(facts(view)));
    placement(view, &mut doc);
    strategy(view, &mut doc);
    judgement(view, &mut doc);
    responses(view, &mut doc);
    actions(view, &mut doc);
    clarify(view, &mut doc);
    rules(view, &mut doc);
    doc.push(Block::Heading(view.say(Msg::AnswersRecorded).to_string()));
    for question in &view.answers {
        doc.push(Block::Subheading(format!(
            "{}. {}",
            question.number, question.text
        )));
        doc.push(Block::Answers(
            question
                .answers
                .iter()
                .map(|(prompt, answer)| (prompt.clone(), answer.replace('\n', " ")))
                .collect(),
        ));
    }
    if let Some(notes) = &view.teaching_notes {
        doc.push(Block::Heading(view.say(Msg::TeachingNotes).to_string()));
        doc.extend(paragraphs(notes));
    }
    doc.push(Block::Footer(view.notice.clone()));
    doc
}

/// One paragraph per blank-line-separated block of `text`, its line breaks folded, so that each
/// format wraps it afresh.
pub(super) fn paragraphs(text: &str) -> Vec<Block> {
    text.trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(Block::Para)
        .collect()
}

fn facts(view: &View) -> Vec<String> {
    let mut facts = Vec::new();
    // The file, unless there is none yet (an assessment not saved) or it is the heading already.
    if !view.source.is_empty() && view.heading() != view.source {
        facts.push(crate::say!(
            view.lang,
            FileLine,
            path = format!("`{}`", view.source)
        ));
    }
    if let Some(case_ref) = &view.case_ref {
        facts.push(crate::say!(view.lang, CaseRefLine, case = case_ref));
    }
    facts.extend(view.assessment_facts());
    facts.push(format!(
        "{} (sha256 `{}`)",
        view.rule_set_line(),
        view.rule_set.sha256
    ));
    facts
}

pub(super) fn placement(view: &View, doc: &mut Vec<Block>) {
    doc.push(Block::Heading(view.say(Msg::PlacementHeading).to_string()));
    doc.push(Block::Bar(
        view.levels
            .iter()
            .map(|(id, label)| (label.clone(), view.level.as_deref() == Some(id.as_str())))
            .collect(),
    ));
    doc.push(Block::Para(format!(
        "**{}**: {}",
        view.level_label, view.level_summary
    )));
    if view.provisional {
        doc.push(Block::Para(view.say(Msg::ProvisionalExplained).to_string()));
    }
}

/// The strategy discussion's heading and what it means, for the report and the trainer's key.
pub(crate) fn strategy_heading(view: &View, doc: &mut Vec<Block>) {
    let sd = &view.strategy_discussion;
    doc.push(Block::Heading(crate::say!(
        view.lang,
        StrategyDiscussionTitle,
        status = sd.label
    )));
    doc.push(Block::Para(sd.summary.clone()));
}

fn strategy(view: &View, doc: &mut Vec<Block>) {
    strategy_heading(view, doc);
    let sd = &view.strategy_discussion;
    if !sd.reasons.is_empty() {
        doc.push(Block::Bullets(
            sd.reasons
                .iter()
                .map(|r| {
                    format!(
                        "{} ({})",
                        r.text,
                        crate::say!(view.lang, RuleReference, rule = r.rule)
                    )
                })
                .collect(),
        ));
    }
}

/// The practitioner's judgement beside hsb's, when the record has one.
fn judgement(view: &View, doc: &mut Vec<Block>) {
    if view.case.is_empty() {
        return;
    }
    doc.push(Block::Heading(view.say(Msg::JudgementHeading).to_string()));
    let Some(j) = &view.case.judgement else {
        doc.push(Block::Para(view.say(Msg::NoJudgement).to_string()));
        return;
    };
    let (header, rows) = view.judgement_table(j);
    doc.push(Block::Table { header, rows });
    doc.extend(view.judgement_sentences(j).into_iter().map(Block::Para));
}

fn responses(view: &View, doc: &mut Vec<Block>) {
    doc.push(Block::Heading(view.say(Msg::Responses).to_string()));
    doc.push(Block::Subheading(view.say(Msg::ForTheChild).to_string()));
    checklist(view, &view.responses.child, doc);
    match view.other_child_section() {
        None => {
            doc.push(Block::Subheading(view.say(Msg::OtherChildren).to_string()));
            doc.push(Block::Para(view.say(Msg::NoOtherChild).to_string()));
        }
        Some(heading) => {
            doc.push(Block::Subheading(heading));
            if let Some(text) = view.other_role_explained() {
                doc.push(Block::Para(text.to_string()));
            } else {
                checklist(view, &view.responses.harmed_child, doc);
            }
        }
    }
}

fn checklist(view: &View, list: &[ResponseView], doc: &mut Vec<Block>) {
    if list.is_empty() {
        doc.push(Block::Para(view.say(Msg::NoneSentence).to_string()));
    } else {
        doc.push(Block::Checklist(
            list.iter()
                .map(|r| (r.text.clone(), r.from_label.clone()))
                .collect(),
        ));
    }
}

/// The actions taken and what they make due, when the record says anything about its case.
fn actions(view: &View, doc: &mut Vec<Block>) {
    let case = &view.case;
    if case.is_empty() {
        return;
    }
    doc.push(Block::Heading(view.say(Msg::ActionsHeading).to_string()));
    if case.actions.is_empty() {
        doc.push(Block::Para(view.say(Msg::NoActions).to_string()));
    } else {
        let (header, rows) = view.action_rows();
        doc.push(Block::Table { header, rows });
    }
    if !case.due.is_empty() {
        doc.push(Block::Subheading(view.say(Msg::DueHeading).to_string()));
        doc.push(Block::Bullets(
            view.due_lines().into_iter().map(|(_, line)| line).collect(),
        ));
        doc.push(Block::Para(view.say(Msg::DueWorkingDays).to_string()));
    }
}

pub(super) fn clarify(view: &View, doc: &mut Vec<Block>) {
    if view.clarify.is_empty() {
        return;
    }
    doc.push(Block::Heading(view.say(Msg::ToClarify).to_string()));
    doc.push(Block::Bullets(
        view.clarify
            .iter()
            .map(|item| {
                let rules = if item.rules.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        crate::say!(view.lang, RulesList, rules = item.rules.join(", "))
                    )
                };
                format!("{}: {}{rules}", item.text, item.because.join("; "))
            })
            .collect(),
    ));
}

fn rules(view: &View, doc: &mut Vec<Block>) {
    doc.push(Block::Heading(
        view.say(Msg::WhyTheRulesThatFired).to_string(),
    ));
    if view.rules.is_empty() {
        doc.push(Block::Para(view.say(Msg::NoneSentence).to_string()));
        return;
    }
    doc.push(Block::Table {
        header: [
            Msg::ColumnRule,
            Msg::ColumnSets,
            Msg::ColumnReason,
            Msg::ColumnAnswers,
        ]
        .iter()
        .map(|m| view.say(*m).to_string())
        .collect(),
        rows: view
            .rules
            .iter()
            .map(|rule| {
                let sets = rule.effects.join(", ");
                vec![
                    format!("`{}`", rule.id),
                    if sets.is_empty() {
                        "-".to_string()
                    } else {
                        sets
                    },
                    format!("{} ({})", rule.reason, rule.source),
                    rule.answers
                        .iter()
                        .map(|a| format!("`{}` = {}", a.field, a.label))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            })
            .collect(),
    });
}

/// A piece of inline text: plain, or marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span<'a> {
    Plain(&'a str),
    Strong(&'a str),
    Emphasis(&'a str),
    Code(&'a str),
}

/// Split text with light Markdown inline markup into spans. A marker without its closing pair
/// is plain text.
pub fn spans(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut plain_from = 0;
    let mut at = 0;
    while at < rest.len() {
        let tail = &rest[at..];
        let found = [("**", 2), ("*", 1), ("`", 1)]
            .iter()
            .find_map(|(marker, len)| {
                let inner = tail.strip_prefix(marker)?;
                let end = inner.find(marker)?;
                (end > 0).then_some((*marker, *len, end))
            });
        match found {
            Some((marker, len, end)) => {
                if at > plain_from {
                    out.push(Span::Plain(&rest[plain_from..at]));
                }
                let inner = &tail[len..len + end];
                out.push(match marker {
                    "**" => Span::Strong(inner),
                    "*" => Span::Emphasis(inner),
                    _ => Span::Code(inner),
                });
                rest = &tail[len + end + len..];
                at = 0;
                plain_from = 0;
            }
            None => {
                at += tail.chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    if plain_from < rest.len() {
        out.push(Span::Plain(&rest[plain_from..]));
    }
    out
}

/// The text without its markup.
pub fn plain(text: &str) -> String {
    spans(text)
        .into_iter()
        .map(|s| match s {
            Span::Plain(t) | Span::Strong(t) | Span::Emphasis(t) | Span::Code(t) => t,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_read_and_unpaired_markers_stay_plain() {
        assert_eq!(
            spans("a **b** *c* `d` 5 * 3"),
            vec![
                Span::Plain("a "),
                Span::Strong("b"),
                Span::Plain(" "),
                Span::Emphasis("c"),
                Span::Plain(" "),
                Span::Code("d"),
                Span::Plain(" 5 * 3"),
            ]
        );
        assert_eq!(
            plain("**Provisional**: see *To clarify*"),
            "Provisional: see To clarify"
        );
    }
}
