//! Validates SWID tags (XML), CoSWIDs (CBOR) or their JSON form and exits non-zero when a
//! finding is an error.
//!
//! ```sh
//! cargo run -p iso19770-swid --example validate -- [--profile iso|nistir8060|coswid]
//!     [--authoritative|--non-authoritative] [--type primary|patch|supplemental|corpus]
//!     [--disable RULE]... [--json] FILE...
//! ```
//!
//! With `--json`, one array of `{"file", "report"}` objects (see `validate::report_json`).
//!
//! `--disable` takes a rule id (`swid-uri`, `GEN-18-1`) or a NISTIR 8060 requirement (`GEN-18`
//! for all of `GEN-18-*`); anything else is a usage error.
//!
//! The format is taken from the extension: `.cbor`, `.coswid` are CBOR, `.json` is JSON, anything
//! else XML. XML is decoded keeping values that are not of their type (`patch="yes"`,
//! `size=""`), for the rules to report them. Exit status: 0 when no finding is an error, 1 when
//! one is, 2 when a file cannot be read or decoded, or the arguments are wrong.

#![allow(missing_docs)]

use iso19770_swid::SoftwareIdentity;
use iso19770_swid::validate::{Authority, Profile, TagType, is_known, validate};
use iso19770_swid::xml::DecodeOptions;
use std::io::Write;

/// Runs the validator on `args` (without the program name), writing reports to `out` and
/// problems to `err`; returns the exit status.
pub(crate) fn run(args: &[String], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let mut profile = Profile::iso();
    let mut authority = Authority::Detect;
    let mut tag_type = None;
    let mut disabled = Vec::new();
    let mut json = false;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--profile" => match it.next().map(String::as_str) {
                Some("iso") => profile = Profile::iso(),
                Some("nistir8060") => profile = Profile::nistir8060(),
                Some("coswid") => profile = Profile::coswid(),
                other => return usage(err, &format!("unknown profile {other:?}")),
            },
            "--authoritative" => authority = Authority::Authoritative,
            "--non-authoritative" => authority = Authority::NonAuthoritative,
            "--type" => {
                tag_type = match it.next().map(String::as_str) {
                    Some("primary") => Some(TagType::Primary),
                    Some("patch") => Some(TagType::Patch),
                    Some("supplemental") => Some(TagType::Supplemental),
                    Some("corpus") => Some(TagType::Corpus),
                    other => return usage(err, &format!("unknown tag type {other:?}")),
                }
            }
            "--disable" => match it.next() {
                Some(rule) if is_known(rule) => disabled.push(rule.clone()),
                Some(rule) => return usage(err, &format!("unknown rule {rule:?}")),
                None => return usage(err, "--disable needs a rule"),
            },
            "--json" => json = true,
            flag if flag.starts_with("--") => return usage(err, &format!("unknown option {flag}")),
            file => files.push(file.to_owned()),
        }
    }
    if files.is_empty() {
        return usage(err, "no file given");
    }
    let mut profile = profile.authority(authority).tag_type(tag_type);
    for rule in disabled {
        profile = profile.disable(rule);
    }
    let mut status = 0;
    let mut reports = Vec::new();
    for file in &files {
        let tag = match decode(file) {
            Ok(tag) => tag,
            Err(e) => {
                let _ = writeln!(err, "{file}: {e}");
                status = 2;
                continue;
            }
        };
        let report = validate(&tag, &profile);
        if report.has_errors() && status == 0 {
            status = 1;
        }
        if json {
            reports.push(serde_json::json!({ "file": file, "report": report }));
        } else if writeln!(out, "{file}:").and_then(|()| writeln!(out, "{report}")).is_err() {
            return 2;
        }
    }
    // One JSON array for all files.
    if json && writeln!(out, "{}", serde_json::to_string_pretty(&reports).unwrap_or_default()).is_err() {
        return 2;
    }
    status
}

fn decode(file: &str) -> Result<SoftwareIdentity, Box<dyn std::error::Error>> {
    let ext = std::path::Path::new(file).extension().and_then(|e| e.to_str()).unwrap_or_default();
    Ok(match ext {
        "cbor" | "coswid" => SoftwareIdentity::from_cbor_slice(&std::fs::read(file)?)?,
        "json" => SoftwareIdentity::from_json_str(&std::fs::read_to_string(file)?)?,
        _ => {
            let options = DecodeOptions::default().keep_invalid_values(true);
            SoftwareIdentity::from_xml_str_with(&std::fs::read_to_string(file)?, &options)?
        }
    })
}

fn usage(err: &mut impl Write, problem: &str) -> i32 {
    let _ = writeln!(
        err,
        "{problem}\nusage: validate [--profile iso|nistir8060|coswid] [--authoritative|--non-authoritative] \
         [--type primary|patch|supplemental|corpus] [--disable RULE]... [--json] FILE..."
    );
    2
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(status);
}
