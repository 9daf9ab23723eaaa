//! The Welsh terminology glossary (`interface/glossary.yaml`): the preferred Welsh for each
//! concept, and the variants to avoid. `hsb check` warns (W005) when a Welsh text in a content
//! file uses one of those variants.

use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use crate::text::messages::Message;
use serde::Deserialize;
use std::sync::OnceLock;

pub const FORMAT: &str = "hsb-glossary/1";
const GLOSSARY: &str = include_str!("../../interface/glossary.yaml");
/// The built-in glossary, for `hsb check` with no files.
pub const EMBEDDED: (&str, &str) = ("interface/glossary.yaml", GLOSSARY);

/// One concept, with its preferred Welsh and the Welsh to avoid.
#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    pub en: String,
    pub cy: String,
    #[serde(default)]
    pub also: Vec<String>,
    #[serde(default)]
    pub avoid: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct Glossary {
    #[allow(dead_code)]
    format: String,
    terms: Vec<Term>,
}

/// The glossary's terms, read once, on first use: only content files read from YAML are checked
/// against it, so the usual start-up never pays for it.
pub fn terms() -> &'static [Term] {
    static TERMS: OnceLock<Vec<Term>> = OnceLock::new();
    TERMS.get_or_init(|| {
        // A test proves the built-in glossary reads; should it ever not, nothing is checked
        // rather than anything failing.
        serde_yaml::from_str::<Glossary>(GLOSSARY)
            .map(|g| g.terms)
            .unwrap_or_default()
    })
}

/// Check a glossary file: its layout, and that every term says where it comes from and what to
/// avoid, and never avoids what another term prefers.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    if let Err(d) = yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatGlossary) {
        return vec![d];
    }
    let (glossary, mut problems): (Glossary, _) =
        match yaml::parse_lenient(source, GLOSSARY, yaml::Twice::MayPass) {
            Ok(read) => read,
            Err(all) => return all,
        };
    let preferred: Vec<String> = glossary
        .terms
        .iter()
        .flat_map(|t| std::iter::once(&t.cy).chain(&t.also))
        .map(|w| normalise(w))
        .collect();
    for term in &glossary.terms {
        let place = source.locate(&[&format!("en: {}", term.en)]);
        let problem = |message: Message, help: Message| {
            Diagnostic::error_said(Code::BadContent, &source.name, message)
                .at(place)
                .help_said(help)
        };
        if term.source.trim().is_empty() {
            problems.push(problem(
                crate::message!(GlossaryNoSource, term = term.en),
                crate::message!(GlossaryNoSourceHelp),
            ));
        }
        if term.avoid.is_empty() {
            problems.push(problem(
                crate::message!(GlossaryNothingToAvoid, term = term.en),
                crate::message!(GlossaryNothingToAvoidHelp),
            ));
        }
        for variant in &term.avoid {
            let variant = normalise(variant);
            if variant.is_empty() {
                problems.push(problem(
                    crate::message!(GlossaryBlankVariant, term = term.en),
                    crate::message!(GlossaryBlankVariantHelp),
                ));
                continue;
            }
            if preferred.iter().any(|p| contains_words(p, &variant)) {
                problems.push(problem(
                    crate::message!(GlossaryAvoidsPreferred, term = term.en, variant = variant),
                    crate::message!(GlossaryAvoidsPreferredHelp),
                ));
            }
        }
    }
    problems
}

/// The first avoided variant `welsh` uses, as a whole word in any case, with its term.
pub fn avoided_in(welsh: &str) -> Option<(&'static str, &'static Term)> {
    let text = normalise(welsh);
    terms().iter().find_map(|term| {
        term.avoid
            .iter()
            .find(|variant| {
                let variant = normalise(variant);
                !variant.is_empty() && contains_words(&text, &variant)
            })
            .map(|variant| (variant.as_str(), term))
    })
}

/// Lower case, with every run of white space one space (a folded YAML text may break a phrase
/// over lines) and a typographic apostrophe read as a plain one.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('\u{2019}', "'")
}

/// Whether `phrase` occurs in `text` with no letter directly before or after it, so that
/// "dim yn hysbys" is not found in "ddim yn hysbys".
fn contains_words(text: &str, phrase: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(start, found)| {
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        let after = text
            .get(start + found.len()..)
            .and_then(|t| t.chars().next());
        !letter(before) && !letter(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_reads_and_every_term_has_a_source_and_something_to_avoid() {
        let glossary: Glossary = serde_yaml::from_str(GLOSSARY).expect("the glossary reads");
        assert_eq!(glossary.format, "hsb-glossary/1");
        assert!(glossary.terms.len() >= 10);
        for term in &glossary.terms {
            assert!(!term.source.trim().is_empty(), "{}", term.en);
            assert!(!term.avoid.is_empty(), "{}", term.en);
            // A preferred form must never be flagged itself.
            assert!(avoided_in(&term.cy).is_none(), "{}", term.cy);
            for also in &term.also {
                assert!(avoided_in(also).is_none(), "{also}");
            }
        }
    }

    #[test]
    fn avoided_variants_are_found_as_whole_words_in_any_case_across_lines() {
        let found = avoided_in("Cysylltwch â'r Tîm\n   Dyletswydd Argyfwng nawr.");
        assert_eq!(
            found.map(|(v, t)| (v, t.cy.as_str())),
            Some(("tîm dyletswydd argyfwng", "Tîm Dyletswydd Brys"))
        );
        assert!(avoided_in("gyda'r oruchwyliaeth").is_none());
        assert!(avoided_in("gyda'r goruchwyliaeth").is_some());
        // Whole words only: "lefel treisgar" is not found inside "nodlefel treisgarwch".
        assert!(avoided_in("nodlefel treisgarwch").is_none());
        assert!(avoided_in("ar y lefel gamdriniol").is_none());
        assert!(avoided_in("ar lefel camdriniol").is_some());
        // A typographic apostrophe is read as a plain one.
        assert!(avoided_in("cynllun a\u{2019}r goruchwyliaeth").is_some());
    }
}
