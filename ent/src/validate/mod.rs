//! Validation: what a well-formed Ent breaks, as a [`Report`] of findings.
//!
//! Decoding is lenient and never reports a rule; [`validate`] checks a decoded (or built) Ent and
//! never fails. Each finding names its rule, a severity (error: the Ent cannot mean what it
//! says; warning: it is probably incomplete), the path of the member in the JSON form
//! (`terms[0]/end`, `metric/minimumPerServer`) and a message. [`RULES`] lists every rule.
//!
//! The standard's own conformance rules are not public: every rule here is this project's own,
//! checking that the parts the standard confirms (metrics, rights, limitations) can be used.
//!
//! ```
//! use iso19770_ent::validate::validate;
//! use iso19770_ent::{Ent, Entity, EntitledProduct, Metric, Quantity, Role};
//!
//! let mut ent = Ent::new("ent-0001")
//!     .with_entity(Entity::new("Oracle America, Inc.", [Role::Licensor]))
//!     .with_entity(Entity::new("Contoso Ltd", [Role::Licensee]))
//!     .with_product(EntitledProduct::named("Oracle Database").with_edition("Enterprise Edition"));
//! let report = validate(&ent);
//! assert_eq!(report.findings[0].rule, "ent-metric");
//! assert_eq!(report.findings[0].path.to_string(), "metric");
//!
//! ent = ent.with_metric(Metric::NamedUser { minimum_per_processor: Some(25) }).with_quantity(Quantity::count(50));
//! assert!(validate(&ent).is_clean());
//! ```

mod dates;
mod links;
mod metric;
mod required;
mod values;

use crate::model::Ent;
use iso19770_core::{Path, PathSegment, Report, Severity};

pub use iso19770_core::Rule;

/// Every rule, in the order [`validate`] runs them.
pub const RULES: &[Rule] = &[
    Rule { id: "ent-id", severity: Severity::Error, summary: "the Ent has a non-blank entId" },
    Rule { id: "ent-entity-name", severity: Severity::Error, summary: "every entity has a non-blank name" },
    Rule { id: "ent-parties", severity: Severity::Warning, summary: "an entity is the licensor and one the licensee" },
    Rule {
        id: "ent-product",
        severity: Severity::Warning,
        summary: "the Ent names what it entitles: a product or an entitles link",
    },
    Rule { id: "ent-metric", severity: Severity::Error, summary: "the Ent has a metric" },
    Rule { id: "ent-quantity", severity: Severity::Error, summary: "the Ent has a quantity" },
    Rule { id: "ent-quantity-negative", severity: Severity::Error, summary: "the quantity is not negative" },
    Rule {
        id: "ent-metric-minimums",
        severity: Severity::Error,
        summary: "a per-core minimum per server is not below the minimum per processor",
    },
    Rule {
        id: "ent-metric-positive",
        severity: Severity::Error,
        summary: "pack sizes, units per licence and value units per core are at least 1",
    },
    Rule { id: "ent-metric-core-factor", severity: Severity::Error, summary: "core factors are above 0" },
    Rule {
        id: "ent-right-count",
        severity: Severity::Error,
        summary: "counts in rights (installs, virtual machines, copies per licence) are at least 1",
    },
    Rule { id: "ent-date", severity: Severity::Error, summary: "every date is an xs:dateTime" },
    Rule { id: "ent-dates-ordered", severity: Severity::Error, summary: "a start is not after its end" },
    Rule { id: "ent-cost-amount", severity: Severity::Error, summary: "a cost is not negative" },
    Rule {
        id: "ent-cost-currency",
        severity: Severity::Error,
        summary: "a currency is an ISO 4217 alphabetic code (three capital letters)",
    },
    Rule {
        id: "ent-link-href",
        severity: Severity::Error,
        summary: "a link target is a non-empty RFC 3986 URI reference",
    },
];

/// Checks an Ent against every rule.
pub fn validate(ent: &Ent) -> Report {
    let mut out = Findings::default();
    required::ent_id(ent, &mut out);
    required::entity_name(ent, &mut out);
    required::parties(ent, &mut out);
    required::product(ent, &mut out);
    required::metric(ent, &mut out);
    required::quantity(ent, &mut out);
    values::quantity_negative(ent, &mut out);
    metric::minimums(ent, &mut out);
    metric::positive(ent, &mut out);
    metric::core_factor(ent, &mut out);
    values::right_count(ent, &mut out);
    dates::date(ent, &mut out);
    dates::ordered(ent, &mut out);
    values::cost_amount(ent, &mut out);
    values::cost_currency(ent, &mut out);
    links::href(ent, &mut out);
    out.0
}

/// The findings gathered so far.
#[derive(Default)]
pub(crate) struct Findings(Report);

impl Findings {
    /// Adds a finding of `rule` (with the rule's severity) at `path`.
    fn push(&mut self, rule: &'static str, path: Path, message: impl Into<String>) {
        self.0.add(RULES, rule, path, message);
    }
}

/// A path from keys and indexes: `path(&["terms".into(), 0.into(), "end".into()])`.
pub(crate) fn path(segments: &[Seg<'_>]) -> Path {
    Path::from_segments(segments.iter().map(|s| match s {
        Seg::Key(k) => PathSegment::key(*k),
        Seg::Index(i) => PathSegment::Index(*i),
    }))
}

/// A step of a path built by [`path`].
#[derive(Clone, Copy)]
pub(crate) enum Seg<'a> {
    /// A member.
    Key(&'a str),
    /// An array index.
    Index(usize),
}

impl<'a> From<&'a str> for Seg<'a> {
    fn from(k: &'a str) -> Self {
        Seg::Key(k)
    }
}

impl From<usize> for Seg<'_> {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::Ent;
    use crate::model::{EntitledProduct, Entity, Metric, Quantity, Role};
    use iso19770_core::Report;

    /// An Ent that breaks no rule.
    pub(crate) fn good() -> Ent {
        Ent::new("ent-1")
            .with_entity(Entity::new("Licensor Inc.", [Role::Licensor]))
            .with_entity(Entity::new("Licensee Ltd", [Role::Licensee]))
            .with_product(EntitledProduct::named("Product"))
            .with_metric(Metric::PerDevice)
            .with_quantity(Quantity::count(10))
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
    fn the_good_ent_is_clean() {
        assert!(super::validate(&good()).is_clean());
    }

    #[test]
    fn every_rule_is_listed_once() {
        let mut ids: Vec<_> = super::RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), super::RULES.len());
    }
}
