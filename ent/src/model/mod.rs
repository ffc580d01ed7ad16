//! The entitlement model: plain structs and enums with public fields, one file per element
//! family.

mod cost;
mod ent;
mod entity;
mod limitation;
mod link;
mod meta;
mod metric;
mod parameter;
mod product;
mod quantity;
mod right;
mod term;

pub use cost::{Cost, CostBasis};
pub use ent::Ent;
pub use entity::{Entity, Role};
pub use limitation::{Environment, Limitation};
pub use link::{Link, Rel};
pub use meta::Meta;
pub use metric::{AccessBy, CoreFactor, Metric, PvuRating};
pub use parameter::Parameter;
pub use product::{EntitledProduct, VersionRange};
pub use quantity::Quantity;
pub use right::Right;
pub use term::{Term, TermKind};
