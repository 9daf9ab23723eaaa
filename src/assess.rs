//! `hsb assess`: the live assessment, from first question to saved record and report.

use crate::content::{Content, ContentPaths};
use crate::engine::evaluate;
use crate::error::{Error, exit};
use crate::interview::{Drafts, Interview, Prompter, Stop};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::record::Record;
use crate::report::{self, View};
use crate::save;
use crate::source::Source;
use crate::terminal::{self, FileDrafts, TerminalPrompter};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub resume: Option<PathBuf>,
    pub draft: Option<PathBuf>,
    pub save: Option<PathBuf>,
    pub report: Option<PathBuf>,
    pub force: bool,
}

pub fn run(paths: &ContentPaths, options: &Options) -> Result<i32, Error> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::usage(Msg::AssessNeedsTerminal, &[]));
    }
    let content = Content::load(paths)?;
    let questions = &content.questions;
    let (mut interview, draft_path) = match &options.resume {
        Some(path) => {
            let source = Source::read(path).map_err(|d| Error::Invalid(vec![d]))?;
            let (record, answered) = Record::load_draft(&source, questions, &content.level_ids())
                .map_err(Error::Invalid)?;
            (Interview::resume(questions, record, answered), path.clone())
        }
        None => {
            let path = match &options.draft {
                Some(path) => path.clone(),
                None => terminal::draft_dir()?.join(format!("draft-{}.yaml", timestamp())),
            };
            (Interview::new(questions), path)
        }
    };
    terminal::install_signal_handlers()?;
    let lang = content.lang();
    let mut prompter = TerminalPrompter::new(lang);
    let mut drafts = FileDrafts::new(draft_path.clone(), questions);
    if options.resume.is_none() {
        drafts.save(&interview.record, &interview.answered)?;
    }

    let width = report::TABLE_WIDTH as usize;
    if let Some(notice) = content.review_notice() {
        prompter.show(&report::wrap(notice, width));
    }
    prompter.show(&report::wrap(content.continuum.notice.trim(), width));
    let resume = terminal::resume_command(&draft_path, lang);
    prompter.show(&report::wrap(
        &Msg::DraftIntro.fill(
            lang,
            &[("path", &draft_path.display()), ("command", &resume)],
        ),
        width,
    ));
    if options.resume.is_some() {
        let case = interview
            .record
            .case_ref
            .clone()
            .unwrap_or_else(|| Msg::NoReferenceYet.text(lang).to_string());
        prompter.show(&Msg::Resuming.fill(
            lang,
            &[("case", &case), ("count", &interview.answered.len())],
        ));
    }
    match conduct(
        &content,
        &mut interview,
        &mut prompter,
        &mut drafts,
        options,
    ) {
        Ok(()) => {
            let _ = std::fs::remove_file(&draft_path);
            prompter.show(Msg::DraftRemoved.text(lang));
            Ok(exit::OK)
        }
        Err(Stop::Interrupted) => Ok(terminal::stopped()),
        Err(Stop::Failed(err)) => {
            eprintln!(
                "{}",
                Msg::AnswersSoFarIn.fill(
                    lang,
                    &[("path", &draft_path.display()), ("command", &resume)]
                )
            );
            Err(err)
        }
    }
}

/// The interview, the result, and saving.
fn conduct(
    content: &Content,
    interview: &mut Interview<'_>,
    p: &mut dyn Prompter,
    drafts: &mut dyn Drafts,
    options: &Options,
) -> Result<(), Stop> {
    interview.ask_case_ref(p, drafts)?;
    interview.ask_remaining(p, drafts)?;
    interview.review(p, drafts)?;

    let lang = content.lang();
    let record = interview.record.clone();
    let outcome = evaluate(content, &record);
    let case = record
        .case_ref
        .clone()
        .unwrap_or_else(|| Msg::NoReference.text(lang).to_string());
    let heading = Msg::CaseHeading.fill(lang, &[("case", &case)]);
    println!(
        "{}",
        report::table(&View::new(&heading, content, &record, &outcome))
    );

    let record_path = choose_path(
        p,
        options.save.as_deref(),
        &default_name(&record, "yaml"),
        Msg::SaveRecordAs,
        options.force,
        lang,
    )?;
    let yaml = record
        .to_yaml(&content.questions)
        .map_err(|e| Error::usage(Msg::CannotWriteRecord, &[("reason", &e)]))?;
    save::write_private(&record_path.path, yaml.as_bytes(), record_path.overwrite)?;
    p.show(&report::wrap(
        &Msg::SavedRecord.fill(
            lang,
            &[
                ("path", &record_path.path.display()),
                (
                    "command",
                    &terminal::replay_command(&record_path.path, lang),
                ),
            ],
        ),
        report::TABLE_WIDTH as usize,
    ));

    let report_path = match &options.report {
        Some(path) => Some(choose_path(
            p,
            Some(path),
            "",
            Msg::WriteReportTo,
            options.force,
            lang,
        )?),
        None => {
            if p.confirm(Msg::WriteReportQuestion.text(lang), true)? {
                let default = record_path.path.with_extension("md").display().to_string();
                Some(choose_path(
                    p,
                    None,
                    &default,
                    Msg::WriteReportTo,
                    options.force,
                    lang,
                )?)
            } else {
                None
            }
        }
    };
    if let Some(target) = report_path {
        let view = View::new(
            &record_path.path.display().to_string(),
            content,
            &record,
            &outcome,
        );
        save::write_private(
            &target.path,
            report::markdown(&view).as_bytes(),
            target.overwrite,
        )?;
        p.show(&report::wrap(
            &Msg::WroteReport.fill(lang, &[("path", &target.path.display())]),
            report::TABLE_WIDTH as usize,
        ));
    }
    Ok(())
}

struct Target {
    path: PathBuf,
    overwrite: bool,
}

/// A path to write to: the one given, or one asked for; an existing file is replaced only with
/// --force or the practitioner's confirmation.
fn choose_path(
    p: &mut dyn Prompter,
    given: Option<&Path>,
    default: &str,
    prompt: Msg,
    force: bool,
    lang: Lang,
) -> Result<Target, Stop> {
    let mut candidate = given.map(Path::to_path_buf);
    loop {
        let path = match candidate.take() {
            Some(path) => path,
            None => PathBuf::from(
                p.input(prompt.text(lang), default, &|text| {
                    if text.trim().is_empty() {
                        Err(Msg::EnterFileName.text(lang).to_string())
                    } else if Path::new(text.trim()).is_dir() {
                        Err(Msg::IsAFolder.text(lang).to_string())
                    } else {
                        Ok(())
                    }
                })?
                .trim(),
            ),
        };
        if !path.exists() || force {
            return Ok(Target {
                path,
                overwrite: force,
            });
        }
        if p.confirm(
            &Msg::ReplaceExisting.fill(lang, &[("path", &path.display())]),
            false,
        )? {
            return Ok(Target {
                path,
                overwrite: true,
            });
        }
    }
}

/// `hsb-<case ref>.yaml`, with the reference reduced to safe file-name characters.
fn default_name(record: &Record, extension: &str) -> String {
    let reference: String = record
        .case_ref
        .as_deref()
        .unwrap_or("assessment")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("hsb-{}.{extension}", reference.trim_matches('-'))
}

/// UTC `YYYYMMDD-HHMMSS`, for draft names.
fn timestamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
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

    #[test]
    fn timestamps_are_dates() {
        let t = timestamp();
        assert_eq!(t.len(), 15);
        assert!(t.starts_with("20"));
    }
}
