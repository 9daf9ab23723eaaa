//! Choosing scenarios for a session or a handout: `--tag`, `--age`, `--level`, `--plan`, and the
//! session's language; and tags in scenarios checked against `interface/tags.yaml`.

mod common;

use common::board::{hsb, root};
use serde_json::Value;

/// The JSON results of `hsb replay -f json` with these arguments (run in English unless
/// `--lang` is among them), and what it said on standard error.
fn replayed(args: &[&str]) -> (Vec<Value>, String) {
    let output = hsb()
        .args(["replay", "-f", "json"])
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let results = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (
        results,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn sources(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .map(|r| r["source"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// How many scenarios are in Welsh.
fn welsh_copies() -> usize {
    std::fs::read_dir(root().join("examples/cymraeg"))
        .expect("the Welsh copies")
        .count()
}

#[test]
fn a_level_chooses_the_scenarios_the_rules_place_there_in_the_sessions_language() {
    let (results, said) = replayed(&["examples", "--level", "abusive"]);
    assert!(!results.is_empty());
    assert!(
        results.iter().all(|r| r["level"] == "abusive"),
        "{results:?}"
    );
    assert!(sources(&results).iter().all(|s| !s.contains("cymraeg")));
    assert!(
        said.contains(&format!(
            "Scenarios written in Welsh set aside: {}",
            welsh_copies()
        )),
        "{said}"
    );
    assert!(said.contains("Saved assessments set aside"), "{said}");

    // In Welsh, the Welsh copies, and the English set aside.
    let (welsh, said) = replayed(&["--lang", "cy", "examples", "--level", "abusive"]);
    assert!(!welsh.is_empty());
    assert!(
        sources(&welsh).iter().all(|s| s.contains("cymraeg")),
        "{welsh:?}"
    );
    assert!(said.contains("Saesneg"), "{said}");
}

#[test]
fn tags_and_ages_narrow_and_a_language_tag_overrides_the_session() {
    let (cymraeg, _) = replayed(&["examples", "--tag", "language:cy"]);
    assert_eq!(
        cymraeg.len(),
        welsh_copies(),
        "every Welsh copy, in an English session"
    );
    let (siblings, _) = replayed(&["examples", "--tag", "relationship:sibling"]);
    assert!(!siblings.is_empty());
    for path in sources(&siblings) {
        let text = std::fs::read_to_string(root().join(&path)).expect("the scenario");
        assert!(text.contains("relationship: sibling"), "{path}");
    }
    // A setting not recorded is a tag too.
    let (unrecorded, _) = replayed(&["examples", "--tag", "setting:unknown"]);
    assert!(!unrecorded.is_empty());
    let (older, _) = replayed(&["examples", "--age", "13-17"]);
    assert!(!older.is_empty());
    for path in sources(&older) {
        let text = std::fs::read_to_string(root().join(&path)).expect("the scenario");
        let age = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("developmental.age:"))
            .and_then(|a| a.trim().parse::<i64>().ok())
            .expect("an age");
        assert!((13..=17).contains(&age), "{path}: {age}");
    }
}

#[test]
fn a_plan_takes_each_level_in_turn_and_lists_without_a_terminal() {
    let output = hsb()
        .args(["train", "examples", "--list", "--plan", "5"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let out = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(lines.len(), 5, "{out}");
    for level in [
        "Normal",
        "Inappropriate",
        "Problematic",
        "Abusive",
        "Violent",
    ] {
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.contains(&format!("[{level}]")))
                .count(),
            1,
            "one {level} scenario in five: {out}"
        );
    }
}

#[test]
fn an_unknown_tag_age_or_level_is_a_usage_error_that_says_what_was_meant() {
    hsb()
        .args(["train", "examples", "--list", "--tag", "theme:consnt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `theme:consent`?"));
    hsb()
        .args(["replay", "examples", "--age", "19"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not an age from 0 to 17"));
    hsb()
        .args(["replay", "examples", "--level", "abusve"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the levels are normal"));
    hsb()
        .args(["replay", "examples/normal", "--tag", "theme:images"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no scenario matches"));
}

#[test]
fn a_tag_not_in_the_list_is_reported_at_its_place_and_never_repeated() {
    let dir = tempfile::tempdir().expect("a folder");
    let scenario = std::fs::read_to_string(
        root().join("examples/normal/0-5_care_nap-time-self-soothing.yaml"),
    )
    .expect("an example");
    let tags = scenario
        .lines()
        .find(|l| l.starts_with("tags:"))
        .expect("the scenario's tags");
    let tagged = scenario.replacen(tags, "tags: [theme:consent, Jo at St Mary's]", 1);
    std::fs::write(dir.path().join("s.yaml"), tagged).expect("written");
    let output = hsb()
        .current_dir(dir.path())
        .args(["check", "s.yaml"])
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("error[E025]: tag 2 is not one of the tags hsb lists"),
        "{out}"
    );
    assert!(
        !out.contains("Jo at St Mary"),
        "the tag is never repeated: {out}"
    );
}

#[test]
fn a_scenarios_tags_are_kept_when_it_is_saved_again() {
    use hsb::content::{Content, ContentPaths};
    use hsb::input::source::Source;
    use hsb::record::Record;
    let content = Content::load(&ContentPaths::default()).expect("the defaults");
    let path = root().join("examples/cymraeg/9-13_ysgol_cyffwrdd-aneglur.yaml");
    let record = Record::load_file(&path, &content).expect("loads");
    assert!(
        record.tags.contains(&"language:cy".to_string()),
        "{:?}",
        record.tags
    );
    let saved = record.to_yaml(&content.questions).expect("saves");
    let again = Record::load(
        &Source::embedded("again.yaml", &saved),
        &content.questions,
        &content.level_ids(),
    )
    .expect("loads again");
    assert_eq!(again, record);
}

#[test]
fn every_tag_the_trainers_guide_uses_chooses_some_scenario() {
    let guide = std::fs::read_to_string(root().join("docs/training.md")).expect("the guide");
    let tags: Vec<&str> = guide
        .split("--tag ")
        .skip(1)
        .filter_map(|rest| rest.split(|c: char| c.is_whitespace() || c == '`').next())
        .collect();
    assert!(tags.len() >= 8, "{tags:?}");
    for tag in tags {
        hsb()
            .args(["train", "examples", "--list", "--tag", tag])
            .assert()
            .code(0);
    }
}

#[test]
fn a_results_file_that_exists_is_never_replaced() {
    let dir = tempfile::tempdir().expect("a folder");
    let kept = dir.path().join("session.csv");
    std::fs::write(&kept, "a trainer's own notes\n").expect("written");
    hsb()
        .args(["train", "examples/normal", "--blind", "--csv"])
        .arg(&kept)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&kept).expect("still there"),
        "a trainer's own notes\n"
    );
}

#[test]
fn team_names_must_differ_and_teams_do_not_mix_with_a_tally() {
    hsb()
        .args([
            "train",
            "examples/normal",
            "--list",
            "--team",
            "Red",
            "--team",
            " red ",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--team red is given twice; give each team a different name",
        ));
    hsb()
        .args(["train", "examples/normal", "--list", "--team", "  "])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be blank"));
    hsb()
        .args(["train", "examples/normal", "--list", "--team", "Red\x1b[2J"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("control characters"));
    hsb()
        .args(["train", "examples/normal", "--team", "Red", "--tally"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--tally"));
    // In Welsh too.
    hsb()
        .args(["--lang", "cy", "train", "examples/normal", "--list"])
        .args(["--team", "Coch", "--team", "Coch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("rhoddir --team Coch ddwywaith"));
    hsb()
        .args(["--lang", "cy", "train", "examples/normal", "--tally"])
        .args(["--team", "Coch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ni ellir defnyddio `--tally` gyda `--team",
        ));
}
