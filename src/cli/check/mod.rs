//! `hsb check`: validate question sets, continuum files, rule sets and scenarios, reporting every
//! problem with a stable code, for people and for CI.

use crate::content::case_record;
use crate::content::{self, ContentPaths, embedded};
use crate::content::{continuum, continuum::Continuum};
use crate::content::{questions, questions::QuestionSet};
use crate::content::{rules, rules::RuleSet};
use crate::input::diag::{Code, Diagnostic, Severity};
use crate::input::error::Error;
use crate::input::files;
use crate::input::source::Source;
use crate::input::yaml;
use crate::record::{self, Record};
use crate::text::messages;
use crate::text::suggest;
use std::path::PathBuf;

mod message_file;
mod render;
pub(crate) use render::annotation;
pub use render::{render_github, render_human, render_json, render_sarif, summary};

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Files examined (a path that does not exist is not a file).
    pub files: usize,
    /// Paths that could not be read at all, missing ones included.
    pub unreadable: usize,
    /// Paths named or found, readable or not.
    pub paths: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Questions,
    Levels,
    Rules,
    Record,
    Messages,
    CaseRecord,
    Glossary,
    Project,
    Tags,
}

const KINDS: [(&str, Kind); 9] = [
    (questions::FORMAT, Kind::Questions),
    (continuum::FORMAT, Kind::Levels),
    (rules::FORMAT, Kind::Rules),
    (record::FORMAT, Kind::Record),
    (messages::FORMAT, Kind::Messages),
    (case_record::FORMAT, Kind::CaseRecord),
    (crate::content::glossary::FORMAT, Kind::Glossary),
    (crate::input::project::FORMAT, Kind::Project),
    (crate::content::tags::FORMAT, Kind::Tags),
];

/// Check the files named (folders are searched for `.yaml` files), or the built-in defaults
/// when none are named. Content the files need but do not include (a question set for
/// scenarios, say) comes from `--questions`/`--rules` or the defaults.
pub fn check(inputs: &[PathBuf], paths: &ContentPaths) -> Result<Report, Error> {
    let mut report = Report::default();
    let sources = if inputs.is_empty() {
        let sources = built_in();
        report.files = sources.len();
        sources
    } else {
        read_all(inputs, &mut report)?
    };
    let (questions, continuum) = check_content(&sources, paths, &mut report)?;
    let mut rule_sets = Vec::new();
    for (source, _) in sources.iter().filter(|(_, k)| *k == Kind::Rules) {
        match RuleSet::load(source, &questions, &continuum) {
            Ok(rules) => {
                report.diagnostics.extend(rules.lint(source, &questions));
                report.diagnostics.extend(rules.warnings.iter().cloned());
                rule_sets.push(rules);
            }
            Err(d) => report.diagnostics.extend(d),
        }
    }
    let rules_for_expect = match rule_sets.into_iter().next() {
        Some(rules) => Some(rules),
        None => default_rules(paths, &questions, &continuum),
    };
    let levels = continuum.level_ids();
    for (source, _) in sources.iter().filter(|(_, k)| *k == Kind::Record) {
        match Record::load(source, &questions, &levels) {
            Ok(record) => {
                report
                    .diagnostics
                    .extend(answers_not_applying(source, &record, &questions));
                if let Some(rules) = &rules_for_expect {
                    report
                        .diagnostics
                        .extend(expect_problems(source, &record, rules, &continuum));
                }
            }
            Err(d) => report.diagnostics.extend(d),
        }
    }
    Ok(report)
}

/// The built-in content files, checked when no file is named.
fn built_in() -> Vec<(Source, Kind)> {
    [
        (
            embedded::QUESTIONS.0,
            embedded::QUESTIONS.1,
            Kind::Questions,
        ),
        (embedded::LEVELS.0, embedded::LEVELS.1, Kind::Levels),
        (embedded::RULES.0, embedded::RULES.1, Kind::Rules),
        (messages::EMBEDDED.0, messages::EMBEDDED.1, Kind::Messages),
        (
            case_record::EMBEDDED.0,
            case_record::EMBEDDED.1,
            Kind::CaseRecord,
        ),
        (
            crate::content::glossary::EMBEDDED.0,
            crate::content::glossary::EMBEDDED.1,
            Kind::Glossary,
        ),
        (
            crate::content::tags::EMBEDDED.0,
            crate::content::tags::EMBEDDED.1,
            Kind::Tags,
        ),
    ]
    .into_iter()
    .map(|(name, yaml, kind)| (Source::embedded(name, yaml), kind))
    .collect()
}

/// Every file named (folders searched), each recognised by its `format:` line; what cannot be
/// read or recognised is reported.
fn read_all(inputs: &[PathBuf], report: &mut Report) -> Result<Vec<(Source, Kind)>, Error> {
    let mut sources = Vec::new();
    for path in files::expand(inputs)? {
        report.paths += 1;
        match Source::read(&path) {
            Ok(source) => {
                report.files += 1;
                if source.had_bom {
                    report.diagnostics.push(
                        Diagnostic::warning_said(
                            Code::ByteOrderMark,
                            &source.name,
                            crate::message!(DiagBom),
                        )
                        .at(Some((1, 1)))
                        .help_said(crate::message!(DiagBomHelp)),
                    );
                }
                match classify(&source) {
                    Ok(kind) => sources.push((source, kind)),
                    Err(d) => report.diagnostics.push(d),
                }
            }
            Err(d) => {
                // A missing path is reported by its name, not counted as a file checked.
                if d.code != Code::FileMissing {
                    report.files += 1;
                }
                report.unreadable += 1;
                report.diagnostics.push(d);
            }
        }
    }
    Ok(sources)
}

/// Check every content file except rule sets and records, and return the question set and
/// continuum the others are checked against: the first named, else --questions / --rules, else
/// the defaults. Content named but broken (its problems are already reported) gives way to
/// --questions / --rules or the defaults, so that everything else is still checked.
fn check_content(
    sources: &[(Source, Kind)],
    paths: &ContentPaths,
    report: &mut Report,
) -> Result<(QuestionSet, Continuum), Error> {
    let named = |kind: Kind| sources.iter().find(|(_, k)| *k == kind).map(|(s, _)| s);
    let questions_name = match named(Kind::Questions) {
        Some(source) => source.name.clone(),
        None => content_source(paths.questions.as_ref(), embedded::QUESTIONS)?.name,
    };
    let levels_name = match named(Kind::Levels) {
        Some(source) => source.name.clone(),
        None => default_levels(paths)?.name,
    };
    let (mut questions, mut continuum) = (None, None);
    for (source, kind) in sources {
        match kind {
            Kind::Questions => match QuestionSet::load(source, paths.lang) {
                Ok(set) => {
                    report.diagnostics.extend(missing_questions(source, &set));
                    report.diagnostics.extend(set.warnings.iter().cloned());
                    if source.name == questions_name {
                        questions = Some(set);
                    }
                }
                Err(d) => report.diagnostics.extend(d),
            },
            Kind::Levels => match Continuum::load(source, paths.lang) {
                Ok(c) => {
                    report.diagnostics.extend(c.warnings.iter().cloned());
                    if source.name == levels_name {
                        continuum = Some(c);
                    }
                }
                Err(d) => report.diagnostics.extend(d),
            },
            _ => report.diagnostics.extend(check_other(source, *kind, paths)),
        }
    }
    let questions = match questions {
        Some(set) => set,
        None => QuestionSet::load(
            &content_source(paths.questions.as_ref(), embedded::QUESTIONS)?,
            paths.lang,
        )
        .map_err(Error::Invalid)?,
    };
    let continuum = match continuum {
        Some(c) => c,
        None => Continuum::load(&default_levels(paths)?, paths.lang).map_err(Error::Invalid)?,
    };
    Ok((questions, continuum))
}

/// The problems of a file that needs nothing else to be checked: a message file, a glossary,
/// a project file or a case-record vocabulary. Rule sets and records are checked later.
fn check_other(source: &Source, kind: Kind, paths: &ContentPaths) -> Vec<Diagnostic> {
    match kind {
        Kind::Messages => message_file::check(source),
        Kind::Glossary => crate::content::glossary::check(source),
        Kind::Project => crate::input::project::check(source),
        Kind::Tags => crate::content::tags::check(source),
        Kind::CaseRecord => match case_record::Terms::load(source, paths.lang) {
            Ok(terms) => terms.warnings,
            Err(d) => d,
        },
        Kind::Questions | Kind::Levels | Kind::Rules | Kind::Record => Vec::new(),
    }
}

/// Answers to fields that do not apply given the file's other answers (about another person
/// when nobody else was involved, earlier incidents after a one-off): hsb sets them aside, so
/// the file says something it does not act on.
fn answers_not_applying(
    source: &Source,
    record: &Record,
    questions: &QuestionSet,
) -> Option<Diagnostic> {
    let facts = crate::record::facts::Facts::new(questions, record);
    let ignored: Vec<&str> = record
        .answers
        .keys()
        .map(String::as_str)
        .filter(|key| !facts.applies(key))
        .collect();
    let first = ignored.first()?;
    Some(
        Diagnostic::warning_said(
            Code::AnswersNotApplying,
            &source.name,
            crate::message!(
                DiagAnswersSetAside,
                fields = suggest::join(ignored.iter().copied());
                said count = messages::count_said(
                    ignored.len(),
                    messages::Msg::CountAnswerOne,
                    messages::Msg::CountAnswers
                )
            ),
        )
        .at(source.locate(&["answers", first]))
        .help_said(crate::message!(DiagAnswersSetAsideHelp)),
    )
}

fn classify(source: &Source) -> Result<Kind, Diagnostic> {
    let format = yaml::format_of(source)?;
    let formats = KINDS.iter().map(|(f, _)| *f);
    match format {
        Some(found) => KINDS
            .iter()
            .find(|(f, _)| *f == found)
            .map(|(_, k)| *k)
            .ok_or_else(|| {
                let family = |f: &str| f.split('/').next().unwrap_or(f).to_string();
                if let Some((known, _)) = KINDS.iter().find(|(f, _)| family(f) == family(&found)) {
                    return Diagnostic::error_said(
                        Code::Format,
                        &source.name,
                        crate::message!(DiagFormatVersion, found = found),
                    )
                    .at(source.locate(&["format"]))
                    .help_said(crate::message!(DiagFormatReads, expected = known));
                }
                Diagnostic::error_said(
                    Code::UnknownKind,
                    &source.name,
                    crate::message!(DiagFormatUnknownKind, found = found),
                )
                .at(source.locate(&["format"]))
                .help_said(suggest::hint_said(&found, formats))
            }),
        None => Err(Diagnostic::error_said(
            Code::UnknownKind,
            &source.name,
            crate::message!(DiagNoFormatKind),
        )
        .at(Some((1, 1)))
        .help_said(crate::message!(
            DiagAddAFormat,
            formats = suggest::join(formats)
        ))),
    }
}

fn content_source(path: Option<&PathBuf>, default: embedded::File) -> Result<Source, Error> {
    match path {
        Some(path) => Source::read(path).map_err(|d| Error::Invalid(vec![d])),
        None => Ok(Source::embedded(default.0, default.1)),
    }
}

fn default_levels(paths: &ContentPaths) -> Result<Source, Error> {
    match &paths.rules {
        Some(dir) if dir.is_dir() && dir.join("levels.yaml").exists() => {
            Source::read(&dir.join("levels.yaml")).map_err(|d| Error::Invalid(vec![d]))
        }
        _ => Ok(Source::embedded(embedded::LEVELS.0, embedded::LEVELS.1)),
    }
}

/// The rules scenarios' expectations are checked against when no rules file is among the inputs.
fn default_rules(
    paths: &ContentPaths,
    questions: &QuestionSet,
    continuum: &Continuum,
) -> Option<RuleSet> {
    let source = match &paths.rules {
        Some(dir) if dir.is_dir() => Source::read(&dir.join("rules.yaml")).ok()?,
        Some(file) => Source::read(file).ok()?,
        None => Source::embedded(embedded::RULES.0, embedded::RULES.1),
    };
    RuleSet::load(&source, questions, continuum).ok()
}

/// Appendix 3's questions, by id, that a question set should keep.
fn missing_questions(source: &Source, set: &QuestionSet) -> Vec<Diagnostic> {
    let Ok(defaults) = content::load_questions(&ContentPaths::default()) else {
        return Vec::new();
    };
    defaults
        .questions
        .iter()
        .filter(|q| !set.questions.iter().any(|mine| mine.id == q.id))
        .map(|q| {
            Diagnostic::warning_said(
                Code::MissingQuestion,
                &source.name,
                crate::message!(DiagQuestionMissing, n = q.number, id = q.id, text = q.text),
            )
            .at(source.locate(&["questions:"]))
            .help_said(crate::message!(DiagQuestionMissingHelp))
        })
        .collect()
}

/// An `expect:` block's rules and responses must exist in the rule set.
fn expect_problems(
    source: &Source,
    record: &Record,
    rules: &RuleSet,
    continuum: &Continuum,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // A saved case record (with its assessment or judgement) is not a teaching scenario: it needs
    // no expectation.
    let saved = record.assessment.is_some() || record.judgement.is_some();
    let Some(expect) = &record.expect else {
        if saved {
            return problems;
        }
        problems.push(
            Diagnostic::warning_said(Code::NoExpect, &source.name, crate::message!(DiagNoExpect))
                .help_said(crate::message!(DiagNoExpectHelp)),
        );
        return problems;
    };
    for id in &expect.rules {
        if rules.rule(id).is_none() {
            problems.push(
                Diagnostic::error_said(
                    Code::BadExpect,
                    &source.name,
                    crate::message!(DiagExpectRule, id = id),
                )
                .at(source.locate(&["expect", "rules", id]))
                .help_said(rules.hint_said(id)),
            );
        }
    }
    let response_ids: Vec<&str> = continuum
        .levels
        .iter()
        .flat_map(|l| l.responses.child.iter().chain(&l.responses.harmed_child))
        .chain(
            rules
                .rules
                .iter()
                .flat_map(|r| r.responses.child.iter().chain(&r.responses.harmed_child)),
        )
        .map(|r| r.id.as_str())
        .collect();
    for id in &expect.responses {
        if !response_ids.contains(&id.as_str()) {
            problems.push(
                Diagnostic::error_said(
                    Code::BadExpect,
                    &source.name,
                    crate::message!(DiagExpectResponse, id = id),
                )
                .at(source.locate(&["expect", "responses", id]))
                .help_said(suggest::hint_said(id, response_ids.iter().copied())),
            );
        }
    }
    problems
}

/// "s" unless there is exactly one, for the English summaries CI reads ("3 files", "1 file").
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
