//! Consistent data across saved records, without identifying anyone: each record is reduced to
//! coded fields (ids, an age band, a month), counted, and shown with small counts hidden.
//!
//! Nothing a person typed (case reference, description, notes, reasons) is ever read into a
//! [`Coded`] row, so no output can carry it.

pub mod disclosure;
mod render;

use crate::content::Content;
use crate::content::case_record::When;
use crate::engine::{Decision, decide};
use crate::input::error::{Error, exit};
use crate::input::files;
use crate::{content::answer::Answer, record::Record};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use render::{Format, render};

/// Not recorded in the record (no assessment or judgement keys).
pub const NOT_RECORDED: &str = "not_recorded";
/// Nobody else was involved.
pub const NOBODY_ELSE: &str = "nobody_else";

/// The breakdowns `hsb summary --by` can choose, in the order they are shown.
pub const DIMENSIONS: [&str; 10] = [
    "level",
    "practitioner_level",
    "strategy_discussion",
    "age_band",
    "setting",
    "behaviour",
    "relationship",
    "images_online",
    "agency",
    "month",
];

/// One record's coded fields: the only things a summary or an export ever reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coded {
    /// `YYYY-MM` of the assessment, or `not_recorded`.
    pub month: String,
    pub role: String,
    pub agency: String,
    /// `0-4`, `5-9`, `10-13` or `14-17`.
    pub age_band: String,
    pub setting: String,
    pub behaviours: Vec<String>,
    /// The other person's relationship, `nobody_else`, or `unknown`.
    pub relationship: String,
    pub images: bool,
    pub online: bool,
    /// hsb's placement: a level id, or `none` (not yet placed).
    pub hsb_level: String,
    pub hsb_strategy_discussion: String,
    pub provisional: bool,
    pub other_child_role: String,
    pub rules_fired: Vec<String>,
    /// `yes`, `no` or `not_recorded`.
    pub practitioner_agrees: String,
    pub practitioner_level: String,
    pub practitioner_strategy_discussion: String,
    /// Action ids, in the order recorded.
    pub actions: Vec<String>,
    pub rule_set_version: String,
}

fn choice(record: &Record, key: &str) -> String {
    match record.answers.get(key) {
        Some(Answer::Choice(v)) => v.clone(),
        _ => crate::content::answer::UNKNOWN.to_string(),
    }
}

fn list(record: &Record, key: &str) -> Vec<String> {
    match record.answers.get(key) {
        Some(Answer::List(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// The age band of an age in years.
pub fn age_band(age: i64) -> &'static str {
    match age {
        i64::MIN..=4 => "0-4",
        5..=9 => "5-9",
        10..=13 => "10-13",
        _ => "14-17",
    }
}

impl Coded {
    pub fn new(content: &Content, record: &Record, decision: &Decision<'_>) -> Coded {
        let assessment = record.assessment.clone().unwrap_or_default();
        let month = assessment
            .at
            .as_deref()
            .and_then(|at| When::parse(at).ok())
            .map_or_else(
                || NOT_RECORDED.to_string(),
                |w| {
                    w.offset
                        .to_datetime(w.timestamp)
                        .strftime("%Y-%m")
                        .to_string()
                },
            );
        let age_band = match record.answers.get("developmental.age") {
            Some(Answer::Number(n)) => age_band(*n).to_string(),
            _ => crate::content::answer::UNKNOWN.to_string(),
        };
        let behaviours = list(record, "what_happened.behaviours");
        let activities = list(record, "context.activities");
        let setting = choice(record, "context.setting");
        let relationship = if decision.other_child == Some(false) {
            NOBODY_ELSE.to_string()
        } else {
            choice(record, "others.relationship")
        };
        let images = behaviours.iter().any(|b| b == "images");
        let online = setting == "online"
            || behaviours.iter().any(|b| b == "online_sexual_contact")
            || activities.iter().any(|a| a == "online_activity");
        let (agrees, level, status) = match &record.judgement {
            Some(j) => (
                if j.agrees { "yes" } else { "no" }.to_string(),
                j.level.clone(),
                j.strategy_discussion.clone(),
            ),
            None => (
                NOT_RECORDED.to_string(),
                NOT_RECORDED.to_string(),
                NOT_RECORDED.to_string(),
            ),
        };
        Coded {
            month,
            role: assessment.role.unwrap_or_else(|| NOT_RECORDED.to_string()),
            agency: assessment
                .agency
                .unwrap_or_else(|| NOT_RECORDED.to_string()),
            age_band,
            setting,
            behaviours: if behaviours.is_empty() {
                vec![crate::content::answer::UNKNOWN.to_string()]
            } else {
                behaviours
            },
            relationship,
            images,
            online,
            hsb_level: content.continuum.placement_id(decision.level).to_string(),
            hsb_strategy_discussion: decision.status.id().to_string(),
            provisional: decision.provisional,
            other_child_role: decision.other_role.id().to_string(),
            rules_fired: decision.fired().map(|(rule, _)| rule.id.clone()).collect(),
            practitioner_agrees: agrees,
            practitioner_level: level,
            practitioner_strategy_discussion: status,
            actions: record.actions.iter().map(|a| a.action.clone()).collect(),
            rule_set_version: content.rule_set.version.clone(),
        }
    }

    /// The values this record counts under for a breakdown (several for behaviours).
    pub fn values(&self, dimension: &str) -> Vec<String> {
        let one = |v: &str| vec![v.to_string()];
        match dimension {
            "level" => one(&self.hsb_level),
            "practitioner_level" => one(&self.practitioner_level),
            "strategy_discussion" => one(&self.hsb_strategy_discussion),
            "age_band" => one(&self.age_band),
            "setting" => one(&self.setting),
            "behaviour" => self.behaviours.clone(),
            "relationship" => one(&self.relationship),
            "images_online" => one(match (self.images, self.online) {
                (true, true) => "images_and_online",
                (true, false) => "images",
                (false, true) => "online",
                (false, false) => "neither",
            }),
            "agency" => one(&self.agency),
            "month" => one(&self.month),
            _ => Vec::new(),
        }
    }

    /// Whether the practitioner's placement or strategy discussion differs from hsb's.
    pub fn differs(&self) -> Option<bool> {
        (self.practitioner_agrees != NOT_RECORDED).then(|| {
            self.practitioner_level != self.hsb_level
                || self.practitioner_strategy_discussion != self.hsb_strategy_discussion
        })
    }
}

/// Counts over many records; memory depends on the number of distinct values, never on the
/// number of records.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub records: u64,
    pub unreadable: u64,
    /// Breakdown -> value id -> records.
    pub by: BTreeMap<String, BTreeMap<String, u64>>,
    /// (hsb's level, the practitioner's level) -> records with a judgement.
    pub levels: BTreeMap<(String, String), u64>,
    pub judged: u64,
    pub level_agrees: u64,
    pub strategy_agrees: u64,
    /// Rule id -> (records it fired in, of which the practitioner's placement differed).
    pub rules: BTreeMap<String, (u64, u64)>,
}

impl Tally {
    pub fn add(&mut self, coded: &Coded) {
        self.records += 1;
        for dimension in DIMENSIONS {
            let counts = self.by.entry(dimension.to_string()).or_default();
            for value in coded.values(dimension) {
                *counts.entry(value).or_default() += 1;
            }
        }
        let differs_level = if coded.practitioner_agrees == NOT_RECORDED {
            None
        } else {
            self.judged += 1;
            *self
                .levels
                .entry((coded.hsb_level.clone(), coded.practitioner_level.clone()))
                .or_default() += 1;
            self.level_agrees += u64::from(coded.practitioner_level == coded.hsb_level);
            self.strategy_agrees +=
                u64::from(coded.practitioner_strategy_discussion == coded.hsb_strategy_discussion);
            Some(coded.practitioner_level != coded.hsb_level)
        };
        for rule in &coded.rules_fired {
            let entry = self.rules.entry(rule.clone()).or_default();
            entry.0 += 1;
            entry.1 += u64::from(differs_level == Some(true));
        }
    }
}

/// Read every record among `inputs`, on every core, handing each coded row to `sink` in file
/// order; a record that cannot be read is reported on standard error and counted.
pub fn each_record(
    content: &Content,
    inputs: &[PathBuf],
    mut sink: impl FnMut(&Coded) -> std::io::Result<()>,
) -> Result<u64, Error> {
    let paths = files::expand(inputs)?;
    let lang = content.lang();
    let mut unreadable = 0;
    crate::input::batch::for_each_ordered(
        &paths,
        |path| {
            crate::record::Record::load_file(path, content)
                .map(|record| Coded::new(content, &record, &decide(content, &record)))
        },
        |_, result| match result {
            Ok(coded) => sink(&coded),
            Err(err) => {
                unreadable += 1;
                eprintln!("{}", err.render(lang));
                Ok(())
            }
        },
    )?;
    Ok(unreadable)
}

/// `hsb summary`: the exit code is 2 when any record could not be read (the rest are counted).
pub fn summary(
    content: &Content,
    inputs: &[PathBuf],
    format: Format,
    dimensions: &[String],
    min: u64,
    out: &mut impl std::io::Write,
) -> Result<i32, Error> {
    let mut tally = Tally::default();
    tally.unreadable = each_record(content, inputs, |coded| {
        tally.add(coded);
        Ok(())
    })?;
    write!(out, "{}", render(content, &tally, format, dimensions, min))?;
    Ok(not_all_read(content, tally.unreadable, tally.records))
}

/// Exit 2, with a line saying so, when some records could not be read.
pub fn not_all_read(content: &Content, unreadable: u64, read: u64) -> i32 {
    if unreadable == 0 {
        return exit::OK;
    }
    eprintln!(
        "{}",
        crate::say!(
            content.lang(),
            RecordsNotCounted,
            failed = unreadable,
            total = (unreadable + read)
        )
    );
    exit::ERROR
}

/// The export's columns, in order: the data dictionary in the README describes each.
pub const COLUMNS: [&str; 20] = [
    "record",
    "month",
    "role",
    "agency",
    "age_band",
    "setting",
    "behaviours",
    "relationship",
    "images",
    "online",
    "hsb_level",
    "hsb_strategy_discussion",
    "provisional",
    "other_child_role",
    "rules_fired",
    "practitioner_agrees",
    "practitioner_level",
    "practitioner_strategy_discussion",
    "actions",
    "rule_set_version",
];

/// `hsb export`: one row per record, coded fields only, streamed as each record is read.
pub fn export(
    content: &Content,
    inputs: &[PathBuf],
    json: bool,
    out: &mut impl std::io::Write,
) -> Result<i32, Error> {
    let mut n: u64 = 0;
    if json {
        write!(out, "[")?;
    } else {
        writeln!(out, "{}", COLUMNS.join(","))?;
    }
    let unreadable = each_record(content, inputs, |coded| {
        n += 1;
        if json {
            let mut row = serde_json::to_value(coded).unwrap_or_default();
            if let Some(map) = row.as_object_mut() {
                map.insert("record".to_string(), n.into());
            }
            let comma = if n > 1 { "," } else { "" };
            write!(out, "{comma}\n{row}")
        } else {
            writeln!(out, "{}", csv_row(n, coded))
        }
    })?;
    if json {
        writeln!(out, "\n]")?;
    }
    Ok(not_all_read(content, unreadable, n))
}

fn csv_row(n: u64, c: &Coded) -> String {
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    [
        n.to_string(),
        c.month.clone(),
        c.role.clone(),
        c.agency.clone(),
        c.age_band.clone(),
        c.setting.clone(),
        c.behaviours.join(";"),
        c.relationship.clone(),
        yes(c.images),
        yes(c.online),
        c.hsb_level.clone(),
        c.hsb_strategy_discussion.clone(),
        yes(c.provisional),
        c.other_child_role.clone(),
        c.rules_fired.join(";"),
        c.practitioner_agrees.clone(),
        c.practitioner_level.clone(),
        c.practitioner_strategy_discussion.clone(),
        c.actions.join(";"),
        c.rule_set_version.clone(),
    ]
    .iter()
    .map(|v| csv_field(v))
    .collect::<Vec<_>>()
    .join(",")
}

/// A CSV field, quoted when it holds a comma, quote or line break (ids never do, but a rule
/// set's version is free text).
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}
