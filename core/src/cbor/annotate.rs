//! Annotated hex: CBOR as one data item head per line, indented by depth, with a comment naming
//! each item, each registry key and each registry code. The crates' cross-format fixtures
//! (`*.cbor.hex`) are written in it, and it reads back with [`parse_annotated_hex`].
//!
//! ```text
//! a2                                      # map(2)
//!   00                                    # rumId
//!     61 72                               # text(1) "r"
//! ```

use std::fmt::Write as _;

/// The column where comments start (lines with longer hex push theirs further).
const COMMENT_COLUMN: usize = 40;
/// A string of at most this many bytes is written on the line of its head; a longer one on
/// continuation lines of [`CONTINUATION_BYTES`] bytes.
const INLINE_CONTENT_BYTES: usize = 24;
const CONTINUATION_BYTES: usize = 32;
/// How many characters of a text a comment quotes.
const COMMENT_TEXT_CHARS: usize = 48;

/// What a form's registry says about keys and codes, for the comments.
///
/// `Hint` is what is known about an item from where it stands (the vocabulary of its codes, or
/// the kind of map it is); the root and the items of unnamed keys have `Hint::default()`, the
/// items of an array the array's hint.
pub trait Annotations {
    /// What is known about an item from where it stands.
    type Hint: Copy + Default;

    /// The name of an unsigned key in a map with this hint, and the hint of its value; `None`
    /// for a key the registry does not name (it is annotated as an item).
    fn key(&self, key: u64, map: Self::Hint) -> Option<(&'static str, Self::Hint)>;

    /// The name of an integer (a registry code) under this hint, if it has one.
    fn code(&self, hint: Self::Hint, value: i128) -> Option<String>;
}

/// Why bytes could not be annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotateError {
    /// The byte offset.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for AnnotateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for AnnotateError {}

/// One line of the annotation (a continuation line of a long string has no comment).
struct Line {
    depth: usize,
    hex: String,
    comment: Option<String>,
}

struct Annotator<'a, A> {
    bytes: &'a [u8],
    pos: usize,
    lines: Vec<Line>,
    names: &'a A,
}

/// Annotates deterministic CBOR (definite lengths; the form's writers give nothing else) as hex,
/// one data item head per line, with comments; see the module docs.
///
/// ```
/// use iso19770_core::cbor::{annotate, parse_annotated_hex, Annotations};
///
/// struct Names;
/// impl Annotations for Names {
///     type Hint = ();
///     fn key(&self, key: u64, _: ()) -> Option<(&'static str, ())> {
///         (key == 0).then_some(("rumId", ()))
///     }
///     fn code(&self, _: (), _: i128) -> Option<String> {
///         None
///     }
/// }
/// let bytes = [0xa1, 0x00, 0x61, b'r'];
/// let text = annotate(&bytes, &Names)?;
/// assert_eq!(text, "a1                                      # map(1)\n  00                                    # rumId\n    61 72                               # text(1) \"r\"\n");
/// assert_eq!(parse_annotated_hex(&text)?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn annotate<A: Annotations>(bytes: &[u8], names: &A) -> Result<String, AnnotateError> {
    let mut a = Annotator { bytes, pos: 0, lines: Vec::new(), names };
    while a.pos < bytes.len() {
        a.item(0, A::Hint::default())?;
    }
    let mut out = String::new();
    for line in a.lines {
        let code = format!("{}{}", "  ".repeat(line.depth), line.hex);
        match line.comment {
            Some(comment) => {
                let width = COMMENT_COLUMN.max(code.len() + 1);
                let _ = writeln!(out, "{code:<width$}# {comment}");
            }
            None => {
                let _ = writeln!(out, "{code}");
            }
        }
    }
    Ok(out)
}

/// The bytes of annotated hex: everything after `#` on a line and all white space are ignored.
///
/// ```
/// use iso19770_core::cbor::parse_annotated_hex;
///
/// let text = "a2    # map(2)\n  00  # key\n    61 78 # text(1) \"x\" # ab\n\n  09 # 09\n 01\n";
/// assert_eq!(parse_annotated_hex(text), Ok(vec![0xa2, 0x00, 0x61, 0x78, 0x09, 0x01]));
/// assert!(parse_annotated_hex("a").is_err());
/// assert!(parse_annotated_hex("zz").is_err());
/// ```
pub fn parse_annotated_hex(text: &str) -> Result<Vec<u8>, AnnotateError> {
    let digits: Vec<u8> = text
        .lines()
        .map(|line| line.split_once('#').map_or(line, |(code, _)| code))
        .flat_map(str::bytes)
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(2) {
        return Err(AnnotateError { offset: digits.len() / 2, message: "an odd number of hex digits".to_owned() });
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok()).ok_or_else(|| AnnotateError {
                offset: i,
                message: format!("not hex: {:?}", String::from_utf8_lossy(pair)),
            })
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl<A: Annotations> Annotator<'_, A> {
    fn error(&self, message: impl Into<String>) -> AnnotateError {
        AnnotateError { offset: self.pos, message: message.into() }
    }

    /// Reads a data item head at `pos`: the major type, its argument and the bytes of the head.
    fn head_at(&self, pos: usize) -> Result<(u8, u64, usize), AnnotateError> {
        let initial = *self.bytes.get(pos).ok_or_else(|| self.error("the input ends inside an item"))?;
        let (major, info) = (initial >> 5, initial & 0x1f);
        let (arg, len) = match info {
            0..=23 => (u64::from(info), 1),
            24..=27 => {
                let n = 1usize << (info - 24);
                let arg = self
                    .bytes
                    .get(pos + 1..pos + 1 + n)
                    .ok_or_else(|| self.error("the input ends inside a head"))?
                    .iter()
                    .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
                (arg, 1 + n)
            }
            _ => return Err(self.error(format!("additional information {info} (not deterministic CBOR)"))),
        };
        Ok((major, arg, len))
    }

    fn head(&mut self) -> Result<(u8, u64, String), AnnotateError> {
        let (major, arg, len) = self.head_at(self.pos)?;
        let text = hex(&self.bytes[self.pos..self.pos + len]);
        self.pos += len;
        Ok((major, arg, text))
    }

    fn line(&mut self, depth: usize, hex: String, comment: String) {
        self.lines.push(Line { depth, hex, comment: Some(comment) });
    }

    fn count(&self, arg: u64) -> Result<usize, AnnotateError> {
        usize::try_from(arg).map_err(|_| self.error("a length beyond memory"))
    }

    fn item(&mut self, depth: usize, hint: A::Hint) -> Result<(), AnnotateError> {
        let (major, arg, head) = self.head()?;
        match major {
            0 => {
                let name = self.names.code(hint, i128::from(arg)).map(|n| format!(" {n}")).unwrap_or_default();
                self.line(depth, head, format!("unsigned({arg}){name}"));
            }
            1 => {
                let value = -1 - i128::from(arg);
                let name = self.names.code(hint, value).map(|n| format!(" {n}")).unwrap_or_default();
                self.line(depth, head, format!("negative({value}){name}"));
            }
            2 | 3 => {
                let len = self.count(arg)?;
                let content = self
                    .bytes
                    .get(self.pos..self.pos.saturating_add(len))
                    .ok_or_else(|| self.error("a string beyond the input"))?;
                self.pos += len;
                let comment = if major == 2 {
                    format!("bytes({arg})")
                } else {
                    let text = std::str::from_utf8(content).map_err(|_| self.error("a text that is not UTF-8"))?;
                    let shown: String = text.chars().take(COMMENT_TEXT_CHARS).collect();
                    let more = if shown.len() < text.len() { "…" } else { "" };
                    format!("text({arg}) {shown:?}{more}")
                };
                if content.len() <= INLINE_CONTENT_BYTES {
                    let line = format!("{head} {}", hex(content));
                    self.line(depth, line, comment);
                } else {
                    let chunks: Vec<String> = content.chunks(CONTINUATION_BYTES).map(hex).collect();
                    self.line(depth, head, comment);
                    for chunk in chunks {
                        self.lines.push(Line { depth: depth + 1, hex: chunk, comment: None });
                    }
                }
            }
            4 => {
                self.line(depth, head, format!("array({arg})"));
                for _ in 0..self.count(arg)? {
                    self.item(depth + 1, hint)?;
                }
            }
            5 => {
                self.line(depth, head, format!("map({arg})"));
                for _ in 0..self.count(arg)? {
                    let (key_major, key_arg, key_len) = self.head_at(self.pos)?;
                    let named = if key_major == 0 { self.names.key(key_arg, hint) } else { None };
                    if let Some((name, value_hint)) = named {
                        let key_head = hex(&self.bytes[self.pos..self.pos + key_len]);
                        self.pos += key_len;
                        self.line(depth + 1, key_head, name.to_owned());
                        self.item(depth + 2, value_hint)?;
                    } else {
                        self.item(depth + 1, A::Hint::default())?;
                        self.item(depth + 2, A::Hint::default())?;
                    }
                }
            }
            6 => {
                let what = match arg {
                    0 => " date-time text",
                    1 => " epoch seconds",
                    2 => " unsigned bignum",
                    3 => " negative bignum",
                    4 => " decimal fraction [exponent, mantissa]",
                    _ => "",
                };
                self.line(depth, head, format!("tag({arg}){what}"));
                self.item(depth + 1, A::Hint::default())?;
            }
            _ => {
                let comment = match (arg, head.len()) {
                    (20, 2) => "false".to_owned(),
                    (21, 2) => "true".to_owned(),
                    (22, 2) => "null".to_owned(),
                    (_, 4 | 6 | 10) => format!("float({} bytes)", head.len() / 2 - 1),
                    _ => format!("simple({arg})"),
                };
                self.line(depth, head, comment);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Names;

    #[derive(Clone, Copy, Default, PartialEq)]
    enum Hint {
        #[default]
        None,
        Roles,
    }

    impl Annotations for Names {
        type Hint = Hint;
        fn key(&self, key: u64, _: Hint) -> Option<(&'static str, Hint)> {
            match key {
                16 => Some(("roles", Hint::Roles)),
                10 => Some(("metric", Hint::None)),
                _ => None,
            }
        }
        fn code(&self, hint: Hint, value: i128) -> Option<String> {
            (hint == Hint::Roles && value == 2).then(|| "licensor".to_owned())
        }
    }

    #[test]
    fn keys_codes_and_items_are_named() {
        // {10: {26: 10}, 16: [2, "x"], 99: -3, "k": 4([-2, 150])}
        let bytes = [
            0xa4, 0x0a, 0xa1, 0x18, 0x1a, 0x0a, 0x10, 0x82, 0x02, 0x61, b'x', 0x18, 0x63, 0x22, 0x61, b'k', 0xc4, 0x82,
            0x21, 0x18, 0x96,
        ];
        let text = annotate(&bytes, &Names).unwrap();
        assert_eq!(parse_annotated_hex(&text).unwrap(), bytes);
        for expected in [
            "# metric",
            "# roles",
            "# unsigned(2) licensor",
            "# negative(-3)",
            "# tag(4) decimal fraction",
            "# unsigned(99)",
        ] {
            assert!(text.contains(expected), "{expected:?} missing in\n{text}");
        }
    }

    #[test]
    fn long_strings_continue_and_bad_input_is_an_error() {
        let mut bytes = vec![0x58, 40];
        bytes.extend(0..40u8);
        let text = annotate(&bytes, &Names).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert_eq!(parse_annotated_hex(&text).unwrap(), bytes);
        assert_eq!(
            annotate(&[0x9f], &Names).unwrap_err().message,
            "additional information 31 (not deterministic CBOR)"
        );
        assert!(annotate(&[0x62, b'a'], &Names).is_err());
        assert!(annotate(&[0x82, 0x01], &Names).is_err());
    }
}
