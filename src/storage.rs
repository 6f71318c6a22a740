//! The only code that touches `localStorage`.
//!
//! Every key starts with the instance's namespace (`alliance-check` unless the
//! embed chooses another), so the host page's own keys are never read,
//! written or cleared. Nothing here panics: storage that is missing, blocked,
//! full or corrupt becomes a [`StorageError`] the UI can put into words.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::document::{fingerprint, Change, ChangeError, Document, DocumentError};
use crate::core::draft::Draft;
use crate::core::envelope::{Content, Envelope, Kdf, STORED_PREFIX};
use crate::crypto::{self, CryptoError, SealKey};
use crate::timing::Timing;

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

/// Access to one namespace of `localStorage`.
#[derive(Clone, Debug)]
pub struct Store {
    namespace: String,
    available: bool,
    /// The last document text read or written, with its parsed form: when
    /// the stored text is unchanged (no other tab wrote), it is not parsed
    /// again. The text is always read and compared, so the cache can never
    /// hide another tab's save.
    last: Rc<RefCell<Option<Parsed>>>,
    /// Counts draft writes and removals: a sealed draft finishes encrypting
    /// later, and is written only if nothing newer was asked meanwhile.
    draft_seq: Rc<std::cell::Cell<u64>>,
    /// Raised by [`Store::forget`]: slow work that started before it does
    /// not put what it decrypted back into the cache.
    generation: Rc<std::cell::Cell<u64>>,
}

#[derive(Debug)]
struct Parsed {
    key: String,
    text: String,
    doc: Document,
    /// The key that decrypted or encrypted `text` (`None`: clear text).
    sealed_with: Option<SealKey>,
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        self.namespace == other.namespace && self.available == other.available
    }
}

/// Error names browsers use for a full storage area.
const QUOTA_NAMES: [&str; 2] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];

impl Store {
    /// Opens storage under `namespace`, probing first: gloo's accessors panic
    /// when `window.localStorage` throws (sandboxed frames) or is absent, so
    /// they are only used once this probe has succeeded.
    pub fn open(namespace: &str) -> Store {
        let available = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        Store {
            namespace: namespace.to_string(),
            available,
            last: Rc::new(RefCell::new(None)),
            draft_seq: Rc::new(std::cell::Cell::new(0)),
            generation: Rc::new(std::cell::Cell::new(0)),
        }
    }

    /// Whether anything saved will outlive this page.
    pub fn is_available(&self) -> bool {
        self.available
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

    fn raw(&self) -> Result<web_sys::Storage, StorageError> {
        if self.available {
            Ok(LocalStorage::raw())
        } else {
            Err(StorageError::Unavailable)
        }
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.raw()?.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.raw()?.set_item(key, value).map_err(|e| js_error(&e))
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
        if let Some(last) = self.last.borrow().as_ref() {
            if last.key == key && last.text == raw {
                return Ok(last.doc.clone());
            }
        }
        match Document::from_json(&raw) {
            Ok(doc) => {
                *self.last.borrow_mut() = Some(Parsed {
                    key,
                    text: raw,
                    doc: doc.clone(),
                    sealed_with: None,
                });
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

    /// Applies `changes` to `profile`'s history and confirms by reading back.
    ///
    /// The changes are applied to the document as stored right now, not to
    /// a copy read earlier, so whatever another tab saved meanwhile survives.
    /// A stored document that cannot be read is replaced only once its text
    /// is safely kept under a quarantine key; a newer-schema document is
    /// never written. All or nothing: on any error nothing was written.
    pub fn update(&self, profile: &str, changes: &[Change]) -> Result<Document, StorageError> {
        let _timing = Timing::new("update");
        let stored = match self.load(profile) {
            Ok(stored) => stored,
            Err(StorageError::Corrupt {
                kept_at: Some(_), ..
            }) => Document::default(),
            Err(e) => return Err(e),
        };
        let doc = stored.apply(changes).map_err(StorageError::Refused)?;
        let key = self.document_key(profile);
        let text = doc.to_json();
        self.set(&key, &text)?;
        match self.get(&key)? {
            Some(back) if back == text => {
                self.remember(key, text, &doc, None);
                Ok(doc)
            }
            _ => Err(StorageError::NotConfirmed),
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

    /// [`Store::update`] for a sealed history: read, decrypt, apply, encrypt
    /// under a fresh IV, write, read back.
    pub async fn update_sealed(
        &self,
        profile: &str,
        key: &SealKey,
        changes: &[Change],
    ) -> Result<Document, StorageError> {
        self.transform(profile, Some(key), Some(key), changes).await
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
        if to.is_some() && !self.quarantined(profile).is_empty() {
            return Err(StorageError::ClearCopies);
        }
        let document = self.transform(profile, from, to, &[]).await?;
        // The unfinished check follows the history into its new form. Best
        // effort: the history is done; a draft that cannot follow is
        // removed rather than left in clear or under a forgotten key.
        let draft = match from {
            None => self.load_draft(profile),
            Some(key) => self.load_sealed_draft(profile, key).await,
        };
        let moved = match (&draft, to) {
            (None, _) => Ok(()),
            (Some(d), None) => self.save_draft(profile, d),
            (Some(d), Some(key)) => self.save_sealed_draft(profile, key, d).await,
        };
        if draft.is_none() || moved.is_err() {
            let _ = self.discard_draft(profile);
        }
        Ok(document)
    }

    /// Reads the stored history with `read`, applies `changes`, writes it
    /// with `write` (`None`: in clear). Encryption is asynchronous, so the
    /// write happens only if the stored text is still the one read;
    /// otherwise the work is redone on the new text (another tab saved).
    async fn transform(
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
                        None => self
                            .raw()
                            .and_then(|s| s.remove_item(&key).map_err(|e| js_error(&e))),
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
        let doc = Document::from_json(&plain).map_err(|e| match e {
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

    /// Drops the parsed history kept in memory (a protected profile was
    /// closed or locked: its clear form must not linger).
    pub fn forget(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        *self.last.borrow_mut() = None;
    }

    fn draft_key(&self, profile: &str) -> String {
        format!("{}:draft:{profile}", self.namespace)
    }

    /// The unfinished check kept for `profile`, if any (an unreadable one is
    /// ignored: it will be replaced by the next change).
    pub fn load_draft(&self, profile: &str) -> Option<Draft> {
        let raw = self.get(&self.draft_key(profile)).ok().flatten()?;
        if raw.starts_with(STORED_PREFIX) {
            return None;
        }
        serde_json::from_str(&raw).ok()
    }

    /// Keeps the unfinished check so it survives a reload; a blank draft
    /// removes the key instead.
    pub fn save_draft(&self, profile: &str, draft: &Draft) -> Result<(), StorageError> {
        if draft.is_blank() {
            return self.discard_draft(profile);
        }
        self.next_draft();
        let text = serde_json::to_string(draft).map_err(|e| StorageError::Other(e.to_string()))?;
        self.set(&self.draft_key(profile), &text)
    }

    /// Keeps a protected profile's unfinished check, sealed with `key`.
    /// Encryption finishes later; if another draft write or removal was
    /// asked meanwhile, this one is dropped, so an older draft never lands
    /// over a newer one (or over a saved check).
    pub async fn save_sealed_draft(
        &self,
        profile: &str,
        key: &SealKey,
        draft: &Draft,
    ) -> Result<(), StorageError> {
        if draft.is_blank() {
            return self.discard_draft(profile);
        }
        let seq = self.next_draft();
        let text = serde_json::to_string(draft).map_err(|e| StorageError::Other(e.to_string()))?;
        let sealed = crypto::seal(key, Content::Draft, text.as_bytes())
            .await
            .map_err(StorageError::Crypto)?;
        if self.draft_seq.get() != seq {
            return Ok(());
        }
        self.set(&self.draft_key(profile), &sealed.to_json())
    }

    /// The sealed unfinished check of `profile`, opened with `key` (`None`
    /// when there is none, or it cannot be opened with this key).
    pub async fn load_sealed_draft(&self, profile: &str, key: &SealKey) -> Option<Draft> {
        let raw = self.get(&self.draft_key(profile)).ok().flatten()?;
        let envelope = Envelope::from_json(&raw, Content::Draft).ok()?;
        let bytes = crypto::open(key, &envelope).await.ok()?;
        // From text, like `load_draft`: one deserializer for drafts in the wasm.
        serde_json::from_str(&String::from_utf8(bytes).ok()?).ok()
    }

    /// Removes `profile`'s draft if it is kept in clear (a sealed one stays).
    pub fn discard_clear_draft(&self, profile: &str) {
        if matches!(self.get(&self.draft_key(profile)), Ok(Some(raw)) if !raw.starts_with(STORED_PREFIX))
        {
            let _ = self.discard_draft(profile);
        }
    }

    /// Forgets the unfinished check of `profile`.
    pub fn discard_draft(&self, profile: &str) -> Result<(), StorageError> {
        self.next_draft();
        self.raw()?
            .remove_item(&self.draft_key(profile))
            .map_err(|e| js_error(&e))
    }

    fn next_draft(&self) -> u64 {
        let seq = self.draft_seq.get().wrapping_add(1);
        self.draft_seq.set(seq);
        seq
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
        let Ok(storage) = self.raw() else {
            return Vec::new();
        };
        let len = storage.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
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
        self.raw()?.remove_item(key).map_err(|e| js_error(&e))
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

fn js_error(value: &wasm_bindgen::JsValue) -> StorageError {
    let name = js_sys::Reflect::get(value, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "an unknown error".into());
    if QUOTA_NAMES.contains(&name.as_str()) {
        StorageError::QuotaExceeded
    } else {
        StorageError::Other(name)
    }
}
