//! Failures of the browser's storage and of passphrase encryption, as plain
//! values. `storage` and `crypto` produce them; the reducer keeps them and
//! the notices put them into words. They live here, below both, so the UI
//! state needs neither module (and no web-sys) to name what went wrong.

use std::fmt;

use super::document::ChangeError;

/// What went wrong with storage, in terms the UI can explain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives no storage here (blocked, private mode, sandboxed
    /// frame): the check works, but nothing is kept after this page closes.
    Unavailable,
    /// The browser refused the write because storage is full.
    QuotaExceeded,
    /// The stored history could not be read. Its text is kept unchanged
    /// under `kept_at` (or in place when even that copy could not be made).
    Corrupt {
        /// Why it could not be read.
        reason: String,
        /// Key of the quarantine copy, if one could be written.
        kept_at: Option<String>,
    },
    /// The stored history was written by a newer version: it is read-only.
    NewerSchema {
        /// The schema version found.
        found: u32,
    },
    /// The write seemed to succeed but reading it back did not return it.
    NotConfirmed,
    /// The change no longer fits the stored history (e.g. another tab
    /// added a third goal meanwhile).
    Refused(ChangeError),
    /// The history is protected by a passphrase and has not been opened.
    Locked,
    /// Encrypting or decrypting failed (wrong passphrase, no WebCrypto).
    Crypto(CryptoError),
    /// Another window kept changing the history while this one tried to
    /// write: nothing was written.
    Busy,
    /// A sealed history was expected, but it is stored in clear (another
    /// window turned protection off).
    NotSealed,
    /// Clear copies of this history (quarantined unreadable text) are kept:
    /// protection is refused until they are removed.
    ClearCopies,
    /// Any other failure the browser reported, by its error name.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => {
                write!(f, "storage is not available in this browser window")
            }
            StorageError::QuotaExceeded => write!(f, "the browser's storage is full"),
            StorageError::Corrupt { reason, .. } => {
                write!(f, "the saved history could not be read: {reason}")
            }
            StorageError::NewerSchema { found } => write!(
                f,
                "the saved history is from a newer version (schema {found})"
            ),
            StorageError::NotConfirmed => write!(f, "the browser did not keep what was saved"),
            StorageError::Refused(e) => write!(f, "the change was refused: {e}"),
            StorageError::Locked => write!(f, "the history is protected by a passphrase"),
            StorageError::Crypto(e) => write!(f, "{e}"),
            StorageError::Busy => write!(f, "another window kept changing the history"),
            StorageError::NotSealed => write!(f, "the history is not protected"),
            StorageError::ClearCopies => {
                write!(
                    f,
                    "an unreadable earlier copy of the history is kept in clear"
                )
            }
            StorageError::Other(name) => write!(f, "the browser reported {name}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// What went wrong with passphrase protection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// This page has no WebCrypto (it needs a secure, `https:` page).
    Unavailable,
    /// The passphrase does not open this text (or the text was altered).
    WrongPassphrase,
    /// Any other failure the browser reported (its error name).
    Failed(String),
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::Unavailable => write!(f, "encryption is not available on this page"),
            CryptoError::WrongPassphrase => write!(f, "the passphrase does not open it"),
            CryptoError::Failed(name) => write!(f, "encryption failed ({name})"),
        }
    }
}

impl std::error::Error for CryptoError {}
