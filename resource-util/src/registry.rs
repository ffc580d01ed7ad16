//! Every integer of the CBOR form of a RUM: its map keys, and the codes of its vocabularies.
//!
//! **These numbers are this project's own.** No standard assigns CBOR keys to ISO/IEC 19770-4
//! RUMs (the standard defines an XML schema only, and there is no IANA registry for them); they
//! are chosen here after the pattern of CoSWID (RFC 9393): one key space for every map, each key
//! named by the JSON member name it stands for, every key in a one-byte head. This module is the
//! only place where they are written: the codec refers to these constants.
//!
//! # Keys
//!
//! Each map knows the keys of its own object and keeps any other entry in its `extensions`.
//! `measurements` has the highest key of the root map, so that in deterministic CBOR (keys
//! sorted) the measurements come last, after everything that describes them.
//!
//! | key | JSON name | in | CBOR value |
//! |---:|---|---|---|
//! | 0 | `rumId` | Rum | text |
//! | 1 | `version` | Rum | text |
//! | 2 | `revision` | Rum | unsigned |
//! | 3 | `lang` | Rum | text |
//! | 4 | `entities` | Rum | array of Entity maps |
//! | 5 | `links` | Rum | array of Link maps |
//! | 6 | `meta` | Rum | array of Meta maps |
//! | 7 | `asset` | Rum | Asset map |
//! | 8 | `measurements` | Rum | array of Measurement maps |
//! | 9 | `name` | Entity, Asset | text |
//! | 10 | `regid` | Entity | text |
//! | 11 | `roles` | Entity | array of [`role`](code::ROLE) codes or texts |
//! | 12 | `href` | Link | text |
//! | 13 | `rel` | Link | [`rel`](code::REL) code or text |
//! | 14 | `mediaType` | Link | text |
//! | 15 | `product` | Meta | text |
//! | 16 | `softwareVersion` | Meta | text |
//! | 17 | `reportId` | Meta | text |
//! | 18 | `schemaVersion` | Meta | text |
//! | 19 | `tagId` | Asset | text |
//! | 20 | `persistentId` | Asset | text |
//! | 21 | `instanceId` | Asset | text |
//! | 22 | `deviceId` | Asset | text |
//! | 23 | `logTime` | Measurement | timestamp |
//! | 24 | `metric` | Measurement | text |
//! | 25 | `subtype` | Measurement | text |
//! | 26 | `unit` | Measurement | text |
//! | 27 | `value` | Measurement | exact decimal |
//! | 28 | `start` | Measurement | timestamp |
//! | 29 | `end` | Measurement | timestamp |
//! | 30 | `sampleInterval` | Measurement | unsigned |
//! | 31 | `sampleCount` | Measurement | unsigned |
//! | 32 | `aggregation` | Measurement | [`aggregation`](code::AGGREGATION) code or text |
//!
//! # Codes
//!
//! Roles, relations and aggregations are open vocabularies: a known name is written as its
//! integer code, any other name as its text. The codes are in [`code`].

/// Map keys, with the JSON member names they stand for.
pub mod key {
    iso19770_core::cbor_keys! {
        RUM_ID = 0, "rumId";
        VERSION = 1, "version";
        REVISION = 2, "revision";
        LANG = 3, "lang";
        ENTITIES = 4, "entities";
        LINKS = 5, "links";
        META = 6, "meta";
        ASSET = 7, "asset";
        MEASUREMENTS = 8, "measurements";
        NAME = 9, "name";
        REGID = 10, "regid";
        ROLES = 11, "roles";
        HREF = 12, "href";
        REL = 13, "rel";
        MEDIA_TYPE = 14, "mediaType";
        PRODUCT = 15, "product";
        SOFTWARE_VERSION = 16, "softwareVersion";
        REPORT_ID = 17, "reportId";
        SCHEMA_VERSION = 18, "schemaVersion";
        TAG_ID = 19, "tagId";
        PERSISTENT_ID = 20, "persistentId";
        INSTANCE_ID = 21, "instanceId";
        DEVICE_ID = 22, "deviceId";
        LOG_TIME = 23, "logTime";
        METRIC = 24, "metric";
        SUBTYPE = 25, "subtype";
        UNIT = 26, "unit";
        VALUE = 27, "value";
        START = 28, "start";
        END = 29, "end";
        SAMPLE_INTERVAL = 30, "sampleInterval";
        SAMPLE_COUNT = 31, "sampleCount";
        AGGREGATION = 32, "aggregation";
    }
}

/// The integer codes of the vocabularies, each a table of (code, JSON name).
pub mod code {
    pub use iso19770_core::cbor::Vocabulary;

    /// [`Role`](crate::Role): 1 `rumCreator`, 2 `softwareCreator`, 3 `licensor`, 4 `licensee`,
    /// 5 `aggregator`; any other role as text.
    pub const ROLE: Vocabulary = Vocabulary {
        name: "role",
        codes: &[(1, "rumCreator"), (2, "softwareCreator"), (3, "licensor"), (4, "licensee"), (5, "aggregator")],
    };

    /// [`Rel`](crate::Rel): 1 `measures`, 2 `entitlement`, 3 `parent`, 4 `component`,
    /// 5 `supersedes`, 6 `related`; any other relation as text.
    pub const REL: Vocabulary = Vocabulary {
        name: "rel",
        codes: &[
            (1, "measures"),
            (2, "entitlement"),
            (3, "parent"),
            (4, "component"),
            (5, "supersedes"),
            (6, "related"),
        ],
    };

    /// [`Aggregation`](crate::Aggregation): 1 `current`, 2 `peak`, 3 `minimum`, 4 `sum`,
    /// 5 `average`, 6 `count`; any other as text.
    pub const AGGREGATION: Vocabulary = Vocabulary {
        name: "aggregation",
        codes: &[(1, "current"), (2, "peak"), (3, "minimum"), (4, "sum"), (5, "average"), (6, "count")],
    };

    /// Every vocabulary.
    pub const ALL: &[Vocabulary] = &[ROLE, REL, AGGREGATION];
}

/// CBOR tags the form uses or reads (RFC 8949 §3.4).
pub mod cbor_tag {
    /// A standard date-time text (RFC 3339): read around a timestamp text, never written (a
    /// timestamp's text need not be RFC 3339).
    pub const DATE_TIME_TEXT: u64 = 0;
    /// An epoch-based date-time: Unix seconds, written around them.
    pub const EPOCH_TIME: u64 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Aggregation, Rel, Role};

    #[test]
    fn keys_are_numbered_in_order_with_unique_names() {
        for (i, (k, name)) in key::ALL.iter().enumerate() {
            assert_eq!(*k, i as u64, "{name}");
            assert_eq!(key::name(*k), Some(*name));
            assert_eq!(key::by_name(name), Some(*k));
        }
        // The root's keys, measurements last: every other key of the root map is smaller.
        const { assert!(key::MEASUREMENTS > key::ASSET && key::MEASUREMENTS < key::NAME) };
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
        for (vocabulary, known) in
            [(code::ROLE, Role::KNOWN), (code::REL, Rel::KNOWN), (code::AGGREGATION, Aggregation::KNOWN)]
        {
            assert_eq!(vocabulary.codes.len(), known.len(), "{}", vocabulary.name);
            for name in known {
                assert!(vocabulary.code(name).is_some(), "{}: {name}", vocabulary.name);
            }
            for (c, n) in vocabulary.codes {
                assert_eq!(vocabulary.code(n), Some(*c), "{}", vocabulary.name);
                assert_eq!(vocabulary.name_of(*c), Some(*n), "{}", vocabulary.name);
            }
        }
    }
}
