//! Passphrase protection: opening a protected history, turning protection
//! on or off, changing the passphrase, and the clear copies that block it.

use std::rc::Rc;

use super::{opened, Effects};
use crate::core::envelope::Kdf;
use crate::core::errors::{CryptoError, StorageError};
use crate::crypto::{self, SealKey};
use crate::storage::Store;
use crate::ui::state::{Action, Notice, ProtectionChange};

/// What the client asked of protection.
#[derive(Clone, Debug, PartialEq)]
pub enum ProtectRequest {
    /// Protect with this new passphrase.
    On(String),
    /// Store in clear again, confirmed with the current passphrase.
    Off(String),
    /// Replace the current passphrase (first) with a new one (second).
    Change(String, String),
}

/// Why protection cannot be offered on this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtectionBlock {
    /// Nothing is stored, so there is nothing to protect.
    NoStorage,
    /// The page has no WebCrypto (not a secure page).
    NoCrypto,
}

/// A failed protection step as the action that reports it.
fn failed(e: StorageError) -> Action {
    match e {
        StorageError::Crypto(CryptoError::WrongPassphrase) => {
            Action::Notify(Notice::WrongPassphrase)
        }
        e => Action::Notify(Notice::ProtectionFailed(e)),
    }
}

/// A new key for `passphrase`, with a fresh salt.
async fn fresh(passphrase: String) -> Result<SealKey, StorageError> {
    let kdf = crypto::new_kdf().map_err(StorageError::Crypto)?;
    crypto::derive(&passphrase, kdf)
        .await
        .map_err(StorageError::Crypto)
}

/// The key for `passphrase`, checked by opening the stored history with it
/// (never from a cache).
async fn verified(
    store: &Store,
    profile: &str,
    kdf: Option<Kdf>,
    passphrase: String,
) -> Result<SealKey, StorageError> {
    let kdf = kdf.ok_or(StorageError::Locked)?;
    let key = crypto::derive(&passphrase, kdf)
        .await
        .map_err(StorageError::Crypto)?;
    store.open_sealed(profile, &key).await?;
    Ok(key)
}

/// Carries out a protection request: derive the key(s), check the current
/// passphrase, then re-encrypt in one write.
async fn protect(
    store: Rc<Store>,
    profile: String,
    current: Option<Kdf>,
    request: ProtectRequest,
) -> Action {
    let result = match request {
        ProtectRequest::On(new) => match fresh(new).await {
            Ok(key) => store
                .reseal(&profile, None, Some(&key))
                .await
                .map(|doc| (Some(key), doc, ProtectionChange::On)),
            Err(e) => Err(e),
        },
        ProtectRequest::Off(old) => match verified(&store, &profile, current, old).await {
            Ok(key) => store
                .reseal(&profile, Some(&key), None)
                .await
                .map(|doc| (None, doc, ProtectionChange::Off)),
            Err(e) => Err(e),
        },
        ProtectRequest::Change(old, new) => {
            match (
                verified(&store, &profile, current, old).await,
                fresh(new).await,
            ) {
                (Ok(old), Ok(new)) => store
                    .reseal(&profile, Some(&old), Some(&new))
                    .await
                    .map(|doc| (Some(new), doc, ProtectionChange::Changed)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
    };
    match result {
        Ok((key, doc, change)) => Action::Protected {
            profile,
            key,
            doc,
            change,
        },
        Err(e) => failed(e),
    }
}

/// Opens a protected history with `passphrase`.
async fn unlock(store: Rc<Store>, profile: String, passphrase: String, shared: bool) -> Action {
    let decrypted = async {
        let kdf = store.sealed_kdf(&profile)?;
        let key = crypto::derive(&passphrase, kdf)
            .await
            .map_err(StorageError::Crypto)?;
        let doc = store.open_sealed(&profile, &key).await?;
        Ok::<_, StorageError>((key, doc))
    };
    match decrypted.await {
        Ok((key, doc)) => {
            // A clear draft another window may have left is not kept.
            store.discard_clear_draft(&profile);
            let draft = store.load_sealed_draft(&profile, &key).await;
            Action::Unlocked { key, doc, draft }
        }
        // Protection was turned off in another window meanwhile: open it
        // as a clear history.
        Err(StorageError::NotSealed) => opened(&store, profile, shared),
        Err(e) => failed(e),
    }
}

impl Effects {
    /// Opens the protected history with `passphrase`.
    pub fn unlock(&self, passphrase: String) {
        let Some(profile) = self.state.stored_as().map(str::to_string) else {
            return;
        };
        let (store, shared) = (self.store.clone(), self.state.setup.shared);
        self.run(unlock(store, profile, passphrase, shared));
    }

    /// Turns protection on or off, or changes the passphrase.
    pub fn protect(&self, request: ProtectRequest) {
        if !cfg!(feature = "protection") {
            return;
        }
        let Some(profile) = self.state.stored_as().map(str::to_string) else {
            return;
        };
        let current = self.state.protection.key().map(|k| k.kdf().clone());
        self.run(protect(self.store.clone(), profile, current, request));
    }

    /// Removes a clear copy of unreadable text (after the client downloaded
    /// it, or chose not to keep it).
    pub fn remove_copy(&self, key: &str) {
        let action = match self.store.remove_quarantine(key) {
            Ok(()) => Action::CopyRemoved(key.to_string()),
            Err(e) => Action::Notify(Notice::ProtectionFailed(e)),
        };
        self.dispatch(action);
    }

    /// Why protection cannot be offered here, if it cannot.
    pub fn protection_block(&self) -> Option<ProtectionBlock> {
        if !self.store.is_persistent() {
            Some(ProtectionBlock::NoStorage)
        } else if !crypto::available() {
            Some(ProtectionBlock::NoCrypto)
        } else {
            None
        }
    }
}
