//! Encodes the decoded large corpus tag (or the small one, `profile_encode 2000 small`) in a
//! loop, for a profiler; a third argument `canonical` encodes it without its layout.

#![allow(missing_docs)]

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let input = match std::env::args().nth(2).as_deref() {
        Some("small") => iso19770_benches::inputs::SMALL,
        _ => iso19770_benches::inputs::LARGE,
    };
    let Ok(mut tag) = iso19770_swid::SoftwareIdentity::from_xml_str(input) else { return };
    if std::env::args().nth(3).as_deref() == Some("canonical") {
        tag.clear_layout();
    }
    let mut total = 0;
    for _ in 0..n {
        if let Ok(xml) = tag.to_xml_string() {
            total += xml.len();
        }
    }
    println!("{total}");
}
