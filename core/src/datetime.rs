//! Date-times as written: an `xs:dateTime` keeps its text, and converts to and from Unix
//! seconds for formats that carry an integer time (CoSWID's `#6.1(int)`).

use std::fmt;

/// An `xs:dateTime` as written (`2018-01-01T12:13:14Z`, `2026-11-22T09:00:00.25+01:00`).
///
/// The text is kept exactly, so that a decoded document is written back as it came; equality
/// is equality of the text. [`DateTime::parse`] checks it, and [`DateTime::unix_seconds`] gives
/// the instant.
///
/// ```
/// use iso19770_core::DateTime;
///
/// let d = DateTime::new("2018-01-01T12:13:14+01:00");
/// assert_eq!(d.unix_seconds(), Ok(1_514_805_194));
/// assert_eq!(DateTime::from_unix_seconds(1_514_805_194).as_str(), "2018-01-01T11:13:14Z");
/// assert!(DateTime::new("2018-02-30T00:00:00Z").parse().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(String);

/// The parts of a date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTimeParts {
    /// The year (negative before year 1, as `xs:dateTime` allows).
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
    /// The hour, 0 to 24 (24 only as `24:00:00`, the end of the day).
    pub hour: u8,
    /// The minute.
    pub minute: u8,
    /// The second.
    pub second: u8,
    /// The fraction of a second in nanoseconds (digits beyond nine are dropped).
    pub nanos: u32,
    /// The offset from UTC in minutes; `None` when the text has no time zone.
    pub offset_minutes: Option<i32>,
}

/// Why a text is not an `xs:dateTime`, or has no instant.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateTimeError {
    /// Not the `xs:dateTime` syntax.
    Syntax,
    /// A field out of its range (month 13, February 30, minute 60 …).
    OutOfRange,
    /// No time zone: the text names no instant.
    NoTimeZone,
    /// An instant outside the range of `i64` seconds.
    Overflow,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateTimeError::Syntax => "not an xs:dateTime (YYYY-MM-DDThh:mm:ss with an optional fraction and zone)",
            DateTimeError::OutOfRange => "a date or time field out of range",
            DateTimeError::NoTimeZone => "no time zone, so no instant",
            DateTimeError::Overflow => "an instant out of range",
        })
    }
}

impl std::error::Error for DateTimeError {}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
///
/// ```
/// use iso19770_core::datetime::days_from_civil;
///
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2000, 3, 1), 11_017);
/// ```
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    // Count years from March, so that the leap day ends the year.
    let (y, m) = if month <= 2 { (year - 1, i64::from(month) + 9) } else { (year, i64::from(month) - 3) };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let day_of_year = (153 * m + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day; proleptic Gregorian) of a count of days from 1970-01-01.
///
/// ```
/// use iso19770_core::datetime::civil_from_days;
///
/// assert_eq!(civil_from_days(11_016), (2000, 2, 29));
/// assert_eq!(civil_from_days(-1), (1969, 12, 31));
/// ```
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // day 1..=31, month 1..=12
    (year, month as u8, day as u8)
}

fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days of a month of a year (proleptic Gregorian).
pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads exactly `n` ASCII digits.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    let d = s.get(..n)?;
    d.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

impl DateTime {
    /// A date-time with this text (not checked: see [`DateTime::parse`]).
    pub fn new(text: impl Into<String>) -> Self {
        DateTime(text.into())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The UTC date-time of a count of Unix seconds, as `YYYY-MM-DDThh:mm:ssZ`.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400);
        let secs = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
        let year = if (0..=9999).contains(&year) {
            format!("{year:04}")
        } else if year < 0 {
            format!("-{:04}", year.unsigned_abs())
        } else {
            year.to_string()
        };
        DateTime(format!("{year}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z"))
    }

    /// The parts of the text, checked.
    pub fn parse(&self) -> Result<DateTimeParts, DateTimeError> {
        let s = self.0.as_bytes();
        let (negative, s) = match s.first() {
            Some(b'-') => (true, &s[1..]),
            _ => (false, s),
        };
        let year_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
        if year_len < 4 || (year_len > 4 && s[0] == b'0') {
            return Err(DateTimeError::Syntax);
        }
        let year_text = std::str::from_utf8(&s[..year_len]).map_err(|_| DateTimeError::Syntax)?;
        let year: i64 = year_text.parse().map_err(|_| DateTimeError::Overflow)?;
        let year = if negative { -year } else { year };
        let s = &s[year_len..];
        let field = |s: &[u8], sep: u8| -> Result<u32, DateTimeError> {
            if s.first() != Some(&sep) {
                return Err(DateTimeError::Syntax);
            }
            digits(&s[1..], 2).ok_or(DateTimeError::Syntax)
        };
        let month = field(s, b'-')?;
        let day = field(&s[3..], b'-')?;
        let hour = field(&s[6..], b'T')?;
        let minute = field(&s[9..], b':')?;
        let second = field(&s[12..], b':')?;
        let mut rest = &s[15..];
        let mut nanos = 0u32;
        if rest.first() == Some(&b'.') {
            let n = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if n == 0 {
                return Err(DateTimeError::Syntax);
            }
            for (i, &b) in rest[1..=n].iter().take(9).enumerate() {
                nanos += u32::from(b - b'0') * 10u32.pow(8 - u32::try_from(i).unwrap_or(8));
            }
            rest = &rest[1 + n..];
        }
        let offset_minutes = match rest {
            [] => None,
            [b'Z'] => Some(0),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2], 2).ok_or(DateTimeError::Syntax)?;
                let m = digits(&[*m1, *m2], 2).ok_or(DateTimeError::Syntax)?;
                if h > 14 || m > 59 || (h == 14 && m != 0) {
                    return Err(DateTimeError::OutOfRange);
                }
                #[allow(clippy::cast_possible_wrap)] // at most 840
                let total = (h * 60 + m) as i32;
                Some(if *sign == b'-' { -total } else { total })
            }
            _ => return Err(DateTimeError::Syntax),
        };
        #[allow(clippy::cast_possible_truncation)] // two digits each
        let (month, day, hour, minute, second) = (month as u8, day as u8, hour as u8, minute as u8, second as u8);
        let end_of_day = hour == 24 && minute == 0 && second == 0 && nanos == 0;
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || (hour > 23 && !end_of_day)
            || minute > 59
            || second > 59
        {
            return Err(DateTimeError::OutOfRange);
        }
        Ok(DateTimeParts { year, month, day, hour, minute, second, nanos, offset_minutes })
    }

    /// The instant, to the nanosecond (digits beyond nine are dropped); needs a time zone.
    ///
    /// ```
    /// use iso19770_core::DateTime;
    ///
    /// let i = DateTime::new("1970-01-01T01:00:00.25+01:00").instant()?;
    /// assert_eq!((i.seconds(), i.nanos()), (0, 250_000_000));
    /// # Ok::<(), iso19770_core::datetime::DateTimeError>(())
    /// ```
    pub fn instant(&self) -> Result<crate::timestamp::Instant, DateTimeError> {
        let nanos = self.parse()?.nanos;
        let seconds = self.unix_seconds()?;
        crate::timestamp::Instant::new(seconds, nanos).ok_or(DateTimeError::OutOfRange)
    }

    /// The instant in Unix seconds (a fraction of a second is dropped, rounding down); needs a
    /// time zone.
    pub fn unix_seconds(&self) -> Result<i64, DateTimeError> {
        let p = self.parse()?;
        let offset = p.offset_minutes.ok_or(DateTimeError::NoTimeZone)?;
        if p.year.abs() > 100_000_000_000 {
            return Err(DateTimeError::Overflow);
        }
        let days = days_from_civil(p.year, p.month, p.day);
        let seconds = days
            .checked_mul(86_400)
            .and_then(|d| d.checked_add(i64::from(p.hour) * 3600 + i64::from(p.minute) * 60 + i64::from(p.second)))
            .and_then(|s| s.checked_sub(i64::from(offset) * 60))
            .ok_or(DateTimeError::Overflow)?;
        Ok(seconds)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for DateTime {
    fn from(value: &str) -> Self {
        DateTime::new(value)
    }
}

impl From<String> for DateTime {
    fn from(value: String) -> Self {
        DateTime(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(DateTime::new("1970-01-01T00:00:00Z").unix_seconds(), Ok(0));
        assert_eq!(DateTime::new("2000-02-29T23:59:59Z").unix_seconds(), Ok(951_868_799));
        assert_eq!(DateTime::new("1969-12-31T23:59:59Z").unix_seconds(), Ok(-1));
        assert_eq!(DateTime::new("2018-01-01T12:13:14.999Z").unix_seconds(), Ok(1_514_808_794));
        assert_eq!(DateTime::new("2018-01-01T00:00:00-05:30").unix_seconds(), Ok(1_514_784_600));
        assert_eq!(
            DateTime::new("2018-01-01T24:00:00Z").unix_seconds(),
            DateTime::new("2018-01-02T00:00:00Z").unix_seconds()
        );
    }

    #[test]
    fn unix_seconds_round_trip_through_text() {
        for s in [0, 1, -1, 86_399, 951_782_400, 1_514_808_794, -62_135_596_800, 253_402_300_799, 4_102_444_800] {
            let d = DateTime::from_unix_seconds(s);
            assert_eq!(d.unix_seconds(), Ok(s), "{d}");
        }
        assert_eq!(DateTime::from_unix_seconds(-62_135_596_801).as_str(), "0000-12-31T23:59:59Z");
    }

    #[test]
    fn malformed_and_out_of_range_texts_are_refused() {
        for bad in [
            "2018-01-01",
            "2018-01-01T12:13",
            "18-01-01T00:00:00Z",
            "2018-01-01T00:00:00+1:00",
            "2018-01-01T00:00:00.Z",
            "02018-01-01T00:00:00Z",
        ] {
            assert_eq!(DateTime::new(bad).parse(), Err(DateTimeError::Syntax), "{bad}");
        }
        for bad in [
            "2018-13-01T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "2018-01-01T24:00:01Z",
            "2018-01-01T00:60:00Z",
            "2018-01-01T00:00:00+15:00",
        ] {
            assert_eq!(DateTime::new(bad).parse(), Err(DateTimeError::OutOfRange), "{bad}");
        }
        assert_eq!(DateTime::new("2018-01-01T00:00:00").unix_seconds(), Err(DateTimeError::NoTimeZone));
        assert_eq!(DateTime::new("2020-02-29T00:00:00").parse().map(|p| p.day), Ok(29));
    }

    #[test]
    fn fractions_keep_nine_digits() {
        let p = DateTime::new("2018-01-01T00:00:00.1234567891Z").parse().expect("valid");
        assert_eq!(p.nanos, 123_456_789);
        assert_eq!(p.offset_minutes, Some(0));
    }
}
