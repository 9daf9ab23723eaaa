//! The machine-readable outputs CI systems read, validated against the schemas those systems
//! use (vendored in `tests/schemas`), and the options that select what runs.

mod common;

use common::board::{board_repository, hsb, root};
use std::path::Path;

/// Validate `xml` with `xmllint --schema` against the common JUnit schema (Jenkins'
/// `junit-10.xsd`). `.ci/run` installs xmllint (Debian `libxml2-utils`) when it is missing.
fn assert_valid_junit(xml: &str) {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).expect("written");
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(root().join("tests/schemas/junit-10.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian package libxml2-utils; .ci/run installs it)");
    assert!(
        output.status.success(),
        "not valid JUnit: {}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = hsb().current_dir(dir).args(args).output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn junit_validates_against_the_common_schema_whatever_the_outcome() {
    // All passing, with skipped files (no `expect:`) among them.
    let (code, xml, _) = run(root(), &["test", "examples", "--format", "junit"]);
    assert_eq!(code, Some(0));
    assert!(xml.contains("skipped=\""), "the suite still counts skips");
    let testsuites = xml
        .lines()
        .find(|l| l.contains("<testsuites"))
        .expect("testsuites");
    assert!(!testsuites.contains("skipped="), "{testsuites}");
    assert_valid_junit(&xml);

    // A failing scenario in a board's repository, and coverage below the minimum.
    let board = board_repository();
    let (code, xml, _) = run(
        board.path(),
        &[
            "test",
            "examples/normal",
            "examples/violent",
            "--format",
            "junit",
            "--min-coverage",
            "100",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(xml.contains("<failure"), "{xml}");
    assert!(xml.contains("name=\"rule coverage\""), "{xml}");
    assert_valid_junit(&xml);

    // Rules that do not load.
    let (code, xml, _) = run(
        root(),
        &[
            "test",
            "--rules",
            "no-such-rules.yaml",
            "--format",
            "junit",
            "examples/normal",
        ],
    );
    assert_eq!(code, Some(2));
    assert_valid_junit(&xml);
}

#[test]
fn junit_and_json_carry_coverage_per_rule() {
    let (_, xml, _) = run(root(), &["test", "examples/normal", "--format", "junit"]);
    let (_, json, _) = run(root(), &["test", "examples/normal", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("one JSON document");
    let rules = json["coverage"]["rules"].as_array().expect("rules");
    assert!(rules.len() > 30, "every rule of the set: {rules:?}");
    // The normal examples fire `green-mutual` and never `violent-contact`.
    let count = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .and_then(|r| r["scenarios"].as_u64())
            .expect("the rule is listed")
    };
    assert!(count("green-mutual") > 0);
    assert_eq!(count("violent-contact"), 0);
    assert!(
        json["coverage"]["never_fired"]
            .as_array()
            .expect("a list")
            .iter()
            .any(|r| r == "violent-contact")
    );
    assert!(
        xml.contains(&format!(
            "name=\"coverage.rule.green-mutual\" value=\"{}\"",
            count("green-mutual")
        )),
        "{xml}"
    );
    assert!(
        xml.contains("name=\"coverage.rule.violent-contact\" value=\"0\""),
        "{xml}"
    );
}

#[test]
fn json_reports_every_scenario_and_the_rule_set() {
    let board = board_repository();
    let (code, out, _) = run(board.path(), &["test", "examples", "--format", "json"]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(json["rule_set"]["from"], "continuum (the current folder's)");
    let scenarios = json["scenarios"].as_array().expect("scenarios");
    let failed: Vec<_> = scenarios.iter().filter(|s| s["result"] == "fail").collect();
    assert!(!failed.is_empty());
    assert_eq!(json["totals"]["failed"].as_u64(), Some(failed.len() as u64));
    let mismatch = failed[0]["mismatches"][0].as_str().expect("a mismatch");
    assert!(
        mismatch.starts_with("level: expected violent"),
        "{mismatch}"
    );
}

#[test]
fn github_annotations_point_at_the_failing_scenarios_expect_line() {
    let board = board_repository();
    let (code, out, _) = run(board.path(), &["test", "examples", "--format", "github"]);
    assert_eq!(code, Some(1));
    let annotation = out
        .lines()
        .find(|l| l.starts_with("::error file="))
        .expect("an annotation");
    // file=PATH,line=N,col=1
    let file = annotation
        .strip_prefix("::error file=")
        .and_then(|rest| rest.split(',').next())
        .expect("a file");
    let line: usize = annotation
        .split(",line=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse().ok())
        .expect("a line");
    let text = std::fs::read_to_string(board.path().join(file)).expect("the scenario");
    assert_eq!(
        text.lines().nth(line - 1),
        Some("expect:"),
        "{annotation} points at line {line} of {file}"
    );
    assert!(annotation.contains(",col=1,"), "{annotation}");
    assert!(
        annotation.contains("level: expected violent"),
        "{annotation}"
    );
    assert!(!out.contains("PASS "), "only failures are annotated: {out}");
    assert!(
        out.lines().last().unwrap_or_default().ends_with(" failed"),
        "{out}"
    );
}

#[test]
fn run_selects_scenarios_by_path_and_says_so() {
    let (code, out, _) = run(
        root(),
        &["test", "examples", "--run", "siblings-(continuing|found)"],
    );
    assert_eq!(code, Some(0), "{out}");
    let passes: Vec<_> = out.lines().filter(|l| l.starts_with("PASS ")).collect();
    assert_eq!(passes.len(), 2, "{out}");
    assert!(out.contains("running 2 of "), "{out}");
    assert!(out.ends_with("2 passed, 0 failed\n"), "{out}");

    let (code, _, err) = run(root(), &["test", "examples", "--run", "("]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--run takes a regular expression"), "{err}");
    let (code, _, err) = run(root(), &["test", "examples", "--run", "no-such-scenario"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("matches no scenario"), "{err}");
}

/// Validate against the SARIF 2.1.0 schema, as a code-scanning service would.
fn assert_valid_sarif(sarif: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("the vendored schema"),
    )
    .expect("JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not valid SARIF: {errors:#?}");
}

#[test]
fn check_sarif_validates_and_places_every_problem() {
    let (code, out, _) = run(root(), &["check", "tests/broken", "--format", "sarif"]);
    assert_eq!(code, Some(1));
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let (_, human, _) = run(root(), &["check", "tests/broken", "--quiet"]);
    let problems = human.lines().filter(|l| l.contains("]: ")).count();
    assert_eq!(results.len(), problems, "one result per problem");
    let duplicate = results
        .iter()
        .find(|r| {
            r["ruleId"] == "E032"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "tests/broken/rules-duplicate-id.yaml"
        })
        .expect("the duplicate id");
    assert!(
        duplicate["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64(),
        "{duplicate}"
    );
    // Every rule id a result names is described in the tool's rules.
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("an index") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }

    // A clean run is valid SARIF too, with no results.
    let (code, out, _) = run(root(), &["check", "--format", "sarif"]);
    assert_eq!(code, Some(0));
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(0)
    );
}

#[test]
fn check_quiet_prints_only_the_problems_and_the_summary() {
    let (code, full, _) = run(root(), &["check", "tests/broken/rules-duplicate-id.yaml"]);
    assert_eq!(code, Some(1));
    assert!(full.starts_with("rule set: "), "{full}");
    assert!(full.contains("help: "), "{full}");
    let (code, quiet, _) = run(
        root(),
        &["check", "--quiet", "tests/broken/rules-duplicate-id.yaml"],
    );
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = quiet.lines().collect();
    assert!(lines.len() >= 2, "{quiet}");
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("tests/broken/rules-duplicate-id.yaml:")
                && line.contains("error[E032]"),
            "{quiet}"
        );
    }
    assert!(
        lines
            .last()
            .is_some_and(|l| l.starts_with("checked 1 file: ")),
        "{quiet}"
    );
}
