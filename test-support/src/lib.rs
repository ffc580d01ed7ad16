//! What the hostile-input tests (`tests/hostile.rs` of swid, ent and resource-util) share.
//!
//! A test binary that uses this crate gets its global allocator: a hard cap over a
//! peak-measuring allocator. [`bounded`] runs a case under the cap, above what was allocated
//! when it started (an allocation past the cap aborts the test binary with "memory allocation
//! of N bytes failed"; `HOSTILE_PROBE=1` in the environment lifts it and prints the peaks), and
//! within a time limit, so a decoder that allocates what an input declares, or does quadratic
//! work, fails there. Every case takes [`serial`] first, so that building one case's input does
//! not count against another's cap; the hostile input itself is built before the cap is set.
//!
//! ```
//! use iso19770_test_support::{MIB, bounded, fast, serial};
//!
//! let _serial = serial();
//! let n = bounded(MIB, fast(), || vec![0u8; 1000].len());
//! assert_eq!(n, 1000);
//! ```

#![allow(clippy::expect_used)] // test support: a cap that cannot be set is a broken test

use cap::Cap;
use peak_alloc::PeakAlloc;
use std::io::{BufRead, Read};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOC: Cap<PeakAlloc> = Cap::new(PeakAlloc, usize::MAX);
static SERIAL: Mutex<()> = Mutex::new(());

/// A mebibyte.
pub const MIB: usize = 1 << 20;

/// Taken first by every case: the cases run one at a time, so that the allocations of one
/// (building its input) do not count against the cap of another.
pub fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The time limit of a case (generous: tests run unoptimized).
pub fn fast() -> Duration {
    Duration::from_secs(10)
}

/// Lifts the cap when a case ends, even by a panic.
struct Uncap;

impl Drop for Uncap {
    fn drop(&mut self) {
        let _ = ALLOC.set_limit(usize::MAX);
    }
}

/// Runs `f` with at most `budget` bytes allocated above what is allocated when it starts
/// (`HOSTILE_PROBE=1` lifts the cap, to measure), and checks that it took less than `time`.
/// Prints the peak it reached.
///
/// # Panics
///
/// When the peak is above the budget (with the cap lifted) or the time above `time`.
#[track_caller]
pub fn bounded<T>(budget: usize, time: Duration, f: impl FnOnce() -> T) -> T {
    let base = ALLOC.allocated();
    let probe = std::env::var_os("HOSTILE_PROBE").is_some();
    let uncap = Uncap;
    if !probe {
        ALLOC.set_limit(base + budget).expect("a cap above what is allocated");
    }
    PeakAlloc.reset_peak_usage();
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    drop(uncap);
    let peak = PeakAlloc.peak_usage().saturating_sub(base);
    eprintln!("{}: peak {peak} bytes above the start (cap {budget}), {took:?}", std::panic::Location::caller());
    assert!(peak <= budget, "peak {peak} above the budget {budget}");
    assert!(took < time, "took {took:?}, more than {time:?}");
    out
}

/// An endless reader: `head`, then `fill` repeated forever.
///
/// ```
/// use iso19770_test_support::Endless;
/// use std::io::Read;
///
/// let mut text = String::new();
/// Endless::new("<a>", "<b/>").take(11).read_to_string(&mut text).unwrap();
/// assert_eq!(text, "<a><b/><b/>");
/// ```
pub struct Endless {
    head: Vec<u8>,
    pos: usize,
    fill: Vec<u8>,
    unit: usize,
    at: usize,
}

impl Endless {
    /// `head`, then `fill` forever.
    pub fn new(head: &str, fill: &str) -> Self {
        Endless {
            head: head.as_bytes().to_vec(),
            pos: 0,
            fill: fill.repeat(4096).into_bytes(),
            unit: fill.len(),
            at: 0,
        }
    }
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Endless {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos < self.head.len() { Ok(&self.head[self.pos..]) } else { Ok(&self.fill[self.at..]) }
    }

    fn consume(&mut self, amount: usize) {
        let from_head = amount.min(self.head.len() - self.pos);
        self.pos += from_head;
        self.at = (self.at + amount - from_head) % self.unit;
    }
}
