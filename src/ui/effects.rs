//! The I/O the widget starts, in one place: opening a profile here; in the
//! submodules the commands the reducer queued (`commands.rs`: writes of
//! the history, preferences kept), the root's hooks (`hooks.rs`: the draft
//! kept, other tabs followed, persistence, language, expiry), the shared
//! screen's door, passphrase protection, the hand-over, files and
//! downloads. Components render and call these; none of them touches
//! storage, crypto or files.
//!
//! The shape is that of a services layer: slow work is an `async fn` whose
//! result is an [`Action`], run by `Effects::run`, which shows the widget
//! busy meanwhile and drops the result if the profile was opened, closed or
//! reset before it arrived.

mod commands;
mod download;
mod files;
mod gate;
mod handover;
mod hooks;
mod protection;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub use commands::use_commands;
pub use files::Format;
pub use hooks::{
    use_clear_copies, use_expiry, use_forget_unkept, use_forget_when_locked, use_kept_draft,
    use_language, use_other_tabs, use_persistence, use_profile_list, use_received,
};
pub use protection::{ProtectRequest, ProtectionBlock};

use crate::core::document::{Change, Document};
use crate::core::errors::StorageError;
use crate::storage::Store;
use crate::takeover::Carried;
use crate::ui::context::Ui;
use crate::ui::state::{Action, Notice, Protection, Setup, State};

/// Everything an effect needs: the store, the state it acts for, the
/// widget's root element (downloads and host events go there) and texts.
/// Made anew at each render of the root, so it always acts on the state
/// the client sees.
#[derive(Clone)]
pub struct Effects {
    store: Rc<Store>,
    state: UseReducerHandle<State>,
    root: NodeRef,
    ui: Ui,
    include_text: bool,
    handover_url: Option<AttrValue>,
}

impl PartialEq for Effects {
    fn eq(&self, other: &Effects) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
            && self.state == other.state
            && self.root == other.root
            && self.ui == other.ui
            && self.include_text == other.include_text
            && self.handover_url == other.handover_url
    }
}

/// Opens `profile`: its history, an unfinished check, and the clear copies
/// of unreadable text kept for it. In shared mode an unfinished check is
/// never restored from storage (it may be someone else's); a protected
/// profile's is read after unlocking.
pub fn opened(store: &Store, profile: String, shared: bool) -> Action {
    let doc = store.load(&profile);
    let draft = if doc == Err(StorageError::Locked) {
        // A clear draft, written by a window that did not know yet that
        // protection was turned on, is not left behind.
        store.discard_clear_draft(&profile);
        None
    } else if shared {
        None
    } else {
        store.load_draft(&profile)
    };
    Action::Opened {
        clear_copies: store.quarantined(&profile),
        summary: (!shared).then(|| store.summary_choice(&profile)).flatten(),
        nudge: (!shared).then(|| store.nudge_put_aside(&profile)).flatten(),
        doc,
        draft,
        profile,
    }
}

/// The store of the widget's namespace, opened once per namespace.
#[hook]
pub fn use_store(namespace: AttrValue) -> Rc<Store> {
    use_memo(namespace, |ns| Store::open(ns))
}

/// `state` as the widget starts, with `profile` opened if one is given and
/// what the client did in the pre-rendered first screen carried over
/// (`State::carry_over` decides how).
/// `unavailable` names the language wanted when its file could not be
/// had: the widget starts in English and says so.
pub fn started(
    store: &Store,
    state: State,
    profile: Option<String>,
    carried: Option<&Carried>,
    unavailable: Option<&str>,
) -> State {
    let mut s = Rc::new(state);
    if let Some(profile) = profile {
        let shared = s.setup.shared;
        s = s.reduce(opened(store, profile, shared));
    }
    let (ratings, typed, intent) = carried.map_or((&[][..], false, None), |c| {
        (&c.ratings[..], !c.typed.is_empty(), c.intent)
    });
    let mut started = (*s.carry_over(ratings, typed, intent)).clone();
    if let (None, Some(name)) = (&started.notice, unavailable) {
        started.notice = Some(Notice::LanguageUnavailable(name.to_string()));
    }
    started
}

/// The widget's state, started once ([`started`]) from the embed's `setup`.
#[hook]
pub fn use_started(
    store: &Rc<Store>,
    setup: Setup,
    profile: Option<String>,
    carried: Option<Rc<Carried>>,
    unavailable: Option<AttrValue>,
) -> UseReducerHandle<State> {
    let store = store.clone();
    use_reducer(move || {
        let fresh = State::fresh(Rc::new(setup));
        started(
            &store,
            fresh,
            profile,
            carried.as_deref(),
            unavailable.as_deref(),
        )
    })
}

/// Writes `changes` to the history stored as `profile`: the one write path
/// (sealed with the key in memory when the profile is protected).
async fn write_to(
    store: Rc<Store>,
    profile: Option<String>,
    protection: Protection,
    changes: Vec<Change>,
) -> Result<Document, StorageError> {
    let profile = profile.ok_or(StorageError::Unavailable)?;
    let key = match &protection {
        Protection::Off => None,
        Protection::Locked => return Err(StorageError::Locked),
        Protection::Open(key) => Some(key),
    };
    store.update(&profile, key, &changes).await
}

impl Effects {
    /// The effects of one widget.
    pub fn new(
        store: Rc<Store>,
        state: UseReducerHandle<State>,
        root: NodeRef,
        ui: Ui,
        include_text: bool,
        handover_url: Option<AttrValue>,
    ) -> Effects {
        Effects {
            store,
            state,
            root,
            ui,
            include_text,
            handover_url,
        }
    }

    /// The page a hand-over link opens: the host's choice, else this one.
    pub fn handover_base(&self) -> String {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return String::new();
        };
        let here = location.href().unwrap_or_default();
        // The host's address, relative to the page, kept with its query:
        // only `https:` or this page's own origin (else anyone on the
        // network could read the history in the fragment on the phone).
        let given = self.handover_url.as_ref().and_then(|url| {
            let resolved = web_sys::Url::new_with_base(url, &here).ok();
            let allowed = resolved.as_ref().is_some_and(|u| {
                crate::core::handover::address_allowed(
                    &u.protocol(),
                    &u.origin(),
                    &location.origin().unwrap_or_default(),
                )
            });
            if !allowed {
                web_sys::console::warn_1(
                    &format!(
                        "alliance-check: data-handover-url {:?} is refused: a hand-over address must be https: or this page's own origin; the code opens this page instead",
                        url.to_string()
                    )
                    .into(),
                );
            }
            resolved.filter(|_| allowed).map(|u| {
                u.set_hash("");
                u.href()
            })
        });
        // This page over plain http (not while developing on this machine):
        // anyone on the network could read the fragment, and the code typed.
        let host = location.hostname().unwrap_or_default();
        if given.is_none()
            && location.protocol().unwrap_or_default() == "http:"
            && !matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]")
        {
            web_sys::console::warn_1(
                &"alliance-check: this page is served over plain http:, so a hand-over link could be read on the network; serve it over https: or set data-handover-url to an https: page".into(),
            );
        }
        match given {
            Some(url) => url,
            // This page without query or fragment (`origin` would be
            // "null" for a file opened from disk).
            None => here
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// Runs slow work (a key to derive, something to encrypt): the widget
    /// shows it is busy until the action arrives, and the action is dropped
    /// if the profile was opened, closed or reset since (see
    /// [`Action::Late`]).
    fn run(&self, work: impl Future<Output = Action> + 'static) {
        let state = self.state.clone();
        state.dispatch(state.late(Action::Busy(true)));
        self.finish(async move { Some(work.await) });
    }

    /// Work that is quick (a clear write, a file read) or that has nothing
    /// to say when it succeeds: no busy state, but its action, if any, is
    /// dropped like [`Effects::run`]'s when the profile changed meanwhile.
    fn finish(&self, work: impl Future<Output = Option<Action>> + 'static) {
        // The epoch of now, read before awaiting: a reducer handle may show
        // the latest state by the time the work is done.
        self.finish_at(self.state.epoch, work);
    }

    /// [`Effects::finish`] for work decided at `epoch`.
    fn finish_at(&self, epoch: u32, work: impl Future<Output = Option<Action>> + 'static) {
        self.spawn_late(epoch, Box::pin(work));
    }

    /// Spawns `work`, whose action arrives wrapped as [`Action::Late`]. One
    /// function for every kind of work: the spawning machinery is compiled
    /// once, not once per future (a few KiB of WebAssembly).
    fn spawn_late(&self, epoch: u32, work: Pin<Box<dyn Future<Output = Option<Action>>>>) {
        let dispatcher = self.state.dispatcher();
        spawn_local(async move {
            if let Some(action) = work.await {
                dispatcher.dispatch(Action::Late(epoch, Box::new(action)));
            }
        });
    }

    fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    fn element(&self) -> Option<web_sys::Element> {
        self.root.cast::<web_sys::Element>()
    }

    /// Writes `changes` to the open profile's history (see [`write_to`]).
    fn write(
        &self,
        changes: Vec<Change>,
    ) -> impl Future<Output = Result<Document, StorageError>> + 'static {
        let profile = self.state.stored_as().map(str::to_string);
        write_to(
            self.store.clone(),
            profile,
            self.state.protection.clone(),
            changes,
        )
    }

    /// Makes the texts of the language `tag` ready: at once when they are
    /// here, else once its file has arrived (`crate::languages`). `done`
    /// hears whether they are (the menu's choice decides what follows).
    pub fn load_language(&self, tag: AttrValue, done: Callback<bool>) {
        if crate::languages::ready(&tag) {
            return done.emit(true);
        }
        spawn_local(async move {
            let loaded = crate::languages::ensure(&tag).await;
            if let Err(why) = &loaded {
                web_sys::console::warn_1(&format!("alliance-check: {why}").into());
            }
            done.emit(loaded.is_ok());
        });
    }

    /// Which words "add this page to your home screen" needs here.
    pub fn platform(&self) -> Platform {
        let Some(window) = web_sys::window() else {
            return Platform::Other;
        };
        let installed = window
            .match_media("(display-mode: standalone)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if installed {
            return Platform::Installed;
        }
        let agent = window.navigator().user_agent().unwrap_or_default();
        let touch = window.navigator().max_touch_points() > 1;
        if agent.contains("iPhone")
            || agent.contains("iPad")
            || (agent.contains("Macintosh") && touch)
        {
            Platform::Apple
        } else if agent.contains("Android") {
            Platform::Android
        } else {
            Platform::Other
        }
    }

    /// Opens the profile with this (normalised) code.
    pub fn open(&self, code: String) {
        self.dispatch(opened(&self.store, code, self.state.setup.shared));
    }

    /// Whether a profile with this code has a history (or a draft) here.
    pub fn profile_exists(&self, code: &str) -> bool {
        self.store.has_profile(code)
    }

    /// Whether anything saved outlives this page.
    pub fn is_persistent(&self) -> bool {
        self.store.is_persistent()
    }
}

/// Where the widget runs, for the words of "add to the home screen".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// iPhone or iPad (Safari's Share menu).
    Apple,
    /// Android (the browser's menu).
    Android,
    /// Already opened from the home screen (installed).
    Installed,
    /// A computer, or a device not recognised.
    Other,
}
