use iso19770_core::Extensions;

/// Descriptive facts of the measurement (working element name `Meta`, as in ISO/IEC
/// 19770-2:2015; every field name is this project's own *(inferred)*).
///
/// Members the model has no field for are kept in `extensions`.
///
/// ```
/// use iso19770_resource_util::Meta;
///
/// let m = Meta { software_version: Some("10.2(3)I9(1)".into()), ..Meta::default() };
/// assert!(m.report_id.is_none());
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Meta {
    /// The name of the measured product as its producer writes it.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub product: Option<String>,
    /// The version of the measured software.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub software_version: Option<String>,
    /// The producer's id of the report (Cisco `report_id`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub report_id: Option<String>,
    /// The version of the format the measurement was written in (SLMT `SchemaVersion`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub schema_version: Option<String>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "iso19770_core::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::json::entries::Schema"))]
    pub extensions: Extensions,
}
