//! A scripted [`Prompter`] and in-memory drafts, shared by the interview and training tests.
#![allow(dead_code)]

use hsb::error::Error;
use hsb::interview::{Drafts, Prompter, Stop};
use hsb::record::Record;
use std::collections::{BTreeSet, VecDeque};

#[derive(Debug, Clone)]
pub enum Reply {
    Text(String),
    Pick(usize),
    Picks(Vec<usize>),
    Interrupt,
}

/// Answers given in order, with a log of what was asked and what was refused.
#[derive(Default)]
pub struct Script {
    pub replies: VecDeque<Reply>,
    pub prompts: Vec<String>,
    pub shown: Vec<String>,
    pub refused: Vec<String>,
}

impl Script {
    pub fn next(&mut self, prompt: &str) -> Result<Reply, Stop> {
        self.prompts.push(prompt.to_string());
        match self.replies.pop_front() {
            Some(Reply::Interrupt) | None => Err(Stop::Interrupted),
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
        _: &str,
        validate: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
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

    fn select(&mut self, prompt: &str, items: &[String], _: usize) -> Result<usize, Stop> {
        match self.next(prompt)? {
            Reply::Pick(i) if i < items.len() => Ok(i),
            other => panic!("{prompt}: expected a pick among {items:?}, scripted {other:?}"),
        }
    }

    fn multi_select(&mut self, prompt: &str, _: &[String], _: &[bool]) -> Result<Vec<usize>, Stop> {
        match self.next(prompt)? {
            Reply::Picks(p) => Ok(p),
            other => panic!("{prompt}: expected picks, scripted {other:?}"),
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
