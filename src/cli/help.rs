//! `--help` in the user's language. English comes from the argument definitions in `cli.rs`;
//! for any other language each text is replaced from the message catalogue, and a test keeps
//! the catalogue's English the same as the definitions'.

use crate::text::lang::Lang;
use crate::text::messages::Msg;
use clap::{Arg, ArgAction, Command};

/// The help texts of one command: `None` is `hsb` itself.
pub struct Help {
    pub command: Option<&'static str>,
    pub about: Msg,
    pub after: Option<Msg>,
    pub args: &'static [(&'static str, Msg)],
}

/// Every command's help.
pub const HELP: &[Help] = &[
    Help {
        command: None,
        about: Msg::HelpAbout,
        after: Some(Msg::HelpAfter),
        args: &[
            ("questions", Msg::HelpQuestionsArg),
            ("rules", Msg::HelpRulesArg),
            ("lang", Msg::HelpLangArg),
            ("plain", Msg::HelpPlainArg),
        ],
    },
    Help {
        command: Some("assess"),
        about: Msg::HelpAssess,
        after: Some(Msg::HelpAssessAfter),
        args: &[
            ("resume", Msg::HelpAssessResume),
            ("draft", Msg::HelpAssessDraft),
            ("save", Msg::HelpAssessSave),
            ("report", Msg::HelpAssessReport),
            ("report_format", Msg::HelpAssessReportFormat),
            ("force", Msg::HelpAssessForce),
        ],
    },
    Help {
        command: Some("drafts"),
        about: Msg::HelpDrafts,
        after: Some(Msg::HelpDraftsAfter),
        args: &[("remove", Msg::HelpDraftsRemove)],
    },
    Help {
        command: Some("replay"),
        about: Msg::HelpReplay,
        after: Some(Msg::HelpReplayAfter),
        args: &[
            ("files", Msg::HelpReplayFiles),
            ("format", Msg::HelpResultFormat),
            ("step", Msg::HelpReplayStep),
            ("summary", Msg::HelpReplaySummary),
            ("tags", Msg::HelpChooseTag),
            ("age", Msg::HelpChooseAge),
            ("level", Msg::HelpChooseLevel),
            ("plan", Msg::HelpChoosePlan),
        ],
    },
    Help {
        command: Some("train"),
        about: Msg::HelpTrain,
        after: Some(Msg::HelpTrainAfter),
        args: &[
            ("files", Msg::HelpTrainFiles),
            ("shuffle", Msg::HelpTrainShuffle),
            ("seed", Msg::HelpTrainSeed),
            ("count", Msg::HelpTrainCount),
            ("tags", Msg::HelpChooseTag),
            ("age", Msg::HelpChooseAge),
            ("level", Msg::HelpChooseLevel),
            ("plan", Msg::HelpChoosePlan),
            ("list", Msg::HelpTrainList),
            ("blind", Msg::HelpTrainBlind),
            ("tally", Msg::HelpTrainTally),
            ("teams", Msg::HelpTrainTeam),
            ("trainer", Msg::HelpTrainTrainer),
            ("csv", Msg::HelpTrainCsv),
        ],
    },
    Help {
        command: Some("summary"),
        about: Msg::HelpSummary,
        after: Some(Msg::HelpSummaryAfter),
        args: &[
            ("files", Msg::HelpRecordFiles),
            ("by", Msg::HelpSummaryBy),
            ("format", Msg::HelpSummaryFormat),
            ("min_cell", Msg::HelpSummaryMinCell),
        ],
    },
    Help {
        command: Some("export"),
        about: Msg::HelpExport,
        after: Some(Msg::HelpExportAfter),
        args: &[
            ("files", Msg::HelpRecordFiles),
            ("format", Msg::HelpExportFormat),
        ],
    },
    Help {
        command: Some("questions"),
        about: Msg::HelpQuestions,
        after: None,
        args: &[("format", Msg::HelpMaterialFormat)],
    },
    Help {
        command: Some("continuum"),
        about: Msg::HelpContinuum,
        after: None,
        args: &[("format", Msg::HelpMaterialFormat)],
    },
    Help {
        command: Some("completions"),
        about: Msg::HelpCompletions,
        after: Some(Msg::HelpCompletionsAfter),
        args: &[("shell", Msg::HelpCompletionsShell)],
    },
    Help {
        command: Some("man"),
        about: Msg::HelpMan,
        after: Some(Msg::HelpManAfter),
        args: &[],
    },
    Help {
        command: Some("check"),
        about: Msg::HelpCheck,
        after: Some(Msg::HelpCheckAfter),
        args: &[
            ("files", Msg::HelpCheckFiles),
            ("format", Msg::HelpCheckFormat),
            ("deny_warnings", Msg::HelpCheckDenyWarnings),
            ("quiet", Msg::HelpCheckQuiet),
        ],
    },
    Help {
        command: Some("test"),
        about: Msg::HelpTest,
        after: Some(Msg::HelpTestAfter),
        args: &[
            ("files", Msg::HelpProjectScenarioFiles),
            ("format", Msg::HelpTestFormat),
            ("output", Msg::HelpTestOutput),
            ("force", Msg::HelpTestForce),
            ("min_coverage", Msg::HelpTestMinCoverage),
            ("quiet", Msg::HelpTestQuiet),
            ("run", Msg::HelpTestRun),
        ],
    },
    Help {
        command: Some("diff"),
        about: Msg::HelpDiff,
        after: Some(Msg::HelpDiffAfter),
        args: &[
            ("from", Msg::HelpDiffFrom),
            ("to", Msg::HelpDiffTo),
            ("files", Msg::HelpProjectScenarioFiles),
            ("format", Msg::HelpDiffFormat),
        ],
    },
];

/// Words in usage lines and value names, by their English.
const WORDS: [Msg; 14] = [
    Msg::HelpValueTag,
    Msg::HelpValueShell,
    Msg::HelpValueList,
    Msg::HelpValueName,
    Msg::HelpValueAge,
    Msg::HelpValueLevel,
    Msg::HelpValueFile,
    Msg::HelpValueFileOrDir,
    Msg::HelpValueDraft,
    Msg::HelpValueLang,
    Msg::HelpValueFormat,
    Msg::HelpValuePercent,
    Msg::HelpValueCommand,
    Msg::HelpValueOptions,
];

/// `english` (a value name such as `FILE|DIR`) in `lang`, if the catalogue has it.
fn word(english: &str, lang: Lang) -> Option<&'static str> {
    WORDS
        .iter()
        .find(|m| m.text(Lang::En) == english)
        .map(|m| m.text(lang))
}

/// The command line's help in `lang`.
pub fn localise(cmd: Command, lang: Lang) -> Command {
    // Wrapped as the help is: clap prints it as it is.
    let long_version = format!(
        "{}\n{}",
        env!("CARGO_PKG_VERSION"),
        crate::text::screen::wrap_words(
            Msg::HelpLongVersion.text(lang),
            crate::text::screen::width()
        )
    );
    let cmd = cmd.long_version(long_version);
    if lang == Lang::En {
        return cmd;
    }
    let say = |msg: Msg| msg.text(lang);
    let mut cmd = cmd;
    for help in HELP {
        let apply = |mut c: Command| {
            c = c.about(say(help.about)).long_about(None);
            if let Some(after) = help.after {
                c = c.after_help(say(after)).after_long_help(None::<&str>);
            }
            for (id, msg) in help.args {
                c = c.mut_arg(*id, |a| a.help(say(*msg)).long_help(None::<&str>));
            }
            c
        };
        cmd = match help.command {
            None => apply(cmd),
            Some(name) => cmd.mut_subcommand(name, apply),
        };
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| frame(sub, &format!("hsb {name}"), lang));
    }
    let mut cmd = frame(cmd, "hsb", lang).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(say(Msg::HelpVersionFlag))
            .help_heading(say(Msg::HelpOptions))
            .display_order(LAST),
    );
    // clap adds its `help` command when the command line is built; describe it after that.
    cmd.build();
    // `hsb help help` lists the commands again, `help` among them.
    cmd.mut_subcommand("help", |help| {
        frame(help, "hsb help", lang)
            .about(say(Msg::HelpHelpCommand))
            .mut_subcommand("help", |h| h.about(say(Msg::HelpHelpCommand)))
    })
}

/// The command line for a shell completion script in `lang`. A value's description (`key` in
/// `--format`) is written once, in English, beside the value; in another language it is left out,
/// as the option's own help, which is translated, describes each value.
pub fn for_completions(cmd: Command, lang: Lang) -> Command {
    fn bare(cmd: Command) -> Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let mut cmd = cmd.mut_args(|a| {
            let values = a.get_possible_values();
            if values.iter().all(|v| v.get_help().is_none()) {
                return a;
            }
            let names = values.into_iter().map(|v| v.get_name().to_string());
            a.value_parser(clap::builder::PossibleValuesParser::new(names))
        });
        for name in names {
            cmd = cmd.mut_subcommand(name, bare);
        }
        cmd
    }
    let cmd = localise(cmd, lang);
    if lang == Lang::En { cmd } else { bare(cmd) }
}

/// Print a command-line error (or the help or version asked for) in `lang`; returns the exit
/// code. clap's own messages are English, so other languages get one line saying what is wrong
/// and where to look.
pub fn report(err: &clap::Error, lang: Lang) -> i32 {
    use clap::error::ErrorKind;
    let shown = matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || shown {
        let _ = err.print();
        return err.exit_code();
    }
    // Read without assuming UTF-8: an argument that is not valid text is still a mistake to
    // report, never a reason to stop.
    let command = std::env::args_os()
        .skip(1)
        .filter_map(|a| a.into_string().ok())
        .find(|a| HELP.iter().any(|h| h.command == Some(a.as_str())))
        .map_or_else(|| "hsb".to_string(), |c| format!("hsb {c}"));
    eprintln!(
        "{}",
        crate::say!(lang, ErrorLine, message = said(err, lang))
    );
    for hint in hints(err, lang) {
        eprintln!("  {hint}");
    }
    eprintln!("{}", crate::say!(lang, CliErrorMore, command = command));
    crate::input::error::exit::ERROR
}

/// What is wrong with the command line, in `lang`.
fn said(err: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| err.get(kind).map(|value| value.to_string());
    let (arg, prior) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::PriorArg),
    );
    match err.kind() {
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).unwrap_or_default() == "" => {
            return crate::say!(lang, CliErrorNoValue, what = arg.unwrap_or_default());
        }
        ErrorKind::ArgumentConflict if arg.is_some() && arg == prior => {
            return crate::say!(lang, CliErrorTwice, what = arg.unwrap_or_default());
        }
        _ => {}
    }
    let (msg, what) = match err.kind() {
        ErrorKind::MissingRequiredArgument => {
            (Msg::CliErrorMissing, context(ContextKind::InvalidArg))
        }
        ErrorKind::UnknownArgument => (
            Msg::CliErrorUnknownArgument,
            context(ContextKind::InvalidArg),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            Msg::CliErrorInvalidValue,
            context(ContextKind::InvalidValue),
        ),
        ErrorKind::InvalidSubcommand => (
            Msg::CliErrorUnknownCommand,
            context(ContextKind::InvalidSubcommand),
        ),
        _ => (Msg::CliErrorOther, None),
    };
    match (what, err.kind()) {
        (Some(what), _) => msg.fill(lang, &[("what", &what)]),
        (None, ErrorKind::ArgumentConflict) => crate::say!(
            lang,
            CliErrorConflict,
            what = arg.unwrap_or_default(),
            other = prior.unwrap_or_default()
        ),
        (None, _) => Msg::CliErrorOther.text(lang).to_string(),
    }
}

/// What clap would add in English: the option, command or value meant, and the values allowed.
fn hints(err: &clap::Error, lang: Lang) -> Vec<String> {
    use clap::error::ContextKind;
    let context = |kind| {
        err.get(kind)
            .map(|value| value.to_string())
            .filter(|value| !value.is_empty())
    };
    let meant = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .filter_map(context)
    .map(|what| crate::say!(lang, CliErrorDidYouMean, what = what));
    let allowed = context(ContextKind::ValidValue)
        .map(|values| crate::say!(lang, CliErrorPossibleValues, values = values));
    meant.chain(allowed).collect()
}

/// The ids of the arguments of `command` whose help is translated.
fn translated(command: Option<&str>) -> impl Iterator<Item = &'static str> {
    HELP.iter()
        .filter(move |h| h.command == command || h.command.is_none())
        .flat_map(|h| h.args.iter().map(|(id, _)| *id))
}

/// Headings, usage line, value names and the help flag of one command, in `lang`. The possible
/// and default values clap would list in English are left to the translated help text.
fn frame(cmd: Command, bin: &str, lang: Lang) -> Command {
    let command = bin.strip_prefix("hsb ");
    let ours: Vec<&str> = translated(command).collect();
    let say = |msg: Msg| msg.text(lang);
    let options = format!("[{}]", say(Msg::HelpValueOptions));
    let usage = if cmd.has_subcommands() {
        format!("{bin} {options} <{}>", say(Msg::HelpValueCommand))
    } else {
        let positionals: Vec<String> = cmd
            .get_positionals()
            .map(|a| {
                let name = a.get_value_names().and_then(|n| n.first()).map_or_else(
                    || a.get_id().to_string(),
                    |n| word(n.as_str(), lang).unwrap_or(n.as_str()).to_string(),
                );
                let many = matches!(a.get_action(), ArgAction::Append);
                if a.is_required_set() {
                    format!("<{name}>{}", if many { "..." } else { "" })
                } else {
                    format!("[{name}]{}", if many { "..." } else { "" })
                }
            })
            .collect();
        format!("{bin} {options} {}", positionals.join(" "))
    };
    cmd.help_template(format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        say(Msg::HelpUsage)
    ))
    .override_usage(usage.trim_end().to_string())
    .subcommand_help_heading(say(Msg::HelpCommands))
    .subcommand_value_name(say(Msg::HelpValueCommand))
    .mut_args(|a| {
        let names: Option<Vec<&'static str>> = a
            .get_value_names()
            .and_then(|n| n.iter().map(|v| word(v.as_str(), lang)).collect());
        let heading = if a.is_positional() {
            Msg::HelpArguments
        } else {
            Msg::HelpOptions
        };
        let hide = a.get_action().takes_values() && ours.contains(&a.get_id().as_str());
        let a = a
            .hide_possible_values(hide)
            .hide_default_value(hide)
            .help_heading(say(heading));
        match names {
            Some(names) if !names.is_empty() => a.value_names(names),
            _ => a,
        }
    })
    .disable_help_flag(true)
    .arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            // Set here because `hsb help` is framed after the command line is built.
            .num_args(0)
            .help(say(Msg::HelpHelpFlag))
            .help_heading(say(Msg::HelpOptions))
            .display_order(LAST),
    )
}

/// Where the help and version flags go: after every other option, as in English.
const LAST: usize = 10_000;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The same words; clap drops the full stop of a one-sentence doc comment.
    fn same(a: &str, b: &str) -> bool {
        let words = |t: &str| {
            t.trim_end_matches('.')
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        words(a) == words(b)
    }

    #[test]
    fn the_catalogue_english_is_the_english_help() {
        let cmd = crate::cli::Cli::command();
        for help in HELP {
            let c = match help.command {
                None => &cmd,
                Some(name) => cmd.find_subcommand(name).expect("a command"),
            };
            let about = c.get_about().map(|s| s.to_string()).unwrap_or_default();
            assert!(
                same(&about, help.about.text(Lang::En)),
                "{:?}",
                help.command
            );
            if let Some(after) = help.after {
                let text = c
                    .get_after_help()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                assert!(same(&text, after.text(Lang::En)), "{:?}", help.command);
            }
            for (id, msg) in help.args {
                let arg = c
                    .get_arguments()
                    .find(|a| a.get_id() == *id)
                    .expect("an argument");
                let text = arg.get_help().map(|s| s.to_string()).unwrap_or_default();
                assert!(same(&text, msg.text(Lang::En)), "{:?} {id}", help.command);
            }
        }
    }

    #[test]
    fn welsh_help_has_no_english_heading_or_description() {
        for name in [
            None,
            Some("assess"),
            Some("drafts"),
            Some("replay"),
            Some("train"),
            Some("check"),
            Some("test"),
            Some("diff"),
        ] {
            let mut cmd = localise(crate::cli::Cli::command(), Lang::Cy);
            cmd.build();
            let c = match name {
                None => &mut cmd,
                Some(name) => cmd.find_subcommand_mut(name).expect("a command"),
            };
            let help = c.render_long_help().to_string();
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print help",
                "[OPTIONS]",
                "FILE",
                "Possible values",
                "default:",
                "Exit status",
                "Files or folders",
                "Treat warnings",
            ] {
                assert!(!help.contains(english), "{name:?}: {english}\n{help}");
            }
            assert!(help.contains("Defnydd:"), "{help}");
        }
    }
}
