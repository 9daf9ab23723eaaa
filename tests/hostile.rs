//! Hostile files: each is refused quickly with a clear error (exit 2), never a hang, a crash or
//! runaway memory. Each runs through both `replay` and `check`.

use assert_cmd::Command;
use predicates::str::contains;
use std::time::Duration;

fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// `check` reports on stdout; `replay` on stderr. Both exit 2 for a file that cannot be read at
/// all, and 1 or 2 for a file that is read but wrong.
fn refused_by_both(path: &std::path::Path, code: &str, fragment: &str) {
    Command::cargo_bin("hsb")
        .unwrap()
        .args(["replay", "--format", "json"])
        .arg(path)
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(code))
        .stderr(contains(fragment));
    let output = Command::cargo_bin("hsb")
        .unwrap()
        .arg("check")
        .arg(path)
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        matches!(output.status.code(), Some(1) | Some(2)),
        "{stdout}"
    );
    assert!(stdout.contains(code), "{stdout}");
    assert!(!stdout.contains("panicked"));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from(
        "format: hsb/1\nanswers:\n  k0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("  k{i}: &a{i} [{refs}]\n"));
    }
    let (_dir, path) = write("bomb.yaml", text.as_bytes());
    refused_by_both(&path, "E010", "repetition limit");
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!(
        "format: hsb/1\nanswers:\n  x: {}1{}\n",
        "{a: ".repeat(200_000),
        "}".repeat(200_000)
    );
    let (_dir, path) = write("deep.yaml", text.as_bytes());
    refused_by_both(&path, "E010", "nested more than 64 deep");
}

#[test]
fn a_100_mb_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    refused_by_both(&path, "E002", "larger than 1024 KiB");
}

#[test]
fn binary_garbage_and_invalid_utf8_are_refused() {
    let garbage: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    let (_dir, path) = write("garbage.yaml", &garbage);
    refused_by_both(&path, "E004", "not UTF-8");
    let (_dir2, path2) = write("latin1.yaml", b"format: hsb/1\ntitle: caf\xe9\n");
    refused_by_both(&path2, "E004", "not UTF-8");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    refused_by_both(&path, "E003", "not a regular file");
}

#[test]
fn a_directory_where_a_rules_file_was_expected_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("hsb")
        .unwrap()
        .args(["replay", "--rules"])
        .arg(dir.path())
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/normal"))
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(contains("neither levels.yaml nor rules.yaml"));
    Command::cargo_bin("hsb")
        .unwrap()
        .args(["replay", "--questions"])
        .arg(dir.path())
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/normal"))
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(contains("E003"));
}

// ---- One parser of record -------------------------------------------------------------------

/// The JSON `hsb replay` gives for a record, or its error (exit code, stderr).
fn replayed(text: &str) -> Result<String, (Option<i32>, String)> {
    let (_dir, path) = write("case.yaml", text.as_bytes());
    let output = Command::cargo_bin("hsb")
        .unwrap()
        .args(["replay", "--format", "json"])
        .arg(&path)
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err((
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ))
    }
}

const CASE: &str = "format: hsb/1\ncase_ref: NBSP-1\nanswers:\n  what_happened.description: Words.\n  developmental.age: 12\n  others.involved: \"yes\"\n";

#[test]
fn a_no_break_space_after_a_value_is_read_the_same_whatever_else_is_in_the_file() {
    // "yes" followed by a no-break space is not the value "yes": it is refused, with or without
    // an anchor elsewhere in the file (which once sent the file to a different reader).
    let plain = format!("{CASE}  others.coercion: yes\u{a0}\n");
    let anchored = format!("{CASE}  others.coercion: yes\u{a0}\n  context.notes: &n note\n");
    let (a, b) = (replayed(&plain), replayed(&anchored));
    assert!(a.is_err(), "{a:?}");
    assert!(b.is_err(), "{b:?}");
    let (a, b) = (a.unwrap_err(), b.unwrap_err());
    assert_eq!(a.0, b.0);
    assert!(a.1.contains("others.coercion") && b.1.contains("others.coercion"));
    // Trailing spaces in block text are kept exactly as YAML reads them, either way.
    let block = format!("{CASE}  context.notes: |\n    two spaces after  \n");
    let json = replayed(&block).expect("replays");
    assert!(json.contains("case_ref"), "{json}");
}

#[test]
fn an_apostrophe_before_deep_brackets_does_not_hide_them() {
    // 800 KB, under the size limit: a plain value with an apostrophe, then deep nesting on the
    // same line (a character scan took the apostrophe for the start of a quotation).
    let text = format!(
        "format: hsb/1\ntitle: a test\nanswers:\n  x: [it's, {}1{}]\n",
        "{a: ".repeat(100_000),
        "}".repeat(100_000)
    );
    assert!(text.len() > 500_000 && text.len() < 1024 * 1024);
    let (_dir, path) = write("apostrophe.yaml", text.as_bytes());
    let start = std::time::Instant::now();
    Command::cargo_bin("hsb")
        .unwrap()
        .args(["replay", "--format", "json"])
        .arg(&path)
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stderr(contains("E010"))
        .stderr(contains(":4:"));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "answered in {:?}",
        start.elapsed()
    );
}

#[test]
fn a_record_whose_text_has_a_run_of_brackets_saves_and_loads_back_the_same() {
    use hsb::content::{Content, ContentPaths};
    use hsb::input::source::Source;
    use hsb::{content::answer::Answer, record::Record};
    let content = Content::load(&ContentPaths::default()).unwrap();
    let levels = content.level_ids();
    let run = "{".repeat(70);
    // Typed text a practitioner might enter, each with a run of brackets somewhere.
    for typed in [
        run.clone(),
        format!("Brackets {run}"),
        format!("Brackets {run}\nand more"),
        format!("It's {run} and \"quoted\""),
        format!("Tab\there: {run} # not a comment"),
        format!("[{run}]"),
        format!("Back\\slash {run} ŵŷ"),
        format!("{run}\n\n  indented\n"),
    ] {
        let mut first = Record {
            case_ref: Some("BR-1".to_string()),
            ..Record::default()
        };
        first.answers.insert(
            "what_happened.description".to_string(),
            Answer::Text(typed.clone()),
        );
        first
            .answers
            .insert("developmental.age".to_string(), Answer::Number(12));
        let saved = first.to_yaml(&content.questions).expect("saves");
        let again = Record::load(
            &Source::embedded("saved.yaml", &saved),
            &content.questions,
            &levels,
        )
        .unwrap_or_else(|d| panic!("{typed:?} saved as\n{saved}\ndoes not load back: {d:?}"));
        assert_eq!(
            again.answers.get("what_happened.description"),
            Some(&Answer::Text(typed.clone())),
            "{saved}"
        );
    }
}

#[test]
fn a_file_libyaml_reads_is_not_refused_for_its_brackets() {
    // A tab after a colon, which the stricter event parser refuses, and a note with many
    // brackets: with few enough brackets, the parser of record decides, and it reads it.
    let text = format!(
        "format: hsb/1\ncase_ref:\tEX-A01\nnotes: \"{}\"\nanswers:\n  what_happened.description: Words.\n  developmental.age: 9\n",
        "[".repeat(70)
    );
    let json = replayed(&text).expect("it replays");
    assert!(json.contains("\"case_ref\":\"EX-A01\""), "{json}");
}

#[test]
fn a_scenario_review_loads_saves_and_loads_back_and_bad_dates_are_refused() {
    use hsb::content::{Content, ContentPaths};
    use hsb::input::source::Source;
    use hsb::record::Record;
    let content = Content::load(&ContentPaths::default()).expect("the built-in content");
    let levels = content.level_ids();
    let text = "format: hsb/1\nreview:\n  checked_against: [Hackett's continuum (2010)]\n  checked_by: a team\n  checked_on: 2026-11-28\nanswers:\n  what_happened.description: Something happened.\n  developmental.age: 9\n";
    let record = Record::load(
        &Source::embedded("r.yaml", text),
        &content.questions,
        &levels,
    )
    .expect("loads");
    let review = record.review.clone().expect("a review");
    assert!(!review.signed_off());
    assert_eq!(review.checked_on.as_deref(), Some("2026-11-28"));
    let saved = record.to_yaml(&content.questions).expect("saves");
    let again = Record::load(
        &Source::embedded("s.yaml", &saved),
        &content.questions,
        &levels,
    )
    .expect("loads back");
    assert_eq!(again.review, record.review);
    let bad = text.replace("2026-11-28", "last Tuesday");
    let problems = Record::load(
        &Source::embedded("b.yaml", &bad),
        &content.questions,
        &levels,
    )
    .expect_err("a date that is not a date");
    assert!(
        problems
            .iter()
            .any(|d| d.message.contains("`review: checked_on` is not a date"))
    );
    assert!(problems.iter().all(|d| !d.message.contains("Tuesday")));
}
