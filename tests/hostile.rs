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
