//! Decodes (or walks, or encodes) the CoSWID of a corpus tag in a loop, for a profiler
//! (`perf record`, `valgrind --tool=callgrind`), and prints the time per iteration:
//! `profile_cbor [decode|walk|heads|encode] [small|large|files|psa|psa-reencoded] [n]`.
//!
//! `walk` is the floor of the benches (`ciborium-ll`); `heads` is a hand-written walk of the
//! same items (heads parsed in place, text checked as UTF-8), for scale: what a head costs
//! without `ciborium-ll`.

#![allow(missing_docs, clippy::expect_used)]

use iso19770_benches::{cbor_walk, inputs};
use iso19770_swid::SoftwareIdentity;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map_or("decode", String::as_str);
    let bytes = match args.get(2).map_or("files", String::as_str) {
        "psa" => inputs::VERAISON_PSA.to_vec(),
        // The same tag re-encoded: deterministic, so decoded without findings.
        "psa-reencoded" => {
            let tag = SoftwareIdentity::from_cbor_slice(inputs::VERAISON_PSA).expect("a CoSWID of the corpus");
            tag.to_cbor_vec().expect("a tag CoSWID can hold")
        }
        label => {
            let xml = match label {
                "small" => inputs::SMALL,
                "large" => inputs::LARGE,
                _ => inputs::FILES,
            };
            let (tag, _omitted) = SoftwareIdentity::from_xml_str(xml).expect("a corpus tag").to_coswid_subset();
            tag.to_cbor_vec().expect("a tag CoSWID can hold")
        }
    };
    let n: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let decoded = SoftwareIdentity::from_cbor_slice(&bytes).expect("a CoSWID");
    let mut total = 0;
    let start = std::time::Instant::now();
    for _ in 0..n {
        total += match what {
            "walk" => cbor_walk(std::hint::black_box(&bytes)),
            "heads" => heads(std::hint::black_box(&bytes)),
            "encode" => decoded.to_cbor_vec().map_or(0, |b| b.len()),
            _ => SoftwareIdentity::from_cbor_slice(std::hint::black_box(&bytes)).map_or(0, |t| t.entities.len()),
        };
    }
    let per = start.elapsed() / u32::try_from(n).unwrap_or(u32::MAX).max(1);
    println!("{what}: {total} in all, {:.3} µs per iteration", per.as_secs_f64() * 1e6);
}

/// The items of CBOR, with a hand-written head parser: the count of `cbor_walk` when strings have
/// definite lengths (the chunks of an indefinite-length string count here); 0 on malformed input.
fn heads(bytes: &[u8]) -> usize {
    let mut pos = 0;
    let mut n = 0;
    while pos < bytes.len() {
        let initial = bytes[pos];
        pos += 1;
        let (major, info) = (initial >> 5, initial & 0x1f);
        let width = match info {
            0..=23 => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            31 => {
                // An indefinite length (or a break): its chunks or items are the heads that follow.
                n += usize::from(initial != 0xff);
                continue;
            }
            _ => return 0,
        };
        let Some(arg) = bytes.get(pos..pos + width) else { return 0 };
        let value = if width == 0 { u64::from(info) } else { arg.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b)) };
        pos += width;
        if major == 2 || major == 3 {
            let Some(end) = usize::try_from(value).ok().and_then(|v| pos.checked_add(v)) else { return 0 };
            let Some(body) = bytes.get(pos..end) else { return 0 };
            if major == 3 && std::str::from_utf8(body).is_err() {
                return 0;
            }
            pos = end;
        }
        n += 1;
    }
    n
}
