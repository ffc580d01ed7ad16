//! The SWID tag model: plain structs with public fields, one file per element family.
//!
//! Every struct has:
//! - its attributes as typed fields (`Option` where the attribute may be absent, even when the XSD
//!   requires it: decoding is lenient and validation reports what is missing); text as [`Text`],
//!   which holds up to 24 bytes without allocating and reads as a `&str`;
//! - `lang` for `xml:lang`, which the XSD allows on every element;
//! - `extensions`: the attributes and child elements the model has no field for, kept and written
//!   back;
//! - `layout`: how the element was written, so that a decoded tag is written back as it came: a
//!   handle into the layout its document shares, kept when the element is moved or cloned. It
//!   never takes part in equality.

mod builder;
pub(crate) mod digest;
mod entity;
mod link;
mod meta;
mod payload;
mod software_identity;
mod text;

pub use digest::Digest;
pub use entity::Entity;
pub use link::Link;
pub use meta::{Meta, SoftwareMeta};
pub use payload::{Directory, Evidence, File, HashEntry, Payload, Process, Resource, ResourceCollection};
pub use software_identity::{SoftwareIdentity, TagId};
pub use text::Text;
