use iso19770_core::Extensions;

/// What was measured: the software (by SWID tag id or persistent id) and the instance of it, on
/// a device (working element name `Asset` *(inferred)*; SLMT `SoftwareIdentity` or `Product`,
/// Cisco `asset_identification`).
///
/// ```
/// use iso19770_resource_util::MeasuredAsset;
///
/// let a = MeasuredAsset {
///     persistent_id: Some("b1a07d4dc0364452aa6206bb6584061d".into()),
///     name: Some("IBM Operational Decision Manager Server".into()),
///     instance_id: Some("/usr/IBM/TAMIT".into()),
///     ..MeasuredAsset::default()
/// };
/// assert_eq!(a.identity(), Some("b1a07d4dc0364452aa6206bb6584061d"));
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MeasuredAsset {
    /// The SWID tag id of the measured software (Cisco `asset.name`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub tag_id: Option<String>,
    /// A persistent id of the software (SLMT `PersistentId`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub persistent_id: Option<String>,
    /// The software's name (SLMT `Name` or `ProductName`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<String>,
    /// The instance measured: an installation path, a server, a product instance id.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub instance_id: Option<String>,
    /// The device the instance runs on (Cisco `udi_pid:udi_serial_number`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub device_id: Option<String>,
    /// Content the model has no field for.
    #[cfg_attr(feature = "json", serde(flatten, with = "iso19770_core::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "iso19770_core::json::entries::Schema"))]
    pub extensions: Extensions,
}

impl MeasuredAsset {
    /// The identity of the software: the tag id, or else the persistent id.
    pub fn identity(&self) -> Option<&str> {
        self.tag_id.as_deref().or(self.persistent_id.as_deref())
    }
}
