use iso19770_core::{Extensions, open_vocabulary};

open_vocabulary! {
    /// The role of an [`Entity`] for the measurement (an open vocabulary; every name is this
    /// project's own *(inferred)*, after the `Entity@role` pattern of ISO/IEC 19770-2:2015).
    ///
    /// ```
    /// use iso19770_resource_util::Role;
    ///
    /// assert_eq!(Role::from("rumCreator"), Role::RumCreator);
    /// assert_eq!(Role::from("auditor"), Role::Other("auditor".into()));
    /// ```
    pub enum Role {
        /// Who produced this RUM: the measured asset itself, or a monitoring tool.
        RumCreator => "rumCreator",
        /// The publisher of the measured software.
        SoftwareCreator => "softwareCreator",
        /// Who grants the licence the measurement is for.
        Licensor => "licensor",
        /// The organization whose usage is measured.
        Licensee => "licensee",
        /// A tool that gathered or aggregated RUMs of several assets.
        Aggregator => "aggregator",
    }
}

/// An organization or person and its roles for the measurement (working element name `Entity`,
/// as in ISO/IEC 19770-2:2015 *(inferred)*).
///
/// ```
/// use iso19770_resource_util::{Entity, Role};
///
/// let e = Entity::new("IBM", [Role::SoftwareCreator]).with_regid("ibm.com");
/// assert!(e.has_role(&Role::SoftwareCreator));
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
    #[cfg_attr(feature = "json", serde(flatten, with = "iso19770_core::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::json::entries::Schema"))]
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
