//! Every integer of the CBOR form of an Ent: its map keys, and the codes of its vocabularies.
//!
//! **These numbers are this project's own.** No standard assigns CBOR keys to ISO/IEC 19770-3
//! Ents (the standard defines an XML schema only, and there is no IANA registry for them); they
//! are chosen here after the pattern of CoSWID (RFC 9393): one key space for every map, each key
//! named by the JSON member name it stands for, the keys most Ents carry in one-byte heads. This
//! module is the only place where they are written: the codec refers to these constants.
//!
//! # Keys
//!
//! A key has one integer and one name everywhere; each map knows the keys of its own object and
//! keeps any other entry in its `extensions` ([`Ent`](crate::Ent), [`Entity`](crate::Entity),
//! [`Link`](crate::Link), [`Meta`](crate::Meta), [`EntitledProduct`](crate::EntitledProduct)), or
//! refuses it (the maps of the other parts, which have no `extensions`).
//!
//! | key | JSON name | in | CBOR value |
//! |---:|---|---|---|
//! | 0 | `entId` | Ent | text |
//! | 1 | `version` | Ent | text |
//! | 2 | `revision` | Ent | unsigned |
//! | 3 | `name` | Ent, Entity, Parameter, `other` metric/right/limitation | text |
//! | 4 | `lang` | Ent | text |
//! | 5 | `entities` | Ent | array of Entity maps |
//! | 6 | `links` | Ent | array of Link maps |
//! | 7 | `meta` | Ent | array of Meta maps |
//! | 8 | `products` | Ent | array of product maps |
//! | 9 | `quantity` | Ent | decimal, or the text `"unlimited"` |
//! | 10 | `metric` | Ent | Metric map |
//! | 11 | `rights` | Ent | array of Right maps |
//! | 12 | `limitations` | Ent | array of Limitation maps |
//! | 13 | `terms` | Ent | array of Term maps |
//! | 14 | `costs` | Ent | array of Cost maps |
//! | 15 | `regid` | Entity, product | text |
//! | 16 | `roles` | Entity | array of [`role`](code::ROLE) codes or texts |
//! | 17 | `href` | Link | text |
//! | 18 | `rel` | Link | [`rel`](code::REL) code or text |
//! | 19 | `mediaType` | Link | text |
//! | 20 | `tagId` | product | text |
//! | 21 | `product` | product | text |
//! | 22 | `edition` | product | text |
//! | 23 | `versions` | product | version-range map |
//! | 24 | `from` | version range | text |
//! | 25 | `to` | version range | text |
//! | 26 | `type` | Metric, Right, Limitation | [`metric`](code::METRIC), [`right`](code::RIGHT) or [`limitation`](code::LIMITATION) code (the JSON name as text is read too) |
//! | 27 | `params` | `other` metric/right/limitation | array of Parameter maps |
//! | 28 | `value` | Parameter | text |
//! | 29 | `sku` | Meta | text |
//! | 30 | `purchaseOrder` | Meta | text |
//! | 31 | `purchaseOrderLine` | Meta | text |
//! | 32 | `invoice` | Meta | text |
//! | 33 | `agreement` | Meta | text |
//! | 34 | `contract` | Meta | text |
//! | 35 | `agreementType` | Meta | text |
//! | 36 | `purchaseDate` | Meta | date |
//! | 37 | `minimumPerProcessor` | `namedUser`, `perCore` | unsigned |
//! | 38 | `minimumPerServer` | `perCore` | unsigned |
//! | 39 | `packSize` | `perCore` | unsigned |
//! | 40 | `coresPerLicence` | `perProcessor` | unsigned |
//! | 41 | `socketsPerLicence` | `perSocket` | unsigned |
//! | 42 | `coreFactors` | `processorCoreFactor` | array of core-factor maps |
//! | 43 | `defaultFactor` | `processorCoreFactor` | decimal |
//! | 44 | `processorClass` | core factor, PVU rating | text |
//! | 45 | `factor` | core factor | decimal |
//! | 46 | `pvuPerCore` | `processorValueUnit` (array of PVU-rating maps), PVU rating (unsigned) | see left |
//! | 47 | `defaultPvuPerCore` | `processorValueUnit` | unsigned |
//! | 48 | `subCapacity` | `processorValueUnit` | boolean (written when true) |
//! | 49 | `accessBy` | `clientAccess` | [`access-by`](code::ACCESS_BY) code |
//! | 50 | `unit` | `consumption` | text |
//! | 51 | `period` | `consumption` | text |
//! | 52 | `lowestVersion` | `downgrade` | text |
//! | 53 | `editions` | `downgrade` | array of texts |
//! | 54 | `until` | `upgrade` | date |
//! | 55 | `copies` | `secondUse` | unsigned |
//! | 56 | `perLicence` | `multipleInstalls` | unsigned |
//! | 57 | `vmsPerLicence` | `virtualization` | unsigned |
//! | 58 | `unlimitedVms` | `virtualization` | boolean (written when true) |
//! | 59 | `hostLicensing` | `virtualization` | boolean (written when true) |
//! | 60 | `minimumDaysBetween` | `transfer` | unsigned |
//! | 61 | `toThirdParty` | `transfer` | boolean (written when true) |
//! | 62 | `start` | `period` limitation, Term | date |
//! | 63 | `end` | `period` limitation, Term | date |
//! | 64 | `countries` | `geography` | array of texts |
//! | 65 | `regions` | `geography` | array of texts |
//! | 66 | `environments` | `environment` | array of [`environment`](code::ENVIRONMENT) codes or texts |
//! | 67 | `units` | `organization` | array of texts |
//! | 68 | `kind` | Term | [`term kind`](code::TERM_KIND) code or text |
//! | 69 | `amount` | Cost | decimal |
//! | 70 | `currency` | Cost | text |
//! | 71 | `basis` | Cost | [`cost basis`](code::COST_BASIS) code |
//!
//! # Vocabularies
//!
//! The names of the open vocabularies ([`Role`](crate::Role), [`Rel`](crate::Rel),
//! [`TermKind`](crate::TermKind), [`Environment`](crate::Environment)) are written as these
//! integers; a name a vocabulary does not know (an `Other` value) is written as its text. The
//! `type` of a metric, right or limitation is always an integer: an `other` one carries its name
//! under `name` (3) and its parameters under `params` (27), as in JSON. The codes are in
//! [`code`]; each table lists them with the JSON names.

/// Map keys, with the JSON member names they stand for.
pub mod key {
    iso19770_core::cbor_keys! {
        ENT_ID = 0, "entId";
        VERSION = 1, "version";
        REVISION = 2, "revision";
        NAME = 3, "name";
        LANG = 4, "lang";
        ENTITIES = 5, "entities";
        LINKS = 6, "links";
        META = 7, "meta";
        PRODUCTS = 8, "products";
        QUANTITY = 9, "quantity";
        METRIC = 10, "metric";
        RIGHTS = 11, "rights";
        LIMITATIONS = 12, "limitations";
        TERMS = 13, "terms";
        COSTS = 14, "costs";
        REGID = 15, "regid";
        ROLES = 16, "roles";
        HREF = 17, "href";
        REL = 18, "rel";
        MEDIA_TYPE = 19, "mediaType";
        TAG_ID = 20, "tagId";
        PRODUCT = 21, "product";
        EDITION = 22, "edition";
        VERSIONS = 23, "versions";
        FROM = 24, "from";
        TO = 25, "to";
        TYPE = 26, "type";
        PARAMS = 27, "params";
        VALUE = 28, "value";
        SKU = 29, "sku";
        PURCHASE_ORDER = 30, "purchaseOrder";
        PURCHASE_ORDER_LINE = 31, "purchaseOrderLine";
        INVOICE = 32, "invoice";
        AGREEMENT = 33, "agreement";
        CONTRACT = 34, "contract";
        AGREEMENT_TYPE = 35, "agreementType";
        PURCHASE_DATE = 36, "purchaseDate";
        MINIMUM_PER_PROCESSOR = 37, "minimumPerProcessor";
        MINIMUM_PER_SERVER = 38, "minimumPerServer";
        PACK_SIZE = 39, "packSize";
        CORES_PER_LICENCE = 40, "coresPerLicence";
        SOCKETS_PER_LICENCE = 41, "socketsPerLicence";
        CORE_FACTORS = 42, "coreFactors";
        DEFAULT_FACTOR = 43, "defaultFactor";
        PROCESSOR_CLASS = 44, "processorClass";
        FACTOR = 45, "factor";
        PVU_PER_CORE = 46, "pvuPerCore";
        DEFAULT_PVU_PER_CORE = 47, "defaultPvuPerCore";
        SUB_CAPACITY = 48, "subCapacity";
        ACCESS_BY = 49, "accessBy";
        UNIT = 50, "unit";
        PERIOD = 51, "period";
        LOWEST_VERSION = 52, "lowestVersion";
        EDITIONS = 53, "editions";
        UNTIL = 54, "until";
        COPIES = 55, "copies";
        PER_LICENCE = 56, "perLicence";
        VMS_PER_LICENCE = 57, "vmsPerLicence";
        UNLIMITED_VMS = 58, "unlimitedVms";
        HOST_LICENSING = 59, "hostLicensing";
        MINIMUM_DAYS_BETWEEN = 60, "minimumDaysBetween";
        TO_THIRD_PARTY = 61, "toThirdParty";
        START = 62, "start";
        END = 63, "end";
        COUNTRIES = 64, "countries";
        REGIONS = 65, "regions";
        ENVIRONMENTS = 66, "environments";
        UNITS = 67, "units";
        KIND = 68, "kind";
        AMOUNT = 69, "amount";
        CURRENCY = 70, "currency";
        BASIS = 71, "basis";
    }
}

/// The integer codes of the vocabularies, each a table of (code, JSON name).
pub mod code {
    pub use iso19770_core::cbor::Vocabulary;

    /// [`Role`](crate::Role): 1 `entCreator`, 2 `licensor`, 3 `licensee`, 4 `purchaser`,
    /// 5 `reseller`, 6 `distributor`, 7 `softwareCreator`; any other role as text.
    pub const ROLE: Vocabulary = Vocabulary {
        name: "role",
        codes: &[
            (1, "entCreator"),
            (2, "licensor"),
            (3, "licensee"),
            (4, "purchaser"),
            (5, "reseller"),
            (6, "distributor"),
            (7, "softwareCreator"),
        ],
    };

    /// [`Rel`](crate::Rel): 1 `entitles`, 2 `supersedes`, 3 `upgradeOf`, 4 `maintenanceOf`,
    /// 5 `renewalOf`, 6 `addOnOf`, 7 `parent`, 8 `component`, 9 `agreement`; any other as text.
    pub const REL: Vocabulary = Vocabulary {
        name: "rel",
        codes: &[
            (1, "entitles"),
            (2, "supersedes"),
            (3, "upgradeOf"),
            (4, "maintenanceOf"),
            (5, "renewalOf"),
            (6, "addOnOf"),
            (7, "parent"),
            (8, "component"),
            (9, "agreement"),
        ],
    };

    /// [`TermKind`](crate::TermKind): 1 `perpetual`, 2 `subscription`, 3 `maintenance`,
    /// 4 `evaluation`; any other as text.
    pub const TERM_KIND: Vocabulary = Vocabulary {
        name: "term kind",
        codes: &[(1, "perpetual"), (2, "subscription"), (3, "maintenance"), (4, "evaluation")],
    };

    /// [`Environment`](crate::Environment): 1 `production`, 2 `nonProduction`,
    /// 3 `disasterRecovery`; any other as text.
    pub const ENVIRONMENT: Vocabulary =
        Vocabulary { name: "environment", codes: &[(1, "production"), (2, "nonProduction"), (3, "disasterRecovery")] };

    /// The `type` of a [`Metric`](crate::Metric): 0 `other`, 1 `perInstallation`, 2 `perDevice`,
    /// 3 `namedUser`, 4 `concurrentUser`, 5 `perCore`, 6 `perProcessor`, 7 `perSocket`,
    /// 8 `processorCoreFactor`, 9 `processorValueUnit`, 10 `clientAccess`, 11 `site`,
    /// 12 `enterprise`, 13 `unlimited`, 14 `consumption`.
    pub const METRIC: Vocabulary = Vocabulary {
        name: "metric type",
        codes: &[
            (0, "other"),
            (1, "perInstallation"),
            (2, "perDevice"),
            (3, "namedUser"),
            (4, "concurrentUser"),
            (5, "perCore"),
            (6, "perProcessor"),
            (7, "perSocket"),
            (8, "processorCoreFactor"),
            (9, "processorValueUnit"),
            (10, "clientAccess"),
            (11, "site"),
            (12, "enterprise"),
            (13, "unlimited"),
            (14, "consumption"),
        ],
    };

    /// The `type` of a [`Right`](crate::Right): 0 `other`, 1 `downgrade`, 2 `upgrade`,
    /// 3 `secondUse`, 4 `multipleInstalls`, 5 `virtualization`, 6 `transfer`.
    pub const RIGHT: Vocabulary = Vocabulary {
        name: "right type",
        codes: &[
            (0, "other"),
            (1, "downgrade"),
            (2, "upgrade"),
            (3, "secondUse"),
            (4, "multipleInstalls"),
            (5, "virtualization"),
            (6, "transfer"),
        ],
    };

    /// The `type` of a [`Limitation`](crate::Limitation): 0 `other`, 1 `period`,
    /// 2 `geography`, 3 `environment`, 4 `organization`.
    pub const LIMITATION: Vocabulary = Vocabulary {
        name: "limitation type",
        codes: &[(0, "other"), (1, "period"), (2, "geography"), (3, "environment"), (4, "organization")],
    };

    /// [`AccessBy`](crate::AccessBy) (a closed set): 1 `user`, 2 `device`.
    pub const ACCESS_BY: Vocabulary = Vocabulary { name: "access by", codes: &[(1, "user"), (2, "device")] };

    /// [`CostBasis`](crate::CostBasis) (a closed set): 1 `total`, 2 `perUnit`, 3 `perPeriod`.
    pub const COST_BASIS: Vocabulary =
        Vocabulary { name: "cost basis", codes: &[(1, "total"), (2, "perUnit"), (3, "perPeriod")] };

    /// Every vocabulary.
    pub const ALL: &[Vocabulary] =
        &[ROLE, REL, TERM_KIND, ENVIRONMENT, METRIC, RIGHT, LIMITATION, ACCESS_BY, COST_BASIS];
}

/// CBOR tags the form uses or reads (RFC 8949 §3.4).
pub mod cbor_tag {
    /// A standard date-time text (RFC 3339); read around a date, never written.
    pub const DATE_TIME_TEXT: u64 = 0;
    /// An epoch-based date-time; an integer read as a date, never written.
    pub const EPOCH_TIME: u64 = 1;
    /// An unsigned bignum: the mantissa of a decimal beyond 64 bits.
    pub const POSITIVE_BIGNUM: u64 = 2;
    /// A negative bignum: the mantissa of a decimal beyond 64 bits.
    pub const NEGATIVE_BIGNUM: u64 = 3;
    /// A decimal fraction `[exponent, mantissa]` (RFC 8949 §3.4.4).
    pub const DECIMAL_FRACTION: u64 = 4;
}

/// The text a [`Quantity::Unlimited`](crate::Quantity::Unlimited) is written as.
pub const UNLIMITED: &str = "unlimited";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Environment, Rel, Role, TermKind};

    #[test]
    fn keys_are_numbered_in_order_with_unique_names() {
        for (i, (k, name)) in key::ALL.iter().enumerate() {
            assert_eq!(*k, i as u64, "{name}");
            assert_eq!(key::name(*k), Some(*name));
            assert_eq!(key::by_name(name), Some(*k));
        }
    }

    #[test]
    fn the_documented_table_lists_every_key() {
        let source = include_str!("registry.rs");
        for (k, name) in key::ALL {
            assert!(source.contains(&format!("//! | {k} | `{name}` |")), "the key table lacks {k} {name}");
        }
    }

    #[test]
    fn every_known_name_has_a_unique_code() {
        for (vocabulary, known) in [
            (code::ROLE, Role::KNOWN),
            (code::REL, Rel::KNOWN),
            (code::TERM_KIND, TermKind::KNOWN),
            (code::ENVIRONMENT, Environment::KNOWN),
        ] {
            assert_eq!(vocabulary.codes.len(), known.len(), "{}", vocabulary.name);
            for name in known {
                assert!(vocabulary.code(name).is_some(), "{}: {name}", vocabulary.name);
            }
        }
        for vocabulary in code::ALL {
            for (c, n) in vocabulary.codes {
                assert_eq!(vocabulary.code(n), Some(*c), "{}", vocabulary.name);
                assert_eq!(vocabulary.name_of(*c), Some(*n), "{}", vocabulary.name);
            }
        }
    }
}
