//! The bodies of the commands that work through files: replay, check, test and diff.

use crate::cli::args::{CheckFormat, DiffFormat, ResultFormat, TestFormat};
use crate::cli::check;
use crate::cli::diff;
use crate::cli::selection;
use crate::cli::{suite, suite::Junit, suite::Totals};
use crate::content::{Content, ContentPaths, Found};
use crate::input::error::{Error, exit};
use crate::input::files;
use crate::input::save;
use crate::report::{self, View};
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One result in a format other than HTML; `later` when it follows another, so that a rule or
/// page break goes between them.
fn write_result(
    view: &View,
    format: ResultFormat,
    later: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    match format {
        ResultFormat::Json => writeln!(out, "{}", report::json(view))?,
        ResultFormat::Table => {
            if later {
                writeln!(out, "\n{}\n", crate::text::screen::rule('═'))?;
            }
            write!(out, "{}", report::table(view))?
        }
        ResultFormat::Glance => {
            if later {
                writeln!(out)?;
            }
            let width = crate::text::screen::width();
            // The interview shows the notice when it starts; a replay shows it with each result.
            if let Some(notice) = &view.review_notice {
                writeln!(out, "{}", crate::text::screen::wrap(notice, width))?;
            }
            let glance = report::glance::render(view, width, crate::text::screen::plain());
            writeln!(out, "{glance}")?
        }
        ResultFormat::Markdown => {
            if later {
                // A rule between scenarios, and a page break for HTML and PDF converters.
                writeln!(
                    out,
                    "\n---\n\n<div style=\"page-break-after: always\"></div>\n"
                )?;
            }
            write!(out, "{}", report::markdown(view))?
        }
        ResultFormat::Text => {
            if later {
                // A form feed starts each case on a new page when printed.
                writeln!(out, "\n\u{c}")?;
            }
            write!(out, "{}", report::text(view))?
        }
        // Gathered into one page by `replay`.
        ResultFormat::Html
        | ResultFormat::Worksheet
        | ResultFormat::WorksheetHtml
        | ResultFormat::Key
        | ResultFormat::KeyHtml => {}
    }
    Ok(())
}

/// Formats that gather every case into one page: HTML reports, worksheets and the key.
fn gathered(format: ResultFormat) -> bool {
    matches!(
        format,
        ResultFormat::Html
            | ResultFormat::Worksheet
            | ResultFormat::WorksheetHtml
            | ResultFormat::Key
            | ResultFormat::KeyHtml
    )
}

pub fn replay(
    paths: &ContentPaths,
    inputs: &[PathBuf],
    format: ResultFormat,
    out: &mut impl Write,
) -> Result<i32, Error> {
    let content = Content::load(paths)?;
    let files = files::expand(inputs)?;
    if format == ResultFormat::Markdown && files.len() > 1 {
        write!(out, "{}", handout_contents(&content, &files))?;
    }
    let mut failed = 0;
    let mut pages = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let name = path.display().to_string();
        let record = match crate::record::Record::load_file(path, &content) {
            Ok(record) => record,
            Err(err) => {
                failed += 1;
                eprintln!("{}", err.render(content.lang()));
                continue;
            }
        };
        let outcome = crate::engine::evaluate(&content, &record);
        let view = View::new(&name, &content, &record, &outcome);
        if gathered(format) {
            // One page holds every case, each starting on a new sheet.
            pages.push(view);
        } else {
            write_result(&view, format, i > 0, out)?;
        }
    }
    if !pages.is_empty() {
        let page = match format {
            ResultFormat::Worksheet => report::handout::worksheets(&pages, false),
            ResultFormat::WorksheetHtml => report::handout::worksheets(&pages, true),
            ResultFormat::Key => report::handout::keys(&pages, false),
            ResultFormat::KeyHtml => report::handout::keys(&pages, true),
            _ => report::html::page(&pages),
        };
        write!(out, "{page}")?;
    }
    // The process ends after this; freeing the content piece by piece would only cost start-up
    // budget (see the README's benchmark), and the operating system reclaims it at once.
    std::mem::forget(content);
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "{}",
            crate::say!(
                paths.lang,
                FilesNotReplayed,
                failed = failed,
                total = files.len()
            )
        );
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}

/// `hsb drafts`: list hsb's drafts with the command to carry on each, or remove one.
pub fn drafts(
    paths: &ContentPaths,
    remove: Option<&Path>,
    out: &mut impl Write,
) -> Result<i32, Error> {
    let lang = paths.lang;
    if let Some(named) = remove {
        let path = crate::cli::drafts::remove(named)?;
        writeln!(
            out,
            "{}",
            crate::say!(lang, DraftRemovedNamed, path = path.display())
        )?;
        return Ok(exit::OK);
    }
    let content = Content::load(paths)?;
    let folder = crate::cli::drafts::folder()?;
    let listed = crate::cli::drafts::list(&content)?;
    let width = crate::text::screen::width();
    if listed.is_empty() {
        writeln!(
            out,
            "{}",
            crate::say!(lang, DraftsNone, path = folder.display())
        )?;
        return Ok(exit::OK);
    }
    writeln!(
        out,
        "{}\n",
        report::wrap(
            &crate::say!(lang, DraftsHeading, path = folder.display()),
            width
        )
    )?;
    for draft in &listed {
        let name = draft
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        writeln!(out, "{name}")?;
        let line = match draft.progress {
            Some((answered, total)) => crate::say!(
                lang,
                DraftsEntry,
                case = draft
                    .case_ref
                    .clone()
                    .unwrap_or_else(|| Msg::NoReferenceYet.text(lang).to_string()),
                when = draft.modified.clone().unwrap_or_default(),
                answered = answered,
                total = total
            ),
            None => crate::say!(lang, DraftsUnreadable, path = draft.path.display()),
        };
        writeln!(out, "  {line}")?;
        writeln!(
            out,
            "  {}\n",
            crate::cli::terminal::resume_command(&draft.path, lang)
        )?;
    }
    let command = format!(
        "hsb{} drafts --remove {}",
        crate::cli::terminal::lang_flag(lang),
        Msg::HelpValueDraft.text(lang)
    );
    writeln!(
        out,
        "{}",
        crate::say!(lang, DraftsRemoveHint, command = command)
    )?;
    Ok(exit::OK)
}

pub struct CheckOptions {
    pub format: CheckFormat,
    /// Warnings fail the run too (exit 1).
    pub deny_warnings: bool,
    /// Only the problems and the summary.
    pub quiet: bool,
}

pub fn check(
    paths: &ContentPaths,
    inputs: &[PathBuf],
    options: &CheckOptions,
    out: &mut impl Write,
) -> Result<i32, Error> {
    let deny_warnings = options.deny_warnings;
    // `check` reads content files given among its files itself; the current folder's are what
    // the other files are checked against otherwise (with no files, the built-in defaults are
    // checked).
    let mut against = paths.clone();
    if !inputs.is_empty() {
        let _ = against.discover(&[], true);
    }
    let report = check::check(inputs, &against)?;
    // Says why a run with only warnings fails, on the summary line itself (still last).
    let lang = paths.lang;
    let with_denied = |human: String| {
        if deny_warnings && report.errors() == 0 && report.warnings() > 0 {
            format!(
                "{} {}\n",
                human.trim_end(),
                Msg::DeniedByDenyWarnings.text(lang)
            )
        } else {
            human
        }
    };
    let text = match options.format {
        CheckFormat::Human if options.quiet => {
            with_denied(check::render_human(&report, true, lang))
        }
        CheckFormat::Human => {
            // Which rule set the scenarios were checked against, for the CI log: content
            // files among those checked, else as for every other command.
            let mut shown = paths.clone();
            if !inputs.is_empty() {
                // Errors (two rule sets among the files) are reported by the check itself.
                let _ = shown.discover(inputs, true);
            }
            let rule_set = match Content::load(&shown) {
                Ok(content) => content.rule_set.line(lang),
                Err(_) => crate::say!(
                    lang,
                    RuleSetUnloaded,
                    origin = shown.rules_origin().render(lang)
                ),
            };
            format!(
                "{rule_set}\n{}",
                with_denied(check::render_human(&report, false, lang))
            )
        }
        CheckFormat::Json => check::render_json(&report),
        CheckFormat::Github => check::render_github(&report),
        CheckFormat::Sarif => check::render_sarif(&report),
    };
    write!(out, "{text}")?;
    out.flush()?;
    // Nothing readable: every path named was missing or unreadable.
    if report.paths > 0 && report.unreadable == report.paths {
        return Ok(exit::ERROR);
    }
    let failing = report.errors() > 0 || (deny_warnings && report.warnings() > 0);

    Ok(if failing { exit::FINDINGS } else { exit::OK })
}

pub struct TestOptions {
    pub format: TestFormat,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub min_coverage: Option<f64>,
    /// Only failures and the summary: no PASS or SKIP lines.
    pub quiet: bool,
    /// Run only the scenarios whose path this matches.
    pub run: Option<regex::Regex>,
}

pub fn test(
    paths: &ContentPaths,
    inputs: &[PathBuf],
    options: &TestOptions,
    out: &mut impl Write,
) -> Result<i32, Error> {
    check_output(options)?;
    // JUnit on standard output replaces the human report; with --output it goes to the file.
    let human = options.format == TestFormat::Human || options.output.is_some();
    let content = match Content::load(paths) {
        Ok(content) => content,
        Err(err) => return rules_unreadable(paths, &err, options, human, out),
    };
    let mut files = files::expand(inputs)?;
    let found = files.len();
    if let Some(run) = &options.run {
        files.retain(|path| run.is_match(&path.display().to_string()));
        if files.is_empty() {
            return Err(crate::usage!(RunMatchesNothing, pattern = run.as_str()));
        }
    }
    test_heading(&content, options, human, (files.len(), found), out)?;
    let mut totals = Totals::default();
    let mut junit = Junit::new(&content.rule_set);
    let mut json = suite::Json::default();
    crate::input::batch::for_each_ordered(
        &files,
        |path| suite::run_case(path, &content),
        |path, result| {
            let name = path.display().to_string();
            totals.add(&result);
            match options.format {
                TestFormat::Junit => junit.add(&name, &result),
                TestFormat::Json => write!(out, "{}", json.case(&name, &result))?,
                TestFormat::Github => write!(out, "{}", suite::Github::case(&name, &result))?,
                TestFormat::Human => {}
            }
            let passed = matches!(
                result.verdict,
                suite::Verdict::Pass | suite::Verdict::Skipped
            );
            if human && !(options.quiet && passed) {
                write!(out, "{}", suite::human_line(&name, &result, content.lang()))?;
            }
            Ok(())
        },
    )?;
    let ending = suite::Ending {
        totals: &totals,
        per_rule: totals.per_rule(&content),
        coverage: totals.coverage(&content),
        min_coverage: options.min_coverage,
    };
    if human {
        write!(out, "{}", ending.human(content.lang()))?;
    }
    test_ending(&ending, junit, options, out)?;
    out.flush()?;
    let readable = totals.passed + totals.failed + totals.skipped - totals.broken;
    // (Content files met among the scenarios are neither readable scenarios nor failures.)
    if readable == 0 {
        eprintln!("{}", crate::usage!(TestNoneReadable).render(content.lang()));
        return Ok(exit::ERROR);
    }
    Ok(if totals.failed > 0 || ending.below_minimum() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// `--output` is checked before anything runs: an output that could not be written would
/// only be found once every scenario had run.
fn check_output(options: &TestOptions) -> Result<(), Error> {
    if let Some(path) = &options.output {
        if options.format != TestFormat::Junit {
            return Err(crate::usage!(OutputNeedsFormat, path = path.display()));
        }
        if !options.force && std::fs::symlink_metadata(path).is_ok() {
            return Err(crate::usage!(OutputExists, path = path.display()));
        }
    }
    Ok(())
}

/// What `hsb test` prints first: the rule set under test (and how many files `--run` keeps),
/// or the start of the JSON.
fn test_heading(
    content: &Content,
    options: &TestOptions,
    human: bool,
    (n, of): (usize, usize),
    out: &mut impl Write,
) -> Result<(), Error> {
    match options.format {
        TestFormat::Json => write!(out, "{}", suite::Json::start(&content.rule_set))?,
        _ if human || options.format == TestFormat::Github => {
            writeln!(out, "{}", content.rule_set.line(content.lang()))?;
            if let Some(run) = &options.run {
                let run = run.as_str();
                writeln!(
                    out,
                    "{}",
                    crate::say!(content.lang(), TestRunning, n = n, of = of, run = run)
                )?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The end of a machine format: JUnit with its coverage (to `--output` or standard output),
/// the JSON's totals, or GitHub's summary.
fn test_ending(
    ending: &suite::Ending,
    mut junit: Junit,
    options: &TestOptions,
    out: &mut impl Write,
) -> Result<(), Error> {
    match options.format {
        TestFormat::Junit => {
            junit.coverage(ending.coverage, &ending.per_rule);
            if let Some(min) = options.min_coverage
                && ending.below_minimum()
            {
                junit.coverage_below(ending.coverage, min, &ending.never_fired());
            }
            let xml = junit.finish();
            match &options.output {
                Some(path) => save::write_private(path, xml.as_bytes(), options.force)?,
                None => write!(out, "{xml}")?,
            }
        }
        TestFormat::Json => write!(out, "{}", suite::Json::finish(ending))?,
        TestFormat::Github => write!(out, "{}", suite::Github::finish(ending))?,
        TestFormat::Human => {}
    }
    Ok(())
}

/// The rules, levels or questions do not load: CI still gets its report and its closing line.
fn rules_unreadable(
    paths: &ContentPaths,
    err: &Error,
    options: &TestOptions,
    human: bool,
    out: &mut impl Write,
) -> Result<i32, Error> {
    let message = err.render(Lang::En);
    match options.format {
        TestFormat::Junit => {
            let xml = Junit::rules_unreadable(&message).finish();
            match &options.output {
                Some(path) => save::write_private(path, xml.as_bytes(), options.force)?,
                None => write!(out, "{xml}")?,
            }
        }
        TestFormat::Json => writeln!(
            out,
            "{}",
            serde_json::json!({
                "error": message,
                "totals": {"passed": 0, "failed": 0, "skipped": 0, "errors": 1},
            })
        )?,
        TestFormat::Github => write!(
            out,
            "{}",
            check::annotation(
                "error",
                None,
                None,
                "hsb test: the rules, levels or questions cannot be loaded",
                &message
            )
        )?,
        TestFormat::Human => {}
    }
    eprintln!("{}", err.render(paths.lang));
    if human || options.format == TestFormat::Github {
        writeln!(out, "0 passed, 0 failed")?;
    }
    Ok(exit::ERROR)
}

pub fn diff(
    paths: &ContentPaths,
    from: &Path,
    to: &Path,
    inputs: &[PathBuf],
    format: DiffFormat,
    out: &mut impl Write,
) -> Result<i32, Error> {
    let with_rules = |rules: &Path, found| ContentPaths {
        questions: paths.questions.clone(),
        rules: Some(rules.to_path_buf()),
        lang: paths.lang,
        found: Some(found),
        project_root: None,
    };
    let before = Content::load(&with_rules(from, Found::DiffFrom))?;
    let after = Content::load(&with_rules(to, Found::DiffTo))?;
    let files = files::expand(inputs)?;
    let mut changes = Vec::new();
    let mut broken = Vec::new();
    crate::input::batch::for_each_ordered(
        &files,
        |path| {
            crate::record::Record::load_file(path, &before)
                .map(|record| diff::compare(&path.display().to_string(), &record, &before, &after))
        },
        |_, result| {
            match result {
                Ok(Some(change)) => changes.push(change),
                Ok(None) => {}
                Err(err) => broken.push(err),
            }
            Ok(())
        },
    )?;
    if !broken.is_empty() {
        for err in &broken {
            eprintln!("{}", err.render(paths.lang));
        }
        return Err(crate::usage!(DiffUnreadable, count = broken.len()));
    }
    match format {
        DiffFormat::Json => writeln!(
            out,
            "{}",
            diff::json(&changes, &before, &after, files.len())
        )?,
        DiffFormat::Markdown => write!(
            out,
            "{}",
            diff::markdown(&changes, &before.rule_set, &after.rule_set, files.len())
        )?,
        DiffFormat::Table => write!(
            out,
            "{}",
            diff::table(
                &changes,
                (&before.rule_set, &after.rule_set),
                files.len(),
                before.lang(),
            )
        )?,
    }
    out.flush()?;
    Ok(if changes.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    })
}

/// The first page of a handout: a title, the notice and a list of the scenarios with their
/// placements (files that cannot be read are reported when their turn comes).
fn handout_contents(content: &Content, files: &[PathBuf]) -> String {
    let lang = content.lang();
    let mut text = format!("# {}\n\n", Msg::HandoutTitle.text(lang));
    if let Some(notice) = content.review_notice() {
        text.push_str(&format!("> {notice}\n\n"));
    }
    text.push_str(&format!(
        "> {}\n\n{}\n\n| # | {} | {} | {} |\n|---|---|---|---|\n",
        content.continuum.notice.trim(),
        crate::say!(lang, HandoutIntro, count = files.len()),
        Msg::ColumnScenario.text(lang),
        Msg::Placement.text(lang),
        Msg::ColumnStrategyDiscussion.text(lang),
    ));
    for (i, path) in files.iter().enumerate() {
        if let Ok(record) = crate::record::Record::load_file(path, content) {
            let outcome = crate::engine::evaluate(content, &record);
            let level = content.continuum.placement_label(outcome.level);
            let provisional = if outcome.provisional {
                format!(" ({})", Msg::Provisional.text(lang).to_lowercase())
            } else {
                String::new()
            };
            text.push_str(&format!(
                "| {} | {} | {level}{provisional} | {} |\n",
                i + 1,
                record
                    .title
                    .as_deref()
                    .unwrap_or(&path.display().to_string())
                    .replace('|', "\\|"),
                outcome.strategy.status.word(lang)
            ));
        }
    }
    text.push_str("\n---\n\n<div style=\"page-break-after: always\"></div>\n\n");
    text
}

/// Scenarios loaded for teaching, in file order; a file that cannot be loaded is an error.
fn scenarios(
    content: &Content,
    inputs: &[PathBuf],
) -> Result<Vec<crate::cli::training::Scenario>, Error> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for path in files::expand(inputs)? {
        match crate::record::Record::load_file(&path, content) {
            Ok(record) => out.push(crate::cli::training::Scenario {
                source: path.display().to_string(),
                record,
            }),
            Err(Error::Invalid(d)) => problems.extend(d),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(problems))
    }
}

fn need_terminal(lang: Lang, command: &str, instead: Msg) -> Result<(), Error> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(crate::usage!(
            NeedsTerminal,
            command = command,
            instead = instead.text(lang)
        ))
    }
}

/// `hsb replay --step`.
pub fn step(paths: &ContentPaths, inputs: &[PathBuf]) -> Result<i32, Error> {
    need_terminal(paths.lang, "hsb replay --step", Msg::InsteadOfStep)?;
    let content = Content::load(paths)?;
    let scenarios = scenarios(&content, inputs)?;
    let mut prompter = crate::cli::terminal::TerminalPrompter::plain_output(content.lang());
    for (i, scenario) in scenarios.iter().enumerate() {
        match crate::cli::training::step_through(&content, scenario, &mut prompter) {
            Ok(true) => {
                let last = i + 1 == scenarios.len();
                if !last && !crate::cli::training::next_scenario(&mut prompter, content.lang())? {
                    break;
                }
            }
            Ok(false) => break,
            Err(crate::cli::interview::Stop::Interrupted | crate::cli::interview::Stop::Back) => {
                return Ok(130);
            }
            Err(crate::cli::interview::Stop::Failed(err)) => return Err(err),
        }
    }
    Ok(exit::OK)
}

/// `hsb train`.
/// How a training session is put together.
pub struct TrainOptions {
    /// Shuffle, with this seed (or one from the clock).
    pub shuffle: Option<Option<u64>>,
    pub count: Option<u64>,
    pub choice: selection::Choice,
    /// Print the scenarios chosen and stop.
    pub list: bool,
    /// Trainees make the judgements; the room votes.
    pub quiz: crate::cli::training::QuizOptions,
    /// Write each scenario's answers, votes and hsb's results here (a new file).
    pub csv: Option<PathBuf>,
}

/// The `--team` names, checked: each said once (whatever its case), not blank, and with no
/// control characters (a name is printed at the terminal and written to the CSV).
pub fn team_names(names: &[String]) -> Result<Vec<String>, Error> {
    let mut teams: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(crate::usage!(TeamNameBad, name = name.escape_debug()));
        }
        if teams
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
        {
            return Err(crate::usage!(TeamNameTwice, name = name));
        }
        teams.push(name.to_string());
    }
    Ok(teams)
}

pub fn train(
    paths: &ContentPaths,
    inputs: &[PathBuf],
    options: &TrainOptions,
    out: &mut impl Write,
) -> Result<i32, Error> {
    // Said before the session: a results file that could not be written would only be found
    // at its end. An existing file is never replaced.
    if let Some(path) = &options.csv {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(crate::usage!(ResultsFileExists, path = path.display()));
        }
        let folder = path.parent().filter(|f| !f.as_os_str().is_empty());
        if folder.is_some_and(|f| !f.is_dir()) {
            return Err(crate::usage!(ResultsFolderMissing, path = path.display()));
        }
    }
    if !options.list {
        need_terminal(paths.lang, "hsb train", Msg::InsteadOfTrain)?;
    }
    let content = Content::load(paths)?;
    let mut notes = Vec::new();
    let mut scenarios = choose(&content, inputs, &options.choice, &mut notes)?;
    if let Some(seed) = options.shuffle {
        let seed = seed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() % 100_000)
        });
        crate::cli::training::shuffle(&mut scenarios, seed);
        notes.push(crate::say!(content.lang(), Shuffled, seed = seed));
    }
    if let Some(n) = options.choice.plan {
        scenarios = selection::plan(&content, scenarios, n);
    }
    if let Some(count) = options.count {
        scenarios.truncate(usize::try_from(count).unwrap_or(usize::MAX));
    }
    if options.list {
        for note in &notes {
            eprintln!("{note}");
        }
        write!(out, "{}", list_scenarios(&content, &scenarios))?;
        return Ok(exit::OK);
    }
    crate::cli::terminal::finish_in_order_on_signals()?;
    let mut prompter = crate::cli::terminal::TerminalPrompter::plain_output(content.lang());
    for note in &notes {
        use crate::cli::interview::Prompter;
        prompter.show(note);
    }
    let mut marks = Vec::new();
    let ran = crate::cli::training::quiz_into(
        &content,
        &scenarios,
        &mut prompter,
        &options.quiz,
        &mut marks,
    );
    // What was done is kept, even when the session is stopped part-way.
    if !marks.is_empty() {
        println!("{}", crate::cli::training::score_table(&content, &marks));
        if let Some(path) = &options.csv {
            let csv = crate::cli::training::results_csv(&content, &marks);
            save::write_private(path, csv.as_bytes(), false)?;
            println!(
                "{}",
                crate::say!(content.lang(), ResultsWritten, path = path.display())
            );
        }
    }
    match ran {
        Ok(()) => Ok(exit::OK),
        Err(crate::cli::interview::Stop::Interrupted | crate::cli::interview::Stop::Back) => {
            Ok(130)
        }
        Err(crate::cli::interview::Stop::Failed(err)) => Err(err),
    }
}

/// The scenarios in the session's language that match the trainer's choice, with a note of
/// those set aside for being in the other language; none at all is an error.
fn choose(
    content: &Content,
    inputs: &[PathBuf],
    choice: &selection::Choice,
    notes: &mut Vec<String>,
) -> Result<Vec<crate::cli::training::Scenario>, Error> {
    selection::validate(choice, content)?;
    let all = scenarios(content, inputs)?;
    let looked_at = all.len();
    let chosen = selection::choose(content, all, choice, content.lang());
    if chosen.saved > 0 {
        notes.push(crate::say!(
            content.lang(),
            SetAsideSaved,
            count = chosen.saved
        ));
    }
    if chosen.other_language > 0 {
        notes.push(match content.lang() {
            Lang::En => crate::say!(Lang::En, SetAsideWelsh, count = chosen.other_language),
            Lang::Cy => crate::say!(Lang::Cy, SetAsideEnglish, count = chosen.other_language),
        });
    }
    if chosen.scenarios.is_empty() {
        return Err(crate::usage!(NothingChosen, count = looked_at));
    }
    Ok(chosen.scenarios)
}

/// The files `hsb replay` shows when asked to choose: those of the chosen scenarios, in
/// order, the balanced plan applied.
pub fn chosen_files(
    paths: &ContentPaths,
    inputs: &[PathBuf],
    choice: &selection::Choice,
) -> Result<Vec<PathBuf>, Error> {
    let content = Content::load(paths)?;
    let mut notes = Vec::new();
    let mut scenarios = choose(&content, inputs, choice, &mut notes)?;
    for note in notes {
        eprintln!("{note}");
    }
    if let Some(n) = choice.plan {
        scenarios = selection::plan(&content, scenarios, n);
    }
    Ok(scenarios
        .into_iter()
        .map(|s| PathBuf::from(s.source))
        .collect())
}

/// The scenarios chosen for a session, each with its level: for preparing one.
fn list_scenarios(content: &Content, scenarios: &[crate::cli::training::Scenario]) -> String {
    let lang = content.lang();
    let mut text = format!(
        "{}\n",
        crate::say!(lang, ChosenHeading, count = scenarios.len())
    );
    for (i, scenario) in scenarios.iter().enumerate() {
        let level = crate::engine::decide(content, &scenario.record).level;
        text.push_str(&format!(
            "{:>3}. {} [{}] ({})\n",
            i + 1,
            scenario.title(),
            content.continuum.placement_label(level),
            scenario.source
        ));
    }
    text
}
