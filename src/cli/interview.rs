//! The interview: asking the Appendix 3 questions, driven by the question set, with a review of
//! every answer before the result.
//!
//! All terminal work goes through the small [`Prompter`] trait, so the flow (conditions, review
//! edits, resuming a draft) is tested with scripted answers; `terminal.rs` implements it with
//! dialoguer for real use.

use crate::content::{
    answer::UNKNOWN, questions::Field, questions::FieldKind, questions::Question,
    questions::QuestionSet,
};
use crate::input::error::Error;
use crate::record::facts::Facts;
use crate::report::display_answer;
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use crate::text::screen;
use crate::{content::answer::Answer, record::Record};
use std::collections::BTreeSet;

/// Why a prompt did not produce an answer.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C, or the terminal went away: the draft holds every answer so far.
    Interrupted,
    /// Esc: the practitioner wants the previous question (or the menu they came from).
    Back,
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
    /// One of `items`, starting on `default`; with none, nothing is chosen until the user
    /// moves to an answer (so that Enter alone cannot give one).
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: Option<usize>,
    ) -> Result<usize, Stop>;
    /// Any of `items`, as `validate` allows: a refusal is shown with its reason, and the ticks
    /// are kept for another try.
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
        validate: &dyn Fn(&[usize]) -> Result<(), String>,
    ) -> Result<Vec<usize>, Stop>;
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Stop>;
    /// Long text to read a screen at a time (the full result, a scenario again).
    fn page(&mut self, text: &str) {
        self.show(text);
    }
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
        p.show(&screen::fit(Msg::CaseRefIntro.text(lang)));
        let reference = loop {
            match self.enter_case_ref(p, "") {
                // Nothing comes before the reference.
                Err(Stop::Back) => continue,
                other => break other?,
            }
        };
        self.record.case_ref = Some(reference);
        drafts.save(&self.record, &self.answered)?;
        Ok(())
    }

    /// The case reference as typed, trimmed; never empty.
    fn enter_case_ref(&self, p: &mut dyn Prompter, current: &str) -> Result<String, Stop> {
        let lang = self.lang();
        let reference = p.input(Msg::CaseRefPrompt.text(lang), current, &|text| {
            if text.trim().is_empty() {
                Err(Msg::CaseRefRequired.text(lang).to_string())
            } else {
                Ok(())
            }
        })?;
        Ok(reference.trim().to_string())
    }

    /// Ask every field that applies and is not yet answered, question by question. Esc goes
    /// back to the field before, with its answer offered; going forward again offers each
    /// answer given on the way.
    pub fn ask_remaining(
        &mut self,
        p: &mut dyn Prompter,
        drafts: &mut dyn Drafts,
    ) -> Result<(), Stop> {
        let questions = self.questions;
        let fields: Vec<(&'a Question, &'a Field)> = questions
            .questions
            .iter()
            .flat_map(|q| q.fields.iter().map(move |f| (q, f)))
            .collect();
        let total = questions.questions.len();
        // Fields before `frontier` are asked again on the way forward, after a step back.
        let mut frontier = 0;
        let mut at = 0;
        let mut heading: Option<&str> = None;
        while let Some((question, field)) = fields.get(at).copied() {
            let facts = Facts::new(questions, &self.record);
            if !facts.applies(&field.key) || (at >= frontier && self.answered.contains(&field.key))
            {
                at += 1;
                continue;
            }
            if heading != Some(question.id.as_str()) {
                self.show_heading(p, question, total);
                heading = Some(question.id.as_str());
            }
            match self.ask_field(p, field) {
                Ok(()) => {
                    drafts.save(&self.record, &self.answered)?;
                    at += 1;
                }
                Err(Stop::Back) => {
                    frontier = frontier.max(at);
                    let facts = Facts::new(questions, &self.record);
                    let before = fields
                        .get(..at)
                        .unwrap_or_default()
                        .iter()
                        .rposition(|(_, f)| {
                            facts.applies(&f.key) && self.answered.contains(&f.key)
                        });
                    match before {
                        Some(previous) => at = previous,
                        None => p.show(Msg::FirstQuestion.text(self.lang())),
                    }
                }
                Err(stop) => return Err(stop),
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
            match self.ask_field(p, field) {
                Ok(()) => drafts.save(&self.record, &self.answered)?,
                // Back to the review, keeping what was changed so far.
                Err(Stop::Back) => return Ok(()),
                Err(stop) => return Err(stop),
            }
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
            let case = self.record.case_ref.clone().unwrap_or_default();
            let width = screen::columns().saturating_sub(6);
            let mut items = vec![
                Msg::ConfirmAnswers.text(lang).to_string(),
                crate::say!(lang, ChangeCaseRef, case = case),
            ];
            items.extend(self.questions.questions.iter().map(|q| {
                screen::truncate(
                    &crate::say!(lang, ChangeQuestion, number = q.number, text = q.text),
                    width,
                )
            }));
            let choice = match p.select(Msg::ReviewPrompt.text(lang), &items, Some(0)) {
                // Esc at the review: nothing before it to go back to, so ask again.
                Err(Stop::Back) => continue,
                other => other?,
            };
            match choice {
                0 => return Ok(()),
                1 => self.change_case_ref(p, drafts)?,
                n => {
                    if let Some(question) = self.questions.questions.get(n - 2) {
                        self.ask_question(p, drafts, question)?;
                    }
                }
            }
        }
    }

    /// Change the case reference (never a name), from the review.
    fn change_case_ref(
        &mut self,
        p: &mut dyn Prompter,
        drafts: &mut dyn Drafts,
    ) -> Result<(), Stop> {
        let current = self.record.case_ref.clone().unwrap_or_default();
        match self.enter_case_ref(p, &current) {
            Ok(reference) => {
                self.record.case_ref = Some(reference);
                drafts.save(&self.record, &self.answered)?;
                Ok(())
            }
            Err(Stop::Back) => Ok(()),
            Err(stop) => Err(stop),
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

    fn show_heading(&self, p: &mut dyn Prompter, question: &Question, total: usize) {
        let width = screen::width();
        let lang = self.lang();
        p.show(&format!(
            "\n{}\n{}\n{}\n{}",
            screen::rule('─'),
            screen::wrap(
                &crate::say!(
                    lang,
                    QuestionOf,
                    number = question.number,
                    total = total,
                    text = question.text
                ),
                width
            ),
            screen::wrap(
                &crate::say!(lang, WhyWeAsk, reason = question.reason.trim()),
                width
            ),
            screen::wrap(Msg::BackHint.text(lang), width)
        ));
    }

    /// Ask one field and record the answer.
    fn ask_field(&mut self, p: &mut dyn Prompter, field: &Field) -> Result<(), Stop> {
        let lang = self.lang();
        // The full prompt and its help are shown wrapped; the prompt line itself carries a short
        // name, so that it fits the terminal and reads well in the scrollback ("✔ Age · 12").
        let mut question = format!("\n{}", screen::fit(&field.prompt));
        if let Some(help) = &field.help {
            question.push('\n');
            question.push_str(&screen::fit(&format!("({})", help.trim())));
        }
        let choices = field.kind.choices();
        let guidance = guidance(choices);
        // One line of help per choice, read before choosing. When the question, the help and
        // the list do not fit the screen together, the help comes first, so that the question
        // stays in view right above its list; the help is never cut short.
        let width = screen::width();
        let together =
            screen::lines(&question, width) + screen::lines(&guidance, width) + choices.len() + 4;
        if together > screen::height() && !guidance.is_empty() {
            p.show(&format!("\n{guidance}"));
            p.show(&question);
        } else {
            p.show(&question);
            if !guidance.is_empty() {
                p.show(&guidance);
            }
        }
        let label = field.label.clone();
        let current = self.record.answers.get(&field.key).cloned();
        let mut items: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
        items.push(Msg::NotKnownYet.text(lang).to_string());
        let answer = match &field.kind {
            FieldKind::Text => self.ask_text(p, field, &label, current)?,
            FieldKind::Number { min, max } => {
                ask_number(p, field, &label, (*min, *max), current, lang)?
            }
            FieldKind::Choice(choices) => {
                // A new question starts on "Not known yet": pressing Enter never gives an answer
                // nobody chose.
                let default = match &current {
                    Some(Answer::Choice(v)) => choices
                        .iter()
                        .position(|c| &c.id == v)
                        .unwrap_or(choices.len()),
                    _ => choices.len(),
                };
                let index = p.select(&label, &items, Some(default))?;
                choices.get(index).map(|c| Answer::Choice(c.id.clone()))
            }
            FieldKind::List(choices) => {
                let mut chosen: Vec<bool> = choices
                    .iter()
                    .map(|c| matches!(&current, Some(Answer::List(vs)) if vs.contains(&c.id)))
                    .collect();
                chosen.push(current.is_none() && self.answered.contains(&field.key));
                self.ask_list(p, &label, choices, &items, &chosen)?
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

    /// Tick any of the choices, or "Not known yet" alone. A refusal says why in words the
    /// practitioner sees on screen, and keeps what was ticked.
    fn ask_list(
        &self,
        p: &mut dyn Prompter,
        label: &str,
        choices: &[crate::content::questions::Choice],
        items: &[String],
        chosen: &[bool],
    ) -> Result<Option<Answer>, Stop> {
        let lang = self.lang();
        let not_known_label = Msg::NotKnownYet.text(lang);
        let not_known = choices.len();
        let picked = p.multi_select(
            &crate::say!(lang, ChooseMany, label = label),
            items,
            chosen,
            &|picked: &[usize]| {
                if picked.is_empty() {
                    Err(crate::say!(
                        lang,
                        ChooseAtLeastOne,
                        not_known = not_known_label
                    ))
                } else if picked.contains(&not_known) && picked.len() > 1 {
                    Err(crate::say!(
                        lang,
                        NotKnownAlone,
                        not_known = not_known_label
                    ))
                } else {
                    Ok(())
                }
            },
        )?;
        Ok(if picked.contains(&not_known) {
            None
        } else {
            Some(Answer::List(
                picked
                    .iter()
                    .filter_map(|i| choices.get(*i).map(|c| c.id.clone()))
                    .collect(),
            ))
        })
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
            crate::say!(lang, Optional, label = label)
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
        crate::say!(lang, NumberRange, label = label, min = min, max = max)
    } else {
        crate::say!(
            lang,
            NumberRangeOptional,
            label = label,
            min = min,
            max = max
        )
    };
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
    let unknown = text.eq_ignore_ascii_case(UNKNOWN)
        || Lang::ALL
            .iter()
            .any(|l| text.eq_ignore_ascii_case(Msg::UnknownWord.text(*l)));
    if text.is_empty() || unknown {
        return if required {
            Err(crate::say!(lang, NumberRequired, min = min, max = max))
        } else {
            Ok(None)
        };
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        Ok(n) => Err(crate::say!(
            lang,
            NumberOutOfRange,
            n = n,
            min = min,
            max = max
        )),
        Err(_) => Err(crate::say!(
            lang,
            NotANumber,
            text = text,
            min = min,
            max = max
        )),
    }
}

/// One line of help per value, for reading before choosing.
fn guidance(choices: &[crate::content::questions::Choice]) -> String {
    let width = screen::width();
    choices
        .iter()
        .filter(|c| !c.help.trim().is_empty())
        .map(|c| {
            let line = format!("  {} {}: {}", screen::bullet(), c.label, c.help.trim());
            screen::wrap(&line, width)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
