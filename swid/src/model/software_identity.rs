use super::{Entity, Evidence, Link, Payload, SoftwareMeta, Text};
use crate::registry::VersionScheme;
use iso19770_core::{Extensions, XmlLayout};
use std::fmt;

/// A tag's identifier (`SoftwareIdentity@tagId`; CoSWID key 0 `tag-id`).
///
/// The XSD: "tagId shall be a globally unique identifier and should be assigned a GUID
/// reference". XML always carries text; CoSWID may carry a 16-byte UUID. A text that looks like a
/// UUID stays text.
///
/// ```
/// use iso19770_swid::TagId;
///
/// let uuid = TagId::Uuid([0x2d, 0xf9, 0xde, 0x35, 0x0a, 0xff, 0x4a, 0x86, 0xac, 0xe6, 0xf7, 0xdd, 0xdd, 0x1a, 0xde, 0x4c]);
/// assert_eq!(uuid.to_string(), "2df9de35-0aff-4a86-ace6-f7dddd1ade4c");
/// assert_eq!(TagId::from("example.com-app-1.0").as_text(), Some("example.com-app-1.0"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TagId {
    /// A text identifier.
    Text(String),
    /// A 16-byte UUID (CoSWID `bstr .size 16`).
    Uuid([u8; 16]),
}

impl TagId {
    /// The text of a text identifier.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            TagId::Text(t) => Some(t),
            TagId::Uuid(_) => None,
        }
    }
}

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TagId::Text(t) => f.write_str(t),
            TagId::Uuid(b) => {
                for (i, byte) in b.iter().enumerate() {
                    if matches!(i, 4 | 6 | 8 | 10) {
                        f.write_str("-")?;
                    }
                    write!(f, "{byte:02x}")?;
                }
                Ok(())
            }
        }
    }
}

impl From<&str> for TagId {
    fn from(value: &str) -> Self {
        TagId::Text(value.to_owned())
    }
}

impl From<String> for TagId {
    fn from(value: String) -> Self {
        TagId::Text(value)
    }
}

/// A SWID tag (`SoftwareIdentity`, the root element of ISO/IEC 19770-2:2015; a CoSWID
/// `concise-swid-tag`).
///
/// Attributes: `name` (required; CoSWID 1 `software-name`), `tagId` (required; CoSWID 0),
/// `tagVersion` (default 0; CoSWID 12), `version` (default `0.0`; CoSWID 13), `versionScheme`
/// (default `multipartnumeric`; CoSWID 14), `corpus`, `patch`, `supplemental` (default false;
/// CoSWID 8, 9, 11), `media` (CoSWID 10), `xml:lang` (CoSWID 15). Children, in any order: `Entity`
/// (ISO/IEC 19770-2: "you must have at least a Entity with role='tagCreator'"), `Link`, `Meta`,
/// at most one `Payload` or `Evidence`, and elements of other namespaces (`ds:Signature`).
///
/// Attributes keep their absence: `None` is "not written" (the XSD default applies, see the
/// `*_or_default` methods), so a decoded tag is written back with exactly the attributes it had.
///
/// ```
/// use iso19770_swid::{Entity, Role, SoftwareIdentity};
///
/// let mut tag = SoftwareIdentity::new("Example Editor", "example.com-editor-2.1.0");
/// tag.version = Some("2.1.0".into());
/// tag.lang = Some("en-US".into());
/// tag.entities.push(Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator]).with_regid("example.com"));
/// assert!(!tag.is_patch());
/// assert_eq!(tag.tag_version_or_default(), 0);
/// # #[cfg(feature = "xml")] {
/// let xml = tag.to_xml_string().expect("encodes");
/// assert_eq!(SoftwareIdentity::from_xml_str(&xml).expect("decodes"), tag);
/// # }
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SoftwareIdentity {
    /// `@name`: the software's name as people know it (required by the XSD).
    #[cfg_attr(feature = "json", serde(rename = "software-name", default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<Text>,
    /// `@tagId`: the tag's globally unique id (required by the XSD).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub tag_id: Option<TagId>,
    /// `@tagVersion`: the release of this tag for the same software (XSD default 0).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub tag_version: Option<i64>,
    /// `@version`: the software's version (XSD default `0.0`).
    #[cfg_attr(feature = "json", serde(rename = "software-version", default, skip_serializing_if = "Option::is_none"))]
    pub version: Option<Text>,
    /// `@versionScheme`: how to compare versions (XSD default `multipartnumeric`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub version_scheme: Option<VersionScheme>,
    /// `@corpus`: the tag describes installation media, before installation.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub corpus: Option<bool>,
    /// `@patch`: the tag describes a patch.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub patch: Option<bool>,
    /// `@supplemental`: the tag adds to another tag.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub supplemental: Option<bool>,
    /// `@media`: a W3C media query saying what the tag applies to.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub media: Option<Text>,
    /// `@xml:lang`: the language of the tag's text.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// `Entity` children.
    #[cfg_attr(
        feature = "json",
        serde(rename = "entity", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::Entity>>"))]
    pub entities: Vec<Entity>,
    /// `Link` children.
    #[cfg_attr(
        feature = "json",
        serde(rename = "link", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::Link>>"))]
    pub links: Vec<Link>,
    /// `Meta` children.
    #[cfg_attr(
        feature = "json",
        serde(
            rename = "software-meta",
            default,
            skip_serializing_if = "Vec::is_empty",
            with = "crate::json::one_or_more"
        )
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::SoftwareMeta>>"))]
    pub metas: Vec<SoftwareMeta>,
    /// `Payload` children (the XSD's unbounded `choice` admits several; a valid tag has at most
    /// one, and not together with `Evidence`).
    #[cfg_attr(
        feature = "json",
        serde(rename = "payload", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::single")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::Payload>"))]
    pub payloads: Vec<Payload>,
    /// `Evidence` children (at most one in a valid tag).
    #[cfg_attr(
        feature = "json",
        serde(rename = "evidence", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::single")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::Evidence>"))]
    pub evidences: Vec<Evidence>,
    /// Attributes and elements the model has no field for (`ds:Signature`, `xsi:schemaLocation`).
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written (and the document around it).
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

impl SoftwareIdentity {
    /// A tag for the software `name` with the id `tag_id`.
    pub fn new(name: impl Into<Text>, tag_id: impl Into<TagId>) -> Self {
        SoftwareIdentity { name: Some(name.into()), tag_id: Some(tag_id.into()), ..SoftwareIdentity::default() }
    }

    /// `@corpus`, false when absent.
    pub fn is_corpus(&self) -> bool {
        self.corpus.unwrap_or(false)
    }

    /// `@patch`, false when absent.
    pub fn is_patch(&self) -> bool {
        self.patch.unwrap_or(false)
    }

    /// `@supplemental`, false when absent.
    pub fn is_supplemental(&self) -> bool {
        self.supplemental.unwrap_or(false)
    }

    /// `@tagVersion`, 0 when absent.
    pub fn tag_version_or_default(&self) -> i64 {
        self.tag_version.unwrap_or(0)
    }

    /// `@version`, `0.0` when absent.
    pub fn version_or_default(&self) -> &str {
        self.version.as_deref().unwrap_or("0.0")
    }

    /// `@versionScheme`, `multipartnumeric` when absent.
    pub fn version_scheme_or_default(&self) -> VersionScheme {
        self.version_scheme.clone().unwrap_or(VersionScheme::MultipartNumeric)
    }

    /// The first `Payload`.
    pub fn payload(&self) -> Option<&Payload> {
        self.payloads.first()
    }

    /// The first `Evidence`.
    pub fn evidence(&self) -> Option<&Evidence> {
        self.evidences.first()
    }

    /// Forgets how every element was written, so that the tag is encoded in the canonical form
    /// (default namespace, two-space indentation, canonical spelling of values). Preserved
    /// foreign elements stay byte for byte.
    ///
    /// ```
    /// # #[cfg(feature = "xml")] {
    /// use iso19770_swid::SoftwareIdentity;
    ///
    /// let xml = r#"<s:SoftwareIdentity xmlns:s="http://standards.iso.org/iso/19770/-2/2015/schema.xsd" name="x" tagId="x" corpus="1"><s:Entity name="e" role="tagCreator"/></s:SoftwareIdentity>"#;
    /// let mut tag = SoftwareIdentity::from_xml_str(xml).expect("decodes");
    /// tag.clear_layout();
    /// assert_eq!(
    ///     tag.to_xml_string().expect("encodes"),
    ///     "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
    ///      <SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\" name=\"x\" tagId=\"x\" corpus=\"true\">\n\
    ///      \x20 <Entity name=\"e\" role=\"tagCreator\"/>\n\
    ///      </SoftwareIdentity>\n"
    /// );
    /// # }
    /// ```
    pub fn clear_layout(&mut self) {
        self.layout.clear();
        for e in &mut self.entities {
            e.layout.clear();
            for m in &mut e.metas {
                m.layout.clear();
            }
        }
        for l in &mut self.links {
            l.layout.clear();
        }
        for m in &mut self.metas {
            m.layout.clear();
        }
        for p in &mut self.payloads {
            p.layout.clear();
            p.items.clear_layout();
        }
        for e in &mut self.evidences {
            e.layout.clear();
            e.items.clear_layout();
        }
    }
}
