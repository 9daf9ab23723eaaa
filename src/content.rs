//! The content an assessment runs on: question set, continuum and rule set, built in or from files.

use crate::continuum::Continuum;
use crate::error::Error;
use crate::lang::Lang;
use crate::questions::QuestionSet;
use crate::rules::RuleSet;
use crate::source::Source;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The default files, compiled into the binary so that hsb works from any folder.
pub mod embedded {
    /// (name, YAML text with both languages, then as JSON converted at build time with its
    /// texts in English, and in Welsh)
    pub type File = (&'static str, &'static str, &'static str, &'static str);

    pub const QUESTIONS: File = (
        "questions/appendix3.yaml",
        include_str!("../questions/appendix3.yaml"),
        include_str!(concat!(env!("OUT_DIR"), "/appendix3.en.json")),
        include_str!(concat!(env!("OUT_DIR"), "/appendix3.cy.json")),
    );
    pub const LEVELS: File = (
        "continuum/levels.yaml",
        include_str!("../continuum/levels.yaml"),
        include_str!(concat!(env!("OUT_DIR"), "/levels.en.json")),
        include_str!(concat!(env!("OUT_DIR"), "/levels.cy.json")),
    );
    pub const RULES: File = (
        "continuum/rules.yaml",
        include_str!("../continuum/rules.yaml"),
        include_str!(concat!(env!("OUT_DIR"), "/rules.en.json")),
        include_str!(concat!(env!("OUT_DIR"), "/rules.cy.json")),
    );

    /// The build-time JSON of a file in `lang`.
    pub fn json(file: File, lang: crate::lang::Lang) -> &'static str {
        match lang {
            crate::lang::Lang::En => file.2,
            crate::lang::Lang::Cy => file.3,
        }
    }
    /// SHA-256 of LEVELS then RULES, computed at build time.
    pub const SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.sha256"));
}

/// Which content to load: from where (`None` means the built-in default), and in which language.
#[derive(Debug, Clone, Default)]
pub struct ContentPaths {
    /// The language texts are loaded in; records and ids do not depend on it.
    pub lang: Lang,
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

fn read(path: Option<&Path>, default: embedded::File, lang: Lang) -> Result<Source, Error> {
    match path {
        Some(path) => Source::read(path).map_err(|d| Error::Invalid(vec![d])),
        None => Ok(Source::embedded_with_json(
            default.0,
            default.1,
            embedded::json(default, lang),
        )),
    }
}

/// Load only the question set.
pub fn load_questions(paths: &ContentPaths) -> Result<QuestionSet, Error> {
    let source = read(paths.questions.as_deref(), embedded::QUESTIONS, paths.lang)?;
    QuestionSet::load(&source, paths.lang).map_err(Error::Invalid)
}

/// The continuum and rules files named by `--rules` (a file, or a folder), with defaults for the rest.
fn rule_sources(paths: &ContentPaths) -> Result<(Source, Source), Error> {
    match paths.rules.as_deref() {
        Some(dir) if dir.is_dir() => {
            let levels = dir.join("levels.yaml");
            let rules = dir.join("rules.yaml");
            if !levels.exists() && !rules.exists() {
                return Err(crate::usage!(FolderNoRules, path = dir.display()));
            }
            let levels = levels.exists().then_some(levels);
            let rules = rules.exists().then_some(rules);
            Ok((
                read(levels.as_deref(), embedded::LEVELS, paths.lang)?,
                read(rules.as_deref(), embedded::RULES, paths.lang)?,
            ))
        }
        Some(file) => Ok((
            read(None, embedded::LEVELS, paths.lang)?,
            read(Some(file), embedded::RULES, paths.lang)?,
        )),
        None => Ok((
            read(None, embedded::LEVELS, paths.lang)?,
            read(None, embedded::RULES, paths.lang)?,
        )),
    }
}

/// Load only the continuum (levels, features, responses).
pub fn load_continuum(paths: &ContentPaths) -> Result<Continuum, Error> {
    let (levels, _) = rule_sources(paths)?;
    Continuum::load(&levels, paths.lang).map_err(Error::Invalid)
}

impl Content {
    /// Load everything an evaluation needs, reporting every problem in every file.
    pub fn load(paths: &ContentPaths) -> Result<Self, Error> {
        let questions = load_questions(paths)?;
        let (levels_source, rules_source) = rule_sources(paths)?;
        let continuum = Continuum::load(&levels_source, paths.lang).map_err(Error::Invalid)?;
        let rules = RuleSet::load(&rules_source, &questions, &continuum).map_err(Error::Invalid)?;
        let sha256 = if levels_source.json.is_some() && rules_source.json.is_some() {
            embedded::SHA256.to_string()
        } else {
            let mut hasher = Sha256::new();
            hasher.update(levels_source.text.as_bytes());
            hasher.update(rules_source.text.as_bytes());
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        };
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

    /// The language the content's texts are in.
    pub fn lang(&self) -> Lang {
        self.questions.lang
    }

    /// The one-line notice Welsh output carries until the Welsh in use is signed off; `None` in
    /// English or once signed off.
    pub fn review_notice(&self) -> Option<&'static str> {
        crate::lang::review_notice(
            self.lang(),
            &[
                &self.questions.welsh_review,
                &self.continuum.welsh_review,
                &self.rules.welsh_review,
            ],
        )
    }

    /// The level ids, least concerning first.
    pub fn level_ids(&self) -> Vec<&str> {
        self.continuum.level_ids()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_time_hash_matches_the_embedded_files() {
        let mut hasher = Sha256::new();
        hasher.update(embedded::LEVELS.1.as_bytes());
        hasher.update(embedded::RULES.1.as_bytes());
        let hash: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hash, embedded::SHA256);
    }

    #[test]
    fn build_time_json_loads_to_the_same_content_as_the_yaml_in_each_language() {
        let yaml = |file: embedded::File| Source::embedded(file.0, file.1);
        let json = |file: embedded::File, lang| {
            Source::embedded_with_json(file.0, file.1, embedded::json(file, lang))
        };
        for lang in Lang::ALL {
            let q = QuestionSet::load(&yaml(embedded::QUESTIONS), lang).expect("questions");
            let l = Continuum::load(&yaml(embedded::LEVELS), lang).expect("levels");
            let r = RuleSet::load(&yaml(embedded::RULES), &q, &l).expect("rules");
            let qj = QuestionSet::load(&json(embedded::QUESTIONS, lang), lang).expect("questions");
            let lj = Continuum::load(&json(embedded::LEVELS, lang), lang).expect("levels");
            let rj = RuleSet::load(&json(embedded::RULES, lang), &qj, &lj).expect("rules");
            assert_eq!(format!("{q:?}"), format!("{qj:?}"), "{lang:?}");
            assert_eq!(format!("{l:?}"), format!("{lj:?}"), "{lang:?}");
            assert_eq!(format!("{r:?}"), format!("{rj:?}"), "{lang:?}");
        }
    }

    #[test]
    fn the_defaults_load_from_yaml_as_well_as_from_json() {
        let q = Source::embedded(embedded::QUESTIONS.0, embedded::QUESTIONS.1);
        let l = Source::embedded(embedded::LEVELS.0, embedded::LEVELS.1);
        let r = Source::embedded(embedded::RULES.0, embedded::RULES.1);
        for lang in Lang::ALL {
            let questions = QuestionSet::load(&q, lang).expect("questions");
            let continuum = Continuum::load(&l, lang).expect("levels");
            RuleSet::load(&r, &questions, &continuum).expect("rules");
        }
    }
}
