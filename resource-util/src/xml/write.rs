//! The XML writer: deterministic output, two-space indentation, foreign content written back.

use super::XmlOptions;
use crate::{EncodeError, Entity, Extensions, Link, MeasuredAsset, Measurement, Meta, Rum};
use iso19770_core::xml::Element;
use iso19770_core::{Path, PathSegment, Timestamp};

type Result<T> = std::result::Result<T, EncodeError>;

pub(super) fn write(rum: &Rum, options: &XmlOptions) -> Result<String> {
    let ns = options.namespace.as_str();
    let root_path = Path::from_segments([PathSegment::element("Rum", 1)]);
    let at = |name: &str, i: usize| root_path.join(PathSegment::element(name, i + 1));
    let mut root = Element::new("Rum");
    root.attr("rumId", rum.rum_id.as_str());
    root.opt("version", rum.version.as_ref());
    root.opt("revision", rum.revision);
    root.opt("xml:lang", rum.lang.as_ref());
    for (i, e) in rum.entities.iter().enumerate() {
        root.child(entity(e, ns, &at("Entity", i))?);
    }
    for (i, l) in rum.links.iter().enumerate() {
        root.child(link(l, ns, &at("Link", i))?);
    }
    for (i, m) in rum.meta.iter().enumerate() {
        root.child(meta(m, ns, &at("Meta", i))?);
    }
    if let Some(a) = &rum.asset {
        root.child(asset(a, ns, &at("Asset", 0))?);
    }
    for (i, m) in rum.measurements.iter().enumerate() {
        root.child(measurement(m, ns, &at("Measurement", i))?);
    }
    root.extensions(&rum.extensions, ns, &root_path)?;
    Ok(root.to_document(Some(ns)))
}

fn kept(mut e: Element, ext: &Extensions, ns: &str, path: &Path) -> Result<Element> {
    e.extensions(ext, ns, path)?;
    Ok(e)
}

fn entity(entity: &Entity, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Entity");
    e.attr("name", entity.name.as_str());
    e.opt("regid", entity.regid.as_ref());
    if !entity.roles.is_empty() {
        e.attr("role", entity.roles.iter().map(crate::Role::as_str).collect::<Vec<_>>().join(" "));
    }
    kept(e, &entity.extensions, ns, path)
}

fn link(link: &Link, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Link");
    e.attr("href", link.href.as_str());
    e.attr("rel", link.rel.as_str());
    e.opt("type", link.media_type.as_ref());
    kept(e, &link.extensions, ns, path)
}

fn meta(meta: &Meta, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Meta");
    e.opt("product", meta.product.as_ref());
    e.opt("softwareVersion", meta.software_version.as_ref());
    e.opt("reportId", meta.report_id.as_ref());
    e.opt("schemaVersion", meta.schema_version.as_ref());
    kept(e, &meta.extensions, ns, path)
}

fn asset(asset: &MeasuredAsset, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Asset");
    e.opt("tagId", asset.tag_id.as_ref());
    e.opt("persistentId", asset.persistent_id.as_ref());
    e.opt("name", asset.name.as_ref());
    e.opt("instanceId", asset.instance_id.as_ref());
    e.opt("deviceId", asset.device_id.as_ref());
    kept(e, &asset.extensions, ns, path)
}

/// A timestamp attribute: refused when a date-time text would read back as Unix seconds.
fn timestamp(e: &mut Element, name: &str, t: Option<&Timestamp>, path: &Path) -> Result<()> {
    if let Some(t) = t {
        let text = t.to_string();
        if let Timestamp::DateTime(_) = t
            && super::read::timestamp(text.clone()).ok().as_ref() != Some(t)
        {
            return Err(EncodeError::NotRepresentable {
                path: path.join(PathSegment::attribute(name)),
                what: format!("the date-time text {text:?} (digits only, it would read back as Unix seconds)"),
                format: "XML",
            });
        }
        e.attr(name, text);
    }
    Ok(())
}

fn measurement(m: &Measurement, ns: &str, path: &Path) -> Result<Element> {
    let mut e = Element::new("Measurement");
    timestamp(&mut e, "logTime", m.log_time.as_ref(), path)?;
    e.attr("metric", m.metric.as_str());
    e.opt("subtype", m.subtype.as_ref());
    e.opt("unit", m.unit.as_ref());
    e.attr("value", m.value.to_string());
    timestamp(&mut e, "start", m.start.as_ref(), path)?;
    timestamp(&mut e, "end", m.end.as_ref(), path)?;
    e.opt("sampleInterval", m.sample_interval);
    e.opt("sampleCount", m.sample_count);
    e.opt("aggregation", m.aggregation.as_ref().map(crate::Aggregation::as_str));
    kept(e, &m.extensions, ns, path)
}
