//! Any bytes as a question set, a continuum and a rule set: loading and checking must return
//! content or diagnostics, never panic or hang.
#![no_main]

use hsb::content::{Content, ContentPaths};
use hsb::content::continuum::Continuum;
use hsb::content::questions::QuestionSet;
use hsb::content::rules::RuleSet;
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
    if let Ok(questions) = QuestionSet::load(&source, hsb::text::lang::Lang::Cy) {
        let _ = RuleSet::load(
            &Source::embedded("rules.yaml", hsb::content::embedded::RULES.1),
            &questions,
            &content.continuum,
        );
    }
    if let Ok(continuum) = Continuum::load(&source, hsb::text::lang::Lang::Cy) {
        let _ = RuleSet::load(
            &Source::embedded("rules.yaml", hsb::content::embedded::RULES.1),
            &content.questions,
            &continuum,
        );
    }
    if let Ok(rules) = RuleSet::load(&source, &content.questions, &content.continuum) {
        let _ = rules.lint(&source, &content.questions);
    }
});
