//! The interview on a real terminal: dialoguer prompts, drafts on disk, and signals.
//!
//! Ctrl-C, a closed terminal or SIGTERM never lose an answer: the draft is written after every
//! answer, whole or not at all, and the process says how to resume before it ends.

use crate::error::Error;
use crate::interview::{Drafts, Prompter, Stop};
use crate::questions::QuestionSet;
use crate::record::Record;
use crate::save;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Held while a draft is written, so that a signal never ends the process halfway through.
static WRITING: Mutex<()> = Mutex::new(());
/// The draft in use, for the message printed on the way out.
static DRAFT: OnceLock<PathBuf> = OnceLock::new();

/// The command that carries on from a draft.
pub fn resume_command(draft: &Path) -> String {
    format!(
        "hsb assess --resume {}",
        shell_quote(&draft.display().to_string())
    )
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

/// Catch Ctrl-C (as a flag the prompts check), and SIGTERM and SIGHUP (restore the terminal,
/// say how to resume, and end), for as long as the process runs.
pub fn install_signal_handlers() -> Result<Arc<AtomicBool>, Error> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let interrupted = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGINT, Arc::clone(&interrupted))
        .map_err(|e| Error::Usage(format!("cannot watch for Ctrl-C: {e}")))?;
    let saved_tty = saved_terminal_settings();
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .map_err(|e| Error::Usage(format!("cannot watch for signals: {e}")))?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Wait for any draft being written to be whole.
            let _guard = WRITING.lock();
            if let Some(settings) = &saved_tty {
                restore_terminal(settings);
            }
            let _ = dialoguer::console::Term::stderr().show_cursor();
            if let Some(draft) = DRAFT.get() {
                eprintln!(
                    "\r\nhsb: stopped. Every answer so far is saved in {}\r\nTo carry on: {}\r",
                    draft.display(),
                    resume_command(draft)
                );
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(interrupted)
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

/// Drafts written atomically to one private file.
pub struct FileDrafts<'a> {
    pub path: PathBuf,
    pub questions: &'a QuestionSet,
}

impl<'a> FileDrafts<'a> {
    pub fn new(path: PathBuf, questions: &'a QuestionSet) -> Self {
        let _ = DRAFT.set(path.clone());
        FileDrafts { path, questions }
    }
}

impl Drafts for FileDrafts<'_> {
    fn save(&mut self, record: &Record, answered: &BTreeSet<String>) -> Result<(), Error> {
        let text = record
            .to_draft_yaml(self.questions, answered)
            .map_err(|e| Error::Usage(format!("cannot write the draft: {e}")))?;
        let _guard = WRITING.lock();
        save::write_private(&self.path, text.as_bytes(), true)
    }
}

/// Where drafts go by default: `$XDG_STATE_HOME/hsb/drafts`, else `~/.local/state/hsb/drafts`,
/// created private to the owner.
pub fn draft_dir() -> Result<PathBuf, Error> {
    let base = match (std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME")) {
        (Some(state), _) if !state.is_empty() => PathBuf::from(state),
        (_, Some(home)) if !home.is_empty() => PathBuf::from(home).join(".local/state"),
        _ => {
            return Err(Error::Usage(
                "no HOME or XDG_STATE_HOME to keep drafts in; give --draft FILE".to_string(),
            ));
        }
    };
    let dir = base.join("hsb").join("drafts");
    std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
        path: dir.display().to_string(),
        source: e,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(dir)
}

/// Prompts on standard error, with dialoguer.
pub struct TerminalPrompter {
    theme: Box<dyn Theme>,
    interrupted: Arc<AtomicBool>,
}

impl TerminalPrompter {
    pub fn new(interrupted: Arc<AtomicBool>) -> Self {
        let plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme: Box<dyn Theme> = if plain {
            Box::new(SimpleTheme)
        } else {
            Box::new(ColorfulTheme::default())
        };
        TerminalPrompter { theme, interrupted }
    }

    fn check(&self) -> Result<(), Stop> {
        if self.interrupted.load(Ordering::SeqCst) {
            Err(Stop::Interrupted)
        } else {
            Ok(())
        }
    }

    fn outcome<T>(&self, result: dialoguer::Result<T>) -> Result<T, Stop> {
        match result {
            Ok(value) => {
                self.check()?;
                Ok(value)
            }
            Err(dialoguer::Error::IO(err)) if err.kind() == std::io::ErrorKind::Interrupted => {
                Err(Stop::Interrupted)
            }
            Err(_) if self.interrupted.load(Ordering::SeqCst) => Err(Stop::Interrupted),
            // The terminal went away (end of input, closed window): treat as an interruption,
            // which keeps the draft and says how to resume.
            Err(_) => Err(Stop::Interrupted),
        }
    }
}

impl Prompter for TerminalPrompter {
    fn show(&mut self, text: &str) {
        eprintln!("{text}");
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
        self.check()?;
        let result = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .with_initial_text(initial)
            .allow_empty(true)
            .validate_with(|text: &String| validate(text))
            .interact_text();
        self.outcome(result)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, Stop> {
        self.check()?;
        let result = Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(default.min(items.len().saturating_sub(1)))
            .interact();
        self.outcome(result)
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
    ) -> Result<Vec<usize>, Stop> {
        self.check()?;
        let result = MultiSelect::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .defaults(chosen)
            .interact();
        self.outcome(result)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Stop> {
        self.check()?;
        let result = Confirm::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .default(default)
            .interact();
        self.outcome(result)
    }
}
