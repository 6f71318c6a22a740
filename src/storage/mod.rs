//! The only code that touches `localStorage`.
//!
//! Every key starts with the instance's namespace (`alliance-check` unless the
//! embed chooses another), so the host page's own keys are never read,
//! written or cleared. Nothing here panics: storage that is missing, blocked,
//! full or corrupt becomes a [`StorageError`] the UI can put into words.
//!
//! Here: the store, reading and the cache. The one write path is in
//! `write.rs`; the draft in `drafts.rs`; a shared device's sealed profiles
//! in `vaults.rs`; choices kept beside the histories in `prefs.rs`; what is
//! in the namespace, and the watch on other tabs, in `listing.rs`; the
//! key-value area and the sealer are traits (`backend.rs`, `sealer.rs`).

mod backend;
mod drafts;
mod listing;
mod prefs;
mod sealer;
// Native only: proptest is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod vaults;
mod write;

pub use backend::{Backend, KeyValue};
pub use listing::StorageWatch;
pub use sealer::{Sealer, WebCrypto};
pub use vaults::is_wrong_secret;

use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::rc::Rc;

use crate::core::document::{Document, DocumentError};
use crate::core::envelope::{Content, Envelope, Kdf, STORED_PREFIX};
use crate::core::hash::fingerprint;
use crate::core::migrate;
use crate::timing::Timing;

pub use crate::core::errors::{CryptoError, StorageError};

/// Access to one namespace of `localStorage` (or of this page's memory,
/// where the browser gives no storage).
///
/// The key-value area and the sealer are type parameters (the browser's
/// `localStorage` and WebCrypto by default), so native tests can run the
/// same write algorithm over an area that fails or changes on purpose and
/// over sealed text, and the browser build pays nothing for it.
#[derive(Debug)]
pub struct Store<B: KeyValue = Backend, S: Sealer = WebCrypto> {
    namespace: String,
    backend: Rc<B>,
    /// The last document text read or written, with its parsed form: when
    /// the stored text is unchanged (no other tab wrote), it is not parsed
    /// again. The text is always read and compared, so the cache can never
    /// hide another tab's save.
    last: Rc<RefCell<Option<Parsed<S::Key>>>>,
    /// Counts draft writes and removals: a sealed draft finishes encrypting
    /// later, and is written only if nothing newer was asked meanwhile.
    draft_seq: Rc<Cell<u64>>,
    /// Raised by [`Store::forget`]: slow work that started before it does
    /// not put what it decrypted back into the cache.
    generation: Rc<Cell<u64>>,
    sealer: PhantomData<S>,
}

#[derive(Debug)]
struct Parsed<K> {
    key: String,
    text: String,
    doc: Document,
    /// The key that decrypted or encrypted `text` (`None`: clear text).
    sealed_with: Option<K>,
}

impl<B: KeyValue, S: Sealer> Clone for Store<B, S> {
    fn clone(&self) -> Self {
        Store {
            namespace: self.namespace.clone(),
            backend: self.backend.clone(),
            last: self.last.clone(),
            draft_seq: self.draft_seq.clone(),
            generation: self.generation.clone(),
            sealer: PhantomData,
        }
    }
}

impl<B: KeyValue, S: Sealer> PartialEq for Store<B, S> {
    fn eq(&self, other: &Store<B, S>) -> bool {
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
    /// Storage under `namespace` in any key-value area, sealed with
    /// WebCrypto (native tests use an area that fails or changes on
    /// purpose).
    pub fn over(namespace: &str, backend: Rc<B>) -> Store<B> {
        Store::sealed_by(namespace, backend)
    }
}

impl<B: KeyValue, S: Sealer> Store<B, S> {
    /// Storage under `namespace` in `backend`, sealed by `S`.
    pub fn sealed_by(namespace: &str, backend: Rc<B>) -> Store<B, S> {
        Store {
            namespace: namespace.to_string(),
            backend,
            last: Rc::new(RefCell::new(None)),
            draft_seq: Rc::new(Cell::new(0)),
            generation: Rc::new(Cell::new(0)),
            sealer: PhantomData,
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
    pub async fn open_sealed(&self, profile: &str, key: &S::Key) -> Result<Document, StorageError> {
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
}
