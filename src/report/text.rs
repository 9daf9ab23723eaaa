//! A plain-text report: no markup, wrapped at 80 columns, to paste into a case-management system
//! or print as it is.

use super::View;
use super::document::{Block, document, plain};
use super::table::wrap;
use std::fmt::Write;

const WIDTH: usize = 80;

pub fn render(view: &View) -> String {
    let mut out = String::new();
    for block in document(view) {
        block_to(&mut out, &block);
    }
    out
}

/// `text` wrapped to the width, every line after the first indented by `hang`, the first by
/// `lead` (which takes the same room).
fn hanging(lead: &str, text: &str, hang: usize) -> String {
    let body = wrap(&plain(text), WIDTH.saturating_sub(hang).max(20));
    let pad = " ".repeat(hang);
    body.lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{lead}{line}")
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A heading with a line of `mark` under it; in plain output (screen readers) the heading alone.
fn underline(text: &str, mark: char) -> String {
    let text = plain(text);
    if crate::text::screen::plain() {
        return wrap(&text, WIDTH);
    }
    let width = text.chars().count().min(WIDTH);
    format!("{}\n{}", wrap(&text, WIDTH), mark.to_string().repeat(width))
}

fn block_to(out: &mut String, block: &Block) {
    let _ = match block {
        Block::Title(text) => writeln!(out, "{}\n", underline(text, '=')),
        Block::Notice(text) | Block::Para(text) => writeln!(out, "{}\n", hanging("", text, 0)),
        Block::Facts(lines) => {
            for line in lines {
                let _ = writeln!(out, "{}", hanging("", line, 2));
            }
            writeln!(out)
        }
        Block::Heading(text) => writeln!(out, "{}\n", underline(&text.to_uppercase(), '-')),
        Block::Subheading(text) => writeln!(out, "{}\n", hanging("", text, 0)),
        Block::Bar(levels) => {
            let bar: Vec<String> = levels
                .iter()
                .map(|(label, here)| {
                    if *here {
                        format!("[{}]", label.to_uppercase())
                    } else {
                        label.clone()
                    }
                })
                .collect();
            writeln!(out, "{}\n", wrap(&bar.join(" - "), WIDTH))
        }
        Block::Bullets(lines) => {
            for line in lines {
                let _ = writeln!(out, "{}", hanging("- ", line, 2));
            }
            writeln!(out)
        }
        Block::Checklist(items) => {
            for (text, from) in items {
                let _ = writeln!(out, "{}", hanging("[ ] ", &format!("{text} ({from})"), 4));
            }
            writeln!(out)
        }
        // A table as one entry per row: its first cell, then each other cell under its heading.
        Block::Table { header, rows } => {
            for row in rows {
                let mut cells = row.iter().zip(header);
                if let Some((first, _)) = cells.next() {
                    let _ = writeln!(out, "{}", hanging("", first, 2));
                }
                for (cell, heading) in cells.filter(|(cell, _)| !cell.trim().is_empty()) {
                    let value = cell.replace('\n', "; ");
                    let line = if heading.is_empty() {
                        value
                    } else {
                        format!("{heading}: {value}")
                    };
                    let _ = writeln!(out, "{}", hanging("  ", &line, 4));
                }
            }
            writeln!(out)
        }
        Block::Answers(pairs) => {
            for (prompt, answer) in pairs {
                let _ = writeln!(out, "{}", hanging("- ", &format!("{prompt} {answer}"), 2));
            }
            writeln!(out)
        }
        Block::Grid { rows, .. } => {
            for row in rows {
                let _ = writeln!(out, "{}\n\n\n", hanging("", row, 0));
            }
            Ok(())
        }
        Block::Blanks(labels) => {
            for label in labels {
                let _ = writeln!(out, "{label}: {}\n", "_".repeat(40));
            }
            Ok(())
        }
        Block::Footer(text) if crate::text::screen::plain() => {
            writeln!(out, "{}", hanging("", text, 0))
        }
        Block::Footer(text) => writeln!(out, "{}\n{}", "-".repeat(WIDTH), hanging("", text, 0)),
    };
}
