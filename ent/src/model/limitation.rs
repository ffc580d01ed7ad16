use super::Parameter;
use iso19770_core::DateTime;
use iso19770_core::open_vocabulary;

open_vocabulary! {
    /// The environment a licence may be used in (an open vocabulary; names are this project's own
    /// *(inferred)*).
    pub enum Environment {
        /// Production use.
        Production => "production",
        /// Development, test, staging, training: anything but production.
        NonProduction => "nonProduction",
        /// Disaster recovery (a passive standby).
        DisasterRecovery => "disasterRecovery",
    }
}

/// A restriction that narrows the use of the entitlement (an open set: [`Limitation::Other`]
/// carries any other limitation).
///
/// The standard confirms that an Ent carries limitations *(confirmed)*; this vocabulary is this
/// project's own *(inferred)*. JSON writes `{"type": "geography", "countries": ["DE", "AT"]}`.
///
/// ```
/// use iso19770_ent::{Environment, Limitation};
///
/// let l = Limitation::Environment { environments: vec![Environment::NonProduction] };
/// assert_eq!(l.name(), "environment");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limitation {
    /// Use only between two dates (either may be open).
    Period {
        /// The first instant of use.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        start: Option<DateTime>,
        /// The last instant of use.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        end: Option<DateTime>,
    },
    /// Use only in these countries or regions.
    Geography {
        /// ISO 3166-1 alpha-2 country codes.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
        countries: Vec<String>,
        /// Regions named otherwise (`EMEA`, `EU`).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
        regions: Vec<String>,
    },
    /// Use only in these environments.
    Environment {
        /// The environments allowed.
        environments: Vec<Environment>,
    },
    /// Use only by these parts of the licensee's organization.
    Organization {
        /// The organizational units, sites or affiliates, as the licensee names them.
        units: Vec<String>,
    },
    /// A limitation this crate has no variant for.
    Other {
        /// Its name.
        name: String,
        /// Its parameters, in order.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
        params: Vec<Parameter>,
    },
}

impl Limitation {
    /// The name of the limitation: its JSON `type`, or an [`Other`](Limitation::Other)
    /// limitation's name.
    pub fn name(&self) -> &str {
        match self {
            Limitation::Period { .. } => "period",
            Limitation::Geography { .. } => "geography",
            Limitation::Environment { .. } => "environment",
            Limitation::Organization { .. } => "organization",
            Limitation::Other { name, .. } => name,
        }
    }
}
