//! The whole reconciliation (`iso19770_reconcile::reconcile`) of estates from the seeded
//! generator (`iso19770_reconcile::generate`, seed 1), by the priority order and by the optimal
//! allocation, beside the floor of the same run: building the engine's input indexes only
//! costs what `Input::clone` costs, so the floor is a clone of the input (every string copied
//! once).
//!
//! Sizes: 10³ and 10⁴ installations; 10⁵ with `RECONCILE_BENCH_100K=1`. The 10⁶ row of
//! `benches/README.md` and the peak memory come from `examples/reconcile_scale.rs` (one process
//! per objective).

#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iso19770_reconcile::generate::{Params, generate};
use iso19770_reconcile::{Objective, reconcile};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut sizes = vec![1_000, 10_000];
    if std::env::var_os("RECONCILE_BENCH_100K").is_some() {
        sizes.push(100_000);
    }
    let mut group = c.benchmark_group("reconcile");
    group.sample_size(10).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(8));
    for size in sizes {
        let mut input = generate(&Params::new(1, size));
        group.bench_with_input(BenchmarkId::new("floor: clone the input", size), &input, |b, input| {
            b.iter(|| black_box(input.clone()));
        });
        group.bench_with_input(BenchmarkId::new("priority", size), &input, |b, input| {
            b.iter(|| black_box(reconcile(input)));
        });
        input.objective = Objective::Optimal;
        group.bench_with_input(BenchmarkId::new("optimal", size), &input, |b, input| {
            b.iter(|| black_box(reconcile(input)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
