//! Validation results.
//!
//! Decoding is lenient; conformance is reported separately as a [`Report`] of [`Finding`]s, each
//! naming the rule it breaks, how serious that is, and where.

use crate::Path;
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Informational: nothing is wrong.
    Info,
    /// A SHOULD is not met.
    Warning,
    /// A MUST (or SHALL) is not met.
    Error,
}

impl Severity {
    /// The lower-case name: `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken (or noted) rule at one place.
///
/// ```
/// use iso19770_core::{Finding, Path, PathSegment, Severity};
///
/// let f = Finding::new(
///     "GEN-2-1",
///     Severity::Error,
///     Path::from_segments([PathSegment::element("SoftwareIdentity", 1), PathSegment::attribute("xml:lang")]),
///     "the tag has no xml:lang",
/// );
/// assert_eq!(f.to_string(), "error GEN-2-1 at SoftwareIdentity@xml:lang: the tag has no xml:lang");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The rule's identifier (`GEN-2-1`, `iso-entity-tag-creator`).
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// Where in the document.
    pub path: Path,
    /// What is wrong, for a person.
    pub message: String,
}

impl Finding {
    /// A finding.
    pub fn new(rule: impl Into<String>, severity: Severity, path: Path, message: impl Into<String>) -> Self {
        Finding { rule: rule.into(), severity, path, message: message.into() }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.severity, self.rule)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A rule of a validator: its identifier, how serious a breach is, and what it asks in a line.
///
/// ```
/// use iso19770_core::{Path, Report, Rule, Severity};
///
/// const RULES: &[Rule] = &[Rule { id: "x-id", severity: Severity::Error, summary: "the id is not blank" }];
/// let mut report = Report::default();
/// report.add(RULES, "x-id", Path::default(), "the id is blank");
/// assert_eq!(report.findings[0].severity, Severity::Error);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// The identifier findings carry (`ent-id`, `rum-period-ordered`).
    pub id: &'static str,
    /// The severity of a breach.
    pub severity: Severity,
    /// What the rule asks, in a line.
    pub summary: &'static str,
}

/// The findings of a validation, in the order the rules ran.
///
/// ```
/// use iso19770_core::{Finding, Path, Report, Severity};
///
/// let mut report = Report::default();
/// assert!(report.is_clean());
/// report.push(Finding::new("R-1", Severity::Warning, Path::default(), "a warning"));
/// assert!(!report.has_errors());
/// report.push(Finding::new("R-2", Severity::Error, Path::default(), "an error"));
/// assert!(report.has_errors());
/// assert_eq!(report.count(Severity::Warning), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Adds a finding of the rule `id`, with the severity `rules` gives it (error for a rule
    /// not listed).
    pub fn add(&mut self, rules: &[Rule], id: &'static str, path: Path, message: impl Into<String>) {
        let severity = rules.iter().find(|r| r.id == id).map_or(Severity::Error, |r| r.severity);
        self.findings.push(Finding::new(id, severity, path, message));
    }

    /// True when no finding has severity error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// True when there is no finding at all.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The number of findings of this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The findings of one rule.
    pub fn of_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        write!(
            f,
            "{} error(s), {} warning(s), {} info",
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_rule_selects_by_id() {
        let mut r = Report::default();
        r.push(Finding::new("A", Severity::Info, Path::default(), "x"));
        r.push(Finding::new("B", Severity::Error, Path::default(), "y"));
        r.push(Finding::new("A", Severity::Warning, Path::default(), "z"));
        assert_eq!(r.of_rule("A").count(), 2);
        assert_eq!(r.count(Severity::Info), 1);
        assert!(r.to_string().ends_with("1 error(s), 1 warning(s), 1 info"));
    }

    #[test]
    fn severities_order_info_below_error() {
        assert!(Severity::Info < Severity::Warning);
        assert!(Severity::Warning < Severity::Error);
    }
}
