//! The one error type the commands return, the exit code each kind maps to, and its wording in
//! the user's language.

use crate::input::diag::Diagnostic;
use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use std::fmt::Display;

/// Exit codes: 0 success, 1 findings (checks that found problems), 2 usage or input errors.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const ERROR: i32 = 2;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more files could not be used; each diagnostic says where and how to fix it.
    #[error("{}", listing(.0, Lang::En))]
    Invalid(Vec<Diagnostic>),
    /// The command line asks for something that cannot be done.
    #[error("hsb: error: {0}")]
    Usage(Message),
    /// A file or folder operation failed; the message says which, the source why.
    #[error("hsb: error: {}", .message.clone().with("reason", io_reason(.source, Lang::En)))]
    Io {
        message: Message,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("hsb: error: cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Writing the result failed (other than a closed pipe, which ends quietly).
    #[error("hsb: error: cannot write the output: {0}")]
    Output(#[source] std::io::Error),
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_)
            | Error::Usage(_)
            | Error::Io { .. }
            | Error::Write { .. }
            | Error::Output(_) => exit::ERROR,
        }
    }

    /// A usage error from an interface message and its values.
    pub fn usage(msg: Msg, args: &[(&'static str, &dyn Display)]) -> Self {
        let message = args
            .iter()
            .fold(Message::new(msg), |m, (name, value)| m.with(name, value));
        Error::Usage(message)
    }

    /// A failed file or folder operation on `path`; `msg` may use `{path}` and `{reason}`.
    pub fn io(msg: Msg, path: &dyn Display, source: std::io::Error) -> Self {
        Error::Io {
            message: Message::new(msg).with("path", path),
            source,
        }
    }

    /// The error as the user reads it, in their language. File diagnostics are said in it too;
    /// their codes and the file's keys they quote stay as they are.
    pub fn render(&self, lang: Lang) -> String {
        let line = |message: String| crate::say!(lang, ErrorLine, message = message);
        match self {
            Error::Invalid(diagnostics) => listing(diagnostics, lang),
            Error::Usage(message) => line(message.render(lang)),
            Error::Io { message, source } => line(
                message
                    .clone()
                    .with("reason", io_reason(source, lang))
                    .render(lang),
            ),
            Error::Write { path, source } => line(crate::say!(
                lang,
                CannotWrite,
                path = path,
                reason = io_reason(source, lang)
            )),
            Error::Output(source) => line(crate::say!(
                lang,
                CannotWriteOutput,
                reason = io_reason(source, lang)
            )),
        }
    }
}

/// Why an operation failed, in words: the common causes in the user's language, anything else
/// as the operating system put it.
pub fn io_reason(err: &std::io::Error, lang: Lang) -> String {
    io_reason_said(err).render(lang)
}

/// Why an operation failed, to be said later in the reader's language.
pub fn io_reason_said(err: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    let msg = match err.kind() {
        ErrorKind::NotFound => Msg::IoNotFound,
        ErrorKind::PermissionDenied => Msg::IoPermissionDenied,
        ErrorKind::StorageFull => Msg::IoNoSpace,
        ErrorKind::ReadOnlyFilesystem => Msg::IoReadOnly,
        _ => return Message::as_said(err),
    };
    Message::new(msg)
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Output(err)
    }
}

/// Diagnostics one after another, each in `lang` where it has a translation.
fn listing(diagnostics: &[Diagnostic], lang: Lang) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A usage or input error (exit 2) with a message whose values are checked while compiling, as
/// with [`say!`](crate::say); its language is chosen when it is shown.
#[macro_export]
macro_rules! usage {
    ($msg:ident $(, $name:ident = $value:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::text::messages::args_match(
                $crate::text::messages::Msg::$msg.placeholders(),
                &[$(stringify!($name)),*]
            ),
            concat!("the values given do not match the placeholders of ", stringify!($msg))
        );
        $crate::input::error::Error::usage(
            $crate::text::messages::Msg::$msg,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    }};
}
