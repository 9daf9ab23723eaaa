//! A self-contained HTML report that prints to PDF: A4 pages, page breaks between cases, print
//! styles, and no external resources (no fonts, scripts or images to fetch).

use super::View;
use super::document::{Block, Span, document, spans};
use std::fmt::Write;

const STYLE: &str = "\
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.4;
  color: #000; background: #fff; margin: 0 auto; max-width: 50em; padding: 1em; }
h1 { font-size: 16pt; margin: 0 0 .6em; }
h2 { font-size: 13pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #555; break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 .3em; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
.notice { border-left: 4px solid #000; padding: .3em .8em; margin: .6em 0; font-weight: bold; }
.facts { list-style: none; padding: 0; }
.bar { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em; }
.bar li { border: 1px solid #555; padding: .2em .6em; }
.bar li.here { border: 3px solid #000; font-weight: bold; }
.checklist { list-style: none; padding-left: 0; }
.checklist li::before { content: '\\2610  '; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { border: 1px solid #555; padding: .25em .45em; text-align: left; vertical-align: top; }
tr, li { break-inside: avoid; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt; }
.case + .case { break-before: page; }
.grid td { height: 1.1cm; width: 33%; }
.grid td:first-child { width: 34%; font-size: 9.5pt; }
.worksheet + .worksheet { break-before: page; }
.worksheet footer { margin-top: .6em; padding-top: .3em; font-size: 8pt; }
.worksheet h2 { margin: .8em 0 .3em; }
.blank { border-bottom: 1px solid #555; padding-top: 1.2em; margin: 0 0 .4em; }
.key + .key { border-top: 2px solid #000; margin-top: 1.2em; padding-top: .6em; }
.key { break-inside: avoid-page; }
footer { margin-top: 1.5em; border-top: 1px solid #555; padding-top: .5em; font-style: italic; }
@media print { body { padding: 0; max-width: none; } }
";

/// A whole HTML page of articles (each a list of blocks, with a class): worksheets ("worksheet", each
/// on a new page) or a key ("key", flowing on).
pub fn blocks_page(lang: &str, title: &str, class: &str, articles: &[Vec<Block>]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    for blocks in articles {
        let _ = writeln!(out, "<article class=\"{class}\" lang=\"{lang}\">");
        for block in blocks {
            block_to(&mut out, block);
        }
        out.push_str("</article>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A whole HTML page holding one report per view, each starting on a new page.
pub fn page(views: &[View]) -> String {
    let lang = views.first().map_or("en", |v| v.lang.code());
    let title = views
        .first()
        .map(|v| escape(&super::document::plain(&v.heading())))
        .unwrap_or_default();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    for view in views {
        out.push_str(&render(view));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One report, as an `<article>` for [`page`].
pub fn render(view: &View) -> String {
    let mut out = format!("<article class=\"case\" lang=\"{}\">\n", view.lang.code());
    for block in document(view) {
        block_to(&mut out, &block);
    }
    out.push_str("</article>\n");
    out
}

fn block_to(out: &mut String, block: &Block) {
    let _ = match block {
        Block::Title(text) => writeln!(out, "<h1>{}</h1>", inline(text)),
        Block::Notice(text) => writeln!(out, "<p class=\"notice\">{}</p>", inline(text)),
        Block::Facts(lines) => write!(
            out,
            "{}",
            list("facts", lines.iter().map(|l| inline(l)).collect())
        ),
        Block::Heading(text) => writeln!(out, "<h2>{}</h2>", inline(text)),
        Block::Subheading(text) => writeln!(out, "<h3>{}</h3>", inline(text)),
        Block::Para(text) => writeln!(out, "<p>{}</p>", inline(text)),
        Block::Bar(levels) => writeln!(out, "{}", bar(levels)),
        Block::Bullets(lines) => write!(
            out,
            "{}",
            list("", lines.iter().map(|l| inline(l)).collect())
        ),
        Block::Checklist(items) => write!(
            out,
            "{}",
            list(
                "checklist",
                items
                    .iter()
                    .map(|(text, from)| format!("{} <em>({})</em>", inline(text), inline(from)))
                    .collect()
            )
        ),
        Block::Table { header, rows } => writeln!(out, "{}", table(header, rows)),
        Block::Answers(pairs) => write!(
            out,
            "{}",
            list(
                "",
                pairs
                    .iter()
                    .map(|(p, a)| format!("{} <strong>{}</strong>", inline(p), escape(a)))
                    .collect()
            )
        ),
        Block::Footer(text) => writeln!(out, "<footer>{}</footer>", inline(text)),
        Block::Grid { header, rows } => writeln!(out, "{}", grid(header, rows)),
        Block::Blanks(labels) => {
            for label in labels {
                let _ = writeln!(out, "<p class=\"blank\">{}:</p>", inline(label));
            }
            Ok(())
        }
    };
}

/// A list of items already in HTML, with a class when one is given.
fn list(class: &str, items: Vec<String>) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let items: String = items.iter().map(|i| format!("<li>{i}</li>\n")).collect();
    format!("<ul{class}>\n{items}</ul>\n")
}

/// The continuum as a list, the placement marked for every reader (not by colour alone).
fn bar(levels: &[(String, bool)]) -> String {
    let items: String = levels
        .iter()
        .map(|(label, here)| {
            if *here {
                format!(
                    "<li class=\"here\" aria-current=\"true\">[{}]</li>",
                    escape(&label.to_uppercase())
                )
            } else {
                format!("<li>{}</li>", escape(label))
            }
        })
        .collect();
    format!("<ol class=\"bar\">{items}</ol>")
}

/// A grid to write in: each prompt with empty cells, tall enough to write in when printed.
fn grid(header: &[String], rows: &[String]) -> String {
    let head: String = header
        .iter()
        .map(|h| format!("<th>{}</th>", inline(h)))
        .collect();
    let blanks = "<td></td>".repeat(header.len().saturating_sub(1));
    let body: String = rows
        .iter()
        .map(|r| format!("<tr><td>{}</td>{blanks}</tr>\n", inline(r)))
        .collect();
    format!(
        "<table class=\"grid\">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"
    )
}

/// A table with a header row; line breaks inside a cell kept.
fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let cells = |tag: &str, row: &[String]| -> String {
        row.iter()
            .map(|c| format!("<{tag}>{}</{tag}>", inline(c).replace('\n', "<br>")))
            .collect()
    };
    let body: String = rows
        .iter()
        .map(|r| format!("<tr>{}</tr>\n", cells("td", r)))
        .collect();
    format!(
        "<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>",
        cells("th", header)
    )
}

/// Text with its inline markup as HTML, everything else escaped.
fn inline(text: &str) -> String {
    spans(text)
        .into_iter()
        .map(|span| match span {
            Span::Plain(t) => escape(t),
            Span::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Span::Emphasis(t) => format!("<em>{}</em>", escape(t)),
            Span::Code(t) => format!("<code>{}</code>", escape(t)),
        })
        .collect()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_a_record_is_escaped() {
        assert_eq!(
            inline("<script>alert(1)</script> & **bold**"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <strong>bold</strong>"
        );
    }
}
