//! What each metric counts: the subject an installation is charged under, and the units the
//! subject needs, with the arithmetic in words.
//!
//! | metric | subject | units |
//! |---|---|---|
//! | none, `perInstallation`, `other` | the installation (a suite's part: the suite's installation, that of its primary product on the device) | 1 |
//! | `perInstallation` with a `multipleInstalls` right of n | the user (else the device) | ⌈installations of the user ÷ n⌉ |
//! | `perDevice` | the device | 1 |
//! | `namedUser` | the user (else the device) | 1 |
//! | `namedUser` with a minimum m per processor | the server (a VM's host) | max(named users of the server, m × processors), processors by the catalog's core factors (⌈cores × factor⌉) or else sockets |
//! | `concurrentUser` | the pool | the peak of concurrent usage intervals of the product (values summed, whatever their metric and subtype), or, without usage, its distinct users |
//! | `perCore` | the server, or a VM licensed by itself | Σ max(cores of a processor, minimum per processor), at least the minimum per server, rounded up to whole packs; a VM by itself: max(virtual cores, minimum per processor); a host licensing VMs with a right of n VMs per licence: that × ⌈VMs ÷ n⌉, once with unlimited VMs |
//! | `perProcessor` | the server, or a VM | Σ over processors ⌈cores ÷ cores per licence⌉ (1 per processor without a limit) |
//! | `perSocket` | the server, or a VM | ⌈sockets ÷ sockets per licence⌉; a VM 1 |
//! | `processorCoreFactor` | the server (a VM's host: the whole host) | ⌈cores × core factor of its class⌉ (default factor, else 1) |
//! | `processorValueUnit` | the server (a VM's host) | full capacity: cores × PVU per core of its class; sub-capacity: the VMs' cores × PVU, at least the measured peak of the period, at most the full capacity |
//! | `clientAccess` | the access records of each product it names | distinct users (devices) in them, on top of the server licence (a CAL covers no installation) |
//! | `site`, `enterprise`, `unlimited` | the pool | 0: nothing is counted |
//! | `consumption` | the pool | Σ usage values of the product measured in its unit |
//!
//! A charge is never below 0 (a negative core factor or usage value counts as 0, and says so),
//! and counts saturate at the largest value rather than overflow.

use crate::context::Ctx;
use crate::input::{Device, Installation};
use crate::text::text;
use iso19770_core::decimal::Decimal;
use iso19770_ent::{AccessBy, Ent, Metric, Right};
use iso19770_resource_util::Measurement;
use iso19770_resource_util::aggregate::{Concurrency, Periods, Weight};
use std::collections::BTreeSet;

/// What a charge falls on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Subject(pub(crate) String);

impl Subject {
    /// `kind` (`device:`, `user:` …) followed by `id`, built without the formatting machinery
    /// (several per installation).
    fn of(kind: &str, id: &str) -> Self {
        let mut s = String::with_capacity(kind.len() + id.len());
        s.push_str(kind);
        s.push_str(id);
        Subject(s)
    }
}

/// The units a subject needs, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Charge {
    pub(crate) units: Decimal,
    pub(crate) explanation: String,
}

fn dec(n: u64) -> Decimal {
    Decimal::from(n)
}

/// Integer ceiling of a decimal (saturating at the decimal's range).
fn ceil(d: Decimal) -> Decimal {
    d.ceil()
}

fn vm_rights(ent: &Ent) -> (Option<u32>, bool, bool) {
    ent.rights
        .iter()
        .find_map(|r| match r {
            Right::Virtualization { vms_per_licence, unlimited_vms, host_licensing } => {
                Some((*vms_per_licence, *unlimited_vms, *host_licensing))
            }
            _ => None,
        })
        .unwrap_or((None, false, false))
}

/// The subject `inst` is charged under for `ent`; `suite_primary` is the installation standing
/// for the suite's installation when `ent` covers `inst` as a part of a suite.
pub(crate) fn subject(ctx: &Ctx<'_>, ent: &Ent, inst: &Installation, suite_primary: Option<&str>) -> Subject {
    let device_subject = || Subject::of("device:", &inst.device);
    let server = || match ctx.device(&inst.device) {
        Some(d) => Subject::of("device:", &ctx.host_of(d).id),
        None => device_subject(),
    };
    // Counted per installation, the parts of a suite on a device are one installation of it.
    let installation = || Subject::of("installation:", suite_primary.unwrap_or(&inst.id));
    let user_or_device = || match ctx.user_of(inst) {
        Some(u) => Subject::of("user:", u),
        None => device_subject(),
    };
    match ent.metric.as_ref() {
        Some(Metric::PerInstallation) => {
            if multiple_installs(ent).is_some() {
                user_or_device()
            } else {
                installation()
            }
        }
        Some(Metric::PerDevice) => device_subject(),
        Some(Metric::NamedUser { minimum_per_processor: None }) => user_or_device(),
        Some(
            Metric::ConcurrentUser
            | Metric::ClientAccess { .. }
            | Metric::Site
            | Metric::Enterprise
            | Metric::Unlimited
            | Metric::Consumption { .. },
        ) => Subject("pool".into()),
        Some(Metric::PerCore { .. } | Metric::PerProcessor { .. } | Metric::PerSocket { .. }) => {
            let (_, _, host_licensing) = vm_rights(ent);
            if host_licensing { server() } else { device_subject() }
        }
        Some(
            Metric::NamedUser { minimum_per_processor: Some(_) }
            | Metric::ProcessorCoreFactor { .. }
            | Metric::ProcessorValueUnit { .. },
        ) => server(),
        // No metric, `other`, and any metric this engine does not know: per installation.
        _ => installation(),
    }
}

fn multiple_installs(ent: &Ent) -> Option<u32> {
    ent.rights.iter().find_map(|r| match r {
        Right::MultipleInstalls { per_licence } => Some(*per_licence),
        _ => None,
    })
}

/// The units `subject` needs under `ent` for installations of `product`; never below 0.
pub(crate) fn charge(ctx: &Ctx<'_>, ent: &Ent, subject: &Subject, product: &str, tag_id: Option<&str>) -> Charge {
    let c = units(ctx, ent, subject, product, tag_id);
    if c.units.is_sign_negative() && !c.units.is_zero() {
        return Charge { units: Decimal::ZERO, explanation: text!("{} (below 0: counted as 0)", c.explanation) };
    }
    c
}

fn units(ctx: &Ctx<'_>, ent: &Ent, subject: &Subject, product: &str, tag_id: Option<&str>) -> Charge {
    let id = subject.0.split_once(':').map_or("", |(_, id)| id);
    // Looked up by the metrics that count the device (most installations' do not).
    let device = || ctx.device(id);
    let one = |what: &str| Charge { units: Decimal::ONE, explanation: text!("1 licence for {what}") };
    match ent.metric.as_ref() {
        None => one(&text!("{} (no metric: per installation)", subject.0)),
        Some(Metric::Other { name, .. }) => one(&text!("{} (metric {name} counted per installation)", subject.0)),
        Some(Metric::PerInstallation) => match multiple_installs(ent) {
            Some(n) => {
                let count = installations_of(ctx, subject, product);
                let n = u64::from(n.max(1));
                let units = count.div_ceil(n);
                Charge {
                    units: dec(units),
                    explanation: text!("{count} installation(s) of {}, {n} per licence → {units}", subject.0),
                }
            }
            None => one(&subject.0),
        },
        Some(Metric::PerDevice | Metric::NamedUser { minimum_per_processor: None }) => one(&subject.0),
        Some(Metric::NamedUser { minimum_per_processor: Some(m) }) => {
            named_user_minimum(ctx, device(), id, product, *m)
        }
        Some(Metric::ConcurrentUser) => concurrent(ctx, ent, product, tag_id),
        Some(Metric::ClientAccess { access_by }) => {
            let set: BTreeSet<&str> = ctx
                .input
                .accesses
                .iter()
                .filter(|a| a.product == product)
                .filter_map(|a| match access_by {
                    AccessBy::User => a.user.as_deref(),
                    AccessBy::Device => a.device.as_deref(),
                })
                .collect();
            let what = if *access_by == AccessBy::User { "users" } else { "devices" };
            Charge {
                units: dec(set.len() as u64),
                explanation: text!("{} distinct {what} access {product}", set.len()),
            }
        }
        Some(Metric::Site | Metric::Enterprise | Metric::Unlimited) => Charge {
            units: Decimal::ZERO,
            explanation: "a site, enterprise or unlimited licence: nothing is counted".into(),
        },
        Some(Metric::Consumption { unit, .. }) => consumption(ctx, ent, product, tag_id, unit),
        Some(Metric::PerCore { minimum_per_processor, minimum_per_server, pack_size }) => {
            per_core(ctx, ent, device(), product, *minimum_per_processor, *minimum_per_server, *pack_size)
        }
        Some(Metric::PerProcessor { cores_per_licence }) => match device() {
            Some(d) => {
                let per = u64::from(cores_per_licence.unwrap_or(0));
                let each = if per == 0 { 1 } else { u64::from(d.cores_per_processor).div_ceil(per).max(1) };
                let units = each * u64::from(d.processors);
                let why = if per == 0 {
                    text!("{} processor(s) → {units}", d.processors)
                } else {
                    text!(
                        "{} processor(s) of {} cores, {per} cores per licence → {each} each → {units}",
                        d.processors,
                        d.cores_per_processor
                    )
                };
                Charge { units: dec(units), explanation: text!("{}: {why}", d.id) }
            }
            None => one(&subject.0),
        },
        Some(Metric::PerSocket { sockets_per_licence }) => match device() {
            Some(d) if !d.is_virtual() => {
                let per = u64::from(sockets_per_licence.unwrap_or(1).max(1));
                let units = u64::from(d.processors).div_ceil(per);
                Charge {
                    units: dec(units),
                    explanation: text!("{}: {} socket(s), {per} per licence → {units}", d.id, d.processors),
                }
            }
            Some(d) => Charge { units: Decimal::ONE, explanation: text!("{}: a virtual machine → 1", d.id) },
            None => one(&subject.0),
        },
        Some(Metric::ProcessorCoreFactor { core_factors, default_factor }) => match device() {
            Some(d) => {
                let (factor, source) = factor_of(d, core_factors, *default_factor);
                let cores = dec(d.cores());
                let raw = cores.saturating_mul(factor);
                let units = ceil(raw);
                Charge {
                    units,
                    explanation: text!(
                        "{}: {} cores × core factor {factor} ({source}) = {raw} → {units} processor licence(s)",
                        d.id,
                        d.cores()
                    ),
                }
            }
            None => one(&subject.0),
        },
        Some(Metric::ProcessorValueUnit { pvu_per_core, default_pvu_per_core, sub_capacity }) => {
            pvu(ctx, device(), product, tag_id, pvu_per_core, *default_pvu_per_core, *sub_capacity)
        }
        Some(m) => one(&text!("{} (metric {} counted per installation)", subject.0, m.name())),
    }
}

fn installations_of(ctx: &Ctx<'_>, subject: &Subject, product: &str) -> u64 {
    ctx.installations_of(&subject.0, product)
}

fn factor_of(d: &Device, table: &[iso19770_ent::CoreFactor], default: Option<Decimal>) -> (Decimal, String) {
    let class = d.processor_class.as_deref();
    if let Some(f) = class.and_then(|c| table.iter().find(|f| f.processor_class == c)) {
        return (f.factor, text!("class {}", f.processor_class));
    }
    match default {
        Some(f) => (f, text!("default, class {}", class.unwrap_or("unknown"))),
        None => (Decimal::ONE, text!("class {} not in the table: 1", class.unwrap_or("unknown"))),
    }
}

fn named_user_minimum(ctx: &Ctx<'_>, server: Option<&Device>, id: &str, product: &str, m: u32) -> Charge {
    let mut users: BTreeSet<&str> = BTreeSet::new();
    let on_server = |dev: &str| dev == id || ctx.device(dev).is_some_and(|d| d.host() == Some(id));
    // The installations on the server itself and on the devices it hosts.
    let devices = std::iter::once(id).chain(ctx.hosted_on(id).iter().map(|d| d.id.as_str()));
    for dev in devices {
        for i in ctx.on_device.get(dev).into_iter().flatten().filter(|i| i.product.product == product) {
            if let Some(u) = ctx.user_of(i) {
                users.insert(u);
            }
        }
    }
    for a in ctx.accesses_of(product) {
        if a.server.as_deref().is_some_and(on_server)
            && let Some(u) = a.user.as_deref()
        {
            users.insert(u);
        }
    }
    let Some(d) = server else {
        return Charge {
            units: dec(users.len() as u64),
            explanation: text!("{} named user(s); no server data for the minimum", users.len()),
        };
    };
    let (processors, how) = match d
        .processor_class
        .as_deref()
        .and_then(|c| ctx.catalog.core_factors.iter().find(|f| f.processor_class == c))
    {
        Some(f) => {
            let p = ceil(dec(d.cores()).saturating_mul(f.factor));
            (p, text!("{} cores × core factor {} = {p} processor(s)", d.cores(), f.factor))
        }
        None => (dec(u64::from(d.processors)), text!("{} socket(s)", d.processors)),
    };
    let minimum = processors.saturating_mul(dec(u64::from(m)));
    let named = dec(users.len() as u64);
    let units = named.max(minimum);
    Charge {
        units,
        explanation: text!(
            "{}: {} named user(s); minimum {m} per processor × {how} = {minimum} → {units}",
            d.id,
            users.len()
        ),
    }
}

fn concurrent(ctx: &Ctx<'_>, ent: &Ent, product: &str, tag_id: Option<&str>) -> Charge {
    let mut sweep = Concurrency::new(Periods::Whole, Weight::Value);
    let mut used = 0u64;
    let window = crate::eligibility::window(ent);
    for m in ctx.usage_of(product, tag_id) {
        let (Some(s), Some(e)) = (m.start.as_ref(), m.end.as_ref()) else { continue };
        let (Ok(s), Ok(e)) = (s.instant(), e.instant()) else { continue };
        if window.0.is_some_and(|w| e <= w) || window.1.is_some_and(|w| s > w) {
            continue;
        }
        // One sweep for every interval of the product, whatever its metric and subtype (the
        // sweep would keep them apart).
        let interval =
            Measurement { start: m.start.clone(), end: m.end.clone(), ..Measurement::new("concurrent", m.value) };
        if sweep.add(product, &interval).is_ok() {
            used += 1;
        }
    }
    let peak = sweep.finish().ok().and_then(|p| p.into_values().next()).map(|p| p.overall);
    match peak {
        Some(p) if used > 0 => Charge {
            units: p.level.ceil(),
            explanation: text!("peak of {} concurrent at {} over {used} usage interval(s)", p.level, p.at),
        },
        _ => {
            let users: BTreeSet<&str> =
                ctx.installations_of_product(product).iter().filter_map(|i| ctx.user_of(i)).collect();
            Charge {
                units: dec(users.len() as u64),
                explanation: text!("no usage measured: {} distinct user(s) with an installation", users.len()),
            }
        }
    }
}

fn consumption(ctx: &Ctx<'_>, ent: &Ent, product: &str, tag_id: Option<&str>, unit: &str) -> Charge {
    let same = |s: Option<&str>| s.is_some_and(|s| s.eq_ignore_ascii_case(unit));
    let window = crate::eligibility::window(ent);
    let mut total = Decimal::ZERO;
    let mut n = 0u64;
    for m in ctx.usage_of(product, tag_id) {
        // Within the Ent's terms: by the end (else the start, else the log time) of the measurement.
        let at = [m.end.as_ref(), m.start.as_ref(), m.log_time.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|t| t.instant().ok());
        if let Some(at) = at
            && (window.0.is_some_and(|w| at < w) || window.1.is_some_and(|w| at > w))
        {
            continue;
        }
        if same(Some(&m.metric)) || same(m.subtype.as_deref()) || same(m.unit.as_deref()) {
            total = total.saturating_add(m.value);
            n += 1;
        }
    }
    Charge { units: total, explanation: text!("{total} {unit} consumed over {n} measurement(s)") }
}

fn per_core(
    ctx: &Ctx<'_>,
    ent: &Ent,
    device: Option<&Device>,
    product: &str,
    min_processor: Option<u32>,
    min_server: Option<u32>,
    pack: Option<u32>,
) -> Charge {
    let Some(d) = device else {
        return Charge { units: Decimal::ZERO, explanation: "no device data: no cores counted".into() };
    };
    let min_p = u64::from(min_processor.unwrap_or(0));
    let mut why = Vec::new();
    let base = if d.is_virtual() && ctx.host_of(d).id == d.id || !d.is_virtual() {
        let per = u64::from(d.cores_per_processor).max(min_p);
        let mut total = per * u64::from(d.processors);
        why.push(text!("{}: {} processor(s) × {} core(s)", d.id, d.processors, d.cores_per_processor));
        if per > u64::from(d.cores_per_processor) {
            why.push(text!("{min_p} core minimum per processor → {total}"));
        }
        let min_s = u64::from(min_server.unwrap_or(0));
        if total < min_s {
            total = min_s;
            why.push(text!("{min_s} per server → {total}"));
        }
        if d.is_virtual() {
            why.push("(a virtual machine licensed by itself)".into());
        }
        total
    } else {
        let v = d.cores().max(min_p);
        why.push(text!("{}: {} virtual core(s), at least {min_p} per virtual machine → {v}", d.id, d.cores()));
        v
    };
    let (vms_per, unlimited, host_licensing) = vm_rights(ent);
    let mut total = base;
    if host_licensing && !d.is_virtual() {
        let vms = ctx.vms_on_host.get(d.id.as_str()).map_or(0, |vms| {
            vms.iter()
                .filter(|v| {
                    ctx.on_device.get(v.id.as_str()).is_some_and(|l| l.iter().any(|i| i.product.product == product))
                })
                .count()
        }) as u64;
        if unlimited {
            why.push(text!("{vms} virtual machine(s): unlimited with the licensed host"));
        } else if let Some(k) = vms_per {
            let k = u64::from(k.max(1));
            let sets = vms.div_ceil(k).max(1);
            total = base.saturating_mul(sets);
            why.push(text!("{vms} virtual machine(s), {k} per licensed core set → {sets} set(s) → {total}"));
        }
    }
    if let Some(p) = pack.filter(|p| *p > 1) {
        let p = u64::from(p);
        let packs = total.div_ceil(p);
        let rounded = packs.saturating_mul(p);
        why.push(text!("{packs} {p}-core pack(s) = {rounded} core licences"));
        total = rounded;
    }
    Charge { units: dec(total), explanation: why.join(" → ") }
}

fn pvu(
    ctx: &Ctx<'_>,
    server: Option<&Device>,
    product: &str,
    tag_id: Option<&str>,
    table: &[iso19770_ent::PvuRating],
    default: Option<u32>,
    sub_capacity: bool,
) -> Charge {
    let Some(host) = server else {
        return Charge { units: Decimal::ZERO, explanation: "no device data: no PVUs counted".into() };
    };
    let class = host.processor_class.as_deref();
    let rating = class.and_then(|c| table.iter().find(|r| r.processor_class == c)).map(|r| r.pvu_per_core).or(default);
    let Some(per_core) = rating else {
        return Charge {
            units: Decimal::ZERO,
            explanation: text!(
                "{}: processor class {} has no PVU rating and there is no default: not counted",
                host.id,
                class.unwrap_or("unknown")
            ),
        };
    };
    let per_core = u64::from(per_core);
    let full = host.cores().saturating_mul(per_core);
    let full_why = text!("{}: {} cores × {per_core} PVU = {full} (full capacity)", host.id, host.cores());
    let physical_install =
        ctx.on_device.get(host.id.as_str()).is_some_and(|l| l.iter().any(|i| i.product.product == product));
    if !sub_capacity || physical_install {
        return Charge { units: dec(full), explanation: full_why };
    }
    let vms: Vec<&Device> = ctx
        .vms_on_host
        .get(host.id.as_str())
        .map(|v| {
            v.iter()
                .copied()
                .filter(|v| {
                    ctx.on_device.get(v.id.as_str()).is_some_and(|l| l.iter().any(|i| i.product.product == product))
                })
                .collect()
        })
        .unwrap_or_default();
    let vm_cores = vms.iter().fold(0u64, |sum, v| sum.saturating_add(v.cores()));
    let snapshot = vm_cores.saturating_mul(per_core);
    let ids: BTreeSet<&str> = vms.iter().map(|v| v.id.as_str()).chain([host.id.as_str()]).collect();
    let measured = ctx
        .input
        .usage
        .iter()
        .filter(|r| {
            r.asset.as_ref().is_some_and(|a| {
                a.device_id.as_deref().is_some_and(|d| ids.contains(d))
                    && (a.name.as_deref() == Some(product) || (tag_id.is_some() && a.tag_id.as_deref() == tag_id))
            })
        })
        .flat_map(|r| r.measurements.iter())
        .filter(|m| m.metric.to_ascii_uppercase().contains("VALUE_UNIT") || m.unit.as_deref() == Some("PVU"))
        .map(|m| m.value)
        .max();
    let demand = measured.map_or(dec(snapshot), |p| p.max(dec(snapshot)));
    let units = demand.min(dec(full));
    let peak = measured.map(|p| text!(", measured peak {p}")).unwrap_or_default();
    Charge {
        units,
        explanation: text!(
            "{}: sub-capacity, {} virtual machine(s) with {vm_cores} cores × {per_core} PVU = {snapshot}{peak}; capped at the host's {full} → {units}",
            host.id,
            vms.len()
        ),
    }
}
