//! The root component: one state, one action enum, storage called only at
//! the edges (initial load and save) through [`Store`].

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::Document;
use crate::core::draft::Draft;
use crate::core::instrument::Instrument;
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordError};
use crate::core::time::Timestamp;
use crate::storage::{StorageError, Store};
use crate::ui::format::local_date_time;
use crate::ui::history::History;
use crate::ui::scale::ScaleInput;

/// Props of [`App`]: everything the embed decides.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Prefix for DOM ids, unique per mounted instance.
    pub instance: AttrValue,
    /// Storage namespace (prefix of every key).
    pub namespace: AttrValue,
    /// The profile whose history is shown.
    pub profile: AttrValue,
}

/// What the client is told after an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The record was saved and read back.
    Saved(Timestamp),
    /// Saving was refused before touching storage: some scales are unrated.
    Unrated(Vec<String>),
    /// Storage failed; the answers are still on screen.
    SaveFailed(StorageError),
}

/// The whole UI state.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    instrument: Rc<Instrument>,
    draft: Draft,
    records: Rc<Vec<Record>>,
    /// A storage problem found on load, shown until the page closes.
    load_problem: Option<StorageError>,
    notice: Option<Notice>,
}

/// Every change to [`State`].
pub enum Action {
    /// The client moved a slider.
    Rate(String, Rating),
    /// Saving was refused or failed.
    Notify(Notice),
    /// The document now stored (after a confirmed save).
    Saved(Document, Timestamp),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Rate(scale, rating) => {
                next.draft.rate(&scale, rating);
                if matches!(next.notice, Some(Notice::Unrated(_))) {
                    next.notice = None;
                }
            }
            Action::Notify(notice) => next.notice = Some(notice),
            Action::Saved(doc, at) => {
                next.records = Rc::new(doc.records);
                next.draft = Draft::default();
                next.notice = Some(Notice::Saved(at));
            }
        }
        Rc::new(next)
    }
}

impl State {
    fn load(store: &Store, profile: &str) -> State {
        let (records, load_problem) = match store.load(profile) {
            Ok(doc) => (doc.records, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        let load_problem =
            load_problem.or((!store.is_available()).then_some(StorageError::Unavailable));
        State {
            instrument: Rc::new(Instrument::default_alliance()),
            draft: Draft::default(),
            records: Rc::new(records),
            load_problem,
            notice: None,
        }
    }
}

fn now() -> Timestamp {
    Timestamp::clamped(js_sys::Date::now() as i64)
}

fn entropy() -> u64 {
    let hi = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let lo = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (hi << 32) | lo
}

/// The end-of-session check: the four scales, save, and the saved sessions.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = use_memo(props.namespace.clone(), |ns| Store::open(ns));
    let state = {
        let store = store.clone();
        let profile = props.profile.clone();
        use_reducer(move || State::load(&store, &profile))
    };

    let on_submit = {
        let state = state.clone();
        let store = store.clone();
        let profile = props.profile.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let at = now();
            match state.draft.complete(&state.instrument, at, entropy()) {
                Err(RecordError::Unrated(labels)) => {
                    state.dispatch(Action::Notify(Notice::Unrated(labels)))
                }
                Err(RecordError::UnknownScale(_)) => {}
                Ok(record) => match store.append(&profile, &record) {
                    Ok(doc) => state.dispatch(Action::Saved(doc, at)),
                    Err(err) => state.dispatch(Action::Notify(Notice::SaveFailed(err))),
                },
            }
        })
    };

    let heading_id = format!("{}-title", props.instance);
    html! {
        <section class="ac" aria-labelledby={heading_id.clone()}>
            <h2 class="ac__title" id={heading_id}>{ "How was today's session?" }</h2>
            { load_banner(state.load_problem.as_ref()) }
            <form class="ac-form" onsubmit={on_submit} novalidate=true>
                <p class="ac-form__intro">
                    { "Move each slider to show how today felt, from 0 to 10. There are no right answers; honest, small criticism helps most." }
                </p>
                { for state.instrument.scales.iter().map(|scale| {
                    let dispatch = state.dispatcher();
                    let id = scale.id.clone();
                    html! {
                        <ScaleInput
                            key={scale.id.clone()}
                            id={format!("{}-{}", props.instance, scale.id)}
                            scale={scale.clone()}
                            value={state.draft.rating(&scale.id)}
                            on_rate={Callback::from(move |r| dispatch.dispatch(Action::Rate(id.clone(), r)))}
                        />
                    }
                }) }
                <div class="ac-form__actions">
                    <button type="submit" class="ac-button ac-button--primary">{ "Save this check" }</button>
                </div>
                <div class="ac-status" role="status" aria-live="polite">
                    { status_text(state.notice.as_ref()) }
                </div>
                <div class="ac-alert" role="alert">
                    { alert_text(state.notice.as_ref()) }
                </div>
            </form>
            <section class="ac-history" aria-label="Your saved sessions">
                <h3 class="ac-history__title">{ "Your saved sessions" }</h3>
                <History instrument={state.instrument.clone()} records={state.records.clone()} />
            </section>
        </section>
    }
}

fn status_text(notice: Option<&Notice>) -> Html {
    match notice {
        Some(Notice::Saved(at)) => html! {
            <p class="ac-notice ac-notice--ok">{ format!("Saved. Thank you. (Session of {})", local_date_time(at.millis())) }</p>
        },
        _ => html! {},
    }
}

fn alert_text(notice: Option<&Notice>) -> Html {
    match notice {
        Some(Notice::Unrated(labels)) => html! {
            <p class="ac-notice ac-notice--warn">{ format!("Please rate every scale before saving. Not rated yet: {}.", labels.join(", ")) }</p>
        },
        Some(Notice::SaveFailed(err)) => html! {
            <p class="ac-notice ac-notice--error">{ save_failed_text(err) }</p>
        },
        _ => html! {},
    }
}

/// Plain words for a failed save. The answers stay on screen either way.
pub fn save_failed_text(err: &StorageError) -> String {
    let what = match err {
        StorageError::Unavailable => "This browser window does not allow saving.".to_string(),
        StorageError::QuotaExceeded => "The browser's storage is full, so this check was not saved.".to_string(),
        StorageError::Corrupt { kept_at: None, .. } => "Your earlier history could not be read and could not be set aside safely, so nothing was written over it.".to_string(),
        StorageError::NewerSchema { found } => format!("Your history was saved by a newer version of this check (format {found}); this version will not change it."),
        other => format!("Not saved: {other}."),
    };
    format!("{what} Your answers are still here.")
}

fn load_banner(problem: Option<&StorageError>) -> Html {
    let text = match problem {
        None => return html! {},
        Some(StorageError::Unavailable) => "This browser window does not allow saving. You can still do the check, but it will not be kept after you close the page.".to_string(),
        Some(StorageError::Corrupt { kept_at: Some(key), reason }) => format!("Your saved history could not be read ({reason}). Its text has been kept unchanged under \"{key}\", so nothing is lost; new sessions start a fresh history."),
        Some(StorageError::Corrupt { kept_at: None, reason }) => format!("Your saved history could not be read ({reason}). It has been left untouched, and saving is paused so that nothing is written over it."),
        Some(StorageError::NewerSchema { found }) => format!("Your history was saved by a newer version of this check (format {found}). It has been left unchanged, and this version will not save over it."),
        Some(other) => format!("Your saved history could not be opened: {other}."),
    };
    html! { <p class="ac-notice ac-notice--warn ac-banner">{ text }</p> }
}
