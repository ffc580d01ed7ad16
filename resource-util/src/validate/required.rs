//! What a RUM names: its id, its parties, what it measured, and each measurement's metric.

use super::{at, push};
use crate::{Rel, Role, Rum};
use iso19770_core::{Path, PathSegment, Report};

/// `rum-id`: the RUM has a non-blank `rumId`.
pub(super) fn rum_id(rum: &Rum, out: &mut Report) {
    if rum.rum_id.trim().is_empty() {
        push(out, "rum-id", Path::from_segments([PathSegment::key("rumId")]), "the rumId is blank");
    }
}

/// `rum-entity-name`: every entity has a non-blank name.
pub(super) fn entity_name(rum: &Rum, out: &mut Report) {
    for (i, e) in rum.entities.iter().enumerate() {
        if e.name.trim().is_empty() {
            push(out, "rum-entity-name", at("entities", i, Some("name")), "the entity's name is blank");
        }
    }
}

/// `rum-creator`: an entity is the RUM's creator.
pub(super) fn creator(rum: &Rum, out: &mut Report) {
    if !rum.entities.iter().any(|e| e.has_role(&Role::RumCreator)) {
        push(
            out,
            "rum-creator",
            Path::from_segments([PathSegment::key("entities")]),
            "no entity has the role rumCreator",
        );
    }
}

/// `rum-asset`: the RUM names what it measured.
pub(super) fn asset(rum: &Rum, out: &mut Report) {
    let by_asset = rum.asset.as_ref().is_some_and(|a| a.identity().is_some_and(|id| !id.trim().is_empty()));
    let by_link = rum.links.iter().any(|l| l.rel == Rel::Measures);
    if !by_asset && !by_link {
        push(
            out,
            "rum-asset",
            Path::from_segments([PathSegment::key("asset")]),
            "neither an asset with a tag id or persistent id nor a measures link names what was measured",
        );
    }
}

/// `rum-link-href`: a link target is a non-empty RFC 3986 URI reference.
pub(super) fn link_href(rum: &Rum, out: &mut Report) {
    for (i, l) in rum.links.iter().enumerate() {
        if l.href.is_empty() || !iso19770_core::uri::is_uri_reference(&l.href) {
            push(out, "rum-link-href", at("links", i, Some("href")), format!("{:?} is not a URI reference", l.href));
        }
    }
}

/// `rum-metric`: every measurement names a non-blank metric.
pub(super) fn metric(rum: &Rum, out: &mut Report) {
    for (i, m) in rum.measurements.iter().enumerate() {
        if m.metric.trim().is_empty() {
            push(out, "rum-metric", at("measurements", i, Some("metric")), "the metric is blank");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use super::super::validate;
    use crate::{Entity, Link, MeasuredAsset, Rel};

    #[test]
    fn id_and_entity_name() {
        let mut rum = good();
        rum.rum_id = " ".into();
        assert_one(&validate(&rum), "rum-id", "rumId");
        let rum = good().with_entity(Entity::new("", []));
        assert_one(&validate(&rum), "rum-entity-name", "entities[1]/name");
    }

    #[test]
    fn creator() {
        let mut rum = good();
        rum.entities.clear();
        assert_one(&validate(&rum), "rum-creator", "entities");
    }

    #[test]
    fn asset_by_identity_or_link() {
        let mut rum = good();
        rum.links.clear();
        assert_one(&validate(&rum), "rum-asset", "asset");
        rum.asset = Some(MeasuredAsset { persistent_id: Some("b1a0".into()), ..MeasuredAsset::default() });
        assert!(validate(&rum).is_clean());
        rum.asset = Some(MeasuredAsset { instance_id: Some("/opt".into()), ..MeasuredAsset::default() });
        assert_one(&validate(&rum), "rum-asset", "asset");
    }

    #[test]
    fn link_href() {
        let rum = good().with_link(Link::new("has space", Rel::Related));
        assert_one(&validate(&rum), "rum-link-href", "links[1]/href");
        let rum = good().with_link(Link::new("", Rel::Related));
        assert_one(&validate(&rum), "rum-link-href", "links[1]/href");
    }

    #[test]
    fn metric() {
        let mut rum = good();
        rum.measurements[0].metric = String::new();
        assert_one(&validate(&rum), "rum-metric", "measurements[0]/metric");
    }
}
