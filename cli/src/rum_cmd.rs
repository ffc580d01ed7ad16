//! `itam rum …`: convert RUMs and field formats, aggregate usage.

use crate::detect;
use crate::output::{csv, table, write};
use crate::{ConvertArgs, Format, Outcome, Period, TableFormat};
use anyhow::{Context, Result, anyhow};
use iso19770_resource_util::aggregate::{Aggregator, Periods};
use iso19770_resource_util::import::{cisco, slmt};
use iso19770_resource_util::{Measurement, Rum};
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// What a usage file holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// An IBM SLMT fragment stream.
    Slmt,
    /// A Cisco RUM report (JSON, or its XML envelope).
    Cisco,
    /// This project's RUM form.
    Rum(Format),
}

/// The kind of a usage file, from its extension and first bytes.
pub(crate) fn kind(path: &Path) -> Result<Kind> {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("slmtag")) {
        return Ok(Kind::Slmt);
    }
    let mut head = vec![0u8; 4096];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(path).with_context(|| format!("{}: cannot read", path.display()))?;
        f.read(&mut head).with_context(|| format!("{}: cannot read", path.display()))?
    };
    head.truncate(n);
    let text = String::from_utf8_lossy(&head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    Ok(match detect::format(&head) {
        Format::Xml if start.contains("<smartLicense") => Kind::Cisco,
        Format::Xml
            if ["<SchemaVersion", "<SoftwareIdentity", "<Product", "<Metric"].iter().any(|t| start.contains(t))
                && !start.contains("<Rum") =>
        {
            Kind::Slmt
        }
        Format::Json if text.contains("\"payload\"") && !text.contains("\"rumId\"") => Kind::Cisco,
        f => Kind::Rum(f),
    })
}

/// Every RUM of a usage file, of any kind.
pub(crate) fn read_rums(path: &Path) -> Result<Vec<Rum>> {
    let open = || -> Result<BufReader<std::fs::File>> {
        Ok(BufReader::new(std::fs::File::open(path).with_context(|| format!("{}: cannot read", path.display()))?))
    };
    match kind(path)? {
        Kind::Slmt => {
            let (rums, err) = slmt::read_rums(open()?);
            match err {
                Some(e) if rums.is_empty() => Err(e).with_context(|| format!("{}: not an SLMT stream", path.display())),
                Some(e) => {
                    eprintln!("warning: {}: {e} (the records before it are read)", path.display());
                    Ok(rums)
                }
                None => Ok(rums),
            }
        }
        Kind::Cisco => {
            let (rums, err) = cisco::read_rums(open()?);
            match err {
                Some(e) => Err(e).with_context(|| format!("{}: not a Cisco RUM report", path.display())),
                None => Ok(rums),
            }
        }
        Kind::Rum(format) => {
            let bytes = detect::read(path)?;
            let rum = match format {
                Format::Xml => Rum::from_xml_str(&detect::text(path, &bytes)?),
                Format::Json => Rum::from_json_str(&detect::text(path, &bytes)?),
                Format::Cbor => Rum::from_cbor_slice(&bytes),
            }
            .with_context(|| format!("{}: not a RUM", path.display()))?;
            Ok(vec![rum])
        }
    }
}

pub(crate) fn convert(args: &ConvertArgs) -> Result<Outcome> {
    let mut rums = read_rums(&args.input)?;
    if args.to != Format::Xml && args.lossy {
        let mut dropped = Vec::new();
        for r in &mut rums {
            crate::ent_cmd::strip_xml(&mut r.extensions, "Rum", &mut dropped);
            if let Some(a) = &mut r.asset {
                crate::ent_cmd::strip_xml(&mut a.extensions, "asset", &mut dropped);
            }
            for (i, m) in r.measurements.iter_mut().enumerate() {
                crate::ent_cmd::strip_xml(&mut m.extensions, &format!("measurements[{i}]"), &mut dropped);
            }
        }
        for d in dropped {
            eprintln!("left out: {d}");
        }
    }
    let bytes = match (args.to, rums.as_slice()) {
        (Format::Xml, [one]) => one.to_xml_string().map(String::into_bytes),
        (Format::Cbor, [one]) => one.to_cbor_vec(),
        (Format::Json, [one]) => one.to_json_string_pretty().map(|s| (s + "\n").into_bytes()),
        (Format::Json, many) => {
            let parts: Result<Vec<String>, _> = many.iter().map(Rum::to_json_string_pretty).collect();
            parts.map(|p| format!("[{}]\n", p.join(",\n")).into_bytes())
        }
        (_, many) => {
            return Err(anyhow!(
                "{}: holds {} RUMs; only JSON writes several (--to json)",
                args.input.display(),
                many.len()
            ));
        }
    };
    crate::output::converted(args, bytes)
}

/// The asset key measurements are grouped by: the measured software's identity, else its
/// instance, else the RUM's id.
fn asset_key(rum_asset: Option<&iso19770_resource_util::MeasuredAsset>, rum_id: &str) -> String {
    rum_asset.and_then(|a| a.identity().or(a.instance_id.as_deref()).or(a.name.as_deref())).unwrap_or(rum_id).to_owned()
}

pub(crate) fn aggregate(period: Period, format: TableFormat, paths: &[PathBuf]) -> Result<Outcome> {
    let periods = match period {
        Period::Hour => Periods::hourly(),
        Period::Day => Periods::UtcDays,
        Period::Month => Periods::UtcMonths,
        Period::Whole => Periods::Whole,
    };
    let mut agg = Aggregator::new(periods);
    let mut refused = 0u64;
    let mut add = |agg: &mut Aggregator, key: &str, m: &Measurement, file: &Path| {
        if let Err(e) = agg.add(key, m) {
            refused += 1;
            eprintln!("warning: {}: {e}", file.display());
        }
    };
    let files = detect::files(paths, &["slmtag", "xml", "json", "cbor", "rum"])?;
    let bar = crate::progress::bar(files.len() as u64, "aggregating");
    for f in &files {
        bar.inc(1);
        if kind(f)? == Kind::Slmt {
            // Streamed: one record at a time.
            let file = std::fs::File::open(f).with_context(|| format!("{}: cannot read", f.display()))?;
            for record in slmt::SlmtReader::new(BufReader::new(file)) {
                match record {
                    Ok(r) => add(&mut agg, &asset_key(r.asset.as_deref(), "slmt"), &r.measurement, f),
                    Err(e) => eprintln!("warning: {}: {e}", f.display()),
                }
            }
        } else {
            for rum in read_rums(f)? {
                let key = asset_key(rum.asset.as_ref(), &rum.rum_id);
                for m in &rum.measurements {
                    add(&mut agg, &key, m, f);
                }
            }
        }
    }
    bar.finish_and_clear();
    let header = ["ASSET", "METRIC", "SUBTYPE", "PERIOD", "COUNT", "SUM", "PEAK", "MINIMUM", "AVERAGE"];
    let rows: Vec<Vec<String>> = agg
        .rows()
        .map(|(k, p, s)| {
            vec![
                k.asset.clone(),
                k.metric.clone(),
                k.subtype.clone().unwrap_or_default(),
                p.to_string(),
                s.count.to_string(),
                s.sum.normalize().to_string(),
                s.peak.normalize().to_string(),
                s.minimum.normalize().to_string(),
                s.average().rounded(6).map(|a| a.normalize().to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let out = match format {
        TableFormat::Table => table(&header, &rows),
        TableFormat::Csv => csv(&header, &rows),
        TableFormat::Json => {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::Value::Object(
                        header
                            .iter()
                            .zip(r)
                            .map(|(h, c)| (h.to_ascii_lowercase(), serde_json::Value::String(c.clone())))
                            .collect(),
                    )
                })
                .collect();
            serde_json::to_string_pretty(&list)? + "\n"
        }
    };
    write(None, out.as_bytes())?;
    Ok(if refused > 0 { Outcome::Failed } else { Outcome::Ok })
}
