//! Decodes the large corpus tag (or the small one, `profile_decode 2000 small`, or any file,
//! `profile_decode 2000 FILE`) in a loop, for a
//! profiler (`perf record`, `valgrind --tool=callgrind`, `valgrind --tool=dhat`); a third argument
//! `nolayout` decodes without recording the layout.

#![allow(missing_docs)]

use iso19770_swid::xml::DecodeOptions;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let input = match std::env::args().nth(2).as_deref() {
        Some("small") => iso19770_benches::inputs::SMALL,
        Some(path) if std::path::Path::new(path).is_file() => {
            std::fs::read_to_string(path).map(String::leak).unwrap_or_default()
        }
        _ => iso19770_benches::inputs::LARGE,
    };
    let options = DecodeOptions::default().keep_layout(std::env::args().nth(3).as_deref() != Some("nolayout"));
    let mut total = 0;
    for _ in 0..n {
        if let Ok(tag) = iso19770_swid::SoftwareIdentity::from_xml_str_with(input, &options) {
            total += tag.entities.len();
        }
    }
    println!("{total}");
}
