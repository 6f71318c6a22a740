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

/// The key-value area behind a [`super::Store`].
#[derive(Debug)]
pub(super) enum Backend {
    /// The browser's `localStorage`: kept after the page closes.
    Local(web_sys::Storage),
    /// This page's memory: gone when the page closes.
    Memory(RefCell<BTreeMap<String, String>>),
}

impl Backend {
    /// `localStorage` if this window gives it, else memory. Probed first:
    /// gloo's accessors panic when `window.localStorage` throws (sandboxed
    /// frames) or is absent, so they are used only once this succeeded.
    pub(super) fn probe() -> Backend {
        let available = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .is_some();
        if available {
            Backend::Local(LocalStorage::raw())
        } else {
            Backend::Memory(RefCell::new(BTreeMap::new()))
        }
    }

    /// Whether what is written here outlives the page.
    pub(super) fn is_persistent(&self) -> bool {
        matches!(self, Backend::Local(_))
    }

    pub(super) fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            Backend::Local(s) => s.get_item(key).map_err(|e| js_error(&e)),
            Backend::Memory(m) => Ok(m.borrow().get(key).cloned()),
        }
    }

    pub(super) fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            Backend::Local(s) => s.set_item(key, value).map_err(|e| js_error(&e)),
            Backend::Memory(m) => {
                m.borrow_mut().insert(key.to_string(), value.to_string());
                Ok(())
            }
        }
    }

    pub(super) fn remove(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Backend::Local(s) => s.remove_item(key).map_err(|e| js_error(&e)),
            Backend::Memory(m) => {
                m.borrow_mut().remove(key);
                Ok(())
            }
        }
    }

    /// Every key (of every namespace: callers filter by their prefix).
    pub(super) fn keys(&self) -> Vec<String> {
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
