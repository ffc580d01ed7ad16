//! Criterion benches of the ISO/IEC 19770 crates; see `benches/README.md` for the figures. Each
//! bench measures the crate beside a floor (a plain tokenizer scan of the same bytes), so that a
//! figure means something on any machine: [`scan`] for XML, [`cbor_walk`] for CBOR and
//! [`json_skip`] for JSON.

pub mod slmt;

/// The bench inputs: corpus tags from the `swid` crate's fixtures.
pub mod inputs {
    /// The smallest useful tag of the corpus (NIST swid-tools' minimal template, 511 bytes).
    pub const SMALL: &str = include_str!("../../swid/tests/fixtures/valid/minimal-swid.xml");
    /// The largest tag of the corpus (rpm2swidtag's signed pkg1 tag, 7.8 kB, of which a 3 kB
    /// `ds:Signature`).
    pub const LARGE: &str =
        include_str!("../../swid/tests/fixtures/valid/test.example.pkg1-1.2.0-1.fc28.x86_64-rpm-signed.swidtag");
    /// rpm repodata with 8 tags (55 kB), read as a container.
    pub const CONTAINER: &str = include_str!("../../swid/tests/fixtures/containers/repodata-swidtags-xmlsec-1.2.xml");
    /// The tag of the corpus that gives the largest CoSWID (swidGenerator's docker template for
    /// pacman, 4.3 kB of XML: 4 `Directory` and 31 `File`s with SHA-256 hashes; 1.9 kB as CBOR).
    pub const FILES: &str = include_str!("../../swid/tests/fixtures/valid/docker_pacman_no_payload_SWID-Template.xml");
    /// A CoSWID written by another implementation: veraison/swid's PSA bundle (353 bytes, 5
    /// links, a private `rel` as text, keys not in deterministic order), read in the default
    /// mode.
    pub const VERAISON_PSA: &[u8] =
        include_bytes!("../../swid/tests/fixtures/cbor/veraison-swid_psa-bundle_expectedCBOR.cbor");
}

/// The floor: every event of the document read by quick-xml's namespace-aware reader, with every
/// attribute iterated, and nothing built. Returns the number of events and attributes so that the
/// work cannot be optimised away.
pub fn scan(xml: &str) -> usize {
    use quick_xml::events::Event;
    let mut reader = quick_xml::reader::NsReader::from_str(xml);
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return n,
            Ok(Event::Start(e) | Event::Empty(e)) => n += 1 + e.attributes().count(),
            Ok(_) => n += 1,
        }
    }
}

/// The CBOR floor: every head of the input pulled by `ciborium-ll`'s decoder, the content of
/// every byte and text string read through a reused stack buffer (text checked as UTF-8, as
/// `ciborium-ll` does), and nothing built. Nested arrays, maps and tags need no recursion: their
/// items are the heads that follow. Returns the number of data items (a tag and the item it
/// wraps count two; breaks and the chunks of an indefinite-length string are not items), or the
/// count so far if the input is not well-formed.
pub fn cbor_walk(bytes: &[u8]) -> usize {
    use ciborium_ll::{Decoder, Header};
    // Reads the segments of a string (one, or the chunks of an indefinite-length string) through
    // the buffer; ends the walk if the string is cut short or not UTF-8.
    macro_rules! read_string {
        ($segments:expr, $buf:expr, $n:expr) => {{
            let mut segments = $segments;
            loop {
                match segments.pull() {
                    Ok(Some(mut segment)) => loop {
                        match segment.pull($buf) {
                            Ok(Some(chunk)) => {
                                std::hint::black_box(chunk);
                            }
                            Ok(None) => break,
                            Err(_) => return $n,
                        }
                    },
                    Ok(None) => break,
                    Err(_) => return $n,
                }
            }
        }};
    }
    let mut decoder = Decoder::from(bytes);
    let mut buf = [0u8; 1024];
    let mut n = 0;
    while decoder.offset() < bytes.len() {
        let Ok(header) = decoder.pull() else { return n };
        match header {
            Header::Break => continue,
            Header::Bytes(len) => read_string!(decoder.bytes(len), &mut buf, n),
            Header::Text(len) => read_string!(decoder.text(len), &mut buf, n),
            _ => {}
        }
        n += 1;
    }
    n
}

/// The JSON floor: the whole text parsed by `serde_json` into [`serde::de::IgnoredAny`], which
/// checks the syntax and skips every value without building it. Returns whether it was valid.
pub fn json_skip(json: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(json).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_floor_counts_events_and_attributes() {
        assert_eq!(super::scan("<a x='1' y='2'><b/></a>"), 5);
        assert!(super::scan(super::inputs::LARGE) > 100);
    }

    /// `{1: "ab", 2: [3, h'00']}`: the map, 1, "ab", 2, the array, 3, h'00'.
    const MAP: [u8; 10] = [0xa2, 0x01, 0x62, b'a', b'b', 0x02, 0x82, 0x03, 0x41, 0x00];

    #[test]
    fn the_cbor_floor_visits_every_item() {
        assert_eq!(super::cbor_walk(&MAP), 7);
        // In the CoSWID tag (1398229316): one item more.
        let mut tagged = vec![0xda, 0x53, 0x57, 0x49, 0x44];
        tagged.extend_from_slice(&MAP);
        assert_eq!(super::cbor_walk(&tagged), 8);
        // The same map with indefinite lengths and the text in two chunks: breaks and chunks
        // are not items.
        let indefinite = [0xbf, 0x01, 0x7f, 0x61, b'a', 0x61, b'b', 0xff, 0x02, 0x9f, 0x03, 0x41, 0x00, 0xff, 0xff];
        assert_eq!(super::cbor_walk(&indefinite), 7);
        // A truncated input stops the walk.
        assert_eq!(super::cbor_walk(&MAP[..4]), 2);
        // A CoSWID of the corpus, read to its end (counted independently: 47 heads, no breaks).
        assert_eq!(super::cbor_walk(super::inputs::VERAISON_PSA), 47);
    }

    #[test]
    fn the_json_floor_checks_the_syntax() {
        assert!(super::json_skip(r#"{"a": [1, "x\u0041", {"b": null}]}"#));
        assert!(!super::json_skip(r#"{"a": [1,}"#));
    }
}
