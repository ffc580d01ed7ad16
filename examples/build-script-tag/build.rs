//! Generates the crate's SWID tag and CoSWID into `OUT_DIR`, for `src/lib.rs` to embed. The README
//! shows these lines, comments left out (`tests/embedded.rs` checks that it does).

use iso19770_swid::generate::{CargoPackage, PathConventions, Regid, TagOptions, TreeOptions, WriteOptions};
use iso19770_swid::generate::{payload_from_dir, primary_tag, write_tag_files};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The payload: what the crate ships, with paths written as on the target system.
    let tree = TreeOptions::default().with_path_conventions(PathConventions::for_build_target());
    let payload = payload_from_dir("assets", &tree)?;
    // The regid is the tag creator's domain; the rest comes from Cargo.toml (CARGO_PKG_*).
    // The edition is yours to name: Cargo has none, and NISTIR 8060 asks for one.
    let options = TagOptions::new(Regid::new("example.org")?).with_edition("standard").with_payload(payload);
    let tag = primary_tag(&CargoPackage::from_env()?, &options)?;
    // REGID_TAGID.swidtag and REGID_TAGID.coswid, their paths handed to the crate's code.
    let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let files = write_tag_files(&tag, out, &WriteOptions::default())?;
    println!("cargo::rustc-env=SWIDTAG_FILE={}", files.swidtag.display());
    println!("cargo::rustc-env=COSWID_FILE={}", files.coswid.display());
    println!("cargo::rerun-if-changed=assets");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=build.rs");
    Ok(())
}
