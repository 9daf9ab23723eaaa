//! Languages: which one the practitioner reads, and content texts written in both.
//!
//! Content files give every practitioner-facing text in English and Welsh side by side
//! (`{en: ..., cy: ...}`), so that a translator edits one place. A file is loaded in one language;
//! [`Texts`] picks that language and notes every text missing a language (an error, so the
//! file is not used) or whose Welsh is identical to its English (a warning for `hsb check`).
//! Ids, records and JSON keys never depend on the language.

use crate::diag::{Code, Diagnostic};
use crate::source::Source;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The language texts are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Cymraeg (Welsh).
    Cy,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The code used in content files, `--lang` and `HSB_LANG`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The language's name in English, for messages to content authors.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Welsh",
        }
    }

    fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Choose the language: `--lang`, else `HSB_LANG`, else the locale (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, as POSIX orders them) when it starts with `cy`; else English.
    ///
    /// `env` reads a variable (empty counts as unset). An `HSB_LANG` hsb does not speak is an
    /// error, since somebody set it on purpose; a locale for another language just means English.
    pub fn choose(
        flag: Option<Lang>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Lang, String> {
        if let Some(lang) = flag {
            return Ok(lang);
        }
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        if let Some(value) = var("HSB_LANG") {
            let code = value.trim().to_ascii_lowercase();
            return Lang::from_code(&code).ok_or_else(|| {
                "HSB_LANG is set to a language hsb does not have: use `cy` (Cymraeg) or `en` (English)"
                    .to_string()
            });
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(var)
            .unwrap_or_default();
        Ok(if locale.to_ascii_lowercase().starts_with("cy") {
            Lang::Cy
        } else {
            Lang::En
        })
    }

    /// The language chosen by `--lang` and this process's environment.
    pub fn from_env(flag: Option<Lang>) -> Result<Lang, String> {
        Lang::choose(flag, |name| std::env::var(name).ok())
    }
}

/// A text as written in a content file: `{en: ..., cy: ...}`, or `{both: ...}` for a text that
/// is deliberately the same in both languages (a name such as AIM3). A bare string is read as
/// English with no Welsh, so that [`Texts`] can say exactly what is missing.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawText {
    Bare(String),
    Map(BTreeMap<String, Option<String>>),
}

const KEYS: [&str; 3] = ["en", "cy", "both"];

/// Who reviewed a content file's Welsh, and when. The Welsh counts as signed off only when
/// both `reviewed_by` and `reviewed_on` are filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WelshReview {
    #[serde(default)]
    pub translated_by: Option<String>,
    #[serde(default)]
    pub reviewed_by: Option<String>,
    #[serde(default)]
    pub reviewed_on: Option<String>,
}

impl WelshReview {
    pub fn signed_off(&self) -> bool {
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        filled(&self.reviewed_by) && filled(&self.reviewed_on)
    }
}

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

    /// The text in the chosen language. `what` names it for messages ("question `x` text");
    /// `anchors` find it in the file (see [`Source::locate`]).
    pub fn pick(&mut self, raw: &RawText, what: &str, anchors: &[&str]) -> String {
        let place = || self.source.locate(anchors);
        let map = match raw {
            RawText::Bare(text) => {
                self.errors.push(
                    Diagnostic::error(
                        Code::MissingTranslation,
                        &self.source.name,
                        format!("{what} is not given in both languages"),
                    )
                    .at(place())
                    .help("write it as `en: ...` and `cy: ...` on two lines beneath the key (or `both: ...` if it is the same in both)"),
                );
                return text.clone();
            }
            RawText::Map(map) => map,
        };
        let get = |key: &str| {
            map.get(key)
                .and_then(|v| v.as_deref())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        for key in map.keys().filter(|k| !KEYS.contains(&k.as_str())) {
            self.errors.push(
                Diagnostic::error(
                    Code::UnknownLanguage,
                    &self.source.name,
                    format!("{what} has a text in `{key}`, which hsb does not read"),
                )
                .at(self
                    .source
                    .locate(&[anchors, &[key.as_str()]].concat())
                    .or(place()))
                .help("hsb reads `en` (English) and `cy` (Cymraeg), or `both` for a text that is the same in both"),
            );
        }
        if let Some(both) = get("both") {
            if map.contains_key("en") || map.contains_key("cy") {
                self.errors.push(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        &self.source.name,
                        format!("{what} has `both:` as well as `en:` or `cy:`"),
                    )
                    .at(place())
                    .help("use `both:` only for a text that is the same in both languages; otherwise give `en:` and `cy:`"),
                );
            }
            return both.to_string();
        }
        let mut missing = |lang: Lang| {
            self.errors.push(
                Diagnostic::error(
                    Code::MissingTranslation,
                    &self.source.name,
                    format!("{what} has no {} text", lang.name()),
                )
                .at(place())
                .help(format!(
                    "add `{}: ...` beside the other language",
                    lang.code()
                )),
            );
        };
        let (en, cy) = (get("en"), get("cy"));
        if en.is_none() {
            missing(Lang::En);
        }
        if cy.is_none() {
            missing(Lang::Cy);
        }
        if let (Some(en), Some(cy)) = (en, cy)
            && en == cy
        {
            self.warnings.push(
                Diagnostic::warning(
                    Code::SameInBothLanguages,
                    &self.source.name,
                    format!("{what}: the Welsh is the same as the English"),
                )
                .at(self
                    .source
                    .locate(&[anchors, &["cy"]].concat())
                    .or(place()))
                .help("translate it; if it is truly the same in both (a name, say), write it once as `both: ...`"),
            );
        }
        let chosen = match self.lang {
            Lang::En => en.or(cy),
            Lang::Cy => cy.or(en),
        };
        chosen.unwrap_or_default().to_string()
    }

    /// Check a file's `welsh_review:` block: a review date must be a date.
    pub fn review(&mut self, review: &WelshReview) {
        let Some(date) = review.reviewed_on.as_deref().map(str::trim) else {
            return;
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let parts: Vec<&str> = date.split('-').collect();
        let is_date =
            matches!(parts.as_slice(), [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2));
        if !date.is_empty() && !is_date {
            self.errors.push(
                Diagnostic::error(
                    Code::Structure,
                    &self.source.name,
                    "`welsh_review: reviewed_on` is not a date",
                )
                .at(self.source.locate(&["welsh_review", "reviewed_on"]))
                .help("write the date the review was signed off as YYYY-MM-DD, e.g. 2027-03-01"),
            );
        }
    }

    /// [`Texts::pick`] for a text that may be left out.
    pub fn pick_opt(
        &mut self,
        raw: Option<&RawText>,
        what: &str,
        anchors: &[&str],
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

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flag_then_hsb_lang_then_the_locale_choose_the_language() {
        assert_eq!(Lang::choose(None, env(&[])), Ok(Lang::En));
        assert_eq!(
            Lang::choose(None, env(&[("LANG", "cy_GB.UTF-8")])),
            Ok(Lang::Cy)
        );
        assert_eq!(Lang::choose(None, env(&[("LC_ALL", "cy")])), Ok(Lang::Cy));
        // LC_ALL outranks LANG, as in POSIX.
        assert_eq!(
            Lang::choose(
                None,
                env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "cy_GB.UTF-8")])
            ),
            Ok(Lang::En)
        );
        assert_eq!(
            Lang::choose(None, env(&[("HSB_LANG", "cy"), ("LANG", "en_GB.UTF-8")])),
            Ok(Lang::Cy)
        );
        assert_eq!(
            Lang::choose(Some(Lang::En), env(&[("HSB_LANG", "cy")])),
            Ok(Lang::En)
        );
        assert!(Lang::choose(None, env(&[("HSB_LANG", "fr")])).is_err());
        assert_eq!(
            Lang::choose(None, env(&[("LANG", "fr_FR.UTF-8")])),
            Ok(Lang::En)
        );
    }

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
