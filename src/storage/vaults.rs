//! Sealed profiles of a shared device: the device's salt, the count of
//! failed attempts, the day each profile was last opened (for a practice's
//! expiry), and moving a profile kept in clear by an earlier version into
//! its sealed form.

use super::{KeyValue, Store};
use crate::core::document::{Change, Document};
use crate::core::envelope::{base64_decode, base64_encode, SALT_BYTES};
use crate::core::errors::{CryptoError, StorageError};
use crate::core::guard::Guard;
use crate::core::profile::{day_of, expired, is_vault_name};
use crate::core::time::Timestamp;
use crate::crypto::{self, SealKey};

impl<B: KeyValue> Store<B> {
    fn salt_key(&self) -> String {
        format!("{}:salt", self.namespace)
    }

    fn guard_key(&self) -> String {
        format!("{}:guard", self.namespace)
    }

    fn seen_key(&self, name: &str) -> String {
        format!("{}:seen:{name}", self.namespace)
    }

    /// This device's random salt (mixed with each code into its profile's
    /// key salt). With `create`, one is made and stored when there is none;
    /// without, `None` then (no profile can exist yet).
    pub fn device_salt(&self, create: bool) -> Result<Option<Vec<u8>>, StorageError> {
        let key = self.salt_key();
        if let Some(salt) = self.get(&key)?.as_deref().and_then(base64_decode) {
            if salt.len() == SALT_BYTES {
                return Ok(Some(salt));
            }
        }
        if !create {
            return Ok(None);
        }
        let salt = crypto::random(SALT_BYTES).map_err(StorageError::Crypto)?;
        self.set(&key, &base64_encode(&salt))?;
        // Read back: two tabs creating at once must agree on one salt.
        match self.get(&key)?.as_deref().and_then(base64_decode) {
            Some(back) if back.len() == SALT_BYTES => Ok(Some(back)),
            _ => Err(StorageError::NotConfirmed),
        }
    }

    /// Failed attempts to open a profile on this device.
    pub fn guard(&self, now: Timestamp) -> Guard {
        match self.get(&self.guard_key()) {
            Ok(Some(text)) => Guard::from_json(&text, now),
            _ => Guard::default(),
        }
    }

    /// Counts one more failed attempt; returns the new count.
    pub fn count_failure(&self, now: Timestamp) -> Guard {
        let guard = self.guard(now).failed(now);
        // Where it cannot be stored it still holds for this page.
        let _ = self.set(&self.guard_key(), &guard.to_json());
        guard
    }

    /// Gives back one counted attempt: it opened a history.
    pub fn forgive(&self, now: Timestamp) {
        let mut guard = self.guard(now);
        guard.failures = guard.failures.saturating_sub(1);
        let _ = self.set(&self.guard_key(), &guard.to_json());
    }

    /// Whether a history is stored under `name` (a sealed profile's name).
    pub fn has_document(&self, name: &str) -> bool {
        matches!(self.get(&self.document_key(name)), Ok(Some(_)))
    }

    /// Notes that the profile `name` was opened today (the day only).
    pub fn touch(&self, name: &str, now: Timestamp) {
        let _ = self.set(&self.seen_key(name), &day_of(now).to_string());
    }

    /// Removes the sealed profiles not opened for more than `days` days,
    /// with their day of last opening; returns how many. A profile with no
    /// day noted (sealed before expiry was turned on) starts counting now.
    pub fn expire(&self, days: u32, now: Timestamp) -> usize {
        let prefix = format!("{}:doc:", self.namespace);
        let names: Vec<String> = self
            .keys()
            .into_iter()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .filter(|name| is_vault_name(name))
            .collect();
        let mut removed = 0;
        for name in names {
            let seen = self
                .get(&self.seen_key(&name))
                .ok()
                .flatten()
                .and_then(|t| t.parse::<i64>().ok());
            match seen {
                Some(seen) if expired(seen, now, days) => {
                    if self.backend.remove(&self.document_key(&name)).is_ok() {
                        let _ = self.backend.remove(&self.seen_key(&name));
                        removed += 1;
                    }
                }
                Some(_) => {}
                None => self.touch(&name, now),
            }
        }
        // Days noted for profiles that are gone (removed elsewhere).
        let seen = format!("{}:seen:", self.namespace);
        for key in self.keys() {
            if let Some(name) = key.strip_prefix(&seen) {
                if !self.has_document(name) {
                    let _ = self.backend.remove(&key);
                }
            }
        }
        removed
    }

    /// Moves the profile `code`, kept in clear by an earlier version, into
    /// the sealed profile `name` (merged by id with what is there): written
    /// sealed and read back first, then the clear history and its draft are
    /// removed. On any error nothing clear was removed.
    pub async fn adopt(
        &self,
        code: &str,
        name: &str,
        key: &SealKey,
    ) -> Result<Document, StorageError> {
        let clear = self.load(code)?;
        let doc = self
            .update(name, Some(key), &[Change::Import(clear)])
            .await?;
        self.backend.remove(&self.document_key(code))?;
        let _ = self.discard_draft(code);
        Ok(doc)
    }

    /// Opens a history sealed by an earlier version under its code alone
    /// (passphrase protection of a shared screen) with `secret`, and moves
    /// it into the sealed profile `name`, opened with `key`.
    pub async fn adopt_sealed(
        &self,
        code: &str,
        secret: &str,
        name: &str,
        key: &SealKey,
    ) -> Result<Document, StorageError> {
        let kdf = self.sealed_kdf(code)?;
        let old = crypto::derive(secret, kdf)
            .await
            .map_err(StorageError::Crypto)?;
        let doc = self.open_sealed(code, &old).await?;
        let merged = self.update(name, Some(key), &[Change::Import(doc)]).await?;
        self.backend.remove(&self.document_key(code))?;
        let _ = self.discard_draft(code);
        Ok(merged)
    }
}

/// Whether an error means only "this secret does not open it".
pub fn is_wrong_secret(e: &StorageError) -> bool {
    matches!(e, StorageError::Crypto(CryptoError::WrongPassphrase))
}
