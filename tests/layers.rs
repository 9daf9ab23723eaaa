//! The library's layers, kept one-way: each folder of `src/` uses only the layers beneath it, the
//! engine puts nothing into words, and only the command line knows clap and dialoguer. A use of a
//! higher layer fails here with the file and line, before it can grow into a cycle.

use std::path::{Path, PathBuf};

/// Each layer and the layers it may use.
const LAYERS: [(&str, &[&str]); 7] = [
    ("text", &[]),
    ("input", &["text"]),
    ("content", &["text", "input"]),
    ("record", &["text", "input", "content"]),
    // Ids and enums only: no messages, no languages.
    ("engine", &["content", "record"]),
    ("report", &["text", "input", "content", "record", "engine"]),
    (
        "cli",
        &["text", "input", "content", "record", "engine", "report"],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ can be read") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer a file under `src/` belongs to: its folder, or its own name (`engine.rs`).
fn layer_of(src: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(src).ok()?.components().next()?;
    let name = first.as_os_str().to_str()?;
    Some(name.trim_end_matches(".rs").to_string())
}

/// The code of a file without its tests and comments, a `use` spread over lines joined into one.
fn code(text: &str) -> Vec<(usize, String)> {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        match out.last_mut() {
            Some((_, joined)) if open => joined.push_str(line.trim()),
            _ => out.push((i + 1, line.to_string())),
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("use ") || trimmed.starts_with("pub use ") || open {
            open = !line.trim_end().ends_with(';');
        }
    }
    out
}

/// The layers named in a line: `crate::x` directly, or `x` inside `use crate::{…}`.
fn layers_named(line: &str, names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for name in names {
        let direct = format!("crate::{name}");
        let grouped = line.contains("use crate::{")
            && line
                .split(['{', ',', ' '])
                .any(|part| part.trim() == *name || part.trim().starts_with(&format!("{name}::")));
        let direct_hit = line.match_indices(&direct).any(|(i, _)| {
            let after = line.get(i + direct.len()..).unwrap_or("");
            !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
        });
        if direct_hit || grouped {
            found.push(name.to_string());
        }
    }
    found
}

#[test]
fn each_layer_uses_only_the_layers_beneath_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let names: Vec<&str> = LAYERS.iter().map(|(name, _)| *name).collect();
    let mut wrong = Vec::new();
    for file in &files {
        let Some(layer) = layer_of(&src, file) else {
            continue;
        };
        let Some((_, allowed)) = LAYERS.iter().find(|(name, _)| *name == layer) else {
            // lib.rs and main.rs sit above every layer.
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file can be read");
        for (number, line) in code(&text) {
            for used in layers_named(&line, &names) {
                if used != layer && !allowed.contains(&used.as_str()) {
                    wrong.push(format!("{}:{number}: {layer} uses {used}", file.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses of a higher layer:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn only_the_command_line_knows_clap_and_dialoguer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let layer = layer_of(&src, file).unwrap_or_default();
        if ["cli", "main", "lib"].contains(&layer.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a source file can be read");
        for (number, line) in code(&text) {
            if line.contains("clap") || line.contains("dialoguer") {
                wrong.push(format!("{}:{number}", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "clap or dialoguer outside src/cli:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layer_check_sees_a_use_of_a_higher_layer() {
    let names: Vec<&str> = LAYERS.iter().map(|(name, _)| *name).collect();
    assert_eq!(layers_named("use crate::report::View;", &names), ["report"]);
    assert_eq!(
        layers_named("use crate::{engine::Outcome, text::lang::Lang};", &names),
        ["text", "engine"]
    );
    assert!(layers_named("let reports = crate::reporting;", &names).is_empty());
    assert!(
        code("use crate::cli; // crate::report\n")
            .iter()
            .all(|(_, l)| !l.contains("report"))
    );
}

/// The length of each function in `text` (outside its tests): from its `fn` line to the line
/// that closes it at the same indentation.
fn function_lengths(text: &str) -> Vec<(usize, String, usize)> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let rest = [
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "fn ",
            "const fn ",
        ]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p));
        let Some(rest) = rest else { continue };
        if trimmed.ends_with(';') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        if let Some(end) = lines.iter().skip(i).position(|l| *l == close) {
            found.push((i + 1, name, end + 1));
        }
    }
    found
}

#[test]
fn no_function_is_longer_than_eighty_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file can be read");
        for (line, name, length) in function_lengths(&text) {
            if length > 80 {
                long.push(format!(
                    "{}:{line}: {name} is {length} lines",
                    file.display()
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these into steps:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_check_measures_a_function_to_its_closing_brace() {
    let text = "fn a() {\n    let x = 1;\n}\n\npub fn b(\n    y: u8,\n) -> u8 {\n    y\n}\n";
    assert_eq!(
        function_lengths(text),
        [(1, "a".to_string(), 3), (5, "b".to_string(), 5)]
    );
}
