//! Converts the embedded YAML content to JSON at build time, one file per language, so that the
//! binary does not spend its start-up parsing YAML it already knows is valid. The YAML stays the
//! source of truth: it is embedded too, for the rule-set hash and for error positions, and the
//! tests load it as YAML. Also turns `interface/messages.yaml` into the `Msg` enum.

#[path = "src/text/placeholders.rs"]
mod placeholders;

use sha2::{Digest, Sha256};
use std::path::Path;

const FILES: [(&str, &str); 4] = [
    ("questions/appendix3.yaml", "appendix3"),
    ("questions/case-record.yaml", "case-record"),
    ("continuum/levels.yaml", "levels"),
    ("continuum/rules.yaml", "rules"),
];

fn main() {
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string());
    // The rule-set hash of the defaults (continuum file, then rules file), as hsb computes it
    // for files given with --rules.
    let mut hasher = Sha256::new();
    for source in ["continuum/levels.yaml", "continuum/rules.yaml"] {
        match std::fs::read(source) {
            Ok(bytes) => hasher.update(&bytes),
            Err(err) => fail(&format!("{source}: cannot read: {err}")),
        }
    }
    let hash: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if let Err(err) = std::fs::write(Path::new(&out_dir).join("rules.sha256"), hash) {
        fail(&format!("rules.sha256: cannot write: {err}"));
    }
    messages(&out_dir);
    for (source, target) in FILES {
        println!("cargo::rerun-if-changed={source}");
        let text = match std::fs::read_to_string(source) {
            Ok(text) => text,
            Err(err) => fail(&format!("{source}: cannot read: {err}")),
        };
        let value: serde_yaml::Value = match serde_yaml::from_str(&text) {
            Ok(value) => value,
            Err(err) => fail(&format!("{source}: {err}")),
        };
        // One JSON file per language, each text already in that language: start-up reads only
        // the language it shows. The YAML, with both languages, stays the source of truth.
        for lang in ["en", "cy"] {
            let json = match serde_json::to_string(&in_language(&value, lang, source)) {
                Ok(json) => json,
                Err(err) => fail(&format!("{source}: cannot convert to JSON: {err}")),
            };
            let target = format!("{target}.{lang}.json");
            if let Err(err) = std::fs::write(Path::new(&out_dir).join(&target), json) {
                fail(&format!("{target}: cannot write: {err}"));
            }
        }
    }
}

/// The content with every text (a mapping of `en`, `cy` or `both`) replaced by its text in
/// `lang`. A text missing that language stops the build.
fn in_language(value: &serde_yaml::Value, lang: &str, source: &str) -> serde_yaml::Value {
    use serde_yaml::Value;
    match value {
        Value::Mapping(map) => {
            let is_text = !map.is_empty()
                && map
                    .keys()
                    .all(|k| matches!(k.as_str(), Some("en" | "cy" | "both")));
            if is_text {
                match map.get(lang).or_else(|| map.get("both")) {
                    Some(text @ Value::String(_)) => text.clone(),
                    _ => fail(&format!("{source}: a text has no `{lang}`: {map:?}")),
                }
            } else {
                Value::Mapping(
                    map.iter()
                        .map(|(k, v)| (k.clone(), in_language(v, lang, source)))
                        .collect(),
                )
            }
        }
        Value::Sequence(items) => {
            Value::Sequence(items.iter().map(|v| in_language(v, lang, source)).collect())
        }
        other => other.clone(),
    }
}

/// Generate `messages.rs` from `interface/messages.yaml`: an enum `Msg` with one variant per
/// message and its English and Welsh texts. The build refuses a message missing a language, or
/// whose `{placeholders}` differ between languages, so the binary can never show a hole.
fn messages(out_dir: &str) {
    const SOURCE: &str = "interface/messages.yaml";
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/text/placeholders.rs");
    let text = std::fs::read_to_string(SOURCE)
        .unwrap_or_else(|err| fail(&format!("{SOURCE}: cannot read: {err}")));
    let value: serde_yaml::Value =
        serde_yaml::from_str(&text).unwrap_or_else(|err| fail(&format!("{SOURCE}: {err}")));
    let Some(messages) = value.get("messages").and_then(|m| m.as_mapping()) else {
        fail(&format!("{SOURCE}: no `messages:` mapping"));
    };
    let signed_off = ["reviewed_by", "reviewed_on"].iter().all(|key| {
        value
            .get("welsh_review")
            .and_then(|r| r.get(key))
            .and_then(|v| v.as_str())
            .is_some_and(|v| !v.trim().is_empty())
    });
    let mut variants = String::new();
    let mut all = String::new();
    let mut ids = String::new();
    let mut english = String::new();
    let mut welsh = String::new();
    let mut names = String::new();
    for (key, texts) in messages {
        let Some(id) = key.as_str() else {
            fail(&format!("{SOURCE}: a message id is not a word"));
        };
        let get = |lang: &str| {
            texts
                .get(lang)
                .or_else(|| texts.get("both"))
                .and_then(|v| v.as_str())
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| fail(&format!("{SOURCE}: message `{id}` has no `{lang}` text")))
        };
        let (en, cy) = (get("en"), get("cy"));
        if placeholders::names(en) != placeholders::names(cy) {
            fail(&format!(
                "{SOURCE}: message `{id}` has different {{placeholders}} in en and cy"
            ));
        }
        let variant: String = id
            .split('_')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        variants.push_str(&format!("    {variant},\n"));
        all.push_str(&format!("Msg::{variant}, "));
        ids.push_str(&format!("            Msg::{variant} => {id:?},\n"));
        english.push_str(&format!("            Msg::{variant} => {en:?},\n"));
        welsh.push_str(&format!("            Msg::{variant} => {cy:?},\n"));
        names.push_str(&format!(
            "            Msg::{variant} => &{:?},\n",
            placeholders::names(en)
        ));
    }
    let code = format!(
        "/// One interface message; its texts are in `interface/messages.yaml`.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n\
         pub enum Msg {{\n{variants}}}\n\n\
         /// Every message, in file order.\n\
         pub const ALL: &[Msg] = &[{all}];\n\n\
         /// Whether the Welsh of `interface/messages.yaml` has been signed off by a reviewer.\n\
         pub const WELSH_SIGNED_OFF: bool = {signed_off};\n\n\
         impl Msg {{\n\
         \x20   /// The id used in `interface/messages.yaml`.\n\
         \x20   pub fn id(self) -> &'static str {{\n        match self {{\n{ids}        }}\n    }}\n\n\
         \x20   fn english(self) -> &'static str {{\n        match self {{\n{english}        }}\n    }}\n\n\
         \x20   fn welsh(self) -> &'static str {{\n        match self {{\n{welsh}        }}\n    }}\n\n\
         \x20   /// The `{{names}}` the message is filled in with, sorted (the same in both languages).\n\
         \x20   pub const fn placeholders(self) -> &'static [&'static str] {{\n        match self {{\n{names}        }}\n    }}\n\
         }}\n"
    );
    if let Err(err) = std::fs::write(Path::new(out_dir).join("messages.rs"), code) {
        fail(&format!("messages.rs: cannot write: {err}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: embedded content is not valid YAML: {message}");
    std::process::exit(1);
}
