//! Handouts for a course: a worksheet per case (the description and a blank Appendix 3 grid, so
//! trainees make the judgements), and the trainer's key (placements, reasons and responses).
//! Both as Markdown, or as print-ready HTML (A4, a worksheet per page).

use super::View;
use super::document::{self, Block};
use crate::text::messages::Msg;

/// One case's worksheet: no placement, no answers beyond the description, and no title (a
/// title such as "… sexually assaulted" would make the judgement for the trainee). The key
/// gives each case's title beside its number.
pub fn worksheet(view: &View, number: usize) -> Vec<Block> {
    let mut doc = vec![
        Block::Title(crate::say!(view.lang, WorksheetTitle, number = number)),
        Block::Para(view.say(Msg::WorksheetIntro).to_string()),
        Block::Heading(view.say(Msg::WorksheetDescription).to_string()),
    ];
    doc.extend(document::paragraphs(
        view.description.as_deref().unwrap_or_default(),
    ));
    doc.push(Block::Heading(view.say(Msg::WorksheetGrid).to_string()));
    doc.push(Block::Grid {
        header: vec![
            view.say(Msg::WorksheetColumnQuestion).to_string(),
            view.say(Msg::WorksheetColumnKnown).to_string(),
            view.say(Msg::WorksheetColumnFindOut).to_string(),
        ],
        rows: view
            .answers
            .iter()
            .map(|q| format!("{}. {}", q.number, q.text))
            .collect(),
    });
    doc.push(Block::Heading(view.say(Msg::WorksheetDecide).to_string()));
    doc.push(Block::Blanks(
        [
            Msg::WorksheetYourLevel,
            Msg::WorksheetYourStrategy,
            Msg::WorksheetForTheChild,
            Msg::WorksheetForTheOther,
        ]
        .iter()
        .map(|m| view.say(*m).to_string())
        .collect(),
    ));
    doc.push(Block::Footer(view.notice.clone()));
    doc
}

/// One case's entry in the trainer's key, kept short: the placement, the strategy discussion
/// and why, the rules that fired, the responses for each child, and the teaching notes.
pub fn key(view: &View, number: usize) -> Vec<Block> {
    let title = view.title.clone().unwrap_or_else(|| view.heading());
    let mut doc = vec![Block::Title(crate::say!(
        view.lang,
        KeyTitle,
        number = number,
        title = title
    ))];
    document::placement(view, &mut doc);
    document::strategy_heading(view, &mut doc);
    document::clarify(view, &mut doc);
    doc.push(Block::Heading(
        view.say(Msg::WhyTheRulesThatFired).to_string(),
    ));
    doc.push(Block::Bullets(
        view.rules
            .iter()
            .map(|r| format!("{} (`{}`)", r.reason, r.id))
            .collect(),
    ));
    doc.push(Block::Heading(view.say(Msg::Responses).to_string()));
    doc.push(Block::Subheading(view.say(Msg::ForTheChild).to_string()));
    doc.push(Block::Bullets(
        view.responses
            .child
            .iter()
            .map(|r| r.text.clone())
            .collect(),
    ));
    if let Some(heading) = view.other_child_section() {
        doc.push(Block::Subheading(heading));
        match view.other_role_explained() {
            Some(text) => doc.push(Block::Para(text.to_string())),
            None => doc.push(Block::Bullets(
                view.responses
                    .harmed_child
                    .iter()
                    .map(|r| r.text.clone())
                    .collect(),
            )),
        }
    }
    if let Some(notes) = &view.teaching_notes {
        doc.push(Block::Heading(view.say(Msg::TeachingNotes).to_string()));
        doc.extend(document::paragraphs(notes));
    }
    doc
}

/// Worksheets for every case, one per page, as Markdown (a page break between cases) or HTML.
pub fn worksheets(views: &[View], html: bool) -> String {
    let cases: Vec<Vec<Block>> = views
        .iter()
        .enumerate()
        .map(|(i, v)| worksheet(v, i + 1))
        .collect();
    gather(views, cases, html, "worksheet", Msg::WorksheetsTitle)
}

/// The trainer's key for every case, as Markdown or HTML, with the notice first.
pub fn keys(views: &[View], html: bool) -> String {
    let mut cases: Vec<Vec<Block>> = views
        .iter()
        .enumerate()
        .map(|(i, v)| key(v, i + 1))
        .collect();
    if let (Some(first), Some(view)) = (cases.first_mut(), views.first()) {
        first.insert(0, Block::Notice(view.notice.clone()));
        if let Some(notice) = &view.review_notice {
            first.insert(0, Block::Notice(notice.clone()));
        }
    }
    gather(views, cases, html, "key", Msg::KeyPageTitle)
}

fn gather(views: &[View], cases: Vec<Vec<Block>>, html: bool, class: &str, title: Msg) -> String {
    let lang = views
        .first()
        .map_or(crate::text::lang::Lang::En, |v| v.lang);
    if html {
        return super::html::blocks_page(lang.code(), title.text(lang), class, &cases);
    }
    let pages: Vec<String> = cases
        .iter()
        .map(|blocks| super::markdown::blocks(blocks))
        .collect();
    let separator = if class == "worksheet" {
        "\n---\n\n<div style=\"page-break-after: always\"></div>\n\n"
    } else {
        "\n---\n\n"
    };
    pages.join(separator)
}
