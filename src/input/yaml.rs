//! Parsing YAML text into typed values, turning parser errors into diagnostics with places.
//!
//! Every value comes from one parser, `yaml_serde` (libyaml). Before it sees a file with more
//! brackets than hsb ever needs, a second real parser's events (`saphyr-parser`, which streams
//! in linear time) measure how deeply its collections nest: libyaml's time grows with the square
//! of the nesting, so a small file of brackets could otherwise hang it. That check reads the
//! document as a parser does, so brackets inside quoted or block text never count.

use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::text::messages::{Message, Msg};
use serde::de::DeserializeOwned;

/// Whether serde itself refuses a key given twice anywhere in the type being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Twice {
    /// Only structs and `serde_yaml::Mapping`, which refuse a key given twice: the file is
    /// scanned for keys given twice (a second parse) only when reading fails, to place each one.
    /// Records are read this way: `hsb test` and `hsb summary` read them by the thousand.
    RefusedBySerde,
    /// A map such as `BTreeMap` keeps the last of two keys without a word, so every file is
    /// scanned. Content files are read this way: once per run, and the built-in ones not at all.
    MayPass,
}

/// Deserialize a whole file into `T`, setting aside keys `T` does not have: each is a problem
/// at its own place (at any depth), so that one run reports them all and the rest of the file
/// is still checked. "Did you mean" comes from the keys used at the same place in `reference`
/// (a complete example of the format, such as the built-in file). No message repeats the key:
/// in a record it may be a sentence about a child.
///
/// When the file cannot be read, the error is every problem found: the unknown keys met before
/// the one that stopped the reading, then that one; or every key given twice in a mapping.
pub fn parse_lenient<T: DeserializeOwned>(
    source: &Source,
    reference: &str,
    twice: Twice,
) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> {
    if let Some(json) = source.json {
        return serde_json::from_str(json)
            .map(|value| (value, Vec::new()))
            .map_err(|err| {
                vec![
                    Diagnostic::error(Code::Structure, &source.name, err.to_string())
                        .help_said(crate::message!(DiagBuiltinBroken)),
                ]
            });
    }
    check_depth(source).map_err(|d| vec![d])?;
    if twice == Twice::MayPass {
        given_twice(source)?;
    }
    let mut ignored: Vec<Vec<crate::input::places::Segment>> = Vec::new();
    let read =
        serde_ignored::deserialize(serde_yaml::Deserializer::from_str(&source.text), |path| {
            ignored.push(segments(&path))
        });
    let mut unknown: Vec<Diagnostic> = ignored
        .iter()
        .map(|path| unknown_key(source, reference, path))
        .collect();
    match read {
        Ok(value) => Ok((value, unknown)),
        Err(err) => {
            if twice == Twice::RefusedBySerde {
                given_twice(source)?;
            }
            // Which stage failed says what kind of problem it is: if the text does not even
            // read as YAML, it is syntax; if it does, the shape is wrong for this kind of file.
            let syntax = serde_yaml::from_str::<serde_yaml::Value>(&source.text).is_err();
            unknown.push(from_yaml_error(source, &err, syntax));
            Err(unknown)
        }
    }
}

/// A path from `serde_ignored` as keys and list positions (wrappers such as `Option` left out).
fn segments(path: &serde_ignored::Path<'_>) -> Vec<crate::input::places::Segment> {
    use crate::input::places::Segment;
    use serde_ignored::Path;
    let mut out = Vec::new();
    let mut at = path;
    loop {
        match at {
            Path::Root => break,
            Path::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                at = parent;
            }
            Path::Map { parent, key } => {
                out.push(Segment::Key(key.clone()));
                at = parent;
            }
            Path::Some { parent }
            | Path::NewtypeStruct { parent }
            | Path::NewtypeVariant { parent } => at = parent,
        }
    }
    out.reverse();
    out
}

/// An unknown key, at its place, with the keys used at that place suggested.
fn unknown_key(
    source: &Source,
    reference: &str,
    path: &[crate::input::places::Segment],
) -> Diagnostic {
    use crate::input::places::{Segment, key_place, keys_beside};
    let written = match path.last() {
        Some(Segment::Key(key)) => key.as_str(),
        _ => "",
    };
    let parent = path.get(..path.len().saturating_sub(1)).unwrap_or_default();
    // Only the reference's keys: a key written in the file may be unknown too, or private.
    let mut known = keys_beside(reference, parent);
    known.sort();
    known.dedup();
    let within = describe(parent);
    let candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    let help = match crate::text::suggest::closest(written, candidates.iter().copied()) {
        Some(found) => crate::message!(DidYouMean, found = found),
        None if candidates.is_empty() => crate::message!(DiagRemoveKey),
        None => crate::message!(
            DiagRemoveKeyListed,
            keys = crate::text::suggest::join(candidates.iter().copied())
        ),
    };
    Diagnostic::error_said(
        Code::Structure,
        &source.name,
        crate::message!(DiagUnknownKey, within = within),
    )
    .at(key_place(&source.text, path))
    .help_said(help)
}

/// `rules[3].when[0]: ` for a place in the file, from keys hsb defines and list positions
/// only; empty at the top level. A key under `answers:` is never named.
fn describe(path: &[crate::input::places::Segment]) -> String {
    use crate::input::places::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                let safe = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                out.push_str(if safe { key } else { "…" });
            }
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("{out}: ")
    }
}

/// Every key given twice in a mapping, each at its second place naming the first.
fn given_twice(source: &Source) -> Result<(), Vec<Diagnostic>> {
    let duplicates = crate::input::places::duplicate_keys(&source.text);
    if duplicates.is_empty() {
        return Ok(());
    }
    Err(duplicates
        .iter()
        .map(|d| duplicate_key(source, d))
        .collect())
}

fn duplicate_key(source: &Source, duplicate: &crate::input::places::Duplicate) -> Diagnostic {
    let (line, column) = duplicate.first;
    Diagnostic::error_said(
        Code::YamlSyntax,
        &source.name,
        crate::message!(DiagKeyTwice, line = line, column = column),
    )
    .at(Some(duplicate.second))
    .help_said(crate::message!(DiagKeyTwiceHelp))
}

/// The deepest nesting of collections hsb reads; its files need three or four.
pub const MAX_DEPTH: usize = 64;

/// Brackets libyaml reads in well under a second however deeply they nest (its time grows with
/// the square of the nesting: 2,000 levels take a few milliseconds in a release build).
const LIBYAML_SAFE_BRACKETS: usize = 2_000;

/// Refuse a file whose collections nest more than [`MAX_DEPTH`] deep, at the place the parser
/// finds it. A file with no more than that many brackets cannot nest that deep in flow style,
/// and block nesting is bounded by the file's size, so only files with more brackets are read
/// twice.
fn check_depth(source: &Source) -> Result<(), Diagnostic> {
    use saphyr_parser::{Event, Parser};
    let brackets = source
        .text
        .bytes()
        .filter(|b| matches!(b, b'[' | b'{'))
        .count();
    if brackets <= MAX_DEPTH {
        return Ok(());
    }
    let mut depth = 0usize;
    for event in Parser::new_from_str(&source.text) {
        match event {
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), span)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let place = (span.start.line(), span.start.col() + 1);
                    return Err(Diagnostic::error_said(
                        Code::YamlSyntax,
                        &source.name,
                        crate::message!(DiagTooDeep, max = MAX_DEPTH),
                    )
                    .at(Some(place))
                    .help_said(crate::message!(DiagTooDeepHelp)));
                }
            }
            Ok((Event::MappingEnd | Event::SequenceEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            // This parser is stricter than libyaml in places (a tab after a colon, say). With
            // few enough brackets, libyaml's time stays short whatever their nesting, so it
            // decides; with more, the file is not handed to a parser whose time may grow with
            // the square of what follows.
            Err(_) if brackets <= LIBYAML_SAFE_BRACKETS => return Ok(()),
            Err(err) => {
                let marker = err.marker();
                return Err(Diagnostic::error_said(
                    Code::YamlSyntax,
                    &source.name,
                    crate::message!(DiagNotYaml, reason = err.info()),
                )
                .at(Some((marker.line(), marker.col() + 1)))
                .help_said(crate::message!(DiagSyntaxHelp)));
            }
        }
    }
    Ok(())
}

/// Read just the `format:` line of a file, if it has one, without validating the rest.
///
/// The usual block-style `format: …` line is found without parsing the file; anything else
/// (flow style, say) falls back to a parse.
pub fn format_of(source: &Source) -> Result<Option<String>, Diagnostic> {
    for line in source.text.lines() {
        if let Some(rest) = line.strip_prefix("format:") {
            let value = rest.split(" #").next().unwrap_or(rest).trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            if !value.is_empty() {
                return Ok(Some(value.to_string()));
            }
        }
    }
    #[derive(serde::Deserialize)]
    struct FormatOnly {
        format: Option<serde_yaml::Value>,
    }
    // Only `format:` is wanted here, so every other key is set aside.
    let found: FormatOnly = parse_lenient(source, "", Twice::RefusedBySerde)
        .map(|(found, _)| found)
        .map_err(|all| {
            let d = all.into_iter().next().unwrap_or_else(|| {
                Diagnostic::error_said(
                    Code::Structure,
                    &source.name,
                    crate::message!(DiagCannotReadPlain),
                )
            });
            if d.code == Code::Structure {
                Diagnostic::error_said(
                    Code::Structure,
                    &source.name,
                    crate::message!(DiagNotAMapping),
                )
                .at(d.line.zip(d.column))
                .help_said(crate::message!(DiagNotAMappingHelp))
            } else {
                d
            }
        })?;
    Ok(found.format.map(|value| match value {
        serde_yaml::Value::String(s) => s,
        other => scalar_text(&other),
    }))
}

/// Check that a file's `format:` is the one expected, before its contents are validated.
pub fn expect_format(source: &Source, expected: &str, what: Msg) -> Result<(), Diagnostic> {
    let what = Message::new(what);
    match format_of(source)? {
        Some(found) if found == expected => Ok(()),
        Some(found) => Err(Diagnostic::error_said(
            Code::Format,
            &source.name,
            crate::message!(DiagFormatUnread, found = found; said what = what),
        )
        .at(source.locate(&["format"]))
        .help_said(crate::message!(DiagFormatReads, expected = expected))),
        None => Err(Diagnostic::error_said(
            Code::Format,
            &source.name,
            crate::message!(DiagFormatMissing; said what = what),
        )
        .at(Some((1, 1)))
        .help_said(crate::message!(DiagFormatAdd, expected = expected))),
    }
}

/// A value in a message, to be said in the reader's language: "a list", "a mapping", or the
/// scalar as written.
pub fn scalar_said(value: &serde_yaml::Value) -> Message {
    match value {
        serde_yaml::Value::Sequence(_) => crate::message!(ValueList),
        serde_yaml::Value::Mapping(_) => crate::message!(ValueMapping),
        serde_yaml::Value::Tagged(tagged) => scalar_said(&tagged.value),
        other => Message::as_said(scalar_text(other)),
    }
}

/// A YAML scalar as plain text, for messages and for text answers given as numbers.
pub fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".to_string(),
        serde_yaml::Value::Sequence(_) => "a list".to_string(),
        serde_yaml::Value::Mapping(_) => "a mapping".to_string(),
        serde_yaml::Value::Tagged(tagged) => scalar_text(&tagged.value),
    }
}

fn from_yaml_error(source: &Source, err: &serde_yaml::Error, syntax: bool) -> Diagnostic {
    let place = err.location().map(|l| (l.line(), l.column()));
    let message = err.to_string();
    // The library appends " at line X column Y"; the place is already in the prefix.
    let message = match message.find(" at line ") {
        Some(index) => message.get(..index).unwrap_or(&message).to_string(),
        None => message,
    };
    let message = scrub(&message);
    let code = if syntax {
        Code::YamlSyntax
    } else {
        Code::Structure
    };
    // The stage that failed says which kind of problem it is (the text does not parse, or it
    // parses into the wrong shape); the help never depends on the library's wording. Unknown
    // keys never reach here: `parse_lenient` reports them itself, by path.
    let help = if syntax {
        crate::message!(DiagSyntaxHelp)
    } else {
        crate::message!(DiagStructureHelp)
    };
    // A missing key, or something else where a text belongs, is said in hsb's own words; the
    // parser's other words stay as they are.
    let said = missing_field(&message)
        .or_else(|| not_a_text(&message))
        .unwrap_or_else(|| Message::as_said(&message));
    Diagnostic::error_said(code, &source.name, said)
        .at(place)
        .help_said(help)
}

/// "rules[0]: missing field `reason`" in hsb's words.
fn missing_field(message: &str) -> Option<Message> {
    let at = message.find("missing field `")?;
    let within = message.get(..at)?;
    let field = message
        .get(at + "missing field `".len()..)?
        .strip_suffix('`')?;
    Some(crate::message!(
        DiagMissingField,
        within = within,
        field = field
    ))
}

/// What a bilingual text says it expects when the parser finds something else there; hsb says
/// it again in the reader's language ([`not_a_text`]).
pub const TEXT_EXPECTED: &str = "a text with `en:` and `cy:` lines beneath it";

/// "levels[0].label: invalid type: …, expected a text with `en:` and `cy:` …" in hsb's words.
fn not_a_text(message: &str) -> Option<Message> {
    let expected = format!(", expected {TEXT_EXPECTED}");
    message.strip_suffix(&expected)?;
    let within = message
        .find("invalid type: ")
        .and_then(|at| message.get(..at))
        .unwrap_or_default();
    Some(crate::message!(DiagNotAText, within = within))
}

/// `message` with each `marker…close` replaced by `instead`.
fn without_quoted(message: &str, marker: &str, close: char, instead: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(marker) {
        out.push_str(rest.get(..start).unwrap_or(""));
        out.push_str(instead);
        let after = rest.get(start + marker.len()..).unwrap_or("");
        rest = match after.find(close) {
            Some(end) => after.get(end + close.len_utf8()..).unwrap_or(""),
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The parser quotes the offending text in some messages (`invalid type: string "…"`, ``unknown
/// field `…` ``); that text may describe a child, so it is left out. The line and column still
/// say where it is.
fn scrub(message: &str) -> String {
    // A key that is not one of the file's keys, at any depth (`answers: unknown field `…``),
    // and a key given twice: the key is left out, the allowed ones stay.
    let message = without_quoted(message, "unknown field `", '`', "unknown key");
    let message = without_quoted(
        &message,
        "duplicate entry with key \"",
        '"',
        "a key given twice",
    );
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(start) = rest.find("string \"") {
        let (before, after) = rest.split_at(start + "string".len());
        out.push_str(before);
        // Skip the quoted text up to its closing quote (the last `"` before `, expected`).
        let quoted = after.trim_start_matches(' ');
        let end = quoted
            .find("\", expected")
            .map(|i| i + 1)
            .or_else(|| quoted.rfind('"').map(|i| i + 1))
            .unwrap_or(quoted.len());
        rest = quoted.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A value for an error message ("text", "the number 3"), to be said in the reader's
/// language. Text is never repeated: it may be about a child.
pub fn describe_value(value: &serde_yaml::Value) -> Message {
    use serde_yaml::Value;
    match value {
        Value::String(_) => crate::message!(KindText),
        Value::Number(n) => crate::message!(ValueNumber, n = n),
        Value::Bool(b) => Message::as_said(format!("`{b}`")),
        other => scalar_said(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first problem reading `source` as `T`.
    fn parse<T: DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
        match parse_lenient(source, "", Twice::MayPass) {
            Ok((value, unknown)) => match unknown.into_iter().next() {
                None => Ok(value),
                Some(first) => Err(first),
            },
            Err(all) => Err(all.into_iter().next().expect("a problem")),
        }
    }

    #[test]
    fn a_number_where_a_text_belongs_is_said_in_hsbs_words_in_either_language() {
        #[derive(Debug, serde::Deserialize)]
        struct File {
            #[allow(dead_code)]
            label: crate::content::texts::RawText,
        }
        let source = Source::embedded("t.yaml", "label: 5\n");
        let err = parse::<File>(&source).unwrap_err();
        assert_eq!((err.line, err.column), (Some(1), Some(8)));
        assert_eq!(
            err.render(crate::text::lang::Lang::Cy)
                .lines()
                .next()
                .unwrap_or_default(),
            "<embedded>/t.yaml:1:8: error[E011]: label: dylai hwn fod yn destun, gyda llinellau `en:` a `cy:` oddi tano"
        );
        assert!(
            err.message
                .ends_with("this should be a text, with `en:` and `cy:` lines beneath it")
        );
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let source = Source::embedded("t.yaml", "a: [1\nb: 2\n");
        let err = parse::<serde_yaml::Value>(&source).unwrap_err();
        assert_eq!(err.code, Code::YamlSyntax);
        assert!(err.line.is_some());
    }

    #[test]
    fn deep_brackets_are_refused_quickly_with_a_place() {
        let text = format!(
            "answers:\n  x: {}1{}\n",
            "{a: ".repeat(100_000),
            "}".repeat(100_000)
        );
        let source = Source::embedded("t.yaml", &text);
        let start = std::time::Instant::now();
        let err = parse::<serde_yaml::Value>(&source).unwrap_err();
        assert!(start.elapsed().as_secs() < 5);
        assert_eq!(err.code, Code::YamlSyntax);
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("nested more than"));
    }

    #[test]
    fn messages_never_repeat_free_text() {
        let source = Source::embedded(
            "t.yaml",
            "format: hsb/1\nanswers: \"A private description\"\n",
        );
        let err = parse::<
            std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
        >(&source)
        .unwrap_err();
        assert!(!err.message.contains("private"), "{}", err.message);
        assert!(
            err.message.contains("invalid type: string"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_format_is_refused() {
        let source = Source::embedded("t.yaml", "format: hsb/2\n");
        let err = expect_format(&source, "hsb/1", Msg::WhatRecord).unwrap_err();
        assert_eq!(err.code, Code::Format);
        assert_eq!(err.line, Some(1));
    }
}
