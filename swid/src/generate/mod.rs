//! Tag generation (feature `generate`): a conformant SWID tag and CoSWID for what a build ships.
//!
//! - [`CargoPackage`] reads Cargo's `CARGO_PKG_*` variables ([`CargoPackage::from_env`] in a build
//!   script, [`CargoPackage::from_lookup`] with any source);
//! - [`primary_tag`] makes the primary, authoritative tag: `versionScheme="semver"`, `xml:lang`, an
//!   `Entity` with the roles `tagCreator softwareCreator` and the [`Regid`] the caller must give,
//!   `Meta` `product`, `colloquialVersion`, `revision` (and `edition` when the caller names one:
//!   Cargo has none, and none is made up), links to the home page, repository and licenses, the
//!   tag id a [`tag_uuid`] of (regid, name, version) unless given;
//! - [`payload_from_dir`] describes a directory tree: a sorted walk that never follows a symbolic
//!   link, every file's size and SHA-256 (and optionally SHA-384, SHA-512) streamed through a
//!   fixed buffer on several threads ([`hash_files`]), the NISTIR 8060 path attributes;
//! - [`write_tag_files`] writes `REGID_TAGID.swidtag` and `REGID_TAGID.coswid` side by side,
//!   atomically: the `.swidtag` extension and a name in the POSIX portable filename character
//!   set are ISO/IEC 19770-2:2015 § 6.1.7 (as NIST's requirement catalog summarizes it); the
//!   `REGID_` prefix is the 2009 edition's convention, kept so that tags of several creators do
//!   not collide (see [`tag_file_stem`]).
//!
//! Everything is deterministic: the same package and tree give byte-identical files, on any
//! number of threads. Such a tag, with an edition named, passes this crate's NISTIR 8060
//! authoritative primary profile with no error and no warning (NIST's own Schematron, which
//! refuses the empty `n8060:envVarSuffix` of POSIX paths, disagrees on `GEN-24-2`: see
//! [`validate`](crate::validate)). The builders of the model types (`with_*` methods on [`SoftwareIdentity`](crate::SoftwareIdentity)
//! and its parts) make any other tag.
//!
//! A build script (`build.rs`, with `iso19770-swid = { version = "0.1", features = ["generate"] }`
//! under `[build-dependencies]`) that writes the crate's tag into `OUT_DIR`:
//!
//! ```no_run
//! use iso19770_swid::generate::{CargoPackage, Regid, TagOptions, TreeOptions, WriteOptions};
//! use iso19770_swid::generate::{payload_from_dir, primary_tag, write_tag_files};
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let payload = payload_from_dir("src", &TreeOptions::default())?;
//!     let options = TagOptions::new(Regid::new("example.com")?).with_edition("standard").with_payload(payload);
//!     let tag = primary_tag(&CargoPackage::from_env()?, &options)?;
//!     let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
//!     let files = write_tag_files(&tag, out, &WriteOptions::default().with_file_stem("tag"))?;
//!     println!("cargo::rerun-if-changed=src");
//!     println!("cargo::warning=SWID tag written to {}", files.swidtag.display());
//!     Ok(())
//! }
//! ```
//!
//! The same, checked against NISTIR 8060:
//!
//! ```
//! use iso19770_swid::generate::{CargoPackage, Regid, TagOptions, TreeOptions, primary_tag, payload_from_dir};
//! use iso19770_swid::validate::{validate, Authority, Profile, TagType};
//! use iso19770_swid::core::Severity;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("app"), "abc")?;
//! let package = CargoPackage::new("example-app", "1.2.3").with_description("An example.");
//! let payload = payload_from_dir(dir.path(), &TreeOptions::default())?;
//! let options = TagOptions::new(Regid::new("example.com")?).with_edition("standard").with_payload(payload);
//! let tag = primary_tag(&package, &options)?;
//! let profile = Profile::nistir8060().authority(Authority::Authoritative).tag_type(Some(TagType::Primary));
//! let report = validate(&tag, &profile);
//! assert!(report.findings.iter().all(|f| f.severity == Severity::Info), "{report}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cargo;
mod error;
mod hash;
mod regid;
mod tag_id;
mod tree;
mod write;

pub use cargo::{CargoPackage, TagOptions, primary_tag};
pub use error::GenerateError;
pub use hash::{BUFFER_SIZE, DigestAlgorithm, FileDigest, HashOptions, digest_reader, hash_files};
pub use regid::Regid;
pub use tag_id::{
    NAMESPACE_DNS, NAMESPACE_URL, PERSISTENT_ID_NAMESPACE, TAG_ID_NAMESPACE, persistent_uuid, tag_uuid, uuid_v5,
};
pub use tree::{PathConventions, SymlinkPolicy, TreeOptions, payload_from_dir};
pub use write::{WriteOptions, WrittenFiles, tag_file_stem, write_tag_files};
