//! The SWID tag and CoSWID that this crate's build script (`build.rs`) generated for it, embedded
//! in the crate with `include_bytes!`.
//!
//! `build.rs` writes `REGID_TAGID.swidtag` and `REGID_TAGID.coswid` into `OUT_DIR` and hands their
//! paths over in the variables `SWIDTAG_FILE` and `COSWID_FILE`; nothing of those paths ends up in
//! the tag or in the binary.

use iso19770_swid::core::Report;
use iso19770_swid::validate::{Authority, Profile, TagType, validate};
use iso19770_swid::{DecodeError, SoftwareIdentity};

/// The SWID tag (ISO/IEC 19770-2:2015 XML), as `build.rs` wrote it.
pub const SWIDTAG: &[u8] = include_bytes!(env!("SWIDTAG_FILE"));

/// The CoSWID (RFC 9393 CBOR) of the same tag, as `build.rs` wrote it.
pub const COSWID: &[u8] = include_bytes!(env!("COSWID_FILE"));

/// The embedded SWID tag, decoded.
pub fn tag() -> Result<SoftwareIdentity, DecodeError> {
    SoftwareIdentity::from_xml_slice(SWIDTAG)
}

/// The embedded CoSWID, decoded.
pub fn coswid() -> Result<SoftwareIdentity, DecodeError> {
    SoftwareIdentity::from_cbor_slice(COSWID)
}

/// The strictest profile: NISTIR 8060 with the tag taken as the authoritative primary tag it is.
pub fn nistir8060_authoritative_primary() -> Profile {
    Profile::nistir8060().authority(Authority::Authoritative).tag_type(Some(TagType::Primary))
}

/// The findings of the embedded tag under [`nistir8060_authoritative_primary`].
pub fn validate_tag() -> Result<Report, DecodeError> {
    Ok(validate(&tag()?, &nistir8060_authoritative_primary()))
}
