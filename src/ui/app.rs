//! The root component: one reducer ([`State`]), the effects that touch
//! storage (open a profile, keep the draft, save, commit changes), and the
//! screen chosen by the state. Child components receive the state handle
//! and these callbacks; none of them touches storage.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::{Change, Document};
use crate::core::instrument::Instrument;
use crate::core::record::RecordError;
use crate::i18n::Texts;
use crate::storage::{StorageError, Store};
use crate::ui::check::CheckFlow;
use crate::ui::context::Ui;
use crate::ui::format::local_date_time;
use crate::ui::goals::GoalManager;
use crate::ui::history::History;
use crate::ui::profile::ProfileGate;
use crate::ui::state::{Action, Notice, Screen, State};
use crate::ui::summary::Saved;
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
}

type OnChange = Callback<(Vec<Change>, Option<Notice>)>;

/// Applies changes to the stored history, or — when this browser window
/// gives no storage — to the history in memory, so the check still works
/// for this page.
fn commit(store: &Store, state: &State, changes: &[Change]) -> Result<Document, StorageError> {
    let Some(profile) = &state.profile else {
        return Err(StorageError::Unavailable);
    };
    if store.is_available() {
        store.update(profile, changes)
    } else {
        state.doc.apply(changes).map_err(StorageError::Refused)
    }
}

fn opened(store: &Store, profile: String) -> Action {
    Action::Opened {
        doc: match store.load(&profile) {
            Err(StorageError::Unavailable) => Err(StorageError::Unavailable),
            other => other,
        },
        draft: store.load_draft(&profile),
        profile,
    }
}

/// The end-of-session check widget.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_memo(props.namespace.clone(), |ns| Store::open(ns));
    let state = {
        let store = store.clone();
        let props = props.clone();
        use_reducer(move || {
            let s = Rc::new(State::new(
                (*props.instrument).clone(),
                props.instrument_error.as_ref().map(|e| e.to_string()),
            ));
            if props.profile_codes {
                (*s).clone()
            } else {
                (*s.reduce(opened(&store, props.profile.to_string()))).clone()
            }
        })
    };
    let ui = use_memo(
        (
            props.lang.clone(),
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

    // Keep the unfinished check in storage so it survives a reload.
    {
        let store = store.clone();
        use_effect_with(
            (state.profile.clone(), state.draft.clone()),
            move |(profile, draft)| {
                if let Some(profile) = profile {
                    // A failed draft write loses nothing: the draft is on screen.
                    let _ = store.save_draft(profile, draft);
                }
            },
        );
    }

    let on_save = {
        let (state, store) = (state.clone(), store.clone());
        Callback::from(move |()| {
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
                Ok((record, changes)) => match commit(&store, &state, &changes) {
                    Ok(doc) => {
                        if let Some(profile) = &state.profile {
                            let _ = store.discard_draft(profile);
                        }
                        state.dispatch(Action::Saved {
                            doc,
                            record,
                            kept: store.is_available(),
                        });
                    }
                    Err(e) => state.dispatch(Action::Notify(Notice::SaveFailed(e))),
                },
            }
        })
    };
    let on_change: OnChange = {
        let (state, store) = (state.clone(), store.clone());
        Callback::from(move |(changes, notice): (Vec<Change>, Option<Notice>)| {
            match commit(&store, &state, &changes) {
                Ok(doc) => state.dispatch(Action::Changed(doc, notice)),
                Err(StorageError::Refused(e)) => state.dispatch(Action::Notify(Notice::Goal(e))),
                Err(e) => state.dispatch(Action::Notify(Notice::SaveFailed(e))),
            }
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
        Callback::from(move |code: String| state.dispatch(opened(&store, code)))
    };
    let exists = {
        let store = store.clone();
        Callback::from(move |code: String| store.has_profile(&code))
    };

    let screen = match &state.screen {
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
        Screen::History => {
            html! { <History state={state.clone()} on_change={on_change.clone()} /> }
        }
        Screen::Goals => {
            html! { <GoalManager state={state.clone()} on_change={on_change.clone()} /> }
        }
    };
    let title_id = ui.id("title");
    html! {
        <ContextProvider<Ui> context={(*ui).clone()}>
            <section class="ac" lang={props.lang.clone()} aria-labelledby={title_id.clone()}>
                <header class="ac__header">
                    <h2 class="ac__title" id={title_id}>{ ui.t("widget.title") }</h2>
                    if props.profile_codes {
                        if let Some(p) = &state.profile {
                            <p class="ac__profile">{ ui.f("profile.current", &[("code", p)]) }</p>
                        }
                    }
                </header>
                { nav(&ui, &state, props.profile_codes) }
                if let Some(e) = &state.instrument_error {
                    <p class="ac-notice ac-notice--warn">{ ui.f("instrument.error", &[("reason", e)]) }</p>
                }
                { load_banner(&ui, state.load_problem.as_ref()) }
                { screen }
                <div class="ac-status" role="status">{ status(&ui, &state, &on_change) }</div>
                <div class="ac-alert" role="alert">{ alert(&ui, &state) }</div>
            </section>
        </ContextProvider<Ui>>
    }
}

fn nav(ui: &Ui, state: &UseReducerHandle<State>, profile_codes: bool) -> Html {
    if state.profile.is_none() {
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
                    <li><button type="button" class="ac-nav__item" onclick={close}>{ ui.t("nav.close_profile") }</button></li>
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
                    { ui.f("history.deleted", &[("date", &local_date_time(record.at.millis()))]) }{ " " }
                    <button type="button" class="ac-button ac-button--small" onclick={undo}>{ ui.t("history.undo") }</button>
                </p>
            }
        }
        _ => html! {},
    }
}

fn alert(ui: &Ui, state: &State) -> Html {
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
        Some(Notice::CommentTooLong(max)) => ui.f("question.hint", &[("max", &max.to_string())]),
        Some(Notice::SaveFailed(e)) => {
            format!("{} {}", save_failed_text(ui, e), ui.t("save.failed.kept"))
        }
        Some(Notice::Goal(e)) => goal_error_text(ui, e),
        _ => return html! {},
    };
    html! { <p class="ac-notice ac-notice--error">{ text }</p> }
}

fn goal_error_text(ui: &Ui, e: &crate::core::goals::GoalError) -> String {
    use crate::core::goals::GoalError;
    match e {
        GoalError::Empty => ui.t("goals.error.empty"),
        GoalError::TooLong(max) => ui.f("goals.error.too_long", &[("max", &max.to_string())]),
        GoalError::TooManyActive => ui.t("goals.error.too_many"),
        GoalError::Unknown => ui.t("goals.error.unknown"),
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
        StorageError::Refused(e) => goal_error_text(ui, e),
        other => ui.f("save.failed.other", &[("reason", &other.to_string())]),
    }
}

fn load_banner(ui: &Ui, problem: Option<&StorageError>) -> Html {
    let text = match problem {
        None => return html! {},
        Some(StorageError::Unavailable) => ui.t("storage.unavailable"),
        Some(StorageError::Corrupt {
            kept_at: Some(key),
            reason,
        }) => ui.f("storage.corrupt_kept", &[("reason", reason), ("key", key)]),
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
