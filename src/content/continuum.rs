//! Hackett's continuum: the five levels, their features and the proportionate responses.

use crate::anchors;
use crate::content::texts::{RawText, Texts, WelshReview};
use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use crate::text::suggest;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "hsb-levels/1";

/// The placement id of a behaviour no rule places ("not yet placed"), as `expect: {level: none}`
/// and the quiz write it; JSON gives `level: null`.
pub const NOT_PLACED: &str = "none";

/// Strategy-discussion status, ordered from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum StrategyStatus {
    NotIndicated,
    Consider,
    Required,
}

impl StrategyStatus {
    pub const ALL: [StrategyStatus; 3] = [
        StrategyStatus::NotIndicated,
        StrategyStatus::Consider,
        StrategyStatus::Required,
    ];

    /// The status with this id.
    pub fn from_id(id: &str) -> Option<StrategyStatus> {
        StrategyStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            StrategyStatus::NotIndicated => "not_indicated",
            StrategyStatus::Consider => "consider",
            StrategyStatus::Required => "required",
        }
    }

    /// The status in words, such as "not indicated".
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            StrategyStatus::NotIndicated => Msg::StatusNotIndicated,
            StrategyStatus::Consider => Msg::StatusConsider,
            StrategyStatus::Required => Msg::StatusRequired,
        }
        .text(lang)
    }

    /// The status as a heading, such as "NOT INDICATED".
    pub fn label(self, lang: Lang) -> String {
        self.word(lang).to_uppercase()
    }
}

/// One recommended action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Response {
    pub id: String,
    pub text: String,
    /// Shown before every other response.
    #[serde(skip)]
    pub lead: bool,
}

/// Actions for each child.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responses {
    pub child: Vec<Response>,
    /// For another child where something shows harm or its risk.
    pub harmed_child: Vec<Response>,
    /// For another child involved where nothing shows harm (a willing partner or playmate).
    pub other_child: Vec<Response>,
}

/// What a result says when no rule places the behaviour: never a level, and nothing that
/// reassures.
#[derive(Debug, Clone)]
pub struct NotPlaced {
    pub label: String,
    pub summary: String,
    pub responses: Responses,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub id: String,
    pub label: String,
    /// The level named inside a sentence ("abusive"; in Welsh "y lefel gamdriniol", mutated as
    /// the grammar needs, which a label dropped into a template cannot be).
    pub in_sentence: String,
    pub summary: String,
    pub features: Vec<String>,
    pub strategy_discussion: StrategyStatus,
    pub responses: Responses,
}

/// The wording shown for each strategy-discussion status.
#[derive(Debug, Clone)]
pub struct StrategyWording {
    pub required: String,
    pub consider: String,
    pub not_indicated: String,
}

/// Responses as written in a levels or rules file, in both languages.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawResponses {
    #[serde(default)]
    pub child: Vec<RawResponse>,
    #[serde(default)]
    pub harmed_child: Vec<RawResponse>,
    #[serde(default)]
    pub other_child: Vec<RawResponse>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RawResponse {
    pub id: String,
    pub text: RawText,
    /// Put this response first: the child's own protection leads.
    #[serde(default)]
    pub lead: bool,
}

impl RawResponses {
    pub fn is_empty(&self) -> bool {
        self.child.is_empty() && self.harmed_child.is_empty() && self.other_child.is_empty()
    }

    /// The responses in the chosen language; `owner` names where they are ("level `abusive`"),
    /// `anchor` finds it in the file.
    pub fn pick(self, texts: &mut Texts<'_>, owner: Message, anchor: &str) -> Responses {
        let mut list = |raw: Vec<RawResponse>| {
            raw.into_iter()
                .map(|r| Response {
                    text: texts.pick(
                        r.text,
                        || crate::message!(NameResponse, id = r.id; said owner = owner.clone()),
                        anchors![anchor, format!("id: {}", r.id), "text"],
                    ),
                    id: r.id,
                    lead: r.lead,
                })
                .collect()
        };
        Responses {
            child: list(self.child),
            harmed_child: list(self.harmed_child),
            other_child: list(self.other_child),
        }
    }
}

#[derive(Deserialize)]
struct RawLevel {
    id: String,
    label: RawText,
    #[serde(default)]
    in_sentence: Option<RawText>,
    summary: RawText,
    features: Vec<RawText>,
    strategy_discussion: StrategyStatus,
    responses: RawResponses,
}

#[derive(Deserialize)]
struct RawWording {
    required: RawText,
    consider: RawText,
    not_indicated: RawText,
}

#[derive(Deserialize)]
struct RawContinuum {
    #[allow(dead_code)]
    format: String,
    #[serde(default)]
    welsh_review: WelshReview,
    notice: RawText,
    strategy_discussion: RawWording,
    #[serde(default)]
    not_placed: Option<RawNotPlaced>,
    levels: Vec<RawLevel>,
}

#[derive(Deserialize)]
struct RawNotPlaced {
    label: RawText,
    summary: RawText,
    responses: RawResponses,
}

/// The built-in continuum's `not_placed` part, in `lang`.
fn builtin_not_placed(lang: Lang) -> NotPlaced {
    use crate::content::embedded;
    let source = Source::embedded_with_json(
        embedded::LEVELS.0,
        embedded::LEVELS.1,
        embedded::json(embedded::LEVELS, lang),
    );
    match Continuum::load(&source, lang) {
        Ok(c) => c.not_placed,
        // The build checks the built-in file; should it ever fail, say so in plain words.
        Err(_) => NotPlaced {
            label: "?".to_string(),
            summary: String::new(),
            responses: Responses::default(),
        },
    }
}

impl StrategyWording {
    pub fn for_status(&self, status: StrategyStatus) -> &str {
        match status {
            StrategyStatus::Required => &self.required,
            StrategyStatus::Consider => &self.consider,
            StrategyStatus::NotIndicated => &self.not_indicated,
        }
    }
}

/// A loaded, validated continuum.
#[derive(Debug, Clone)]
pub struct Continuum {
    /// The language the texts are in.
    pub lang: Lang,
    pub welsh_review: WelshReview,
    /// Warnings found while loading (Welsh identical to English), for `hsb check`.
    pub warnings: Vec<Diagnostic>,
    /// The professional-judgement notice every result carries.
    pub notice: String,
    pub strategy_discussion: StrategyWording,
    /// What to say and do when no rule places the behaviour.
    pub not_placed: NotPlaced,
    /// Least concerning first.
    pub levels: Vec<Level>,
}

/// What a result says when nothing places the behaviour. A continuum file of its own without
/// this part borrows the built-in one.
fn read_not_placed(
    raw: Option<RawNotPlaced>,
    texts: &mut Texts<'_>,
    source: &Source,
    lang: Lang,
) -> NotPlaced {
    match raw {
        Some(np) => NotPlaced {
            label: texts.pick(
                np.label,
                || crate::message!(NameKey, key = "not_placed: label"),
                anchors!["not_placed", "label"],
            ),
            summary: texts.pick(
                np.summary,
                || crate::message!(NameKey, key = "not_placed: summary"),
                anchors!["not_placed", "summary"],
            ),
            responses: np.responses.pick(
                texts,
                crate::message!(NameKey, key = "not_placed"),
                "not_placed",
            ),
        },
        None if source.json.is_none() => builtin_not_placed(lang),
        None => NotPlaced {
            label: "?".to_string(),
            summary: String::new(),
            responses: Responses::default(),
        },
    }
}

/// One level with its texts in `lang`; without `in_sentence`, "the <label> level".
fn read_level(l: RawLevel, texts: &mut Texts<'_>, lang: Lang) -> Level {
    let anchor = format!("id: {}", l.id);
    let what = |key: &str| crate::message!(NameLevelKey, id = l.id, key = key);
    let label = texts.pick(l.label, || what("label"), anchors![&anchor, "label"]);
    let in_sentence = texts
        .pick_opt(
            l.in_sentence,
            || what("in_sentence"),
            anchors![&anchor, "in_sentence"],
        )
        .unwrap_or_else(|| crate::say!(lang, LevelInSentence, level = label.to_lowercase()));
    Level {
        label,
        in_sentence,
        summary: texts.pick(l.summary, || what("summary"), anchors![&anchor, "summary"]),
        features: l
            .features
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                texts.pick(
                    f,
                    || crate::message!(NameLevelFeature, id = l.id, n = i + 1),
                    anchors![&anchor, "features"],
                )
            })
            .collect(),
        strategy_discussion: l.strategy_discussion,
        responses: l
            .responses
            .pick(texts, crate::message!(NameLevel, id = l.id), &anchor),
        id: l.id,
    }
}

impl Continuum {
    /// Load and validate a continuum with its texts in `lang`.
    pub fn load(source: &Source, lang: Lang) -> Result<Self, Vec<Diagnostic>> {
        yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatContinuum)
            .map_err(|d| vec![d])?;
        let (raw, unknown): (RawContinuum, _) = yaml::parse_lenient(
            source,
            crate::content::embedded::LEVELS.1,
            yaml::Twice::MayPass,
        )?;
        let mut texts = Texts::new(source, lang);
        texts.review(&raw.welsh_review);
        let wording = raw.strategy_discussion;
        let mut sd = |raw: RawText, key: &str| {
            texts.pick(
                raw,
                || crate::message!(NameKey, key = format!("strategy_discussion: {key}")),
                anchors!["strategy_discussion", key],
            )
        };
        let strategy_discussion = StrategyWording {
            required: sd(wording.required, "required"),
            consider: sd(wording.consider, "consider"),
            not_indicated: sd(wording.not_indicated, "not_indicated"),
        };
        let notice = texts.pick(
            raw.notice,
            || crate::message!(NameKey, key = "notice"),
            anchors!["notice:"],
        );
        let not_placed = read_not_placed(raw.not_placed, &mut texts, source, lang);
        let levels = raw
            .levels
            .into_iter()
            .map(|l| read_level(l, &mut texts, lang))
            .collect();
        let mut problems = unknown;
        let mut warnings = Vec::new();
        texts.finish(&mut problems, &mut warnings);
        let continuum = Continuum {
            lang,
            welsh_review: raw.welsh_review,
            warnings,
            notice,
            strategy_discussion,
            not_placed,
            levels,
        };
        problems.extend(continuum.problems(source));
        if problems.is_empty() {
            Ok(continuum)
        } else {
            Err(problems)
        }
    }

    fn problems(&self, source: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.levels.is_empty() {
            problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &source.name,
                    crate::message!(DiagNoLevels),
                )
                .at(source.locate(&["levels"]))
                .help_said(crate::message!(DiagNoLevelsHelp)),
            );
        }
        for (i, level) in self.levels.iter().enumerate() {
            let anchor = format!("id: {}", level.id);
            // `none` is "not yet placed", and `not_recorded` a summary's "no judgement".
            if [NOT_PLACED, "not_recorded"].contains(&level.id.as_str()) {
                problems.push(
                    Diagnostic::error_said(
                        Code::DuplicateId,
                        &source.name,
                        crate::message!(DiagLevelReserved, id = level.id),
                    )
                    .at(source.locate(&[&anchor]))
                    .help_said(crate::message!(DiagLevelReservedHelp)),
                );
            }
            if self.levels.iter().take(i).any(|l| l.id == level.id) {
                problems.push(
                    Diagnostic::error_said(
                        Code::DuplicateId,
                        &source.name,
                        crate::message!(
                            DiagLevelTwice,
                            id = level.id;
                            said first = crate::input::source::first_at_said(source.locate(&[&anchor]))
                        ),
                    )
                    .at(source.locate(&[&anchor, &anchor])),
                );
            }
            if level.responses.child.is_empty() {
                problems.push(
                    Diagnostic::error_said(
                        Code::BadContent,
                        &source.name,
                        crate::message!(DiagLevelNoResponses, id = level.id),
                    )
                    .at(source
                        .locate(&[&anchor, "responses"])
                        .or(source.locate(&[&anchor])))
                    .help_said(crate::message!(DiagLevelNoResponsesHelp)),
                );
            }
            for (j, response) in level.responses.child.iter().enumerate() {
                if level
                    .responses
                    .child
                    .iter()
                    .take(j)
                    .any(|r| r.id == response.id)
                {
                    problems.push(
                        Diagnostic::error_said(
                            Code::DuplicateId,
                            &source.name,
                            crate::message!(
                                DiagLevelResponseTwice,
                                id = level.id,
                                response = response.id
                            ),
                        )
                        .at(source.locate(&[&anchor, &format!("id: {}", response.id)])),
                    );
                }
            }
        }
        problems
    }

    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    /// The position of a level id (0 is least concerning).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    pub fn level(&self, index: usize) -> Option<&Level> {
        self.levels.get(index)
    }

    /// The level named inside a sentence: "could place the behaviour at {this}" ("abusive";
    /// in Welsh "y lefel gamdriniol").
    pub fn level_in_sentence(&self, index: usize) -> String {
        self.level(index)
            .map_or_else(|| "?".to_string(), |l| l.in_sentence.clone())
    }

    /// A level as a word in a list or a label: its label in lower case ("abusive", "camdriniol").
    pub fn level_word(&self, index: usize) -> String {
        self.level(index)
            .map_or_else(|| "?".to_string(), |l| l.label.to_lowercase())
    }

    /// [`Continuum::level_word`] by id ("not yet placed" for [`NOT_PLACED`]); an id the
    /// continuum lacks is shown as it is.
    pub fn level_word_of(&self, id: &str) -> String {
        if id == NOT_PLACED {
            return self.not_placed.label.to_lowercase();
        }
        self.index_of(id)
            .map_or_else(|| id.to_string(), |i| self.level_word(i))
    }

    /// The id of a placement: a level's, or [`NOT_PLACED`].
    pub fn placement_id(&self, level: Option<usize>) -> &str {
        level
            .and_then(|l| self.level(l))
            .map_or(NOT_PLACED, |l| l.id.as_str())
    }

    /// The label of a placement: a level's, or "Not yet placed".
    pub fn placement_label(&self, level: Option<usize>) -> &str {
        level
            .and_then(|l| self.level(l))
            .map_or(self.not_placed.label.as_str(), |l| l.label.as_str())
    }

    /// A did-you-mean hint for an unknown level id.
    pub fn hint_said(&self, id: &str) -> crate::text::messages::Message {
        suggest::hint_said(id, self.levels.iter().map(|l| l.id.as_str()))
    }
}
