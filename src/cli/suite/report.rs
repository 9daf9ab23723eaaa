//! `hsb test`'s machine-readable reports: JUnit XML, JSON and GitHub Actions annotations.

use super::{CaseResult, Verdict};
use crate::text::lang::Lang;
use crate::text::messages::Msg;

/// JUnit XML (`quick-junit`), built one test case at a time.
#[derive(Debug, Default)]
pub struct Junit {
    cases: Vec<quick_junit::TestCase>,
    /// The rule set tested and the rule coverage, as the suite's properties.
    properties: Vec<(String, String)>,
}

impl Junit {
    pub fn new(rule_set: &crate::content::RuleSetId) -> Self {
        Junit {
            cases: Vec::new(),
            properties: [
                ("rule_set.name", &rule_set.name),
                ("rule_set.version", &rule_set.version),
                ("rule_set.sha256", &rule_set.sha256),
                ("rule_set.from", &rule_set.origin),
            ]
            .into_iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect(),
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
                let mismatches = english(mismatches);
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
            Verdict::Broken { english, .. } => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status
                    .set_message("the scenario cannot be loaded")
                    .set_description(english.as_str());
                status
            }
        };
        let mut case = TestCase::new(path, status);
        case.set_classname("hsb.scenarios").set_time(result.time);
        self.cases.push(case);
    }

    /// Rule coverage as properties: `coverage.percent`, and `coverage.rule.<id>` with the
    /// number of scenarios each rule fired in (0: never).
    pub fn coverage(&mut self, percent: f64, per_rule: &[(&str, usize)]) {
        self.properties
            .push(("coverage.percent".to_string(), format!("{percent:.1}")));
        for (rule, count) in per_rule {
            self.properties
                .push((format!("coverage.rule.{rule}"), count.to_string()));
        }
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
            suite.add_property(quick_junit::Property::new(name.as_str(), value.as_str()));
        }
        let time: std::time::Duration = self.cases.iter().filter_map(|c| c.time).sum();
        suite.set_time(time);
        suite.add_test_cases(self.cases.iter().cloned());
        let mut report = quick_junit::Report::new("hsb test");
        report.set_time(time);
        report.add_test_suite(suite);
        // Serialising text into XML cannot fail; an empty report is the worst case.
        without_skipped_on_testsuites(&report.to_string().unwrap_or_default())
    }
}

/// `quick-junit` writes a `skipped` count on `<testsuites>`, which the common JUnit schema
/// (Jenkins' `junit-10.xsd`) does not allow there; the count stays on `<testsuite>`. Attribute
/// values are escaped, so the tag ends at its first `>`.
fn without_skipped_on_testsuites(xml: &str) -> String {
    let Some(start) = xml.find("<testsuites") else {
        return xml.to_string();
    };
    let Some(end) = xml[start..].find('>').map(|e| start + e) else {
        return xml.to_string();
    };
    let tag = &xml[start..end];
    let Some(at) = tag.find(" skipped=\"") else {
        return xml.to_string();
    };
    let value_start = at + " skipped=\"".len();
    let Some(close) = tag[value_start..].find('"').map(|c| value_start + c + 1) else {
        return xml.to_string();
    };
    format!(
        "{}{}{}",
        &xml[..start + at],
        &xml[start + close..end],
        &xml[end..]
    )
}

/// How a run ended, for every format's closing lines.
pub struct Ending<'a> {
    pub totals: &'a super::Totals,
    /// Every rule, in the rule set's order, with the number of scenarios it fired in.
    pub per_rule: Vec<(&'a str, usize)>,
    pub coverage: f64,
    pub min_coverage: Option<f64>,
}

impl Ending<'_> {
    pub fn below_minimum(&self) -> bool {
        self.min_coverage.is_some_and(|min| self.coverage < min)
    }

    pub fn never_fired(&self) -> Vec<&str> {
        self.per_rule
            .iter()
            .filter(|(_, count)| *count == 0)
            .map(|(rule, _)| *rule)
            .collect()
    }

    /// The human closing lines, in `lang`: coverage, what was passed over, and always last
    /// `N passed, N failed`.
    pub fn human(&self, lang: Lang) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let never = self.never_fired();
        let total = self.per_rule.len();
        out.push_str(&crate::say!(
            lang,
            TestCoverage,
            fired = total - never.len(),
            total = total,
            percent = format!("{:.1}", self.coverage)
        ));
        if !never.is_empty() {
            out.push_str(&crate::say!(lang, TestNeverFired, rules = never.join(", ")));
        }
        out.push('\n');
        if let Some(min) = self.min_coverage
            && self.below_minimum()
        {
            let _ = writeln!(
                out,
                "{}",
                crate::say!(
                    lang,
                    TestBelowMinimum,
                    percent = format!("{:.1}", self.coverage),
                    min = min
                )
            );
        }
        let totals = self.totals;
        let count =
            |n: usize, one: Msg, many: Msg| crate::text::messages::count(lang, n, one, many);
        if totals.content > 0 {
            let line = count(totals.content, Msg::TestContentOne, Msg::TestContentMany);
            let _ = writeln!(out, "{line}");
        }
        if totals.skipped > 0 {
            let line = count(totals.skipped, Msg::TestSkippedOne, Msg::TestSkippedMany);
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(
            out,
            "{}",
            crate::say!(
                lang,
                TestTotals,
                passed = totals.passed,
                failed = totals.failed
            )
        );
        out
    }
}

/// One JSON document, written as the scenarios run so that memory stays flat:
/// `{"rule_set": …, "scenarios": [ … ], "coverage": …, "totals": …}`.
#[derive(Debug, Default)]
pub struct Json {
    cases: usize,
}

impl Json {
    pub fn start(rule_set: &crate::content::RuleSetId) -> String {
        let rule_set = serde_json::json!({
            "name": rule_set.name,
            "version": rule_set.version,
            "sha256": rule_set.sha256,
            "from": rule_set.origin,
        });
        format!("{{\"rule_set\":{rule_set},\"scenarios\":[")
    }

    /// One scenario: `{"path", "result": "pass"|"fail"|"skipped"|"error", …}`.
    pub fn case(&mut self, path: &str, result: &CaseResult) -> String {
        let value = match &result.verdict {
            Verdict::NotAScenario => return String::new(),
            Verdict::Pass => serde_json::json!({
                "path": path, "result": "pass", "rules_fired": result.fired,
            }),
            Verdict::Skipped => serde_json::json!({
                "path": path, "result": "skipped", "message": "no expect block",
            }),
            Verdict::Fail { mismatches, fired } => serde_json::json!({
                "path": path, "result": "fail", "mismatches": english(mismatches),
                "rules_fired": fired,
            }),
            Verdict::Broken { english, .. } => serde_json::json!({
                "path": path, "result": "error", "message": english,
            }),
        };
        let comma = if self.cases == 0 { "" } else { "," };
        self.cases += 1;
        format!("{comma}\n{value}")
    }

    pub fn finish(ending: &Ending<'_>) -> String {
        let rules: Vec<_> = ending
            .per_rule
            .iter()
            .map(|(rule, count)| serde_json::json!({"id": rule, "scenarios": count}))
            .collect();
        let coverage = serde_json::json!({
            "percent": (ending.coverage * 10.0).round() / 10.0,
            "minimum": ending.min_coverage,
            "below_minimum": ending.below_minimum(),
            "rules": rules,
            "never_fired": ending.never_fired(),
        });
        let t = ending.totals;
        let totals = serde_json::json!({
            "passed": t.passed,
            "failed": t.failed,
            "skipped": t.skipped,
            "errors": t.broken,
            "content_files_not_run": t.content,
        });
        format!("\n],\"coverage\":{coverage},\"totals\":{totals}}}\n")
    }
}

/// GitHub Actions workflow commands: an error annotation on the `expect:` line of each failing
/// scenario (at the top of a file that cannot be loaded); the human closing lines after them.
pub struct Github;

impl Github {
    pub fn case(path: &str, result: &CaseResult) -> String {
        use crate::cli::check::annotation;
        match &result.verdict {
            Verdict::Fail { mismatches, fired } => {
                // Only a failing scenario is read again, for the place of its `expect:`.
                let place = crate::input::source::Source::read(std::path::Path::new(path))
                    .ok()
                    .and_then(|source| source.locate(&["expect:"]));
                let message = format!(
                    "{}\nrules that fired: {}",
                    english(mismatches).join("\n"),
                    if fired.is_empty() {
                        "none".to_string()
                    } else {
                        fired.join(", ")
                    }
                );
                annotation("error", Some(path), place, "hsb test: FAIL", &message)
            }
            Verdict::Broken { english, .. } => annotation(
                "error",
                Some(path),
                None,
                "hsb test: the scenario cannot be loaded",
                english,
            ),
            _ => String::new(),
        }
    }

    pub fn finish(ending: &Ending<'_>) -> String {
        let mut out = String::new();
        if let Some(min) = ending.min_coverage
            && ending.below_minimum()
        {
            out.push_str(&crate::cli::check::annotation(
                "error",
                None,
                None,
                "hsb test: rule coverage",
                &format!(
                    "rule coverage {:.1}% is below the minimum {min:.1}%; never fired: {}",
                    ending.coverage,
                    ending.never_fired().join(", ")
                ),
            ));
        }
        out.push_str(&ending.human(Lang::En));
        out
    }
}

/// What differed, in English: the machine formats stay as they are in every language.
fn english(mismatches: &[crate::text::messages::Message]) -> Vec<String> {
    mismatches
        .iter()
        .map(|m| m.render(crate::text::lang::Lang::En))
        .collect()
}
