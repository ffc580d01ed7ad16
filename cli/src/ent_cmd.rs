//! `itam ent …`: convert and validate Ents, import CycloneDX licensing.

use crate::detect;
use crate::output::write;
use crate::{ConvertArgs, Format, Outcome, TextOrJson};
use anyhow::{Context, Result, anyhow};
use iso19770_core::{Extensions, Severity};
use iso19770_ent::Ent;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Decodes an Ent in the format its content shows.
pub(crate) fn decode(path: &Path) -> Result<(Ent, Format)> {
    let bytes = detect::read(path)?;
    let format = detect::format(&bytes);
    let ent = match format {
        Format::Xml => Ent::from_xml_str(&detect::text(path, &bytes)?),
        Format::Json => Ent::from_json_str(&detect::text(path, &bytes)?),
        Format::Cbor => Ent::from_cbor_slice(&bytes),
    }
    .with_context(|| format!("{}: not an Ent", path.display()))?;
    Ok((ent, format))
}

/// Drops the XML-only content of `ext` (foreign attributes and elements), naming each at `path`.
pub(crate) fn strip_xml(ext: &mut Extensions, path: &str, dropped: &mut Vec<String>) {
    for a in ext.attributes.drain(..) {
        dropped.push(format!("{path}: the XML attribute {}", a.name));
    }
    for e in ext.elements.drain(..) {
        dropped.push(format!("{path}: the XML element {}", e.name));
    }
}

fn strip_ent(ent: &mut Ent) -> Vec<String> {
    let mut dropped = Vec::new();
    strip_xml(&mut ent.extensions, "Ent", &mut dropped);
    for (i, e) in ent.entities.iter_mut().enumerate() {
        strip_xml(&mut e.extensions, &format!("entities[{i}]"), &mut dropped);
    }
    for (i, l) in ent.links.iter_mut().enumerate() {
        strip_xml(&mut l.extensions, &format!("links[{i}]"), &mut dropped);
    }
    for (i, m) in ent.meta.iter_mut().enumerate() {
        strip_xml(&mut m.extensions, &format!("meta[{i}]"), &mut dropped);
    }
    for (i, p) in ent.products.iter_mut().enumerate() {
        strip_xml(&mut p.extensions, &format!("products[{i}]"), &mut dropped);
    }
    dropped
}

pub(crate) fn convert(args: &ConvertArgs) -> Result<Outcome> {
    let (mut ent, _) = decode(&args.input)?;
    if args.to != Format::Xml && args.lossy {
        for d in strip_ent(&mut ent) {
            eprintln!("left out: {d}");
        }
    }
    let bytes = match args.to {
        Format::Xml => ent.to_xml_string().map(String::into_bytes),
        Format::Json => ent.to_json_string_pretty().map(|s| (s + "\n").into_bytes()),
        Format::Cbor => ent.to_cbor_vec(),
    };
    crate::output::converted(args, bytes)
}

pub(crate) fn validate(format: TextOrJson, paths: &[PathBuf]) -> Result<Outcome> {
    let files = detect::files(paths, &["xml", "json", "cbor", "ent"])?;
    if files.is_empty() {
        return Err(anyhow!("no Ent found in {paths:?}"));
    }
    let (mut errors, mut unreadable) = (false, false);
    let mut text = String::new();
    let mut json = Vec::new();
    for f in &files {
        match decode(f) {
            Ok((ent, _)) => {
                let report = iso19770_ent::validate::validate(&ent);
                errors |= report.has_errors();
                match format {
                    TextOrJson::Text => {
                        let _ = writeln!(text, "{} ({}):", f.display(), ent.ent_id);
                        for finding in &report.findings {
                            let _ = writeln!(text, "  {finding}");
                        }
                        let _ = writeln!(
                            text,
                            "  {} error(s), {} warning(s)",
                            report.count(Severity::Error),
                            report.count(Severity::Warning)
                        );
                    }
                    TextOrJson::Json => {
                        let findings: Vec<_> = report
                            .findings
                            .iter()
                            .map(|x| serde_json::json!({"rule": x.rule, "severity": x.severity.as_str(), "path": x.path.to_string(), "message": x.message}))
                            .collect();
                        json.push(serde_json::json!({"file": f.display().to_string(), "entId": ent.ent_id, "findings": findings}));
                    }
                }
            }
            Err(e) => {
                unreadable = true;
                eprintln!("error: {e:#}");
            }
        }
    }
    let out = match format {
        TextOrJson::Text => text,
        TextOrJson::Json => serde_json::to_string_pretty(&json)? + "\n",
    };
    write(None, out.as_bytes())?;
    Ok(crate::output::outcome(unreadable, errors))
}

pub(crate) fn import_cyclonedx(input: &Path, out: Option<&Path>) -> Result<Outcome> {
    let bytes = detect::read(input)?;
    let text = detect::text(input, &bytes)?;
    let import = match detect::format(&bytes) {
        Format::Xml => iso19770_ent::cyclonedx::import_xml(&text),
        _ => iso19770_ent::cyclonedx::import_json(&text),
    }
    .with_context(|| format!("{}: not a CycloneDX BOM with licensing", input.display()))?;
    for n in import.not_crossed.iter().filter(|n| !n.kept) {
        eprintln!("not imported: {}: {}", n.path, n.reason);
    }
    let mut jsons = Vec::new();
    for ent in &import.ents {
        let mut e = ent.clone();
        // XML-imported content kept for a CycloneDX export has no JSON form.
        strip_ent(&mut e);
        jsons.push(e.to_json_string_pretty().with_context(|| format!("Ent {}", ent.ent_id))?);
    }
    match out {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
            for (ent, json) in import.ents.iter().zip(&jsons) {
                let name: String = ent
                    .ent_id
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' })
                    .collect();
                let path = dir.join(format!("{name}.ent.json"));
                write(Some(&path), (json.clone() + "\n").as_bytes())?;
                println!("{}", path.display());
            }
        }
        None => write(None, format!("[{}]\n", jsons.join(",\n")).as_bytes())?,
    }
    Ok(Outcome::Ok)
}
