use iso19770_core::Extensions;

/// A range of versions, both ends inclusive and optional (`from` alone: that version and later).
///
/// Versions are compared by the reconciliation, not here: they are kept as written.
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VersionRange {
    /// The lowest version covered.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub from: Option<String>,
    /// The highest version covered.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub to: Option<String>,
}

impl VersionRange {
    /// The versions from `from` to `to`, both included.
    pub fn between(from: impl Into<String>, to: impl Into<String>) -> Self {
        VersionRange { from: Some(from.into()), to: Some(to.into()) }
    }

    /// A single version.
    pub fn exactly(version: impl Into<String>) -> Self {
        let v = version.into();
        VersionRange { from: Some(v.clone()), to: Some(v) }
    }
}

/// What software the entitlement covers: a SWID tag id, or a product named by registration id,
/// name, edition and versions (working element name `Product` *(inferred)*).
///
/// ```
/// use iso19770_ent::{EntitledProduct, VersionRange};
///
/// let p = EntitledProduct::named("Windows Server")
///     .with_regid("microsoft.com")
///     .with_edition("Datacenter")
///     .with_versions(VersionRange::exactly("2022"));
/// assert_eq!(p.edition.as_deref(), Some("Datacenter"));
/// assert!(EntitledProduct::tag("example.com-editor-2.1.0").tag_id.is_some());
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct EntitledProduct {
    /// The SWID tag id of the product (ISO/IEC 19770-2 `SoftwareIdentity@tagId`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub tag_id: Option<String>,
    /// The registration id of the software creator.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub regid: Option<String>,
    /// The product name.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub product: Option<String>,
    /// The edition (`Enterprise`, `Standard`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub edition: Option<String>,
    /// The versions covered.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub versions: Option<VersionRange>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
}

impl EntitledProduct {
    /// The product of this SWID tag id.
    pub fn tag(tag_id: impl Into<String>) -> Self {
        EntitledProduct { tag_id: Some(tag_id.into()), ..EntitledProduct::default() }
    }

    /// A product by name.
    pub fn named(product: impl Into<String>) -> Self {
        EntitledProduct { product: Some(product.into()), ..EntitledProduct::default() }
    }

    /// The same product with the software creator's registration id.
    #[must_use]
    pub fn with_regid(mut self, regid: impl Into<String>) -> Self {
        self.regid = Some(regid.into());
        self
    }

    /// The same product with an edition.
    #[must_use]
    pub fn with_edition(mut self, edition: impl Into<String>) -> Self {
        self.edition = Some(edition.into());
        self
    }

    /// The same product with a version range.
    #[must_use]
    pub fn with_versions(mut self, versions: VersionRange) -> Self {
        self.versions = Some(versions);
        self
    }
}
