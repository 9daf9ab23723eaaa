//! The clinical second revision as a practitioner meets it: a record that says almost nothing is
//! never reassuring, willing partners are not "children harmed", and a child acted on by an adult
//! is first a child at risk.

use hsb::content::{Content, ContentPaths};
use hsb::text::lang::Lang;
use std::path::Path;

mod common;
use common::hsb;

fn run(args: &[&str], file: &Path) -> String {
    let out = hsb(args).arg(file).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_record_with_only_a_description_and_an_age_is_not_yet_placed_and_never_reassures() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("bare.yaml");
    std::fs::write(
        &file,
        "format: hsb/1\nanswers:\n  what_happened.description: Something sexual was said to have happened.\n  developmental.age: 9\n",
    )
    .expect("written");
    for lang in Lang::ALL {
        let content = Content::load(&ContentPaths {
            lang,
            ..ContentPaths::default()
        })
        .expect("defaults");
        let lowest = content.continuum.levels.first().expect("a level");
        // Everything the least concerning level says (its summary and every response), except
        // what "not yet placed" says as well (record what happened).
        let np = &content.continuum.not_placed.responses;
        let shared = |id: &str| {
            np.child
                .iter()
                .chain(&np.harmed_child)
                .chain(&np.other_child)
                .any(|r| r.id == id)
        };
        let responses = &lowest.responses;
        let reassuring: Vec<String> = std::iter::once(lowest.summary.clone())
            .chain(
                responses
                    .child
                    .iter()
                    .chain(&responses.harmed_child)
                    .chain(&responses.other_child)
                    .filter(|r| !shared(&r.id))
                    .map(|r| r.text.clone()),
            )
            .map(|t| flat(&t))
            .collect();
        assert!(reassuring.len() > 3, "the test checks something");
        let code = lang.code();
        for format in ["table", "markdown", "text", "html", "json"] {
            let shown = run(&["replay", "--lang", code, "--format", format], &file);
            let text = flat(&shown);
            for sentence in &reassuring {
                assert!(
                    !text.contains(sentence.as_str()),
                    "{code} {format}: {sentence}"
                );
            }
            assert!(!shown.contains('▶'), "{code} {format}: a level is marked");
            assert!(!shown.contains("**["), "{code} {format}: a level is marked");
            assert!(
                text.contains(&content.continuum.not_placed.label)
                    || text.contains(&content.continuum.not_placed.label.to_uppercase()),
                "{code} {format}: not said to be not yet placed"
            );
        }
        let json: serde_json::Value = serde_json::from_str(
            run(&["replay", "--lang", code, "--format", "json"], &file).trim(),
        )
        .expect("JSON");
        assert!(json["level"].is_null());
        assert_eq!(json["provisional"], true);
        assert_eq!(
            json["level_label"],
            content.continuum.not_placed.label.as_str()
        );
    }
}

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn result(name: &str) -> serde_json::Value {
    serde_json::from_str(run(&["replay", "--format", "json"], &example(name)).trim()).expect("JSON")
}

fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_willing_partner_is_the_other_child_involved_not_a_child_harmed() {
    let willing = result("inappropriate/13-17_online_willing-image-exchange.yaml");
    assert_eq!(willing["other_child_role"], "involved");
    assert_eq!(willing["strategy_discussion"]["status"], "not_indicated");
    assert!(!ids(&willing["responses"]["harmed_child"]).contains(&"make-safe".to_string()));
    let markdown = run(
        &["replay", "--format", "markdown"],
        &example("inappropriate/13-17_online_willing-image-exchange.yaml"),
    );
    assert!(markdown.contains("### For the other child involved"));
    assert!(!markdown.contains("For the child harmed"));

    let upset = result("abusive/13-17_online_forwarded-image.yaml");
    assert_eq!(upset["other_child_role"], "harmed");
    assert!(ids(&upset["responses"]["harmed_child"]).contains(&"make-safe".to_string()));
}

#[test]
fn a_child_an_adult_acted_on_is_first_a_child_at_risk() {
    let at_risk = result("not-yet-placed/13-17_online_images-to-adult.yaml");
    assert!(
        at_risk["level"].is_null(),
        "nothing the child did is placed"
    );
    assert_eq!(at_risk["strategy_discussion"]["status"], "required");
    assert_eq!(at_risk["other_child_role"], "acted_on_child");
    // No "child harmed" actions are aimed at the adult.
    assert!(ids(&at_risk["responses"]["harmed_child"]).is_empty());
    let child = ids(&at_risk["responses"]["child"]);
    // The child's own protection leads, and no harmful sexual behaviour assessment is recommended.
    assert!(child[0].starts_with("child-at-risk"), "{child:?}");
    assert!(!child.contains(&"specialist-assessment".to_string()));
    let rules: Vec<String> = at_risk["rules"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(!rules.iter().any(|r| r.starts_with("power")), "{rules:?}");
}

#[test]
fn young_childrens_adult_sexual_knowledge_brings_the_duty_to_report() {
    let young = result("problematic/0-5_nursery_sophisticated-play.yaml");
    assert_eq!(young["strategy_discussion"]["status"], "consider");
    assert!(ids(&young["responses"]["child"]).contains(&"duty-to-report-young-child".to_string()));
    let text = young.to_string();
    assert!(text.contains("section 130"), "the duty to report is named");
}
