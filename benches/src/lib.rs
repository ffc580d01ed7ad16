//! Criterion benches of the ISO/IEC 19770 crates; see `benches/README.md` for the figures. Each
//! bench measures the crate beside a floor (a plain tokenizer scan of the same bytes), so that a
//! figure means something on any machine.

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

#[cfg(test)]
mod tests {
    #[test]
    fn the_floor_counts_events_and_attributes() {
        assert_eq!(super::scan("<a x='1' y='2'><b/></a>"), 5);
        assert!(super::scan(super::inputs::LARGE) > 100);
    }
}
