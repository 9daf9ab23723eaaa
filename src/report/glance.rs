//! The result at a glance: what a practitioner needs first, on one 80x24 screen with room for
//! the menu below it, in either language. The placement, the strategy-discussion status and its
//! first step, the first responses for each child and what to clarify; the full result is one
//! choice away.
//!
//! Every part has a fixed number of lines and is cut with "…" beyond them, so that the whole
//! never grows past [`LINES`], whatever the language or the answers.

use super::{ResponseView, View};
use crate::text::messages::Msg;
use crate::text::screen;

/// The most lines the glance takes, leaving a 24-line screen room for a menu of four choices.
pub const LINES: usize = 18;
/// Responses shown for each child.
const RESPONSES: usize = 2;

/// The glance, wrapped to `width`. Plain output draws no bar and uses no symbols.
pub fn render(view: &View, width: usize, plain: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let heading = crate::say!(view.lang, GlanceHeading, heading = view.heading());
    out.extend(clip(&heading, width, 1));
    out.extend(clip(view.say(Msg::GlanceSupport), width, 2));
    if !plain {
        // The continuum with the placement marked: it fits 80 columns in both languages.
        out.extend(super::continuum_bar(view).lines().map(str::to_string));
    }
    let provisional = if view.provisional {
        format!(" ({})", view.say(Msg::ProvisionalSeeClarify))
    } else {
        String::new()
    };
    let placement = format!(
        "{}: {}{provisional}",
        view.say(Msg::Placement),
        view.level_label.to_uppercase()
    );
    out.extend(clip(&placement, width, 2));
    let sd = &view.strategy_discussion;
    let strategy = format!(
        "{}. {}",
        crate::say!(view.lang, StrategyDiscussionHeading, status = sd.label),
        sd.summary.trim()
    );
    out.extend(clip(&strategy, width, 2));
    out.push(view.say(Msg::ForTheChild).to_string());
    out.extend(first_responses(view, &view.responses.child, width));
    match view.other_child {
        Some(false) => out.push(view.say(Msg::NoOtherChild).to_string()),
        _ => {
            out.extend(clip(view.say(view.other_child_heading()), width, 1));
            match view.other_role_explained() {
                Some(text) => out.extend(clip(text, width, RESPONSES)),
                None => out.extend(first_responses(view, &view.responses.harmed_child, width)),
            }
        }
    }
    if !view.clarify.is_empty() {
        // Each by its short label, without ids: the full result has the details.
        let items: Vec<&str> = view
            .clarify
            .iter()
            .map(|c| c.label.as_deref().unwrap_or(c.text.as_str()))
            .collect();
        let line = crate::say!(
            view.lang,
            GlanceClarify,
            count = items.len(),
            items = items.join("; ")
        );
        out.extend(clip(&line, width, 2));
    }
    out.truncate(LINES);
    out.join("\n")
}

/// The first responses for one child, one line each, and how many more there are.
fn first_responses(view: &View, list: &[ResponseView], width: usize) -> Vec<String> {
    if list.is_empty() {
        return vec![format!("  {}", view.say(Msg::NoneSentence))];
    }
    let mut lines: Vec<String> = list
        .iter()
        .take(RESPONSES)
        .enumerate()
        .map(|(i, r)| screen::truncate(&format!("  {}. {}", i + 1, r.text.trim()), width))
        .collect();
    if list.len() > RESPONSES {
        let more = crate::say!(view.lang, GlanceMore, count = (list.len() - RESPONSES));
        if let Some(last) = lines.last_mut() {
            // "… and 3 more" goes on the last line rather than a line of its own.
            let room = width.saturating_sub(textwrap::core::display_width(&more) + 1);
            *last = format!("{} {more}", screen::truncate(last, room));
        }
    }
    lines
}

/// `text` wrapped to `width`, at most `max` lines, the last cut with "…" when there is more.
fn clip(text: &str, width: usize, max: usize) -> Vec<String> {
    let wrapped = screen::wrap(text.trim(), width);
    let mut lines: Vec<String> = wrapped.lines().map(str::to_string).collect();
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = screen::truncate(&format!("{last} …"), width);
        }
    }
    lines
}
