//! UTC timestamps written as ISO 8601 text, without a date-time crate.
//!
//! Records carry the moment they were saved. The text form
//! (`2026-11-21T21:30:05.123Z`) is readable in an export and sorts in time
//! order; the conversion is the days-from-civil algorithm (H. Hinnant).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds since 1970-01-01T00:00:00Z, written as ISO 8601 UTC text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// The earliest and latest instants accepted: years 1970 to 9999.
const MAX_MILLIS: i64 = 253_402_300_799_999;

impl Timestamp {
    /// The last instant accepted (the end of 9999).
    pub const LATEST: Timestamp = Timestamp(MAX_MILLIS);

    /// A timestamp from milliseconds since the Unix epoch; `None` outside the
    /// years 1970–9999.
    pub fn from_millis(millis: i64) -> Option<Timestamp> {
        (0..=MAX_MILLIS)
            .contains(&millis)
            .then_some(Timestamp(millis))
    }

    /// A timestamp from milliseconds since the Unix epoch, moved into the
    /// years 1970–9999 if a clock is far off.
    pub fn clamped(millis: i64) -> Timestamp {
        Timestamp(millis.clamp(0, MAX_MILLIS))
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// The calendar date, `YYYY-MM-DD` (UTC).
    pub fn date(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400_000));
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS.mmmZ` (milliseconds optional).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let part = b.get(from..from + len)?;
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
            })
        };
        let sep = |at: usize, c: u8| b.get(at) == Some(&c);
        if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
            return None;
        }
        let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        let (h, mi, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        let ms = match b.len() {
            20 if sep(19, b'Z') => 0,
            24 if sep(19, b'.') && sep(23, b'Z') => num(20, 3)?,
            _ => return None,
        };
        if !(1..=12).contains(&mo)
            || d < 1
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || s > 59
        {
            return None;
        }
        let days = days_from_civil(y, mo, d);
        Timestamp::from_millis(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms_of_day = self.0.rem_euclid(86_400_000);
        let (h, rest) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
        let (mi, rest) = (rest / 60_000, rest % 60_000);
        let (s, ms) = (rest / 1000, rest % 1000);
        write!(f, "{}T{h:02}:{mi:02}:{s:02}.{ms:03}Z", self.date())
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor over `&str`: no String is allocated per timestamp, which
        // matters when a history of thousands of sessions is read.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UTC time like 2026-11-21T21:30:05.123Z")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                Timestamp::parse(text).ok_or_else(|| {
                    E::custom(format!(
                        "{text:?} is not a UTC time like 2026-11-21T21:30:05.123Z"
                    ))
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        let t = Timestamp::from_millis(0).unwrap();
        assert_eq!(t.to_string(), "1970-01-01T00:00:00.000Z");
        // 2024-02-29T12:34:56.789Z, a leap day.
        let t = Timestamp::from_millis(1_709_210_096_789).unwrap();
        assert_eq!(t.to_string(), "2024-02-29T12:34:56.789Z");
        assert_eq!(t.date(), "2024-02-29");
    }

    #[test]
    fn parse_accepts_with_and_without_millis() {
        assert_eq!(
            Timestamp::parse("2024-02-29T12:34:56.789Z")
                .unwrap()
                .millis(),
            1_709_210_096_789
        );
        assert_eq!(
            Timestamp::parse("2024-02-29T12:34:56Z").unwrap().millis(),
            1_709_210_096_000
        );
    }

    #[test]
    fn parse_rejects_impossible_dates_and_other_shapes() {
        for bad in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00+01:00",
            "2024-01-01",
            "",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn range_is_bounded() {
        assert!(Timestamp::from_millis(-1).is_none());
        assert!(Timestamp::from_millis(MAX_MILLIS + 1).is_none());
        let last = Timestamp::from_millis(MAX_MILLIS).unwrap();
        assert_eq!(last.to_string(), "9999-12-31T23:59:59.999Z");
    }
}
