//! A rating on a 0.0–10.0 visual-analogue scale in steps of 0.1.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A rating from 0.0 to 10.0 in steps of 0.1.
///
/// Held as whole tenths so that comparison and differences are exact; written
/// to JSON as a decimal number (`7.4`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rating(u8);

/// Why a value is not a valid rating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatingError {
    /// Below 0.0 or above 10.0.
    OutOfRange(String),
    /// Finer than one decimal place, e.g. `7.45`.
    TooPrecise(String),
    /// Not a number at all.
    NotANumber(String),
}

impl fmt::Display for RatingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RatingError::OutOfRange(v) => write!(f, "{v} is outside 0 to 10"),
            RatingError::TooPrecise(v) => write!(f, "{v} has more than one decimal place"),
            RatingError::NotANumber(v) => write!(f, "{v:?} is not a number"),
        }
    }
}

impl std::error::Error for RatingError {}

impl Rating {
    /// The lowest rating, 0.0.
    pub const MIN: Rating = Rating(0);
    /// The highest rating, 10.0.
    pub const MAX: Rating = Rating(100);

    /// A rating from whole tenths, capped at 10.0 (74 is 7.4; 120 is 10.0).
    pub const fn clamped(tenths: u8) -> Rating {
        if tenths > Self::MAX.0 {
            Self::MAX
        } else {
            Rating(tenths)
        }
    }

    /// A rating from whole tenths (74 is 7.4).
    pub fn from_tenths(tenths: u8) -> Result<Rating, RatingError> {
        if tenths <= Self::MAX.0 {
            Ok(Rating(tenths))
        } else {
            Err(RatingError::OutOfRange(format!(
                "{}.{}",
                tenths / 10,
                tenths % 10
            )))
        }
    }

    /// A rating from a decimal number; it must lie in 0–10 with at most one
    /// decimal place.
    pub fn from_f64(value: f64) -> Result<Rating, RatingError> {
        if !value.is_finite() {
            return Err(RatingError::NotANumber(value.to_string()));
        }
        let tenths = (value * 10.0).round();
        if (value * 10.0 - tenths).abs() > 1e-6 {
            return Err(RatingError::TooPrecise(value.to_string()));
        }
        if !(0.0..=100.0).contains(&tenths) {
            return Err(RatingError::OutOfRange(value.to_string()));
        }
        Ok(Rating(tenths as u8))
    }

    /// Parses what a person or a form control typed: `7.4`, `7,4`, `7`,
    /// `.5`, `10.0`. Done in whole numbers, without a float parser (whose
    /// tables would cost the WebAssembly 14 KiB gzip for this one field).
    pub fn parse(text: &str) -> Result<Rating, RatingError> {
        let t = text.trim();
        let not_a_number = || RatingError::NotANumber(text.to_string());
        let (negative, unsigned) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return Err(not_a_number());
        }
        let whole = whole.trim_start_matches('0');
        let mut fraction = fraction.bytes();
        let tenth = fraction.next().map_or(0, |b| u32::from(b - b'0'));
        if fraction.any(|b| b != b'0') {
            return Err(RatingError::TooPrecise(t.to_string()));
        }
        let tenths = match whole.len() {
            0 => tenth,
            1 | 2 => whole.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')) * 10 + tenth,
            _ => u32::MAX,
        };
        if negative && tenths > 0 || tenths > 100 {
            return Err(RatingError::OutOfRange(t.to_string()));
        }
        Ok(Rating(tenths as u8))
    }

    /// The rating in whole tenths (7.4 is 74).
    pub fn tenths(self) -> u8 {
        self.0
    }

    /// The rating as a decimal number.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

impl fmt::Display for Rating {
    /// Always one decimal place: `7.0`, `7.4`, `10.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Rating::from_f64(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dot_and_comma_and_integers() {
        assert_eq!(Rating::parse("7.4").unwrap().tenths(), 74);
        assert_eq!(Rating::parse(" 7,4 ").unwrap().tenths(), 74);
        assert_eq!(Rating::parse("10").unwrap(), Rating::MAX);
        assert_eq!(Rating::parse("0").unwrap(), Rating::MIN);
        assert_eq!(Rating::parse(".5").unwrap().tenths(), 5);
        assert_eq!(Rating::parse("07.40").unwrap().tenths(), 74);
        assert_eq!(Rating::parse("-0").unwrap(), Rating::MIN);
        for bad in ["", ".", "7.4.1", "1e1", "7 4", "inf", "0x7"] {
            assert!(
                matches!(Rating::parse(bad), Err(RatingError::NotANumber(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Rating::parse("123"),
            Err(RatingError::OutOfRange(_))
        ));
    }

    #[test]
    fn rejects_out_of_range_and_too_precise() {
        assert!(matches!(
            Rating::parse("10.1"),
            Err(RatingError::OutOfRange(_))
        ));
        assert!(matches!(
            Rating::parse("-0.1"),
            Err(RatingError::OutOfRange(_))
        ));
        assert!(matches!(
            Rating::parse("7.45"),
            Err(RatingError::TooPrecise(_))
        ));
        assert!(matches!(
            Rating::parse("seven"),
            Err(RatingError::NotANumber(_))
        ));
        assert!(matches!(
            Rating::from_f64(f64::NAN),
            Err(RatingError::NotANumber(_))
        ));
        assert!(Rating::from_tenths(101).is_err());
    }

    #[test]
    fn displays_one_decimal_place() {
        assert_eq!(Rating::from_tenths(70).unwrap().to_string(), "7.0");
        assert_eq!(Rating::from_tenths(5).unwrap().to_string(), "0.5");
        assert_eq!(Rating::MAX.to_string(), "10.0");
    }

    #[test]
    fn json_is_a_plain_decimal_and_validated_on_read() {
        let r = Rating::from_tenths(74).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "7.4");
        assert_eq!(serde_json::from_str::<Rating>("7.4").unwrap(), r);
        assert!(serde_json::from_str::<Rating>("11").is_err());
        assert!(serde_json::from_str::<Rating>("\"7.4\"").is_err());
    }
}
