//! The attributes of a start tag, split in one pass over its text.
//!
//! quick-xml's attribute iterator also accepts HTML forms (unquoted values, names without a
//! value) and is the largest single cost of decoding a tag. This scanner accepts only what XML
//! allows (`S Name S? = S? quoted-value`, each attribute preceded by white space, no name twice)
//! and hands out, besides each attribute, what the layout records anyway: the white space before
//! it and the quote it uses. Names are split here and checked by the caller; values are the raw
//! text between the quotes, normalized by the caller.

use super::names::is_space_byte;
use quick_xml::events::attributes::Attribute;
use quick_xml::name::QName;
use std::borrow::Cow;

/// One attribute, as slices of the start tag.
pub(crate) struct RawAttribute<'a> {
    /// The name and the raw value.
    pub(crate) attribute: Attribute<'a>,
    /// The white space before the name.
    pub(crate) space: &'a str,
    /// The value is quoted with `'`.
    pub(crate) single_quoted: bool,
    /// The byte offset of the name within the start tag's content.
    pub(crate) at: usize,
    /// The name is ASCII and has the form of a qualified name (checked while it was split off;
    /// other names need [`is_qname`](super::names::is_qname)).
    pub(crate) plain_qname: bool,
    /// Where the name's colon is, if it has one.
    pub(crate) colon: Option<usize>,
}

/// An attribute as the scanner found it, by byte offsets within the start tag's content. The
/// namespace scopes scan a start tag that declares namespaces before the decoder reads it; they
/// keep what they found, and the decoder replays it instead of scanning the tag a second time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scanned {
    space_start: usize,
    at: usize,
    name_end: usize,
    value_start: usize,
    value_end: usize,
    colon: Option<usize>,
    single_quoted: bool,
    plain_qname: bool,
}

impl Scanned {
    /// The attribute as slices of `content`, the text it was scanned from (the offsets are the
    /// scanner's own: a slice that does not fit is reported as the attribute's malformation).
    #[inline]
    pub(crate) fn raw(self, content: &str) -> Result<RawAttribute<'_>, ScanError> {
        // All the boundaries are ASCII bytes, so the slices are on character boundaries.
        let slice = |range: std::ops::Range<usize>| content.get(range).ok_or(ScanError::ExpectedEq(self.at));
        let space = slice(self.space_start..self.at)?;
        let key = slice(self.at..self.name_end)?;
        let value = slice(self.value_start..self.value_end)?;
        Ok(RawAttribute {
            attribute: Attribute { key: QName(key), value: Cow::Borrowed(value) },
            space,
            single_quoted: self.single_quoted,
            at: self.at,
            plain_qname: self.plain_qname,
            colon: self.colon,
        })
    }
}

/// Why the attributes of a start tag are not well-formed, with the byte offset within the
/// start tag's content where it was found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// An attribute name directly after the element name or the previous value.
    NoSpace(usize),
    /// A name not followed by `=`.
    ExpectedEq(usize),
    /// `=` not followed by a quoted value.
    ExpectedQuote(usize),
    /// A value whose closing quote is missing.
    Unclosed(usize),
    /// The same name twice (the second, and where the first is).
    Duplicate(usize, usize),
}

impl ScanError {
    /// The offset within the start tag's content.
    pub(crate) fn at(&self) -> usize {
        match *self {
            ScanError::NoSpace(at)
            | ScanError::ExpectedEq(at)
            | ScanError::ExpectedQuote(at)
            | ScanError::Unclosed(at)
            | ScanError::Duplicate(at, _) => at,
        }
    }

    /// What is wrong, given the text of the start tag.
    pub(crate) fn message(&self, content: &str) -> String {
        let name_at = |at: usize| {
            content.get(at..).and_then(|rest| rest.split(['=', ' ', '\t', '\n', '\r']).next()).unwrap_or_default()
        };
        match *self {
            ScanError::NoSpace(at) => format!("no white space before the attribute {:?}", name_at(at)),
            ScanError::ExpectedEq(at) => format!("the attribute {:?} has no '=' and value", name_at(at)),
            ScanError::ExpectedQuote(_) => "an attribute value must be enclosed in '\"' or \"'\"".to_owned(),
            ScanError::Unclosed(_) => "an attribute value has no closing quote".to_owned(),
            ScanError::Duplicate(at, _) => format!("the attribute {:?} is written twice", name_at(at)),
        }
    }
}

/// The names seen so far, as ranges of the content: a few inline, more on the heap; and a
/// 64-bit summary of them, one bit per class of names (see [`name_class`]), so that a name whose
/// class is new needs no comparison (most start tags: their few names fall in different
/// classes).
struct Names {
    classes: u64,
    inline: [(u32, u32); 12],
    len: usize,
    more: Vec<(usize, usize)>,
}

/// One of 64 classes of a name, from its length and three of its bytes: names written twice
/// fall in the same class; different names seldom do.
#[inline]
fn name_class(name: &[u8]) -> u32 {
    let (Some(&first), Some(&last)) = (name.first(), name.last()) else { return 0 };
    let middle = name.get(name.len() / 2).copied().unwrap_or(0);
    // Only the low bits matter: a truncated length is as good.
    #[allow(clippy::cast_possible_truncation)]
    let len = name.len() as u32;
    (len.wrapping_mul(7) ^ u32::from(first) ^ u32::from(last).wrapping_mul(3) ^ u32::from(middle).wrapping_mul(5)) & 63
}

impl Names {
    fn new() -> Self {
        Names { classes: 0, inline: [(0, 0); 12], len: 0, more: Vec::new() }
    }

    /// The offset of an earlier attribute named `name`, or records `name` (at `at`).
    fn check(&mut self, content: &[u8], at: usize, name: &[u8]) -> Option<usize> {
        let bit = 1u64 << name_class(name);
        if self.classes & bit != 0 {
            if let Some(first) = self.find(content, name) {
                return Some(first);
            }
        } else {
            self.classes |= bit;
        }
        match (u32::try_from(at), u32::try_from(name.len())) {
            (Ok(a), Ok(l)) if self.len < self.inline.len() => {
                self.inline[self.len] = (a, l);
                self.len += 1;
            }
            _ => self.more.push((at, name.len())),
        }
        None
    }

    /// The offset of an earlier attribute named `name`.
    #[cold]
    #[inline(never)]
    fn find(&self, content: &[u8], name: &[u8]) -> Option<usize> {
        let same = |start: usize, len: usize| len == name.len() && content.get(start..start + len) == Some(name);
        let inline = self.inline.get(..self.len).unwrap_or_default();
        if let Some(&(start, _)) = inline.iter().find(|&&(start, len)| same(start as usize, len as usize)) {
            return Some(start as usize);
        }
        self.more.iter().find(|&&(start, len)| same(start, len)).map(|&(start, _)| start)
    }
}

/// The first `quote` in `rest`. Most values are short: their bytes are looked at eight at a
/// time in a word (a loop over single bytes mispredicts its exit at every value), up to 32
/// bytes before a vectorized search, whose setup costs more than a short value.
fn find_quote(quote: u8, rest: &[u8]) -> Option<usize> {
    const WORDS: usize = 4;
    let pattern = crate::word::splat(quote);
    let mut at = 0;
    for _ in 0..WORDS {
        let Some(word) = crate::word::load(rest, at) else {
            // Fewer than eight bytes left.
            return rest.get(at..)?.iter().position(|&b| b == quote).map(|n| at + n);
        };
        // The bytes equal to `quote` become zero; the lowest mark is the first of them.
        let zero = crate::word::zero_marks(word ^ pattern);
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    memchr::memchr(quote, rest.get(at..)?).map(|n| at + n)
}

/// The attributes of a start tag whose content (the text between `<` and `>` or `/>`) is
/// `content` and whose element name is `name_len` bytes long.
pub(crate) struct Attributes<'a> {
    content: &'a str,
    pos: usize,
    names: Names,
    check_duplicates: bool,
    failed: bool,
    /// Attributes found by an earlier scan of the same content, handed out instead of scanning.
    replay: Option<std::slice::Iter<'a, Scanned>>,
}

impl<'a> Attributes<'a> {
    pub(crate) fn new(content: &'a str, name_len: usize) -> Self {
        Attributes {
            content,
            pos: name_len.min(content.len()),
            names: Names::new(),
            check_duplicates: true,
            failed: false,
            replay: None,
        }
    }

    /// The attributes of `content` found by an earlier scan of it (with the check for names
    /// written twice, which found none): the same items as [`new`](Self::new) would give.
    pub(crate) fn replaying(content: &'a str, scanned: &'a [Scanned]) -> Self {
        Attributes { replay: Some(scanned.iter()), ..Self::new(content, content.len()) }
    }

    /// The same, without the check for names written twice.
    pub(crate) fn without_duplicate_check(mut self) -> Self {
        self.check_duplicates = false;
        self
    }

    fn scan(&mut self) -> Result<Option<Scanned>, ScanError> {
        let bytes = self.content.as_bytes();
        let space_start = self.pos;
        let mut i = self.pos;
        while i < bytes.len() && is_space_byte(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            self.pos = i;
            return Ok(None);
        }
        let at = i;
        if at == space_start {
            return Err(ScanError::NoSpace(at));
        }
        // Where the name ends, and its form, judged on the way.
        let (name_len, plain_qname, colon) = super::names::scan_name(bytes.get(at..).unwrap_or_default());
        let name_end = at + name_len;
        i = name_end;
        while i < bytes.len() && is_space_byte(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') || name_end == at {
            return Err(ScanError::ExpectedEq(at));
        }
        i += 1;
        while i < bytes.len() && is_space_byte(bytes[i]) {
            i += 1;
        }
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(i) else {
            return Err(ScanError::ExpectedQuote(i));
        };
        let value_start = i + 1;
        let value_end = match bytes.get(value_start..).and_then(|rest| find_quote(quote, rest)) {
            Some(n) => value_start + n,
            None => return Err(ScanError::Unclosed(value_start)),
        };
        self.pos = value_end + 1;
        if self.check_duplicates
            && let Some(first) = self.names.check(bytes, at, bytes.get(at..name_end).unwrap_or_default())
        {
            return Err(ScanError::Duplicate(at, first));
        }
        Ok(Some(Scanned {
            space_start,
            at,
            name_end,
            value_start,
            value_end,
            colon,
            single_quoted: quote == b'\'',
            plain_qname,
        }))
    }
}

impl Attributes<'_> {
    /// The next attribute, by offsets in the content (see [`Scanned::raw`]).
    pub(crate) fn next_scanned(&mut self) -> Option<Result<Scanned, ScanError>> {
        match &mut self.replay {
            Some(replay) => replay.next().copied().map(Ok),
            None if self.failed => None,
            None => match self.scan() {
                Ok(scanned) => scanned.map(Ok),
                Err(e) => {
                    self.failed = true;
                    Some(Err(e))
                }
            },
        }
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Result<RawAttribute<'a>, ScanError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.next_scanned()?.and_then(|scanned| scanned.raw(self.content)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Split = (String, String, String, bool, usize);

    fn split(content: &str, name_len: usize) -> Result<Vec<Split>, ScanError> {
        split_all(Attributes::new(content, name_len))
    }

    fn split_all(attributes: Attributes<'_>) -> Result<Vec<Split>, ScanError> {
        attributes
            .map(|r| {
                r.map(|a| {
                    (
                        a.attribute.key.0.to_owned(),
                        a.attribute.value.into_owned(),
                        a.space.to_owned(),
                        a.single_quoted,
                        a.at,
                    )
                })
            })
            .collect()
    }

    #[test]
    fn splits_names_values_spaces_and_quotes() {
        let got = split("File name=\"a b\"\n  size = '3' x:y=\"\" ", 4).unwrap_or_default();
        let want = [("name", "a b", " ", false, 5), ("size", "3", "\n  ", true, 18), ("x:y", "", " ", false, 29)];
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str(), g.3, g.4), w);
        }
        assert_eq!(split("File", 4), Ok(vec![]));
        assert_eq!(split("File  ", 4), Ok(vec![]));
    }

    #[test]
    fn values_of_every_length_end_at_their_quote() {
        for len in 0..40 {
            let content = format!("a b=\"{}\" c='{}'", "v".repeat(len), "w".repeat(len));
            let got = split(&content, 1).unwrap_or_default();
            assert_eq!(got.len(), 2, "{len}");
            assert_eq!((got[0].1.len(), got[1].1.len()), (len, len));
        }
        assert_eq!(split(&format!("a b=\"{}", "v".repeat(30)), 1), Err(ScanError::Unclosed(5)));
    }

    /// The word-wise search finds the first quote wherever it is, past bytes that differ from
    /// it in one bit (a borrow between bytes must not mark them) and up to the vectorized search.
    #[test]
    fn the_first_quote_is_found_at_every_length_and_position() {
        for quote in [b'"', b'\''] {
            for filler in [b'v', quote ^ 0x80, quote ^ 0x01, quote + 1, quote - 1, 0x00, 0xFF] {
                for len in 0..72 {
                    let mut rest = vec![filler; len];
                    assert_eq!(find_quote(quote, &rest), None, "{len}");
                    for at in 0..len {
                        rest.fill(filler);
                        rest[at] = quote;
                        if at + 1 < len {
                            rest[at + 1] = quote;
                        }
                        assert_eq!(find_quote(quote, &rest), Some(at), "{filler:#04x}, {len}, {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn values_may_hold_the_other_quote_and_markup_characters() {
        let got = split("a b='x\"y' c=\"p'q>r\"", 1).unwrap_or_default();
        assert_eq!(got[0].1, "x\"y");
        assert_eq!(got[1].1, "p'q>r");
    }

    #[test]
    fn refuses_what_xml_does_not_allow() {
        assert_eq!(split("a b=\"1\"c=\"2\"", 1), Err(ScanError::NoSpace(7)));
        assert_eq!(split("a b", 1), Err(ScanError::ExpectedEq(2)));
        assert_eq!(split("a b c=\"1\"", 1), Err(ScanError::ExpectedEq(2)));
        assert_eq!(split("a =\"1\"", 1), Err(ScanError::ExpectedEq(2)));
        assert_eq!(split("a b=1", 1), Err(ScanError::ExpectedQuote(4)));
        assert_eq!(split("a b=", 1), Err(ScanError::ExpectedQuote(4)));
        assert_eq!(split("a b=\"1", 1), Err(ScanError::Unclosed(5)));
        assert_eq!(split("a b=\"1\" c='2' b=\"3\"", 1), Err(ScanError::Duplicate(14, 2)));
    }

    #[test]
    fn finds_duplicates_beyond_the_inline_names() {
        use std::fmt::Write as _;
        let mut tag = String::from("a");
        for i in 0..40 {
            let _ = write!(tag, " n{i}=\"v\"");
        }
        assert_eq!(split(&tag, 1).map(|v| v.len()), Ok(40));
        tag.push_str(" n33=\"w\"");
        assert!(matches!(split(&tag, 1), Err(ScanError::Duplicate(_, _))));
    }

    /// Names that fall in one class (see `name_class`) are told apart by comparison: many
    /// different names pass, and a name written again is found, with its first offset, whichever
    /// earlier names share its class.
    #[test]
    fn names_in_one_class_are_compared() {
        let names: Vec<String> = (0..300).map(|i| format!("n{i}")).collect();
        let classes: std::collections::HashSet<u32> = names.iter().map(|n| name_class(n.as_bytes())).collect();
        assert!(classes.len() < names.len(), "the test needs names that share a class");
        let mut content = String::from("a");
        for n in &names {
            content.extend([" ", n.as_str(), "=\"v\""]);
        }
        assert_eq!(split(&content, 1).map(|v| v.len()), Ok(300));
        for again in ["n0", "n11", "n150", "n299"] {
            let first = content.find(&format!(" {again}=")).map(|i| i + 1);
            let twice = format!("{content} {again}='w'");
            let at = content.len() + 1;
            assert_eq!(split(&twice, 1).err(), first.map(|f| ScanError::Duplicate(at, f)), "{again}");
        }
        // Names of one length, first and last byte differ only in their middle.
        assert_eq!(split("a abc=\"1\" axc=\"2\" abc=\"3\"", 1), Err(ScanError::Duplicate(18, 2)));
    }

    /// The form of a name is judged while splitting it, as the definition judges it for ASCII
    /// names; other names are left to `is_qname`.
    #[test]
    fn names_are_classified_while_split() {
        use crate::xml::names::is_ncname;
        let cases = [
            ("a", true, None),
            ("_a-1.b", true, None),
            ("p:local", true, Some(1)),
            ("xmlns:ds", true, Some(5)),
            ("1a", false, None),
            ("-a", false, None),
            ("p:1", false, Some(1)),
            (":a", false, Some(0)),
            ("a:", false, Some(1)),
            ("a:b:c", false, Some(1)),
            ("caf\u{e9}", false, None),
            ("a/b", false, None),
        ];
        for (name, plain, colon) in cases {
            let content = format!("e {name}=\"v\"");
            let attr = Attributes::new(&content, 1).next().and_then(Result::ok);
            assert_eq!(attr.as_ref().map(|a| a.attribute.key.0), Some(name), "{name}");
            assert_eq!(attr.as_ref().map(|a| (a.plain_qname, a.colon)), Some((plain, colon)), "{name}");
            // For ASCII names, the same answer as the definition by characters (which `is_qname`
            // falls back to, and which does not use the table).
            let by_definition = match name.split_once(':') {
                Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
                None => is_ncname(name),
            };
            if name.is_ascii() {
                assert_eq!(plain, by_definition, "{name}");
            }
        }
    }

    #[test]
    fn a_replay_gives_what_the_scan_gave() {
        let content = "Entity\n  name='a &amp; b' x:role=\"tagCreator\"\tregid=\"r\" ";
        let mut attributes = Attributes::new(content, 6);
        let scanned: Vec<Scanned> =
            std::iter::from_fn(|| attributes.next_scanned()).collect::<Result<_, _>>().unwrap_or_default();
        assert_eq!(scanned.len(), 3);
        let again = split_all(Attributes::replaying(content, &scanned));
        assert_eq!(split(content, 6), again);
        assert_eq!(again.map(|a| a.len()), Ok(3));
        let first =
            Attributes::replaying(content, &scanned).next().and_then(Result::ok).map(|a| (a.plain_qname, a.colon));
        assert_eq!(first, Some((true, None)));
        let second =
            Attributes::replaying(content, &scanned).nth(1).and_then(Result::ok).map(|a| (a.plain_qname, a.colon));
        assert_eq!(second, Some((true, Some(1))));
        // Nothing scanned, nothing replayed (the content is not scanned again).
        assert_eq!(Attributes::replaying(content, &[]).count(), 0);
    }

    #[test]
    fn duplicates_pass_without_the_check() {
        let n = Attributes::new("a b=\"1\" b=\"2\"", 1).without_duplicate_check().flatten().count();
        assert_eq!(n, 2);
    }

    #[test]
    fn stops_after_the_first_error() {
        let mut it = Attributes::new("a b c=\"1\"", 1);
        assert!(matches!(it.next(), Some(Err(ScanError::ExpectedEq(2)))));
        assert!(it.next().is_none());
    }

    #[test]
    fn messages_name_the_attribute() {
        assert_eq!(ScanError::NoSpace(7).message("a b=\"1\"c=\"2\""), "no white space before the attribute \"c\"");
        assert_eq!(ScanError::Duplicate(8, 2).message("a b=\"1\" b=\"3\""), "the attribute \"b\" is written twice");
    }
}
