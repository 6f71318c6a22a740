//! Where stored text goes: the browser's `localStorage`, or, when this
//! window gives none (blocked, private mode, a sandboxed frame), a map in
//! memory that lasts as long as the page. Everything above works the same
//! on both, so the check has one path whether or not its answers will be
//! kept.

use std::cell::RefCell;
use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage as _};

use crate::core::errors::StorageError;

/// Error names browsers use for a full storage area.
const QUOTA_NAMES: [&str; 2] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];

/// A key-value area a [`super::Store`] writes to: the browser's
/// ([`Backend`]) or, in native tests, one that can fail or change under the
/// store on purpose. Keys of every namespace are listed; callers filter.
pub trait KeyValue: std::fmt::Debug + 'static {
    /// The text under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key` ([`StorageError::QuotaExceeded`] when full).
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key`.
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// Every key.
    fn keys(&self) -> Vec<String>;
    /// Whether what is written here outlives the page.
    fn is_persistent(&self) -> bool;
}

/// The key-value area behind a [`super::Store`] in the browser.
#[derive(Debug)]
pub enum Backend {
    /// The browser's `localStorage`: kept after the page closes.
    Local(web_sys::Storage),
    /// This page's memory: gone when the page closes.
    Memory(RefCell<BTreeMap<String, String>>),
}

impl Backend {
    /// `localStorage` if this window gives it, else memory. Probed first:
    /// gloo's accessors panic when `window.localStorage` throws (sandboxed
    /// frames) or is absent, so they are used only once this succeeded.
    pub fn probe() -> Backend {
        let available = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        if available {
            Backend::Local(LocalStorage::raw())
        } else {
            Backend::Memory(RefCell::new(BTreeMap::new()))
        }
    }
}

impl KeyValue for Backend {
    fn is_persistent(&self) -> bool {
        matches!(self, Backend::Local(_))
    }

    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            Backend::Local(s) => s.get_item(key).map_err(|e| js_error(&e)),
            Backend::Memory(m) => Ok(m.borrow().get(key).cloned()),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            Backend::Local(s) => s.set_item(key, value).map_err(|e| js_error(&e)),
            Backend::Memory(m) => {
                m.borrow_mut().insert(key.to_string(), value.to_string());
                Ok(())
            }
        }
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Backend::Local(s) => s.remove_item(key).map_err(|e| js_error(&e)),
            Backend::Memory(m) => {
                m.borrow_mut().remove(key);
                Ok(())
            }
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            Backend::Local(s) => {
                let len = s.length().unwrap_or(0);
                (0..len).filter_map(|i| s.key(i).ok().flatten()).collect()
            }
            Backend::Memory(m) => m.borrow().keys().cloned().collect(),
        }
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
