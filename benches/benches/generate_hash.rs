//! Hashing a directory tree for a tag's payload (`iso19770_swid::generate`), beside `sha256sum`
//! over the same files in the same run.
//!
//! The tree (1,040 MiB in 5,205 files of four sizes, from 4 KiB to 128 MiB, pseudo-random
//! content) is written once under Cargo's target temporary directory and reused; it is read
//! from the page cache in every measurement, floor included. Floors: coreutils `sha256sum` in
//! one process (the reference; it has no SHA-NI code path), and `openssl dgst -sha256`,
//! which uses SHA-NI like the `sha2` crate does, when the machine has OpenSSL's command.

#![allow(missing_docs, clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use iso19770_swid::generate::{HashOptions, TreeOptions, hash_files, payload_from_dir};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// (count, size) of the files: 5 × 128 MiB, 80 × 4 MiB, 1,024 × 64 KiB, 4,096 × 4 KiB.
const LAYOUT: [(usize, usize); 4] = [(5, 128 << 20), (80, 4 << 20), (1024, 64 << 10), (4096, 4 << 10)];

/// The tree, created on first use: `d{size}/f{i}` files filled by a xorshift generator.
fn tree() -> (PathBuf, Vec<PathBuf>, u64) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generate-hash-tree");
    let marker = root.join("COMPLETE");
    let mut files = Vec::new();
    let mut total = 0u64;
    let complete = marker.exists();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut chunk = vec![0u8; 1 << 20];
    for (count, size) in LAYOUT {
        let dir = root.join(format!("d{size}"));
        fs::create_dir_all(&dir).expect("tree folder");
        for i in 0..count {
            let path = dir.join(format!("f{i:05}"));
            if !complete {
                let mut f = fs::File::create(&path).expect("tree file");
                let mut left = size;
                while left > 0 {
                    for word in chunk.chunks_exact_mut(8) {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        word.copy_from_slice(&state.to_le_bytes());
                    }
                    let n = left.min(chunk.len());
                    f.write_all(&chunk[..n]).expect("tree content");
                    left -= n;
                }
            }
            files.push(path);
            total += size as u64;
        }
    }
    if !complete {
        fs::write(&marker, b"").expect("marker");
    }
    (root, files, total)
}

/// Runs `program args… files…` with its output discarded; false when it cannot run.
fn run(program: &str, args: &[&str], files: &[PathBuf]) -> bool {
    Command::new(program)
        .args(args)
        .args(files)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn benches(c: &mut Criterion) {
    let (root, files, total) = tree();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut g = c.benchmark_group("generate-hash/1 GiB tree");
    g.throughput(Throughput::Bytes(total));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(20));
    assert!(run("sha256sum", &[], &files[..1]), "sha256sum is needed for the floor");
    g.bench_function("floor: sha256sum, one process", |b| b.iter(|| run("sha256sum", &[], &files)));
    if run("openssl", &["dgst", "-sha256"], &files[..1]) {
        g.bench_function("reference: openssl dgst -sha256", |b| {
            b.iter(|| run("openssl", &["dgst", "-sha256"], &files));
        });
    }
    for threads in [1, cores].into_iter().collect::<std::collections::BTreeSet<_>>() {
        let options = HashOptions::default().with_threads(threads);
        g.bench_function(format!("hash_files, {threads} thread(s)"), |b| {
            b.iter(|| hash_files(&files, &options).expect("hashed"));
        });
    }
    let options = TreeOptions::default();
    g.bench_function(format!("payload_from_dir (walk, hash, model), {cores} thread(s)"), |b| {
        b.iter(|| payload_from_dir(&root, &options).expect("payload"));
    });
    g.finish();
}

criterion_group!(generate_hash, benches);
criterion_main!(generate_hash);
