//! Reconciles a generated estate (issue 9's scale check): the time of the generation and of the
//! reconciliation, the peak resident memory, and what the position comes to, for one objective
//! or both.
//!
//! ```sh
//! cargo run --release -p iso19770-benches --example reconcile_scale -- SIZE [priority|optimal|both] [--seed N] [--entitlements N] [--flow]
//! ```
//!
//! With `--incremental`, a [`Reconciler`] of the estate and 40 single-installation changes
//! (20 installations spread over the estate, each removed and added back; `APPLIES=N` in the
//! environment for N): the time of each `apply`, median, 90th percentile and largest.
//!
//! With `--flow`, also the flow network of the optimal allocation
//! (`iso19770_reconcile::optimal::flow_network`): its nodes and arcs and the time of its solve.
//!
//! One line of `key=value` figures per objective. The peak memory is `VmHWM` of
//! `/proc/self/status` at the end (the generated input included): run one objective per
//! process to measure each apart. The totals (shortfall units summed over the Ents, shortfall
//! cost, installations covered and unlicensed) are what the savings table of
//! `benches/README.md` compares.

#![allow(missing_docs)]

use iso19770_reconcile::generate::{Params, generate};
use iso19770_reconcile::incremental::{Change, Reconciler};
use iso19770_reconcile::{Objective, Position, optimal, reconcile};
use rust_decimal::Decimal;
use std::error::Error;
use std::time::Instant;

/// `VmHWM` of this process in KiB, when the system tells.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// KiB as MiB with one decimal.
fn mib(kib: u64) -> String {
    format!("{}.{}", kib / 1024, kib % 1024 * 10 / 1024)
}

fn totals(p: &Position) -> (Decimal, Decimal, usize, usize) {
    let short: Decimal = p.entitlements.iter().map(|e| e.shortfall).sum();
    let cost: Decimal = p.entitlements.iter().filter_map(|e| e.shortfall_cost).sum();
    let covered = p.consumers.iter().filter(|c| c.covered_by.is_some()).count();
    (short, cost, covered, p.unlicensed.len())
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let mut size: Option<usize> = None;
    let mut which = "both".to_owned();
    let mut seed = 1_u64;
    let mut ents: Option<usize> = None;
    let mut flow = false;
    let mut incremental = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().ok_or("--seed needs a value")?.parse()?,
            "--entitlements" => ents = Some(args.next().ok_or("--entitlements needs a value")?.parse()?),
            "priority" | "optimal" | "both" => which = a,
            "--flow" => flow = true,
            "--incremental" => incremental = true,
            n => size = Some(n.replace('_', "").parse()?),
        }
    }
    let size = size.ok_or("give the number of installations")?;
    let mut params = Params::new(seed, size);
    if let Some(e) = ents {
        params = params.with_entitlements(e);
    }
    let t = Instant::now();
    let mut input = generate(&params);
    let generated = t.elapsed();
    println!(
        "generated installations={} entitlements={} devices={} seconds={:.3} peak_mib={}",
        input.installations.len(),
        input.entitlements.len(),
        input.estate.devices.len(),
        generated.as_secs_f64(),
        mib(peak_kib().unwrap_or(0))
    );
    if incremental {
        input.objective = if which == "optimal" { Objective::Optimal } else { Objective::Priority };
        let t = Instant::now();
        let mut r = Reconciler::new(input.clone());
        let built = t.elapsed();
        let n = input.installations.len();
        if n == 0 {
            return Err("--incremental needs at least one installation".into());
        }
        let mut times = Vec::new();
        let mut touched = Vec::new();
        for k in 0..std::env::var("APPLIES").ok().and_then(|v| v.parse().ok()).unwrap_or(20) {
            let inst = input.installations[(k * 7919 + 11) % n].clone();
            let t = Instant::now();
            let delta = r.apply(Change::RemoveInstallation(inst.id.clone()));
            times.push(t.elapsed());
            touched.push(delta.consumers.len());
            let t = Instant::now();
            r.apply(Change::AddInstallation(inst));
            times.push(t.elapsed());
        }
        times.sort();
        touched.sort_unstable();
        println!(
            "incremental {:?} build_seconds={:.3} apply_median_ms={:.2} apply_p90_ms={:.2} apply_max_ms={:.2} touched_median={} touched_max={} peak_mib={}",
            input.objective,
            built.as_secs_f64(),
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[times.len() * 9 / 10].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0,
            touched[touched.len() / 2],
            touched[touched.len() - 1],
            mib(peak_kib().unwrap_or(0))
        );
        return Ok(());
    }
    let objectives: &[Objective] = match which.as_str() {
        "priority" => &[Objective::Priority],
        "optimal" => &[Objective::Optimal],
        _ => &[Objective::Priority, Objective::Optimal],
    };
    for objective in objectives {
        input.objective = *objective;
        let t = Instant::now();
        let position = reconcile(&input);
        let took = t.elapsed();
        let (short, cost, covered, unlicensed) = totals(&position);
        println!(
            "{objective:?} seconds={:.3} peak_mib={} shortfall_units={} shortfall_cost={} covered={covered} unlicensed={unlicensed} findings={}",
            took.as_secs_f64(),
            mib(peak_kib().unwrap_or(0)),
            short.normalize(),
            cost.normalize(),
            position.findings.len()
        );
    }
    if flow {
        let t = Instant::now();
        let net = optimal::flow_network(&input).ok_or("no flow network")?;
        let built = t.elapsed();
        let t = Instant::now();
        let solution = net.solve()?;
        // The largest arc cost: whether a 32-bit solver (LEMON through `mcmf`) could take it.
        let max_cost = net.arc_ids().filter_map(|a| net.arc(a)).map(|(_, _, _, cost)| cost.unsigned_abs()).max();
        println!(
            "flow nodes={} arcs={} max_cost={} build_seconds={:.3} solve_seconds={:.3} pivots={} peak_mib={}",
            net.node_count(),
            net.arc_count(),
            max_cost.unwrap_or(0),
            built.as_secs_f64(),
            t.elapsed().as_secs_f64(),
            solution.pivots,
            mib(peak_kib().unwrap_or(0))
        );
    }
    Ok(())
}
