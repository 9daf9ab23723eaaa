//! The tags a training scenario may carry (`interface/tags.yaml`): `group:value` ids trainers
//! choose scenarios by. Age, setting, relationship and level are worked out from the answers
//! and the rules, so no file may tag them.

use crate::input::diag::{Code, Diagnostic};
use crate::input::source::Source;
use crate::input::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const FORMAT: &str = "hsb-tags/1";
const TAGS: &str = include_str!("../../interface/tags.yaml");
/// The built-in tag list, for `hsb check` with no files.
pub const EMBEDDED: (&str, &str) = ("interface/tags.yaml", TAGS);
/// Groups worked out from a scenario's answers and the rules, never written as tags.
pub const DERIVED: [&str; 4] = ["age", "setting", "relationship", "level"];

#[derive(Deserialize, Default)]
struct TagFile {
    #[allow(dead_code)]
    format: String,
    /// Each group's values, with what each means.
    groups: BTreeMap<String, BTreeMap<String, String>>,
}

/// The tags there are, as `group:value`.
#[derive(Debug, Default)]
pub struct Vocabulary {
    tags: Vec<String>,
}

impl Vocabulary {
    /// Whether `tag` is one of the tags listed.
    pub fn knows(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// Every tag, in the file's order of groups and values.
    pub fn all(&self) -> impl Iterator<Item = &str> + Clone {
        self.tags.iter().map(String::as_str)
    }
}

fn vocabulary(file: &TagFile) -> Vocabulary {
    Vocabulary {
        tags: file
            .groups
            .iter()
            .flat_map(|(group, values)| values.keys().map(move |v| format!("{group}:{v}")))
            .collect(),
    }
}

/// The built-in tags, read once, on first use.
pub fn builtin() -> &'static Vocabulary {
    static TAGS_READ: OnceLock<Vocabulary> = OnceLock::new();
    TAGS_READ.get_or_init(|| {
        // A test proves the built-in list reads; should it ever not, no tag is known, and every
        // tag is reported rather than anything failing.
        serde_yaml::from_str::<TagFile>(TAGS)
            .map(|file| vocabulary(&file))
            .unwrap_or_default()
    })
}

/// Check a tag list: its layout, every group with values, and no group that is worked out from
/// the answers.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    if let Err(d) = yaml::expect_format(source, FORMAT, crate::text::messages::Msg::WhatTagList) {
        return vec![d];
    }
    let (file, mut problems): (TagFile, _) =
        match yaml::parse_lenient(source, TAGS, yaml::Twice::MayPass) {
            Ok(read) => read,
            Err(all) => return all,
        };
    for (group, values) in &file.groups {
        if DERIVED.contains(&group.as_str()) {
            problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &source.name,
                    crate::message!(DiagGroupDerived, group = group),
                )
                .at(source.locate(&["groups", group]))
                .help_said(crate::message!(
                    DiagGroupDerivedHelp,
                    groups = DERIVED.join(", ")
                )),
            );
        }
        if values.is_empty() {
            problems.push(
                Diagnostic::error_said(
                    Code::BadContent,
                    &source.name,
                    crate::message!(DiagGroupNoValues, group = group),
                )
                .at(source.locate(&["groups", group]))
                .help_said(crate::message!(DiagGroupNoValuesHelp)),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_tags_read_and_pass_their_own_check() {
        assert!(builtin().knows("displayed:girl"));
        assert!(builtin().knows("language:cy"));
        assert!(!builtin().knows("setting:school"), "derived, never a tag");
        let source = Source::embedded(EMBEDDED.0, EMBEDDED.1);
        assert!(check(&source).is_empty(), "{:?}", check(&source));
    }

    #[test]
    fn a_derived_group_and_an_empty_group_are_refused() {
        let source = Source::embedded(
            "tags.yaml",
            "format: hsb-tags/1\ngroups:\n  setting:\n    school: a school\n  theme: {}\n",
        );
        let problems = check(&source);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|d| d.code == Code::BadContent));
        assert_eq!(problems[0].line, Some(3));
    }
}
