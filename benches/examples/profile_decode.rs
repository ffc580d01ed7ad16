//! Decodes the large corpus tag in a loop, for a profiler (`perf record`, `valgrind --tool=callgrind`).

#![allow(missing_docs)]

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let mut total = 0;
    for _ in 0..n {
        if let Ok(tag) = iso19770_swid::SoftwareIdentity::from_xml_str(iso19770_benches::inputs::LARGE) {
            total += tag.entities.len();
        }
    }
    println!("{total}");
}
