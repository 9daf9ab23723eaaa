//! Languages and words: which language the practitioner reads, the interface's own messages in
//! both languages, "did you mean", and the width and wrapping of text on a screen.

pub mod lang;
pub mod messages;
pub(crate) mod placeholders;
pub mod screen;
pub mod suggest;
