//! Writing results: to a file or stdout, and aligned tables.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path`, or to stdout when there is none.
pub(crate) fn write(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    if let Some(p) = path {
        return std::fs::write(p, bytes).with_context(|| format!("{}: cannot write", p.display()));
    }
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).context("cannot write to stdout")?;
    out.flush().context("cannot write to stdout")
}

/// Writes a conversion's bytes where `args` says, or reports what the target format cannot
/// carry (exit 1).
pub(crate) fn converted<E: std::fmt::Display>(
    args: &crate::ConvertArgs,
    bytes: Result<Vec<u8>, E>,
) -> Result<crate::Outcome> {
    match bytes {
        Ok(b) => {
            write(args.output.as_deref(), &b)?;
            Ok(crate::Outcome::Ok)
        }
        Err(e) => {
            eprintln!("error: {}: {e} (--lossy converts anyway and lists what is left out)", args.input.display());
            Ok(crate::Outcome::Failed)
        }
    }
}

/// The outcome of checking several files: unreadable ones first (exit 2), then failed checks.
pub(crate) fn outcome(unreadable: bool, failed: bool) -> crate::Outcome {
    if unreadable {
        crate::Outcome::Unreadable
    } else if failed {
        crate::Outcome::Failed
    } else {
        crate::Outcome::Ok
    }
}

/// Renders rows as a table: columns padded to their widest cell, separated by two spaces.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells.zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_owned() + "\n"
    };
    let mut out = line(&mut header.iter().copied());
    for row in rows {
        out += &line(&mut row.iter().map(String::as_str));
    }
    out
}

/// Renders rows as CSV (RFC 4180 quoting).
pub(crate) fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |c: &str| {
        if c.contains([',', '"', '\n', '\r']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.to_owned() }
    };
    let mut out = header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(",") + "\n";
    for row in rows {
        out += &(row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_csv() {
        let rows = vec![vec!["a".to_owned(), "10".to_owned()], vec!["long name".to_owned(), "2".to_owned()]];
        assert_eq!(table(&["NAME", "N"], &rows), "NAME       N\na          10\nlong name  2\n");
        assert_eq!(csv(&["a", "b"], &[vec!["x,y".into(), "q\"".into()]]), "a,b\n\"x,y\",\"q\"\"\"\n");
    }
}
