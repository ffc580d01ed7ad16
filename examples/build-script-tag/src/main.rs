//! Prints the SWID tag that this crate's build script generated for it: the XML by default, the
//! CoSWID in hexadecimal with `--coswid`, the findings of NISTIR 8060 (authoritative primary tag)
//! with `--validate`, which exits with 1 on an error.

use iso19770_example_build_script_tag::{COSWID, SWIDTAG, validate_tag};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: iso19770-example-build-script-tag [--coswid | --validate]

Prints the SWID tag embedded in this program (XML), the CoSWID in hexadecimal (--coswid), or the
findings of NISTIR 8060 for an authoritative primary tag (--validate, exit status 1 on an error).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => print(SWIDTAG),
        ["--coswid"] => {
            let mut hex = String::with_capacity(COSWID.len() * 2 + 1);
            for byte in COSWID {
                let _ = write!(hex, "{byte:02x}");
            }
            hex.push('\n');
            eprintln!("CoSWID: {} bytes", COSWID.len());
            print(hex.as_bytes())
        }
        ["--validate"] => match validate_tag() {
            Ok(report) => {
                println!("{report}");
                if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
            }
            Err(e) => {
                eprintln!("error: the embedded tag does not decode: {e}");
                ExitCode::FAILURE
            }
        },
        ["-h" | "--help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Writes `bytes` to standard output; a closed pipe is no error.
fn print(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}
