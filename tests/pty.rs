//! `hsb assess` driven through a real pseudo-terminal, as a practitioner would use it.

use expectrl::{Expect, Session};
use hsb::content::questions::{FieldKind, QuestionSet};
use hsb::content::{Content, ContentPaths};
use hsb::text::lang::Lang;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tempfile::TempDir;

mod common;

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";

/// Choosing item `n` (from 0) of a quiz list, where nothing is chosen until an arrow key is
/// pressed: the first Down reaches the first item.
fn pick(n: usize) -> String {
    format!("{}\r", DOWN.repeat(n + 1))
}

struct Terminal {
    session: expectrl::session::OsSession,
    questions: QuestionSet,
    /// Everything hsb has written, drawn on an 80x24 screen as a terminal would draw it.
    screen: vt100::Parser,
    /// Everything hsb has written, as it was written.
    output: Vec<u8>,
}

/// A folder to work in and a HOME for drafts.
struct Place {
    dir: TempDir,
}

impl Place {
    fn new() -> Self {
        Place {
            dir: TempDir::new().expect("a temporary folder"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Where records and reports are saved unless another place is given.
    fn records(&self) -> PathBuf {
        self.path("home").join(".local/share/hsb/records")
    }

    fn start(&self, args: &[&str]) -> Terminal {
        let mut all = vec!["assess"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    fn run(&self, args: &[&str]) -> Terminal {
        self.run_in(Lang::En, &[], args)
    }

    /// Run with the content in `lang` and these environment variables set.
    fn run_in(&self, lang: Lang, env: &[(&str, &str)], args: &[&str]) -> Terminal {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("hsb"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path().join("home"))
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env("PAGER", "cat")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        for name in ["HSB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        let mut session = Session::spawn(command).expect("hsb starts in a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        let _ = session.get_process_mut().set_window_size(80, 24);
        Terminal {
            session,
            questions: Content::load(&ContentPaths {
                lang,
                ..ContentPaths::default()
            })
            .expect("defaults")
            .questions,
            screen: vt100::Parser::new(
                std::num::NonZeroU16::new(24).expect("24 rows"),
                std::num::NonZeroU16::new(80).expect("80 columns"),
                0,
            ),
            output: Vec::new(),
        }
    }
}

impl Terminal {
    fn expect(&mut self, text: &str) -> String {
        let found = self
            .session
            .expect(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        self.screen.process(found.as_bytes());
        self.output.extend_from_slice(found.as_bytes());
        String::from_utf8_lossy(found.before()).into_owned()
    }

    /// What an 80x24 terminal shows now (as far as hsb's output has been read).
    fn screen(&self) -> String {
        self.screen.screen().contents()
    }

    /// Read everything until hsb ends.
    fn read_to_end(&mut self) {
        let _ = self.expect_eof();
    }

    fn expect_eof(&mut self) -> Result<(), expectrl::Error> {
        let found = self.session.expect(expectrl::Eof)?;
        self.screen.process(found.as_bytes());
        self.output.extend_from_slice(found.as_bytes());
        Ok(())
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("keys reach the terminal");
    }

    /// Answer a field the way a person would: type text, or move to a choice and press Enter.
    fn answer(&mut self, key: &str, value: &str) {
        let field = self.questions.field(key).expect("known field").clone();
        self.expect(&field.label);
        let choices = field.kind.choices();
        let position = |id: &str| {
            if id == "unknown" {
                choices.len()
            } else {
                choices
                    .iter()
                    .position(|c| c.id == id)
                    .expect("known value")
            }
        };
        match &field.kind {
            FieldKind::Text | FieldKind::Number { .. } => self.send(&format!("{value}\r")),
            // Choices start on "Not known yet", the last item.
            FieldKind::Choice(_) => {
                let ups = choices.len() - position(value);
                self.send(&UP.repeat(ups));
                self.send("\r");
            }
            // Lists start at the first item; space ticks.
            FieldKind::List(_) => {
                let mut at = 0;
                for id in value.split(',') {
                    let target = position(id);
                    self.send(&DOWN.repeat(target - at));
                    self.send(" ");
                    at = target;
                }
                self.send("\r");
            }
        }
    }

    /// At the menu after the result, choose "Save" without recording a judgement. Returns what
    /// was shown before the menu (the result at a glance).
    fn choose_save(&mut self, lang: Lang) -> String {
        use hsb::text::messages::Msg;
        let result = self.expect(Msg::WhatNext.text(lang));
        self.expect(Msg::NextChangeAnswers.text(lang));
        // From "Show the full result" down to "Save the record and report".
        self.send(DOWN);
        self.send(DOWN);
        self.send("\r");
        result
    }

    fn exit_code(&mut self) -> i32 {
        match self.session.get_process().wait() {
            Ok(expectrl::process::unix::WaitStatus::Exited(_, code)) => code,
            other => panic!("hsb did not exit normally: {other:?}"),
        }
    }
}

const ANSWERS: &[(&str, &str)] = &[
    (
        "what_happened.description",
        "A seven-year-old showed their bottom in the playground for a dare.",
    ),
    ("what_happened.behaviours", "exposing"),
    ("developmental.age", "7"),
    ("developmental.traffic_light", "amber"),
    ("developmental.sophisticated_understanding", "no"),
    ("developmental.diagnosis_affects_understanding", "no"),
    ("context.setting", "school"),
    ("context.activities", "playing"),
    ("context.adult_conflict", "no"),
    ("context.notes", ""),
    ("others.involved", "no"),
    ("discovery.how", "observed"),
    ("discovery.secrecy", "no"),
    ("discovery.notes", ""),
    ("pattern.isolated", "yes"),
    ("pattern.escalating", "no"),
    ("other_factors.aggression_or_violence", "no"),
    ("other_factors.adult_involvement", "no"),
    ("other_factors.filming", "no"),
    ("other_factors.exploitation", "no"),
    ("other_factors.notes", ""),
];

fn replay_level(path: &Path) -> (String, String) {
    let output = Command::new(assert_cmd::cargo::cargo_bin("hsb"))
        .args(["replay", "--format", "json"])
        .arg(path)
        .output()
        .expect("replay runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    (
        result["level"].as_str().unwrap_or_default().to_string(),
        result["strategy_discussion"]["status"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[test]
fn a_full_assessment_ends_with_a_record_and_report_that_replay_to_the_same_result() {
    let place = Place::new();
    let record = place.path("case.yaml");
    let report = place.path("case.md");
    let mut t = place.start(&[
        "--save",
        record.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    t.expect("Do not enter names");
    t.expect("Case reference");
    t.send("PTY-1\r");
    t.expect("Question 1 of 7: What has happened?");
    for (key, value) in ANSWERS {
        t.answer(key, value);
    }
    t.expect("Your answers");
    t.expect("These answers are right");
    t.send("\r");
    let result = t.choose_save(Lang::En);
    t.expect("Saved the record");
    assert!(result.contains("INAPPROPRIATE"), "{result}");
    assert!(result.contains("STRATEGY DISCUSSION: NOT INDICATED"));
    t.expect("Wrote the report");
    assert_eq!(t.exit_code(), 0);

    assert_eq!(
        replay_level(&record),
        ("inappropriate".to_string(), "not_indicated".to_string())
    );
    let markdown = std::fs::read_to_string(&report).expect("the report");
    assert!(markdown.contains("**[INAPPROPRIATE]**"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in [&record, &report] {
            assert_eq!(
                std::fs::metadata(path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}

#[test]
fn an_interrupted_assessment_resumes_where_it_stopped() {
    let place = Place::new();
    let mut t = place.start(&[]);
    t.expect("Case reference");
    t.send("PTY-2\r");
    for (key, value) in &ANSWERS[..4] {
        t.answer(key, value);
    }
    t.expect("Sophisticated knowledge");
    t.send("\x03"); // Ctrl-C
    let found = t
        .session
        .expect(expectrl::Regex(r"To carry on:\s+hsb assess --resume (\S+)"))
        .expect("the resume command is printed");
    let draft = PathBuf::from(String::from_utf8_lossy(found.get(1).expect("a path")).into_owned());
    assert_eq!(t.exit_code(), 130);
    let saved = std::fs::read_to_string(&draft).expect("the draft is on disk");
    assert!(
        saved.contains("developmental.traffic_light: amber"),
        "{saved}"
    );
    assert!(!saved.contains("sophisticated_understanding"), "{saved}");

    let record = place.path("resumed.yaml");
    let mut t = place.start(&[
        "--resume",
        draft.to_str().unwrap(),
        "--save",
        record.to_str().unwrap(),
    ]);
    t.expect("Carrying on with case PTY-2; answers so far: 4");
    for (key, value) in &ANSWERS[4..] {
        t.answer(key, value);
    }
    t.expect("These answers are right");
    t.send("\r");
    t.choose_save(Lang::En);
    t.expect("Saved the record");
    t.expect("Write a report for the case file");
    t.send("n\r");
    t.expect("The draft has been removed");
    assert_eq!(t.exit_code(), 0);
    assert!(!draft.exists(), "the finished draft is removed");
    let text = std::fs::read_to_string(&record).expect("the record");
    assert!(text.contains("showed their bottom in the playground"));
    assert_eq!(replay_level(&record).0, "inappropriate");
}

#[test]
fn an_invalid_age_is_asked_again_with_the_reason() {
    let place = Place::new();
    let mut t = place.start(&[]);
    t.expect("Case reference");
    t.send("PTY-3\r");
    for (key, value) in &ANSWERS[..2] {
        t.answer(key, value);
    }
    t.expect("Age of the child");
    t.send("ten\r");
    t.expect("\"ten\" is not a whole number: enter a whole number from 0 to 17.");
    // The refused entry stays for correcting; Ctrl-U clears it.
    t.send("\x1525\r");
    t.expect("25 is outside the range: enter a whole number from 0 to 17.");
    t.send("\x159\r");
    t.expect("Traffic light");
    t.send("\x03");
    t.expect("To carry on");
    assert_eq!(t.exit_code(), 130);
}

#[test]
fn without_a_terminal_it_points_to_replay() {
    assert_cmd::Command::cargo_bin("hsb")
        .unwrap()
        .arg("assess")
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("hsb replay"));
}

#[test]
fn sigterm_keeps_the_draft_and_says_how_to_resume() {
    let place = Place::new();
    let mut t = place.start(&[]);
    t.expect("Case reference");
    t.send("PTY-4\r");
    for (key, value) in &ANSWERS[..2] {
        t.answer(key, value);
    }
    t.expect("Age of the child");
    t.session
        .get_process_mut()
        .signal(expectrl::process::unix::Signal::SIGTERM)
        .expect("the signal is sent");
    let found = t
        .session
        .expect(expectrl::Regex(r"To carry on:\s+hsb assess --resume (\S+)"))
        .expect("the resume command is printed");
    let draft = PathBuf::from(String::from_utf8_lossy(found.get(1).expect("a path")).into_owned());
    assert_eq!(t.exit_code(), 143);
    let saved = std::fs::read_to_string(&draft).expect("the draft is whole");
    assert!(saved.contains("what_happened.behaviours"), "{saved}");
    assert!(saved.contains("case_ref: PTY-4"), "{saved}");
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn step_reveals_a_scenario_a_question_at_a_time() {
    let place = Place::new();
    let mut t = place.run(&[
        "replay",
        "--step",
        &example("abusive/9-13_home_bribed-touching.yaml"),
    ]);
    let mut shown = String::new();
    for n in 1..=7 {
        shown.push_str(&t.expect(&format!("Question {n} of 7")));
        shown.push_str(&t.expect("Why we ask:"));
        shown.push_str(&t.expect("(q to stop)"));
        t.send("\r");
    }
    assert!(
        !shown.contains("ABUSIVE"),
        "the placement is not shown before the end"
    );
    let result = t.expect("Why: the rules that fired");
    assert!(result.contains("▶ ABUSIVE ◀"), "{result}");
    t.expect("Enter for the teaching notes");
    t.send("\r");
    t.expect("Teaching notes");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn a_quiz_scores_the_trainee_against_hsb() {
    let place = Place::new();
    let mut t = place.run(&[
        "train",
        &example("violent/9-13_school_pinned-down.yaml"),
        &example("normal/0-5_home_doctors-play.yaml"),
    ]);
    t.expect("Scenario 1 of 2: A younger pupil pinned against a wall and sexually assaulted");
    // Nothing is chosen for the trainee: Enter alone gives no answer.
    t.expect("(arrow keys to choose, then Enter)");
    t.expect("Where on the continuum");
    t.send("\r");
    t.send(&pick(4)); // Violent
    t.expect("A strategy discussion is");
    t.send(&pick(0)); // Required
    t.expect("Score it?");
    t.send(&pick(0)); // Yes: nothing is chosen for them
    t.expect("Your placement: violent (RIGHT)");
    t.expect("Teaching notes:");
    t.expect("Enter for the next scenario");
    t.send("\r");
    t.expect("Scenario 2 of 2: Two four-year-olds playing doctors");
    t.expect("Where on the continuum");
    t.send(&pick(3)); // Abusive
    t.expect("A strategy discussion is");
    t.send(&format!("{UP}\r")); // Not indicated, the last
    t.expect("Score it?");
    t.send(&pick(0)); // Yes: nothing is chosen for them
    t.expect("Your placement: abusive (DIFFERENT). hsb: normal.");
    t.expect("Enter for the scores");
    t.send("\r");
    t.expect("Scores");
    t.expect("Placement: 1 of 2 as hsb placed them. Strategy discussion: 2 of 2.");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn teaching_commands_need_a_terminal() {
    for args in [
        vec!["train".to_string(), example("normal")],
        vec![
            "replay".to_string(),
            "--step".to_string(),
            example("normal/0-5_home_doctors-play.yaml"),
        ],
    ] {
        assert_cmd::Command::cargo_bin("hsb")
            .unwrap()
            .args(&args)
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicates::str::contains("hsb replay"));
    }
}

#[test]
fn a_welsh_speaking_practitioner_runs_the_whole_assessment_in_welsh() {
    let place = Place::new();
    let record = place.path("achos.yaml");
    let report = place.path("achos.md");
    let mut t = place.run_in(
        Lang::Cy,
        &[("LANG", "cy_GB.UTF-8")],
        &[
            "assess",
            "--save",
            record.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
    );
    t.expect("Mae'r testun Cymraeg yn aros");
    t.expect("Peidiwch â rhoi enwau");
    t.send("CY-PTY\r");
    t.expect("Cwestiwn 1 o 7: Beth sydd wedi digwydd?");
    for (key, value) in ANSWERS {
        let value = if *key == "what_happened.description" {
            "Dangosodd plentyn saith oed ei ben-ôl ar yr iard."
        } else {
            value
        };
        t.answer(key, value);
    }
    t.expect("Eich atebion");
    t.expect("Mae'r atebion hyn yn gywir");
    t.send("\r");
    let result = t.choose_save(Lang::Cy);
    t.expect("Cadwyd y cofnod");
    assert!(result.contains("AMHRIODOL"), "{result}");
    assert!(
        result.contains("TRAFODAETH STRATEGAETH: DIM ARWYDD O ANGEN"),
        "{result}"
    );
    t.expect("--lang cy");
    t.expect("Ysgrifennwyd yr adroddiad");
    assert_eq!(t.exit_code(), 0);

    let markdown = std::fs::read_to_string(&report).expect("the report");
    assert!(markdown.contains("**[AMHRIODOL]**"), "{markdown}");
    let english = common::english_in(&markdown);
    assert!(
        english.is_empty(),
        "English in the Welsh report: {english:?}"
    );
    // The record is language-neutral: it replays in English to the same result.
    assert_eq!(
        replay_level(&record),
        ("inappropriate".to_string(), "not_indicated".to_string())
    );
}

// ---- Never lose a file -----------------------------------------------------------------------

/// A complete saved record of `ANSWERS`, as a practitioner would keep it.
fn saved_record(place: &Place, name: &str) -> (PathBuf, Vec<u8>) {
    let mut text = String::from("format: hsb/1\ncase_ref: CASE-A\nanswers:\n");
    for (key, value) in ANSWERS {
        let written = match *key {
            "what_happened.behaviours" | "context.activities" => format!("[{value}]"),
            _ if value.parse::<i64>().is_ok() => value.to_string(),
            _ => format!("{value:?}"),
        };
        text.push_str(&format!("  {key}: {written}\n"));
    }
    let path = place.path(name);
    std::fs::write(&path, &text).expect("the record is written");
    (path, text.into_bytes())
}

fn says_aggression_yes(record: &str) -> bool {
    record.lines().any(|line| {
        line.trim()
            .trim_end_matches(['\'', '"'])
            .replace(['\'', '"'], "")
            == "other_factors.aggression_or_violence: yes"
    })
}

fn drafts_in(place: &Place) -> Vec<PathBuf> {
    let dir = place.path("home/.local/state/hsb/drafts");
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    }
}

impl Terminal {
    /// At the review, open question 7 and change its first answer (aggression) from no to yes.
    fn change_aggression_to_yes(&mut self) {
        self.expect("These answers are right");
        // Past the case reference to question 7.
        self.send(&DOWN.repeat(8));
        self.send("\r");
        self.expect("Was there aggression or violence?");
        self.expect("Aggression or violence");
        self.send(UP); // from "No" to "Yes"
        self.send("\r");
    }
}

#[test]
fn resuming_a_saved_record_and_saving_elsewhere_leaves_the_original_byte_for_byte() {
    let place = Place::new();
    let (original, bytes) = saved_record(&place, "case-A.yaml");
    let updated = place.path("case-A-updated.yaml");
    let mut t = place.start(&[
        "--resume",
        original.to_str().unwrap(),
        "--save",
        updated.to_str().unwrap(),
    ]);
    t.expect("You are working on a copy of");
    t.change_aggression_to_yes();
    t.expect("Adult involvement");
    t.send("\r");
    t.expect("Filmed or shared");
    t.send("\r");
    t.expect("Grooming or exploitation");
    t.send("\r");
    t.expect("Other factors notes");
    t.send("\r");
    t.expect("These answers are right");
    t.send("\r");
    t.choose_save(Lang::En);
    t.expect("Saved the record");
    t.expect("Write a report for the case file");
    t.send("n\r");
    t.expect("was not changed");
    assert_eq!(t.exit_code(), 0);

    assert_eq!(
        std::fs::read(&original).expect("the original is there"),
        bytes
    );
    let text = std::fs::read_to_string(&updated).expect("the updated record");
    assert!(says_aggression_yes(&text), "{text}");
    assert!(drafts_in(&place).is_empty(), "the copy's draft is removed");
}

#[test]
fn ctrl_c_while_updating_a_saved_record_leaves_it_unchanged_and_keeps_a_named_draft() {
    let place = Place::new();
    let (original, bytes) = saved_record(&place, "case-A.yaml");
    let mut t = place.start(&["--resume", original.to_str().unwrap()]);
    t.change_aggression_to_yes();
    t.expect("Adult involvement");
    t.send("\x03");
    let found = t
        .session
        .expect(expectrl::Regex(r"To carry on:\s+hsb assess --resume (\S+)"))
        .expect("the resume command is printed");
    let draft = PathBuf::from(String::from_utf8_lossy(found.get(1).expect("a path")).into_owned());
    assert_eq!(t.exit_code(), 130);

    assert_eq!(
        std::fs::read(&original).expect("the original is there"),
        bytes
    );
    assert_ne!(draft, original, "the work went to a draft, not the record");
    let name = draft.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("draft-CASE-A-"), "{name}");
    let saved = std::fs::read_to_string(&draft).expect("the draft");
    assert!(says_aggression_yes(&saved), "{saved}");

    // `hsb drafts` lists it with the command to carry on, and removes it when asked.
    let listed = assert_cmd::Command::cargo_bin("hsb")
        .unwrap()
        .arg("drafts")
        .env("HOME", place.path("home"))
        .env_remove("XDG_STATE_HOME")
        .assert()
        .success();
    let out = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    assert!(out.contains("Case CASE-A"), "{out}");
    assert!(
        out.contains(&format!("hsb assess --resume {}", draft.display())),
        "{out}"
    );
    assert_cmd::Command::cargo_bin("hsb")
        .unwrap()
        .args(["drafts", "--remove"])
        .arg(original.as_os_str())
        .env("HOME", place.path("home"))
        .env_remove("XDG_STATE_HOME")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not one of hsb's drafts"));
    assert_eq!(std::fs::read(&original).expect("still there"), bytes);
    assert_cmd::Command::cargo_bin("hsb")
        .unwrap()
        .args(["drafts", "--remove", &name])
        .env("HOME", place.path("home"))
        .env_remove("XDG_STATE_HOME")
        .assert()
        .success();
    assert!(!draft.exists());
}

#[test]
fn answering_no_to_replace_keeps_both_files() {
    let place = Place::new();
    let (original, bytes) = saved_record(&place, "case-A.yaml");
    let existing = place.path("existing.yaml");
    std::fs::write(&existing, "someone's own file").expect("written");
    let mut t = place.start(&[
        "--resume",
        original.to_str().unwrap(),
        "--save",
        existing.to_str().unwrap(),
    ]);
    t.expect("These answers are right");
    t.send("\r");
    t.choose_save(Lang::En);
    t.expect("already exists. Replace it?");
    t.send("n");
    t.expect("Save the record as");
    t.send("\r"); // the suggested name, hsb-CASE-A.yaml
    t.expect("Saved the record");
    t.expect("Write a report for the case file");
    t.send("n\r");
    assert_eq!(t.exit_code(), 0);
    assert_eq!(
        std::fs::read(&original).expect("the original is there"),
        bytes
    );
    assert_eq!(
        std::fs::read_to_string(&existing).expect("still there"),
        "someone's own file"
    );
    let other =
        std::fs::read_to_string(place.records().join("hsb-CASE-A.yaml")).expect("the new file");
    assert!(other.contains("case_ref: CASE-A"), "{other}");
}

#[test]
fn the_record_resumed_is_never_written_over_even_when_asked() {
    let place = Place::new();
    let (original, bytes) = saved_record(&place, "case-A.yaml");
    let mut t = place.start(&[
        "--resume",
        original.to_str().unwrap(),
        "--save",
        original.to_str().unwrap(),
        "--force",
    ]);
    t.expect("These answers are right");
    t.send("\r");
    t.choose_save(Lang::En);
    t.expect("hsb does not write over it");
    t.expect("Save the record as");
    t.send("\r"); // the suggested name, hsb-CASE-A.yaml
    t.expect("Saved the record");
    t.expect("Write a report for the case file");
    t.send("n\r");
    t.expect("was not changed");
    assert_eq!(t.exit_code(), 0);
    assert_eq!(
        std::fs::read(&original).expect("the original is there"),
        bytes
    );
    assert!(place.records().join("hsb-CASE-A.yaml").exists());
}

#[test]
fn a_draft_file_that_exists_is_never_overwritten() {
    let place = Place::new();
    let (original, bytes) = saved_record(&place, "notes.yaml");
    assert_cmd::Command::cargo_bin("hsb")
        .unwrap()
        .args(["assess", "--draft"])
        .arg(&original)
        .env("HOME", place.path("home"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&original).unwrap(), bytes);
}

// ---- The case record ---------------------------------------------------------------------------

const BACKSPACES: &str =
    "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f";

#[test]
fn the_practitioners_judgement_and_actions_are_recorded_and_reported() {
    let place = Place::new();
    let record = place.path("case.yaml");
    let report = place.path("case.html");
    let mut t = place.run_in(
        Lang::En,
        &[("TZ", "Europe/London")],
        &[
            "assess",
            "--save",
            record.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
    );
    t.expect("Case reference");
    t.send("PTY-CR\r");
    for (key, value) in ANSWERS {
        t.answer(key, value);
    }
    t.expect("These answers are right");
    t.send("\r");
    t.expect("What next?");
    t.expect("Change the answers");
    t.send(DOWN); // Record your judgement and the actions taken
    t.send("\r");
    // Role: from "not recorded" (last) up to the first, the designated safeguarding person.
    t.expect("Your role");
    t.send(&UP.repeat(11));
    t.send("\r");
    t.expect("Your agency");
    t.send(&UP.repeat(9)); // School or college
    t.send("\r");
    // The judgement is a deliberate choice: the highlighted item records nothing.
    t.expect("hsb supports your judgement and does not replace it");
    t.expect("Your judgement");
    t.send(UP); // No, my judgement differs
    t.send("\r");
    t.expect("Your placement on the continuum");
    t.send(DOWN); // from inappropriate to problematic
    t.send("\r");
    t.expect("Your decision on a strategy discussion");
    t.send(DOWN); // from not indicated to consider
    t.send("\r");
    t.expect("Why does your judgement differ?");
    t.expect("Your reason");
    t.send("\r");
    t.expect("A reason is required when your judgement differs");
    t.send("Staff have seen this twice before this term.\r");
    // Three actions, one at a time.
    for (downs, when, note) in [
        (2, "2026-11-27 15:30", "Duty team, by telephone"),
        (1, "2026-11-27 14:30", ""),
        (7, "2026-11-27 16:00", ""),
    ] {
        t.expect("Action taken");
        t.send(&DOWN.repeat(downs));
        t.send("\r");
        t.expect("When (YYYY-MM-DD HH:MM, local time)");
        if downs == 2 {
            // An action already taken is never in the future; the time is kept for correcting.
            t.send(BACKSPACES);
            t.send("2999-01-01 09:00\r");
            t.expect("An action already taken cannot be in the future");
        }
        t.send(BACKSPACES);
        t.send(&format!("{when}\r"));
        t.expect("Note (optional; never a name)");
        t.send(&format!("{note}\r"));
    }
    t.expect("Action taken");
    t.send("\r");
    // Back at the menu, now on "Save".
    t.expect("What next?");
    t.expect("Change the answers");
    t.send("\r");
    t.expect("Saved the record");
    t.expect("Wrote the report");
    assert_eq!(t.exit_code(), 0);

    let text = std::fs::read_to_string(&record).expect("the record");
    for line in [
        "role: designated_safeguarding_person",
        "agency: school",
        "agrees: no",
        "level: problematic",
        "strategy_discussion: consider",
        "action: reported_to_social_services",
        "action: dsp_consulted",
        "action: parents_told",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert!(text.contains("2026-11-27T15:30:00+00:00"), "{text}");
    let html = std::fs::read_to_string(&report).expect("the report");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the extension chose HTML"
    );
    for shown in [
        "[INAPPROPRIATE]",
        "<td>Problematic</td>",
        "Staff have seen this twice before this term.",
        "2026-11-27 15:30 +00:00",
        "due by 2026-11-28 15:30 +00:00",
        "due by 2026-12-08 15:30 +00:00",
        "Designated safeguarding person",
    ] {
        assert!(html.contains(shown), "{shown}");
    }
}

#[test]
fn a_record_is_never_saved_over_the_draft_that_is_about_to_be_removed() {
    let place = Place::new();
    let mut t = place.start(&[]);
    t.expect("Case reference");
    t.send("PTY-D\r");
    t.answer(ANSWERS[0].0, ANSWERS[0].1);
    let next = t
        .questions
        .field(ANSWERS[1].0)
        .expect("a field")
        .label
        .clone();
    t.expect(&next);
    t.send("\x03");
    let found = t
        .session
        .expect(expectrl::Regex(r"To carry on:\s+hsb assess --resume (\S+)"))
        .expect("the resume command is printed");
    let draft = PathBuf::from(String::from_utf8_lossy(found.get(1).expect("a path")).into_owned());
    assert_eq!(t.exit_code(), 130);

    // The draft named as `hsb drafts` lists it, by its file name alone.
    let name = draft.file_name().unwrap().to_string_lossy().into_owned();
    let mut t = place.start(&["--resume", &name, "--save", draft.to_str().unwrap()]);
    for (key, value) in &ANSWERS[1..] {
        t.answer(key, value);
    }
    t.expect("These answers are right");
    t.send("\r");
    t.choose_save(Lang::En);
    // Wrapped to the screen between words, so the words may be on two lines.
    t.session
        .expect(expectrl::Regex(r"is\s+in\s+hsb's\s+drafts\s+folder"))
        .expect("the draft is refused as a place to save");
    t.expect("Save the record as");
    t.send("\r"); // the suggested name, hsb-PTY-D.yaml in the records folder
    t.expect("Saved the record");
    t.expect("Write a report for the case file");
    t.send("n\r");
    t.expect("The draft has been removed");
    assert_eq!(t.exit_code(), 0);
    assert!(!draft.exists());
    let saved =
        std::fs::read_to_string(place.records().join("hsb-PTY-D.yaml")).expect("the record");
    assert!(saved.contains("showed their bottom"), "{saved}");
}

#[test]
fn a_trainee_can_answer_not_yet_placed() {
    let place = Place::new();
    let mut t = place.run(&[
        "train",
        &example("not-yet-placed/9-13_home_near-empty-record.yaml"),
    ]);
    t.expect("Where on the continuum");
    t.expect("Not yet placed");
    t.send(&pick(5)); // after the five levels
    t.expect("A strategy discussion is");
    t.send(&pick(1)); // consider
    t.expect("Score it?");
    t.send(&pick(0)); // Yes: nothing is chosen for them
    t.expect("Your placement: not yet placed (RIGHT)");
    t.expect("Enter for the scores");
    t.send("\r");
    t.expect("Placement: 1 of 1 as hsb placed them.");
    assert_eq!(t.exit_code(), 0);
}

// ---- One screen at a time (80x24) ---------------------------------------------------------------

/// The description typed in each language.
fn description(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "A seven-year-old showed their bottom in the playground for a dare.",
        Lang::Cy => "Dangosodd plentyn saith oed ei ben-ôl ar yr iard.",
    }
}

/// Start an assessment in `lang` with these extra arguments, and answer every question.
fn answered(place: &Place, lang: Lang, env: &[(&str, &str)], args: &[&str]) -> Terminal {
    use hsb::text::messages::Msg;
    let mut all = vec!["--lang", lang.code(), "assess"];
    all.extend_from_slice(args);
    let mut t = place.run_in(lang, env, &all);
    t.expect(Msg::CaseRefPrompt.text(lang));
    t.send("SCREEN-1\r");
    for (key, value) in ANSWERS {
        let value = if *key == "what_happened.description" {
            description(lang)
        } else {
            value
        };
        t.answer(key, value);
    }
    t.expect(Msg::ConfirmAnswers.text(lang));
    t.send("\r");
    t
}

#[test]
fn the_menu_after_the_result_shows_the_placement_and_strategy_discussion_on_one_screen() {
    use hsb::text::messages::Msg;
    for (lang, placement, status) in [
        (
            Lang::En,
            "Placement: INAPPROPRIATE",
            "STRATEGY DISCUSSION: NOT INDICATED",
        ),
        (
            Lang::Cy,
            "Lefel: AMHRIODOL",
            "TRAFODAETH STRATEGAETH: DIM ARWYDD O ANGEN",
        ),
    ] {
        let place = Place::new();
        let mut t = answered(&place, lang, &[], &[]);
        t.expect(Msg::WhatNext.text(lang));
        t.expect(Msg::NextChangeAnswers.text(lang));
        let screen = t.screen();
        for shown in [
            placement,
            status,
            Msg::GlanceSupport.text(lang),
            Msg::ForTheChild.text(lang),
            Msg::WhatNext.text(lang),
            Msg::NextSave.text(lang),
        ] {
            let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(shown),
                "{lang:?}: {shown:?} not on screen:\n{screen}"
            );
        }
        // Save: the suggested path is in the private records folder, and Ctrl-U clears it.
        t.send(DOWN);
        t.send(DOWN);
        t.send("\r");
        t.expect(Msg::SaveRecordAs.text(lang));
        t.expect("hsb-SCREEN-1.yaml");
        let chosen = place.path("chosen.yaml");
        t.send("\x15");
        t.send(&format!("{}\r", chosen.display()));
        t.expect(match lang {
            Lang::En => "Write a report for the case file",
            Lang::Cy => "adroddiad",
        });
        t.send(match lang {
            Lang::En => "n\r",
            Lang::Cy => "\x1b[B\r", // "Na"
        });
        assert_eq!(t.exit_code(), 0);
        let saved = std::fs::read_to_string(&chosen).expect("saved where typed");
        assert!(saved.contains("case_ref: SCREEN-1"), "{saved}");
        assert!(
            !place.records().join("hsb-SCREEN-1.yaml").exists(),
            "{lang:?}: the cleared path was not used"
        );
        assert!(
            !place.path("hsb-SCREEN-1.yaml").exists(),
            "nothing goes into the current folder unasked"
        );
    }
}

/// An assessment answered and its record saved where suggested, at "Write the report to".
fn at_the_report_prompt(place: &Place) -> Terminal {
    use hsb::text::messages::Msg;
    let mut t = answered(place, Lang::En, &[], &[]);
    t.expect(Msg::WhatNext.text(Lang::En));
    t.expect(Msg::NextChangeAnswers.text(Lang::En));
    t.send(&format!("{DOWN}{DOWN}\r"));
    t.expect("Save the record as");
    t.send("\r");
    t.expect("Write a report for the case file");
    t.send("y");
    t.expect("Write the report to");
    t
}

#[test]
fn a_report_named_for_a_format_hsb_does_not_write_is_refused_and_asked_again() {
    let place = Place::new();
    let mut t = at_the_report_prompt(&place);
    let pdf = place.path("case.pdf");
    t.send(&format!("\u{15}{}\r", pdf.display()));
    t.expect("names none of these");
    t.expect("Write the report to");
    // The refused name is offered for correcting: its end is changed to .html.
    t.send(&format!("{}html\r", "\u{8}".repeat(3)));
    t.expect("Wrote the report");
    assert_eq!(t.exit_code(), 0);
    assert!(!pdf.exists(), "nothing is written under a .pdf name");
    let html = std::fs::read_to_string(place.path("case.html")).expect("the report");
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn records_go_to_the_private_records_folder_by_default() {
    let place = Place::new();
    let mut t = at_the_report_prompt(&place);
    t.send("\r");
    t.expect("Wrote the report");
    assert_eq!(t.exit_code(), 0);
    let folder = place.records();
    assert!(folder.join("hsb-SCREEN-1.yaml").is_file());
    assert!(folder.join("hsb-SCREEN-1.md").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the folder is private");
    }
}

#[test]
fn esc_goes_back_to_the_previous_question_with_its_answer_kept() {
    use hsb::text::messages::Msg;
    for lang in Lang::ALL {
        let place = Place::new();
        let mut t = place.run_in(lang, &[], &["--lang", lang.code(), "assess"]);
        t.expect(Msg::CaseRefPrompt.text(lang));
        t.send("BACK-1\r");
        t.answer("what_happened.description", description(lang));
        t.answer("what_happened.behaviours", "exposing");
        let age = t
            .questions
            .field("developmental.age")
            .unwrap()
            .label
            .clone();
        t.expect(&age);
        t.send("\x1b"); // Esc
        let behaviours = t
            .questions
            .field("what_happened.behaviours")
            .unwrap()
            .clone();
        t.expect(&behaviours.label);
        let exposing = &behaviours
            .kind
            .choices()
            .iter()
            .find(|c| c.id == "exposing")
            .unwrap()
            .label;
        t.expect(&format!("[x] {exposing}"));
        let screen = t.screen();
        assert!(
            screen.contains(&format!("[x] {exposing}")),
            "{lang:?}: the answer is kept:\n{screen}"
        );
        // Enter keeps it, and the age is asked again.
        t.send("\r");
        t.expect(&age);
        t.send("\x03");
        t.expect("--resume");
        assert_eq!(t.exit_code(), 130);
    }
}

#[test]
fn the_list_cursor_is_a_symbol_as_well_as_a_colour() {
    for (env, cursor) in [(&[("NO_COLOR", "")][..], "❯"), (&[][..], ">")] {
        let place = Place::new();
        let mut t = place.run_in(Lang::En, env, &["assess"]);
        t.expect("Case reference");
        t.send("CURSOR\r");
        t.answer("what_happened.description", "Words.");
        t.expect("Behaviours");
        t.expect("Something else");
        let screen = t.screen();
        let first = t
            .questions
            .field("what_happened.behaviours")
            .unwrap()
            .kind
            .choices()[0]
            .label
            .clone();
        // The list's row, not the guidance line above it ("• Label: help").
        let row = screen
            .lines()
            .find(|l| l.contains(&first) && !l.contains(':'))
            .unwrap_or_else(|| panic!("{first} on screen:\n{screen}"));
        assert!(row.trim_start().starts_with(cursor), "{row:?}");
        t.send("\x03");
        t.expect("--resume");
    }
}

#[test]
fn plain_output_has_no_box_drawing_bars_or_symbols_anywhere() {
    use hsb::text::messages::Msg;
    for (lang, placement) in [
        (Lang::En, "Placement: INAPPROPRIATE"),
        (Lang::Cy, "Lefel: AMHRIODOL"),
    ] {
        let place = Place::new();
        let mut t = answered(&place, lang, &[], &["--plain"]);
        t.expect(Msg::WhatNext.text(lang));
        t.expect(Msg::NextChangeAnswers.text(lang));
        // The full result (through the pager, `cat` here), then save and write a report.
        t.send("\r");
        t.expect(Msg::WhatNext.text(lang));
        t.expect(Msg::NextChangeAnswers.text(lang));
        t.send(&format!("{DOWN}\r"));
        t.expect(Msg::SaveRecordAs.text(lang));
        t.send(&format!("\x15{}\r", place.path("plain.yaml").display()));
        t.expect(match lang {
            Lang::En => "Write a report for the case file",
            Lang::Cy => "adroddiad",
        });
        t.send(match lang {
            Lang::En => "n\r",
            Lang::Cy => "\x1b[B\r", // "Na"
        });
        t.read_to_end();
        let all = String::from_utf8_lossy(&t.output).into_owned();
        assert!(all.contains(placement), "{lang:?}:\n{all}");
        for c in all.chars() {
            let drawing = ('\u{2500}'..='\u{259F}').contains(&c);
            let symbol = "▶◀•✔✘❯⬚→✓·›".contains(c);
            assert!(!drawing && !symbol, "{lang:?}: {c:?} in plain output");
        }
        assert!(place.path("plain.yaml").is_file());
    }
}

/// Run `hsb ARGS` in a pseudo-terminal `columns` wide and return everything it printed. The
/// size is set before hsb starts (through a shell that waits for it).
fn printed_at_width(columns: u16, args: &[&str]) -> String {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("sleep 0.5; exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("hsb"))
        .args(args)
        .env("TERM", "xterm");
    for name in ["HSB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    let mut session = Session::spawn(command).expect("hsb starts in a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    let _ = session.get_process_mut().set_window_size(columns, 24);
    let found = session.expect(expectrl::Eof).expect("hsb ends");
    strip_styles(&String::from_utf8_lossy(found.as_bytes()))
}

/// `text` without its styling escapes (bold, colours: ESC [ ... m).
fn strip_styles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn prose_and_help_are_wrapped_to_the_terminal_in_both_languages() {
    for lang in ["en", "cy"] {
        for args in [
            &["questions"][..],
            &["continuum"],
            &["--help"],
            &["assess", "--help"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let text = printed_at_width(60, &all);
            assert!(text.lines().count() > 5, "{all:?}: {text}");
            for line in text.lines() {
                let line = line.trim_end_matches('\r');
                assert!(
                    line.chars().count() <= 60,
                    "{all:?}: {} columns: {line}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn a_long_list_pages_within_the_screen_and_the_question_stays_in_view() {
    let place = Place::new();
    let mut t = place.start(&[]);
    t.expect("Case reference");
    t.send("LIST-1\r");
    t.answer("what_happened.description", "Words.");
    let field = t
        .questions
        .field("what_happened.behaviours")
        .unwrap()
        .clone();
    t.expect(&field.label);
    // The list is drawn under its question (the last choice last).
    let last = field.kind.choices().last().unwrap().label.clone();
    t.expect(&last);
    let screen = t.screen();
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&field.prompt), "{screen}");
    assert!(screen.contains(&field.label), "{screen}");
    t.send("\x03");
    t.expect("--resume");
}

#[test]
fn the_case_reference_is_changed_at_the_review() {
    use hsb::text::messages::Msg;
    let place = Place::new();
    let record = place.path("renamed.yaml");
    let mut t = answered(&place, Lang::En, &[], &["--save", record.to_str().unwrap()]);
    t.expect(Msg::WhatNext.text(Lang::En));
    t.expect(Msg::NextChangeAnswers.text(Lang::En));
    t.send("\x1b"); // Esc: back to the review
    t.expect("Change the case reference (SCREEN-1)");
    t.send(&format!("{DOWN}\r"));
    t.expect("Case reference");
    t.send("\x15SCREEN-2\r");
    t.expect("Change the case reference (SCREEN-2)");
    t.send("\r");
    t.choose_save(Lang::En);
    t.expect("Write a report for the case file");
    t.send("n\r");
    assert_eq!(t.exit_code(), 0);
    let text = std::fs::read_to_string(&record).expect("the record");
    assert!(text.contains("case_ref: SCREEN-2"), "{text}");
}

#[test]
fn in_the_quiz_the_scenario_is_one_key_away_and_scoring_waits_for_confirmation() {
    let place = Place::new();
    let mut t = place.run(&["train", &example("violent/9-13_school_pinned-down.yaml")]);
    t.expect("Where on the continuum");
    t.expect("(Show the scenario again)");
    t.send(&pick(6));
    // The scenario again (through the pager, `cat` here), then the question again.
    t.expect("Aggression or violence");
    t.expect("Where on the continuum");
    t.send(&pick(4)); // Violent
    t.expect("A strategy discussion is");
    t.send(&pick(0)); // Required
    t.expect("Score it?");
    t.send(&pick(1)); // No, choose again
    // Choosing again starts from the answers given.
    t.expect("Where on the continuum");
    t.send("\r");
    t.expect("A strategy discussion is");
    t.send("\r");
    t.expect("Score it?");
    t.send(&pick(0)); // Yes: nothing is chosen for them
    t.expect("Your placement: violent (RIGHT)");
    t.expect("Enter for the scores");
    t.send("\r");
    t.expect("Placement: 1 of 1 as hsb placed them.");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn changing_the_answers_after_a_judgement_keeps_it_in_the_draft() {
    use hsb::text::messages::Msg;
    let place = Place::new();
    let (original, _) = saved_record(&place, "case-A.yaml");
    let mut t = place.start(&["--resume", original.to_str().unwrap()]);
    t.expect("These answers are right");
    t.send("\r");
    t.expect(Msg::WhatNext.text(Lang::En));
    t.expect(Msg::NextChangeAnswers.text(Lang::En));
    t.send(&format!("{DOWN}\r")); // Record your judgement
    t.expect(Msg::RolePrompt.text(Lang::En));
    t.send("\r");
    t.expect(Msg::AgencyPrompt.text(Lang::En));
    t.send("\r");
    t.expect(Msg::JudgementPrompt.text(Lang::En));
    t.send(&format!("{UP}{UP}\r")); // Agree
    t.expect(Msg::ActionPrompt.text(Lang::En));
    t.send("\r");
    // Back at the menu (on "Save"): change the answers.
    t.expect(Msg::WhatNext.text(Lang::En));
    t.expect(Msg::NextChangeAnswers.text(Lang::En));
    t.send(&format!("{DOWN}\r"));
    t.change_aggression_to_yes();
    t.expect("Adult involvement");
    t.send("\x03");
    let found = t
        .session
        .expect(expectrl::Regex(r"To carry on:\s+hsb assess --resume (\S+)"))
        .expect("the resume command is printed");
    let draft = PathBuf::from(String::from_utf8_lossy(found.get(1).expect("a path")).into_owned());
    assert_eq!(t.exit_code(), 130);
    let saved = std::fs::read_to_string(&draft).expect("the draft");
    assert!(says_aggression_yes(&saved), "{saved}");
    assert!(
        saved.contains("judgement:") && saved.contains("agrees: yes"),
        "{saved}"
    );
}

#[test]
fn a_room_judges_blind_votes_and_gets_a_csv_of_its_results() {
    let place = Place::new();
    let mut t = place.run(&[
        "train",
        "--blind",
        "--tally",
        "--csv",
        "results.csv",
        &example("abusive/9-13_home_bribed-touching.yaml"),
    ]);
    t.expect("Scenario 1 of 1");
    // The judgements are hidden in the case, and asked for first.
    let case = t.expect("Your judgement: Traffic light");
    assert!(case.contains("(yours to judge)"), "{case}");
    assert!(!case.contains("Significant difference"), "{case}");
    // Nothing is chosen for the room: each judgement is reached with an arrow key. Each is
    // asked on a fresh screen under the description.
    for label in [
        "Power difference",
        "Able to consent",
        "Threats, bribes or force",
        "How they see it",
    ] {
        t.send(&pick(0));
        t.expect(&format!("Your judgement: {label}"));
        let screen = t.screen();
        assert!(screen.contains("Scenario 1 of 1"), "{screen}");
        assert!(screen.contains("A twelve-year-old touched"), "{screen}");
    }
    t.send(&pick(0));
    // The room's votes: five for abusive, four for a required strategy discussion.
    for (option, votes) in [
        ("Normal", ""),
        ("Inappropriate", ""),
        ("Problematic", ""),
        ("Abusive", "5"),
        ("Violent", ""),
        ("Not yet placed", ""),
        ("Required", "4"),
        ("Consider", ""),
        ("Not indicated", ""),
        ("Need more information first", ""),
    ] {
        t.expect(&format!("Votes for {option}"));
        t.send(&format!("{votes}\r"));
    }
    // What the room would do for each child, in its own words.
    t.expect("What would you do for each child?");
    t.expect("For the child who displayed the behaviour");
    t.send("Tell the DSP today\r");
    t.expect("For any other child involved");
    t.send("Listen, believe, keep safe\r");
    t.expect("The room's placement: abusive (RIGHT)");
    let shown = t.expect("Your judgements:");
    let shown = shown + &t.expect("What would change the placement");
    let shown = shown + &t.expect("Enter for the scores");
    // Reasons for trainees, without rule ids (those are for `--trainer`).
    assert!(
        shown.contains("Threats, bribes, trickery or force"),
        "{shown}"
    );
    assert!(!shown.contains("[coercion]"), "{shown}");
    // How the room split, each vote under its own name.
    assert!(shown.contains("The room's votes on the level:"), "{shown}");
    assert!(
        shown.contains("The room's votes on a strategy discussion:"),
        "{shown}"
    );
    t.send("\r");
    t.expect("Results written to results.csv");
    assert_eq!(t.exit_code(), 0);
    let csv = std::fs::read_to_string(place.path("results.csv")).expect("the results");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"scenario,team,item,given,hsb,agrees,votes")
    );
    assert!(
        csv.contains(
            ",level,abusive,abusive,yes,normal=0;inappropriate=0;problematic=0;abusive=5;violent=0;"
        ),
        "{csv}"
    );
    assert!(
        csv.contains(",strategy_discussion,required,required,yes,required=4;"),
        "{csv}"
    );
    assert!(csv.contains(",developmental.traffic_light,"), "{csv}");
    assert!(csv.contains(",others.coercion,"), "{csv}");
    assert!(
        csv.contains(",responses_child,Tell the DSP today,"),
        "{csv}"
    );
}

#[test]
fn teams_answer_in_turn_under_the_description_at_80x24() {
    let place = Place::new();
    let mut t = place.run(&[
        "train",
        "--team",
        "Red",
        "--team",
        "Blue",
        "--csv",
        "teams.csv",
        &example("violent/9-13_school_pinned-down.yaml"),
    ]);
    // Each team answers under its name, with the scenario's description at the top of the
    // screen (the case itself was paged first: `cat` here).
    for (team, level) in [("Red", 4), ("Blue", 3)] {
        t.expect(&format!("Team {team}"));
        t.expect("Where on the continuum");
        let screen = t.screen();
        let top: Vec<&str> = screen.lines().take(3).collect();
        assert!(
            top.iter().any(|l| l.starts_with("Scenario 1 of 1")),
            "{screen}"
        );
        assert!(screen.contains(&format!("Team {team}")), "{screen}");
        t.send(&pick(level));
        t.expect("A strategy discussion is");
        t.send(&pick(0)); // Required
        t.expect("Score it?");
        t.send(&pick(0)); // Yes: nothing is chosen for them
    }
    t.expect("Your placement: violent (RIGHT)");
    t.expect("Your placement: abusive (DIFFERENT). hsb: violent.");
    t.expect("Enter for the scores");
    t.send("\r");
    t.expect("Team Red: Placement: 1 of 1");
    t.expect("Team Blue: Placement: 0 of 1");
    t.expect("Results written to teams.csv");
    assert_eq!(t.exit_code(), 0);
    let csv = std::fs::read_to_string(place.path("teams.csv")).expect("the results");
    assert!(csv.contains(",Red,level,violent,violent,yes,"), "{csv}");
    assert!(csv.contains(",Blue,level,abusive,violent,no,"), "{csv}");
}

#[test]
fn ctrl_c_in_a_session_keeps_the_scores_and_the_results_file() {
    let place = Place::new();
    let mut t = place.run(&[
        "train",
        "--csv",
        "stopped.csv",
        &example("violent/9-13_school_pinned-down.yaml"),
        &example("normal/0-5_home_doctors-play.yaml"),
    ]);
    t.expect("Where on the continuum");
    t.send(&pick(4)); // Violent
    t.expect("A strategy discussion is");
    t.send(&pick(0)); // Required
    t.expect("Score it?");
    t.send(&pick(0));
    t.expect("Enter for the next scenario");
    t.send("\x03");
    t.expect("Placement: 1 of 1 as hsb placed them.");
    t.expect("Results written to stopped.csv");
    assert_eq!(t.exit_code(), 130);
    let csv = std::fs::read_to_string(place.path("stopped.csv")).expect("the results");
    assert!(csv.contains(",level,violent,violent,yes,"), "{csv}");
}
