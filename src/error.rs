//! The one error type the commands return, and the exit code each kind maps to.

use crate::diag::Diagnostic;
use std::fmt;

/// Exit codes: 0 success, 1 findings (checks that found problems), 2 usage or input errors.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const ERROR: i32 = 2;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more files could not be used; each diagnostic says where and how to fix it.
    #[error("{}", Listing(.0))]
    Invalid(Vec<Diagnostic>),
    /// The command line asks for something that cannot be done.
    #[error("hsb: error: {0}")]
    Usage(String),
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
            Error::Invalid(_) | Error::Usage(_) | Error::Write { .. } | Error::Output(_) => {
                exit::ERROR
            }
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Output(err)
    }
}

struct Listing<'a>(&'a [Diagnostic]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
