//! The engine's internal hash maps and sets: std's, with foldhash's hasher.
//!
//! The keys are ids and names from the input, so the hasher is seeded at random per process (as
//! std's is) and the engine never depends on the order of a map: the position is the same in
//! every run. foldhash costs a fraction of `SipHash` (std's) on short strings, which the engine hashes
//! several times per installation.

/// A hash map with foldhash's randomly seeded hasher.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set with foldhash's randomly seeded hasher.
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
