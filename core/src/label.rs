//! Integer-or-text labels.
//!
//! RFC 9393 (CoSWID) writes map keys and registry values as `int / text`: an integer from an IANA
//! registry, or a text escape for values the registry does not (yet) hold. Negative integers from
//! -256 to -1 are reserved for private use. Every registry enum of these crates keeps a value it
//! does not know as a [`Label`], so that nothing read is lost.

use std::fmt;

/// An integer or text key or registry value (CDDL `label = int / text`).
///
/// ```
/// use iso19770_core::Label;
///
/// assert_eq!(Label::from(7).to_string(), "7");
/// assert_eq!(Label::from("psa-rot-compound").as_text(), Some("psa-rot-compound"));
/// assert!(Label::Int(-1).is_private_use());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// An integer label (a registry value or a private-use negative integer).
    Int(i64),
    /// A text label.
    Text(String),
}

impl Label {
    /// The text of a text label.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Label::Text(t) => Some(t),
            Label::Int(_) => None,
        }
    }

    /// The integer of an integer label.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Label::Int(i) => Some(*i),
            Label::Text(_) => None,
        }
    }

    /// True for the integers RFC 9393 reserves for private use (-256 to -1).
    pub fn is_private_use(&self) -> bool {
        matches!(self, Label::Int(-256..=-1))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Int(i) => write!(f, "{i}"),
            Label::Text(t) => f.write_str(t),
        }
    }
}

impl From<i64> for Label {
    fn from(value: i64) -> Self {
        Label::Int(value)
    }
}

impl From<&str> for Label {
    fn from(value: &str) -> Self {
        Label::Text(value.to_owned())
    }
}

impl From<String> for Label {
    fn from(value: String) -> Self {
        Label::Text(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_use_range_is_minus_256_to_minus_1() {
        assert!(Label::Int(-256).is_private_use());
        assert!(Label::Int(-1).is_private_use());
        assert!(!Label::Int(-257).is_private_use());
        assert!(!Label::Int(0).is_private_use());
        assert!(!Label::from("x").is_private_use());
    }

    #[test]
    fn accessors_return_only_their_kind() {
        assert_eq!(Label::Int(3).as_int(), Some(3));
        assert_eq!(Label::Int(3).as_text(), None);
        assert_eq!(Label::from("a").as_text(), Some("a"));
        assert_eq!(Label::from(String::from("a")).as_int(), None);
    }
}
