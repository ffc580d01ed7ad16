use iso19770_core::{Extensions, open_vocabulary};

open_vocabulary! {
    /// How a [`Link`] target relates to the measurement (an open vocabulary; every name is this
    /// project's own *(inferred)*; that a RUM links to the SWID tag of the measured software, to
    /// an entitlement and across files is *(confirmed)* by the titles of annexes B and C of
    /// ISO/IEC 19770-4:2017).
    ///
    /// ```
    /// use iso19770_resource_util::Rel;
    ///
    /// assert_eq!(Rel::from("measures"), Rel::Measures);
    /// assert_eq!(Rel::from("x-ticket").as_str(), "x-ticket");
    /// ```
    pub enum Rel {
        /// The target (a SWID tag, `swid:<tagId>`) is the software measured.
        Measures => "measures",
        /// The target (an Ent, `ent:<entId>`) is the entitlement the usage counts against.
        Entitlement => "entitlement",
        /// The target is the RUM this one is part of (a RUM split across files).
        Parent => "parent",
        /// The target is a RUM that is part of this one.
        Component => "component",
        /// This RUM replaces the target.
        Supersedes => "supersedes",
        /// The target is related in another way.
        Related => "related",
    }
}

/// A reference to a SWID tag, an Ent, another RUM or a document (working element name `Link`, as
/// in ISO/IEC 19770-2:2015 *(inferred)*).
///
/// `href` is an RFC 3986 URI reference: `swid:<tagId>`, `ent:<entId>`, `rum:<rumId>` (this
/// project's conventions, after the `swid:` scheme of ISO/IEC 19770-2), or a URL.
///
/// ```
/// use iso19770_resource_util::{Link, Rel};
///
/// let l = Link::to_swid_tag("b1a07d4dc0364452aa6206bb6584061d", Rel::Measures);
/// assert_eq!(l.href, "swid:b1a07d4dc0364452aa6206bb6584061d");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    /// The target, an RFC 3986 URI reference.
    pub href: String,
    /// How the target relates to this RUM.
    pub rel: Rel,
    /// A media type of the target, when it is a document.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub media_type: Option<String>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "iso19770_core::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::json::entries::Schema"))]
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
