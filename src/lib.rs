//! hsb: decision support for safeguarding practitioners in Wales responding to sexual behaviour
//! shown by children.
//!
//! The flow is load → evaluate → render: [`content`] loads the question set, continuum and rule
//! set; [`record`] loads an `hsb/1` record; [`engine::evaluate`] is a pure function from those to
//! an [`engine::Outcome`]; [`report`] draws it as a table, JSON or Markdown.

pub mod assess;
pub mod batch;
pub mod case_record;
pub mod check;
pub mod cli;
pub mod commands;
pub mod condition;
pub mod content;
pub mod continuum;
pub mod diag;
pub mod diff;
pub mod drafts;
pub mod engine;
pub mod error;
pub mod files;
pub mod glossary;
pub mod help;
pub mod interview;
pub mod lang;
pub mod manual;
pub mod messages;
mod placeholders;
pub mod places;
pub mod project;
pub mod questions;
pub mod record;
pub mod report;
pub mod rules;
pub mod save;
pub mod screen;
pub mod source;
pub mod suggest;
pub mod suite;
pub mod summary;
pub mod terminal;
pub mod training;
pub mod yaml;

pub use error::Error;
