//! Profile codes: how several clients share one device without names.

use std::fmt;

/// The profile used on a personal device, where no code is asked.
pub const DEFAULT_PROFILE: &str = "default";

/// Why a typed code cannot be a profile code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidCode;

impl fmt::Display for InvalidCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a code is 2 to 24 letters, digits or dashes")
    }
}

impl std::error::Error for InvalidCode {}

/// Normalises what a client typed into a profile code: trimmed, lower case,
/// inner spaces as dashes; 2–24 letters, digits, `-` or `_`. Typing "Blue Fox"
/// and "blue-fox" opens the same profile.
pub fn normalize_code(typed: &str) -> Result<String, InvalidCode> {
    let code: String = typed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase();
    let len = code.chars().count();
    let ok = (2..=24).contains(&len)
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(code)
    } else {
        Err(InvalidCode)
    }
}

/// How a sealed profile of a shared device is named in storage: `s-` and
/// 32 hex digits derived from its code and secret together (see
/// `crypto::profile_id`), so its storage key names neither. A code can never
/// be taken for one: codes are at most 24 characters.
pub fn vault_name(id: &[u8; 16]) -> String {
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!("s-{hex}")
}

/// Whether `name` is the storage name of a sealed shared-device profile.
pub fn is_vault_name(name: &str) -> bool {
    name.len() == 34
        && name.starts_with("s-")
        && name[2..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// The day of `at` as stored for "last opened" (whole days only: the
/// stored trace of a visit says no more than its date).
pub fn day_of(at: crate::time::Timestamp) -> i64 {
    at.millis().div_euclid(DAY_MS) * DAY_MS
}

/// Whether a profile last opened on `seen` (from [`day_of`]) is past an
/// expiry of `days` days at `now`.
pub fn expired(seen: i64, now: crate::time::Timestamp, days: u32) -> bool {
    day_of(now) - seen > i64::from(days) * DAY_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_spaces() {
        assert_eq!(normalize_code("  Blue Fox ").unwrap(), "blue-fox");
        assert_eq!(normalize_code("maría-7").unwrap(), "maría-7");
    }

    #[test]
    fn refuses_short_long_and_separators() {
        for bad in ["", "a", "a:b", "x/y", &"z".repeat(25), "<b>"] {
            assert_eq!(normalize_code(bad), Err(InvalidCode), "{bad}");
        }
    }

    #[test]
    fn vault_names_are_never_codes() {
        let name = vault_name(&[0xab; 16]);
        assert!(is_vault_name(&name), "{name}");
        assert_eq!(name.len(), 34);
        assert!(normalize_code(&name).is_err());
        for not in [
            "s-abc",
            "blue-fox",
            &"s-".repeat(17),
            &format!("s-{}", "AB".repeat(16)),
        ] {
            assert!(!is_vault_name(not), "{not}");
        }
    }

    #[test]
    fn expiry_counts_whole_days() {
        use crate::time::Timestamp;
        let day = |d: i64| Timestamp::clamped(1_800_000_000_000 + d * DAY_MS);
        let seen = day_of(day(0));
        assert!(!expired(seen, day(30), 30));
        assert!(expired(seen, day(31), 30));
    }
}
