//! The XML reader: the shared tree reader of `iso19770_core::xml`, then the tree into the model.

use super::XmlOptions;
use crate::{DecodeError, Entity, Link, MeasuredAsset, Measurement, Meta, Rel, Role, Rum};
use iso19770_core::xml::{Doc, Node, ReadLimits, XmlErrorKind};
use iso19770_core::{Extensions, Timestamp};

type Result<T> = std::result::Result<T, DecodeError>;

/// The shared reader's document, with the RUM's own readers.
struct Ctx<'a>(Doc<'a>);

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        &self.0
    }
}

pub(super) fn read(input: &str, options: &XmlOptions) -> Result<Rum> {
    let cx = Ctx(Doc::new(input, &options.namespace));
    let limits = ReadLimits::new(options.max_depth, options.max_attributes)
        .with_max_namespace_bindings(options.max_namespace_bindings);
    let mut root = cx.parse(&limits)?;
    cx.expect_root(&root, "Rum")?;
    cx.no_text(&root)?;
    let mut rum = Rum::new(cx.required(&mut root, "rumId")?);
    rum.version = cx.text(&mut root, "version");
    rum.revision = cx.number(&mut root, "revision")?;
    rum.lang = cx.lang(&mut root);
    for mut child in std::mem::take(&mut root.children) {
        if child.namespace.as_deref() != Some(cx.ns) {
            rum.extensions.elements.push(cx.foreign(&child));
            continue;
        }
        match child.local.as_str() {
            "Entity" => rum.entities.push(cx.entity(&mut child)?),
            "Link" => rum.links.push(cx.link(&mut child)?),
            "Meta" => rum.meta.push(cx.meta(&mut child)?),
            "Asset" => {
                cx.once(rum.asset.is_some(), &child)?;
                rum.asset = Some(cx.asset(&mut child)?);
            }
            "Measurement" => rum.measurements.push(cx.measurement(&mut child)?),
            _ => cx.keep(&mut child, &mut rum.extensions)?,
        }
    }
    cx.keep_attributes(&mut root, &mut rum.extensions);
    Ok(rum)
}

/// A timestamp attribute: digits only (with an optional `-`) is Unix seconds, anything else an
/// `xs:dateTime` text kept as written.
pub(crate) fn timestamp(text: String) -> std::result::Result<Timestamp, String> {
    let digits = text.strip_prefix('-').unwrap_or(&text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        text.parse::<i64>().map(Timestamp::UnixSeconds).map_err(|_| text)
    } else {
        Ok(Timestamp::from(text.as_str()))
    }
}

impl Ctx<'_> {
    fn timestamp(&self, node: &mut Node, name: &str) -> Result<Option<Timestamp>> {
        match self.text(node, name) {
            None => Ok(None),
            Some(v) => timestamp(v)
                .map(Some)
                .map_err(|v| self.bad(node, name, v, "Unix seconds out of the range of a 64-bit integer").into()),
        }
    }

    /// The element's unknown attributes and children, kept.
    fn rest(&self, node: &mut Node, ext: &mut Extensions) -> Result<()> {
        self.keep_attributes(node, ext);
        self.keep_children(node, ext)?;
        Ok(())
    }

    fn entity(&self, node: &mut Node) -> Result<Entity> {
        let mut e = Entity::new(self.required(node, "name")?, []);
        e.regid = self.text(node, "regid");
        if let Some(roles) = self.text(node, "role") {
            e.roles = roles.split_ascii_whitespace().map(Role::from_name).collect();
        }
        self.rest(node, &mut e.extensions)?;
        Ok(e)
    }

    fn link(&self, node: &mut Node) -> Result<Link> {
        let href = self.required(node, "href")?;
        let rel = Rel::from_name(&self.required(node, "rel")?);
        let mut l = Link::new(href, rel);
        l.media_type = self.text(node, "type");
        self.rest(node, &mut l.extensions)?;
        Ok(l)
    }

    fn meta(&self, node: &mut Node) -> Result<Meta> {
        let mut m = Meta {
            product: self.text(node, "product"),
            software_version: self.text(node, "softwareVersion"),
            report_id: self.text(node, "reportId"),
            schema_version: self.text(node, "schemaVersion"),
            extensions: Extensions::default(),
        };
        self.rest(node, &mut m.extensions)?;
        Ok(m)
    }

    fn asset(&self, node: &mut Node) -> Result<MeasuredAsset> {
        let mut a = MeasuredAsset {
            tag_id: self.text(node, "tagId"),
            persistent_id: self.text(node, "persistentId"),
            name: self.text(node, "name"),
            instance_id: self.text(node, "instanceId"),
            device_id: self.text(node, "deviceId"),
            extensions: Extensions::default(),
        };
        self.rest(node, &mut a.extensions)?;
        Ok(a)
    }

    fn measurement(&self, node: &mut Node) -> Result<Measurement> {
        let metric = self.required(node, "metric")?;
        let value = self
            .decimal(node, "value")?
            .ok_or_else(|| self.error(node.start, &node.path, XmlErrorKind::MissingAttribute("value")))?;
        let mut m = Measurement::new(metric, value);
        m.log_time = self.timestamp(node, "logTime")?;
        m.subtype = self.text(node, "subtype");
        m.unit = self.text(node, "unit");
        m.start = self.timestamp(node, "start")?;
        m.end = self.timestamp(node, "end")?;
        m.sample_interval = self.number(node, "sampleInterval")?;
        m.sample_count = self.number(node, "sampleCount")?;
        m.aggregation = self.text(node, "aggregation").map(|a| a.as_str().into());
        self.rest(node, &mut m.extensions)?;
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_by_form() {
        assert_eq!(timestamp("1659085460".into()), Ok(Timestamp::UnixSeconds(1_659_085_460)));
        assert_eq!(timestamp("-5".into()), Ok(Timestamp::UnixSeconds(-5)));
        assert_eq!(timestamp("2019-07-18T16:39:34+02:00".into()), Ok(Timestamp::from("2019-07-18T16:39:34+02:00")));
        assert_eq!(timestamp("$the_date".into()), Ok(Timestamp::from("$the_date")));
        assert_eq!(timestamp("-".into()), Ok(Timestamp::from("-")));
        assert_eq!(timestamp("99999999999999999999".into()), Err("99999999999999999999".into()));
    }
}
