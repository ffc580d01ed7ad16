//! Cisco RUM reports: JSON, double-encoded payloads and the XML envelope, through `read` (which
//! detects the form), `read_json`, `read_envelope` with a small record limit, and `read_rums`.
#![no_main]

use iso19770_resource_util::import::cisco::{self, CiscoOptions, ReportSink};
use iso19770_resource_util::{Measurement, Rum};
use libfuzzer_sys::fuzz_target;

struct Discard;

impl ReportSink for Discard {
    fn measurement(&mut self, _report: usize, _measurement: Measurement) {}
    fn report(&mut self, _report: usize, _head: Rum) {}
}

fuzz_target!(|data: &[u8]| {
    let _ = cisco::read_rums(data);
    let small = CiscoOptions::default().with_max_record_bytes(256);
    let _ = cisco::read(data, &small, &mut Discard);
    let _ = cisco::read_json(data, &small, &mut Discard);
    let _ = cisco::read_envelope(data, &small, &mut Discard);
});
