//! An answer as a record holds it and a condition tests it.

/// The value every choice and list accepts for "not known yet"; never stored, since answers
/// not known are simply absent.
pub const UNKNOWN: &str = "unknown";

/// A known answer. Answers not known are simply absent from [`Record::answers`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(String),
    Choice(String),
    List(Vec<String>),
    Number(i64),
}
