//! The one write path: every change to a stored history (in clear or
//! sealed, protection turned on, off or changed) is read, applied, written
//! only if the stored text is still the one read, and read back. Its native
//! property tests are in `tests.rs`.

use crate::core::document::{Change, Document, DocumentError};
use crate::core::envelope::{Content, Envelope, STORED_PREFIX};
use crate::core::migrate;
use crate::storage::{KeyValue, Parsed, Sealer, StorageError, Store};
use crate::timing::Timing;

impl<B: KeyValue, S: Sealer> Store<B, S> {
    /// Applies `changes` to `profile`'s history and confirms by reading back;
    /// `key` is the key of a protected history (read, decrypt, apply,
    /// encrypt under a fresh IV, write, read back).
    ///
    /// The changes are applied to the document as stored right now, not to
    /// a copy read earlier, so whatever another tab saved meanwhile survives.
    /// A stored document that cannot be read is replaced only once its text
    /// is safely kept under a quarantine key; a newer-schema document is
    /// never written. All or nothing: on any error nothing was written.
    pub async fn update(
        &self,
        profile: &str,
        key: Option<&S::Key>,
        changes: &[Change],
    ) -> Result<Document, StorageError> {
        self.write(profile, key, key, changes).await
    }

    /// Turns protection on (`from` `None`), off (`to` `None`) or changes the
    /// passphrase (both given), in one write of one key: either the new form
    /// is stored and read back, or the old one is left exactly as it was.
    /// A stored history that cannot be read is never rewritten.
    pub async fn reseal(
        &self,
        profile: &str,
        from: Option<&S::Key>,
        to: Option<&S::Key>,
    ) -> Result<Document, StorageError> {
        self.reseal_with(profile, from, to, &[]).await
    }

    /// Applies `changes` to a history stored in clear and turns protection
    /// on with `key` in the same write: what a protected hand-over brings
    /// to an unprotected history is never stored in clear.
    pub async fn update_sealing(
        &self,
        profile: &str,
        key: &S::Key,
        changes: &[Change],
    ) -> Result<Document, StorageError> {
        self.reseal_with(profile, None, Some(key), changes).await
    }

    async fn reseal_with(
        &self,
        profile: &str,
        from: Option<&S::Key>,
        to: Option<&S::Key>,
        changes: &[Change],
    ) -> Result<Document, StorageError> {
        if to.is_some() && !self.quarantined(profile).is_empty() {
            return Err(StorageError::ClearCopies);
        }
        let document = self.write(profile, from, to, changes).await?;
        // The unfinished check follows the history into its new form. Best
        // effort: the history is done; a draft that cannot follow is
        // removed rather than left in clear or under a forgotten key.
        let draft = match from {
            None => self.load_draft(profile),
            Some(key) => self.load_sealed_draft(profile, key).await,
        };
        let moved = match &draft {
            None => Ok(()),
            Some(d) => self.keep_draft(profile, to, d).await,
        };
        if draft.is_none() || moved.is_err() {
            let _ = self.discard_draft(profile);
        }
        Ok(document)
    }

    /// The one write path. Reads the stored history with `read`, applies
    /// `changes`, writes it with `write` (`None`: in clear), reads it back.
    /// Encryption is asynchronous, so the write happens only if the stored
    /// text is still the one read; otherwise the work is redone on the new
    /// text (another tab saved). A plain update in clear keeps unreadable
    /// text under a quarantine key first and then starts a fresh history;
    /// protecting or unprotecting text nobody can read is refused, and
    /// copies nothing.
    async fn write(
        &self,
        profile: &str,
        read: Option<&S::Key>,
        write: Option<&S::Key>,
        changes: &[Change],
    ) -> Result<Document, StorageError> {
        let _timing = Timing::new("update");
        let (key, generation) = (self.document_key(profile), self.generation.get());
        for _ in 0..3 {
            let before = self.get(&key)?;
            let stored = match &before {
                None => Document::default(),
                // A plain update in clear: unreadable text is kept aside,
                // then replaced by a fresh history.
                Some(raw)
                    if read.is_none() && write.is_none() && !raw.starts_with(STORED_PREFIX) =>
                {
                    match self.read_clear(profile, key.clone(), raw.clone()) {
                        Ok(doc) => doc,
                        Err(StorageError::Corrupt {
                            kept_at: Some(_), ..
                        }) => Document::default(),
                        Err(e) => return Err(e),
                    }
                }
                Some(raw) => self.decode(raw, read, Some(&key)).await?,
            };
            let doc = stored.apply(changes).map_err(StorageError::Refused)?;
            let text = match write {
                None => doc.to_json(),
                Some(k) => S::seal(k, Content::Document, doc.to_json().as_bytes())
                    .await
                    .map_err(StorageError::Crypto)?
                    .to_json(),
            };
            if self.get(&key)? != before {
                continue;
            }
            self.set(&key, &text)?;
            return match self.get(&key)? {
                Some(back) if back == text => {
                    if self.generation.get() == generation {
                        self.remember(key, text, &doc, write.cloned());
                    }
                    Ok(doc)
                }
                _ => {
                    // Put back what was there, so a failed check never
                    // leaves a half-known state behind.
                    let _ = match &before {
                        Some(old) => self.set(&key, old),
                        None => self.backend.remove(&key),
                    };
                    Err(StorageError::NotConfirmed)
                }
            };
        }
        Err(StorageError::Busy)
    }

    /// The stored text `raw` as a document: sealed text needs `key`. With
    /// `cached_as`, the text last written or opened under that storage key
    /// is not decrypted and parsed again.
    pub(super) async fn decode(
        &self,
        raw: &str,
        key: Option<&S::Key>,
        cached_as: Option<&str>,
    ) -> Result<Document, StorageError> {
        // The cache answers only for the same text under the same storage
        // key, and for sealed text only to the key that sealed or opened it.
        if let Some(name) = cached_as {
            if let Some(last) = self.last.borrow().as_ref() {
                if last.key == name && last.text == raw && last.sealed_with.as_ref() == key {
                    return Ok(last.doc.clone());
                }
            }
        }
        let plain = match (raw.starts_with(STORED_PREFIX), key) {
            (false, None) => raw.to_string(),
            // Sealed work on a history stored in clear (protection was
            // turned off elsewhere): never sealed again behind the client's back.
            (false, Some(_)) => return Err(StorageError::NotSealed),
            (true, None) => return Err(StorageError::Locked),
            (true, Some(key)) => {
                let envelope = Envelope::from_json(raw, Content::Document).map_err(|e| {
                    StorageError::Corrupt {
                        reason: e.to_string(),
                        kept_at: None,
                    }
                })?;
                let bytes = S::open(key, &envelope)
                    .await
                    .map_err(StorageError::Crypto)?;
                String::from_utf8(bytes).map_err(|e| StorageError::Corrupt {
                    reason: e.to_string(),
                    kept_at: None,
                })?
            }
        };
        let doc = migrate::read(&plain).map_err(|e| match e {
            DocumentError::NewerSchema { found } => StorageError::NewerSchema { found },
            other => StorageError::Corrupt {
                reason: other.to_string(),
                kept_at: None,
            },
        })?;
        Ok(doc)
    }

    pub(super) fn remember(
        &self,
        key: String,
        text: String,
        doc: &Document,
        sealed_with: Option<S::Key>,
    ) {
        *self.last.borrow_mut() = Some(Parsed {
            key,
            text,
            doc: doc.clone(),
            sealed_with,
        });
    }
}
