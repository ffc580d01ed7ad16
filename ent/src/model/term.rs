use iso19770_core::DateTime;
use iso19770_core::open_vocabulary;

open_vocabulary! {
    /// The kind of a [`Term`] (an open vocabulary; names are this project's own *(inferred)*).
    pub enum TermKind {
        /// A licence without end.
        Perpetual => "perpetual",
        /// A licence for a period, ending unless renewed.
        Subscription => "subscription",
        /// Maintenance or software assurance: new versions and support for a period.
        Maintenance => "maintenance",
        /// An evaluation or trial.
        Evaluation => "evaluation",
    }
}

/// How long the entitlement, or its maintenance, lasts (working element name `Term` *(inferred)*).
///
/// Dates are [`DateTime`]s: `xs:dateTime` texts kept as written.
///
/// ```
/// use iso19770_ent::{Term, TermKind};
///
/// let t = Term::new(TermKind::Subscription).from("2023-03-01T00:00:00Z").until("2024-02-29T23:59:59Z");
/// assert_eq!(t.end.as_ref().map(|d| d.as_str()), Some("2024-02-29T23:59:59Z"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// The kind.
    pub kind: TermKind,
    /// When it starts.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub start: Option<DateTime>,
    /// When it ends (none for a perpetual licence).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub end: Option<DateTime>,
}

impl Term {
    /// A term of this kind without dates.
    pub fn new(kind: TermKind) -> Self {
        Term { kind, start: None, end: None }
    }

    /// The same term with a start.
    #[must_use]
    pub fn from(mut self, start: impl Into<DateTime>) -> Self {
        self.start = Some(start.into());
        self
    }

    /// The same term with an end.
    #[must_use]
    pub fn until(mut self, end: impl Into<DateTime>) -> Self {
        self.end = Some(end.into());
        self
    }
}
