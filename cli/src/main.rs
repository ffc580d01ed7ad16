//! `itam`: one command line over the ISO/IEC 19770 crates.
//!
//! Exit status: 0 success; 1 a check failed (a validation found an error, a conversion could not
//! carry everything without `--lossy`); 2 bad usage, or a file that cannot be read or decoded
//! (the message names the file and the place).

// Doc comments here are the help texts people read: product names stay without backticks.
#![allow(clippy::doc_markdown)]

use anyhow::Result;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod detect;
mod ent_cmd;
mod estate;
mod generate_cmd;
mod output;
mod progress;
mod reconcile_cmd;
mod rum_cmd;
mod swid_cmd;

/// SWID tags, CoSWIDs, entitlements, usage and the effective license position (ISO/IEC 19770).
#[derive(Parser)]
#[command(
    name = "itam",
    version,
    propagate_version = true,
    after_help = "Exit status: 0 success; 1 a check failed (a validation found an error, a conversion cannot carry everything without --lossy, measurements were refused); 2 bad usage, or a file that cannot be read or decoded (the message names the file and the place)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// SWID tags (ISO/IEC 19770-2) and CoSWIDs (RFC 9393).
    #[command(subcommand)]
    Swid(SwidCommand),
    /// Entitlements (ISO/IEC 19770-3 Ents).
    #[command(subcommand)]
    Ent(EntCommand),
    /// Resource utilization measurements (ISO/IEC 19770-4 RUMs) and field formats.
    #[command(subcommand)]
    Rum(RumCommand),
    /// The effective license position of a folder: tags, Ents, usage and an estate file.
    Reconcile(ReconcileArgs),
    /// Writes a generated estate, seeded, as a folder `itam reconcile` reads.
    ///
    /// Devices (workstations, laptops, clustered hosts with virtual machines, servers), users,
    /// a catalog, installations, Ents over every metric and usage, from the generator of
    /// iso19770-reconcile (its `generate` module documents the shape): the same seed and sizes
    /// write the same bytes.
    GenerateEstate(GenerateEstateArgs),
    /// Prints a completion script for a shell.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand)]
enum SwidCommand {
    /// Validates tags (XML, CoSWID or JSON); exits 1 when a finding is an error.
    Validate {
        /// The rule set.
        #[arg(long, value_enum, default_value_t = Profile::Iso)]
        profile: Profile,
        /// How findings are printed.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Files, or folders searched for `.swidtag`, `.xml`, `.coswid`, `.cbor` and `.json`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Converts a tag between XML, CoSWID (CBOR) and JSON; the input format is detected.
    Convert(ConvertArgs),
    /// Prints a readable summary of a tag.
    Inspect {
        /// The tag.
        file: PathBuf,
    },
    /// Generates a primary tag (and its CoSWID) for a product, optionally with a payload.
    #[command(disable_version_flag = true)]
    Generate(GenerateArgs),
}

#[derive(Args)]
struct ConvertArgs {
    /// The format to write.
    #[arg(long, value_enum)]
    to: Format,
    /// Wrap a CoSWID in CBOR tag 1398229316.
    #[arg(long)]
    tagged: bool,
    /// Convert even what the target format cannot carry, listing what was left out on stderr.
    #[arg(long)]
    lossy: bool,
    /// The input file.
    input: PathBuf,
    /// The output file; stdout when absent.
    output: Option<PathBuf>,
}

#[derive(Args)]
struct GenerateArgs {
    /// The product name.
    #[arg(long)]
    name: String,
    /// The product version.
    #[arg(long)]
    version: String,
    /// The software creator's registration id (a domain name: `example.com`).
    #[arg(long)]
    regid: String,
    /// The software creator's name (default: the regid).
    #[arg(long)]
    creator: Option<String>,
    /// The edition.
    #[arg(long)]
    edition: Option<String>,
    /// A folder whose files become the tag's payload, with SHA-256 digests.
    #[arg(long)]
    payload: Option<PathBuf>,
    /// The folder to write `REGID_TAGID.swidtag` and `.coswid` to; the XML goes to stdout when
    /// absent.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum EntCommand {
    /// Converts an Ent between XML, JSON and CBOR; the input format is detected.
    Convert(ConvertArgs),
    /// Validates Ents; exits 1 when a finding is an error.
    Validate {
        /// How findings are printed.
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Ent files (XML, JSON or CBOR).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Imports the `licensing` of a CycloneDX 1.5/1.6 BOM (JSON or XML) as Ents.
    ImportCyclonedx {
        /// The BOM.
        input: PathBuf,
        /// A folder to write one `<entId>.ent.json` per Ent to; a JSON array on stdout when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum RumCommand {
    /// Converts a RUM between XML, JSON and CBOR, or an SLMT stream or Cisco report into RUMs.
    Convert(ConvertArgs),
    /// Aggregates measurements per asset, metric and period (peak, sum, count, average).
    Aggregate {
        /// The period.
        #[arg(long, value_enum, default_value_t = Period::Day)]
        period: Period,
        /// How the result is printed.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// RUM files, SLMT streams (`.slmtag`) or Cisco RUM reports.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct ReconcileArgs {
    /// The folder: `estate.json`, `tags/<device>/…`, `ents/…`, `usage/…` (see `examples/estate`;
    /// `itam generate-estate` writes one).
    dir: PathBuf,
    /// The date of the position (default: `asOf` of `estate.json`).
    #[arg(long)]
    as_of: Option<String>,
    /// How entitlements are allocated.
    #[arg(long, value_enum, default_value_t = Objective::Priority)]
    objective: Objective,
    /// How the position is printed.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

#[derive(Args)]
struct GenerateEstateArgs {
    /// The seed of the random numbers.
    #[arg(long)]
    seed: u64,
    /// The number of installations, exactly.
    #[arg(long)]
    installations: usize,
    /// The number of Ents (default: one per 100 installations, at least 80).
    #[arg(long)]
    entitlements: Option<usize>,
    /// The folder to write `estate.json` (devices, users, catalog, installations, access
    /// records), `ents/<entId>.ent.json` and `usage/<rumId>.rum.json` to; created if missing,
    /// refused if not empty.
    out_dir: PathBuf,
}

/// A validation profile of SWID tags.
#[derive(Clone, Copy, ValueEnum)]
enum Profile {
    /// ISO/IEC 19770-2:2015.
    Iso,
    /// NISTIR 8060 (with the tag type and authority detected).
    Nistir8060,
    /// RFC 9393 CoSWID.
    Coswid,
}

/// A serialization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// XML.
    Xml,
    /// CBOR.
    Cbor,
    /// JSON.
    Json,
}

/// Text for people or JSON for programs.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    /// Text.
    Text,
    /// JSON.
    Json,
}

/// A table for people, JSON or CSV for programs.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    /// Aligned text.
    Table,
    /// JSON.
    Json,
    /// Comma-separated values.
    Csv,
}

/// An aggregation period.
#[derive(Clone, Copy, ValueEnum)]
enum Period {
    /// Hours.
    Hour,
    /// UTC days.
    Day,
    /// UTC months.
    Month,
    /// Everything as one period.
    Whole,
}

/// The allocation objective.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Objective {
    /// The documented priority order (greedy): each installation in turn to the first eligible
    /// entitlement that can take it.
    Priority,
    /// The optimal allocation: the most units covered within the quantities, then the least
    /// shortfall cost, then the priority order where that leaves a choice.
    Optimal,
}

/// What a command found.
enum Outcome {
    /// Success (exit 0).
    Ok,
    /// A check failed (exit 1).
    Failed,
    /// A file could not be read or decoded, the others were done (exit 2).
    Unreadable,
}

fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Swid(SwidCommand::Validate { profile, format, paths }) => swid_cmd::validate(profile, format, &paths),
        Command::Swid(SwidCommand::Convert(args)) => swid_cmd::convert(&args),
        Command::Swid(SwidCommand::Inspect { file }) => swid_cmd::inspect(&file),
        Command::Swid(SwidCommand::Generate(args)) => swid_cmd::generate(&args),
        Command::Ent(EntCommand::Convert(args)) => ent_cmd::convert(&args),
        Command::Ent(EntCommand::Validate { format, paths }) => ent_cmd::validate(format, &paths),
        Command::Ent(EntCommand::ImportCyclonedx { input, out }) => ent_cmd::import_cyclonedx(&input, out.as_deref()),
        Command::Rum(RumCommand::Convert(args)) => rum_cmd::convert(&args),
        Command::Rum(RumCommand::Aggregate { period, format, paths }) => rum_cmd::aggregate(period, format, &paths),
        Command::Reconcile(args) => reconcile_cmd::run(&args),
        Command::GenerateEstate(args) => generate_cmd::run(&args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "itam", &mut std::io::stdout());
            Ok(Outcome::Ok)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Ok(Outcome::Unreadable) => ExitCode::from(2),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
