//! The case record as a case file holds it: a saved record with a practitioner's judgement that
//! differs from hsb's and three actions replays in every format with both placements and the
//! dates actions fall due; the HTML prints to PDF in a real browser; mistakes in the case keys are
//! reported with their place, never repeating free text.

use std::path::{Path, PathBuf};
use std::process::Stdio;

mod common;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/reports/case-record.yaml")
}

use common::hsb;

fn replay(format: &str, lang: &str) -> String {
    let out = hsb(&["replay", "--lang", lang, "--format", format])
        .arg(example())
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

#[test]
fn a_saved_record_replays_in_every_format_with_both_judgements_and_what_is_due() {
    for format in ["table", "markdown", "text", "html"] {
        let text = replay(format, "en");
        for shown in [
            "PROBLEMATIC",
            "Abusive",
            "Practitioner",
            "which is sexual harassment",
            "Designated safeguarding person",
            "2026-11-27 14:05 +00:00",
            "2026-11-28 15:30 +00:00",
            "2026-12-08 15:30 +00:00",
            "Parents or carers told",
            "Confirm the report to social services in writing",
        ] {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(shown) || text.contains(&shown.to_uppercase()),
                "{format}: {shown}"
            );
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(replay("json", "en").trim()).expect("one JSON object");
    assert_eq!(json["level"], "problematic");
    assert_eq!(json["judgement"]["agrees"], false);
    assert_eq!(json["judgement"]["level"], "abusive");
    assert_eq!(json["judgement"]["strategy_discussion"], "consider");
    assert_eq!(json["judgement"]["same_as_hsb"], false);
    assert_eq!(json["assessment"]["role"], "designated_safeguarding_person");
    assert_eq!(json["actions"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["due"][0]["by"], "2026-11-28T15:30:00+00:00");
    assert_eq!(json["due"][0]["done"], serde_json::Value::Null);
}

#[test]
fn the_plain_text_report_fits_80_columns_and_has_no_markup() {
    for lang in ["en", "cy"] {
        let text = replay("text", lang);
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{lang}: {line}");
        }
        assert!(!text.contains("**"), "{lang}: Markdown left in the text");
        assert!(!text.contains('│'), "{lang}: box drawing in the text");
    }
}

#[test]
fn the_welsh_report_shows_the_case_record_in_welsh() {
    let text = replay("markdown", "cy");
    for shown in [
        "Barn broffesiynol",
        "Ymarferydd",
        "Person diogelu dynodedig",
        "Camau a gymerwyd",
        "Cadarnhau'r adroddiad i'r gwasanaethau cymdeithasol yn ysgrifenedig",
    ] {
        assert!(text.contains(shown), "{shown}");
    }
    // The same record with its free text written in Welsh, as a Welsh-speaking practitioner's
    // would be: nothing of hsb's own may then be left in English.
    let text = std::fs::read_to_string(example()).expect("the example");
    let mut record: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let free = serde_yaml::Value::from("Testun rhydd yr ymarferydd.");
    record["answers"]["what_happened.description"] = free.clone();
    record["judgement"]["reason"] = free.clone();
    if let Some(actions) = record["actions"].as_sequence_mut() {
        for action in actions {
            if action.get("note").is_some() {
                action["note"] = free.clone();
            }
        }
    }
    let dir = tempfile::tempdir().expect("a folder");
    let welsh = dir.path().join("cofnod.yaml");
    std::fs::write(&welsh, serde_yaml::to_string(&record).expect("YAML")).expect("written");
    for format in ["markdown", "text", "html", "table"] {
        let out = hsb(&["replay", "--lang", "cy", "--format", format])
            .arg(&welsh)
            .assert()
            .success();
        let shown = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            shown.contains("Testun rhydd yr ymarferydd."),
            "{format}: {shown}"
        );
        let english = common::english_in(&shown);
        assert!(
            english.is_empty(),
            "{format}: English in the Welsh report: {english:?}"
        );
    }
}

#[test]
fn the_html_report_stands_alone() {
    let html = replay("html", "en");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@page { size: A4"));
    for external in ["http://", "https://", "<script", "<link", "src="] {
        assert!(!html.contains(external), "{external}");
    }
}

/// Chromium's headless print, if the machine has it: `chromium`, else `chromium-browser`.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Print `html` to PDF in headless Chromium and return the PDF's text (pdftotext), with
/// typographic apostrophes made plain.
fn printed(browser: &str, dir: &Path, html: &Path) -> String {
    let pdf = html.with_extension("pdf");
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("Chromium runs");
    assert!(status.success(), "{}: Chromium failed", html.display());
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    String::from_utf8_lossy(&text.stdout).replace('\u{2019}', "'")
}

/// Chromium, or `None` on a developer's machine without it (the test then says it is skipped).
/// CI installs Chromium (.ci/run), so there its absence fails the test.
fn chromium_or_skip() -> Option<&'static str> {
    let browser = chromium();
    if browser.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is needed in CI: .ci/run installs it"
        );
        eprintln!("skipped: no Chromium on this machine (apt-get install chromium poppler-utils)");
    }
    browser
}

#[test]
fn the_html_report_prints_to_pdf_in_chromium_in_both_languages() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a folder");
    for (lang, expected) in [
        (
            "en",
            [
                "[PROBLEMATIC]",
                "Professional judgement",
                "Abusive",
                "Parents or carers told",
                "2026-11-28 15:30",
            ],
        ),
        (
            "cy",
            [
                "[PROBLEMUS]",
                "Barn broffesiynol",
                "Camdriniol",
                "Rhoddwyd gwybod i'r rhieni neu'r gofalwyr",
                "2026-11-28 15:30",
            ],
        ),
    ] {
        let html = dir.path().join(format!("report-{lang}.html"));
        std::fs::write(&html, replay("html", lang)).expect("the page");
        let text = printed(browser, dir.path(), &html);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for shown in expected {
            assert!(
                flat.contains(shown),
                "{lang}: {shown} not in the PDF:\n{flat}"
            );
        }
    }
}

fn record_with(extra: &str) -> String {
    let text = std::fs::read_to_string(example()).expect("the example");
    let start = text.find("assessment:").expect("assessment");
    let end = text.find("answers:").expect("answers");
    let without = format!("{}{}", &text[..start], &text[end..]);
    let cut = without.find("judgement:").expect("judgement");
    let stop = without.find("expect:").expect("expect");
    format!("{}{extra}{}", &without[..cut], &without[stop..])
}

#[test]
fn mistakes_in_the_case_keys_are_reported_with_their_place_and_never_the_free_text() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("r.yaml");
    std::fs::write(
        &path,
        record_with(
            "judgement:\n  agrees: no\n  level: abusiv\n  strategy_discussion: required\nactions:\n  - action: reported_to_socal_services\n    at: yesterday afternoon with Mrs Jones\n",
        ),
    )
    .expect("written");
    let out = hsb(&["replay"]).arg(&path).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for shown in [
        "error[E021]: `judgement.level` has a value that is not one of its listed values",
        "did you mean `abusive`?",
        "error[E023]: `judgement.reason` is required",
        "did you mean `reported_to_social_services`?",
        "error[E022]: `actions.at` is not a date and time",
    ] {
        assert!(err.contains(shown), "{shown}\n{err}");
    }
    assert!(!err.contains("Mrs Jones"), "free text repeated:\n{err}");
    assert!(
        !err.contains("`abusiv`"),
        "what was written is not repeated:\n{err}"
    );
    assert!(err.contains("r.yaml:"), "{err}");

    std::fs::write(
        &path,
        record_with("").replacen(
            "answers:",
            "assessment:\n  at: 2026-11-27 14:05\n  role: dsp\n  agency: school\nanswers:",
            1,
        ),
    )
    .expect("written");
    let out = hsb(&["check"]).arg(&path).assert().code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("`assessment.at` is not a date and time"),
        "{text}"
    );
    assert!(
        text.contains("`assessment.role` has a value that is not one of its listed values")
            && !text.contains("`dsp`"),
        "{text}"
    );
}

#[test]
fn a_judgement_missing_a_key_is_reported_with_every_other_problem_in_the_record() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("r.yaml");
    std::fs::write(
        &path,
        record_with(
            "judgement:\n  agrees: no\n  level: problematic\nactions:\n  - action: told_everyone\n    at: 2026-11-20T10:00:00+00:00\n",
        ),
    )
    .expect("written");
    let out = hsb(&["replay"]).arg(&path).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for shown in [
        "error[E011]: judgement: missing field `strategy_discussion`",
        "error[E021]: `actions.action` has a value that is not one of its listed values",
    ] {
        assert!(err.contains(shown), "{shown}\n{err}");
    }
}

#[test]
fn older_records_without_case_keys_still_load_and_say_nothing_of_a_case() {
    let old = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/problematic/9-13_online_unwanted-messages.yaml");
    let out = hsb(&["replay", "--format", "json"])
        .arg(&old)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert!(json.get("judgement").is_none());
    assert!(json.get("actions").is_none());
    let out = hsb(&["replay", "--format", "markdown"])
        .arg(&old)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!text.contains("Professional judgement"));
}

#[test]
fn the_example_reports_are_what_hsb_writes_today() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (lang, format, file) in [
        ("en", "markdown", "case-record.md"),
        ("en", "text", "case-record.txt"),
        ("en", "html", "case-record.html"),
        ("cy", "html", "case-record.cy.html"),
    ] {
        let out = hsb(&["replay", "--lang", lang, "--format", format])
            .arg("examples/reports/case-record.yaml")
            .current_dir(root)
            .assert()
            .success();
        let written = std::fs::read_to_string(root.join("examples/reports").join(file))
            .expect("the example report");
        assert!(
            out.get_output().stdout == written.as_bytes(),
            "examples/reports/{file} is out of date: regenerate it with \
             `hsb replay --lang {lang} --format {format} examples/reports/case-record.yaml`"
        );
    }
}

/// Cases for a handout: a violent one and a normal one, in `lang`'s copies where there are any.
const HANDOUT_CASES: [&str; 3] = [
    "examples/violent/9-13_school_pinned-down.yaml",
    "examples/normal/0-5_home_doctors-play.yaml",
    "examples/cymraeg/9-13_cartref_cyffwrdd-ar-ol-llwgrwobr.yaml",
];

fn handout(format: &str, lang: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = hsb(&["--lang", lang, "replay", "--format", format])
        .args(HANDOUT_CASES.map(|c| root.join(c)))
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn worksheets_leave_the_judgements_to_trainees_and_the_key_gives_them() {
    let worksheets = handout("worksheet", "en");
    for shown in [
        "# Case 1",
        "# Case 3",
        "pinned a seven-year-old against the wall",
        "4. Who else was involved and how did they view the incident?",
        "What to find out, and from whom",
        "**Strategy discussion: required, consider, not indicated, or need more information (what?):**",
        "professional judgement",
    ] {
        assert!(worksheets.contains(shown), "{shown} not in:\n{worksheets}");
    }
    // No placement, no result, and no title that would make the judgement for the trainee.
    for hidden in [
        "Violent",
        "VIOLENT",
        "Normal",
        "sexually assaulted",
        "Two four-year-olds playing doctors",
        "REQUIRED",
        "Teaching notes",
    ] {
        assert!(
            !worksheets.contains(hidden),
            "{hidden} in a worksheet:\n{worksheets}"
        );
    }
    let key = handout("key", "en");
    for shown in [
        "# Key, case 1: A younger pupil pinned against a wall and sexually assaulted",
        "**[VIOLENT]**",
        "# Key, case 2: Two four-year-olds playing doctors",
        "**[NORMAL]**",
        "## Teaching notes",
        "(`violent-contact`)",
    ] {
        assert!(key.contains(shown), "{shown} not in the key:\n{key}");
    }
}

#[test]
fn worksheets_and_the_key_print_to_pdf_in_chromium_a_worksheet_a_page() {
    let Some(browser) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a folder");
    for (lang, worksheet_shows, key_shows) in [
        (
            "en",
            ["Case 3", "Who else was involved", "Your decision"],
            ["Key, case 1", "[VIOLENT]", "Teaching notes"],
        ),
        (
            "cy",
            ["Achos 3", "Pwy arall oedd dan sylw", "Eich penderfyniad"],
            ["Allwedd, achos 1", "[TREISGAR]", "Nodiadau addysgu"],
        ),
    ] {
        for (format, shows) in [("worksheet-html", worksheet_shows), ("key-html", key_shows)] {
            let html = dir.path().join(format!("{format}-{lang}.html"));
            std::fs::write(&html, handout(format, lang)).expect("the page");
            let text = printed(browser, dir.path(), &html);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for shown in shows {
                assert!(
                    flat.contains(shown),
                    "{format} {lang}: {shown} not in the PDF:\n{flat}"
                );
            }
            if format == "worksheet-html" {
                // One A4 page per case, each starting on its own page.
                let pages = text.matches('\u{c}').count();
                assert_eq!(pages, HANDOUT_CASES.len(), "{lang}: {flat}");
            }
        }
    }
}
