//! Reading the files hsb is given: bounded, UTF-8, and able to point at a line and column.

use crate::input::diag::{Code, Diagnostic};
use crate::input::error::io_reason_said;
use crate::text::messages::{Message, Msg};
use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use crate::input::{places, places::Token};

/// The largest file hsb reads. Records, rule files and question sets are a few kilobytes;
/// anything larger is a mistake or an attack, and is refused before it is parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A file's text and the name to report it by.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// Borrowed for built-in files, which are compiled in and need no copy.
    pub text: Cow<'static, str>,
    /// For built-in files: the same content as JSON, converted at build time (faster to load).
    pub json: Option<&'static str>,
    /// Whether the file began with a byte-order mark, which is set aside before it is read (a
    /// YAML parser would take it for a second document); `hsb check` warns of it.
    pub had_bom: bool,
    /// Every key and value with its place, read by a parser the first time a place is needed.
    places: OnceLock<Option<Vec<Token>>>,
}

impl Source {
    /// A built-in file compiled into the binary.
    pub fn embedded(name: &str, text: &str) -> Self {
        Source {
            name: format!("<embedded>/{name}"),
            text: Cow::Owned(text.to_string()),
            json: None,
            had_bom: false,
            places: OnceLock::new(),
        }
    }

    /// A built-in file with its build-time JSON conversion.
    pub fn embedded_with_json(name: &str, text: &'static str, json: &'static str) -> Self {
        Source {
            name: format!("<embedded>/{name}"),
            text: Cow::Borrowed(text),
            json: Some(json),
            had_bom: false,
            places: OnceLock::new(),
        }
    }

    /// The same file, loaded from this build-time JSON conversion of it.
    pub fn with_json(self, json: &'static str) -> Self {
        Source {
            json: Some(json),
            ..self
        }
    }

    /// Read a file from disk, refusing anything that is not a regular UTF-8 file of bounded size.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        let name = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|err| {
            Diagnostic::error_said(
                Code::FileMissing,
                &name,
                crate::message!(DiagCannotRead; said reason = io_reason_said(&err)),
            )
            .help_said(crate::message!(DiagFileMissingHelp))
        })?;
        if !metadata.is_file() {
            let what = if metadata.is_dir() {
                Msg::DiagADirectory
            } else {
                Msg::DiagNotARegularFile
            };
            return Err(
                Diagnostic::error_said(Code::NotAFile, &name, Message::new(what))
                    .help_said(crate::message!(DiagNotAFileHelp)),
            );
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(too_large(&name));
        }
        let file = File::open(path).map_err(|err| {
            Diagnostic::error_said(
                Code::FileMissing,
                &name,
                crate::message!(DiagCannotRead; said reason = io_reason_said(&err)),
            )
        })?;
        // Room for the whole file and the one byte that tells it grew, so it is read in one go.
        let expected = usize::try_from(metadata.len()).unwrap_or(0);
        let mut bytes = Vec::with_capacity(expected.saturating_add(1));
        // Read one byte past the limit so that a file that grew after the check is still refused.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| {
                Diagnostic::error_said(
                    Code::FileMissing,
                    &name,
                    crate::message!(DiagCannotRead; said reason = io_reason_said(&err)),
                )
            })?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(&name));
        }
        let text = String::from_utf8(bytes).map_err(|err| {
            let offset = err.utf8_error().valid_up_to();
            let valid = err.as_bytes().get(..offset).unwrap_or_default();
            let prefix = String::from_utf8_lossy(valid).into_owned();
            Diagnostic::error_said(Code::NotUtf8, &name, crate::message!(DiagNotUtf8))
                .at(Some(line_col(&prefix, prefix.len())))
                .help_said(crate::message!(DiagNotUtf8Help))
        })?;
        let (text, had_bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_string(), true),
            None => (text, false),
        };
        Ok(Source {
            name,
            text: Cow::Owned(text),
            json: None,
            had_bom,
            places: OnceLock::new(),
        })
    }

    /// The 1-based line and column of the last of `anchors`, each found after the one before.
    ///
    /// Places come from the parser's marks for each key and value ([`places`]): `"id: my-rule"`
    /// is that key with that value, `"questions:"` a key, and a word is a key or value (or a
    /// whole word in plain text), so `["id: my-rule", "touchng"]` finds the `touchng` in that
    /// rule's conditions. Comments are never searched. A file that does not parse is searched
    /// as text instead (its syntax error has the parser's own place). `None` when an anchor is
    /// not found.
    pub fn locate(&self, anchors: &[&str]) -> Option<(usize, usize)> {
        let parsed = self.places.get_or_init(|| places::tokens(&self.text));
        match parsed {
            Some(tokens) => places::locate(tokens, anchors),
            None => self.locate_in_text(anchors),
        }
    }

    fn locate_in_text(&self, anchors: &[&str]) -> Option<(usize, usize)> {
        let mut at = 0;
        let mut found = None;
        for anchor in anchors {
            let start = places::find_word(&self.text, anchor, at)?;
            found = Some(start);
            at = start + anchor.len();
        }
        found.map(|offset| line_col(&self.text, offset))
    }
}

fn too_large(name: &str) -> Diagnostic {
    Diagnostic::error_said(
        Code::FileTooLarge,
        name,
        crate::message!(DiagFileTooLarge, kib = MAX_FILE_BYTES / 1024),
    )
    .help_said(crate::message!(DiagFileTooLargeHelp))
}

/// " (first at line 7, column 5)" for the message about the second of two: both places of a
/// duplicate are named. Empty when the first is not found.
pub fn first_at_said(place: Option<(usize, usize)>) -> Message {
    place.map_or_else(
        || Message::as_said(""),
        |(line, column)| crate::message!(FirstAt, line = line, column = column),
    )
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_a_word_after_its_anchor() {
        let source = Source::embedded(
            "t.yaml",
            "rules:\n  - id: a\n    when: x\n  - id: b\n    when: x\n",
        );
        assert_eq!(source.locate(&["id: b", "x"]), Some((5, 11)));
        assert_eq!(source.locate(&["id: c"]), None);
    }

    #[test]
    fn whole_words_only() {
        let source = Source::embedded("t.yaml", "others.age: 3\nage: 4\n");
        assert_eq!(source.locate(&["age"]), Some((1, 8)));
        let source = Source::embedded("t.yaml", "agent: 3\nage: 4\n");
        assert_eq!(source.locate(&["age"]), Some((2, 1)));
    }
}
