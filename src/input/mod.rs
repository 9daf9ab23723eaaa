//! Reading files: finding them, reading YAML with one parser, placing every problem at its line
//! and column, writing files safely, and the error type with its exit codes.

pub mod batch;
pub mod diag;
pub mod error;
pub mod files;
pub mod places;
pub mod project;
pub mod save;
pub mod source;
pub mod yaml;
