//! The writing every model encoder of the family shares: maps whose entries are encoded one by
//! one, with the key path for errors, and written in the deterministic order.

use super::{CborEntry, KeyPath, Writer};
use crate::{Label, Path};

/// The entries of one map, each key and value already encoded; [`SortedMap::finish`] writes them
/// in the bytewise order of the encoded keys (RFC 8949 §4.2.1), whatever order they were added
/// in.
///
/// ```
/// use iso19770_core::Label;
/// use iso19770_core::cbor::{CborEntry, CborValue, SortedMap, Writer};
///
/// let mut map = SortedMap::new();
/// map.push(vec![0x61, b'a'], vec![0xf5]); // "a": true
/// map.push(vec![0x01], vec![0x02]); // 1: 2
/// assert!(map.contains_key(&[0x01]));
/// // Kept entries, refused when their key is in the map already.
/// assert_eq!(map.push_entries(&[CborEntry::new(-1, CborValue::Null)]), Ok(()));
/// assert_eq!(map.push_entries(&[CborEntry::new(1, CborValue::Null)]), Err(&Label::Int(1)));
/// assert_eq!(map.len(), 3);
/// let mut w = Writer::new();
/// map.finish(&mut w);
/// assert_eq!(w.into_bytes(), [0xa3, 0x01, 0x02, 0x20, 0xf6, 0x61, b'a', 0xf5]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct SortedMap {
    entries: Vec<(Vec<u8>, Vec<u8>)>,
}

impl SortedMap {
    /// No entry.
    pub fn new() -> Self {
        SortedMap::default()
    }

    /// Adds an entry: its key and its value, each encoded.
    pub fn push(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.entries.push((key, value));
    }

    /// True when an entry has this encoded key.
    pub fn contains_key(&self, key: &[u8]) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds the entries a model kept for keys it has no field for; fails with the label of the
    /// first one whose key the map has already (a field's, or another kept entry's).
    pub fn push_entries<'e>(&mut self, entries: &'e [CborEntry]) -> Result<(), &'e Label> {
        for entry in entries {
            let mut kw = Writer::new();
            kw.label(&entry.label);
            let key = kw.into_bytes();
            if self.contains_key(&key) {
                return Err(&entry.label);
            }
            let mut vw = Writer::new();
            vw.value(&entry.value);
            self.entries.push((key, vw.into_bytes()));
        }
        Ok(())
    }

    /// Writes the map: its head, then the entries in the order of their encoded keys.
    pub fn finish(mut self, w: &mut Writer) {
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        w.map(self.entries.len());
        for (k, v) in self.entries {
            w.raw(&k);
            w.raw(&v);
        }
    }
}

/// A crate's CBOR encoder: maps built entry by entry with the key path kept for errors. A crate
/// implements the two accessors to its [`KeyPath`]; which keys and how each value is written
/// stay its own.
///
/// ```
/// use iso19770_core::cbor::{Encoder, KeyPath, SortedMap, Writer};
/// use iso19770_core::Path;
///
/// fn names(key: u64) -> Option<&'static str> {
///     ["name", "tags"].get(usize::try_from(key).ok()?).copied()
/// }
///
/// struct Enc {
///     path: KeyPath,
/// }
///
/// impl Encoder for Enc {
///     type Error = Path;
///
///     fn key_path(&self) -> &KeyPath {
///         &self.path
///     }
///
///     fn key_path_mut(&mut self) -> &mut KeyPath {
///         &mut self.path
///     }
/// }
///
/// let mut enc = Enc { path: KeyPath::new(names) };
/// let mut map = SortedMap::new();
/// enc.text(&mut map, 0, Some("x"))?;
/// enc.text(&mut map, 2, None)?; // left out
/// enc.put(&mut map, 1, |enc, w| {
///     enc.items(w, &["a", "b"], |_, t, w| {
///         w.text(t);
///         Ok(())
///     })
/// })?;
/// // An error names where it happened.
/// let err = enc.put(&mut map, 1, |enc, w| enc.items(w, &["a"], |enc, _, _| Err(enc.path())));
/// assert_eq!(err.map_err(|path| path.to_string()), Err("tags[0]".to_owned()));
/// let mut w = Writer::new();
/// map.finish(&mut w);
/// assert_eq!(w.into_bytes(), [0xa2, 0x00, 0x61, b'x', 0x01, 0x82, 0x61, b'a', 0x61, b'b']);
/// # Ok::<(), Path>(())
/// ```
pub trait Encoder: Sized {
    /// The crate's encode error.
    type Error;

    /// The key path.
    fn key_path(&self) -> &KeyPath;

    /// The key path, to enter and leave keys and items.
    fn key_path_mut(&mut self) -> &mut KeyPath;

    /// The key path, for an error.
    fn path(&self) -> Path {
        self.key_path().to_path()
    }

    /// Adds the entry `key` to `map`, its value written by `value` with the key on the path.
    fn put<F>(&mut self, map: &mut SortedMap, key: u64, value: F) -> Result<(), Self::Error>
    where
        F: FnOnce(&mut Self, &mut Writer) -> Result<(), Self::Error>,
    {
        let mut kw = Writer::new();
        kw.unsigned(key);
        self.key_path_mut().push_code(key);
        let mut vw = Writer::new();
        let result = value(self, &mut vw);
        self.key_path_mut().pop();
        result?;
        map.push(kw.into_bytes(), vw.into_bytes());
        Ok(())
    }

    /// Adds the entry `key` when there is a value, written by `write`.
    fn put_some<T>(
        &mut self,
        map: &mut SortedMap,
        key: u64,
        value: Option<T>,
        write: impl FnOnce(&mut Writer, T),
    ) -> Result<(), Self::Error> {
        match value {
            Some(v) => self.put(map, key, |_, w| {
                write(w, v);
                Ok(())
            }),
            None => Ok(()),
        }
    }

    /// Adds the entry `key` with a text string when there is one.
    fn text(&mut self, map: &mut SortedMap, key: u64, value: Option<&str>) -> Result<(), Self::Error> {
        self.put_some(map, key, value, Writer::text)
    }

    /// Writes an array of `items`, each by `item` with its index on the path.
    fn items<T, F>(&mut self, w: &mut Writer, items: &[T], mut item: F) -> Result<(), Self::Error>
    where
        F: FnMut(&mut Self, &T, &mut Writer) -> Result<(), Self::Error>,
    {
        w.array(items.len());
        for (i, x) in items.iter().enumerate() {
            self.key_path_mut().push_index(i);
            let result = item(self, x, w);
            self.key_path_mut().pop();
            result?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PathSegment;
    use crate::cbor::CborValue;

    fn names(key: u64) -> Option<&'static str> {
        match key {
            0 => Some("id"),
            1 => Some("list"),
            _ => None,
        }
    }

    struct Enc {
        path: KeyPath,
    }

    impl Encoder for Enc {
        type Error = Path;

        fn key_path(&self) -> &KeyPath {
            &self.path
        }

        fn key_path_mut(&mut self) -> &mut KeyPath {
            &mut self.path
        }
    }

    #[test]
    fn entries_are_written_in_the_order_of_their_encoded_keys() {
        let mut enc = Enc { path: KeyPath::new(names) };
        let mut map = SortedMap::new();
        assert!(map.is_empty());
        enc.text(&mut map, 24, Some("b")).expect("text");
        enc.put_some(&mut map, 1, Some(-1), Writer::integer).expect("integer");
        enc.put_some::<bool>(&mut map, 2, None, Writer::bool).expect("nothing");
        enc.put(&mut map, 0, |enc, w| {
            enc.items(w, &[1u64, 2], |_, v, w| {
                w.unsigned(*v);
                Ok(())
            })
        })
        .expect("array");
        map.push_entries(&[CborEntry::new("a", CborValue::Bool(false))]).expect("no repeated key");
        assert_eq!(map.len(), 4);
        let mut w = Writer::new();
        map.finish(&mut w);
        assert_eq!(
            w.into_bytes(),
            [0xa4, 0x00, 0x82, 0x01, 0x02, 0x01, 0x20, 0x18, 0x18, 0x61, b'b', 0x61, b'a', 0xf4]
        );
        assert!(enc.path.is_empty());
    }

    #[test]
    fn errors_carry_the_path_and_leave_it_as_it_was() {
        let mut enc = Enc { path: KeyPath::new(names) };
        let mut map = SortedMap::new();
        let err = enc
            .put(&mut map, 1, |enc, w| {
                enc.items(w, &[0, 1], |enc, i, _| if *i == 1 { Err(enc.path()) } else { Ok(()) })
            })
            .expect_err("item 1 fails");
        assert_eq!(err, Path::from_segments([PathSegment::key("list"), PathSegment::Index(1)]));
        assert!(enc.path.is_empty());
        assert!(map.is_empty(), "a failed entry is not added");
        map.push(vec![0x20], vec![0x00]);
        assert_eq!(
            map.push_entries(&[CborEntry::new(5, CborValue::Null), CborEntry::new(-1, CborValue::Null)]),
            Err(&Label::Int(-1))
        );
        assert!(map.contains_key(&[0x05]));
    }
}
