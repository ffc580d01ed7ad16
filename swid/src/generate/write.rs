//! The tag files: `.swidtag` XML and `.coswid` CBOR side by side, written atomically.

use super::GenerateError;
use crate::Omission;
use crate::cbor::CborEncodeOptions;
use crate::model::SoftwareIdentity;
use crate::registry::Role;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How the tag files are named and encoded.
///
/// ```
/// use iso19770_swid::cbor::CborEncodeOptions;
/// use iso19770_swid::generate::WriteOptions;
///
/// let o = WriteOptions::default().with_file_stem("example-app").with_cbor_options(CborEncodeOptions::default().tagged(true));
/// assert_eq!(o.file_stem(), Some("example-app"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    file_stem: Option<String>,
    cbor: CborEncodeOptions,
}

impl WriteOptions {
    /// These options naming the files `STEM.swidtag` and `STEM.coswid` instead of
    /// [`tag_file_stem`]'s name (characters outside the portable filename character set are
    /// replaced by `_` all the same; a blank stem is no stem).
    #[must_use]
    pub fn with_file_stem(mut self, stem: impl Into<String>) -> Self {
        self.file_stem = Some(stem.into());
        self
    }

    /// These options encoding the CoSWID so (default: untagged, URIs in tag 32).
    #[must_use]
    pub fn with_cbor_options(mut self, cbor: CborEncodeOptions) -> Self {
        self.cbor = cbor;
        self
    }

    /// The file stem given, if any.
    pub fn file_stem(&self) -> Option<&str> {
        self.file_stem.as_deref()
    }
}

/// The files [`write_tag_files`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WrittenFiles {
    /// The SWID tag (XML).
    pub swidtag: PathBuf,
    /// The CoSWID (CBOR).
    pub coswid: PathBuf,
    /// What the CoSWID leaves out of the tag (the NISTIR 8060 attributes, which are XML
    /// only; further hashes of a file), with paths.
    pub coswid_omissions: Vec<Omission>,
}

/// `text` in the portable filename character set of IEEE 1003.1-2013 § 3.278 (`A`–`Z`, `a`–`z`,
/// `0`–`9`, `.`, `_`, `-`): every other character becomes `_`, and so does a leading `.` or `-`
/// (a hidden file, an option).
fn portable(text: &str) -> String {
    let mut out: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' }).collect();
    if out.starts_with(['.', '-']) {
        out.replace_range(..1, "_");
    }
    out
}

/// The name, without extension, of a tag's files: `REGID_TAGID`, the regid that of the first
/// `tagCreator` entity, both in the portable filename character set of IEEE 1003.1-2013 § 3.278
/// (any other character becomes `_`).
///
/// ISO/IEC 19770-2:2015 § 6.1.7 asks for a tag file name built from the `tagId` in that
/// character set, with the extension `.swidtag` (as NIST's requirement catalog for the standard
/// records it); the regid and an underscore before it are the `regid_uniqueid.swidtag` form in use
/// since ISO/IEC 19770-2:2009 (Windows' `regid.1991-06.com.microsoft_….swidtag`), which keeps
/// apart tags of two creators that chose the same id. The CoSWID beside it has RFC 9393's
/// extension `.coswid` (its media type registration, `application/swid+cbor`).
///
/// [`GenerateError::MissingRegid`] when no `tagCreator` entity has a regid other than the
/// default.
///
/// ```
/// use iso19770_swid::generate::tag_file_stem;
/// use iso19770_swid::{Entity, Role, SoftwareIdentity};
///
/// let tag = SoftwareIdentity::new("App", "0025e15e-2144-588a-8907-5c38ca0117b2")
///     .with_entity(Entity::new("Example", [Role::TagCreator]).with_regid("https://example.com/sw"));
/// assert_eq!(tag_file_stem(&tag)?, "https___example.com_sw_0025e15e-2144-588a-8907-5c38ca0117b2");
/// # Ok::<(), iso19770_swid::generate::GenerateError>(())
/// ```
pub fn tag_file_stem(tag: &SoftwareIdentity) -> Result<String, GenerateError> {
    let creator = tag.entities.iter().find(|e| e.has_role(&Role::TagCreator));
    let regid = creator.and_then(|e| e.regid.as_deref()).unwrap_or_default();
    let regid = super::Regid::new(regid)?;
    let tag_id = tag.tag_id.as_ref().map(ToString::to_string).unwrap_or_default();
    Ok(format!("{}_{}", portable(regid.as_str()), portable(&tag_id)))
}

/// A temporary file in the output directory, removed when dropped unless it was renamed.
struct Temporary {
    path: PathBuf,
    renamed: bool,
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A new temporary file name in `dir`: short (a long target name must not make the temporary
/// one too long for the file system), unique in this process and across processes.
fn temporary_name(dir: &Path, kind: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".swid-{}-{n}.{kind}", std::process::id()))
}

/// Writes `bytes` to a new temporary file beside `target`, flushed to disk.
fn write_temporary(target: &Path, bytes: &[u8]) -> Result<Temporary, GenerateError> {
    let fail = |source| GenerateError::OutputNotWritable { path: target.to_path_buf(), source };
    let dir = target.parent().unwrap_or(Path::new("."));
    loop {
        let path = temporary_name(dir, "tmp");
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let temporary = Temporary { path, renamed: false };
                file.write_all(bytes).and_then(|()| file.sync_all()).map_err(fail)?;
                return Ok(temporary);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(fail(e)),
        }
    }
}

/// A copy of the file `target` had before it was replaced (a hard link where the file system
/// has them), to put back if the pair of files cannot be completed.
fn keep_previous(target: &Path) -> Result<Option<Temporary>, GenerateError> {
    if fs::symlink_metadata(target).is_err() {
        return Ok(None);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let path = temporary_name(dir, "old");
    fs::hard_link(target, &path)
        .or_else(|_| fs::copy(target, &path).map(|_| ()))
        .map_err(|source| GenerateError::OutputNotWritable { path: target.to_path_buf(), source })?;
    Ok(Some(Temporary { path, renamed: false }))
}

/// Flushes the directory entry of renamed files (where the system can).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Writes the tag as `STEM.swidtag` (XML) and `STEM.coswid` (CBOR) into `dir`, created if
/// missing; the stem is [`tag_file_stem`] unless the options give one.
///
/// The CoSWID is the part of the tag CoSWID carries ([`SoftwareIdentity::to_coswid_subset`]): the
/// NISTIR 8060 attributes, for one, are XML only; [`WrittenFiles::coswid_omissions`] lists what
/// was left out. Both files are encoded, then written to temporary files in `dir`, then renamed
/// into place: a reader never sees a partial file, and on an error no file, partial or temporary,
/// is left, and files written before are as they were (should the second rename fail, the first
/// file is put back). The same tag
/// gives the same bytes: nothing depends on the time or the machine.
///
/// ```
/// use iso19770_swid::generate::{CargoPackage, Regid, TagOptions, WriteOptions, primary_tag, write_tag_files};
///
/// let out = tempfile::tempdir()?;
/// let tag = primary_tag(&CargoPackage::new("example-app", "1.2.3"), &TagOptions::new(Regid::new("example.com")?))?;
/// let files = write_tag_files(&tag, out.path(), &WriteOptions::default())?;
/// assert!(files.swidtag.ends_with("example.com_0025e15e-2144-588a-8907-5c38ca0117b2.swidtag"));
/// assert!(files.coswid.ends_with("example.com_0025e15e-2144-588a-8907-5c38ca0117b2.coswid"));
/// assert_eq!(std::fs::read_dir(out.path())?.count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_tag_files(
    tag: &SoftwareIdentity,
    dir: impl AsRef<Path>,
    options: &WriteOptions,
) -> Result<WrittenFiles, GenerateError> {
    let dir = dir.as_ref();
    let stem = match options.file_stem().filter(|s| !s.trim().is_empty()) {
        Some(stem) => portable(stem),
        None => tag_file_stem(tag)?,
    };
    let xml = tag.to_xml_string().map_err(|source| GenerateError::Encode { format: "XML", source })?;
    let (subset, coswid_omissions) = tag.to_coswid_subset();
    let cbor =
        subset.to_cbor_vec_with(&options.cbor).map_err(|source| GenerateError::Encode { format: "CoSWID", source })?;

    fs::create_dir_all(dir).map_err(|source| GenerateError::OutputNotWritable { path: dir.to_path_buf(), source })?;
    let swidtag = dir.join(format!("{stem}.swidtag"));
    let coswid = dir.join(format!("{stem}.coswid"));
    let mut xml_temporary = write_temporary(&swidtag, xml.as_bytes())?;
    let mut cbor_temporary = write_temporary(&coswid, &cbor)?;
    // The pair is replaced together: should the second rename fail, the first file is put back
    // as it was (or removed, if there was none).
    let previous = keep_previous(&swidtag)?;
    fs::rename(&xml_temporary.path, &swidtag)
        .map_err(|source| GenerateError::OutputNotWritable { path: swidtag.clone(), source })?;
    xml_temporary.renamed = true;
    if let Err(source) = fs::rename(&cbor_temporary.path, &coswid) {
        match previous {
            Some(mut old) => {
                if fs::rename(&old.path, &swidtag).is_ok() {
                    old.renamed = true;
                }
            }
            None => {
                let _ = fs::remove_file(&swidtag);
            }
        }
        return Err(GenerateError::OutputNotWritable { path: coswid, source });
    }
    cbor_temporary.renamed = true;
    drop(previous);
    sync_dir(dir);
    Ok(WrittenFiles { swidtag, coswid, coswid_omissions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_names() {
        assert_eq!(portable("example.com"), "example.com");
        assert_eq!(portable("-x"), "_x");
        assert_eq!(portable(".hidden"), "_hidden");
        assert_eq!(portable("a b/c:d\\é"), "a_b_c_d__");
    }
}
