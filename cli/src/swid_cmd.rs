//! `itam swid …`: validate, convert, inspect and generate SWID tags and CoSWIDs.

use crate::detect;
use crate::output::write;
use crate::{ConvertArgs, Format, GenerateArgs, Outcome, Profile, TextOrJson};
use anyhow::{Context, Result, anyhow};
use iso19770_swid::SoftwareIdentity;
use iso19770_swid::cbor::CborEncodeOptions;
use iso19770_swid::validate::{self, Profile as RuleSet};
use iso19770_swid::xml::DecodeOptions;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Decodes a tag in the format its content shows; XML keeps values that are not of their type
/// (for validation to report them) when `lenient`.
pub(crate) fn decode(path: &Path, lenient: bool) -> Result<(SoftwareIdentity, Format)> {
    let bytes = detect::read(path)?;
    let format = detect::format(&bytes);
    let tag = match format {
        Format::Xml => {
            let options = DecodeOptions::default().keep_invalid_values(lenient);
            SoftwareIdentity::from_xml_str_with(&detect::text(path, &bytes)?, &options)
        }
        Format::Json => SoftwareIdentity::from_json_str(&detect::text(path, &bytes)?),
        Format::Cbor => SoftwareIdentity::from_cbor_slice(&bytes),
    }
    .with_context(|| format!("{}: not a SWID tag", path.display()))?;
    Ok((tag, format))
}

pub(crate) fn validate(profile: Profile, format: TextOrJson, paths: &[PathBuf]) -> Result<Outcome> {
    let rules = match profile {
        Profile::Iso => RuleSet::iso(),
        Profile::Nistir8060 => RuleSet::nistir8060(),
        Profile::Coswid => RuleSet::coswid(),
    };
    let files = detect::files(paths, &["swidtag", "xml", "coswid", "cbor", "json"])?;
    if files.is_empty() {
        return Err(anyhow!("no tag found in {paths:?} (looked for .swidtag, .xml, .coswid, .cbor, .json)"));
    }
    let bar = crate::progress::bar(files.len() as u64, "validating");
    let (mut errors, mut unreadable) = (false, false);
    let mut text = String::new();
    let mut json = Vec::new();
    for f in &files {
        bar.inc(1);
        match decode(f, true) {
            Ok((tag, _)) => {
                let report = validate::validate(&tag, &rules);
                errors |= report.has_errors();
                match format {
                    TextOrJson::Text => {
                        let _ = writeln!(text, "{}:", f.display());
                        for finding in &report.findings {
                            let _ = writeln!(text, "  {finding}");
                        }
                        let _ = writeln!(
                            text,
                            "  {} error(s), {} warning(s)",
                            report.count(iso19770_core::Severity::Error),
                            report.count(iso19770_core::Severity::Warning)
                        );
                    }
                    TextOrJson::Json => {
                        let value: serde_json::Value =
                            serde_json::from_str(&validate::report_json(&report)).unwrap_or_default();
                        json.push(serde_json::json!({ "file": f.display().to_string(), "report": value }));
                    }
                }
            }
            Err(e) => {
                unreadable = true;
                eprintln!("error: {e:#}");
            }
        }
    }
    bar.finish_and_clear();
    let out = match format {
        TextOrJson::Text => text,
        TextOrJson::Json => serde_json::to_string_pretty(&json)? + "\n",
    };
    write(None, out.as_bytes())?;
    Ok(crate::output::outcome(unreadable, errors))
}

pub(crate) fn convert(args: &ConvertArgs) -> Result<Outcome> {
    let (mut tag, from) = decode(&args.input, false)?;
    if from == Format::Xml && args.to != Format::Xml && args.lossy {
        let (subset, omitted) = tag.to_coswid_subset();
        for o in &omitted {
            eprintln!("left out: {o}");
        }
        tag = subset;
    }
    let bytes = match args.to {
        Format::Xml => tag.to_xml_string().map(String::into_bytes),
        Format::Json => tag.to_json_string_pretty().map(|s| (s + "\n").into_bytes()),
        Format::Cbor => tag.to_cbor_vec_with(&CborEncodeOptions::default().tagged(args.tagged)),
    };
    crate::output::converted(args, bytes)
}

pub(crate) fn inspect(file: &Path) -> Result<Outcome> {
    let (tag, format) = decode(file, true)?;
    let mut s = String::new();
    let kind = if tag.patch == Some(true) {
        "patch"
    } else if tag.supplemental == Some(true) {
        "supplemental"
    } else if tag.corpus == Some(true) {
        "corpus"
    } else {
        "primary"
    };
    let format = match format {
        Format::Xml => "XML (ISO/IEC 19770-2:2015)",
        Format::Cbor => "CoSWID (RFC 9393 CBOR)",
        Format::Json => "CoSWID JSON",
    };
    let _ = writeln!(s, "{}: {format}, a {kind} tag", file.display());
    let _ = writeln!(s, "  name:        {}", tag.name.as_deref().unwrap_or("(none)"));
    let _ =
        writeln!(s, "  tag id:      {}", tag.tag_id.as_ref().map_or_else(|| "(none)".to_owned(), ToString::to_string));
    let _ = writeln!(s, "  version:     {}", tag.version.as_deref().unwrap_or("(none)"));
    let _ = writeln!(s, "  tag version: {}", tag.tag_version.map_or_else(|| "(none)".to_owned(), |v| v.to_string()));
    for e in &tag.entities {
        let roles: Vec<String> = e.roles.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            s,
            "  entity:      {} ({}) {}",
            e.name.as_deref().unwrap_or("?"),
            e.regid.as_deref().unwrap_or("no regid"),
            roles.join(" ")
        );
    }
    for l in &tag.links {
        let _ = writeln!(
            s,
            "  link:        {} {}",
            l.rel.as_ref().map_or_else(|| "?".to_owned(), ToString::to_string),
            l.href.as_deref().unwrap_or("?")
        );
    }
    for m in &tag.metas {
        if let Some(edition) = &m.edition {
            let _ = writeln!(s, "  edition:     {edition}");
        }
    }
    let files: usize = tag.payloads.iter().map(|p| count_files(&p.items)).sum();
    let evidence: usize = tag.evidences.iter().map(|e| count_files(&e.items)).sum();
    let _ = writeln!(s, "  payload:     {files} file(s); evidence: {evidence} file(s)");
    let report = validate::validate(&tag, &RuleSet::iso());
    let _ = writeln!(
        s,
        "  ISO/IEC 19770-2 findings: {} error(s), {} warning(s)",
        report.count(iso19770_core::Severity::Error),
        report.count(iso19770_core::Severity::Warning)
    );
    write(None, s.as_bytes())?;
    Ok(Outcome::Ok)
}

fn count_files(items: &iso19770_swid::ResourceCollection) -> usize {
    items.files.len() + items.directories.iter().map(count_directory).sum::<usize>()
}

fn count_directory(d: &iso19770_swid::Directory) -> usize {
    d.files.len() + d.directories.iter().map(count_directory).sum::<usize>()
}

pub(crate) fn generate(args: &GenerateArgs) -> Result<Outcome> {
    use iso19770_swid::generate::{
        CargoPackage, Regid, TagOptions, TreeOptions, WriteOptions, payload_from_dir, primary_tag, write_tag_files,
    };
    let regid = Regid::new(args.regid.clone()).with_context(|| format!("--regid {:?}", args.regid))?;
    let mut options =
        TagOptions::new(regid).with_entity_name(args.creator.clone().unwrap_or_else(|| args.regid.clone()));
    if let Some(e) = &args.edition {
        options = options.with_edition(e.clone());
    }
    if let Some(dir) = &args.payload {
        let payload = payload_from_dir(dir, &TreeOptions::default())
            .with_context(|| format!("{}: cannot read the payload", dir.display()))?;
        options = options.with_payload(payload);
    }
    let tag = primary_tag(&CargoPackage::new(args.name.clone(), args.version.clone()), &options)
        .context("cannot build the tag")?;
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
            let files = write_tag_files(&tag, dir, &WriteOptions::default()).context("cannot write the tag files")?;
            println!("{}\n{}", files.swidtag.display(), files.coswid.display());
        }
        None => write(None, tag.to_xml_string().context("cannot write the tag as XML")?.as_bytes())?,
    }
    Ok(Outcome::Ok)
}
