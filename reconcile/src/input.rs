//! What the engine reconciles: the estate, the installations, the entitlements, the usage, the
//! catalog of products, client access records and pinned allocations, as of a date.
//!
//! Identifiers tie the parts together: an installation names its device by [`Device::id`], a
//! device its host and primary user, a pin an installation and an Ent (`entId`). A name that
//! does not resolve is a finding of the position, never a panic.
//!
//! Ids should be unique. Of two devices, installations or Ents with one id (a finding), the
//! least is used, whatever the order of the input: devices and installations compared field by
//! field in the order they are declared, Ents by their whole content written out (`Debug`).

use iso19770_core::DateTime;
use iso19770_ent::Ent;
use iso19770_resource_util::Rum;

/// Everything the engine reconciles.
///
/// ```
/// use iso19770_reconcile::{Device, Input, Installation, ProductId};
///
/// let mut input = Input::new("2025-06-30T00:00:00Z");
/// input.estate.devices.push(Device::physical("srv-1", 2, 8));
/// input.installations.push(Installation::new("i-1", ProductId::named("Windows Server"), "srv-1"));
/// assert_eq!(input.installations[0].device, "srv-1");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The date terms and maintenance are judged at (no clock is read).
    pub as_of: DateTime,
    /// Devices and users.
    pub estate: Estate,
    /// Products, their editions and releases, and suites.
    pub catalog: Catalog,
    /// What is installed where.
    pub installations: Vec<Installation>,
    /// What the organization is entitled to (ISO/IEC 19770-3 Ents).
    pub entitlements: Vec<Ent>,
    /// Measured usage (ISO/IEC 19770-4 RUMs): concurrency peaks, consumption, PVU peaks.
    pub usage: Vec<Rum>,
    /// Client access records, for client access licences (CALs) and named users of a server.
    pub accesses: Vec<Access>,
    /// Allocations fixed by the user: they are honoured first.
    pub pins: Vec<Pin>,
    /// How entitlements are chosen for installations: the priority order (the default) or the
    /// optimal allocation.
    pub objective: Objective,
}

/// How the engine chooses among eligible entitlements.
///
/// ```
/// use iso19770_reconcile::{Input, Objective};
///
/// let mut input = Input::new("2025-06-30T00:00:00Z");
/// assert_eq!(input.objective, Objective::Priority);
/// input.objective = Objective::Optimal;
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Objective {
    /// Each installation in turn to the first eligible entitlement of the priority order that
    /// can take it (see [`crate::engine`]): what SAM tools do.
    #[default]
    Priority,
    /// The allocation that covers the most units within the quantities, then has the least
    /// shortfall cost, then follows the priority order where that leaves a choice (see
    /// [`crate::optimal`]).
    Optimal,
}

impl Input {
    /// An empty input as of this date.
    pub fn new(as_of: impl Into<DateTime>) -> Self {
        Input {
            as_of: as_of.into(),
            estate: Estate::default(),
            catalog: Catalog::default(),
            installations: Vec::new(),
            entitlements: Vec::new(),
            usage: Vec::new(),
            accesses: Vec::new(),
            pins: Vec::new(),
            objective: Objective::Priority,
        }
    }
}

/// Devices and users.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Estate {
    /// Physical and virtual devices.
    pub devices: Vec<Device>,
    /// Users.
    pub users: Vec<User>,
}

/// Whether a device is a physical machine or a virtual one (ordered: physical first).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeviceKind {
    /// A physical machine.
    Physical,
    /// A virtual machine on a host (the host's [`Device::id`]), when known.
    Virtual {
        /// The physical host.
        host: Option<String>,
    },
}

/// A physical or virtual device (ordered field by field, for a choice among duplicate ids).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Device {
    /// Its identifier.
    pub id: String,
    /// Physical or virtual.
    pub kind: DeviceKind,
    /// The cluster it belongs to (hosts that share VMs).
    pub cluster: Option<String>,
    /// Processors (sockets) of a physical machine; virtual processors of a VM.
    pub processors: u32,
    /// Cores per processor (physical cores; a VM's virtual cores per virtual processor).
    pub cores_per_processor: u32,
    /// The processor class, as the core-factor and PVU tables name it (`x86`, `IBM POWER9`).
    pub processor_class: Option<String>,
    /// A laptop, notebook or tablet (for second-use rights).
    pub portable: bool,
    /// The user whose device it is.
    pub primary_user: Option<String>,
    /// The organization unit it belongs to.
    pub org_unit: Option<String>,
}

impl Device {
    /// A physical machine with this many processors and cores per processor.
    pub fn physical(id: impl Into<String>, processors: u32, cores_per_processor: u32) -> Self {
        Device {
            id: id.into(),
            kind: DeviceKind::Physical,
            cluster: None,
            processors,
            cores_per_processor,
            processor_class: None,
            portable: false,
            primary_user: None,
            org_unit: None,
        }
    }

    /// A virtual machine on `host` with this many virtual processors of this many cores.
    pub fn virtual_on(
        id: impl Into<String>,
        host: impl Into<String>,
        processors: u32,
        cores_per_processor: u32,
    ) -> Self {
        Device {
            kind: DeviceKind::Virtual { host: Some(host.into()) },
            ..Device::physical(id, processors, cores_per_processor)
        }
    }

    /// The same device with a processor class.
    #[must_use]
    pub fn with_class(mut self, class: impl Into<String>) -> Self {
        self.processor_class = Some(class.into());
        self
    }

    /// The same device with a primary user.
    #[must_use]
    pub fn with_user(mut self, user: impl Into<String>) -> Self {
        self.primary_user = Some(user.into());
        self
    }

    /// The same device, portable.
    #[must_use]
    pub fn portable(mut self) -> Self {
        self.portable = true;
        self
    }

    /// All its cores (processors × cores per processor).
    pub fn cores(&self) -> u64 {
        u64::from(self.processors) * u64::from(self.cores_per_processor)
    }

    /// The host of a virtual machine.
    pub fn host(&self) -> Option<&str> {
        match &self.kind {
            DeviceKind::Virtual { host } => host.as_deref(),
            DeviceKind::Physical => None,
        }
    }

    /// True for a virtual machine.
    pub fn is_virtual(&self) -> bool {
        matches!(self.kind, DeviceKind::Virtual { .. })
    }
}

/// A user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Its identifier.
    pub id: String,
    /// The organization unit it belongs to.
    pub org_unit: Option<String>,
}

/// The identity of installed software: a SWID tag id and registration id when known, and the
/// product name, version and edition entitlements are matched on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProductId {
    /// The SWID tag id.
    pub tag_id: Option<String>,
    /// The software creator's registration id.
    pub regid: Option<String>,
    /// The product name.
    pub product: String,
    /// The version.
    pub version: Option<String>,
    /// The edition.
    pub edition: Option<String>,
}

impl ProductId {
    /// A product by name.
    pub fn named(product: impl Into<String>) -> Self {
        ProductId { product: product.into(), ..ProductId::default() }
    }

    /// The same product in this version.
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// The same product in this edition.
    #[must_use]
    pub fn edition(mut self, edition: impl Into<String>) -> Self {
        self.edition = Some(edition.into());
        self
    }
}

/// An installation of a product on a device (ordered field by field, for a choice among
/// duplicate ids).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Installation {
    /// Its identifier.
    pub id: String,
    /// What is installed.
    pub product: ProductId,
    /// Where ([`Device::id`]).
    pub device: String,
    /// Who uses it, when not the device's primary user.
    pub user: Option<String>,
}

impl Installation {
    /// An installation of `product` on `device`.
    pub fn new(id: impl Into<String>, product: ProductId, device: impl Into<String>) -> Self {
        Installation { id: id.into(), product, device: device.into(), user: None }
    }

    /// The installation a SWID tag describes on a device (feature `swid`): its tag id,
    /// software creator's regid, name, version and, from its `Meta`, edition.
    #[cfg(feature = "swid")]
    pub fn from_swid(id: impl Into<String>, tag: &iso19770_swid::SoftwareIdentity, device: impl Into<String>) -> Self {
        use iso19770_swid::Role;
        let product = ProductId {
            tag_id: tag.tag_id.as_ref().map(ToString::to_string),
            regid: tag
                .entities
                .iter()
                .find(|e| e.roles.contains(&Role::SoftwareCreator))
                .and_then(|e| e.regid.as_deref().map(str::to_owned)),
            product: tag.name.as_deref().unwrap_or_default().to_owned(),
            version: tag.version.as_deref().map(str::to_owned),
            edition: tag.metas.iter().find_map(|m| m.edition.as_deref().map(str::to_owned)),
        };
        Installation::new(id, product, device)
    }
}

/// Products the catalog knows: editions in order and release dates, and suites.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Products.
    pub products: Vec<CatalogProduct>,
    /// Suites (bundles).
    pub suites: Vec<Suite>,
    /// The publisher's core factors by processor class (Oracle's table: x86 0.5, POWER 1.0),
    /// for the processor counts of named-user minimums; a class not listed counts sockets.
    pub core_factors: Vec<iso19770_ent::CoreFactor>,
}

/// What the catalog knows of a product.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogProduct {
    /// The product name, as installations and Ents name it.
    pub product: String,
    /// Its editions, lowest first (`Standard`, `Enterprise`): a downgrade right covers the
    /// editions below the entitled one.
    pub editions: Vec<String>,
    /// Releases with their dates: an upgrade right covers versions released until its date.
    pub releases: Vec<Release>,
}

/// A version of a product and when it was released.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// The version.
    pub version: String,
    /// The release date.
    pub date: DateTime,
}

/// A suite: an entitlement for the suite covers its parts on a device where its primary product
/// is installed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suite {
    /// The suite's product name, as its Ents name it.
    pub suite: String,
    /// The product whose presence makes the parts count as the suite.
    pub primary: String,
    /// The products of the suite (the primary one included or not).
    pub parts: Vec<String>,
}

/// A client access record: a user or a device that accesses a server product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    /// The product accessed.
    pub product: String,
    /// The server accessed ([`Device::id`]), when known.
    pub server: Option<String>,
    /// The user.
    pub user: Option<String>,
    /// The device.
    pub device: Option<String>,
}

/// An allocation the user fixed: this installation is covered by this entitlement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    /// The installation ([`Installation::id`]).
    pub installation: String,
    /// The entitlement (`entId`).
    pub ent_id: String,
}
