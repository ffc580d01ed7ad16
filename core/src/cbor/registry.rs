//! Registries of a CBOR form: map keys with the JSON names they stand for, and vocabularies of
//! integer codes. Each crate writes its numbers in its own `registry` module with these.

/// A vocabulary: its name (for messages) and its codes with the names they stand for.
///
/// ```
/// use iso19770_core::cbor::Vocabulary;
///
/// const ROLE: Vocabulary = Vocabulary { name: "role", codes: &[(1, "rumCreator"), (2, "softwareCreator")] };
/// assert_eq!(ROLE.code("softwareCreator"), Some(2));
/// assert_eq!(ROLE.code("auditor"), None);
/// assert_eq!(ROLE.name_of(1), Some("rumCreator"));
/// assert_eq!(ROLE.name_of(9), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    /// What the vocabulary is (`role`, `metric type`).
    pub name: &'static str,
    /// Each code with its JSON name.
    pub codes: &'static [(u64, &'static str)],
}

impl Vocabulary {
    /// The code of a name, when the vocabulary has one.
    pub fn code(&self, name: &str) -> Option<u64> {
        self.codes.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }

    /// The name of a code, when the vocabulary has it.
    pub fn name_of(&self, code: u64) -> Option<&'static str> {
        self.codes.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
    }

    /// Writes a name of this (open) vocabulary: its code when it has one, else its text.
    ///
    /// ```
    /// use iso19770_core::cbor::{Vocabulary, Writer};
    ///
    /// const REL: Vocabulary = Vocabulary { name: "rel", codes: &[(1, "measures")] };
    /// let mut w = Writer::new();
    /// REL.write(&mut w, "measures");
    /// REL.write(&mut w, "x");
    /// assert_eq!(w.into_bytes(), [0x01, 0x61, b'x']);
    /// ```
    pub fn write(&self, w: &mut super::Writer, name: &str) {
        match self.code(name) {
            Some(c) => w.unsigned(c),
            None => w.text(name),
        }
    }
}

/// Defines a registry's map keys: a constant per key (documented with its JSON name), `ALL`
/// (every key with its JSON name, in the order written), `name` (the JSON name of a key) and
/// `by_name` (the key of a JSON name). Keys are numbered from 0 without gaps, so `name` indexes.
///
/// ```
/// mod key {
///     iso19770_core::cbor_keys! {
///         RUM_ID = 0, "rumId";
///         VERSION = 1, "version";
///     }
/// }
/// assert_eq!(key::VERSION, 1);
/// assert_eq!(key::name(key::RUM_ID), Some("rumId"));
/// assert_eq!(key::by_name("version"), Some(1));
/// assert_eq!(key::name(7), None);
/// ```
#[macro_export]
macro_rules! cbor_keys {
    ($($name:ident = $value:literal, $json:literal;)+) => {
        $(
            #[doc = concat!("`", $json, "` (", stringify!($value), ")")]
            pub const $name: u64 = $value;
        )+
        /// Every key with its JSON name, in the order of the keys.
        pub const ALL: &[(u64, &str)] = &[$(($value, $json)),+];

        /// The JSON name of a key.
        pub fn name(key: u64) -> Option<&'static str> {
            usize::try_from(key).ok().and_then(|i| ALL.get(i)).filter(|(k, _)| *k == key).map(|(_, n)| *n)
        }

        /// The key of a JSON name.
        pub fn by_name(name: &str) -> Option<u64> {
            ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
        }
    };
}
