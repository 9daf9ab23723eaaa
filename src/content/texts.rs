//! Content texts written in both languages.
//!
//! Content files give every practitioner-facing text in English and Welsh side by side
//! (`{en: ..., cy: ...}`), so that a translator edits one place. A file is loaded in one language;
//! [`Texts`] picks that language and notes every text missing a language (an error, so the
//! file is not used) or whose Welsh is identical to its English (a warning for `hsb check`).

use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A text as written in a content file: `{en: ..., cy: ...}`, or `{both: ...}` for a text that
/// is deliberately the same in both languages (a name such as AIM3). A bare string is read as
/// English with no Welsh, so that [`Texts`] can say exactly what is missing.
#[derive(Debug, Clone)]
pub enum RawText {
    Bare(String),
    Map(BTreeMap<String, Option<String>>),
}

/// Read by hand rather than as an untagged enum, which would buffer every text twice: start-up
/// reads several hundred of them.
impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawText;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(crate::input::yaml::TEXT_EXPECTED)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawText, E> {
                Ok(RawText::Bare(text.to_string()))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<RawText, E> {
                Ok(RawText::Bare(text))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawText, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((key, text)) = map.next_entry::<String, Option<String>>()? {
                    texts.insert(key, text);
                }
                Ok(RawText::Map(texts))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl RawText {
    /// The text under `key` (`en`, `cy` or `both`), trimmed, if it is there and not empty. A
    /// bare string counts as `en`.
    fn entry(&self, key: &str) -> Option<&str> {
        match self {
            RawText::Bare(text) => (key == "en").then_some(text.as_str()),
            RawText::Map(map) => entry(map, key),
        }
    }

    /// The text as written for `lang`: its own, else one written for both languages.
    pub fn written(&self, lang: Lang) -> Option<&str> {
        self.entry(lang.code()).or_else(|| self.entry("both"))
    }
}

/// The text under `key` in a `{en, cy, both}` mapping, trimmed, if it is there and not empty.
fn entry<'a>(map: &'a BTreeMap<String, Option<String>>, key: &str) -> Option<&'a str> {
    map.get(key)
        .and_then(|v| v.as_deref())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

const KEYS: [&str; 3] = ["en", "cy", "both"];

/// The anchors that find a text in its file, for [`Texts::pick`]: a closure making
/// `vec![String::from(a), ...]`, run only when a problem is reported.
#[macro_export]
macro_rules! anchors {
    ($($anchor:expr),* $(,)?) => {
        || vec![$(String::from($anchor)),*]
    };
}

/// Who reviewed a content file's Welsh, and when. The Welsh counts as signed off only when
/// both `reviewed_by` and `reviewed_on` are filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct WelshReview {
    #[serde(default)]
    pub translated_by: Option<String>,
    #[serde(default)]
    pub reviewed_by: Option<String>,
    #[serde(default)]
    pub reviewed_on: Option<String>,
}

/// Whether `text` is a date written YYYY-MM-DD, as review dates are.
pub fn is_date(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2))
}

/// Whether a review is signed off: a reviewer and a date both filled in.
pub fn signed_off(reviewed_by: &Option<String>, reviewed_on: &Option<String>) -> bool {
    let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    filled(reviewed_by) && filled(reviewed_on)
}

impl WelshReview {
    pub fn signed_off(&self) -> bool {
        signed_off(&self.reviewed_by, &self.reviewed_on)
    }
}

/// The one-line notice Welsh output carries until its Welsh is signed off: `None` in English, or
/// once every content file in use (`reviews`) and the built-in interface messages are signed off.
pub fn review_notice(lang: Lang, reviews: &[&WelshReview]) -> Option<&'static str> {
    let signed_off =
        reviews.iter().all(|r| r.signed_off()) && crate::text::messages::WELSH_SIGNED_OFF;
    (lang == Lang::Cy && !signed_off).then(|| Msg::WelshReviewNotice.text(lang))
}

/// Finds a text (or a key beside it) in the file: a line and column.
type Place<'p> = dyn Fn(Option<&str>) -> Option<(usize, usize)> + 'p;

/// Picks one language's texts from a content file, collecting problems with both.
pub struct Texts<'a> {
    source: &'a Source,
    lang: Lang,
    /// Texts missing a language, or naming one hsb does not have: the file cannot be used.
    pub errors: Vec<Diagnostic>,
    /// Welsh identical to its English: probably untranslated.
    pub warnings: Vec<Diagnostic>,
}

impl<'a> Texts<'a> {
    pub fn new(source: &'a Source, lang: Lang) -> Self {
        Texts {
            source,
            lang,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The text in the chosen language. `what` names it for messages ("question `x` `text`") and
    /// `anchors` find it in the file (see [`Source::locate`] and [`anchors!`](crate::anchors));
    /// both are worked out only when there is a problem to report.
    pub fn pick(
        &mut self,
        raw: RawText,
        what: impl Fn() -> Message,
        anchors: impl Fn() -> Vec<String>,
    ) -> String {
        let source = self.source;
        let place = |extra: Option<&str>| {
            let mut parts = anchors();
            parts.extend(extra.map(str::to_string));
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            source.locate(&refs)
        };
        let map = match raw {
            // The built-in content, converted at build time to one language; the build refuses
            // a text missing either language.
            RawText::Bare(text) if source.json.is_some() => return text,
            RawText::Bare(text) => {
                self.errors.push(
                    Diagnostic::error_said(
                        Code::MissingTranslation,
                        &source.name,
                        crate::message!(TextsNotBoth; said what = what()),
                    )
                    .at(place(None))
                    .help_said(crate::message!(TextsNotBothHelp)),
                );
                return text;
            }
            RawText::Map(map) => map,
        };
        let get = |key: &str| entry(&map, key);
        self.unknown_languages(&map, &what, &place);
        if let Some(both) = get("both") {
            if map.contains_key("en") || map.contains_key("cy") {
                self.errors.push(
                    Diagnostic::error_said(
                        Code::UnknownLanguage,
                        &source.name,
                        crate::message!(TextsBothAndOne; said what = what()),
                    )
                    .at(place(None))
                    .help_said(crate::message!(TextsBothAndOneHelp)),
                );
            }
            return both.to_string();
        }
        let (en, cy) = (get("en"), get("cy"));
        self.check_languages(en, cy, &what, &place);
        let chosen = match self.lang {
            Lang::En => en.or(cy),
            Lang::Cy => cy.or(en),
        };
        chosen.unwrap_or_default().to_string()
    }

    /// A text in a language hsb does not read.
    fn unknown_languages(
        &mut self,
        map: &BTreeMap<String, Option<String>>,
        what: &dyn Fn() -> Message,
        place: &Place<'_>,
    ) {
        for key in map.keys().filter(|k| !KEYS.contains(&k.as_str())) {
            self.errors.push(
                Diagnostic::error_said(
                    Code::UnknownLanguage,
                    &self.source.name,
                    crate::message!(TextsOtherLanguage, key = key; said what = what()),
                )
                .at(place(Some(key)).or_else(|| place(None)))
                .help_said(crate::message!(TextsOtherLanguageHelp)),
            );
        }
    }

    /// Both languages there, the Welsh not a copy of the English, and no Welsh the glossary
    /// says to avoid.
    fn check_languages(
        &mut self,
        en: Option<&str>,
        cy: Option<&str>,
        what: &dyn Fn() -> Message,
        place: &Place<'_>,
    ) {
        let source = self.source;
        for (lang, text) in [(Lang::En, en), (Lang::Cy, cy)] {
            if text.is_none() {
                self.errors.push(
                    Diagnostic::error_said(
                        Code::MissingTranslation,
                        &source.name,
                        match lang {
                            Lang::En => crate::message!(TextsNoEnglish; said what = what()),
                            Lang::Cy => crate::message!(TextsNoWelsh; said what = what()),
                        },
                    )
                    .at(place(None))
                    .help_said(crate::message!(TextsAddBeside, code = lang.code())),
                );
            }
        }
        if let (Some(en), Some(cy)) = (en, cy)
            && en == cy
        {
            self.warnings.push(
                Diagnostic::warning_said(
                    Code::SameInBothLanguages,
                    &source.name,
                    crate::message!(TextsSame; said what = what()),
                )
                .at(place(Some("cy")).or_else(|| place(None)))
                .help_said(crate::message!(TextsSameHelp)),
            );
        }
        if let Some((variant, term)) = cy.and_then(crate::content::glossary::avoided_in) {
            self.warnings.push(
                Diagnostic::warning_said(
                    Code::AvoidedWelsh,
                    &source.name,
                    crate::message!(TextsAvoided, variant = variant; said what = what()),
                )
                .at(place(Some("cy")).or_else(|| place(None)))
                .help_said(crate::message!(
                    TextsAvoidedHelp,
                    term = term.cy;
                    both note = (term.note_in(Lang::En), term.note_in(Lang::Cy));
                    both source = (term.source_in(Lang::En), term.source_in(Lang::Cy))
                )),
            );
        }
    }

    /// Check a file's `welsh_review:` block: a review date must be a date.
    pub fn review(&mut self, review: &WelshReview) {
        let Some(date) = review.reviewed_on.as_deref().map(str::trim) else {
            return;
        };
        if !date.is_empty() && !is_date(date) {
            self.errors.push(
                Diagnostic::error_said(
                    Code::Structure,
                    &self.source.name,
                    crate::message!(TextsReviewedOn),
                )
                .at(self.source.locate(&["welsh_review", "reviewed_on"]))
                .help_said(crate::message!(TextsReviewedOnHelp)),
            );
        }
    }

    /// [`Texts::pick`] for a text that may be left out.
    pub fn pick_opt(
        &mut self,
        raw: Option<RawText>,
        what: impl Fn() -> Message,
        anchors: impl Fn() -> Vec<String>,
    ) -> Option<String> {
        raw.map(|raw| self.pick(raw, what, anchors))
    }

    /// Add these problems to a loader's: errors to `problems`, warnings to `warnings`.
    pub fn finish(self, problems: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) {
        problems.extend(self.errors);
        warnings.extend(self.warnings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_is_signed_off_only_with_a_name_and_a_date() {
        let mut review = WelshReview::default();
        assert!(!review.signed_off());
        review.reviewed_by = Some("A. Reviewer".into());
        assert!(!review.signed_off());
        review.reviewed_on = Some("2027-01-15".into());
        assert!(review.signed_off());
    }
}
