//! `hsb train --blind` and `--tally`: trainees make the judgements themselves (the colour, power,
//! consent, coercion, how the other child saw it: the fields marked `judgement: true`), the room
//! votes, and the results go to a CSV file.

use crate::cli::interview::{Prompter, Stop};
use crate::content::Content;
use crate::content::answer::Answer;
use crate::content::questions::{Field, FieldKind};
use crate::engine::evaluate;
use crate::record::Record;
use crate::record::facts::Facts;
use crate::text::messages::Msg;

/// One judgement: the trainees' (`None`: not known, to find out) beside the scenario's.
#[derive(Debug, Clone)]
pub struct Judged {
    pub field: String,
    pub label: String,
    pub given: Option<String>,
    pub scenario: Option<String>,
}

impl Judged {
    pub fn right(&self) -> bool {
        self.given == self.scenario
    }
}

/// The judgement fields that apply to this scenario, in question order.
pub fn judgement_fields<'c>(content: &'c Content, record: &Record) -> Vec<&'c Field> {
    let facts = Facts::new(&content.questions, record);
    content
        .questions
        .fields()
        .map(|(_, f)| f)
        .filter(|f| f.judgement && matches!(f.kind, FieldKind::Choice(_)) && facts.applies(&f.key))
        .collect()
}

/// Ask for each judgement: one of the field's values, or "not known: find out first", with
/// nothing chosen beforehand. Each is asked on a fresh screen under the `pinned` description.
/// Esc goes back to the judgement before; at the first, it shows the whole `case` (paged).
pub fn judge(
    content: &Content,
    p: &mut dyn Prompter,
    record: &Record,
    pinned: &str,
    case: &str,
) -> Result<Vec<Judged>, Stop> {
    let lang = content.lang();
    let fields = judgement_fields(content, record);
    let mut judged: Vec<Judged> = Vec::new();
    while let Some(field) = fields.get(judged.len()) {
        let choices = field.kind.choices();
        let mut items: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
        items.push(Msg::JudgeNotKnown.text(lang).to_string());
        let prompt = crate::say!(lang, JudgePrompt, label = field.label);
        p.show(pinned);
        let index = match p.select(&prompt, &items, None) {
            Ok(index) => index,
            Err(Stop::Back) => {
                if judged.pop().is_none() {
                    p.page(case);
                }
                continue;
            }
            Err(stop) => return Err(stop),
        };
        judged.push(Judged {
            field: field.key.clone(),
            label: field.label.clone(),
            given: choices.get(index).map(|c| c.id.clone()),
            scenario: match record.answers.get(&field.key) {
                Some(Answer::Choice(v)) => Some(v.clone()),
                _ => None,
            },
        });
    }
    Ok(judged)
}

/// What trainees would do for each child, in their own words, to set beside hsb's responses.
/// Empty where they left it blank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plans {
    pub child: String,
    pub other: String,
}

/// Ask what trainees would do for the child who displayed the behaviour and for any other
/// child involved (not asked where the scenario says nobody else was). Esc on the second goes
/// back to the first, with what was typed kept; on the first, it asks it again.
pub fn plans(content: &Content, p: &mut dyn Prompter, record: &Record) -> Result<Plans, Stop> {
    let lang = content.lang();
    let any = |_: &str| Ok(());
    let nobody_else = matches!(
        record.answers.get("others.involved"),
        Some(Answer::Choice(v)) if v == "no"
    );
    let mut plans = Plans::default();
    p.show(&crate::report::wrap(
        Msg::PlansIntro.text(lang),
        crate::text::screen::width(),
    ));
    loop {
        plans.child = match p.input(Msg::ForTheChild.text(lang), &plans.child, &any) {
            Ok(text) => text.trim().to_string(),
            Err(Stop::Back) => continue,
            Err(stop) => return Err(stop),
        };
        if nobody_else {
            return Ok(plans);
        }
        match p.input(Msg::PlanOtherPrompt.text(lang), &plans.other, &any) {
            Ok(other) => {
                plans.other = other.trim().to_string();
                return Ok(plans);
            }
            Err(Stop::Back) => continue,
            Err(stop) => return Err(stop),
        }
    }
}

/// The trainees' judgements against the scenario's, a line each.
pub fn judgements_marked(content: &Content, judged: &[Judged]) -> String {
    let lang = content.lang();
    let label_of = |j: &Judged, value: &Option<String>| match value {
        Some(v) => content
            .questions
            .field(&j.field)
            .map_or_else(|| v.clone(), |f| f.label_of(v, lang).to_string()),
        None => Msg::NotKnownYet.text(lang).to_string(),
    };
    judged
        .iter()
        .map(|j| {
            crate::say!(
                lang,
                JudgedLine,
                label = j.label,
                given = label_of(j, &j.given),
                mark = if j.right() {
                    Msg::MarkRight
                } else {
                    Msg::MarkDifferent
                }
                .text(lang),
                scenario = label_of(j, &j.scenario)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What would change the placement: each single-choice answer that, given another value
/// (everything else as it is), moves the level; the biggest moves first (then judgement
/// fields first, then question order). At most `limit` lines.
pub fn what_would_change(content: &Content, record: &Record, limit: usize) -> Vec<String> {
    let lang = content.lang();
    let continuum = &content.continuum;
    let level = evaluate(content, record).level;
    let facts = Facts::new(&content.questions, record);
    let mut fields: Vec<&Field> = content
        .questions
        .fields()
        .map(|(_, f)| f)
        .filter(|f| matches!(f.kind, FieldKind::Choice(_)) && facts.applies(&f.key))
        .collect();
    fields.sort_by_key(|f| !f.judgement);
    // How far a change moves the level, in half-steps: not yet placed counts as half a step
    // below the least concerning level.
    let rank = |l: Option<usize>| l.map_or(0, |i| 2 * i + 1);
    let mut lines: Vec<(usize, String)> = Vec::new();
    for field in fields {
        let current = match record.answers.get(&field.key) {
            Some(Answer::Choice(v)) => Some(v.as_str()),
            _ => None,
        };
        for choice in field.kind.choices() {
            if Some(choice.id.as_str()) == current {
                continue;
            }
            let mut changed = record.clone();
            changed
                .answers
                .insert(field.key.clone(), Answer::Choice(choice.id.clone()));
            let moved = evaluate(content, &changed).level;
            if moved != level {
                // The level as named inside a sentence ("y lefel broblemus").
                let line = match moved {
                    Some(moved) => crate::say!(
                        lang,
                        WouldChangeLine,
                        label = field.label,
                        value = choice.label,
                        level = continuum.level_in_sentence(moved)
                    ),
                    None => crate::say!(
                        lang,
                        WouldChangeLineNotPlaced,
                        label = field.label,
                        value = choice.label
                    ),
                };
                lines.push((rank(moved).abs_diff(rank(level)), line));
            }
        }
    }
    // A stable sort: equal moves keep the judgement-first, question order.
    lines.sort_by_key(|(distance, _)| std::cmp::Reverse(*distance));
    lines.into_iter().take(limit).map(|(_, l)| l).collect()
}

/// The room's votes for each of `items`, typed by the trainer (Enter for none). Esc starts the
/// question's votes again; no votes at all asks again; a tie is for the room to settle, and the
/// trainer chooses among the tied answers. Returns the room's answer and the votes.
pub fn tally(
    p: &mut dyn Prompter,
    content: &Content,
    question: &str,
    items: &[String],
) -> Result<(usize, Vec<u32>), Stop> {
    let lang = content.lang();
    loop {
        p.show(question);
        let Some(votes) = votes_for(p, content, items)? else {
            continue;
        };
        let most = votes.iter().copied().max().unwrap_or(0);
        if most == 0 {
            p.show(Msg::NoVotes.text(lang));
            continue;
        }
        let tied: Vec<usize> = (0..votes.len())
            .filter(|i| votes.get(*i) == Some(&most))
            .collect();
        let choice = match tied.as_slice() {
            [one] => *one,
            _ => {
                let names: Vec<String> =
                    tied.iter().filter_map(|i| items.get(*i).cloned()).collect();
                let picked = p.select(Msg::VotesTied.text(lang), &names, None)?;
                tied.get(picked).copied().unwrap_or(0)
            }
        };
        return Ok((choice, votes));
    }
}

/// One round of votes. Esc goes back to the answer before, with its votes as typed; at the
/// first, it returns `None` (the question starts again).
fn votes_for(
    p: &mut dyn Prompter,
    content: &Content,
    items: &[String],
) -> Result<Option<Vec<u32>>, Stop> {
    let lang = content.lang();
    let mut typed: Vec<String> = Vec::new();
    // The votes typed for an answer gone back to, offered again.
    let mut again = String::new();
    while let Some(item) = items.get(typed.len()) {
        let prompt = crate::say!(lang, VotesFor, option = item);
        let offered = std::mem::take(&mut again);
        match p.input(&prompt, &offered, &|text| {
            if text.trim().is_empty() || text.trim().parse::<u32>().is_ok() {
                Ok(())
            } else {
                Err(Msg::VotesWholeNumber.text(lang).to_string())
            }
        }) {
            Ok(text) => typed.push(text),
            Err(Stop::Back) => match typed.pop() {
                Some(before) => again = before,
                None => return Ok(None),
            },
            Err(stop) => return Err(stop),
        }
    }
    Ok(Some(
        typed
            .iter()
            .map(|t| t.trim().parse::<u32>().unwrap_or(0))
            .collect(),
    ))
}

/// A field that begins with `=`, `+`, `-` or `@` is a formula to a spreadsheet: it gets a
/// leading apostrophe, so that what a trainee typed ("- tell the DSP") reads as text.
pub fn csv_row(fields: &[&str]) -> String {
    let mut row = fields
        .iter()
        .map(|f| {
            if f.starts_with(['=', '+', '-', '@']) {
                crate::report::summary::csv_field(&format!("'{f}"))
            } else {
                crate::report::summary::csv_field(f)
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    row.push('\n');
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\n"
        );
        assert_eq!(
            csv_row(&["=1+1", "- tell the DSP", "ok"]),
            "'=1+1,'- tell the DSP,ok\n"
        );
    }
}
