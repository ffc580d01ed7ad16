//! What XML 1.0 and Namespaces in XML allow as names and characters.

use crate::word;

/// True for a character XML 1.0 allows in a document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// True for a byte of XML white space (space, tab, line feed, carriage return).
pub(crate) fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first character that XML 1.0 does not allow, if any.
pub(crate) fn invalid_char(text: &str) -> Option<char> {
    // Fast path: only control bytes and U+FFFE/U+FFFF (EF BF BE/BF) can be invalid in UTF-8.
    if !suspect_bytes(text.as_bytes(), false) {
        return None;
    }
    text.chars().find(|&c| !is_xml_char(c))
}

/// True when `b` has a byte that needs a closer look: a control character other than tab, line
/// feed and carriage return, the lead byte 0xEF of U+FFFE/U+FFFF, or (with `bracket`) a `]`.
/// Branch-free over the bytes, so that the compiler vectorizes it: text is mostly plain.
#[allow(clippy::needless_bitwise_bool)] // deliberately branch-free
pub(crate) fn suspect_bytes(b: &[u8], bracket: bool) -> bool {
    let bracket = if bracket { b']' } else { 0xEF };
    b.iter().fold(false, |acc, &c| {
        acc | ((c < 0x20) & (c != b'\t') & (c != b'\n') & (c != b'\r')) | (c == 0xEF) | (c == bracket)
    })
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}'
            | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
            | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || c.is_ascii_digit()
        || matches!(c, '-' | '.' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// True for an XML name without a colon (an `NCName`).
pub(crate) fn is_ncname(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// A byte that may start a name part (ASCII letters and `_`).
const START: u8 = 0;
/// An ASCII byte that may continue a name (digits, `-`, `.`).
const CONTINUE: u8 = 1;
/// The colon of a qualified name.
const COLON: u8 = 2;
/// Any other byte, non-ASCII included: the name needs the full check.
const OTHER: u8 = 4;
/// A byte that ends a name in a start tag: XML white space, `=` and the quotes.
const ENDS: u8 = 8;

/// The class of every byte, for splitting a name off and judging its form in one pass.
static NAME_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0u8;
    while b < 128 {
        t[b as usize] = if b.is_ascii_alphabetic() || b == b'_' {
            START
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            CONTINUE
        } else if b == b':' {
            COLON
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'"' | b'\'') {
            ENDS
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// The name at the start of `bytes`, up to white space, `=`, a quote or the end: its length,
/// whether it is an ASCII qualified name (a letter or `_` first and after the colon, at most one
/// colon; other names need [`is_qname`]), and where its first colon is.
#[inline]
pub(crate) fn scan_name(bytes: &[u8]) -> (usize, bool, Option<usize>) {
    let mut classes = 0u8;
    let mut colon = None;
    // Most names are ASCII letters only: those are passed eight at a time (their class, START,
    // adds nothing), and the loop below goes on from the first byte that is not one.
    let mut len = 0;
    while let Some(w) = word::load(bytes, len) {
        let others = !ascii_letters(w) & word::HIGHS;
        if others != 0 {
            len += (others.trailing_zeros() / 8) as usize;
            break;
        }
        len += 8;
    }
    while let Some(&b) = bytes.get(len) {
        let class = NAME_CLASS[usize::from(b)];
        if class == ENDS {
            break;
        }
        if class == COLON && colon.is_none() {
            colon = Some(len);
        } else {
            classes |= class;
        }
        len += 1;
    }
    let starts_part = |at: usize| at < len && bytes.get(at).is_some_and(|&b| NAME_CLASS[usize::from(b)] == START);
    let plain = classes & (COLON | OTHER) == 0 && starts_part(0) && colon.is_none_or(|c| starts_part(c + 1));
    (len, plain, colon)
}

/// The high bit set for every byte of `w` that is an ASCII letter, exactly.
#[inline]
fn ascii_letters(w: u64) -> u64 {
    // In lower case (0x20 set): 'A'..='Z' become 'a'..='z'; no other byte becomes a letter.
    let lower = w | word::splat(0x20);
    word::at_least(lower, b'a') & !word::at_least(lower, b'z' + 1) & !w & word::HIGHS
}

/// True for a qualified name: an `NCName`, or two joined by one colon.
pub(crate) fn is_qname(name: &str) -> bool {
    qname_colon(name).is_ok()
}

/// Where the colon of a qualified name is (`Ok(None)`: it has none); `Err` when `name` is not a
/// qualified name.
pub(crate) fn qname_colon(name: &str) -> Result<Option<usize>, ()> {
    // ASCII letters, digits, '_', '-', '.' and one colon: the usual case, judged by table.
    let (len, plain, colon) = scan_name(name.as_bytes());
    if plain && len == name.len() {
        return Ok(colon);
    }
    let good = match name.split_once(':') {
        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
        None => is_ncname(name),
    };
    if good { Ok(name.find(':')) } else { Err(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for good in ["a", "_a", "a-b.c", "p:local", "é", "a1"] {
            assert!(is_qname(good), "{good}");
        }
        for bad in ["", "1a", "a:b:c", ":a", "a:", "a b", "-a", "p:1", "p:\u{e9}:"] {
            assert!(!is_qname(bad), "{bad}");
        }
        assert_eq!(qname_colon("local"), Ok(None));
        assert_eq!(qname_colon("p:local"), Ok(Some(1)));
        assert_eq!(qname_colon("\u{e9}t\u{e9}:\u{e9}"), Ok(Some(5)));
        assert_eq!(qname_colon("\u{e9}t\u{e9}"), Ok(None));
        assert_eq!(qname_colon("p:"), Err(()));
        assert!(is_ncname("a.b"));
        assert!(!is_ncname("a:b"));
    }

    /// Names split off word by word where they are letters give what the byte-by-byte
    /// definition gives, whatever byte ends the letters and wherever.
    #[test]
    fn names_split_word_by_word_agree_with_the_definition() {
        for b in 0..=255u8 {
            assert_eq!(ascii_letters(word::splat(b)) != 0, b.is_ascii_alphabetic(), "{b:#04x}");
            for letters in 0..20 {
                let mut name: Vec<u8> = (0..letters).map(|i| if i % 3 == 0 { b'Q' } else { b'x' }).collect();
                name.push(b);
                name.extend_from_slice(b"ab=\"v\" c=\"w\"");
                let (len, plain, colon) = scan_name(&name);
                let ends = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'"' | b'\'');
                let want_len = if ends { letters } else { letters + 3 };
                assert_eq!(len, want_len, "{b:#04x} after {letters}");
                assert_eq!(colon, (b == b':').then_some(letters), "{b:#04x} after {letters}");
                let text = String::from_utf8_lossy(&name[..len]).into_owned();
                if text.is_ascii() {
                    let by_definition = match text.split_once(':') {
                        Some((prefix, local)) => is_ncname(prefix) && is_ncname(local),
                        None => is_ncname(&text),
                    };
                    assert_eq!(plain, by_definition, "{b:#04x} after {letters}: {text:?}");
                } else {
                    assert!(!plain);
                }
            }
        }
    }

    #[test]
    fn characters() {
        assert_eq!(invalid_char("plain\ttext\n"), None);
        assert_eq!(invalid_char("a\u{1}b"), Some('\u{1}'));
        assert_eq!(invalid_char("\u{FFFE}"), Some('\u{FFFE}'));
        assert_eq!(invalid_char("\u{FFFD}\u{10000}"), None);
    }
}
