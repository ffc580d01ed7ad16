//! A seeded generator of estates for benchmarks and research (feature `generate`).
//!
//! [`generate`] builds a whole [`Input`] from [`Params`]: devices (workstations, laptops,
//! clustered hosts with virtual machines, standalone servers), users in organization units, a
//! catalog of products with edition ladders, releases and suites, installations, Ents over every
//! metric the engine knows, client access records and usage. The same parameters give the same
//! input, on any platform: every number comes from `SplitMix64` seeded with [`Params::seed`] (one
//! stream per part of the estate), there is no floating point, and nothing depends on the order
//! of a hash map.
//!
//! ```
//! use iso19770_reconcile::generate::{Params, generate};
//! use iso19770_reconcile::reconcile;
//!
//! let params = Params::new(7, 500);
//! let input = generate(&params);
//! assert_eq!(input.installations.len(), 500);
//! assert_eq!(input.entitlements.len(), params.entitlements);
//! assert_eq!(generate(&params), input); // the same parameters, the same estate
//! let position = reconcile(&input);
//! assert!(position.findings.is_empty()); // every reference resolves
//! ```
//!
//! # What is generated
//!
//! | part | how |
//! |---|---|
//! | users | `u-…`, each in one of [`Params::org_units`] organization units `ou-…` |
//! | desktops | workstations `ws-…` (1 processor of 4 to 12 cores, `x86`), one per user but the last tenth of the users; laptops `lt-…` (portable, of a workstation's user) |
//! | servers | hosts `esx-…` (1 to 4 processors of 8 to 32 cores) in clusters `cl-…` of [`Params::hosts_per_cluster`]; virtual machines `vm-…` on random hosts (1 or 2 virtual processors of 1 to 8 cores); standalone servers `srv-…`; processor classes `x86` (80 %), `IBM POWER9` (15 %) and `SPARC M8` (5 %) |
//! | catalog | products `<Publisher> <Noun> <n>`, each with a ladder of 1 to 3 editions and 2 to 4 releases (years or `major.minor`) before the date; a suite of three desktop products for every ten; the core factors `x86` 0.5 and `IBM POWER9` 1.0 |
//! | installations | `i-…`: desktop products on workstations and laptops (a laptop repeats its user's workstation 7 times in 10), server products on virtual machines and standalone servers; popular products more often (the product index is the least of two uniform draws, so the first products are the most installed), newer versions and lower editions more often; every installation has a tag id, regid, version and edition |
//! | Ents | `ent-<product>-<n>`, about [`Params::ents_per_product`] per product (spread at random, at least 1 and at most 8 or twice the mean), [`Params::entitlements`] in all; see below |
//! | accesses | users (with their workstation) accessing the servers of products with client access licences or named-user minimums |
//! | usage | concurrent sessions over the last week for `concurrentUser` products (at most [`Params::max_sessions`] each), six monthly sums for `consumption` products, PVU peaks of virtual machines for `processorValueUnit` products |
//!
//! Each product has one metric (its kind): `perInstallation`, `perInstallation` with a
//! `multipleInstalls` right, `perDevice` (with second-use rights), `namedUser`,
//! `concurrentUser`, `site`, `enterprise`, `unlimited`, `other` (desktop products) or `perCore`
//! (with virtualization rights), `perCore` with a `clientAccess` Ent, `perProcessor`,
//! `perSocket`, `processorCoreFactor`, `processorValueUnit` (sub-capacity or not), `namedUser`
//! with a minimum per processor, `consumption` (server products). The first seventeen products
//! take these kinds in turn, so that from 17 products on every metric is present; the others
//! draw theirs by weight. Of the Ents of a product, [`Params::same_metric_percent`] % of the
//! products have all in its metric; the others mix in a metric of the same family
//! (`perInstallation`, `perDevice`, `namedUser`; `perCore`, `perProcessor`,
//! `processorCoreFactor`). The Ents of a server product share its shape (per-core minimums of 8
//! per processor and 16 per server, or 4 per processor; cores per processor licence;
//! sub-capacity; a default core factor), so that they charge an installation alike, and its
//! virtualization rights: none (each VM by itself, 40 % of the products), the host with
//! unlimited VMs (20 %), the host with 2 VMs per licence (20 %), or mixed (20 %: the top
//! edition licenses the host with unlimited VMs, the others each VM or the host with 2 per
//! licence).
//!
//! The first Ent of a product is broad: the top edition with a downgrade right (so every
//! edition and earlier version is eligible). The others are narrower and differ in quantity
//! and cost: an edition (or any), a version (exactly, a range, any, or a tag id), downgrade and
//! upgrade rights, sometimes an organization limitation. So most installations have two or
//! three eligible Ents (2.5 on average with the defaults), mostly of the same metric, and which
//! one covers which installation matters.
//!
//! Quantities follow the estimated demand of the product under the Ent's metric, shared among
//! its Ents of that metric: [`Params::short_percent`] % of them at 30 to 90 % of their share,
//! the others at 100 to 160 %, and [`Params::unlimited_percent`] % unlimited. Costs are per unit
//! in USD, whole or with cents, higher for higher editions. Terms: perpetual (with or without a
//! perpetual term), active subscriptions of various ends, and [`Params::inactive_percent`] %
//! not active as of the date (expired, or one in five not yet started); maintenance where an
//! upgrade right relies on it.

use crate::input::{
    Access, Catalog, CatalogProduct, Device, DeviceKind, Estate, Input, Installation, ProductId, Release, Suite, User,
};
use iso19770_core::DateTime;
use iso19770_core::datetime::{civil_from_days, days_from_civil};
use iso19770_core::decimal::Decimal;
use iso19770_ent::{
    AccessBy, CoreFactor, Cost, CostBasis, Ent, EntitledProduct, Entity, Limitation, Metric, PvuRating, Quantity,
    Right, Role, Term, TermKind, VersionRange,
};
use iso19770_resource_util::{Aggregation, MeasuredAsset, Measurement, Rum};

const DAY: i64 = 86_400;

/// The default date of the generated estate: 2025-06-30T00:00:00Z, in Unix seconds.
///
/// ```
/// use iso19770_reconcile::generate::{DEFAULT_AS_OF, Params};
///
/// assert_eq!(Params::new(1, 10).as_of, DEFAULT_AS_OF);
/// assert_eq!(iso19770_core::DateTime::from_unix_seconds(DEFAULT_AS_OF).as_str(), "2025-06-30T00:00:00Z");
/// ```
pub const DEFAULT_AS_OF: i64 = 1_751_241_600;

/// The size and shape of a generated estate.
///
/// [`Params::new`] derives every shape parameter from the size; change the fields to taste
/// (percentages above 100 count as 100, counts of 0 where at least 1 is needed as 1).
///
/// ```
/// use iso19770_reconcile::generate::Params;
///
/// let p = Params::new(42, 1_000_000);
/// assert_eq!((p.entitlements, p.products()), (10_000, 2_500));
/// let small = Params { server_percent: 50, ..Params::new(42, 2_000) }.with_entitlements(120);
/// assert_eq!((small.entitlements, small.products()), (120, 30));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The seed: the same seed and parameters give the same estate.
    pub seed: u64,
    /// Installations, exactly.
    pub installations: usize,
    /// Ents, exactly (default: installations ÷ 100, at least 80).
    pub entitlements: usize,
    /// The mean number of Ents per product: products = entitlements ÷ this (default 4).
    pub ents_per_product: usize,
    /// The mean number of installations per device (default 5).
    pub installations_per_device: usize,
    /// The share of installations of server products, on servers and VMs (default 25 %).
    pub server_percent: u32,
    /// The share of servers that are virtual machines (default 80 %).
    pub virtual_percent: u32,
    /// Virtual machines per host, on average (default 8).
    pub vms_per_host: usize,
    /// Hosts per cluster (default 4).
    pub hosts_per_cluster: usize,
    /// The share of desktop devices that are laptops (default 25 %).
    pub portable_percent: u32,
    /// Organization units (default installations ÷ 20 000, from 4 to 64).
    pub org_units: usize,
    /// The share of products whose Ents all have the product's metric (default 70 %).
    pub same_metric_percent: u32,
    /// The share of Ents with less than their share of the demand (default 30 %).
    pub short_percent: u32,
    /// The share of Ents with an unlimited quantity (default 3 %).
    pub unlimited_percent: u32,
    /// The share of Ents not active as of the date (default 5 %).
    pub inactive_percent: u32,
    /// Usage intervals per `concurrentUser` product, at most (default 200).
    pub max_sessions: usize,
    /// The date of the estate, in Unix seconds (default [`DEFAULT_AS_OF`]).
    pub as_of: i64,
}

impl Params {
    /// Parameters for `installations` installations, with the shape derived from the size.
    ///
    /// ```
    /// use iso19770_reconcile::generate::Params;
    ///
    /// let p = Params::new(1, 50_000);
    /// assert_eq!((p.entitlements, p.ents_per_product, p.org_units), (500, 4, 4));
    /// ```
    pub fn new(seed: u64, installations: usize) -> Self {
        Params {
            seed,
            installations,
            entitlements: Self::default_entitlements(installations),
            ents_per_product: 4,
            installations_per_device: 5,
            server_percent: 25,
            virtual_percent: 80,
            vms_per_host: 8,
            hosts_per_cluster: 4,
            portable_percent: 25,
            org_units: (installations / 20_000).clamp(4, 64),
            same_metric_percent: 70,
            short_percent: 30,
            unlimited_percent: 3,
            inactive_percent: 5,
            max_sessions: 200,
            as_of: DEFAULT_AS_OF,
        }
    }

    /// The default number of Ents for a number of installations: one per hundred, at least 80
    /// (so that every metric is present).
    ///
    /// ```
    /// use iso19770_reconcile::generate::Params;
    ///
    /// assert_eq!(Params::default_entitlements(1_000), 80);
    /// assert_eq!(Params::default_entitlements(1_000_000), 10_000);
    /// ```
    pub fn default_entitlements(installations: usize) -> usize {
        (installations / 100).max(80)
    }

    /// The same parameters with this many Ents.
    ///
    /// ```
    /// use iso19770_reconcile::generate::Params;
    ///
    /// assert_eq!(Params::new(1, 1_000).with_entitlements(12).entitlements, 12);
    /// ```
    #[must_use]
    pub fn with_entitlements(mut self, entitlements: usize) -> Self {
        self.entitlements = entitlements;
        self
    }

    /// The number of products: entitlements ÷ ents per product, at least 1 and at most the
    /// number of Ents (when there is any).
    ///
    /// ```
    /// use iso19770_reconcile::generate::Params;
    ///
    /// assert_eq!(Params::new(1, 1_000).products(), 20);
    /// assert_eq!(Params::new(1, 1_000).with_entitlements(0).products(), 1);
    /// ```
    pub fn products(&self) -> usize {
        (self.entitlements / self.ents_per_product.max(1)).max(1)
    }
}

/// Generates the estate the parameters describe.
///
/// ```
/// use iso19770_reconcile::generate::{Params, generate};
///
/// let input = generate(&Params::new(3, 200).with_entitlements(40));
/// assert_eq!((input.installations.len(), input.entitlements.len()), (200, 40));
/// assert_eq!(input.as_of.as_str(), "2025-06-30T00:00:00Z");
/// assert_ne!(generate(&Params::new(4, 200).with_entitlements(40)), input);
/// ```
pub fn generate(params: &Params) -> Input {
    let mut g = Generator::new(params);
    g.devices();
    g.products();
    g.installations();
    g.accesses();
    g.usage();
    g.entitlements();
    g.finish()
}

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// `SplitMix64` (Steele, Lea and Flood, 2014): small, fast and the same everywhere.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    /// The stream `stream` of `seed`: independent streams for the parts of the estate, so that
    /// one part's draws do not shift another's.
    fn stream(seed: u64, stream: u64) -> Self {
        let mut mix = Rng(stream.wrapping_mul(GOLDEN) ^ 0x5851_F42D_4C95_7F2D);
        Rng(seed ^ mix.next())
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0), by the multiply-shift reduction.
    fn below(&mut self, n: u64) -> u64 {
        u64::try_from((u128::from(self.next()) * u128::from(n)) >> 64).unwrap_or(0)
    }

    /// An index below `n` (0 when `n` is 0).
    fn index(&mut self, n: usize) -> usize {
        usize::try_from(self.below(n as u64)).unwrap_or(0)
    }

    /// A number from `lo` to `hi`, both included (`lo` when `hi < lo`).
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    /// A count of days from `lo` to `hi`, both included.
    fn days(&mut self, lo: u32, hi: u32) -> i64 {
        i64::from(lo) + i64::try_from(self.below(u64::from(hi.saturating_sub(lo)) + 1)).unwrap_or(0)
    }

    /// True `percent` times in 100.
    fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < u64::from(percent)
    }

    /// An index below `n`, small ones more likely: the least of two draws (density 2(1 − x)).
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.index(n);
        a.min(self.index(n))
    }

    /// One of `items` (which is never empty: the lists are this module's constants).
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// One of `items` by weight (the weights are this module's constants, not all 0).
    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.below(total);
        for (item, w) in items {
            if r < u64::from(*w) {
                return *item;
            }
            r -= u64::from(*w);
        }
        items[items.len() - 1].0
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/// The metric of a product, or of one of its Ents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    PerInstallation,
    MultipleInstalls,
    PerDevice,
    NamedUser,
    ConcurrentUser,
    Site,
    Enterprise,
    Unlimited,
    Other,
    PerCore,
    PerCoreWithCal,
    PerProcessor,
    PerSocket,
    CoreFactor,
    ValueUnit,
    NamedUserMinimum,
    Consumption,
    /// Only an Ent's: the client access licence of a `PerCoreWithCal` product.
    ClientAccess,
    /// Only an Ent's: a suite licence (per device).
    Suite,
}

/// The kinds in the order the first products take them (server and desktop kinds alternate),
/// with their weights for the others.
const KINDS: [(Kind, u32); 17] = [
    (Kind::PerCore, 14),
    (Kind::PerInstallation, 12),
    (Kind::PerProcessor, 6),
    (Kind::PerDevice, 12),
    (Kind::CoreFactor, 6),
    (Kind::NamedUser, 10),
    (Kind::ValueUnit, 6),
    (Kind::ConcurrentUser, 6),
    (Kind::PerCoreWithCal, 5),
    (Kind::MultipleInstalls, 5),
    (Kind::NamedUserMinimum, 4),
    (Kind::Site, 1),
    (Kind::PerSocket, 4),
    (Kind::Enterprise, 1),
    (Kind::Consumption, 4),
    (Kind::Unlimited, 1),
    (Kind::Other, 1),
];

impl Kind {
    fn server(self) -> bool {
        matches!(
            self,
            Kind::PerCore
                | Kind::PerCoreWithCal
                | Kind::PerProcessor
                | Kind::PerSocket
                | Kind::CoreFactor
                | Kind::ValueUnit
                | Kind::NamedUserMinimum
                | Kind::Consumption
                | Kind::ClientAccess
        )
    }

    /// The metrics a product of this kind mixes in (its family).
    fn alternates(self) -> &'static [Kind] {
        if self.server() {
            &[Kind::PerCore, Kind::PerProcessor, Kind::CoreFactor]
        } else {
            &[Kind::PerInstallation, Kind::PerDevice, Kind::NamedUser]
        }
    }

    /// The range of the per-unit cost, in cents.
    fn cost_cents(self) -> (u64, u64) {
        match self {
            Kind::PerInstallation | Kind::MultipleInstalls => (3_000, 40_000),
            Kind::PerDevice | Kind::Suite => (5_000, 60_000),
            Kind::NamedUser => (8_000, 90_000),
            Kind::ConcurrentUser => (80_000, 400_000),
            Kind::Site | Kind::Enterprise | Kind::Unlimited => (1_000_000, 20_000_000),
            Kind::Other => (10_000, 100_000),
            Kind::PerCore | Kind::PerCoreWithCal => (10_000, 90_000),
            Kind::PerProcessor => (300_000, 2_500_000),
            Kind::PerSocket => (80_000, 300_000),
            Kind::CoreFactor => (1_000_000, 4_750_000),
            Kind::ValueUnit => (2_000, 9_000),
            Kind::NamedUserMinimum => (30_000, 95_000),
            Kind::Consumption => (5_000, 50_000),
            Kind::ClientAccess => (2_000, 8_000),
        }
    }
}

const PUBLISHERS: [&str; 12] = [
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Wingtip",
    "Woodgrove",
    "Humongous",
    "Lucerne",
    "Trey",
];
const DESKTOP_NOUNS: [&str; 10] =
    ["Studio", "Designer", "Reader", "Editor", "Office", "Notes", "Viewer", "Planner", "Sketch", "Player"];
const SERVER_NOUNS: [&str; 10] =
    ["Database", "Server", "Gateway", "Analytics", "Middleware", "Directory", "Backup", "Monitor", "Queue", "Cache"];
const LADDERS: [[&str; 3]; 4] = [
    ["Standard", "Professional", "Enterprise"],
    ["Basic", "Standard", "Premium"],
    ["Standard", "Enterprise", "Datacenter"],
    ["Essentials", "Business", "Ultimate"],
];
const UNITS: [&str; 3] = ["MILLION_EVENT", "GB_PROCESSED", "THOUSAND_API_CALLS"];

/// Processor classes of servers: name, weight.
const CLASSES: [(u8, u32); 3] = [(0, 80), (1, 15), (2, 5)];
const CLASS_NAMES: [&str; 3] = ["x86", "IBM POWER9", "SPARC M8"];

fn class_name(class: u8) -> &'static str {
    CLASS_NAMES.get(usize::from(class)).copied().unwrap_or("x86")
}

/// The PVU per core of the Ents' table (`SPARC M8` is not rated: the default 100 applies).
fn pvu_rating(class: u8) -> u64 {
    match class {
        0 => 70,
        1 => 120,
        _ => 100,
    }
}

/// ⌈cores × core factor⌉ by the Ents' table (x86 0.5, POWER9 1.0, others the default 1).
fn factored(class: u8, cores: u64) -> u64 {
    if class == 0 { cores.div_ceil(2) } else { cores }
}

/// The width of the decimal numbers up to `n` (at least 1), for ids that sort as numbers.
fn width(n: usize) -> usize {
    n.saturating_sub(1).max(1).to_string().len()
}

fn date(day: i64) -> DateTime {
    DateTime::from_unix_seconds(day.saturating_mul(DAY))
}

fn cents(c: u64) -> Decimal {
    Decimal::new(i64::try_from(c).unwrap_or(i64::MAX), 2)
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

/// What a product's installations add up to, for the quantities of its Ents.
#[derive(Default)]
struct Stats {
    installs: u64,
    /// Σ cores by the usual per-core minimums (8 per processor of a VM, 16 per server).
    core_units: u64,
    /// Σ processors.
    processors: u64,
    /// Σ sockets per 2-socket licence (a VM 1).
    sockets: u64,
    /// Σ cores × PVU of the devices themselves (a VM's virtual cores).
    pvu_sub: u64,
    /// The physical servers (a VM's host) of the installations, then sorted and unique.
    hosts: Vec<u32>,
    /// The devices of the first installations (at most 16).
    sample: Vec<u32>,
    /// Measured: the peak of concurrent sessions, the consumption (ceiling).
    peak: u64,
    consumed: u64,
    /// Distinct users and devices in access records.
    access_users: u64,
    access_devices: u64,
    /// Host-based demand, from `hosts`.
    host_factored: u64,
    host_pvu: u64,
    host_named_minimum: u64,
}

struct Product {
    name: String,
    publisher: &'static str,
    regid: String,
    kind: Kind,
    editions: Vec<String>,
    versions: Vec<String>,
    released: Vec<i64>,
    tag_ids: Vec<String>,
    unit: &'static str,
    same_metric: bool,
    /// The shape every Ent of a server product shares, so that its Ents charge an installation
    /// alike (the same subject and units): the per-core minimums (8 per processor, 16 per
    /// server, or 4 per processor), the virtualization rights, cores per processor licence,
    /// sub-capacity PVU, a default core factor.
    shape: Shape,
    /// The suite this product is the primary product of.
    suite: Option<String>,
    ents: usize,
    stats: Stats,
}

/// The shape the Ents of a server product share.
#[derive(Clone, Copy)]
struct Shape {
    server_minimum: bool,
    vm_rights: VmRights,
    cores_per_licence: Option<u32>,
    sub_capacity: bool,
    default_factor: bool,
}

/// The virtualization rights of a product's per-core Ents.
#[derive(Clone, Copy)]
enum VmRights {
    /// None: each VM is licensed by itself.
    PerVm,
    /// The host licensed, with unlimited VMs.
    HostUnlimited,
    /// The host licensed, 2 VMs per licensed core set.
    HostTwoPerLicence,
    /// The top edition's Ents license the host with unlimited VMs, the others each VM or the
    /// host with 2 VMs per licence: the host-or-VMs choice of a cluster.
    Mixed,
}

const VM_RIGHTS: [(VmRights, u32); 4] =
    [(VmRights::PerVm, 40), (VmRights::HostUnlimited, 20), (VmRights::HostTwoPerLicence, 20), (VmRights::Mixed, 20)];

/// A desktop installation's choice: product, version index, edition index.
type Pick = (u32, u8, u8);

struct Generator<'p> {
    p: &'p Params,
    today: i64,
    devices: Vec<Device>,
    /// Per device: processor class index, physical server (itself or its host).
    class: Vec<u8>,
    server_of: Vec<u32>,
    users: Vec<User>,
    org_units: Vec<String>,
    /// Device index ranges.
    workstations: std::ops::Range<usize>,
    laptops: std::ops::Range<usize>,
    server_targets: Vec<u32>,
    products: Vec<Product>,
    suites: Vec<Suite>,
    installations: Vec<Installation>,
    accesses: Vec<Access>,
    usage: Vec<Rum>,
    entitlements: Vec<Ent>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn idx(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl<'p> Generator<'p> {
    fn new(p: &'p Params) -> Self {
        Generator {
            p,
            today: p.as_of.div_euclid(DAY),
            devices: Vec::new(),
            class: Vec::new(),
            server_of: Vec::new(),
            users: Vec::new(),
            org_units: Vec::new(),
            workstations: 0..0,
            laptops: 0..0,
            server_targets: Vec::new(),
            products: Vec::new(),
            suites: Vec::new(),
            installations: Vec::new(),
            accesses: Vec::new(),
            usage: Vec::new(),
            entitlements: Vec::new(),
        }
    }

    fn share(n: usize, percent: u32) -> usize {
        let pct = usize::try_from(percent.min(100)).unwrap_or(100);
        n / 100 * pct + n % 100 * pct / 100
    }

    /// How many installations are of server products (the rest of desktop products), given
    /// which kinds of products exist.
    fn server_installations(&self, has_server: bool, has_desktop: bool) -> usize {
        match (has_server, has_desktop) {
            (false, _) => 0,
            (true, false) => self.p.installations,
            (true, true) => Self::share(self.p.installations, self.p.server_percent),
        }
    }

    /// The kinds of the products, in product order.
    fn kinds(&self) -> Vec<Kind> {
        let mut rng = Rng::stream(self.p.seed, 2);
        (0..self.p.products()).map(|i| KINDS.get(i).map_or_else(|| rng.weighted(&KINDS), |k| k.0)).collect()
    }

    fn devices(&mut self) {
        let p = self.p;
        let mut rng = Rng::stream(p.seed, 1);
        let kinds = self.kinds();
        let servers = self.server_installations(kinds.iter().any(|k| k.server()), kinds.iter().any(|k| !k.server()));
        let desktops = p.installations - servers;
        let per_device = p.installations_per_device.max(1);
        let desktop_devices = desktops.div_ceil(per_device);
        let laptops = Self::share(desktop_devices, p.portable_percent);
        let workstations = desktop_devices - laptops;
        let server_devices = servers.div_ceil(per_device);
        let vms = Self::share(server_devices, p.virtual_percent);
        let standalone = server_devices - vms;
        let hosts = vms.div_ceil(p.vms_per_host.max(1));
        let users = (workstations + workstations / 10).max(1);

        let units = p.org_units.max(1);
        let w = width(units);
        self.org_units = (0..units).map(|i| format!("ou-{i:0w$}")).collect();
        let w = width(users);
        self.users = (0..users)
            .map(|i| User { id: format!("u-{i:0w$}"), org_unit: Some(self.org_units[rng.index(units)].clone()) })
            .collect();

        let total = hosts + vms + standalone + workstations + laptops;
        self.devices.reserve_exact(total);
        self.class.reserve_exact(total);
        self.server_of.reserve_exact(total);
        let physical = |id: String, processors: u32, cores: u32, class: u8| Device {
            processor_class: Some(class_name(class).to_owned()),
            ..Device::physical(id, processors, cores)
        };
        let (w, clusters) = (width(hosts), width(hosts.div_ceil(p.hosts_per_cluster.max(1))));
        for h in 0..hosts {
            let class = rng.weighted(&CLASSES);
            let mut d =
                physical(format!("esx-{h:0w$}"), rng.pick(&[1, 2, 2, 2, 4]), rng.pick(&[8, 12, 16, 16, 24, 32]), class);
            d.cluster = Some(format!("cl-{:0clusters$}", h / p.hosts_per_cluster.max(1)));
            self.push_device(d, class, None);
        }
        let w = width(vms);
        for v in 0..vms {
            let host = rng.index(hosts);
            let (class, cluster) = (self.class[host], self.devices[host].cluster.clone());
            let d = Device {
                kind: DeviceKind::Virtual { host: Some(self.devices[host].id.clone()) },
                cluster,
                processor_class: Some(class_name(class).to_owned()),
                org_unit: Some(self.org_units[rng.index(units)].clone()),
                ..Device::physical(format!("vm-{v:0w$}"), rng.pick(&[1, 1, 2]), rng.pick(&[1, 2, 2, 4, 4, 8]))
            };
            self.server_targets.push(to_u32(self.devices.len()));
            self.push_device(d, class, Some(to_u32(host)));
        }
        let w = width(standalone);
        for s in 0..standalone {
            let class = rng.weighted(&CLASSES);
            let mut d = physical(format!("srv-{s:0w$}"), rng.pick(&[1, 2, 2, 4]), rng.pick(&[4, 8, 12, 16, 24]), class);
            d.org_unit = Some(self.org_units[rng.index(units)].clone());
            self.server_targets.push(to_u32(self.devices.len()));
            self.push_device(d, class, None);
        }
        let w = width(workstations);
        let start = self.devices.len();
        for i in 0..workstations {
            let user = &self.users[i % users];
            let mut d = physical(format!("ws-{i:0w$}"), 1, rng.pick(&[4, 6, 8, 8, 12]), 0).with_user(user.id.clone());
            d.org_unit.clone_from(&user.org_unit);
            self.push_device(d, 0, None);
        }
        self.workstations = start..self.devices.len();
        let w = width(laptops);
        let start = self.devices.len();
        for i in 0..laptops {
            let user = &self.users[if workstations > 0 { i % workstations } else { i % users }];
            let mut d = physical(format!("lt-{i:0w$}"), 1, rng.pick(&[4, 8]), 0).with_user(user.id.clone()).portable();
            d.org_unit.clone_from(&user.org_unit);
            self.push_device(d, 0, None);
        }
        self.laptops = start..self.devices.len();
    }

    fn push_device(&mut self, d: Device, class: u8, host: Option<u32>) {
        self.server_of.push(host.unwrap_or_else(|| to_u32(self.devices.len())));
        self.class.push(class);
        self.devices.push(d);
    }

    fn products(&mut self) {
        let mut rng = Rng::stream(self.p.seed, 3);
        let kinds = self.kinds();
        let n = kinds.len();
        let w = width(n);
        for (i, kind) in kinds.into_iter().enumerate() {
            let publisher = rng.pick(&PUBLISHERS);
            let noun = if kind.server() { rng.pick(&SERVER_NOUNS) } else { rng.pick(&DESKTOP_NOUNS) };
            let name = format!("{publisher} {noun} {i:0w$}");
            let slug = name.to_ascii_lowercase().replace(' ', "-");
            let regid = format!("{}.example", publisher.to_ascii_lowercase());
            let ladder = rng.pick(&LADDERS);
            let editions: Vec<String> = ladder[..=rng.index(3)].iter().map(|e| (*e).to_owned()).collect();
            let releases = 2 + rng.index(3);
            let years = rng.percent(50);
            let mut day = self.today - i64::try_from(releases).unwrap_or(4) * 700 - 60;
            let mut major = rng.between(5, 15);
            let (mut versions, mut released) = (Vec::new(), Vec::new());
            for _ in 0..releases {
                day += rng.days(370, 690);
                if years {
                    versions.push(civil_from_days(day).0.to_string());
                } else {
                    versions.push(format!("{major}.{}", rng.below(3)));
                    major += rng.between(1, 2);
                }
                released.push(day);
            }
            let tag_ids = versions.iter().map(|v| format!("{regid}-{slug}-{v}")).collect();
            self.products.push(Product {
                name,
                publisher,
                regid,
                kind,
                editions,
                versions,
                released,
                tag_ids,
                unit: rng.pick(&UNITS),
                same_metric: rng.percent(self.p.same_metric_percent),
                shape: Shape {
                    server_minimum: rng.percent(70),
                    vm_rights: rng.weighted(&VM_RIGHTS),
                    cores_per_licence: rng.pick(&[None, Some(8), Some(16)]),
                    sub_capacity: rng.percent(60),
                    default_factor: rng.percent(50),
                },
                suite: None,
                ents: 0,
                stats: Stats::default(),
            });
        }
        // A suite for every ten desktop products: the first is the primary, the next two parts.
        let desktop: Vec<usize> = (0..n).filter(|&i| !self.products[i].kind.server()).collect();
        for (s, chunk) in desktop.chunks(10).enumerate() {
            if let [primary, a, b, ..] = *chunk {
                let suite = format!("{} Suite {s}", self.products[primary].publisher);
                self.suites.push(Suite {
                    suite: suite.clone(),
                    primary: self.products[primary].name.clone(),
                    parts: vec![self.products[a].name.clone(), self.products[b].name.clone()],
                });
                self.products[primary].suite = Some(suite);
            }
        }
        self.spread_ents(&mut rng);
    }

    /// Spreads exactly `entitlements` Ents over the products: at least 1 each (2 for a product
    /// with client access licences), the rest at random.
    fn spread_ents(&mut self, rng: &mut Rng) {
        let total = self.p.entitlements;
        let n = self.products.len();
        let cap = 8.max(2 * self.p.ents_per_product).max(total.div_ceil(n) + 1);
        let mut sum = 0;
        for pr in &mut self.products {
            pr.ents = if pr.kind == Kind::PerCoreWithCal { 2 } else { 1 };
            sum += pr.ents;
        }
        for pr in self.products.iter_mut().rev() {
            if sum <= total {
                break;
            }
            let drop = (pr.ents - 1).min(sum - total);
            pr.ents -= drop;
            sum -= drop;
        }
        for pr in self.products.iter_mut().rev() {
            if sum <= total {
                break;
            }
            pr.ents = 0;
            sum -= 1;
        }
        while sum < total {
            let mut i = rng.index(n);
            while self.products[i].ents >= cap {
                i = (i + 1) % n;
            }
            self.products[i].ents += 1;
            sum += 1;
        }
    }

    fn installations(&mut self) {
        let p = self.p;
        let mut rng = Rng::stream(p.seed, 4);
        let server_products: Vec<u32> =
            (0..self.products.len()).filter(|&i| self.products[i].kind.server()).map(to_u32).collect();
        let desktop_products: Vec<u32> =
            (0..self.products.len()).filter(|&i| !self.products[i].kind.server()).map(to_u32).collect();
        let servers = self.server_installations(!server_products.is_empty(), !desktop_products.is_empty());
        let desktops = p.installations - servers;
        self.installations.reserve_exact(p.installations);
        let w = width(p.installations);

        let choose = |rng: &mut Rng, pool: &[u32], products: &[Product]| -> Pick {
            let pr = pool[rng.skewed(pool.len())];
            let product = &products[idx(pr)];
            let nv = product.versions.len();
            let version = nv - 1 - rng.skewed(nv);
            let edition = rng.skewed(product.editions.len());
            (pr, u8::try_from(version).unwrap_or(0), u8::try_from(edition).unwrap_or(0))
        };

        // Desktop products: the number of installations of each desktop device, then the
        // workstations' choices, then the laptops', which mostly repeat their workstation's.
        let desktop_devices = self.workstations.start..self.laptops.end;
        let mut counts = vec![0u32; desktop_devices.len()];
        if !desktop_devices.is_empty() {
            for _ in 0..desktops {
                counts[rng.index(desktop_devices.len())] += 1;
            }
        }
        let mut chosen: Vec<Vec<Pick>> = vec![Vec::new(); self.workstations.len()];
        for (k, count) in counts.iter().enumerate() {
            let device = desktop_devices.start + k;
            let workstation = device - self.workstations.start;
            for _ in 0..*count {
                let pick = if self.laptops.contains(&device) && !self.workstations.is_empty() {
                    let pair = &chosen[(device - self.laptops.start) % self.workstations.len()];
                    if !pair.is_empty() && rng.percent(70) {
                        pair[rng.index(pair.len())]
                    } else {
                        choose(&mut rng, &desktop_products, &self.products)
                    }
                } else {
                    choose(&mut rng, &desktop_products, &self.products)
                };
                if let Some(list) = chosen.get_mut(workstation) {
                    list.push(pick);
                }
                self.install(pick, device, w);
            }
        }
        drop(chosen);
        for _ in 0..servers {
            let device = idx(self.server_targets[rng.index(self.server_targets.len())]);
            let pick = choose(&mut rng, &server_products, &self.products);
            self.install(pick, device, w);
        }
        // Host-based demand.
        for pr in &mut self.products {
            let s = &mut pr.stats;
            s.hosts.sort_unstable();
            s.hosts.dedup();
            for &h in &s.hosts {
                let host = &self.devices[idx(h)];
                let class = self.class[idx(h)];
                let cores = host.cores();
                s.host_factored += factored(class, cores);
                s.host_pvu += cores * pvu_rating(class);
                // The catalog's factors (x86 0.5, POWER9 1.0), else sockets; 25 per processor.
                let processors = match class {
                    0 => cores.div_ceil(2),
                    1 => cores,
                    _ => u64::from(host.processors),
                };
                s.host_named_minimum += 25 * processors;
            }
        }
    }

    /// Adds an installation of `pick` on device `device`.
    fn install(&mut self, (pr, version, edition): Pick, device: usize, w: usize) {
        let i = self.installations.len();
        let product = &mut self.products[idx(pr)];
        let d = &self.devices[device];
        let (version, edition) = (usize::from(version), usize::from(edition));
        self.installations.push(Installation {
            id: format!("i-{i:0w$}"),
            product: ProductId {
                tag_id: Some(product.tag_ids[version].clone()),
                regid: Some(product.regid.clone()),
                product: product.name.clone(),
                version: Some(product.versions[version].clone()),
                edition: Some(product.editions[edition].clone()),
            },
            device: d.id.clone(),
            user: None,
        });
        let s = &mut product.stats;
        s.installs += 1;
        let (processors, cores) = (u64::from(d.processors), d.cores());
        if d.is_virtual() {
            s.core_units += cores.max(8);
            s.sockets += 1;
        } else {
            s.core_units += (u64::from(d.cores_per_processor).max(8) * processors).max(16);
            s.sockets += processors.div_ceil(2);
        }
        s.processors += processors;
        s.pvu_sub += cores * pvu_rating(self.class[device]);
        s.hosts.push(self.server_of[device]);
        if s.sample.len() < 16 {
            s.sample.push(to_u32(device));
        }
    }

    fn accesses(&mut self) {
        let mut rng = Rng::stream(self.p.seed, 5);
        let users = self.users.len();
        for pr in &mut self.products {
            if !matches!(pr.kind, Kind::PerCoreWithCal | Kind::NamedUserMinimum) || pr.stats.sample.is_empty() {
                continue;
            }
            let count = usize::try_from(3 + 2 * pr.stats.installs).unwrap_or(usize::MAX).min(users);
            let mut seen: Vec<usize> = Vec::with_capacity(count);
            for _ in 0..count {
                let u = rng.index(users);
                let server = &self.devices[idx(pr.stats.sample[rng.index(pr.stats.sample.len())])];
                let device =
                    (u < self.workstations.len()).then(|| self.devices[self.workstations.start + u].id.clone());
                self.accesses.push(Access {
                    product: pr.name.clone(),
                    server: Some(server.id.clone()),
                    user: Some(self.users[u].id.clone()),
                    device,
                });
                seen.push(u);
            }
            seen.sort_unstable();
            seen.dedup();
            pr.stats.access_users = seen.len() as u64;
            pr.stats.access_devices = seen.iter().filter(|&&u| u < self.workstations.len()).count() as u64;
        }
    }

    fn usage(&mut self) {
        let mut rng = Rng::stream(self.p.seed, 6);
        let now = self.today * DAY;
        let w = width(self.products.len());
        for (i, pr) in self.products.iter_mut().enumerate() {
            if pr.stats.installs == 0 {
                continue;
            }
            let newest = pr.tag_ids.last().cloned();
            let asset = |device: Option<String>, instance: Option<String>| MeasuredAsset {
                tag_id: newest.clone(),
                name: Some(pr.name.clone()),
                device_id: device,
                instance_id: instance,
                ..MeasuredAsset::default()
            };
            match pr.kind {
                Kind::ConcurrentUser if self.p.max_sessions > 0 => {
                    let sessions = usize::try_from(pr.stats.installs).unwrap_or(usize::MAX).min(self.p.max_sessions);
                    let mut rum = Rum::new(format!("rum-{i:0w$}-sessions"))
                        .with_entity(iso19770_resource_util::Entity::new(
                            "License server",
                            [iso19770_resource_util::Role::RumCreator],
                        ))
                        .with_asset(asset(None, Some(format!("lic-{i:0w$}"))));
                    let mut events: Vec<(i64, i8)> = Vec::with_capacity(2 * sessions);
                    for _ in 0..sessions {
                        // Over the last week, from a quarter hour, 1 to 8 hours.
                        let start = now - 7 * DAY + 900 * i64::try_from(rng.below(6 * 96)).unwrap_or(0);
                        let end = start + 3600 * i64::try_from(rng.between(1, 8)).unwrap_or(1);
                        events.push((start, 1));
                        events.push((end, -1));
                        rum = rum.with_measurement(
                            Measurement::new("CONCURRENT_USER", Decimal::ONE)
                                .with_unit("session")
                                .with_period(DateTime::from_unix_seconds(start), DateTime::from_unix_seconds(end))
                                .with_aggregation(Aggregation::Count),
                        );
                    }
                    // Ends before starts at the same instant: intervals are half-open.
                    events.sort_unstable();
                    let (mut level, mut peak) = (0i64, 0i64);
                    for (_, delta) in events {
                        level += i64::from(delta);
                        peak = peak.max(level);
                    }
                    pr.stats.peak = u64::try_from(peak).unwrap_or(0);
                    self.usage.push(rum);
                }
                Kind::Consumption => {
                    let mut rum = Rum::new(format!("rum-{i:0w$}-consumption"))
                        .with_entity(iso19770_resource_util::Entity::new(
                            "Metering service",
                            [iso19770_resource_util::Role::RumCreator],
                        ))
                        .with_asset(asset(None, Some(format!("svc-{i:0w$}"))));
                    let (y, m, _) = civil_from_days(self.today);
                    let mut total = 0u64;
                    for back in (1..=6i64).rev() {
                        let months = y * 12 + i64::from(m) - 1 - back;
                        let first = |months: i64| {
                            let month = u8::try_from(months.rem_euclid(12) + 1).unwrap_or(1);
                            days_from_civil(months.div_euclid(12), month, 1)
                        };
                        let value = rng.between(50, 5_000);
                        total += value;
                        rum = rum.with_measurement(
                            Measurement::new(pr.unit, cents(value))
                                .with_unit(pr.unit)
                                .with_period(date(first(months)), date(first(months + 1)))
                                .with_aggregation(Aggregation::Sum),
                        );
                    }
                    pr.stats.consumed = total.div_ceil(100);
                    self.usage.push(rum);
                }
                Kind::ValueUnit => {
                    let vms: Vec<u32> = pr
                        .stats
                        .sample
                        .iter()
                        .copied()
                        .filter(|&d| self.devices[idx(d)].is_virtual())
                        .take(2)
                        .collect();
                    for (k, vm) in vms.into_iter().enumerate() {
                        let d = &self.devices[idx(vm)];
                        let snapshot = d.cores() * pvu_rating(self.class[idx(vm)]);
                        let value = snapshot + 10 * rng.below(snapshot / 10 + 1);
                        self.usage.push(
                            Rum::new(format!("rum-{i:0w$}-pvu-{k}"))
                                .with_entity(iso19770_resource_util::Entity::new(
                                    "License Metric Tool",
                                    [
                                        iso19770_resource_util::Role::RumCreator,
                                        iso19770_resource_util::Role::Aggregator,
                                    ],
                                ))
                                .with_asset(asset(Some(d.id.clone()), None))
                                .with_measurement(
                                    Measurement::new("PROCESSOR_VALUE_UNIT", Decimal::from(value))
                                        .with_subtype("sub-capacity")
                                        .with_unit("PVU")
                                        .with_period(date(self.today - 90), date(self.today))
                                        .with_aggregation(Aggregation::Peak),
                                ),
                        );
                    }
                }
                _ => {}
            }
        }
        self.usage.sort_by(|a, b| a.rum_id.cmp(&b.rum_id));
    }

    fn entitlements(&mut self) {
        let mut rng = Rng::stream(self.p.seed, 7);
        let w = width(self.products.len());
        self.entitlements.reserve_exact(self.p.entitlements);
        for i in 0..self.products.len() {
            let pr = &self.products[i];
            let kinds: Vec<Kind> = (0..pr.ents)
                .map(|j| match pr.kind {
                    Kind::PerCoreWithCal if j == 1 => Kind::ClientAccess,
                    _ if pr.suite.is_some() && j >= 2 && j + 1 == pr.ents => Kind::Suite,
                    Kind::PerCoreWithCal => Kind::PerCore,
                    kind if j == 0 || pr.same_metric => kind,
                    kind => rng.pick(kind.alternates()),
                })
                .collect();
            for (j, kind) in kinds.iter().enumerate() {
                let share = kinds.iter().filter(|k| *k == kind).count() as u64;
                let ent = self.ent(&mut rng, i, j, *kind, share, w);
                self.entitlements.push(ent);
            }
        }
    }

    /// The demand of a product under a metric, in the metric's units.
    fn demand(pr: &Product, kind: Kind) -> u64 {
        let s = &pr.stats;
        match kind {
            Kind::PerInstallation | Kind::PerDevice | Kind::NamedUser | Kind::Other | Kind::Suite => s.installs,
            Kind::MultipleInstalls => s.installs.div_ceil(2),
            Kind::ConcurrentUser => {
                if s.peak > 0 {
                    s.peak
                } else {
                    s.installs
                }
            }
            Kind::Site | Kind::Enterprise | Kind::Unlimited => 1,
            Kind::PerCore | Kind::PerCoreWithCal => s.core_units,
            Kind::PerProcessor => s.processors,
            Kind::PerSocket => s.sockets,
            Kind::CoreFactor => s.host_factored,
            Kind::ValueUnit => s.host_pvu.min(s.pvu_sub.max(s.host_pvu / 2)),
            Kind::NamedUserMinimum => s.host_named_minimum,
            Kind::Consumption => s.consumed,
            Kind::ClientAccess => s.access_users,
        }
    }

    fn ent(&self, rng: &mut Rng, index: usize, nth: usize, kind: Kind, share: u64, digits: usize) -> Ent {
        let pr = &self.products[index];
        let (nv, ne) = (pr.versions.len(), pr.editions.len());
        let mut ent = Ent::new(format!("ent-{index:0digits$}-{nth:02}"))
            .with_entity(Entity::new(pr.publisher, [Role::Licensor]).with_regid(pr.regid.clone()))
            .with_entity(Entity::new("Generated Estate Ltd", [Role::Licensee]));

        // What it names.
        let mut edition = None;
        let mut what = EntitledProduct::named(pr.name.clone());
        match kind {
            Kind::Suite => {
                what = EntitledProduct::named(pr.suite.clone().unwrap_or_default());
            }
            Kind::ClientAccess => {}
            _ if nth == 0 => {
                // Broad: the top edition and the newest version (or any), with a downgrade right.
                edition = Some(ne - 1);
                what = what.with_edition(pr.editions[ne - 1].clone());
                if rng.percent(50) {
                    what = what.with_versions(VersionRange::exactly(pr.versions[nv - 1].clone()));
                }
                ent = ent.with_right(Right::Downgrade { lowest_version: None, editions: Vec::new() });
            }
            _ => {
                let roll = rng.below(100);
                if roll >= 97 {
                    what = EntitledProduct::tag(pr.tag_ids[nv - 1 - rng.skewed(nv)].clone());
                } else {
                    if rng.percent(80) {
                        let chosen = rng.index(ne);
                        edition = Some(chosen);
                        what = what.with_edition(pr.editions[chosen].clone());
                    }
                    if roll >= 65 {
                        let (first, second) = (rng.index(nv), rng.index(nv));
                        what = what.with_versions(VersionRange::between(
                            pr.versions[first.min(second)].clone(),
                            pr.versions[first.max(second)].clone(),
                        ));
                    } else if roll >= 25 {
                        what = what.with_versions(VersionRange::exactly(pr.versions[nv - 1 - rng.skewed(nv)].clone()));
                    }
                }
                if rng.percent(50) {
                    let lowest = rng.percent(50).then(|| pr.versions[rng.index(nv)].clone());
                    ent = ent.with_right(Right::Downgrade { lowest_version: lowest, editions: Vec::new() });
                }
            }
        }
        if rng.percent(50) && what.product.is_some() && kind != Kind::Suite {
            what = what.with_regid(pr.regid.clone());
        }
        let named = what.product.clone().or_else(|| what.tag_id.clone()).unwrap_or_default();
        ent = ent.with_product(what);

        // The metric, and the rights that go with it.
        let mut pack = 1;
        let metric = match kind {
            Kind::PerInstallation => Metric::PerInstallation,
            Kind::MultipleInstalls => {
                ent = ent.with_right(Right::MultipleInstalls { per_licence: 2 });
                Metric::PerInstallation
            }
            Kind::PerDevice | Kind::Suite => {
                if rng.percent(60) {
                    ent = ent.with_right(Right::SecondUse { copies: Some(1) });
                }
                Metric::PerDevice
            }
            Kind::NamedUser => Metric::NamedUser { minimum_per_processor: None },
            Kind::NamedUserMinimum => Metric::NamedUser { minimum_per_processor: Some(25) },
            Kind::ConcurrentUser => Metric::ConcurrentUser,
            Kind::Site => Metric::Site,
            Kind::Enterprise => Metric::Enterprise,
            Kind::Unlimited => Metric::Unlimited,
            Kind::Other => Metric::Other { name: "fullUseEquivalent".into(), params: Vec::new() },
            Kind::PerCore | Kind::PerCoreWithCal => {
                pack = 2;
                let top = ne > 1 && edition == Some(ne - 1);
                let unlimited =
                    Right::Virtualization { vms_per_licence: None, unlimited_vms: true, host_licensing: true };
                let two =
                    Right::Virtualization { vms_per_licence: Some(2), unlimited_vms: false, host_licensing: true };
                match pr.shape.vm_rights {
                    VmRights::PerVm => {}
                    VmRights::HostUnlimited => ent = ent.with_right(unlimited),
                    VmRights::HostTwoPerLicence => ent = ent.with_right(two),
                    VmRights::Mixed if top => ent = ent.with_right(unlimited),
                    VmRights::Mixed => {
                        if rng.percent(50) {
                            ent = ent.with_right(two);
                        }
                    }
                }
                if pr.shape.server_minimum {
                    Metric::per_core(8, 16, 2)
                } else {
                    Metric::PerCore { minimum_per_processor: Some(4), minimum_per_server: None, pack_size: Some(2) }
                }
            }
            Kind::PerProcessor => Metric::PerProcessor { cores_per_licence: pr.shape.cores_per_licence },
            Kind::PerSocket => Metric::PerSocket { sockets_per_licence: Some(2) },
            Kind::CoreFactor => Metric::ProcessorCoreFactor {
                core_factors: vec![
                    CoreFactor::new("x86", Decimal::new(5, 1)),
                    CoreFactor::new("IBM POWER9", Decimal::ONE),
                ],
                default_factor: pr.shape.default_factor.then_some(Decimal::ONE),
            },
            Kind::ValueUnit => Metric::ProcessorValueUnit {
                pvu_per_core: vec![PvuRating::new("x86", 70), PvuRating::new("IBM POWER9", 120)],
                default_pvu_per_core: Some(100),
                sub_capacity: pr.shape.sub_capacity,
            },
            Kind::Consumption => Metric::Consumption { unit: pr.unit.into(), period: Some("month".into()) },
            Kind::ClientAccess => {
                Metric::ClientAccess { access_by: if rng.percent(70) { AccessBy::User } else { AccessBy::Device } }
            }
        };
        let demand = match metric {
            Metric::ClientAccess { access_by: AccessBy::Device } => pr.stats.access_devices,
            _ => Self::demand(pr, kind),
        };
        let edition_name = edition.map_or("any edition", |chosen| pr.editions[chosen].as_str());
        ent = ent.with_name(format!("{named} ({edition_name}), {}", metric.name())).with_metric(metric);

        // The quantity: a share of the demand, short or not, or unlimited.
        let params = self.p;
        let quantity = if matches!(kind, Kind::Site | Kind::Enterprise | Kind::Unlimited) {
            if rng.percent(50) { Quantity::Unlimited } else { Quantity::count(1) }
        } else if rng.percent(params.unlimited_percent) {
            Quantity::Unlimited
        } else {
            let pct = if rng.percent(params.short_percent) { rng.between(30, 90) } else { rng.between(100, 160) };
            let units = demand.saturating_mul(pct).div_ceil(100 * share.max(1)).max(1);
            Quantity::count(units.div_ceil(pack) * pack)
        };
        ent = ent.with_quantity(quantity);

        // The cost per unit: higher for higher editions and for the broad Ent.
        let (lo, hi) = kind.cost_cents();
        let mut unit_cents = rng.between(lo, hi);
        unit_cents = unit_cents * (100 + 60 * edition.unwrap_or(0) as u64) / 100;
        if nth == 0 {
            unit_cents = unit_cents * 115 / 100;
        }
        let amount = if rng.percent(50) { Decimal::from(unit_cents / 100) } else { cents(unit_cents) };
        ent = ent.with_cost(Cost::new(amount, "USD").with_basis(CostBasis::PerUnit));

        // Terms.
        let today = self.today;
        let bought = today - rng.days(60, 1800);
        let roll = rng.below(100);
        let inactive = u64::from(params.inactive_percent.min(100));
        if roll < inactive {
            if rng.percent(80) {
                let end = today - rng.days(1, 300);
                ent = ent.with_term(Term::new(TermKind::Subscription).from(date(end - 365)).until(date(end)));
            } else {
                let start = today + rng.days(1, 90);
                ent = ent.with_term(Term::new(TermKind::Subscription).from(date(start)).until(date(start + 365)));
            }
        } else if roll < inactive + (100 - inactive) / 4 {
            ent = ent.with_term(
                Term::new(TermKind::Subscription)
                    .from(date(today - rng.days(30, 900)))
                    .until(date(today + rng.days(1, 1000))),
            );
        } else if rng.percent(50) {
            ent = ent.with_term(Term::new(TermKind::Perpetual).from(date(bought)));
        }
        if nth > 0 && !matches!(kind, Kind::ClientAccess | Kind::Suite) && rng.percent(20) {
            if rng.percent(50) {
                let release = rng.index(nv);
                ent = ent.with_right(Right::Upgrade { until: Some(date(pr.released[release] + 1)) });
            } else {
                ent = ent.with_right(Right::Upgrade { until: None }).with_term(
                    Term::new(TermKind::Maintenance).from(date(bought)).until(date(today - 300 + rng.days(0, 1000))),
                );
            }
        }
        if rng.percent(8) && !matches!(kind, Kind::ClientAccess) {
            let mut units: Vec<String> =
                (0..=rng.index(3)).map(|_| self.org_units[rng.index(self.org_units.len())].clone()).collect();
            units.sort();
            units.dedup();
            ent = ent.with_limitation(Limitation::Organization { units });
        }
        ent
    }

    fn finish(self) -> Input {
        let mut input = Input::new(DateTime::from_unix_seconds(self.today * DAY));
        input.estate = Estate { devices: self.devices, users: self.users };
        input.catalog = Catalog {
            products: self
                .products
                .into_iter()
                .map(|pr| CatalogProduct {
                    product: pr.name,
                    editions: pr.editions,
                    releases: pr
                        .versions
                        .into_iter()
                        .zip(pr.released)
                        .map(|(version, day)| Release { version, date: date(day) })
                        .collect(),
                })
                .collect(),
            suites: self.suites,
            core_factors: vec![CoreFactor::new("x86", Decimal::new(5, 1)), CoreFactor::new("IBM POWER9", Decimal::ONE)],
        };
        input.installations = self.installations;
        input.entitlements = self.entitlements;
        input.usage = self.usage;
        input.accesses = self.accesses;
        input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // The first outputs of SplitMix64 from state 0 (Vigna's reference implementation).
        let mut r = Rng(0);
        assert_eq!(r.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng::stream(9, 1);
        for _ in 0..1000 {
            assert!(r.below(7) < 7);
            assert!((3..=5).contains(&r.between(3, 5)));
            assert!(r.skewed(4) < 4);
        }
        assert_eq!(r.below(0), 0);
        assert_eq!(r.index(0), 0);
        assert_eq!(r.between(5, 3), 5);
        let heads = (0..10_000).filter(|_| r.percent(30)).count();
        assert!((2_700..3_300).contains(&heads), "{heads}");
    }

    #[test]
    fn widths_and_dates() {
        assert_eq!((width(0), width(1), width(10), width(11), width(1_000_000)), (1, 1, 1, 2, 6));
        assert_eq!(date(DEFAULT_AS_OF / DAY).as_str(), "2025-06-30T00:00:00Z");
        assert_eq!(cents(12_345).to_string(), "123.45");
    }
}
