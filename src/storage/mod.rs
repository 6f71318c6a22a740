//! The only code that touches `localStorage`.
//!
//! Every key starts with the instance's namespace (`alliance-check` unless the
//! embed chooses another), so the host page's own keys are never read,
//! written or cleared. Nothing here panics: storage that is missing, blocked,
//! full or corrupt becomes a [`StorageError`] the UI can put into words.

mod backend;
mod drafts;
// Native only: proptest is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod vaults;

pub use backend::{Backend, KeyValue};
pub use vaults::is_wrong_secret;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::document::{Change, Document, DocumentError};
use crate::core::envelope::{Content, Envelope, Kdf, STORED_PREFIX};
use crate::core::hash::fingerprint;
use crate::core::migrate;
use crate::core::time::Timestamp;
use crate::crypto::{self, SealKey};
use crate::timing::Timing;

pub use crate::core::errors::{CryptoError, StorageError};

/// Access to one namespace of `localStorage` (or of this page's memory,
/// where the browser gives no storage).
///
/// The key-value area is a type parameter (the browser's by default), so
/// native tests can run the same write algorithm over one that fails or
/// changes on purpose, and the browser build pays nothing for it.
#[derive(Debug)]
pub struct Store<B: KeyValue = Backend> {
    namespace: String,
    backend: Rc<B>,
    /// The last document text read or written, with its parsed form: when
    /// the stored text is unchanged (no other tab wrote), it is not parsed
    /// again. The text is always read and compared, so the cache can never
    /// hide another tab's save.
    last: Rc<RefCell<Option<Parsed>>>,
    /// Counts draft writes and removals: a sealed draft finishes encrypting
    /// later, and is written only if nothing newer was asked meanwhile.
    draft_seq: Rc<Cell<u64>>,
    /// Raised by [`Store::forget`]: slow work that started before it does
    /// not put what it decrypted back into the cache.
    generation: Rc<Cell<u64>>,
}

#[derive(Debug)]
struct Parsed {
    key: String,
    text: String,
    doc: Document,
    /// The key that decrypted or encrypted `text` (`None`: clear text).
    sealed_with: Option<SealKey>,
}

impl<B: KeyValue> Clone for Store<B> {
    fn clone(&self) -> Self {
        Store {
            namespace: self.namespace.clone(),
            backend: self.backend.clone(),
            last: self.last.clone(),
            draft_seq: self.draft_seq.clone(),
            generation: self.generation.clone(),
        }
    }
}

impl<B: KeyValue> PartialEq for Store<B> {
    fn eq(&self, other: &Store<B>) -> bool {
        self.namespace == other.namespace && Rc::ptr_eq(&self.backend, &other.backend)
    }
}

impl Store {
    /// Opens storage under `namespace`: `localStorage` where this window
    /// gives it, else this page's memory.
    pub fn open(namespace: &str) -> Store {
        Store::over(namespace, Rc::new(Backend::probe()))
    }
}

impl<B: KeyValue> Store<B> {
    /// Storage under `namespace` in any key-value area (native tests use
    /// one that fails or changes on purpose).
    pub fn over(namespace: &str, backend: Rc<B>) -> Store<B> {
        Store {
            namespace: namespace.to_string(),
            backend,
            last: Rc::new(RefCell::new(None)),
            draft_seq: Rc::new(Cell::new(0)),
            generation: Rc::new(Cell::new(0)),
        }
    }

    /// Whether anything saved will outlive this page.
    pub fn is_persistent(&self) -> bool {
        self.backend.is_persistent()
    }

    /// The key holding `profile`'s document.
    pub fn document_key(&self, profile: &str) -> String {
        format!("{}:doc:{profile}", self.namespace)
    }

    fn quarantine_key(&self, profile: &str, raw: &str) -> String {
        format!(
            "{}:quarantine:{profile}:{}",
            self.namespace,
            fingerprint(raw)
        )
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.backend.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.backend.set(key, value)
    }

    /// Whether `profile`'s history is stored sealed (passphrase-protected).
    pub fn is_sealed(&self, profile: &str) -> bool {
        matches!(self.get(&self.document_key(profile)), Ok(Some(raw)) if raw.starts_with(STORED_PREFIX))
    }

    /// Reads `profile`'s history; an empty one if nothing is stored yet,
    /// [`StorageError::Locked`] if it is sealed.
    ///
    /// Text that cannot be read is copied to a quarantine key (once per
    /// distinct text) and left in place; it is never overwritten here.
    pub fn load(&self, profile: &str) -> Result<Document, StorageError> {
        let _timing = Timing::new("load");
        let key = self.document_key(profile);
        let Some(raw) = self.get(&key)? else {
            return Ok(Document::default());
        };
        // Checked before the cache, so a history opened with a passphrase
        // is never handed out without one.
        if raw.starts_with(STORED_PREFIX) {
            return Err(StorageError::Locked);
        }
        self.read_clear(profile, key, raw)
    }

    /// Clear stored text as a document, from the cache when it is the text
    /// last read or written. Unreadable text is copied to a quarantine key
    /// (once per distinct text) and left in place.
    fn read_clear(
        &self,
        profile: &str,
        key: String,
        raw: String,
    ) -> Result<Document, StorageError> {
        if let Some(last) = self.last.borrow().as_ref() {
            if last.key == key && last.text == raw && last.sealed_with.is_none() {
                return Ok(last.doc.clone());
            }
        }
        match migrate::read(&raw) {
            Ok(doc) => {
                self.remember(key, raw, &doc, None);
                Ok(doc)
            }
            Err(DocumentError::NewerSchema { found }) => Err(StorageError::NewerSchema { found }),
            Err(e) => Err(self.quarantine(profile, &raw, e)),
        }
    }

    fn quarantine(&self, profile: &str, raw: &str, why: DocumentError) -> StorageError {
        let key = self.quarantine_key(profile, raw);
        let kept = match self.get(&key) {
            Ok(Some(existing)) if existing == raw => true,
            _ => {
                self.set(&key, raw).is_ok() && self.get(&key).ok().flatten().as_deref() == Some(raw)
            }
        };
        StorageError::Corrupt {
            reason: why.to_string(),
            kept_at: kept.then_some(key),
        }
    }

    /// The key derivation parameters of `profile`'s sealed history.
    pub fn sealed_kdf(&self, profile: &str) -> Result<Kdf, StorageError> {
        let raw = self
            .get(&self.document_key(profile))?
            .ok_or(StorageError::Crypto(CryptoError::WrongPassphrase))?;
        Envelope::from_json(&raw, Content::Document)
            .map(|e| e.kdf)
            .map_err(|e| StorageError::Corrupt {
                reason: e.to_string(),
                kept_at: None,
            })
    }

    /// Opens `profile`'s sealed history with `key`, always decrypting (never
    /// from the cache), so a wrong passphrase can never be accepted.
    pub async fn open_sealed(
        &self,
        profile: &str,
        key: &SealKey,
    ) -> Result<Document, StorageError> {
        let Some(raw) = self.get(&self.document_key(profile))? else {
            return Err(StorageError::Crypto(CryptoError::WrongPassphrase));
        };
        if !raw.starts_with(STORED_PREFIX) {
            return Err(StorageError::NotSealed);
        }
        let (key_name, generation) = (self.document_key(profile), self.generation.get());
        let doc = self.decode(&raw, Some(key), None).await?;
        if self.generation.get() == generation {
            self.remember(key_name, raw, &doc, Some(key.clone()));
        }
        Ok(doc)
    }

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
        key: Option<&SealKey>,
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
        from: Option<&SealKey>,
        to: Option<&SealKey>,
    ) -> Result<Document, StorageError> {
        self.reseal_with(profile, from, to, &[]).await
    }

    /// Applies `changes` to a history stored in clear and turns protection
    /// on with `key` in the same write: what a protected hand-over brings
    /// to an unprotected history is never stored in clear.
    pub async fn update_sealing(
        &self,
        profile: &str,
        key: &SealKey,
        changes: &[Change],
    ) -> Result<Document, StorageError> {
        self.reseal_with(profile, None, Some(key), changes).await
    }

    async fn reseal_with(
        &self,
        profile: &str,
        from: Option<&SealKey>,
        to: Option<&SealKey>,
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
        read: Option<&SealKey>,
        write: Option<&SealKey>,
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
                Some(k) => crypto::seal(k, Content::Document, doc.to_json().as_bytes())
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
    async fn decode(
        &self,
        raw: &str,
        key: Option<&SealKey>,
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
                let bytes = crypto::open(key, &envelope)
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

    fn remember(&self, key: String, text: String, doc: &Document, sealed_with: Option<SealKey>) {
        *self.last.borrow_mut() = Some(Parsed {
            key,
            text,
            doc: doc.clone(),
            sealed_with,
        });
    }

    /// Where nothing outlives the page: forgets `profile`'s history and
    /// unfinished check, so a profile closed on a shared screen cannot be
    /// opened again by the next person. Stored histories are untouched.
    pub fn forget_unkept(&self, profile: &str) {
        if !self.is_persistent() {
            let _ = self.backend.remove(&self.document_key(profile));
            let _ = self.discard_draft(profile);
            *self.last.borrow_mut() = None;
        }
    }

    /// Drops the parsed history kept in memory (a protected profile was
    /// closed or locked: its clear form must not linger).
    pub fn forget(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        *self.last.borrow_mut() = None;
    }

    /// The language the client chose by hand in this namespace (a tag as
    /// the menu gives it), if any.
    pub fn language(&self) -> Option<String> {
        self.get(&self.language_key()).ok().flatten()
    }

    /// Remembers the language chosen by hand, for the next visit; best
    /// effort (a full or missing storage only means it is asked again).
    pub fn set_language(&self, tag: &str) {
        if self.language().as_deref() != Some(tag) {
            let _ = self.backend.set(&self.language_key(), tag);
        }
    }

    fn language_key(&self) -> String {
        format!("{}:lang", self.namespace)
    }

    /// Whether the client last chose to see the summary after saving, in
    /// `profile` (a preference kept beside the history, not in it, so a
    /// document stays readable by earlier versions).
    pub fn summary_choice(&self, profile: &str) -> Option<bool> {
        match self
            .get(&self.summary_key(profile))
            .ok()
            .flatten()?
            .as_str()
        {
            "show" => Some(true),
            "later" => Some(false),
            _ => None,
        }
    }

    /// Remembers the client's choice about the summary; best effort.
    pub fn set_summary_choice(&self, profile: &str, show: bool) {
        let word = if show { "show" } else { "later" };
        let _ = self.backend.set(&self.summary_key(profile), word);
    }

    fn summary_key(&self, profile: &str) -> String {
        format!("{}:summary:{profile}", self.namespace)
    }

    /// When the client last put aside the card about keeping the history
    /// safe, in `profile`.
    pub fn nudge_put_aside(&self, profile: &str) -> Option<Timestamp> {
        let text = self.get(&self.nudge_key(profile)).ok().flatten()?;
        Timestamp::from_millis(text.parse().ok()?)
    }

    /// Remembers that the client put the card aside; best effort.
    pub fn put_nudge_aside(&self, profile: &str, at: Timestamp) {
        let _ = self
            .backend
            .set(&self.nudge_key(profile), &at.millis().to_string());
    }

    fn nudge_key(&self, profile: &str) -> String {
        format!("{}:nudge:{profile}", self.namespace)
    }

    /// The profiles with a history in this namespace, sorted.
    pub fn profiles(&self) -> Vec<String> {
        let prefix = format!("{}:doc:", self.namespace);
        let mut found: Vec<String> = self
            .keys()
            .into_iter()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        found.sort();
        found
    }

    /// Whether `profile` has a history (or an unfinished check) here.
    pub fn has_profile(&self, profile: &str) -> bool {
        matches!(self.get(&self.document_key(profile)), Ok(Some(_)))
            || matches!(self.get(&self.draft_key(profile)), Ok(Some(_)))
    }

    fn keys(&self) -> Vec<String> {
        self.backend.keys()
    }

    /// The text kept under a quarantine key of this namespace (so the client
    /// can download it); `None` for any other key.
    pub fn read_quarantine(&self, key: &str) -> Option<String> {
        let prefix = format!("{}:quarantine:", self.namespace);
        if !key.starts_with(&prefix) {
            return None;
        }
        self.get(key).ok().flatten()
    }

    /// Calls `on_change` whenever another tab changes `profile`'s history.
    /// The returned guard stops listening when dropped.
    pub fn watch(&self, profile: &str, on_change: impl Fn() + 'static) -> Option<StorageWatch> {
        let window = web_sys::window()?;
        let key = self.document_key(profile);
        let callback =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
                // A null key means the other tab cleared storage altogether.
                if e.key().is_none_or(|k| k == key) {
                    on_change();
                }
            });
        window
            .add_event_listener_with_callback("storage", callback.as_ref().unchecked_ref())
            .ok()?;
        Some(StorageWatch { window, callback })
    }

    /// Removes a quarantine copy (the client downloaded it, or does not
    /// want it kept in clear); any other key is refused.
    pub fn remove_quarantine(&self, key: &str) -> Result<(), StorageError> {
        let prefix = format!("{}:quarantine:", self.namespace);
        if !key.starts_with(&prefix) {
            return Err(StorageError::Other("not a quarantine key".into()));
        }
        self.backend.remove(key)
    }

    /// Keys of quarantined copies for `profile`.
    pub fn quarantined(&self, profile: &str) -> Vec<String> {
        let prefix = format!("{}:quarantine:{profile}:", self.namespace);
        self.keys()
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect()
    }
}

/// Listens to the `storage` event until dropped.
pub struct StorageWatch {
    window: web_sys::Window,
    callback: Closure<dyn Fn(web_sys::StorageEvent)>,
}

impl Drop for StorageWatch {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("storage", self.callback.as_ref().unchecked_ref());
    }
}
