//! Timestamps as written: an `xs:dateTime` text or a count of Unix seconds, kept in the form it
//! came in, with its [`Instant`] for ordering and arithmetic.
//!
//! Measurements arrive with both forms: IBM's SLMT tags write `2019-07-18T16:39:34+02:00`, Cisco's
//! RUM reports `1659085460`. A [`Timestamp`] keeps whichever it was given, so that a decoded
//! record is written back as it came; two timestamps are equal when their forms are, and compare
//! in time through [`Timestamp::instant`].

use crate::datetime::{DateTime, DateTimeError, civil_from_days, days_from_civil};
use std::fmt;

/// A point in time: whole seconds since 1970-01-01T00:00:00Z and nanoseconds (0 to 999 999 999)
/// after them. Ordered in time.
///
/// ```
/// use iso19770_core::timestamp::Instant;
///
/// let a = Instant::from_unix_seconds(10);
/// let b = Instant::new(9, 999_999_999).unwrap();
/// assert!(b < a);
/// assert_eq!(a.utc_date(), (1970, 1, 1));
/// assert_eq!(Instant::start_of_utc_month(2024, 2).map(|i| i.seconds()), Some(1_706_745_600));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    seconds: i64,
    nanos: u32,
}

impl Instant {
    /// The instant `seconds` and `nanos` after the epoch; `None` when `nanos` is a second or more.
    pub fn new(seconds: i64, nanos: u32) -> Option<Self> {
        (nanos < 1_000_000_000).then_some(Instant { seconds, nanos })
    }

    /// The instant of a whole count of Unix seconds.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        Instant { seconds, nanos: 0 }
    }

    /// Whole seconds since the epoch (rounded down).
    pub fn seconds(self) -> i64 {
        self.seconds
    }

    /// Nanoseconds after [`Instant::seconds`].
    pub fn nanos(self) -> u32 {
        self.nanos
    }

    /// Nanoseconds since the epoch, exactly.
    pub fn as_nanos(self) -> i128 {
        i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos)
    }

    /// The instant of a count of nanoseconds since the epoch; `None` beyond the range of `i64`
    /// seconds.
    pub fn from_nanos(nanos: i128) -> Option<Self> {
        let seconds = i64::try_from(nanos.div_euclid(1_000_000_000)).ok()?;
        let rest = u32::try_from(nanos.rem_euclid(1_000_000_000)).ok()?;
        Instant::new(seconds, rest)
    }

    /// The UTC calendar date (year, month, day) the instant falls on.
    pub fn utc_date(self) -> (i64, u8, u8) {
        civil_from_days(self.seconds.div_euclid(86_400))
    }

    /// The first instant of a UTC calendar month; `None` for a month outside 1 to 12 or an
    /// instant out of range.
    pub fn start_of_utc_month(year: i64, month: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || year.abs() > 100_000_000_000 {
            return None;
        }
        days_from_civil(year, month, 1).checked_mul(86_400).map(Instant::from_unix_seconds)
    }

    /// The same instant written as an `xs:dateTime` in UTC (`2019-07-18T14:39:34Z`, with a
    /// fraction when there is one).
    pub fn to_date_time(self) -> DateTime {
        let whole = DateTime::from_unix_seconds(self.seconds);
        if self.nanos == 0 {
            return whole;
        }
        let text = whole.as_str().trim_end_matches('Z');
        let fraction = format!("{:09}", self.nanos);
        DateTime::new(format!("{text}.{}Z", fraction.trim_end_matches('0')))
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.to_date_time().as_str())
    }
}

/// A timestamp in the form it was written: an `xs:dateTime` text (with its offset, fraction and
/// all) or a count of Unix seconds.
///
/// Equality is equality of the form: `1970-01-01T00:00:00Z` and `0` are different timestamps of
/// the same [`Instant`]. Compare times with [`Timestamp::instant`].
///
/// ```
/// use iso19770_core::Timestamp;
///
/// let ibm = Timestamp::from("2019-07-18T16:39:34+02:00");
/// let cisco = Timestamp::UnixSeconds(1_563_460_774);
/// assert_ne!(ibm, cisco);
/// assert_eq!(ibm.instant()?, cisco.instant()?);
/// assert_eq!(ibm.to_string(), "2019-07-18T16:39:34+02:00");
/// assert_eq!(cisco.to_string(), "1563460774");
/// # Ok::<(), iso19770_core::datetime::DateTimeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Timestamp {
    /// An `xs:dateTime`, as written.
    DateTime(DateTime),
    /// Whole seconds since 1970-01-01T00:00:00Z.
    UnixSeconds(i64),
}

impl Timestamp {
    /// The instant; an error for a text that is no `xs:dateTime` or has no time zone.
    pub fn instant(&self) -> Result<Instant, DateTimeError> {
        match self {
            Timestamp::DateTime(d) => d.instant(),
            Timestamp::UnixSeconds(s) => Ok(Instant::from_unix_seconds(*s)),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::DateTime(d) => f.write_str(d.as_str()),
            Timestamp::UnixSeconds(s) => write!(f, "{s}"),
        }
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp::DateTime(DateTime::new(text))
    }
}

impl From<DateTime> for Timestamp {
    fn from(d: DateTime) -> Self {
        Timestamp::DateTime(d)
    }
}

impl From<i64> for Timestamp {
    fn from(seconds: i64) -> Self {
        Timestamp::UnixSeconds(seconds)
    }
}

/// JSON: a string for a date-time, an integer for Unix seconds (feature `serde`).
#[cfg(feature = "serde")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Timestamp::DateTime(d) => s.serialize_str(d.as_str()),
            Timestamp::UnixSeconds(n) => s.serialize_i64(*n),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an xs:dateTime string or an integer count of Unix seconds")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Ok(Timestamp::from(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::UnixSeconds(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
                i64::try_from(v)
                    .map(Timestamp::UnixSeconds)
                    .map_err(|_| E::custom(format_args!("{v} Unix seconds is out of range")))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "an xs:dateTime string, or an integer count of Unix seconds; kept in the form written",
            "anyOf": [ { "type": "string" }, { "type": "integer" } ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_of_both_forms() {
        let t = Timestamp::from("2019-07-18T16:39:34.5+02:00");
        assert_eq!(t.instant(), Ok(Instant::new(1_563_460_774, 500_000_000).unwrap()));
        assert_eq!(Timestamp::UnixSeconds(-1).instant(), Ok(Instant::from_unix_seconds(-1)));
        assert_eq!(Timestamp::from("2019-07-18T16:39:34").instant(), Err(DateTimeError::NoTimeZone));
        assert_eq!(Timestamp::from("$the_date").instant(), Err(DateTimeError::Syntax));
    }

    #[test]
    fn nanos_and_calendar() {
        let i = Instant::new(-1, 999_999_999).unwrap();
        assert_eq!(i.as_nanos(), -1);
        assert_eq!(Instant::from_nanos(-1), Some(i));
        assert_eq!(Instant::new(0, 1_000_000_000), None);
        assert_eq!(i.utc_date(), (1969, 12, 31));
        assert_eq!(Instant::start_of_utc_month(2024, 13), None);
        assert_eq!(Instant::start_of_utc_month(1970, 1), Some(Instant::from_unix_seconds(0)));
        assert_eq!(Instant::new(0, 250_000_000).unwrap().to_string(), "1970-01-01T00:00:00.25Z");
        assert_eq!(Instant::from_unix_seconds(86_400).to_string(), "1970-01-02T00:00:00Z");
    }
}
