//! Runs the `itam` binary for every subcommand, with good and bad files and flags, and checks
//! what it prints and its exit status (0 success, 1 a failed check, 2 bad usage or input).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

/// A successful run's standard output.
trait Succeeds {
    fn succeeds(&mut self) -> Vec<u8>;
}

impl Succeeds for Command {
    fn succeeds(&mut self) -> Vec<u8> {
        self.assert().success().get_output().stdout.clone()
    }
}

fn itam() -> Command {
    Command::cargo_bin("itam").unwrap()
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

const BASELINE: &str = "swid/tests/fixtures/valid/baseline-primary-auth.swidtag";
/// A tag without content that CoSWID cannot carry (strongSwan swidGenerator's docker template).
const TEMPLATE: &str = "swid/tests/fixtures/valid/docker_deb_SWID-Template.xml";
const ENT: &str = "ent/tests/fixtures/valid/windows-server-2022-datacenter-per-core.json";

#[test]
fn swid_validate_exits_by_findings() {
    itam()
        .args(["swid", "validate"])
        .arg(repo(BASELINE))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 error(s)"));
    // NIST's GEN-11-1 fixture has an invalid link: an error finding, exit 1.
    itam()
        .args(["swid", "validate", "--profile", "nistir8060"])
        .arg(repo("swid/tests/fixtures/valid/GEN-11-1-link-invalid-swid-scheme.swidtag"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("GEN-11-1"));
    // JSON output is an array of file reports.
    let out = itam().args(["swid", "validate", "--format", "json"]).arg(repo(BASELINE)).succeeds();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["report"]["errors"], 0);
    // A folder is searched.
    itam()
        .args(["swid", "validate"])
        .arg(repo("examples/estate/tags/ws-01"))
        .assert()
        .success()
        .stdout(predicate::str::contains("word.swidtag"));
}

#[test]
fn swid_validate_bad_input_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.swidtag");
    std::fs::write(&bad, "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\" name=\"x\"\n tagId=\"y\"><Entity></SoftwareIdentity>").unwrap();
    itam()
        .args(["swid", "validate"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.swidtag: not a SWID tag").and(predicate::str::contains("line 2")));
    itam()
        .args(["swid", "validate", "--profile", "nist"])
        .arg(repo(BASELINE))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'nist'"));
    itam().args(["swid", "validate"]).assert().code(2);
    itam()
        .args(["swid", "validate"])
        .arg(dir.path().join("missing.swidtag"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
}

#[test]
fn swid_convert_round_trips_and_refuses_loss() {
    let dir = tempfile::tempdir().unwrap();
    let cbor = dir.path().join("tag.coswid");
    itam().args(["swid", "convert", "--to", "cbor"]).arg(repo(TEMPLATE)).arg(&cbor).assert().success();
    let json = itam().args(["swid", "convert", "--to", "json"]).arg(&cbor).succeeds();
    assert!(String::from_utf8(json).unwrap().contains("\"software-name\""));
    let xml = itam().args(["swid", "convert", "--to", "xml"]).arg(&cbor).succeeds();
    assert!(String::from_utf8(xml).unwrap().starts_with("<?xml"));
    // Tagged CoSWID: CBOR tag 1398229316 (0xda 0x53 0x57 0x49 0x44).
    let tagged = itam().args(["swid", "convert", "--to", "cbor", "--tagged"]).arg(repo(TEMPLATE)).succeeds();
    assert_eq!(&tagged[..5], &[0xda, 0x53, 0x57, 0x49, 0x44]);
    // A signed tag cannot become CoSWID without --lossy.
    let signed = repo("swid/tests/fixtures/valid/test.example.pkg1-1.2.0-1.fc28.x86_64-rpm-signed.swidtag");
    itam()
        .args(["swid", "convert", "--to", "cbor"])
        .arg(&signed)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--lossy"));
    itam()
        .args(["swid", "convert", "--to", "cbor", "--lossy"])
        .arg(&signed)
        .assert()
        .success()
        .stderr(predicate::str::contains("left out:"));
    itam().args(["swid", "convert", "--to", "yaml"]).arg(repo(BASELINE)).assert().code(2);
}

#[test]
fn swid_inspect_and_generate() {
    itam()
        .args(["swid", "inspect"])
        .arg(repo(BASELINE))
        .assert()
        .success()
        .stdout(predicate::str::contains("a primary tag").and(predicate::str::contains("tag id:")));
    let dir = tempfile::tempdir().unwrap();
    let payload = dir.path().join("payload");
    std::fs::create_dir(&payload).unwrap();
    std::fs::write(payload.join("app.bin"), b"hello").unwrap();
    let out = dir.path().join("out");
    let printed = itam()
        .args([
            "swid",
            "generate",
            "--name",
            "Example App",
            "--version",
            "1.2.3",
            "--regid",
            "example.com",
            "--edition",
            "pro",
            "--payload",
        ])
        .arg(&payload)
        .arg("--out")
        .arg(&out)
        .succeeds();
    let printed = String::from_utf8(printed).unwrap();
    let swidtag = printed.lines().next().unwrap();
    assert!(swidtag.ends_with(".swidtag"), "{printed}");
    // The generated tag validates clean, and names the payload's file.
    itam().args(["swid", "validate"]).arg(swidtag).assert().success();
    itam()
        .args(["swid", "inspect"])
        .arg(swidtag)
        .assert()
        .success()
        .stdout(predicate::str::contains("payload:     1 file(s)"));
    itam()
        .args(["swid", "generate", "--name", "x", "--version", "1", "--regid", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--regid"));
}

#[test]
fn ent_convert_validate_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("ent.xml");
    itam().args(["ent", "convert", "--to", "xml"]).arg(repo(ENT)).arg(&xml).assert().success();
    let cbor = dir.path().join("ent.cbor");
    itam().args(["ent", "convert", "--to", "cbor"]).arg(&xml).arg(&cbor).assert().success();
    let back = itam().args(["ent", "convert", "--to", "json"]).arg(&cbor).succeeds();
    let original = iso19770_ent::Ent::from_json_str(&std::fs::read_to_string(repo(ENT)).unwrap()).unwrap();
    assert_eq!(iso19770_ent::Ent::from_json_str(std::str::from_utf8(&back).unwrap()).unwrap(), original);
    itam().args(["ent", "validate"]).arg(repo(ENT)).assert().success().stdout(predicate::str::contains("0 error(s)"));
    itam()
        .args(["ent", "validate", "--format", "json"])
        .arg(repo("ent/tests/fixtures/invalid/subscription-ends-before-start.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ent-dates-ordered"));
    itam()
        .args(["ent", "validate"])
        .arg(repo("ent/tests/fixtures/invalid/float-quantity.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("float-quantity.json: not an Ent").and(predicate::str::contains("quantity")));
    // CycloneDX: JSON to stdout, XML into a folder.
    itam()
        .args(["ent", "import-cyclonedx"])
        .arg(repo("ent/tests/fixtures/cyclonedx/valid-license-licensing-1.5.json"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("[").and(predicate::str::contains("\"entId\"")));
    let out = dir.path().join("ents");
    itam()
        .args(["ent", "import-cyclonedx", "--out"])
        .arg(&out)
        .arg(repo("ent/tests/fixtures/cyclonedx/valid-license-licensing-1.5.xml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(".ent.json"));
    assert!(std::fs::read_dir(&out).unwrap().count() >= 1);
    itam()
        .args(["ent", "import-cyclonedx"])
        .arg(repo(ENT))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a CycloneDX BOM"));
}

#[test]
fn rum_convert_and_aggregate() {
    let slmt = repo("resource-util/tests/fixtures/slmt/ibm-slmt-2.1.1-odm-decisions.slmtag");
    let json = itam().args(["rum", "convert", "--to", "json"]).arg(&slmt).succeeds();
    let rum = iso19770_resource_util::Rum::from_json_str(std::str::from_utf8(&json).unwrap()).unwrap();
    assert_eq!(rum.measurements[0].value.to_string(), "1.235");
    let dir = tempfile::tempdir().unwrap();
    let cbor = dir.path().join("odm.cbor");
    itam().args(["rum", "convert", "--to", "cbor"]).arg(&slmt).arg(&cbor).assert().success();
    itam()
        .args(["rum", "convert", "--to", "xml"])
        .arg(&cbor)
        .assert()
        .success()
        .stdout(predicate::str::contains("<Rum "));
    // Cisco report.
    itam()
        .args(["rum", "convert", "--to", "json"])
        .arg(repo("resource-util/tests/fixtures/cisco/cisco-slp-rum-report-nexus9300.PARTIAL.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("N9K-C9364C-GX"));
    // Aggregation per day, as a table and as CSV.
    itam()
        .args(["rum", "aggregate", "--period", "month"])
        .arg(&slmt)
        .assert()
        .success()
        .stdout(predicate::str::contains("MILLION_MONTHLY_DECISIONS").and(predicate::str::contains("1.235")));
    itam()
        .args(["rum", "aggregate", "--period", "whole", "--format", "csv"])
        .arg(repo("examples/estate/usage/autocad-sessions.rum.json"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ASSET,METRIC").and(predicate::str::contains("CONCURRENT_USER")));
    // The template's variables are bad values: reported, and the records are refused (exit 1 is
    // not reached because no record is read: the warning names the place).
    itam()
        .args(["rum", "aggregate"])
        .arg(repo("resource-util/tests/fixtures/slmt/ibm-slmt-2.1.1-lsf-variant.TEMPLATE.slmtag"))
        .assert()
        .success()
        .stderr(predicate::str::contains("$numCores"));
    itam()
        .args(["rum", "convert", "--to", "json"])
        .arg(repo("resource-util/tests/fixtures/cisco/cisco-slp-rum-report-nexus3550.AS-DOCUMENTED.xml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a Cisco RUM report"));
    itam().args(["rum", "aggregate", "--period", "week"]).arg(&slmt).assert().code(2);
}

#[test]
fn reconcile_the_example_estate() {
    let out = itam().args(["reconcile"]).arg(repo("examples/estate")).succeeds();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Effective license position as of 2025-06-30T00:00:00Z"), "{text}");
    // Oracle: 16 x86 cores × 0.5 = 8 processor licences, all 8 used.
    assert!(text.contains("db-01: 16 cores × core factor 0.5 (class x86) = 8.0 → 8 processor licence(s)"), "{text}");
    // The expired Visio subscription leaves two installations unlicensed.
    assert!(text.contains("ws-08/visio (Visio on ws-08): visio-sub-2024: its terms ended before the date"), "{text}");
    let json = itam().args(["reconcile", "--format", "json"]).arg(repo("examples/estate")).succeeds();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let ws = v["entitlements"].as_array().unwrap().iter().find(|e| e["entId"] == "ws-std-2022").unwrap();
    assert_eq!((ws["consumed"].as_str(), ws["shortfall"].as_str()), (Some("96"), Some("16")));
    itam()
        .args(["reconcile", "--format", "csv"])
        .arg(repo("examples/estate"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ENTITLEMENT,METRIC,STATUS"));
    // Another date: on 2025-01-01 the Visio subscription is active.
    itam()
        .args(["reconcile", "--as-of", "2025-01-01T00:00:00Z"])
        .arg(repo("examples/estate"))
        .assert()
        .success()
        .stdout(predicate::str::contains("visio-sub-2024    namedUser            active"));
}

#[test]
fn reconcile_bad_folders_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    itam().args(["reconcile"]).arg(dir.path()).assert().code(2).stderr(predicate::str::contains("no estate.json"));
    std::fs::write(dir.path().join("estate.json"), "{\"devices\": [{\"id\": \"a\", \"processors\": -1}]}").unwrap();
    itam()
        .args(["reconcile"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("estate.json").and(predicate::str::contains("devices[0]/processors")));
    std::fs::write(dir.path().join("estate.json"), "{\"devices\": []}").unwrap();
    itam().args(["reconcile"]).arg(dir.path()).assert().code(2).stderr(predicate::str::contains("--as-of"));
    itam()
        .args(["reconcile", "--as-of", "2025-01-01T00:00:00Z", "--objective", "cheapest"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'cheapest'").and(predicate::str::contains("optimal")));
    // A tag directly in tags/ names no device.
    std::fs::create_dir(dir.path().join("tags")).unwrap();
    std::fs::copy(repo(BASELINE), dir.path().join("tags/t.swidtag")).unwrap();
    itam()
        .args(["reconcile", "--as-of", "2025-01-01T00:00:00Z"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tags/<device id>/"));
}

#[test]
fn reconcile_with_the_optimal_objective() {
    // Its figures are the engine's to settle: only that it runs and prints a position.
    for format in ["table", "json"] {
        let out = itam()
            .args(["reconcile", "--objective", "optimal", "--format", format])
            .arg(repo("examples/estate"))
            .succeeds();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("ws-std-2022") && text.contains("ora-ee-proc"), "{text}");
    }
    itam()
        .args(["reconcile", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("optimal").and(predicate::str::contains("not available").not()));
}

/// Every file of a folder, by its path inside it, with its bytes.
fn folder(dir: &std::path::Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn generate_estate_then_reconcile_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("estate");
    itam()
        .args(["generate-estate", "--seed", "7", "--installations", "2000", "--entitlements", "60"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2000 installations, 60 Ents").and(predicate::str::contains("(seed 7)")));
    let files = folder(&out);
    assert_eq!(files.keys().filter(|p| p.starts_with("ents")).count(), 60);
    assert!(files.contains_key(&PathBuf::from("estate.json")));
    assert!(files.keys().any(|p| p.starts_with("usage") && p.to_string_lossy().ends_with("-sessions.rum.json")));
    // The position of the folder is the position of the generated input.
    let json = itam().args(["reconcile", "--format", "json"]).arg(&out).succeeds();
    let input = iso19770_reconcile::generate::generate(
        &iso19770_reconcile::generate::Params::new(7, 2000).with_entitlements(60),
    );
    let expected = iso19770_reconcile::reconcile(&input).to_json_string_pretty() + "\n";
    assert_eq!(String::from_utf8(json.clone()).unwrap(), expected);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let ents = v["entitlements"].as_array().unwrap();
    assert_eq!(ents.len(), 60);
    assert_eq!(ents[0]["entId"], "ent-00-00");
    assert_eq!(v["consumers"].as_array().unwrap().len(), 2000);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    // The table names every entitlement.
    let table = itam().args(["reconcile"]).arg(&out).succeeds();
    let table = String::from_utf8(table).unwrap();
    assert!(table.starts_with("Effective license position as of 2025-06-30T00:00:00Z"), "{table}");
    assert!(ents.iter().all(|e| table.contains(e["entId"].as_str().unwrap())));
    // Into a folder that is not empty: refused, nothing written.
    itam()
        .args(["generate-estate", "--seed", "8", "--installations", "10"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not empty"));
    assert_eq!(folder(&out), files);
}

#[test]
fn generate_estate_is_byte_identical_for_a_seed() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let out = dir.path().join(name);
        itam().args(["generate-estate", "--seed", seed, "--installations", "1500"]).arg(&out).assert().success();
        folder(&out)
    };
    let (a, b, c) = (run("a", "99"), run("b", "99"), run("c", "100"));
    assert_eq!(a.len(), 80 + 1 + a.keys().filter(|p| p.starts_with("usage")).count());
    assert!(a == b, "the same seed wrote different folders");
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert_ne!(a.get(&PathBuf::from("estate.json")), c.get(&PathBuf::from("estate.json")));
}

#[test]
fn generate_estate_bad_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x");
    // Each bad command line: exit 2 and clap's message naming the flag or value.
    let bad: [(&[&str], &str); 4] = [
        (&["--installations", "10"], "--seed <SEED>"),
        (&["--seed", "seven", "--installations", "10"], "invalid value 'seven' for '--seed <SEED>'"),
        (&["--seed", "1", "--installations", "-5"], "--installations"),
        (&["--seed", "1", "--installations", "10", "--entitlements", "1.5"], "invalid value '1.5'"),
    ];
    for (args, message) in bad {
        itam().arg("generate-estate").args(args).arg(&out).assert().code(2).stderr(predicate::str::contains(message));
    }
    itam()
        .args(["generate-estate", "--seed", "1", "--installations", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<OUT_DIR>"));
    assert!(!out.exists());
    // A file where the folder should be.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    itam()
        .args(["generate-estate", "--seed", "1", "--installations", "10"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create the folder"));
}

#[test]
fn completions_and_help() {
    itam().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("_itam"));
    itam().arg("--help").assert().success().stdout(
        predicate::str::contains("reconcile")
            .and(predicate::str::contains("generate-estate"))
            .and(predicate::str::contains("Exit status: 0 success; 1 a check failed")),
    );
    itam().arg("frobnicate").assert().code(2);
}

/// The README shows the main job's output: it must be what the command prints.
#[test]
fn the_readme_shows_the_main_jobs_output() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let command = "cargo run --release -p iso19770-cli -- reconcile examples/estate\n```\n\n```text\n";
    let start = readme.find(command).expect("the README shows the main job and its output") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let out = itam().args(["reconcile"]).arg(repo("examples/estate")).succeeds();
    assert_eq!(shown, String::from_utf8(out).unwrap(), "update the README's output of the main job");
}
