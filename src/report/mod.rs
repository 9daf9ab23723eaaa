//! Rendering an outcome: one view of the result, drawn as a table, JSON or Markdown.
//!
//! [`View`] gathers everything a result says in display-ready form, so the three formats cannot
//! disagree about what was concluded.

pub mod case;
pub mod document;
pub mod glance;
pub mod handout;
pub mod html;
mod json;
mod markdown;
pub mod material;
pub mod summary;
mod table;
mod text;
mod wording;

use crate::content::Content;
use crate::content::questions::{FieldKind, QuestionSet};
use crate::engine::{Outcome, Recommended};
use crate::text::lang::Lang;
use crate::text::messages::Msg;
use crate::{content::answer::Answer, record::Record};
use serde::Serialize;

pub use json::render as json;
pub use markdown::render as markdown;
pub use table::render as table;
pub use table::{WIDTH as TABLE_WIDTH, continuum_bar, grid, plain_grid, strategy_box, wrap};
pub use text::render as text;

/// The formats a report for a case file can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Markdown.
    Markdown,
    /// Plain text wrapped at 80 columns, to paste into a case-management system.
    Text,
    /// A self-contained HTML page that prints to PDF (A4).
    Html,
}

impl ReportFormat {
    /// The format a file name implies: `.md`, `.txt` or `.html`.
    pub fn for_path(path: &std::path::Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "txt" | "text" => Some(ReportFormat::Text),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    /// The usual file extension of a report in this format.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Text => "txt",
            ReportFormat::Html => "html",
        }
    }

    /// The report of one result in this format.
    pub fn render(self, view: &View) -> String {
        match self {
            ReportFormat::Markdown => markdown::render(view),
            ReportFormat::Text => text::render(view),
            ReportFormat::Html => html::page(std::slice::from_ref(view)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// The language of the texts below (`en` or `cy`); ids and keys never change with it.
    pub lang: Lang,
    /// Until the Welsh is signed off by a reviewer, Welsh results say so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_notice: Option<String>,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_ref: Option<String>,
    /// The level's id; `null` when not yet placed.
    pub level: Option<String>,
    pub level_label: String,
    /// Every level id, least concerning first, for drawing the continuum.
    #[serde(skip)]
    pub levels: Vec<(String, String)>,
    #[serde(skip)]
    pub level_summary: String,
    pub provisional: bool,
    pub strategy_discussion: StrategyView,
    pub rules: Vec<RuleView>,
    pub responses: ResponsesView,
    /// `yes`, `no` or `unknown`: whether another child was involved.
    pub other_child_involved: &'static str,
    /// Whether another child was involved: `None` when not known.
    #[serde(skip)]
    pub other_child: Option<bool>,
    /// Who the other person is: `harmed` (something shows harm or its risk), `involved`
    /// (nothing shows harm), `adult` (an adult the behaviour was aimed at), `acted_on_child` (an
    /// adult or unknown contact who groomed, extorted or sought images from the child), or `none`.
    pub other_child_role: &'static str,
    #[serde(skip)]
    pub other_role: crate::engine::OtherRole,
    pub clarify: Vec<ClarifyView>,
    /// The case record: when, by whom, the practitioner's judgement, actions and what is due.
    #[serde(flatten)]
    pub case: case::CaseView,
    pub rule_set: RuleSetView,
    pub notice: String,
    #[serde(skip)]
    pub answers: Vec<QuestionAnswers>,
    #[serde(skip)]
    pub teaching_notes: Option<String>,
    /// What happened, as described (for a worksheet).
    #[serde(skip)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StrategyView {
    pub status: &'static str,
    #[serde(skip)]
    pub label: String,
    pub summary: String,
    pub reasons: Vec<ReasonView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    pub rule: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub id: String,
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy_discussion: Option<&'static str>,
    /// The level and strategy-discussion status the rule sets, in words.
    #[serde(skip)]
    pub effects: Vec<String>,
    pub reason: String,
    pub source: String,
    pub answers: Vec<AnswerView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub field: String,
    pub value: serde_json::Value,
    #[serde(skip)]
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponsesView {
    pub child: Vec<ResponseView>,
    pub harmed_child: Vec<ResponseView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponseView {
    pub id: String,
    pub text: String,
    pub from: String,
    /// Where the response comes from, in words: "abusive level" or "rule coercion".
    #[serde(skip)]
    pub from_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClarifyView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The field's short label ("Threats, bribes or force"), for a one-line list.
    #[serde(skip)]
    pub label: Option<String>,
    pub text: String,
    pub because: Vec<String>,
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleSetView {
    pub name: String,
    pub version: String,
    pub sha256: String,
}

/// The answers to one question, for reports.
#[derive(Debug, Clone)]
pub struct QuestionAnswers {
    pub number: u32,
    pub text: String,
    pub answers: Vec<(String, String)>,
}

impl View {
    pub fn new(source: &str, content: &Content, record: &Record, outcome: &Outcome) -> Self {
        let continuum = &content.continuum;
        let questions = &content.questions;
        let lang = content.lang();
        let level = outcome.level.and_then(|l| continuum.level(l));
        let responses =
            |list: &[Recommended]| list.iter().map(|r| wording::response(content, r)).collect();
        View {
            lang,
            review_notice: content.review_notice().map(str::to_string),
            source: source.to_string(),
            title: record.title.clone(),
            case_ref: record.case_ref.clone(),
            level: level.map(|l| l.id.clone()),
            level_label: continuum.placement_label(outcome.level).to_string(),
            levels: continuum
                .levels
                .iter()
                .map(|l| (l.id.clone(), l.label.clone()))
                .collect(),
            level_summary: match (level, outcome.other_role) {
                (Some(l), _) => l.summary.clone(),
                (None, crate::engine::OtherRole::ActedOnChild) => {
                    Msg::NotPlacedActedOnChild.text(lang).trim().to_string()
                }
                (None, _) => continuum.not_placed.summary.clone(),
            },
            provisional: outcome.provisional,
            strategy_discussion: StrategyView {
                status: outcome.strategy.status.id(),
                label: outcome.strategy.status.label(lang),
                summary: continuum
                    .strategy_discussion
                    .for_status(outcome.strategy.status)
                    .trim()
                    .to_string(),
                reasons: outcome
                    .strategy
                    .reasons
                    .iter()
                    .map(|r| wording::reason(content, r))
                    .collect(),
            },
            rules: outcome
                .fired
                .iter()
                .map(|f| wording::rule(content, record, f))
                .collect(),
            responses: ResponsesView {
                child: responses(&outcome.child_responses),
                harmed_child: responses(&outcome.harmed_child_responses),
            },
            other_child: outcome.other_child,
            other_child_involved: match outcome.other_child {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unknown",
            },
            other_child_role: outcome.other_role.id(),
            other_role: outcome.other_role,
            clarify: outcome
                .clarify
                .iter()
                .map(|c| wording::clarify(content, c))
                .collect(),
            case: case::CaseView::new(content, record, outcome),
            rule_set: RuleSetView {
                name: content.rule_set.name.clone(),
                version: content.rule_set.version.clone(),
                sha256: content.rule_set.sha256.clone(),
            },
            notice: continuum.notice.trim().to_string(),
            answers: answers_by_question(questions, record),
            teaching_notes: record.teaching_notes.clone(),
            description: match record.answers.get("what_happened.description") {
                Some(Answer::Text(text)) => Some(text.trim().to_string()),
                _ => None,
            },
        }
    }

    /// The name to head the result with: the title, else the case reference, else the file.
    pub fn heading(&self) -> String {
        match (&self.title, &self.case_ref) {
            (Some(title), _) => title.clone(),
            (None, Some(case_ref)) => crate::say!(self.lang, CaseHeading, case = case_ref),
            (None, None) => self.source.clone(),
        }
    }

    /// The heading for the other person's responses: "the child harmed" only where something
    /// shows harm or its risk; otherwise "the other child involved"; for an adult, that no
    /// child-harmed actions are aimed at them.
    pub fn other_child_heading(&self) -> Msg {
        match self.other_role {
            crate::engine::OtherRole::Harmed => Msg::ForTheHarmedChild,
            crate::engine::OtherRole::Adult => Msg::OtherPersonAdult,
            crate::engine::OtherRole::ActedOnChild => Msg::OtherPersonActedOnChild,
            _ => Msg::ForTheOtherChild,
        }
    }

    /// The heading for the other person's responses, noting when it is not known whether
    /// anyone else was involved; `None` when nobody else was.
    pub fn other_child_section(&self) -> Option<String> {
        let note = match self.other_child {
            Some(false) => return None,
            None => format!(" ({})", self.say(Msg::IfAnotherChildUnknown)),
            Some(true) => String::new(),
        };
        Some(format!("{}{note}", self.say(self.other_child_heading())))
    }

    /// For an adult or someone who acted on the child, why no actions for a child harmed are
    /// given; `None` for a child.
    pub fn other_role_explained(&self) -> Option<&'static str> {
        match self.other_role {
            crate::engine::OtherRole::Adult => Some(self.say(Msg::OtherPersonAdultExplained)),
            crate::engine::OtherRole::ActedOnChild => {
                Some(self.say(Msg::OtherPersonActedOnChildExplained))
            }
            _ => None,
        }
    }

    /// Whether the behaviour is placed on the continuum.
    pub fn is_placed(&self) -> bool {
        self.level.is_some()
    }

    /// "Rule set: <name> <version>", in the result's language.
    pub fn rule_set_line(&self) -> String {
        crate::say!(
            self.lang,
            RuleSetLine,
            name = self.rule_set.name,
            version = self.rule_set.version
        )
    }

    /// An interface message in the result's language.
    pub fn say(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }
}

pub(super) fn answer_view(questions: &QuestionSet, record: &Record, key: &str) -> AnswerView {
    let answer = record.answers.get(key);
    let value = match answer {
        Some(Answer::Text(t)) => serde_json::Value::String(t.clone()),
        Some(Answer::Choice(c)) => serde_json::Value::String(c.clone()),
        Some(Answer::List(items)) => serde_json::Value::Array(
            items
                .iter()
                .cloned()
                .map(serde_json::Value::String)
                .collect(),
        ),
        Some(Answer::Number(n)) => serde_json::Value::Number((*n).into()),
        None => serde_json::Value::String("unknown".to_string()),
    };
    AnswerView {
        field: key.to_string(),
        value,
        label: display_answer(questions, key, answer),
    }
}

/// An answer in the practitioner's words (labels, not ids).
pub fn display_answer(questions: &QuestionSet, key: &str, answer: Option<&Answer>) -> String {
    let Some(field) = questions.field(key) else {
        return String::new();
    };
    let lang = questions.lang;
    match answer {
        None if matches!(field.kind, FieldKind::Text) => Msg::NoneRecorded.text(lang).to_string(),
        None => Msg::NotKnownYet.text(lang).to_string(),
        Some(Answer::Text(t)) => t.trim().to_string(),
        Some(Answer::Choice(c)) => field.label_of(c, lang).to_string(),
        Some(Answer::List(items)) if items.is_empty() => Msg::WordNone.text(lang).to_string(),
        Some(Answer::List(items)) => items
            .iter()
            .map(|i| field.label_of(i, lang))
            .collect::<Vec<_>>()
            .join("; "),
        Some(Answer::Number(n)) => n.to_string(),
    }
}

fn answers_by_question(questions: &QuestionSet, record: &Record) -> Vec<QuestionAnswers> {
    let facts = crate::record::facts::Facts::new(questions, record);
    questions
        .questions
        .iter()
        .map(|q| QuestionAnswers {
            number: q.number,
            text: q.text.clone(),
            answers: q
                .fields
                .iter()
                .filter(|f| facts.applies(&f.key))
                .map(|f| {
                    (
                        f.prompt.clone(),
                        display_answer(questions, &f.key, record.answers.get(&f.key)),
                    )
                })
                .collect(),
        })
        .collect()
}
