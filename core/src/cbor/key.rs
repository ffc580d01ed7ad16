//! Map keys: an integer or a text, the keys seen in one map, and the key path of an error.

use crate::{Label, Path, PathSegment};
use std::borrow::Cow;
use std::fmt;

/// The names of a crate's integer map keys (its registry's `key::name`), for paths and
/// messages: `None` for a key the registry does not have.
pub type KeyNames = fn(u64) -> Option<&'static str>;

/// A map key as read: the codecs of the family take integer and text keys.
///
/// ```
/// use iso19770_core::Label;
/// use iso19770_core::cbor::MapKey;
///
/// assert_eq!(MapKey::Int(7).as_u64(), Some(7));
/// assert_eq!(MapKey::Int(-1).as_u64(), None);
/// assert_eq!(MapKey::Text("x".into()).label(), Label::Text("x".into()));
/// assert_eq!(MapKey::Int(-1).to_string(), "-1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MapKey<'a> {
    /// An integer key (major type 0 or 1) that fits `i64`.
    Int(i64),
    /// A text key, borrowed from the input when it was written in one piece.
    Text(Cow<'a, str>),
}

impl MapKey<'_> {
    /// The key as a label, to keep with the value of an unknown entry.
    pub fn label(&self) -> Label {
        match self {
            MapKey::Int(i) => Label::Int(*i),
            MapKey::Text(t) => Label::Text(t.clone().into_owned()),
        }
    }

    /// The key when it is a non-negative integer: where a registry's keys are.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            MapKey::Int(i) => u64::try_from(*i).ok(),
            MapKey::Text(_) => None,
        }
    }
}

/// The key as its label is shown: the integer, or the text as it is.
impl fmt::Display for MapKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapKey::Int(i) => write!(f, "{i}"),
            MapKey::Text(t) => f.write_str(t),
        }
    }
}

/// The keys seen in one map, to find a repeated one: a bit for each integer from 0 to 127
/// (the keys a registry assigns), a list for the others.
///
/// ```
/// use iso19770_core::cbor::{KeySet, MapKey};
///
/// let mut seen = KeySet::new();
/// assert!(seen.insert(&MapKey::Int(3)));
/// assert!(seen.insert(&MapKey::Text("a".into())));
/// assert!(!seen.insert(&MapKey::Int(3)));
/// assert!(!seen.insert(&MapKey::Text("a".into())));
/// ```
#[derive(Clone, Debug, Default)]
pub struct KeySet<'a> {
    small: u128,
    other: Vec<MapKey<'a>>,
}

impl<'a> KeySet<'a> {
    /// No key seen.
    pub fn new() -> Self {
        KeySet::default()
    }

    /// Adds a key: true when it is new, false when the map had it already.
    pub fn insert(&mut self, key: &MapKey<'a>) -> bool {
        match *key {
            MapKey::Int(k @ 0..=127) => {
                let bit = 1u128 << k;
                let new = self.small & bit == 0;
                self.small |= bit;
                new
            }
            _ if self.other.contains(key) => false,
            _ => {
                self.other.push(key.clone());
                true
            }
        }
    }
}

/// One step of a [`KeyPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    /// A key the registry names.
    Name(&'static str),
    /// Another key, by its label.
    Label(String),
    /// An array index.
    Index(usize),
}

/// Where a decoder or encoder is: the map keys and array indexes from the root, named by the
/// crate's registry and turned into a [`Path`] only when an error or a finding needs one (no
/// allocation per entry for a named key).
///
/// ```
/// use iso19770_core::cbor::{KeyPath, MapKey};
///
/// fn names(key: u64) -> Option<&'static str> {
///     match key {
///         6 => Some("payload"),
///         17 => Some("file"),
///         _ => None,
///     }
/// }
///
/// let mut path = KeyPath::new(names);
/// path.push_key(&MapKey::Int(6));
/// path.push_code(17);
/// path.push_index(3);
/// path.push_key(&MapKey::Int(99));
/// assert_eq!(path.to_path().to_string(), "payload/file[3]/99");
/// path.pop();
/// assert_eq!(path.to_path().to_string(), "payload/file[3]");
/// assert_eq!(path.describe(&MapKey::Int(6)), "payload");
/// assert_eq!(path.describe(&MapKey::Text("x".into())), "x");
/// ```
#[derive(Clone, Debug)]
pub struct KeyPath {
    names: KeyNames,
    steps: Vec<Step>,
}

impl KeyPath {
    /// The root, keys named by `names`.
    pub fn new(names: KeyNames) -> Self {
        KeyPath { names, steps: Vec::new() }
    }

    /// The names of the keys.
    pub fn names(&self) -> KeyNames {
        self.names
    }

    /// A key as messages show it: its registry name, else its label.
    pub fn describe(&self, key: &MapKey<'_>) -> String {
        match key.as_u64().and_then(self.names) {
            Some(name) => name.to_owned(),
            None => key.to_string(),
        }
    }

    /// Enters the value of a map key read from the input.
    pub fn push_key(&mut self, key: &MapKey<'_>) {
        self.steps.push(match key.as_u64().and_then(self.names) {
            Some(name) => Step::Name(name),
            None => Step::Label(key.to_string()),
        });
    }

    /// Enters the value of an integer key being written.
    pub fn push_code(&mut self, key: u64) {
        self.steps.push(match (self.names)(key) {
            Some(name) => Step::Name(name),
            None => Step::Label(key.to_string()),
        });
    }

    /// Enters the item of an array at `index` (from 0).
    pub fn push_index(&mut self, index: usize) {
        self.steps.push(Step::Index(index));
    }

    /// Leaves the innermost key or item.
    pub fn pop(&mut self) {
        self.steps.pop();
    }

    /// True at the root.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The path, for an error or a finding.
    pub fn to_path(&self) -> Path {
        Path::from_segments(self.steps.iter().map(|s| match s {
            Step::Name(name) => PathSegment::key(*name),
            Step::Label(label) => PathSegment::key(label.clone()),
            Step::Index(i) => PathSegment::Index(*i),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(key: u64) -> Option<&'static str> {
        (key == 1).then_some("one")
    }

    #[test]
    fn keys_show_as_their_labels() {
        assert_eq!(MapKey::Int(i64::MIN).label(), Label::Int(i64::MIN));
        assert_eq!(MapKey::Text(Cow::Borrowed("k")).label(), Label::Text("k".into()));
        assert_eq!(MapKey::Text(Cow::Owned("k".into())).to_string(), "k");
        assert_eq!(MapKey::Int(0).as_u64(), Some(0));
        assert_eq!(MapKey::Int(i64::MAX).as_u64(), Some(9_223_372_036_854_775_807));
        assert_eq!(MapKey::Text("0".into()).as_u64(), None);
    }

    #[test]
    fn key_sets_tell_small_large_negative_and_text_keys_apart() {
        let mut seen = KeySet::new();
        for key in [MapKey::Int(0), MapKey::Int(127), MapKey::Int(128), MapKey::Int(-1), MapKey::Text("0".into())] {
            assert!(seen.insert(&key), "{key}");
        }
        for key in [MapKey::Int(0), MapKey::Int(127), MapKey::Int(128), MapKey::Int(-1), MapKey::Text("0".into())] {
            assert!(!seen.insert(&key), "{key}");
        }
        assert!(seen.insert(&MapKey::Int(126)));
    }

    #[test]
    fn key_paths_name_registered_keys_and_show_others_by_label() {
        let mut path = KeyPath::new(names);
        assert!(path.is_empty());
        assert_eq!(path.to_path(), Path::default());
        path.push_key(&MapKey::Int(1));
        path.push_index(0);
        path.push_key(&MapKey::Text("x".into()));
        path.push_code(2);
        assert!(!path.is_empty());
        assert_eq!(
            path.to_path(),
            Path::from_segments([
                PathSegment::key("one"),
                PathSegment::Index(0),
                PathSegment::key("x"),
                PathSegment::key("2"),
            ])
        );
        assert_eq!(path.describe(&MapKey::Int(1)), "one");
        assert_eq!(path.describe(&MapKey::Int(-5)), "-5");
        assert_eq!((path.names())(1), Some("one"));
        for _ in 0..5 {
            path.pop();
        }
        assert!(path.is_empty());
    }
}
