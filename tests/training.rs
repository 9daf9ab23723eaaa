//! Teaching: stepping through a scenario and the quiz, with scripted answers.

mod common;
use common::{Reply, Script};
use hsb::cli::training::{Scenario, quiz, score_table, shuffle, step_through};
use hsb::content::continuum::StrategyStatus;
use hsb::content::{Content, ContentPaths};
use hsb::input::files;
use std::path::Path;

fn content() -> Content {
    Content::load(&ContentPaths::default()).expect("defaults")
}

fn scenario(content: &Content, name: &str) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    Scenario {
        source: name.to_string(),
        record: hsb::record::Record::load_file(&path, content).expect("the example loads"),
    }
}

fn enters(n: usize) -> Script {
    let mut s = Script::default();
    for _ in 0..n {
        s.replies.push_back(Reply::Text(String::new()));
    }
    s
}

#[test]
fn step_reveals_each_question_with_its_reason_then_the_result_then_the_notes() {
    let content = content();
    let case = scenario(&content, "abusive/9-13_home_bribed-touching.yaml");
    let mut p = enters(8);
    assert!(step_through(&content, &case, &mut p).unwrap());
    assert!(p.replies.is_empty());
    assert_eq!(p.shown.len(), 9);
    for (i, screen) in p.shown.iter().take(7).enumerate() {
        assert!(
            screen.contains(&format!("Question {} of 7", i + 1)),
            "{screen}"
        );
        assert!(screen.contains("Why we ask:"));
        // The result is not given away before the end.
        assert!(!screen.contains("ABUSIVE"), "{screen}");
    }
    assert!(p.shown[1].contains("Age of the child: 12"));
    assert!(p.shown[7].contains("▶ ABUSIVE ◀"));
    assert!(p.shown[7].contains("STRATEGY DISCUSSION: REQUIRED"));
    assert!(p.shown[7].contains("[coercion]"));
    assert!(p.shown[8].contains("Teaching notes"));
}

#[test]
fn step_stops_when_the_trainer_types_q() {
    let content = content();
    let case = scenario(&content, "normal/0-5_home_doctors-play.yaml");
    let mut p = Script::default();
    p.replies.push_back(Reply::Text(String::new()));
    p.replies.push_back(Reply::Text("q".to_string()));
    assert!(!step_through(&content, &case, &mut p).unwrap());
    assert_eq!(p.shown.len(), 2);
}

#[test]
fn the_quiz_marks_each_answer_against_hsb_and_shows_the_notes() {
    let content = content();
    let cases = vec![
        scenario(&content, "violent/9-13_school_pinned-down.yaml"),
        scenario(&content, "normal/0-5_care_nap-time-self-soothing.yaml"),
    ];
    let mut p = Script::default();
    // Violent (index 4), strategy discussion required (index 0), yes score it.
    p.replies.extend([
        Reply::Pick(4),
        Reply::Pick(0),
        Reply::Pick(0),
        Reply::Text(String::new()),
    ]);
    // Problematic (index 2), not indicated (index 2), yes score it.
    p.replies.extend([
        Reply::Pick(2),
        Reply::Pick(2),
        Reply::Pick(0),
        Reply::Text(String::new()),
    ]);
    let marks = quiz(&content, &cases, &mut p, &Default::default()).unwrap();
    assert_eq!(marks.len(), 2);
    assert!(marks[0].level_right() && marks[0].strategy_right());
    assert_eq!(marks[1].level, "normal");
    assert_eq!(marks[1].level_given, "problematic");
    assert!(!marks[1].level_right());
    assert_eq!(marks[1].strategy, StrategyStatus::NotIndicated);
    assert!(marks[1].strategy_right());
    // The answers are shown before the question, the outcome and notes after.
    assert!(p.shown[0].contains("Scenario 1 of 2"));
    assert!(p.shown[0].contains("Aggression or violence: Yes"));
    assert!(!p.shown[0].contains("VIOLENT"));
    let notes: Vec<&String> = p
        .shown
        .iter()
        .filter(|s| s.contains("Teaching notes:"))
        .collect();
    assert_eq!(notes.len(), 2, "{:?}", p.shown);
    assert!(notes[0].contains("Your placement: violent (RIGHT)"));
    assert!(notes[1].contains("Your placement: problematic (DIFFERENT). hsb: normal."));
    // The marks are repeated beside the prompt to go on, after the notes.
    assert!(
        p.shown
            .last()
            .unwrap()
            .starts_with("Your placement: problematic (DIFFERENT)")
    );
    let scores = score_table(&content, &marks);
    assert!(scores.contains("Placement: 1 of 2 as hsb placed them. Strategy discussion: 2 of 2."));
}

#[test]
fn the_scenario_is_one_key_away_and_nothing_is_scored_before_the_trainee_confirms() {
    let content = content();
    let cases = vec![scenario(&content, "violent/9-13_school_pinned-down.yaml")];
    let again = content.continuum.levels.len() + 1; // after the levels and "not yet placed"
    let mut p = Script::default();
    p.replies.extend([
        // "Show the scenario again", then Esc (which shows it too).
        Reply::Pick(again),
        Reply::Back,
        // Normal, not indicated, then "No, choose again".
        Reply::Pick(0),
        Reply::Pick(2),
        Reply::Pick(1),
        // Violent, required, score it.
        Reply::Pick(4),
        Reply::Pick(0),
        Reply::Pick(0),
        Reply::Text(String::new()),
    ]);
    let marks = quiz(&content, &cases, &mut p, &Default::default()).unwrap();
    assert!(p.replies.is_empty());
    // Only the confirmed answer is scored.
    assert_eq!(marks.len(), 1);
    assert!(marks[0].level_right() && marks[0].strategy_right());
    // The scenario was shown three times: first, then once for each way of asking again.
    let scenario_shown = p
        .shown
        .iter()
        .filter(|s| s.contains("Aggression or violence: Yes"))
        .count();
    assert_eq!(scenario_shown, 3);
    assert!(p.prompts.iter().any(|q| q.contains("Score it?")));
}

#[test]
fn shuffling_with_a_seed_is_repeatable() {
    let content = content();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let paths = files::expand(&[dir]).unwrap();
    let names = |seed| {
        let mut cases: Vec<Scenario> = paths
            .iter()
            .map(|p| Scenario {
                source: p.display().to_string(),
                record: hsb::record::Record::load_file(p, &content).unwrap(),
            })
            .collect();
        shuffle(&mut cases, seed);
        cases.into_iter().map(|c| c.source).collect::<Vec<_>>()
    };
    assert_eq!(names(42), names(42));
    assert_ne!(names(42), names(43));
}

#[test]
fn blind_trainees_judge_first_and_need_more_information_is_right_when_hsb_is_provisional() {
    use hsb::cli::training::QuizOptions;
    let content = content();
    // A provisional case: who else was involved is not known.
    let cases = vec![scenario(
        &content,
        "provisional/9-13_school_unclear-touching.yaml",
    )];
    let fields = hsb::cli::blind::judgement_fields(&content, &cases[0].record);
    let judgements = fields.len();
    let mut p = Script::default();
    // Each judgement "not known" (the last choice), then not yet placed (index 5), "need more
    // information first" (index 3), score it, what they would do for each child (the second
    // left blank), and Enter for the scores.
    for field in &fields {
        p.replies.push_back(Reply::Pick(field.kind.choices().len()));
    }
    p.replies.extend([
        Reply::Pick(5),
        Reply::Pick(3),
        Reply::Pick(0),
        Reply::Text("- speak to the DSP today".into()),
        Reply::Text(String::new()),
        Reply::Text(String::new()),
    ]);
    let options = QuizOptions {
        blind: true,
        ..QuizOptions::default()
    };
    let marks = quiz(&content, &cases, &mut p, &options).unwrap();
    assert!(marks[0].provisional);
    assert!(marks[0].more_info && marks[0].strategy_right());
    assert_eq!(marks[0].judged.len(), judgements);
    // The case shown hid the judgements, and the feedback set them beside the scenario's.
    assert!(p.shown[0].contains("(yours to judge)"), "{}", p.shown[0]);
    assert!(p.shown.iter().any(|s| s.contains("Your judgements:")));
    // Nothing was chosen for the trainees: every judgement, the placement and the strategy
    // discussion started with no answer highlighted.
    let asked = judgements + 2;
    assert!(
        p.offered.iter().take(asked).all(String::is_empty),
        "{:?}",
        p.offered
    );
    // What they would do for the child, beside hsb's responses; the blank one said as blank.
    let feedback = p
        .shown
        .iter()
        .find(|s| s.contains("hsb's responses:"))
        .unwrap();
    assert!(
        feedback.contains("You said: - speak to the DSP today"),
        "{feedback}"
    );
    assert!(feedback.contains("You said: (left blank)"), "{feedback}");
    let csv = hsb::cli::training::results_csv(&content, &marks);
    assert!(csv.contains(",strategy_discussion,more_info,"), "{csv}");
    // The trainees' words as typed, kept as text by a spreadsheet (a leading "-" is a formula).
    let child_row = csv
        .lines()
        .find(|l| l.contains(",responses_child,"))
        .unwrap();
    assert!(child_row.contains(",'- speak to the DSP today,"), "{csv}");
    assert!(
        csv.lines().any(|l| l.contains(",responses_other_child,,")),
        "{csv}"
    );
}

#[test]
fn what_would_change_the_placement_comes_from_the_rules() {
    let content = content();
    let case = scenario(&content, "abusive/9-13_home_bribed-touching.yaml");
    let lines = hsb::cli::blind::what_would_change(&content, &case.record, 8);
    assert!(
        lines
            .iter()
            .any(|l| l == "Aggression or violence: “Yes” would place it at violent"),
        "{lines:?}"
    );
    // Every line really moves the level.
    assert!(lines.iter().all(|l| !l.ends_with("Abusive")), "{lines:?}");
}

#[test]
fn esc_goes_back_to_the_judgement_before() {
    use hsb::cli::training::QuizOptions;
    let content = content();
    let cases = vec![scenario(&content, "abusive/9-13_home_bribed-touching.yaml")];
    let fields = hsb::cli::blind::judgement_fields(&content, &cases[0].record);
    assert!(fields.len() >= 2);
    let mut p = Script::default();
    // The first judgement, then Esc back to it, then every judgement (each the first value).
    p.replies.extend([Reply::Pick(1), Reply::Back]);
    judged_abusive_and_nothing_written(&mut p, fields.len());
    let options = QuizOptions {
        blind: true,
        ..QuizOptions::default()
    };
    let marks = quiz(&content, &cases, &mut p, &options).unwrap();
    assert_eq!(marks[0].judged.len(), fields.len());
    // The first judgement was asked twice, and its second answer kept.
    let first = &fields[0].label;
    assert_eq!(
        p.prompts
            .iter()
            .filter(|q| q.ends_with(first.as_str()))
            .count(),
        2,
        "{:?}",
        p.prompts
    );
    let first_value = fields[0].kind.choices()[0].id.clone();
    assert_eq!(
        marks[0].judged[0].given.as_deref(),
        Some(first_value.as_str())
    );
}

#[test]
fn teams_answer_in_turn_and_are_marked_apart() {
    use hsb::cli::training::QuizOptions;
    let content = content();
    let cases = vec![scenario(&content, "violent/9-13_school_pinned-down.yaml")];
    let mut p = Script::default();
    // Red: violent (index 4), required, score it. Blue: abusive (index 3), required, score
    // it. Then Enter for the scores.
    p.replies.extend([
        Reply::Pick(4),
        Reply::Pick(0),
        Reply::Pick(0),
        Reply::Pick(3),
        Reply::Pick(0),
        Reply::Pick(0),
        Reply::Text(String::new()),
    ]);
    let options = QuizOptions {
        teams: vec!["Red".into(), "Blue".into()],
        ..QuizOptions::default()
    };
    let marks = quiz(&content, &cases, &mut p, &options).unwrap();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].team.as_deref(), Some("Red"));
    assert!(marks[0].level_right());
    assert_eq!(marks[1].team.as_deref(), Some("Blue"));
    assert!(!marks[1].level_right());
    // Each team's questions come under its name, on the screen with the case.
    for team in ["Team Red", "Team Blue"] {
        assert!(
            p.shown
                .iter()
                .any(|s| s.ends_with(team) && s.contains("Scenario 1 of 1")),
            "{team}: {:?}",
            p.shown
        );
    }
    // The feedback marks each team apart, and so do the scores and the results file.
    let feedback = p
        .shown
        .iter()
        .find(|s| s.contains("Teaching notes"))
        .unwrap();
    assert!(
        feedback.contains("Team Red\nYour placement: violent (RIGHT)"),
        "{feedback}"
    );
    assert!(
        feedback.contains("Team Blue\nYour placement: abusive (DIFFERENT). hsb: violent."),
        "{feedback}"
    );
    let scores = score_table(&content, &marks);
    assert!(scores.contains("Team Red: Placement: 1 of 1"), "{scores}");
    assert!(scores.contains("Team Blue: Placement: 0 of 1"), "{scores}");
    let csv = hsb::cli::training::results_csv(&content, &marks);
    assert!(csv.starts_with("scenario,team,item,given,hsb,agrees,votes\n"));
    assert!(csv.contains(",Red,level,violent,violent,yes,"), "{csv}");
    assert!(csv.contains(",Blue,level,abusive,violent,no,"), "{csv}");
}

#[test]
fn blind_each_judgement_is_asked_under_the_description() {
    use hsb::cli::training::QuizOptions;
    use hsb::content::answer::Answer;
    let content = content();
    let cases = vec![scenario(&content, "abusive/9-13_home_bribed-touching.yaml")];
    let Some(Answer::Text(description)) = cases[0].record.answers.get("what_happened.description")
    else {
        panic!("the scenario has a description")
    };
    let opening: String = description
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let fields = hsb::cli::blind::judgement_fields(&content, &cases[0].record);
    let mut p = Script::default();
    judged_abusive_and_nothing_written(&mut p, fields.len());
    let options = QuizOptions {
        blind: true,
        ..QuizOptions::default()
    };
    quiz(&content, &cases, &mut p, &options).unwrap();
    // The description heads a cleared screen before every judgement, the placement and what
    // they would do for each child: it cannot have scrolled away when the trainees commit.
    let pinned = p
        .shown
        .iter()
        .filter(|s| s.starts_with("\x1b[2J") && s.contains(&opening))
        .count();
    assert_eq!(pinned, fields.len() + 2, "{:?}", p.shown);
    // Each fits in half of an 80x24 screen, leaving the other half to the question.
    for screen in p.shown.iter().filter(|s| s.starts_with("\x1b[2J")) {
        assert!(screen.lines().count() <= 12, "{screen}");
    }
}

/// Each of `judgements` the first value; then abusive (index 3), required (index 0), score it,
/// nothing written for either child, and Enter for the scores.
fn judged_abusive_and_nothing_written(p: &mut Script, judgements: usize) {
    for _ in 0..judgements {
        p.replies.push_back(Reply::Pick(0));
    }
    p.replies.extend([
        Reply::Pick(3),
        Reply::Pick(0),
        Reply::Pick(0),
        Reply::Text(String::new()),
        Reply::Text(String::new()),
        Reply::Text(String::new()),
    ]);
}
