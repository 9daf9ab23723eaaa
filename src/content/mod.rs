//! The content an assessment runs on: question set, continuum and rule set, built in or from files.

use crate::content::continuum::Continuum;
use crate::content::questions::QuestionSet;
use crate::content::rules::RuleSet;
use crate::input::error::Error;
use crate::input::source::Source;
use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub mod answer;
pub mod case_record;
pub mod condition;
pub mod condition_check;
pub mod continuum;
pub mod embedded;
pub mod glossary;
pub mod question_file;
pub mod questions;
pub mod rules;
pub mod tags;
pub mod texts;

/// Which content to load: from where (`None` means the built-in default), and in which language.
#[derive(Debug, Clone, Default)]
pub struct ContentPaths {
    /// The language texts are loaded in; records and ids do not depend on it.
    pub lang: Lang,
    pub questions: Option<PathBuf>,
    /// A rules file, or a continuum folder holding `levels.yaml` and/or `rules.yaml`.
    pub rules: Option<PathBuf>,
    /// How the rules were found, when not by `--rules`.
    pub found: Option<Found>,
    /// The folder of the project file (`hsb.yaml`) above the current folder, whose
    /// `continuum/` and `questions/` stand in for the current folder's.
    pub project_root: Option<PathBuf>,
}

/// How content files were found without `--rules` or `--questions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Given with `hsb diff --from`.
    DiffFrom,
    /// Given with `hsb diff --to`.
    DiffTo,
    /// Given among the command's files (recognised by their `format:` line).
    AmongInputs,
    /// The `continuum/` (and `questions/`) folder of the current folder.
    CurrentFolder,
}

/// The `format:` of a file, if it is one hsb can read and it says.
fn format_at(path: &Path) -> Option<String> {
    let source = Source::read(path).ok()?;
    crate::input::yaml::format_of(&source).ok().flatten()
}

/// Whether a file is one of hsb's content files (questions, levels, rules, messages,
/// case-record terms), whose formats are `hsb-…`, rather than a record or scenario (`hsb/1`).
pub fn is_content_file(path: &Path) -> bool {
    format_at(path).is_some_and(|format| format.starts_with("hsb-"))
}

/// The folder a content path stands for: itself, if a folder; else the folder the file is in
/// (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The levels file beside a rules file, if there is one: the two are one rule set.
fn levels_beside(rules: &Path) -> Option<PathBuf> {
    Some(rules.with_file_name("levels.yaml")).filter(|levels| levels.is_file())
}

fn is_content(format: &str) -> bool {
    format.starts_with("hsb-rules/")
        || format.starts_with("hsb-levels/")
        || format.starts_with("hsb-questions/")
}

/// A folder holding a continuum: `levels.yaml` or `rules.yaml` that say they are content.
fn is_continuum_folder(dir: &Path) -> bool {
    dir.is_dir()
        && ["levels.yaml", "rules.yaml"]
            .iter()
            .any(|name| format_at(&dir.join(name)).is_some_and(|f| is_content(&f)))
}

/// The one question set in a folder, if there is exactly one.
fn question_set_in(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| format_at(p).is_some_and(|f| f.starts_with("hsb-questions/")))
        .collect();
    (found.len() == 1).then(|| found.pop()).flatten()
}

impl ContentPaths {
    /// Fill in what the command line left to the defaults, in this order: content files given
    /// among `inputs` (a continuum folder, a rules or levels file, a question set, recognised by
    /// its `format:` line); else, when `current_folder` is set (the commands CI runs), the
    /// `continuum/` and `questions/` folders of the current folder when they hold content files
    /// (the layout of hsb's own repository, and of a board's copy); else the built-in defaults.
    /// Returns the inputs that are not content: the scenarios. Two rule sets or two question
    /// sets (one of them `--rules` or `--questions`) are an error, never a silent choice.
    pub fn discover(
        &mut self,
        inputs: &[PathBuf],
        current_folder: bool,
    ) -> Result<Vec<PathBuf>, Error> {
        let mut rest = Vec::new();
        for input in inputs {
            let format = if input.is_file() {
                format_at(input)
            } else {
                None
            };
            match format.as_deref() {
                Some(f) if f.starts_with("hsb-questions/") => {
                    if let Some(first) = &self.questions {
                        return Err(crate::usage!(
                            TwoQuestionSets,
                            first = first.display(),
                            second = input.display()
                        ));
                    }
                    self.questions = Some(input.clone());
                }
                Some(f) if f.starts_with("hsb-rules/") => self.rules_from(input.clone())?,
                Some(f) if f.starts_with("hsb-levels/") => self.rules_from(folder_of(input))?,
                // Other content files (messages, case-record terms) are not scenarios either.
                Some(f) if f.starts_with("hsb-") => {}
                _ if is_continuum_folder(input) => self.rules_from(input.clone())?,
                _ => rest.push(input.clone()),
            }
        }
        if current_folder {
            let base = self.project_root.clone().unwrap_or_default();
            let continuum = base.join("continuum");
            if self.rules.is_none() && is_continuum_folder(&continuum) {
                self.rules = Some(continuum);
                self.found = Some(Found::CurrentFolder);
            }
            if self.questions.is_none()
                && let Some(found) = question_set_in(&base.join("questions"))
            {
                self.questions = Some(found);
            }
        }
        Ok(rest)
    }

    /// Take rules found among the inputs: a rules file and the levels beside it are one rule
    /// set (their folder); anything else beside `--rules` or other rules is an error.
    fn rules_from(&mut self, path: PathBuf) -> Result<(), Error> {
        match (&self.rules, self.found) {
            (None, _) => {
                self.rules = Some(path);
                self.found = Some(Found::AmongInputs);
                Ok(())
            }
            // The same folder, named twice (its levels and its rules): the folder.
            (Some(first), Some(Found::AmongInputs)) if folder_of(first) == folder_of(&path) => {
                self.rules = Some(folder_of(&path));
                Ok(())
            }
            (Some(first), found) => {
                let first = if found.is_none() {
                    format!("--rules {}", first.display())
                } else {
                    first.display().to_string()
                };
                Err(crate::usage!(
                    TwoRuleSets,
                    first = first,
                    second = path.display()
                ))
            }
        }
    }

    /// Where the rules come from, in words, for the output of `test`, `check` and `diff`.
    pub fn rules_origin(&self) -> Message {
        let Some(rules) = &self.rules else {
            return Message::new(Msg::OriginBuiltin);
        };
        let how = Message::new(match self.found {
            None => Msg::OriginHowRulesFlag,
            Some(Found::DiffFrom) => Msg::OriginHowFrom,
            Some(Found::DiffTo) => Msg::OriginHowTo,
            Some(Found::AmongInputs) => Msg::OriginHowInputs,
            Some(Found::CurrentFolder) if self.project_root.is_some() => Msg::OriginHowProject,
            Some(Found::CurrentFolder) => Msg::OriginHowCurrent,
        });
        if rules.is_dir() {
            return crate::message!(OriginFolder, path = rules.display(); said how = how);
        }
        match levels_beside(rules) {
            Some(levels) => crate::message!(
                OriginWithLevels,
                rules = rules.display(),
                levels = levels.display();
                said how = how
            ),
            None => crate::message!(OriginBuiltinLevels, rules = rules.display(); said how = how),
        }
    }
}

/// The name, version and hash of the rule files used, for every result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetId {
    pub name: String,
    pub version: String,
    /// SHA-256 of the continuum file followed by the rules file, as bytes.
    pub sha256: String,
    /// Where the rules came from, in words ("continuum (the current folder's)"), in English
    /// for the machine formats.
    pub origin: String,
    /// The same, to be said in the reader's language.
    pub origin_said: Message,
}

impl RuleSetId {
    /// "rule set: Wales default HSB rules 2.0.2 (sha256 1ab2fa99ada7…) from the built-in
    /// defaults": printed by `test`, `check` and `diff`, so that CI logs say what was tested.
    pub fn line(&self, lang: Lang) -> String {
        crate::say!(
            lang,
            RuleSetFrom,
            name = self.name,
            version = self.version,
            hash = self.sha256.get(..12).unwrap_or(&self.sha256),
            origin = self.origin_said.render(lang)
        )
    }
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
        Some(path) => {
            let source = Source::read(path).map_err(|d| Error::Invalid(vec![d]))?;
            // A file identical to the built-in one (hsb's own repository) is loaded from its
            // build-time JSON: the same content, without parsing the YAML again.
            if source.text == default.1 {
                return Ok(source.with_json(embedded::json(default, lang)));
            }
            Ok(source)
        }
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
        // A rules file alone pairs with the levels beside it, when there are any.
        Some(file) => {
            let beside = levels_beside(file);
            Ok((
                read(beside.as_deref(), embedded::LEVELS, paths.lang)?,
                read(Some(file), embedded::RULES, paths.lang)?,
            ))
        }
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
                origin: paths.rules_origin().render(Lang::En),
                origin_said: paths.rules_origin(),
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
        crate::content::texts::review_notice(
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
