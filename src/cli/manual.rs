//! `hsb man`: one manual page for the whole tool, generated from the same argument definitions
//! as `--help`. clap_mangen writes the page for `hsb` itself; each command, with its options,
//! is added as a section of the same page (there are no separate `hsb-assess(1)` pages to point
//! to).

use crate::text::lang::Lang;
use crate::text::messages::Msg;
use clap::{Arg, Command};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::io::Write;

/// Write the manual page (roff) for `cmd`, already in `lang` (see
/// [`localise`](crate::cli::help::localise)), with its section headings in `lang` too.
pub fn render(cmd: Command, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = cmd;
    cmd.build();
    let man = Man::new(cmd.clone());
    match lang {
        Lang::En => man.render_title(out)?,
        // groff's own words for the header are English ("General Commands Manual"), and its
        // hyphenation patterns would break Welsh words where Welsh would not. (clap_mangen
        // leaves out an empty date, which would shift the header's fields.)
        Lang::Cy => write!(
            out,
            ".TH {} 1 \"\" \"{} {}\" \"{}\"\n.nh\n",
            cmd.get_name(),
            cmd.get_name(),
            env!("CARGO_PKG_VERSION"),
            Msg::ManManual.text(lang)
        )?,
    }
    let before: [(Section, &str, Msg); 4] = [
        (Man::render_name_section, "NAME", Msg::ManName),
        (Man::render_synopsis_section, "SYNOPSIS", Msg::ManSynopsis),
        (
            Man::render_description_section,
            "DESCRIPTION",
            Msg::ManDescription,
        ),
        (Man::render_options_section, "OPTIONS", Msg::ManOptions),
    ];
    let after: [(Section, &str, Msg); 2] = [
        (Man::render_extra_section, "EXTRA", Msg::ManExtra),
        (Man::render_version_section, "VERSION", Msg::ManVersion),
    ];
    for (section, heading, msg) in before {
        in_lang(&man, section, (heading, msg.text(lang)), out)?;
    }
    commands(&cmd, lang).to_writer(out)?;
    for (section, heading, msg) in after {
        in_lang(&man, section, (heading, msg.text(lang)), out)?;
    }
    Ok(())
}

/// A section clap_mangen writes.
type Section = fn(&Man, &mut dyn Write) -> std::io::Result<()>;

/// One section clap_mangen writes, its English heading (`.SH NAME`) replaced.
fn in_lang(
    man: &Man,
    section: Section,
    (english, heading): (&str, &str),
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    section(man, &mut buffer)?;
    let text = String::from_utf8_lossy(&buffer).replacen(
        &format!(".SH {english}\n"),
        &format!(".SH {heading}\n"),
        1,
    );
    out.write_all(text.as_bytes())
}

/// A COMMANDS section: each command's description, options and notes.
fn commands(cmd: &Command, lang: Lang) -> Roff {
    let mut roff = Roff::default();
    roff.control("SH", [Msg::ManCommands.text(lang)]);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let usage = std::iter::once(bold(format!("hsb {}", sub.get_name())))
            .chain(own_args(sub).map(|a| {
                if a.is_required_set() {
                    roman(format!(" {}", synopsis(a)))
                } else {
                    roman(format!(" [{}]", synopsis(a)))
                }
            }))
            .collect::<Vec<_>>();
        roff.control("SS", [format!("hsb {}", sub.get_name()).as_str()]);
        roff.text(usage);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.control("PP", []);
            roff.text([roman(about.to_string())]);
        }
        for arg in own_args(sub) {
            roff.control("TP", []);
            roff.text([bold(synopsis(arg))]);
            if let Some(help) = arg.get_long_help().or(arg.get_help()) {
                roff.text([roman(help.to_string())]);
            }
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                roff.text([italic(format!(" [{}]", values.join(", ")))]);
            }
        }
        if let Some(after) = sub.get_after_help() {
            roff.control("PP", []);
            roff.text([roman(after.to_string())]);
        }
    }
    roff
}

/// A command's own arguments: not the global ones (described once, above) nor `--help`.
fn own_args(cmd: &Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
}

/// How an argument is written: `--save <FILE>`, `-f, --format <FORMAT>`, `<FILE|DIR>...`.
fn synopsis(arg: &Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map(|name| format!("<{name}>"))
        .unwrap_or_else(|| format!("<{}>", arg.get_id().as_str().to_uppercase()));
    let takes_value = arg.get_action().takes_values();
    match (arg.get_short(), arg.get_long()) {
        (short, Some(long)) => {
            let short = short.map(|s| format!("-{s}, ")).unwrap_or_default();
            if takes_value {
                format!("{short}--{long} {value}")
            } else {
                format!("{short}--{long}")
            }
        }
        (Some(short), None) => format!("-{short}"),
        (None, None) => {
            let many = if arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
                "..."
            } else {
                ""
            };
            format!("{value}{many}")
        }
    }
}
