use iso19770_core::Extensions;
use iso19770_core::open_vocabulary;

open_vocabulary! {
    /// How a [`Link`] target relates to the entitlement (an open vocabulary; every name is this
    /// project's own *(inferred)*, after ISO/IEC 19770-2:2015 `Link@rel`).
    ///
    /// ```
    /// use iso19770_ent::Rel;
    ///
    /// assert_eq!(Rel::from("upgradeOf"), Rel::UpgradeOf);
    /// assert_eq!(Rel::from("x-bundle").as_str(), "x-bundle");
    /// ```
    pub enum Rel {
        /// The target (a SWID tag) is software this Ent entitles.
        Entitles => "entitles",
        /// This Ent replaces the target Ent.
        Supersedes => "supersedes",
        /// This Ent is an upgrade of the target Ent (which it needs as a qualifying licence).
        UpgradeOf => "upgradeOf",
        /// This Ent is maintenance (software assurance, support) for the target Ent.
        MaintenanceOf => "maintenanceOf",
        /// This Ent renews the target Ent.
        RenewalOf => "renewalOf",
        /// This Ent is an add-on to the target Ent.
        AddOnOf => "addOnOf",
        /// This Ent is part of the target (an agreement or a bundle).
        Parent => "parent",
        /// The target is part of this Ent.
        Component => "component",
        /// The target is the licence agreement text.
        Agreement => "agreement",
    }
}

/// A reference to a SWID tag, another Ent or a document (working element name `Link`, as in
/// ISO/IEC 19770-2:2015 *(inferred)*).
///
/// `href` is an RFC 3986 URI reference: `swid:<tagId>` for a SWID tag, `ent:<entId>` for another
/// Ent (this project's convention, after the `swid:` scheme of ISO/IEC 19770-2), or a URL.
///
/// ```
/// use iso19770_ent::{Link, Rel};
///
/// let l = Link::new("ent:contoso-ea-2021", Rel::RenewalOf);
/// assert_eq!(l.rel, Rel::RenewalOf);
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    /// The target, an RFC 3986 URI reference.
    pub href: String,
    /// How the target relates to this Ent.
    pub rel: Rel,
    /// A media type of the target, when it is a document.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub media_type: Option<String>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
}

impl Link {
    /// A link to `href` with this relation.
    pub fn new(href: impl Into<String>, rel: Rel) -> Self {
        Link { href: href.into(), rel, media_type: None, extensions: Extensions::default() }
    }

    /// A link to the SWID tag with this tag id (`swid:<tagId>`).
    pub fn to_swid_tag(tag_id: &str, rel: Rel) -> Self {
        Link::new(format!("swid:{tag_id}"), rel)
    }

    /// The same link with a media type.
    #[must_use]
    pub fn with_media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(media_type.into());
        self
    }
}
