//! Required parts: id, parties, product, metric, quantity.

use super::{Findings, path};
use crate::model::{Ent, Rel, Role};

/// `ent-id`: the Ent has a non-blank `entId`.
pub(crate) fn ent_id(ent: &Ent, out: &mut Findings) {
    if ent.ent_id.trim().is_empty() {
        out.push("ent-id", path(&["entId".into()]), "the Ent has no entId");
    }
}

/// `ent-entity-name`: every entity has a non-blank name.
pub(crate) fn entity_name(ent: &Ent, out: &mut Findings) {
    for (i, e) in ent.entities.iter().enumerate() {
        if e.name.trim().is_empty() {
            out.push("ent-entity-name", path(&["entities".into(), i.into(), "name".into()]), "the entity has no name");
        }
    }
}

/// `ent-parties`: an entity has the role licensor, and one the role licensee.
pub(crate) fn parties(ent: &Ent, out: &mut Findings) {
    for role in [Role::Licensor, Role::Licensee] {
        if ent.entities_with_role(&role).next().is_none() {
            out.push("ent-parties", path(&["entities".into()]), format!("no entity has the role {role}"));
        }
    }
}

/// `ent-product`: the Ent names what it entitles.
pub(crate) fn product(ent: &Ent, out: &mut Findings) {
    if ent.products.is_empty() && !ent.links.iter().any(|l| l.rel == Rel::Entitles) {
        out.push("ent-product", path(&["products".into()]), "the Ent names no product and has no entitles link");
    }
}

/// `ent-metric`: the Ent has a metric.
pub(crate) fn metric(ent: &Ent, out: &mut Findings) {
    if ent.metric.is_none() {
        out.push("ent-metric", path(&["metric".into()]), "the Ent has no metric");
    }
}

/// `ent-quantity`: the Ent has a quantity.
pub(crate) fn quantity(ent: &Ent, out: &mut Findings) {
    if ent.quantity.is_none() {
        out.push("ent-quantity", path(&["quantity".into()]), "the Ent has no quantity");
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_one, good};
    use crate::model::{EntitledProduct, Entity, Link, Rel, Role};
    use crate::validate::validate;

    #[test]
    fn ent_id() {
        let mut ent = good();
        ent.ent_id = " ".into();
        assert_one(&validate(&ent), "ent-id", "entId");
    }

    #[test]
    fn entity_name() {
        let ent = good().with_entity(Entity::new("", [Role::Reseller]));
        assert_one(&validate(&ent), "ent-entity-name", "entities[2]/name");
    }

    #[test]
    fn parties() {
        let mut ent = good();
        ent.entities.remove(1);
        assert_one(&validate(&ent), "ent-parties", "entities");
        assert!(validate(&ent).findings[0].message.contains("licensee"));
    }

    #[test]
    fn product() {
        let mut ent = good();
        ent.products.clear();
        assert_one(&validate(&ent), "ent-product", "products");
        ent = ent.with_link(Link::to_swid_tag("example.com-product-1.0", Rel::Entitles));
        assert!(validate(&ent).is_clean());
        assert!(validate(&good().with_product(EntitledProduct::tag("t"))).is_clean());
    }

    #[test]
    fn metric() {
        let mut ent = good();
        ent.metric = None;
        assert_one(&validate(&ent), "ent-metric", "metric");
    }

    #[test]
    fn quantity() {
        let mut ent = good();
        ent.quantity = None;
        assert_one(&validate(&ent), "ent-quantity", "quantity");
    }
}
