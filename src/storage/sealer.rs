//! How the store seals and opens a protected history and its draft: a small
//! trait, so the one write path runs natively over sealed text too (its
//! property tests use a sealer that needs no browser, `tests.rs`).

use crate::core::envelope::{Content, Envelope};
use crate::core::errors::CryptoError;
use crate::crypto::{self, SealKey};

/// Seals and opens texts under a key the store is handed (it never derives
/// one itself). Implementations must bind `content` to the sealed text and
/// refuse to open under another key with [`CryptoError::WrongPassphrase`].
#[allow(async_fn_in_trait)] // Single-threaded: no Send bound is wanted.
pub trait Sealer: 'static {
    /// The key, as the UI holds it (in the browser an opaque handle).
    type Key: Clone + PartialEq + std::fmt::Debug;

    /// `plain` sealed under `key` as `content`.
    async fn seal(key: &Self::Key, content: Content, plain: &[u8])
        -> Result<Envelope, CryptoError>;

    /// The plain bytes of `envelope`, if `key` sealed it.
    async fn open(key: &Self::Key, envelope: &Envelope) -> Result<Vec<u8>, CryptoError>;
}

/// The browser's WebCrypto: AES-GCM under a non-extractable key
/// ([`crate::crypto`]).
#[derive(Debug)]
pub struct WebCrypto;

impl Sealer for WebCrypto {
    type Key = SealKey;

    async fn seal(key: &SealKey, content: Content, plain: &[u8]) -> Result<Envelope, CryptoError> {
        crypto::seal(key, content, plain).await
    }

    async fn open(key: &SealKey, envelope: &Envelope) -> Result<Vec<u8>, CryptoError> {
        crypto::open(key, envelope).await
    }
}
