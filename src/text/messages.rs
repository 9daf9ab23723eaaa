//! Interface messages: every sentence hsb itself says to a practitioner, in both languages.
//!
//! The texts live in `interface/messages.yaml`; the build turns them into the [`Msg`] enum, so
//! that a message the code names but the file lacks is a compile error, and a message missing a
//! language or with mismatched `{placeholders}` stops the build.

use crate::text::lang::Lang;
use std::fmt::Display;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

pub const FORMAT: &str = "hsb-messages/1";

/// The message file as built in, for `hsb check` with no files.
pub const EMBEDDED: (&str, &str) = (
    "interface/messages.yaml",
    include_str!("../../interface/messages.yaml"),
);

impl Msg {
    /// The message in `lang`, with any `{placeholders}` left as they are.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english(),
            Lang::Cy => self.welsh(),
        }
    }

    /// The message in `lang` with each `{name}` replaced by its value.
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(lang), args)
    }
}

/// Whether the names given to a message are exactly its placeholders, in any order: checked
/// while compiling by [`say!`](crate::say) and [`usage!`](crate::usage), so that a missing or
/// misspelt value stops the build instead of showing `{name}` to a practitioner.
pub const fn args_match(expected: &[&str], given: &[&str]) -> bool {
    if expected.len() != given.len() {
        return false;
    }
    let mut i = 0;
    while i < given.len() {
        let mut found = false;
        let mut j = 0;
        while j < expected.len() {
            if same(given[i].as_bytes(), expected[j].as_bytes()) {
                found = true;
            }
            j += 1;
        }
        if !found {
            return false;
        }
        i += 1;
    }
    true
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A message in a language, filled in with named values; the names are checked against the
/// message's placeholders while compiling.
///
/// ```
/// use hsb::text::lang::Lang;
/// assert_eq!(hsb::say!(Lang::Cy, CaseHeading, case = "A7"), "achos A7");
/// ```
///
/// A misspelt or missing name does not compile:
///
/// ```compile_fail
/// use hsb::text::lang::Lang;
/// let _ = hsb::say!(Lang::En, CaseHeading, caes = "A7");
/// ```
///
/// ```compile_fail
/// use hsb::text::lang::Lang;
/// let _ = hsb::say!(Lang::En, CaseHeading);
/// ```
#[macro_export]
macro_rules! say {
    ($lang:expr, $msg:ident $(, $name:ident = $value:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::text::messages::args_match(
                $crate::text::messages::Msg::$msg.placeholders(),
                &[$(stringify!($name)),*]
            ),
            concat!("the values given do not match the placeholders of ", stringify!($msg))
        );
        $crate::text::messages::Msg::$msg.fill(
            $lang,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    }};
}

/// "1 file", "3 files": `one` for one, else `many` with `{n}` filled.
pub fn count(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
    count_said(n, one, many).render(lang)
}

/// [`count`], to be said later in the reader's language.
pub fn count_said(n: usize, one: Msg, many: Msg) -> Message {
    if n == 1 {
        Message::new(one)
    } else {
        Message::new(many).with("n", n)
    }
}

/// A [`Message`] to be said later, in whichever language: `message!(Msg, name = value, …)`,
/// with the names checked against the message's placeholders while compiling (as `say!`).
#[macro_export]
/// A value that is itself a message, said in the same language, follows `said`:
/// `message!(Msg, path = p; said how = other)`. A content file's text in both languages follows
/// `both`: `message!(Msg; both note = (english, welsh))`.
macro_rules! message {
    ($msg:ident $(, $name:ident = $value:expr)* $(; said $said:ident = $message:expr)*
        $(; both $both:ident = ($en:expr, $cy:expr))* $(,)?) => {{
        const _: () = assert!(
            $crate::text::messages::args_match(
                $crate::text::messages::Msg::$msg.placeholders(),
                &[$(stringify!($name),)* $(stringify!($said),)* $(stringify!($both)),*]
            ),
            concat!("the values given do not match the placeholders of ", stringify!($msg))
        );
        $crate::text::messages::Message::new($crate::text::messages::Msg::$msg)
            $(.with(stringify!($name), &$value))*
            $(.with_said(stringify!($said), $message))*
            $(.with_both(stringify!($both), $en, $cy))*
    }};
}

/// Replace each `{name}` in `template` by its value; unknown names are left as written.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let value = after.find('}').and_then(|close| {
            let name = after.get(1..close)?;
            let (_, value) = args.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(&value.to_string());
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message, with its values, to be shown in whichever language the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub msg: Msg,
    pub args: Vec<(&'static str, Arg)>,
}

/// A value in a message: text as it is, another message said in the same language, or a
/// content file's text written in both (English, then Welsh).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Said(Box<Message>),
    Both(Box<(String, String)>),
}

impl Message {
    pub fn new(msg: Msg) -> Self {
        Message {
            msg,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// A value that is itself a message, said in the language this one is said in.
    pub fn with_said(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, Arg::Said(Box::new(value))));
        self
    }

    /// A value a content file gives in both languages: `en` said in English, `cy` in Welsh.
    pub fn with_both(mut self, name: &'static str, en: &str, cy: &str) -> Self {
        let both = (en.to_string(), cy.to_string());
        self.args.push((name, Arg::Both(Box::new(both))));
        self
    }

    /// Words that are not hsb's own (a system's or a library's), said as they are.
    pub fn as_said(text: impl Display) -> Self {
        Message::new(Msg::AsSaid).with("text", text)
    }

    pub fn render(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Arg::Text(text) => (*name, text.clone()),
                Arg::Said(message) => (*name, message.render(lang)),
                Arg::Both(both) => match lang {
                    Lang::En => (*name, both.0.clone()),
                    Lang::Cy => (*name, both.1.clone()),
                },
            })
            .collect();
        let args: Vec<(&str, &dyn Display)> = values
            .iter()
            .map(|(name, value)| (*name, value as &dyn Display))
            .collect();
        self.msg.fill(lang, &args)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::Msg;

    /// Messages chosen at run time (one of a family) are filled with the same names whichever
    /// is chosen; `say!` checks every other message while compiling.
    #[test]
    fn messages_chosen_at_run_time_share_their_placeholders() {
        let families: &[(&[Msg], &[&str])] = &[
            (
                &[
                    Msg::CliErrorMissing,
                    Msg::CliErrorUnknownArgument,
                    Msg::CliErrorInvalidValue,
                    Msg::CliErrorUnknownCommand,
                ],
                &["what"],
            ),
            (
                &[Msg::AgreementLevel, Msg::AgreementStrategy],
                &["agreed", "judged", "rate"],
            ),
            // How the room voted, on the level or on a strategy discussion.
            (&[Msg::RoomVotes, Msg::RoomVotesStrategy], &["votes"]),
            // The trainee's or the room's answers (`training::marked`).
            (
                &[Msg::YourPlacement, Msg::RoomPlacement],
                &["given", "mark", "level"],
            ),
            (
                &[Msg::YourStrategyDiscussion, Msg::RoomStrategyDiscussion],
                &["given", "mark", "status"],
            ),
            // Counts of more than one (`count`), and the diff table's line prefixes.
            (
                &[
                    Msg::CountFiles,
                    Msg::CountErrors,
                    Msg::CountWarnings,
                    Msg::CountScenarios,
                    Msg::TestContentMany,
                    Msg::TestSkippedMany,
                ],
                &["n"],
            ),
            (&[Msg::DiffLevelLine, Msg::DiffStrategyLine], &["change"]),
            // `Error::io` fills `{path}`, and `{reason}` when it is shown.
            (
                &[
                    Msg::CannotReadFolder,
                    Msg::CannotRemoveDraft,
                    Msg::CannotWatchSignals,
                ],
                &["path", "reason"],
            ),
        ];
        for (messages, names) in families {
            for msg in *messages {
                for name in msg.placeholders() {
                    assert!(names.contains(name), "{msg:?}: {{{name}}} is never filled");
                }
            }
        }
    }

    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill("{a} and {b}", &[("a", &1), ("b", &"two")]),
            "1 and two"
        );
        assert_eq!(fill("{a} {missing} {", &[("a", &"x")]), "x {missing} {");
        assert_eq!(
            Msg::CaseHeading.fill(Lang::Cy, &[("case", &"A7")]),
            "achos A7"
        );
    }

    #[test]
    fn every_message_has_welsh_that_differs_from_its_english_unless_written_once() {
        let both: Vec<&str> = [
            "number_range",
            "as_said",
            "origin_folder",
            "prompt_with_hint",
            "cond_in_other_person",
            "name_key",
        ]
        .to_vec();
        for msg in ALL {
            if !both.contains(&msg.id()) {
                assert_ne!(msg.text(Lang::En), msg.text(Lang::Cy), "{}", msg.id());
            }
        }
    }
}
