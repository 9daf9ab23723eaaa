//! `hsb check`'s outputs: for people, JSON, GitHub annotations and SARIF.

use super::Report;
use crate::input::diag::{Code, Severity};
use crate::input::source::Source;
use crate::text::lang::Lang;
use crate::text::messages::Msg;

/// The human form: one line per problem (with its help and, for a content file, the line it is
/// about), then a summary line. `quiet` keeps only the problem lines and the summary.
pub fn render_human(report: &Report, quiet: bool, lang: Lang) -> String {
    let mut out = String::new();
    let mut files: std::collections::HashMap<&str, Option<Source>> = Default::default();
    for d in &report.diagnostics {
        if quiet {
            let first = d.render(lang);
            out.push_str(first.lines().next().unwrap_or_default());
            out.push('\n');
            continue;
        }
        out.push_str(&d.render(lang));
        out.push('\n');
        let source = files
            .entry(d.path.as_str())
            .or_insert_with(|| shown_source(&d.path));
        if let Some(source) = source
            && let Some(snippet) = d.snippet(&source.text)
        {
            out.push_str(&snippet);
            out.push('\n');
        }
    }
    out.push_str(&summary(report, lang));
    out
}

/// The file a diagnostic is in, when its lines may be shown under it: a content file (rules,
/// levels, questions, messages) on disk. A record's lines never are: they may describe a child.
fn shown_source(path: &str) -> Option<Source> {
    let source = Source::read(std::path::Path::new(path)).ok()?;
    match crate::input::yaml::format_of(&source) {
        Ok(Some(format)) if format != crate::record::FORMAT => Some(source),
        _ => None,
    }
}

/// "checked 3 files: 1 error, 0 warnings", in `lang`.
pub fn summary(report: &Report, lang: Lang) -> String {
    let count = |n: usize, one: Msg, many: Msg| crate::text::messages::count(lang, n, one, many);
    format!(
        "{}\n",
        crate::say!(
            lang,
            CheckSummary,
            files = count(report.files, Msg::CountFileOne, Msg::CountFiles),
            errors = count(report.errors(), Msg::CountErrorOne, Msg::CountErrors),
            warnings = count(report.warnings(), Msg::CountWarningOne, Msg::CountWarnings)
        )
    )
}

/// One JSON object with every diagnostic and the counts.
pub fn render_json(report: &Report) -> String {
    let diagnostics: Vec<serde_json::Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "severity": d.severity,
                "code": d.code.as_str(),
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    let value = serde_json::json!({
        "files": report.files,
        "errors": report.errors(),
        "warnings": report.warnings(),
        "diagnostics": diagnostics,
    });
    format!("{value}\n")
}

/// GitHub Actions workflow commands, which show as annotations on the changed lines.
pub fn render_github(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let place = d.line.zip(d.column);
        let title = format!("hsb {}", d.code.as_str());
        out.push_str(&annotation(level, Some(&d.path), place, &title, &message));
    }
    out.push_str(&summary(report, Lang::En));
    out
}

/// One GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::message`), its
/// properties and message escaped as GitHub requires.
pub(crate) fn annotation(
    level: &str,
    path: Option<&str>,
    place: Option<(usize, usize)>,
    title: &str,
    message: &str,
) -> String {
    let mut properties = Vec::new();
    if let Some(path) = path {
        properties.push(format!("file={}", escape_property(path)));
    }
    if let Some((line, column)) = place {
        properties.push(format!("line={line}"));
        properties.push(format!("col={column}"));
    }
    properties.push(format!("title={}", escape_property(title)));
    format!(
        "::{level} {}::{}\n",
        properties.join(","),
        escape_data(message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// SARIF 2.1.0 (one run, hsb as the tool, a rule per diagnostic code), for code-scanning
/// services such as GitHub's. Paths are given as written, relative to where hsb ran.
pub fn render_sarif(report: &Report) -> String {
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|code| {
            serde_json::json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.summary()},
                "defaultConfiguration": {"level": sarif_level(code.severity())},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut physical = serde_json::json!({
                "artifactLocation": {"uri": sarif_uri(&d.path)},
            });
            if let (Some(line), Some(column)) = (d.line, d.column) {
                physical["region"] = serde_json::json!({"startLine": line, "startColumn": column});
            }
            serde_json::json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code),
                "level": sarif_level(d.severity),
                "message": {"text": text},
                "locations": [{"physicalLocation": physical}],
            })
        })
        .collect();
    let value = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "hsb",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    format!("{value:#}\n")
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A path as a relative URI reference: forward slashes, and bytes outside the unreserved set
/// percent-encoded (`<embedded>/rules.yaml`, for the built-in files, included).
fn sarif_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
