//! Making a hand-over link: the key it is sealed with (as
//! [`Sealing::decide`] chose) and the most of the newest sessions that fit
//! one QR code.

use super::deflate;
use crate::core::document::Document;
use crate::core::errors::{CryptoError, StorageError};
use crate::core::handover::{encode, link, one_time_code, Frame, Opener, QR_BYTES};
use crate::crypto::{self, SealKey};
use crate::storage::Store;
use crate::ui::state::{Notice, Sealing};

/// The link carrying the newest `sessions` sessions, sealed with `key`
/// (opened on the phone by `opener`).
async fn make_link(
    doc: &Document,
    profile: &str,
    sessions: usize,
    key: &SealKey,
    opener: Opener,
    base: &str,
) -> Result<String, String> {
    let deflated = deflate(&encode(doc, profile, sessions))
        .await
        .map_err(|e| e.to_string())?;
    let sealed = crypto::seal(key, opener.content(), &deflated)
        .await
        .map_err(|e| e.to_string())?;
    let frame = Frame {
        opener,
        kdf: sealed.kdf,
        iv: sealed.iv,
        data: sealed.data,
    };
    Ok(link(base, &frame.to_fragment()))
}

/// A fresh one-time code and its key.
async fn one_time_key() -> Result<(String, SealKey), CryptoError> {
    let bytes = crypto::random(8)?;
    let entropy = bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
    let code = one_time_code(entropy);
    let key = fresh_key(&code).await?;
    Ok((code, key))
}

/// A key for `secret` with a fresh salt: every link is sealed anew.
async fn fresh_key(secret: &str) -> Result<SealKey, CryptoError> {
    crypto::derive(secret, crypto::new_kdf()?).await
}

/// The key a hand-over is sealed with, as `sealing` decided, and the
/// one-time code to show beside the QR code, if it is one; a passphrase is
/// checked against the stored history (`stored_as`) first.
pub(super) async fn seal_key(
    sealing: Sealing,
    store: &Store,
    stored_as: &str,
) -> Result<(SealKey, Option<String>), Notice> {
    let failed = |e| Notice::ProtectionFailed(StorageError::Crypto(e));
    match sealing {
        Sealing::Secret(secret) => Ok((fresh_key(secret.reveal()).await.map_err(failed)?, None)),
        Sealing::OneTime => {
            let (code, key) = one_time_key().await.map_err(failed)?;
            Ok((key, Some(code)))
        }
        Sealing::Passphrase(kdf, passphrase) => {
            let checked = async {
                let key = crypto::derive(passphrase.reveal(), kdf)
                    .await
                    .map_err(StorageError::Crypto)?;
                store.open_sealed(stored_as, &key).await?;
                fresh_key(passphrase.reveal())
                    .await
                    .map_err(StorageError::Crypto)
            };
            match checked.await {
                Ok(key) => Ok((key, None)),
                Err(StorageError::Crypto(CryptoError::WrongPassphrase)) => {
                    Err(Notice::WrongPassphrase)
                }
                Err(e) => Err(Notice::ProtectionFailed(e)),
            }
        }
    }
}

/// The link with as many of the newest sessions as fit one QR code (a
/// binary search over them; the goals alone at least), and how many it
/// carries.
pub(super) async fn fitted_link(
    doc: &Document,
    profile: &str,
    key: &SealKey,
    opener: Opener,
    base: &str,
) -> (Result<String, String>, usize) {
    let total = doc.records.len();
    let fits = |link: &Result<String, String>| matches!(link, Ok(l) if l.len() <= QR_BYTES);
    let all = make_link(doc, profile, total, key, opener, base).await;
    if fits(&all) {
        return (all, total);
    }
    let (mut low, mut high) = (0, total);
    let (mut best, mut carried) = (Err("too long".to_string()), 0);
    while low < high {
        let mid = (low + high).div_ceil(2);
        let attempt = make_link(doc, profile, mid, key, opener, base).await;
        if fits(&attempt) {
            (low, best, carried) = (mid, attempt, mid);
        } else {
            high = mid - 1;
        }
    }
    if !fits(&best) {
        best = make_link(doc, profile, 0, key, opener, base).await;
    }
    (best, carried)
}
