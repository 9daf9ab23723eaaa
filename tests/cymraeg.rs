//! Cymraeg: the whole assessment in Welsh. The interview, the result in every format and the
//! saved report must carry no English sentence from hsb's own texts, and the record and JSON keys
//! must not depend on the language.

use assert_cmd::Command;
use hsb::cli::interview::Interview;
use hsb::text::lang::Lang;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::path::Path;
use tempfile::TempDir;

mod common;
use common::{Memory, Reply, Script, content, english_in, reply};

/// A record whose free text is Welsh, so that any English in the output is hsb's own.
const RECORD: &str = r#"format: hsb/1
case_ref: CY-7
answers:
  what_happened.description: Cyffyrddodd y plentyn â phlentyn iau o dan ei ddillad.
  what_happened.behaviours: [touching_under_clothes]
  developmental.age: 12
  developmental.traffic_light: red
  others.involved: "yes"
  others.relationship: younger_child
  others.age: 6
  others.power_imbalance: significant
  others.able_to_consent: "no"
  others.coercion: unknown
  discovery.how: told_by_other_child
  discovery.secrecy: "yes"
  pattern.isolated: "no"
"#;

fn hsb(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("hsb").expect("the hsb binary");
    command.current_dir(dir);
    for name in ["HSB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command
}

fn with_record() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    std::fs::write(dir.path().join("cy.yaml"), RECORD).expect("write the record");
    dir
}

fn stdout(command: &mut Command) -> String {
    let output = command.output().expect("hsb runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn the_result_in_welsh_carries_no_english_sentence_in_any_format() {
    let dir = with_record();
    for format in ["table", "markdown", "json"] {
        let out = stdout(hsb(dir.path()).args(["replay", "--lang", "cy", "-f", format, "cy.yaml"]));
        let english = english_in(&out);
        assert!(
            english.is_empty(),
            "{format}: English in Welsh output: {english:?}\n{out}"
        );
        assert!(
            out.contains("Mae'r testun Cymraeg yn aros"),
            "{format}: the review notice is missing\n{out}"
        );
    }
    // The check can fail: the same result in English is full of English sentences.
    let english =
        stdout(hsb(dir.path()).args(["replay", "--lang", "en", "-f", "table", "cy.yaml"]));
    assert!(english_in(&english).len() > 10, "{english}");
    let table = stdout(hsb(dir.path()).args(["replay", "--lang", "cy", "-f", "table", "cy.yaml"]));
    assert!(table.contains("▶ CAMDRINIOL ◀"), "{table}");
    assert!(
        table.contains("TRAFODAETH STRATEGAETH: ANGENRHEIDIOL"),
        "{table}"
    );
    assert!(table.contains("Ar gyfer y plentyn a niweidiwyd"), "{table}");
    assert!(table.contains("Gweithdrefnau Diogelu Cymru"), "{table}");
}

#[test]
fn the_same_record_gives_the_same_result_in_both_languages_under_the_same_keys() {
    let dir = with_record();
    let json = |lang: &str| -> serde_json::Value {
        let out = stdout(hsb(dir.path()).args(["replay", "--lang", lang, "-f", "json", "cy.yaml"]));
        serde_json::from_str(&out).expect("JSON")
    };
    let (en, cy) = (json("en"), json("cy"));
    assert_eq!(en["lang"], "en");
    assert_eq!(cy["lang"], "cy");
    for key in ["level", "provisional", "other_child_involved"] {
        assert_eq!(en[key], cy[key], "{key}");
    }
    assert_eq!(en["level"], "abusive");
    assert_eq!(
        en["strategy_discussion"]["status"],
        cy["strategy_discussion"]["status"]
    );
    let ids = |v: &serde_json::Value, list: &str| -> Vec<String> {
        v.pointer(list)
            .and_then(|l| l.as_array())
            .expect("a list")
            .iter()
            .map(|item| item["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids(&en, "/rules"), ids(&cy, "/rules"));
    assert_eq!(ids(&en, "/responses/child"), ids(&cy, "/responses/child"));
    assert_eq!(
        ids(&en, "/responses/harmed_child"),
        ids(&cy, "/responses/harmed_child")
    );
    assert_eq!(
        keys(&en),
        keys(&cy),
        "JSON keys must not depend on the language"
    );
    assert!(en.get("review_notice").is_none());
    assert_ne!(en["notice"], cy["notice"]);
}

/// Every key path in a JSON value, with list positions dropped.
fn keys(value: &serde_json::Value) -> Vec<String> {
    fn walk(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let path = format!("{at}/{key}");
                    out.push(path.clone());
                    walk(child, &path, out);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, at, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out.retain(|k| k != "/review_notice");
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_language_comes_from_the_flag_then_hsb_lang_then_the_locale() {
    let dir = with_record();
    let welsh = "TRAFODAETH STRATEGAETH";
    let english = "STRATEGY DISCUSSION";
    let table = ["replay", "-f", "table", "cy.yaml"];
    hsb(dir.path())
        .args(table)
        .assert()
        .success()
        .stdout(contains(english));
    hsb(dir.path())
        .args(table)
        .env("LANG", "cy_GB.UTF-8")
        .assert()
        .success()
        .stdout(contains(welsh));
    hsb(dir.path())
        .args(table)
        .env("LC_ALL", "cy_GB.UTF-8")
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .success()
        .stdout(contains(welsh));
    hsb(dir.path())
        .args(table)
        .env("HSB_LANG", "cy")
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .success()
        .stdout(contains(welsh));
    hsb(dir.path())
        .args(["--lang", "en"])
        .args(table)
        .env("HSB_LANG", "cy")
        .assert()
        .success()
        .stdout(contains(english));
    hsb(dir.path())
        .args(table)
        .env("HSB_LANG", "fr")
        .assert()
        .code(2)
        .stderr(contains("HSB_LANG"))
        .stderr(contains("Mae HSB_LANG"));
}

#[test]
fn errors_are_in_welsh() {
    let dir = with_record();
    std::fs::create_dir(dir.path().join("gwag")).expect("a folder");
    hsb(dir.path())
        .args(["replay", "--lang", "cy", "gwag"])
        .assert()
        .code(2)
        .stderr(contains(
            "hsb: gwall: nid oes ffeiliau .yaml yn y ffolder gwag",
        ));
    hsb(dir.path())
        .args(["replay", "--lang", "cy", "dim-yma.yaml"])
        .assert()
        .code(2)
        // The shape and the code stay as they are, for the tools that read them.
        .stderr(contains(
            "dim-yma.yaml: error[E001]: ni ellir darllen y ffeil: nid oes ffeil na ffolder o'r fath",
        ))
        .stderr(contains("cymorth: gwiriwch y llwybr"));
    hsb(dir.path())
        .args(["assess", "--lang", "cy"])
        .assert()
        .code(2)
        .stderr(contains("mae hsb assess yn gofyn cwestiynau"));
}

#[test]
fn the_printed_questions_and_continuum_are_in_welsh() {
    let dir = with_record();
    for command in ["questions", "continuum"] {
        for format in ["text", "markdown"] {
            let out = stdout(hsb(dir.path()).args([command, "--lang", "cy", "-f", format]));
            let english = english_in(&out);
            assert!(english.is_empty(), "{command} {format}: {english:?}");
        }
    }
}

#[test]
fn the_interview_in_welsh_asks_everything_without_an_english_sentence() {
    let welsh_content = content(Lang::Cy);
    let qs = &welsh_content.questions;
    let mut script = Script::default();
    script.replies.push_back(Reply::Text(String::new())); // refused: a reference is required
    script.replies.push_back(Reply::Text("CY-8".to_string()));
    for (key, value) in [
        ("what_happened.description", ""), // refused: required
        (
            "what_happened.description",
            "Dangosodd y plentyn ei ben-ôl.",
        ),
        ("what_happened.behaviours", "exposing"),
        ("developmental.age", "deg"), // refused: not a number
        ("developmental.age", "7"),
        ("developmental.traffic_light", "green"),
        ("developmental.sophisticated_understanding", "no"),
        ("developmental.diagnosis_affects_understanding", "no"),
        ("context.setting", "school"),
        ("context.activities", "playing"),
        ("context.adult_conflict", "no"),
        ("context.notes", ""),
        ("others.involved", "yes"),
        ("others.relationship", "peer"),
        ("others.age", "anhysbys"), // "unknown" in Welsh
        ("others.power_imbalance", "none"),
        ("others.able_to_consent", "yes"),
        ("others.coercion", "no"),
        ("others.perception", "mutual"),
        ("others.notes", ""),
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
    ] {
        script.replies.push_back(reply(qs, key, value));
    }
    script.replies.push_back(Reply::Pick(0)); // the answers are right
    let mut interview = Interview::new(qs);
    let mut drafts = Memory::default();
    interview
        .ask_case_ref(&mut script, &mut drafts)
        .expect("a reference");
    interview
        .ask_remaining(&mut script, &mut drafts)
        .expect("every question");
    interview
        .review(&mut script, &mut drafts)
        .expect("confirmed");
    assert!(script.replies.is_empty(), "every scripted answer was used");
    assert_eq!(script.refused.len(), 3, "{:?}", script.refused);
    assert!(
        script.refused.iter().any(|r| r.contains("rhif cyfan")),
        "{:?}",
        script.refused
    );
    assert!(!interview.record.answers.contains_key("others.age"));

    let everything = [
        script.prompts.join("\n"),
        script.shown.join("\n"),
        script.refused.join("\n"),
        script.items.join("\n"),
    ]
    .join("\n");
    assert!(
        everything.contains("Cwestiwn 1 o 7: Beth sydd wedi digwydd?"),
        "{everything}"
    );
    let english = english_in(&everything);
    assert!(
        english.is_empty(),
        "English in the Welsh interview: {english:?}"
    );

    // The record is made of ids: it replays the same in English.
    let english_content = content(Lang::En);
    let welsh = hsb::engine::evaluate(&welsh_content, &interview.record);
    let same = hsb::engine::evaluate(&english_content, &interview.record);
    assert_eq!(welsh.level, same.level);
    assert_eq!(welsh.strategy.status, same.strategy.status);
    assert_eq!(
        interview.record.to_yaml(qs).expect("YAML"),
        interview
            .record
            .to_yaml(&english_content.questions)
            .expect("YAML"),
        "a record written in Welsh is the same file as one written in English"
    );
}

#[test]
fn the_review_notice_stays_until_every_welsh_text_in_use_is_signed_off() {
    let dir = with_record();
    let sign = |from: &str, to: &str| {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(from))
            .expect("a content file")
            .replace("reviewed_by: null", "reviewed_by: A. Adolygydd")
            .replace("reviewed_on: null", "reviewed_on: 2027-01-15");
        std::fs::write(dir.path().join(to), text).expect("write a signed-off copy");
    };
    std::fs::create_dir(dir.path().join("continuum")).expect("a folder");
    sign("questions/appendix3.yaml", "questions.yaml");
    sign("continuum/levels.yaml", "continuum/levels.yaml");
    sign("continuum/rules.yaml", "continuum/rules.yaml");
    let signed = ["--questions", "questions.yaml", "--rules", "continuum"];
    let out = stdout(
        hsb(dir.path())
            .args(signed)
            .args(["replay", "--lang", "cy", "-f", "table", "cy.yaml"]),
    );
    // The interface messages are built in; while their Welsh awaits review, so does the result.
    assert_eq!(
        out.contains("Mae'r testun Cymraeg yn aros"),
        !hsb::text::messages::WELSH_SIGNED_OFF,
        "{out}"
    );
    let unsigned =
        stdout(hsb(dir.path()).args(["replay", "--lang", "cy", "-f", "json", "cy.yaml"]));
    assert!(unsigned.contains("\"review_notice\""));
    // Every human format carries it, the one-screen summary too.
    for format in ["table", "markdown", "text", "html", "--summary"] {
        let args = match format.strip_prefix("--") {
            Some(_) => vec![format],
            None => vec!["-f", format],
        };
        let out = stdout(
            hsb(dir.path())
                .args(["replay", "--lang", "cy", "cy.yaml"])
                .args(args),
        );
        let out = out.replace("&#39;", "'");
        assert!(
            out.contains("Mae'r testun Cymraeg yn aros"),
            "{format}: {out}"
        );
    }
    let english = stdout(hsb(dir.path()).args(["replay", "-f", "table", "cy.yaml"]));
    assert!(!english.contains("Mae'r testun Cymraeg yn aros"));
}

#[test]
fn help_and_command_line_mistakes_are_in_welsh() {
    let dir = with_record();
    hsb(dir.path())
        .args(["--lang", "cy", "assess", "--help"])
        .assert()
        .success()
        .stdout(contains("Defnydd: hsb assess [OPSIYNAU]"))
        .stdout(contains("Cynnal asesiad wrth y derfynell"))
        .stdout(contains("Dangos cymorth"))
        .stdout(contains("Options").not());
    hsb(dir.path())
        .args(["replay", "--format", "pdf", "cy.yaml"])
        .env("HSB_LANG", "cy")
        .assert()
        .code(2)
        .stderr(contains("hsb: gwall: nid yw `pdf` yn werth"))
        .stderr(contains("gwerthoedd posibl: table, json, markdown"))
        .stderr(contains("hsb replay --help"));
    // Whatever clap would say in English is said in Welsh: a missing value, an option given
    // twice, and the option or command meant.
    for (args, said) in [
        (
            &["replay", "cy.yaml", "--format"][..],
            "mae angen gwerth ar `--format <FFORMAT>`",
        ),
        (
            &["--plain", "--plain", "check"],
            "ni ellir rhoi `--plain` fwy nag unwaith",
        ),
        (
            &["replay", "--formt", "cy.yaml"],
            "a oeddech chi'n golygu `--format`?",
        ),
        (&["asess"], "a oeddech chi'n golygu `assess`?"),
    ] {
        hsb(dir.path())
            .args(["--lang", "cy"])
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(said));
    }
    // An argument that is not valid UTF-8 is a mistake like any other, never a panic.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = std::ffi::OsStr::from_bytes(b"\xff");
        for args in [vec![bad], vec![std::ffi::OsStr::new("--plain"); 2]] {
            hsb(dir.path())
                .args(["--lang", "cy"])
                .args(args)
                .arg(bad)
                .arg("check")
                .assert()
                .code(2)
                .stderr(contains("hsb: gwall:"));
        }
    }
    // English help is clap's own, from the argument definitions.
    hsb(dir.path())
        .args(["assess", "--help"])
        .assert()
        .success()
        .stdout(contains("Usage: hsb assess [OPTIONS]"));
}

#[test]
fn the_welsh_teaching_set_replays_without_english_and_matches_its_english_originals() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let handout = stdout(hsb(root).args([
        "replay",
        "--lang",
        "cy",
        "-f",
        "markdown",
        "examples/cymraeg",
    ]));
    let english = english_in(&handout);
    assert!(
        english.is_empty(),
        "English in the Welsh handout: {english:?}"
    );
    assert!(handout.contains("Nodiadau addysgu"), "{handout}");
    let copies = std::fs::read_dir(root.join("examples/cymraeg"))
        .expect("the Welsh copies")
        .count();
    hsb(root)
        .args(["test", "examples/cymraeg"])
        .assert()
        .success()
        .stdout(contains(format!("{copies} passed, 0 failed")));
}

#[test]
fn stepping_through_and_the_quiz_are_in_welsh() {
    let welsh = content(Lang::Cy);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cymraeg");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .expect("the Welsh examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let scenarios: Vec<hsb::cli::training::Scenario> = names
        .iter()
        .map(|path| hsb::cli::training::Scenario {
            source: path.display().to_string(),
            record: hsb::record::Record::load_file(path, &welsh).expect("a Welsh example loads"),
        })
        .collect();
    let mut step = Script::default();
    for _ in 0..9 {
        step.replies.push_back(Reply::Text(String::new()));
    }
    let first = scenarios.first().expect("a scenario");
    assert!(hsb::cli::training::step_through(&welsh, first, &mut step).expect("stepped through"));
    let mut quiz = Script::default();
    for _ in &scenarios {
        quiz.replies.push_back(Reply::Pick(0)); // a placement
        quiz.replies.push_back(Reply::Pick(2)); // not indicated
        quiz.replies.push_back(Reply::Pick(0)); // score it
        quiz.replies.push_back(Reply::Text(String::new()));
    }
    let marks = hsb::cli::training::quiz(&welsh, &scenarios, &mut quiz, &Default::default())
        .expect("the quiz");
    let scores = hsb::cli::training::score_table(&welsh, &marks);
    let everything = [
        step.shown.join("\n"),
        step.prompts.join("\n"),
        quiz.shown.join("\n"),
        quiz.prompts.join("\n"),
        quiz.items.join("\n"),
        scores.clone(),
    ]
    .join("\n");
    assert!(everything.contains("Cwestiwn 1 o 7"), "{everything}");
    assert!(scores.contains("Sgorau"), "{scores}");
    let english = english_in(&everything);
    assert!(english.is_empty(), "English in Welsh training: {english:?}");
}

/// Forms a language review found wrong, each with what to write instead. They must not come
/// back in any Welsh text: the content, the messages or the Welsh teaching set.
const AVOIDED: &[(&str, &str)] = &[
    ("gorfodol", "yn cynnwys gorfodaeth / cymhellol (coercive)"),
    ("dyletswydd argyfwng", "Tîm Dyletswydd Brys"),
    ("roi gwybod am blentyn", "y ddyletswydd i hysbysu"),
    ("a'r goruchwyliaeth", "a'r oruchwyliaeth"),
    ("lefel camdriniol", "y lefel gamdriniol"),
    ("lefel treisgar", "y lefel dreisgar"),
    ("lefel problemus", "y lefel broblemus"),
    ("neu clywodd", "neu glywodd"),
    ("mynd ymlaen", "yn digwydd"),
    ("ypsetio", "yn ofidus / wedi cynhyrfu"),
    ("amlygu i niwed", "wedi bod yn agored i niwed"),
    ("amlygiad i", "dod i gysylltiad â"),
    ("meddwdod neu allu", "diffyg galluedd"),
    ("ac angen cymorth", "ac a oes angen cymorth arno"),
    ("disgwyliwch hi", "byddwch yn barod amdani"),
    ("yw hwnna", "yw hwnnw"),
    ("nad yw gan hsb", "nad oes gan hsb"),
    ("cael gwybod am stopio", "cael eu rhybuddio i beidio"),
];

/// Every Welsh text of hsb's: the content and messages (both languages side by side, so each
/// avoided form is checked against the Welsh only where it would be wrong in Welsh), and the
/// Welsh teaching set.
fn welsh_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        root.join("interface/messages.yaml"),
        root.join("questions/appendix3.yaml"),
        root.join("questions/case-record.yaml"),
        root.join("continuum/levels.yaml"),
        root.join("continuum/rules.yaml"),
        root.join("examples/README.md"),
    ];
    let mut teaching: Vec<_> = std::fs::read_dir(root.join("examples/cymraeg"))
        .expect("the Welsh teaching set")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    teaching.sort();
    files.extend(teaching);
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            (path.display().to_string(), text)
        })
        .collect()
}

#[test]
fn forms_the_language_review_corrected_never_come_back() {
    let mut found = Vec::new();
    for (name, text) in welsh_sources() {
        // Folded YAML joins lines with a space, so a phrase may run over a line break.
        let joined = text
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        for (avoid, instead) in AVOIDED {
            if joined.contains(&avoid.to_lowercase()) {
                found.push(format!("{name}: `{avoid}` (write {instead})"));
            }
        }
        // And every variant the glossary (which `hsb check` applies to content files) avoids.
        if let Some((variant, term)) = hsb::content::glossary::avoided_in(&text) {
            found.push(format!("{name}: `{variant}` (write {})", term.cy));
        }
        // "Dim yn hysbys eto" as a label or after "neu" is wrong ("ddim yn hysbys eto"); "nid
        // oes dim yn hysbys" (nothing is known) is right.
        let wrong_dim = [
            "cy: dim yn hysbys",
            ": dim yn hysbys",
            "neu dim yn hysbys",
            "\"dim yn hysbys",
        ];
        if wrong_dim.iter().any(|w| joined.contains(w)) {
            found.push(format!("{name}: `dim yn hysbys` (write ddim yn hysbys)"));
        }
        // A word broken at its hyphen across a line becomes "cyd- ddisgybl" when folded.
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_end();
            let broken =
                line.ends_with('-') && line.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic());
            if broken {
                found.push(format!(
                    "{name}:{}: a word broken at its hyphen",
                    number + 1
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn levels_are_named_in_welsh_sentences_with_their_mutations() {
    let dir = with_record();
    let out =
        stdout(hsb(dir.path()).args(["--lang", "cy", "replay", "cy.yaml", "--format", "json"]));
    // A label dropped into "ar lefel {level}" could not mutate; each level's own Welsh can.
    assert!(
        out.contains("Mae hyn yn gosod yr ymddygiad ar y lefel gamdriniol."),
        "{out}"
    );
    assert!(!out.contains("ar lefel camdriniol"), "{out}");
}

/// Every command, run in Welsh on good and broken files, as a practitioner, a trainer and a
/// CI script would: its output (standard output and error) carries no English sentence from
/// hsb's message catalogue. The shape `path:line:col: error[CODE]`, the codes and ids stay.
#[test]
fn every_command_speaks_welsh_with_no_english_sentence_of_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = with_record();
    let at = |name: &str| dir.path().join(name);
    // Scenarios: one that passes, one whose expectation fails, one that cannot be read.
    std::fs::create_dir(at("senarios")).expect("a folder");
    let good = root.join("examples/cymraeg/0-5_cartref_chwarae-doctoriaid.yaml");
    let text = std::fs::read_to_string(&good).expect("a Welsh scenario");
    std::fs::write(at("senarios/da.yaml"), &text).expect("written");
    std::fs::write(
        at("senarios/methu.yaml"),
        text.replacen("level: normal", "level: abusive", 1),
    )
    .expect("written");
    std::fs::write(
        at("senarios/wedi-torri.yaml"),
        "format: hsb/1\ncase_ref: X\nanswers:\n  developmental.age: 40\n  context.setting: hoem\n  others.involved: [yes]\nexpect:\n  level: abusve\n",
    )
    .expect("written");
    // A rule file with an unknown key and a missing one; a file of no kind hsb knows.
    std::fs::create_dir(at("drwg")).expect("a folder");
    std::fs::write(
        at("drwg/rules.yaml"),
        "format: hsb-rules/1\nrules:\n  - id: x\n    foo: 1\n",
    )
    .expect("written");
    std::fs::write(at("drwg/arall.yaml"), "format: rhywbeth/9\n").expect("written");
    // Two copies of the rules, one placing coercion higher.
    for name in ["cyn", "wedyn"] {
        std::fs::create_dir(at(name)).expect("a folder");
        for file in ["levels.yaml", "rules.yaml"] {
            std::fs::copy(root.join("continuum").join(file), at(name).join(file)).expect("copied");
        }
    }
    let rules = std::fs::read_to_string(at("wedyn/rules.yaml")).expect("the rules");
    let coercion = rules.find("id: coercion").expect("the coercion rule");
    let level = coercion + rules[coercion..].find("level: abusive").expect("its level");
    let changed = format!(
        "{}level: violent{}",
        &rules[..level],
        &rules[level + "level: abusive".len()..]
    );
    std::fs::write(at("wedyn/rules.yaml"), changed).expect("written");
    let runs: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["check"],
        vec!["check", "senarios", "drwg"],
        vec!["check", "--quiet", "--deny-warnings", "senarios"],
        vec!["test", "senarios"],
        vec!["test", "senarios", "--run", "methu", "--min-coverage", "90"],
        vec!["test", "senarios/wedi-torri.yaml"],
        vec!["diff", "--from", "cyn", "--to", "wedyn", "senarios/da.yaml"],
        vec!["replay", "senarios"],
        vec!["replay", "-f", "text", "cy.yaml"],
        vec!["replay", "no-such-file.yaml"],
        vec!["train", "--list", "senarios"],
        vec!["train", "senarios", "--team", "A", "--tally"],
        vec!["train", "senarios", "--team", "A", "--team", "a"],
        vec!["summary", "cy.yaml"],
        vec!["drafts"],
        vec!["assess"],
        vec!["questions"],
        vec!["continuum"],
        vec!["export", "cy.yaml"],
        vec!["--version"],
        vec!["man"],
        vec!["completions", "fish"],
        vec!["help", "help"],
    ];
    let commands = [
        "assess",
        "replay",
        "train",
        "check",
        "test",
        "diff",
        "questions",
        "continuum",
        "summary",
        "drafts",
        "export",
        "completions",
        "man",
    ];
    let helps: Vec<Vec<&str>> = commands.iter().map(|c| vec![*c, "--help"]).collect();
    let run = |lang: &str, args: &[&str]| {
        let output = hsb(dir.path())
            .env("HOME", dir.path())
            .args(["--lang", lang])
            .args(args)
            .output()
            .expect("hsb runs");
        format!(
            "{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    };
    let mut all = String::new();
    let mut each = Vec::new();
    for args in runs.iter().chain(&helps) {
        let mut said = run("cy", args);
        if args.first() == Some(&"completions") {
            // The script's own comments are clap_complete's, not hsb's.
            said = said
                .lines()
                .filter(|line| !line.trim_start().starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
        }
        assert!(!said.trim().is_empty(), "{args:?} said nothing");
        all.push_str(&said);
        each.push((args, said));
    }
    // Looked for in everything at once; on a find, each command's part says where.
    if !english_in(&all).is_empty() {
        let found: Vec<String> = each
            .iter()
            .filter_map(|(args, said)| {
                let english = english_in(said);
                (!english.is_empty())
                    .then(|| format!("hsb --lang cy {}: {english:?}\n{said}", args.join(" ")))
            })
            .collect();
        panic!("{}", found.join("\n\n"));
    }
    // The same runs in English are found out: the check sees these commands' sentences.
    let english: String = [&runs[2], &runs[4], &runs[6]]
        .iter()
        .map(|args| run("en", args))
        .collect();
    assert!(english_in(&english).len() > 5, "{english}");
}

/// A content file whose every text lacks its Welsh (`cy:` written `xx:`) is named, text by text,
/// in Welsh: the question, field, value, level, response, rule and case-record texts, in names
/// that open the sentence so that Welsh grammar never has to mutate them.
#[test]
fn a_missing_translation_names_its_text_in_welsh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = TempDir::new().expect("a temporary folder");
    for file in [
        "continuum/levels.yaml",
        "continuum/rules.yaml",
        "questions/appendix3.yaml",
        "questions/case-record.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("a content file");
        let broken: String = text
            .lines()
            .map(|line| match line.trim_start().starts_with("cy:") {
                true => line.replacen("cy:", "xx:", 1) + "\n",
                false => format!("{line}\n"),
            })
            .collect();
        let name = Path::new(file).file_name().expect("a name");
        std::fs::write(dir.path().join(name), broken).expect("written");
    }
    let output = hsb(dir.path())
        .args(["--lang", "cy", "check", "."])
        .output()
        .expect("hsb runs");
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    for welsh in [
        "error[E040]: `text` y cwestiwn `what_happened`: nid oes testun Cymraeg",
        "error[E041]: `text` y cwestiwn `what_happened`: mae testun yn `xx`",
        "`prompt` y maes `developmental.age`:",
        "`label` y gwerth `red` yn y maes `developmental.traffic_light`:",
        "`label` y lefel `abusive`:",
        "nodwedd 1 y lefel `abusive`:",
        "lefel `abusive`: ymateb `",
        "rheol `",
        "`reason` y rheol `",
        "eitem 1 `clarify` y rheol `",
        "`name` y set o reolau:",
        "`name` y set gwestiynau:",
        "label y cam gweithredu `",
        "testun y cam dilynol `",
        "`not_placed: label`:",
        "`strategy_discussion: required`:",
        "`notice`:",
    ] {
        assert!(said.contains(welsh), "`{welsh}` is missing from:\n{said}");
    }
    // The English names these replace, and any English sentence of hsb's own.
    for english in [
        "question `",
        "field `",
        "value `",
        "level `",
        "rule `",
        "response `",
        "action `",
        "follow-up `",
        " feature ",
        "clarify item",
        "set's",
        "has no Welsh",
    ] {
        assert!(!said.contains(english), "`{english}` in:\n{said}");
    }
    assert!(english_in(&said).is_empty(), "{:?}", english_in(&said));
}

/// The manual page and the completion scripts are generated from the command line's help: in
/// Welsh, their headings and every description are the Welsh help, never clap's English.
#[test]
fn the_manual_page_and_completions_are_welsh_in_welsh() {
    let dir = with_record();
    let man = stdout(hsb(dir.path()).args(["--lang", "cy", "man"]));
    for heading in [
        ".SH ENW",
        ".SH CRYNODEB",
        ".SH OPSIYNAU",
        ".SH GORCHMYNION",
        ".SH FERSIWN",
    ] {
        assert!(man.contains(heading), "{heading}");
    }
    assert!(!man.contains(".SH NAME") && !man.contains(".SH COMMANDS"));
    // Its header is Welsh, and groff's English hyphenation is off.
    assert!(man.starts_with(".TH hsb 1 \"\" \"hsb "), "{man}");
    assert!(
        man.contains("\"Llawlyfr Gorchmynion Cyffredinol\"\n.nh\n"),
        "{man}"
    );
    assert!(man.contains("Cyfeirir at Offeryn Goleuadau"));
    let english_man = stdout(hsb(dir.path()).args(["man"]));
    assert!(english_man.contains(".SH NAME") && english_man.contains(".SH COMMANDS"));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(hsb(dir.path()).args(["--lang", "cy", "completions", shell]));
        // A value's English description (the trainer's key's) is not in the Welsh script;
        // the scripts that describe values have it in English.
        let described = "responses, rules and notes";
        assert!(!script.contains(described), "{shell}");
        if ["zsh", "fish"].contains(&shell) {
            let english = stdout(hsb(dir.path()).args(["completions", shell]));
            assert!(english.contains(described), "{shell}");
        }
    }
    let fish = stdout(hsb(dir.path()).args(["--lang", "cy", "completions", "fish"]));
    assert!(fish.contains("Dangos y fersiwn"), "{fish}");
}
