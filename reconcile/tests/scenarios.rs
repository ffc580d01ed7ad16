//! Scenario tests: each a small estate with its expected position worked out by hand in the
//! comment above it, then checked value by value against the engine.
//!
//! Conventions: the date is 2025-06-30 unless a scenario says otherwise; quantities are in the
//! metric's units (cores, not packs); installations are processed pinned first, then on fixed
//! devices, then on portable ones, each group by id.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use iso19770_ent::{
    AccessBy, CoreFactor, Cost, CostBasis, Ent, EntitledProduct, Limitation, Metric, PvuRating, Quantity, Right, Term,
    TermKind, VersionRange,
};
use iso19770_reconcile::{
    Access, CatalogProduct, Device, Input, Installation, Pin, Position, ProductId, Reason, Release, Status, Suite,
};
use iso19770_resource_util::{MeasuredAsset, Measurement, Rum};
use rust_decimal::Decimal;

const AS_OF: &str = "2025-06-30T00:00:00Z";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).expect("a decimal literal")
}

fn n(v: u64) -> Decimal {
    Decimal::from(v)
}

fn input() -> Input {
    Input::new(AS_OF)
}

fn inst(id: &str, product: ProductId, device: &str) -> Installation {
    Installation::new(id, product, device)
}

fn named(product: &str) -> ProductId {
    ProductId::named(product)
}

fn ent(id: &str, product: EntitledProduct, metric: Metric, quantity: u64) -> Ent {
    Ent::new(id).with_product(product).with_metric(metric).with_quantity(Quantity::count(quantity))
}

fn windows_dc(id: &str, quantity: u64) -> Ent {
    ent(id, EntitledProduct::named("Windows Server").with_edition("Datacenter"), Metric::per_core(8, 16, 2), quantity)
}

fn per_unit(amount: &str, currency: &str) -> Cost {
    Cost::new(d(amount), currency).with_basis(CostBasis::PerUnit)
}

fn subscription(start: &str, end: &str) -> Term {
    Term::new(TermKind::Subscription).from(start).until(end)
}

fn session(start: &str, end: &str) -> Measurement {
    Measurement::new("CONCURRENT_USER", Decimal::ONE).with_period(start, end)
}

fn rum(id: &str, product: &str, device: Option<&str>, measurements: Vec<Measurement>) -> Rum {
    let mut r = Rum::new(id).with_asset(MeasuredAsset {
        name: Some(product.into()),
        device_id: device.map(Into::into),
        ..MeasuredAsset::default()
    });
    r.measurements = measurements;
    r
}

fn with_org(mut device: Device, unit: &str) -> Device {
    device.org_unit = Some(unit.into());
    device
}

fn virtual_without_host(id: &str, processors: u32, cores: u32) -> Device {
    let mut device = Device::physical(id, processors, cores);
    device.kind = iso19770_reconcile::DeviceKind::Virtual { host: None };
    device
}

/// The Ent covering an installation.
fn covered_by<'a>(p: &'a Position, installation: &str) -> Option<&'a str> {
    p.consumer(installation).expect("the installation is a consumer").covered_by.as_deref()
}

/// The explanation of an installation's coverage.
fn explained<'a>(p: &'a Position, installation: &str) -> &'a str {
    &p.consumer(installation).expect("the installation is a consumer").explanation
}

/// The rejected alternatives of an installation: (entId, reason).
fn rejections<'a>(p: &'a Position, installation: &str) -> Vec<(&'a str, Reason)> {
    p.consumer(installation)
        .expect("the installation is a consumer")
        .rejected
        .iter()
        .map(|r| (r.ent_id.as_str(), r.reason))
        .collect()
}

/// The detail of one rejection.
fn rejection_detail<'a>(p: &'a Position, installation: &str, ent_id: &str) -> &'a str {
    &p.consumer(installation)
        .expect("the installation is a consumer")
        .rejected
        .iter()
        .find(|r| r.ent_id == ent_id)
        .expect("the Ent is rejected")
        .detail
}

/// (consumed, shortfall, surplus) of an Ent.
fn totals(p: &Position, ent_id: &str) -> (Decimal, Decimal, Option<Decimal>) {
    let e = p.entitlement(ent_id).expect("the Ent is in the position");
    (e.consumed, e.shortfall, e.surplus)
}

/// (subject, installations, units) of each allocation of an Ent.
fn allocations(p: &Position, ent_id: &str) -> Vec<(String, Vec<String>, Decimal)> {
    p.entitlement(ent_id)
        .expect("the Ent is in the position")
        .allocations
        .iter()
        .map(|a| (a.subject.clone(), a.installations.clone(), a.units))
        .collect()
}

fn alloc(subject: &str, installations: &[&str], units: u64) -> (String, Vec<String>, Decimal) {
    (subject.to_owned(), installations.iter().map(|s| (*s).to_owned()).collect(), n(units))
}

fn finding_codes(p: &Position) -> Vec<(&'static str, &str)> {
    p.findings.iter().map(|f| (f.code, f.subject.as_str())).collect()
}

// ---------------------------------------------------------------------------------------------
// Windows Server per core: minimums, packs, VM stacking, Datacenter
// ---------------------------------------------------------------------------------------------

/// One processor of 4 cores, Windows Server Datacenter per core (8 per processor, 16 per
/// server, 2-core packs), 16 cores entitled:
///
/// - 1 processor × 4 cores = 4 → 8 core minimum per processor → 8
/// - 8 < 16 per server → 16
/// - 16 ÷ 2 = 8 packs → 16 core licences
///
/// consumed 16 = entitled 16: shortfall 0, surplus 0.
#[test]
fn windows_server_core_minimums_one_small_processor() {
    let mut input = input();
    input.estate.devices.push(Device::physical("srv-1", 1, 4));
    input.installations.push(inst("i-1", named("Windows Server").edition("Datacenter"), "srv-1"));
    input.entitlements.push(windows_dc("ws-dc", 16));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ws-dc"), (n(16), n(0), Some(n(0))));
    assert_eq!(covered_by(&p, "i-1"), Some("ws-dc"));
    assert_eq!(
        explained(&p, "i-1"),
        "srv-1: 1 processor(s) × 4 core(s) → 8 core minimum per processor → 8 → 16 per server → 16 → 8 2-core pack(s) = 16 core licences"
    );
    assert_eq!(allocations(&p, "ws-dc"), vec![alloc("device:srv-1", &["i-1"], 16)]);
    assert!(p.unlicensed.is_empty());
    assert!(p.findings.is_empty(), "{:?}", p.findings);
}

/// Pack rounding above the minimums, two servers, 40 core licences at 100 EUR each:
///
/// - srv-a: 1 × 17 = 17 (≥ 8 per processor, ≥ 16 per server) → ⌈17 ÷ 2⌉ = 9 packs = 18
/// - srv-b: 2 × 12 = 24 → 12 packs = 24
///
/// i-a first: 18 ≤ 40, remaining 22; i-b needs 24 > 22 and there is no other Ent, so ws-dc takes
/// it anyway: consumed 18 + 24 = 42, shortfall 42 − 40 = 2, surplus 0, shortfall cost 2 × 100 =
/// 200 EUR.
#[test]
fn windows_server_pack_rounding_and_shortfall_cost() {
    let mut input = input();
    input.estate.devices.push(Device::physical("srv-a", 1, 17));
    input.estate.devices.push(Device::physical("srv-b", 2, 12));
    input.installations.push(inst("i-b", named("Windows Server").edition("Datacenter"), "srv-b"));
    input.installations.push(inst("i-a", named("Windows Server").edition("Datacenter"), "srv-a"));
    input.entitlements.push(windows_dc("ws-dc", 40).with_cost(per_unit("100", "EUR")));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ws-dc"), (n(42), n(2), Some(n(0))));
    let e = p.entitlement("ws-dc").unwrap();
    assert_eq!(e.shortfall_cost, Some(n(200)));
    assert_eq!(e.currency.as_deref(), Some("EUR"));
    assert_eq!(explained(&p, "i-a"), "srv-a: 1 processor(s) × 17 core(s) → 9 2-core pack(s) = 18 core licences");
    assert_eq!(explained(&p, "i-b"), "srv-b: 2 processor(s) × 12 core(s) → 12 2-core pack(s) = 24 core licences");
    assert_eq!(
        allocations(&p, "ws-dc"),
        vec![alloc("device:srv-a", &["i-a"], 18), alloc("device:srv-b", &["i-b"], 24)]
    );
    // The only Ent took it with a shortfall: nothing is listed as rejected.
    assert!(rejections(&p, "i-b").is_empty());
}

fn windows_standard(id: &str, quantity: u64) -> Ent {
    ent(id, EntitledProduct::named("Windows Server").with_edition("Standard"), Metric::per_core(8, 16, 2), quantity)
        .with_right(Right::Virtualization { vms_per_licence: Some(2), unlimited_vms: false, host_licensing: true })
}

/// Windows Server Standard, licensed at the host, 2 VMs per fully licensed host: a 2 × 8 host
/// running Windows Server Standard itself and in 2 VMs.
///
/// - hv-1: 2 × 8 = 16 (≥ 8 per processor, ≥ 16 per server)
/// - 2 VMs with the product, 2 per core set → ⌈2 ÷ 2⌉ = 1 set → 16
/// - 8 packs = 16
///
/// One allocation, subject the host, covering all three installations; consumed 16 of 16.
#[test]
fn windows_server_standard_two_vms_per_licensed_host() {
    let mut input = input();
    input.estate.devices.push(Device::physical("hv-1", 2, 8));
    input.estate.devices.push(Device::virtual_on("vm-1", "hv-1", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-2", "hv-1", 1, 4));
    let std = named("Windows Server").edition("Standard");
    input.installations.push(inst("i-host", std.clone(), "hv-1"));
    input.installations.push(inst("i-vm1", std.clone(), "vm-1"));
    input.installations.push(inst("i-vm2", std, "vm-2"));
    input.entitlements.push(windows_standard("ws-std", 16));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ws-std"), (n(16), n(0), Some(n(0))));
    assert_eq!(allocations(&p, "ws-std"), vec![alloc("device:hv-1", &["i-host", "i-vm1", "i-vm2"], 16)]);
    assert_eq!(
        explained(&p, "i-host"),
        "hv-1: 2 processor(s) × 8 core(s) → 2 virtual machine(s), 2 per licensed core set → 1 set(s) → 16 → 8 2-core pack(s) = 16 core licences"
    );
    assert_eq!(explained(&p, "i-vm1"), "device:hv-1 is already counted under it");
    assert_eq!(covered_by(&p, "i-vm2"), Some("ws-std"));
}

/// Stacking: a 1 × 6 host with 5 Windows Server Standard VMs, 32 core licences entitled at
/// 60 USD per core.
///
/// - hv-1: 1 × 6 = 6 → 8 core minimum per processor → 8 → 16 per server → 16
/// - 5 VMs, 2 per core set → ⌈5 ÷ 2⌉ = 3 sets → 3 × 16 = 48 → 24 packs = 48
///
/// consumed 48, shortfall 48 − 32 = 16, cost 16 × 60 = 960 USD. (A VM on another host, and a
/// VM without the product on hv-1, are not counted.)
#[test]
fn windows_server_standard_stacks_a_core_set_per_two_vms() {
    let mut input = input();
    input.estate.devices.push(Device::physical("hv-1", 1, 6));
    input.estate.devices.push(Device::physical("hv-2", 1, 8));
    let std = named("Windows Server").edition("Standard");
    for k in 1..=5 {
        input.estate.devices.push(Device::virtual_on(format!("vm-{k}"), "hv-1", 1, 2));
        input.installations.push(inst(&format!("i-vm{k}"), std.clone(), &format!("vm-{k}")));
    }
    input.estate.devices.push(Device::virtual_on("vm-idle", "hv-1", 1, 2));
    input.estate.devices.push(Device::virtual_on("vm-other", "hv-2", 1, 2));
    input.installations.push(inst("i-other", std, "vm-other"));
    input.entitlements.push(windows_standard("ws-std", 32).with_cost(per_unit("60", "USD")));
    let p = iso19770_reconcile::reconcile(&input);
    let hv1 = "hv-1: 1 processor(s) × 6 core(s) → 8 core minimum per processor → 8 → 16 per server → 16 → 5 virtual machine(s), 2 per licensed core set → 3 set(s) → 48 → 24 2-core pack(s) = 48 core licences";
    assert_eq!(explained(&p, "i-vm1"), hv1);
    // hv-2: 1 × 8 = 8 → 16 per server → 16, 1 VM → 1 set → 16 → 8 packs: 16 more.
    // consumed 48 + 16 = 64, shortfall 64 − 32 = 32, cost 32 × 60 = 1920 USD.
    assert_eq!(
        explained(&p, "i-other"),
        "hv-2: 1 processor(s) × 8 core(s) → 16 per server → 16 → 1 virtual machine(s), 2 per licensed core set → 1 set(s) → 16 → 8 2-core pack(s) = 16 core licences"
    );
    assert_eq!(totals(&p, "ws-std"), (n(64), n(32), Some(n(0))));
    assert_eq!(p.entitlement("ws-std").unwrap().shortfall_cost, Some(n(1920)));
    // Allocations are listed in the order charged: i-other comes before i-vm1 by id.
    assert_eq!(
        allocations(&p, "ws-std"),
        vec![
            alloc("device:hv-2", &["i-other"], 16),
            alloc("device:hv-1", &["i-vm1", "i-vm2", "i-vm3", "i-vm4", "i-vm5"], 48)
        ]
    );
}

/// Windows Server Datacenter with unlimited VMs, licensed at the host: hv-1 (2 × 10) with 7
/// VMs, hv-2 (1 × 8) with 1 VM, 40 entitled.
///
/// - hv-1: 2 × 10 = 20 → 7 VMs, unlimited → 20 → 10 packs = 20
/// - hv-2: 1 × 8 = 8 → 16 per server → 16 → 1 VM, unlimited → 16 → 8 packs = 16
///
/// consumed 36, surplus 4.
#[test]
fn windows_server_datacenter_unlimited_vms_on_the_licensed_host() {
    let mut input = input();
    input.estate.devices.push(Device::physical("hv-1", 2, 10));
    input.estate.devices.push(Device::physical("hv-2", 1, 8));
    let dc = named("Windows Server").edition("Datacenter");
    for k in 1..=7 {
        input.estate.devices.push(Device::virtual_on(format!("vm-{k}"), "hv-1", 2, 4));
        input.installations.push(inst(&format!("i-{k}"), dc.clone(), &format!("vm-{k}")));
    }
    input.estate.devices.push(Device::virtual_on("vm-8", "hv-2", 2, 4));
    input.installations.push(inst("i-8", dc, "vm-8"));
    input.entitlements.push(windows_dc("ws-dc", 40).with_right(Right::Virtualization {
        vms_per_licence: None,
        unlimited_vms: true,
        host_licensing: true,
    }));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ws-dc"), (n(36), n(0), Some(n(4))));
    assert_eq!(
        explained(&p, "i-1"),
        "hv-1: 2 processor(s) × 10 core(s) → 7 virtual machine(s): unlimited with the licensed host → 10 2-core pack(s) = 20 core licences"
    );
    assert_eq!(
        explained(&p, "i-8"),
        "hv-2: 1 processor(s) × 8 core(s) → 16 per server → 16 → 1 virtual machine(s): unlimited with the licensed host → 8 2-core pack(s) = 16 core licences"
    );
    assert_eq!(
        allocations(&p, "ws-dc"),
        vec![
            alloc("device:hv-1", &["i-1", "i-2", "i-3", "i-4", "i-5", "i-6", "i-7"], 20),
            alloc("device:hv-2", &["i-8"], 16)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// SQL Server per core: per VM with a 4-core minimum, physical with 4 per processor
// ---------------------------------------------------------------------------------------------

/// SQL Server Enterprise per core: 4 per processor (per VM), 2-core packs, no host licensing,
/// so each VM is licensed by itself.
///
/// - vm-a: 1 × 2 = 2 vCores → at least 4 per VM → 4 → 2 packs = 4
/// - vm-b: 2 × 3 = 6 vCores → 6 → 3 packs = 6
/// - vm-c: 1 × 5 = 5 vCores → 5 → ⌈5 ÷ 2⌉ = 3 packs = 6
/// - sql-phys (physical): 2 × 2 → 4 core minimum per processor → 8 → 4 packs = 8
///
/// consumed 4 + 6 + 6 + 8 = 24 of 24.
#[test]
fn sql_server_per_vm_four_core_minimum() {
    let mut input = input();
    input.estate.devices.push(Device::physical("esx-1", 2, 16));
    input.estate.devices.push(Device::virtual_on("vm-a", "esx-1", 1, 2));
    input.estate.devices.push(Device::virtual_on("vm-b", "esx-1", 2, 3));
    input.estate.devices.push(Device::virtual_on("vm-c", "esx-1", 1, 5));
    input.estate.devices.push(Device::physical("sql-phys", 2, 2));
    let sql = named("SQL Server").edition("Enterprise");
    for (i, dev) in [("i-a", "vm-a"), ("i-b", "vm-b"), ("i-c", "vm-c"), ("i-p", "sql-phys")] {
        input.installations.push(inst(i, sql.clone(), dev));
    }
    input.entitlements.push(ent(
        "sql-ent",
        EntitledProduct::named("SQL Server").with_edition("Enterprise"),
        Metric::PerCore { minimum_per_processor: Some(4), minimum_per_server: None, pack_size: Some(2) },
        24,
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "sql-ent"), (n(24), n(0), Some(n(0))));
    assert_eq!(
        explained(&p, "i-a"),
        "vm-a: 2 virtual core(s), at least 4 per virtual machine → 4 → 2 2-core pack(s) = 4 core licences"
    );
    assert_eq!(
        explained(&p, "i-b"),
        "vm-b: 6 virtual core(s), at least 4 per virtual machine → 6 → 3 2-core pack(s) = 6 core licences"
    );
    assert_eq!(
        explained(&p, "i-c"),
        "vm-c: 5 virtual core(s), at least 4 per virtual machine → 5 → 3 2-core pack(s) = 6 core licences"
    );
    assert_eq!(
        explained(&p, "i-p"),
        "sql-phys: 2 processor(s) × 2 core(s) → 4 core minimum per processor → 8 → 4 2-core pack(s) = 8 core licences"
    );
    assert_eq!(
        allocations(&p, "sql-ent"),
        vec![
            alloc("device:vm-a", &["i-a"], 4),
            alloc("device:vm-b", &["i-b"], 6),
            alloc("device:vm-c", &["i-c"], 6),
            alloc("device:sql-phys", &["i-p"], 8),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Oracle: processor with core factors, Named User Plus with the 25-per-processor minimum
// ---------------------------------------------------------------------------------------------

fn oracle_processor(id: &str, quantity: u64) -> Ent {
    ent(
        id,
        EntitledProduct::named("Oracle Database").with_edition("Enterprise"),
        Metric::ProcessorCoreFactor {
            core_factors: vec![CoreFactor::new("x86", d("0.5")), CoreFactor::new("IBM POWER9", d("1.0"))],
            default_factor: None,
        },
        quantity,
    )
}

/// Oracle Database EE per processor, core factor x86 0.5 and POWER9 1.0, rounded up per server:
///
/// - db-a: 1 × 3 x86 = 3 cores × 0.5 = 1.5 → 2
/// - db-b: 1 × 5 x86 = 5 cores × 0.5 = 2.5 → 3 (a VM on db-b is the whole host: already counted)
/// - db-p: 2 × 8 POWER9 = 16 × 1.0 = 16 → 16
/// - db-u: 1 × 2 of class SPARC, not in the table and no default → factor 1: 2 → 2
///
/// consumed 2 + 3 + 16 + 2 = 23 (pooling the x86 servers would give ⌈8 × 0.5⌉ = 4, not 5);
/// 20 entitled → shortfall 3.
#[test]
fn oracle_processor_core_factor_rounds_up_per_server() {
    let mut input = input();
    input.estate.devices.push(Device::physical("db-a", 1, 3).with_class("x86"));
    input.estate.devices.push(Device::physical("db-b", 1, 5).with_class("x86"));
    input.estate.devices.push(Device::virtual_on("db-b-vm", "db-b", 1, 2));
    input.estate.devices.push(Device::physical("db-p", 2, 8).with_class("IBM POWER9"));
    input.estate.devices.push(Device::physical("db-u", 1, 2).with_class("SPARC"));
    let ora = named("Oracle Database").edition("Enterprise");
    for (i, dev) in [("i-a", "db-a"), ("i-b", "db-b"), ("i-bvm", "db-b-vm"), ("i-p", "db-p"), ("i-u", "db-u")] {
        input.installations.push(inst(i, ora.clone(), dev));
    }
    input.entitlements.push(oracle_processor("ora-proc", 20));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-a"), "db-a: 3 cores × core factor 0.5 (class x86) = 1.5 → 2 processor licence(s)");
    assert_eq!(explained(&p, "i-b"), "db-b: 5 cores × core factor 0.5 (class x86) = 2.5 → 3 processor licence(s)");
    assert_eq!(explained(&p, "i-bvm"), "device:db-b is already counted under it");
    assert_eq!(
        explained(&p, "i-p"),
        "db-p: 16 cores × core factor 1.0 (class IBM POWER9) = 16.0 → 16 processor licence(s)"
    );
    assert_eq!(
        explained(&p, "i-u"),
        "db-u: 2 cores × core factor 1 (class SPARC not in the table: 1) = 2 → 2 processor licence(s)"
    );
    assert_eq!(totals(&p, "ora-proc"), (n(23), n(3), Some(n(0))));
    assert_eq!(
        allocations(&p, "ora-proc"),
        vec![
            alloc("device:db-a", &["i-a"], 2),
            alloc("device:db-b", &["i-b", "i-bvm"], 3),
            alloc("device:db-p", &["i-p"], 16),
            alloc("device:db-u", &["i-u"], 2),
        ]
    );
}

fn oracle_nup(id: &str, quantity: u64) -> Ent {
    ent(
        id,
        EntitledProduct::named("Oracle Database").with_edition("Enterprise"),
        Metric::NamedUser { minimum_per_processor: Some(25) },
        quantity,
    )
}

fn access(product: &str, server: &str, user: &str) -> Access {
    Access { product: product.into(), server: Some(server.into()), user: Some(user.into()), device: None }
}

/// Oracle Named User Plus, 25 per processor, processors by the catalog's core factors (x86 0.5),
/// per server:
///
/// - db-1: 2 × 8 x86 = 16 cores × 0.5 = 8 processors → minimum 8 × 25 = 200; 12 named users →
///   max(12, 200) = 200
/// - db-2: 1 × 2 x86 = 2 × 0.5 = 1 processor → minimum 25; 30 named users → 30
/// - db-3: 1 socket of class SPARC (not in the catalog: sockets count) → minimum 25; 3 named
///   users reach it through a VM on db-3 → 25
///
/// consumed 200 + 30 + 25 = 255; 250 entitled → shortfall 5.
#[test]
fn oracle_named_user_plus_minimum_per_processor() {
    let mut input = input();
    input.catalog.core_factors.push(CoreFactor::new("x86", d("0.5")));
    input.estate.devices.push(Device::physical("db-1", 2, 8).with_class("x86"));
    input.estate.devices.push(Device::physical("db-2", 1, 2).with_class("x86"));
    input.estate.devices.push(Device::physical("db-3", 1, 4).with_class("SPARC"));
    input.estate.devices.push(Device::virtual_on("db-3-vm", "db-3", 1, 2));
    let ora = named("Oracle Database").edition("Enterprise");
    input.installations.push(inst("i-1", ora.clone(), "db-1"));
    input.installations.push(inst("i-2", ora.clone(), "db-2"));
    input.installations.push(inst("i-3", ora, "db-3-vm"));
    for k in 1..=12 {
        input.accesses.push(access("Oracle Database", "db-1", &format!("u{k:02}")));
    }
    for k in 1..=30 {
        input.accesses.push(access("Oracle Database", "db-2", &format!("u{k:02}")));
    }
    for k in 1..=3 {
        input.accesses.push(access("Oracle Database", "db-3-vm", &format!("v{k}")));
    }
    input.entitlements.push(oracle_nup("ora-nup", 250));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(
        explained(&p, "i-1"),
        "db-1: 12 named user(s); minimum 25 per processor × 16 cores × core factor 0.5 = 8 processor(s) = 200 → 200"
    );
    assert_eq!(
        explained(&p, "i-2"),
        "db-2: 30 named user(s); minimum 25 per processor × 2 cores × core factor 0.5 = 1 processor(s) = 25 → 30"
    );
    assert_eq!(explained(&p, "i-3"), "db-3: 3 named user(s); minimum 25 per processor × 1 socket(s) = 25 → 25");
    assert_eq!(totals(&p, "ora-nup"), (n(255), n(5), Some(n(0))));
    assert_eq!(
        allocations(&p, "ora-nup"),
        vec![
            alloc("device:db-1", &["i-1"], 200),
            alloc("device:db-2", &["i-2"], 30),
            alloc("device:db-3", &["i-3"], 25)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// IBM PVU: full capacity, sub-capacity capped at the host, measured peak
// ---------------------------------------------------------------------------------------------

fn pvu(id: &str, sub_capacity: bool, quantity: u64) -> Ent {
    ent(
        id,
        EntitledProduct::named("WebSphere"),
        Metric::ProcessorValueUnit {
            pvu_per_core: vec![PvuRating::new("x86", 70)],
            default_pvu_per_core: Some(120),
            sub_capacity,
        },
        quantity,
    )
}

/// PVU at full capacity (no sub-capacity right): every core of the physical server counts,
/// whether the product runs on it or in one of its VMs.
///
/// - host-1: 2 × 8 x86 = 16 cores × 70 = 1120 (the product is in a 4-core VM: still 1120)
/// - host-2: 1 × 4 of an unrated class → default 120 per core: 4 × 120 = 480
///
/// consumed 1600 of 2000: surplus 400.
#[test]
fn pvu_full_capacity_counts_the_whole_server() {
    let mut input = input();
    input.estate.devices.push(Device::physical("host-1", 2, 8).with_class("x86"));
    input.estate.devices.push(Device::virtual_on("vm-1", "host-1", 1, 4));
    input.estate.devices.push(Device::physical("host-2", 1, 4).with_class("ARM Neoverse"));
    input.installations.push(inst("i-1", named("WebSphere"), "vm-1"));
    input.installations.push(inst("i-2", named("WebSphere"), "host-2"));
    input.entitlements.push(pvu("was", false, 2000));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "host-1: 16 cores × 70 PVU = 1120 (full capacity)");
    assert_eq!(explained(&p, "i-2"), "host-2: 4 cores × 120 PVU = 480 (full capacity)");
    assert_eq!(totals(&p, "was"), (n(1600), n(0), Some(n(400))));
    assert_eq!(
        allocations(&p, "was"),
        vec![alloc("device:host-1", &["i-1"], 1120), alloc("device:host-2", &["i-2"], 480)]
    );
}

/// PVU sub-capacity: the cores of the VMs running the product, capped at the host.
///
/// - host-1: 2 × 8 x86 (full 1120); vm-1 (4 cores) and vm-2 (2 cores) run it, vm-3 (8 cores)
///   does not → 6 × 70 = 420 ≤ 1120 → 420
/// - host-2: 1 × 4 x86 (full 280); vm-4 and vm-5 of 4 cores each (over-committed) → 8 × 70 =
///   560, capped at 280 → 280
/// - host-3: 1 × 2 x86, the product on the host itself → full capacity 2 × 70 = 140
///
/// consumed 420 + 280 + 140 = 840 of 1000: surplus 160.
#[test]
fn pvu_sub_capacity_is_capped_at_the_host() {
    let mut input = input();
    input.estate.devices.push(Device::physical("host-1", 2, 8).with_class("x86"));
    input.estate.devices.push(Device::virtual_on("vm-1", "host-1", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-2", "host-1", 1, 2));
    input.estate.devices.push(Device::virtual_on("vm-3", "host-1", 1, 8));
    input.estate.devices.push(Device::physical("host-2", 1, 4).with_class("x86"));
    input.estate.devices.push(Device::virtual_on("vm-4", "host-2", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-5", "host-2", 1, 4));
    input.estate.devices.push(Device::physical("host-3", 1, 2).with_class("x86"));
    for (i, dev) in [("i-1", "vm-1"), ("i-2", "vm-2"), ("i-4", "vm-4"), ("i-5", "vm-5"), ("i-6", "host-3")] {
        input.installations.push(inst(i, named("WebSphere"), dev));
    }
    input.installations.push(inst("i-3", named("Other"), "vm-3"));
    input.entitlements.push(pvu("was", true, 1000));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(
        explained(&p, "i-1"),
        "host-1: sub-capacity, 2 virtual machine(s) with 6 cores × 70 PVU = 420; capped at the host's 1120 → 420"
    );
    assert_eq!(explained(&p, "i-2"), "device:host-1 is already counted under it");
    assert_eq!(
        explained(&p, "i-4"),
        "host-2: sub-capacity, 2 virtual machine(s) with 8 cores × 70 PVU = 560; capped at the host's 280 → 280"
    );
    assert_eq!(explained(&p, "i-6"), "host-3: 2 cores × 70 PVU = 140 (full capacity)");
    assert_eq!(totals(&p, "was"), (n(840), n(0), Some(n(160))));
    assert_eq!(p.unlicensed, vec!["i-3".to_owned()]);
}

/// PVU sub-capacity with a measured peak (an ILMT-style RUM of the product's PVUs on the
/// server): the higher of the VMs' cores and the peak, at most the full capacity.
///
/// - host-1: 2 × 8 x86 (full 1120); vm-1 (2 cores) → 2 × 70 = 140; measured peaks 300 and 420
///   → 420 → 420
/// - host-2: 1 × 4 x86 (full 280); vm-2 (2 cores) → 140; measured peak 500 (on vm-2) → capped
///   at 280
///
/// consumed 420 + 280 = 700 of 600: shortfall 100.
#[test]
fn pvu_sub_capacity_uses_the_measured_peak() {
    let mut input = input();
    input.estate.devices.push(Device::physical("host-1", 2, 8).with_class("x86"));
    input.estate.devices.push(Device::virtual_on("vm-1", "host-1", 1, 2));
    input.estate.devices.push(Device::physical("host-2", 1, 4).with_class("x86"));
    input.estate.devices.push(Device::virtual_on("vm-2", "host-2", 1, 2));
    input.installations.push(inst("i-1", named("WebSphere"), "vm-1"));
    input.installations.push(inst("i-2", named("WebSphere"), "vm-2"));
    input.usage.push(rum(
        "ilmt-host-1",
        "WebSphere",
        Some("host-1"),
        vec![Measurement::new("PROCESSOR_VALUE_UNIT", n(300)), Measurement::new("PROCESSOR_VALUE_UNIT", n(420))],
    ));
    input.usage.push(rum(
        "ilmt-vm-2",
        "WebSphere",
        Some("vm-2"),
        vec![Measurement::new("PROCESSOR_VALUE_UNIT", n(500))],
    ));
    input.entitlements.push(pvu("was", true, 600));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(
        explained(&p, "i-1"),
        "host-1: sub-capacity, 1 virtual machine(s) with 2 cores × 70 PVU = 140, measured peak 420; capped at the host's 1120 → 420"
    );
    assert_eq!(
        explained(&p, "i-2"),
        "host-2: sub-capacity, 1 virtual machine(s) with 2 cores × 70 PVU = 140, measured peak 500; capped at the host's 280 → 280"
    );
    assert_eq!(totals(&p, "was"), (n(700), n(100), Some(n(0))));
    assert!(p.findings.is_empty(), "{:?}", p.findings);
}

// ---------------------------------------------------------------------------------------------
// Concurrent users
// ---------------------------------------------------------------------------------------------

/// Concurrent users from RUM session intervals `[start, end)` on 2025-06-02, within the
/// subscription (2025):
///
/// - A 09:00–10:00, B 09:30–10:00, C 10:00–11:00, D 10:00–10:30
/// - 09:00 A → 1; 09:30 A B → 2; 10:00 A and B end as C and D start → 2 (not 4: an end at the
///   instant of a start does not overlap it); 10:30 C → 1; 11:00 → 0
/// - three 2024 sessions at once, before the subscription starts, are left out
///
/// peak 2, first at 09:30 → 2 of 2 entitled, one pool charge covering the four installations.
#[test]
fn concurrent_users_peak_from_session_intervals() {
    let mut input = input();
    for k in 1..=4 {
        input.estate.devices.push(Device::physical(format!("ws-{k}"), 1, 4));
        input.installations.push(inst(&format!("i-{k}"), named("CAD Studio"), &format!("ws-{k}")));
    }
    input.usage.push(rum(
        "flexlm-2025-06",
        "CAD Studio",
        None,
        vec![
            session("2025-06-02T09:00:00Z", "2025-06-02T10:00:00Z"),
            session("2025-06-02T09:30:00Z", "2025-06-02T10:00:00Z"),
            session("2025-06-02T10:00:00Z", "2025-06-02T11:00:00Z"),
            session("2025-06-02T10:00:00Z", "2025-06-02T10:30:00Z"),
        ],
    ));
    input.usage.push(rum(
        "flexlm-2024-11",
        "CAD Studio",
        None,
        (0..3).map(|_| session("2024-11-05T09:00:00Z", "2024-11-05T17:00:00Z")).collect(),
    ));
    input.entitlements.push(
        ent("cad-float", EntitledProduct::named("CAD Studio"), Metric::ConcurrentUser, 2)
            .with_term(subscription("2025-01-01T00:00:00Z", "2025-12-31T23:59:59Z")),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "peak of 2 concurrent at 2025-06-02T09:30:00Z over 4 usage interval(s)");
    assert_eq!(explained(&p, "i-4"), "pool is already counted under it");
    assert_eq!(totals(&p, "cad-float"), (n(2), n(0), Some(n(0))));
    assert_eq!(allocations(&p, "cad-float"), vec![alloc("pool", &["i-1", "i-2", "i-3", "i-4"], 2)]);
}

/// Concurrent users without any usage measured: the distinct users with an installation.
///
/// alice has ws-1 and lt-1, bob ws-2, ws-3 has no user → users {alice, bob} = 2; 1 entitled at
/// 250 USD → shortfall 1, cost 250.
#[test]
fn concurrent_users_without_usage_count_distinct_users() {
    let mut input = input();
    input.estate.devices.push(Device::physical("ws-1", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("lt-1", 1, 4).with_user("alice").portable());
    input.estate.devices.push(Device::physical("ws-2", 1, 4).with_user("bob"));
    input.estate.devices.push(Device::physical("ws-3", 1, 4));
    for (i, dev) in [("i-1", "ws-1"), ("i-2", "lt-1"), ("i-3", "ws-2"), ("i-4", "ws-3")] {
        input.installations.push(inst(i, named("CAD Studio"), dev));
    }
    input.entitlements.push(
        ent("cad-float", EntitledProduct::named("CAD Studio"), Metric::ConcurrentUser, 1)
            .with_cost(per_unit("250", "USD")),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "no usage measured: 2 distinct user(s) with an installation");
    assert_eq!(totals(&p, "cad-float"), (n(2), n(1), Some(n(0))));
    assert_eq!(p.entitlement("cad-float").unwrap().shortfall_cost, Some(n(250)));
}

// ---------------------------------------------------------------------------------------------
// Installations, devices, users
// ---------------------------------------------------------------------------------------------

/// Per installation, 2 entitled: pc-1 has two installations, pc-2 one → 3 licences; i-1 and
/// i-2 fit, i-3 finds 0 remaining and is charged anyway → consumed 3, shortfall 1. A second Ent
/// with no metric counts per installation too (and is a finding).
#[test]
fn per_installation_counts_every_installation() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.estate.devices.push(Device::physical("pc-2", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.installations.push(inst("i-2", named("Editor"), "pc-1"));
    input.installations.push(inst("i-3", named("Editor"), "pc-2"));
    input.installations.push(inst("i-4", named("Viewer"), "pc-2"));
    input.entitlements.push(ent("ed", EntitledProduct::named("Editor"), Metric::PerInstallation, 2));
    input
        .entitlements
        .push(Ent::new("vw").with_product(EntitledProduct::named("Viewer")).with_quantity(Quantity::count(1)));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ed"), (n(3), n(1), Some(n(0))));
    assert_eq!(explained(&p, "i-1"), "1 licence for installation:i-1");
    assert_eq!(
        allocations(&p, "ed"),
        vec![
            alloc("installation:i-1", &["i-1"], 1),
            alloc("installation:i-2", &["i-2"], 1),
            alloc("installation:i-3", &["i-3"], 1)
        ]
    );
    assert_eq!(explained(&p, "i-4"), "1 licence for installation:i-4 (no metric: per installation)");
    assert_eq!(p.entitlement("vw").unwrap().metric, "perInstallation");
    assert_eq!(totals(&p, "vw"), (n(1), n(0), Some(n(0))));
    assert_eq!(finding_codes(&p), vec![("no-metric", "ent:vw")]);
}

/// Per device, 2 entitled: pc-1 (two installations) and pc-2 (one) → 2 devices → consumed 2.
#[test]
fn per_device_counts_each_device_once() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.estate.devices.push(Device::physical("pc-2", 1, 4));
    input.installations.push(inst("i-1", named("Editor").version("10"), "pc-1"));
    input.installations.push(inst("i-2", named("Editor").version("11"), "pc-1"));
    input.installations.push(inst("i-3", named("Editor"), "pc-2"));
    input.entitlements.push(ent("ed", EntitledProduct::named("Editor"), Metric::PerDevice, 2));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ed"), (n(2), n(0), Some(n(0))));
    assert_eq!(explained(&p, "i-2"), "device:pc-1 is already counted under it");
    assert_eq!(
        allocations(&p, "ed"),
        vec![alloc("device:pc-1", &["i-1", "i-2"], 1), alloc("device:pc-2", &["i-3"], 1)]
    );
}

/// Named user, 5 entitled: alice (pc-a and her laptop lt-a), bob (pc-b), carol (an
/// installation on the shared kiosk, with her as its user), and lab-1 with no user (counted as
/// its device) → 4 subjects → consumed 4, surplus 1.
#[test]
fn named_user_counts_each_user_once() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-a", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("lt-a", 1, 4).with_user("alice").portable());
    input.estate.devices.push(Device::physical("pc-b", 1, 4).with_user("bob"));
    input.estate.devices.push(Device::physical("kiosk", 1, 4));
    input.estate.devices.push(Device::physical("lab-1", 1, 4));
    for (i, dev) in [("i-1", "pc-a"), ("i-2", "pc-b"), ("i-4", "lab-1"), ("i-5", "lt-a")] {
        input.installations.push(inst(i, named("Designer"), dev));
    }
    let mut kiosk = inst("i-3", named("Designer"), "kiosk");
    kiosk.user = Some("carol".into());
    input.installations.push(kiosk);
    input.entitlements.push(ent(
        "dsg",
        EntitledProduct::named("Designer"),
        Metric::NamedUser { minimum_per_processor: None },
        5,
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "dsg"), (n(4), n(0), Some(n(1))));
    assert_eq!(
        allocations(&p, "dsg"),
        vec![
            alloc("user:alice", &["i-1", "i-5"], 1),
            alloc("user:bob", &["i-2"], 1),
            alloc("user:carol", &["i-3"], 1),
            alloc("device:lab-1", &["i-4"], 1),
        ]
    );
    assert_eq!(explained(&p, "i-3"), "1 licence for user:carol");
    assert_eq!(explained(&p, "i-5"), "user:alice is already counted under it");
}

/// Multiple installs: per installation with a right of 2 installations per licence, counted per
/// user. alice has 3 installations (pc-a, lt-a, and one on the kiosk as its user) → ⌈3 ÷ 2⌉ =
/// 2; bob 1 → ⌈1 ÷ 2⌉ = 1 → consumed 3 of 3.
#[test]
fn multiple_installs_per_licence_count_per_user() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-a", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("lt-a", 1, 4).with_user("alice").portable());
    input.estate.devices.push(Device::physical("pc-b", 1, 4).with_user("bob"));
    input.estate.devices.push(Device::physical("kiosk", 1, 4));
    input.installations.push(inst("i-1", named("Office"), "pc-a"));
    input.installations.push(inst("i-2", named("Office"), "lt-a"));
    input.installations.push(inst("i-3", named("Office"), "pc-b"));
    let mut k = inst("i-4", named("Office"), "kiosk");
    k.user = Some("alice".into());
    input.installations.push(k);
    input.entitlements.push(
        ent("o365", EntitledProduct::named("Office"), Metric::PerInstallation, 3)
            .with_right(Right::MultipleInstalls { per_licence: 2 }),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "3 installation(s) of user:alice, 2 per licence → 2");
    assert_eq!(explained(&p, "i-3"), "1 installation(s) of user:bob, 2 per licence → 1");
    assert_eq!(totals(&p, "o365"), (n(3), n(0), Some(n(0))));
    assert_eq!(
        allocations(&p, "o365"),
        vec![alloc("user:alice", &["i-1", "i-4", "i-2"], 2), alloc("user:bob", &["i-3"], 1)]
    );
}

/// CALs from access records, on top of the server licence. Exchange Server by user: accesses
/// (alice, pc-1), (alice, pc-2), (alice, pc-3), (bob, pc-1), (carol, pc-4) and one with a
/// device only → users {alice, bob, carol} = 3; 2 entitled → shortfall 1. `SharePoint Server`
/// by device: (alice, pc-1), (bob, pc-1), (alice, pc-2), a device-only record for pc-5, and one
/// with a user only → devices {pc-1, pc-2, pc-5} = 3 of 5 → surplus 2. The Exchange server
/// itself is covered by its own per-device licence (1 of 1) while its CALs are counted; the
/// `SharePoint` server has CALs only, so its installation is unlicensed (a CAL is never a server
/// licence).
#[test]
fn client_access_licences_by_user_and_by_device() {
    let mut input = input();
    input.estate.devices.push(Device::physical("mail-1", 1, 8));
    input.estate.devices.push(Device::physical("sp-1", 1, 8));
    input.installations.push(inst("i-ex", named("Exchange Server"), "mail-1"));
    input.installations.push(inst("i-sp", named("SharePoint Server"), "sp-1"));
    let rec = |product: &str, user: Option<&str>, device: Option<&str>| Access {
        product: product.into(),
        server: None,
        user: user.map(Into::into),
        device: device.map(Into::into),
    };
    for (u, dv) in [("alice", "pc-1"), ("alice", "pc-2"), ("alice", "pc-3"), ("bob", "pc-1"), ("carol", "pc-4")] {
        input.accesses.push(rec("Exchange Server", Some(u), Some(dv)));
    }
    input.accesses.push(rec("Exchange Server", None, Some("pc-9")));
    for (u, dv) in [("alice", "pc-1"), ("bob", "pc-1"), ("alice", "pc-2")] {
        input.accesses.push(rec("SharePoint Server", Some(u), Some(dv)));
    }
    input.accesses.push(rec("SharePoint Server", None, Some("pc-5")));
    input.accesses.push(rec("SharePoint Server", Some("dave"), None));
    input.entitlements.push(ent(
        "ex-cal",
        EntitledProduct::named("Exchange Server"),
        Metric::ClientAccess { access_by: AccessBy::User },
        2,
    ));
    input.entitlements.push(ent(
        "sp-cal",
        EntitledProduct::named("SharePoint Server"),
        Metric::ClientAccess { access_by: AccessBy::Device },
        5,
    ));
    input.entitlements.push(ent("ex-server", EntitledProduct::named("Exchange Server"), Metric::PerDevice, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(p.consumer("i-ex").and_then(|c| c.covered_by.as_deref()), Some("ex-server"));
    assert_eq!(totals(&p, "ex-server"), (n(1), n(0), Some(n(0))));
    let cal = p.entitlement("ex-cal").unwrap();
    assert_eq!(cal.allocations.len(), 1);
    assert_eq!(cal.allocations[0].subject, "accesses:Exchange Server");
    assert_eq!(cal.allocations[0].explanation, "3 distinct users access Exchange Server");
    assert!(cal.allocations[0].installations.is_empty());
    assert_eq!(totals(&p, "ex-cal"), (n(3), n(1), Some(n(0))));
    assert_eq!(
        p.entitlement("sp-cal").unwrap().allocations[0].explanation,
        "3 distinct devices access SharePoint Server"
    );
    assert_eq!(totals(&p, "sp-cal"), (n(3), n(0), Some(n(2))));
    assert_eq!(p.unlicensed, vec!["i-sp".to_owned()]);
    // The product rows keep the metrics apart: the server licence and the CALs.
    let by_device = p.product_metric("Exchange Server", Some("perDevice")).unwrap();
    assert_eq!((by_device.installations, by_device.covered, by_device.consumed), (1, 1, n(1)));
    let by_access = p.product_metric("Exchange Server", Some("clientAccess")).unwrap();
    assert_eq!(
        (by_access.installations, by_access.covered, by_access.consumed, by_access.shortfall),
        (1, 0, n(3), n(1))
    );
}

// ---------------------------------------------------------------------------------------------
// Processors and sockets
// ---------------------------------------------------------------------------------------------

/// Per processor. vSphere, one licence per processor of up to 32 cores:
/// - esx-1: 2 processors of 40 cores → ⌈40 ÷ 32⌉ = 2 each → 4
/// - esx-2: 1 processor of 16 cores → 1 → 1
///
/// consumed 5 of 4: shortfall 1. A backup agent per processor with no core limit on a 2 × 12
/// server → 2 of 2.
#[test]
fn per_processor_with_cores_per_licence() {
    let mut input = input();
    input.estate.devices.push(Device::physical("esx-1", 2, 40));
    input.estate.devices.push(Device::physical("esx-2", 1, 16));
    input.estate.devices.push(Device::physical("srv", 2, 12));
    input.installations.push(inst("i-1", named("vSphere"), "esx-1"));
    input.installations.push(inst("i-2", named("vSphere"), "esx-2"));
    input.installations.push(inst("i-3", named("Backup Agent"), "srv"));
    input.entitlements.push(ent(
        "vs",
        EntitledProduct::named("vSphere"),
        Metric::PerProcessor { cores_per_licence: Some(32) },
        4,
    ));
    input.entitlements.push(ent(
        "bk",
        EntitledProduct::named("Backup Agent"),
        Metric::PerProcessor { cores_per_licence: None },
        2,
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "esx-1: 2 processor(s) of 40 cores, 32 cores per licence → 2 each → 4");
    assert_eq!(explained(&p, "i-2"), "esx-2: 1 processor(s) of 16 cores, 32 cores per licence → 1 each → 1");
    assert_eq!(totals(&p, "vs"), (n(5), n(1), Some(n(0))));
    assert_eq!(explained(&p, "i-3"), "srv: 2 processor(s) → 2");
    assert_eq!(totals(&p, "bk"), (n(2), n(0), Some(n(0))));
}

/// Per socket pair (Red Hat style, 2 sockets per licence), 4 entitled:
/// - rhel-1: 4 sockets → 2; rhel-2: 1 socket → ⌈1 ÷ 2⌉ = 1; rhel-3: 3 sockets → 2
/// - vm-1 (a VM on rhel-1, licensed by itself) → 1
///
/// i-1 (2) and i-2 (1) fit, leaving 1; i-3 needs 2 and i-4 needs 1 of −1 → both charged
/// anyway: consumed 6, shortfall 2.
#[test]
fn per_socket_pairs() {
    let mut input = input();
    input.estate.devices.push(Device::physical("rhel-1", 4, 8));
    input.estate.devices.push(Device::physical("rhel-2", 1, 8));
    input.estate.devices.push(Device::physical("rhel-3", 3, 8));
    input.estate.devices.push(Device::virtual_on("vm-1", "rhel-1", 2, 2));
    for (i, dev) in [("i-1", "rhel-1"), ("i-2", "rhel-2"), ("i-3", "rhel-3"), ("i-4", "vm-1")] {
        input.installations.push(inst(i, named("RHEL"), dev));
    }
    input.entitlements.push(ent(
        "rh",
        EntitledProduct::named("RHEL"),
        Metric::PerSocket { sockets_per_licence: Some(2) },
        4,
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "rhel-1: 4 socket(s), 2 per licence → 2");
    assert_eq!(explained(&p, "i-2"), "rhel-2: 1 socket(s), 2 per licence → 1");
    assert_eq!(explained(&p, "i-3"), "rhel-3: 3 socket(s), 2 per licence → 2");
    assert_eq!(explained(&p, "i-4"), "vm-1: a virtual machine → 1");
    assert_eq!(totals(&p, "rh"), (n(6), n(2), Some(n(0))));
}

// ---------------------------------------------------------------------------------------------
// Site, enterprise, unlimited; consumption
// ---------------------------------------------------------------------------------------------

/// Flat licences count nothing: a site licence (1 entitled) covering 3 installations → consumed
/// 0, surplus 1; an enterprise agreement with an unlimited quantity → entitled and surplus
/// absent; an unlimited metric with no quantity (counted as 0 entitled) → consumed 0 of 0.
#[test]
fn site_enterprise_and_unlimited_count_nothing() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.estate.devices.push(Device::physical("pc-2", 1, 4));
    for (i, prod, dev) in [
        ("i-1", "Antivirus", "pc-1"),
        ("i-2", "Antivirus", "pc-2"),
        ("i-3", "Antivirus", "pc-2"),
        ("i-4", "Java SE", "pc-1"),
        ("i-5", "PDF Reader", "pc-2"),
    ] {
        input.installations.push(inst(i, named(prod), dev));
    }
    input.entitlements.push(ent("av-site", EntitledProduct::named("Antivirus"), Metric::Site, 1));
    input.entitlements.push(
        Ent::new("java-ela")
            .with_product(EntitledProduct::named("Java SE"))
            .with_metric(Metric::Enterprise)
            .with_quantity(Quantity::Unlimited),
    );
    input
        .entitlements
        .push(Ent::new("pdf").with_product(EntitledProduct::named("PDF Reader")).with_metric(Metric::Unlimited));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "a site, enterprise or unlimited licence: nothing is counted");
    assert_eq!(totals(&p, "av-site"), (n(0), n(0), Some(n(1))));
    assert_eq!(allocations(&p, "av-site"), vec![alloc("pool", &["i-1", "i-2", "i-3"], 0)]);
    let java = p.entitlement("java-ela").unwrap();
    assert_eq!((java.entitled, java.consumed, java.surplus), (None, n(0), None));
    assert_eq!(p.product("Java SE").unwrap().entitled, None);
    assert_eq!(totals(&p, "pdf"), (n(0), n(0), Some(n(0))));
    assert!(p.unlicensed.is_empty());
}

/// Consumption units summed from RUM measurements in the metric's unit: 1.235 + 0.8 million
/// monthly decisions = 2.035 (a FEED measurement of 1821 is another unit and left out); 2
/// entitled at 1000 USD per unit → shortfall 0.035, cost 0.035 × 1000 = 35 USD.
#[test]
fn consumption_units_summed_from_usage() {
    let mut input = input();
    input.estate.devices.push(Device::physical("odm-1", 2, 8));
    input.installations.push(inst("i-1", named("Decision Server"), "odm-1"));
    input.usage.push(rum(
        "slmt-2025-06",
        "Decision Server",
        Some("odm-1"),
        vec![
            Measurement::new("VU_VALUE_UNIT", d("1.235")).with_subtype("MILLION_MONTHLY_DECISIONS"),
            Measurement::new("VU_VALUE_UNIT", d("0.8")).with_subtype("MILLION_MONTHLY_DECISIONS"),
            Measurement::new("FEED", n(1821)),
        ],
    ));
    input.entitlements.push(
        ent(
            "odm",
            EntitledProduct::named("Decision Server"),
            Metric::Consumption { unit: "MILLION_MONTHLY_DECISIONS".into(), period: Some("month".into()) },
            2,
        )
        .with_cost(per_unit("1000", "USD")),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "2.035 MILLION_MONTHLY_DECISIONS consumed over 2 measurement(s)");
    assert_eq!(totals(&p, "odm"), (d("2.035"), d("0.035"), Some(n(0))));
    assert_eq!(p.entitlement("odm").unwrap().shortfall_cost, Some(n(35)));
}

// ---------------------------------------------------------------------------------------------
// Terms
// ---------------------------------------------------------------------------------------------

/// Subscriptions as of 2025-06-30:
/// - e-2024 (2024, 5 entitled) has expired; e-2025 (2025, 1 entitled) is active. Editor i-1 and
///   i-2: both rejected by e-2024 (`expired`), both charged to e-2025 → consumed 2, shortfall 1.
/// - Viewer i-3: v-old expired, v-next starts 2025-07-01 → unlicensed.
#[test]
fn expired_and_not_yet_active_subscriptions() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.installations.push(inst("i-2", named("Editor"), "pc-1"));
    input.installations.push(inst("i-3", named("Viewer"), "pc-1"));
    let editor = |id: &str, q, t| ent(id, EntitledProduct::named("Editor"), Metric::PerInstallation, q).with_term(t);
    input.entitlements.push(editor("e-2024", 5, subscription("2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z")));
    input.entitlements.push(editor("e-2025", 1, subscription("2025-01-01T00:00:00Z", "2025-12-31T23:59:59Z")));
    let viewer = |id: &str, t| ent(id, EntitledProduct::named("Viewer"), Metric::PerInstallation, 5).with_term(t);
    input.entitlements.push(viewer("v-old", subscription("2023-01-01T00:00:00Z", "2024-12-31T23:59:59Z")));
    input.entitlements.push(viewer("v-next", subscription("2025-07-01T00:00:00Z", "2026-06-30T23:59:59Z")));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("e-2025"));
    assert_eq!(covered_by(&p, "i-2"), Some("e-2025"));
    assert_eq!(rejections(&p, "i-2"), vec![("e-2024", Reason::Expired)]);
    assert_eq!(rejection_detail(&p, "i-2", "e-2024"), "its terms ended before the date");
    assert_eq!(totals(&p, "e-2025"), (n(2), n(1), Some(n(0))));
    let old = p.entitlement("e-2024").unwrap();
    assert_eq!((old.status, old.consumed, old.surplus), (Status::Expired, n(0), Some(n(0))));

    assert_eq!(covered_by(&p, "i-3"), None);
    assert_eq!(explained(&p, "i-3"), "no entitlement covers it");
    assert_eq!(rejections(&p, "i-3"), vec![("v-next", Reason::NotYetActive), ("v-old", Reason::Expired)]);
    assert_eq!(rejection_detail(&p, "i-3", "v-next"), "its terms start after the date");
    assert_eq!(p.entitlement("v-next").unwrap().status, Status::NotYetActive);
    assert_eq!(p.unlicensed, vec!["i-3".to_owned()]);
    // The product positions count active Ents only: Editor 1 entitled, 2 consumed.
    let editor = p.product("Editor").unwrap();
    assert_eq!(
        (editor.entitled, editor.consumed, editor.shortfall, editor.surplus),
        (Some(n(1)), n(2), n(1), Some(n(0)))
    );
    let viewer = p.product("Viewer").unwrap();
    assert_eq!((viewer.installations, viewer.covered, viewer.entitled), (1, 0, Some(n(0))));
}

// ---------------------------------------------------------------------------------------------
// Versions and editions
// ---------------------------------------------------------------------------------------------

/// Downgrade by version: an Ent for version 2022 with a downgrade right down to 2017, 5
/// entitled. 2022 is the licensed version; 2019 is covered through the right; 2015 is below
/// 2017 → `wrongVersion`, unlicensed. consumed 2, surplus 3.
#[test]
fn downgrade_by_version() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-22", named("Visual Studio").version("2022"), "pc-1"));
    input.installations.push(inst("i-19", named("Visual Studio").version("2019"), "pc-1"));
    input.installations.push(inst("i-15", named("Visual Studio").version("2015"), "pc-1"));
    input.entitlements.push(
        ent(
            "vs-2022",
            EntitledProduct::named("Visual Studio").with_versions(VersionRange::exactly("2022")),
            Metric::PerInstallation,
            5,
        )
        .with_right(Right::Downgrade { lowest_version: Some("2017".into()), editions: vec![] }),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-22"), "1 licence for installation:i-22");
    assert_eq!(
        explained(&p, "i-19"),
        "1 licence for installation:i-19 (version 2019 through the downgrade right from 2022)"
    );
    assert_eq!(rejections(&p, "i-15"), vec![("vs-2022", Reason::WrongVersion)]);
    assert_eq!(
        rejection_detail(&p, "i-15", "vs-2022"),
        "it is for version 2022, the installation is 2015, below it with no downgrade right reaching it"
    );
    assert_eq!(p.unlicensed, vec!["i-15".to_owned()]);
    assert_eq!(totals(&p, "vs-2022"), (n(2), n(0), Some(n(3))));
}

/// Downgrade by edition, with the catalog's ladder Express < Standard < Enterprise:
/// - sql-ent (Enterprise, downgrade right, 2 entitled), sql-std (Standard, no right, 1)
/// - i-1 Enterprise: sql-std is `wrongEdition` (Enterprise is above Standard) → sql-ent
/// - i-2 Standard: sql-std exactly, sql-ent through its right → the exact one first: sql-std
/// - i-3 Express: sql-ent through its right; sql-std has no right → `wrongEdition`
/// - i-4 Developer: not on the ladder → `wrongEdition` for both, unlicensed
///
/// sql-ent consumed 2 of 2, sql-std 1 of 1.
#[test]
fn downgrade_by_edition_along_the_catalog_ladder() {
    let mut input = input();
    input.catalog.products.push(CatalogProduct {
        product: "SQL Server".into(),
        editions: vec!["Express".into(), "Standard".into(), "Enterprise".into()],
        releases: vec![],
    });
    input.estate.devices.push(Device::physical("srv-1", 1, 4));
    for (i, ed) in [("i-1", "Enterprise"), ("i-2", "Standard"), ("i-3", "Express"), ("i-4", "Developer")] {
        input.installations.push(inst(i, named("SQL Server").edition(ed), "srv-1"));
    }
    input.entitlements.push(
        ent("sql-ent", EntitledProduct::named("SQL Server").with_edition("Enterprise"), Metric::PerInstallation, 2)
            .with_right(Right::Downgrade { lowest_version: None, editions: vec![] }),
    );
    input.entitlements.push(ent(
        "sql-std",
        EntitledProduct::named("SQL Server").with_edition("Standard"),
        Metric::PerInstallation,
        1,
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("sql-ent"));
    assert_eq!(rejections(&p, "i-1"), vec![("sql-std", Reason::WrongEdition)]);
    assert_eq!(
        rejection_detail(&p, "i-1", "sql-std"),
        "it is for the edition Standard, the installation is Enterprise"
    );
    assert_eq!(covered_by(&p, "i-2"), Some("sql-std"));
    assert_eq!(rejections(&p, "i-2"), vec![("sql-ent", Reason::LowerPriority)]);
    assert_eq!(covered_by(&p, "i-3"), Some("sql-ent"));
    assert_eq!(
        explained(&p, "i-3"),
        "1 licence for installation:i-3 (edition Express through the downgrade right from Enterprise)"
    );
    assert_eq!(rejections(&p, "i-3"), vec![("sql-std", Reason::WrongEdition)]);
    assert_eq!(rejections(&p, "i-4"), vec![("sql-ent", Reason::WrongEdition), ("sql-std", Reason::WrongEdition)]);
    assert_eq!(p.unlicensed, vec!["i-4".to_owned()]);
    assert_eq!(totals(&p, "sql-ent"), (n(2), n(0), Some(n(0))));
    assert_eq!(totals(&p, "sql-std"), (n(1), n(0), Some(n(0))));
}

/// Upgrade within maintenance: an Ent for 2019 with an upgrade right and maintenance until
/// 2023-12-31 (the maintenance term does not make the perpetual licence expire). Releases from
/// the catalog: 2022 on 2022-11-16 (before the end: covered), 2025 on 2024-10-15 (after:
/// refused), 2026 not in the catalog (refused: no date to judge). consumed 2 of 10.
#[test]
fn upgrade_within_maintenance_and_refused_after_it() {
    let mut input = input();
    input.catalog.products.push(CatalogProduct {
        product: "Photo Studio".into(),
        editions: vec![],
        releases: vec![
            Release { version: "2019".into(), date: "2019-03-01T00:00:00Z".into() },
            Release { version: "2022".into(), date: "2022-11-16T00:00:00Z".into() },
            Release { version: "2025".into(), date: "2024-10-15T00:00:00Z".into() },
        ],
    });
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for v in ["2019", "2022", "2025", "2026"] {
        input.installations.push(inst(&format!("i-{v}"), named("Photo Studio").version(v), "pc-1"));
    }
    input.entitlements.push(
        ent(
            "ps-2019",
            EntitledProduct::named("Photo Studio").with_versions(VersionRange::exactly("2019")),
            Metric::PerInstallation,
            10,
        )
        .with_right(Right::Upgrade { until: None })
        .with_term(Term::new(TermKind::Maintenance).from("2019-03-01T00:00:00Z").until("2023-12-31T23:59:59Z")),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(p.entitlement("ps-2019").unwrap().status, Status::Active);
    assert_eq!(covered_by(&p, "i-2019"), Some("ps-2019"));
    assert_eq!(
        explained(&p, "i-2022"),
        "1 licence for installation:i-2022 (version 2022 (released 2022-11-16T00:00:00Z) through the upgrade right from 2019, which reaches releases until 2023-12-31T23:59:59Z)"
    );
    assert_eq!(rejections(&p, "i-2025"), vec![("ps-2019", Reason::WrongVersion)]);
    assert_eq!(
        rejection_detail(&p, "i-2025", "ps-2019"),
        "version 2025 was released 2024-10-15T00:00:00Z, after the upgrade right ends (2023-12-31T23:59:59Z)"
    );
    assert_eq!(
        rejection_detail(&p, "i-2026", "ps-2019"),
        "the release date of version 2026 is not in the catalog, so the upgrade right (until 2023-12-31T23:59:59Z) cannot be applied"
    );
    assert_eq!(p.unlicensed, vec!["i-2025".to_owned(), "i-2026".to_owned()]);
    assert_eq!(totals(&p, "ps-2019"), (n(2), n(0), Some(n(8))));
}

// ---------------------------------------------------------------------------------------------
// Suites and second use
// ---------------------------------------------------------------------------------------------

fn office_suite_catalog(input: &mut Input) {
    input.catalog.suites.push(Suite {
        suite: "Office Suite".into(),
        primary: "Office Writer".into(),
        parts: vec!["Office Writer".into(), "Office Sheets".into(), "Office Slides".into()],
    });
}

/// A suite covers its parts only where its primary product (Office Writer) is installed:
/// - pc-1: Writer (i-1) and Sheets (i-2) → one suite licence for pc-1, Sheets rides on it (the
///   Ent that already charged the device comes first)
/// - pc-2: Sheets alone (i-3) → the suite does not cover it (`notEligible`) → sheets-single
/// - pc-3: Writer (i-4) and Slides (i-5) → one more suite licence
///
/// office-suite (per device) consumed 2 of 2; sheets-single 1 of 1.
#[test]
fn suite_covers_its_parts_only_with_the_primary_product() {
    let mut input = input();
    office_suite_catalog(&mut input);
    for dev in ["pc-1", "pc-2", "pc-3"] {
        input.estate.devices.push(Device::physical(dev, 1, 4));
    }
    for (i, prod, dev) in [
        ("i-1", "Office Writer", "pc-1"),
        ("i-2", "Office Sheets", "pc-1"),
        ("i-3", "Office Sheets", "pc-2"),
        ("i-4", "Office Writer", "pc-3"),
        ("i-5", "Office Slides", "pc-3"),
    ] {
        input.installations.push(inst(i, named(prod), dev));
    }
    input.entitlements.push(ent("office-suite", EntitledProduct::named("Office Suite"), Metric::PerDevice, 2));
    input.entitlements.push(ent("sheets-single", EntitledProduct::named("Office Sheets"), Metric::PerInstallation, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "1 licence for device:pc-1 (as a part of the suite Office Suite)");
    assert_eq!(covered_by(&p, "i-2"), Some("office-suite"));
    assert_eq!(explained(&p, "i-2"), "device:pc-1 is already counted under it (as a part of the suite Office Suite)");
    assert_eq!(rejections(&p, "i-2"), vec![("sheets-single", Reason::LowerPriority)]);
    assert_eq!(covered_by(&p, "i-3"), Some("sheets-single"));
    assert_eq!(rejections(&p, "i-3"), vec![("office-suite", Reason::NotEligible)]);
    assert_eq!(
        rejection_detail(&p, "i-3", "office-suite"),
        "the suite Office Suite covers its parts only where its primary product Office Writer is installed"
    );
    assert_eq!(covered_by(&p, "i-5"), Some("office-suite"));
    assert_eq!(
        allocations(&p, "office-suite"),
        vec![alloc("device:pc-1", &["i-1", "i-2"], 1), alloc("device:pc-3", &["i-4", "i-5"], 1)]
    );
    assert_eq!(totals(&p, "office-suite"), (n(2), n(0), Some(n(0))));
    assert_eq!(totals(&p, "sheets-single"), (n(1), n(0), Some(n(0))));
}

/// Second use: per device with a second-use right, 1 entitled.
/// - i-1 on pc-alice (alice's fixed device) → 1
/// - i-2 on lt-alice (alice's laptop, portable) → free: second use of the same primary user
/// - i-3 on lt-bob (bob has no fixed device with it) → 1, beyond the quantity
///
/// consumed 2, shortfall 1.
#[test]
fn second_use_on_a_portable_device_of_the_same_user() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-alice", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("lt-alice", 1, 4).with_user("alice").portable());
    input.estate.devices.push(Device::physical("lt-bob", 1, 4).with_user("bob").portable());
    // Installed on the laptop first: the order of the input does not matter.
    input.installations.push(inst("i-2", named("Office"), "lt-alice"));
    input.installations.push(inst("i-1", named("Office"), "pc-alice"));
    input.installations.push(inst("i-3", named("Office"), "lt-bob"));
    input.entitlements.push(
        ent("office", EntitledProduct::named("Office"), Metric::PerDevice, 1)
            .with_right(Right::SecondUse { copies: None }),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "1 licence for device:pc-alice");
    assert_eq!(explained(&p, "i-2"), "second use on lt-alice, a portable device of alice, whose pc-alice is covered");
    assert_eq!(explained(&p, "i-3"), "1 licence for device:lt-bob");
    assert_eq!(
        allocations(&p, "office"),
        vec![
            alloc("device:pc-alice", &["i-1"], 1),
            alloc("device:lt-alice", &["i-2"], 0),
            alloc("device:lt-bob", &["i-3"], 1)
        ]
    );
    assert_eq!(totals(&p, "office"), (n(2), n(1), Some(n(0))));
}

// ---------------------------------------------------------------------------------------------
// Pins and priority
// ---------------------------------------------------------------------------------------------

fn tagged(product: &str, tag: &str) -> ProductId {
    ProductId { tag_id: Some(tag.into()), ..ProductId::named(product) }
}

/// Pins are honoured first: a-tag (by tag id, 1) is more specific than b-name (by name, 1).
/// i-3 is pinned to b-name: it is allocated first, to b-name, though a-tag comes first for it.
/// i-1 then takes a-tag; i-2 finds both used (a-tag 0 remain, b-name 0 remain) → charged to
/// a-tag, the first in priority → a-tag consumed 2, shortfall 1; b-name 1 of 1.
#[test]
fn pins_are_honoured_first() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for i in ["i-1", "i-2", "i-3"] {
        input.installations.push(inst(i, tagged("Editor", "acme-editor-10"), "pc-1"));
    }
    input.entitlements.push(ent("a-tag", EntitledProduct::tag("acme-editor-10"), Metric::PerInstallation, 1));
    input.entitlements.push(ent("b-name", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.pins.push(Pin { installation: "i-3".into(), ent_id: "b-name".into() });
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-3"), Some("b-name"));
    assert_eq!(rejections(&p, "i-3"), vec![("a-tag", Reason::LowerPriority)]);
    assert_eq!(rejection_detail(&p, "i-3", "a-tag"), "b-name comes first in the priority order");
    assert!(p.entitlement("b-name").unwrap().allocations[0].pinned);
    assert_eq!(covered_by(&p, "i-1"), Some("a-tag"));
    assert_eq!(covered_by(&p, "i-2"), Some("a-tag"));
    assert_eq!(rejections(&p, "i-2"), vec![("b-name", Reason::CapacityUsed)]);
    assert_eq!(rejection_detail(&p, "i-2", "b-name"), "installation:i-2 needs 1 and 0 remain");
    assert_eq!(totals(&p, "a-tag"), (n(2), n(1), Some(n(0))));
    assert_eq!(totals(&p, "b-name"), (n(1), n(0), Some(n(0))));
    assert!(!p.entitlement("a-tag").unwrap().allocations[0].pinned);
}

/// A pin to an Ent that cannot cover the installation is reported and the installation goes to
/// the next eligible Ent; a pin to an Ent with nothing left is honoured anyway, with a
/// shortfall. vs-2019 (5, version 2019), vs-a (5, 2022), vs-b (1, 2022); three 2022
/// installations, all pinned (so in id order):
///
/// - i-1 pinned to vs-2019 → `wrongVersion`, and `notEligible` for the pin → vs-a (first of the
///   equals by id; vs-b is `lowerPriority`): vs-a 1 of 5, surplus 4
/// - i-2 pinned to vs-b → vs-b, 1 of 1
/// - i-3 pinned to vs-b too → vs-b again with 0 left: consumed 2, shortfall 1
#[test]
fn pins_that_do_not_fit() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for i in ["i-1", "i-2", "i-3"] {
        input.installations.push(inst(i, named("Visual Studio").version("2022"), "pc-1"));
    }
    let vs = |id: &str, v: &str, q| {
        ent(
            id,
            EntitledProduct::named("Visual Studio").with_versions(VersionRange::exactly(v)),
            Metric::PerInstallation,
            q,
        )
    };
    input.entitlements.push(vs("vs-2019", "2019", 5));
    input.entitlements.push(vs("vs-a", "2022", 5));
    input.entitlements.push(vs("vs-b", "2022", 1));
    input.pins.push(Pin { installation: "i-1".into(), ent_id: "vs-2019".into() });
    input.pins.push(Pin { installation: "i-2".into(), ent_id: "vs-b".into() });
    input.pins.push(Pin { installation: "i-3".into(), ent_id: "vs-b".into() });
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("vs-a"));
    assert_eq!(
        rejections(&p, "i-1"),
        vec![("vs-2019", Reason::WrongVersion), ("vs-2019", Reason::NotEligible), ("vs-b", Reason::LowerPriority)]
    );
    assert_eq!(p.consumer("i-1").unwrap().rejected[1].detail, "pinned, but it does not cover this installation");
    assert_eq!(covered_by(&p, "i-2"), Some("vs-b"));
    assert_eq!(covered_by(&p, "i-3"), Some("vs-b"));
    assert_eq!(totals(&p, "vs-b"), (n(2), n(1), Some(n(0))));
    assert_eq!(totals(&p, "vs-a"), (n(1), n(0), Some(n(4))));
    assert!(p.entitlement("vs-b").unwrap().allocations.iter().all(|a| a.pinned));
}

/// Most specific first, each Ent 1 entitled, four installations of the same tagged product
/// (Editor 10, Pro): d-tag (tag id) → c-edver (name, edition, version) → b-ed (name, edition) →
/// a-name (name only); each installation takes the most specific Ent with room left.
#[test]
fn priority_most_specific_first() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for i in ["i-1", "i-2", "i-3", "i-4"] {
        input.installations.push(inst(i, tagged("Editor", "acme-editor-10-pro").version("10").edition("Pro"), "pc-1"));
    }
    let m = Metric::PerInstallation;
    input.entitlements.push(ent("a-name", EntitledProduct::named("Editor"), m.clone(), 1));
    input.entitlements.push(ent("b-ed", EntitledProduct::named("Editor").with_edition("Pro"), m.clone(), 1));
    input.entitlements.push(ent(
        "c-edver",
        EntitledProduct::named("Editor").with_edition("Pro").with_versions(VersionRange::between("9", "11")),
        m.clone(),
        1,
    ));
    input.entitlements.push(ent("d-tag", EntitledProduct::tag("acme-editor-10-pro"), m, 1));
    let p = iso19770_reconcile::reconcile(&input);
    let got: Vec<_> = ["i-1", "i-2", "i-3", "i-4"].iter().map(|i| covered_by(&p, i)).collect();
    assert_eq!(got, vec![Some("d-tag"), Some("c-edver"), Some("b-ed"), Some("a-name")]);
    assert_eq!(
        rejections(&p, "i-1"),
        vec![("a-name", Reason::LowerPriority), ("b-ed", Reason::LowerPriority), ("c-edver", Reason::LowerPriority)]
    );
    assert_eq!(
        rejections(&p, "i-4"),
        vec![("b-ed", Reason::CapacityUsed), ("c-edver", Reason::CapacityUsed), ("d-tag", Reason::CapacityUsed)]
    );
    assert_eq!(rejection_detail(&p, "i-4", "d-tag"), "installation:i-4 needs 1 and 0 remain");
}

/// Exact version before a downgrade right: a-2022 (2022 with a downgrade right) and b-2019
/// (2019 exactly) both cover a 2019 installation with the same specificity; the exact one
/// wins though a-2022 comes first by id.
#[test]
fn priority_exact_version_before_downgrade() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Visual Studio").version("2019"), "pc-1"));
    let vs = |id: &str, v: &str| {
        ent(
            id,
            EntitledProduct::named("Visual Studio").with_versions(VersionRange::exactly(v)),
            Metric::PerInstallation,
            5,
        )
    };
    input
        .entitlements
        .push(vs("a-2022", "2022").with_right(Right::Downgrade { lowest_version: None, editions: vec![] }));
    input.entitlements.push(vs("b-2019", "2019"));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("b-2019"));
    assert_eq!(rejections(&p, "i-1"), vec![("a-2022", Reason::LowerPriority)]);
    assert_eq!(rejection_detail(&p, "i-1", "a-2022"), "b-2019 comes first in the priority order");
}

/// Earlier expiry first, open-ended last, each 1 entitled: c-early (ends 2025-12-31), a-late
/// (ends 2026-06-30), b-perpetual (no term) → i-1, i-2, i-3 in that order of Ents.
#[test]
fn priority_earlier_expiry_first() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for i in ["i-1", "i-2", "i-3"] {
        input.installations.push(inst(i, named("Editor"), "pc-1"));
    }
    let e = |id: &str| ent(id, EntitledProduct::named("Editor"), Metric::PerInstallation, 1);
    input.entitlements.push(e("a-late").with_term(subscription("2025-01-01T00:00:00Z", "2026-06-30T23:59:59Z")));
    input.entitlements.push(e("b-perpetual"));
    input.entitlements.push(e("c-early").with_term(subscription("2025-01-01T00:00:00Z", "2025-12-31T23:59:59Z")));
    let p = iso19770_reconcile::reconcile(&input);
    let got: Vec<_> = ["i-1", "i-2", "i-3"].iter().map(|i| covered_by(&p, i)).collect();
    assert_eq!(got, vec![Some("c-early"), Some("a-late"), Some("b-perpetual")]);
    assert_eq!(rejections(&p, "i-1"), vec![("a-late", Reason::LowerPriority), ("b-perpetual", Reason::LowerPriority)]);
}

/// Limited before unlimited: b-lim (1 entitled) before a-unl (unlimited) though a-unl comes
/// first by id: i-1 → b-lim; i-2 → b-lim is used up → a-unl.
#[test]
fn priority_limited_before_unlimited() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.installations.push(inst("i-2", named("Editor"), "pc-1"));
    input.entitlements.push(
        Ent::new("a-unl")
            .with_product(EntitledProduct::named("Editor"))
            .with_metric(Metric::PerInstallation)
            .with_quantity(Quantity::Unlimited),
    );
    input.entitlements.push(ent("b-lim", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("b-lim"));
    assert_eq!(rejections(&p, "i-1"), vec![("a-unl", Reason::LowerPriority)]);
    assert_eq!(covered_by(&p, "i-2"), Some("a-unl"));
    assert_eq!(rejections(&p, "i-2"), vec![("b-lim", Reason::CapacityUsed)]);
    let unl = p.entitlement("a-unl").unwrap();
    assert_eq!((unl.entitled, unl.consumed, unl.shortfall, unl.surplus), (None, n(1), n(0), None));
}

/// Ties broken by entId: e-1 and e-2 are alike in every key; given e-2 first, e-1 still comes
/// first: i-1 → e-1, i-2 → e-2.
#[test]
fn priority_ties_broken_by_ent_id() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.installations.push(inst("i-2", named("Editor"), "pc-1"));
    input.entitlements.push(ent("e-2", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.entitlements.push(ent("e-1", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("e-1"));
    assert_eq!(rejection_detail(&p, "i-1", "e-2"), "e-1 comes first in the priority order");
    assert_eq!(covered_by(&p, "i-2"), Some("e-2"));
    // The position lists Ents by id.
    let ids: Vec<_> = p.entitlements.iter().map(|e| e.ent_id.as_str()).collect();
    assert_eq!(ids, vec!["e-1", "e-2"]);
}

/// Capacity exhausted → the next Ent; none fits → a shortfall on the first. Windows Server
/// Datacenter per core: ws-a 20 entitled, ws-b 16.
/// - srv-1: 2 × 8 = 16 → ws-a (4 remain)
/// - srv-2: 1 × 16 = 16 → ws-a has 4 of 16 needed (`capacityUsed`) → ws-b (0 remain)
/// - srv-3: 2 × 12 = 24 → neither fits → ws-a, the first in priority: consumed 16 + 24 = 40,
///   shortfall 20
#[test]
fn capacity_exhausted_moves_to_the_next_ent_then_shortfall_on_the_first() {
    let mut input = input();
    input.estate.devices.push(Device::physical("srv-1", 2, 8));
    input.estate.devices.push(Device::physical("srv-2", 1, 16));
    input.estate.devices.push(Device::physical("srv-3", 2, 12));
    for (i, dev) in [("i-1", "srv-1"), ("i-2", "srv-2"), ("i-3", "srv-3")] {
        input.installations.push(inst(i, named("Windows Server").edition("Datacenter"), dev));
    }
    input.entitlements.push(windows_dc("ws-a", 20));
    input.entitlements.push(windows_dc("ws-b", 16));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("ws-a"));
    assert_eq!(covered_by(&p, "i-2"), Some("ws-b"));
    assert_eq!(rejections(&p, "i-2"), vec![("ws-a", Reason::CapacityUsed)]);
    assert_eq!(rejection_detail(&p, "i-2", "ws-a"), "device:srv-2 needs 16 and 4 remain");
    assert_eq!(covered_by(&p, "i-3"), Some("ws-a"));
    assert_eq!(rejections(&p, "i-3"), vec![("ws-b", Reason::CapacityUsed)]);
    assert_eq!(rejection_detail(&p, "i-3", "ws-b"), "device:srv-3 needs 24 and 0 remain");
    assert_eq!(totals(&p, "ws-a"), (n(40), n(20), Some(n(0))));
    assert_eq!(totals(&p, "ws-b"), (n(16), n(0), Some(n(0))));
    let ws = p.product("Windows Server").unwrap();
    assert_eq!(
        (ws.installations, ws.covered, ws.entitled, ws.consumed, ws.shortfall, ws.surplus),
        (3, 3, Some(n(36)), n(56), n(20), Some(n(0)))
    );
}

// ---------------------------------------------------------------------------------------------
// Product positions, limitations
// ---------------------------------------------------------------------------------------------

/// Product positions sum the active Ents whose first product it is:
/// - Editor (4 installations of version 10): ed-a (2, per installation) takes all four — ed-b
///   (1) is for version 9 with no upgrade right, ed-old (3) has expired → ed-a consumed 4,
///   shortfall 2. Editor: entitled 2 + 1 = 3 (ed-old is not active), consumed 4, shortfall 2,
///   surplus 0 + 1 = 1, 4 installations all covered.
/// - Viewer: an unlimited Ent → entitled and surplus absent, consumed 1.
/// - Tool: no Ent → 1 installation, 0 covered, entitled 0; unlicensed.
#[test]
fn product_positions() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for i in ["i-1", "i-2", "i-3", "i-4"] {
        input.installations.push(inst(i, named("Editor").version("10"), "pc-1"));
    }
    input.installations.push(inst("i-v", named("Viewer"), "pc-1"));
    input.installations.push(inst("i-t", named("Tool"), "pc-1"));
    input.entitlements.push(ent("ed-a", EntitledProduct::named("Editor"), Metric::PerInstallation, 2));
    input.entitlements.push(ent(
        "ed-b",
        EntitledProduct::named("Editor").with_versions(VersionRange::exactly("9")),
        Metric::PerInstallation,
        1,
    ));
    input.entitlements.push(
        ent("ed-old", EntitledProduct::named("Editor"), Metric::PerInstallation, 3)
            .with_term(subscription("2020-01-01T00:00:00Z", "2020-12-31T23:59:59Z")),
    );
    input.entitlements.push(
        Ent::new("vw")
            .with_product(EntitledProduct::named("Viewer"))
            .with_metric(Metric::PerDevice)
            .with_quantity(Quantity::Unlimited),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ed-a"), (n(4), n(2), Some(n(0))));
    assert_eq!(rejections(&p, "i-4"), vec![("ed-b", Reason::WrongVersion), ("ed-old", Reason::Expired)]);
    let ed = p.product("Editor").unwrap();
    assert_eq!(
        (ed.installations, ed.covered, ed.entitled, ed.consumed, ed.shortfall, ed.surplus),
        (4, 4, Some(n(3)), n(4), n(2), Some(n(1)))
    );
    let vw = p.product("Viewer").unwrap();
    assert_eq!((vw.installations, vw.covered, vw.entitled, vw.consumed, vw.surplus), (1, 1, None, n(1), None));
    let tool = p.product("Tool").unwrap();
    assert_eq!(
        (tool.installations, tool.covered, tool.entitled, tool.consumed, tool.surplus),
        (1, 0, Some(n(0)), n(0), Some(n(0)))
    );
    assert_eq!(p.unlicensed, vec!["i-t".to_owned()]);
    let names: Vec<_> = p.products.iter().map(|x| x.product.as_str()).collect();
    assert_eq!(names, vec!["Editor", "Tool", "Viewer"]);
}

/// An organization-unit limitation: a-fin (5, Finance only) and b-all (1, anyone).
/// - i-f on a Finance device → a-fin (b-all is lower by id)
/// - i-n on a device with no unit → a-fin is `notEligible` → b-all (1 of 1)
/// - i-s on a Sales device → a-fin `notEligible`, b-all used up → b-all with a shortfall
///
/// a-fin consumed 1 (surplus 4), b-all consumed 2 (shortfall 1).
#[test]
fn organization_unit_limitation() {
    let mut input = input();
    input.estate.devices.push(with_org(Device::physical("pc-f", 1, 4), "Finance"));
    input.estate.devices.push(with_org(Device::physical("pc-s", 1, 4), "Sales"));
    input.estate.devices.push(Device::physical("pc-n", 1, 4));
    input.installations.push(inst("i-f", named("Ledger"), "pc-f"));
    input.installations.push(inst("i-n", named("Ledger"), "pc-n"));
    input.installations.push(inst("i-s", named("Ledger"), "pc-s"));
    input.entitlements.push(
        ent("a-fin", EntitledProduct::named("Ledger"), Metric::PerDevice, 5)
            .with_limitation(Limitation::Organization { units: vec!["Finance".into()] }),
    );
    input.entitlements.push(ent("b-all", EntitledProduct::named("Ledger"), Metric::PerDevice, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-f"), Some("a-fin"));
    assert_eq!(covered_by(&p, "i-n"), Some("b-all"));
    assert_eq!(rejections(&p, "i-n"), vec![("a-fin", Reason::NotEligible)]);
    assert_eq!(
        rejection_detail(&p, "i-n", "a-fin"),
        "limited to the organization unit(s) Finance; the device has no organization unit"
    );
    assert_eq!(covered_by(&p, "i-s"), Some("b-all"));
    assert_eq!(rejections(&p, "i-s"), vec![("a-fin", Reason::NotEligible)]);
    assert_eq!(
        rejection_detail(&p, "i-s", "a-fin"),
        "limited to the organization unit(s) Finance; the device is in Sales"
    );
    assert_eq!(totals(&p, "a-fin"), (n(1), n(0), Some(n(4))));
    assert_eq!(totals(&p, "b-all"), (n(2), n(1), Some(n(0))));
}

// ---------------------------------------------------------------------------------------------
// Bad input: findings, never a panic
// ---------------------------------------------------------------------------------------------

/// An installation on a device the estate does not have: a finding (`unknown-device`); per
/// device it still counts 1 (the device is named), per core it counts nothing (no cores known).
#[test]
fn bad_input_dangling_device() {
    let mut input = input();
    input.installations.push(inst("i-1", named("Windows Server").edition("Datacenter"), "ghost"));
    input.installations.push(inst("i-2", named("Editor"), "ghost"));
    input.entitlements.push(windows_dc("ws-dc", 16));
    input.entitlements.push(ent("ed", EntitledProduct::named("Editor"), Metric::PerDevice, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(finding_codes(&p), vec![("unknown-device", "installation:i-1"), ("unknown-device", "installation:i-2")]);
    assert_eq!(p.findings[0].message, "its device \"ghost\" is not in the estate: counted with no processors");
    assert_eq!(explained(&p, "i-1"), "no device data: no cores counted");
    assert_eq!(totals(&p, "ws-dc"), (n(0), n(0), Some(n(16))));
    assert_eq!(explained(&p, "i-2"), "1 licence for device:ghost");
    assert_eq!(totals(&p, "ed"), (n(1), n(0), Some(n(0))));
}

/// Broken hosting: a VM with no host, a VM whose host is missing, a VM whose host is itself a VM
/// (nested), and two VMs hosting each other (a cycle). Each is a finding and is licensed as if
/// physical: Windows Server Standard with host licensing on a 1 × 4 VM → 8 per processor → 16
/// per server → 8 packs = 16, five times → 80 of 32, shortfall 48.
#[test]
fn bad_input_vm_hosts_missing_virtual_or_cyclic() {
    let mut input = input();
    input.estate.devices.push(virtual_without_host("vm-orphan", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-lost", "nowhere", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-nested", "vm-lost", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-x", "vm-y", 1, 4));
    input.estate.devices.push(Device::virtual_on("vm-y", "vm-x", 1, 4));
    let std = named("Windows Server").edition("Standard");
    for dev in ["vm-orphan", "vm-lost", "vm-nested", "vm-x", "vm-y"] {
        input.installations.push(inst(&format!("i-{dev}"), std.clone(), dev));
    }
    input.entitlements.push(windows_standard("ws-std", 32));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(
        finding_codes(&p),
        vec![
            ("host-cycle", "device:vm-nested"),
            ("host-cycle", "device:vm-x"),
            ("host-cycle", "device:vm-y"),
            ("vm-without-host", "device:vm-lost"),
            ("vm-without-host", "device:vm-orphan"),
        ]
    );
    let messages: Vec<_> = p.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "its host \"vm-lost\" is itself virtual (nested or cyclic hosting): licensed as if physical",
            "its host \"vm-y\" is itself virtual (nested or cyclic hosting): licensed as if physical",
            "its host \"vm-x\" is itself virtual (nested or cyclic hosting): licensed as if physical",
            "its host \"nowhere\" is not in the estate: licensed as if physical",
            "a virtual machine without a host: licensed as if physical",
        ]
    );
    assert_eq!(
        explained(&p, "i-vm-x"),
        "vm-x: 1 processor(s) × 4 core(s) → 8 core minimum per processor → 8 → 16 per server → 16 → (a virtual machine licensed by itself) → 8 2-core pack(s) = 16 core licences"
    );
    assert_eq!(totals(&p, "ws-std"), (n(80), n(48), Some(n(0))));
    assert!(p.unlicensed.is_empty());
}

/// A negative quantity is a finding and counts as 0 entitled: one installation → consumed 1,
/// shortfall 1.
#[test]
fn bad_input_negative_quantity() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.entitlements.push(
        Ent::new("neg")
            .with_product(EntitledProduct::named("Editor"))
            .with_metric(Metric::PerInstallation)
            .with_quantity(Quantity::Exact(d("-5"))),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(finding_codes(&p), vec![("negative-quantity", "ent:neg")]);
    assert_eq!(p.findings[0].message, "the quantity -5 is negative: counted as 0");
    let e = p.entitlement("neg").unwrap();
    assert_eq!((e.entitled, e.consumed, e.shortfall, e.surplus), (Some(n(0)), n(1), n(1), Some(n(0))));
}

/// References that resolve to nothing: a pin to an unknown Ent and a pin for an unknown
/// installation (both ignored), usage of a product no installation has, and an Ent naming an
/// unknown product. Each is a finding; the rest of the position is as without them: i-1 is
/// covered by ed (1 of 1).
#[test]
fn bad_input_unknown_pins_usage_and_products() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.entitlements.push(ent("ed", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.entitlements.push(ent("ghost-ent", EntitledProduct::named("Nonexistent"), Metric::PerDevice, 3));
    input.pins.push(Pin { installation: "i-1".into(), ent_id: "nope".into() });
    input.pins.push(Pin { installation: "i-missing".into(), ent_id: "ed".into() });
    input.usage.push(rum("r-x", "Ghost App", None, vec![Measurement::new("CONCURRENT_USER", n(3))]));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(
        finding_codes(&p),
        vec![
            ("unknown-pin", "installation:i-1"),
            ("unknown-pin", "installation:i-missing"),
            ("unknown-product", "ent:ghost-ent"),
            ("usage-without-installation", "rum:r-x"),
        ]
    );
    let messages: Vec<_> = p.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![
            "a pin to \"nope\" names an Ent that does not exist: ignored",
            "a pin to \"ed\" names an installation that does not exist: ignored",
            "names the product \"Nonexistent\", which no installation or catalog entry has",
            "measures an asset that matches no installation's tag id or product",
        ]
    );
    assert_eq!(covered_by(&p, "i-1"), Some("ed"));
    assert!(!p.entitlement("ed").unwrap().allocations[0].pinned);
    assert_eq!(totals(&p, "ed"), (n(1), n(0), Some(n(0))));
    assert_eq!(totals(&p, "ghost-ent"), (n(0), n(0), Some(n(3))));
}

/// Degenerate numbers and names never panic: zero processors and cores, packs of 0, 0 cores
/// per licence, 0 sockets per licence, 0 installs per licence, 0 VMs per core set, an as-of
/// date without a zone (a finding; terms are then not judged), duplicate ids, a term with
/// dates that are not dates, an interval that ends before it starts.
#[test]
fn bad_input_degenerate_values_never_panic() {
    let mut input = Input::new("2025-06-30");
    input.estate.devices.push(Device::physical("z", 0, 0));
    input.estate.devices.push(Device::physical("z", 2, 2));
    input.estate.devices.push(Device::virtual_on("vm", "z", 0, 0));
    let mut k = 0;
    let mut add = |input: &mut Input, product: &str, metric: Metric| {
        k += 1;
        input.installations.push(inst(&format!("i-{k}"), named(product), "z"));
        input.installations.push(inst(&format!("j-{k}"), named(product), "vm"));
        input.entitlements.push(
            ent(&format!("e-{k}"), EntitledProduct::named(product), metric, 0)
                .with_term(Term::new(TermKind::Subscription).from("not a date").until("2020-01-01T00:00:00Z")),
        );
    };
    add(
        &mut input,
        "A",
        Metric::PerCore { minimum_per_processor: Some(0), minimum_per_server: Some(0), pack_size: Some(0) },
    );
    add(&mut input, "B", Metric::PerProcessor { cores_per_licence: Some(0) });
    add(&mut input, "C", Metric::PerSocket { sockets_per_licence: Some(0) });
    add(&mut input, "D", Metric::ProcessorCoreFactor { core_factors: vec![], default_factor: Some(d("-1")) });
    add(
        &mut input,
        "E",
        Metric::ProcessorValueUnit { pvu_per_core: vec![], default_pvu_per_core: None, sub_capacity: true },
    );
    add(&mut input, "F", Metric::NamedUser { minimum_per_processor: Some(0) });
    add(&mut input, "G", Metric::Consumption { unit: String::new(), period: None });
    add(&mut input, "H", Metric::ConcurrentUser);
    input.entitlements.push(
        ent("e-mi", EntitledProduct::named("A"), Metric::PerInstallation, 1)
            .with_right(Right::MultipleInstalls { per_licence: 0 })
            .with_right(Right::Virtualization { vms_per_licence: Some(0), unlimited_vms: false, host_licensing: true }),
    );
    input.entitlements.push(ent("e-mi", EntitledProduct::named("A"), Metric::PerDevice, 1));
    input.installations.push(inst("i-1", named("A"), "z"));
    input.usage.push(rum(
        "r-h",
        "H",
        None,
        vec![
            Measurement::new("SESSION", n(1)).with_period("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"),
            Measurement::new("SESSION", d("-3")).with_period("not a date", "2025-01-01T00:00:00Z"),
        ],
    ));
    let p = iso19770_reconcile::reconcile(&input);
    let codes: Vec<_> = p.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&"as-of-date"), "{codes:?}");
    assert!(codes.contains(&"duplicate-device"), "{codes:?}");
    assert!(codes.contains(&"duplicate-ent"), "{codes:?}");
    assert!(codes.contains(&"duplicate-installation"), "{codes:?}");
    // Every installation is a consumer, once (i-1 twice in the input: once).
    assert_eq!(p.consumers.len(), 16);
    assert!(!p.to_json_string_pretty().is_empty());
}

// ---------------------------------------------------------------------------------------------
// SWID installations, JSON
// ---------------------------------------------------------------------------------------------

/// An installation from a SWID tag (tag id, software creator's regid, name, version), covered
/// by an Ent that names it through an `entitles` link to `swid:<tagId>` (as specific as a tag
/// id) before an Ent by name; an Ent for the same name from another software creator is not
/// eligible.
#[cfg(feature = "swid")]
#[test]
fn swid_installation_covered_through_an_entitles_link() {
    use iso19770_ent::{Link, Rel};
    use iso19770_swid::{Entity, Role, SoftwareIdentity};
    let mut tag = SoftwareIdentity::new("Example Editor", "example.com-editor-2.1.0");
    tag.version = Some("2.1.0".into());
    tag.entities.push(Entity::new("Example Corp", [Role::TagCreator, Role::SoftwareCreator]).with_regid("example.com"));
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(Installation::from_swid("i-1", &tag, "pc-1"));
    input.entitlements.push(ent("a-name", EntitledProduct::named("Example Editor"), Metric::PerInstallation, 1));
    input.entitlements.push(ent(
        "b-other",
        EntitledProduct::named("Example Editor").with_regid("other.example"),
        Metric::PerInstallation,
        1,
    ));
    input.entitlements.push(
        Ent::new("c-link")
            .with_link(Link::to_swid_tag("example.com-editor-2.1.0", Rel::Entitles))
            .with_metric(Metric::PerInstallation)
            .with_quantity(Quantity::count(1)),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("c-link"));
    assert_eq!(rejections(&p, "i-1"), vec![("a-name", Reason::LowerPriority), ("b-other", Reason::NotEligible)]);
    assert_eq!(
        rejection_detail(&p, "i-1", "b-other"),
        "it is for the software creator other.example, the installation is example.com"
    );
}

/// The whole position as JSON: the documentation's example (a 2 × 4 server under Windows Server
/// Datacenter per core, 12 entitled at 134.50 USD per core → 16 consumed, shortfall 4, cost
/// 538.00) with a rejected alternative and a finding.
#[test]
fn position_serializes_to_json_with_every_member() {
    let mut input = input();
    input.estate.devices.push(Device::physical("srv-1", 2, 4));
    input.installations.push(inst("i-1", named("Windows Server").edition("Datacenter"), "srv-1"));
    input.installations.push(inst("i-2", named("Tool"), "srv-1"));
    input.entitlements.push(windows_dc("ws-dc", 12).with_cost(per_unit("134.50", "USD")));
    input
        .entitlements
        .push(windows_dc("ws-old", 64).with_term(subscription("2022-01-01T00:00:00Z", "2024-12-31T23:59:59Z")));
    let p = iso19770_reconcile::reconcile(&input);
    let json: serde_json::Value = serde_json::from_str(&p.to_json_string_pretty()).expect("valid JSON");
    let expected = serde_json::json!({
        "asOf": "2025-06-30T00:00:00Z",
        "entitlements": [
            {
                "entId": "ws-dc",
                "metric": "perCore",
                "status": "active",
                "entitled": "12",
                "consumed": "16",
                "shortfall": "4",
                "surplus": "0",
                "shortfallCost": "538",
                "currency": "USD",
                "allocations": [{
                    "subject": "device:srv-1",
                    "installations": ["i-1"],
                    "units": "16",
                    "explanation": "srv-1: 2 processor(s) × 4 core(s) → 8 core minimum per processor → 16 → 8 2-core pack(s) = 16 core licences",
                    "pinned": false
                }]
            },
            {
                "entId": "ws-old",
                "metric": "perCore",
                "status": "expired",
                "entitled": "64",
                "consumed": "0",
                "shortfall": "0",
                "surplus": "0",
                "allocations": []
            }
        ],
        "products": [
            {
                "product": "Tool",
                "installations": 1,
                "covered": 0,
                "entitled": "0",
                "consumed": "0",
                "shortfall": "0",
                "surplus": "0"
            },
            {
                "product": "Windows Server",
                "metric": "perCore",
                "installations": 1,
                "covered": 1,
                "entitled": "12",
                "consumed": "16",
                "shortfall": "4",
                "surplus": "0"
            }
        ],
        "consumers": [
            {
                "installation": "i-1",
                "product": "Windows Server",
                "device": "srv-1",
                "coveredBy": "ws-dc",
                "explanation": "srv-1: 2 processor(s) × 4 core(s) → 8 core minimum per processor → 16 → 8 2-core pack(s) = 16 core licences",
                "rejected": [{
                    "entId": "ws-old",
                    "reason": "expired",
                    "detail": "its terms ended before the date"
                }]
            },
            {
                "installation": "i-2",
                "product": "Tool",
                "device": "srv-1",
                "explanation": "no entitlement covers it",
                "rejected": []
            }
        ],
        "unlicensed": ["i-2"],
        "findings": []
    });
    assert_eq!(json, expected, "{}", p.to_json_string_pretty());
}

// ---------------------------------------------------------------------------------------------
// Regressions: each named after the bug it pins down
// ---------------------------------------------------------------------------------------------

/// Bug: a suite Ent counted per installation charged one licence per part on a device, so
/// Writer + Sheets + Slides on pc-1 consumed 3 suite licences. The suite installed on pc-1 is one
/// installation, named by its primary product's installation (i-1): 1 licence; Sheets alone on
/// pc-2 is no suite installation (unlicensed). consumed 1 of 1.
#[test]
fn regression_suite_parts_charged_once_per_suite_installation() {
    let mut input = input();
    office_suite_catalog(&mut input);
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.estate.devices.push(Device::physical("pc-2", 1, 4));
    for (i, prod, dev) in [
        ("i-1", "Office Writer", "pc-1"),
        ("i-2", "Office Sheets", "pc-1"),
        ("i-3", "Office Slides", "pc-1"),
        ("i-4", "Office Sheets", "pc-2"),
    ] {
        input.installations.push(inst(i, named(prod), dev));
    }
    input.entitlements.push(ent("suite", EntitledProduct::named("Office Suite"), Metric::PerInstallation, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "1 licence for installation:i-1 (as a part of the suite Office Suite)");
    assert_eq!(
        explained(&p, "i-3"),
        "installation:i-1 is already counted under it (as a part of the suite Office Suite)"
    );
    assert_eq!(allocations(&p, "suite"), vec![alloc("installation:i-1", &["i-1", "i-2", "i-3"], 1)]);
    assert_eq!(totals(&p, "suite"), (n(1), n(0), Some(n(0))));
    assert_eq!(p.unlicensed, vec!["i-4".to_owned()]);
}

/// Bug: the second-use right's number of copies was ignored, so every portable device of the
/// user was free. With one copy (the default): alice's pc-a → 1, lt-1 → free, lt-2 → 1;
/// consumed 2 of 2.
#[test]
fn regression_second_use_honours_the_number_of_copies() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-a", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("lt-1", 1, 4).with_user("alice").portable());
    input.estate.devices.push(Device::physical("lt-2", 1, 4).with_user("alice").portable());
    for (i, dev) in [("i-1", "pc-a"), ("i-2", "lt-1"), ("i-3", "lt-2")] {
        input.installations.push(inst(i, named("Office"), dev));
    }
    input.entitlements.push(
        ent("office", EntitledProduct::named("Office"), Metric::PerDevice, 2)
            .with_right(Right::SecondUse { copies: None }),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-2"), "second use on lt-1, a portable device of alice, whose pc-a is covered");
    assert_eq!(explained(&p, "i-3"), "1 licence for device:lt-2");
    assert_eq!(totals(&p, "office"), (n(2), n(0), Some(n(0))));

    // Two copies: both laptops are free → consumed 1.
    input.entitlements[0].rights = vec![Right::SecondUse { copies: Some(2) }];
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-3"), "second use on lt-2, a portable device of alice, whose pc-a is covered");
    assert_eq!(totals(&p, "office"), (n(1), n(0), Some(n(1))));
}

/// Bug: a portable installation whose subject was already charged (named user: alice) was
/// charged again as a second use, giving the Ent two allocations for `user:alice`. The charge
/// already made covers it: one allocation, consumed 1.
#[test]
fn regression_second_use_does_not_duplicate_a_charged_subject() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-a", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("lt-a", 1, 4).with_user("alice").portable());
    input.installations.push(inst("i-1", named("Designer"), "pc-a"));
    input.installations.push(inst("i-2", named("Designer"), "lt-a"));
    input.entitlements.push(
        ent("dsg", EntitledProduct::named("Designer"), Metric::NamedUser { minimum_per_processor: None }, 1)
            .with_right(Right::SecondUse { copies: None }),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-2"), "user:alice is already counted under it");
    assert_eq!(allocations(&p, "dsg"), vec![alloc("user:alice", &["i-1", "i-2"], 1)]);
}

/// Bug: the concurrent peak was read from the first (metric, subtype) group of the product's
/// sessions only, so sessions reported by two licence servers (subtypes lic-a and lic-b) were not
/// added up. All the product's intervals make one sweep: lic-a 09:00–11:00 twice, lic-b
/// 10:00–12:00 → 3 at 10:00.
#[test]
fn regression_concurrent_peak_sums_every_session_of_the_product() {
    let mut input = input();
    input.estate.devices.push(Device::physical("ws-1", 1, 4));
    input.installations.push(inst("i-1", named("CAD Studio"), "ws-1"));
    let s = |sub: &str, a: &str, b: &str| session(a, b).with_subtype(sub);
    input.usage.push(rum(
        "lic",
        "CAD Studio",
        None,
        vec![
            s("lic-a", "2025-06-02T09:00:00Z", "2025-06-02T11:00:00Z"),
            s("lic-a", "2025-06-02T09:00:00Z", "2025-06-02T11:00:00Z"),
            s("lic-b", "2025-06-02T10:00:00Z", "2025-06-02T12:00:00Z"),
        ],
    ));
    input.entitlements.push(ent("cad", EntitledProduct::named("CAD Studio"), Metric::ConcurrentUser, 3));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "peak of 3 concurrent at 2025-06-02T10:00:00Z over 3 usage interval(s)");
    assert_eq!(totals(&p, "cad"), (n(3), n(0), Some(n(0))));
}

/// Bug: an Ent consumed beyond its quantity (here by two pins) reported "needs 1 and -1 remain"
/// to the next installation. What remains is never below 0: a (1 entitled) has 2 pinned
/// installations → i-3 finds 0 remaining → b.
#[test]
fn regression_capacity_detail_never_shows_a_negative_remainder() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    for i in ["i-1", "i-2", "i-3"] {
        input.installations.push(inst(i, named("Editor"), "pc-1"));
    }
    input.entitlements.push(ent("a", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.entitlements.push(ent("b", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.pins.push(Pin { installation: "i-1".into(), ent_id: "a".into() });
    input.pins.push(Pin { installation: "i-2".into(), ent_id: "a".into() });
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-3"), Some("b"));
    assert_eq!(rejection_detail(&p, "i-3", "a"), "installation:i-3 needs 1 and 0 remain");
    assert_eq!(totals(&p, "a"), (n(2), n(1), Some(n(0))));
}

/// Bug: two pins for one installation depended on the order of the pins (the last won). Now
/// the pin to the first existing Ent by id wins (a), and the conflict is a finding.
#[test]
fn regression_conflicting_pins_do_not_depend_on_input_order() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-1", 1, 4));
    input.installations.push(inst("i-1", named("Editor"), "pc-1"));
    input.entitlements.push(ent("a", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.entitlements.push(ent("b", EntitledProduct::named("Editor"), Metric::PerInstallation, 1));
    input.pins.push(Pin { installation: "i-1".into(), ent_id: "b".into() });
    input.pins.push(Pin { installation: "i-1".into(), ent_id: "a".into() });
    input.pins.push(Pin { installation: "i-1".into(), ent_id: "0-missing".into() });
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(covered_by(&p, "i-1"), Some("a"));
    assert!(p.entitlement("a").unwrap().allocations[0].pinned);
    assert_eq!(finding_codes(&p), vec![("conflicting-pins", "installation:i-1"), ("unknown-pin", "installation:i-1")]);
    assert_eq!(p.findings[0].message, "pinned to \"a\" and \"b\": the pin to \"a\" is honoured");
    input.pins.reverse();
    assert_eq!(iso19770_reconcile::reconcile(&input), p);
}

/// Bug: a negative core factor made a negative charge, lowering what the Ent had consumed. A
/// charge is never below 0: srv (4 cores) × −1 = −4 → 0.
#[test]
fn regression_negative_charge_counts_as_zero() {
    let mut input = input();
    input.estate.devices.push(Device::physical("srv", 1, 4).with_class("x86"));
    input.installations.push(inst("i-1", named("Oracle Database"), "srv"));
    input.entitlements.push(ent(
        "ora",
        EntitledProduct::named("Oracle Database"),
        Metric::ProcessorCoreFactor { core_factors: vec![CoreFactor::new("x86", d("-1"))], default_factor: None },
        2,
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(totals(&p, "ora"), (n(0), n(0), Some(n(2))));
    assert_eq!(
        explained(&p, "i-1"),
        "srv: 4 cores × core factor -1 (class x86) = -4 → -4 processor licence(s) (below 0: counted as 0)"
    );
}

/// Bug: extreme numbers overflowed the arithmetic (a panic in a debug build, a wrapped count in
/// a release one): `u32::MAX` processors of `u32::MAX` cores, PVU ratings, minimums, packs and VM
/// counts at their maximum, core factors and quantities at the decimal's maximum. Counts
/// saturate instead; nothing panics.
#[test]
fn regression_extreme_numbers_saturate_without_panicking() {
    let max = u32::MAX;
    let mut input = input();
    input.catalog.core_factors.push(CoreFactor::new("x86", Decimal::MAX));
    input.estate.devices.push(Device::physical("big", max, max).with_class("x86"));
    input.estate.devices.push(Device::physical("big-2", max, max).with_class("x86"));
    for k in 0..3 {
        input.estate.devices.push(Device::virtual_on(format!("vm-{k}"), "big", max, max));
    }
    let products = ["WS", "PVU", "ORA", "NUP", "CONS", "VS", "RH"];
    for prod in products {
        for dev in ["big", "big-2", "vm-0", "vm-1", "vm-2"] {
            input.installations.push(inst(&format!("{prod}-{dev}"), named(prod), dev));
        }
    }
    let big = |id: &str, prod: &str, metric: Metric| {
        Ent::new(id)
            .with_product(EntitledProduct::named(prod))
            .with_metric(metric)
            .with_quantity(Quantity::Exact(Decimal::MAX))
            .with_cost(Cost::new(Decimal::MAX, "USD").with_basis(CostBasis::PerUnit))
    };
    let per_core =
        Metric::PerCore { minimum_per_processor: Some(max), minimum_per_server: Some(max), pack_size: Some(max) };
    input.entitlements.push(big("ws", "WS", per_core.clone()).with_right(Right::Virtualization {
        vms_per_licence: Some(1),
        unlimited_vms: false,
        host_licensing: true,
    }));
    input.entitlements.push(big("ws-2", "WS", per_core));
    input.entitlements.push(big(
        "pvu",
        "PVU",
        Metric::ProcessorValueUnit {
            pvu_per_core: vec![PvuRating::new("x86", max)],
            default_pvu_per_core: None,
            sub_capacity: true,
        },
    ));
    input.entitlements.push(big(
        "ora",
        "ORA",
        Metric::ProcessorCoreFactor { core_factors: vec![CoreFactor::new("x86", Decimal::MAX)], default_factor: None },
    ));
    input.entitlements.push(big("nup", "NUP", Metric::NamedUser { minimum_per_processor: Some(max) }));
    input.entitlements.push(big("cons", "CONS", Metric::Consumption { unit: "U".into(), period: None }));
    input.entitlements.push(big("vs", "VS", Metric::PerProcessor { cores_per_licence: Some(1) }));
    input.entitlements.push(big("rh", "RH", Metric::PerSocket { sockets_per_licence: Some(1) }));
    input.usage.push(rum("pvu-peak", "PVU", Some("big"), vec![Measurement::new("PROCESSOR_VALUE_UNIT", Decimal::MAX)]));
    input.usage.push(rum(
        "cons",
        "CONS",
        None,
        vec![Measurement::new("U", Decimal::MAX), Measurement::new("U", Decimal::MAX)],
    ));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(p.consumers.len(), products.len() * 5);
    for e in &p.entitlements {
        assert!(e.consumed >= Decimal::ZERO, "{}: {}", e.ent_id, e.consumed);
        assert!(e.consumed <= Decimal::MAX);
    }
    // Two Ents of Decimal::MAX each for one product: the product's sum saturates.
    assert_eq!(p.product("WS").unwrap().entitled, Some(Decimal::MAX));
    assert!(!p.to_json_string_pretty().is_empty());
}

/// Bug: of two devices, installations or Ents with one id the first in the input was used, so
/// the order of the input changed the position (the crate promises it never does). d0 is given
/// as a physical 1 × 4 host and as a VM of itself; i-1 as an installation on d1 (a VM of d0)
/// and on d0; e-1 as 1 and as 5 per device. The least of each (compared field by field; an Ent
/// by its whole content) is used in any order: d0 physical (`Physical` before `Virtual`), so d1
/// is a VM of a physical host (no host finding); i-1 on d0 (`d0` before `d1`); e-1 with 1
/// (`Exact(1)` before `Exact(5)`) → consumed 1 of 1.
#[test]
fn regression_duplicate_ids_resolved_the_same_in_any_order() {
    let mut input = input();
    input.estate.devices.push(Device::virtual_on("d0", "d0", 1, 2));
    input.estate.devices.push(Device::physical("d0", 1, 4));
    input.estate.devices.push(Device::virtual_on("d1", "d0", 1, 2));
    input.installations.push(inst("i-1", named("Editor"), "d1"));
    input.installations.push(inst("i-1", named("Editor"), "d0"));
    input.entitlements.push(ent("e-1", EntitledProduct::named("Editor"), Metric::PerDevice, 5));
    input.entitlements.push(ent("e-1", EntitledProduct::named("Editor"), Metric::PerDevice, 1));
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(
        finding_codes(&p),
        vec![
            ("duplicate-device", "device:d0"),
            ("duplicate-ent", "ent:e-1"),
            ("duplicate-installation", "installation:i-1")
        ]
    );
    assert_eq!(p.consumer("i-1").unwrap().device, "d0");
    assert_eq!(allocations(&p, "e-1"), vec![alloc("device:d0", &["i-1"], 1)]);
    assert_eq!(p.entitlement("e-1").unwrap().entitled, Some(n(1)));
    for _ in 0..2 {
        input.estate.devices.reverse();
        input.installations.reverse();
        input.entitlements.reverse();
        assert_eq!(iso19770_reconcile::reconcile(&input), p);
        input.estate.devices.rotate_left(1);
        assert_eq!(iso19770_reconcile::reconcile(&input), p);
    }
}

/// Regression: a portable virtual machine got second use (Flexera: VMs can be neither primary
/// nor second-use devices). alice's desktop pc-a is covered (1); her "portable" VM vm-a is not a
/// second-use device, so it needs its own licence: consumed 2 of 2.
#[test]
fn regression_second_use_is_not_for_virtual_machines() {
    let mut input = input();
    input.estate.devices.push(Device::physical("pc-a", 1, 4).with_user("alice"));
    input.estate.devices.push(Device::physical("host", 1, 8));
    input.estate.devices.push(Device::virtual_on("vm-a", "host", 1, 2).with_user("alice").portable());
    input.installations.push(inst("i-1", named("Office"), "pc-a"));
    input.installations.push(inst("i-2", named("Office"), "vm-a"));
    input.entitlements.push(
        ent("office", EntitledProduct::named("Office"), Metric::PerDevice, 2)
            .with_right(Right::SecondUse { copies: None }),
    );
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-2"), "1 licence for device:vm-a");
    assert_eq!(totals(&p, "office"), (n(2), n(0), Some(n(0))));
}

/// Regression: consumption counted measurements outside the Ent's terms. A 2025 subscription
/// for decisions: 1.5 measured in 2025-03 counts, 4 measured in 2024-12 does not → 1.5 of 2.
#[test]
fn regression_consumption_counts_only_within_the_terms() {
    let mut input = input();
    input.estate.devices.push(Device::physical("srv", 1, 4));
    input.installations.push(inst("i-1", named("ODM"), "srv"));
    input.entitlements.push(
        ent("odm", EntitledProduct::named("ODM"), Metric::Consumption { unit: "decisions".into(), period: None }, 2)
            .with_term(Term::new(TermKind::Subscription).from("2025-01-01T00:00:00Z").until("2025-12-31T23:59:59Z")),
    );
    let mut rum = Rum::new("r").with_asset(MeasuredAsset { name: Some("ODM".into()), ..MeasuredAsset::default() });
    rum.measurements
        .push(Measurement::new("decisions", d("1.5")).with_period("2025-03-01T00:00:00Z", "2025-03-31T00:00:00Z"));
    rum.measurements
        .push(Measurement::new("decisions", d("4")).with_period("2024-12-01T00:00:00Z", "2024-12-31T00:00:00Z"));
    input.usage.push(rum);
    let p = iso19770_reconcile::reconcile(&input);
    assert_eq!(explained(&p, "i-1"), "1.5 decisions consumed over 1 measurement(s)");
    assert_eq!(totals(&p, "odm"), (d("1.5"), n(0), Some(d("0.5"))));
}
