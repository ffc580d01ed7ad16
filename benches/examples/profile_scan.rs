//! Scans the large corpus tag in a loop (the floor of the decode bench), for a profiler.

#![allow(missing_docs)]

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let mut total = 0;
    for _ in 0..n {
        total += iso19770_benches::scan(iso19770_benches::inputs::LARGE);
    }
    println!("{total}");
}
