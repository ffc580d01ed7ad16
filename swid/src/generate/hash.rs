//! File digests: streamed through a fixed buffer, spread over threads, in a deterministic order.

use super::GenerateError;
use crate::model::HashEntry;
use crate::registry::HashAlgorithm;
use sha2::{Digest, Sha256, Sha384, Sha512};
use std::io::{self, Read};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The bytes read at a time from each file, by each thread: what bounds the memory hashing uses.
pub const BUFFER_SIZE: usize = 128 * 1024;

/// A digest algorithm the generator computes: the SHA-2 functions NISTIR 8060 § 4.6.2 names
/// (GEN-19: SHA-256, which authoritative tags MUST carry; GEN-21: optionally SHA-384 and SHA-512).
///
/// ```
/// use iso19770_swid::HashAlgorithm;
/// use iso19770_swid::generate::DigestAlgorithm;
///
/// assert_eq!(HashAlgorithm::from(DigestAlgorithm::Sha512), HashAlgorithm::Sha512);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DigestAlgorithm {
    /// SHA-256 (`xmlenc#sha256`, Named Information id 1).
    Sha256,
    /// SHA-384 (`xmldsig-more#sha384`, id 7).
    Sha384,
    /// SHA-512 (`xmlenc#sha512`, id 8).
    Sha512,
}

impl From<DigestAlgorithm> for HashAlgorithm {
    fn from(value: DigestAlgorithm) -> Self {
        match value {
            DigestAlgorithm::Sha256 => HashAlgorithm::Sha256,
            DigestAlgorithm::Sha384 => HashAlgorithm::Sha384,
            DigestAlgorithm::Sha512 => HashAlgorithm::Sha512,
        }
    }
}

/// How files are hashed: the algorithms and the number of threads.
///
/// SHA-256 is always computed, and comes first on every file (CoSWID carries the first hash
/// only); others follow in the order SHA-384, SHA-512, whatever order they were given in. The
/// number of threads changes the time, never the result.
///
/// ```
/// use iso19770_swid::generate::{DigestAlgorithm, HashOptions};
///
/// let o = HashOptions::default().with_algorithms([DigestAlgorithm::Sha512]).with_threads(2);
/// assert_eq!(o.algorithms(), [DigestAlgorithm::Sha256, DigestAlgorithm::Sha512]);
/// assert_eq!(o.threads(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashOptions {
    algorithms: Vec<DigestAlgorithm>,
    threads: Option<NonZeroUsize>,
}

impl Default for HashOptions {
    /// SHA-256 alone, on as many threads as [`std::thread::available_parallelism`] says.
    fn default() -> Self {
        HashOptions { algorithms: vec![DigestAlgorithm::Sha256], threads: None }
    }
}

impl HashOptions {
    /// These options computing these algorithms besides SHA-256.
    #[must_use]
    pub fn with_algorithms(mut self, algorithms: impl IntoIterator<Item = DigestAlgorithm>) -> Self {
        let mut all: Vec<_> = algorithms.into_iter().chain([DigestAlgorithm::Sha256]).collect();
        all.sort_unstable();
        all.dedup();
        self.algorithms = all;
        self
    }

    /// These options hashing on `threads` threads (0: as many as the machine has).
    #[must_use]
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = NonZeroUsize::new(threads);
        self
    }

    /// The algorithms, SHA-256 first.
    pub fn algorithms(&self) -> &[DigestAlgorithm] {
        &self.algorithms
    }

    /// The number of threads that hash.
    pub fn threads(&self) -> usize {
        self.threads.or_else(|| std::thread::available_parallelism().ok()).map_or(1, NonZeroUsize::get)
    }
}

/// The size and hashes of a file's content.
///
/// ```
/// use iso19770_swid::HashAlgorithm;
/// use iso19770_swid::generate::{DigestAlgorithm, digest_reader};
///
/// let d = digest_reader(&b"abc"[..], &[DigestAlgorithm::Sha256])?;
/// assert_eq!(d.size, 3);
/// assert_eq!(
///     d.hash(HashAlgorithm::Sha256).map(|h| h.to_hex()).as_deref(),
///     Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
/// );
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileDigest {
    /// The number of bytes hashed.
    pub size: u64,
    /// One hash per algorithm, in the order of the options.
    pub hashes: Vec<HashEntry>,
}

impl FileDigest {
    /// The hash with this algorithm.
    pub fn hash(&self, algorithm: HashAlgorithm) -> Option<&HashEntry> {
        self.hashes.iter().find(|h| h.algorithm == algorithm)
    }
}

/// A running hash of one algorithm.
enum Hasher {
    Sha256(Sha256),
    Sha384(Sha384),
    Sha512(Sha512),
}

impl Hasher {
    fn new(algorithm: DigestAlgorithm) -> Self {
        match algorithm {
            DigestAlgorithm::Sha256 => Hasher::Sha256(Sha256::new()),
            DigestAlgorithm::Sha384 => Hasher::Sha384(Sha384::new()),
            DigestAlgorithm::Sha512 => Hasher::Sha512(Sha512::new()),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(bytes),
            Hasher::Sha384(h) => h.update(bytes),
            Hasher::Sha512(h) => h.update(bytes),
        }
    }

    fn finish(self) -> HashEntry {
        match self {
            Hasher::Sha256(h) => HashEntry::new(HashAlgorithm::Sha256, crate::Digest::from_slice(&h.finalize())),
            Hasher::Sha384(h) => HashEntry::new(HashAlgorithm::Sha384, crate::Digest::from_slice(&h.finalize())),
            Hasher::Sha512(h) => HashEntry::new(HashAlgorithm::Sha512, crate::Digest::from_slice(&h.finalize())),
        }
    }
}

/// Hashes everything `reader` gives, [`BUFFER_SIZE`] bytes at a time, with each algorithm in
/// turn (in the order given).
pub fn digest_reader(reader: impl Read, algorithms: &[DigestAlgorithm]) -> io::Result<FileDigest> {
    let mut buffer = vec![0u8; BUFFER_SIZE];
    digest_with(reader, algorithms, &mut buffer)
}

fn digest_with(mut reader: impl Read, algorithms: &[DigestAlgorithm], buffer: &mut [u8]) -> io::Result<FileDigest> {
    let mut hashers: Vec<Hasher> = algorithms.iter().map(|&a| Hasher::new(a)).collect();
    let mut size = 0u64;
    loop {
        let n = match reader.read(buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = &buffer[..n];
        for h in &mut hashers {
            h.update(chunk);
        }
        size += n as u64;
    }
    Ok(FileDigest { size, hashes: hashers.into_iter().map(Hasher::finish).collect() })
}

/// Opens a file to hash: on Unix without following a symbolic link in its last component and
/// without blocking on a FIFO; what is opened must be a regular file.
fn open_regular(path: &Path) -> Result<std::fs::File, GenerateError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return GenerateError::FileChanged { path: path.to_path_buf() };
        }
        GenerateError::reading(path, e)
    })?;
    let kind = file.metadata().map_err(|e| GenerateError::reading(path, e))?.file_type();
    if !kind.is_file() {
        return Err(GenerateError::FileChanged { path: path.to_path_buf() });
    }
    Ok(file)
}

fn digest_file(path: &Path, algorithms: &[DigestAlgorithm], buffer: &mut [u8]) -> Result<FileDigest, GenerateError> {
    let file = open_regular(path)?;
    digest_with(file, algorithms, buffer).map_err(|e| GenerateError::reading(path, e))
}

/// Hashes the files at `paths` on [`HashOptions::threads`] threads, each file streamed through a
/// [`BUFFER_SIZE`] buffer, and gives their digests in the order of `paths`.
///
/// A file that cannot be read is an error naming it: [`GenerateError::FileVanished`] when it
/// does not exist (any more), [`GenerateError::FileChanged`] when it is not a regular file (a
/// symbolic link is not followed, a FIFO not waited on), [`GenerateError::Io`] otherwise. When several cannot be read, the
/// error is about the first of them in `paths`, however many threads there are.
///
/// ```
/// use iso19770_swid::generate::{GenerateError, HashOptions, hash_files};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a"), "abc")?;
/// std::fs::write(dir.path().join("b"), "")?;
/// let digests = hash_files(&[dir.path().join("a"), dir.path().join("b")], &HashOptions::default())?;
/// assert_eq!((digests[0].size, digests[1].size), (3, 0));
///
/// let err = hash_files(&[dir.path().join("gone")], &HashOptions::default()).unwrap_err();
/// assert!(matches!(err, GenerateError::FileVanished { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hash_files<P: AsRef<Path> + Sync>(paths: &[P], options: &HashOptions) -> Result<Vec<FileDigest>, GenerateError> {
    let order: Vec<usize> = (0..paths.len()).collect();
    hash_in_order(paths, options, &order)
}

/// [`hash_files`], with the threads taking the files in `order` (a permutation of the indices of
/// `paths`: the largest first keeps the threads busy to the end). On errors, the one reported is
/// that of the earliest file in `order`.
pub(crate) fn hash_in_order<P: AsRef<Path> + Sync>(
    paths: &[P],
    options: &HashOptions,
    order: &[usize],
) -> Result<Vec<FileDigest>, GenerateError> {
    let algorithms = options.algorithms();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    // Each thread takes the next file in `order` until there is none or a file failed. Every file
    // before a failed one in `order` was taken before it, and is finished: the earliest failure
    // is found whatever the timing.
    let work = || {
        let mut buffer = vec![0u8; BUFFER_SIZE];
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let claim = next.fetch_add(1, Ordering::Relaxed);
            let Some(&index) = order.get(claim) else { break };
            let Some(path) = paths.get(index) else { break };
            let result = digest_file(path.as_ref(), algorithms, &mut buffer);
            if result.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            done.push((claim, index, result));
        }
        done
    };
    let threads = options.threads().min(order.len()).max(1);
    let mut finished = std::thread::scope(|scope| {
        // The calling thread is one of the workers; a thread that cannot be started leaves its
        // share to the others.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().name("swid-hash".into()).spawn_scoped(scope, work).ok())
            .collect();
        let mut all = work();
        for h in helpers {
            match h.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    finished.sort_unstable_by_key(|(claim, _, _)| *claim);
    let mut digests: Vec<Option<FileDigest>> = vec![None; paths.len()];
    for (_, index, result) in finished {
        digests[index] = Some(result?);
    }
    // Every index was claimed once when nothing failed.
    digests
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            d.ok_or_else(|| GenerateError::Io {
                path: paths[i].as_ref().to_path_buf(),
                source: io::Error::other("the file was not hashed"),
            })
        })
        .collect()
}
