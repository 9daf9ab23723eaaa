//! The command line: argument definitions and dispatch to the library.

pub mod args;
pub mod ask;
pub mod assess;
pub mod blind;
pub mod check;
pub mod commands;
pub mod diff;
pub mod drafts;
pub mod help;
pub mod interview;
pub mod manual;
pub mod selection;
pub mod suite;
pub mod terminal;
pub mod training;

use crate::content::{self, ContentPaths};
use crate::input::error::{Error, exit};
use crate::report;
use crate::text::lang::Lang;
pub use args::{Cli, parse};
use args::{Command, ExportFormat, MaterialFormat, ResultFormat};
use std::io::{IsTerminal, Write};

/// Text wrapped to the screen, unless it is Markdown (whose paragraphs are for a renderer to fill).
fn fit_unless(markdown: bool, text: &str) -> String {
    if markdown {
        text.to_string()
    } else {
        crate::text::screen::fit(text)
    }
}

/// Why `HSB_LANG` was refused, in `lang`.
pub fn explain(_: crate::text::lang::UnknownHsbLang, lang: Lang) -> &'static str {
    crate::text::messages::Msg::HsbLangInvalid.text(lang)
}

/// Run a parsed command line in `lang` (see [`Lang::from_env`]); returns the exit code.
pub fn run(cli: Cli, lang: Lang) -> Result<i32, Error> {
    crate::text::screen::set_plain(cli.plain);
    let mut cli = cli;
    let mut paths = ContentPaths {
        lang,
        questions: cli.questions.take(),
        rules: cli.rules.take(),
        found: None,
        project_root: None,
    };
    apply_project(&mut cli.command, &mut paths)?;
    discover(&mut cli.command, &mut paths)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    dispatch(cli.command, &paths, &mut out)
}

/// A board's project file fixes the scenarios, the minimum coverage and what to leave out, for
/// the commands CI runs; its folder's continuum/ and questions/ are the rules tested.
fn apply_project(command: &mut Command, paths: &mut ContentPaths) -> Result<(), Error> {
    use crate::input::project::Project;
    let project = match command {
        Command::Test { .. } | Command::Diff { .. } => Project::find()?,
        // `check` reports a broken project file itself, with everything else it finds.
        Command::Check { files, .. } => Project::find().unwrap_or_else(|_| {
            if files.is_empty()
                && let Some((file, _)) = Project::locate()
            {
                files.push(file);
            }
            None
        }),
        _ => None,
    };
    let Some(project) = project else {
        return Ok(());
    };
    crate::input::files::exclude(&project);
    if !project.root.as_os_str().is_empty() {
        paths.project_root = Some(project.root.clone());
    }
    match command {
        Command::Test {
            files,
            min_coverage,
            ..
        } => {
            if files.is_empty() {
                files.clone_from(&project.scenarios);
            }
            if min_coverage.is_none() {
                *min_coverage = project.min_coverage.map(|m| m.to_string());
            }
        }
        Command::Diff { files, .. } if files.is_empty() => files.clone_from(&project.scenarios),
        Command::Check { files, .. } if files.is_empty() => *files = project.everything(),
        _ => {}
    }
    Ok(())
}

/// The files each command reads. The content under test is the repository's: files given
/// among the inputs, else (for the commands CI runs) the current folder's continuum/ and
/// questions/, else the built-in defaults. A practitioner's or trainer's results never depend
/// on the folder they are in.
fn discover(command: &mut Command, paths: &mut ContentPaths) -> Result<(), Error> {
    if let Command::Test { files, .. } | Command::Diff { files, .. } = command
        && files.is_empty()
    {
        return Err(crate::usage!(NoScenarioFiles));
    }
    match command {
        Command::Test { files, .. } | Command::Diff { files, .. } => {
            *files = paths.discover(files, true)?;
        }
        // With no files, `check` checks the content the other commands would use: the files
        // given with --rules and --questions, else the current folder's continuum/ and
        // questions/ (as `test` does) with its interface/ if it has one, else the built-in
        // defaults (no files).
        Command::Check { files, .. } if files.is_empty() => {
            let given: Vec<std::path::PathBuf> = paths
                .rules
                .iter()
                .chain(&paths.questions)
                .cloned()
                .collect();
            *files = if given.is_empty() {
                ["continuum", "questions", "interface"]
                    .into_iter()
                    .map(std::path::PathBuf::from)
                    .filter(|folder| folder.is_dir())
                    .collect()
            } else {
                given
            };
        }
        Command::Replay { files, .. }
        | Command::Train { files, .. }
        | Command::Summary { files, .. }
        | Command::Export { files, .. } => *files = paths.discover(files, false)?,
        _ => {}
    }
    Ok(())
}

/// Run one command, its arguments mapped onto the library's types.
fn dispatch(command: Command, paths: &ContentPaths, out: &mut impl Write) -> Result<i32, Error> {
    match command {
        Command::Assess {
            resume,
            draft,
            save,
            report,
            report_format,
            force,
        } => crate::cli::assess::run(
            paths,
            &crate::cli::assess::Options {
                resume,
                draft,
                save,
                report,
                report_format: report_format.map(Into::into),
                force,
            },
        ),
        Command::Drafts { remove } => commands::drafts(paths, remove.as_deref(), out),
        Command::Replay {
            files,
            step,
            summary,
            format,
            choose,
        } => {
            let choice = choice(choose)?;
            let files = if choice.narrows() {
                commands::chosen_files(paths, &files, &choice)?
            } else {
                files
            };
            replay(paths, &files, step, summary, format, out)
        }
        command @ Command::Train { .. } => train(paths, command, out),
        Command::Check {
            files,
            format,
            deny_warnings,
            quiet,
        } => commands::check(
            paths,
            &files,
            &commands::CheckOptions {
                format,
                deny_warnings,
                quiet,
            },
            out,
        ),
        command @ Command::Test { .. } => test(paths, command, out),
        Command::Diff {
            from,
            to,
            files,
            format,
        } => commands::diff(paths, &from, &to, &files, format, out),
        command @ (Command::Summary { .. } | Command::Export { .. }) => counts(paths, command, out),
        command => material(paths, command, out),
    }
}

/// The trainer's choice of scenarios, its age range read.
fn choice(args: args::ChooseArgs) -> Result<selection::Choice, Error> {
    Ok(selection::Choice {
        tags: args.tags,
        age: args.age.as_deref().map(selection::parse_age).transpose()?,
        // Level ids are lower case; `--level Abusive`, as the lists print it, means the same.
        level: args.level.map(|l| l.to_lowercase()),
        plan: args.plan.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    })
}

/// `hsb train`, its options mapped onto the library's.
fn train(paths: &ContentPaths, command: Command, out: &mut impl Write) -> Result<i32, Error> {
    let Command::Train {
        files,
        shuffle,
        seed,
        count,
        choose,
        list,
        blind,
        tally,
        teams,
        trainer,
        csv,
    } = command
    else {
        return Ok(exit::OK);
    };
    let options = commands::TrainOptions {
        shuffle: shuffle.then_some(seed),
        count,
        choice: choice(choose)?,
        list,
        quiz: training::QuizOptions {
            blind,
            tally,
            trainer,
            teams: commands::team_names(&teams)?,
        },
        csv,
    };
    commands::train(paths, &files, &options, out)
}

/// `hsb replay`: step by step, at a glance, or in a format (tables at a terminal, else JSON;
/// plain text for a screen reader).
fn replay(
    paths: &ContentPaths,
    files: &[std::path::PathBuf],
    step: bool,
    summary: bool,
    format: Option<ResultFormat>,
    out: &mut impl Write,
) -> Result<i32, Error> {
    if step {
        return commands::step(paths, files);
    }
    if summary {
        return commands::replay(paths, files, ResultFormat::Glance, out);
    }
    let format = format.unwrap_or(if std::io::stdout().is_terminal() {
        ResultFormat::Table
    } else {
        ResultFormat::Json
    });
    let format = if crate::text::screen::plain() && format == ResultFormat::Table {
        ResultFormat::Text
    } else {
        format
    };
    commands::replay(paths, files, format, out)
}

/// `hsb test`, with its coverage floor and `--run` pattern read first.
fn test(paths: &ContentPaths, command: Command, out: &mut impl Write) -> Result<i32, Error> {
    let Command::Test {
        files,
        format,
        output,
        force,
        min_coverage,
        quiet,
        run,
    } = command
    else {
        return Ok(exit::OK);
    };
    let min_coverage = min_coverage
        .as_deref()
        .map(crate::cli::suite::parse_percent)
        .transpose()?;
    let run = run
        .as_deref()
        .map(crate::cli::suite::parse_run)
        .transpose()?;
    let options = commands::TestOptions {
        format,
        output,
        force,
        min_coverage,
        quiet,
        run,
    };
    commands::test(paths, &files, &options, out)
}

/// `hsb summary` and `hsb export`: counts and coded rows across saved records.
fn counts(paths: &ContentPaths, command: Command, out: &mut impl Write) -> Result<i32, Error> {
    use crate::report::summary::{self, DIMENSIONS, disclosure::MIN_THRESHOLD};
    match command {
        Command::Summary {
            files,
            by,
            format,
            min_cell,
        } => {
            if min_cell < MIN_THRESHOLD {
                return Err(crate::usage!(MinCellTooSmall, value = min_cell));
            }
            if let Some(bad) = by.iter().find(|d| !DIMENSIONS.contains(&d.as_str())) {
                let hint = crate::text::suggest::hint_with_allowed(bad, DIMENSIONS);
                return Err(Error::Usage(crate::message!(
                    UnknownDimension,
                    value = bad;
                    said hint = hint
                )));
            }
            let content = content::Content::load(paths)?;
            summary::summary(&content, &files, format.into(), &by, min_cell, out)
        }
        Command::Export { files, format } => {
            let content = content::Content::load(paths)?;
            summary::export(&content, &files, format == ExportFormat::Json, out)
        }
        _ => Ok(exit::OK),
    }
}

/// The questions, the continuum, shell completions and the manual page.
fn material(paths: &ContentPaths, command: Command, out: &mut impl Write) -> Result<i32, Error> {
    use clap::CommandFactory;
    match command {
        Command::Questions { format } => {
            let set = content::load_questions(paths)?;
            let markdown = format == MaterialFormat::Markdown;
            let text = report::material::questions(&set, markdown);
            write!(out, "{}", fit_unless(markdown, &text))?;
        }
        Command::Continuum { format } => {
            let continuum = content::load_continuum(paths)?;
            let markdown = format == MaterialFormat::Markdown;
            let text = report::material::continuum(&continuum, markdown);
            write!(out, "{}", fit_unless(markdown, &text))?;
        }
        Command::Completions { shell } => {
            let mut cmd = crate::cli::help::for_completions(Cli::command(), paths.lang);
            clap_complete::generate(shell, &mut cmd, "hsb", out);
        }
        Command::Man => {
            let cmd = crate::cli::help::localise(Cli::command(), paths.lang);
            crate::cli::manual::render(cmd, paths.lang, out)?
        }
        _ => {}
    }
    Ok(exit::OK)
}
