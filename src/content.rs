//! The content an assessment runs on: question set, continuum and rule set, built in or from files.

use crate::continuum::Continuum;
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::questions::QuestionSet;
use crate::rules::RuleSet;
use crate::source::Source;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The default files, compiled into the binary so that hsb works from any folder.
pub mod embedded {
    pub const QUESTIONS: (&str, &str) = (
        "questions/appendix3.yaml",
        include_str!("../questions/appendix3.yaml"),
    );
    pub const LEVELS: (&str, &str) = (
        "continuum/levels.yaml",
        include_str!("../continuum/levels.yaml"),
    );
    pub const RULES: (&str, &str) = (
        "continuum/rules.yaml",
        include_str!("../continuum/rules.yaml"),
    );
}

/// Where to load content from; `None` means the built-in default.
#[derive(Debug, Clone, Default)]
pub struct ContentPaths {
    pub questions: Option<PathBuf>,
    /// A rules file, or a continuum folder holding `levels.yaml` and/or `rules.yaml`.
    pub rules: Option<PathBuf>,
}

/// The name, version and hash of the rule files used, for every result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetId {
    pub name: String,
    pub version: String,
    /// SHA-256 of the continuum file followed by the rules file, as bytes.
    pub sha256: String,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub questions: QuestionSet,
    pub continuum: Continuum,
    pub rules: RuleSet,
    pub rule_set: RuleSetId,
}

fn read(path: Option<&Path>, default: (&str, &str)) -> Result<Source, Error> {
    match path {
        Some(path) => Source::read(path).map_err(|d| Error::Invalid(vec![d])),
        None => Ok(Source::embedded(default.0, default.1)),
    }
}

/// Load only the question set.
pub fn load_questions(paths: &ContentPaths) -> Result<QuestionSet, Error> {
    let source = read(paths.questions.as_deref(), embedded::QUESTIONS)?;
    QuestionSet::load(&source).map_err(Error::Invalid)
}

/// The continuum and rules files named by `--rules` (a file, or a folder), with defaults for the rest.
fn rule_sources(paths: &ContentPaths) -> Result<(Source, Source), Error> {
    match paths.rules.as_deref() {
        Some(dir) if dir.is_dir() => {
            let levels = dir.join("levels.yaml");
            let rules = dir.join("rules.yaml");
            if !levels.exists() && !rules.exists() {
                return Err(Error::Usage(format!(
                    "the folder {} has neither levels.yaml nor rules.yaml; give a rules file or a continuum folder",
                    dir.display()
                )));
            }
            let levels = levels.exists().then_some(levels);
            let rules = rules.exists().then_some(rules);
            Ok((
                read(levels.as_deref(), embedded::LEVELS)?,
                read(rules.as_deref(), embedded::RULES)?,
            ))
        }
        Some(file) => Ok((
            read(None, embedded::LEVELS)?,
            read(Some(file), embedded::RULES)?,
        )),
        None => Ok((read(None, embedded::LEVELS)?, read(None, embedded::RULES)?)),
    }
}

/// Load only the continuum (levels, features, responses).
pub fn load_continuum(paths: &ContentPaths) -> Result<Continuum, Error> {
    let (levels, _) = rule_sources(paths)?;
    Continuum::load(&levels).map_err(Error::Invalid)
}

impl Content {
    /// Load everything an evaluation needs, reporting every problem in every file.
    pub fn load(paths: &ContentPaths) -> Result<Self, Error> {
        let questions = load_questions(paths)?;
        let (levels_source, rules_source) = rule_sources(paths)?;
        let continuum = Continuum::load(&levels_source).map_err(Error::Invalid)?;
        let rules = RuleSet::load(&rules_source, &questions, &continuum).map_err(Error::Invalid)?;
        let mut hasher = Sha256::new();
        hasher.update(levels_source.text.as_bytes());
        hasher.update(rules_source.text.as_bytes());
        let sha256 = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Content {
            rule_set: RuleSetId {
                name: rules.name.clone(),
                version: rules.version.clone(),
                sha256,
            },
            questions,
            continuum,
            rules,
        })
    }

    /// The level ids, least concerning first.
    pub fn level_ids(&self) -> Vec<&str> {
        self.continuum.level_ids()
    }
}

/// Diagnostics from a failed load, if that is what the error holds.
pub fn diagnostics(err: &Error) -> &[Diagnostic] {
    match err {
        Error::Invalid(d) => d,
        _ => &[],
    }
}
