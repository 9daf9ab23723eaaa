//! `hsb.yaml`: what a board's repository fixes once for `test`, `check` and `diff` (the scenario
//! folders, the minimum rule coverage, paths to leave out), found from the current folder
//! upward. Its folder is the project's: its `continuum/` and `questions/` are the rules tested.

use crate::input::diag::Diagnostic;
use crate::input::error::Error;
use crate::input::source::Source;
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "hsb-project/1";
pub const FILE_NAME: &str = "hsb.yaml";

/// A complete project file: the keys "did you mean" offers.
const REFERENCE: &str = "format: hsb-project/1\nscenarios: [s]\nmin_coverage: 90\nexclude: [e]\n";

#[derive(Debug, serde::Deserialize)]
struct RawProject {
    #[allow(dead_code)]
    format: serde_yaml::Value,
    #[serde(default)]
    scenarios: Vec<String>,
    #[serde(default)]
    min_coverage: Option<f64>,
    #[serde(default)]
    exclude: Vec<String>,
}

/// A project file, read.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `hsb.yaml`.
    pub root: PathBuf,
    /// The scenario files and folders, relative to where hsb runs.
    pub scenarios: Vec<PathBuf>,
    pub min_coverage: Option<f64>,
    exclude: globset::GlobSet,
}

impl Project {
    /// What `hsb check` checks when no files are named: the project file, its scenarios and the
    /// project folder's `continuum/` and `questions/`.
    pub fn everything(&self) -> Vec<PathBuf> {
        let mut out = vec![self.root.join(FILE_NAME)];
        out.extend(self.scenarios.iter().cloned());
        for folder in ["continuum", "questions"] {
            let path = self.root.join(folder);
            if path.is_dir() {
                out.push(path);
            }
        }
        out
    }

    /// The `hsb.yaml` in the current folder or the nearest folder above it; `None` when there
    /// is none. Its folder is given relative to the current one (empty for the current folder,
    /// `../..` two up), so that paths in messages stay as short as the user's own.
    pub fn find() -> Result<Option<Project>, Error> {
        match Project::locate() {
            Some((file, root)) => Project::load(&file, &root).map(Some),
            None => Ok(None),
        }
    }

    /// The nearest `hsb.yaml` and its folder, relative to the current folder.
    pub fn locate() -> Option<(PathBuf, PathBuf)> {
        let mut absolute = std::env::current_dir().ok()?;
        let mut relative = PathBuf::new();
        loop {
            let file = relative.join(FILE_NAME);
            if file.is_file() {
                return Some((file, relative));
            }
            if !absolute.pop() {
                return None;
            }
            relative.push("..");
        }
    }

    /// Read and check `file`; every problem is reported at once.
    pub fn load(file: &Path, root: &Path) -> Result<Project, Error> {
        let source = Source::read(file).map_err(|d| Error::Invalid(vec![d]))?;
        let (raw, exclude, problems) = read(&source);
        match raw {
            Some(raw) if problems.is_empty() => Ok(Project {
                root: root.to_path_buf(),
                // Paths in the file are relative to its folder.
                scenarios: raw.scenarios.iter().map(|p| root.join(p)).collect(),
                min_coverage: raw.min_coverage,
                exclude,
            }),
            _ => Err(Error::Invalid(problems)),
        }
    }

    /// Whether a path found while walking a folder is left out (`exclude:`), matched relative to
    /// the project's folder.
    pub fn excludes(&self, path: &Path) -> bool {
        // (Paths in the project file are relative to its folder, which is `root`.)
        if self.exclude.is_empty() {
            return false;
        }
        let root = if self.root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.root
        };
        let relative = match (path.canonicalize(), root.canonicalize()) {
            (Ok(path), Ok(root)) => path.strip_prefix(&root).map(Path::to_path_buf).ok(),
            _ => None,
        };
        let relative = relative.unwrap_or_else(|| path.to_path_buf());
        self.exclude.is_match(relative)
    }
}

fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
}

/// Every problem in a project file, for `hsb check`.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    read(source).2
}

/// The project file read (when it can be), its `exclude:` globs, and every problem in it.
fn read(source: &Source) -> (Option<RawProject>, globset::GlobSet, Vec<Diagnostic>) {
    use crate::input::diag::Code;
    let nothing = globset::GlobSet::empty();
    if let Err(d) = crate::input::yaml::expect_format(
        source,
        FORMAT,
        crate::text::messages::Msg::WhatProjectFile,
    ) {
        return (None, nothing, vec![d]);
    }
    let (raw, mut problems): (RawProject, _) = match crate::input::yaml::parse_lenient(
        source,
        REFERENCE,
        crate::input::yaml::Twice::MayPass,
    ) {
        Ok(read) => read,
        Err(all) => return (None, nothing, all),
    };
    if let Some(min) = raw.min_coverage
        && !(0.0..=100.0).contains(&min)
    {
        problems.push(
            Diagnostic::error_said(
                Code::BadContent,
                &source.name,
                crate::message!(DiagMinCoverage, min = min),
            )
            .at(source.locate(&["min_coverage:"]))
            .help_said(crate::message!(DiagMinCoverageHelp)),
        );
    }
    let mut exclude = globset::GlobSetBuilder::new();
    for pattern in &raw.exclude {
        match glob(pattern) {
            Ok(glob) => {
                exclude.add(glob);
            }
            Err(err) => problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &source.name,
                    crate::message!(DiagNotAGlob, pattern = pattern, reason = err.kind()),
                )
                .at(source.locate(&["exclude:", pattern]))
                .help_said(crate::message!(DiagNotAGlobHelp)),
            ),
        }
    }
    let exclude = exclude.build().unwrap_or_else(|err| {
        problems.push(
            Diagnostic::error_said(
                Code::BadContent,
                &source.name,
                crate::message!(DiagGlobsTogether, reason = err),
            )
            .at(source.locate(&["exclude:"]))
            .help_said(crate::message!(DiagGlobsTogetherHelp)),
        );
        globset::GlobSet::empty()
    });
    let base = source_folder(source);
    for scenarios in &raw.scenarios {
        if !base.join(scenarios).exists() {
            problems.push(
                Diagnostic::error_said(
                    Code::FileMissing,
                    &source.name,
                    crate::message!(DiagScenariosMissing, scenarios = scenarios),
                )
                .at(source.locate(&["scenarios:", scenarios]))
                .help_said(crate::message!(DiagScenariosMissingHelp)),
            );
        }
    }
    (Some(raw), exclude, problems)
}

fn source_folder(source: &Source) -> PathBuf {
    Path::new(&source.name)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}
