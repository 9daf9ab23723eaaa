//! Every example scenario replays to the result it expects, and the library covers what it must.

use hsb::content::answer::Answer;
use hsb::content::{Content, ContentPaths};
use hsb::engine::evaluate;
use hsb::input::files;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    files::expand(&[dir]).expect("examples/ is readable")
}

#[test]
fn every_example_meets_its_expectation() {
    let content = Content::load(&ContentPaths::default()).expect("defaults load");
    let mut failures = Vec::new();
    for path in examples() {
        let record =
            hsb::record::Record::load_file(&path, &content).unwrap_or_else(|e| panic!("{e}"));
        // Saved case records (examples/records) are data for `hsb summary`, not scenarios.
        let saved = record.assessment.is_some() || record.judgement.is_some();
        if saved && record.expect.is_none() {
            continue;
        }
        let expect = record
            .expect
            .clone()
            .unwrap_or_else(|| panic!("{} has no expect block", path.display()));
        let outcome = evaluate(&content, &record);
        let level = content.continuum.placement_id(outcome.level);
        let status = outcome.strategy.status.id();
        if expect.level.as_deref() != Some(level) {
            failures.push(format!(
                "{}: level {level}, expected {:?}",
                path.display(),
                expect.level
            ));
        }
        if expect.strategy_discussion.as_deref() != Some(status) {
            failures.push(format!(
                "{}: strategy discussion {status}, expected {:?}",
                path.display(),
                expect.strategy_discussion
            ));
        }
        if let Some(provisional) = expect.provisional
            && provisional != outcome.provisional
        {
            failures.push(format!(
                "{}: provisional {}",
                path.display(),
                outcome.provisional
            ));
        }
        assert!(record.title.is_some(), "{} has no title", path.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_cover_every_level_and_every_brook_age_band() {
    let content = Content::load(&ContentPaths::default()).expect("defaults load");
    let paths = examples();
    assert!(paths.len() >= 12, "only {} examples", paths.len());
    let mut levels = BTreeSet::new();
    let mut bands = BTreeSet::new();
    for path in paths {
        let record =
            hsb::record::Record::load_file(&path, &content).unwrap_or_else(|e| panic!("{e}"));
        if let Some(level) = record.expect.and_then(|e| e.level) {
            levels.insert(level);
        }
        if let Some(Answer::Number(age)) = record.answers.get("developmental.age") {
            // Brook's bands overlap at their edges; count an age in every band it belongs to.
            for (band, range) in [
                ("0-5", 0..=5),
                ("5-9", 5..=9),
                ("9-13", 9..=13),
                ("13-17", 13..=17),
            ] {
                if range.contains(age) {
                    bands.insert(band);
                }
            }
        }
    }
    // Every level, and a scenario not yet placed.
    assert_eq!(
        levels.len(),
        content.level_ids().len() + 1,
        "levels covered: {levels:?}"
    );
    assert!(levels.contains("none"), "no scenario is not yet placed");
    assert_eq!(bands.len(), 4, "age bands covered: {bands:?}");
}
