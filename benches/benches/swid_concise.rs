//! CoSWID CBOR and its JSON form: decode and encode of corpus tags beside a floor of the same
//! bytes, a `ciborium-ll` walk for CBOR and `serde_json` into `IgnoredAny` for JSON.
//!
//! Inputs: the XML corpus tags *small*, *large* and *files* converted to CBOR (and JSON) at
//! setup, through `to_coswid_subset`, and a CoSWID written by veraison/swid as it is on disk.

#![allow(missing_docs, clippy::expect_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use iso19770_benches::{cbor_walk, inputs, json_skip};
use iso19770_swid::SoftwareIdentity;
use iso19770_swid::cbor::{CborDecodeOptions, CborMode};
use std::hint::black_box;
use std::time::Duration;

/// The CBOR groups: `strict` when the bytes are deterministic (our own output), so that the
/// strict mode reads them.
fn cbor(c: &mut Criterion, label: &str, bytes: &[u8], strict: bool) {
    let mut g = c.benchmark_group(format!("swid-cbor/{label}"));
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("floor: ciborium-ll walk", |b| b.iter(|| cbor_walk(black_box(bytes))));
    g.bench_function("decode", |b| b.iter(|| SoftwareIdentity::from_cbor_slice(black_box(bytes))));
    if strict {
        let opts = CborDecodeOptions::default().mode(CborMode::Strict);
        g.bench_function("decode strict", |b| {
            b.iter(|| SoftwareIdentity::from_cbor_slice_with(black_box(bytes), &opts));
        });
    }
    let decoded = SoftwareIdentity::from_cbor_slice(bytes).expect("a CoSWID of the corpus");
    g.bench_function("encode", |b| b.iter(|| black_box(&decoded).to_cbor_vec()));
    g.finish();
}

fn json(c: &mut Criterion, label: &str, json: &str) {
    let mut g = c.benchmark_group(format!("swid-json/{label}"));
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("floor: serde_json IgnoredAny", |b| b.iter(|| json_skip(black_box(json))));
    g.bench_function("decode", |b| b.iter(|| SoftwareIdentity::from_json_str(black_box(json))));
    let decoded = SoftwareIdentity::from_json_str(json).expect("the JSON of a corpus tag");
    g.bench_function("encode", |b| b.iter(|| black_box(&decoded).to_json_string()));
    g.finish();
}

fn benches(c: &mut Criterion) {
    for (label, xml) in [("small", inputs::SMALL), ("large", inputs::LARGE), ("files", inputs::FILES)] {
        // What CoSWID cannot carry (`xsi:schemaLocation`, `n8060:*`, `ds:Signature`) left out.
        let (tag, _omitted) = SoftwareIdentity::from_xml_str(xml).expect("a corpus tag").to_coswid_subset();
        cbor(c, label, &tag.to_cbor_vec().expect("a tag CoSWID can hold"), true);
        json(c, label, &tag.to_json_string().expect("a tag JSON can hold"));
    }
    cbor(c, "veraison-psa", inputs::VERAISON_PSA, false);
    let psa = SoftwareIdentity::from_cbor_slice(inputs::VERAISON_PSA).expect("a CoSWID of the corpus");
    json(c, "veraison-psa", &psa.to_json_string().expect("a tag JSON can hold"));
}

criterion_group! {
    name = swid_concise;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(swid_concise);
