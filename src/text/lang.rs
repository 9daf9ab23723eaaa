//! Languages: which one the practitioner reads, chosen from `--lang`, `HSB_LANG`, the locale or
//! the system. Ids, records and JSON keys never depend on the language.

/// `HSB_LANG` names a language hsb does not have (see [`Lang::choose`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownHsbLang;

/// The language texts are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
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
        system: impl Fn() -> Option<String>,
    ) -> Result<Lang, UnknownHsbLang> {
        if let Some(lang) = flag {
            return Ok(lang);
        }
        let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        if let Some(value) = var("HSB_LANG") {
            let code = value.trim().to_ascii_lowercase();
            return Lang::from_code(&code).ok_or(UnknownHsbLang);
        }
        // The locale variables, else the system's own setting (on Windows, the display language
        // chosen in Settings: `cy-GB` on a Welsh-language Windows).
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(var)
            .or_else(system)
            .unwrap_or_default();
        Ok(if locale.to_ascii_lowercase().starts_with("cy") {
            Lang::Cy
        } else {
            Lang::En
        })
    }

    /// The `--lang` given on a command line, found before the command line is parsed so that
    /// `--help` can be in that language; a value hsb does not have is left for the parser to
    /// report.
    pub fn from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<Lang> {
        let args: Vec<String> = args
            .into_iter()
            .filter_map(|a| a.into_string().ok())
            .collect();
        args.iter().enumerate().rev().find_map(|(i, arg)| {
            let value = match arg.strip_prefix("--lang") {
                Some("") => args.get(i + 1)?.as_str(),
                Some(rest) => rest.strip_prefix('=')?,
                None => return None,
            };
            Lang::from_code(value)
        })
    }

    /// The language chosen by `--lang` and this process's environment.
    pub fn from_env(flag: Option<Lang>) -> Result<Lang, UnknownHsbLang> {
        Lang::choose(
            flag,
            |name| std::env::var(name).ok(),
            sys_locale::get_locale,
        )
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
        assert_eq!(Lang::choose(None, env(&[]), || None), Ok(Lang::En));
        assert_eq!(
            Lang::choose(None, env(&[("LANG", "cy_GB.UTF-8")]), || None),
            Ok(Lang::Cy)
        );
        assert_eq!(
            Lang::choose(None, env(&[("LC_ALL", "cy")]), || None),
            Ok(Lang::Cy)
        );
        // LC_ALL outranks LANG, as in POSIX.
        assert_eq!(
            Lang::choose(
                None,
                env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "cy_GB.UTF-8")]),
                || None
            ),
            Ok(Lang::En)
        );
        assert_eq!(
            Lang::choose(
                None,
                env(&[("HSB_LANG", "cy"), ("LANG", "en_GB.UTF-8")]),
                || None
            ),
            Ok(Lang::Cy)
        );
        assert_eq!(
            Lang::choose(Some(Lang::En), env(&[("HSB_LANG", "cy")]), || None),
            Ok(Lang::En)
        );
        assert!(Lang::choose(None, env(&[("HSB_LANG", "fr")]), || None).is_err());
        assert_eq!(
            Lang::choose(None, env(&[("LANG", "fr_FR.UTF-8")]), || None),
            Ok(Lang::En)
        );
        // With no locale variables (Windows), the system's setting: a Welsh-language Windows.
        let welsh_windows = || Some("cy-GB".to_string());
        assert_eq!(Lang::choose(None, env(&[]), welsh_windows), Ok(Lang::Cy));
        // The variables, where set, come first.
        assert_eq!(
            Lang::choose(None, env(&[("LANG", "en_GB.UTF-8")]), welsh_windows),
            Ok(Lang::En)
        );
    }

    #[test]
    fn lang_is_found_on_the_command_line_before_parsing() {
        let args = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            Lang::from_args(args(&["hsb", "assess", "--lang", "cy"])),
            Some(Lang::Cy)
        );
        assert_eq!(
            Lang::from_args(args(&["hsb", "--lang=cy", "--help"])),
            Some(Lang::Cy)
        );
        assert_eq!(Lang::from_args(args(&["hsb", "--lang", "fr"])), None);
        assert_eq!(Lang::from_args(args(&["hsb", "--language", "cy"])), None);
        assert_eq!(Lang::from_args(args(&["hsb", "--lang"])), None);
    }
}
