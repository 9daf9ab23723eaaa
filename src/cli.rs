//! The command line: argument definitions and dispatch to the library.

use crate::content::{self, Content, ContentPaths};
use crate::error::{Error, exit};
use crate::files;
use crate::report::{self, View};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const ABOUT: &str = "Decision support for responding to sexual behaviour shown by children, \
following Appendix 3 of the Welsh national strategy and Hackett's continuum.";

const AFTER_HELP: &str = "hsb supports, and does not replace, professional judgement and the Wales \
Safeguarding Procedures, which prevail.\n\nThe Appendix 3 questions and reasons are quoted from the \
Welsh Government's National Strategy for Preventing and Responding to Child Sexual Abuse in Wales \
(2025-2035), Crown copyright, under the Open Government Licence v3.0.";

const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\nAppendix 3 questions and reasons: Welsh Government, National Strategy for Preventing and \
Responding to Child Sexual Abuse in Wales (2025-2035), Crown copyright, Open Government Licence v3.0.\n\
Continuum: after Hackett (2010). Brook's Traffic Light Tool is referred to, not reproduced.\n\
hsb supports, and does not replace, professional judgement and the Wales Safeguarding Procedures."
);

#[derive(Debug, Parser)]
#[command(name = "hsb", version, long_version = LONG_VERSION, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// Use this question set instead of the built-in Appendix 3 questions.
    #[arg(long, global = true, value_name = "FILE")]
    pub questions: Option<PathBuf>,
    /// Use this rules file, or a continuum folder (levels.yaml and/or rules.yaml), instead of the built-in rules.
    #[arg(long, global = true, value_name = "FILE|DIR")]
    pub rules: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Replay saved assessments or scenarios and show the result for each.
    #[command(
        after_help = "Default format: table on a terminal, json when output is piped.\n\
Exit status: 0 all replayed, 2 a file could not be read (the others are still replayed)."
    )]
    Replay {
        /// hsb/1 record files, or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum)]
        format: Option<ResultFormat>,
    },
    /// Print the Appendix 3 questions with why each is asked and the answers recorded.
    Questions {
        #[arg(long, short, value_enum, default_value_t = MaterialFormat::Text)]
        format: MaterialFormat,
    },
    /// Print Hackett's five levels with their features and proportionate responses.
    Continuum {
        #[arg(long, short, value_enum, default_value_t = MaterialFormat::Text)]
        format: MaterialFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// Tables with the continuum bar and strategy-discussion box.
    Table,
    /// One JSON object per file, one per line.
    Json,
    /// A report fit for a case file.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MaterialFormat {
    Text,
    Markdown,
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32, Error> {
    let paths = ContentPaths {
        questions: cli.questions,
        rules: cli.rules,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Replay { files, format } => {
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                ResultFormat::Table
            } else {
                ResultFormat::Json
            });
            replay(&paths, &files, format, &mut out)
        }
        Command::Questions { format } => {
            let set = content::load_questions(&paths)?;
            write!(
                out,
                "{}",
                report::material::questions(&set, format == MaterialFormat::Markdown)
            )?;
            Ok(exit::OK)
        }
        Command::Continuum { format } => {
            let continuum = content::load_continuum(&paths)?;
            write!(
                out,
                "{}",
                report::material::continuum(&continuum, format == MaterialFormat::Markdown)
            )?;
            Ok(exit::OK)
        }
    }
}

fn replay(
    paths: &ContentPaths,
    inputs: &[PathBuf],
    format: ResultFormat,
    out: &mut impl Write,
) -> Result<i32, Error> {
    let content = Content::load(paths)?;
    let files = files::expand(inputs)?;
    let mut failed = 0;
    for (i, path) in files.iter().enumerate() {
        let name = path.display().to_string();
        let record = match files::load_record(path, &content) {
            Ok(record) => record,
            Err(err) => {
                failed += 1;
                eprintln!("{err}");
                continue;
            }
        };
        let outcome = crate::engine::evaluate(&content, &record);
        let view = View::new(&name, &content, &record, &outcome);
        match format {
            ResultFormat::Json => writeln!(out, "{}", report::json(&view))?,
            ResultFormat::Table => {
                if i > 0 {
                    writeln!(out, "\n{}\n", "═".repeat(80))?;
                }
                write!(out, "{}", report::table(&view))?
            }
            ResultFormat::Markdown => {
                if i > 0 {
                    writeln!(out, "\n\\newpage\n")?;
                }
                write!(out, "{}", report::markdown(&view))?
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "hsb: {failed} of {} file{} could not be replayed",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}
