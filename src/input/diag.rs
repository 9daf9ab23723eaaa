//! Diagnostics: one problem found in a file, with a stable code, a place and a hint.
//!
//! Every loader reports problems as [`Diagnostic`]s so that the human form
//! (`path:line:col: error[CODE]: message`) and any machine form come from the same data.

use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $summary:literal;)*) => {
        /// A stable code for each kind of problem. Codes never change meaning; new kinds get new codes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            /// Every code, for documentation and for the uniqueness test.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as users see and search for it, e.g. `E010`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// How serious a problem with this code is: `W` codes are warnings, the rest errors.
            pub fn severity(self) -> Severity {
                if self.as_str().starts_with('W') { Severity::Warning } else { Severity::Error }
            }

            /// One line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }
        }
    };
}

codes! {
    FileMissing = "E001", "the file does not exist or cannot be read";
    FileTooLarge = "E002", "the file is larger than hsb reads";
    NotAFile = "E003", "the path is a directory, FIFO or device, not a regular file";
    NotUtf8 = "E004", "the file is not UTF-8 text";
    YamlSyntax = "E010", "the file is not valid YAML";
    Structure = "E011", "a key is unknown or missing, or a value has the wrong type";
    Format = "E012", "the `format:` line is missing or names a version hsb does not read";
    UnknownField = "E020", "an answer or condition names a field the question set does not have";
    UnknownValue = "E021", "a value is not one the field allows";
    BadAnswer = "E022", "an answer has the wrong type or is out of range";
    MissingAnswer = "E023", "a required answer is missing";
    BadExpect = "E024", "an `expect:` block names an unknown level, status, rule or response";
    BadCondition = "E030", "a condition is malformed or uses a test that does not fit the field";
    UnknownLevel = "E031", "a level id is not one of the continuum's levels";
    DuplicateId = "E032", "an id is used twice where it must be unique";
    BadContent = "E033", "a content file is incomplete (a level without responses, a field without values)";
    NeverFires = "E034", "a rule can never fire: its conditions contradict each other, or need a field that cannot apply";
    UnknownKind = "E035", "a file's `format:` is not one hsb knows (question set, continuum, rules or record)";
    MissingTranslation = "E040", "a text is not given in both English (`en`) and Welsh (`cy`), or a message's `{placeholders}` differ between them";
    UnknownLanguage = "E041", "a text names a language other than `en` and `cy`, or mixes `both` with them";
    UnknownTag = "E025", "a scenario's tag is not one of the tags listed in `interface/tags.yaml`";
    MissingQuestion = "W001", "an Appendix 3 question is missing from a question set";
    NoExpect = "W002", "a scenario has no `expect:` block, so `hsb test` cannot check it";
    SameInBothLanguages = "W003", "a Welsh text is the same as its English, so it is probably untranslated";
    AnswersNotApplying = "W004", "a scenario answers fields that do not apply given its other answers, so those answers are set aside";
    AvoidedWelsh = "W005", "a Welsh text uses a term the glossary (`interface/glossary.yaml`) says to avoid";
    ByteOrderMark = "W006", "a file begins with a byte-order mark, which hsb sets aside but other YAML tools may not";
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The file as the user named it (or `<embedded>/…` for built-in defaults).
    pub path: String,
    /// 1-based line and column, when the place is known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The message in English, as the machine formats (JSON, SARIF, GitHub) give it.
    pub message: String,
    /// How to fix it, in English.
    pub help: Option<String>,
    /// The message and its help from the message catalogue, to be said in the reader's
    /// language; `None` for words that are not hsb's own (the YAML parser's), said as they are.
    /// Boxed, to keep a diagnostic small where it is returned as an error.
    pub said: Option<Box<Said>>,
}

/// A diagnostic's words from the message catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said {
    pub message: Option<Message>,
    pub help: Option<Message>,
}

impl Diagnostic {
    pub fn error(code: Code, path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            said: None,
        }
    }

    /// An error in words from the message catalogue (see [`crate::message!`]).
    pub fn error_said(code: Code, path: &str, said: Message) -> Self {
        Diagnostic {
            said: Some(Box::new(Said {
                message: Some(said.clone()),
                help: None,
            })),
            ..Diagnostic::error(code, path, said.render(Lang::En))
        }
    }

    /// A warning in words from the message catalogue.
    pub fn warning_said(code: Code, path: &str, said: Message) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error_said(code, path, said)
        }
    }

    /// How to fix it, in words from the message catalogue.
    pub fn help_said(mut self, said: Message) -> Self {
        self.help = Some(said.render(Lang::En));
        self.said.get_or_insert_default().help = Some(said);
        self
    }

    pub fn at(mut self, place: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = place {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }
}

impl Diagnostic {
    /// The diagnostic as the user reads it: `path:line:col: error[CODE]: message` (the shape
    /// and the code are the same in every language, for the tools that read them), with the
    /// message and its help in `lang` where they come from the message catalogue.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.path.clone();
        if let (Some(line), Some(column)) = (self.line, self.column) {
            out.push_str(&format!(":{line}:{column}"));
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let said = self.said.as_deref();
        let message = said
            .and_then(|s| s.message.as_ref())
            .map_or_else(|| self.message.clone(), |m| m.render(lang));
        out.push_str(&format!(": {severity}[{}]: {message}", self.code.as_str()));
        let help = match said.and_then(|s| s.help.as_ref()) {
            Some(help) => Some(help.render(lang)),
            None => self.help.clone(),
        };
        if let Some(help) = help {
            out.push_str(&format!("\n  {}: {help}", Msg::DiagHelp.text(lang)));
        }
        out
    }
}

impl Diagnostic {
    /// The line of `text` this diagnostic is about, with the place marked under it
    /// (`annotate-snippets`); `None` when it has no place. Plain output marks it in ASCII.
    pub fn snippet(&self, text: &str) -> Option<String> {
        use annotate_snippets::renderer::DecorStyle;
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let (line, column) = (self.line?, self.column?);
        let source = text.lines().nth(line.checked_sub(1)?)?;
        // The marked span: from the column to the end of the word there.
        let start = source
            .char_indices()
            .nth(column.checked_sub(1)?)
            .map_or(source.len(), |(i, _)| i);
        let rest = source.get(start..)?;
        // To the end of the word there, at a character boundary; at least one character.
        let length = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | ']' | '}' | ':'))
            .map_or(rest.len(), |(i, _)| i);
        let length = if length == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            length
        };
        let end = start + length;
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let report = &[Group::with_level(level).element(
            Snippet::source(source)
                .line_start(line)
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        let decor = if crate::text::screen::plain() {
            DecorStyle::Ascii
        } else {
            DecorStyle::Unicode
        };
        let rendered = Renderer::plain().decor_style(decor).render(report);
        Some(rendered.trim_end().to_string())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert!(
                seen.insert(code.as_str()),
                "code {} used twice",
                code.as_str()
            );
        }
        assert_eq!(seen.len(), Code::ALL.len());
    }

    #[test]
    fn display_has_path_line_column_code_and_help() {
        let d = Diagnostic::error(Code::UnknownValue, "a.yaml", "bad value")
            .at(Some((3, 7)))
            .help_said(Message::as_said("use green"));
        assert_eq!(
            d.to_string(),
            "a.yaml:3:7: error[E021]: bad value\n  help: use green"
        );
    }
}
