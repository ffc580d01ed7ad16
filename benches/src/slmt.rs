//! A generated IBM SLMT 2.1.1 stream (the RUM precursor's `.slmtag` files, appended fragments
//! without one root) of any size, for the resource-util benches, and the floor that reads it.
//!
//! The stream is deterministic: the same size gives the same bytes. It holds files of
//! [`RECORDS_PER_FILE`] `Metric` records, each file opening with its `SchemaVersion` and a
//! `SoftwareIdentity` of one of [`PRODUCTS`] products (so that a reader sees the identity change,
//! as when rotated files are concatenated); records cycle through the metric types of the
//! samples (`AUTHORIZED_USER`, `FLOATING_USER`, `VU_VALUE_UNIT` with a 3-decimal value,
//! `RESOURCE_VALUE_UNIT`), with 15-minute periods from 2024-01-01T00:00:00+00:00 on, some with a
//! `+02:00` offset.

use std::fmt::Write as _;
use std::io::{self, Write};

/// Records per simulated file (IBM Cognos Controller's default of 2,880 metrics per file).
pub const RECORDS_PER_FILE: u64 = 2880;

/// How many products the stream measures.
pub const PRODUCTS: u64 = 7;

/// The metric types, in the order records cycle through them.
pub const METRICS: [(&str, &str); 4] = [
    ("AUTHORIZED_USER", ""),
    ("FLOATING_USER", ""),
    ("VU_VALUE_UNIT", "MILLION_MONTHLY_DECISIONS"),
    ("RESOURCE_VALUE_UNIT", "Peak Cores"),
];

/// A small deterministic generator (`SplitMix64`), so that the stream needs no dependency.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// `2024-01-01T00:00:00` plus `seconds`, as `YYYY-MM-DDThh:mm:ss` (no zone).
fn date_time(seconds: u64) -> String {
    let base = 1_704_067_200i64; // 2024-01-01T00:00:00Z
    let s = base + i64::try_from(seconds).unwrap_or(i64::MAX / 2);
    let text = iso19770_core::DateTime::from_unix_seconds(s);
    text.as_str().trim_end_matches('Z').to_owned()
}

/// Writes a stream of at least `size` bytes (it stops after the record that reaches `size`),
/// returning the bytes and records written.
pub fn write_stream(mut out: impl Write, size: u64) -> io::Result<(u64, u64)> {
    let mut rng = Mix(19_770);
    let (mut bytes, mut records) = (0u64, 0u64);
    let mut buf = String::with_capacity(1024);
    while bytes < size {
        buf.clear();
        if records % RECORDS_PER_FILE == 0 {
            let product = (records / RECORDS_PER_FILE) % PRODUCTS;
            buf.push_str("<SchemaVersion>2.1.1</SchemaVersion>\n<SoftwareIdentity>\n");
            writeln!(buf, "<PersistentId>{:032x}</PersistentId>", 0x5eed_0000 + product).map_err(io::Error::other)?;
            writeln!(buf, "<Name>Product {product} Server</Name>").map_err(io::Error::other)?;
            writeln!(buf, "<InstanceId>/opt/product{product}</InstanceId>\n</SoftwareIdentity>")
                .map_err(io::Error::other)?;
        }
        let (metric, subtype) = METRICS[usize::try_from(records % 4).unwrap_or(0)];
        let start = records * 900;
        let (zone, shift) = if records % 5 == 0 { ("+02:00", 7200) } else { ("+00:00", 0) };
        let value = match records % 4 {
            2 => format!("{}.{:03}", rng.next() % 50, rng.next() % 1000),
            _ => (rng.next() % 500).to_string(),
        };
        writeln!(
            buf,
            "<Metric logTime=\"{}{zone}\">\n<Type>{metric}</Type>\n<SubType>{subtype}</SubType>\n<Value>{value}</Value>\n<Period>\n<StartTime>{}{zone}</StartTime>\n<EndTime>{}{zone}</EndTime>\n</Period>\n</Metric>",
            date_time(start + 900 + shift),
            date_time(start + shift),
            date_time(start + 900 + shift),
        )
        .map_err(io::Error::other)?;
        out.write_all(buf.as_bytes())?;
        bytes += buf.len() as u64;
        records += 1;
    }
    out.flush()?;
    Ok((bytes, records))
}

/// The floor: quick-xml's plain reader (SLMT has no namespaces) reading every event of the stream
/// from a buffered reader, reusing one buffer, building nothing. Returns the number of events.
pub fn scan(input: impl io::BufRead) -> usize {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::with_capacity(4096);
    let mut n = 0;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return n,
            Ok(Event::Start(e) | Event::Empty(e)) => n += 1 + e.attributes().count(),
            Ok(_) => n += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_deterministic_and_sized() {
        let mut a = Vec::new();
        let (bytes, records) = write_stream(&mut a, 100_000).unwrap();
        assert_eq!(bytes, a.len() as u64);
        assert!((100_000..100_400).contains(&bytes), "{bytes}");
        let mut b = Vec::new();
        write_stream(&mut b, 100_000).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.matches("<Metric ").count() as u64, records);
        assert!(text.starts_with("<SchemaVersion>2.1.1</SchemaVersion>\n<SoftwareIdentity>"));
        assert!(text.contains("<StartTime>2024-01-01T02:00:00+02:00</StartTime>"), "{}", &text[..600]);
        // Every event is read: 8 elements and their ends, text and the attribute per record.
        assert!(u64::try_from(scan(text.as_bytes())).unwrap() > records * 8);
    }
}
