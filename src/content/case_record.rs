//! The case record around an assessment: when it was done and by whom (a role, never a name),
//! the practitioner's own judgement, and the actions taken with the follow-ups they make due.
//!
//! The vocabulary (roles, agency types, actions and their follow-ups) is data, in
//! `questions/case-record.yaml`; this module loads it, checks what a record says against it, and
//! works out what falls due and by when.

use crate::anchors;
use crate::content::texts::{RawText, Texts, WelshReview};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use crate::text::lang::Lang;
use crate::text::suggest;
use serde::{Deserialize, Serialize};

use std::sync::OnceLock;

pub const FORMAT: &str = "hsb-case-record/1";

/// The built-in vocabulary file, and its texts converted at build time to each language.
pub const EMBEDDED: crate::content::embedded::File = (
    "questions/case-record.yaml",
    include_str!("../../questions/case-record.yaml"),
    include_str!(concat!(env!("OUT_DIR"), "/case-record.en.json")),
    include_str!(concat!(env!("OUT_DIR"), "/case-record.cy.json")),
);

/// A role, an agency type or an action, with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub id: String,
    pub label: String,
}

/// An action, and what it makes due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionTerm {
    pub id: String,
    pub label: String,
    pub follow_up: Vec<FollowUp>,
}

/// Something that falls due after an action, until one of `done_by` is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: String,
    pub text: String,
    pub within: Within,
    pub done_by: Vec<String>,
}

/// How long after its action a follow-up falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    Hours(u32),
    /// Monday to Friday; bank holidays are not known to hsb.
    WorkingDays(u32),
}

/// The loaded vocabulary, in one language.
#[derive(Debug, Clone)]
pub struct Terms {
    pub lang: Lang,
    pub welsh_review: WelshReview,
    pub roles: Vec<Term>,
    pub agencies: Vec<Term>,
    pub actions: Vec<ActionTerm>,
    /// Warnings found while loading (Welsh identical to English), for `hsb check`.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct RawTerms {
    #[allow(dead_code)]
    format: serde_yaml::Value,
    #[serde(default)]
    welsh_review: WelshReview,
    roles: Vec<RawTerm>,
    agencies: Vec<RawTerm>,
    actions: Vec<RawAction>,
}

#[derive(Deserialize)]
struct RawTerm {
    id: String,
    label: RawText,
}

#[derive(Deserialize)]
struct RawAction {
    id: String,
    label: RawText,
    #[serde(default)]
    follow_up: Vec<RawFollowUp>,
}

#[derive(Deserialize)]
struct RawFollowUp {
    id: String,
    text: RawText,
    within: RawWithin,
    done_by: Vec<String>,
}

/// `{hours: N}` or `{working_days: N}`.
#[derive(Deserialize)]
struct RawWithin {
    #[serde(default)]
    hours: Option<u32>,
    #[serde(default)]
    working_days: Option<u32>,
}

/// An action with its label and follow-ups in the file's language.
fn read_action(
    a: RawAction,
    texts: &mut Texts<'_>,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) -> ActionTerm {
    let anchor = format!("id: {}", a.id);
    ActionTerm {
        label: texts.pick(
            a.label,
            || crate::message!(NameActionLabel, id = a.id),
            anchors!["actions", &anchor, "label"],
        ),
        follow_up: a
            .follow_up
            .into_iter()
            .map(|f| FollowUp {
                text: texts.pick(
                    f.text,
                    || crate::message!(NameFollowUpText, id = f.id),
                    anchors!["actions", format!("id: {}", f.id), "text"],
                ),
                within: within(&f.id, &f.within, source, problems),
                id: f.id,
                done_by: f.done_by,
            })
            .collect(),
        id: a.id,
    }
}

/// When a follow-up falls due: exactly one of `hours` and `working_days`.
fn within(id: &str, raw: &RawWithin, source: &Source, problems: &mut Vec<Diagnostic>) -> Within {
    match (raw.hours, raw.working_days) {
        (Some(hours), None) => Within::Hours(hours),
        (None, Some(days)) => Within::WorkingDays(days),
        _ => {
            problems.push(
                Diagnostic::error_said(
                    Code::Structure,
                    &source.name,
                    crate::message!(DiagWithinOne, id = id),
                )
                .at(source.locate(&["actions", &format!("id: {id}"), "within"]))
                .help_said(crate::message!(
                    DiagWithinHelp,
                    hours = "{hours: 24}",
                    days = "{working_days: 7}"
                )),
            );
            Within::Hours(0)
        }
    }
}

impl Terms {
    /// Load and validate a vocabulary file with its texts in `lang`.
    pub fn load(source: &Source, lang: Lang) -> Result<Self, Vec<Diagnostic>> {
        yaml::expect_format(
            source,
            FORMAT,
            crate::text::messages::Msg::WhatCaseRecordVocabulary,
        )
        .map_err(|d| vec![d])?;
        let (raw, mut problems): (RawTerms, _) =
            yaml::parse_lenient(source, EMBEDDED.1, yaml::Twice::MayPass)?;
        let mut texts = Texts::new(source, lang);
        texts.review(&raw.welsh_review);
        let mut terms = |list: Vec<RawTerm>, group: &'static str| -> Vec<Term> {
            list.into_iter()
                .map(|t| Term {
                    label: texts.pick(
                        t.label,
                        || crate::message!(NameTermLabel, group = group, id = t.id),
                        anchors![group, format!("id: {}", t.id), "label"],
                    ),
                    id: t.id,
                })
                .collect()
        };
        let roles = terms(raw.roles, "roles");
        let agencies = terms(raw.agencies, "agencies");
        let actions = raw
            .actions
            .into_iter()
            .map(|a| read_action(a, &mut texts, source, &mut problems))
            .collect();
        let mut warnings = Vec::new();
        texts.finish(&mut problems, &mut warnings);
        let terms = Terms {
            lang,
            welsh_review: raw.welsh_review,
            roles,
            agencies,
            actions,
            warnings,
        };
        problems.extend(terms.problems(source));
        if problems.is_empty() {
            Ok(terms)
        } else {
            Err(problems)
        }
    }

    /// Duplicate ids, and follow-ups done by actions that do not exist.
    fn problems(&self, source: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let groups: [(&str, Vec<&str>); 3] = [
            ("roles", self.roles.iter().map(|t| t.id.as_str()).collect()),
            (
                "agencies",
                self.agencies.iter().map(|t| t.id.as_str()).collect(),
            ),
            (
                "actions",
                self.actions.iter().map(|t| t.id.as_str()).collect(),
            ),
        ];
        for (group, ids) in &groups {
            for (i, id) in ids.iter().enumerate() {
                if ids.iter().take(i).any(|other| other == id) {
                    let anchor = format!("id: {id}");
                    problems.push(
                        Diagnostic::error_said(
                            Code::DuplicateId,
                            &source.name,
                            crate::message!(
                                DiagListedTwice,
                                group = group,
                                id = id;
                                said first = crate::input::source::first_at_said(
                                    source.locate(&[group, &anchor])
                                )
                            ),
                        )
                        .at(source.locate(&[group, &anchor, &anchor])),
                    );
                }
            }
        }
        let actions = &groups[2].1;
        for action in &self.actions {
            for follow_up in &action.follow_up {
                for done in &follow_up.done_by {
                    if !actions.contains(&done.as_str()) {
                        problems.push(
                            Diagnostic::error_said(
                                Code::UnknownValue,
                                &source.name,
                                crate::message!(DiagDoneByUnknown, id = follow_up.id, done = done),
                            )
                            .at(source.locate(&["actions", &format!("id: {}", follow_up.id), done]))
                            .help_said(suggest::hint_said(done, actions.iter().copied())),
                        );
                    }
                }
            }
        }
        problems
    }

    /// The built-in vocabulary in `lang`, loaded once.
    pub fn builtin(lang: Lang) -> &'static Terms {
        static EN: OnceLock<Terms> = OnceLock::new();
        static CY: OnceLock<Terms> = OnceLock::new();
        let cell = match lang {
            Lang::En => &EN,
            Lang::Cy => &CY,
        };
        cell.get_or_init(|| {
            let source = Source::embedded_with_json(
                EMBEDDED.0,
                EMBEDDED.1,
                crate::content::embedded::json(EMBEDDED, lang),
            );
            // The build checks the file; should it ever fail to load, an empty vocabulary makes
            // every id in a record an error rather than a panic.
            Terms::load(&source, lang).unwrap_or(Terms {
                lang,
                welsh_review: WelshReview::default(),
                roles: Vec::new(),
                agencies: Vec::new(),
                actions: Vec::new(),
                warnings: Vec::new(),
            })
        })
    }

    pub fn role(&self, id: &str) -> Option<&Term> {
        self.roles.iter().find(|t| t.id == id)
    }

    pub fn agency(&self, id: &str) -> Option<&Term> {
        self.agencies.iter().find(|t| t.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&ActionTerm> {
        self.actions.iter().find(|t| t.id == id)
    }

    /// A label for an id of a group, or the id itself when the vocabulary does not have it.
    pub fn label_of<'a>(group: &'a [Term], id: &'a str) -> &'a str {
        group
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.label.as_str())
    }

    /// What the recorded actions make due: every follow-up of every action, with the date it
    /// falls due and, when one of its `done_by` actions is recorded (at or after the action), when.
    pub fn due(&self, actions: &[RecordedAction]) -> Vec<Due> {
        let mut due = Vec::new();
        for recorded in actions {
            let (Some(term), Ok(at)) = (self.action(&recorded.action), When::parse(&recorded.at))
            else {
                continue;
            };
            for follow_up in &term.follow_up {
                let done = actions
                    .iter()
                    .filter(|a| follow_up.done_by.contains(&a.action))
                    .filter_map(|a| When::parse(&a.at).ok())
                    .filter(|when| when.timestamp >= at.timestamp)
                    .min_by_key(|when| when.timestamp);
                due.push(Due {
                    follow_up: follow_up.id.clone(),
                    text: follow_up.text.clone(),
                    after: recorded.action.clone(),
                    by: at.after(follow_up.within).to_string(),
                    done: done.map(|d| d.to_string()),
                });
            }
        }
        due
    }
}

/// An action as a record holds it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct RecordedAction {
    pub action: String,
    /// ISO 8601 date and time with its offset.
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A follow-up made due by a recorded action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The follow-up's id.
    pub follow_up: String,
    pub text: String,
    /// The action that made it due.
    pub after: String,
    /// When it falls due, ISO 8601 with the action's offset.
    pub by: String,
    /// When it was done, if an action that completes it is recorded.
    pub done: Option<String>,
}

/// A moment with the offset it was written in, so that it is shown as the practitioner wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub timestamp: jiff::Timestamp,
    pub offset: jiff::tz::Offset,
}

impl When {
    /// Read an ISO 8601 / RFC 3339 date and time with an offset, such as
    /// `2026-11-28T14:05:00+00:00` (or `Z`).
    pub fn parse(text: &str) -> Result<When, String> {
        let text = text.trim();
        let timestamp: jiff::Timestamp = text.parse().map_err(|e: jiff::Error| e.to_string())?;
        let offset = jiff::fmt::temporal::Pieces::parse(text)
            .ok()
            .and_then(|p| p.to_numeric_offset())
            .unwrap_or(jiff::tz::Offset::UTC);
        Ok(When { timestamp, offset })
    }

    /// Now, with the local offset.
    pub fn now() -> When {
        let now = jiff::ZonedDateTime::now();
        When {
            timestamp: now.timestamp(),
            offset: now.offset(),
        }
    }

    /// A local date and time as a practitioner types it (`2026-11-28 14:05`, or a full ISO 8601
    /// date and time with its offset), in the system's time zone.
    pub fn parse_local(text: &str) -> Result<When, String> {
        if let Ok(when) = When::parse(text) {
            return Ok(when);
        }
        let civil: jiff::civil::DateTime = text
            .trim()
            .replace(' ', "T")
            .parse()
            .map_err(|e: jiff::Error| e.to_string())?;
        let zoned = civil
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .map_err(|e| e.to_string())?;
        Ok(When {
            timestamp: zoned.timestamp(),
            offset: zoned.offset(),
        })
    }

    /// The moment `within` after this one: hours later, or the same time of day that many
    /// working days (Monday to Friday) later.
    pub fn after(self, within: Within) -> When {
        let timestamp = match within {
            Within::Hours(hours) => self
                .timestamp
                .checked_add(jiff::SignedDuration::from_hours(i64::from(hours)))
                .unwrap_or(self.timestamp),
            Within::WorkingDays(days) => {
                let mut local = self.offset.to_datetime(self.timestamp);
                let mut left = days;
                while left > 0 {
                    match local.tomorrow() {
                        Ok(next) => local = next,
                        Err(_) => break,
                    }
                    if !matches!(
                        local.weekday(),
                        jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                    ) {
                        left -= 1;
                    }
                }
                self.offset.to_timestamp(local).unwrap_or(self.timestamp)
            }
        };
        When {
            timestamp,
            offset: self.offset,
        }
    }

    /// For reading: `2026-11-28 14:05 +00:00`.
    pub fn readable(text: &str) -> String {
        match When::parse(text) {
            Ok(when) => {
                let local = when.offset.to_datetime(when.timestamp);
                format!(
                    "{} {}",
                    local.strftime("%Y-%m-%d %H:%M"),
                    when.offset_text()
                )
            }
            Err(_) => text.to_string(),
        }
    }

    /// The offset as `+01:00`.
    fn offset_text(self) -> String {
        let seconds = self.offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

/// ISO 8601 with the offset: `2026-11-28T14:05:00+00:00`.
impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let local = self.offset.to_datetime(self.timestamp);
        write!(
            f,
            "{}{}",
            local.strftime("%Y-%m-%dT%H:%M:%S"),
            self.offset_text()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_loads_in_both_languages() {
        for lang in Lang::ALL {
            let terms = Terms::builtin(lang);
            assert!(terms.role("designated_safeguarding_person").is_some());
            assert!(terms.action("reported_to_social_services").is_some());
        }
    }

    #[test]
    fn a_telephone_report_makes_written_confirmation_due_in_24_hours() {
        let terms = Terms::builtin(Lang::En);
        let report = RecordedAction {
            action: "reported_to_social_services".into(),
            at: "2026-11-27T15:30:00+00:00".into(),
            note: None,
        };
        let due = terms.due(std::slice::from_ref(&report));
        let confirm = due.iter().find(|d| d.follow_up == "written_confirmation");
        assert_eq!(
            confirm.map(|d| d.by.as_str()),
            Some("2026-11-28T15:30:00+00:00")
        );
        // Friday 27 November: seven working days later is Tuesday 8 December.
        let chase = due.iter().find(|d| d.follow_up == "chase_social_services");
        assert_eq!(
            chase.map(|d| d.by.as_str()),
            Some("2026-12-08T15:30:00+00:00")
        );
        assert!(due.iter().all(|d| d.done.is_none()));

        let sent = RecordedAction {
            action: "written_confirmation_sent".into(),
            at: "2026-11-28T09:00:00+00:00".into(),
            note: None,
        };
        let due = terms.due(&[report, sent]);
        let confirm = due.iter().find(|d| d.follow_up == "written_confirmation");
        assert_eq!(
            confirm.and_then(|d| d.done.as_deref()),
            Some("2026-11-28T09:00:00+00:00")
        );
    }

    #[test]
    fn times_keep_the_offset_they_were_written_with() {
        let when = When::parse("2026-07-01T09:15:00+01:00").unwrap();
        assert_eq!(when.to_string(), "2026-07-01T09:15:00+01:00");
        assert_eq!(
            When::readable("2026-07-01T09:15:00+01:00"),
            "2026-07-01 09:15 +01:00"
        );
        assert!(When::parse("yesterday").is_err());
        assert!(
            When::parse("2026-07-01 09:15").is_err(),
            "an offset is required"
        );
    }
}
