//! `hsb test`: run every scenario's `expect:` block against the rules and report PASS/FAIL,
//! rule coverage and, for CI systems, JUnit XML, JSON or GitHub annotations (`report`).

mod report;
pub use report::{Ending, Github, Json, Junit};

use crate::content::Content;
use crate::engine::{Decision, decide, responses};
use crate::input::error::Error;
use crate::record::Record;
use crate::text::lang::Lang;
use crate::text::messages::{Message, Msg};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Pass,
    /// What differed from the expectation, and the rules that fired.
    Fail {
        /// What differed, each to be said in English (machine formats) or the reader's
        /// language.
        mismatches: Vec<Message>,
        fired: Vec<String>,
    },
    /// No `expect:` block.
    Skipped,
    /// The file could not be loaded: why, in English (machine formats) and in the language
    /// of the run.
    Broken {
        english: String,
        said: String,
    },
    /// A content file (rules, levels, questions...) met while walking a folder: not a
    /// scenario, so not run.
    NotAScenario,
}

#[derive(Debug, Clone)]
pub struct CaseResult {
    pub verdict: Verdict,
    /// Rules that fired, for coverage.
    pub fired: Vec<String>,
    /// How long loading and evaluating the scenario took (JUnit's `time`).
    pub time: std::time::Duration,
}

/// Running totals; holds nothing per scenario but the rule ids that have fired.
#[derive(Debug, Default)]
pub struct Totals {
    /// Content files met among the scenarios, and not run.
    pub content: usize,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub broken: usize,
    /// Each rule that fired, with the number of scenarios it fired in.
    pub fired: BTreeMap<String, usize>,
}

impl Totals {
    pub fn add(&mut self, result: &CaseResult) {
        match result.verdict {
            Verdict::Pass => self.passed += 1,
            Verdict::Fail { .. } => self.failed += 1,
            Verdict::Skipped => self.skipped += 1,
            Verdict::NotAScenario => self.content += 1,
            Verdict::Broken { .. } => {
                self.failed += 1;
                self.broken += 1;
            }
        }
        for rule in &result.fired {
            *self.fired.entry(rule.clone()).or_default() += 1;
        }
    }

    /// Every rule of the rule set, in its order, with the number of scenarios it fired in.
    pub fn per_rule<'a>(&self, content: &'a Content) -> Vec<(&'a str, usize)> {
        content
            .rules
            .rules
            .iter()
            .map(|r| (r.id.as_str(), self.fired.get(&r.id).copied().unwrap_or(0)))
            .collect()
    }

    /// The share of the rule set's rules that some scenario fired, in percent.
    pub fn coverage(&self, content: &Content) -> f64 {
        let total = content.rules.rules.len();
        if total == 0 {
            return 100.0;
        }
        let fired = content
            .rules
            .rules
            .iter()
            .filter(|r| self.fired.contains_key(&r.id))
            .count();
        fired as f64 * 100.0 / total as f64
    }

    pub fn never_fired<'a>(&self, content: &'a Content) -> Vec<&'a str> {
        content
            .rules
            .rules
            .iter()
            .filter(|r| !self.fired.contains_key(&r.id))
            .map(|r| r.id.as_str())
            .collect()
    }
}

/// Load and run one scenario.
pub fn run_case(path: &Path, content: &Content) -> CaseResult {
    let start = std::time::Instant::now();
    let record = match crate::record::Record::load_file(path, content) {
        Ok(record) => record,
        Err(err) => {
            // Asked only of a file that did not load, so that scenarios are read once.
            let verdict = if crate::content::is_content_file(path) {
                Verdict::NotAScenario
            } else {
                Verdict::Broken {
                    english: err.to_string(),
                    said: err.render(content.lang()),
                }
            };
            return CaseResult {
                verdict,
                fired: Vec::new(),
                time: start.elapsed(),
            };
        }
    };
    let decision = decide(content, &record);
    let fired: Vec<String> = decision.fired().map(|(rule, _)| rule.id.clone()).collect();
    CaseResult {
        verdict: judge(content, &record, &decision, &fired),
        fired,
        time: start.elapsed(),
    }
}

/// Compare what the rules decided (`fired`: the rules that fired) with the record's expectation.
pub fn judge(
    content: &Content,
    record: &Record,
    decision: &Decision<'_>,
    fired: &[String],
) -> Verdict {
    let Some(expect) = &record.expect else {
        return Verdict::Skipped;
    };
    let mut mismatches = Vec::new();
    let level = content.continuum.placement_id(decision.level);
    match &expect.level {
        Some(want) if want != level => {
            mismatches.push(crate::message!(TestLevelMismatch, want = want, got = level))
        }
        Some(_) => {}
        None => mismatches.push(crate::message!(TestNoLevel)),
    }
    let status = decision.status.id();
    match &expect.strategy_discussion {
        Some(want) if want != status => mismatches.push(crate::message!(
            TestStrategyMismatch,
            want = want,
            got = status
        )),
        Some(_) => {}
        None => mismatches.push(crate::message!(TestNoStrategy)),
    }
    if let Some(want) = expect.provisional
        && want != decision.provisional
    {
        mismatches.push(crate::message!(
            TestProvisionalMismatch,
            want = want,
            got = decision.provisional
        ));
    }
    for rule in &expect.rules {
        if !fired.contains(rule) {
            mismatches.push(crate::message!(TestRuleNotFired, rule = rule));
        }
    }
    // The responses are gathered only when the scenario names some.
    let (child, other) = if expect.responses.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        responses(content, decision)
    };
    for response in &expect.responses {
        let present = child.iter().chain(&other).any(|r| &r.id == response);
        if !present {
            mismatches.push(crate::message!(TestResponseMissing, response = response));
        }
    }
    if mismatches.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail {
            mismatches,
            fired: fired.to_vec(),
        }
    }
}

/// One scenario in the human format, in `lang`: `PASS path`, or `FAIL path` with what
/// differed.
pub fn human_line(path: &str, result: &CaseResult, lang: Lang) -> String {
    match &result.verdict {
        Verdict::Pass => format!("{}\n", crate::say!(lang, TestPass, path = path)),
        Verdict::NotAScenario => String::new(),
        Verdict::Skipped => format!("{}\n", crate::say!(lang, TestSkip, path = path)),
        Verdict::Fail { mismatches, fired } => {
            let mut out = format!("{}\n", crate::say!(lang, TestFail, path = path));
            for m in mismatches {
                let _ = writeln!(out, "  {}", m.render(lang));
            }
            let fired = if fired.is_empty() {
                Msg::TestNoneFired.text(lang).to_string()
            } else {
                fired.join(", ")
            };
            let _ = writeln!(
                out,
                "  {}",
                crate::say!(lang, TestRulesFired, rules = fired)
            );
            out
        }
        Verdict::Broken { said, .. } => {
            let mut out = format!("{}\n", crate::say!(lang, TestFailLoad, path = path));
            for line in said.lines() {
                let _ = writeln!(out, "  {line}");
            }
            out
        }
    }
}

/// Check that a `--min-coverage` value is a percentage.
pub fn parse_percent(text: &str) -> Result<f64, Error> {
    match text.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(crate::usage!(MinCoverageInvalid, text = text)),
    }
}

/// Check that a `--run` value is a regular expression.
pub fn parse_run(text: &str) -> Result<regex::Regex, Error> {
    regex::Regex::new(text).map_err(|err| {
        // The regex library's description of a syntax error is said as it is.
        let reason = match err {
            regex::Error::Syntax(detail) => {
                let last = detail.lines().last().unwrap_or_default();
                last.strip_prefix("error: ").unwrap_or(last).to_string()
            }
            regex::Error::CompiledTooBig(_) => return crate::usage!(RunTooLarge, pattern = text),
            _ => String::new(),
        };
        crate::usage!(RunInvalid, pattern = text, reason = reason.trim())
    })
}
