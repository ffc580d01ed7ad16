use super::{Entity, Link, MeasuredAsset, Measurement, Meta};
use iso19770_core::Extensions;

/// A resource utilization measurement: who measured what, and the measurements (working element
/// name `Rum` *(inferred)*; ISO/IEC 19770-4:2017 "RUM").
///
/// ```
/// use iso19770_resource_util::{Entity, Link, MeasuredAsset, Measurement, Rel, Role, Rum};
/// use iso19770_core::decimal::Decimal;
///
/// let rum = Rum::new("rum-odm-2019-07")
///     .with_entity(Entity::new("IBM", [Role::SoftwareCreator]))
///     .with_link(Link::to_swid_tag("b1a07d4dc0364452aa6206bb6584061d", Rel::Measures))
///     .with_asset(MeasuredAsset { persistent_id: Some("b1a07d4dc0364452aa6206bb6584061d".into()), ..MeasuredAsset::default() })
///     .with_measurement(Measurement::new("FEED", Decimal::from(1821)));
/// assert_eq!(rum.measurements.len(), 1);
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rum {
    /// The id of this RUM, unique for its creator.
    pub rum_id: String,
    /// The version of this RUM's content, when several are issued.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub version: Option<String>,
    /// A revision counter: a larger one replaces a smaller one of the same id.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub revision: Option<u64>,
    /// The language of the text fields (`xml:lang`), a BCP 47 tag.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<String>,
    /// Organizations and people, with their roles.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub entities: Vec<Entity>,
    /// Links to the SWID tag measured, to entitlements, to other RUMs.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub links: Vec<Link>,
    /// Descriptive facts.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub meta: Vec<Meta>,
    /// What was measured.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub asset: Option<MeasuredAsset>,
    /// The measurements, in the order written.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub measurements: Vec<Measurement>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "iso19770_core::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::json::entries::Schema"))]
    pub extensions: Extensions,
}

impl Rum {
    /// A RUM with this id and nothing else.
    pub fn new(rum_id: impl Into<String>) -> Self {
        Rum { rum_id: rum_id.into(), ..Rum::default() }
    }

    /// The same RUM with an entity added.
    #[must_use]
    pub fn with_entity(mut self, entity: Entity) -> Self {
        self.entities.push(entity);
        self
    }

    /// The same RUM with a link added.
    #[must_use]
    pub fn with_link(mut self, link: Link) -> Self {
        self.links.push(link);
        self
    }

    /// The same RUM with a meta added.
    #[must_use]
    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.meta.push(meta);
        self
    }

    /// The same RUM measuring this asset.
    #[must_use]
    pub fn with_asset(mut self, asset: MeasuredAsset) -> Self {
        self.asset = Some(asset);
        self
    }

    /// The same RUM with a measurement added.
    #[must_use]
    pub fn with_measurement(mut self, measurement: Measurement) -> Self {
        self.measurements.push(measurement);
        self
    }
}
