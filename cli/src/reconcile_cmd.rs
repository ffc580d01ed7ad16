//! `itam reconcile DIR`: the effective license position of a folder.
//!
//! The folder holds `estate.json` (see [`crate::estate`]), `tags/<device id>/…` (SWID tags or
//! CoSWIDs: one installation each, on that device), `ents/…` (Ents in XML, JSON or CBOR) and
//! `usage/…` (RUMs, SLMT streams, Cisco RUM reports). Only `estate.json` is required.

use crate::output::{csv, table, write};
use crate::{Objective, Outcome, ReconcileArgs, TableFormat, detect};
use anyhow::{Result, anyhow};
use iso19770_reconcile::{Input, Installation, Position, reconcile};
use std::fmt::Write as _;
use std::path::Path;

pub(crate) fn run(args: &ReconcileArgs) -> Result<Outcome> {
    let mut input = read_input(&args.dir, args.as_of.as_deref())?;
    input.objective = match args.objective {
        Objective::Priority => iso19770_reconcile::Objective::Priority,
        Objective::Optimal => iso19770_reconcile::Objective::Optimal,
    };
    let position = reconcile(&input);
    let out = match args.format {
        TableFormat::Json => position.to_json_string_pretty() + "\n",
        TableFormat::Csv => entitlement_csv(&position),
        TableFormat::Table => render(&position),
    };
    write(None, out.as_bytes())?;
    Ok(Outcome::Ok)
}

/// The input a folder holds (with the default objective): `estate.json`, then the tags, Ents
/// and usage, each folder in file name order.
pub(crate) fn read_input(dir: &Path, as_of: Option<&str>) -> Result<Input> {
    let estate = dir.join("estate.json");
    if !estate.is_file() {
        return Err(anyhow!(
            "{}: no estate.json (devices, users and the catalog; see `itam reconcile --help`)",
            dir.display()
        ));
    }
    let mut input = crate::estate::read(&estate, as_of)?;
    let tags = dir.join("tags");
    if tags.is_dir() {
        for f in detect::files(std::slice::from_ref(&tags), &["swidtag", "xml", "coswid", "cbor", "json"])? {
            // tags/<device id>/<file>: the first component names the device.
            let relative = f.strip_prefix(&tags).unwrap_or(&f);
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let [device, ..] = parts.as_slice() else { continue };
            if parts.len() < 2 {
                return Err(anyhow!("{}: a tag must be in tags/<device id>/", f.display()));
            }
            let device = device.clone();
            let (tag, _) = crate::swid_cmd::decode(&f, false)?;
            let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            input.installations.push(Installation::from_swid(format!("{device}/{stem}"), &tag, device));
        }
    }
    let ents = dir.join("ents");
    if ents.is_dir() {
        for f in detect::files(&[ents], &["xml", "json", "cbor", "ent"])? {
            input.entitlements.push(crate::ent_cmd::decode(&f)?.0);
        }
    }
    let usage = dir.join("usage");
    if usage.is_dir() {
        for f in detect::files(&[usage], &["slmtag", "xml", "json", "cbor", "rum"])? {
            input.usage.extend(crate::rum_cmd::read_rums(&f)?);
        }
    }
    Ok(input)
}

fn opt(d: Option<iso19770_core::decimal::Decimal>) -> String {
    d.map_or_else(|| "unlimited".to_owned(), |d| d.normalize().to_string())
}

fn entitlement_rows(p: &Position) -> Vec<Vec<String>> {
    p.entitlements
        .iter()
        .map(|e| {
            vec![
                e.ent_id.clone(),
                e.metric.clone(),
                format!("{:?}", e.status).to_lowercase(),
                opt(e.entitled),
                e.consumed.normalize().to_string(),
                e.shortfall.normalize().to_string(),
                opt(e.surplus),
                e.shortfall_cost
                    .filter(|c| !c.is_zero())
                    .map(|c| format!("{} {}", c.normalize(), e.currency.as_deref().unwrap_or("")).trim_end().to_owned())
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

const ENT_HEADER: [&str; 8] =
    ["ENTITLEMENT", "METRIC", "STATUS", "ENTITLED", "CONSUMED", "SHORTFALL", "SURPLUS", "SHORTFALL COST"];

fn entitlement_csv(p: &Position) -> String {
    csv(&ENT_HEADER, &entitlement_rows(p))
}

fn render(p: &Position) -> String {
    let mut s = format!("Effective license position as of {}\n\n", p.as_of);
    s += &table(&ENT_HEADER, &entitlement_rows(p));
    for e in p.entitlements.iter().filter(|e| !e.allocations.is_empty()) {
        let _ = writeln!(s, "\n{}:", e.ent_id);
        for a in &e.allocations {
            let covering =
                if a.installations.is_empty() { String::new() } else { format!(" ({})", a.installations.join(", ")) };
            let _ = writeln!(s, "  {}{covering}: {} — {}", a.subject, a.units.normalize(), a.explanation);
        }
    }
    s += "\n";
    let rows: Vec<Vec<String>> = p
        .products
        .iter()
        .map(|x| {
            vec![
                x.product.clone(),
                x.metric.clone().unwrap_or_default(),
                x.installations.to_string(),
                x.covered.to_string(),
                opt(x.entitled),
                x.consumed.normalize().to_string(),
                x.shortfall.normalize().to_string(),
                opt(x.surplus),
            ]
        })
        .collect();
    s += &table(
        &["PRODUCT", "METRIC", "INSTALLATIONS", "COVERED", "ENTITLED", "CONSUMED", "SHORTFALL", "SURPLUS"],
        &rows,
    );
    if !p.unlicensed.is_empty() {
        s += "\nUnlicensed installations:\n";
        for i in &p.unlicensed {
            let c = p.consumer(i);
            let why: Vec<String> = c
                .map(|c| c.rejected.iter().map(|r| format!("{}: {}", r.ent_id, r.detail)).collect())
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {i} ({} on {}){}",
                c.map_or("", |c| c.product.as_str()),
                c.map_or("", |c| c.device.as_str()),
                if why.is_empty() { String::new() } else { format!(": {}", why.join("; ")) }
            );
        }
    }
    if !p.findings.is_empty() {
        s += "\nFindings:\n";
        for f in &p.findings {
            let _ = writeln!(s, "  {} {}: {}", f.code, f.subject, f.message);
        }
    }
    s
}
