//! Any bytes as a record: loading must return a record or diagnostics, never panic or hang.
#![no_main]

use hsb::content::{Content, ContentPaths};
use hsb::record::Record;
use hsb::input::source::Source;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::load(&ContentPaths::default()).expect("defaults load"))
}

fuzz_target!(|data: &[u8]| {
    let content = content();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::embedded("fuzz.yaml", text);
    let levels = content.level_ids();
    if let Ok(record) = Record::load(&source, &content.questions, &levels) {
        let _ = hsb::engine::evaluate(content, &record);
        // A loaded record saves and loads back to itself.
        let yaml = record
            .to_yaml(&content.questions)
            .expect("records serialise");
        let again = Record::load(
            &Source::embedded("again.yaml", &yaml),
            &content.questions,
            &levels,
        )
        .expect("a saved record loads");
        let facts_before = hsb::engine::evaluate(content, &record);
        let facts_after = hsb::engine::evaluate(content, &again);
        assert_eq!(facts_before, facts_after);
    }
    let _ = Record::load_draft(&source, &content.questions, &levels);
});
