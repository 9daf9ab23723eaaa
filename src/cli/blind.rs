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

/// Ask for each judgement: one of the field's values, or "not known: find out first".
pub fn judge(
    content: &Content,
    p: &mut dyn Prompter,
    record: &Record,
) -> Result<Vec<Judged>, Stop> {
    let lang = content.lang();
    let mut judged = Vec::new();
    for field in judgement_fields(content, record) {
        let choices = field.kind.choices();
        let mut items: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
        items.push(Msg::JudgeNotKnown.text(lang).to_string());
        let prompt = crate::say!(lang, JudgePrompt, label = field.label);
        let index = p.select(&prompt, &items, 0)?;
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
/// (everything else as it is), moves the level; judgement fields first. At most `limit` lines.
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
    let mut lines = Vec::new();
    for field in fields {
        let current = match record.answers.get(&field.key) {
            Some(Answer::Choice(v)) => Some(v.as_str()),
            _ => None,
        };
        for choice in field.kind.choices() {
            if Some(choice.id.as_str()) == current || lines.len() >= limit {
                continue;
            }
            let mut changed = record.clone();
            changed
                .answers
                .insert(field.key.clone(), Answer::Choice(choice.id.clone()));
            let moved = evaluate(content, &changed).level;
            if moved != level {
                lines.push(crate::say!(
                    lang,
                    WouldChangeLine,
                    label = field.label,
                    value = choice.label,
                    level = continuum.placement_label(moved)
                ));
            }
        }
    }
    lines
}

/// The room's votes for each of `items`, typed by the trainer; the most votes wins (the first
/// of a tie). Returns the winner and the votes.
pub fn tally(
    p: &mut dyn Prompter,
    content: &Content,
    question: &str,
    items: &[String],
) -> Result<(usize, Vec<u32>), Stop> {
    let lang = content.lang();
    p.show(question);
    let mut votes = Vec::new();
    for item in items {
        let prompt = crate::say!(lang, VotesFor, option = item);
        let typed = p.input(&prompt, "0", &|text| {
            text.trim()
                .parse::<u32>()
                .map(|_| ())
                .map_err(|_| Msg::VotesWholeNumber.text(lang).to_string())
        })?;
        votes.push(typed.trim().parse::<u32>().unwrap_or(0));
    }
    let best = votes
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| a.cmp(b).then(j.cmp(i)))
        .map_or(0, |(i, _)| i);
    Ok((best, votes))
}

/// One CSV field, quoted when it needs to be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A CSV row from its fields.
pub fn csv_row(fields: &[&str]) -> String {
    let mut row = fields
        .iter()
        .map(|f| csv_field(f))
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
    }
}
