//! The XML writer: deterministic output, two-space indentation, foreign content written back.

use super::XmlOptions;
use crate::{
    AccessBy, Cost, CostBasis, EncodeError, Ent, EntitledProduct, Entity, Limitation, Link, Meta, Metric, Parameter,
    Right, Term,
};
use iso19770_core::cbor::CborValue;
use iso19770_core::{Extensions, Label, Path, PathSegment, XML_NAMESPACE};

type Result<T> = std::result::Result<T, EncodeError>;

/// One element being written: its attributes, namespace declarations and children.
struct Element {
    name: &'static str,
    attrs: Vec<(String, String)>,
    decls: Vec<(String, String)>,
    children: Vec<Child>,
}

enum Child {
    Element(Element),
    Raw(String),
}

impl Element {
    fn new(name: &'static str) -> Self {
        Element { name, attrs: Vec::new(), decls: Vec::new(), children: Vec::new() }
    }

    fn attr(&mut self, name: &str, value: impl Into<String>) {
        self.attrs.push((name.to_owned(), value.into()));
    }

    fn opt<T: ToString>(&mut self, name: &str, value: Option<T>) {
        if let Some(v) = value {
            self.attr(name, v.to_string());
        }
    }

    fn flag(&mut self, name: &str, value: bool) {
        if value {
            self.attr(name, "true");
        }
    }

    fn child(&mut self, child: Element) {
        self.children.push(Child::Element(child));
    }

    fn valued<T: ToString>(&mut self, name: &'static str, values: &[T]) {
        for v in values {
            let mut e = Element::new(name);
            e.attr("value", v.to_string());
            self.child(e);
        }
    }

    fn params(&mut self, params: &[Parameter]) {
        for p in params {
            let mut e = Element::new("Parameter");
            e.attr("name", p.name.as_str());
            e.attr("value", p.value.as_str());
            self.child(e);
        }
    }

    /// Declares `prefix` for `uri` here; an error when the prefix is already taken by another URI.
    fn declare(&mut self, prefix: &str, uri: &str, path: &Path) -> Result<()> {
        match self.decls.iter().find(|(p, _)| p == prefix) {
            Some((_, u)) if u == uri => Ok(()),
            Some(_) => Err(EncodeError::DuplicateKey { path: path.clone(), key: format!("xmlns:{prefix}") }),
            None => {
                self.decls.push((prefix.to_owned(), uri.to_owned()));
                Ok(())
            }
        }
    }

    /// Writes back kept attributes and elements.
    fn extensions(&mut self, ext: &Extensions, ns: &str, path: &Path) -> Result<()> {
        for entry in &ext.entries {
            let mut e = Element::new("Entry");
            match &entry.label {
                Label::Text(k) => e.attr("key", k),
                Label::Int(n) => e.attr("label", n.to_string()),
            }
            match &entry.value {
                CborValue::Text(t) => e.attr("text", t),
                CborValue::Unsigned(n) => e.attr("unsigned", n.to_string()),
                CborValue::Negative(n) => e.attr("negative", n.to_string()),
                CborValue::Bool(b) => e.attr("bool", b.to_string()),
                CborValue::Null => e.attr("null", "true"),
                _ => {
                    return Err(EncodeError::NotRepresentable {
                        path: path.clone(),
                        what: format!("the entry {:?} (only text, integer, boolean and null entries)", entry.label),
                        format: "XML",
                    });
                }
            }
            self.child(e);
        }
        for a in &ext.attributes {
            for b in &a.namespaces {
                self.binding(b.prefix.as_deref(), &b.uri, ns, path)?;
            }
            let name = match a.namespace.as_deref() {
                None => a.name.to_string(),
                Some(XML_NAMESPACE) => format!("xml:{}", a.name),
                Some(uri) => {
                    let prefix = self.prefix_for(a.prefix.as_deref(), uri);
                    format!("{prefix}:{}", a.name)
                }
            };
            if self.attrs.iter().any(|(n, _)| *n == name) {
                return Err(EncodeError::DuplicateKey { path: path.clone(), key: name });
            }
            self.attrs.push((name, a.value.clone()));
        }
        for e in &ext.elements {
            for b in &e.namespaces {
                self.binding(b.prefix.as_deref(), &b.uri, ns, path)?;
            }
            self.children.push(Child::Raw(e.raw.clone()));
        }
        Ok(())
    }

    fn binding(&mut self, prefix: Option<&str>, uri: &str, ns: &str, path: &Path) -> Result<()> {
        match prefix {
            None if uri == ns => Ok(()),
            None => Err(EncodeError::NotRepresentable {
                path: path.clone(),
                what: format!("kept content in the default namespace {uri:?}"),
                format: "XML",
            }),
            Some("xml") => Ok(()),
            Some(p) => self.declare(p, uri, path),
        }
    }

    /// A prefix bound to `uri` on this element: the preferred one when free, else `ns1`, `ns2`, ….
    fn prefix_for(&mut self, preferred: Option<&str>, uri: &str) -> String {
        if let Some((p, _)) = self.decls.iter().find(|(_, u)| u == uri) {
            return p.clone();
        }
        let free = |p: &str, decls: &[(String, String)]| {
            !p.is_empty() && !p.to_ascii_lowercase().starts_with("xml") && decls.iter().all(|(q, _)| q != p)
        };
        let prefix = match preferred {
            Some(p) if free(p, &self.decls) => p.to_owned(),
            _ => {
                let mut i = 1;
                while !free(&format!("ns{i}"), &self.decls) {
                    i += 1;
                }
                format!("ns{i}")
            }
        };
        self.decls.push((prefix.clone(), uri.to_owned()));
        prefix
    }

    fn render(&self, out: &mut String, indent: usize, root_ns: Option<&str>) {
        out.push_str(&"  ".repeat(indent));
        out.push('<');
        out.push_str(self.name);
        if let Some(ns) = root_ns {
            push_attr(out, "xmlns", ns);
        }
        for (p, u) in &self.decls {
            push_attr(out, &format!("xmlns:{p}"), u);
        }
        for (n, v) in &self.attrs {
            push_attr(out, n, v);
        }
        if self.children.is_empty() {
            out.push_str("/>\n");
            return;
        }
        out.push_str(">\n");
        for c in &self.children {
            match c {
                Child::Element(e) => e.render(out, indent + 1, None),
                Child::Raw(raw) => {
                    out.push_str(&"  ".repeat(indent + 1));
                    out.push_str(raw);
                    out.push('\n');
                }
            }
        }
        out.push_str(&"  ".repeat(indent));
        out.push_str("</");
        out.push_str(self.name);
        out.push_str(">\n");
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out.push('"');
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
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.render(&mut out, 0, Some(ns));
    Ok(out)
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
        Metric::Other { params, .. } => e.params(params),
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
        Right::Other { params, .. } => e.params(params),
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
        Limitation::Other { params, .. } => e.params(params),
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
