//! Validation: what a well-formed tag breaks, as a [`Report`] of findings.
//!
//! Decoding is lenient and never reports a rule; [`validate`] checks a decoded (or built) tag
//! against a [`Profile`] and never fails. Each finding names its rule, a severity (a MUST broken is
//! an error, a SHOULD a warning), the element path (`SoftwareIdentity/Payload/Directory[2]/File[5]@size`)
//! and a message. The rules, each a small function:
//!
//! - [`iso`]: what the official XSD cannot express (its unbounded `choice` lets a tag with no
//!   `Entity` or two `Payload`s pass), required attributes present and non-empty, values of their
//!   declared types, and ISO/IEC 19770-2's own requirements (a `tagCreator` entity, one `regid` for
//!   all of them, a `patches` link on a patch tag);
//! - [`rfc9393`]: RFC 9393's co-constraints for CoSWID;
//! - [`nistir8060`]: every machine-checkable requirement of NISTIR 8060 (`GEN`, `COR`, `PRI`,
//!   `PAT`, `SUP`), for the tag type and authority [`assess`]ed from the tag as NIST defines them, or
//!   forced.
//!
//! [`rules`] lists every rule with its severity and source; a [`Profile`] turns single rules, or a
//! NISTIR requirement with all its derived ones (`GEN-18`), off.
//!
//! ```
//! use iso19770_swid::validate::{validate, Profile};
//! use iso19770_swid::{Entity, Role, SoftwareIdentity};
//!
//! let mut tag = SoftwareIdentity::new("Example Editor", "example.com-editor-2.1.0");
//! let report = validate(&tag, &Profile::iso());
//! assert!(report.has_errors());
//! assert_eq!(report.findings[0].rule, "swid-entity");
//! assert_eq!(report.findings[0].path.to_string(), "SoftwareIdentity");
//!
//! tag.entities.push(Entity::new("Example Corp", [Role::TagCreator]).with_regid("example.com"));
//! assert!(validate(&tag, &Profile::iso()).is_clean());
//! ```

pub mod iso;
pub mod nistir8060;
pub mod rfc9393;
mod walk;

use crate::model::SoftwareIdentity;
use crate::registry::Role;
use iso19770_core::{Finding, Path, Report, Severity};
use std::collections::BTreeSet;
use std::fmt;

/// A rule: its identifier, how serious a breach is, where it comes from and what it asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The identifier findings carry (`GEN-2-1`, `swid-entity`, `coswid-uuid`).
    pub id: &'static str,
    /// The severity of a breach: error for a MUST, warning for a SHOULD, info for a note.
    pub severity: Severity,
    /// The document and section the rule comes from.
    pub source: &'static str,
    /// What the rule asks, in a line.
    pub summary: &'static str,
}

/// Which rules run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Base {
    /// ISO/IEC 19770-2:2015 alone: structure, types and the standard's requirements.
    Iso,
    /// ISO/IEC 19770-2 and the NISTIR 8060 guidelines for the tag's type and authority.
    Nistir8060,
    /// ISO/IEC 19770-2's structure and RFC 9393's co-constraints for CoSWID.
    Coswid,
}

/// Whether NISTIR 8060's authoritative or non-authoritative rules apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Authority {
    /// As NIST detects it: authoritative when an entity is `tagCreator` and also `aggregator`,
    /// `distributor`, `licensor` or `softwareCreator`.
    #[default]
    Detect,
    /// The tag creator is the software provider (or works for it).
    Authoritative,
    /// Anyone else.
    NonAuthoritative,
}

/// The rules to run: a base set, the authority NISTIR 8060 assumes, and rules turned off.
///
/// ```
/// use iso19770_swid::validate::{Authority, Profile};
///
/// let p = Profile::nistir8060().authority(Authority::Authoritative).disable("GEN-18").disable("PRI-13-1");
/// assert!(!p.is_enabled("GEN-18-1"));
/// assert!(!p.is_enabled("PRI-13-1"));
/// assert!(p.is_enabled("PRI-13-2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The base set of rules.
    pub base: Base,
    /// The authority NISTIR 8060's rules assume.
    pub authority: Authority,
    /// The tag type NISTIR 8060's rules assume; `None` detects it.
    pub tag_type: Option<TagType>,
    /// Rules turned off: an identifier, or a NISTIR requirement (`GEN-18`) for all its derived
    /// ones.
    pub disabled: BTreeSet<String>,
}

impl Profile {
    /// A profile of a base set with nothing turned off.
    pub fn new(base: Base) -> Self {
        Profile { base, authority: Authority::Detect, tag_type: None, disabled: BTreeSet::new() }
    }

    /// ISO/IEC 19770-2:2015 alone.
    pub fn iso() -> Self {
        Profile::new(Base::Iso)
    }

    /// ISO/IEC 19770-2 and NISTIR 8060, the authority detected.
    pub fn nistir8060() -> Self {
        Profile::new(Base::Nistir8060)
    }

    /// ISO/IEC 19770-2's structure and RFC 9393.
    pub fn coswid() -> Self {
        Profile::new(Base::Coswid)
    }

    /// This profile with NISTIR 8060's authority forced (or detected again).
    #[must_use]
    pub fn authority(mut self, authority: Authority) -> Self {
        self.authority = authority;
        self
    }

    /// This profile with NISTIR 8060's tag type forced (`Some`) or detected (`None`).
    #[must_use]
    pub fn tag_type(mut self, tag_type: Option<TagType>) -> Self {
        self.tag_type = tag_type;
        self
    }

    /// The assessment the rules use: what the profile forces, the rest [`assess`]ed.
    pub fn assessment(&self, tag: &SoftwareIdentity) -> Assessment {
        let detected = assess(tag);
        Assessment {
            tag_type: self.tag_type.unwrap_or(detected.tag_type),
            authoritative: match self.authority {
                Authority::Detect => detected.authoritative,
                Authority::Authoritative => true,
                Authority::NonAuthoritative => false,
            },
        }
    }

    /// This profile with a rule, or a NISTIR requirement and all its derived rules, turned off.
    #[must_use]
    pub fn disable(mut self, rule: impl Into<String>) -> Self {
        self.disabled.insert(rule.into());
        self
    }

    /// True when the rule runs (unless its base set leaves it out).
    pub fn is_enabled(&self, rule: &str) -> bool {
        !self.disabled.contains(rule) && requirement(rule).is_none_or(|r| !self.disabled.contains(r))
    }
}

/// The NISTIR 8060 requirement a derived rule belongs to: `GEN-18` for `GEN-18-1`.
fn requirement(rule: &str) -> Option<&str> {
    match rule.rsplit_once('-') {
        Some((requirement, n))
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && requirement.contains('-') =>
        {
            Some(requirement)
        }
        _ => None,
    }
}

/// True when `id` names a rule of [`rules`] or a NISTIR 8060 requirement with derived rules
/// (`GEN-18`): what [`Profile::disable`] can turn off.
///
/// ```
/// use iso19770_swid::validate::is_known;
///
/// assert!(is_known("swid-entity") && is_known("GEN-18-1") && is_known("GEN-18"));
/// assert!(!is_known("GEN-99") && !is_known("GEN") && !is_known("swid"));
/// ```
pub fn is_known(id: &str) -> bool {
    rules().any(|r| r.id == id || requirement(r.id) == Some(id))
}

/// The NISTIR 8060 tag type (§ 2.1.2), as NIST detects it: patch, else supplemental, else
/// corpus, else primary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TagType {
    /// Describes installed software.
    Primary,
    /// Describes a patch.
    Patch,
    /// Adds to another tag.
    Supplemental,
    /// Describes installation media, before installation.
    Corpus,
}

impl TagType {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            TagType::Primary => "primary",
            TagType::Patch => "patch",
            TagType::Supplemental => "supplemental",
            TagType::Corpus => "corpus",
        }
    }
}

impl fmt::Display for TagType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a tag is, as NISTIR 8060's rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Assessment {
    /// The tag type.
    pub tag_type: TagType,
    /// True when the tag creator is the software provider.
    pub authoritative: bool,
}

/// The tag's type and authority as NIST's checker detects them.
///
/// ```
/// use iso19770_swid::validate::{assess, TagType};
/// use iso19770_swid::{Entity, Role, SoftwareIdentity};
///
/// let mut tag = SoftwareIdentity::new("x", "y");
/// tag.entities.push(Entity::new("Acme", [Role::TagCreator, Role::Distributor]));
/// tag.patch = Some(true);
/// let a = assess(&tag);
/// assert_eq!((a.tag_type, a.authoritative), (TagType::Patch, true));
/// ```
pub fn assess(tag: &SoftwareIdentity) -> Assessment {
    let tag_type = if tag.is_patch() {
        TagType::Patch
    } else if tag.is_supplemental() {
        TagType::Supplemental
    } else if tag.is_corpus() {
        TagType::Corpus
    } else {
        TagType::Primary
    };
    let providers = [Role::Aggregator, Role::Distributor, Role::Licensor, Role::SoftwareCreator];
    let authoritative =
        tag.entities.iter().any(|e| e.has_role(&Role::TagCreator) && providers.iter().any(|r| e.has_role(r)));
    Assessment { tag_type, authoritative }
}

/// Every rule this crate checks, in the order they run.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    iso::RULES.iter().chain(rfc9393::RULES).chain(nistir8060::RULES).copied()
}

/// The rule with this identifier.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// Checks `tag` against `profile`.
pub fn validate(tag: &SoftwareIdentity, profile: &Profile) -> Report {
    let mut out = Out { profile, report: Report::default() };
    iso::check(tag, &mut out);
    match profile.base {
        Base::Iso => {}
        Base::Nistir8060 => nistir8060::check(tag, &mut out),
        Base::Coswid => rfc9393::check(tag, &mut out),
    }
    out.report
}

/// The report as JSON (feature `json`): `{"errors", "warnings", "infos", "findings": [{"rule",
/// "severity", "path", "message"}]}`, indented.
///
/// ```
/// use iso19770_swid::SoftwareIdentity;
/// use iso19770_swid::validate::{report_json, validate, Profile};
///
/// let json = report_json(&validate(&SoftwareIdentity::new("x", "y"), &Profile::iso()));
/// assert!(json.contains(r#""rule": "swid-entity""#));
/// assert!(json.starts_with("{\n  \"errors\": 1,"));
/// ```
#[cfg(feature = "json")]
pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// Where the rules put their findings.
pub(crate) struct Out<'p> {
    profile: &'p Profile,
    report: Report,
}

impl Out<'_> {
    /// Records a breach of `rule` at `path`, unless the profile turned the rule off.
    pub(crate) fn emit(&mut self, rule: &Rule, path: Path, message: impl Into<String>) {
        if self.profile.is_enabled(rule.id) {
            self.report.push(Finding::new(rule.id, rule.severity, path, message));
        }
    }

    pub(crate) fn profile(&self) -> &Profile {
        self.profile
    }

    /// The findings so far.
    pub(crate) fn findings(&self) -> &[Finding] {
        &self.report.findings
    }
}

/// A short form for the rule tables.
pub(crate) const fn def(id: &'static str, severity: Severity, source: &'static str, summary: &'static str) -> Rule {
    Rule { id, severity, source, summary }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' unit tests.

    use super::{Profile, validate};
    use crate::model::SoftwareIdentity;
    use crate::{Entity, Role};

    /// A tag every rule of the ISO profile accepts.
    pub(crate) fn good() -> SoftwareIdentity {
        let mut t = SoftwareIdentity::new("Example", "example.com-example-1.0");
        t.entities
            .push(Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator]).with_regid("example.com"));
        t
    }

    /// The (rule, path) pairs of the findings of one rule under a profile.
    pub(crate) fn hits(tag: &SoftwareIdentity, profile: &Profile, rule: &str) -> Vec<String> {
        validate(tag, profile).of_rule(rule).map(|f| f.path.to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_known() {
        let mut seen = BTreeSet::new();
        for r in rules() {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert!(!r.summary.is_empty() && !r.source.is_empty(), "{}", r.id);
        }
        assert_eq!(rule("GEN-2-1").map(|r| r.severity), Some(Severity::Error));
        assert_eq!(rule("GEN-10-1").map(|r| r.severity), Some(Severity::Warning));
        assert!(rule("nope").is_none());
    }

    #[test]
    fn disabling_a_requirement_disables_its_derived_rules() {
        let p = Profile::nistir8060().disable("GEN-4").disable("swid-entity");
        assert!(!p.is_enabled("GEN-4-1") && !p.is_enabled("GEN-4-3") && !p.is_enabled("swid-entity"));
        assert!(p.is_enabled("GEN-40-1") && p.is_enabled("GEN-5-1") && p.is_enabled("swid-uri"));
    }

    #[test]
    fn known_rules_and_requirements() {
        assert!(rules().all(|r| is_known(r.id)));
        assert!(is_known("GEN-18") && is_known("PRI-13") && is_known("GEN-1"));
        assert!(!is_known("GEN-18-9") && !is_known("GEN-") && !is_known("GEN") && !is_known("swid") && !is_known(""));
        assert_eq!(requirement("GEN-18-"), None);
    }

    #[test]
    fn a_disabled_rule_gives_no_finding() {
        let tag = SoftwareIdentity::new("x", "y");
        assert_eq!(testing::hits(&tag, &Profile::iso(), "swid-entity"), ["SoftwareIdentity"]);
        assert!(testing::hits(&tag, &Profile::iso().disable("swid-entity"), "swid-entity").is_empty());
    }

    #[test]
    fn nist_detects_type_and_authority() {
        let mut t = testing::good();
        assert_eq!(assess(&t), Assessment { tag_type: TagType::Primary, authoritative: true });
        t.entities[0].roles = vec![Role::TagCreator];
        t.supplemental = Some(true);
        t.corpus = Some(true);
        assert_eq!(assess(&t), Assessment { tag_type: TagType::Supplemental, authoritative: false });
        t.supplemental = None;
        assert_eq!(assess(&t).tag_type, TagType::Corpus);
    }
}
