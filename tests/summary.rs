//! `hsb summary` and `hsb export` as a designated safeguarding person or a regional board would
//! use them: every table in both languages, formats that parse, no free text and no small count
//! recoverable from any output, and an export that matches the README's data dictionary.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod common;

use common::hsb;

fn records() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/records")
}

fn stdout(args: &[&str], files: &[&Path]) -> String {
    let mut command = hsb(args);
    for f in files {
        command.arg(f);
    }
    let out = command.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

#[test]
fn the_example_records_show_every_table_in_english_and_welsh() {
    let en = stdout(&["summary"], &[&records()]);
    for heading in [
        "Summary of 36 saved records",
        "hsb's placement",
        "The practitioner's placement",
        "Strategy discussion (hsb)",
        "Age of the child who displayed the behaviour",
        "Setting",
        "Kind of behaviour",
        "The other person",
        "Images and online",
        "Agency",
        "Month of the assessment",
        "hsb's placement (rows) against the practitioner's (columns)",
        "Agreement between practitioners and hsb",
        "Each rule, and how often the practitioner placed the behaviour differently",
        "are shown as <5",
    ] {
        assert!(en.contains(heading), "{heading}");
    }
    for line in en.lines() {
        assert!(line.chars().count() <= 80, "wider than 80 columns: {line}");
    }
    let cy = stdout(&["--lang", "cy", "summary"], &[&records()]);
    assert!(cy.contains("Crynodeb o 36 cofnod a gadwyd"));
    let english = common::english_in(&cy);
    assert!(
        english.is_empty(),
        "English in the Welsh summary: {english:?}"
    );
    let markdown = stdout(&["summary", "--format", "markdown"], &[&records()]);
    assert!(markdown.starts_with("# Summary of 36 saved records"));
    assert!(markdown.contains("| Normal |"));
}

#[test]
fn csv_and_json_parse() {
    let csv = stdout(&["summary", "--format", "csv"], &[&records()]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("table,row,column,count"));
    for line in lines {
        assert_eq!(line.split(',').count(), 4, "{line}");
    }
    let json: Value =
        serde_json::from_str(&stdout(&["summary", "--format", "json"], &[&records()]))
            .expect("JSON");
    assert_eq!(json["records"], 36);
    assert_eq!(json["tables"].as_array().map(Vec::len), Some(10));
}

/// Invented records whose free text is easy to spot if it ever leaked.
fn write_records(dir: &Path, levels: &[(&str, &str)]) {
    for (i, (traffic, perception)) in levels.iter().enumerate() {
        let text = format!(
            "format: hsb/1\ncase_ref: Jane Doe {i}\nnotes: Lives at 12 Elm Road\nassessment:\n  at: '2026-03-0{}T10:00:00+00:00'\n  role: social_worker\n  agency: social_services\nanswers:\n  what_happened.description: SECRET-DESCRIPTION-{i} about Sam Smith\n  what_happened.behaviours: [touching_over_clothes]\n  developmental.age: 12\n  developmental.traffic_light: {traffic}\n  others.involved: 'yes'\n  others.relationship: peer\n  others.perception: {perception}\n  others.power_imbalance: none\n  others.coercion: 'no'\n  others.able_to_consent: 'yes'\n  other_factors.aggression_or_violence: 'no'\n  other_factors.adult_involvement: 'no'\n  other_factors.filming: 'no'\n  other_factors.exploitation: 'no'\njudgement:\n  agrees: 'no'\n  level: abusive\n  strategy_discussion: required\n  reason: PRIVATE-REASON-{i} because of Mr Brown\nactions:\n  - action: parents_told\n    at: '2026-03-05T10:00:00+00:00'\n    note: PRIVATE-NOTE-{i} phoned Mrs Green\n",
            (i % 9) + 1
        );
        std::fs::write(dir.join(format!("r{i}.yaml")), text).expect("written");
    }
}

fn counts(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if [
                    "count",
                    "total",
                    "records",
                    "judged",
                    "level_agreed",
                    "strategy_discussion_agreed",
                    "fired",
                    "practitioner_differed",
                ]
                .contains(&key.as_str())
                {
                    out.push(v.clone());
                }
                counts(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| counts(v, out)),
        _ => {}
    }
}

#[test]
fn no_free_text_and_no_small_count_can_be_read_from_any_output() {
    let dir = tempfile::tempdir().expect("a folder");
    // 7 records: 4 green and mutual, 3 amber and uncomfortable (small groups on purpose).
    let mut levels = vec![("green", "mutual"); 4];
    levels.extend(vec![("amber", "uncomfortable"); 3]);
    write_records(dir.path(), &levels);
    let mut outputs = Vec::new();
    for lang in ["en", "cy"] {
        for format in ["table", "markdown", "csv", "json"] {
            outputs.push(stdout(
                &["--lang", lang, "summary", "--format", format],
                &[dir.path()],
            ));
        }
    }
    for format in ["csv", "json"] {
        outputs.push(stdout(&["export", "--format", format], &[dir.path()]));
    }
    for shown in &outputs {
        for secret in [
            "Jane",
            "Elm Road",
            "SECRET",
            "Sam Smith",
            "PRIVATE",
            "Brown",
            "Green",
            "r0.yaml",
            "2026-03-0",
        ] {
            assert!(!shown.contains(secret), "{secret} leaked:\n{shown}");
        }
    }
    // Every count is 0, at least 5, or hidden; a one-way table never has exactly one hidden count
    // beside a shown total.
    for min in [3u64, 5, 10] {
        let json: Value = serde_json::from_str(&stdout(
            &[
                "summary",
                "--format",
                "json",
                "--min-cell",
                &min.to_string(),
            ],
            &[dir.path()],
        ))
        .expect("JSON");
        let mut all = Vec::new();
        counts(&json, &mut all);
        for count in &all {
            if let Some(n) = count.as_u64() {
                assert!(n == 0 || n >= min, "min {min}: a small count {n} is shown");
            }
        }
        let hidden = |v: &Value| v.is_string();
        for table in json["tables"].as_array().expect("tables") {
            if table["total"].is_null() {
                continue;
            }
            let rows = table["rows"].as_array().expect("rows");
            let unknown = rows.iter().filter(|r| hidden(&r["count"])).count()
                + usize::from(hidden(&table["total"]));
            assert_ne!(unknown, 1, "min {min}: {table} gives a count away");
            // Small counts alone beside a shown total would be pinned (two `<5` summing to 2).
            let small = format!("<{min}");
            let all_small = unknown > 0
                && !hidden(&table["total"])
                && rows
                    .iter()
                    .filter(|r| hidden(&r["count"]))
                    .all(|r| r["count"] == small.as_str());
            assert!(!all_small, "min {min}: {table} pins its small counts");
        }
        let cross = &json["hsb_against_practitioner"];
        let grid: Vec<Vec<Value>> = cross["counts"]
            .as_array()
            .expect("counts")
            .iter()
            .map(|r| r.as_array().cloned().unwrap_or_default())
            .collect();
        for (r, row) in grid.iter().enumerate() {
            let unknown = row.iter().filter(|c| hidden(c)).count()
                + usize::from(hidden(&cross["row_totals"][r]));
            assert_ne!(unknown, 1, "min {min}: row {r} gives a count away");
        }
        for c in 0..grid.first().map_or(0, Vec::len) {
            let unknown = grid.iter().filter(|row| hidden(&row[c])).count()
                + usize::from(hidden(&cross["column_totals"][c]));
            assert_ne!(unknown, 1, "min {min}: column {c} gives a count away");
        }
    }
}

#[test]
fn the_threshold_is_never_below_three() {
    hsb(&["summary", "--min-cell", "2"])
        .arg(records())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("at least 3"));
}

#[test]
fn a_record_that_cannot_be_read_is_reported_and_the_rest_are_counted() {
    let dir = tempfile::tempdir().expect("a folder");
    write_records(dir.path(), &[("green", "mutual"); 6]);
    std::fs::write(dir.path().join("broken.yaml"), "format: hsb/1\nanswers: [").expect("written");
    let out = hsb(&["summary", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(2);
    let json: Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(json["records"], 6);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("broken.yaml"), "{err}");
    assert!(err.contains("1 of 7 records could not be read"), "{err}");
}

#[test]
fn the_export_matches_the_data_dictionary() {
    let csv = stdout(&["export"], &[&records()]);
    let header: Vec<&str> = csv.lines().next().expect("a header").split(',').collect();
    assert_eq!(header, hsb::report::summary::COLUMNS);
    assert_eq!(csv.lines().count(), 37, "a header and one row per record");
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let dictionary = readme
        .split("### Data dictionary")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a data dictionary");
    let documented: Vec<&str> = dictionary
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert_eq!(
        documented,
        hsb::report::summary::COLUMNS,
        "the data dictionary lists every column in order"
    );
    let json: Value = serde_json::from_str(&stdout(&["export", "--format", "json"], &[&records()]))
        .expect("JSON");
    let first = json[0].as_object().expect("an object");
    for column in hsb::report::summary::COLUMNS {
        assert!(first.contains_key(column), "{column}");
    }
    assert_eq!(first.len(), hsb::report::summary::COLUMNS.len());
}

#[test]
fn a_misspelt_breakdown_is_answered_with_the_one_meant_and_the_ones_allowed() {
    let out = hsb(&["summary", "--by", "levle", "examples"])
        .output()
        .expect("hsb runs");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("did you mean `level`?"), "{said}");
    assert!(
        said.contains("`practitioner_level`, `strategy_discussion`"),
        "{said}"
    );
}
