//! The `swid_xml` bench's decode-to-floor ratio, measured so that a shared machine's noise
//! cancels: the floor's scan, the decode and the decode without layout run in alternating
//! batches of 100 documents, and each is reported at the 5th percentile of its batches (the
//! machine's quiet moments, which all three share).
//!
//! `swid_ratio [rounds] [small|large|FILE] [--processes N]` (a FILE is any document to decode, for
//! example a payload of one kind of `File`, to see what one kind of content costs)
//!
//! The floor's speed also depends on where its code and data land in memory, which changes with
//! every process (address-space layout randomization moves them: the same binary's scan took
//! 6.7 µs in one run and 7.3 µs in the next, `benches/README.md`) and with every build (the
//! linker's placement). A single process is one draw. With `--processes N` (9 if N is left
//! out; an odd N has a single median) the program runs itself N times, one fresh process each,
//! and reports the spread of every figure over the draws, the ratio per process, and the
//! demanding ratio: the median decode against the fastest scan seen in any draw. Compare builds
//! by their decode times; read each build's ratio as measured within it.

#![allow(missing_docs)]

use iso19770_swid::SoftwareIdentity;
use iso19770_swid::xml::DecodeOptions;
use std::hint::black_box;
use std::process::Command;
use std::time::Instant;

const BATCH: u32 = 100;

/// Set in a child run: print one machine-readable line per input.
const CHILD: &str = "ISO19770_SWID_RATIO_CHILD";

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

/// The scan, the decode and the decode without layout of `xml`, in microseconds.
fn measure(rounds: usize, xml: &str) -> [f64; 3] {
    let no_layout = DecodeOptions::default().keep_layout(false);
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
    [p5(scan), p5(decode), p5(bare)]
}

/// The smallest, the median and the largest of `values`.
fn spread(values: &mut [f64]) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    (at(0), at(values.len() / 2), at(values.len().saturating_sub(1)))
}

/// Runs this program `processes` times with `args` and reports the spread per input.
fn over_processes(processes: usize, args: &[String]) -> std::io::Result<()> {
    let exe = std::env::current_exe()?;
    let mut runs: Vec<(String, [f64; 3])> = Vec::new();
    for _ in 0..processes {
        let out = Command::new(&exe).args(args).env(CHILD, "1").output()?;
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let mut fields = line.split_whitespace();
            let label = fields.next().unwrap_or_default().to_owned();
            let figures: Vec<f64> = fields.filter_map(|f| f.parse().ok()).collect();
            if let [scan, decode, bare] = figures[..] {
                runs.push((label, [scan, decode, bare]));
            }
        }
    }
    let mut labels: Vec<&str> = Vec::new();
    for (label, _) in &runs {
        if !labels.contains(&label.as_str()) {
            labels.push(label);
        }
    }
    for label in labels {
        let column = |i: usize| runs.iter().filter(|(l, _)| l == label).map(|(_, f)| f[i]).collect::<Vec<_>>();
        let (mut scan, mut decode, mut bare) = (column(0), column(1), column(2));
        let mut ratios: Vec<f64> = scan.iter().zip(&decode).map(|(s, d)| d / s).collect();
        let (s, d, b, r) = (spread(&mut scan), spread(&mut decode), spread(&mut bare), spread(&mut ratios));
        let show = |(low, median, high): (f64, f64, f64)| format!("{low:.2}/{median:.2}/{high:.2}");
        println!(
            "{label}, {} processes: scan {} µs, decode {} µs, without layout {} µs (smallest/median/largest); \
             ratio per process {}x, median decode to fastest scan {:.2}x",
            ratios.len(),
            show(s),
            show(d),
            show(b),
            show(r),
            d.1 / s.0,
        );
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--processes") {
        let processes = args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(9);
        args.drain(at..(at + 2).min(args.len()));
        return over_processes(processes, &args);
    }
    let rounds: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1500);
    let inputs = match args.get(1).map(String::as_str) {
        Some("small") => vec![("small", iso19770_benches::inputs::SMALL)],
        Some("large") => vec![("large", iso19770_benches::inputs::LARGE)],
        Some(path) if std::path::Path::new(path).is_file() => {
            vec![("file", &*String::leak(std::fs::read_to_string(path)?))]
        }
        _ => vec![("small", iso19770_benches::inputs::SMALL), ("large", iso19770_benches::inputs::LARGE)],
    };
    let child = std::env::var_os(CHILD).is_some();
    for (label, xml) in inputs {
        let [scan, decode, bare] = measure(rounds, xml);
        if child {
            println!("{label} {scan} {decode} {bare}");
        } else {
            println!(
                "{label}: scan {scan:.2} µs, decode {decode:.2} µs ({:.2}x), without layout {bare:.2} µs ({:.2}x)",
                decode / scan,
                bare / scan
            );
        }
    }
    Ok(())
}
