//! `hsb check`, `hsb test` and `hsb diff` as CI runs them.

mod common;

use common::board::{board_repository, hsb, root, run_in};
use predicates::str::contains;
use std::path::{Path, PathBuf};

/// `# expect: CODE LINE` lines at the top of a broken file.
fn expectations(path: &Path) -> Vec<(String, usize)> {
    std::fs::read_to_string(path)
        .expect("readable")
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .filter_map(|rest| {
            let mut parts = rest.split_whitespace();
            Some((parts.next()?.to_string(), parts.next()?.parse().ok()?))
        })
        .collect()
}

#[test]
fn every_broken_file_reports_its_code_at_its_line() {
    let dir = root().join("tests/broken");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/broken")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    assert!(paths.len() >= 18, "the corpus has {} files", paths.len());
    for path in paths {
        let expected = expectations(&path);
        assert!(
            !expected.is_empty(),
            "{} has no `# expect:` line",
            path.display()
        );
        let output = hsb()
            .args(["check", "--format", "json", "--deny-warnings"])
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{}", path.display());
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        let found: Vec<(String, u64)> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    d["line"].as_u64().unwrap_or_default(),
                )
            })
            .collect();
        for (code, line) in expected {
            assert!(
                found.contains(&(code.clone(), line as u64)),
                "{}: expected {code} at line {line}, found {found:?}",
                path.display()
            );
        }
    }
}

#[test]
fn human_lines_name_path_line_column_and_code_with_help() {
    hsb()
        .args(["check", "tests/broken/rules-unknown-value.yaml"])
        .assert()
        .code(1)
        .stdout(contains(
            "tests/broken/rules-unknown-value.yaml:11:28: error[E021]: rule `misspelt-value`: `distresed` is not a value of `others.perception`",
        ))
        .stdout(contains("help: did you mean `distressed`?"))
        .stdout(contains("checked 1 file: 1 error, 0 warnings"));
}

#[test]
fn github_format_writes_workflow_annotations() {
    hsb()
        .args(["check", "--format", "github", "tests/broken/rules-unknown-level.yaml"])
        .assert()
        .code(1)
        .stdout(contains(
            "::error file=tests/broken/rules-unknown-level.yaml,line=7,col=12,title=hsb E031::rule `misspelt-level`: `abusiv` is not a level%0Ahelp: did you mean `abusive`?",
        ));
}

#[test]
fn every_problem_in_every_file_is_reported() {
    hsb()
        .args([
            "check",
            "tests/broken/rules-unknown-value.yaml",
            "tests/broken/record-unknown-value.yaml",
            "tests/broken/levels-no-responses.yaml",
        ])
        .assert()
        .code(1)
        .stdout(contains("rules-unknown-value.yaml:11:28"))
        .stdout(contains("record-unknown-value.yaml:6:24"))
        .stdout(contains("levels-no-responses.yaml:14:5"))
        .stdout(contains("checked 3 files: 3 errors"));
}

#[test]
fn warnings_pass_unless_denied() {
    let file = "tests/broken/questions-missing-question.yaml";
    hsb()
        .args(["check", file])
        .assert()
        .code(0)
        .stdout(contains("warning[W001]"));
    hsb()
        .args(["check", "--deny-warnings", file])
        .assert()
        .code(1);
}

#[test]
fn the_defaults_and_the_examples_are_clean() {
    hsb()
        .args(["check"])
        .assert()
        .success()
        .stdout(contains("checked 7 files: 0 errors, 0 warnings"));
    hsb()
        .args([
            "check",
            "--deny-warnings",
            "examples",
            "questions",
            "continuum",
        ])
        .assert()
        .success()
        .stdout(contains(" 0 errors, 0 warnings"));
}

#[test]
fn nothing_readable_exits_2() {
    hsb()
        .args(["check", "no-such-file.yaml"])
        .assert()
        .code(2)
        .stdout(contains("error[E001]"));
}

// ---- hsb test ------------------------------------------------------------------------------

#[test]
fn test_reports_pass_and_fail_with_expected_against_actual() {
    let assert = hsb()
        .args(["test", "tests/fixtures/suite"])
        .assert()
        .code(1)
        .stdout(contains("FAIL tests/fixtures/suite/fail.yaml"))
        .stdout(contains("  level: expected problematic, got abusive"))
        .stdout(contains("  rule `consent-unclear` did not fire"))
        .stdout(contains("  response `no-such-response` is missing"))
        .stdout(contains(
            "  rules that fired: consent-impossible, other-distressed, distressed-and-abusive, coercion",
        ))
        .stdout(contains("PASS tests/fixtures/suite/pass.yaml"))
        .stdout(contains("SKIP tests/fixtures/suite/no-expect.yaml"));
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().last(), Some("1 passed, 1 failed"));
}

#[test]
fn the_examples_all_pass() {
    let assert = hsb().args(["test", "examples"]).assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    assert!(stdout.contains("coverage: "));
}

#[test]
fn coverage_below_the_minimum_fails() {
    hsb()
        .args([
            "test",
            "--min-coverage",
            "100",
            "tests/fixtures/suite/pass.yaml",
        ])
        .assert()
        .code(1)
        .stdout(contains("is below --min-coverage 100%"))
        .stdout(contains("never fired: violent-contact"));
    hsb()
        .args([
            "test",
            "--min-coverage",
            "10",
            "tests/fixtures/suite/pass.yaml",
        ])
        .assert()
        .success();
    hsb()
        .args([
            "test",
            "--min-coverage",
            "lots",
            "tests/fixtures/suite/pass.yaml",
        ])
        .assert()
        .code(2)
        .stderr(contains("percentage"));
}

#[test]
fn junit_goes_to_a_private_file_that_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.xml");
    hsb()
        .args(["test", "--format", "junit", "--output"])
        .arg(&report)
        .arg("tests/fixtures/suite")
        .assert()
        .code(1)
        .stdout(contains("1 passed, 1 failed"));
    let xml = std::fs::read_to_string(&report).unwrap();
    assert!(xml.starts_with("<?xml"));
    let suite = xml
        .lines()
        .find(|l| l.contains("<testsuite "))
        .expect("a test suite");
    for count in [
        "tests=\"3\"",
        "failures=\"1\"",
        "errors=\"0\"",
        "skipped=\"1\"",
    ] {
        assert!(suite.contains(count), "{count}: {suite}");
    }
    assert!(xml.contains("<failure message=\"level: expected problematic, got abusive\">"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&report).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    hsb()
        .args(["test", "--format", "junit", "--output"])
        .arg(&report)
        .arg("tests/fixtures/suite/pass.yaml")
        .assert()
        .code(2)
        .stderr(contains(
            "already exists: choose another --output, or add --force",
        ));
    hsb()
        .args(["test", "--format", "junit", "--force", "--output"])
        .arg(&report)
        .arg("tests/fixtures/suite/pass.yaml")
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("tests=\"1\"")
    );
}

#[test]
fn test_with_nothing_readable_exits_2() {
    hsb()
        .args(["test", "tests/broken/record-unknown-value.yaml"])
        .assert()
        .code(2);
}

#[test]
fn test_runs_against_another_rule_set() {
    hsb()
        .args([
            "test",
            "--rules",
            "tests/fixtures/diff/rules-amber-problematic.yaml",
            "examples/inappropriate/13-17_school_sexual-jokes.yaml",
        ])
        .assert()
        .code(1)
        .stdout(contains("level: expected inappropriate, got problematic"));
}

// ---- hsb diff ------------------------------------------------------------------------------

#[test]
fn diff_shows_scenarios_whose_placement_moves() {
    hsb()
        .args([
            "diff",
            "--from",
            "continuum/rules.yaml",
            "--to",
            "tests/fixtures/diff/rules-amber-problematic.yaml",
            "examples",
        ])
        .assert()
        .code(1)
        .stdout(contains("level: inappropriate →"))
        .stdout(contains("Sexual jokes and gestures"))
        .stdout(contains("+ consult-dsp"))
        .stdout(contains("- calm-boundaries"))
        .stdout(contains("scenarios changed"));
}

#[test]
fn diff_names_each_rule_set_by_its_option_and_plain_output_draws_no_box() {
    let output = hsb()
        .args([
            "--plain",
            "diff",
            "--from",
            "continuum/rules.yaml",
            "--to",
            "tests/fixtures/diff/rules-amber-problematic.yaml",
            "examples/inappropriate",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("(given with --from)"), "{out}");
    assert!(out.contains("(given with --to)"), "{out}");
    assert!(
        out.contains("Placement and strategy discussion: level: inappropriate →"),
        "{out}"
    );
    assert!(!out.contains(['│', '╭', '┆', '═']), "{out}");
}

#[test]
fn diff_json_lists_each_change_before_and_after() {
    let output = hsb()
        .args([
            "diff",
            "--format",
            "json",
            "--from",
            "continuum",
            "--to",
            "tests/fixtures/diff/rules-amber-problematic.yaml",
            "examples/inappropriate",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = std::fs::read_dir(root().join("examples/inappropriate"))
        .unwrap()
        .count();
    assert_eq!(value["scenarios"], files);
    let changes = value["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for change in changes {
        // Amber behaviour moves up; behaviour placed by context alone does not.
        assert_eq!(change["before"]["level"], "inappropriate");
        assert_eq!(change["after"]["level"], "problematic");
    }
    assert_eq!(value["to"]["version"], "1.1.0-amber-problematic");
}

#[test]
fn diff_of_identical_rules_exits_0() {
    hsb()
        .args([
            "diff",
            "--from",
            "continuum",
            "--to",
            "continuum/rules.yaml",
            "examples",
        ])
        .assert()
        .success()
        .stdout(contains(format!(
            "0 of {} scenarios changed",
            yaml_files("examples")
        )));
}

/// How many `.yaml` files a folder holds, at any depth.
fn yaml_files(dir: &str) -> usize {
    fn walk(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .expect("a folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .map(|p| {
                if p.is_dir() {
                    walk(&p)
                } else {
                    usize::from(p.extension().is_some_and(|x| x == "yaml"))
                }
            })
            .sum()
    }
    walk(&root().join(dir))
}

#[test]
fn a_content_file_shows_the_offending_line_under_the_diagnostic_but_a_record_never_does() {
    let dir = tempfile::tempdir().expect("a folder");
    let rules = std::fs::read_to_string(root().join("continuum/rules.yaml")).expect("rules");
    let broken = rules.replacen(
        "          others.coercion: \"yes\"",
        "          others.coersion: \"yes\"",
        1,
    );
    assert_ne!(broken, rules);
    let path = dir.path().join("rules.yaml");
    std::fs::write(&path, &broken).expect("written");
    let output = hsb().arg("check").arg(&path).output().expect("runs");
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    // The rule set first; then the diagnostic's first line stays the one CI tools read, and
    // the line itself and a mark follow.
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("rule set: "), "{out}");
    assert!(
        lines[1].contains("rules.yaml:") && lines[1].contains(": error[E020]:"),
        "{out}"
    );
    let shown = lines
        .iter()
        .position(|l| l.contains("others.coersion: \"yes\"") && l.contains('│'))
        .unwrap_or_else(|| panic!("the line is shown:\n{out}"));
    let mark = lines.get(shown + 1).expect("a mark under it");
    // The mark is under the key, as long as the key (counted in characters: the frame is not
    // ASCII).
    let column = |line: &str, pattern: &str| {
        line.find(pattern)
            .map(|byte| line.get(..byte).map_or(0, |s| s.chars().count()))
    };
    assert_eq!(
        column(mark, "━"),
        column(lines[shown], "others.coersion"),
        "{out}"
    );
    assert!(mark.contains(&"━".repeat("others.coersion".len())), "{out}");
    assert!(
        !mark.contains(&"━".repeat("others.coersion".len() + 1)),
        "{out}"
    );

    // A record's lines are never shown: they may describe a child.
    let record = dir.path().join("r.yaml");
    std::fs::write(
        &record,
        "format: hsb/1\nanswers:\n  others.coersion: yes\n  what_happened.description: A private account\n",
    )
    .expect("written");
    let output = hsb().arg("check").arg(&record).output().expect("runs");
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(out.contains("error[E020]"), "{out}");
    assert!(
        !out.contains('│') && !out.contains("others.coersion: yes"),
        "{out}"
    );
}

// ---- The rules under test are the repository's --------------------------------------------------

/// A board's repository: a copy of hsb's `continuum/` with one rule changed, and the examples.
/// Run hsb in `dir`: its exit code and standard output.

#[test]
fn hsb_test_in_a_board_repository_tests_the_repositorys_rules_and_says_so() {
    let board = board_repository();
    let (code, out) = run_in(board.path(), &["test", "examples"]);
    assert_eq!(code, Some(1), "{out}");
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("rule set: Wales default HSB rules"),
        "{first}"
    );
    assert!(
        first.contains("from continuum (the current folder's)"),
        "{first}"
    );
    assert!(out.contains("FAIL"), "{out}");
    assert!(
        !out.lines().last().unwrap_or_default().contains(" 0 failed"),
        "{out}"
    );

    // Given among the files, the continuum folder is the rules, not a scenario.
    let (code, xml) = run_in(
        board.path(),
        &["test", "continuum", "examples", "--format", "junit"],
    );
    assert_eq!(code, Some(1));
    assert!(
        xml.contains("name=\"rule_set.from\" value=\"continuum (given among the files)\""),
        "{xml}"
    );
    assert!(
        !xml.contains("continuum/rules.yaml\""),
        "rules read as a scenario:\n{xml}"
    );
    assert!(xml.contains("<failure"), "{xml}");

    // Elsewhere, the built-in rules are used, and the output says so.
    let (_, out) = run_in(&board.path().join("examples"), &["test", "."]);
    assert!(
        out.starts_with("rule set: Wales default HSB rules 2.0.2"),
        "{out}"
    );
    assert!(
        out.lines()
            .next()
            .unwrap_or_default()
            .ends_with("from the built-in defaults"),
        "{out}"
    );
}

#[test]
fn a_rules_file_given_alone_pairs_with_the_levels_beside_it() {
    let board = board_repository();
    let (_, out) = run_in(
        board.path(),
        &["test", "--rules", "continuum/rules.yaml", "examples"],
    );
    assert!(
        out.lines().next().unwrap_or_default().contains(
            "from continuum/rules.yaml with continuum/levels.yaml beside it (given with --rules)"
        ),
        "{out}"
    );
}

#[test]
fn hidden_folders_are_never_walked() {
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::create_dir_all(dir.path().join(".github/workflows")).unwrap();
    std::fs::write(
        dir.path().join(".github/workflows/hsb.yml"),
        "name: hsb rules\non: [push]\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("examples/normal/0-5_home_doctors-play.yaml"),
        dir.path().join("case.yaml"),
    )
    .unwrap();
    let output = hsb().arg("check").arg(dir.path()).output().expect("runs");
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("checked 1 file: 0 errors"), "{out}");
    assert!(!out.contains(".github"), "{out}");
}

#[test]
fn a_junit_output_that_cannot_be_written_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().expect("a folder");
    let report = dir.path().join("r.xml");
    // Without --format junit, --output would write nothing.
    hsb()
        .args(["test", "--output"])
        .arg(&report)
        .arg("examples")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("add --format junit"));
    assert!(!report.exists());
    // An existing file, without --force: refused at once, untouched.
    std::fs::write(&report, "someone's own file").unwrap();
    hsb()
        .args(["test", "--format", "junit", "--output"])
        .arg(&report)
        .arg("examples")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "someone's own file"
    );
}

#[test]
fn junit_is_honest_about_coverage_and_rules_that_do_not_load() {
    // Below --min-coverage, the exit is 1 and the JUnit file counts a failure.
    let output = hsb()
        .args([
            "test",
            "--format",
            "junit",
            "--min-coverage",
            "100",
            "examples/normal",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8_lossy(&output.stdout).into_owned();
    let suite = xml
        .lines()
        .find(|l| l.contains("<testsuite "))
        .expect("a suite");
    assert!(suite.contains("failures=\"1\""), "{suite}");
    assert!(suite.contains(" time=\""), "{suite}");
    assert!(xml.contains("name=\"rule coverage\""), "{xml}");
    assert!(xml.contains("is below the minimum 100.0%"), "{xml}");
    for case in xml.lines().filter(|l| l.contains("<testcase ")) {
        assert!(case.contains(" time=\""), "{case}");
    }

    // Rules that do not load: exit 2, a JUnit file with an error case, and the closing line.
    let dir = tempfile::tempdir().expect("a folder");
    let report = dir.path().join("r.xml");
    let output = hsb()
        .args([
            "test",
            "--rules",
            "no-such-rules.yaml",
            "--format",
            "junit",
            "--output",
        ])
        .arg(&report)
        .arg("examples/normal")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(out.lines().last(), Some("0 passed, 0 failed"), "{out}");
    let xml = std::fs::read_to_string(&report).expect("a JUnit file");
    assert!(
        xml.contains("errors=\"1\"") && xml.contains("<error"),
        "{xml}"
    );
}

#[test]
fn diff_for_a_pull_request_in_markdown_and_tables_that_never_split_an_id() {
    let board = board_repository();
    let from = root().join("continuum");
    let run = |format: &str| {
        let output = hsb()
            .current_dir(board.path())
            .args(["diff", "--from"])
            .arg(&from)
            .args(["--to", "continuum", "examples", "--format", format])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "changes exit 1");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let markdown = run("markdown");
    assert!(markdown.starts_with("## hsb diff"), "{markdown}");
    assert!(
        markdown.contains("| level | `violent` | `abusive` |"),
        "{markdown}"
    );
    assert!(markdown.contains("| rules that fired |"), "{markdown}");
    assert!(markdown.contains("`violent-contact`"), "{markdown}");
    let table = run("table");
    // Every id is whole on one line, however narrow the columns.
    for id in ["expect-strategy-discussion", "child-protection-procedures"] {
        assert!(
            table.lines().any(|l| l.contains(id)),
            "{id} split:\n{table}"
        );
    }
}

#[test]
fn answers_to_fields_that_do_not_apply_are_a_warning_naming_them() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("s.yaml");
    std::fs::write(
        &path,
        "format: hsb/1\nanswers:\n  what_happened.description: Words.\n  developmental.age: 9\n  others.involved: \"no\"\n  others.coercion: \"yes\"\n  pattern.isolated: \"yes\"\n  pattern.previous_incidents: 3\nexpect:\n  level: none\n  strategy_discussion: consider\n",
    )
    .unwrap();
    let output = hsb().arg("check").arg(&path).output().expect("runs");
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "a warning: {out}");
    assert!(out.contains("s.yaml:6:3: warning[W004]"), "{out}");
    assert!(
        out.contains("`others.coercion`, `pattern.previous_incidents`"),
        "{out}"
    );
    hsb()
        .args(["check", "--deny-warnings"])
        .arg(&path)
        .assert()
        .code(1);
}

#[test]
fn a_multibyte_space_at_the_place_of_a_problem_never_panics() {
    let dir = tempfile::tempdir().expect("a folder");
    let rules = std::fs::read_to_string(root().join("continuum/rules.yaml")).expect("rules");
    for space in ['\u{a0}', '\u{3000}'] {
        let broken = rules.replacen(
            "    level: violent",
            &format!("    level: {space}violent"),
            1,
        );
        let path = dir.path().join("rules.yaml");
        std::fs::write(&path, &broken).unwrap();
        let output = hsb().arg("check").arg(&path).output().expect("runs");
        let out = String::from_utf8_lossy(&output.stdout).into_owned();
        assert_eq!(output.status.code(), Some(1), "{out}");
        assert!(out.contains("error["), "{out}");
    }
}

#[test]
fn two_rule_sets_are_an_error_never_a_silent_choice() {
    let board = board_repository();
    std::fs::create_dir_all(board.path().join("mine")).unwrap();
    std::fs::copy(
        root().join("continuum/rules.yaml"),
        board.path().join("mine/rules.yaml"),
    )
    .unwrap();
    for args in [
        &[
            "test",
            "continuum/levels.yaml",
            "mine/rules.yaml",
            "examples",
        ][..],
        &[
            "test",
            "--rules",
            "mine/rules.yaml",
            "continuum",
            "examples",
        ],
    ] {
        let output = hsb()
            .current_dir(board.path())
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(err.contains("two rule sets were given"), "{args:?}: {err}");
    }
    // A folder's levels and rules named one by one are the one rule set; a bare `levels.yaml`
    // in the current folder names it.
    let (code, out) = run_in(
        &board.path().join("continuum"),
        &["test", "levels.yaml", "rules.yaml", "../examples"],
    );
    assert_eq!(code, Some(1), "the changed rule fails: {out}");
    assert!(
        out.starts_with("rule set: Wales default HSB rules 2.0.2"),
        "{out}"
    );
    assert!(
        out.lines()
            .next()
            .unwrap_or_default()
            .contains("from . (given among the files)"),
        "{out}"
    );
}

#[test]
fn check_with_no_files_checks_the_rules_the_other_commands_use() {
    // In a board's repository: its continuum/, as `hsb test` uses it. A broken rule there fails
    // the check; the built-in rules would have passed.
    let board = board_repository();
    let rules = board.path().join("continuum/rules.yaml");
    let text = std::fs::read_to_string(&rules).expect("rules");
    std::fs::write(&rules, text.replacen("    reason:", "    reasn:", 1)).expect("written");
    let (code, out) = run_in(board.path(), &["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("continuum/rules.yaml:"), "{out}");
    assert!(out.contains("checked 2 files"), "{out}");
    // Given with --rules, from anywhere: those rules.
    let elsewhere = tempfile::tempdir().expect("a folder");
    let (code, out) = run_in(
        elsewhere.path(),
        &[
            "check",
            "--rules",
            board.path().join("continuum").to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("continuum/rules.yaml:"), "{out}");
    // In a folder with no content of its own: the built-in defaults, named as such.
    let (code, out) = run_in(elsewhere.path(), &["check"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.lines()
            .next()
            .unwrap_or_default()
            .ends_with("from the built-in defaults"),
        "{out}"
    );
}

#[test]
fn hsb_test_of_a_whole_repository_runs_the_scenarios_and_not_the_rules() {
    let board = board_repository();
    let (code, out) = run_in(board.path(), &["test", "."]);
    assert!(
        !out.contains("continuum/rules.yaml"),
        "rules run as a scenario:\n{out}"
    );
    assert!(
        out.contains("2 content files (rules, levels, questions) among the scenarios not run"),
        "{out}"
    );
    assert!(
        out.contains("from continuum (the current folder's)"),
        "{out}"
    );
    assert_eq!(code, Some(1), "the changed rule still fails");
}

#[test]
fn a_missing_path_is_named_and_not_counted_as_a_file() {
    let out = hsb()
        .args(["check", "no-such-folder"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("no-such-folder: error[E001]"), "{out}");
    assert!(out.contains("checked 0 files: 1 error"), "{out}");
    // Beside a readable folder it is one error among files checked: exit 1, not 2.
    let out = hsb()
        .args(["check", "no-such-folder", "examples/normal"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    let normal = std::fs::read_dir("examples/normal")
        .map(|d| d.count())
        .unwrap_or_default();
    assert!(
        out.contains(&format!("checked {normal} files: 1 error")),
        "{out}"
    );
}

#[test]
fn a_byte_order_mark_is_set_aside_and_warned_of() {
    let dir = tempfile::TempDir::new().expect("a folder");
    let scenario =
        std::fs::read_to_string(root().join("examples/normal/0-5_home_doctors-play.yaml"))
            .expect("an example");
    let path = dir.path().join("bom.yaml");
    std::fs::write(&path, format!("\u{feff}{scenario}")).expect("written");
    let out = hsb()
        .args(["check"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("bom.yaml:1:1: warning[W006]"), "{out}");
    assert!(!out.contains("E010"), "{out}");
    hsb().args(["test"]).arg(&path).assert().success();
    hsb()
        .args(["check", "--deny-warnings"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains(
            "checked 1 file: 0 errors, 1 warning (denied by --deny-warnings)",
        ));
}

#[test]
fn every_bad_value_in_a_list_is_reported() {
    let output = hsb()
        .args(["check", "--format", "json"])
        .arg("tests/broken/record-two-bad-values-in-a-list.yaml")
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let columns: Vec<u64> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "E021")
        .map(|d| d["column"].as_u64().unwrap_or_default())
        .collect();
    assert_eq!(columns.len(), 2, "{report}");
    assert_ne!(columns.first(), columns.last(), "{report}");
}

#[test]
fn quiet_test_output_shows_only_failures_and_the_summary() {
    let out = hsb()
        .args([
            "test",
            "--quiet",
            "examples",
            "tests/broken/record-bad-expect.yaml",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("PASS "), "{text}");
    assert!(!text.contains("SKIP "), "{text}");
    assert!(
        text.contains("FAIL tests/broken/record-bad-expect.yaml"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("passed, 1 failed"), "{text}");
    // Without it, every scenario that passed has its line.
    let out = hsb().args(["test", "examples"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("PASS examples/"));
}
