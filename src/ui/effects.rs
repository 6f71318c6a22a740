//! The I/O the widget starts, in one place: opening a profile, saving,
//! committing changes, keeping the draft, following other tabs, and (in the
//! submodules) passphrase protection and files. Components render and call
//! these; none of them touches storage, crypto or files.
//!
//! The shape is that of a services layer: slow work is an `async fn` whose
//! result is an [`Action`], run by [`Effects::run`], which shows the widget
//! busy meanwhile and drops the result if the profile was opened, closed or
//! reset before it arrived.

mod download;
mod files;
mod gate;
mod handover;
mod protection;

use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub use files::Format;
pub use protection::{ProtectRequest, ProtectionBlock};

use crate::core::document::{Change, Document};
use crate::core::draft::CheckStep;
use crate::core::errors::StorageError;
use crate::core::events::saved_detail;
use crate::core::goals::GoalId;
use crate::core::profile::is_vault_name;
use crate::core::record::RecordError;
use crate::storage::Store;
use crate::takeover::Carried;
use crate::ui::context::Ui;
use crate::ui::events::emit;
use crate::ui::state::{Action, NextMove, Notice, Protection, Screen, State};
use crate::ui::{entropy, now};

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
pub fn started(
    store: &Store,
    state: State,
    profile: Option<String>,
    carried: Option<&Carried>,
) -> State {
    let mut s = Rc::new(state);
    if let Some(profile) = profile {
        let shared = s.shared;
        s = s.reduce(opened(store, profile, shared));
    }
    let (ratings, typed, intent) = carried.map_or((&[][..], false, None), |c| {
        (&c.ratings[..], !c.typed.is_empty(), c.intent)
    });
    (*s.carry_over(ratings, typed, intent)).clone()
}

/// The action for the result of a change to the history.
fn changed(result: Result<Document, StorageError>, notice: Option<Notice>) -> Action {
    match result {
        Ok(doc) => Action::Changed(doc, notice),
        Err(StorageError::Refused(e)) => Action::Notify(Notice::Refused(e)),
        Err(e) => Action::Notify(Notice::SaveFailed(e)),
    }
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
        let (dispatcher, epoch) = (self.state.dispatcher(), self.state.epoch);
        spawn_local(async move {
            if let Some(action) = work.await {
                dispatcher.dispatch(Action::Late(epoch, Box::new(action)));
            }
        });
    }

    /// A write of the open profile's history: slow only when it is sealed.
    fn run_write(&self, work: impl Future<Output = Action> + 'static) {
        if self.state.protection.key().is_some() {
            self.run(work);
        } else {
            self.finish(async move { Some(work.await) });
        }
    }

    fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    fn element(&self) -> Option<web_sys::Element> {
        self.root.cast::<web_sys::Element>()
    }

    /// Writes `changes` to the open profile's history: the one write path
    /// (sealed with the key in memory when the profile is protected).
    fn write(
        &self,
        changes: Vec<Change>,
    ) -> impl Future<Output = Result<Document, StorageError>> + 'static {
        let (store, profile) = (
            self.store.clone(),
            self.state.stored_as().map(str::to_string),
        );
        let protection = self.state.protection.clone();
        async move {
            let profile = profile.ok_or(StorageError::Unavailable)?;
            let key = match &protection {
                Protection::Off => None,
                Protection::Locked => return Err(StorageError::Locked),
                Protection::Open(key) => Some(key),
            };
            store.update(&profile, key, &changes).await
        }
    }

    /// Applies `changes` to the history and, once stored, shows `notice`.
    pub fn change(&self, changes: Vec<Change>, notice: Option<Notice>) {
        let write = self.write(changes);
        self.run_write(async move { changed(write.await, notice) });
    }

    /// Saves the check. Unrated scales or an overlong comment are reported
    /// instead; a second press while a save is encrypting does nothing.
    pub fn save(&self) {
        let state = &self.state;
        if state.busy {
            return;
        }
        let (record, changes) =
            match state
                .draft
                .complete(&state.instrument, &state.doc.goals, now(), entropy())
            {
                Ok(done) => done,
                Err(RecordError::Unrated(ids)) => {
                    return self.dispatch(Action::Notify(Notice::Unrated(ids)))
                }
                Err(RecordError::CommentTooLong(max)) => {
                    return self.dispatch(Action::Notify(Notice::CommentTooLong(max)))
                }
                Err(e @ RecordError::UnknownScale(_)) => {
                    return self.dispatch(Action::Notify(Notice::SaveFailed(StorageError::Other(
                        e.to_string(),
                    ))))
                }
            };
        // A choice the client made about the summary is remembered for
        // this profile (on their own device only).
        if let (Some(show), Some(profile)) = (state.summary_to_remember(), state.stored_as()) {
            self.store.set_summary_choice(profile, show);
        }
        let write = self.write(changes);
        let (store, profile, root) = (
            self.store.clone(),
            state.stored_as().map(str::to_string),
            self.element(),
        );
        let detail = saved_detail(&record, self.include_text);
        let vault = state.vault.is_some();
        self.run_write(async move {
            match write.await {
                Ok(doc) => {
                    if let Some(profile) = &profile {
                        let _ = store.discard_draft(profile);
                        if vault {
                            // The day a shared profile was last used, for
                            // a practice's expiry.
                            store.touch(profile, now());
                        }
                    }
                    if let Some(root) = &root {
                        emit(root, "alliance-check:saved", &detail);
                    }
                    Action::Saved {
                        doc,
                        record,
                        kept: store.is_persistent(),
                    }
                }
                Err(e) => changed(Err(e), None),
            }
        });
    }

    /// Next on the current step (Save on the last). Unrated scales keep the
    /// client on the scales step; a goal typed but not added yet is added.
    pub fn next(&self) {
        match self.state.next_move() {
            NextMove::Save => self.save(),
            NextMove::To(step) => self.dispatch(Action::GoTo(step)),
            NextMove::Unrated(ids) => self.dispatch(Action::Unrated(ids)),
            // The goal is added, and the step stays to ask how far along it
            // is (and its small step).
            NextMove::AddGoal(text) => self.add_goal(text, Some(CheckStep::Goals)),
        }
    }

    /// Back to the step before.
    pub fn back(&self) {
        self.dispatch(Action::GoTo(self.state.step_moved(-1)));
    }

    /// Stores goal changes, then moves on to `then` whether or not they
    /// could be stored (the notice says which).
    fn store_goals(
        &self,
        changes: Vec<Change>,
        added: bool,
        reworded: Option<GoalId>,
        then: Option<CheckStep>,
    ) {
        let write = self.write(changes);
        self.run_write(async move {
            Action::GoalsStored {
                result: write.await,
                added,
                reworded,
                then,
            }
        });
    }

    /// Adds the goal typed (`text`, the draft's new goal), then moves on to
    /// `then`, if given.
    pub fn add_goal(&self, text: String, then: Option<CheckStep>) {
        let goal = Change::AddGoal {
            text,
            at: now(),
            entropy: entropy(),
            max_active: self.state.max_goals(),
        };
        self.store_goals(vec![goal], true, None, then);
    }

    /// Stores the wording typed for goal `id`.
    pub fn reword_goal(&self, id: &GoalId, text: String) {
        let change = Change::RewordGoal(id.clone(), text, now());
        self.store_goals(vec![change], false, Some(id.clone()), None);
    }

    /// The first goal will wait: on to the next step at once, and the
    /// choice is stored so the guide does not come back (if it cannot be,
    /// the client is told and it simply asks again next time).
    pub fn first_goal_later(&self) {
        let then = CheckStep::Review;
        self.dispatch(Action::FirstGoalLater(then));
        let write = self.write(vec![Change::GoalIntroDone]);
        self.run_write(async move {
            match write.await {
                Ok(doc) => Action::GoalsStored {
                    result: Ok(doc),
                    added: false,
                    reworded: None,
                    then: None,
                },
                Err(e) => Action::Notify(Notice::NotStored(e)),
            }
        });
    }

    /// Puts the card about keeping the history safe aside for a while,
    /// remembered for this profile.
    pub fn put_nudge_aside(&self) {
        let at = now();
        if let Some(profile) = self.state.stored_as() {
            self.store.put_nudge_aside(profile, at);
        }
        self.dispatch(Action::NudgeAside(at));
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

    /// Throws the unfinished check away, in storage too.
    pub fn discard_draft(&self) {
        if let Some(profile) = self.state.stored_as() {
            let _ = self.store.discard_draft(profile);
        }
        self.dispatch(Action::DiscardDraft);
    }

    /// Opens the profile with this (normalised) code.
    pub fn open(&self, code: String) {
        self.dispatch(opened(&self.store, code, self.state.shared));
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
            state.draft_dirty && !state.shared,
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
        Screen::Saved { kept: true, .. } if !state.shared => 1,
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
