//! Reading input files: the format from the content, folders walked in order.

use crate::Format;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The bytes of a file, with its name in the error.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// The text of a file (UTF-8), with its name in the error.
pub(crate) fn text(path: &Path, bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec()).with_context(|| format!("{}: not UTF-8 text", path.display()))
}

/// The format of the content: XML when the first character (after a byte-order mark and white
/// space) is `<`, JSON when it is `{` or `[`, CBOR otherwise.
pub(crate) fn format(bytes: &[u8]) -> Format {
    let body = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Format::Xml,
        Some(b'{' | b'[') => Format::Json,
        _ => Format::Cbor,
    }
}

/// The files named, and the files under the folders named whose extension is one of `exts`,
/// each folder walked in name order.
pub(crate) fn files(paths: &[PathBuf], exts: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, exts, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, exts, out)?;
        } else if e.extension().and_then(|x| x.to_str()).is_some_and(|x| exts.iter().any(|w| x.eq_ignore_ascii_case(w)))
        {
            out.push(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_the_first_character() {
        assert!(format(b"\xef\xbb\xbf  <a/>") == Format::Xml);
        assert!(format(b"\n{}") == Format::Json);
        assert!(format(b"[1]") == Format::Json);
        assert!(format(&[0xa1, 0x00]) == Format::Cbor);
        assert!(format(b"") == Format::Cbor);
    }
}
