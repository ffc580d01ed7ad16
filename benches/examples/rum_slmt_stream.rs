//! Reads and aggregates a generated SLMT stream of 1 GiB in one pass, in bounded memory, beside a
//! raw quick-xml scan of the same file (issue 7's "1 GiB under 64 MiB" check).
//!
//! ```sh
//! cargo run --release -p iso19770-benches --example rum_slmt_stream -- [--size BYTES] [--max-rss-mib N] [--keep PATH] [--read-only]
//! ```
//!
//! 1. Writes the stream ([`iso19770_benches::slmt::write_stream`], default 1 GiB) to a temporary
//!    file (or to `PATH` with `--keep`, left in place).
//! 2. The floor: [`iso19770_benches::slmt::scan`] over a buffered reader of the file.
//! 3. With `--read-only`, a pass of [`SlmtReader`] alone, building nothing else.
//! 4. One pass of [`SlmtReader`] with every record added to an [`Aggregator`] (UTC days, the
//!    asset keyed by its persistent id).
//!
//! Every pass reads the file through a [`BufReader`] of [`BUFFER`] bytes; nothing holds the
//! file. The report gives one figure a line; the peak resident memory is `VmHWM` of
//! `/proc/self/status`, read before the generation (the baseline) and at the end. The program
//! exits non-zero when the peak reaches the limit (default 64 MiB), when a record or an
//! aggregation fails, or when an aggregated figure disagrees with what the generator wrote.

#![allow(missing_docs)]

use iso19770_benches::slmt::{METRICS, PRODUCTS, RECORDS_PER_FILE, scan, write_stream};
use iso19770_resource_util::Decimal;
use iso19770_resource_util::aggregate::{Aggregator, Period, Periods};
use iso19770_resource_util::import::slmt::SlmtReader;
use std::collections::BTreeSet;
use std::error::Error;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The read buffer of every pass.
const BUFFER: usize = 64 * 1024;

/// The generator's records are 15 minutes apart: 96 a day.
const RECORDS_PER_DAY: u64 = 86_400 / 900;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

struct Args {
    size: u64,
    max_rss_mib: u64,
    keep: Option<PathBuf>,
    read_only: bool,
}

fn args() -> Result<Args> {
    let mut args = Args { size: 1 << 30, max_rss_mib: 64, keep: None, read_only: false };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--size" => args.size = value()?.parse().map_err(|e| format!("--size: {e}"))?,
            "--max-rss-mib" => args.max_rss_mib = value()?.parse().map_err(|e| format!("--max-rss-mib: {e}"))?,
            "--keep" => args.keep = Some(PathBuf::from(value()?)),
            "--read-only" => args.read_only = true,
            "-h" | "--help" => {
                println!("usage: rum_slmt_stream [--size BYTES] [--max-rss-mib N] [--keep PATH] [--read-only]");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {arg}").into()),
        }
    }
    if args.size == 0 {
        return Err("--size must be at least 1".into());
    }
    Ok(args)
}

/// The process's peak resident set (`VmHWM`), in KiB.
fn peak_rss_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).ok_or("no VmHWM in /proc/self/status")?;
    let kib = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim();
    Ok(kib.parse()?)
}

#[allow(clippy::cast_precision_loss)]
fn mib(bytes: u64) -> f64 {
    bytes as f64 / f64::from(1 << 20)
}

fn rate(bytes: u64, time: Duration) -> f64 {
    mib(bytes) / time.as_secs_f64()
}

/// What one pass of the reader found.
#[derive(Default)]
struct Pass {
    records: u64,
    errors: u64,
    no_asset: u64,
    aggregate_errors: u64,
    /// The sum of every record's value, to compare with the aggregated totals.
    values: Decimal,
    end_offset: u64,
}

fn read(file: &File, mut aggregator: Option<&mut Aggregator>) -> Result<Pass> {
    let mut pass = Pass::default();
    for item in SlmtReader::new(BufReader::with_capacity(BUFFER, file)) {
        let record = match item {
            Ok(record) => record,
            Err(e) => {
                if pass.errors < 5 {
                    eprintln!("record error: {e}");
                }
                pass.errors += 1;
                continue;
            }
        };
        pass.records += 1;
        pass.end_offset = record.end_offset;
        let Some(agg) = aggregator.as_deref_mut() else { continue };
        pass.values = pass.values.checked_add(record.measurement.value).ok_or("the sum of the values overflows")?;
        let Some(key) = record.asset.as_ref().and_then(|a| a.persistent_id.as_deref()) else {
            pass.no_asset += 1;
            continue;
        };
        if let Err(e) = agg.add(key, &record.measurement) {
            if pass.aggregate_errors < 5 {
                eprintln!("aggregation error: {e}");
            }
            pass.aggregate_errors += 1;
        }
    }
    Ok(pass)
}

/// Rewinds by reopening: each pass gets its own handle and buffer.
fn open(path: &std::path::Path) -> Result<File> {
    Ok(File::open(path)?)
}

fn main() -> Result<ExitCode> {
    let args = args()?;
    let baseline = peak_rss_kib()?;

    // 1. The stream, written to a file.
    let temp = match args.keep {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("rum-slmt-").suffix(".slmtag").tempfile()?),
    };
    let path = args.keep.clone().or_else(|| temp.as_ref().map(|t| t.path().to_owned())).ok_or("no file")?;
    let t = Instant::now();
    let (bytes, records) = write_stream(BufWriter::with_capacity(BUFFER, File::create(&path)?), args.size)?;
    let generate = t.elapsed();
    let after_generation = peak_rss_kib()?;
    let files = records.div_ceil(RECORDS_PER_FILE);

    // 2. The floor.
    let t = Instant::now();
    let events = scan(BufReader::with_capacity(BUFFER, open(&path)?));
    let floor = t.elapsed();

    // 3. The reader alone, when asked.
    let read_only = if args.read_only {
        let t = Instant::now();
        let pass = read(&open(&path)?, None)?;
        Some((t.elapsed(), pass, peak_rss_kib()?))
    } else {
        None
    };

    // 4. One pass: read and aggregate.
    let mut agg = Aggregator::new(Periods::UtcDays);
    let t = Instant::now();
    let pass = read(&open(&path)?, Some(&mut agg))?;
    let both = t.elapsed();
    let peak = peak_rss_kib()?;
    drop(temp);

    // The figures.
    println!("stream: {bytes} bytes ({:.1} MiB), {records} records in {files} files of {RECORDS_PER_FILE}", mib(bytes));
    println!("file: {}{}", path.display(), if args.keep.is_some() { " (kept)" } else { " (temporary, removed)" });
    println!("read buffer: {} KiB", BUFFER / 1024);
    println!("generate: {:.2} s ({:.0} MiB/s)", generate.as_secs_f64(), rate(bytes, generate));
    println!("floor (quick-xml scan): {:.2} s, {:.1} MiB/s, {events} events", floor.as_secs_f64(), rate(bytes, floor));
    if let Some((time, p, _)) = &read_only {
        println!(
            "read (SlmtReader only): {:.2} s, {:.1} MiB/s, {} records",
            time.as_secs_f64(),
            rate(bytes, *time),
            p.records
        );
        println!("ratio read/floor: {:.2}x", time.as_secs_f64() / floor.as_secs_f64());
    }
    println!("read+aggregate (one pass): {:.2} s, {:.1} MiB/s", both.as_secs_f64(), rate(bytes, both));
    println!("ratio read+aggregate/floor: {:.2}x", both.as_secs_f64() / floor.as_secs_f64());
    println!("records: {}", pass.records);
    println!("record errors: {}", pass.errors);
    println!("records without an asset: {}", pass.no_asset);
    println!("aggregation errors: {}", pass.aggregate_errors);
    let rows = agg.rows().count();
    println!("groups: {}, rows (group x UTC day): {rows}", agg.groups().len());
    println!(
        "peak RSS (VmHWM): {:.1} MiB (baseline {:.1} MiB, after generation {:.1} MiB; limit {} MiB)",
        mib(peak * 1024),
        mib(baseline * 1024),
        mib(after_generation * 1024),
        args.max_rss_mib
    );
    if let Some((_, _, after_read)) = read_only {
        println!("peak RSS after the read-only pass (before aggregating): {:.1} MiB", mib(after_read * 1024));
    }

    // The checks.
    let mut failures = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            failures.push(what);
        }
    };
    check(peak < args.max_rss_mib * 1024, format!("peak RSS {peak} kB reaches the limit of {} MiB", args.max_rss_mib));
    check(pass.errors == 0, format!("{} records failed", pass.errors));
    check(pass.no_asset == 0, format!("{} records without an asset", pass.no_asset));
    check(pass.aggregate_errors == 0, format!("{} records refused by the aggregator", pass.aggregate_errors));
    check(pass.records == records, format!("read {} records, the generator wrote {records}", pass.records));
    // The generator ends each record with a line end, after the `</Metric>` the reader stops at.
    check(
        pass.end_offset + 1 == bytes,
        format!("the last record ends at byte {}, the stream at {bytes}", pass.end_offset),
    );
    if let Some((_, p, _)) = &read_only {
        check(
            p.records == records && p.errors == 0,
            format!("the read-only pass: {} records, {} errors", p.records, p.errors),
        );
    }
    check(agg.measurements() == records, format!("the aggregator was given {} measurements", agg.measurements()));
    // Every 15-minute record lies inside one UTC day, so it counts once, with its whole value.
    let (mut counted, mut totals, mut sums, mut peaks) = (0u64, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (_, _, stats) in agg.rows() {
        counted += stats.count;
        totals = totals.checked_add(stats.total).ok_or("the aggregated totals overflow")?;
        sums = sums.checked_add(stats.sum).ok_or("the aggregated sums overflow")?;
        peaks = peaks.max(stats.peak);
    }
    check(counted == records, format!("the rows count {counted} measurements, not {records}"));
    check(totals == pass.values, format!("the rows total {totals}, the records {}", pass.values));
    check(sums == pass.values, format!("the rows sum to {sums}, the records {}", pass.values));
    check(peaks < Decimal::from(500), format!("a peak of {peaks}: the generator writes values below 500"));
    // Groups: the (product, metric) pairs written. Rows: files start on a day (30 days a file),
    // so a day has one product and its first four records give the four metrics.
    let mut pairs = BTreeSet::new();
    for file in 0..files {
        let in_file = RECORDS_PER_FILE.min(records - file * RECORDS_PER_FILE);
        for metric in 0..in_file.min(METRICS.len() as u64) {
            pairs.insert((file % PRODUCTS, metric));
        }
    }
    check(agg.groups().len() == pairs.len(), format!("{} groups, expected {}", agg.groups().len(), pairs.len()));
    let days = records.div_ceil(RECORDS_PER_DAY);
    let last_day = records - (days - 1) * RECORDS_PER_DAY;
    let expected_rows = (days - 1) * 4 + last_day.min(4);
    check(rows as u64 == expected_rows, format!("{rows} rows, expected {expected_rows}"));
    let first = agg.rows().map(|(_, period, _)| period).min().copied();
    let start = iso19770_resource_util::Instant::from_unix_seconds(1_704_067_200);
    check(
        matches!(first, Some(Period::Span { start: s, .. }) if s == start),
        format!("the first period is {first:?}, not 2024-01-01"),
    );

    println!("checks: {}", if failures.is_empty() { "all passed".to_owned() } else { failures.join("; ") });
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
