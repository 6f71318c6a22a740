//! The door of a shared device: a profile opens only with its code and its
//! secret. Both together name the profile in storage (the name is derived
//! from the key, see [`crate::crypto::profile_id`]), so an unknown code and
//! a wrong secret are the same case, answered alike after the same work.
//! Failed attempts are counted for the device and slowed
//! ([`crate::core::guard`]).

use std::rc::Rc;

use super::Effects;
use crate::core::document::Document;
use crate::core::envelope::{Kdf, SALT_BYTES};
use crate::core::errors::StorageError;
use crate::core::profile::vault_name;
use crate::core::time::Timestamp;
use crate::crypto::{self, SealKey};
use crate::storage::{is_wrong_secret, Store};
use crate::ui::now;
use crate::ui::state::{Action, Gate, Notice, Secret};

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
        let password = crypto::profile_password(code, secret);
        let key = crypto::derive(&password, Kdf::new(device)).await?;
        let id = crypto::profile_id(&key).await?;
        Ok((key, vault_name(&id)))
    };
    sealed.await.map_err(StorageError::Crypto)
}

/// The action for a profile opened (or started) with its key; the secret
/// stays in memory with it (for the hand-over's own key).
fn opened(
    store: &Store,
    (code, secret): (String, String),
    name: String,
    key: SealKey,
    doc: Document,
    at: Timestamp,
) -> Action {
    if !doc.records.is_empty() || !doc.goals.is_empty() {
        store.touch(&name, at);
    }
    Action::Vault {
        code,
        name,
        key,
        doc,
        secret: Secret::new(secret),
    }
}

/// What an attempt at the door leads to (one function for the three
/// doors, so the wasm carries their shared steps once):
/// - [`Gate::Open`]: the profile of `code` and `secret`, if there is one
///   (or an earlier version's under the code alone);
/// - [`Gate::New`]: a new profile; with a code and secret that already open
///   one (the same client again), that one opens. It stays counted like a
///   failed attempt unless it opened an existing history, so starting
///   profiles is no way around the wait. Nothing is stored before the first
///   save;
/// - [`Gate::Seal`]: an earlier version's clear profile, sealed with the
///   secret chosen now, then opened.
///
/// An attempt is counted before the key is derived and given back when it
/// opens a history, so attempts running side by side (two tabs) cannot all
/// slip through when a wait ends.
async fn attempt(
    store: Rc<Store>,
    door: Gate,
    code: String,
    secret: String,
    at: Timestamp,
) -> Action {
    let seal = matches!(door, Gate::Seal(_));
    if !seal {
        if let Some(until) = store.guard(at).wait_until(at) {
            return Action::Notify(Notice::NoMatch(Some(until)));
        }
        store.count_failure(at);
    }
    let (key, name) = match derive(&store, &code, &secret, door != Gate::Open).await {
        Ok(found) => found,
        Err(e) => return Action::Notify(Notice::GateFailed(e)),
    };
    let found = if seal {
        Some(store.adopt(&code, &name, &key).await)
    } else if store.has_document(&name) {
        Some(store.open_sealed(&name, &key).await)
    } else if door == Gate::New {
        return opened(&store, (code, secret), name, key, Document::default(), at);
    } else if !store.has_document(&code) {
        None
    } else if !store.is_sealed(&code) {
        // A profile an earlier version kept in clear under its code alone.
        return Action::Gate(Gate::Seal(code));
    } else {
        // One an earlier version's passphrase sealed under its code.
        Some(store.adopt_sealed(&code, &secret, &name, &key).await)
    };
    match found {
        Some(Ok(doc)) => {
            if !seal {
                store.forgive(at);
            }
            opened(&store, (code, secret), name, key, doc, at)
        }
        // Only this key's own history has this name; anything else is no
        // match either.
        Some(Err(e)) if !is_wrong_secret(&e) => Action::Notify(Notice::GateFailed(e)),
        _ => Action::Notify(Notice::NoMatch(store.guard(at).wait_until(at))),
    }
}

impl Effects {
    /// Opens the profile of `code` and `secret`, if there is one.
    pub fn open_with_secret(&self, code: String, secret: String) {
        if !self.state.busy {
            self.run(attempt(self.store.clone(), Gate::Open, code, secret, now()));
        }
    }

    /// Starts a new profile with `code` and `secret` (checked by the form).
    pub fn start_profile(&self, code: String, secret: String) {
        if !self.state.busy {
            self.run(attempt(self.store.clone(), Gate::New, code, secret, now()));
        }
    }

    /// Seals the clear profile of `code` with `secret`, and opens it.
    pub fn seal_profile(&self, code: String, secret: String) {
        if !self.state.busy {
            self.run(attempt(
                self.store.clone(),
                Gate::Seal(String::new()),
                code,
                secret,
                now(),
            ));
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
