use super::{HashEntry, Meta, Text};
use crate::registry::{DEFAULT_REGID, Role};
use iso19770_core::{Extensions, XmlLayout};

/// An organization and its roles for the tag (`Entity` element; CoSWID key 2 `entity`,
/// `entity-entry`).
///
/// ISO/IEC 19770-2: a tag MUST have an Entity with the role `tagCreator`, and all `tagCreator`
/// entities MUST share one regid. Attributes: `name` (required; CoSWID 31 `entity-name`), `regid`
/// (XSD default `http://invalid.unavailable`; CoSWID 32 `reg-id`), `role` (required `NMTOKENS`;
/// CoSWID 33), `thumbprint` (CoSWID 34).
///
/// ```
/// use iso19770_swid::{Entity, Role};
///
/// let e = Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator])
///     .with_regid("example.com");
/// assert!(e.has_role(&Role::TagCreator));
/// assert_eq!(e.regid_or_default(), "example.com");
/// assert_eq!(Entity::new("x", [Role::Licensor]).regid_or_default(), "http://invalid.unavailable");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Entity {
    /// `@name`: the organization's name (required by the XSD).
    #[cfg_attr(feature = "json", serde(rename = "entity-name", default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<Text>,
    /// `@regid`: the organization's registration id, a URI; absent means the XSD default
    /// [`DEFAULT_REGID`].
    #[cfg_attr(feature = "json", serde(rename = "reg-id", default, skip_serializing_if = "Option::is_none"))]
    pub regid: Option<Text>,
    /// `@role`: the roles, in the order written (required, at least one, by the XSD).
    #[cfg_attr(
        feature = "json",
        serde(rename = "role", default, skip_serializing_if = "Vec::is_empty", with = "crate::json::one_or_more")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::OneOrMore<crate::Role>>"))]
    pub roles: Vec<Role>,
    /// `@thumbprint`: a hash of the signing entity's certificate. XML writes it as hex without
    /// the algorithm (read back as [`HashAlgorithm::Unknown`](crate::HashAlgorithm::Unknown));
    /// CoSWID carries both.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub thumbprint: Option<HashEntry>,
    /// `@xml:lang`.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<Text>,
    /// `Meta` children: open key/value data about the entity.
    #[cfg_attr(feature = "json", serde(skip))]
    pub metas: Vec<Meta>,
    /// Attributes and elements the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
    /// How the element was written.
    #[cfg_attr(feature = "json", serde(skip))]
    pub layout: XmlLayout,
}

impl Entity {
    /// An entity named `name` with these roles.
    pub fn new(name: impl Into<Text>, roles: impl IntoIterator<Item = Role>) -> Self {
        Entity { name: Some(name.into()), roles: roles.into_iter().collect(), ..Entity::default() }
    }

    /// The same entity with a regid.
    #[must_use]
    pub fn with_regid(mut self, regid: impl Into<Text>) -> Self {
        self.regid = Some(regid.into());
        self
    }

    /// True when the entity has this role.
    pub fn has_role(&self, role: &Role) -> bool {
        self.roles.contains(role)
    }

    /// The regid, or the XSD default when absent.
    pub fn regid_or_default(&self) -> &str {
        self.regid.as_deref().unwrap_or(DEFAULT_REGID)
    }
}
