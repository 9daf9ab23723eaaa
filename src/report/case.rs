//! The case record in a result: when and by whom the assessment was made, the practitioner's
//! judgement beside hsb's, the actions taken and what they make due.

use crate::content::Content;
use crate::content::case_record::{Terms, When};
use crate::content::continuum::StrategyStatus;
use crate::engine::Outcome;
use crate::record::Record;
use crate::text::messages::Msg;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct CaseView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<AssessmentView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgement: Option<JudgementView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionView>,
    /// What the actions make due, and by when.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub due: Vec<DueView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    pub at: Option<String>,
    #[serde(skip)]
    pub at_text: Option<String>,
    pub role: Option<String>,
    pub role_label: Option<String>,
    pub agency: Option<String>,
    pub agency_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JudgementView {
    /// Whether the practitioner agreed with hsb's placement and strategy discussion.
    pub agrees: bool,
    pub level: String,
    pub level_label: String,
    pub strategy_discussion: String,
    pub strategy_discussion_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether the practitioner's placement and status are the ones hsb gives now.
    pub same_as_hsb: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub action: String,
    pub label: String,
    pub at: String,
    #[serde(skip)]
    pub at_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DueView {
    pub follow_up: String,
    pub text: String,
    /// The action that made it due.
    pub after: String,
    #[serde(skip)]
    pub after_label: String,
    pub by: String,
    #[serde(skip)]
    pub by_text: String,
    pub done: Option<String>,
    #[serde(skip)]
    pub done_text: Option<String>,
}

impl CaseView {
    pub fn new(content: &Content, record: &Record, outcome: &Outcome) -> CaseView {
        let lang = content.lang();
        let terms = Terms::builtin(lang);
        let continuum = &content.continuum;
        let assessment = record.assessment.as_ref().map(|a| AssessmentView {
            at: a.at.clone(),
            at_text: a.at.as_deref().map(When::readable),
            role: a.role.clone(),
            role_label: a
                .role
                .as_deref()
                .map(|id| Terms::label_of(&terms.roles, id).to_string()),
            agency: a.agency.clone(),
            agency_label: a
                .agency
                .as_deref()
                .map(|id| Terms::label_of(&terms.agencies, id).to_string()),
        });
        let hsb_level = continuum.placement_id(outcome.level);
        let judgement = record.judgement.as_ref().map(|j| JudgementView {
            agrees: j.agrees,
            level: j.level.clone(),
            level_label: if j.level == crate::content::continuum::NOT_PLACED {
                continuum.not_placed.label.clone()
            } else {
                continuum
                    .index_of(&j.level)
                    .and_then(|i| continuum.level(i))
                    .map_or_else(|| j.level.clone(), |l| l.label.clone())
            },
            strategy_discussion: j.strategy_discussion.clone(),
            strategy_discussion_label: StrategyStatus::from_id(&j.strategy_discussion)
                .map_or_else(|| j.strategy_discussion.clone(), |s| s.label(lang)),
            reason: j.reason.clone(),
            same_as_hsb: hsb_level == j.level
                && outcome.strategy.status.id() == j.strategy_discussion,
        });
        let action_label = |id: &str| {
            terms
                .action(id)
                .map_or_else(|| id.to_string(), |a| a.label.clone())
        };
        let actions = record
            .actions
            .iter()
            .map(|a| ActionView {
                action: a.action.clone(),
                label: action_label(&a.action),
                at: a.at.clone(),
                at_text: When::readable(&a.at),
                note: a.note.clone(),
            })
            .collect();
        let due = terms
            .due(&record.actions)
            .into_iter()
            .map(|d| DueView {
                after_label: action_label(&d.after),
                by_text: When::readable(&d.by),
                done_text: d.done.as_deref().map(When::readable),
                follow_up: d.follow_up,
                text: d.text,
                after: d.after,
                by: d.by,
                done: d.done,
            })
            .collect();
        CaseView {
            assessment,
            judgement,
            actions,
            due,
        }
    }

    /// Whether the record says anything about its case.
    pub fn is_empty(&self) -> bool {
        self.assessment.is_none() && self.judgement.is_none() && self.actions.is_empty()
    }
}

impl super::View {
    /// The facts of the assessment: when, by which role, in which agency.
    pub fn assessment_facts(&self) -> Vec<String> {
        let Some(a) = &self.case.assessment else {
            return Vec::new();
        };
        let or_not = |v: &Option<String>| {
            v.clone()
                .unwrap_or_else(|| self.say(Msg::NotRecorded).to_string())
        };
        vec![
            crate::say!(self.lang, AssessedAtLine, at = or_not(&a.at_text)),
            crate::say!(self.lang, AssessorRoleLine, role = or_not(&a.role_label)),
            crate::say!(self.lang, AgencyLine, agency = or_not(&a.agency_label)),
        ]
    }

    /// hsb's placement and strategy discussion beside the practitioner's: a header and two rows.
    pub fn judgement_table(&self, j: &JudgementView) -> (Vec<String>, Vec<Vec<String>>) {
        let header = vec![
            String::new(),
            self.say(Msg::ColumnHsb).to_string(),
            self.say(Msg::ColumnPractitioner).to_string(),
        ];
        let rows = vec![
            vec![
                self.say(Msg::RowPlacement).to_string(),
                self.level_label.clone(),
                j.level_label.clone(),
            ],
            vec![
                self.say(Msg::RowStrategyDiscussion).to_string(),
                self.strategy_discussion.label.to_lowercase(),
                j.strategy_discussion_label.to_lowercase(),
            ],
        ];
        (header, rows)
    }

    /// What the judgement amounts to: agreement (and whether hsb's result has changed since), or
    /// the practitioner's reason for differing. Strong where it needs attention.
    pub fn judgement_sentences(&self, j: &JudgementView) -> Vec<String> {
        if !j.agrees {
            return vec![crate::say!(
                self.lang,
                JudgementDiffers,
                reason = j.reason.clone().unwrap_or_default()
            )];
        }
        let mut out = vec![self.say(Msg::JudgementAgrees).to_string()];
        if !j.same_as_hsb {
            out.push(format!("**{}**", self.say(Msg::JudgementResultChanged)));
        }
        out
    }

    /// The actions taken: a header (when, action, note) and a row for each.
    pub fn action_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let header = [Msg::ColumnWhen, Msg::ColumnAction, Msg::ColumnNote]
            .iter()
            .map(|m| self.say(*m).to_string())
            .collect();
        let rows = self
            .case
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.at_text.clone(),
                    a.label.clone(),
                    a.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        (header, rows)
    }

    /// Each follow-up as a sentence, and whether it is done; open ones are strong.
    pub fn due_lines(&self) -> Vec<(bool, String)> {
        self.case
            .due
            .iter()
            .map(|d| match &d.done_text {
                Some(done) => (
                    true,
                    crate::say!(
                        self.lang,
                        DueDone,
                        text = d.text,
                        by = d.by_text,
                        done = done
                    ),
                ),
                None => (
                    false,
                    format!(
                        "**{}**",
                        crate::say!(
                            self.lang,
                            DueOpen,
                            text = d.text,
                            by = d.by_text,
                            after = d.after_label
                        )
                    ),
                ),
            })
            .collect()
    }
}
