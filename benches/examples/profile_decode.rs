//! Decodes the large corpus tag (or the small one, `profile_decode 2000 small`) in a loop, for a profiler (`perf record`, `valgrind --tool=callgrind`).

#![allow(missing_docs)]

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let input = match std::env::args().nth(2).as_deref() {
        Some("small") => iso19770_benches::inputs::SMALL,
        _ => iso19770_benches::inputs::LARGE,
    };
    let mut total = 0;
    for _ in 0..n {
        if let Ok(tag) = iso19770_swid::SoftwareIdentity::from_xml_str(input) {
            total += tag.entities.len();
        }
    }
    println!("{total}");
}
