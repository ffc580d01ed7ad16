//! Validation: what a well-formed RUM breaks, as a [`Report`] of findings.
//!
//! Decoding is lenient and never reports a rule; [`validate`] checks a decoded (or built) RUM
//! and never fails. Each finding names its rule, a severity (error: the RUM cannot mean what it
//! says; warning: it is probably incomplete), the path of the member in the JSON form
//! (`measurements[2]/end`) and a message. [`RULES`] lists every rule.
//!
//! The standard's own conformance rules (its clause 4.1) are not public: every rule here is this
//! project's own, checking that a measurement can be counted: it names its metric, its value is
//! not negative, and its times name instants in order.
//!
//! ```
//! use iso19770_resource_util::validate::validate;
//! use iso19770_resource_util::{Decimal, Measurement, Rum};
//!
//! let rum = Rum::new("r-1").with_measurement(
//!     Measurement::new("FLOATING_USER", Decimal::from(3)).with_period("2025-01-01T10:00:00Z", "2025-01-01T09:00:00Z"),
//! );
//! let report = validate(&rum);
//! let ordered: Vec<_> = report.of_rule("rum-period-ordered").collect();
//! assert_eq!(ordered[0].path.to_string(), "measurements[0]/end");
//! ```

mod required;
mod time;
mod values;

use crate::Rum;
use iso19770_core::{Path, PathSegment, Report, Rule, Severity};

/// Every rule, in the order [`validate`] runs them.
pub const RULES: &[Rule] = &[
    Rule { id: "rum-id", severity: Severity::Error, summary: "the RUM has a non-blank rumId" },
    Rule { id: "rum-entity-name", severity: Severity::Error, summary: "every entity has a non-blank name" },
    Rule { id: "rum-creator", severity: Severity::Warning, summary: "an entity has the role rumCreator" },
    Rule {
        id: "rum-asset",
        severity: Severity::Warning,
        summary: "the RUM names what it measured: an asset with a tag id or persistent id, or a measures link",
    },
    Rule { id: "rum-link-href", severity: Severity::Error, summary: "a link target is an RFC 3986 URI reference" },
    Rule { id: "rum-metric", severity: Severity::Error, summary: "every measurement names a non-blank metric" },
    Rule { id: "rum-value-negative", severity: Severity::Error, summary: "a measured value is not negative" },
    Rule {
        id: "rum-sampling",
        severity: Severity::Error,
        summary: "a sample interval and a sample count are at least 1",
    },
    Rule {
        id: "rum-timestamp",
        severity: Severity::Error,
        summary: "every timestamp names an instant: an xs:dateTime with a time zone, or Unix seconds",
    },
    Rule { id: "rum-period-ordered", severity: Severity::Error, summary: "a measurement's start is not after its end" },
    Rule {
        id: "rum-period-complete",
        severity: Severity::Warning,
        summary: "a measurement has both a start and an end, or neither",
    },
    Rule {
        id: "rum-log-time",
        severity: Severity::Warning,
        summary: "a measurement is not logged before its period ends",
    },
];

/// Checks a RUM against every rule.
pub fn validate(rum: &Rum) -> Report {
    let mut out = Report::default();
    required::rum_id(rum, &mut out);
    required::entity_name(rum, &mut out);
    required::creator(rum, &mut out);
    required::asset(rum, &mut out);
    required::link_href(rum, &mut out);
    required::metric(rum, &mut out);
    values::negative(rum, &mut out);
    values::sampling(rum, &mut out);
    time::timestamp(rum, &mut out);
    time::ordered(rum, &mut out);
    time::complete(rum, &mut out);
    time::log_time(rum, &mut out);
    out
}

/// Adds a finding of `rule` at `path`.
fn push(out: &mut Report, rule: &'static str, path: Path, message: impl Into<String>) {
    out.add(RULES, rule, path, message);
}

/// The path `key[i]`, or `key[i]/member`.
fn at(key: &str, i: usize, member: Option<&str>) -> Path {
    let p = Path::from_segments([PathSegment::key(key), PathSegment::Index(i)]);
    match member {
        Some(m) => p.join(PathSegment::key(m)),
        None => p,
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::{Decimal, Entity, Link, Measurement, Rel, Role, Rum};
    use iso19770_core::Report;

    /// A RUM that breaks no rule.
    pub(crate) fn good() -> Rum {
        Rum::new("rum-1")
            .with_entity(Entity::new("Monitor", [Role::RumCreator]))
            .with_link(Link::to_swid_tag("example.com-app-1.0", Rel::Measures))
            .with_measurement(
                Measurement::new("FLOATING_USER", Decimal::from(3))
                    .with_log_time("2025-01-01T11:00:00Z")
                    .with_period("2025-01-01T10:00:00+01:00", 1_735_725_600)
                    .with_samples(900, 4),
            )
    }

    /// The (rule, path) pairs of a report.
    pub(crate) fn found(report: &Report) -> Vec<(String, String)> {
        report.findings.iter().map(|f| (f.rule.clone(), f.path.to_string())).collect()
    }

    /// Asserts the report has exactly this one finding.
    pub(crate) fn assert_one(report: &Report, rule: &str, path: &str) {
        assert_eq!(found(report), vec![(rule.to_owned(), path.to_owned())], "{report}");
    }

    #[test]
    fn the_good_rum_is_clean() {
        let report = super::validate(&good());
        assert!(report.is_clean(), "{report}");
    }

    #[test]
    fn every_rule_is_listed_once_and_run() {
        let mut ids: Vec<_> = super::RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), super::RULES.len());
    }
}
