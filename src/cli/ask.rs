//! Asking for the case record after the result: the assessor's role and agency, the
//! practitioner's own judgement (a deliberate choice, never a default), and the actions taken.

use crate::cli::interview::{Prompter, Stop};
use crate::content::Content;
use crate::content::case_record::{RecordedAction, Term, Terms, When};
use crate::content::continuum::StrategyStatus;
use crate::engine::Outcome;
use crate::record::{Assessment, Judgement, Record};
use crate::text::messages::Msg;
use crate::text::screen;

/// Ask for everything the case record holds, and put it in `record`.
pub fn ask(
    p: &mut dyn Prompter,
    content: &Content,
    record: &mut Record,
    outcome: &Outcome,
) -> Result<(), Stop> {
    let lang = content.lang();
    let terms = Terms::builtin(lang);
    p.show(&format!(
        "\n{}\n{}",
        screen::rule('─'),
        screen::fit(Msg::RecordTheCaseIntro.text(lang))
    ));
    // Esc goes back one step (from the first, out to the menu); nothing is recorded until the
    // last step is done.
    let earlier = record.assessment.clone().unwrap_or_default();
    let (mut role, mut agency) = (earlier.role, earlier.agency);
    let mut judgement = record.judgement.clone();
    let mut actions = record.actions.clone();
    let mut step = 0;
    while step < 4 {
        let done = match step {
            0 => choose_term(p, Msg::RolePrompt, &terms.roles, role.as_deref(), content)
                .map(|chosen| role = chosen),
            1 => choose_term(
                p,
                Msg::AgencyPrompt,
                &terms.agencies,
                agency.as_deref(),
                content,
            )
            .map(|chosen| agency = chosen),
            2 => ask_judgement(p, content, outcome, judgement.clone()).map(|j| judgement = j),
            _ => ask_actions(p, content, terms, &mut actions),
        };
        match done {
            Ok(()) => step += 1,
            Err(Stop::Back) if step == 0 => return Err(Stop::Back),
            Err(Stop::Back) => step -= 1,
            Err(stop) => return Err(stop),
        }
    }
    record.assessment = Some(Assessment {
        at: Some(When::now().to_string()),
        role,
        agency,
    });
    record.judgement = judgement;
    record.actions = actions;
    Ok(())
}

/// One of `terms`, or "Not known yet" (the default unless an earlier answer is kept).
fn choose_term(
    p: &mut dyn Prompter,
    prompt: Msg,
    terms: &[Term],
    earlier: Option<&str>,
    content: &Content,
) -> Result<Option<String>, Stop> {
    let lang = content.lang();
    let mut items: Vec<String> = terms.iter().map(|t| t.label.clone()).collect();
    items.push(Msg::ValueNotRecorded.text(lang).to_string());
    let default = earlier
        .and_then(|id| terms.iter().position(|t| t.id == id))
        .unwrap_or(terms.len());
    let index = p.select(prompt.text(lang), &items, Some(default))?;
    Ok(terms.get(index).map(|t| t.id.clone()))
}

/// Agree, differ (with their own placement, status and reason), or decide later. The highlighted
/// choice records nothing new, so pressing Enter never records a judgement nobody made.
fn ask_judgement(
    p: &mut dyn Prompter,
    content: &Content,
    outcome: &Outcome,
    earlier: Option<Judgement>,
) -> Result<Option<Judgement>, Stop> {
    let lang = content.lang();
    let continuum = &content.continuum;
    let width = screen::width();
    let hsb_level = continuum.placement_id(outcome.level).to_string();
    let hsb_status = outcome.strategy.status;
    // The level as Welsh names it inside a sentence ("ar y lefel gamdriniol").
    let intro = match outcome.level {
        Some(level) => crate::say!(
            lang,
            JudgementIntro,
            level = continuum.level_in_sentence(level),
            status = hsb_status.word(lang)
        ),
        None => crate::say!(
            lang,
            JudgementIntroNotPlaced,
            status = hsb_status.word(lang)
        ),
    };
    p.show(&format!("\n{}", screen::wrap(&intro, width)));
    if let Some(j) = &earlier {
        let status = StrategyStatus::from_id(&j.strategy_discussion).map_or_else(
            || j.strategy_discussion.clone(),
            |s| s.word(lang).to_string(),
        );
        p.show(&screen::wrap(
            &crate::say!(
                lang,
                EarlierJudgement,
                level = continuum.level_word_of(&j.level),
                status = status
            ),
            width,
        ));
    }
    let later = if earlier.is_some() {
        Msg::JudgementChoiceKeep
    } else {
        Msg::JudgementChoiceLater
    };
    let items = [Msg::JudgementChoiceAgree, Msg::JudgementChoiceDiffer, later]
        .map(|m| m.text(lang).to_string());
    match p.select(Msg::JudgementPrompt.text(lang), &items, Some(2))? {
        0 => Ok(Some(Judgement {
            agrees: true,
            level: hsb_level,
            strategy_discussion: hsb_status.id().to_string(),
            reason: None,
        })),
        1 => ask_difference(p, content, outcome, earlier.as_ref()).map(Some),
        _ => Ok(earlier),
    }
}

/// The practitioner's own placement and status, starting from their earlier judgement (if
/// any, else hsb's), and their reason when it differs from hsb's.
fn ask_difference(
    p: &mut dyn Prompter,
    content: &Content,
    outcome: &Outcome,
    earlier: Option<&Judgement>,
) -> Result<Judgement, Stop> {
    let lang = content.lang();
    let continuum = &content.continuum;
    let hsb_level = continuum.placement_id(outcome.level);
    let hsb_status = outcome.strategy.status;
    let start_level = earlier
        .and_then(|j| continuum.index_of(&j.level))
        .or(outcome.level)
        .unwrap_or(continuum.levels.len());
    let start_status = earlier
        .and_then(|j| StrategyStatus::from_id(&j.strategy_discussion))
        .unwrap_or(hsb_status);
    // The levels, then "not yet placed".
    let mut levels: Vec<String> = continuum.levels.iter().map(|l| l.label.clone()).collect();
    levels.push(continuum.not_placed.label.clone());
    let level_index = p.select(Msg::YourLevelPrompt.text(lang), &levels, Some(start_level))?;
    let level = continuum.placement_id(Some(level_index)).to_string();
    let statuses: Vec<String> = StrategyStatus::ALL.iter().map(|s| s.label(lang)).collect();
    let current = StrategyStatus::ALL
        .iter()
        .position(|s| *s == start_status)
        .unwrap_or(0);
    let status = StrategyStatus::ALL
        .get(p.select(Msg::YourStatusPrompt.text(lang), &statuses, Some(current))?)
        .copied()
        .unwrap_or(hsb_status);
    if level == hsb_level && status == hsb_status {
        p.show(Msg::JudgementSameAsHsb.text(lang));
        return Ok(Judgement {
            agrees: true,
            level,
            strategy_discussion: status.id().to_string(),
            reason: None,
        });
    }
    p.show(&screen::wrap(
        Msg::JudgementReasonIntro.text(lang),
        screen::width(),
    ));
    let earlier_reason = earlier.and_then(|j| j.reason.clone()).unwrap_or_default();
    let reason = p.input(
        Msg::JudgementReasonPrompt.text(lang),
        &earlier_reason,
        &|text| {
            if text.trim().is_empty() {
                Err(Msg::JudgementReasonRequired.text(lang).to_string())
            } else {
                Ok(())
            }
        },
    )?;
    Ok(Judgement {
        agrees: false,
        level,
        strategy_discussion: status.id().to_string(),
        reason: Some(reason.trim().to_string()),
    })
}

/// Actions one at a time, each with when (now, unless changed) and an optional note, until the
/// practitioner chooses to finish (the highlighted choice).
fn ask_actions(
    p: &mut dyn Prompter,
    content: &Content,
    terms: &Terms,
    actions: &mut Vec<RecordedAction>,
) -> Result<(), Stop> {
    let lang = content.lang();
    let width = screen::width();
    let finish = Msg::ActionFinish.text(lang);
    p.show(&format!(
        "\n{}",
        screen::wrap(&crate::say!(lang, ActionsIntro, finish = finish), width)
    ));
    if !actions.is_empty() {
        p.show(&crate::say!(lang, EarlierActions, count = actions.len()));
    }
    let mut items = vec![finish.to_string()];
    items.extend(terms.actions.iter().map(|a| a.label.clone()));
    loop {
        let choice = p.select(Msg::ActionPrompt.text(lang), &items, Some(0))?;
        let Some(action) = choice.checked_sub(1).and_then(|i| terms.actions.get(i)) else {
            return Ok(());
        };
        let (now, shown_now) = local_now();
        let typed = p.input(Msg::ActionWhenPrompt.text(lang), &shown_now, &|text| {
            taken_by_now(text, lang)
        });
        // Esc while adding an action: back to the list of actions, without it.
        let typed = match typed {
            Err(Stop::Back) => continue,
            other => other?,
        };
        let at = When::parse_local(&typed).unwrap_or(now).to_string();
        let note = match p.input(Msg::ActionNotePrompt.text(lang), "", &|_| Ok(())) {
            Err(Stop::Back) => continue,
            other => other?,
        };
        let note = note.trim();
        actions.push(RecordedAction {
            action: action.id.clone(),
            at,
            note: (!note.is_empty()).then(|| note.to_string()),
        });
    }
}

/// The time now, and as the practitioner types it (local time).
fn local_now() -> (When, String) {
    let now = When::now();
    let shown = now
        .offset
        .to_datetime(now.timestamp)
        .strftime("%Y-%m-%d %H:%M");
    (now, shown.to_string())
}

/// Whether `text` is a time an action already taken can have: a date and time, and not after
/// the moment it is given (a few minutes allowed for a slow clock).
fn taken_by_now(text: &str, lang: crate::text::lang::Lang) -> Result<(), String> {
    let when =
        When::parse_local(text).map_err(|_| Msg::ActionWhenInvalid.text(lang).to_string())?;
    let (now, shown_now) = local_now();
    let latest = now
        .timestamp
        .checked_add(jiff::SignedDuration::from_mins(5))
        .unwrap_or(now.timestamp);
    if when.timestamp > latest {
        return Err(crate::say!(lang, ActionWhenFuture, now = shown_now));
    }
    Ok(())
}
