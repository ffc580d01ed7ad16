//! The measurement model: plain structs and enums with public fields, one file per element
//! family.

mod asset;
mod entity;
mod link;
mod measurement;
mod meta;
mod rum;

pub use asset::MeasuredAsset;
pub use entity::{Entity, Role};
pub use link::{Link, Rel};
pub use measurement::{Aggregation, Measurement};
pub use meta::Meta;
pub use rum::Rum;
