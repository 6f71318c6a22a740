//! What belongs to the open profile beside its history: its secret on a
//! shared device, what that device's door asks, and whether the history
//! is protected (with the key, in memory only).

use std::rc::Rc;

use crate::crypto::SealKey;

/// A shared profile's secret, held in memory while the profile is open (the
/// hand-over derives its own key from it) and gone with it. Its `Debug`
/// form shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Rc<str>);

impl Secret {
    /// Holds `secret`.
    pub fn new(secret: String) -> Secret {
        Secret(secret.into())
    }

    /// The secret itself.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// What the code screen of a shared device asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Gate {
    /// A returning client: code and secret.
    #[default]
    Open,
    /// A new profile: a code, and a secret typed twice.
    New,
    /// A profile an earlier version kept in clear under this code: a secret
    /// is chosen to seal it before it opens.
    Seal(String),
}

/// Whether the open profile is protected by a passphrase, and if so
/// whether it is open. The key exists only here, in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Protection {
    /// Stored in clear.
    #[default]
    Off,
    /// Stored sealed; the passphrase has not been given (or was forgotten).
    Locked,
    /// Stored sealed and opened with this key.
    Open(SealKey),
}

impl Protection {
    /// Whether the profile is stored sealed.
    pub fn is_on(&self) -> bool {
        !matches!(self, Protection::Off)
    }

    /// The key, while the profile is open.
    pub fn key(&self) -> Option<&SealKey> {
        match self {
            Protection::Open(key) => Some(key),
            _ => None,
        }
    }
}
