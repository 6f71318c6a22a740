//! What is in this namespace: the profiles, their quarantined copies, and a
//! watch on other tabs' changes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::storage::{KeyValue, Sealer, StorageError, Store};

impl<B: KeyValue, S: Sealer> Store<B, S> {
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

    pub(super) fn keys(&self) -> Vec<String> {
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
