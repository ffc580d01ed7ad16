//! SWID XML: decode and encode of a small and a large corpus tag beside a quick-xml event scan of
//! the same bytes (the floor), and a container read tag by tag.

#![allow(missing_docs, clippy::expect_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use iso19770_benches::{inputs, scan};
use iso19770_swid::SoftwareIdentity;
use iso19770_swid::xml::{DecodeOptions, XmlTags};
use std::hint::black_box;

fn tag(c: &mut Criterion, label: &str, xml: &str) {
    let mut g = c.benchmark_group(format!("swid-xml/{label}"));
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("floor: quick-xml scan", |b| b.iter(|| scan(black_box(xml))));
    g.bench_function("decode", |b| b.iter(|| SoftwareIdentity::from_xml_str(black_box(xml))));
    let no_layout = DecodeOptions::default().keep_layout(false);
    g.bench_function("decode without layout", |b| {
        b.iter(|| SoftwareIdentity::from_xml_str_with(black_box(xml), &no_layout));
    });
    g.bench_function("decode from a reader", |b| {
        b.iter(|| SoftwareIdentity::from_xml_reader(black_box(xml.as_bytes())));
    });
    let decoded = SoftwareIdentity::from_xml_str(xml).expect("a corpus tag");
    g.bench_function("encode", |b| b.iter(|| black_box(&decoded).to_xml_string()));
    let mut canonical = decoded.clone();
    canonical.clear_layout();
    g.bench_function("encode canonical", |b| b.iter(|| black_box(&canonical).to_xml_string()));
    g.finish();
}

fn benches(c: &mut Criterion) {
    tag(c, "small", inputs::SMALL);
    tag(c, "large", inputs::LARGE);
    let mut g = c.benchmark_group("swid-xml/container");
    g.throughput(Throughput::Bytes(inputs::CONTAINER.len() as u64));
    g.bench_function("floor: quick-xml scan", |b| b.iter(|| scan(black_box(inputs::CONTAINER))));
    g.bench_function("all tags", |b| b.iter(|| XmlTags::new(black_box(inputs::CONTAINER.as_bytes())).count()));
    g.finish();
}

criterion_group!(swid_xml, benches);
criterion_main!(swid_xml);
