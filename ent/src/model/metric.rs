use super::Parameter;
use rust_decimal::Decimal;

/// The core factor of one class of processor (Oracle-style processor licensing: licences =
/// cores × factor, rounded up).
///
/// ```
/// use iso19770_ent::CoreFactor;
/// use rust_decimal::Decimal;
///
/// let x86 = CoreFactor::new("x86", Decimal::new(5, 1));
/// assert_eq!(x86.factor.to_string(), "0.5");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CoreFactor {
    /// The processor class as the licensor's table names it (`x86`, `IBM POWER9`, `SPARC M8`).
    pub processor_class: String,
    /// The factor, an exact decimal (`0.5`, `0.25`, `1.0`).
    #[cfg_attr(feature = "json", serde(with = "crate::json::decimal"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::DecimalText"))]
    pub factor: Decimal,
}

impl CoreFactor {
    /// The factor of a processor class.
    pub fn new(processor_class: impl Into<String>, factor: Decimal) -> Self {
        CoreFactor { processor_class: processor_class.into(), factor }
    }
}

/// The processor value units per core of one class of processor (IBM-style PVU licensing).
///
/// ```
/// use iso19770_ent::PvuRating;
///
/// assert_eq!(PvuRating::new("Intel Xeon, 2 sockets", 70).pvu_per_core, 70);
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PvuRating {
    /// The processor class as the licensor's table names it.
    pub processor_class: String,
    /// The value units per core.
    pub pvu_per_core: u32,
}

impl PvuRating {
    /// The rating of a processor class.
    pub fn new(processor_class: impl Into<String>, pvu_per_core: u32) -> Self {
        PvuRating { processor_class: processor_class.into(), pvu_per_core }
    }
}

/// Whether client access licences are counted per user or per device.
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccessBy {
    /// One licence per distinct user accessing the server.
    User,
    /// One licence per distinct device accessing the server.
    Device,
}

/// What is counted against the [`Quantity`](crate::Quantity), with the parameters of the
/// counting rule (an open set: [`Metric::Other`] carries any other metric).
///
/// The standard confirms that an Ent carries metrics *(confirmed)*; the names of this enum and
/// their parameters are this project's own *(inferred)*, drawn from SAM tools' metric families
/// (see the crate documentation). JSON writes `{"type": "perCore", "minimumPerProcessor": 8, …}`.
///
/// ```
/// use iso19770_ent::Metric;
///
/// let windows = Metric::per_core(8, 16, 2);
/// assert_eq!(windows.name(), "perCore");
/// assert_eq!(Metric::PerDevice.name(), "perDevice");
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Metric {
    /// One licence per installation (per operating system environment).
    PerInstallation,
    /// One licence per device, whatever is installed on it.
    PerDevice,
    /// One licence per named (authorized) user, on any device.
    NamedUser {
        /// The minimum of users to license per processor (Oracle Named User Plus: 25).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        minimum_per_processor: Option<u32>,
    },
    /// Licences for the peak of simultaneous users in a period.
    ConcurrentUser,
    /// One licence per physical core (or virtual core when licensed by virtual machine).
    PerCore {
        /// The minimum of core licences per processor (Windows Server: 8).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        minimum_per_processor: Option<u32>,
        /// The minimum of core licences per server (Windows Server: 16).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        minimum_per_server: Option<u32>,
        /// The cores per licence pack (Windows Server and SQL Server: 2).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        pack_size: Option<u32>,
    },
    /// One licence per physical processor.
    PerProcessor {
        /// The cores one processor licence covers, when it covers at most so many (32 for vSphere).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        cores_per_licence: Option<u32>,
    },
    /// One licence per populated processor socket (or pair of sockets, `socketsPerLicence: 2`).
    PerSocket {
        /// The sockets one licence covers (Red Hat: 2).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        sockets_per_licence: Option<u32>,
    },
    /// Oracle-style processor licences: cores × the core factor of their processor class,
    /// rounded up.
    ProcessorCoreFactor {
        /// The core-factor table.
        core_factors: Vec<CoreFactor>,
        /// The factor of a processor class not in the table.
        #[cfg_attr(
            feature = "json",
            serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::opt_decimal")
        )]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::DecimalText>"))]
        default_factor: Option<Decimal>,
    },
    /// IBM-style processor value units: cores × the value units per core of their processor
    /// class.
    ProcessorValueUnit {
        /// The value units per core, by processor class.
        pvu_per_core: Vec<PvuRating>,
        /// The value units per core of a processor class not in the table (IBM: 120 when the
        /// processor cannot be identified).
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        default_pvu_per_core: Option<u32>,
        /// True when sub-capacity (virtualization capacity) counting is allowed.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "std::ops::Not::not"))]
        sub_capacity: bool,
    },
    /// Client access licences: per user or per device accessing a server.
    ClientAccess {
        /// What is counted.
        access_by: AccessBy,
    },
    /// Everything within a site (see [`Limitation::Organization`](crate::Limitation) for its scope).
    Site,
    /// Everything within the enterprise (all employees or all devices).
    Enterprise,
    /// No counting at all.
    Unlimited,
    /// Units consumed in a period (transactions, API calls, decisions, terabytes).
    Consumption {
        /// The unit counted (`millionMonthlyDecisions`, `apiCall`, `terabyte`).
        unit: String,
        /// The period over which units are summed (`month`, `year`), when there is one.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
        period: Option<String>,
    },
    /// A metric this crate has no variant for.
    Other {
        /// Its name.
        name: String,
        /// Its parameters, in order.
        #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
        params: Vec<Parameter>,
    },
}

impl Metric {
    /// Per core with these minimums and pack size.
    pub fn per_core(minimum_per_processor: u32, minimum_per_server: u32, pack_size: u32) -> Self {
        Metric::PerCore {
            minimum_per_processor: Some(minimum_per_processor),
            minimum_per_server: Some(minimum_per_server),
            pack_size: Some(pack_size),
        }
    }

    /// The name of the metric: its JSON `type`, or an [`Other`](Metric::Other) metric's name.
    pub fn name(&self) -> &str {
        match self {
            Metric::PerInstallation => "perInstallation",
            Metric::PerDevice => "perDevice",
            Metric::NamedUser { .. } => "namedUser",
            Metric::ConcurrentUser => "concurrentUser",
            Metric::PerCore { .. } => "perCore",
            Metric::PerProcessor { .. } => "perProcessor",
            Metric::PerSocket { .. } => "perSocket",
            Metric::ProcessorCoreFactor { .. } => "processorCoreFactor",
            Metric::ProcessorValueUnit { .. } => "processorValueUnit",
            Metric::ClientAccess { .. } => "clientAccess",
            Metric::Site => "site",
            Metric::Enterprise => "enterprise",
            Metric::Unlimited => "unlimited",
            Metric::Consumption { .. } => "consumption",
            Metric::Other { name, .. } => name,
        }
    }
}
