//! Scans the large corpus tag (or the small one, `profile_scan 2000 small`, or any file,
//! `profile_scan 2000 FILE`) in a loop (the floor of the decode bench), for a profiler.

#![allow(missing_docs)]

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let input = match std::env::args().nth(2).as_deref() {
        Some("small") => iso19770_benches::inputs::SMALL,
        Some(path) if std::path::Path::new(path).is_file() => {
            std::fs::read_to_string(path).map(String::leak).unwrap_or_default()
        }
        _ => iso19770_benches::inputs::LARGE,
    };
    let mut total = 0;
    for _ in 0..n {
        total += iso19770_benches::scan(input);
    }
    println!("{total}");
}
