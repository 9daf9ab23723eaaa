//! The interview on a real terminal: dialoguer prompts, drafts on disk, and signals.
//!
//! Ctrl-C, a closed terminal or SIGTERM never lose an answer: the draft is written after every
//! answer, whole or not at all, and the process says how to resume before it ends.

use crate::cli::drafts;
use crate::cli::interview::Drafts;
use crate::content::questions::QuestionSet;
use crate::input::error::Error;
use crate::input::save;
use crate::record::Record;
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

mod line;
pub mod pager;
mod prompter;
pub use prompter::TerminalPrompter;

/// Held while a draft is written, so that a signal never ends the process halfway through.
static WRITING: Mutex<()> = Mutex::new(());
/// The draft in use and the user's language, for the message printed on the way out.
static DRAFT: OnceLock<(PathBuf, Lang)> = OnceLock::new();

/// The command that carries on from a draft, in the same language.
pub fn resume_command(draft: &Path, lang: Lang) -> String {
    format!(
        "hsb assess{} --resume {}",
        lang_flag(lang),
        shell_quote(&draft.display().to_string())
    )
}

/// The command that replays a saved record, in the same language.
pub fn replay_command(record: &Path, lang: Lang) -> String {
    format!(
        "hsb replay{} {}",
        lang_flag(lang),
        shell_quote(&record.display().to_string())
    )
}

/// ` --lang cy` for any language but the default, so that a command given to the user keeps
/// speaking their language wherever they run it.
pub fn lang_flag(lang: Lang) -> String {
    if lang == Lang::default() {
        String::new()
    } else {
        format!(" --lang {}", lang.code())
    }
}

fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Set by whichever of the main thread and the signal thread first takes charge of stopping,
/// so that the resume message is printed once.
static STOPPING: AtomicBool = AtomicBool::new(false);
/// Set inside the signal handlers themselves, before an interrupted prompt returns.
static TERMINATED: OnceLock<Arc<AtomicBool>> = OnceLock::new();
static HUNG_UP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Catch Ctrl-C, SIGTERM and SIGHUP for as long as the process runs: wait for any draft being
/// written, put the terminal back as it was, say how to resume, and end (128 + the signal).
///
/// Ctrl-C at a prompt usually arrives as an interrupted prompt instead, which the interview
/// turns into [`Stop::Interrupted`] and [`stopped`] reports.
pub fn install_signal_handlers() -> Result<(), Error> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let saved_tty = saved_terminal_settings();
    for (signal, cell) in [(SIGTERM, &TERMINATED), (SIGHUP, &HUNG_UP)] {
        let flag = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal, Arc::clone(&flag))
            .map_err(|e| Error::io(Msg::CannotWatchSignals, &"", e))?;
        let _ = cell.set(flag);
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .map_err(|e| Error::io(Msg::CannotWatchSignals, &"", e))?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if STOPPING.swap(true, Ordering::SeqCst) {
                // The main thread is already stopping, and will report this signal.
                continue;
            }
            // Wait for any draft being written to be whole.
            let _guard = WRITING.lock();
            if let Some(settings) = &saved_tty {
                restore_terminal(settings);
            }
            let _ = dialoguer::console::Term::stderr().show_cursor();
            print_resume_message();
            std::process::exit(exit_status());
        }
    });
    Ok(())
}

/// For a training session: Ctrl-C, SIGTERM and SIGHUP no longer end the process outright, so
/// that the prompt they interrupt returns and the session ends in order, printing its scores
/// and writing its results file with the scenarios done.
pub fn finish_in_order_on_signals() -> Result<(), Error> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        signal_hook::flag::register(signal, Arc::new(AtomicBool::new(false)))
            .map_err(|e| Error::io(Msg::CannotWatchSignals, &"", e))?;
    }
    Ok(())
}

/// The main thread's way out after an interrupted prompt: say how to resume (once), and give the
/// exit status: 128 + the signal that stopped it, or 130 for Ctrl-C.
pub fn stopped() -> i32 {
    if STOPPING.swap(true, Ordering::SeqCst) {
        // The signal thread is already reporting and ending the process.
        loop {
            std::thread::park();
        }
    }
    print_resume_message();
    exit_status()
}

/// 128 + the signal that stopped the assessment: SIGTERM or SIGHUP when one was received (an
/// interrupted prompt then raises SIGINT as well), else SIGINT.
fn exit_status() -> i32 {
    let raised =
        |cell: &OnceLock<Arc<AtomicBool>>| cell.get().is_some_and(|f| f.load(Ordering::SeqCst));
    if raised(&TERMINATED) {
        128 + signal_hook::consts::SIGTERM
    } else if raised(&HUNG_UP) {
        128 + signal_hook::consts::SIGHUP
    } else {
        128 + signal_hook::consts::SIGINT
    }
}

fn print_resume_message() {
    if let Some((draft, lang)) = DRAFT.get() {
        // Wrapped between words (the terminal may be raw: each line ends "\r\n"); the command
        // has a line of its own, whole, to be copied.
        let stopped =
            crate::text::screen::fit(&crate::say!(*lang, Stopped, path = draft.display()));
        eprintln!(
            "\r\n{}\r\n{}\r",
            stopped.replace('\n', "\r\n"),
            crate::say!(*lang, ToCarryOn, command = resume_command(draft, *lang))
                .replace('\n', "\r\n")
        );
    }
}

/// `stty -g` of the terminal, to put back if the process is ended while a prompt has it raw.
fn saved_terminal_settings() -> Option<String> {
    let tty = std::fs::File::open("/dev/tty").ok()?;
    let output = std::process::Command::new("stty")
        .arg("-g")
        .stdin(tty)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn restore_terminal(settings: &str) {
    if let Ok(tty) = std::fs::File::open("/dev/tty") {
        let _ = std::process::Command::new("stty")
            .arg(settings)
            .stdin(tty)
            .status();
    }
}

/// Where an assessment's draft goes.
#[derive(Debug, Clone)]
pub enum DraftFile {
    /// A new draft in hsb's drafts folder, named when it is first written (once the case
    /// reference is known, so that the name carries it).
    New(PathBuf),
    /// A file named with `--draft`: created new, never one that already exists.
    Given(PathBuf),
    /// One of hsb's own drafts, resumed: rewritten after every answer, removed once saved.
    Resumed(PathBuf),
}

/// Drafts written atomically to one private file that hsb itself created.
pub struct FileDrafts<'a> {
    target: DraftFile,
    /// The file, once this run has created it (or from the start, for a resumed draft).
    path: Option<PathBuf>,
    questions: &'a QuestionSet,
}

impl<'a> FileDrafts<'a> {
    pub fn new(target: DraftFile, questions: &'a QuestionSet) -> Self {
        let path = match &target {
            DraftFile::Resumed(path) => Some(path.clone()),
            DraftFile::New(_) | DraftFile::Given(_) => None,
        };
        if let Some(path) = &path {
            let _ = DRAFT.set((path.clone(), questions.lang));
        }
        FileDrafts {
            target,
            path,
            questions,
        }
    }

    /// The draft file, once there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Remove the draft once its record is saved. Only a file this run created, or one of hsb's
    /// own drafts that was resumed, is ever removed.
    pub fn remove(&self) -> bool {
        self.path
            .as_ref()
            .is_some_and(|path| std::fs::remove_file(path).is_ok())
    }

    /// Create the draft file with its first contents, under a name no other file has.
    fn create(&self, text: &str, case_ref: Option<&str>) -> Result<PathBuf, Error> {
        match &self.target {
            DraftFile::Resumed(path) => {
                save::write_private(path, text.as_bytes(), true)?;
                Ok(path.clone())
            }
            DraftFile::Given(path) => match save::write_new(path, text.as_bytes())? {
                save::Written::Done => Ok(path.clone()),
                save::Written::AlreadyExists => {
                    Err(crate::usage!(DraftExists, path = path.display()))
                }
            },
            DraftFile::New(dir) => {
                let stamp = drafts::stamp();
                for attempt in 1..=100 {
                    let path = dir.join(drafts::file_name(case_ref, &stamp, attempt));
                    if save::write_new(&path, text.as_bytes())? == save::Written::Done {
                        return Ok(path);
                    }
                }
                Err(crate::usage!(DraftExists, path = dir.display()))
            }
        }
    }
}

impl Drafts for FileDrafts<'_> {
    fn save(&mut self, record: &Record, answered: &BTreeSet<String>) -> Result<(), Error> {
        let text = record
            .to_draft_yaml(self.questions, answered)
            .map_err(|e| crate::usage!(CannotWriteDraft, reason = e))?;
        let _guard = WRITING.lock();
        match &self.path {
            Some(path) => save::write_private(path, text.as_bytes(), true),
            None => {
                let path = self.create(&text, record.case_ref.as_deref())?;
                let _ = DRAFT.set((path.clone(), self.questions.lang));
                self.path = Some(path);
                Ok(())
            }
        }
    }
}
