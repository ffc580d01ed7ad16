//! `itam generate-estate --seed N --installations N [--entitlements N] OUT_DIR`: a seeded estate
//! (`iso19770_reconcile::generate`) written as a folder `itam reconcile` reads.
//!
//! The folder: `estate.json` (devices, users, the catalog, the installations and the access
//! records, one per line), `ents/<entId>.ent.json` (each Ent in its JSON form) and
//! `usage/<rumId>.rum.json` (each RUM in its JSON form). Reading it back gives the generated
//! input: the same position. The same arguments write the same bytes.

use crate::output::write;
use crate::{GenerateEstateArgs, Outcome};
use anyhow::{Context, Result, anyhow};
use iso19770_reconcile::Input;
use iso19770_reconcile::generate::{Params, generate};
use std::io::Write as _;
use std::path::Path;

pub(crate) fn run(args: &GenerateEstateArgs) -> Result<Outcome> {
    let mut params = Params::new(args.seed, args.installations);
    if let Some(n) = args.entitlements {
        params = params.with_entitlements(n);
    }
    let input = generate(&params);
    write_folder(&input, &args.out_dir)?;
    println!(
        "{}: {} devices, {} users, {} products, {} installations, {} Ents, {} RUMs, {} access records (seed {})",
        args.out_dir.display(),
        input.estate.devices.len(),
        input.estate.users.len(),
        input.catalog.products.len(),
        input.installations.len(),
        input.entitlements.len(),
        input.usage.len(),
        input.accesses.len(),
        args.seed
    );
    Ok(Outcome::Ok)
}

/// A file name for an id: its letters, digits, `-`, `_` and `.`, anything else as `_`.
fn file_name(id: &str, extension: &str) -> String {
    let stem: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    format!("{stem}.{extension}")
}

/// Writes `input` into `dir` (created when missing; refused when it holds anything, so that
/// no file of another estate is read with it).
pub(crate) fn write_folder(input: &Input, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let mut entries = std::fs::read_dir(dir).with_context(|| format!("{}: cannot read the folder", dir.display()))?;
    if entries.next().is_some() {
        return Err(anyhow!("{}: the folder is not empty; give a new or empty folder", dir.display()));
    }
    let bar = crate::progress::bar((input.entitlements.len() + input.usage.len() + 1) as u64, "writing");
    let estate = dir.join("estate.json");
    let file = std::fs::File::create(&estate).with_context(|| format!("{}: cannot write", estate.display()))?;
    let mut out = std::io::BufWriter::new(file);
    crate::estate::write(input, &mut out)
        .and_then(|()| out.flush().map_err(anyhow::Error::from))
        .with_context(|| format!("{}: cannot write", estate.display()))?;
    bar.inc(1);
    let ents = dir.join("ents");
    std::fs::create_dir(&ents).with_context(|| format!("{}: cannot create the folder", ents.display()))?;
    for ent in &input.entitlements {
        let json = ent.to_json_string_pretty().with_context(|| format!("Ent {}: no JSON form", ent.ent_id))?;
        write(Some(&ents.join(file_name(&ent.ent_id, "ent.json"))), (json + "\n").as_bytes())?;
        bar.inc(1);
    }
    let usage = dir.join("usage");
    std::fs::create_dir(&usage).with_context(|| format!("{}: cannot create the folder", usage.display()))?;
    for rum in &input.usage {
        let json = rum.to_json_string_pretty().with_context(|| format!("RUM {}: no JSON form", rum.rum_id))?;
        write(Some(&usage.join(file_name(&rum.rum_id, "rum.json"))), (json + "\n").as_bytes())?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Reading the folder back gives the generated input itself: devices, catalog,
    /// installations, Ents (in `entId` order, the order of their files), usage and accesses.
    #[test]
    fn the_folder_reads_back_as_the_generated_input() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("estate");
        let input = generate(&Params::new(21, 3_000));
        write_folder(&input, &out).unwrap();
        let back = crate::reconcile_cmd::read_input(&out, None).unwrap();
        assert_eq!(back.estate, input.estate);
        assert_eq!(back.catalog, input.catalog);
        assert_eq!(back.installations, input.installations);
        assert_eq!(back.entitlements, input.entitlements);
        assert_eq!(back.usage, input.usage);
        assert_eq!(back, input);
        assert_eq!(std::fs::read_dir(out.join("ents")).unwrap().count(), 80);
        // Into a folder that is not empty: refused.
        let err = write_folder(&input, &out).unwrap_err().to_string();
        assert!(err.ends_with("the folder is not empty; give a new or empty folder"), "{err}");
    }

    #[test]
    fn file_names_keep_safe_characters() {
        assert_eq!(file_name("ent-001-02", "ent.json"), "ent-001-02.ent.json");
        assert_eq!(file_name("a/b c", "rum.json"), "a_b_c.rum.json");
    }
}
