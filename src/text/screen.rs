//! The screen text is printed on: its width (for wrapping), its height (for paging long lists)
//! and whether output must be plain (for screen readers and dumb terminals).
//!
//! Width and height come from the terminal when there is one (`terminal_size`), else 80 by 24.
//! Prose is wrapped by display width (`textwrap` with `unicode-width`), so that Welsh letters
//! such as ŵ and ŷ count as one column each.

use std::sync::atomic::{AtomicBool, Ordering};

/// The width assumed when output is not a terminal, and that of the result's tables.
pub const DEFAULT_WIDTH: usize = 80;
/// Prose is never wrapped wider than this, however wide the terminal: long lines are hard to read.
pub const MAX_WIDTH: usize = 100;
/// Narrower than this, wrapping would make prose unreadable; it is wrapped at this and overflows.
pub const MIN_WIDTH: usize = 40;
pub const DEFAULT_HEIGHT: usize = 24;

static PLAIN: AtomicBool = AtomicBool::new(false);

/// Ask for plain output: `--plain`, or a terminal that says it is dumb (`TERM=dumb`). Set once
/// by the command line before anything is printed.
pub fn set_plain(asked: bool) {
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    PLAIN.store(asked || dumb, Ordering::Relaxed);
}

/// Plain output: no box drawing, bars or decorative symbols, for screen readers.
pub fn plain() -> bool {
    PLAIN.load(Ordering::Relaxed)
}

/// A list bullet: "•", or "-" in plain output.
pub fn bullet() -> &'static str {
    if plain() { "-" } else { "•" }
}

fn size() -> Option<(usize, usize)> {
    use terminal_size::{Height, Width, terminal_size_of};
    let size =
        terminal_size_of(std::io::stdout()).or_else(|| terminal_size_of(std::io::stderr()))?;
    let (Width(w), Height(h)) = size;
    Some((usize::from(w), usize::from(h)))
}

/// The width prose is wrapped to: the terminal's (between 40 and 100), else 80.
pub fn width() -> usize {
    size().map_or(DEFAULT_WIDTH, |(w, _)| w.clamp(MIN_WIDTH, MAX_WIDTH))
}

/// The terminal's width as it is, for truncating list items that must stay on one line.
pub fn columns() -> usize {
    size().map_or(DEFAULT_WIDTH, |(w, _)| w.max(MIN_WIDTH))
}

/// The terminal's height, else 24.
pub fn height() -> usize {
    size().map_or(DEFAULT_HEIGHT, |(_, h)| h.max(10))
}

/// Wrap text to `width` columns by display width, keeping its line breaks. Each line keeps its
/// indent; a bullet line ("• ", "- ", "→ ") hangs its continuation under the bullet's text. A
/// word longer than the width is broken (table cells have fixed widths).
pub fn wrap(text: &str, width: usize) -> String {
    wrap_with(text, width, true)
}

/// Wrap prose to `width` columns between words: a path, a date or a hyphenated word is never
/// split.
pub fn wrap_words(text: &str, width: usize) -> String {
    wrap_with(text, width, false)
}

/// Wrap prose to the screen's width. A word longer than the width (a path, a command) is left
/// whole, so that it can still be copied.
pub fn fit(text: &str) -> String {
    wrap_with(text, width(), false)
}

fn wrap_with(text: &str, width: usize, break_words: bool) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + text.len() / width.max(8));
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        if textwrap::core::display_width(line) <= width {
            out.push_str(line.trim_end());
            continue;
        }
        let hang = ["• ", "- ", "→ ", "▶ ", "✓ "]
            .iter()
            .find(|b| body.starts_with(*b))
            .map_or(0, |b| textwrap::core::display_width(b));
        let indent = if indent.len() + hang + 8 > width {
            ""
        } else {
            indent
        };
        // An id too long for the column ("developmental.traffic_light:") breaks after its dot
        // rather than in the middle of a word.
        let body = if break_words {
            at_dots(body, width.saturating_sub(indent.len()))
        } else {
            body.to_string()
        };
        let body = body.as_str();
        let rest = format!("{indent}{}", " ".repeat(hang));
        let options = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(if hang == 0 { indent } else { &rest })
            .break_words(break_words);
        // Prose never splits a path or a case reference at its hyphens.
        let options = if break_words {
            options
        } else {
            options.word_splitter(textwrap::WordSplitter::NoHyphenation)
        };
        for (i, piece) in textwrap::wrap(body, options).iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(piece.trim_end());
        }
    }
    out
}

/// `text` with a space after the dots of each word longer than `width`, so that it can break
/// there: "developmental.traffic_light:" in a narrow column becomes two lines, each a whole part.
fn at_dots(text: &str, width: usize) -> String {
    text.split(' ')
        .map(|word| {
            let long = textwrap::core::display_width(word) > width;
            let inner = word.trim_end_matches('.').contains('.');
            if long && inner {
                word.replace('.', ". ").trim_end().to_string()
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line across the screen made of `mark`, or nothing in plain output.
pub fn rule(mark: char) -> String {
    if plain() {
        String::new()
    } else {
        mark.to_string().repeat(width())
    }
}

/// The number of lines `text` takes once wrapped to `width`.
pub fn lines(text: &str, width: usize) -> usize {
    if text.is_empty() {
        return 0;
    }
    wrap(text, width).lines().count().max(1)
}

/// Cut a line to `width` columns, marking the cut with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if textwrap::core::display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_and_breaks_long_ones() {
        assert_eq!(wrap("one two three", 7), "one two\nthree");
        assert_eq!(wrap("abcdefghij", 4), "abcd\nefgh\nij");
        assert_eq!(wrap("a:\n  indented text", 20), "a:\n  indented text");
        for line in wrap("what_happened.behaviours: Touching under clothes", 20).lines() {
            assert!(line.chars().count() <= 20, "{line}");
        }
    }

    #[test]
    fn an_id_too_long_for_its_column_breaks_after_its_dot() {
        assert_eq!(
            wrap("developmental.traffic_light:", 23),
            "developmental.\ntraffic_light:"
        );
        // One that fits is left whole, and prose is never changed.
        assert_eq!(wrap("others.age: 6", 23), "others.age: 6");
        assert_eq!(wrap_words("e.g. a.b", 3), "e.g.\na.b");
    }

    #[test]
    fn bullets_hang_and_indents_stay() {
        assert_eq!(
            wrap("  • one two three four", 12),
            "  • one two\n    three\n    four"
        );
        assert_eq!(
            wrap("    deep words here", 12),
            "    deep\n    words\n    here"
        );
    }

    #[test]
    fn prose_never_breaks_a_path() {
        let path = format!("/{}/draft-CY-01-20261128-205804.yaml", "long".repeat(10));
        let wrapped = wrap_with(&format!("Saved to {path} now"), 40, false);
        assert!(wrapped.lines().any(|l| l == path), "{wrapped}");
    }

    #[test]
    fn welsh_letters_are_one_column_each() {
        // Twelve characters, some of them two bytes: they fit twelve columns exactly.
        assert_eq!(wrap("ŵŷâêîôûŵŷâêî", 12), "ŵŷâêîôûŵŷâêî");
        assert_eq!(truncate("ŵŷâêîôû", 4), "ŵŷâ…");
    }
}
