//! Teaching from scenarios: revealing a case one Appendix 3 question at a time (`replay --step`)
//! and a quiz in which trainees commit to a placement before seeing the answer (`train`).
//!
//! Both talk through the interview's [`Prompter`], so they are tested with scripted answers.

use crate::cli::blind::{self, Judged};
use crate::cli::interview::{Prompter, Stop};
use crate::content::Content;
use crate::content::answer::Answer;
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
    hidden: &[String],
) -> String {
    let facts = Facts::new(&content.questions, record);
    question
        .fields
        .iter()
        .filter(|f| facts.applies(&f.key))
        .map(|f| {
            let answer = if hidden.contains(&f.key) {
                Msg::YouJudge.text(content.lang()).to_string()
            } else {
                display_answer(&content.questions, &f.key, record.answers.get(&f.key))
            };
            wrap(
                &format!("  {}: {}", f.label, answer.replace('\n', " ")),
                width(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The answers trainees see: all of them, or (blind) all but the judgements, which read "for
/// you to judge". Which fields apply is worked out without the judgements, as trainees see it.
fn answers_shown(content: &Content, record: &Record, blind: bool) -> String {
    if !blind {
        return all_answers(content, record);
    }
    let judgements: Vec<String> = blind::judgement_fields(content, record)
        .iter()
        .map(|f| f.key.clone())
        .collect();
    let mut hidden = record.clone();
    for key in &judgements {
        hidden.answers.remove(key);
    }
    format!("{}\n", answers_hiding(content, &hidden, &judgements))
}

/// All the answers, question by question.
pub fn all_answers(content: &Content, record: &Record) -> String {
    answers_hiding(content, record, &[])
}

/// All the answers, question by question, those of the `hidden` fields left for trainees.
fn answers_hiding(content: &Content, record: &Record, hidden: &[String]) -> String {
    content
        .questions
        .questions
        .iter()
        .map(|q| {
            format!(
                "{}\n{}",
                wrap(&format!("{}. {}", q.number, q.text), width()),
                answers_to(content, record, q, hidden)
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
            answers_to(content, record, question, &[])
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
        summary(&view, true)
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

/// The result in a screenful: the continuum bar, the strategy discussion, the rules behind it
/// and what to clarify, for teaching (the full result is `hsb replay`). Rule and field ids only
/// for the trainer (`ids`); trainees see the reasons and the fields' names.
fn summary(view: &View, ids: bool) -> String {
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
    if ids {
        out.push_str(&report::strategy_box(view));
        out.push('\n');
    } else {
        let sd = &view.strategy_discussion;
        let heading = crate::say!(view.lang, StrategyDiscussionTitle, status = sd.label);
        out.push_str(&format!("{heading}\n{}\n", wrap(&sd.summary, width())));
    }
    out.push_str(&format!("\n{}\n", view.say(Msg::WhyTheRulesThatFired)));
    for rule in &view.rules {
        let line = if ids {
            format!("  {} {} [{}]", screen::bullet(), rule.reason, rule.id)
        } else {
            format!("  {} {}", screen::bullet(), rule.reason)
        };
        out.push_str(&wrap(&line, width()));
        out.push('\n');
    }
    let unknown: Vec<&str> = view
        .clarify
        .iter()
        .filter_map(|c| {
            if ids {
                c.field.as_deref()
            } else {
                c.label.as_deref()
            }
        })
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
#[derive(Debug, Clone)]
pub struct Mark {
    pub title: String,
    pub level_given: String,
    pub level: String,
    pub strategy_given: StrategyStatus,
    pub strategy: StrategyStatus,
    /// "Need more information first" was the answer on the strategy discussion.
    pub more_info: bool,
    /// hsb's result is provisional (something to find out could change it).
    pub provisional: bool,
    /// The judgements made blind (`--blind`).
    pub judged: Vec<Judged>,
    /// The room's votes for each level, then for each strategy-discussion answer (`--tally`).
    pub level_votes: Vec<u32>,
    pub strategy_votes: Vec<u32>,
    /// The team that gave these answers (`--team`).
    pub team: Option<String>,
    /// What the trainees would do for each child (`--blind`).
    pub plans: Option<blind::Plans>,
    /// hsb's responses for the child, and for the other child (ids).
    pub responses: [Vec<String>; 2],
}

impl Mark {
    pub fn level_right(&self) -> bool {
        self.level_given == self.level
    }

    /// "Need more information" is right where hsb's result is provisional.
    pub fn strategy_right(&self) -> bool {
        if self.more_info {
            self.provisional
        } else {
            self.strategy_given == self.strategy
        }
    }

    /// The strategy-discussion answer given, in words.
    pub fn strategy_given_word(&self, lang: Lang) -> &'static str {
        if self.more_info {
            Msg::WordMoreInfo.text(lang)
        } else {
            self.strategy_given.word(lang)
        }
    }
}

/// How a quiz is run: trainees make the judgements (`blind`), and the room votes (`tally`) or
/// answers team by team (`teams`).
#[derive(Debug, Clone, Default)]
pub struct QuizOptions {
    pub blind: bool,
    pub tally: bool,
    /// Show rule and field ids in the feedback (for the trainer).
    pub trainer: bool,
    /// The teams, each answering every scenario in turn and marked apart; empty for one trainee
    /// or the room.
    pub teams: Vec<String>,
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
    options: &QuizOptions,
) -> Result<Vec<Mark>, Stop> {
    let mut marks = Vec::new();
    quiz_into(content, scenarios, p, options, &mut marks)?;
    Ok(marks)
}

/// The quiz, its marks added to `marks` as each scenario is scored, so that a session stopped
/// part-way (Ctrl-C) keeps what was done.
pub fn quiz_into(
    content: &Content,
    scenarios: &[Scenario],
    p: &mut dyn Prompter,
    options: &QuizOptions,
    marks: &mut Vec<Mark>,
) -> Result<(), Stop> {
    let lang = content.lang();
    for (n, scenario) in scenarios.iter().enumerate() {
        let record = &scenario.record;
        // Blind, the title is left out: "… sexually assaulted" would make the judgement.
        // Wrapped between words: a long title would break mid-word at 80 columns.
        let title = screen::fit(&if options.blind {
            crate::say!(lang, ScenarioNumber, n = (n + 1), total = scenarios.len())
        } else {
            crate::say!(
                lang,
                ScenarioOf,
                n = (n + 1),
                total = scenarios.len(),
                title = scenario.title()
            )
        });
        let case = format!(
            "{title}\n{}\n\n{}",
            screen::rule('═'),
            answers_shown(content, record, options.blind)
        );
        let pinned = present(content, p, record, &title, &case);
        let outcome = evaluate(content, record);
        // One trainee (or the room), or each team in turn.
        let teams: Vec<Option<&str>> = if options.teams.is_empty() {
            vec![None]
        } else {
            options.teams.iter().map(|t| Some(t.as_str())).collect()
        };
        let mut scored = Vec::new();
        for team in teams {
            let pinned = match team {
                Some(team) => format!(
                    "{pinned}\n\n{}",
                    crate::say!(lang, TeamHeading, team = team)
                ),
                None => pinned.clone(),
            };
            let mut mark = answer(content, p, scenario, &outcome, (&pinned, &case), options)?;
            mark.team = team.map(str::to_string);
            scored.push(mark);
        }
        // Paged when it is longer than the screen, so that nothing scrolls away unread.
        let shown = feedback(content, scenario, &outcome, &scored, options);
        if shown.lines().count() + 2 > screen::height() {
            p.page(&shown);
        } else {
            p.show(&shown);
        }
        // The marks again, beside the prompt: the notes above may have pushed them off screen.
        p.show(&all_marked(content, &scored));
        marks.extend(scored);
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
    Ok(())
}

/// The levels, then "not yet placed" for a scenario where too little is known.
fn level_items(content: &Content) -> Vec<String> {
    content
        .continuum
        .levels
        .iter()
        .map(|l| l.label.clone())
        .chain(std::iter::once(content.continuum.not_placed.label.clone()))
        .collect()
}

/// One trainee's (or team's, or the room's) answers to a scenario, marked: the judgements
/// (blind), the placement and strategy discussion, and (blind) what they would do for each
/// child. `screens` is the pinned description and the whole case.
fn answer(
    content: &Content,
    p: &mut dyn Prompter,
    scenario: &Scenario,
    outcome: &Outcome,
    screens: (&str, &str),
    options: &QuizOptions,
) -> Result<Mark, Stop> {
    let (pinned, case) = screens;
    let levels = level_items(content);
    let judged = if options.blind {
        blind::judge(content, p, &scenario.record, pinned, case)?
    } else {
        Vec::new()
    };
    let decided = if options.tally {
        tally_choose(content, p, &levels, options.blind, pinned)?
    } else {
        p.show(pinned);
        let (level, strategy) = choose(content, p, &levels, case, options.blind)?;
        Decided {
            level,
            strategy,
            ..Decided::default()
        }
    };
    let plans = if options.blind {
        p.show(pinned);
        Some(blind::plans(content, p, &scenario.record)?)
    } else {
        None
    };
    let mut mark = mark_for(content, scenario, outcome, decided.level, decided.strategy);
    mark.judged = judged;
    mark.level_votes = decided.level_votes;
    mark.strategy_votes = decided.strategy_votes;
    mark.plans = plans;
    Ok(mark)
}

/// Show the case: paged when it would not leave room for the questions under it. Returns the
/// screen's pinned top, shown above every question: the case itself when it fits, otherwise
/// the title and as much of the description as half the screen holds.
fn present(
    content: &Content,
    p: &mut dyn Prompter,
    record: &Record,
    title: &str,
    case: &str,
) -> String {
    let room = screen::height() / 2;
    let case_lines = screen::lines(case, screen::columns());
    if case_lines <= room {
        return format!("{CLEAR}{case}");
    }
    // Read a screen at a time before the questions.
    p.page(case);
    let lang = content.lang();
    let mut top = vec![title.to_string(), screen::rule('═')];
    if let Some(Answer::Text(text)) = record.answers.get("what_happened.description") {
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let description = wrap(&folded, width());
        let lines: Vec<&str> = description.lines().collect();
        let space = room.saturating_sub(top.len() + 1);
        if lines.len() <= space {
            top.extend(lines.iter().map(|l| l.to_string()));
        } else {
            top.extend(
                lines
                    .iter()
                    .take(space.saturating_sub(1))
                    .map(|l| l.to_string()),
            );
            top.push(Msg::PinnedMore.text(lang).to_string());
        }
    }
    format!("{CLEAR}{}", top.join("\n"))
}

/// The trainee's placement and strategy-discussion decision, confirmed before scoring. The
/// scenario is one key away: the last choice (or Esc) shows it again, through the pager.
fn choose(
    content: &Content,
    p: &mut dyn Prompter,
    levels: &[String],
    case: &str,
    blind: bool,
) -> Result<(usize, usize), Stop> {
    let lang = content.lang();
    let mut level_items = levels.to_vec();
    level_items.push(Msg::ShowScenarioAgain.text(lang).to_string());
    let strategy_items = strategy_items(lang, blind);
    let confirm_items = [Msg::ScoreNow, Msg::ChooseAgain].map(|m| m.text(lang).to_string());
    // Nothing is chosen for the trainee: the first answer is theirs, and "choose again"
    // starts from it.
    let (mut level, mut strategy): (Option<usize>, Option<usize>) = (None, None);
    loop {
        let picked = match p.select(Msg::WhereOnContinuum.text(lang), &level_items, level) {
            Ok(i) if i < levels.len() => i,
            Ok(_) | Err(Stop::Back) => {
                p.page(case);
                continue;
            }
            Err(stop) => return Err(stop),
        };
        level = Some(picked);
        let status = match p.select(
            Msg::StrategyDiscussionIs.text(lang),
            &strategy_items,
            strategy,
        ) {
            Err(Stop::Back) => continue,
            other => other?,
        };
        strategy = Some(status);
        let question = crate::say!(
            lang,
            ScoreQuestion,
            level = levels.get(picked).map_or("", String::as_str),
            status = STRATEGY_CHOICES
                .get(status)
                .map_or(Msg::ChoiceMoreInfo.text(lang), |(s, _)| s.word(lang))
        );
        match p.select(&question, &confirm_items, None) {
            Ok(0) => return Ok((picked, status)),
            Ok(_) | Err(Stop::Back) => continue,
            Err(stop) => return Err(stop),
        }
    }
}

/// The strategy-discussion answers: required, consider, not indicated, and (blind) "need more
/// information first".
fn strategy_items(lang: Lang, blind: bool) -> Vec<String> {
    let mut items: Vec<String> = STRATEGY_CHOICES
        .iter()
        .map(|(_, s)| s.text(lang).to_string())
        .collect();
    if blind {
        items.push(Msg::ChoiceMoreInfo.text(lang).to_string());
    }
    items
}

/// What the trainee or the room decided: the level and strategy-discussion answers (indexes),
/// and the room's votes for each.
#[derive(Default)]
struct Decided {
    level: usize,
    strategy: usize,
    level_votes: Vec<u32>,
    strategy_votes: Vec<u32>,
}

/// The room's votes on the placement, then on the strategy discussion.
fn tally_choose(
    content: &Content,
    p: &mut dyn Prompter,
    levels: &[String],
    blind: bool,
    pinned: &str,
) -> Result<Decided, Stop> {
    let lang = content.lang();
    p.show(pinned);
    let (level, level_votes) = blind::tally(p, content, Msg::WhereOnContinuum.text(lang), levels)?;
    let items = strategy_items(lang, blind);
    // A fresh screen under the case for each question: six answers' votes fill one.
    p.show(pinned);
    let (strategy, strategy_votes) =
        blind::tally(p, content, Msg::StrategyDiscussionIs.text(lang), &items)?;
    Ok(Decided {
        level,
        strategy,
        level_votes,
        strategy_votes,
    })
}

fn mark_for(
    content: &Content,
    scenario: &Scenario,
    outcome: &Outcome,
    level_index: usize,
    strategy_index: usize,
) -> Mark {
    Mark {
        more_info: strategy_index >= STRATEGY_CHOICES.len(),
        provisional: outcome.provisional,
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
        judged: Vec::new(),
        level_votes: Vec::new(),
        strategy_votes: Vec::new(),
        team: None,
        plans: None,
        responses: [&outcome.child_responses, &outcome.harmed_child_responses]
            .map(|list| list.iter().map(|r| r.id.clone()).collect()),
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
    // The room's answers when it voted; a trainee's or a team's otherwise.
    let room = !mark.level_votes.is_empty();
    let (placement, strategy) = if room {
        (Msg::RoomPlacement, Msg::RoomStrategyDiscussion)
    } else {
        (Msg::YourPlacement, Msg::YourStrategyDiscussion)
    };
    let given = content.continuum.level_word_of(&mark.level_given);
    let level = content.continuum.level_word_of(&mark.level);
    let placement = placement.fill(
        lang,
        &[
            ("given", &given),
            ("mark", &tick(mark.level_right())),
            ("level", &level),
        ],
    );
    let strategy = strategy.fill(
        lang,
        &[
            ("given", &mark.strategy_given_word(lang)),
            ("mark", &tick(mark.strategy_right())),
            ("status", &mark.strategy.word(lang)),
        ],
    );
    format!(
        "{}\n{}",
        wrap(&placement, width()),
        wrap(&strategy, width())
    )
}

/// Each trainee's or team's marks: under the team's name when there are teams.
fn all_marked(content: &Content, marks: &[Mark]) -> String {
    marks
        .iter()
        .map(|mark| match &mark.team {
            Some(team) => format!(
                "{}\n{}",
                crate::say!(content.lang(), TeamHeading, team = team),
                marked(content, mark)
            ),
            None => marked(content, mark),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn feedback(
    content: &Content,
    scenario: &Scenario,
    outcome: &Outcome,
    marks: &[Mark],
    options: &QuizOptions,
) -> String {
    let (blind, trainer) = (options.blind, options.trainer);
    let lang = content.lang();
    let view = View::new(&scenario.source, content, &scenario.record, outcome);
    let mut out = format!("\n{}\n\n", all_marked(content, marks));
    for mark in marks {
        out.push_str(&judgements_and_votes(content, mark, blind));
    }
    out.push_str(&summary(&view, trainer));
    if blind {
        out.push_str(&plans_beside_responses(&view, marks));
        let changes = blind::what_would_change(content, &scenario.record, 8);
        if !changes.is_empty() {
            out.push_str(&format!("\n{}\n", Msg::WhatWouldChange.text(lang)));
            for line in changes {
                out.push_str(&wrap(&format!("  {} {line}", screen::bullet()), width()));
                out.push('\n');
            }
        }
    }
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

/// How the room split, and the judgements made blind beside the scenario's: for one mark
/// (a team's, when there are teams).
fn judgements_and_votes(content: &Content, mark: &Mark, blind: bool) -> String {
    let lang = content.lang();
    let mut out = String::new();
    if mark.team.is_some() && !mark.judged.is_empty() {
        let team = mark.team.as_deref().unwrap_or_default();
        out.push_str(&format!(
            "{}\n",
            crate::say!(lang, TeamHeading, team = team)
        ));
    }
    if !mark.level_votes.is_empty() {
        // How the room split: where the discussion starts.
        for (names, votes, said) in [
            (level_items(content), &mark.level_votes, Msg::RoomVotes),
            (
                strategy_items(lang, blind),
                &mark.strategy_votes,
                Msg::RoomVotesStrategy,
            ),
        ] {
            let split: Vec<String> = names
                .iter()
                .zip(votes.iter())
                .map(|(name, n)| format!("{name} {n}"))
                .collect();
            let line = said.fill(lang, &[("votes", &split.join(" · "))]);
            out.push_str(&wrap(&line, width()));
            out.push('\n');
        }
        out.push('\n');
    }
    if !mark.judged.is_empty() {
        out.push_str(&format!("{}\n", Msg::YourJudgements.text(lang)));
        for line in blind::judgements_marked(content, &mark.judged).lines() {
            out.push_str(&wrap(&format!("  {} {line}", screen::bullet()), width()));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// What the trainees (or each team) would do for each child, beside hsb's responses.
fn plans_beside_responses(view: &View, marks: &[Mark]) -> String {
    let said = |plan: &str, mark: &Mark| {
        let plan = if plan.is_empty() {
            view.say(Msg::PlanBlank)
        } else {
            plan
        };
        match &mark.team {
            Some(team) => crate::say!(view.lang, PlanTeam, team = team, plan = plan),
            None if !mark.level_votes.is_empty() => crate::say!(view.lang, PlanRoom, plan = plan),
            None => crate::say!(view.lang, PlanYours, plan = plan),
        }
    };
    let bullets = |lines: Vec<String>| -> String {
        lines
            .iter()
            .map(|l| {
                format!(
                    "{}\n",
                    wrap(&format!("    {} {l}", screen::bullet()), width())
                )
            })
            .collect()
    };
    let with_plans: Vec<(&blind::Plans, &Mark)> = marks
        .iter()
        .filter_map(|m| m.plans.as_ref().map(|p| (p, m)))
        .collect();
    if with_plans.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", view.say(Msg::Responses));
    out.push_str(&format!("  {}\n", view.say(Msg::ForTheChild)));
    for (plans, mark) in &with_plans {
        out.push_str(&format!(
            "{}\n",
            wrap(&format!("    {}", said(&plans.child, mark)), width())
        ));
    }
    out.push_str(&format!("    {}\n", view.say(Msg::PlanHsb)));
    out.push_str(&bullets(
        view.responses
            .child
            .iter()
            .map(|r| r.text.clone())
            .collect(),
    ));
    let section = view.other_child_section();
    let heading = section
        .clone()
        .unwrap_or_else(|| view.say(Msg::PlanOtherPrompt).to_string());
    out.push_str(&format!("  {heading}\n"));
    for (plans, mark) in &with_plans {
        out.push_str(&format!(
            "{}\n",
            wrap(&format!("    {}", said(&plans.other, mark)), width())
        ));
    }
    if section.is_none() {
        out.push_str(&format!("    {}\n", view.say(Msg::PlanNoOtherChild)));
    } else if let Some(text) = view.other_role_explained() {
        out.push_str(&format!("{}\n", wrap(&format!("    {text}"), width())));
    } else {
        out.push_str(&format!("    {}\n", view.say(Msg::PlanHsb)));
        out.push_str(&bullets(
            view.responses
                .harmed_child
                .iter()
                .map(|r| r.text.clone())
                .collect(),
        ));
    }
    out
}

/// The session's results as CSV, for the trainer's records: a row per decision (placement,
/// strategy discussion, each judgement made blind, what they would do for each child) with the
/// team, the answer given, hsb's (or the scenario's), whether they agree, and the room's votes.
/// Ids, not labels; the trainees' own words as they typed them.
pub fn results_csv(content: &Content, marks: &[Mark]) -> String {
    let mut out = blind::csv_row(&[
        "scenario", "team", "item", "given", "hsb", "agrees", "votes",
    ]);
    let yes = |b: bool| if b { "yes" } else { "no" };
    let mut level_ids: Vec<&str> = content.level_ids();
    level_ids.push(crate::content::continuum::NOT_PLACED);
    let mut strategy_ids: Vec<&str> = STRATEGY_CHOICES.iter().map(|(s, _)| s.id()).collect();
    strategy_ids.push("more_info");
    let votes = |ids: &[&str], counts: &[u32]| {
        ids.iter()
            .zip(counts)
            .map(|(id, n)| format!("{id}={n}"))
            .collect::<Vec<_>>()
            .join(";")
    };
    for m in marks {
        let strategy_given = if m.more_info {
            "more_info"
        } else {
            m.strategy_given.id()
        };
        let team = m.team.as_deref().unwrap_or_default();
        let mut row = |item: &str, given: &str, hsb: &str, agrees: &str, votes: &str| {
            out.push_str(&blind::csv_row(&[
                &m.title, team, item, given, hsb, agrees, votes,
            ]));
        };
        row(
            "level",
            &m.level_given,
            &m.level,
            yes(m.level_right()),
            &votes(&level_ids, &m.level_votes),
        );
        row(
            "strategy_discussion",
            strategy_given,
            m.strategy.id(),
            yes(m.strategy_right()),
            &votes(&strategy_ids, &m.strategy_votes),
        );
        for j in &m.judged {
            let unknown = crate::content::answer::UNKNOWN;
            row(
                &j.field,
                j.given.as_deref().unwrap_or(unknown),
                j.scenario.as_deref().unwrap_or(unknown),
                yes(j.right()),
                "",
            );
        }
        // Words beside a list: whether they agree is for the room to discuss.
        if let Some(plans) = &m.plans {
            let [child, other] = &m.responses;
            row("responses_child", &plans.child, &child.join(";"), "", "");
            row(
                "responses_other_child",
                &plans.other,
                &other.join(";"),
                "",
                "",
            );
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
                // The team first, so that it is on the same line of every row.
                match &m.team {
                    Some(team) => format!(
                        "{}\n{}",
                        crate::say!(lang, TeamHeading, team = team),
                        m.title
                    ),
                    None => m.title.clone(),
                },
                format!(
                    "{} / {}\n{}",
                    content.continuum.level_word_of(&m.level_given),
                    content.continuum.level_word_of(&m.level),
                    yes(m.level_right())
                ),
                format!(
                    "{} / {}\n{}",
                    m.strategy_given_word(lang),
                    m.strategy.word(lang),
                    yes(m.strategy_right())
                ),
            ]
        })
        .collect();
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
        totals(lang, marks),
        wrap(Msg::DifferentIsAPrompt.text(lang), width()),
    )
}

/// A line of totals for each team (in the order they answered), or one for the trainee.
fn totals(lang: Lang, marks: &[Mark]) -> String {
    let mut teams: Vec<Option<&str>> = Vec::new();
    for m in marks {
        if !teams.contains(&m.team.as_deref()) {
            teams.push(m.team.as_deref());
        }
    }
    teams
        .iter()
        .map(|team| {
            let theirs: Vec<&Mark> = marks
                .iter()
                .filter(|m| m.team.as_deref() == *team)
                .collect();
            let line = crate::say!(
                lang,
                ScoresSummary,
                levels = theirs.iter().filter(|m| m.level_right()).count(),
                n = theirs.len(),
                strategies = theirs.iter().filter(|m| m.strategy_right()).count()
            );
            match team {
                Some(team) => format!("{}: {line}", crate::say!(lang, TeamHeading, team = team)),
                None => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
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
