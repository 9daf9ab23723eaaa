//! Checking a message file (`interface/messages.yaml` or a translation of it) as `hsb check`
//! does: every message in both languages with the same placeholders, none unknown to this build,
//! none missing.

use crate::anchors;
use crate::content::texts::{RawText, Texts, WelshReview};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use crate::text::lang::Lang;
use crate::text::messages::{ALL, EMBEDDED, FORMAT};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct RawMessages {
    #[allow(dead_code)]
    format: String,
    #[serde(default)]
    welsh_review: WelshReview,
    messages: BTreeMap<String, RawText>,
}

/// Check a message file as `hsb check` does: every message in both languages with the same
/// placeholders, none unknown to this build, none missing. Returns errors and warnings.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    if let Err(d) = yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatMessageFile)
    {
        return vec![d];
    }
    let (raw, mut problems): (RawMessages, _) =
        match yaml::parse_lenient(source, EMBEDDED.1, yaml::Twice::MayPass) {
            Ok(read) => read,
            Err(all) => return all,
        };
    let mut warnings = Vec::new();
    let mut english = Texts::new(source, Lang::En);
    english.review(&raw.welsh_review);
    let known: Vec<&str> = ALL.iter().map(|m| m.id()).collect();
    let missing: Vec<&str> = known
        .iter()
        .copied()
        .filter(|id| !raw.messages.contains_key(*id))
        .collect();
    for (id, text) in raw.messages {
        let anchor = format!("{id}:");
        let what = crate::message!(NameMessage, id = id);
        // A missing language is reported by `pick` below; here only texts that are both there.
        if let (Some(en), Some(cy)) = (text.written(Lang::En), text.written(Lang::Cy))
            && crate::text::placeholders::names(en) != crate::text::placeholders::names(cy)
        {
            problems.push(
                Diagnostic::error_said(
                    Code::MissingTranslation,
                    &source.name,
                    crate::message!(MessagesPlaceholdersDiffer, id = id, open = "{", close = "}"),
                )
                .at(source.locate(&[&anchor]))
                .help_said(crate::message!(MessagesPlaceholdersHelp, name = "{name}")),
            );
        }
        // Reports a missing language or Welsh the same as its English.
        english.pick(text, || what.clone(), anchors![&anchor]);
        if !known.contains(&id.as_str()) {
            problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &source.name,
                    crate::message!(MessagesNotUsed, id = id),
                )
                .at(source.locate(&[&anchor]))
                .help_said(crate::text::suggest::hint_said(&id, known.iter().copied())),
            );
        }
    }
    if !missing.is_empty() {
        problems.push(
            Diagnostic::error_said(
                Code::MissingTranslation,
                &source.name,
                crate::message!(
                    MessagesMissing,
                    n = missing.len(),
                    ids = crate::text::suggest::join(missing.iter().copied())
                ),
            )
            .at(source.locate(&["messages:"]))
            .help_said(crate::message!(MessagesMissingHelp)),
        );
    }
    english.finish(&mut problems, &mut warnings);
    problems.extend(warnings);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_message_file_passes_its_own_check() {
        let source = Source::embedded(EMBEDDED.0, EMBEDDED.1);
        let problems = check(&source);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
