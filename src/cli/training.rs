//! Teaching from scenarios: revealing a case one Appendix 3 question at a time (`replay --step`)
//! and a quiz in which trainees commit to a placement before seeing the answer (`train`).
//!
//! Both talk through the interview's [`Prompter`], so they are tested with scripted answers.

use crate::cli::interview::{Prompter, Stop};
use crate::content::Content;
use crate::content::continuum::StrategyStatus;
use crate::engine::{Outcome, evaluate};
use crate::input::error::Error;
use crate::record::Record;
use crate::record::facts::Facts;
use crate::report::{self, View, display_answer, wrap};
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use crate::text::screen;

/// A scenario ready to teach from.
pub struct Scenario {
    pub source: String,
    pub record: Record,
}

impl Scenario {
    pub fn title(&self) -> String {
        self.record
            .title
            .clone()
            .unwrap_or_else(|| self.source.clone())
    }
}

fn width() -> usize {
    screen::width()
}

/// Wait for Enter; "q" stops. Esc carries on too: there is nothing to go back to.
fn pause(p: &mut dyn Prompter, lang: Lang, prompt: Msg) -> Result<bool, Stop> {
    match p.input(prompt.text(lang), "", &|_| Ok(())) {
        Ok(reply) => Ok(!reply.trim().eq_ignore_ascii_case("q")),
        Err(Stop::Back) => Ok(true),
        Err(stop) => Err(stop),
    }
}

/// The answers to one question, one line each, in the practitioner's words.
fn answers_to(
    content: &Content,
    record: &Record,
    question: &crate::content::questions::Question,
) -> String {
    let facts = Facts::new(&content.questions, record);
    question
        .fields
        .iter()
        .filter(|f| facts.applies(&f.key))
        .map(|f| {
            let answer = display_answer(&content.questions, &f.key, record.answers.get(&f.key));
            wrap(
                &format!("  {}: {}", f.label, answer.replace('\n', " ")),
                width(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// All the answers, question by question.
pub fn all_answers(content: &Content, record: &Record) -> String {
    content
        .questions
        .questions
        .iter()
        .map(|q| {
            format!(
                "{}\n{}",
                wrap(&format!("{}. {}", q.number, q.text), width()),
                answers_to(content, record, q)
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Reveal a scenario a question at a time, then the placement and why, then the teaching notes.
/// Returns `false` if the trainer stopped early.
pub fn step_through(
    content: &Content,
    scenario: &Scenario,
    p: &mut dyn Prompter,
) -> Result<bool, Stop> {
    let record = &scenario.record;
    let questions = &content.questions.questions;
    let lang = content.lang();
    let steps = questions.len() + 2;
    let heading = |n: usize| {
        crate::say!(
            lang,
            StepHeading,
            title = scenario.title(),
            n = n,
            steps = steps
        )
    };
    for (i, question) in questions.iter().enumerate() {
        let mut screen = format!(
            "{}\n{}\n\n{}\n\n{}\n\n{}",
            heading(i + 1),
            screen::rule('═'),
            wrap(
                &crate::say!(
                    lang,
                    QuestionOf,
                    number = question.number,
                    total = questions.len(),
                    text = question.text
                ),
                width()
            ),
            wrap(
                &crate::say!(lang, WhyWeAsk, reason = question.reason.trim()),
                width()
            ),
            answers_to(content, record, question)
        );
        screen.insert_str(0, CLEAR);
        p.show(&screen);
        if !pause(p, lang, Msg::EnterNextQuestion)? {
            return Ok(false);
        }
    }
    let outcome = evaluate(content, record);
    let view = View::new(&scenario.source, content, record, &outcome);
    p.show(&format!(
        "{CLEAR}{}\n{}\n\n{}",
        heading(steps - 1),
        screen::rule('═'),
        summary(&view)
    ));
    if let Some(notes) = &record.teaching_notes {
        if !pause(p, lang, Msg::EnterTeachingNotes)? {
            return Ok(false);
        }
        p.show(&format!(
            "{CLEAR}{}\n{}\n\n{}\n\n{}",
            heading(steps),
            screen::rule('═'),
            Msg::TeachingNotes.text(lang),
            notes
                .trim()
                .split("\n\n")
                .map(|para| wrap(
                    &para.split_whitespace().collect::<Vec<_>>().join(" "),
                    width()
                ))
                .collect::<Vec<_>>()
                .join("\n\n")
        ));
    }
    Ok(true)
}

/// Between scenarios in a step-through: Enter for the next, q to stop.
pub fn next_scenario(p: &mut dyn Prompter, lang: Lang) -> Result<bool, Error> {
    match pause(p, lang, Msg::EnterNextScenario) {
        Ok(go_on) => Ok(go_on),
        Err(Stop::Interrupted | Stop::Back) => Ok(false),
        Err(Stop::Failed(err)) => Err(err),
    }
}

/// Clears the screen and homes the cursor, so that each step fills a projected screen.
const CLEAR: &str = "\x1b[2J\x1b[H";

/// The result in a screenful: the continuum bar, the strategy-discussion box, the rules behind
/// it and what to clarify, for teaching (the full result is `hsb replay`).
fn summary(view: &View) -> String {
    let mut out = report::continuum_bar(view);
    let provisional = if view.provisional {
        format!(" ({})", view.say(Msg::Provisional))
    } else {
        String::new()
    };
    out.push_str(&format!(
        "\n{}: {}{provisional}\n",
        view.say(Msg::Placement),
        view.level_label.to_uppercase()
    ));
    out.push_str(&report::strategy_box(view));
    out.push_str(&format!("\n\n{}\n", view.say(Msg::WhyTheRulesThatFired)));
    for rule in &view.rules {
        out.push_str(&wrap(
            &format!("  {} {} [{}]", screen::bullet(), rule.reason, rule.id),
            width(),
        ));
        out.push('\n');
    }
    let unknown: Vec<&str> = view
        .clarify
        .iter()
        .filter_map(|c| c.field.as_deref())
        .collect();
    if !unknown.is_empty() {
        out.push_str(&wrap(
            &format!(
                "\n{}",
                crate::say!(view.lang, StillToClarify, fields = unknown.join(", "))
            ),
            width(),
        ));
        out.push('\n');
    }
    out
}

/// One trainee answer against the tool's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub title: String,
    pub level_given: String,
    pub level: String,
    pub strategy_given: StrategyStatus,
    pub strategy: StrategyStatus,
}

impl Mark {
    pub fn level_right(&self) -> bool {
        self.level_given == self.level
    }

    pub fn strategy_right(&self) -> bool {
        self.strategy_given == self.strategy
    }
}

const STRATEGY_CHOICES: [(StrategyStatus, Msg); 3] = [
    (StrategyStatus::Required, Msg::ChoiceRequired),
    (StrategyStatus::Consider, Msg::ChoiceConsider),
    (StrategyStatus::NotIndicated, Msg::ChoiceNotIndicated),
];

/// Ask for a placement and a strategy-discussion decision on each scenario, then show the tool's
/// outcome, the rules behind it and the teaching notes. Stops early (keeping the marks so far)
/// if the trainee types q.
pub fn quiz(
    content: &Content,
    scenarios: &[Scenario],
    p: &mut dyn Prompter,
) -> Result<Vec<Mark>, Stop> {
    let mut marks = Vec::new();
    let lang = content.lang();
    // The levels, then "not yet placed" for a scenario where too little is known.
    let levels: Vec<String> = content
        .continuum
        .levels
        .iter()
        .map(|l| l.label.clone())
        .chain(std::iter::once(content.continuum.not_placed.label.clone()))
        .collect();
    for (n, scenario) in scenarios.iter().enumerate() {
        let record = &scenario.record;
        let title = crate::say!(
            lang,
            ScenarioOf,
            n = (n + 1),
            total = scenarios.len(),
            title = scenario.title()
        );
        let case = format!(
            "{title}\n{}\n\n{}",
            screen::rule('═'),
            all_answers(content, record)
        );
        p.show(&format!("{CLEAR}{case}"));
        let (level_index, strategy_index) = choose(content, p, &levels, &case)?;
        let outcome = evaluate(content, record);
        let mark = mark_for(content, scenario, &outcome, level_index, strategy_index);
        p.show(&feedback(content, scenario, &outcome, &mark));
        // The marks again, beside the prompt: the notes above may have pushed them off screen.
        p.show(&marked(content, &mark));
        marks.push(mark);
        let last = n + 1 == scenarios.len();
        let prompt = if last {
            Msg::EnterScores
        } else {
            Msg::EnterNextScenario
        };
        if !pause(p, lang, prompt)? && !last {
            break;
        }
    }
    Ok(marks)
}

/// The trainee's placement and strategy-discussion decision, confirmed before scoring. The
/// scenario is one key away: the last choice (or Esc) shows it again, through the pager.
fn choose(
    content: &Content,
    p: &mut dyn Prompter,
    levels: &[String],
    case: &str,
) -> Result<(usize, usize), Stop> {
    let lang = content.lang();
    let mut level_items = levels.to_vec();
    level_items.push(Msg::ShowScenarioAgain.text(lang).to_string());
    let strategy_items: Vec<String> = STRATEGY_CHOICES
        .iter()
        .map(|(_, s)| s.text(lang).to_string())
        .collect();
    let confirm_items = [Msg::ScoreNow, Msg::ChooseAgain].map(|m| m.text(lang).to_string());
    let (mut level, mut strategy) = (0, 2);
    loop {
        level = match p.select(Msg::WhereOnContinuum.text(lang), &level_items, level) {
            Ok(i) if i < levels.len() => i,
            Ok(_) | Err(Stop::Back) => {
                p.page(case);
                continue;
            }
            Err(stop) => return Err(stop),
        };
        strategy = match p.select(
            Msg::StrategyDiscussionIs.text(lang),
            &strategy_items,
            strategy,
        ) {
            Err(Stop::Back) => continue,
            other => other?,
        };
        let question = crate::say!(
            lang,
            ScoreQuestion,
            level = levels.get(level).map_or("", String::as_str),
            status = STRATEGY_CHOICES
                .get(strategy)
                .map_or("", |(s, _)| s.word(lang))
        );
        match p.select(&question, &confirm_items, 0) {
            Ok(0) => return Ok((level, strategy)),
            Ok(_) | Err(Stop::Back) => continue,
            Err(stop) => return Err(stop),
        }
    }
}

fn mark_for(
    content: &Content,
    scenario: &Scenario,
    outcome: &Outcome,
    level_index: usize,
    strategy_index: usize,
) -> Mark {
    Mark {
        title: scenario.title(),
        // The choice after the last level is "not yet placed".
        level_given: content
            .continuum
            .placement_id(Some(level_index))
            .to_string(),
        level: content.continuum.placement_id(outcome.level).to_string(),
        strategy_given: STRATEGY_CHOICES
            .get(strategy_index)
            .map_or(StrategyStatus::NotIndicated, |(s, _)| *s),
        strategy: outcome.strategy.status,
    }
}

/// The trainee's two answers against hsb's, one sentence each.
fn marked(content: &Content, mark: &Mark) -> String {
    let lang = content.lang();
    let tick = |right: bool| {
        if right {
            Msg::MarkRight
        } else {
            Msg::MarkDifferent
        }
        .text(lang)
    };
    format!(
        "{}\n{}",
        wrap(
            &crate::say!(
                lang,
                YourPlacement,
                given = content.continuum.level_word_of(&mark.level_given),
                mark = tick(mark.level_right()),
                level = content.continuum.level_word_of(&mark.level)
            ),
            width()
        ),
        wrap(
            &crate::say!(
                lang,
                YourStrategyDiscussion,
                given = mark.strategy_given.word(lang),
                mark = tick(mark.strategy_right()),
                status = mark.strategy.word(lang)
            ),
            width()
        ),
    )
}

fn feedback(content: &Content, scenario: &Scenario, outcome: &Outcome, mark: &Mark) -> String {
    let view = View::new(&scenario.source, content, &scenario.record, outcome);
    let mut out = format!("\n{}\n\n", marked(content, mark));
    out.push_str(&summary(&view));
    if let Some(notes) = &scenario.record.teaching_notes {
        out.push_str(&format!("\n{}:\n", Msg::TeachingNotes.text(content.lang())));
        for para in notes.trim().split("\n\n") {
            out.push_str(&wrap(
                &para.split_whitespace().collect::<Vec<_>>().join(" "),
                width(),
            ));
            out.push_str("\n\n");
        }
    }
    out
}

/// The score table at the end of a quiz.
pub fn score_table(content: &Content, marks: &[Mark]) -> String {
    let lang = content.lang();
    let yes = |b: bool| {
        if b {
            Msg::TickRight
        } else {
            Msg::TickDifferent
        }
        .text(lang)
    };
    let rows = marks
        .iter()
        .map(|m| {
            vec![
                m.title.clone(),
                format!(
                    "{} / {}\n{}",
                    content.continuum.level_word_of(&m.level_given),
                    content.continuum.level_word_of(&m.level),
                    yes(m.level_right())
                ),
                format!(
                    "{} / {}\n{}",
                    m.strategy_given.word(lang),
                    m.strategy.word(lang),
                    yes(m.strategy_right())
                ),
            ]
        })
        .collect();
    let levels = marks.iter().filter(|m| m.level_right()).count();
    let strategies = marks.iter().filter(|m| m.strategy_right()).count();
    let n = marks.len();
    format!(
        "{}\n{}\n{}\n{}\n",
        Msg::Scores.text(lang),
        report::grid(
            &[30, 18, 22],
            Some(&[
                Msg::ColumnScenario.text(lang),
                Msg::ColumnLevelYours.text(lang),
                Msg::ColumnStrategyYours.text(lang)
            ]),
            rows,
            false
        ),
        crate::say!(
            lang,
            ScoresSummary,
            levels = levels,
            n = n,
            strategies = strategies
        ),
        wrap(Msg::DifferentIsAPrompt.text(lang), width()),
    )
}

/// A repeatable shuffle (SplitMix64 driving Fisher-Yates), so that `--seed N` gives the same
/// order on every machine.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = usize::try_from(next() % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::shuffle;

    #[test]
    fn the_same_seed_gives_the_same_order() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        let mut c: Vec<u32> = (0..20).collect();
        shuffle(&mut c, 8);
        assert_ne!(a, c);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    }
}
