//! One line of text typed at the terminal, with the editing keys people expect of a shell:
//! Ctrl-U clears what is before the cursor (all of a pre-filled path), Ctrl-K what is after it,
//! Ctrl-W the word before it; arrows, Home and End move; Esc goes back.
//!
//! dialoguer's own text prompt has neither Ctrl-U nor Esc, and misdraws text longer than the
//! terminal is wide; this one redraws from where its first line starts.

use dialoguer::console::{Key, Term};
use std::io;
use unicode_width::UnicodeWidthStr;

/// How a line ended.
pub enum Ended {
    Entered(String),
    /// Esc: the practitioner wants the previous question.
    Back,
}

/// The text being edited and where the cursor is (in characters).
struct Line {
    chars: Vec<char>,
    cursor: usize,
}

impl Line {
    fn new(initial: &str) -> Self {
        let chars: Vec<char> = initial.chars().collect();
        let cursor = chars.len();
        Line { chars, cursor }
    }

    fn text(&self) -> String {
        self.chars.iter().collect()
    }

    fn before_cursor(&self) -> String {
        self.chars.iter().take(self.cursor).collect()
    }

    /// Apply one key; false when the key is not an editing key.
    fn edit(&mut self, key: &Key) -> bool {
        match key {
            Key::Char('\u{15}') => {
                // Ctrl-U
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            Key::Char('\u{0b}') => {
                // Ctrl-K
                self.chars.truncate(self.cursor);
            }
            Key::Char('\u{17}') => {
                // Ctrl-W: the word before the cursor, and the spaces after it.
                let mut start = self.cursor;
                while start > 0 && self.chars.get(start - 1).is_some_and(|c| c.is_whitespace()) {
                    start -= 1;
                }
                while start > 0
                    && self
                        .chars
                        .get(start - 1)
                        .is_some_and(|c| !c.is_whitespace())
                {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Key::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, *c);
                self.cursor += 1;
            }
            Key::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Key::Del if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::ArrowLeft if self.cursor > 0 => self.cursor -= 1,
            Key::ArrowRight if self.cursor < self.chars.len() => self.cursor += 1,
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            _ => return false,
        }
        true
    }
}

/// Draws the prompt and text, and knows how to go back to where it started.
struct Painter<'t> {
    term: &'t Term,
    /// The row of the cursor, counted from the prompt's first row.
    row: usize,
}

impl Painter<'_> {
    /// Clear what was drawn, then draw `prompt` and `line` with the cursor in its place.
    fn draw(&mut self, prompt: &str, line: &Line) -> io::Result<()> {
        let width = usize::from(self.term.size().1).max(1);
        self.clear()?;
        let plain_prompt = dialoguer::console::strip_ansi_codes(prompt);
        let total = plain_prompt.width() + line.text().width();
        let at = plain_prompt.width() + line.before_cursor().width();
        let mut out = format!("{prompt}{}", line.text());
        let end_row = total.saturating_sub(1) / width;
        let (row, col) = (at / width, at % width);
        if at == total && total > 0 && col == 0 {
            // The cursor belongs at the start of a row the text has not reached yet.
            out.push_str(" \x08");
            self.row = row;
        } else {
            if end_row > row {
                out.push_str(&format!("\x1b[{}A", end_row - row));
            }
            out.push('\r');
            if col > 0 {
                out.push_str(&format!("\x1b[{col}C"));
            }
            self.row = row;
        }
        self.term.write_str(&out)?;
        self.term.flush()
    }

    /// Back to the start of the prompt's first row, with everything after it cleared.
    fn clear(&mut self) -> io::Result<()> {
        let mut out = String::new();
        if self.row > 0 {
            out.push_str(&format!("\x1b[{}A", self.row));
        }
        out.push_str("\r\x1b[J");
        self.row = 0;
        self.term.write_str(&out)
    }
}

/// Read one line on `term` (standard error). `prompt` and `done` are already formatted by the
/// theme; `done(text)` is what stays on screen once the line is entered. A refused entry shows
/// `error(reason)` below and keeps the text for correcting.
pub fn read(
    term: &Term,
    prompt: &str,
    initial: &str,
    validate: &dyn Fn(&str) -> Result<(), String>,
    done: &dyn Fn(&str) -> String,
    error: &dyn Fn(&str) -> String,
) -> io::Result<Ended> {
    let mut line = Line::new(initial);
    let mut painter = Painter { term, row: 0 };
    painter.draw(prompt, &line)?;
    loop {
        let key = term.read_key()?;
        match key {
            Key::Enter => {
                let text = line.text();
                match validate(&text) {
                    Ok(()) => {
                        painter.clear()?;
                        term.write_line(&done(&text))?;
                        return Ok(Ended::Entered(text));
                    }
                    Err(reason) => {
                        painter.clear()?;
                        term.write_line(&format!("{prompt}{text}"))?;
                        term.write_line(&error(&reason))?;
                        painter.draw(prompt, &line)?;
                    }
                }
            }
            Key::Escape => {
                painter.clear()?;
                return Ok(Ended::Back);
            }
            Key::Unknown => {
                // Not a terminal any more (or end of input): stop rather than spin.
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "no terminal"));
            }
            key => {
                if line.edit(&key) {
                    painter.draw(prompt, &line)?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(initial: &str, keys: &[Key]) -> String {
        let mut line = Line::new(initial);
        for key in keys {
            line.edit(key);
        }
        line.text()
    }

    #[test]
    fn ctrl_u_clears_a_prefilled_path() {
        let keys = [
            Key::Char('\u{15}'),
            Key::Char('a'),
            Key::Char('.'),
            Key::Char('y'),
        ];
        assert_eq!(typed("/home/me/hsb-ABC.yaml", &keys), "a.y");
    }

    #[test]
    fn editing_keys_work_in_the_middle() {
        let keys = [
            Key::Home,
            Key::Del,
            Key::Char('W'),
            Key::End,
            Key::Backspace,
        ];
        assert_eq!(typed("word", &keys), "Wor");
        let keys = [Key::ArrowLeft, Key::ArrowLeft, Key::Char('\u{0b}')];
        assert_eq!(typed("ŵyth", &keys), "ŵy");
        assert_eq!(typed("two words  ", &[Key::Char('\u{17}')]), "two ");
    }

    #[test]
    fn control_characters_are_never_typed_in() {
        assert_eq!(typed("a", &[Key::Char('\u{1}'), Key::Char('\t')]), "a");
    }
}
