//! The command line's arguments (clap), in English: `help` puts them into the chosen language.
//! Format and language values are mapped here onto the library's own types.

use crate::report::ReportFormat;
use crate::report::summary;
use crate::text::lang::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str = "Decision support for responding to sexual behaviour shown by children, \
following Appendix 3 of the Welsh national strategy and Hackett's continuum.";

const AFTER_HELP: &str = "hsb supports, and does not replace, professional judgement and the Wales \
Safeguarding Procedures, which prevail.\n\nThe Appendix 3 questions and reasons are quoted from the \
Welsh Government's National Strategy for Preventing and Responding to Child Sexual Abuse in Wales \
(2025-2035), Crown copyright, under the Open Government Licence v3.0.";

#[derive(Debug, Parser)]
#[command(name = "hsb", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// Use this question set instead of the built-in Appendix 3 questions.
    #[arg(long, global = true, value_name = "FILE")]
    pub questions: Option<PathBuf>,
    /// Use this rules file, or a continuum folder (levels.yaml and/or rules.yaml), instead of the built-in rules.
    #[arg(long, global = true, value_name = "FILE|DIR")]
    pub rules: Option<PathBuf>,
    /// The language to work in: cy (Cymraeg) or en (English). Default: $HSB_LANG, else Welsh
    /// when LC_ALL, LC_MESSAGES or LANG starts with `cy`, else English.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    /// Plain output for screen readers: no box drawing, bars or decorative symbols (also when
    /// TERM=dumb).
    #[arg(long, global = true)]
    pub plain: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run an assessment at the terminal: the seven Appendix 3 questions, a review of every
    /// answer, the result, and a saved record and report.
    #[command(
        after_help = "Answers are saved to a private draft after every answer; if you stop \
(Ctrl-C, closed window), carry on with `hsb assess --resume DRAFT`.\n\
Needs a terminal; for scripted use write an hsb/1 record and run `hsb replay`.\n\
Exit status: 0 saved, 2 error, 130 interrupted (the draft is kept)."
    )]
    Assess {
        /// Carry on from a draft.
        #[arg(long, value_name = "DRAFT")]
        resume: Option<PathBuf>,
        /// Where to keep the draft (default: a new file in ~/.local/state/hsb/drafts).
        #[arg(long, value_name = "FILE", conflicts_with = "resume")]
        draft: Option<PathBuf>,
        /// Save the finished record here (otherwise you are asked).
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Write the report here (otherwise you are asked); its format follows the extension
        /// (.md, .txt, .html) unless --report-format says.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// The report's format: markdown, text (plain, 80 columns) or html (prints to PDF).
        #[arg(long, value_enum, value_name = "FORMAT")]
        report_format: Option<ReportFormatArg>,
        /// Replace the --save and --report files if they exist, without asking.
        #[arg(long)]
        force: bool,
    },
    /// List the drafts of assessments in progress, with the command to carry on each; remove one.
    #[command(
        after_help = "Drafts are kept in $XDG_STATE_HOME/hsb/drafts (by default ~/.local/state/hsb/drafts), \
readable only by you, until their record is saved.\nExit status: 0 done, 2 error."
    )]
    Drafts {
        /// Remove this draft (its file name as listed, or its path). Only hsb's own drafts are removed.
        #[arg(long, value_name = "DRAFT")]
        remove: Option<PathBuf>,
    },
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
        #[arg(long, short, value_enum, conflicts_with = "step")]
        format: Option<ResultFormat>,
        /// Reveal each scenario one Appendix 3 question at a time (Enter for the next), then the
        /// placement and why, then the teaching notes. Needs a terminal.
        #[arg(long)]
        step: bool,
        /// Show each result at a glance (one screen: placement, strategy discussion, first
        /// responses, what to clarify) instead of in full.
        #[arg(long, conflicts_with_all = ["step", "format"])]
        summary: bool,
        #[command(flatten)]
        choose: ChooseArgs,
    },
    /// A quiz: for each scenario, see the answers, choose a placement and a strategy-discussion
    /// decision, then see hsb's outcome, the rules behind it and the teaching notes.
    #[command(
        after_help = "Needs a terminal; for a printed handout use `hsb replay DIR --format markdown`.\n\
Exit status: 0 finished, 2 error, 130 stopped with Ctrl-C."
    )]
    Train {
        /// Scenario files or folders (scenarios without teaching notes are fine).
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Put the scenarios in a random order (repeatable with --seed).
        #[arg(long)]
        shuffle: bool,
        /// The seed for --shuffle; the same seed gives the same order.
        #[arg(long, value_name = "N", requires = "shuffle")]
        seed: Option<u64>,
        /// Use only the first N scenarios (after shuffling).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        count: Option<u64>,
        #[command(flatten)]
        choose: ChooseArgs,
        /// Print the scenarios chosen, each with its level, and stop: no quiz, so no terminal is
        /// needed. For preparing a session.
        #[arg(long)]
        list: bool,
        /// Trainees make the judgements: the traffic-light colour, power, consent, coercion and
        /// how the other child saw it are hidden, to be judged first; the feedback compares each
        /// and shows what would change the placement.
        #[arg(long)]
        blind: bool,
        /// The room votes: for the placement and the strategy discussion, type the number of
        /// votes for each answer; the most votes is the room's answer.
        #[arg(long, conflicts_with = "teams")]
        tally: bool,
        /// A team in the room (repeat for each: --team A --team B): each team gives its
        /// own answers to every scenario in turn, and is marked apart.
        #[arg(long = "team", value_name = "NAME")]
        teams: Vec<String>,
        /// Show rule and field ids in the feedback, for the trainer at the screen (trainees see
        /// the reasons and the fields' names).
        #[arg(long)]
        trainer: bool,
        /// Write each scenario's answers, votes and hsb's results to this CSV file (a new file;
        /// an existing one is never replaced).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Count saved records by placement, judgement, age band, setting and more, with small
    /// counts hidden and no free text: the pattern across a service's records.
    #[command(
        after_help = "Counts from 1 to 4 are shown as <5 (see --min-cell), and a second count is hidden where a total would reveal one. No case reference, description, note or other free text is ever shown; dates are shown by month.\n\
Exit status: 0 summarised, 2 a record could not be read (the others are still counted)."
    )]
    Summary {
        /// Saved records (hsb/1 files), or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// The breakdowns to show (comma-separated): level, practitioner_level, strategy_discussion, age_band, setting, behaviour, relationship, images_online, agency, month. Default: all.
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        by: Vec<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = SummaryFormat::Table)]
        format: SummaryFormat,
        /// Hide counts below this (at least 3).
        #[arg(long, value_name = "N", default_value_t = crate::report::summary::disclosure::DEFAULT_THRESHOLD)]
        min_cell: u64,
    },
    /// Export one row per saved record with coded fields only (ids, age band, month, levels,
    /// statuses, rule ids), for a data return or a database.
    #[command(
        after_help = "The columns are described in the README's data dictionary. No case reference, description, note or other free text is exported.\n\
Exit status: 0 exported, 2 a record could not be read (the others are still exported)."
    )]
    Export {
        /// Saved records (hsb/1 files), or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
    /// Print the Appendix 3 questions with why each is asked and the answers recorded.
    Questions {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = MaterialFormat::Text)]
        format: MaterialFormat,
    },
    /// Print Hackett's five levels with their features and proportionate responses.
    Continuum {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = MaterialFormat::Text)]
        format: MaterialFormat,
    },
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "For example: hsb completions bash > ~/.local/share/bash-completion/completions/hsb"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "For example: hsb man > ~/.local/share/man/man1/hsb.1 && man hsb")]
    Man,
    /// Validate question sets, continuum files, rule sets and scenarios (each recognised by its
    /// `format:` line); with no files, the content in use: --rules and --questions, else the
    /// current folder's continuum/ and questions/, else the built-in defaults.
    #[command(
        after_help = "Each problem is one line: path:line:col: error[CODE]: message, then a help line.\n\
Codes are listed in the README.\n\
Exit status: 0 no errors (warnings allowed unless --deny-warnings), 1 problems found, 2 nothing readable."
    )]
    Check {
        /// Files or folders to check.
        #[arg(value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Treat warnings as problems (exit 1).
        #[arg(long)]
        deny_warnings: bool,
        /// Print only the problems and the summary (no rule-set line, no source lines or help).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Run every scenario's `expect:` block and report PASS or FAIL, with rule coverage.
    #[command(
        after_help = "In the human and github formats the last line is always `N passed, N failed`.\n\
Exit status: 0 all passed, 1 a failure (or coverage below --min-coverage), 2 nothing readable."
    )]
    Test {
        /// Scenario files or folders (default: `scenarios:` in hsb.yaml).
        #[arg(value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = TestFormat::Human)]
        format: TestFormat,
        /// Write the JUnit XML report to this file (the human report still goes to the terminal).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the --output file if it exists.
        #[arg(long)]
        force: bool,
        /// Fail when fewer than this percentage of the rules fire in some scenario.
        #[arg(long, value_name = "PCT")]
        min_coverage: Option<String>,
        /// Print only failures and the summary, not a line for every scenario that passed.
        #[arg(long, short)]
        quiet: bool,
        /// Run only the scenarios whose path matches this regular expression.
        #[arg(long, value_name = "REGEX")]
        run: Option<String>,
    },
    /// Replay scenarios under two rule sets and show each scenario whose level, strategy
    /// discussion or responses change.
    #[command(after_help = "Exit status: 0 no change, 1 changes, 2 error.")]
    Diff {
        /// The rules before: a rules file or a continuum folder.
        #[arg(long, value_name = "FILE|DIR")]
        from: PathBuf,
        /// The rules after: a rules file or a continuum folder.
        #[arg(long, value_name = "FILE|DIR")]
        to: PathBuf,
        /// Scenario files or folders (default: `scenarios:` in hsb.yaml).
        #[arg(value_name = "FILE|DIR")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// path:line:col: error[CODE]: message
    Human,
    /// One JSON object with every problem.
    Json,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// PASS/FAIL lines and a summary.
    Human,
    /// JUnit XML (to --output, or to standard output).
    Junit,
    /// One JSON object: the rule set, every scenario's result, per-rule coverage and totals.
    Json,
    /// GitHub Actions annotations on each failing scenario's `expect:` line, then the summary.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Each changed scenario in a table that fits the terminal (80 columns when piped).
    Table,
    /// One JSON object with every change.
    Json,
    /// Markdown for a pull-request comment: a table per changed scenario.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// Tables with the continuum bar and strategy-discussion box.
    Table,
    /// One JSON object per file, one per line.
    Json,
    /// A report fit for a case file, in Markdown.
    Markdown,
    /// The same report as plain text wrapped at 80 columns, to paste into a case system.
    Text,
    /// The same report as a self-contained HTML page that prints to PDF (A4).
    Html,
    /// A worksheet per case for trainees: the description and a blank Appendix 3 grid, no
    /// placement (Markdown).
    Worksheet,
    /// The worksheets as an HTML page that prints to PDF, one case per A4 page.
    WorksheetHtml,
    /// The trainer's key: each case's placement, strategy discussion, responses, rules and notes
    /// (Markdown).
    Key,
    /// The key as an HTML page that prints to PDF.
    KeyHtml,
    /// The result at a glance (`--summary`).
    #[value(skip)]
    Glance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// A JSON array of objects.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MaterialFormat {
    Text,
    Markdown,
}

/// Choosing scenarios, for `train` and `replay` (and so for handouts).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ChooseArgs {
    /// Only scenarios with this tag: one of interface/tags.yaml (displayed:girl, theme:consent…)
    /// or setting:…, relationship:… or level:…, worked out from the answers. Repeat it for
    /// several; a scenario must have them all.
    #[arg(long = "tag", value_name = "GROUP:VALUE")]
    pub tags: Vec<String>,
    /// Only scenarios where the child who displayed the behaviour is this age, or in this
    /// range (9-13).
    #[arg(long, value_name = "AGE")]
    pub age: Option<String>,
    /// Only scenarios the rules place at this level (none: not yet placed).
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// A balanced set of N scenarios: taken from each level in turn, kept in the order given
    /// (with train, after --shuffle).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub plan: Option<u64>,
}

/// `--lang`: the languages hsb speaks (mapped onto [`Lang`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Cymraeg (Welsh).
    Cy,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::En => Lang::En,
            LangArg::Cy => Lang::Cy,
        }
    }
}

/// `--report-format` (mapped onto [`ReportFormat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// Markdown.
    Markdown,
    /// Plain text wrapped at 80 columns, to paste into a case-management system.
    Text,
    /// A self-contained HTML page that prints to PDF (A4).
    Html,
}

impl From<ReportFormatArg> for ReportFormat {
    fn from(arg: ReportFormatArg) -> ReportFormat {
        match arg {
            ReportFormatArg::Markdown => ReportFormat::Markdown,
            ReportFormatArg::Text => ReportFormat::Text,
            ReportFormatArg::Html => ReportFormat::Html,
        }
    }
}

/// `hsb summary --format` (mapped onto [`summary::Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Tables for the terminal, 80 columns.
    Table,
    /// Markdown tables, for a report.
    Markdown,
    /// One line per count: table,row,column,count (ids, not labels).
    Csv,
    /// One JSON object with every table (ids, not labels).
    Json,
}

impl From<SummaryFormat> for summary::Format {
    fn from(arg: SummaryFormat) -> summary::Format {
        match arg {
            SummaryFormat::Table => summary::Format::Table,
            SummaryFormat::Markdown => summary::Format::Markdown,
            SummaryFormat::Csv => summary::Format::Csv,
            SummaryFormat::Json => summary::Format::Json,
        }
    }
}

/// Parse the command line, with `--help` and usage errors in `lang`. When there is nothing to
/// run (`--help`, `--version`, a usage error), what clap has to say is printed and the exit code
/// returned instead.
pub fn parse(lang: Lang) -> Result<Cli, i32> {
    use clap::{CommandFactory, FromArgMatches};
    // The width is set before the help is localised, which builds the command (and so passes
    // its settings to the subcommands).
    crate::cli::help::localise(
        Cli::command().term_width(crate::text::screen::width()),
        lang,
    )
    .try_get_matches_from(std::env::args_os())
    .and_then(|matches| Cli::from_arg_matches(&matches))
    .map_err(|err| crate::cli::help::report(&err, lang))
}
