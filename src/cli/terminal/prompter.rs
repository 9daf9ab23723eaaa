//! Prompts on standard error, with dialoguer, marked for every reader: the cursor is a symbol as
//! well as a colour, ticks are symbols, and plain mode (screen readers, `TERM=dumb`, `NO_COLOR`)
//! uses ASCII marks ("> ", "[x]") and no colour.
//!
//! Esc at any prompt goes back ([`Stop::Back`]); a list longer than the screen pages within it,
//! so that the question above it stays in view.

use super::line::{self, Ended};
use crate::cli::interview::{Prompter, Stop};
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use crate::text::screen;
use dialoguer::console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, MultiSelect, Select};
use std::fmt;

/// dialoguer's colourful theme, with the cursor marked by a symbol in multiple choice too.
struct Marked(ColorfulTheme);

impl Theme for Marked {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_prompt(f, prompt)
    }
    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.0.format_error(f, err)
    }
    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        self.0.format_confirm_prompt(f, prompt, default)
    }
    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        self.0.format_confirm_prompt_selection(f, prompt, selection)
    }
    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        self.0.format_input_prompt(f, prompt, default)
    }
    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0.format_input_prompt_selection(f, prompt, sel)
    }
    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_select_prompt(f, prompt)
    }
    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0.format_select_prompt_selection(f, prompt, sel)
    }
    fn format_multi_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_multi_select_prompt(f, prompt)
    }
    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.0
            .format_multi_select_prompt_selection(f, prompt, selections)
    }
    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.0.format_select_prompt_item(f, text, active)
    }
    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        if active {
            write!(f, "{} ", self.0.active_item_prefix)?;
        } else {
            write!(f, "{} ", self.0.inactive_item_prefix)?;
        }
        self.0
            .format_multi_select_prompt_item(f, text, checked, active)
    }
}

/// Prompts on standard error.
pub struct TerminalPrompter {
    theme: Box<dyn Theme>,
    /// Information to standard output (teaching screens) rather than standard error.
    to_stdout: bool,
    lang: Lang,
    /// Lines of the last text shown: the context (a question) a list must leave in view.
    shown: usize,
}

impl TerminalPrompter {
    /// A prompter whose own words (yes and no) are in `lang`.
    pub fn new(lang: Lang) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme: Box<dyn Theme> = if no_colour || screen::plain() {
            Box::new(SimpleTheme)
        } else {
            Box::new(Marked(ColorfulTheme::default()))
        };
        TerminalPrompter {
            theme,
            to_stdout: false,
            lang,
            shown: 0,
        }
    }

    /// For teaching: screens go to standard output, prompts stay on standard error.
    pub fn plain_output(lang: Lang) -> Self {
        TerminalPrompter {
            to_stdout: true,
            ..TerminalPrompter::new(lang)
        }
    }

    /// A prompt that fails has lost its terminal (end of input, a closed window): that is an
    /// interruption, which keeps the draft and says how to resume.
    fn outcome<T>(&mut self, result: dialoguer::Result<Option<T>>) -> Result<T, Stop> {
        self.shown = 0;
        match result {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(Stop::Back),
            Err(_) => Err(Stop::Interrupted),
        }
    }

    /// Items cut to one line each (dialoguer cannot redraw items that wrap), and how many to
    /// show at once so that what was shown above the list stays on screen.
    fn fit(&self, items: &[String]) -> (Vec<String>, usize) {
        let width = screen::columns().saturating_sub(6);
        let items: Vec<String> = items.iter().map(|i| screen::truncate(i, width)).collect();
        // What was shown keeps at most half the screen; the list has the rest.
        let height = screen::height();
        let room = height.saturating_sub(self.shown.min(height / 2) + 3).max(5);
        (items, room)
    }

    /// A list with nothing chosen (dialoguer's `!0`): Enter does nothing until an arrow key
    /// reaches an answer, and the prompt says so while it is asked. The line left afterwards
    /// is the prompt and the answer, without the hint.
    fn select_fresh(
        &mut self,
        prompt: &str,
        (items, whole): (&[String], &[String]),
        room: usize,
    ) -> Result<usize, Stop> {
        let hint = Msg::ArrowsToChoose.text(self.lang);
        let inline = format!("{prompt} {hint}");
        // dialoguer cannot redraw a prompt that wraps: a long one has the hint above it.
        let above = textwrap::core::display_width(&inline) + 4 >= screen::columns();
        if above {
            eprintln!("{hint}");
        }
        let result = Select::with_theme(self.theme.as_ref())
            .with_prompt(if above { prompt } else { &inline })
            .items(items)
            .default(!0)
            .max_length(room)
            .report(false)
            .interact_opt();
        if above {
            let _ = Term::stderr().clear_last_lines(1);
        }
        self.report_choice(prompt, whole, &result);
        self.outcome(result)
    }

    /// The line left once a choice is made: the prompt and the whole answer (the list may have
    /// cut it), wrapped between words; it is printed once, so it may take more than one line.
    fn report_choice(
        &self,
        prompt: &str,
        items: &[String],
        result: &dialoguer::Result<Option<usize>>,
    ) {
        if let Ok(Some(index)) = result {
            let answer = items.get(*index).map_or("", String::as_str);
            let line = self.render(|t, f| t.format_select_prompt_selection(f, prompt, answer));
            eprintln!("{}", fitted(&line));
        }
    }

    /// A prompt too long for one line, wrapped between words: every line but the last is shown
    /// above, and the last is the prompt (dialoguer, and the line editor, would break a long
    /// one mid-word, and cannot redraw it).
    fn lead(&mut self, prompt: &str) -> Lead {
        let (above, prompt) = split_prompt(prompt, screen::columns(), self.lang);
        let lines = match above {
            Some(above) => {
                eprintln!("{above}");
                above.lines().count()
            }
            None => 0,
        };
        self.shown += lines;
        Lead { prompt, lines }
    }

    /// The prompt's outcome, passed on. Going back, the lines shown above the prompt go too, so
    /// that asking again does not show them twice.
    fn settle<T>(&self, lead: &Lead, result: Result<T, Stop>) -> Result<T, Stop> {
        if matches!(result, Err(Stop::Back)) && lead.lines > 0 {
            let _ = Term::stderr().clear_last_lines(lead.lines);
        }
        result
    }

    /// A refused answer's reason, wrapped between words to the screen.
    fn error_line(&self, reason: &str) -> String {
        let reason = screen::wrap_words(reason, screen::columns().saturating_sub(4).max(20));
        self.render(|t, f| t.format_error(f, &reason))
    }

    fn render(&self, format: impl Fn(&dyn Theme, &mut String) -> fmt::Result) -> String {
        let mut out = String::new();
        let _ = format(self.theme.as_ref(), &mut out);
        out
    }
}

impl Prompter for TerminalPrompter {
    fn show(&mut self, text: &str) {
        self.shown = screen::lines(text, screen::columns());
        if self.to_stdout {
            println!("{text}");
        } else {
            eprintln!("{text}");
        }
    }

    fn page(&mut self, text: &str) {
        super::pager::page(text);
        self.shown = 0;
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Stop> {
        let lead = self.lead(prompt);
        let prompt = &lead.prompt;
        let shown = self.render(|t, f| t.format_input_prompt(f, prompt, None));
        // The answer as it stays on screen, printed once: wrapped between words.
        let done = |text: &str| {
            fitted(&self.render(|t, f| t.format_input_prompt_selection(f, prompt, text)))
        };
        let error = |reason: &str| self.error_line(reason);
        let result = line::read(&Term::stderr(), &shown, initial, validate, &done, &error);
        self.shown = 0;
        let result = match result {
            Ok(Ended::Entered(text)) => Ok(text),
            Ok(Ended::Back) => Err(Stop::Back),
            Err(_) => Err(Stop::Interrupted),
        };
        self.settle(&lead, result)
    }

    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: Option<usize>,
    ) -> Result<usize, Stop> {
        let lead = self.lead(prompt);
        let prompt = &lead.prompt;
        let whole = items;
        let (items, room) = self.fit(items);
        let result = match default {
            None => self.select_fresh(prompt, (&items, whole), room),
            Some(default) => {
                let result = Select::with_theme(self.theme.as_ref())
                    .with_prompt(prompt)
                    .items(&items)
                    .default(default.min(items.len().saturating_sub(1)))
                    .max_length(room)
                    .report(false)
                    .interact_opt();
                self.report_choice(prompt, whole, &result);
                self.outcome(result)
            }
        };
        self.settle(&lead, result)
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[String],
        chosen: &[bool],
        validate: &dyn Fn(&[usize]) -> Result<(), String>,
    ) -> Result<Vec<usize>, Stop> {
        let lead = self.lead(prompt);
        let prompt = &lead.prompt;
        let whole = items;
        let (items, room) = self.fit(items);
        let mut chosen = chosen.to_vec();
        loop {
            // dialoguer's own report line would tick an answer before it is accepted: hsb
            // reports it itself, once it is.
            let result = MultiSelect::with_theme(self.theme.as_ref())
                .with_prompt(prompt)
                .items(&items)
                .defaults(&chosen)
                .max_length(room)
                .report(false)
                .interact_opt();
            let picked = self.outcome(result);
            let picked = self.settle(&lead, picked)?;
            for (i, tick) in chosen.iter_mut().enumerate() {
                *tick = picked.contains(&i);
            }
            match validate(&picked) {
                Ok(()) => {
                    let names: Vec<&str> = picked
                        .iter()
                        .filter_map(|i| whole.get(*i).map(String::as_str))
                        .collect();
                    let line = self
                        .render(|t, f| t.format_multi_select_prompt_selection(f, prompt, &names));
                    eprintln!("{}", fitted(&line));
                    return Ok(picked);
                }
                Err(reason) => eprintln!("{}", self.error_line(&reason)),
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Stop> {
        if self.lang != Lang::En {
            // dialoguer's yes/no prompt speaks English (y/n, "yes"), so other languages choose
            // from their own two words instead.
            let items = [Msg::WordYes, Msg::WordNo].map(|m| m.text(self.lang).to_string());
            let index = self.select(prompt, &items, Some(usize::from(!default)))?;
            return Ok(index == 0);
        }
        let lead = self.lead(prompt);
        let result = Confirm::with_theme(self.theme.as_ref())
            .with_prompt(&lead.prompt)
            .default(default)
            .interact_opt();
        let result = self.outcome(result);
        self.settle(&lead, result)
    }
}

/// A prompt as asked: the line beside the answer, and how many lines were shown above it.
struct Lead {
    prompt: String,
    lines: usize,
}

/// A line printed once (an answer given, a refusal), wrapped between words to the screen.
fn fitted(line: &str) -> String {
    screen::wrap_words(line, screen::columns().saturating_sub(1))
}

/// A prompt for a screen `columns` wide: what to show above it, if anything, and the prompt
/// line. A prompt that fits is left alone. A longer one keeps its question on the prompt line
/// when that fits ("… already exists." above, "Replace it?" beside the answer); otherwise the
/// whole prompt goes above, wrapped between words, and the prompt line just asks for the answer.
fn split_prompt(prompt: &str, columns: usize, lang: Lang) -> (Option<String>, String) {
    // Room for the theme's marks around the prompt ("? " and " › ").
    let width = columns.saturating_sub(6).max(20);
    let fits = |text: &str| textwrap::core::display_width(text) <= width;
    if fits(prompt) {
        return (None, prompt.to_string());
    }
    let above = |text: &str| Some(screen::wrap_words(text, columns.saturating_sub(1)));
    if let Some((before, question)) = prompt.rsplit_once(". ") {
        // Not after an abbreviation ("e.g. ", "e.e. "): the word before the stop has none.
        let sentence_end = before
            .split_whitespace()
            .next_back()
            .is_some_and(|word| !word.contains('.'));
        if sentence_end && question.ends_with('?') && fits(question) {
            return (above(&format!("{before}.")), question.to_string());
        }
    }
    (above(prompt), Msg::PromptYourAnswer.text(lang).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_prompt_keeps_its_question_beside_the_answer_and_the_rest_above() {
        let (above, prompt) = split_prompt(
            "/tmp/a/very/long/path/to/a/record/that/exists/already.yaml already exists. Replace it?",
            80,
            Lang::En,
        );
        assert_eq!(prompt, "Replace it?");
        assert_eq!(
            above.as_deref(),
            Some("/tmp/a/very/long/path/to/a/record/that/exists/already.yaml already exists.")
        );
    }

    #[test]
    fn a_prompt_that_fits_is_left_alone() {
        assert_eq!(
            split_prompt("Your role", 80, Lang::En),
            (None, "Your role".into())
        );
    }

    #[test]
    fn without_a_question_to_keep_the_whole_prompt_goes_above_between_words() {
        let long = "Votes for Required: report to social services, who convene it with the police and the health board";
        let (above, prompt) = split_prompt(long, 40, Lang::Cy);
        assert_eq!(prompt, Msg::PromptYourAnswer.text(Lang::Cy));
        let above = above.unwrap_or_default();
        assert!(above.lines().all(|l| l.chars().count() < 40), "{above}");
        assert_eq!(above.split_whitespace().collect::<Vec<_>>().join(" "), long);
        // Not split after an abbreviation.
        let (above, prompt) = split_prompt(
            "Anything else about the setting (the time of day, e.g. after school) that matters. e.g. Is it?",
            60,
            Lang::En,
        );
        assert!(above.is_some());
        assert_eq!(prompt, Msg::PromptYourAnswer.text(Lang::En));
    }
}
