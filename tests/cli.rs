//! The `hsb` binary as users run it: formats, bad input of every kind, exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

const ABUSIVE: &str = "abusive/9-13_home_bribed-touching.yaml";
const NOTICE: &str =
    "does not replace, professional judgement and the Wales Safeguarding Procedures";

/// A test: files in an empty temporary folder, a command line run there, and what it must print.
struct Case {
    dir: TempDir,
    args: Vec<String>,
}

impl Case {
    fn new() -> Self {
        Case {
            dir: TempDir::new().expect("a temporary folder"),
            args: Vec::new(),
        }
    }

    fn file(self, name: &str, text: &str) -> Self {
        std::fs::write(self.dir.path().join(name), text).expect("write a test file");
        self
    }

    fn bytes(self, name: &str, bytes: &[u8]) -> Self {
        std::fs::write(self.dir.path().join(name), bytes).expect("write a test file");
        self
    }

    fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    fn run(&self) -> assert_cmd::assert::Assert {
        let mut command = Command::cargo_bin("hsb").expect("the hsb binary");
        command.current_dir(self.dir.path()).args(&self.args);
        for name in ["HSB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(name);
        }
        command.assert()
    }

    /// Expect exit 2 with every fragment on stderr.
    fn fails_with(&self, fragments: &[&str]) {
        let mut assert = self.run().code(2).stdout("");
        for fragment in fragments {
            assert = assert.stderr(contains(*fragment));
        }
    }
}

/// A valid record with one line replaced (by its key) or removed.
fn record_with(key: &str, replacement: Option<&str>) -> String {
    let text = std::fs::read_to_string(example(ABUSIVE)).expect("the example");
    text.lines()
        .filter_map(|line| {
            if line.trim_start().starts_with(&format!("{key}:")) {
                replacement.map(str::to_string)
            } else {
                Some(line.to_string())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- formats -------------------------------------------------------------------------------

#[test]
fn json_is_one_object_per_file_with_the_result_contract() {
    let out = Case::new()
        .args(&["replay", "--format", "json"])
        .args(&[
            example(ABUSIVE).to_str().unwrap(),
            example("normal/0-5_home_doctors-play.yaml")
                .to_str()
                .unwrap(),
        ])
        .run()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let first: serde_json::Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(first["level"], "abusive");
    assert_eq!(first["provisional"], false);
    assert_eq!(first["strategy_discussion"]["status"], "required");
    assert!(
        first["strategy_discussion"]["reasons"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    assert!(
        first["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "coercion" && r["level"] == "abusive" && r["reason"].is_string())
    );
    assert!(
        first["responses"]["child"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "report-social-services")
    );
    assert!(
        !first["responses"]["harmed_child"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(first["clarify"].is_array());
    assert_eq!(first["rule_set"]["name"], "Wales default HSB rules");
    assert_eq!(first["rule_set"]["sha256"].as_str().unwrap().len(), 64);
    assert!(
        first["source"]
            .as_str()
            .unwrap()
            .ends_with("bribed-touching.yaml")
    );
    assert!(first["notice"].as_str().unwrap().contains(NOTICE));
    let second: serde_json::Value = serde_json::from_str(lines[1]).expect("json");
    assert_eq!(second["level"], "normal");
}

#[test]
fn json_is_the_default_when_output_is_piped() {
    Case::new()
        .args(&["replay", example(ABUSIVE).to_str().unwrap()])
        .run()
        .success()
        .stdout(predicate::str::starts_with("{\"lang\":\"en\",\"source\""));
}

#[test]
fn table_marks_the_level_boxes_the_strategy_discussion_and_fits_80_columns() {
    let assert = Case::new()
        .args(&["replay", "-f", "table", example(ABUSIVE).to_str().unwrap()])
        .run()
        .success()
        .stdout(contains("▶ ABUSIVE ◀"))
        .stdout(contains("Problematic"))
        .stdout(contains("STRATEGY DISCUSSION: REQUIRED"))
        .stdout(contains("For the child who displayed the behaviour"))
        .stdout(contains("For the child harmed"))
        .stdout(contains("Rules that fired"))
        .stdout(contains("coercion"))
        .stdout(contains("Rule set: Wales default HSB rules 2.0.2"))
        .stdout(contains("sha256: "))
        .stdout(contains("professional judgement"));
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn table_shows_what_to_clarify_for_a_provisional_result() {
    Case::new()
        .args(&[
            "replay",
            "-f",
            "table",
            example("provisional/9-13_school_unclear-touching.yaml")
                .to_str()
                .unwrap(),
        ])
        .run()
        .success()
        .stdout(contains("PROVISIONAL"))
        .stdout(contains("STRATEGY DISCUSSION: CONSIDER"))
        .stdout(contains("To clarify"))
        .stdout(contains("others.coercion"));
}

#[test]
fn markdown_is_a_case_file_report() {
    Case::new()
        .args(&[
            "replay",
            "--format",
            "markdown",
            example(ABUSIVE).to_str().unwrap(),
        ])
        .run()
        .success()
        .stdout(contains(
            "# Sexual behaviour assessment: Sexual touching of a younger child after a bribe",
        ))
        .stdout(contains("**[ABUSIVE]**"))
        .stdout(contains("## Strategy discussion: REQUIRED"))
        .stdout(contains("### For the child harmed"))
        .stdout(contains(
            "- [ ] Report to the local authority's social services now",
        ))
        .stdout(contains("| `coercion` |"))
        .stdout(contains("## Answers recorded"))
        .stdout(contains(NOTICE));
}

#[test]
fn a_folder_replays_every_scenario_in_it() {
    let assert = Case::new()
        .args(&["replay", "-f", "json", example("violent").to_str().unwrap()])
        .run()
        .success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let files = std::fs::read_dir(example("violent")).unwrap().count();
    assert!(files >= 3);
    assert_eq!(text.lines().count(), files);
    assert!(text.lines().all(|l| l.contains("\"level\":\"violent\"")));
}

#[test]
fn orange_is_read_as_amber() {
    Case::new()
        .file(
            "r.yaml",
            &record_with(
                "developmental.traffic_light",
                Some("  developmental.traffic_light: orange"),
            ),
        )
        .args(&["replay", "-f", "json", "r.yaml"])
        .run()
        .success()
        .stdout(contains(
            "{\"field\":\"developmental.traffic_light\",\"value\":\"amber\"}",
        ))
        .stdout(contains("\"level\":\"abusive\""));
    Case::new()
        .file(
            "r.yaml",
            "format: hsb/1\nanswers:\n  what_happened.description: x\n  developmental.age: 9\n  developmental.traffic_light: orange\n  others.involved: no\n",
        )
        .args(&["replay", "-f", "json", "r.yaml"])
        .run()
        .success()
        .stdout(contains("\"id\":\"amber-for-age\""));
}

// ---- material ------------------------------------------------------------------------------

#[test]
fn questions_prints_all_seven_with_why_we_ask_and_attribution() {
    let assert = Case::new().args(&["questions"]).run().success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for q in [
        "1. What has happened?",
        "2. Was it developmentally appropriate behaviour?",
        "3. What was the context to the behaviour?",
        "4. Who else was involved and how did they view the incident?",
        "5. How did we find out about the incident?",
        "6. Was this an isolated incident?",
        "7. Were there any other factors involved",
    ] {
        assert!(text.contains(q), "missing {q}");
    }
    assert_eq!(text.matches("Why we ask:").count(), 7);
    assert!(flat(&text).contains("Open Government Licence v3.0"));
    fits_80_columns(&text);
    Case::new()
        .args(&["questions", "--format", "markdown"])
        .run()
        .success()
        .stdout(contains("## 4. Who else"));
}

#[test]
fn continuum_prints_five_levels_with_features_and_responses() {
    let assert = Case::new().args(&["continuum"]).run().success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for level in [
        "1. Normal",
        "2. Inappropriate",
        "3. Problematic",
        "4. Abusive",
        "5. Violent",
    ] {
        assert!(text.contains(level), "missing {level}");
    }
    let text = flat(&text);
    assert!(text.contains("section 130"));
    assert!(text.contains("For the child harmed"));
    assert!(text.contains(NOTICE));
}

/// The words of `text` with every run of spaces and line breaks as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Printed prose is wrapped to the terminal, 80 columns when output is not one.
fn fits_80_columns(text: &str) {
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

#[test]
fn material_and_help_are_wrapped_to_80_columns_when_not_a_terminal() {
    for lang in ["en", "cy"] {
        for args in [
            &["questions"][..],
            &["continuum"],
            &["--help"],
            &["assess", "--help"],
            &["--version"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let assert = Case::new().args(&all).run().success();
            fits_80_columns(&String::from_utf8_lossy(&assert.get_output().stdout));
        }
    }
}

#[test]
fn version_names_the_sources() {
    Case::new()
        .args(&["--version"])
        .run()
        .success()
        .stdout(contains("Open Government").and(contains("Brook")));
}

// ---- runs anywhere -------------------------------------------------------------------------

#[test]
fn works_from_an_empty_folder_with_the_embedded_defaults() {
    let case = Case::new().file(
        "r.yaml",
        &std::fs::read_to_string(example(ABUSIVE)).unwrap(),
    );
    case.args(&["replay", "-f", "json", "r.yaml"])
        .run()
        .success()
        .stdout(contains("\"level\":\"abusive\""));
}

#[test]
fn other_rules_and_questions_can_be_loaded() {
    let rules =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("continuum/rules.yaml"))
            .unwrap()
            .replace("en: Wales default HSB rules", "en: Regional rules");
    let case = Case::new().file("rules.yaml", &rules).file(
        "r.yaml",
        &std::fs::read_to_string(example(ABUSIVE)).unwrap(),
    );
    case.args(&["replay", "-f", "json", "--rules", "rules.yaml", "r.yaml"])
        .run()
        .success()
        .stdout(contains("\"name\":\"Regional rules\""));
}

// ---- bad input: exit 2 and a message that says what to fix -----------------------------------

#[test]
fn a_missing_file_names_the_path() {
    Case::new()
        .args(&["replay", "nowhere.yaml"])
        .fails_with(&["nowhere.yaml", "error[E001]"]);
}

#[test]
fn a_directory_without_records_is_refused() {
    let case = Case::new();
    std::fs::create_dir(case.dir.path().join("empty")).unwrap();
    case.args(&["replay", "empty"])
        .fails_with(&["holds no .yaml files"]);
}

#[test]
fn yaml_syntax_errors_give_line_and_column() {
    Case::new()
        .file("r.yaml", "format: hsb/1\nanswers:\n  what_happened.behaviours: [touching\n  developmental.age: 9\n")
        .args(&["replay", "r.yaml"])
        .fails_with(&["r.yaml:4:", "error[E010]"]);
}

#[test]
fn a_misspelt_field_gets_a_suggestion_and_its_place() {
    let record = record_with("others.coercion", Some("  others.coersion: yes"));
    let line = 1 + record
        .lines()
        .position(|l| l.starts_with("  others.coersion:"))
        .expect("the misspelt line");
    Case::new()
        .file("r.yaml", &record)
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            &format!(
                "r.yaml:{line}:3: error[E020]: an answer is keyed by something that is not a field id"
            ),
            "did you mean `others.coercion`?",
        ]);
}

#[test]
fn a_misspelt_value_gets_a_suggestion_and_the_allowed_values() {
    Case::new()
        .file(
            "r.yaml",
            &record_with(
                "others.relationship",
                Some("  others.relationship: youngr_child"),
            ),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            "error[E021]",
            "`others.relationship` has a value that is not one of its listed values",
            "did you mean `younger_child`?",
            "`sibling`",
        ]);
}

#[test]
fn a_wrong_type_or_out_of_range_answer_is_explained() {
    Case::new()
        .file(
            "r.yaml",
            &record_with("developmental.age", Some("  developmental.age: 19")),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            "error[E022]",
            "`developmental.age` must be a whole number from 0 to 17, found 19",
        ]);
    Case::new()
        .file(
            "r.yaml",
            &record_with("others.coercion", Some("  others.coercion: true")),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&["error[E022]", "write `yes`, `no` or `unknown`"]);
    Case::new()
        .file(
            "r.yaml",
            &record_with(
                "what_happened.behaviours",
                Some("  what_happened.behaviours: {a: 1}"),
            ),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&["error[E022]", "takes a list of values"]);
}

#[test]
fn missing_required_answers_are_reported_together() {
    let text = record_with("developmental.age", None);
    let text = text
        .lines()
        .filter(|l| !l.contains("what_happened.description") && !l.starts_with("    "))
        .collect::<Vec<_>>()
        .join("\n");
    Case::new()
        .file("r.yaml", &text)
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            "error[E023]: `what_happened.description` is required",
            "error[E023]: `developmental.age` is required",
        ]);
}

#[test]
fn answers_must_be_keyed_question_dot_field() {
    Case::new()
        .file(
            "r.yaml",
            "format: hsb/1\nanswers:\n  developmental:\n    age: 9\n",
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            "error[E020]: an answer is keyed by something that is not a field id",
            "write `developmental.<field>: …`",
        ]);
}

#[test]
fn unknown_format_versions_and_missing_formats_are_refused() {
    Case::new()
        .file(
            "r.yaml",
            &std::fs::read_to_string(example(ABUSIVE))
                .unwrap()
                .replace("format: hsb/1", "format: hsb/2"),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            "r.yaml:1:1: error[E012]",
            "hsb/2",
            "this hsb reads `format: hsb/1`",
        ]);
    Case::new()
        .file(
            "r.yaml",
            &std::fs::read_to_string(example(ABUSIVE))
                .unwrap()
                .replace("format: hsb/1\n", ""),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&["error[E012]", "add `format: hsb/1`"]);
}

#[test]
fn unknown_top_level_keys_are_refused_with_their_place() {
    Case::new()
        .file(
            "r.yaml",
            &std::fs::read_to_string(example(ABUSIVE))
                .unwrap()
                .replace("title:", "titel:"),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&[
            "r.yaml:2:1: error[E011]",
            "unknown key",
            "did you mean `title`?",
        ]);
}

#[test]
fn an_unknown_expected_level_is_refused() {
    Case::new()
        .file(
            "r.yaml",
            &std::fs::read_to_string(example(ABUSIVE))
                .unwrap()
                .replace("level: abusive", "level: abusiv"),
        )
        .args(&["replay", "r.yaml"])
        .fails_with(&["error[E024]", "did you mean `abusive`?"]);
}

#[test]
fn binary_and_oversized_files_are_refused() {
    Case::new()
        .bytes("r.yaml", &[0x66, 0x6f, 0xff, 0xfe, 0x00, 0x01])
        .args(&["replay", "r.yaml"])
        .fails_with(&["error[E004]", "not UTF-8"]);
    Case::new()
        .bytes("r.yaml", &vec![b'#'; 2 * 1024 * 1024])
        .args(&["replay", "r.yaml"])
        .fails_with(&["error[E002]", "larger than 1024 KiB"]);
}

#[test]
fn good_files_are_still_replayed_when_another_is_bad() {
    Case::new()
        .file(
            "good.yaml",
            &std::fs::read_to_string(example(ABUSIVE)).unwrap(),
        )
        .file("bad.yaml", "format: hsb/1\n")
        .args(&["replay", "-f", "json", "bad.yaml", "good.yaml"])
        .run()
        .code(2)
        .stdout(contains("\"level\":\"abusive\""))
        .stderr(contains("1 of 2 files could not be replayed"));
}

#[test]
fn a_broken_rules_file_says_which_rule_and_what_to_fix() {
    let rules =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("continuum/rules.yaml"))
            .unwrap()
            .replace("- others.coercion: \"yes\"", "- others.coersion: \"yes\"")
            .replace("level: violent", "level: vilent");
    Case::new()
        .file("rules.yaml", &rules)
        .file(
            "r.yaml",
            &std::fs::read_to_string(example(ABUSIVE)).unwrap(),
        )
        .args(&["replay", "--rules", "rules.yaml", "r.yaml"])
        .fails_with(&[
            "rules.yaml:",
            "error[E020]: rule `coercion`: unknown field `others.coersion`",
            "did you mean `others.coercion`?",
            "error[E031]: rule `violent-contact`: `vilent` is not a level",
            "did you mean `violent`?",
        ]);
}

#[test]
fn a_rule_with_a_value_the_field_does_not_have_is_refused() {
    let rules = "format: hsb-rules/1\nname: t\nversion: 1\nrules:\n  - id: r1\n    reason: r\n    source: s\n    level: abusive\n    when:\n      - others.perception: distresed\n";
    Case::new()
        .file("rules.yaml", rules)
        .args(&[
            "replay",
            "--rules",
            "rules.yaml",
            example(ABUSIVE).to_str().unwrap(),
        ])
        .fails_with(&[
            "rules.yaml:10:28: error[E021]",
            "did you mean `distressed`?",
        ]);
}

#[test]
fn usage_errors_exit_2() {
    Case::new()
        .args(&["replay"])
        .run()
        .code(2)
        .stderr(contains("FILE|DIR"));
    Case::new()
        .args(&["replay", "--format", "pdf", "x"])
        .run()
        .code(2)
        .stderr(contains("possible values"));
    Case::new().args(&["frobnicate"]).run().code(2);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("hsb");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' replay -f table '{}' | head -n 1; exit ${{PIPESTATUS[0]}}",
            bin.display(),
            example("").display()
        ))
        .output()
        .expect("bash runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_folder_as_markdown_is_a_printable_handout() {
    let assert = Case::new()
        .args(&[
            "replay",
            "--format",
            "markdown",
            example("violent").to_str().unwrap(),
        ])
        .run()
        .success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("# Scenario handout"));
    assert!(text.contains("| A physically violent sexual assault | Violent | required |"));
    let files = std::fs::read_dir(example("violent")).unwrap().count();
    assert_eq!(
        text.matches("# Sexual behaviour assessment: ").count(),
        files
    );
    assert_eq!(text.matches("## Teaching notes").count(), files);
    assert_eq!(text.matches("## Answers recorded").count(), files);
    assert!(text.contains("page-break-after"));
}

#[test]
fn error_messages_name_fields_not_what_was_typed() {
    Case::new()
        .file(
            "r.yaml",
            &record_with(
                "others.relationship",
                Some("  others.relationship: the boy at number 12 Elm Road"),
            ),
        )
        .args(&["replay", "r.yaml"])
        .run()
        .code(2)
        .stderr(contains("others.relationship"))
        .stderr(contains("Elm Road").not());
    Case::new()
        .file(
            "r.yaml",
            &record_with(
                "developmental.age",
                Some("  developmental.age: about twelve, ask Sam"),
            ),
        )
        .args(&["replay", "r.yaml"])
        .run()
        .code(2)
        .stderr(contains("developmental.age"))
        .stderr(contains("Sam").not());
}

#[test]
fn completions_and_a_manual_page_come_from_the_same_definitions_as_help() {
    for (shell, marker) in [
        ("bash", "_hsb()"),
        ("zsh", "#compdef hsb"),
        ("fish", "complete -c hsb"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let assert = Case::new().args(&["completions", shell]).run().success();
        let script = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("assess") && script.contains("resume"),
            "{shell}"
        );
    }
    let assert = Case::new().args(&["man"]).run().success();
    let page = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        page.starts_with(".ie") || page.contains(".TH hsb 1"),
        "{page}"
    );
    assert!(page.contains(".SH COMMANDS"));
    // Every command is described on this one page, with its own options; no other page is
    // referred to.
    for command in [
        "hsb assess",
        "hsb replay",
        "hsb train",
        "hsb check",
        "hsb man",
    ] {
        assert!(page.contains(&format!(".SS \"{command}\"")), "{command}");
    }
    assert!(page.contains("\\-\\-resume"), "the options of assess");
    assert!(
        !page.contains("hsb\\-assess(1)"),
        "a page that does not exist"
    );
}

#[test]
fn no_message_repeats_a_key_or_value_written_in_a_record() {
    // Names and sentences where keys and values go, at the top level, among the answers and in
    // the case record: every one is refused with its place, and none is repeated.
    let secrets = [
        "John Smith touched his sister",
        "Jane Doe",
        "Kevin",
        "Bob",
        "Brynmor",
    ];
    let text = [
        "format: hsb/1",
        "John Smith touched his sister: yes",
        "answers:",
        "  Jane Doe: yes",
        "  others.relationship: Kevin",
        "  others.involved: Bob",
        "  what_happened.description: Words.",
        "  developmental.age: 12",
        "assessment:",
        "  role: Brynmor",
        "",
    ]
    .join("\n");
    let text = text.as_str();
    for args in [
        &["replay", "r.yaml"][..],
        &["check", "r.yaml"],
        &["--lang", "cy", "replay", "r.yaml"],
    ] {
        let output = Case::new()
            .file("r.yaml", text)
            .args(args)
            .run()
            .get_output()
            .clone();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(said.contains("r.yaml:2:1"), "{said}");
        for secret in secrets {
            assert!(
                !said.contains(secret),
                "{args:?} repeated {secret:?}:\n{said}"
            );
        }
    }
    // Keys nested in the case record, and a key given twice, are not repeated either.
    for nested in [
        "format: hsb/1\nanswers:\n  what_happened.description: a\nassessment:\n  Jane Doe: x\n",
        "format: hsb/1\nanswers:\n  what_happened.description: a\njudgement:\n  agrees: yes\n  Jane Doe: x\n",
        "format: hsb/1\nanswers:\n  Jane Doe: a\n  Jane Doe: b\n",
    ] {
        let output = Case::new()
            .file("r.yaml", nested)
            .args(&["check", "r.yaml"])
            .run()
            .get_output()
            .clone();
        let said = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(said.contains("r.yaml:"), "{said}");
        assert!(!said.contains("Jane Doe"), "repeated a nested key:\n{said}");
    }
    // Without the unknown top-level key, each answer's problem is reported, still repeating none.
    let answers_only = text.replace("John Smith touched his sister: yes\n", "");
    let output = Case::new()
        .file("r.yaml", &answers_only)
        .args(&["check", "r.yaml"])
        .run()
        .get_output()
        .clone();
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(said.contains("E020") && said.contains("E021"), "{said}");
    for secret in secrets {
        assert!(!said.contains(secret), "repeated {secret:?}:\n{said}");
    }
}

#[test]
fn places_come_from_the_parser_never_from_a_comment() {
    // A quoted key, and a key whose word also appears in a comment above it: each diagnostic
    // points at the key itself.
    let quoted = [
        "format: hsb/1",
        "answers:",
        "  what_happened.description: Words.",
        "  developmental.age: 12",
        "  \"others.coersion\": \"yes\"",
        "",
    ]
    .join("\n");
    Case::new()
        .file("r.yaml", &quoted)
        .args(&["check", "r.yaml"])
        .run()
        .code(1)
        .stdout(contains("r.yaml:5:3: error[E020]"));
    let commented = [
        "format: hsb/1",
        "# others.coersion was asked about on the phone; recorded below",
        "answers:",
        "  what_happened.description: Words.   # not others.coersion",
        "  developmental.age: 12",
        "  others.coersion: \"yes\"",
        "",
    ]
    .join("\n");
    Case::new()
        .file("r.yaml", &commented)
        .args(&["check", "r.yaml"])
        .run()
        .code(1)
        .stdout(contains("r.yaml:6:3: error[E020]"));
}

/// A `--report` name that would not hold what it promises is refused before the interview
/// starts, and nothing is written.
#[test]
fn a_report_name_for_another_format_is_refused_before_the_interview() {
    let dir = TempDir::new().unwrap();
    for (args, said) in [
        (vec!["--report", "case.pdf"], "names none of these"),
        (
            vec!["--report", "case.md", "--report-format", "html"],
            "give a name ending in .html",
        ),
    ] {
        Command::cargo_bin("hsb")
            .unwrap()
            .current_dir(dir.path())
            .env("HSB_LANG", "en")
            .arg("assess")
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains(said))
            .stderr(contains("needs a terminal").not());
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
