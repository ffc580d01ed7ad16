//! The `swid_xml` bench's decode-to-floor ratio, measured so that a shared machine's noise
//! cancels: the floor's scan, the decode and the decode without layout run in alternating
//! batches of 100 documents, and each is reported at the 5th percentile of its batches (the
//! machine's quiet moments, which all three share). `swid_ratio [rounds] [small|large]`.
//!
//! The ratio also moves with where the linker places the floor's own code: the same scan took
//! 6.6 µs in one build and 7.5 µs in another (`benches/README.md`), so compare builds by their
//! decode times, and read the ratio of each build as measured within it.

#![allow(missing_docs)]

use iso19770_swid::SoftwareIdentity;
use iso19770_swid::xml::DecodeOptions;
use std::hint::black_box;
use std::time::Instant;

const BATCH: u32 = 100;

/// The time per run of a batch of `work`, in microseconds.
fn batch(mut work: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..BATCH {
        work();
    }
    t.elapsed().as_secs_f64() * 1e6 / f64::from(BATCH)
}

/// The 5th percentile.
fn p5(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 20).copied().unwrap_or(f64::NAN)
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1500);
    let inputs = match std::env::args().nth(2).as_deref() {
        Some("small") => vec![("small", iso19770_benches::inputs::SMALL)],
        Some("large") => vec![("large", iso19770_benches::inputs::LARGE)],
        _ => vec![("small", iso19770_benches::inputs::SMALL), ("large", iso19770_benches::inputs::LARGE)],
    };
    let no_layout = DecodeOptions::default().keep_layout(false);
    for (label, xml) in inputs {
        let (mut scan, mut decode, mut bare) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            scan.push(batch(|| {
                black_box(iso19770_benches::scan(black_box(xml)));
            }));
            decode.push(batch(|| {
                black_box(SoftwareIdentity::from_xml_str(black_box(xml)).is_ok());
            }));
            bare.push(batch(|| {
                black_box(SoftwareIdentity::from_xml_str_with(black_box(xml), &no_layout).is_ok());
            }));
        }
        let (scan, decode, bare) = (p5(scan), p5(decode), p5(bare));
        println!(
            "{label}: scan {scan:.2} µs, decode {decode:.2} µs ({:.2}x), without layout {bare:.2} µs ({:.2}x)",
            decode / scan,
            bare / scan
        );
    }
}
