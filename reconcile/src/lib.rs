//! The effective license position: what is installed and used, reconciled with what the
//! organization is entitled to (ISO/IEC 19770-3 Ents), with publisher metrics, use rights and an
//! explanation for every consumer.
//!
//! [`reconcile`] is a pure function of its [`Input`]: no I/O, no clock (the date is an input),
//! no randomness; the same inputs in any order give the same [`Position`].
//!
//! ```
//! use iso19770_ent::{Ent, EntitledProduct, Metric, Quantity};
//! use iso19770_reconcile::{reconcile, Device, Input, Installation, ProductId};
//!
//! let mut input = Input::new("2025-06-30T00:00:00Z");
//! // A 2-processor, 4-core server: Windows Server per core needs 8 per processor, 16 per server.
//! input.estate.devices.push(Device::physical("srv-1", 2, 4));
//! input.installations.push(Installation::new("i-1", ProductId::named("Windows Server").edition("Datacenter"), "srv-1"));
//! input.entitlements.push(
//!     Ent::new("ws-dc")
//!         .with_product(EntitledProduct::named("Windows Server").with_edition("Datacenter"))
//!         .with_metric(Metric::per_core(8, 16, 2))
//!         .with_quantity(Quantity::count(12)),
//! );
//! let position = reconcile(&input);
//! let ws = position.entitlement("ws-dc").unwrap();
//! assert_eq!(ws.consumed.to_string(), "16");
//! assert_eq!(ws.shortfall.to_string(), "4");
//! assert_eq!(
//!     ws.allocations[0].explanation,
//!     "srv-1: 2 processor(s) × 4 core(s) → 8 core minimum per processor → 16 → 8 2-core pack(s) = 16 core licences"
//! );
//! ```
//!
//! # How
//!
//! - [`input`]: the estate, installations, Ents, RUMs, catalog, access records and pins.
//! - Eligibility: an Ent covers an installation when it is active as of the date, names the
//!   product (tag id, name and regid, an `entitles` link, or a suite), its edition and version
//!   directly or through a downgrade or upgrade right, and no limitation excludes it.
//! - Metrics: what each metric counts and for which subject (see the table in the `metric`
//!   module's documentation, repeated below).
//! - Allocation, by the [`Objective`] of the input: the deterministic priority order of the
//!   anchors (see [`engine`]), or the optimal allocation (see [`optimal`]): the most covered,
//!   then the least shortfall cost, by a min-cost flow over classes of identical subjects.
//! - Components: an Ent and the installations it names (by product, suite or tag id, or a pin)
//!   are joined; the components are independent (nothing one allocates changes another, and
//!   every count a metric makes is about products, whose installations are all in one), so they
//!   are reconciled on as many threads as the machine has and merged in a fixed order.
//! - [`incremental`]: a [`incremental::Reconciler`] keeps the input and each component's result
//!   and re-reconciles only the components a change touches.
//! - [`flow`]: the min-cost flow solver (network simplex, exact and deterministic).
//! - `generate` (feature `generate`): a seeded generator of estates (devices, clusters, users,
//!   products, Ents over every metric, usage) for benchmarks and research; `itam
//!   generate-estate` writes them as files.
//! - [`position`]: per entitlement, per product, per installation, unlicensed installations and
//!   findings, as JSON.
//!
//! # What each metric counts
//!
//! | metric | subject | units |
//! |---|---|---|
//! | none, `perInstallation`, `other` | the installation (a suite's part: the suite's installation, that of its primary product on the device) | 1 |
//! | `perInstallation` with a `multipleInstalls` right of n | the user (else the device) | ⌈installations of the user ÷ n⌉ |
//! | `perDevice` | the device | 1 |
//! | `namedUser` | the user (else the device) | 1 |
//! | `namedUser` with a minimum m per processor | the server (a VM's host) | max(named users of the server, m × processors); processors by the catalog's core factors (⌈cores × factor⌉), else sockets |
//! | `concurrentUser` | the pool | the peak of the product's concurrent usage intervals (values summed, whatever their metric and subtype), or, without usage, its distinct users |
//! | `perCore` | the server with a host-licensing right, else the device | Σ max(cores per processor, minimum per processor), at least the minimum per server, in whole packs; a VM by itself: max(virtual cores, minimum per processor); a host licensing n VMs per core set: × ⌈VMs ÷ n⌉, once with unlimited VMs |
//! | `perProcessor` | as `perCore` | Σ over processors ⌈cores ÷ cores per licence⌉ |
//! | `perSocket` | as `perCore` | ⌈sockets ÷ sockets per licence⌉; a VM 1 |
//! | `processorCoreFactor` | the server (a VM's host) | ⌈cores × the core factor of its class⌉ |
//! | `processorValueUnit` | the server (a VM's host) | cores × PVU per core; sub-capacity: the VMs' cores × PVU or the measured peak of the period, whichever is higher, at most the full capacity |
//! | `clientAccess` | the access records of each product it names | distinct users (devices) in them; counted on top of the server licence, whether the server is installed or not: a CAL covers no installation |
//! | `site`, `enterprise`, `unlimited` | the pool | 0 |
//! | `consumption` | the pool | Σ usage values of the product measured in the metric's unit |
//!
//! Quantities are counted in the metric's units (cores, not packs); the shortfall cost is the
//! shortfall × the Ent's per-unit cost. A charge is never below 0 (a negative core factor or
//! usage value counts as 0, and the explanation says so), what remains of an Ent is never below
//! 0, and counts saturate at their largest value rather than overflow. An Ent is active as of
//! the date when one of its terms other than maintenance covers it, or when it has none
//! (perpetual); maintenance terms bound upgrade rights.

pub(crate) mod component;
mod context;
mod eligibility;
pub mod engine;
pub mod flow;
#[cfg(feature = "generate")]
pub mod generate;
mod hash;
pub mod incremental;
pub mod input;
mod memo;
mod metric;
pub mod optimal;
pub mod position;
mod products;
mod text;
pub mod version;

pub use engine::reconcile;
pub use input::{
    Access, Catalog, CatalogProduct, Device, DeviceKind, Estate, Input, Installation, Objective, Pin, ProductId,
    Release, Suite, User,
};
pub use position::{
    Allocation, Consumer, EntitlementPosition, Finding, Position, ProductPosition, Reason, Rejection, Status,
};

/// The code blocks of the repository's README (SWID tags, Ents, the position), compiled and run
/// as doc tests so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
