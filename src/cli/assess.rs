//! `hsb assess`: the live assessment, from first question to saved record and report.

use crate::cli::drafts;
use crate::cli::interview::{Drafts, Interview, Prompter, Stop};
use crate::cli::{terminal, terminal::DraftFile, terminal::FileDrafts, terminal::TerminalPrompter};
use crate::content::{Content, ContentPaths};
use crate::engine::{Outcome, evaluate};
use crate::input::error::{Error, exit};
use crate::input::source::Source;
use crate::input::{save, save::Written};
use crate::record::Record;
use crate::report::{self, ReportFormat, View};
use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use crate::text::screen;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub resume: Option<PathBuf>,
    pub draft: Option<PathBuf>,
    pub save: Option<PathBuf>,
    pub report: Option<PathBuf>,
    pub report_format: Option<report::ReportFormat>,
    pub force: bool,
}

pub fn run(paths: &ContentPaths, options: &Options) -> Result<i32, Error> {
    // A `--report` name that cannot hold the report is said now, not after the interview.
    if let Some(path) = &options.report {
        report_format(path, options.report_format).map_err(Error::Usage)?;
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(crate::usage!(AssessNeedsTerminal));
    }
    let content = Content::load(paths)?;
    let questions = &content.questions;
    let lang = content.lang();
    let (mut interview, target, copied_from) = start(&content, options)?;
    terminal::install_signal_handlers()?;
    let mut prompter = TerminalPrompter::new(lang);
    let mut drafts = FileDrafts::new(target, questions);
    greet(
        &mut prompter,
        &content,
        &interview,
        copied_from.as_deref(),
        options,
    );
    match conduct(
        &content,
        &mut interview,
        &mut prompter,
        &mut drafts,
        options,
    ) {
        Ok(()) => {
            if drafts.remove() {
                prompter.show(Msg::DraftRemoved.text(lang));
            }
            if let Some(original) = &copied_from {
                prompter.show(&screen::fit(&crate::say!(
                    lang,
                    OriginalUnchanged,
                    path = original.display()
                )));
            }
            Ok(exit::OK)
        }
        Err(Stop::Interrupted | Stop::Back) => Ok(terminal::stopped()),
        Err(Stop::Failed(err)) => {
            if let Some(path) = drafts.path() {
                eprintln!(
                    "{}",
                    crate::say!(
                        lang,
                        AnswersSoFarIn,
                        path = path.display(),
                        command = terminal::resume_command(path, lang)
                    )
                );
            }
            Err(err)
        }
    }
}

/// What is being resumed, and whether it is one of hsb's own drafts (carried on in place) or
/// anything else (copied into a new draft; the original is never changed or removed); or a
/// new interview, its draft where `--draft` says (never over an existing file) or in hsb's
/// drafts folder.
fn start<'c>(
    content: &'c Content,
    options: &Options,
) -> Result<(Interview<'c>, DraftFile, Option<PathBuf>), Error> {
    let questions = &content.questions;
    if let Some(named) = &options.resume {
        let path = &drafts::find(named);
        let source = Source::read(path).map_err(|d| Error::Invalid(vec![d]))?;
        let (record, answered) =
            Record::load_draft(&source, questions, &content.level_ids()).map_err(Error::Invalid)?;
        let interview = Interview::resume(questions, record, answered);
        return Ok(if drafts::is_ours(path) {
            (interview, DraftFile::Resumed(path.to_path_buf()), None)
        } else {
            let dir = drafts::create_folder()?;
            (interview, DraftFile::New(dir), Some(path.clone()))
        });
    }
    Ok(match &options.draft {
        Some(path) if std::fs::symlink_metadata(path).is_ok() => {
            return Err(crate::usage!(DraftExists, path = path.display()));
        }
        Some(path) => (
            Interview::new(questions),
            DraftFile::Given(path.clone()),
            None,
        ),
        None => (
            Interview::new(questions),
            DraftFile::New(drafts::create_folder()?),
            None,
        ),
    })
}

/// The notices first, then (when resuming) where the answers come from and how many there are.
fn greet(
    prompter: &mut TerminalPrompter,
    content: &Content,
    interview: &Interview<'_>,
    copied_from: Option<&std::path::Path>,
    options: &Options,
) {
    let lang = content.lang();
    if let Some(notice) = content.review_notice() {
        prompter.show(&screen::fit(notice));
    }
    prompter.show(&screen::fit(content.continuum.notice.trim()));
    if let Some(original) = copied_from {
        prompter.show(&screen::fit(&crate::say!(
            lang,
            ResumeCopy,
            path = original.display()
        )));
    }
    if options.resume.is_some() {
        let case = interview
            .record
            .case_ref
            .clone()
            .unwrap_or_else(|| Msg::NoReferenceYet.text(lang).to_string());
        prompter.show(&crate::say!(
            lang,
            Resuming,
            case = case,
            count = interview.answered.len()
        ));
    }
}

/// Say where the draft is kept and how to carry on from it, once the file exists.
fn announce_draft(p: &mut dyn Prompter, drafts: &FileDrafts<'_>, lang: Lang) {
    if let Some(path) = drafts.path() {
        let resume = terminal::resume_command(path, lang);
        p.show(&screen::fit(&crate::say!(
            lang,
            DraftIntro,
            path = path.display(),
            command = resume
        )));
    }
}

/// The interview, the result, and saving.
fn conduct(
    content: &Content,
    interview: &mut Interview<'_>,
    p: &mut dyn Prompter,
    drafts: &mut FileDrafts<'_>,
    options: &Options,
) -> Result<(), Stop> {
    interview.ask_case_ref(p, drafts)?;
    if drafts.path().is_none() {
        // A record resumed with its reference already given: make its copy now, before
        // anything is changed.
        drafts.save(&interview.record, &interview.answered)?;
    }
    announce_draft(p, drafts, content.lang());
    interview.ask_remaining(p, drafts)?;
    interview.review(p, drafts)?;
    let lang = content.lang();
    let mut record = interview.record.clone();
    let mut outcome = evaluate(content, &record);
    // One screen at a time: the result at a glance, then a menu. Esc at the menu goes back to
    // the review of the answers.
    let mut next = Next::FullResult;
    loop {
        let view = result_view(content, &record, &outcome);
        println!(
            "\n{}",
            report::glance::render(&view, screen::width(), screen::plain())
        );
        let items = Next::ALL.map(|n| n.label().text(lang).to_string());
        let chosen = match p.select(Msg::WhatNext.text(lang), &items, Some(next as usize)) {
            Err(Stop::Back) => Next::ChangeAnswers,
            other => Next::ALL.get(other?).copied().unwrap_or(Next::Save),
        };
        match chosen {
            Next::FullResult => {
                p.page(&full_result(&view));
                next = Next::Judgement;
            }
            Next::Judgement => {
                // Asked on a copy: Esc part-way leaves the record as it was.
                let mut copy = record.clone();
                match crate::cli::ask::ask(p, content, &mut copy, &outcome) {
                    Ok(()) => {
                        record = copy;
                        drafts.save(&record, &interview.answered)?;
                        next = Next::Save;
                    }
                    Err(Stop::Back) => {}
                    Err(stop) => return Err(stop),
                }
            }
            Next::ChangeAnswers => {
                // The case record goes with the answers, so that every draft written while
                // they are changed keeps the judgement, role and actions already recorded.
                interview.record.assessment = record.assessment.take();
                interview.record.judgement = record.judgement.take();
                interview.record.actions = std::mem::take(&mut record.actions);
                interview.review(p, drafts)?;
                record = interview.record.clone();
                outcome = evaluate(content, &record);
                next = Next::FullResult;
            }
            Next::Save => match save_all(content, p, drafts, options, &record, &outcome) {
                Err(Stop::Back) => next = Next::Save,
                other => return other,
            },
        }
    }
}

/// The choices after the result, in the order offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    FullResult,
    Judgement,
    Save,
    ChangeAnswers,
}

impl Next {
    const ALL: [Next; 4] = [
        Next::FullResult,
        Next::Judgement,
        Next::Save,
        Next::ChangeAnswers,
    ];

    fn label(self) -> Msg {
        match self {
            Next::FullResult => Msg::NextFullResult,
            Next::Judgement => Msg::NextJudgement,
            Next::Save => Msg::NextSave,
            Next::ChangeAnswers => Msg::NextChangeAnswers,
        }
    }
}

fn result_view(content: &Content, record: &Record, outcome: &Outcome) -> View {
    let case = record
        .case_ref
        .clone()
        .unwrap_or_else(|| Msg::NoReference.text(content.lang()).to_string());
    let heading = crate::say!(content.lang(), CaseHeading, case = case);
    View::new(&heading, content, record, outcome)
}

/// The whole result: the tables, or plain text for screen readers.
fn full_result(view: &View) -> String {
    if screen::plain() {
        report::text(view)
    } else {
        report::table(view)
    }
}

/// Save the record, then the report if wanted. Esc before the record is saved goes back to the
/// menu; once it is saved, Esc at the report's questions writes no report.
fn save_all(
    content: &Content,
    p: &mut dyn Prompter,
    drafts: &FileDrafts<'_>,
    options: &Options,
    record: &Record,
    outcome: &Outcome,
) -> Result<(), Stop> {
    let lang = content.lang();
    let yaml = record
        .to_yaml(&content.questions)
        .map_err(|e| crate::usage!(CannotWriteRecord, reason = e))?;
    // Never written over: the draft (removed once the record is saved) and the file resumed
    // (which the practitioner was promised stays as it was).
    let mut saving = Saving {
        force: options.force,
        lang,
        kept: drafts
            .path()
            .map(Path::to_path_buf)
            .into_iter()
            .chain(options.resume.clone())
            .collect(),
    };
    let default = default_path(record, "yaml");
    let record_path = save_to(
        p,
        options.save.as_deref(),
        &default,
        Msg::SaveRecordAs,
        &saving,
        (&|_| Ok(()), &|_| Ok(yaml.clone().into_bytes())),
    )?;
    saving.kept.push(record_path.clone());
    p.show(&screen::fit(&crate::say!(
        lang,
        SavedRecord,
        path = record_path.display(),
        command = terminal::replay_command(&record_path, lang)
    )));
    let asked = options.report.is_some()
        || match p.confirm(Msg::WriteReportQuestion.text(lang), true) {
            Ok(yes) => yes,
            Err(Stop::Back) => false,
            Err(stop) => return Err(stop),
        };
    if !asked {
        return Ok(());
    }
    let view = View::new(&record_path.display().to_string(), content, record, outcome);
    save_report(p, options, &saving, &record_path, &view)
}

/// The format a report written to `path` takes: `given` (`--report-format`), else the one its
/// name implies, else Markdown. A name ending in another format's extension (`.pdf`, `.docx`,
/// or `.md` with `--report-format html`) is refused: the file would not hold what its name
/// promises.
fn report_format(path: &Path, given: Option<ReportFormat>) -> Result<ReportFormat, Message> {
    let implied = ReportFormat::for_path(path);
    match (given, implied, path.extension()) {
        (_, None, Some(_)) => Err(crate::message!(
            ReportExtensionUnknown,
            path = path.display()
        )),
        (Some(given), Some(implied), _) if given != implied => Err(crate::message!(
            ReportExtensionMismatch,
            path = path.display(),
            extension = given.extension()
        )),
        (Some(format), _, _) | (None, Some(format), _) => Ok(format),
        (None, None, None) => Ok(ReportFormat::Markdown),
    }
}

/// Write the report beside the record (or where `--report` says), in the format given, else
/// the one the file name implies, else Markdown. The record is saved already: going back now
/// means no report.
fn save_report(
    p: &mut dyn Prompter,
    options: &Options,
    saving: &Saving,
    record_path: &Path,
    view: &View,
) -> Result<(), Stop> {
    let format_for = |path: &Path| {
        report_format(path, options.report_format).map_err(|refused| refused.render(saving.lang))
    };
    let bytes_for = |path: &Path| format_for(path).map(|f| f.render(view).into_bytes());
    let default_format = options.report_format.unwrap_or(ReportFormat::Markdown);
    let default = record_path
        .with_extension(default_format.extension())
        .display()
        .to_string();
    match save_to(
        p,
        options.report.as_deref(),
        &default,
        Msg::WriteReportTo,
        saving,
        (&|path| format_for(path).map(|_| ()), &bytes_for),
    ) {
        Ok(written) => {
            p.show(&screen::fit(&crate::say!(
                saving.lang,
                WroteReport,
                path = written.display()
            )));
            Ok(())
        }
        Err(Stop::Back) => Ok(()),
        Err(stop) => Err(stop),
    }
}

/// How to save: whether --force was given, the language, and files never to write over.
struct Saving {
    force: bool,
    lang: Lang,
    kept: Vec<PathBuf>,
}

impl Saving {
    /// Whether `path` names one of the files kept (the same file, however it is written).
    fn keeps(&self, path: &Path) -> bool {
        let Ok(path) = path.canonicalize() else {
            return false;
        };
        self.kept
            .iter()
            .any(|k| k.canonicalize().is_ok_and(|k| k == path))
    }
}

/// A check, or the bytes to write, for a path; a refusal says why in the reader's language.
type Refuses<'a, T> = dyn Fn(&Path) -> Result<T, String> + 'a;

/// Write `bytes_for(path)` to the path given, or to one asked for; `name_holds` refuses, while
/// it is typed, a name that cannot hold the file. An existing file is replaced only with
/// --force or the practitioner's confirmation; answering no asks for another path, and both
/// files are kept. The write itself never replaces a file that appears after the question.
fn save_to(
    p: &mut dyn Prompter,
    given: Option<&Path>,
    default: &str,
    prompt: Msg,
    saving: &Saving,
    (name_holds, bytes_for): (&Refuses<'_, ()>, &Refuses<'_, Vec<u8>>),
) -> Result<PathBuf, Stop> {
    let (force, lang) = (saving.force, saving.lang);
    let mut candidate = given.map(Path::to_path_buf);
    // What the prompt offers: the default, or the path just refused, for correcting.
    let mut offered = default.to_string();
    loop {
        let path = match candidate.take() {
            Some(path) => path,
            None => PathBuf::from(
                p.input(prompt.text(lang), &offered, &|text| {
                    if text.trim().is_empty() {
                        Err(Msg::EnterFileName.text(lang).to_string())
                    } else if Path::new(text.trim()).is_dir() {
                        Err(Msg::IsAFolder.text(lang).to_string())
                    } else {
                        // A name that cannot hold the file (a report named .pdf) is refused
                        // here, with the name kept for correcting.
                        name_holds(Path::new(text.trim()))
                    }
                })?
                .trim(),
            ),
        };
        if drafts::would_be_ours(&path) {
            // Drafts are removed once saved: a record or report there would be lost.
            p.show(&screen::fit(&crate::say!(
                lang,
                SaveIntoDrafts,
                path = path.display()
            )));
            continue;
        }
        if saving.keeps(&path) {
            p.show(&screen::fit(&crate::say!(
                lang,
                SaveOverKept,
                path = path.display()
            )));
            continue;
        }
        let bytes = match bytes_for(&path) {
            Ok(bytes) => bytes,
            Err(reason) => {
                p.show(&screen::fit(&reason));
                offered = path.display().to_string();
                continue;
            }
        };
        let written = if force {
            save::write_private(&path, &bytes, true).map(|()| Written::Done)
        } else {
            save::write_new(&path, &bytes)
        };
        match written {
            Ok(Written::Done) => return Ok(path),
            Ok(Written::AlreadyExists) => {
                let question = crate::say!(lang, ReplaceExisting, path = path.display());
                if p.confirm(&question, false)? {
                    save::write_private(&path, &bytes, true)?;
                    return Ok(path);
                }
                // The suggested name again, not a path refused earlier.
                offered = default.to_string();
            }
            // A link, a folder, a folder that does not exist: say so, and ask again with the
            // path offered for correcting.
            Err(err) => {
                p.show(&screen::fit(&err.render(lang)));
                offered = path.display().to_string();
            }
        }
    }
}

/// `hsb-<case ref>.<extension>` in the private records folder, offered as the place to save;
/// the practitioner may type any other. Without a home folder, just the name (the current
/// folder, shown before anything is written).
fn default_path(record: &Record, extension: &str) -> String {
    let name = default_name(record, extension);
    match save::records_folder().and_then(save::create_private_folder) {
        Ok(folder) => folder.join(name).display().to_string(),
        Err(_) => name,
    }
}

/// `hsb-<case ref>.yaml`, with the reference reduced to safe file-name characters.
fn default_name(record: &Record, extension: &str) -> String {
    let reference = drafts::safe_name(record.case_ref.as_deref().unwrap_or(""));
    let reference = if reference.is_empty() {
        "assessment".to_string()
    } else {
        reference
    };
    format!("hsb-{reference}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_never_carry_unsafe_characters() {
        let record = Record {
            case_ref: Some("../A B/7".to_string()),
            ..Record::default()
        };
        assert_eq!(default_name(&record, "yaml"), "hsb-A-B-7.yaml");
    }
}
