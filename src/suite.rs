//! `hsb test`: run every scenario's `expect:` block against the rules and report PASS/FAIL,
//! rule coverage and, for CI systems, JUnit XML.

use crate::content::Content;
use crate::engine::{Decision, decide, responses};
use crate::error::Error;
use crate::files;
use crate::record::Record;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Pass,
    /// What differed from the expectation, and the rules that fired.
    Fail {
        mismatches: Vec<String>,
        fired: Vec<String>,
    },
    /// No `expect:` block.
    Skipped,
    /// The file could not be loaded.
    Broken(String),
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
    pub fired: BTreeSet<String>,
}

impl Totals {
    pub fn add(&mut self, result: &CaseResult) {
        match result.verdict {
            Verdict::Pass => self.passed += 1,
            Verdict::Fail { .. } => self.failed += 1,
            Verdict::Skipped => self.skipped += 1,
            Verdict::NotAScenario => self.content += 1,
            Verdict::Broken(_) => {
                self.failed += 1;
                self.broken += 1;
            }
        }
        self.fired.extend(result.fired.iter().cloned());
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
            .filter(|r| self.fired.contains(&r.id))
            .count();
        fired as f64 * 100.0 / total as f64
    }

    pub fn never_fired<'a>(&self, content: &'a Content) -> Vec<&'a str> {
        content
            .rules
            .rules
            .iter()
            .filter(|r| !self.fired.contains(&r.id))
            .map(|r| r.id.as_str())
            .collect()
    }
}

/// Load and run one scenario.
pub fn run_case(path: &Path, content: &Content) -> CaseResult {
    let start = std::time::Instant::now();
    let record = match files::load_record(path, content) {
        Ok(record) => record,
        Err(err) => {
            // Asked only of a file that did not load, so that scenarios are read once.
            let verdict = if crate::content::is_content_file(path) {
                Verdict::NotAScenario
            } else {
                Verdict::Broken(err.to_string())
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
            mismatches.push(format!("level: expected {want}, got {level}"))
        }
        Some(_) => {}
        None => mismatches.push("expect: has no `level:`".to_string()),
    }
    let status = decision.status.id();
    match &expect.strategy_discussion {
        Some(want) if want != status => mismatches.push(format!(
            "strategy discussion: expected {want}, got {status}"
        )),
        Some(_) => {}
        None => mismatches.push("expect: has no `strategy_discussion:`".to_string()),
    }
    if let Some(want) = expect.provisional
        && want != decision.provisional
    {
        mismatches.push(format!(
            "provisional: expected {want}, got {}",
            decision.provisional
        ));
    }
    for rule in &expect.rules {
        if !fired.contains(rule) {
            mismatches.push(format!("rule `{rule}` did not fire"));
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
            mismatches.push(format!("response `{response}` is missing"));
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

/// One scenario in the human format: `PASS path`, or `FAIL path` with what differed.
pub fn human_line(path: &str, result: &CaseResult) -> String {
    match &result.verdict {
        Verdict::Pass => format!("PASS {path}\n"),
        Verdict::NotAScenario => String::new(),
        Verdict::Skipped => format!("SKIP {path} (no expect block)\n"),
        Verdict::Fail { mismatches, fired } => {
            let mut out = format!("FAIL {path}\n");
            for m in mismatches {
                let _ = writeln!(out, "  {m}");
            }
            let fired = if fired.is_empty() {
                "none".to_string()
            } else {
                fired.join(", ")
            };
            let _ = writeln!(out, "  rules that fired: {fired}");
            out
        }
        Verdict::Broken(message) => {
            let mut out = format!("FAIL {path} (cannot be loaded)\n");
            for line in message.lines() {
                let _ = writeln!(out, "  {line}");
            }
            out
        }
    }
}

/// JUnit XML (`quick-junit`), built one test case at a time.
#[derive(Debug, Default)]
pub struct Junit {
    cases: Vec<quick_junit::TestCase>,
    /// The rule set tested, as the suite's properties.
    properties: Vec<(&'static str, String)>,
}

impl Junit {
    pub fn new(rule_set: &crate::content::RuleSetId) -> Self {
        Junit {
            cases: Vec::new(),
            properties: vec![
                ("rule_set.name", rule_set.name.clone()),
                ("rule_set.version", rule_set.version.clone()),
                ("rule_set.sha256", rule_set.sha256.clone()),
                ("rule_set.from", rule_set.origin.clone()),
            ],
        }
    }

    pub fn add(&mut self, path: &str, result: &CaseResult) {
        use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus};
        let status = match &result.verdict {
            Verdict::NotAScenario => return,
            Verdict::Pass => TestCaseStatus::success(),
            Verdict::Skipped => {
                let mut status = TestCaseStatus::skipped();
                status.set_message("no expect block");
                status
            }
            Verdict::Fail { mismatches, fired } => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_message(mismatches.first().map_or("", String::as_str))
                    .set_description(format!(
                        "{}\nrules that fired: {}",
                        mismatches.join("\n"),
                        fired.join(", ")
                    ));
                status
            }
            Verdict::Broken(message) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status
                    .set_message("the scenario cannot be loaded")
                    .set_description(message.as_str());
                status
            }
        };
        let mut case = TestCase::new(path, status);
        case.set_classname("hsb.scenarios").set_time(result.time);
        self.cases.push(case);
    }

    /// A shortfall in rule coverage, as a failing test case: a CI report that counts failures
    /// must not show green when `hsb test` exits 1.
    pub fn coverage_below(&mut self, coverage: f64, minimum: f64, never: &[&str]) {
        use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus};
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_message(format!(
                "rule coverage {coverage:.1}% is below the minimum {minimum:.1}%"
            ))
            .set_description(format!("never fired: {}", never.join(", ")));
        let mut case = TestCase::new("rule coverage", status);
        case.set_classname("hsb.coverage")
            .set_time(std::time::Duration::ZERO);
        self.cases.push(case);
    }

    /// The rules could not be loaded: one error case, so that CI still gets a report.
    pub fn rules_unreadable(message: &str) -> Self {
        use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus};
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status
            .set_message("the rules, levels or questions cannot be loaded")
            .set_description(message);
        let mut case = TestCase::new("content", status);
        case.set_classname("hsb.content")
            .set_time(std::time::Duration::ZERO);
        Junit {
            cases: vec![case],
            properties: Vec::new(),
        }
    }

    pub fn finish(&self) -> String {
        let mut suite = quick_junit::TestSuite::new("hsb scenarios");
        for (name, value) in &self.properties {
            suite.add_property(quick_junit::Property::new(*name, value.as_str()));
        }
        let time: std::time::Duration = self.cases.iter().filter_map(|c| c.time).sum();
        suite.set_time(time);
        suite.add_test_cases(self.cases.iter().cloned());
        let mut report = quick_junit::Report::new("hsb test");
        report.set_time(time);
        report.add_test_suite(suite);
        // Serialising text into XML cannot fail; an empty report is the worst case.
        report.to_string().unwrap_or_default()
    }
}

/// Check that a `--min-coverage` value is a percentage.
pub fn parse_percent(text: &str) -> Result<f64, Error> {
    match text.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(crate::usage!(MinCoverageInvalid, text = text)),
    }
}
