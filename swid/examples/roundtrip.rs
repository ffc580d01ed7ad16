//! Reads a SWID tag, prints a summary to stderr and writes the tag back to stdout.
//!
//! ```text
//! cargo run -p iso19770-swid --example roundtrip -- swid/tests/fixtures/valid/baseline-primary-auth.swidtag
//! ```
//!
//! With `--canonical`, the tag is written in the canonical form (layout forgotten). Exits with 1
//! and a positioned message when the file is not a 2015 tag.

use iso19770_swid::SoftwareIdentity;
use std::io::Write;

/// What the example reports about a tag.
pub(crate) struct Summary {
    /// One line per fact.
    pub(crate) lines: Vec<String>,
}

/// Decodes the tag in `xml` and writes it to `out`; returns the summary.
pub(crate) fn run(xml: &str, canonical: bool, out: &mut impl Write) -> Result<Summary, Box<dyn std::error::Error>> {
    let mut tag = SoftwareIdentity::from_xml_str(xml)?;
    let mut lines = vec![
        format!("name: {}", tag.name.as_deref().unwrap_or("(none)")),
        format!("tagId: {}", tag.tag_id.as_ref().map_or_else(|| "(none)".to_owned(), ToString::to_string)),
        format!("version: {}", tag.version_or_default()),
    ];
    for e in &tag.entities {
        let roles: Vec<String> = e.roles.iter().map(ToString::to_string).collect();
        lines.push(format!(
            "entity: {} ({}) regid={}",
            e.name.as_deref().unwrap_or(""),
            roles.join(" "),
            e.regid_or_default()
        ));
    }
    let files = tag.payload().map_or(0, |p| count_files(&p.items));
    lines.push(format!("payload files: {files}"));
    lines.push(format!(
        "kept unknown: {} attribute(s), {} element(s) at the root",
        tag.extensions.attributes.len(),
        tag.extensions.elements.len()
    ));
    if canonical {
        tag.clear_layout();
    }
    tag.write_xml(out)?;
    Ok(Summary { lines })
}

fn count_files(items: &iso19770_swid::ResourceCollection) -> usize {
    fn in_dir(d: &iso19770_swid::Directory) -> usize {
        d.files.len() + d.directories.iter().map(in_dir).sum::<usize>()
    }
    items.files.len() + items.directories.iter().map(in_dir).sum::<usize>()
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let canonical = args.iter().any(|a| a == "--canonical");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: roundtrip [--canonical] FILE");
        std::process::exit(2);
    };
    let xml = match std::fs::read_to_string(path) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let stdout = std::io::stdout();
    match run(&xml, canonical, &mut stdout.lock()) {
        Ok(summary) => {
            for line in summary.lines {
                eprintln!("{line}");
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
