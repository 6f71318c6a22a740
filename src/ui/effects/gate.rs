//! The door of a shared device: a profile opens only with its code and its
//! secret. Both together name the profile in storage (the name is derived
//! from the key, see [`crate::crypto::profile_id`]), so an unknown code and
//! a wrong secret are the same case, answered alike after the same work.
//! Failed attempts are counted for the device and slowed
//! ([`crate::core::guard`]).

use std::rc::Rc;

use super::Effects;
use crate::core::envelope::{Kdf, SALT_BYTES};
use crate::core::errors::StorageError;
use crate::core::profile::vault_name;
use crate::core::time::Timestamp;
use crate::crypto::{self, SealKey};
use crate::storage::{is_wrong_secret, Store};
use crate::ui::now;
use crate::ui::state::{Action, Gate, Notice};

/// The key and storage name for `code` and `secret` on this device. Where
/// the device has no salt yet (no profile was ever started here) a random
/// one does the same work and matches nothing; with `create`, one is made.
async fn derive(
    store: &Store,
    code: &str,
    secret: &str,
    create: bool,
) -> Result<(SealKey, String), StorageError> {
    let device = match store.device_salt(create)? {
        Some(salt) => salt,
        None => crypto::random(SALT_BYTES).map_err(StorageError::Crypto)?,
    };
    let sealed = async {
        let salt = crypto::profile_salt(&device, code).await?;
        let key = crypto::derive(secret, Kdf::new(salt)).await?;
        let id = crypto::profile_id(&key).await?;
        Ok((key, vault_name(&id)))
    };
    sealed.await.map_err(StorageError::Crypto)
}

/// The action for a profile opened (or started) with its key.
fn opened(
    store: &Store,
    code: String,
    name: String,
    key: SealKey,
    doc: crate::core::document::Document,
    at: Timestamp,
) -> Action {
    store.touch(&name, at);
    Action::Vault {
        code,
        name,
        key,
        doc,
    }
}

/// A failed attempt: counted, and answered with the wait it now brings.
fn no_match(store: &Store, at: Timestamp) -> Action {
    let guard = store.count_failure(at);
    Action::Notify(Notice::NoMatch(guard.wait_until(at)))
}

/// What opening `code` with `secret` leads to.
async fn open(store: Rc<Store>, code: String, secret: String, at: Timestamp) -> Action {
    if let Some(until) = store.guard(at).wait_until(at) {
        return Action::Notify(Notice::NoMatch(Some(until)));
    }
    let (key, name) = match derive(&store, &code, &secret, false).await {
        Ok(found) => found,
        Err(e) => return Action::Notify(Notice::GateFailed(e)),
    };
    if store.has_document(&name) {
        match store.open_sealed(&name, &key).await {
            Ok(doc) => return opened(&store, code, name, key, doc, at),
            // Only this key's own history has this name; anything else
            // is no match either.
            Err(e) if is_wrong_secret(&e) => {}
            Err(e) => return Action::Notify(Notice::GateFailed(e)),
        }
    }
    // A profile an earlier version kept under its code alone.
    if store.has_document(&code) {
        if !store.is_sealed(&code) {
            return Action::Gate(Gate::Seal(code));
        }
        match store.adopt_sealed(&code, &secret, &name, &key).await {
            Ok(doc) => return opened(&store, code, name, key, doc, at),
            Err(e) if is_wrong_secret(&e) => {}
            Err(e) => return Action::Notify(Notice::GateFailed(e)),
        }
    }
    no_match(&store, at)
}

/// Starts a new profile: with a code and secret that already open one
/// (the same client again), that one opens. Counted like a failed attempt
/// unless it opened an existing history, so starting profiles is no way
/// around the wait.
async fn create(store: Rc<Store>, code: String, secret: String, at: Timestamp) -> Action {
    if let Some(until) = store.guard(at).wait_until(at) {
        return Action::Notify(Notice::NoMatch(Some(until)));
    }
    let (key, name) = match derive(&store, &code, &secret, true).await {
        Ok(found) => found,
        Err(e) => return Action::Notify(Notice::GateFailed(e)),
    };
    let doc = if store.has_document(&name) {
        match store.open_sealed(&name, &key).await {
            Ok(doc) => doc,
            Err(e) => return Action::Notify(Notice::GateFailed(e)),
        }
    } else {
        store.count_failure(at);
        // Nothing is stored until the first save (a profile started and
        // left empty leaves no trace); its day is noted then, by expiry.
        return Action::Vault {
            code,
            name,
            key,
            doc: Default::default(),
        };
    };
    opened(&store, code, name, key, doc, at)
}

/// Seals a profile an earlier version kept in clear with the secret chosen
/// now, then opens it.
async fn seal(store: Rc<Store>, code: String, secret: String, at: Timestamp) -> Action {
    let (key, name) = match derive(&store, &code, &secret, true).await {
        Ok(found) => found,
        Err(e) => return Action::Notify(Notice::GateFailed(e)),
    };
    match store.adopt(&code, &name, &key).await {
        Ok(doc) => opened(&store, code, name, key, doc, at),
        Err(e) => Action::Notify(Notice::GateFailed(e)),
    }
}

impl Effects {
    /// Opens the profile of `code` and `secret`, if there is one.
    pub fn open_with_secret(&self, code: String, secret: String) {
        if !self.state.busy {
            self.run(open(self.store.clone(), code, secret, now()));
        }
    }

    /// Starts a new profile with `code` and `secret` (checked by the form).
    pub fn start_profile(&self, code: String, secret: String) {
        if !self.state.busy {
            self.run(create(self.store.clone(), code, secret, now()));
        }
    }

    /// Seals the clear profile of `code` with `secret`, and opens it.
    pub fn seal_profile(&self, code: String, secret: String) {
        if !self.state.busy {
            self.run(seal(self.store.clone(), code, secret, now()));
        }
    }

    /// Until when the next attempt to open a profile must wait, if it must.
    pub fn gate_wait(&self) -> Option<Timestamp> {
        let at = now();
        self.store.guard(at).wait_until(at)
    }

    /// Removes the sealed profiles not opened for `days` days.
    pub fn expire_profiles(&self, days: u32) {
        self.store.expire(days, now());
    }
}
