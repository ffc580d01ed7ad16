use super::Text;
use crate::registry::{Ownership, Rel, Use};
use iso19770_core::{Extensions, XmlLayout};

/// A reference to another tag or resource (`Link` element; CoSWID key 4 `link`, `link-entry`),
/// modelled on the HTML `<link>`.
///
/// Attributes: `href` (required `anyURI`; CoSWID 38), `rel` (required `NMTOKEN`; CoSWID 40),
/// `artifact` (CoSWID 37), `media` (CoSWID 10), `ownership` (CoSWID 39), `type` (CoSWID 41
/// `media-type`), `use` (CoSWID 42). ISO/IEC 19770-2: a patch tag MUST link to what it patches with
/// `rel="patches"`.
///
/// ```
/// use iso19770_swid::{Link, Rel, Use};
///
/// let mut l = Link::new("swid:2df9de35-0aff-4a86-ace6-f7dddd1ade4c", Rel::Requires);
/// l.r#use = Some(Use::Required);
/// assert_eq!(l.rel, Some(Rel::Requires));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Link {
    /// `@href`: the target (a URI; `swid:` names a tag id, `swidpath:` an XPath).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub href: Option<Text>,
    /// `@rel`: the relation of the target to this tag.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub rel: Option<Rel>,
    /// `@artifact`: for installation media, the canonical file name.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub artifact: Option<Text>,
    /// `@media`: a W3C media query saying what the target applies to.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub media: Option<Text>,
    /// `@ownership`: how strongly the target is owned.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub ownership: Option<Ownership>,
    /// `@type`: the IANA media type of the target.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub media_type: Option<Text>,
    /// `@use`: whether the target is needed.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub r#use: Option<Use>,
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// Attributes and elements the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

impl Link {
    /// A link to `href` with relation `rel`.
    pub fn new(href: impl Into<Text>, rel: Rel) -> Self {
        Link { href: Some(href.into()), rel: Some(rel), ..Link::default() }
    }
}
