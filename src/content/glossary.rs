//! The Welsh terminology glossary (`interface/glossary.yaml`): the preferred Welsh for each
//! concept, and the variants to avoid. `hsb check` warns (W005) when a Welsh text in a content
//! file uses one of those variants.

use crate::content::texts::{RawText, Texts};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use crate::text::lang::Lang;
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
    /// Whether the variants are also wrong with their first word mutated ("i dîm dyletswydd
    /// argyfwng"). Not for a word that is right in another sense, mutated or not ("gorfodol",
    /// compulsory: "mae'n orfodol"), so that a correct use is not flagged more than it must be.
    #[serde(default)]
    pub mutates: bool,
    /// Where the preferred term comes from, in both languages.
    pub source: RawText,
    /// Why, in both languages.
    #[serde(default)]
    pub note: Option<RawText>,
}

impl Term {
    /// The term's source in `lang` (the English when its Welsh is missing, which `hsb check`
    /// reports).
    pub fn source_in(&self, lang: Lang) -> &str {
        written(&self.source, lang)
    }

    /// Why the term is preferred, in `lang`; without a note, the English concept it names.
    pub fn note_in(&self, lang: Lang) -> &str {
        self.note
            .as_ref()
            .map_or(&self.en, |note| written(note, lang))
    }
}

fn written(text: &RawText, lang: Lang) -> &str {
    text.written(lang)
        .or_else(|| text.written(Lang::En))
        .unwrap_or_default()
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
    let mut texts = Texts::new(source, Lang::En);
    for term in &glossary.terms {
        let anchor = format!("en: {}", term.en);
        for (key, text) in [("source", Some(&term.source)), ("note", term.note.as_ref())] {
            if let Some(text) = text {
                texts.pick(
                    text.clone(),
                    || crate::message!(NameTermKey, id = term.en, key = key),
                    crate::anchors![&anchor, key],
                );
            }
        }
        let place = source.locate(&[&anchor]);
        let problem = |message: Message, help: Message| {
            Diagnostic::error_said(Code::BadContent, &source.name, message)
                .at(place)
                .help_said(help)
        };
        if term.source.written(Lang::En).is_none() {
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
            // Every form looked for, mutated ones too, must leave the preferred terms alone.
            let forms = forms(&variant, term.mutates);
            let clash = forms
                .iter()
                .find(|f| preferred.iter().any(|p| contains_words(p, f)));
            if let Some(form) = clash {
                problems.push(problem(
                    crate::message!(GlossaryAvoidsPreferred, term = term.en, variant = form),
                    crate::message!(GlossaryAvoidsPreferredHelp),
                ));
            }
        }
    }
    let mut warnings = Vec::new();
    texts.finish(&mut problems, &mut warnings);
    // A note quotes the variants it explains.
    warnings.retain(|w| w.code != Code::AvoidedWelsh);
    problems.extend(warnings);
    problems
}

/// The first avoided variant `welsh` uses, as a whole word in any case (and, for a term marked
/// `mutates`, with its first word in any mutation: "i dîm dyletswydd argyfwng"), as written
/// there, with its term.
pub fn avoided_in(welsh: &str) -> Option<(String, &'static Term)> {
    let text = normalise(welsh);
    terms().iter().find_map(|term| {
        term.avoid.iter().find_map(|variant| {
            let variant = normalise(variant);
            if variant.is_empty() {
                return None;
            }
            forms(&variant, term.mutates)
                .into_iter()
                .find(|form| contains_words(&text, form))
                .map(|form| (form, term))
        })
    })
}

/// A variant as written, and mutated too when its term says so.
fn forms(variant: &str, mutates: bool) -> Vec<String> {
    if mutates {
        mutations(variant)
    } else {
        vec![variant.to_string()]
    }
}

/// A lower-case phrase with its first word as written and in each mutation Welsh grammar
/// gives it: soft ("i dîm"), nasal ("fy nhîm") and aspirate ("a thîm").
fn mutations(phrase: &str) -> Vec<String> {
    const CHANGES: [(&str, &[&str]); 9] = [
        ("ll", &["l"]),
        ("rh", &["r"]),
        ("p", &["b", "mh", "ph"]),
        ("t", &["d", "nh", "th"]),
        ("c", &["g", "ngh", "ch"]),
        ("b", &["f", "m"]),
        ("d", &["dd", "n"]),
        ("g", &["", "ng"]),
        ("m", &["f"]),
    ];
    let mut forms = vec![phrase.to_string()];
    // "ch", "ph", "th", "dd" and "ff" begin words that do not mutate.
    let unchanging = ["ch", "ph", "th", "dd", "ff"];
    if unchanging.iter().any(|d| phrase.starts_with(d)) {
        return forms;
    }
    if let Some((radical, mutated)) = CHANGES.iter().find(|(r, _)| phrase.starts_with(r)) {
        let rest = phrase.get(radical.len()..).unwrap_or_default();
        forms.extend(mutated.iter().map(|m| format!("{m}{rest}")));
    }
    forms
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
            assert!(term.source.written(Lang::En).is_some(), "{}", term.en);
            assert!(term.source.written(Lang::Cy).is_some(), "{}", term.en);
            let note = term.note.as_ref();
            assert!(
                note.and_then(|n| n.written(Lang::Cy)).is_some(),
                "{}",
                term.en
            );
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
            Some(("tîm dyletswydd argyfwng".to_string(), "Tîm Dyletswydd Brys"))
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

    #[test]
    fn an_avoided_phrase_is_found_mutated_where_its_term_says_and_named_as_written() {
        let found = |text: &str| avoided_in(text).map(|(form, _)| form);
        // "gorfodol" is right where compulsory is meant: only the form the glossary names is
        // flagged, never a mutated one ("mae'n orfodol", "dyletswydd orfodol").
        assert_eq!(found("mae'n orfodol rhoi gwybod"), None);
        assert_eq!(found("dyletswydd orfodol"), None);
        assert_eq!(found("yn gorfodol"), Some("gorfodol".into()));
        assert_eq!(
            found("ei leoliad ar y continwwm"),
            Some("leoliad ar y continwwm".into())
        );
        assert_eq!(
            found("a thîm dyletswydd argyfwng"),
            Some("thîm dyletswydd argyfwng".into())
        );
        assert_eq!(
            found("i dîm dyletswydd argyfwng"),
            Some("dîm dyletswydd argyfwng".into())
        );
        // The preferred forms, mutated or not, are never found.
        assert_eq!(found("yn cynnwys gorfodaeth, a'r orfodaeth"), None);
        assert_eq!(mutations("chwarae"), vec!["chwarae".to_string()]);
        assert_eq!(
            mutations("lleoliad ar y continwwm")[1],
            "leoliad ar y continwwm"
        );
    }
}
