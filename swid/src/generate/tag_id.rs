//! Deterministic tag ids: name-based UUIDs (version 5, RFC 9562 § 5.5).
//!
//! SHA-1 comes from the `sha1` crate (`RustCrypto`), which shares its `digest` core with the `sha2`
//! crate the payload hashing uses; the `uuid` crate would bring a second SHA-1 implementation and
//! more API than the twenty lines needed here.

use super::Regid;
use sha1::{Digest, Sha1};

/// RFC 9562's namespace for names that are URLs (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
pub const NAMESPACE_URL: [u8; 16] =
    [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

/// RFC 9562's namespace for names that are domain names (`6ba7b810-9dad-11d1-80b4-00c04fd430c8`).
pub const NAMESPACE_DNS: [u8; 16] =
    [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

/// The namespace of generated tag ids, `5ed3268b-7aa7-5167-bb5b-400095fdec51`: the version 5 UUID
/// of the URL `https://example.invalid/iso19770/swid/tag-id` in [`NAMESPACE_URL`].
pub const TAG_ID_NAMESPACE: [u8; 16] =
    [0x5e, 0xd3, 0x26, 0x8b, 0x7a, 0xa7, 0x51, 0x67, 0xbb, 0x5b, 0x40, 0x00, 0x95, 0xfd, 0xec, 0x51];

/// The namespace of generated persistent ids, `bf26a23f-2bf2-5d9b-8e99-74b8555b56cc`: the version 5
/// UUID of the URL `https://example.invalid/iso19770/swid/persistent-id` in [`NAMESPACE_URL`].
pub const PERSISTENT_ID_NAMESPACE: [u8; 16] =
    [0xbf, 0x26, 0xa2, 0x3f, 0x2b, 0xf2, 0x5d, 0x9b, 0x8e, 0x99, 0x74, 0xb8, 0x55, 0x5b, 0x56, 0xcc];

/// The name-based UUID, version 5 (SHA-1), of `name` in `namespace` (RFC 9562 § 5.5): the first 16
/// bytes of SHA-1(namespace ‖ name) with the version and variant bits set.
///
/// ```
/// use iso19770_swid::TagId;
/// use iso19770_swid::generate::{NAMESPACE_DNS, uuid_v5};
///
/// // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
/// let id = uuid_v5(&NAMESPACE_DNS, b"python.org");
/// assert_eq!(TagId::Uuid(id).to_string(), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
/// ```
pub fn uuid_v5(namespace: &[u8; 16], name: &[u8]) -> [u8; 16] {
    let mut sha1 = Sha1::new();
    sha1.update(namespace);
    sha1.update(name);
    let digest = sha1.finalize();
    let mut uuid = [0u8; 16];
    uuid.copy_from_slice(&digest[..16]);
    uuid[6] = (uuid[6] & 0x0f) | 0x50;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
    uuid
}

/// The tag id generated for a release: the version 5 UUID in [`TAG_ID_NAMESPACE`] of the UTF-8
/// bytes of `regid`, `name` and `version` joined by a NUL character (which XML cannot carry, so
/// the three parts cannot be confused). Rebuilding the same release gives the same id.
///
/// Python gives the same: `uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL,
/// "https://example.invalid/iso19770/swid/tag-id"), "example.com\0example-app\x001.2.3")`.
///
/// ```
/// use iso19770_swid::TagId;
/// use iso19770_swid::generate::{Regid, tag_uuid};
///
/// let id = tag_uuid(&Regid::new("example.com")?, "example-app", "1.2.3");
/// assert_eq!(TagId::Uuid(id).to_string(), "0025e15e-2144-588a-8907-5c38ca0117b2");
/// # Ok::<(), iso19770_swid::generate::GenerateError>(())
/// ```
pub fn tag_uuid(regid: &Regid, name: &str, version: &str) -> [u8; 16] {
    let key = [regid.as_str(), name, version].join("\0");
    uuid_v5(&TAG_ID_NAMESPACE, key.as_bytes())
}

/// The persistent id generated for a product, the same for all its versions (`Meta@persistentId`):
/// the version 5 UUID in [`PERSISTENT_ID_NAMESPACE`] of `regid` and `name` joined by a NUL
/// character.
///
/// ```
/// use iso19770_swid::TagId;
/// use iso19770_swid::generate::{Regid, persistent_uuid};
///
/// let id = persistent_uuid(&Regid::new("example.com")?, "example-app");
/// assert_eq!(TagId::Uuid(id).to_string(), "d1ee0212-4ac9-512d-abae-4dd13242d324");
/// # Ok::<(), iso19770_swid::generate::GenerateError>(())
/// ```
pub fn persistent_uuid(regid: &Regid, name: &str) -> [u8; 16] {
    let key = [regid.as_str(), name].join("\0");
    uuid_v5(&PERSISTENT_ID_NAMESPACE, key.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_namespaces_are_what_their_documentation_says() {
        assert_eq!(uuid_v5(&NAMESPACE_URL, b"https://example.invalid/iso19770/swid/tag-id"), TAG_ID_NAMESPACE);
        assert_eq!(
            uuid_v5(&NAMESPACE_URL, b"https://example.invalid/iso19770/swid/persistent-id"),
            PERSISTENT_ID_NAMESPACE
        );
    }
}
