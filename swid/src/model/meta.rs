use super::{TagId, Text};
use iso19770_core::{Extensions, XmlLayout};

/// Open key/value data about the tag (`Meta` element under `SoftwareIdentity`, XSD type
/// `SoftwareMeta`; CoSWID key 5 `software-meta`, `software-meta-entry`).
///
/// The XSD predefines fifteen attributes "to ensure common usage across the industry" and admits
/// any other (qualified or not), which is kept in [`SoftwareMeta::extensions`]. NISTIR 8060
/// recommends `product`, `colloquialVersion`, `revision` and `edition` on primary tags.
///
/// ```
/// use iso19770_swid::SoftwareMeta;
///
/// let mut m = SoftwareMeta::default();
/// m.product = Some("Example Editor".into());
/// m.colloquial_version = Some("2026".into());
/// m.extensions.set_attribute(None, "arch", "x86_64");
/// assert_eq!(m.extensions.attribute(None, "arch"), Some("x86_64"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SoftwareMeta {
    /// `@activationStatus` (CoSWID 43): trial, serialized, licensed …
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub activation_status: Option<Text>,
    /// `@channelType` (CoSWID 44): volume, retail, OEM, academic …
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub channel_type: Option<Text>,
    /// `@colloquialVersion` (CoSWID 45): the informal version ("2013").
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub colloquial_version: Option<Text>,
    /// `@description` (CoSWID 46): a longer description.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Text>,
    /// `@edition` (CoSWID 47): the variation of the product (Standard, Enterprise …).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub edition: Option<Text>,
    /// `@entitlementDataRequired` (CoSWID 48): whether an entitlement is needed.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub entitlement_data_required: Option<bool>,
    /// `@entitlementKey` (CoSWID 49): a key to look up the entitlement.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub entitlement_key: Option<Text>,
    /// `@generator` (CoSWID 50): the tool that made the tag, text or (CoSWID only) a 16-byte
    /// UUID.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub generator: Option<TagId>,
    /// `@persistentId` (CoSWID 51): an id that stays the same across versions.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub persistent_id: Option<Text>,
    /// `@product` (CoSWID 52): the base product name.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub product: Option<Text>,
    /// `@productFamily` (CoSWID 53): the family the product belongs to.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub product_family: Option<Text>,
    /// `@revision` (CoSWID 54): an informal revision.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub revision: Option<Text>,
    /// `@summary` (CoSWID 55): a one-sentence description.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub summary: Option<Text>,
    /// `@unspscCode` (CoSWID 56): the UNSPSC commodity code.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub unspsc_code: Option<Text>,
    /// `@unspscVersion` (CoSWID 57): the UNSPSC version.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub unspsc_version: Option<Text>,
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

/// Open key/value data about an entity (`Meta` element under `Entity`, XSD type `Meta`).
///
/// The XSD declares no attribute but `xml:lang` and admits any other, qualified or not; they are
/// all in [`Meta::extensions`]. CoSWID has no counterpart.
///
/// ```
/// use iso19770_swid::Meta;
///
/// let mut m = Meta::default();
/// m.extensions.set_attribute(None, "contact", "sam@example.com");
/// assert_eq!(m.extensions.attributes.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Meta {
    /// `@xml:lang`.
    pub lang: Option<Text>,
    /// The attributes (all of them: the XSD names none) and any child elements.
    pub extensions: Extensions,
    /// How the element was written.
    pub layout: XmlLayout,
}
