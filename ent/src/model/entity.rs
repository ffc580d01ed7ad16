use iso19770_core::Extensions;
use iso19770_core::open_vocabulary;

open_vocabulary! {
    /// The role of an [`Entity`] for the entitlement (an open vocabulary).
    ///
    /// "Ent creator" is the standard's public term for whoever produces an Ent *(confirmed)*; the
    /// `Entity@role` pattern and the other names follow ISO/IEC 19770-2:2015 and SAM practice and
    /// are this project's own *(inferred)*.
    ///
    /// ```
    /// use iso19770_ent::Role;
    ///
    /// assert_eq!(Role::from("entCreator"), Role::EntCreator);
    /// assert_eq!(Role::from("auditor"), Role::Other("auditor".into()));
    /// assert_eq!(Role::Licensee.as_str(), "licensee");
    /// ```
    pub enum Role {
        /// Who produced this Ent.
        EntCreator => "entCreator",
        /// Who grants the licence (usually the software publisher).
        Licensor => "licensor",
        /// Who is granted the licence.
        Licensee => "licensee",
        /// Who bought the licence (may differ from the licensee).
        Purchaser => "purchaser",
        /// A reseller that sold the licence.
        Reseller => "reseller",
        /// A distributor between licensor and reseller.
        Distributor => "distributor",
        /// The publisher of the entitled software.
        SoftwareCreator => "softwareCreator",
    }
}

/// An organization or person and its roles for the entitlement (working element name `Entity`,
/// as in ISO/IEC 19770-2:2015 *(inferred)*).
///
/// ```
/// use iso19770_ent::{Entity, Role};
///
/// let e = Entity::new("Contoso Ltd", [Role::Licensee]).with_regid("contoso.com");
/// assert!(e.has_role(&Role::Licensee));
/// assert_eq!(e.regid.as_deref(), Some("contoso.com"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Entity {
    /// The name.
    #[cfg_attr(feature = "json", serde(default))]
    pub name: String,
    /// The registration id: a domain name or URI naming the organization.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub regid: Option<String>,
    /// The roles, in the order written.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub roles: Vec<Role>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
}

impl Entity {
    /// An entity named `name` with these roles.
    pub fn new(name: impl Into<String>, roles: impl IntoIterator<Item = Role>) -> Self {
        Entity { name: name.into(), roles: roles.into_iter().collect(), ..Entity::default() }
    }

    /// The same entity with a registration id.
    #[must_use]
    pub fn with_regid(mut self, regid: impl Into<String>) -> Self {
        self.regid = Some(regid.into());
        self
    }

    /// True when the entity has this role.
    pub fn has_role(&self, role: &Role) -> bool {
        self.roles.contains(role)
    }
}
