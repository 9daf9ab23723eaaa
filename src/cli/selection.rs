//! Choosing scenarios for a session or a handout: by tag, age and level, in the session's
//! language, and a balanced plan across the levels.
//!
//! A scenario's tags are its own (`tags:`, from `interface/tags.yaml`) and three worked out from
//! its answers and the rules: `setting:…`, `relationship:…` and `level:…` (hsb's placement, or
//! `level:none` when not yet placed).

use crate::cli::training::Scenario;
use crate::content::Content;
use crate::content::answer::Answer;
use crate::input::error::Error;
use crate::report::summary::Coded;
use crate::text::lang::Lang;
use crate::text::suggest;

/// What a trainer asked for. Every tag must match; `age` and `level` narrow further.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub tags: Vec<String>,
    /// The child's age, from and to (inclusive).
    pub age: Option<(i64, i64)>,
    /// A level id, or `none` for not yet placed.
    pub level: Option<String>,
    /// How many scenarios a balanced plan holds.
    pub plan: Option<usize>,
}

impl Choice {
    /// Whether anything narrows the scenarios.
    pub fn narrows(&self) -> bool {
        !self.tags.is_empty() || self.age.is_some() || self.level.is_some() || self.plan.is_some()
    }

    /// Whether the trainer chose a language by tag (`--tag language:cy`): then the session's
    /// language does not choose.
    fn names_language(&self) -> bool {
        self.tags.iter().any(|t| t.starts_with("language:"))
    }
}

/// `12`, or a range such as `9-13` (inclusive).
pub fn parse_age(text: &str) -> Result<(i64, i64), Error> {
    let number = |t: &str| {
        t.trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=17).contains(n))
    };
    let range = match text.split_once('-') {
        Some((from, to)) => number(from).zip(number(to)),
        None => number(text).map(|n| (n, n)),
    };
    match range {
        Some((from, to)) if from <= to => Ok((from, to)),
        _ => Err(crate::usage!(AgeInvalid, value = text)),
    }
}

/// Every tag a scenario can have: its own, and those worked out from the answers.
fn every_tag(content: &Content) -> Vec<String> {
    let mut tags: Vec<String> = crate::content::tags::builtin()
        .all()
        .map(str::to_string)
        .collect();
    for (group, field) in [
        ("setting", "context.setting"),
        ("relationship", "others.relationship"),
    ] {
        if let Some(f) = content.questions.field(field) {
            // Not answered is worked out as `unknown`, which no field lists as a value.
            let values = f.value_ids().chain([crate::content::answer::UNKNOWN]);
            tags.extend(values.map(|v| format!("{group}:{v}")));
        }
    }
    tags.push(format!(
        "relationship:{}",
        crate::report::summary::NOBODY_ELSE
    ));
    tags.extend(
        content
            .level_ids()
            .into_iter()
            .chain([crate::content::continuum::NOT_PLACED])
            .map(|l| format!("level:{l}")),
    );
    tags
}

/// Every `--tag` one a scenario can have, and `--level` one of the levels (or `none`).
pub fn validate(choice: &Choice, content: &Content) -> Result<(), Error> {
    let levels = content.level_ids();
    let tags = every_tag(content);
    for tag in &choice.tags {
        if !tags.contains(tag) {
            return Err(crate::usage!(
                TagUnknown,
                tag = tag,
                hint =
                    suggest::hint_said(tag, tags.iter().map(String::as_str)).render(content.lang())
            ));
        }
    }
    if let Some(level) = &choice.level
        && level != "none"
        && !levels.contains(&level.as_str())
    {
        return Err(crate::usage!(
            LevelUnknown,
            level = level,
            allowed = levels.join(", ")
        ));
    }
    Ok(())
}

/// The language a scenario is written in: Welsh when tagged `language:cy`, else English.
pub fn language_of(scenario: &Scenario) -> Lang {
    if scenario.record.tags.iter().any(|t| t == "language:cy") {
        Lang::Cy
    } else {
        Lang::En
    }
}

/// A scenario's own tags, then those worked out from its answers and the rules.
pub fn tags_of(content: &Content, scenario: &Scenario) -> Vec<String> {
    let decision = crate::engine::decide(content, &scenario.record);
    let coded = Coded::new(content, &scenario.record, &decision);
    let mut tags = scenario.record.tags.clone();
    tags.push(format!("setting:{}", coded.setting));
    tags.push(format!("relationship:{}", coded.relationship));
    tags.push(format!(
        "level:{}",
        content.continuum.placement_id(decision.level)
    ));
    tags
}

/// The scenarios chosen, and how many were set aside for being in the other language or for
/// being saved assessments (a record with a case part: who assessed, when), not scenarios.
pub struct Chosen {
    pub scenarios: Vec<Scenario>,
    pub other_language: usize,
    pub saved: usize,
}

/// The scenarios in the session's language (unless a `language:` tag is asked for) that match
/// every tag, the age and the level asked for, in the order given.
pub fn choose(content: &Content, scenarios: Vec<Scenario>, choice: &Choice, lang: Lang) -> Chosen {
    let (saved, scenarios): (Vec<Scenario>, Vec<Scenario>) = scenarios
        .into_iter()
        .partition(|s| s.record.assessment.is_some());
    let total = scenarios.len();
    let in_language: Vec<Scenario> = scenarios
        .into_iter()
        .filter(|s| choice.names_language() || language_of(s) == lang)
        .collect();
    let other_language = total - in_language.len();
    let level_tag = choice.level.as_ref().map(|l| format!("level:{l}"));
    let scenarios = in_language
        .into_iter()
        .filter(|s| {
            let in_age = choice.age.is_none_or(|(from, to)| {
                matches!(s.record.answers.get("developmental.age"),
                    Some(Answer::Number(n)) if (from..=to).contains(n))
            });
            // The rules run only when a tag or a level is asked for.
            let untagged = choice.tags.is_empty() && level_tag.is_none();
            in_age
                && (untagged || {
                    let tags = tags_of(content, s);
                    let has = |t: &String| tags.contains(t);
                    choice.tags.iter().all(has) && level_tag.as_ref().is_none_or(has)
                })
        })
        .collect();
    Chosen {
        scenarios,
        other_language,
        saved: saved.len(),
    }
}

/// A balanced set of `n`: one scenario from each level in turn (the continuum's order, then
/// those not yet placed), each level's taken in the order given, until `n` are chosen or none
/// are left. They keep the order given, so the sequence does not give the levels away.
pub fn plan(content: &Content, scenarios: Vec<Scenario>, n: usize) -> Vec<Scenario> {
    let slot = |s: &Scenario| {
        crate::engine::decide(content, &s.record)
            .level
            .unwrap_or(content.continuum.levels.len())
    };
    let slots: Vec<usize> = scenarios.iter().map(slot).collect();
    let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); content.continuum.levels.len() + 1];
    for (i, level) in slots.iter().enumerate() {
        if let Some(list) = by_level.get_mut(*level) {
            list.push(i);
        }
    }
    let mut picked = Vec::new();
    let mut round = 0;
    while picked.len() < n && by_level.iter().any(|l| l.len() > round) {
        for list in &by_level {
            if picked.len() < n
                && let Some(i) = list.get(round)
            {
                picked.push(*i);
            }
        }
        round += 1;
    }
    picked.sort_unstable();
    scenarios
        .into_iter()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, s)| s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_one_year_or_a_range_within_childhood() {
        assert_eq!(parse_age("12").ok(), Some((12, 12)));
        assert_eq!(parse_age("9-13").ok(), Some((9, 13)));
        for bad in ["13-9", "teen", "18", "-3", "9-", ""] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
    }
}
