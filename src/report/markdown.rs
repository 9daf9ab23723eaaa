//! A Markdown report fit for a case file, in the result's language.

use super::View;
use super::document::{Block, document};
use std::fmt::Write;

pub fn render(view: &View) -> String {
    blocks(&document(view))
}

/// Blocks as Markdown.
pub fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        block_to(&mut out, block);
    }
    out
}

fn block_to(out: &mut String, block: &Block) {
    let _ = match block {
        Block::Title(text) => writeln!(out, "# {text}\n"),
        Block::Notice(text) => writeln!(out, "> {text}\n"),
        Block::Facts(lines) | Block::Bullets(lines) => {
            for line in lines {
                let _ = writeln!(out, "- {}", line.replace('\n', " "));
            }
            writeln!(out)
        }
        Block::Heading(text) => writeln!(out, "## {text}\n"),
        Block::Subheading(text) => writeln!(out, "### {text}\n"),
        Block::Para(text) => writeln!(out, "{text}\n"),
        Block::Bar(levels) => {
            let bar: Vec<String> = levels
                .iter()
                .map(|(label, here)| {
                    if *here {
                        format!("**[{}]**", label.to_uppercase())
                    } else {
                        label.clone()
                    }
                })
                .collect();
            writeln!(out, "{}\n", bar.join(" → "))
        }
        Block::Checklist(items) => {
            for (text, from) in items {
                let _ = writeln!(out, "- [ ] {text} *({from})*");
            }
            writeln!(out)
        }
        Block::Table { header, rows } => {
            let line = |cells: &[String]| {
                format!(
                    "| {} |",
                    cells
                        .iter()
                        .map(|c| cell(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                )
            };
            let _ = writeln!(out, "{}", line(header));
            let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
            for row in rows {
                let _ = writeln!(out, "{}", line(row));
            }
            writeln!(out)
        }
        Block::Answers(pairs) => {
            for (prompt, answer) in pairs {
                let _ = writeln!(out, "- {prompt} **{answer}**");
            }
            writeln!(out)
        }
        Block::Footer(text) => writeln!(out, "---\n\n*{text}*"),
        Block::Grid { header, rows } => {
            let _ = writeln!(out, "| {} |", header.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
            for row in rows {
                let blanks = " |".repeat(header.len().saturating_sub(1));
                let _ = writeln!(out, "| {} |{blanks}", cell(row));
            }
            writeln!(out)
        }
        Block::Blanks(labels) => {
            for label in labels {
                let _ = writeln!(
                    out,
                    "**{label}:** ____________________________________________\n"
                );
            }
            Ok(())
        }
    };
}

/// A table cell: pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
