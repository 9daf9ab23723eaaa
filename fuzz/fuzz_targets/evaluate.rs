//! Any valid rule set against any valid record: evaluation never panics, is deterministic, and
//! places the behaviour at exactly the highest level among the rules that fired.
#![no_main]

use hsb::content::{Content, ContentPaths};
use hsb::engine::evaluate;
use hsb::record::Record;
use hsb::content::rules::RuleSet;
use hsb::input::source::Source;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SEPARATOR: &str = "\n#---record---\n";

fn defaults() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::load(&ContentPaths::default()).expect("defaults load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input is a rule set and a record, separated by a marker line; without the marker it
    // is a record judged by the default rules.
    let (rules_text, record_text) = match text.split_once(SEPARATOR) {
        Some((rules, record)) => (Some(rules), record),
        None => (None, text),
    };
    let mut content = defaults().clone();
    if let Some(rules_text) = rules_text {
        match RuleSet::load(
            &Source::embedded("rules.yaml", rules_text),
            &content.questions,
            &content.continuum,
        ) {
            Ok(rules) => content.rules = rules,
            Err(_) => return,
        }
    }
    let levels = content.level_ids();
    let Ok(record) = Record::load(
        &Source::embedded("record.yaml", record_text),
        &content.questions,
        &levels,
    ) else {
        return;
    };
    let outcome = evaluate(&content, &record);
    assert_eq!(
        outcome,
        evaluate(&content, &record),
        "evaluation is deterministic"
    );
    // The level is the highest a fired rule gives, or not yet placed when none gives one
    // (nothing known never reads as "normal").
    let highest = outcome.fired.iter().filter_map(|f| f.level).max();
    assert_eq!(outcome.level, highest, "the level is the highest fired");
    assert!(outcome.level.is_none_or(|level| level < content.continuum.levels.len()));
    // Putting the outcome into words finds every rule, response and field it names.
    let view = hsb::report::View::new("fuzz", &content, &record, &outcome);
    assert_eq!(view.rules.len(), outcome.fired.len());
    let _ = hsb::report::json(&view);
});
