//! The interview: asking the Appendix 3 questions, driven by the question set, with a review of
//! every answer before the result.
//!
//! All terminal work goes through the small [`Prompter`] trait, so the flow (conditions, review
//! edits, resuming a draft) is tested with scripted answers; `terminal.rs` implements it with
//! dialoguer for real use.

use crate::engine::Facts;
use crate::error::Error;
use crate::lang::Lang;
use crate::messages::Msg;
use crate::questions::{Field, FieldKind, Question, QuestionSet, UNKNOWN};
use crate::record::{Answer, Record};
use crate::report::{TABLE_WIDTH, display_answer, wrap};
use std::collections::BTreeSet;

/// Why a prompt did not produce an answer.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C, or the terminal went away: the draft holds every answer so far.
    Interrupted,
    /// Something else failed (writing the draft, the terminal).
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(err: Error) -> Self {
        Stop::Failed(err)
    }
}

/// How the interview talks to the practitioner.
pub trait Prompter {
    /// Show information (question headings, why we ask, guidance).
    fn show(&mut self, text: &str);
    /// Free text; `validate` returns the reason an entry is refused, and the prompt is asked again.
    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop>;
    /// One of `items`.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, Stop>;
    /// Any of `items`.
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>, Stop>;
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Stop>;
}

/// Where drafts go after every answer.
pub trait Drafts {
    fn save(&mut self, record: &Record, answered: &BTreeSet<String>) -> Result<(), Error>;
}

/// An assessment in progress.
pub struct Interview<'a> {
    pub questions: &'a QuestionSet,
    pub record: Record,
    /// Fields answered, including those answered "not known yet".
    pub answered: BTreeSet<String>,
}

impl<'a> Interview<'a> {
    pub fn new(questions: &'a QuestionSet) -> Self {
        Interview {
            questions,
            record: Record::default(),
            answered: BTreeSet::new(),
        }
    }

    /// Carry on from a draft.
    pub fn resume(questions: &'a QuestionSet, record: Record, answered: BTreeSet<String>) -> Self {
        Interview {
            questions,
            record,
            answered,
        }
    }

    /// The first field that applies and has not been answered.
    pub fn first_unanswered(&self) -> Option<&'a Field> {
        let facts = Facts::new(self.questions, &self.record);
        self.questions
            .fields()
            .map(|(_, f)| f)
            .find(|f| facts.applies(&f.key) && !self.answered.contains(&f.key))
    }

    /// Ask for a case reference (never a name), unless the draft has one.
    pub fn ask_case_ref(
        &mut self,
        p: &mut dyn Prompter,
        drafts: &mut dyn Drafts,
    ) -> Result<(), Stop> {
        if self.record.case_ref.is_some() {
            return Ok(());
        }
        let lang = self.lang();
        p.show(&wrap(Msg::CaseRefIntro.text(lang), TABLE_WIDTH as usize));
        let reference = p.input(Msg::CaseRefPrompt.text(lang), "", &|text| {
            if text.trim().is_empty() {
                Err(Msg::CaseRefRequired.text(lang).to_string())
            } else {
                Ok(())
            }
        })?;
        self.record.case_ref = Some(reference.trim().to_string());
        drafts.save(&self.record, &self.answered)?;
        Ok(())
    }

    /// Ask every field that applies and is not yet answered, question by question.
    pub fn ask_remaining(
        &mut self,
        p: &mut dyn Prompter,
        drafts: &mut dyn Drafts,
    ) -> Result<(), Stop> {
        let total = self.questions.questions.len();
        for question in &self.questions.questions {
            if !self.has_unanswered(question) {
                continue;
            }
            self.show_heading(p, question, total);
            while let Some(field) = self.next_unanswered_in(question) {
                self.ask_field(p, field)?;
                drafts.save(&self.record, &self.answered)?;
            }
        }
        Ok(())
    }

    /// Ask one question again, every field that applies, with the current answers offered.
    pub fn ask_question(
        &mut self,
        p: &mut dyn Prompter,
        drafts: &mut dyn Drafts,
        question: &'a Question,
    ) -> Result<(), Stop> {
        self.show_heading(p, question, self.questions.questions.len());
        let mut asked = BTreeSet::new();
        loop {
            let facts = Facts::new(self.questions, &self.record);
            let next = question
                .fields
                .iter()
                .find(|f| facts.applies(&f.key) && !asked.contains(&f.key));
            let Some(field) = next else { break };
            asked.insert(field.key.clone());
            self.ask_field(p, field)?;
            drafts.save(&self.record, &self.answered)?;
        }
        Ok(())
    }

    /// Show every answer and let the practitioner change any question before confirming.
    pub fn review(&mut self, p: &mut dyn Prompter, drafts: &mut dyn Drafts) -> Result<(), Stop> {
        loop {
            // Anything that now applies but was never asked (after an edit) is asked first.
            if self.first_unanswered().is_some() {
                self.ask_remaining(p, drafts)?;
            }
            let lang = self.lang();
            p.show(&self.review_table());
            let mut items = vec![Msg::ConfirmAnswers.text(lang).to_string()];
            items.extend(self.questions.questions.iter().map(|q| {
                truncate(
                    &Msg::ChangeQuestion.fill(lang, &[("number", &q.number), ("text", &q.text)]),
                    TABLE_WIDTH as usize - 4,
                )
            }));
            let choice = p.select(Msg::ReviewPrompt.text(lang), &items, 0)?;
            match choice
                .checked_sub(1)
                .and_then(|i| self.questions.questions.get(i))
            {
                None => return Ok(()),
                Some(question) => self.ask_question(p, drafts, question)?,
            }
        }
    }

    /// Every answer by question, as a table that fits 80 columns.
    pub fn review_table(&self) -> String {
        let lang = self.lang();
        let facts = Facts::new(self.questions, &self.record);
        let mut rows = Vec::new();
        for question in &self.questions.questions {
            for field in question.fields.iter().filter(|f| facts.applies(&f.key)) {
                let answer = if self.answered.contains(&field.key) {
                    display_answer(
                        self.questions,
                        &field.key,
                        self.record.answers.get(&field.key),
                    )
                } else {
                    Msg::NotAskedYet.text(lang).to_string()
                };
                rows.push(vec![
                    question.number.to_string(),
                    field.label.clone(),
                    answer.replace('\n', " "),
                ]);
            }
        }
        let mut out = format!("{}\n", Msg::YourAnswers.text(lang));
        out.push_str(&crate::report::grid(
            &[2, 22, 46],
            Some(&[
                Msg::ColumnQuestion.text(lang),
                Msg::ColumnField.text(lang),
                Msg::ColumnAnswer.text(lang),
            ]),
            rows,
            true,
        ));
        out
    }

    /// The language the interview is conducted in: that of its questions.
    pub fn lang(&self) -> Lang {
        self.questions.lang
    }

    fn has_unanswered(&self, question: &Question) -> bool {
        self.next_unanswered_in(question).is_some()
    }

    fn next_unanswered_in(&self, question: &'a Question) -> Option<&'a Field> {
        let facts = Facts::new(self.questions, &self.record);
        question
            .fields
            .iter()
            .find(|f| facts.applies(&f.key) && !self.answered.contains(&f.key))
    }

    fn show_heading(&self, p: &mut dyn Prompter, question: &Question, total: usize) {
        let width = TABLE_WIDTH as usize;
        let lang = self.lang();
        p.show(&format!(
            "\n{}\n{}\n{}",
            "─".repeat(width),
            wrap(
                &Msg::QuestionOf.fill(
                    lang,
                    &[
                        ("number", &question.number),
                        ("total", &total),
                        ("text", &question.text)
                    ]
                ),
                width
            ),
            wrap(
                &Msg::WhyWeAsk.fill(lang, &[("reason", &question.reason.trim())]),
                width
            )
        ));
    }

    /// Ask one field and record the answer.
    fn ask_field(&mut self, p: &mut dyn Prompter, field: &Field) -> Result<(), Stop> {
        let width = TABLE_WIDTH as usize;
        let lang = self.lang();
        let not_known = Msg::NotKnownYet.text(lang);
        // The full prompt and its help are shown wrapped; the prompt line itself carries a short
        // name, so that it fits the terminal and reads well in the scrollback ("✔ Age · 12").
        p.show(&format!("\n{}", wrap(&field.prompt, width)));
        if let Some(help) = &field.help {
            p.show(&wrap(&format!("({})", help.trim()), width));
        }
        let label = field.label.clone();
        let current = self.record.answers.get(&field.key).cloned();
        let answer = match &field.kind {
            FieldKind::Text => self.ask_text(p, field, &label, current)?,
            FieldKind::Number { min, max } => {
                ask_number(p, field, &label, (*min, *max), current, lang)?
            }
            FieldKind::Choice(choices) => {
                p.show(&guidance(choices));
                let mut items: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
                items.push(not_known.to_string());
                // A new question starts on "Not known yet": pressing Enter never gives an answer
                // nobody chose.
                let default = match &current {
                    Some(Answer::Choice(v)) => choices
                        .iter()
                        .position(|c| &c.id == v)
                        .unwrap_or(choices.len()),
                    _ => choices.len(),
                };
                let index = p.select(&label, &items, default)?;
                choices.get(index).map(|c| Answer::Choice(c.id.clone()))
            }
            FieldKind::List(choices) => {
                p.show(&guidance(choices));
                let mut items: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
                items.push(not_known.to_string());
                let mut chosen: Vec<bool> = choices
                    .iter()
                    .map(|c| matches!(&current, Some(Answer::List(vs)) if vs.contains(&c.id)))
                    .collect();
                chosen.push(current.is_none() && self.answered.contains(&field.key));
                loop {
                    let picked = p.multi_select(
                        &Msg::ChooseMany.fill(lang, &[("label", &label)]),
                        &items,
                        &chosen,
                    )?;
                    let not_known = picked.contains(&choices.len());
                    if picked.is_empty() {
                        p.show(&Msg::ChooseAtLeastOne.fill(lang, &[("not_known", &not_known)]));
                        continue;
                    }
                    if not_known && picked.len() > 1 {
                        p.show(&Msg::NotKnownAlone.fill(lang, &[("not_known", &not_known)]));
                        continue;
                    }
                    break if not_known {
                        None
                    } else {
                        Some(Answer::List(
                            picked
                                .iter()
                                .filter_map(|i| choices.get(*i).map(|c| c.id.clone()))
                                .collect(),
                        ))
                    };
                }
            }
        };
        match answer {
            Some(answer) => {
                self.record.answers.insert(field.key.clone(), answer);
            }
            None => {
                self.record.answers.remove(&field.key);
            }
        }
        self.answered.insert(field.key.clone());
        self.forget_what_no_longer_applies();
        Ok(())
    }

    fn ask_text(
        &self,
        p: &mut dyn Prompter,
        field: &Field,
        label: &str,
        current: Option<Answer>,
    ) -> Result<Option<Answer>, Stop> {
        let initial = match current {
            Some(Answer::Text(t)) => t,
            _ => String::new(),
        };
        let required = field.required;
        let lang = self.lang();
        let label = if required {
            label.to_string()
        } else {
            Msg::Optional.fill(lang, &[("label", &label)])
        };
        let text = p.input(&label, &initial, &move |text| {
            if required && text.trim().is_empty() {
                Err(Msg::TextRequired.text(lang).to_string())
            } else {
                Ok(())
            }
        })?;
        let text = text.trim().to_string();
        Ok((!text.is_empty()).then_some(Answer::Text(text)))
    }

    /// When an answer means other fields no longer apply (nobody else involved, say), their
    /// answers are dropped, so that a later change back asks them afresh.
    fn forget_what_no_longer_applies(&mut self) {
        for key in self.record.drop_inapplicable(self.questions) {
            self.answered.remove(&key);
        }
    }
}

fn ask_number(
    p: &mut dyn Prompter,
    field: &Field,
    label: &str,
    (min, max): (i64, i64),
    current: Option<Answer>,
    lang: Lang,
) -> Result<Option<Answer>, Stop> {
    let initial = match current {
        Some(Answer::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let required = field.required;
    let hint = if required {
        Msg::NumberRange
    } else {
        Msg::NumberRangeOptional
    }
    .fill(lang, &[("label", &label), ("min", &min), ("max", &max)]);
    let validate = move |text: &str| parse_number(text, (min, max), required, lang).map(|_| ());
    let text = p.input(&hint, &initial, &validate)?;
    Ok(parse_number(&text, (min, max), required, lang)
        .ok()
        .flatten()
        .map(Answer::Number))
}

/// A whole number in range; empty or "unknown" (in either language) means not known, where
/// that is allowed. The error says, in `lang`, what to enter instead.
pub fn parse_number(
    text: &str,
    (min, max): (i64, i64),
    required: bool,
    lang: Lang,
) -> Result<Option<i64>, String> {
    let text = text.trim();
    let range: [(&str, &dyn std::fmt::Display); 2] = [("min", &min), ("max", &max)];
    let unknown = text.eq_ignore_ascii_case(UNKNOWN)
        || Lang::ALL
            .iter()
            .any(|l| text.eq_ignore_ascii_case(Msg::UnknownWord.text(*l)));
    if text.is_empty() || unknown {
        return if required {
            Err(Msg::NumberRequired.fill(lang, &range))
        } else {
            Ok(None)
        };
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        Ok(n) => Err(Msg::NumberOutOfRange.fill(lang, &[("n", &n), range[0], range[1]])),
        Err(_) => Err(Msg::NotANumber.fill(lang, &[("text", &text), range[0], range[1]])),
    }
}

/// One line of help per value, for reading before choosing.
fn guidance(choices: &[crate::questions::Choice]) -> String {
    let width = TABLE_WIDTH as usize;
    choices
        .iter()
        .filter(|c| !c.help.trim().is_empty())
        .map(|c| wrap(&format!("  • {}: {}", c.label, c.help.trim()), width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Shorten a line to `width` characters, marking the cut with an ellipsis.
fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}
