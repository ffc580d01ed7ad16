//! A `Payload` from a directory tree: a sorted walk, then the files hashed on several threads.

use super::hash::{HashOptions, hash_in_order};
use super::{DigestAlgorithm, GenerateError};
use crate::model::{Directory, File, Payload, Text};
use crate::registry::{attribute, ns};
use iso19770_core::ForeignAttribute;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The prefix written for the NISTIR 8060 extension namespace.
pub(crate) const N8060_PREFIX: &str = "n8060";

/// How paths in the payload are written on the target system: NISTIR 8060 § 4.6.3's
/// `n8060:pathSeparator`, `n8060:envVarPrefix` and `n8060:envVarSuffix` (GEN-22 to GEN-24), set on
/// the `Payload`.
///
/// ```
/// use iso19770_swid::generate::PathConventions;
///
/// let w = PathConventions::windows();
/// assert_eq!((w.separator(), w.env_var_prefix(), w.env_var_suffix()), ("\\", "%", "%"));
/// assert_eq!(PathConventions::posix().env_var_suffix(), "");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PathConventions {
    separator: String,
    env_var_prefix: String,
    env_var_suffix: String,
}

impl PathConventions {
    /// Conventions with this separator and environment-variable prefix and suffix.
    pub fn new(
        separator: impl Into<String>,
        env_var_prefix: impl Into<String>,
        env_var_suffix: impl Into<String>,
    ) -> Self {
        PathConventions {
            separator: separator.into(),
            env_var_prefix: env_var_prefix.into(),
            env_var_suffix: env_var_suffix.into(),
        }
    }

    /// POSIX: `/`, `$HOME` (prefix `$`, empty suffix, as NIST's own baseline tag has it).
    pub fn posix() -> Self {
        PathConventions::new("/", "$", "")
    }

    /// Windows: `\`, `%ProgramFiles%`.
    pub fn windows() -> Self {
        PathConventions::new("\\", "%", "%")
    }

    /// Those of the system this runs on: [`windows`](Self::windows) on Windows,
    /// [`posix`](Self::posix) elsewhere.
    pub fn native() -> Self {
        if cfg!(windows) { PathConventions::windows() } else { PathConventions::posix() }
    }

    /// In a build script, those of the system being built for, which may not be the one the
    /// script runs on: [`windows`](Self::windows) when Cargo sets `CARGO_CFG_WINDOWS`,
    /// [`posix`](Self::posix) when it sets `CARGO_CFG_UNIX`, [`native`](Self::native) outside
    /// a build script.
    ///
    /// ```
    /// use iso19770_swid::generate::PathConventions;
    ///
    /// // Outside a build script (as here), the running system's.
    /// if std::env::var_os("CARGO_CFG_WINDOWS").is_none() && std::env::var_os("CARGO_CFG_UNIX").is_none() {
    ///     assert_eq!(PathConventions::for_build_target(), PathConventions::native());
    /// }
    /// ```
    pub fn for_build_target() -> Self {
        if std::env::var_os("CARGO_CFG_WINDOWS").is_some() {
            PathConventions::windows()
        } else if std::env::var_os("CARGO_CFG_UNIX").is_some() {
            PathConventions::posix()
        } else {
            PathConventions::native()
        }
    }

    /// The path separator.
    pub fn separator(&self) -> &str {
        &self.separator
    }

    /// What precedes an environment variable's name.
    pub fn env_var_prefix(&self) -> &str {
        &self.env_var_prefix
    }

    /// What follows an environment variable's name.
    pub fn env_var_suffix(&self) -> &str {
        &self.env_var_suffix
    }

    /// Sets the three attributes on a payload, with the prefix `n8060`.
    ///
    /// ```
    /// use iso19770_swid::Payload;
    /// use iso19770_swid::generate::PathConventions;
    /// use iso19770_swid::registry::ns;
    ///
    /// let mut p = Payload::default();
    /// PathConventions::posix().apply(&mut p);
    /// assert_eq!(p.extensions.attribute(Some(ns::N8060), "pathSeparator"), Some("/"));
    /// ```
    pub fn apply(&self, payload: &mut Payload) {
        let values = [
            (attribute::N8060_PATH_SEPARATOR, &self.separator),
            (attribute::N8060_ENV_VAR_PREFIX, &self.env_var_prefix),
            (attribute::N8060_ENV_VAR_SUFFIX, &self.env_var_suffix),
        ];
        for (name, value) in values {
            payload.extensions.remove_attribute(Some(ns::N8060), name);
            payload
                .extensions
                .attributes
                .push(ForeignAttribute::new(Some(ns::N8060), name, value.as_str()).with_prefix(N8060_PREFIX));
        }
    }
}

impl Default for PathConventions {
    /// [`PathConventions::native`].
    fn default() -> Self {
        PathConventions::native()
    }
}

/// What the walk does with a symbolic link. It never follows one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SymlinkPolicy {
    /// Record the link as a `File` with `size` the length of its target path (what `lstat`
    /// reports, and what rpm2swidtag writes), no hash and `n8060:mutable="true"`: the content
    /// read through a link depends on its target, which NISTIR 8060 § 5.2.3 (PRI-11) asks to mark
    /// as liable to change, and which exempts it from the size, version and hash requirements
    /// (GEN-14 to GEN-19). A hash of the target path would not match what a verifier reads
    /// through the link.
    #[default]
    Record,
    /// Leave links out of the payload.
    Skip,
    /// Fail with [`GenerateError::Symlink`].
    Error,
}

/// Decides, from its path relative to the root, whether an entry is walked.
type Filter = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// How a directory tree becomes a payload.
///
/// ```
/// use iso19770_swid::generate::{DigestAlgorithm, PathConventions, SymlinkPolicy, TreeOptions};
/// use std::path::Path;
///
/// let options = TreeOptions::default()
///     .with_algorithms([DigestAlgorithm::Sha512])
///     .with_threads(4)
///     .with_path_conventions(PathConventions::posix())
///     .with_symlinks(SymlinkPolicy::Skip)
///     .with_file_version("1.2.3")
///     .with_filter(|p: &Path| p != Path::new(".git"));
/// assert_eq!(options.hash_options().threads(), 4);
/// ```
#[derive(Clone, Default)]
pub struct TreeOptions {
    hash: HashOptions,
    conventions: PathConventions,
    symlinks: SymlinkPolicy,
    file_version: Option<String>,
    filter: Option<Filter>,
}

impl fmt::Debug for TreeOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TreeOptions")
            .field("hash", &self.hash)
            .field("conventions", &self.conventions)
            .field("symlinks", &self.symlinks)
            .field("file_version", &self.file_version)
            .field("filter", &self.filter.as_ref().map(|_| "…"))
            .finish()
    }
}

impl TreeOptions {
    /// These options hashing as `hash` says.
    #[must_use]
    pub fn with_hash_options(mut self, hash: HashOptions) -> Self {
        self.hash = hash;
        self
    }

    /// These options computing these algorithms besides SHA-256 ([`HashOptions::with_algorithms`]).
    #[must_use]
    pub fn with_algorithms(mut self, algorithms: impl IntoIterator<Item = DigestAlgorithm>) -> Self {
        self.hash = self.hash.with_algorithms(algorithms);
        self
    }

    /// These options hashing on `threads` threads (0: as many as the machine has).
    #[must_use]
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.hash = self.hash.with_threads(threads);
        self
    }

    /// These options with other path conventions (default [`PathConventions::native`]).
    #[must_use]
    pub fn with_path_conventions(mut self, conventions: PathConventions) -> Self {
        self.conventions = conventions;
        self
    }

    /// These options treating symbolic links so (default [`SymlinkPolicy::Record`]).
    #[must_use]
    pub fn with_symlinks(mut self, policy: SymlinkPolicy) -> Self {
        self.symlinks = policy;
        self
    }

    /// These options giving every regular file this `@version` (NISTIR 8060 GEN-15: a file's
    /// version, where it has one; the release's version is a fair one for the files it ships).
    /// [`primary_tag`](super::primary_tag) gives the tag's version to files that have none.
    #[must_use]
    pub fn with_file_version(mut self, version: impl Into<String>) -> Self {
        self.file_version = Some(version.into());
        self
    }

    /// These options walking only the entries for which `filter` is true. It is given each
    /// entry's path relative to the root; a directory it refuses is not entered.
    #[must_use]
    pub fn with_filter(mut self, filter: impl Fn(&Path) -> bool + Send + Sync + 'static) -> Self {
        self.filter = Some(Arc::new(filter));
        self
    }

    /// The hashing options.
    pub fn hash_options(&self) -> &HashOptions {
        &self.hash
    }
}

/// An entry of the tree, its files referring to the list of files to hash.
enum Node {
    Directory { name: String, children: Vec<Node> },
    File { name: String, index: usize },
    Symlink { name: String, size: u64 },
}

/// A regular file to hash: its path and the size `lstat` gave.
struct Listed {
    path: PathBuf,
    size: u64,
}

/// The payload describing the tree at `root`: its entries as the payload's top-level
/// `Directory` and `File` elements, each directory's entries sorted by the bytes of their names,
/// every regular file with its `size` and hashes, the path conventions as NISTIR 8060 attributes.
/// The same tree gives the same payload, on any number of threads.
///
/// The walk never follows a symbolic link ([`SymlinkPolicy`]) and never holds a whole file in
/// memory. Errors name their path: a directory or file that cannot be read
/// ([`GenerateError::Io`]), one that disappears between the listing and the reading
/// ([`GenerateError::FileVanished`]), a name that is not UTF-8, a FIFO, socket or device. The
/// payload is plain data: wrap the items in a `Directory` with a `root` or `location` to say where
/// they are installed.
///
/// ```
/// use iso19770_swid::HashAlgorithm;
/// use iso19770_swid::generate::{TreeOptions, payload_from_dir};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("bin"))?;
/// std::fs::write(dir.path().join("bin/tool"), "abc")?;
/// std::fs::write(dir.path().join("README"), "")?;
/// let payload = payload_from_dir(dir.path(), &TreeOptions::default())?;
/// let tool = &payload.items.directories[0].files[0];
/// assert_eq!((tool.name.as_deref(), tool.size), (Some("tool"), Some(3)));
/// assert_eq!(
///     tool.hash(HashAlgorithm::Sha256).map(|h| h.to_hex()).as_deref(),
///     Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
/// );
/// assert_eq!(payload.items.files[0].name.as_deref(), Some("README"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn payload_from_dir(root: impl AsRef<Path>, options: &TreeOptions) -> Result<Payload, GenerateError> {
    let root = root.as_ref();
    // The root itself must be there: its absence is no vanishing.
    fs::metadata(root).map_err(|source| GenerateError::Io { path: root.to_path_buf(), source })?;
    let mut listed = Vec::new();
    let nodes = walk(root, Path::new(""), options, &mut listed)?;
    // The largest files first, so that no thread is left with a big one at the end.
    let mut order: Vec<usize> = (0..listed.len()).collect();
    order.sort_by(|&a, &b| listed[b].size.cmp(&listed[a].size).then(a.cmp(&b)));
    let paths: Vec<&Path> = listed.iter().map(|l| l.path.as_path()).collect();
    let mut digests: Vec<_> = hash_in_order(&paths, &options.hash, &order)?.into_iter().map(Some).collect();
    let mut payload = Payload::default();
    let (directories, files) = build(nodes, &mut digests, options);
    payload.items.directories = directories;
    payload.items.files = files;
    options.conventions.apply(&mut payload);
    Ok(payload)
}

fn walk(
    dir: &Path,
    relative: &Path,
    options: &TreeOptions,
    listed: &mut Vec<Listed>,
) -> Result<Vec<Node>, GenerateError> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| GenerateError::reading(dir, e))? {
        let entry = entry.map_err(|e| GenerateError::reading(dir, e))?;
        let name = entry.file_name().into_string().map_err(|_| GenerateError::NonUtf8Name { path: entry.path() })?;
        names.push(name);
    }
    // `String`'s order is that of the bytes of its UTF-8.
    names.sort_unstable();
    let mut nodes = Vec::with_capacity(names.len());
    for name in names {
        let path = dir.join(&name);
        let rel = relative.join(&name);
        if options.filter.as_ref().is_some_and(|keep| !keep(&rel)) {
            continue;
        }
        let meta = fs::symlink_metadata(&path).map_err(|e| GenerateError::reading(&path, e))?;
        let kind = meta.file_type();
        if kind.is_dir() {
            let children = walk(&path, &rel, options, listed)?;
            nodes.push(Node::Directory { name, children });
        } else if kind.is_file() {
            nodes.push(Node::File { name, index: listed.len() });
            listed.push(Listed { path, size: meta.len() });
        } else if kind.is_symlink() {
            match options.symlinks {
                SymlinkPolicy::Record => {
                    let target = fs::read_link(&path).map_err(|e| GenerateError::reading(&path, e))?;
                    nodes.push(Node::Symlink { name, size: target.as_os_str().len() as u64 });
                }
                SymlinkPolicy::Skip => {}
                SymlinkPolicy::Error => return Err(GenerateError::Symlink { path }),
            }
        } else {
            return Err(GenerateError::UnsupportedFileType { path });
        }
    }
    Ok(nodes)
}

/// The model of the walked nodes: directories and files, each list in name order.
fn build(
    nodes: Vec<Node>,
    digests: &mut [Option<super::FileDigest>],
    options: &TreeOptions,
) -> (Vec<Directory>, Vec<File>) {
    let mut directories = Vec::new();
    let mut files = Vec::new();
    for node in nodes {
        match node {
            Node::Directory { name, children } => {
                let mut d = Directory::new(name);
                (d.directories, d.files) = build(children, digests, options);
                directories.push(d);
            }
            Node::File { name, index } => {
                let mut f = File::new(name);
                if let Some(digest) = digests.get_mut(index).and_then(Option::take) {
                    f.size = Some(digest.size);
                    f.hashes = digest.hashes;
                }
                f.version = options.file_version.as_deref().map(Text::from);
                files.push(f);
            }
            Node::Symlink { name, size } => {
                let mut f = File::new(name).with_size(size);
                f.extensions.attributes.push(
                    ForeignAttribute::new(Some(ns::N8060), attribute::N8060_MUTABLE, "true").with_prefix(N8060_PREFIX),
                );
                files.push(f);
            }
        }
    }
    (directories, files)
}
