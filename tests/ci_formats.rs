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
    // The changed rule moves every violent scenario (other scenarios may change too).
    let moved = failed.iter().any(|s| {
        s["mismatches"].as_array().is_some_and(|m| {
            m.iter().any(|m| {
                m.as_str()
                    .is_some_and(|m| m.starts_with("level: expected violent"))
            })
        })
    });
    assert!(moved, "{failed:?}");
}

#[test]
fn github_annotations_point_at_the_failing_scenarios_expect_line() {
    let board = board_repository();
    let (code, out, _) = run(board.path(), &["test", "examples", "--format", "github"]);
    assert_eq!(code, Some(1));
    let annotation = out
        .lines()
        .find(|l| l.starts_with("::error file=") && l.contains("level: expected violent"))
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

#[test]
fn a_project_file_fixes_scenarios_coverage_and_exclusions_from_any_folder_below() {
    let board = board_repository();
    // A copy of one failing scenario among drafts the project leaves out.
    let drafts = board.path().join("examples/drafts");
    std::fs::create_dir_all(&drafts).expect("a folder");
    std::fs::write(
        drafts.join("broken.yaml"),
        "format: hsb/1\nnot: valid: yaml\n",
    )
    .expect("written");
    std::fs::write(
        board.path().join("hsb.yaml"),
        "format: hsb-project/1\nscenarios: [examples]\nmin_coverage: 100\nexclude: [\"examples/drafts/**\"]\n",
    )
    .expect("written");
    // From the project folder, with no files named: the board's rules fail, the drafts are
    // left out.
    let (code, out, _) = run(board.path(), &["test", "--quiet"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("from continuum (the current folder's)"),
        "{out}"
    );
    assert!(!out.contains("drafts"), "{out}");
    // From a folder below, the project's rules are still the ones tested.
    let (code, out, _) = run(&board.path().join("examples/normal"), &["test", "--quiet"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("(the project folder's, from hsb.yaml)"),
        "{out}"
    );
    // Coverage from the file: below 100% when only the normal examples are named.
    let (code, out, _) = run(board.path(), &["test", "examples/normal"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("is below --min-coverage 100%"), "{out}");

    // A broken project file: every problem, from `check`, and `test` refuses to run.
    std::fs::write(
        board.path().join("hsb.yaml"),
        "format: hsb-project/1\nscenaros: [examples]\nmin_coverage: 190\n",
    )
    .expect("written");
    let (code, out, _) = run(board.path(), &["check", "--quiet"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("hsb.yaml:2:1: error[E011]"), "{out}");
    assert!(out.contains("hsb.yaml:3:1: error[E033]"), "{out}");
    let (code, _, err) = run(board.path(), &["test"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `scenarios`?"), "{err}");
}

#[test]
fn test_without_files_or_a_project_file_says_what_to_do() {
    let dir = tempfile::tempdir().expect("a folder");
    let (code, _, err) = run(dir.path(), &["test"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("hsb.yaml"), "{err}");
}

#[test]
fn every_problem_in_a_rules_file_at_its_own_place_with_suggestions() {
    let dir = tempfile::tempdir().expect("a folder");
    let rules = "\
format: hsb-rules/1
name: {en: \"Broken rules\", cy: \"Rheolau wedi torri\"}
version: \"0.1\"
groups:
  public_setting: [school, community]
rules:
  - id: one
    level: abusive
    reason: {en: \"A test.\", cy: \"Prawf.\"}
    source: {en: \"A test\", cy: \"Prawf\"}
    # level: at_lest and al are in this comment
    when:
      - al:
          - others.coercion: \"yes\"
      - developmental.age: {at_lest: 12}
  - id: two
    level: problematic
    reason: {en: \"A test.\", cy: \"Prawf.\"}
    source: {en: \"A test\", cy: \"Prawf\"}
    colour: red
    when:
      - context.setting: [publc_setting]
  - id: one
    level: problematic
    reason: {en: \"A test.\", cy: \"Prawf.\"}
    source: {en: \"A test\", cy: \"Prawf\"}
    when:
      - others.power_imbalance: some
";
    std::fs::write(dir.path().join("rules.yaml"), rules).expect("written");
    let (code, out, _) = run(dir.path(), &["check", "rules.yaml"]);
    assert_eq!(code, Some(1), "{out}");
    let has = |place: &str, code: &str, help: &str| {
        let line = out
            .lines()
            .position(|l| l.starts_with(&format!("rules.yaml:{place}: error[{code}]")))
            .unwrap_or_else(|| panic!("{place} {code} in\n{out}"));
        let next = out.lines().nth(line + 1).unwrap_or_default();
        assert!(next.contains(help), "{place}: {next}\n{out}");
    };
    has("13:9", "E030", "");
    assert!(
        out.contains("`al:` holds conditions") && out.contains("did you mean `all`?"),
        "{out}"
    );
    has("15:29", "E030", "");
    assert!(out.contains("did you mean `at_least`?"), "{out}");
    has("20:5", "E011", "");
    has("22:27", "E021", "did you mean the group `public_setting`?");
    // A duplicate id names both places.
    has("23:5", "E032", "");
    assert!(out.contains("first at line 7"), "{out}");

    // A key given twice: at the second, naming the first.
    let twice = rules.replace(
        "    level: abusive\n",
        "    level: abusive\n    level: violent\n",
    );
    std::fs::write(dir.path().join("rules.yaml"), twice).expect("written");
    let (_, out, _) = run(dir.path(), &["check", "--quiet", "rules.yaml"]);
    assert!(
        out.contains("rules.yaml:9:5: error[E010]: a key is given twice in the same mapping (first at line 8, column 5)"),
        "{out}"
    );
}

#[test]
fn unknown_keys_at_any_depth_of_a_record_are_each_reported_and_never_repeated() {
    let dir = tempfile::tempdir().expect("a folder");
    let record = "\
format: hsb/1
case_reff: x
assessment:
  att: 2026-01-01T10:00:00+00:00
  John Smith touched his sister: yes
expect:
  levle: normal
answers:
  context.setting: hom
";
    std::fs::write(dir.path().join("s.yaml"), record).expect("written");
    let (code, out, _) = run(dir.path(), &["check", "s.yaml"]);
    assert_eq!(code, Some(1));
    for (place, help) in [
        ("2:1", "did you mean `case_ref`?"),
        ("4:3", "did you mean `at`?"),
        ("5:3", "remove the key or correct its spelling"),
        ("7:3", "did you mean `level`?"),
    ] {
        let line = out
            .lines()
            .position(|l| l.starts_with(&format!("s.yaml:{place}: error[E011]")))
            .unwrap_or_else(|| panic!("{place} in\n{out}"));
        assert!(
            out.lines().nth(line + 1).unwrap_or_default().contains(help),
            "{out}"
        );
    }
    assert!(
        out.contains("s.yaml:9:20: error[E021]"),
        "the rest is still checked: {out}"
    );
    assert!(!out.contains("John") && !out.contains("sister"), "{out}");
}

#[test]
fn a_tab_indent_is_one_code_in_every_kind_of_file() {
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(
        dir.path().join("rules.yaml"),
        "format: hsb-rules/1\nname: {en: \"R\", cy: \"R\"}\nversion: \"0.1\"\nrules:\n\t- id: one\n",
    )
    .expect("written");
    std::fs::write(
        dir.path().join("scenario.yaml"),
        "format: hsb/1\nanswers:\n\tcontext.setting: home\n",
    )
    .expect("written");
    let (code, out, _) = run(
        dir.path(),
        &["check", "--quiet", "rules.yaml", "scenario.yaml"],
    );
    assert_eq!(code, Some(1));
    assert!(out.contains("rules.yaml:5:1: error[E010]"), "{out}");
    assert!(out.contains("scenario.yaml:3:1: error[E010]"), "{out}");
}

#[test]
fn a_key_given_twice_in_a_record_is_placed_at_the_second_naming_the_first() {
    // Records are scanned for keys given twice only when serde refuses one (they are read by
    // the thousand): the place must still be the second key's, naming the first.
    let dir = tempfile::tempdir().expect("a folder");
    for (text, place, first) in [
        (
            "format: hsb/1\nanswers:\n  context.setting: home\n  context.setting: school\n",
            "4:3",
            "first at line 3, column 3",
        ),
        (
            "format: hsb/1\nexpect:\n  level: normal\n  level: abusive\nanswers: {}\n",
            "4:3",
            "first at line 3, column 3",
        ),
    ] {
        std::fs::write(dir.path().join("s.yaml"), text).expect("written");
        let (code, out, _) = run(dir.path(), &["check", "--quiet", "s.yaml"]);
        assert_eq!(code, Some(1), "{out}");
        assert!(
            out.contains(&format!(
                "s.yaml:{place}: error[E010]: a key is given twice"
            )) && out.contains(first),
            "{out}"
        );
    }
}
