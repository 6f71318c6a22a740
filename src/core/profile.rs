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
}
