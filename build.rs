//! Converts the embedded YAML content to JSON at build time, so that the binary does not spend
//! its start-up parsing YAML it already knows is valid. The YAML stays the source of truth: it is
//! embedded too, for the rule-set hash and for error positions, and the tests load it as YAML.

use sha2::{Digest, Sha256};
use std::path::Path;

const FILES: [(&str, &str); 3] = [
    ("questions/appendix3.yaml", "appendix3.json"),
    ("continuum/levels.yaml", "levels.json"),
    ("continuum/rules.yaml", "rules.json"),
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
        let json = match serde_json::to_string(&value) {
            Ok(json) => json,
            Err(err) => fail(&format!("{source}: cannot convert to JSON: {err}")),
        };
        if let Err(err) = std::fs::write(Path::new(&out_dir).join(target), json) {
            fail(&format!("{target}: cannot write: {err}"));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: embedded content is not valid YAML: {message}");
    std::process::exit(1);
}
