//! hsb: decision support for safeguarding practitioners in Wales responding to sexual behaviour
//! shown by children.
//!
//! The layers, each using only those above it in this list:
//!
//! - [`text`]: languages and the interface's messages (no files, no content);
//! - [`input`]: reading files and YAML, places in them, diagnostics and the error type;
//! - [`content`]: the question set, the continuum, the rule set and their conditions;
//! - [`record`]: an `hsb/1` record (a saved assessment or a scenario) and its facts;
//! - [`engine`]: a pure function from content and a record to an [`engine::Outcome`] of ids;
//! - [`report`]: the outcome in words, drawn as tables, JSON, Markdown, text or HTML;
//! - [`cli`]: the commands, the interview at a terminal, `check`, `test` and `diff`.

pub mod cli;
pub mod content;
pub mod engine;
pub mod input;
pub mod record;
pub mod report;
pub mod text;

pub use input::error::Error;
