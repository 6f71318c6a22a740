//! The secret that opens a profile on a shared device: a PIN of at least
//! six digits, or a passphrase of at least eight characters. It is never
//! stored; a key is derived from it (see `crypto`). What each kind protects
//! against is said in the README ("Shared screens").

use std::fmt;

/// Fewest digits of a PIN.
pub const MIN_PIN: usize = 6;
/// Fewest characters of a passphrase (anything that is not digits only).
pub const MIN_PASSPHRASE: usize = 8;

/// What kind of secret was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKind {
    /// Digits only.
    Pin,
    /// Anything else.
    Passphrase,
}

/// Why a secret cannot be chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretError {
    /// Digits only, but fewer than [`MIN_PIN`].
    PinTooShort,
    /// A PIN anyone would try first: one digit repeated, or a straight run
    /// ("123456", "987654").
    PinTooEasy,
    /// Not digits only, and fewer than [`MIN_PASSPHRASE`] characters.
    PassphraseTooShort,
    /// The two typed secrets differ.
    Mismatch,
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::PinTooShort => write!(f, "a PIN has at least {MIN_PIN} digits"),
            SecretError::PinTooEasy => write!(f, "this PIN is among the first anyone would try"),
            SecretError::PassphraseTooShort => {
                write!(f, "a passphrase has at least {MIN_PASSPHRASE} characters")
            }
            SecretError::Mismatch => write!(f, "the two secrets are not the same"),
        }
    }
}

impl std::error::Error for SecretError {}

/// Why what was typed at a shared device's door is not tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoorError {
    /// The code is not a profile code.
    Code,
    /// No secret was typed.
    NoSecret,
    /// The new secret cannot be chosen.
    Secret(SecretError),
}

/// Checks what was typed at the door before any key is derived: the code
/// (normalised, see [`crate::profile::normalize_code`]) and the
/// secret; `again` is the confirmation of a new secret (`None` when an
/// existing profile is opened, where any non-empty secret is tried).
/// Returns the normalised code.
pub fn check_door(code: &str, secret: &str, again: Option<&str>) -> Result<String, DoorError> {
    let code = crate::profile::normalize_code(code).map_err(|_| DoorError::Code)?;
    match again {
        None if secret.is_empty() => Err(DoorError::NoSecret),
        None => Ok(code),
        Some(again) => check_new(secret, again)
            .map(|_| code)
            .map_err(DoorError::Secret),
    }
}

/// Checks a new secret and its confirmation. Leading and trailing spaces
/// count as typed (a secret is never trimmed, so it opens exactly as chosen).
pub fn check_new(secret: &str, again: &str) -> Result<SecretKind, SecretError> {
    let kind = kind(secret)?;
    if secret != again {
        return Err(SecretError::Mismatch);
    }
    Ok(kind)
}

/// The kind of `secret`, if it is one that can be chosen.
pub fn kind(secret: &str) -> Result<SecretKind, SecretError> {
    let digits: Vec<u32> = secret.chars().filter_map(|c| c.to_digit(10)).collect();
    let pin = !secret.is_empty() && secret.chars().all(|c| c.is_ascii_digit());
    if pin {
        if digits.len() < MIN_PIN {
            return Err(SecretError::PinTooShort);
        }
        if too_easy(&digits) {
            return Err(SecretError::PinTooEasy);
        }
        Ok(SecretKind::Pin)
    } else if secret.chars().count() < MIN_PASSPHRASE {
        Err(SecretError::PassphraseTooShort)
    } else {
        Ok(SecretKind::Passphrase)
    }
}

/// One digit repeated, or each digit one more (or one less) than the last.
fn too_easy(digits: &[u32]) -> bool {
    let steps: Vec<i64> = digits
        .windows(2)
        .map(|w| i64::from(w[1]) - i64::from(w[0]))
        .collect();
    [0, 1, -1].iter().any(|d| steps.iter().all(|s| s == d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_and_passphrases() {
        assert_eq!(kind("204861"), Ok(SecretKind::Pin));
        assert_eq!(kind("20486"), Err(SecretError::PinTooShort));
        assert_eq!(kind("correct horse"), Ok(SecretKind::Passphrase));
        assert_eq!(kind("short7"), Err(SecretError::PassphraseTooShort));
        assert_eq!(kind(""), Err(SecretError::PassphraseTooShort));
        // Six non-ASCII digits are a (short) passphrase, not a PIN.
        assert_eq!(kind("١٢٣٤٥٦"), Err(SecretError::PassphraseTooShort));
    }

    #[test]
    fn easy_pins_are_refused() {
        for easy in [
            "000000",
            "111111",
            "123456",
            "234567",
            "987654",
            "0123456789",
        ] {
            assert_eq!(kind(easy), Err(SecretError::PinTooEasy), "{easy}");
        }
        assert_eq!(kind("123457"), Ok(SecretKind::Pin));
    }

    #[test]
    fn the_door_checks_code_then_secret() {
        assert_eq!(check_door("Blue Fox", "1", None), Ok("blue-fox".into()));
        assert_eq!(check_door("x", "204861", None), Err(DoorError::Code));
        assert_eq!(check_door("fox", "", None), Err(DoorError::NoSecret));
        assert_eq!(
            check_door("fox", "1", Some("1")),
            Err(DoorError::Secret(SecretError::PinTooShort))
        );
        assert_eq!(
            check_door("fox", "204861", Some("204861")),
            Ok("fox".into())
        );
    }

    #[test]
    fn confirmation_must_match() {
        assert_eq!(check_new("204861", "204861"), Ok(SecretKind::Pin));
        assert_eq!(check_new("204861", "204862"), Err(SecretError::Mismatch));
        // The rules come first: a short secret typed twice is still short.
        assert_eq!(check_new("1234", "1234"), Err(SecretError::PinTooShort));
    }
}
