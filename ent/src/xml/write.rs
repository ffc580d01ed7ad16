//! The XML writer: deterministic output, two-space indentation, foreign content written back.

use super::XmlOptions;
use crate::{
    AccessBy, Cost, CostBasis, EncodeError, Ent, EntitledProduct, Entity, Limitation, Link, Meta, Metric, Parameter,
    Right, Term,
};
use iso19770_core::xml::Element;
use iso19770_core::{Path, PathSegment};

type Result<T> = std::result::Result<T, EncodeError>;

/// Adds one `<Parameter name=".." value=".."/>` per parameter.
fn write_params(e: &mut Element, params: &[Parameter]) {
    for p in params {
        let mut c = Element::new("Parameter");
        c.attr("name", p.name.as_str());
        c.attr("value", p.value.as_str());
        e.child(c);
    }
}

pub(super) fn write(ent: &Ent, options: &XmlOptions) -> Result<String> {
    let ns = options.namespace.as_str();
    let root_path = Path::from_segments([PathSegment::element("Ent", 1)]);
    let mut root = Element::new("Ent");
    root.attr("entId", ent.ent_id.as_str());
    root.opt("version", ent.version.as_ref());
    root.opt("revision", ent.revision);
    root.opt("name", ent.name.as_ref());
    root.opt("xml:lang", ent.lang.as_ref());
    for (i, e) in ent.entities.iter().enumerate() {
        root.child(entity(e, ns, &root_path.join(PathSegment::element("Entity", i + 1)))?);
    }
    for (i, l) in ent.links.iter().enumerate() {
        root.child(link(l, ns, &root_path.join(PathSegment::element("Link", i + 1)))?);
    }
    for (i, m) in ent.meta.iter().enumerate() {
        root.child(meta(m, ns, &root_path.join(PathSegment::element("Meta", i + 1)))?);
    }
    for (i, p) in ent.products.iter().enumerate() {
        root.child(product(p, ns, &root_path.join(PathSegment::element("Product", i + 1)))?);
    }
    if let Some(q) = &ent.quantity {
        let mut e = Element::new("Quantity");
        match q.exact() {
            Some(d) => e.attr("value", d.to_string()),
            None => e.attr("unlimited", "true"),
        }
        root.child(e);
    }
    if let Some(m) = &ent.metric {
        root.child(metric(m));
    }
    for r in &ent.rights {
        root.child(right(r));
    }
    for l in &ent.limitations {
        root.child(limitation(l));
    }
    for t in &ent.terms {
        root.child(term(t));
    }
    for c in &ent.costs {
        root.child(cost(c));
    }
    root.extensions(&ent.extensions, ns, &root_path)?;
    Ok(root.to_document(Some(ns)))
}

fn entity(entity: &Entity, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Entity");
    e.attr("name", entity.name.as_str());
    e.opt("regid", entity.regid.as_ref());
    if !entity.roles.is_empty() {
        let roles: Vec<&str> = entity.roles.iter().map(crate::Role::as_str).collect();
        e.attr("role", roles.join(" "));
    }
    e.extensions(&entity.extensions, ns, path)?;
    Ok(e)
}

fn link(link: &Link, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Link");
    e.attr("href", link.href.as_str());
    e.attr("rel", link.rel.as_str());
    e.opt("type", link.media_type.as_ref());
    e.extensions(&link.extensions, ns, path)?;
    Ok(e)
}

fn meta(meta: &Meta, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Meta");
    e.opt("sku", meta.sku.as_ref());
    e.opt("purchaseOrder", meta.purchase_order.as_ref());
    e.opt("purchaseOrderLine", meta.purchase_order_line.as_ref());
    e.opt("invoice", meta.invoice.as_ref());
    e.opt("agreement", meta.agreement.as_ref());
    e.opt("contract", meta.contract.as_ref());
    e.opt("agreementType", meta.agreement_type.as_ref());
    e.opt("purchaseDate", meta.purchase_date.as_ref());
    e.extensions(&meta.extensions, ns, path)?;
    Ok(e)
}

fn product(product: &EntitledProduct, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Product");
    e.opt("tagId", product.tag_id.as_ref());
    e.opt("regid", product.regid.as_ref());
    e.opt("product", product.product.as_ref());
    e.opt("edition", product.edition.as_ref());
    if let Some(v) = &product.versions {
        if v.from.is_none() && v.to.is_none() {
            e.attr("versions", "any");
        }
        e.opt("versionFrom", v.from.as_ref());
        e.opt("versionTo", v.to.as_ref());
    }
    e.extensions(&product.extensions, ns, path)?;
    Ok(e)
}

fn metric(metric: &Metric) -> Element {
    let mut e = Element::new("Metric");
    match metric {
        Metric::Other { name, .. } => {
            e.attr("type", "other");
            e.attr("name", name);
        }
        m => e.attr("type", m.name()),
    }
    match metric {
        Metric::NamedUser { minimum_per_processor } => e.opt("minimumPerProcessor", *minimum_per_processor),
        Metric::PerCore { minimum_per_processor, minimum_per_server, pack_size } => {
            e.opt("minimumPerProcessor", *minimum_per_processor);
            e.opt("minimumPerServer", *minimum_per_server);
            e.opt("packSize", *pack_size);
        }
        Metric::PerProcessor { cores_per_licence } => e.opt("coresPerLicence", *cores_per_licence),
        Metric::PerSocket { sockets_per_licence } => e.opt("socketsPerLicence", *sockets_per_licence),
        Metric::ProcessorCoreFactor { core_factors, default_factor } => {
            e.opt("defaultFactor", *default_factor);
            for f in core_factors {
                let mut c = Element::new("CoreFactor");
                c.attr("processorClass", f.processor_class.as_str());
                c.attr("factor", f.factor.to_string());
                e.child(c);
            }
        }
        Metric::ProcessorValueUnit { pvu_per_core, default_pvu_per_core, sub_capacity } => {
            e.opt("defaultPvuPerCore", *default_pvu_per_core);
            e.flag("subCapacity", *sub_capacity);
            for r in pvu_per_core {
                let mut c = Element::new("PvuRating");
                c.attr("processorClass", r.processor_class.as_str());
                c.attr("pvuPerCore", r.pvu_per_core.to_string());
                e.child(c);
            }
        }
        Metric::ClientAccess { access_by } => e.attr(
            "accessBy",
            match access_by {
                AccessBy::User => "user",
                AccessBy::Device => "device",
            },
        ),
        Metric::Consumption { unit, period } => {
            e.attr("unit", unit);
            e.opt("period", period.as_ref());
        }
        Metric::Other { params, .. } => write_params(&mut e, params),
        _ => {}
    }
    e
}

fn right(right: &Right) -> Element {
    let mut e = Element::new("Right");
    match right {
        Right::Other { name, .. } => {
            e.attr("type", "other");
            e.attr("name", name);
        }
        r => e.attr("type", r.name()),
    }
    match right {
        Right::Downgrade { lowest_version, editions } => {
            e.opt("lowestVersion", lowest_version.as_ref());
            e.valued("Edition", editions);
        }
        Right::Upgrade { until } => e.opt("until", until.as_ref()),
        Right::SecondUse { copies } => e.opt("copies", *copies),
        Right::MultipleInstalls { per_licence } => e.attr("perLicence", per_licence.to_string()),
        Right::Virtualization { vms_per_licence, unlimited_vms, host_licensing } => {
            e.opt("vmsPerLicence", *vms_per_licence);
            e.flag("unlimitedVms", *unlimited_vms);
            e.flag("hostLicensing", *host_licensing);
        }
        Right::Transfer { minimum_days_between, to_third_party } => {
            e.opt("minimumDaysBetween", *minimum_days_between);
            e.flag("toThirdParty", *to_third_party);
        }
        Right::Other { params, .. } => write_params(&mut e, params),
    }
    e
}

fn limitation(limitation: &Limitation) -> Element {
    let mut e = Element::new("Limitation");
    match limitation {
        Limitation::Other { name, .. } => {
            e.attr("type", "other");
            e.attr("name", name);
        }
        l => e.attr("type", l.name()),
    }
    match limitation {
        Limitation::Period { start, end } => {
            e.opt("start", start.as_ref());
            e.opt("end", end.as_ref());
        }
        Limitation::Geography { countries, regions } => {
            e.valued("Country", countries);
            e.valued("Region", regions);
        }
        Limitation::Environment { environments } => {
            let names: Vec<&str> = environments.iter().map(crate::Environment::as_str).collect();
            e.valued("Environment", &names);
        }
        Limitation::Organization { units } => e.valued("Unit", units),
        Limitation::Other { params, .. } => write_params(&mut e, params),
    }
    e
}

fn term(term: &Term) -> Element {
    let mut e = Element::new("Term");
    e.attr("kind", term.kind.as_str());
    e.opt("start", term.start.as_ref());
    e.opt("end", term.end.as_ref());
    e
}

fn cost(cost: &Cost) -> Element {
    let mut e = Element::new("Cost");
    e.attr("amount", cost.amount.to_string());
    e.attr("currency", cost.currency.as_str());
    match cost.basis {
        CostBasis::Total => {}
        CostBasis::PerUnit => e.attr("basis", "perUnit"),
        CostBasis::PerPeriod => e.attr("basis", "perPeriod"),
    }
    e
}
