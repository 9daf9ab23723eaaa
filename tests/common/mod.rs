//! A scripted [`Prompter`] and in-memory drafts, shared by the interview and training tests.
#![allow(dead_code)]

pub mod board;

use hsb::cli::interview::{Drafts, Prompter, Stop};
use hsb::content::questions::{FieldKind, QuestionSet};
use hsb::content::{Content, ContentPaths};
use hsb::input::error::Error;
use hsb::record::Record;
use hsb::text::lang::Lang;
use hsb::text::messages::ALL;
use std::collections::{BTreeSet, VecDeque};

#[derive(Debug, Clone)]
pub enum Reply {
    Text(String),
    Pick(usize),
    Picks(Vec<usize>),
    /// Esc: back to the previous question.
    Back,
    Interrupt,
}

/// Answers given in order, with a log of what was asked and what was refused.
#[derive(Default)]
pub struct Script {
    pub replies: VecDeque<Reply>,
    pub prompts: Vec<String>,
    pub shown: Vec<String>,
    pub refused: Vec<String>,
    /// Every item offered in a list to choose from.
    pub items: Vec<String>,
    /// What each prompt offered before anything was typed or moved: the text already in an
    /// input, the highlighted item of a list, the ticks of a multiple choice.
    pub offered: Vec<String>,
}

impl Script {
    pub fn next(&mut self, prompt: &str) -> Result<Reply, Stop> {
        self.prompts.push(prompt.to_string());
        match self.replies.pop_front() {
            Some(Reply::Interrupt) | None => Err(Stop::Interrupted),
            Some(Reply::Back) => Err(Stop::Back),
            Some(reply) => Ok(reply),
        }
    }
}

impl Prompter for Script {
    fn show(&mut self, text: &str) {
        self.shown.push(text.to_string());
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
        self.offered.push(initial.to_string());
        loop {
            match self.next(prompt)? {
                Reply::Text(text) => match validate(&text) {
                    Ok(()) => return Ok(text),
                    Err(reason) => self.refused.push(reason),
                },
                other => panic!("{prompt}: expected text, scripted {other:?}"),
            }
        }
    }

    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: Option<usize>,
    ) -> Result<usize, Stop> {
        self.items.extend_from_slice(items);
        self.offered.push(
            default
                .and_then(|d| items.get(d))
                .cloned()
                .unwrap_or_default(),
        );
        match self.next(prompt)? {
            Reply::Pick(i) if i < items.len() => Ok(i),
            other => panic!("{prompt}: expected a pick among {items:?}, scripted {other:?}"),
        }
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
        validate: &dyn Fn(&[usize]) -> Result<(), String>,
    ) -> Result<Vec<usize>, Stop> {
        self.items.extend_from_slice(items);
        let mut chosen = chosen.to_vec();
        loop {
            let ticked: Vec<&str> = items
                .iter()
                .zip(&chosen)
                .filter(|(_, on)| **on)
                .map(|(item, _)| item.as_str())
                .collect();
            self.offered.push(ticked.join(","));
            let picked = match self.next(prompt)? {
                Reply::Picks(p) => p,
                other => panic!("{prompt}: expected picks, scripted {other:?}"),
            };
            match validate(&picked) {
                Ok(()) => return Ok(picked),
                Err(reason) => {
                    // Shown, as the terminal shows it; the ticks stay for another try.
                    self.shown.push(reason.clone());
                    self.refused.push(reason);
                    for (i, tick) in chosen.iter_mut().enumerate() {
                        *tick = picked.contains(&i);
                    }
                }
            }
        }
    }

    fn confirm(&mut self, prompt: &str, _: bool) -> Result<bool, Stop> {
        panic!(
            "the interview asks no yes/no question ({prompt}); scripted {:?}",
            self.replies.front()
        )
    }
}

#[derive(Default)]
pub struct Memory {
    pub saves: Vec<(Record, BTreeSet<String>)>,
}

impl Drafts for Memory {
    fn save(&mut self, record: &Record, answered: &BTreeSet<String>) -> Result<(), Error> {
        self.saves.push((record.clone(), answered.clone()));
        Ok(())
    }
}

/// The scripted reply that gives `value` for a field: a value id, comma-separated ids for lists,
/// `unknown`, or text.
pub fn reply(qs: &QuestionSet, key: &str, value: &str) -> Reply {
    let field = qs.field(key).expect("known field");
    let index = |id: &str| {
        if id == "unknown" {
            field.kind.choices().len()
        } else {
            field
                .kind
                .choices()
                .iter()
                .position(|c| c.id == id)
                .expect("known value")
        }
    };
    match &field.kind {
        FieldKind::Choice(_) => Reply::Pick(index(value)),
        FieldKind::List(_) => Reply::Picks(value.split(',').map(index).collect()),
        _ => Reply::Text(value.to_string()),
    }
}

/// The hsb binary with the language left to `--lang` (no language from the environment).
pub fn hsb(args: &[&str]) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("hsb").expect("the hsb binary");
    for name in ["HSB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command.args(args);
    command
}

/// The content in one language.
pub fn content(lang: Lang) -> Content {
    Content::load(&ContentPaths {
        lang,
        ..ContentPaths::default()
    })
    .expect("the built-in content loads")
}

/// Every text hsb could show, as (English, Welsh) pairs, from the content files and the
/// interface messages (for a message, the words between its placeholders).
pub fn text_pairs() -> Vec<(String, String)> {
    let (en, cy) = (content(Lang::En), content(Lang::Cy));
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut pair = |a: &str, b: &str| pairs.push((a.to_string(), b.to_string()));
    for (qe, qc) in en.questions.questions.iter().zip(&cy.questions.questions) {
        pair(&qe.text, &qc.text);
        pair(&qe.reason, &qc.reason);
        for (fe, fc) in qe.fields.iter().zip(&qc.fields) {
            pair(&fe.label, &fc.label);
            pair(&fe.prompt, &fc.prompt);
            pair(
                fe.help.as_deref().unwrap_or(""),
                fc.help.as_deref().unwrap_or(""),
            );
            for (ce, cc) in fe.kind.choices().iter().zip(fc.kind.choices()) {
                pair(&ce.label, &cc.label);
                pair(&ce.help, &cc.help);
            }
        }
    }
    let (ce, cc) = (&en.continuum, &cy.continuum);
    pair(&ce.notice, &cc.notice);
    pair(
        &ce.strategy_discussion.required,
        &cc.strategy_discussion.required,
    );
    pair(
        &ce.strategy_discussion.consider,
        &cc.strategy_discussion.consider,
    );
    pair(
        &ce.strategy_discussion.not_indicated,
        &cc.strategy_discussion.not_indicated,
    );
    for (le, lc) in ce.levels.iter().zip(&cc.levels) {
        pair(&le.summary, &lc.summary);
        for (fe, fc) in le.features.iter().zip(&lc.features) {
            pair(fe, fc);
        }
        let responses = |l: &hsb::content::continuum::Level| {
            l.responses
                .child
                .iter()
                .chain(&l.responses.harmed_child)
                .map(|r| r.text.clone())
                .collect::<Vec<_>>()
        };
        for (re, rc) in responses(le).iter().zip(responses(lc)) {
            pair(re, &rc);
        }
    }
    for (re, rc) in en.rules.rules.iter().zip(&cy.rules.rules) {
        pair(&re.reason, &rc.reason);
        pair(&re.source, &rc.source);
        for (xe, xc) in re.clarify.iter().zip(&rc.clarify) {
            pair(xe, xc);
        }
    }
    for msg in ALL {
        // The words between placeholders: what would show through untranslated.
        let (e, c) = (msg.text(Lang::En), msg.text(Lang::Cy));
        if e != c {
            for piece in e.split(['{', '}']).step_by(2) {
                pair(piece, "");
            }
            pair("", c);
        }
    }
    pairs
}

/// A text as words on one line, without table borders.
fn words(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| {
                    if "│┆╭╮╰╯─═╞╡╪┼├┤╌┬┴▶◀•".contains(c) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The English sentences (three words or more, not also Welsh) any run of three of whose words
/// appears on one line of `text`. Runs are used, not whole sentences, because tables wrap text.
pub fn english_in(text: &str) -> Vec<String> {
    let pairs = text_pairs();
    let welsh = words(
        &pairs
            .iter()
            .map(|(_, c)| c.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let text = words(text);
    pairs
        .into_iter()
        .filter(|(e, c)| e != c)
        .map(|(e, _)| e.trim().to_string())
        .filter(|e| {
            let w: Vec<&str> = e.split_whitespace().collect();
            w.windows(3).any(|run| {
                let run = run.join(" ");
                !welsh.contains(&run) && text.contains(&run)
            })
        })
        .collect()
}
