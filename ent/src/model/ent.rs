use super::{Cost, EntitledProduct, Entity, Limitation, Link, Meta, Metric, Quantity, Right, Term};
use iso19770_core::Extensions;

/// An entitlement: the digital form of what a licence agreement grants (ISO/IEC 19770-3 "Ent"
/// *(confirmed)*; the field names are this project's own *(inferred)*).
///
/// Decoding is lenient: an Ent without an id, a metric or a quantity decodes, and
/// [`validate`](crate::validate::validate) reports it.
///
/// ```
/// use iso19770_ent::{Ent, EntitledProduct, Entity, Metric, Quantity, Role};
///
/// let ent = Ent::new("contoso-ws2022-dc-0001")
///     .with_name("Windows Server 2022 Datacenter, 2-core packs")
///     .with_entity(Entity::new("Microsoft Corporation", [Role::Licensor]).with_regid("microsoft.com"))
///     .with_entity(Entity::new("Contoso Ltd", [Role::Licensee, Role::EntCreator]))
///     .with_product(EntitledProduct::named("Windows Server").with_edition("Datacenter"))
///     .with_metric(Metric::per_core(8, 16, 2))
///     .with_quantity(Quantity::count(64));
/// assert!(iso19770_ent::validate::validate(&ent).is_clean());
/// # #[cfg(feature = "json")]
/// assert_eq!(Ent::from_json_str(&ent.to_json_string()?)?, ent);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "json", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "json", serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ent {
    /// The Ent's identifier, globally unique (like SWID `tagId`; a UUID is a good choice).
    #[cfg_attr(feature = "json", serde(default))]
    pub ent_id: String,
    /// The version of the entitlement as the licensor names it (an agreement's amendment).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub version: Option<String>,
    /// The revision of this Ent document, increased on every correction (like SWID
    /// `tagVersion`).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub revision: Option<u32>,
    /// A name for people.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<String>,
    /// The language of the texts, a BCP 47 tag.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<String>,
    /// The parties and their roles.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub entities: Vec<Entity>,
    /// References to SWID tags, other Ents and documents.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub links: Vec<Link>,
    /// Commercial references (SKU, purchase order, invoice, agreement).
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub meta: Vec<Meta>,
    /// The software entitled.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub products: Vec<EntitledProduct>,
    /// How many units of the metric are entitled.
    #[cfg_attr(
        feature = "json",
        serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::opt_quantity")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::json::QuantityText>"))]
    pub quantity: Option<Quantity>,
    /// What is counted.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Option::is_none"))]
    pub metric: Option<Metric>,
    /// Grants that widen the use.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub rights: Vec<Right>,
    /// Restrictions that narrow the use.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub limitations: Vec<Limitation>,
    /// How long the licence and its maintenance last.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub terms: Vec<Term>,
    /// Prices.
    #[cfg_attr(feature = "json", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub costs: Vec<Cost>,
    /// Content the model has no field for (the standard's Ent is open to "any kind of terms and
    /// conditions" *(confirmed)*).
    #[cfg_attr(feature = "json", serde(flatten, with = "crate::json::entries"))]
    #[cfg_attr(feature = "schema", schemars(with = "crate::json::Entries"))]
    pub extensions: Extensions,
}

impl Ent {
    /// An Ent with this id and nothing else.
    pub fn new(ent_id: impl Into<String>) -> Self {
        Ent { ent_id: ent_id.into(), ..Ent::default() }
    }

    /// The same Ent with a version.
    #[must_use]
    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// The same Ent with a revision.
    #[must_use]
    pub fn with_revision(mut self, revision: u32) -> Self {
        self.revision = Some(revision);
        self
    }

    /// The same Ent with a name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The same Ent with one more entity.
    #[must_use]
    pub fn with_entity(mut self, entity: Entity) -> Self {
        self.entities.push(entity);
        self
    }

    /// The same Ent with one more link.
    #[must_use]
    pub fn with_link(mut self, link: Link) -> Self {
        self.links.push(link);
        self
    }

    /// The same Ent with one more meta.
    #[must_use]
    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.meta.push(meta);
        self
    }

    /// The same Ent with one more entitled product.
    #[must_use]
    pub fn with_product(mut self, product: EntitledProduct) -> Self {
        self.products.push(product);
        self
    }

    /// The same Ent with a quantity.
    #[must_use]
    pub fn with_quantity(mut self, quantity: Quantity) -> Self {
        self.quantity = Some(quantity);
        self
    }

    /// The same Ent with a metric.
    #[must_use]
    pub fn with_metric(mut self, metric: Metric) -> Self {
        self.metric = Some(metric);
        self
    }

    /// The same Ent with one more right.
    #[must_use]
    pub fn with_right(mut self, right: Right) -> Self {
        self.rights.push(right);
        self
    }

    /// The same Ent with one more limitation.
    #[must_use]
    pub fn with_limitation(mut self, limitation: Limitation) -> Self {
        self.limitations.push(limitation);
        self
    }

    /// The same Ent with one more term.
    #[must_use]
    pub fn with_term(mut self, term: Term) -> Self {
        self.terms.push(term);
        self
    }

    /// The same Ent with one more cost.
    #[must_use]
    pub fn with_cost(mut self, cost: Cost) -> Self {
        self.costs.push(cost);
        self
    }

    /// The entities with this role.
    pub fn entities_with_role<'a>(&'a self, role: &'a crate::Role) -> impl Iterator<Item = &'a Entity> + 'a {
        self.entities.iter().filter(move |e| e.has_role(role))
    }
}
