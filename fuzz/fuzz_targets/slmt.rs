//! IBM SLMT streams: every record of the stream, with the default record limit and with a small
//! one (so that `RecordTooLarge` is reached on fuzzer-sized inputs), then collected into RUMs.
#![no_main]

use iso19770_resource_util::import::slmt::{self, SlmtOptions, SlmtReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Each item consumes at least one fragment's bytes or ends the stream: the count is bounded
    // by the input; the cap is a guard against a reader that stops advancing.
    for record in SlmtReader::new(data).take(data.len() + 2) {
        let _ = record;
    }
    let small = SlmtOptions::default().with_max_record_bytes(128);
    for record in SlmtReader::with_options(data, &small).take(data.len() + 2) {
        let _ = record;
    }
    let _ = slmt::read_rums(data);
});
