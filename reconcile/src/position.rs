//! The effective license position: what the engine gives back, serializable as JSON.
//!
//! Quantities are exact decimals written as strings (`"16"`, `"0.5"`); an unlimited quantity is
//! `null` (absent) in `entitled` and `surplus`.

use iso19770_core::decimal::Decimal;
use serde::Serialize;

/// The effective license position as of a date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    /// The date of the position.
    pub as_of: String,
    /// Per entitlement, in the order of `entId`.
    pub entitlements: Vec<EntitlementPosition>,
    /// Per product and metric, in the order of the name and then the metric.
    pub products: Vec<ProductPosition>,
    /// Per installation, in the order of the id: what covers it, and why not the others.
    pub consumers: Vec<Consumer>,
    /// The installations no entitlement covers.
    pub unlicensed: Vec<String>,
    /// Inconsistent input: unknown products, usage for no installation, VMs without a host …
    pub findings: Vec<Finding>,
}

impl Position {
    /// The position of one entitlement.
    pub fn entitlement(&self, ent_id: &str) -> Option<&EntitlementPosition> {
        self.entitlements.iter().find(|e| e.ent_id == ent_id)
    }

    /// The position of one product: its first row (see [`ProductPosition::metric`]).
    pub fn product(&self, product: &str) -> Option<&ProductPosition> {
        self.products.iter().find(|p| p.product == product)
    }

    /// The row of one product for one metric (`None`: the row of a product no active
    /// entitlement names).
    pub fn product_metric(&self, product: &str, metric: Option<&str>) -> Option<&ProductPosition> {
        self.products.iter().find(|p| p.product == product && p.metric.as_deref() == metric)
    }

    /// What covers one installation.
    pub fn consumer(&self, installation: &str) -> Option<&Consumer> {
        self.consumers.iter().find(|c| c.installation == installation)
    }

    /// The whole position as JSON.
    pub fn to_json_string_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Whether an entitlement counts as of the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// A term covers the date (or the Ent has no term: perpetual).
    Active,
    /// Every term ended before the date.
    Expired,
    /// Every term starts after the date.
    NotYetActive,
}

/// The position of one entitlement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntitlementPosition {
    /// The Ent's id.
    pub ent_id: String,
    /// The metric's name (`perCore`, `namedUser`).
    pub metric: String,
    /// Whether it counts as of the date.
    pub status: Status,
    /// The quantity; `None` for unlimited.
    #[serde(with = "opt_decimal", skip_serializing_if = "Option::is_none")]
    pub entitled: Option<Decimal>,
    /// Units consumed, shortfall included.
    #[serde(with = "decimal")]
    pub consumed: Decimal,
    /// Units consumed beyond the quantity.
    #[serde(with = "decimal")]
    pub shortfall: Decimal,
    /// Units entitled and not consumed; `None` for unlimited.
    #[serde(with = "opt_decimal", skip_serializing_if = "Option::is_none")]
    pub surplus: Option<Decimal>,
    /// The cost of the shortfall at the Ent's per-unit cost, when it has one.
    #[serde(with = "opt_decimal", skip_serializing_if = "Option::is_none")]
    pub shortfall_cost: Option<Decimal>,
    /// The currency of the cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Each subject charged, in the order charged.
    pub allocations: Vec<Allocation>,
}

/// Units of one entitlement charged to one subject (a device, a server, a user, the estate).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    /// What is charged: `device:srv-1`, `user:alice`, `installation:i-7`, `estate`.
    pub subject: String,
    /// The installations covered through it.
    pub installations: Vec<String>,
    /// Units charged.
    #[serde(with = "decimal")]
    pub units: Decimal,
    /// The arithmetic, for a person.
    pub explanation: String,
    /// Fixed by a pin.
    pub pinned: bool,
}

/// The position of one product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductPosition {
    /// The product name.
    pub product: String,
    /// The metric of the entitlements this row sums (a product licensed per core and by client
    /// access licences has a row for each); `None` for a product no active entitlement names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Its installations (all of them, in every row of the product).
    pub installations: u64,
    /// Of which covered by entitlements of this metric.
    pub covered: u64,
    /// Units entitled by the active entitlements of this metric whose first product it is;
    /// `None` when one is unlimited.
    #[serde(with = "opt_decimal", skip_serializing_if = "Option::is_none")]
    pub entitled: Option<Decimal>,
    /// Units they consumed.
    #[serde(with = "decimal")]
    pub consumed: Decimal,
    /// Their shortfall.
    #[serde(with = "decimal")]
    pub shortfall: Decimal,
    /// Their surplus; `None` when one is unlimited.
    #[serde(with = "opt_decimal", skip_serializing_if = "Option::is_none")]
    pub surplus: Option<Decimal>,
}

/// What covers one installation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Consumer {
    /// The installation.
    pub installation: String,
    /// Its product.
    pub product: String,
    /// Its device.
    pub device: String,
    /// The entitlement covering it; `None` when unlicensed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covered_by: Option<String>,
    /// How: the subject charged and the arithmetic, or why it needs nothing more.
    pub explanation: String,
    /// Each other entitlement for the product, and why it was not used.
    pub rejected: Vec<Rejection>,
}

/// An entitlement that was not used for an installation, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    /// The entitlement.
    pub ent_id: String,
    /// Why.
    pub reason: Reason,
    /// The details, for a person.
    pub detail: String,
}

/// Why an entitlement did not cover an installation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Reason {
    /// Its terms ended before the date.
    Expired,
    /// Its terms start after the date.
    NotYetActive,
    /// It is for another version, and no downgrade or upgrade right reaches this one.
    WrongVersion,
    /// It is for another edition, and no downgrade right reaches this one.
    WrongEdition,
    /// Its remaining quantity does not cover the units needed.
    CapacityUsed,
    /// A limitation excludes the installation (environment, organization unit, geography).
    NotEligible,
    /// Another eligible entitlement comes first in the priority order.
    LowerPriority,
    /// The optimal allocation ([`crate::Objective::Optimal`]) gives the installation to another
    /// eligible entitlement.
    OptimalAllocation,
}

/// Input the engine could not make sense of; the position is computed without it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// What kind (`unknown-device`, `unknown-product`, `usage-without-installation`,
    /// `vm-without-host`, `host-cycle`, `negative-quantity`, `unknown-pin`, `conflicting-pins`, …).
    pub code: &'static str,
    /// What it is about (`installation:i-3`, `ent:e-1`).
    pub subject: String,
    /// What is wrong, for a person.
    pub message: String,
}

mod decimal {
    use iso19770_core::decimal::Decimal;

    pub(super) fn serialize<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.normalize())
    }
}

mod opt_decimal {
    use iso19770_core::decimal::Decimal;

    #[allow(clippy::ref_option)] // the signature serde's `with` asks for
    pub(super) fn serialize<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&d.normalize()),
            None => s.serialize_none(),
        }
    }
}
