//! The root component: one reducer ([`State`]), the effects that touch
//! storage (open a profile, keep the draft, save, commit changes, follow
//! other tabs), focus management, and the screen chosen by the state. Child
//! components receive the state handle and these callbacks; none of them
//! touches storage.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::core::document::{Change, ChangeError, Document};
use crate::core::envelope::Kdf;
use crate::core::events::saved_detail;
use crate::core::goals::GoalError;
use crate::core::instrument::Instrument;
use crate::core::record::RecordError;
use crate::crypto::{self, CryptoError, SealKey};
use crate::i18n::Texts;
use crate::options::Theme;
use crate::storage::{StorageError, Store};
use crate::ui::check::CheckFlow;
use crate::ui::context::Ui;
use crate::ui::data::{export_now, import_error_text, offer, offer_sealed, Format};
use crate::ui::download::download;
use crate::ui::events::emit;
use crate::ui::goals::GoalManager;
use crate::ui::history::History;
use crate::ui::idle::{use_idle_reset, IdleWarning};
use crate::ui::profile::ProfileGate;
use crate::ui::protect::{ProtectPanel, ProtectRequest};
use crate::ui::start::StartScreen;
use crate::ui::state::{Action, Notice, Protection, ProtectionChange, Screen, State};
use crate::ui::summary::Saved;
use crate::ui::unlock::Unlock;
use crate::ui::{entropy, now};

/// Props of [`App`]: everything the embed decides.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Prefix for DOM ids, unique per mounted instance.
    pub instance: AttrValue,
    /// Storage namespace (prefix of every key).
    pub namespace: AttrValue,
    /// UI language (a bundled language tag).
    pub lang: AttrValue,
    /// The instrument asked.
    pub instrument: Rc<Instrument>,
    /// Why the practice's own instrument could not be used, if so.
    pub instrument_error: Option<AttrValue>,
    /// Shared device: ask for a profile code before showing anything.
    pub profile_codes: bool,
    /// On a shared device, list the profiles kept here.
    pub list_profiles: bool,
    /// The profile used when no code is asked.
    pub profile: AttrValue,
    /// Shared-screen mode.
    pub shared: bool,
    /// Colour scheme.
    pub theme: Theme,
    /// Shared mode: seconds of inactivity before the screen resets.
    pub idle_seconds: u32,
    /// Include free text in host events.
    pub events_include_text: bool,
}

type OnChange = Callback<(Vec<Change>, Option<Notice>)>;

/// Applies changes to the stored history, or — when this browser window
/// gives no storage — to the history in memory, so the check still works
/// for this page; `done` turns the result into the action to dispatch. A
/// protected history is encrypted first, which the browser does
/// asynchronously: the widget shows it is busy meanwhile, and the result is
/// dropped if the profile was closed or reset before it arrived.
fn commit(
    store: &Rc<Store>,
    state: &UseReducerHandle<State>,
    changes: Vec<Change>,
    done: impl FnOnce(Result<Document, StorageError>) -> Action + 'static,
) {
    let Some(profile) = state.profile.clone() else {
        return state.dispatch(done(Err(StorageError::Unavailable)));
    };
    let result = match (&state.protection, store.is_available()) {
        (_, false) => state.doc.apply(&changes).map_err(StorageError::Refused),
        (Protection::Off, true) => store.update(&profile, &changes),
        (Protection::Locked, true) => Err(StorageError::Locked),
        (Protection::Open(key), true) => {
            let (store, key, state) = (store.clone(), key.clone(), state.clone());
            // Late too: called after other slow work, it must not mark a
            // profile opened since as busy.
            state.dispatch(state.late(Action::Busy(true)));
            return spawn_local(async move {
                let result = store.update_sealed(&profile, &key, &changes).await;
                state.dispatch(state.late(done(result)));
            });
        }
    };
    state.dispatch(done(result));
}

/// Opens `profile`. In shared mode an unfinished check is never restored
/// from storage (it may be someone else's); a protected profile keeps none.
fn opened(store: &Store, profile: String, shared: bool) -> Action {
    let doc = store.load(&profile);
    let draft = if doc == Err(StorageError::Locked) {
        // Read after unlocking. A clear draft, written by a window that did
        // not know yet that protection was turned on, is not left behind.
        store.discard_clear_draft(&profile);
        None
    } else if shared {
        None
    } else {
        store.load_draft(&profile)
    };
    Action::Opened {
        doc,
        draft,
        profile,
    }
}

/// Why passphrase protection cannot be offered, if it cannot.
fn protection_unavailable(ui: &Ui, store: &Store) -> Option<AttrValue> {
    if !store.is_available() {
        Some(ui.t("protect.no_storage").into())
    } else if !crypto::available() {
        Some(ui.t("protect.unavailable").into())
    } else {
        None
    }
}

/// Carries out a protection request: derive the key(s), check the current
/// passphrase by opening the stored history with it (never from a cache),
/// then re-encrypt in one write.
async fn protect(
    store: Rc<Store>,
    profile: String,
    current: Option<Kdf>,
    request: ProtectRequest,
) -> Action {
    let verified = |passphrase: String| {
        let (store, profile, kdf) = (store.clone(), profile.clone(), current.clone());
        async move {
            let kdf = kdf.ok_or(StorageError::Locked)?;
            let key = crypto::derive(&passphrase, kdf)
                .await
                .map_err(StorageError::Crypto)?;
            store.open_sealed(&profile, &key).await?;
            Ok::<SealKey, StorageError>(key)
        }
    };
    let fresh = |passphrase: String| async move {
        let kdf = crypto::new_kdf().map_err(StorageError::Crypto)?;
        crypto::derive(&passphrase, kdf)
            .await
            .map_err(StorageError::Crypto)
    };
    let result = match request {
        ProtectRequest::On(new) => match fresh(new).await {
            Ok(key) => store
                .reseal(&profile, None, Some(&key))
                .await
                .map(|doc| (Some(key), doc, ProtectionChange::On)),
            Err(e) => Err(e),
        },
        ProtectRequest::Off(old) => match verified(old).await {
            Ok(key) => store
                .reseal(&profile, Some(&key), None)
                .await
                .map(|doc| (None, doc, ProtectionChange::Off)),
            Err(e) => Err(e),
        },
        ProtectRequest::Change(old, new) => match (verified(old).await, fresh(new).await) {
            (Ok(old), Ok(new)) => store
                .reseal(&profile, Some(&old), Some(&new))
                .await
                .map(|doc| (Some(new), doc, ProtectionChange::Changed)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
    };
    match result {
        Ok((key, doc, change)) => Action::Protected {
            profile,
            key,
            doc,
            change,
        },
        Err(StorageError::Crypto(CryptoError::WrongPassphrase)) => {
            Action::Notify(Notice::WrongPassphrase)
        }
        Err(e) => Action::Notify(Notice::ProtectionFailed(e)),
    }
}

/// Opens a protected history with `passphrase`.
async fn unlock(store: Rc<Store>, profile: String, passphrase: String, shared: bool) -> Action {
    let decrypted = async {
        let kdf = store.sealed_kdf(&profile)?;
        let key = crypto::derive(&passphrase, kdf)
            .await
            .map_err(StorageError::Crypto)?;
        let doc = store.open_sealed(&profile, &key).await?;
        Ok::<_, StorageError>((key, doc))
    };
    match decrypted.await {
        Ok((key, doc)) => {
            // A clear draft another window may have left is not kept.
            store.discard_clear_draft(&profile);
            let draft = store.load_sealed_draft(&profile, &key).await;
            Action::Unlocked { key, doc, draft }
        }
        // Protection was turned off in another window meanwhile: open it
        // as a clear history.
        Err(StorageError::NotSealed) => opened(&store, profile, shared),
        Err(StorageError::Crypto(CryptoError::WrongPassphrase)) => {
            Action::Notify(Notice::WrongPassphrase)
        }
        Err(e) => Action::Notify(Notice::ProtectionFailed(e)),
    }
}

/// The end-of-session check widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_memo(props.namespace.clone(), |ns| Store::open(ns));
    let root = use_node_ref();
    let state = {
        let store = store.clone();
        let props = props.clone();
        use_reducer(move || {
            let s = Rc::new(State::with_mode(
                (*props.instrument).clone(),
                props.instrument_error.as_ref().map(|e| e.to_string()),
                props.shared,
                props.profile_codes,
            ));
            let mut s = if props.profile_codes {
                (*s).clone()
            } else {
                (*s.reduce(opened(&store, props.profile.to_string(), props.shared))).clone()
            };
            // Loading must not move focus away from the host page.
            s.focus = 0;
            s
        })
    };
    // The client can switch the language; the embed's choice comes first.
    let lang = use_state(|| props.lang.clone());
    let ui = use_memo(
        (
            (*lang).clone(),
            props.instance.clone(),
            props.instrument.clone(),
        ),
        |(lang, instance, instrument)| Ui {
            texts: Rc::new(Texts::new(lang)),
            lang: instrument.language_for(lang).to_string().into(),
            fallback: instrument
                .languages
                .first()
                .cloned()
                .unwrap_or_default()
                .into(),
            instance: instance.clone(),
        },
    );

    // Keep the unfinished check in storage so it survives a reload (sealed
    // for a protected profile). Only the client's own edits are written: a
    // draft this version could not read is left alone until the client
    // starts a new one. On a shared screen drafts stay in memory only.
    {
        let store = store.clone();
        let shared = props.shared;
        use_effect_with(
            (
                state.profile.clone(),
                state.draft.clone(),
                state.draft_dirty,
                state.protection.clone(),
            ),
            move |(profile, draft, dirty, protection)| {
                let Some(profile) = profile.clone().filter(|_| *dirty && !shared) else {
                    return;
                };
                // A failed draft write loses nothing: the draft is on screen.
                match protection {
                    Protection::Off => {
                        let _ = store.save_draft(&profile, draft);
                    }
                    Protection::Open(key) => {
                        let (store, key, draft) = (store.clone(), key.clone(), draft.clone());
                        spawn_local(async move {
                            let _ = store.save_sealed_draft(&profile, &key, &draft).await;
                        });
                    }
                    Protection::Locked => {}
                }
            },
        );
    }

    // Follow saves made in other tabs of this browser: a protected history
    // is decrypted with the key in memory; while it is locked, only a change
    // back to clear text (protection turned off elsewhere) matters.
    {
        let (store, dispatcher) = (store.clone(), state.dispatcher());
        let key = state.protection.key().cloned();
        use_effect_with(
            (state.profile.clone(), key, state.epoch),
            move |(profile, key, epoch)| {
                let epoch = *epoch;
                let watch = profile.clone().and_then(|profile| {
                    let (reader, name, key) = (store.clone(), profile.clone(), key.clone());
                    store.watch(&profile, move || {
                        let late = move |a: Action| Action::Late(epoch, Box::new(a));
                        match (&key, reader.is_sealed(&name)) {
                            (Some(key), true) => {
                                let (reader, name, key, dispatcher) = (
                                    reader.clone(),
                                    name.clone(),
                                    key.clone(),
                                    dispatcher.clone(),
                                );
                                spawn_local(async move {
                                    let doc = reader.open_sealed(&name, &key).await;
                                    dispatcher.dispatch(late(Action::Reloaded(doc)));
                                });
                            }
                            _ => dispatcher.dispatch(late(Action::Reloaded(reader.load(&name)))),
                        }
                    })
                });
                move || drop(watch)
            },
        );
    }

    // Move focus to the heading of what is now shown, after the client acts.
    {
        let root = root.clone();
        use_effect_with(state.focus, move |focus| {
            if *focus == 0 {
                return;
            }
            let target = root
                .cast::<web_sys::Element>()
                .and_then(|r| r.query_selector("h3[tabindex='-1']").ok().flatten())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(h) = target {
                let _ = h.focus();
            }
        });
    }

    // Shared screens reset after the idle time, warning first.
    let idle = use_idle_reset(
        props.shared && state.screen != Screen::Start,
        props.idle_seconds,
        state.dispatcher(),
    );

    let on_save = {
        let (state, store, root) = (state.clone(), store.clone(), root.clone());
        let include_text = props.events_include_text;
        Callback::from(move |()| {
            // A protected save is still being encrypted: one click, one record.
            if state.busy {
                return;
            }
            let result =
                state
                    .draft
                    .complete(&state.instrument, &state.doc.goals, now(), entropy());
            match result {
                Err(RecordError::Unrated(ids)) => {
                    state.dispatch(Action::Notify(Notice::Unrated(ids)))
                }
                Err(RecordError::CommentTooLong(max)) => {
                    state.dispatch(Action::Notify(Notice::CommentTooLong(max)))
                }
                Err(e @ RecordError::UnknownScale(_)) => state.dispatch(Action::Notify(
                    Notice::SaveFailed(StorageError::Other(e.to_string())),
                )),
                Ok((record, changes)) => {
                    let (s, store, root) = (state.clone(), store.clone(), root.clone());
                    commit(
                        &store.clone(),
                        &state,
                        changes,
                        move |result| match result {
                            Ok(doc) => {
                                if let Some(profile) = &s.profile {
                                    let _ = store.discard_draft(profile);
                                }
                                if let Some(el) = root.cast::<web_sys::Element>() {
                                    emit(
                                        &el,
                                        "alliance-check:saved",
                                        &saved_detail(&record, include_text),
                                    );
                                }
                                Action::Saved {
                                    doc,
                                    record,
                                    kept: store.is_available(),
                                }
                            }
                            Err(StorageError::Refused(e)) => Action::Notify(Notice::Refused(e)),
                            Err(e) => Action::Notify(Notice::SaveFailed(e)),
                        },
                    )
                }
            }
        })
    };
    let on_change: OnChange = {
        let (state, store) = (state.clone(), store.clone());
        Callback::from(move |(changes, notice): (Vec<Change>, Option<Notice>)| {
            commit(&store, &state, changes, move |result| match result {
                Ok(doc) => Action::Changed(doc, notice),
                Err(StorageError::Refused(e)) => Action::Notify(Notice::Refused(e)),
                Err(e) => Action::Notify(Notice::SaveFailed(e)),
            })
        })
    };
    let on_discard = {
        let (state, store) = (state.clone(), store.clone());
        Callback::from(move |()| {
            if let Some(profile) = &state.profile {
                let _ = store.discard_draft(profile);
            }
            state.dispatch(Action::DiscardDraft);
        })
    };
    let on_open = {
        let (state, store) = (state.clone(), store.clone());
        let shared = props.shared;
        Callback::from(move |code: String| state.dispatch(opened(&store, code, shared)))
    };
    let on_unlock = {
        let (state, store) = (state.clone(), store.clone());
        let shared = props.shared;
        Callback::from(move |passphrase: String| {
            let Some(profile) = state.profile.clone() else {
                return;
            };
            state.dispatch(Action::Busy(true));
            let (state, store) = (state.clone(), store.clone());
            spawn_local(async move {
                let action = unlock(store, profile, passphrase, shared).await;
                state.dispatch(state.late(action));
            });
        })
    };
    let on_protect = {
        let (state, store) = (state.clone(), store.clone());
        Callback::from(move |request: ProtectRequest| {
            let Some(profile) = state.profile.clone() else {
                return;
            };
            state.dispatch(Action::Busy(true));
            let current = state.protection.key().map(|k| k.kdf().clone());
            let (state, store) = (state.clone(), store.clone());
            spawn_local(async move {
                let action = protect(store, profile, current, request).await;
                state.dispatch(state.late(action));
            });
        })
    };
    let on_backup = {
        let (ui, state, root, on_change) =
            (ui.clone(), state.clone(), root.clone(), on_change.clone());
        Callback::from(move |()| {
            if let Some(parent) = root.cast::<web_sys::Element>() {
                export_now(&ui, &state, Format::Json, &parent, &on_change);
            }
        })
    };
    let on_remove_copy = {
        let (state, store) = (state.clone(), store.clone());
        Callback::from(move |key: String| {
            let notice = match store.remove_quarantine(&key) {
                Ok(()) => Notice::ClearCopyRemoved,
                Err(e) => Notice::ProtectionFailed(e),
            };
            state.dispatch(Action::Notify(notice));
        })
    };
    // The clear form of a protected history leaves memory with its key.
    {
        let store = store.clone();
        use_effect_with(
            (state.profile.clone(), state.protection.key().is_some()),
            move |(_, open)| {
                if !open {
                    store.forget();
                }
            },
        );
    }
    let exists = {
        let store = store.clone();
        Callback::from(move |code: String| store.has_profile(&code))
    };

    let screen = match &state.screen {
        Screen::Start => html! { <StartScreen state={state.clone()} /> },
        Screen::Profile => {
            let listed = if props.list_profiles {
                store.profiles()
            } else {
                Vec::new()
            };
            html! { <ProfileGate {exists} on_open={on_open} {listed} /> }
        }
        Screen::Check => html! {
            <CheckFlow state={state.clone()} on_save={on_save} on_discard={on_discard} on_change={on_change.clone()} />
        },
        Screen::Saved { id, summary, kept } => html! {
            <>
                if !kept { <p class="ac-notice ac-notice--warn">{ ui.t("storage.unavailable") }</p> }
                <Saved state={state.clone()} id={id.clone()} summary={*summary} />
            </>
        },
        Screen::History => html! {
            <>
                <History state={state.clone()} on_change={on_change.clone()} />
                <ProtectPanel state={state.clone()} {on_protect} {on_backup}
                    unavailable={protection_unavailable(&ui, &store)}
                    clear_copies={state.profile.as_deref().map(|p| store.quarantined(p)).unwrap_or_default()}
                    on_download_copy={download_quarantine(&store, &root, &state)}
                    on_remove_copy={on_remove_copy} />
            </>
        },
        Screen::Unlock => {
            let on_close = props.profile_codes.then(|| {
                let dispatch = state.dispatcher();
                Callback::from(move |()| dispatch.dispatch(Action::CloseProfile))
            });
            html! { <Unlock {on_unlock} busy={state.busy} {on_close} /> }
        }
        Screen::Goals => {
            html! { <GoalManager state={state.clone()} on_change={on_change.clone()} /> }
        }
    };
    let title_id = ui.id("title");
    let class = classes!(
        "ac",
        props.shared.then_some("ac--shared"),
        match props.theme {
            Theme::Auto => None,
            Theme::Light => Some("ac--light"),
            Theme::Dark => Some("ac--dark"),
        }
    );
    html! {
        <ContextProvider<Ui> context={(*ui).clone()}>
            <section {class} lang={(*lang).clone()} aria-labelledby={title_id.clone()} ref={root.clone()}
                onpointerdown={idle.activity.reform(|_| ())} onkeydown={idle.activity.reform(|_| ())}
                oninput={idle.activity.reform(|_| ())}>
                <header class="ac__header">
                    <h2 class="ac__title" id={title_id}>{ ui.t("widget.title") }</h2>
                    if props.profile_codes {
                        if let Some(p) = &state.profile {
                            <p class="ac__profile">{ ui.f("profile.current", &[("code", p)]) }</p>
                        }
                    }
                    { language_switch(&ui, &lang) }
                </header>
                { nav(&ui, &state, props.profile_codes) }
                if let Some(seconds) = idle.warning {
                    <IdleWarning {seconds} on_stay={idle.activity.clone()} />
                }
                if let Some(e) = &state.instrument_error {
                    <p class="ac-notice ac-notice--warn">{ ui.f("instrument.error", &[("reason", e)]) }</p>
                }
                { load_banner(&ui, &state, &store, &root) }
                { screen }
                <div class="ac-status" role="status">{ status(&ui, &state, &on_change) }</div>
                <div class="ac-alert" role="alert">{ alert(&ui, &state, &root) }</div>
            </section>
        </ContextProvider<Ui>>
    }
}

/// A small language menu; each language named in itself.
fn language_switch(ui: &Ui, lang: &UseStateHandle<AttrValue>) -> Html {
    let id = ui.id("lang");
    let onchange = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            lang.set(select.value().into());
        })
    };
    html! {
        <div class="ac__lang">
            <label for={id.clone()}>{ ui.t("language.label") }</label>
            <select {id} {onchange}>
                { for crate::i18n::LANGUAGES.iter().map(|(tag, name, _)| html! {
                    <option value={*tag} lang={*tag} selected={lang.as_str() == *tag}>{ *name }</option>
                }) }
            </select>
        </div>
    }
}

fn nav(ui: &Ui, state: &UseReducerHandle<State>, profile_codes: bool) -> Html {
    // Nothing to navigate before a profile is open, and on a shared screen
    // nothing at the neutral start and end.
    let neutral = state.shared && matches!(state.screen, Screen::Start | Screen::Saved { .. });
    if state.profile.is_none() || neutral || state.protection == Protection::Locked {
        return html! {};
    }
    let here = match state.screen {
        Screen::History => Screen::History,
        Screen::Goals => Screen::Goals,
        _ => Screen::Check,
    };
    let item = |screen: Screen, key: &str| {
        let current = here == screen;
        let dispatch = state.dispatcher();
        let onclick =
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Show(screen.clone())));
        html! {
            <li>
                <button type="button" class={classes!("ac-nav__item", current.then_some("is-current"))}
                    aria-current={current.then_some("page")} {onclick}>{ ui.t(key) }</button>
            </li>
        }
    };
    let close = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::CloseProfile))
    };
    html! {
        <nav class="ac-nav" aria-label={ui.t("nav.label")}>
            <ul class="ac-nav__list">
                { item(Screen::Check, "nav.check") }
                { item(Screen::History, "nav.history") }
                if state.instrument.goals.is_some() { { item(Screen::Goals, "nav.goals") } }
                if profile_codes {
                    <li><button type="button" class="ac-nav__item" onclick={close} disabled={state.busy}>{ ui.t("nav.close_profile") }</button></li>
                }
            </ul>
        </nav>
    }
}

fn status(ui: &Ui, state: &State, on_change: &OnChange) -> Html {
    let text = |t: String| html! { <p class="ac-notice ac-notice--ok">{ t }</p> };
    match &state.notice {
        Some(Notice::DraftRestored) => text(ui.t("draft.restored")),
        Some(Notice::DraftDiscarded) => text(ui.t("draft.discarded")),
        Some(Notice::Restored) => text(ui.t("history.restored")),
        Some(Notice::Corrected) => text(ui.t("history.edited")),
        Some(Notice::Downloaded(name)) => text(ui.f("data.downloaded", &[("file", name)])),
        Some(Notice::Imported(n)) => text(ui.f("data.imported", &[("new", &n.to_string())])),
        Some(Notice::OtherTab) => text(ui.t("storage.other_tab")),
        Some(Notice::ClearCopyRemoved) => text(ui.t("protect.copy_removed")),
        Some(Notice::Protection(change)) => text(ui.t(match change {
            ProtectionChange::On => "protect.done_on",
            ProtectionChange::Off => "protect.done_off",
            ProtectionChange::Changed => "protect.done_changed",
        })),
        Some(Notice::Deleted(record)) => {
            let undo = {
                let on_change = on_change.clone();
                let record = record.clone();
                Callback::from(move |_: MouseEvent| {
                    on_change.emit((
                        vec![Change::RestoreRecord(record.clone(), now())],
                        Some(Notice::Restored),
                    ))
                })
            };
            html! {
                <p class="ac-notice ac-notice--ok">
                    { ui.f("history.deleted", &[("date", &ui.date_time(record.at))]) }{ " " }
                    <button type="button" class="ac-button ac-button--small" onclick={undo}>{ ui.t("history.undo") }</button>
                </p>
            }
        }
        _ => html! {},
    }
}

fn alert(ui: &Ui, state: &UseReducerHandle<State>, root: &NodeRef) -> Html {
    let text = match &state.notice {
        Some(Notice::Unrated(ids)) => {
            let labels: Vec<String> = ids
                .iter()
                .map(|id| {
                    state
                        .instrument
                        .scale(id)
                        .map_or_else(|| id.clone(), |s| ui.pick(&s.label))
                })
                .collect();
            ui.f("review.unrated", &[("labels", &labels.join(", "))])
        }
        Some(Notice::CommentTooLong(max)) => {
            ui.f("question.too_long", &[("max", &max.to_string())])
        }
        Some(Notice::SaveFailed(e)) => {
            return html! {
                <div class="ac-notice ac-notice--error">
                    <p>{ format!("{} {}", save_failed_text(ui, e), ui.t("save.failed.kept")) }</p>
                    <button type="button" class="ac-button" onclick={rescue(ui, state, root)}>{ ui.t("save.failed.download") }</button>
                </div>
            };
        }
        Some(Notice::Refused(e)) => change_error_text(ui, e),
        Some(Notice::FinishFirst) => ui.t("history.finish_first"),
        Some(Notice::DownloadFailed(reason)) => ui.f("data.download_failed", &[("reason", reason)]),
        Some(Notice::ImportFailed(e)) => import_error_text(ui, e),
        Some(Notice::ReadFailed) => ui.t("data.read_failed"),
        Some(Notice::WrongPassphrase) => ui.t("unlock.wrong"),
        Some(Notice::LockedElsewhere) => ui.t("unlock.locked_elsewhere"),
        Some(Notice::ProtectionFailed(e)) => {
            ui.f("protect.failed", &[("reason", &save_failed_text(ui, e))])
        }
        _ => return html! {},
    };
    html! { <p class="ac-notice ac-notice--error">{ text }</p> }
}

/// When a save failed: download the history together with the check that
/// could not be saved, so nothing is lost even with storage full.
fn rescue(ui: &Ui, state: &UseReducerHandle<State>, root: &NodeRef) -> Callback<MouseEvent> {
    let (ui, state, root) = (ui.clone(), state.clone(), root.clone());
    Callback::from(move |_: MouseEvent| {
        let Some(parent) = root.cast::<web_sys::Element>() else {
            return;
        };
        let with_check = state
            .draft
            .complete(&state.instrument, &state.doc.goals, now(), entropy())
            .ok()
            .and_then(|(_, changes)| state.doc.apply(&changes).ok())
            .unwrap_or_else(|| (*state.doc).clone());
        // A protected history is rescued encrypted, like it is stored.
        if let Some(key) = state.protection.key().cloned() {
            let state = state.clone();
            spawn_local(async move {
                if let Err(reason) = offer_sealed(&state, &with_check, &key, &parent).await {
                    state.dispatch(Action::Notify(Notice::DownloadFailed(reason)));
                }
            });
        } else if let Err(reason) = offer(&ui, &state, &with_check, Format::Json, &parent) {
            state.dispatch(Action::Notify(Notice::DownloadFailed(reason)));
        }
    })
}

fn change_error_text(ui: &Ui, e: &ChangeError) -> String {
    match e {
        ChangeError::Goal(GoalError::Empty) => ui.t("goals.error.empty"),
        ChangeError::Goal(GoalError::TooLong(max)) => {
            ui.f("goals.error.too_long", &[("max", &max.to_string())])
        }
        ChangeError::Goal(GoalError::TooManyActive(max)) => {
            ui.f("goals.error.too_many", &[("max", &max.to_string())])
        }
        ChangeError::Goal(GoalError::Unknown) => ui.t("goals.error.unknown"),
        ChangeError::RecordGone => ui.t("history.gone"),
    }
}

/// Plain words for a failed save.
fn save_failed_text(ui: &Ui, err: &StorageError) -> String {
    match err {
        StorageError::Unavailable => ui.t("save.failed.unavailable"),
        StorageError::QuotaExceeded => ui.t("save.failed.quota"),
        StorageError::Corrupt { .. } => ui.t("save.failed.corrupt"),
        StorageError::NewerSchema { found } => {
            ui.f("save.failed.newer", &[("found", &found.to_string())])
        }
        StorageError::Refused(e) => change_error_text(ui, e),
        StorageError::Crypto(CryptoError::Unavailable) => ui.t("protect.unavailable"),
        StorageError::ClearCopies => ui.t("protect.clear_copies"),
        other => ui.f("save.failed.other", &[("reason", &other.to_string())]),
    }
}

/// Downloads the unreadable text kept under a quarantine key, as it was.
fn download_quarantine(
    store: &Rc<Store>,
    root: &NodeRef,
    state: &UseReducerHandle<State>,
) -> Callback<String> {
    let (store, root, state) = (store.clone(), root.clone(), state.clone());
    Callback::from(move |key: String| {
        let (Some(parent), Some(text)) =
            (root.cast::<web_sys::Element>(), store.read_quarantine(&key))
        else {
            return;
        };
        let profile = state.profile.clone().unwrap_or_default();
        let name = format!("alliance-check-{profile}-unreadable-{}.txt", now().date());
        if let Err(reason) = download(&parent, &name, "text/plain;charset=utf-8", &text) {
            state.dispatch(Action::Notify(Notice::DownloadFailed(reason)));
        }
    })
}

fn load_banner(
    ui: &Ui,
    state: &UseReducerHandle<State>,
    store: &Rc<Store>,
    root: &NodeRef,
) -> Html {
    let text = match &state.load_problem {
        None => return html! {},
        Some(StorageError::Unavailable) => ui.t("storage.unavailable"),
        Some(StorageError::Corrupt {
            kept_at: Some(key),
            reason,
        }) => {
            let download_raw = download_quarantine(store, root, state).reform({
                let key = key.clone();
                move |_: MouseEvent| key.clone()
            });
            return html! {
                <div class="ac-notice ac-notice--warn ac-banner">
                    <p>{ ui.f("storage.corrupt_kept", &[("reason", reason), ("key", key)]) }</p>
                    <button type="button" class="ac-button" onclick={download_raw}>{ ui.t("storage.download_quarantine") }</button>
                </div>
            };
        }
        Some(StorageError::Corrupt {
            kept_at: None,
            reason,
        }) => ui.f("storage.corrupt_unkept", &[("reason", reason)]),
        Some(StorageError::NewerSchema { found }) => {
            ui.f("storage.newer", &[("found", &found.to_string())])
        }
        Some(other) => ui.f("storage.other", &[("reason", &other.to_string())]),
    };
    html! { <p class="ac-notice ac-notice--warn ac-banner">{ text }</p> }
}
