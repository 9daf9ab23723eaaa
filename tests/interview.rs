//! The interview flow with scripted answers: conditions, validation, review edits, drafts and
//! resuming.

use hsb::cli::interview::{Interview, Stop};
use hsb::content::questions::QuestionSet;
use hsb::content::{Content, ContentPaths};
use hsb::input::source::Source;
use hsb::{content::answer::Answer, record::Record};

mod common;
use common::{Memory, Reply, Script, reply};

fn questions() -> QuestionSet {
    Content::load(&ContentPaths::default())
        .expect("defaults")
        .questions
}

const ALONE: &[(&str, &str)] = &[
    (
        "what_happened.description",
        "Self-touching during a lesson.",
    ),
    ("what_happened.behaviours", "self_touching"),
    ("developmental.age", "6"),
    ("developmental.traffic_light", "green"),
    ("developmental.sophisticated_understanding", "no"),
    ("developmental.diagnosis_affects_understanding", "no"),
    ("context.setting", "school"),
    ("context.activities", "other"),
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

fn script(qs: &QuestionSet, answers: &[(&str, &str)]) -> Script {
    let mut s = Script::default();
    s.replies.push_back(Reply::Text("CASE-1".to_string()));
    for (key, value) in answers {
        s.replies.push_back(reply(qs, key, value));
    }
    s
}

#[test]
fn a_full_interview_asks_only_what_applies_and_saves_a_draft_after_every_answer() {
    let qs = questions();
    let mut p = script(&qs, ALONE);
    p.replies.push_back(Reply::Pick(0)); // review: confirm
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    interview.review(&mut p, &mut drafts).unwrap();

    assert!(p.replies.is_empty(), "unused replies: {:?}", p.replies);
    assert!(
        !p.prompts
            .iter()
            .any(|q| q.contains("Relationship") || q.contains("Other person")),
        "{:?}",
        p.prompts
    );
    assert_eq!(drafts.saves.len(), 1 + ALONE.len());
    assert_eq!(interview.record.case_ref.as_deref(), Some("CASE-1"));
    assert_eq!(
        interview.record.answers.get("context.setting"),
        Some(&Answer::Choice("school".into()))
    );
    assert_eq!(
        interview.record.answers.get("developmental.age"),
        Some(&Answer::Number(6))
    );
    // Every question is introduced with why it is asked.
    assert_eq!(
        p.shown.iter().filter(|s| s.contains("Why we ask:")).count(),
        7
    );
    // The review shows every answer.
    let review = p
        .shown
        .iter()
        .find(|s| s.starts_with("Your answers"))
        .expect("a review table");
    assert!(review.contains("Anyone else involved"));
    assert!(review.contains("Touching own body"));
}

#[test]
fn an_invalid_age_is_asked_again_with_the_reason() {
    let qs = questions();
    let mut answers = ALONE.to_vec();
    answers[2] = ("developmental.age", "ten");
    let mut p = script(&qs, &answers);
    // After "ten": two more tries.
    let at = 1 + 2 + 1;
    p.replies.insert(at, Reply::Text("25".to_string()));
    p.replies.insert(at + 1, Reply::Text("10".to_string()));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    assert_eq!(p.refused.len(), 2, "{:?}", p.refused);
    assert!(p.refused[0].contains("\"ten\" is not a whole number"));
    assert!(p.refused[1].contains("25 is outside the range"));
    assert_eq!(
        interview.record.answers.get("developmental.age"),
        Some(&Answer::Number(10))
    );
}

#[test]
fn not_known_cannot_be_combined_with_other_choices() {
    let qs = questions();
    let mut p = script(&qs, ALONE);
    let behaviours = qs
        .field("what_happened.behaviours")
        .unwrap()
        .kind
        .choices()
        .len();
    p.replies.insert(2, Reply::Picks(vec![2, behaviours]));
    p.replies.insert(3, Reply::Picks(vec![]));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    assert!(p.shown.iter().any(|s| s.contains("cannot be combined")));
    assert!(p.shown.iter().any(|s| s.contains("Choose at least one")));
    assert_eq!(
        interview.record.answers.get("what_happened.behaviours"),
        Some(&Answer::List(vec!["self_touching".into()]))
    );
}

#[test]
fn the_review_can_change_a_question_and_asks_what_then_applies() {
    let qs = questions();
    let mut p = script(&qs, ALONE);
    p.replies.push_back(Reply::Pick(5)); // Change 4. Who else was involved (after the case reference)
    for (key, value) in [
        ("others.involved", "yes"),
        ("others.relationship", "peer"),
        ("others.age", "6"),
        ("others.power_imbalance", "none"),
        ("others.able_to_consent", "unclear"),
        ("others.coercion", "no"),
        ("others.perception", "uncomfortable"),
        ("others.notes", ""),
    ] {
        p.replies.push_back(reply(&qs, key, value));
    }
    p.replies.push_back(Reply::Pick(0)); // confirm
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    interview.review(&mut p, &mut drafts).unwrap();
    assert!(p.replies.is_empty(), "unused replies: {:?}", p.replies);
    assert_eq!(
        interview.record.answers.get("others.perception"),
        Some(&Answer::Choice("uncomfortable".into()))
    );
    assert_eq!(
        p.shown
            .iter()
            .filter(|s| s.starts_with("Your answers"))
            .count(),
        2
    );
}

#[test]
fn answers_that_stop_applying_are_dropped() {
    let qs = questions();
    let mut answers = ALONE.to_vec();
    answers.splice(
        10..11,
        [
            ("others.involved", "yes"),
            ("others.relationship", "peer"),
            ("others.age", ""),
            ("others.power_imbalance", "none"),
            ("others.able_to_consent", "yes"),
            ("others.coercion", "no"),
            ("others.perception", "mutual"),
            ("others.notes", ""),
        ],
    );
    let mut p = script(&qs, &answers);
    p.replies.push_back(Reply::Pick(5)); // Change 4
    p.replies.push_back(reply(&qs, "others.involved", "no"));
    p.replies.push_back(Reply::Pick(0));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    assert!(interview.answered.contains("others.coercion"));
    interview.review(&mut p, &mut drafts).unwrap();
    assert!(!interview.answered.contains("others.coercion"));
    assert!(!interview.record.answers.contains_key("others.perception"));
}

#[test]
fn an_interruption_keeps_every_answer_given_and_resuming_asks_only_the_rest() {
    let qs = questions();
    let mut p = script(&qs, &ALONE[..5]);
    p.replies.push_back(Reply::Interrupt);
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    let stopped = interview.ask_remaining(&mut p, &mut drafts);
    assert!(matches!(stopped, Err(Stop::Interrupted)));
    let (record, answered) = drafts.saves.last().cloned().expect("a draft");
    assert_eq!(answered.len(), 5);

    // The draft goes to disk as YAML and comes back the same.
    let yaml = record.to_draft_yaml(&qs, &answered).unwrap();
    let source = Source::embedded("draft.yaml", &yaml);
    let levels = [
        "normal",
        "inappropriate",
        "problematic",
        "abusive",
        "violent",
    ];
    let (loaded, loaded_answered) = Record::load_draft(&source, &qs, &levels).unwrap();
    assert_eq!(loaded, record);
    assert_eq!(loaded_answered, answered);

    let mut resumed = Interview::resume(&qs, loaded, loaded_answered);
    assert_eq!(
        resumed.first_unanswered().map(|f| f.key.as_str()),
        Some("developmental.diagnosis_affects_understanding")
    );
    let mut p = Script::default();
    for (key, value) in &ALONE[5..] {
        p.replies.push_back(reply(&qs, key, value));
    }
    resumed.ask_case_ref(&mut p, &mut drafts).unwrap();
    resumed.ask_remaining(&mut p, &mut drafts).unwrap();
    assert!(p.replies.is_empty());
    assert_eq!(
        p.prompts.len(),
        ALONE.len() - 5,
        "only the unanswered fields are asked"
    );
    assert!(resumed.first_unanswered().is_none());
}

#[test]
fn a_finished_record_saves_and_loads_to_the_same_answers() {
    let qs = questions();
    let mut p = script(&qs, ALONE);
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    let yaml = interview.record.to_yaml(&qs).unwrap();
    assert!(
        !yaml.contains("others.coercion"),
        "fields that do not apply are not written"
    );
    let source = Source::embedded("record.yaml", &yaml);
    let levels = [
        "normal",
        "inappropriate",
        "problematic",
        "abusive",
        "violent",
    ];
    let loaded = Record::load(&source, &qs, &levels).unwrap();
    assert_eq!(loaded, interview.record);
}

#[test]
fn esc_goes_back_to_the_previous_question_with_its_answer_offered() {
    let qs = questions();
    let mut p = Script::default();
    p.replies.push_back(Reply::Text("CASE-1".to_string()));
    p.replies
        .push_back(reply(&qs, "what_happened.description", "Words."));
    p.replies
        .push_back(reply(&qs, "what_happened.behaviours", "exposing"));
    // Esc at the age: back to the behaviours, ticked as they were; change them.
    p.replies.push_back(Reply::Back);
    p.replies.push_back(reply(
        &qs,
        "what_happened.behaviours",
        "exposing,sexual_language",
    ));
    // On again: the age is asked.
    p.replies.push_back(reply(&qs, "developmental.age", "9"));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    // Stops (no more replies) after the age.
    assert!(matches!(
        interview.ask_remaining(&mut p, &mut drafts),
        Err(Stop::Interrupted)
    ));
    let asked: Vec<&str> = p.prompts.iter().map(String::as_str).collect();
    let behaviours = asked.iter().filter(|q| q.starts_with("Behaviours")).count();
    assert_eq!(behaviours, 2, "{asked:?}");
    // The second time, the behaviours came back ticked as answered.
    let exposing = qs
        .field("what_happened.behaviours")
        .unwrap()
        .kind
        .choices()
        .iter()
        .find(|c| c.id == "exposing")
        .unwrap()
        .label
        .clone();
    // (Each item may carry its choice's help after its label, to fit the screen.)
    assert!(
        p.offered.iter().any(|o| o.starts_with(&exposing)),
        "{:?}",
        p.offered
    );
    assert_eq!(
        interview.record.answers.get("what_happened.behaviours"),
        Some(&Answer::List(vec![
            "exposing".into(),
            "sexual_language".into()
        ]))
    );
    assert_eq!(
        interview.record.answers.get("developmental.age"),
        Some(&Answer::Number(9))
    );
}

#[test]
fn esc_going_back_then_forward_offers_each_answer_given_on_the_way() {
    let qs = questions();
    let mut p = script(&qs, &ALONE[..3]);
    // At the traffic light: back twice (age, then behaviours), then forward again.
    p.replies.push_back(Reply::Back);
    p.replies.push_back(Reply::Back);
    p.replies
        .push_back(reply(&qs, "what_happened.behaviours", "self_touching"));
    p.replies.push_back(reply(&qs, "developmental.age", "6"));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    let _ = interview.ask_remaining(&mut p, &mut drafts);
    // The age was offered with "6" already in it when it came round again.
    let ages: Vec<&String> = p
        .prompts
        .iter()
        .zip(&p.offered)
        .filter(|(q, _)| q.starts_with("Age of the child"))
        .map(|(_, offered)| offered)
        .collect();
    assert_eq!(ages.len(), 3, "{:?}", p.prompts);
    assert_eq!(ages[1], "6");
    assert_eq!(ages[2], "6");
}

#[test]
fn choosing_nothing_or_not_known_with_others_names_the_label_and_keeps_the_ticks() {
    let qs = questions();
    let not_known = hsb::text::messages::Msg::NotKnownYet.text(hsb::text::lang::Lang::En);
    let mut p = script(&qs, &ALONE[..1]);
    p.replies.push_back(Reply::Picks(vec![]));
    p.replies.push_back(Reply::Picks(vec![2, 14]));
    p.replies
        .push_back(reply(&qs, "what_happened.behaviours", "self_touching"));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    let _ = interview.ask_remaining(&mut p, &mut drafts);
    let said: Vec<&String> = p
        .shown
        .iter()
        .filter(|s| s.contains("Choose at least one") || s.contains("cannot be combined"))
        .collect();
    assert_eq!(said.len(), 2, "{:?}", p.shown);
    for message in said {
        assert!(message.contains(&format!("\"{not_known}\"")), "{message}");
        assert!(!message.contains("true") && !message.contains("false"));
    }
    // After the refusal of "Touching own body" with "Not known yet", both are still ticked.
    let touching = &qs.field("what_happened.behaviours").unwrap().kind.choices()[2].label;
    assert!(
        p.offered
            .iter()
            .any(|o| o.starts_with(touching.as_str()) && o.ends_with(&format!(",{not_known}"))),
        "{:?}",
        p.offered
    );
}

#[test]
fn the_case_reference_can_be_changed_at_the_review() {
    let qs = questions();
    let mut p = script(&qs, ALONE);
    p.replies.push_back(Reply::Pick(1)); // Change the case reference
    p.replies.push_back(Reply::Text("CASE-2".to_string()));
    p.replies.push_back(Reply::Pick(0)); // confirm
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    interview.review(&mut p, &mut drafts).unwrap();
    assert!(p.replies.is_empty());
    assert_eq!(interview.record.case_ref.as_deref(), Some("CASE-2"));
    // The reference typed first was offered for editing.
    assert!(p.offered.contains(&"CASE-1".to_string()));
    assert_eq!(
        drafts.saves.last().and_then(|(r, _)| r.case_ref.as_deref()),
        Some("CASE-2")
    );
}

#[test]
fn after_a_one_off_earlier_incidents_and_responses_are_not_asked() {
    let qs = questions();
    let mut p = script(&qs, ALONE);
    p.replies.push_back(Reply::Pick(0));
    let mut drafts = Memory::default();
    let mut interview = Interview::new(&qs);
    interview.ask_case_ref(&mut p, &mut drafts).unwrap();
    interview.ask_remaining(&mut p, &mut drafts).unwrap();
    interview.review(&mut p, &mut drafts).unwrap();
    for label in ["Earlier incidents", "Continued after responses"] {
        assert!(
            !p.prompts.iter().any(|q| q.starts_with(label)),
            "{label} asked after a one-off"
        );
    }
    assert!(p.prompts.iter().any(|q| q.starts_with("Escalating")));
}
