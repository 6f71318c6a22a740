//! The hand-over to the client's own phone, in the browser: the compact
//! history (`core::handover`) deflated with `CompressionStream`, sealed with
//! a fresh key from the passphrase when the profile is protected, put in a
//! link's fragment and drawn as a QR code; and, on the phone, the same in
//! reverse before the usual preview and merge.

use std::rc::Rc;

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

mod link;

use link::{fitted_link, seal_key};

use super::Effects;
use crate::core::document::Change;
use crate::core::envelope::Envelope;
use crate::core::errors::CryptoError;
use crate::core::export::preview;
use crate::core::handover::{
    decode, read_one_time, Frame, HandoverError, Opener, MAX_INFLATED_BYTES,
};
use crate::core::qr::qr_svg;
use crate::crypto::{self, SealKey};
use crate::ui::state::{Action, Incoming, Notice, Outgoing, Protection, Sealing};

/// A browser stream transform (`CompressionStream` or
/// `DecompressionStream`, deflate-raw) over `bytes`: the readable side.
/// (Reached through `Reflect`: web-sys marks them unstable.)
fn transformed(bytes: &[u8], name: &str) -> Result<JsValue, HandoverError> {
    let fail = |_| HandoverError::Damaged;
    let window = web_sys::window().ok_or(HandoverError::Damaged)?;
    let make: Function = Reflect::get(&window, &name.into())
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| HandoverError::Damaged)?;
    let transform =
        Reflect::construct(&make, &Array::of1(&JsValue::from_str("deflate-raw"))).map_err(fail)?;
    let blob =
        Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).map_err(fail)?;
    let source = blob.stream();
    method(&source, "pipeThrough")?
        .call1(&source, &transform)
        .map_err(fail)
}

fn method(target: &JsValue, name: &str) -> Result<Function, HandoverError> {
    Reflect::get(target, &name.into())
        .map_err(|_| HandoverError::Damaged)?
        .dyn_into()
        .map_err(|_| HandoverError::Damaged)
}

/// Deflates `bytes` (deflate-raw).
async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, HandoverError> {
    let fail = |_| HandoverError::Damaged;
    let stream: web_sys::ReadableStream = transformed(bytes, "CompressionStream")?.unchecked_into();
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).map_err(fail)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(fail)?)
        .await
        .map_err(fail)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Inflates `bytes` (deflate-raw) as a stream, chunk by chunk, and stops
/// at [`MAX_INFLATED_BYTES`]: a small link that would inflate to
/// gigabytes is refused without taking the page's memory. (The browser
/// may inflate one input chunk whole before the first read, so what bounds
/// its own memory is the fragment cap, [`crate::core::handover::MAX_FRAGMENT_CHARS`]:
/// about 3 MB at most. Do not raise that cap without feeding the input in
/// small chunks.)
async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, HandoverError> {
    let fail = |_| HandoverError::Damaged;
    let stream = transformed(bytes, "DecompressionStream")?;
    let reader = method(&stream, "getReader")?.call0(&stream).map_err(fail)?;
    let read = method(&reader, "read")?;
    let mut out = Vec::new();
    loop {
        let promise: js_sys::Promise = read.call0(&reader).map_err(fail)?.unchecked_into();
        let chunk = JsFuture::from(promise).await.map_err(fail)?;
        if Reflect::get(&chunk, &"done".into())
            .map_err(fail)?
            .is_truthy()
        {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| HandoverError::Damaged)?;
        if out.len() + value.length() as usize > MAX_INFLATED_BYTES {
            if let Ok(cancel) = method(&reader, "cancel") {
                let _ = cancel.call0(&reader);
            }
            return Err(HandoverError::TooLarge);
        }
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        value.copy_to(&mut out[start..]);
    }
}

/// Reads a deflated compact history; `key`, the passphrase's key that
/// opened it, is kept to protect the history here the same way.
async fn read_plain(deflated: &[u8], key: Option<SealKey>) -> Action {
    match inflate(deflated)
        .await
        .and_then(|bytes| decode(&bytes, crate::ui::now()))
    {
        Ok(received) => Action::Incoming(Incoming::Preview(Rc::new(received), key)),
        Err(e) => Action::Notify(Notice::HandoverFailed(e)),
    }
}

impl Effects {
    /// Makes the hand-over of the open history: as many of the newest
    /// sessions as fit one QR code, with all goals; sealed with a fresh key
    /// from `passphrase` when the profile is protected (the passphrase is
    /// checked against the stored history first). The link opens the
    /// hand-over address.
    pub fn give(&self, passphrase: Option<String>) {
        if !cfg!(feature = "handover") {
            return;
        }
        let base = self.handover_base();
        let state = &self.state;
        let (doc, store) = (state.doc.clone(), self.store.clone());
        let profile = state.profile.clone().unwrap_or_default();
        let stored_as = state.stored_as().unwrap_or_default().to_string();
        let protected = state.protection.key().map(|k| k.kdf().clone());
        let sealing = Sealing::decide(protected, passphrase, state.secret.as_ref());
        self.run(async move {
            // A protected history on the client's own device needs its
            // passphrase.
            let Some(sealing) = sealing else {
                return Action::Notify(Notice::WrongPassphrase);
            };
            let (key, one_time) = match seal_key(sealing, &store, &stored_as).await {
                Ok(sealed) => sealed,
                Err(notice) => return Action::Notify(notice),
            };
            let opener = if one_time.is_some() {
                Opener::OneTime
            } else {
                Opener::Passphrase
            };
            let total = doc.records.len();
            let (best, carried) = fitted_link(&doc, &profile, &key, opener, &base).await;
            let qr = best.as_ref().ok().and_then(|l| qr_svg(l.as_bytes()));
            match (best, qr) {
                (Ok(link), Some(qr)) => Action::Give(Some(Rc::new(Outgoing {
                    link,
                    qr,
                    carried,
                    total,
                    one_time,
                }))),
                _ => Action::Notify(Notice::HandoverFailed(HandoverError::Invalid(
                    "the goals alone are too long for one code".into(),
                ))),
            }
        });
    }

    /// Puts the code away.
    pub fn close_give(&self) {
        self.dispatch(Action::Give(None));
    }

    /// Reads a hand-over the page was opened with (the fragment, already
    /// taken off the address bar): a sealed one waits for its passphrase.
    pub fn receive(&self, fragment: &str) {
        if !cfg!(feature = "handover") {
            return;
        }
        match Frame::from_fragment(fragment) {
            None => {}
            // A shared device takes in nobody's history: the next person
            // could open it.
            Some(_) if self.state.setup.shared => {
                self.dispatch(Action::Notify(Notice::NotOnShared))
            }
            Some(Err(e)) => self.dispatch(Action::Notify(Notice::HandoverFailed(e))),
            Some(Ok(frame)) => self.dispatch(Action::Incoming(Incoming::Passphrase {
                frame: Rc::new(frame),
                wrong: false,
            })),
        }
    }

    /// Opens the sealed hand-over waiting for its passphrase or one-time
    /// code. The key that a passphrase opens it with is kept, to protect
    /// the history here the same way; a one-time code's is not.
    pub fn open_handover(&self, typed: String) {
        if !cfg!(feature = "handover") {
            return;
        }
        let Incoming::Passphrase { frame, .. } = &self.state.incoming else {
            return;
        };
        if self.state.busy {
            return;
        }
        let frame = frame.clone();
        let secret = match frame.opener {
            Opener::Passphrase => typed,
            // Not a code this widget makes: wrong, without the slow step.
            Opener::OneTime => match read_one_time(&typed) {
                Some(code) => code,
                None => {
                    return self.dispatch(Action::Incoming(Incoming::Passphrase {
                        frame,
                        wrong: true,
                    }))
                }
            },
        };
        self.run(async move {
            let envelope = Envelope {
                content: frame.opener.content(),
                kdf: frame.kdf.clone(),
                iv: frame.iv,
                data: frame.data.clone(),
            };
            let key = match crypto::derive(&secret, frame.kdf.clone()).await {
                Ok(key) => key,
                Err(e) => {
                    return Action::Notify(Notice::HandoverFailed(HandoverError::Invalid(
                        e.to_string(),
                    )))
                }
            };
            match crypto::open(&key, &envelope).await {
                Ok(deflated) => {
                    let keep = (frame.opener == Opener::Passphrase).then_some(key);
                    read_plain(&deflated, keep).await
                }
                Err(CryptoError::WrongPassphrase) => {
                    Action::Incoming(Incoming::Passphrase { frame, wrong: true })
                }
                Err(e) => Action::Notify(Notice::HandoverFailed(HandoverError::Invalid(
                    e.to_string(),
                ))),
            }
        });
    }

    /// Adds the history handed over to this browser: to the open profile,
    /// or, where profiles are opened by code and none is open, to the
    /// profile of the same code. A protected hand-over protects a history
    /// here that was not, with the same passphrase, in the same write. A
    /// history here that is locked must be opened first (the panel says so).
    pub fn accept_handover(&self) {
        let Incoming::Preview(received, key) = &self.state.incoming else {
            return;
        };
        if self.state.busy {
            return;
        }
        let (received, key) = (received.clone(), key.clone());
        let profile = match self.state.stored_as() {
            Some(profile) => profile.to_string(),
            None => {
                // Open the same code here; Add is offered again once it is
                // open (and, if protected here, unlocked).
                self.open(received.profile.clone());
                return;
            }
        };
        let own = match &self.state.protection {
            Protection::Locked => return,
            Protection::Off => None,
            Protection::Open(own) => Some(own.clone()),
        };
        let new = preview(&self.state.doc, &received.doc).new_sessions;
        let store = self.store.clone();
        let changes = vec![Change::Import(received.doc.clone())];
        self.run(async move {
            let (result, sealed) = match (own, key) {
                (Some(own), _) => (store.update(&profile, Some(&own), &changes).await, None),
                (None, Some(key)) => (
                    store.update_sealing(&profile, &key, &changes).await,
                    Some(key),
                ),
                (None, None) => (store.update(&profile, None, &changes).await, None),
            };
            let key = sealed.filter(|_| result.is_ok());
            Action::HandedOver { result, key, new }
        });
    }

    /// Copies the hand-over link (personal mode: from a laptop to a phone
    /// by a message to oneself) and says whether it worked.
    pub fn copy_link(&self, link: String) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&link);
        self.finish(async move {
            let copied = JsFuture::from(promise).await.is_ok();
            Some(Action::Notify(Notice::LinkCopied(copied)))
        });
    }

    /// Leaves the history handed over aside: nothing is added.
    pub fn decline_handover(&self) {
        self.dispatch(Action::DeclineHandover);
    }

    /// Asks the browser to keep this site's storage (not evict it to free
    /// space), and reports whether it agreed; `ask` false only reads it.
    pub fn persist(&self, ask: bool) {
        let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        if !self.store.is_persistent() {
            return;
        }
        let promise = if ask {
            storage.persist()
        } else {
            storage.persisted()
        };
        let Ok(promise) = promise else {
            return;
        };
        self.finish(async move {
            let kept = JsFuture::from(promise).await.ok()?.as_bool()?;
            Some(Action::Persisted(kept))
        });
    }
}
