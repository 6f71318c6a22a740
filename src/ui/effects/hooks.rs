//! The root's hooks that keep storage and the screen in step: the draft
//! kept, other tabs followed, keys and clear copies forgotten, persistence
//! asked, the language remembered, a hand-over received, old profiles
//! expired.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::core::profile::is_vault_name;
use crate::ui::context::Ui;
use crate::ui::effects::Effects;
use crate::ui::state::{Action, Protection, Screen};

/// Keeps the unfinished check in storage so it survives a reload (sealed
/// for a protected profile). Only the client's own edits are written: a
/// draft this version could not read is left alone until the client starts
/// a new one. On a shared screen drafts stay in memory only.
#[hook]
pub fn use_kept_draft(fx: &Effects) {
    let (store, state) = (fx.store.clone(), &fx.state);
    use_effect_with(
        (
            state.stored_as().map(str::to_string),
            state.draft.clone(),
            state.draft_dirty && !state.setup.shared,
            state.protection.clone(),
        ),
        move |(profile, draft, dirty, protection)| {
            let Some(profile) = profile.clone().filter(|_| *dirty) else {
                return;
            };
            let key = match protection {
                Protection::Off => None,
                Protection::Open(key) => Some(key.clone()),
                Protection::Locked => return,
            };
            let draft = draft.clone();
            // A failed draft write loses nothing: the draft is on screen.
            spawn_local(async move {
                let _ = store.keep_draft(&profile, key.as_ref(), &draft).await;
            });
        },
    );
}

/// Follows saves made in other tabs of this browser: a protected history is
/// decrypted with the key in memory; while it is locked, only a change back
/// to clear text (protection turned off elsewhere) matters.
#[hook]
pub fn use_other_tabs(fx: &Effects) {
    let (store, dispatcher) = (fx.store.clone(), fx.state.dispatcher());
    let state = &fx.state;
    let key = state.protection.key().cloned();
    use_effect_with(
        (state.stored_as().map(str::to_string), key, state.epoch),
        move |(profile, key, epoch)| {
            let epoch = *epoch;
            let watch = profile.clone().and_then(|profile| {
                let (reader, name, key) = (store.clone(), profile.clone(), key.clone());
                store.watch(&profile, move || {
                    let (reader, name, key) = (reader.clone(), name.clone(), key.clone());
                    let dispatcher = dispatcher.clone();
                    spawn_local(async move {
                        let action = match (&key, reader.is_sealed(&name)) {
                            (Some(key), true) => {
                                Action::Reloaded(reader.open_sealed(&name, key).await)
                            }
                            // A shared profile removed (or replaced by clear
                            // text) elsewhere: closed here, never written
                            // again in clear.
                            (_, false) if is_vault_name(&name) => Action::IdleReset,
                            _ => Action::Reloaded(reader.load(&name)),
                        };
                        dispatcher.dispatch(Action::Late(epoch, Box::new(action)));
                    });
                })
            });
            move || drop(watch)
        },
    );
}

/// The clear form of a protected history leaves memory with its key.
#[hook]
pub fn use_forget_when_locked(fx: &Effects) {
    let store = fx.store.clone();
    let state = &fx.state;
    // The epoch too: a result dropped after a reset may have left what it
    // decrypted in the cache.
    use_effect_with(
        (
            state.profile.clone(),
            state.protection.key().is_some(),
            state.epoch,
        ),
        move |(_, open, _)| {
            if !open {
                store.forget();
            }
        },
    );
}

/// Where nothing outlives the page, a closed profile leaves nothing behind
/// in memory either: the next person on a shared screen cannot reopen it.
#[hook]
pub fn use_forget_unkept(fx: &Effects) {
    let store = fx.store.clone();
    use_effect_with(fx.state.stored_as().map(str::to_string), move |profile| {
        let profile = profile.clone();
        move || {
            if let Some(profile) = profile {
                store.forget_unkept(&profile);
            }
        }
    });
}

/// Re-reads the clear copies of unreadable text while the history (where
/// the protection panel lists them) is shown, after every change to it.
#[hook]
pub fn use_clear_copies(fx: &Effects) {
    let (store, dispatcher) = (fx.store.clone(), fx.state.dispatcher());
    let state = &fx.state;
    let showing = (state.screen == Screen::History)
        .then(|| state.stored_as().map(str::to_string))
        .flatten();
    let known = state.clear_copies.clone();
    let doc = Rc::as_ptr(&state.doc) as usize;
    use_effect_with((showing, doc), move |(showing, _)| {
        if let Some(profile) = showing {
            let copies = store.quarantined(profile);
            if copies != known {
                dispatcher.dispatch(Action::ClearCopies(copies));
            }
        }
    });
}

/// Asks the browser to keep this site's storage after a save on the
/// client's own device, and reads whether it does when "Your copy" shows.
#[hook]
pub fn use_persistence(fx: &Effects) {
    let state = &fx.state;
    let moment = match state.screen {
        Screen::Saved { kept: true, .. } if !state.setup.shared => 1,
        Screen::History => 2,
        _ => 0,
    };
    let fx = fx.clone();
    use_effect_with(moment, move |moment| match moment {
        1 => fx.persist(true),
        2 => fx.persist(false),
        _ => {}
    });
}

/// Remembers a language chosen by hand, per namespace (never on a shared
/// screen, where the next person must not inherit it), and on the
/// project's own pages (`<html data-alliance-check-page>`, never a host's)
/// puts the page's `lang` and its own texts (`data-alliance-check-text`,
/// a key of the language files) in the widget's language.
#[hook]
pub fn use_language(fx: &Effects, lang: AttrValue, picked_first: bool, shared: bool) {
    let first = use_mut_ref(|| true);
    let fx = fx.clone();
    use_effect_with(lang, move |lang| {
        // The first language is the automatic one unless the client picked
        // it in the first screen; every later one is picked in the menu.
        let first_run = std::mem::replace(&mut *first.borrow_mut(), false);
        if !shared && (!first_run || picked_first) {
            fx.store.set_language(lang);
        }
        own_page_language(&fx.ui, lang);
    });
}

/// See [`use_language`].
fn own_page_language(ui: &Ui, lang: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(html) = document.document_element() else {
        return;
    };
    if !html.has_attribute("data-alliance-check-page") {
        return;
    }
    let _ = html.set_attribute("lang", lang);
    let Ok(nodes) = document.query_selector_all("[data-alliance-check-text]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(el) = nodes
            .get(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if let Some(key) = el.get_attribute("data-alliance-check-text") {
            el.set_text_content(Some(&ui.t(&key)));
        }
    }
}

/// Reads, once, a hand-over the page was opened with.
#[hook]
pub fn use_received(fx: &Effects, fragment: Option<AttrValue>) {
    let fx = fx.clone();
    use_effect_with((), move |_| {
        if let Some(fragment) = fragment {
            fx.receive(&fragment);
        }
    });
}

/// Reads the profiles kept here when the code screen shows, if the embed
/// lists them.
#[hook]
pub fn use_profile_list(fx: &Effects, enabled: bool) {
    let (store, dispatcher) = (fx.store.clone(), fx.state.dispatcher());
    let showing = enabled && fx.state.screen == Screen::Profile;
    use_effect_with((showing, fx.state.epoch), move |(showing, _)| {
        if *showing {
            dispatcher.dispatch(Action::Profiles(store.profiles()));
        }
    });
}

/// On a shared device whose practice set an expiry, removes the sealed
/// profiles not opened for that many days, once, when the widget starts.
#[hook]
pub fn use_expiry(fx: &Effects, days: Option<u32>) {
    let fx = fx.clone();
    use_effect_with(days, move |days| {
        if let Some(days) = *days {
            fx.expire_profiles(days);
        }
    });
}
