//! IBM SLMT 2.1.1 streams (resource-util): the streaming reader, alone and feeding the
//! aggregator, beside a raw quick-xml scan of the same bytes.
//!
//! Input: 8 MiB of the generated stream (`iso19770_benches::slmt::write_stream`), in memory,
//! read through `&[u8]` (a `BufRead` with no copy) by all three. The floor is quick-xml's plain
//! reader over every event, building nothing (`iso19770_benches::slmt::scan`); `read` is
//! `SlmtReader` yielding every record; `read+aggregate` adds each record to an `Aggregator` of
//! UTC days keyed by the persistent id, as `benches/examples/rum_slmt_stream.rs` does on 1 GiB.

#![allow(missing_docs, clippy::expect_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use iso19770_benches::slmt::{scan, write_stream};
use iso19770_resource_util::aggregate::{Aggregator, Periods};
use iso19770_resource_util::import::slmt::SlmtReader;
use std::hint::black_box;
use std::time::Duration;

/// The size of the stream.
const SIZE: u64 = 8 << 20;

fn read(bytes: &[u8]) -> usize {
    let mut n = 0;
    for record in SlmtReader::new(bytes) {
        black_box(record.expect("a generated record"));
        n += 1;
    }
    n
}

fn read_aggregate(bytes: &[u8]) -> usize {
    let mut agg = Aggregator::new(Periods::UtcDays);
    for record in SlmtReader::new(bytes) {
        let record = record.expect("a generated record");
        let key = record.asset.as_ref().and_then(|a| a.persistent_id.as_deref()).expect("an identity");
        agg.add(key, &record.measurement).expect("an aggregable record");
    }
    agg.rows().count()
}

fn benches(c: &mut Criterion) {
    let mut stream = Vec::with_capacity(usize::try_from(SIZE).expect("8 MiB") + 1024);
    let (bytes, records) = write_stream(&mut stream, SIZE).expect("a stream in memory");
    assert_eq!(read(&stream) as u64, records);
    let mut g = c.benchmark_group("slmt");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("floor: quick-xml scan", |b| b.iter(|| scan(black_box(&stream[..]))));
    g.bench_function("read", |b| b.iter(|| read(black_box(&stream))));
    g.bench_function("read+aggregate", |b| b.iter(|| read_aggregate(black_box(&stream))));
    g.finish();
}

criterion_group! {
    name = rum_slmt;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(rum_slmt);
