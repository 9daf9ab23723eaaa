//! The interview flow with scripted answers: conditions, validation, review edits, drafts and
//! resuming.

use hsb::content::{Content, ContentPaths};
use hsb::interview::{Interview, Stop};
use hsb::questions::QuestionSet;
use hsb::record::{Answer, Record};
use hsb::source::Source;

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
    ("pattern.isolated", "yes"),
    ("pattern.previous_incidents", "0"),
    ("pattern.escalating", "no"),
    ("pattern.previous_response_ineffective", "not_applicable"),
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
    p.replies.push_back(Reply::Pick(4)); // Change 4. Who else was involved
    for (key, value) in [
        ("others.involved", "yes"),
        ("others.relationship", "peer"),
        ("others.age", "6"),
        ("others.power_imbalance", "none"),
        ("others.able_to_consent", "unclear"),
        ("others.coercion", "no"),
        ("others.perception", "uncomfortable"),
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
        ],
    );
    let mut p = script(&qs, &answers);
    p.replies.push_back(Reply::Pick(4));
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
