//! The XML reader: the shared tree reader of `iso19770_core::xml`, then the tree into the model.

use super::XmlOptions;
use crate::{
    AccessBy, CoreFactor, Cost, CostBasis, DecodeError, Ent, EntitledProduct, Entity, Environment, Limitation, Link,
    Meta, Metric, Parameter, PvuRating, Quantity, Rel, Right, Role, Term, TermKind, VersionRange,
};
use iso19770_core::xml::{Doc, Node, ReadLimits, XmlErrorKind};
use iso19770_core::{DateTime, Extensions, Location, PathSegment, Position};

type Result<T> = std::result::Result<T, DecodeError>;

/// The shared reader's document, with the Ent's own readers and errors.
struct Ctx<'a>(Doc<'a>);

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        &self.0
    }
}

pub(super) fn read(input: &str, options: &XmlOptions) -> Result<Ent> {
    let cx = Ctx(Doc::new(input, &options.namespace));
    let limits = ReadLimits::new(options.max_depth, options.max_attributes)
        .with_max_namespace_bindings(options.max_namespace_bindings);
    let mut root = cx.parse(&limits)?;
    cx.expect_root(&root, "Ent")?;
    cx.no_text(&root)?;
    let mut ent = Ent::new(cx.required(&mut root, "entId")?);
    ent.version = cx.text(&mut root, "version");
    ent.revision = cx.number(&mut root, "revision")?;
    ent.name = cx.text(&mut root, "name");
    ent.lang = cx.lang(&mut root);
    let children = std::mem::take(&mut root.children);
    for mut child in children {
        if child.namespace.as_deref() != Some(cx.ns) {
            ent.extensions.elements.push(cx.foreign(&child));
            continue;
        }
        match child.local.as_str() {
            "Entity" => ent.entities.push(cx.entity(&mut child)?),
            "Link" => ent.links.push(cx.link(&mut child)?),
            "Meta" => ent.meta.push(cx.meta(&mut child)?),
            "Product" => ent.products.push(cx.product(&mut child)?),
            "Quantity" => {
                cx.once(ent.quantity.is_some(), &child)?;
                ent.quantity = Some(cx.quantity(&mut child)?);
            }
            "Metric" => {
                cx.once(ent.metric.is_some(), &child)?;
                ent.metric = Some(cx.metric(&mut child)?);
            }
            "Right" => ent.rights.push(cx.right(&mut child)?),
            "Limitation" => ent.limitations.push(cx.limitation(&mut child)?),
            "Term" => ent.terms.push(cx.term(&mut child)?),
            "Cost" => ent.costs.push(cx.cost(&mut child)?),
            _ => cx.keep(&mut child, &mut ent.extensions)?,
        }
    }
    cx.keep_attributes(&mut root, &mut ent.extensions);
    Ok(ent)
}

impl Ctx<'_> {
    fn at_attr(&self, node: &Node, name: &str) -> Box<Location> {
        Box::new(Location::new(Position::in_text(self.input, node.start), node.path.join(PathSegment::attribute(name))))
    }

    fn missing(&self, node: &Node, name: &'static str) -> DecodeError {
        self.error(node.start, &node.path, XmlErrorKind::MissingAttribute(name)).into()
    }

    fn bad(&self, node: &Node, name: &str, value: String, message: impl Into<String>) -> DecodeError {
        self.0.bad(node, name, value, message).into()
    }

    fn date(&self, node: &mut Node, name: &str) -> Option<DateTime> {
        self.text(node, name).map(DateTime::new)
    }

    fn entity(&self, node: &mut Node) -> Result<Entity> {
        let mut e = Entity::new(self.required(node, "name")?, []);
        e.regid = self.text(node, "regid");
        if let Some(roles) = self.text(node, "role") {
            e.roles = roles.split_ascii_whitespace().map(Role::from_name).collect();
        }
        self.keep_attributes(node, &mut e.extensions);
        self.keep_children(node, &mut e.extensions)?;
        Ok(e)
    }

    fn link(&self, node: &mut Node) -> Result<Link> {
        let href = self.required(node, "href")?;
        let rel = Rel::from_name(&self.required(node, "rel")?);
        let mut l = Link::new(href, rel);
        l.media_type = self.text(node, "type");
        self.keep_attributes(node, &mut l.extensions);
        self.keep_children(node, &mut l.extensions)?;
        Ok(l)
    }

    fn meta(&self, node: &mut Node) -> Result<Meta> {
        let mut m = Meta {
            sku: self.text(node, "sku"),
            purchase_order: self.text(node, "purchaseOrder"),
            purchase_order_line: self.text(node, "purchaseOrderLine"),
            invoice: self.text(node, "invoice"),
            agreement: self.text(node, "agreement"),
            contract: self.text(node, "contract"),
            agreement_type: self.text(node, "agreementType"),
            purchase_date: self.date(node, "purchaseDate"),
            extensions: Extensions::default(),
        };
        self.keep_attributes(node, &mut m.extensions);
        self.keep_children(node, &mut m.extensions)?;
        Ok(m)
    }

    fn product(&self, node: &mut Node) -> Result<EntitledProduct> {
        let mut p = EntitledProduct {
            tag_id: self.text(node, "tagId"),
            regid: self.text(node, "regid"),
            product: self.text(node, "product"),
            edition: self.text(node, "edition"),
            ..EntitledProduct::default()
        };
        let any = match self.text(node, "versions") {
            None => false,
            Some(v) if v == "any" => true,
            Some(v) => return Err(self.bad(node, "versions", v, "the only value is any")),
        };
        let from = self.text(node, "versionFrom");
        let to = self.text(node, "versionTo");
        if any || from.is_some() || to.is_some() {
            p.versions = Some(VersionRange { from, to });
        }
        self.keep_attributes(node, &mut p.extensions);
        self.keep_children(node, &mut p.extensions)?;
        Ok(p)
    }

    fn quantity(&self, node: &mut Node) -> Result<Quantity> {
        let value = self.decimal(node, "value")?;
        let unlimited = self.flag(node, "unlimited")?;
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        match (value, unlimited) {
            (Some(d), false) => Ok(Quantity::Exact(d)),
            (None, true) => Ok(Quantity::Unlimited),
            (Some(d), true) => {
                Err(self.bad(node, "unlimited", d.to_string(), "a value and unlimited=\"true\" together"))
            }
            (None, false) => Err(self.missing(node, "value")),
        }
    }

    fn params(&self, children: Vec<Node>) -> Result<Vec<Parameter>> {
        let mut out = Vec::new();
        for mut c in children.into_iter().filter(|c| c.local == "Parameter") {
            let p = Parameter::new(self.required(&mut c, "name")?, self.required(&mut c, "value")?);
            self.no_more_attributes(&c)?;
            self.children(&mut c, &[])?;
            out.push(p);
        }
        Ok(out)
    }

    fn values(&self, children: &mut [Node], name: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for c in children.iter_mut().filter(|c| c.local == name) {
            out.push(self.required(c, "value")?);
            self.no_more_attributes(c)?;
            self.children(c, &[])?;
        }
        Ok(out)
    }

    fn kind(&self, node: &mut Node) -> Result<String> {
        let kind = self.required(node, "type")?;
        if kind == "other" { Ok(self.required(node, "name")?) } else { Ok(kind) }
    }

    fn metric(&self, node: &mut Node) -> Result<Metric> {
        let kind = self.kind(node)?;
        let is_other = node.attrs.iter().any(|a| a.used && a.local == "name");
        let allowed: &[&str] = match kind.as_str() {
            _ if is_other => &["Parameter"],
            "processorCoreFactor" => &["CoreFactor"],
            "processorValueUnit" => &["PvuRating"],
            _ => &[],
        };
        let children = self.children(node, allowed)?;
        let metric = match kind.as_str() {
            _ if is_other => Metric::Other { name: kind, params: self.params(children)? },
            "perInstallation" => Metric::PerInstallation,
            "perDevice" => Metric::PerDevice,
            "namedUser" => Metric::NamedUser { minimum_per_processor: self.number(node, "minimumPerProcessor")? },
            "concurrentUser" => Metric::ConcurrentUser,
            "perCore" => Metric::PerCore {
                minimum_per_processor: self.number(node, "minimumPerProcessor")?,
                minimum_per_server: self.number(node, "minimumPerServer")?,
                pack_size: self.number(node, "packSize")?,
            },
            "perProcessor" => Metric::PerProcessor { cores_per_licence: self.number(node, "coresPerLicence")? },
            "perSocket" => Metric::PerSocket { sockets_per_licence: self.number(node, "socketsPerLicence")? },
            "processorCoreFactor" => {
                let mut core_factors = Vec::new();
                for mut c in children.into_iter().filter(|c| c.local == "CoreFactor") {
                    let class = self.required(&mut c, "processorClass")?;
                    let factor = self.decimal(&mut c, "factor")?.ok_or_else(|| self.missing(&c, "factor"))?;
                    self.no_more_attributes(&c)?;
                    self.children(&mut c, &[])?;
                    core_factors.push(CoreFactor::new(class, factor));
                }
                Metric::ProcessorCoreFactor { core_factors, default_factor: self.decimal(node, "defaultFactor")? }
            }
            "processorValueUnit" => {
                let mut pvu_per_core = Vec::new();
                for mut c in children.into_iter().filter(|c| c.local == "PvuRating") {
                    let class = self.required(&mut c, "processorClass")?;
                    let pvu = self.number(&mut c, "pvuPerCore")?.ok_or_else(|| self.missing(&c, "pvuPerCore"))?;
                    self.no_more_attributes(&c)?;
                    self.children(&mut c, &[])?;
                    pvu_per_core.push(PvuRating::new(class, pvu));
                }
                Metric::ProcessorValueUnit {
                    pvu_per_core,
                    default_pvu_per_core: self.number(node, "defaultPvuPerCore")?,
                    sub_capacity: self.flag(node, "subCapacity")?,
                }
            }
            "clientAccess" => {
                let access_by = match self.required(node, "accessBy")?.as_str() {
                    "user" => AccessBy::User,
                    "device" => AccessBy::Device,
                    v => return Err(self.bad(node, "accessBy", v.to_owned(), "neither user nor device")),
                };
                Metric::ClientAccess { access_by }
            }
            "site" => Metric::Site,
            "enterprise" => Metric::Enterprise,
            "unlimited" => Metric::Unlimited,
            "consumption" => {
                Metric::Consumption { unit: self.required(node, "unit")?, period: self.text(node, "period") }
            }
            _ => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "type"),
                    vocabulary: "metric type",
                    value: kind,
                });
            }
        };
        self.no_more_attributes(node)?;
        Ok(metric)
    }

    fn right(&self, node: &mut Node) -> Result<Right> {
        let kind = self.kind(node)?;
        let is_other = node.attrs.iter().any(|a| a.used && a.local == "name");
        let allowed: &[&str] = match kind.as_str() {
            _ if is_other => &["Parameter"],
            "downgrade" => &["Edition"],
            _ => &[],
        };
        let mut children = self.children(node, allowed)?;
        let right = match kind.as_str() {
            _ if is_other => Right::Other { name: kind, params: self.params(children)? },
            "downgrade" => Right::Downgrade {
                lowest_version: self.text(node, "lowestVersion"),
                editions: self.values(&mut children, "Edition")?,
            },
            "upgrade" => Right::Upgrade { until: self.date(node, "until") },
            "secondUse" => Right::SecondUse { copies: self.number(node, "copies")? },
            "multipleInstalls" => Right::MultipleInstalls {
                per_licence: self.number(node, "perLicence")?.ok_or_else(|| self.missing(node, "perLicence"))?,
            },
            "virtualization" => Right::Virtualization {
                vms_per_licence: self.number(node, "vmsPerLicence")?,
                unlimited_vms: self.flag(node, "unlimitedVms")?,
                host_licensing: self.flag(node, "hostLicensing")?,
            },
            "transfer" => Right::Transfer {
                minimum_days_between: self.number(node, "minimumDaysBetween")?,
                to_third_party: self.flag(node, "toThirdParty")?,
            },
            _ => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "type"),
                    vocabulary: "right type",
                    value: kind,
                });
            }
        };
        self.no_more_attributes(node)?;
        Ok(right)
    }

    fn limitation(&self, node: &mut Node) -> Result<Limitation> {
        let kind = self.kind(node)?;
        let is_other = node.attrs.iter().any(|a| a.used && a.local == "name");
        let allowed: &[&str] = match kind.as_str() {
            _ if is_other => &["Parameter"],
            "geography" => &["Country", "Region"],
            "environment" => &["Environment"],
            "organization" => &["Unit"],
            _ => &[],
        };
        let mut children = self.children(node, allowed)?;
        let limitation = match kind.as_str() {
            _ if is_other => Limitation::Other { name: kind, params: self.params(children)? },
            "period" => Limitation::Period { start: self.date(node, "start"), end: self.date(node, "end") },
            "geography" => Limitation::Geography {
                countries: self.values(&mut children, "Country")?,
                regions: self.values(&mut children, "Region")?,
            },
            "environment" => Limitation::Environment {
                environments: self
                    .values(&mut children, "Environment")?
                    .iter()
                    .map(|v| Environment::from_name(v))
                    .collect(),
            },
            "organization" => Limitation::Organization { units: self.values(&mut children, "Unit")? },
            _ => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "type"),
                    vocabulary: "limitation type",
                    value: kind,
                });
            }
        };
        self.no_more_attributes(node)?;
        Ok(limitation)
    }

    fn term(&self, node: &mut Node) -> Result<Term> {
        let t = Term {
            kind: TermKind::from_name(&self.required(node, "kind")?),
            start: self.date(node, "start"),
            end: self.date(node, "end"),
        };
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(t)
    }

    fn cost(&self, node: &mut Node) -> Result<Cost> {
        let amount = self.decimal(node, "amount")?.ok_or_else(|| self.missing(node, "amount"))?;
        let currency = self.required(node, "currency")?;
        let basis = match self.text(node, "basis").as_deref() {
            None | Some("total") => CostBasis::Total,
            Some("perUnit") => CostBasis::PerUnit,
            Some("perPeriod") => CostBasis::PerPeriod,
            Some(v) => {
                return Err(DecodeError::UnknownValue {
                    at: self.at_attr(node, "basis"),
                    vocabulary: "cost basis",
                    value: v.to_owned(),
                });
            }
        };
        self.no_more_attributes(node)?;
        self.children(node, &[])?;
        Ok(Cost { amount, currency, basis })
    }
}
