use super::Parameter;
use iso19770_core::DateTime;

/// A grant that widens the use of the entitlement (an open set: [`Right::Other`] carries any
/// other right).
///
/// The standard confirms that an Ent carries usage rights *(confirmed)*; this vocabulary and its
/// parameters are this project's own *(inferred)*, after SAM tools' product use rights. JSON writes
/// `{"type": "downgrade", "lowestVersion": "2016"}`.
///
/// ```
/// use iso19770_ent::Right;
///
/// let r = Right::Virtualization { vms_per_licence: Some(2), unlimited_vms: false, host_licensing: true };
/// assert_eq!(r.name(), "virtualization");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Right {
    /// Use an earlier version or a lower edition instead of the one licensed.
    Downgrade {
        /// The earliest version that may be used.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        lowest_version: Option<String>,
        /// The lower editions that may be used.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
        editions: Vec<String>,
    },
    /// Use new versions released while the right lasts (maintenance, software assurance).
    Upgrade {
        /// The last day versions released may be used, when it ends.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        until: Option<DateTime>,
    },
    /// Install a second copy for the same user (a laptop, a home computer).
    SecondUse {
        /// How many further copies.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        copies: Option<u32>,
    },
    /// Several installations per licence.
    MultipleInstalls {
        /// Installations one licence covers.
        per_licence: u32,
    },
    /// Run in virtual machines.
    Virtualization {
        /// Virtual machines (operating system environments) one fully licensed host covers.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        vms_per_licence: Option<u32>,
        /// True when any number of virtual machines is covered (Windows Server Datacenter).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "std::ops::Not::not"))]
        unlimited_vms: bool,
        /// True when the licences are assigned to the host rather than to each virtual machine.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "std::ops::Not::not"))]
        host_licensing: bool,
    },
    /// Reassign the licence to another device or user, or transfer it to another party.
    Transfer {
        /// The minimum of days between two reassignments (Microsoft: 90).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        minimum_days_between: Option<u32>,
        /// True when the licence may be transferred to another organization.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "std::ops::Not::not"))]
        to_third_party: bool,
    },
    /// A right this crate has no variant for.
    Other {
        /// Its name.
        name: String,
        /// Its parameters, in order.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
        params: Vec<Parameter>,
    },
}

impl Right {
    /// The name of the right: its JSON `type`, or an [`Other`](Right::Other) right's name.
    pub fn name(&self) -> &str {
        match self {
            Right::Downgrade { .. } => "downgrade",
            Right::Upgrade { .. } => "upgrade",
            Right::SecondUse { .. } => "secondUse",
            Right::MultipleInstalls { .. } => "multipleInstalls",
            Right::Virtualization { .. } => "virtualization",
            Right::Transfer { .. } => "transfer",
            Right::Other { name, .. } => name,
        }
    }
}
