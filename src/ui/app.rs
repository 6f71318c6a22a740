//! The root component. It only wires: the reducer ([`State`]), the store
//! behind the [`Effects`], the texts in [`Ui`] context, the hooks that keep
//! the draft and follow other tabs, and the screen chosen by the state.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::errors::StorageError;
use crate::core::instrument::Instrument;
use crate::options::Theme;
use crate::takeover::{Carried, Focus};
use crate::ui::context::{FirstTyped, Ui};
use crate::ui::effects::{self, Effects};
use crate::ui::handover::ReceivePanel;
use crate::ui::header::Header;
use crate::ui::idle::{use_idle_reset, IdleWarning};
use crate::ui::notices::{LoadBanner, NoticeRegions};
use crate::ui::screens;
use crate::ui::state::{Action, Incoming, Screen, Setup, State};

/// Props of [`App`]: everything the embed decides.
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Prefix for DOM ids, unique per mounted instance.
    pub instance: AttrValue,
    /// Storage namespace (prefix of every key).
    pub namespace: AttrValue,
    /// The embed's language (a bundled language tag): a shared screen goes
    /// back to it for each next person.
    pub lang: AttrValue,
    /// The language the widget starts in, as `mount` decided it
    /// ([`crate::languages::starting`]: one picked in the first screen, else
    /// one chosen by hand on an earlier visit, else the embed's).
    pub start_lang: AttrValue,
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
    /// Show the widget's own title.
    pub title: bool,
    /// What the client did in the pre-rendered first screen.
    pub carried: Option<Rc<Carried>>,
    /// The language the widget was to start in, by its own name, when its
    /// file could not be had (it starts in English and says so).
    #[prop_or_default]
    pub language_unavailable: Option<AttrValue>,
    /// A hand-over this page was opened with (its fragment).
    pub handover: Option<AttrValue>,
    /// The page a hand-over link opens; by default this one.
    pub handover_url: Option<AttrValue>,
    /// On a shared screen, offer file downloads and import too.
    pub shared_downloads: bool,
    /// Shared mode: remove sealed profiles not opened for this many days.
    #[prop_or_default]
    pub profile_expiry: Option<u32>,
}

/// Moves focus after the client acts: to the heading of what is now shown,
/// or to a scale the state names (the first one still unrated).
#[hook]
fn use_focus(root: &NodeRef, ui: &Ui, focus: u32, scale: Option<String>) {
    let root = root.clone();
    // A slider's id, or the first face of a children's scale.
    let scale = scale.map(|id| {
        let id = ui.id(&format!("scale-{id}"));
        format!("#{id}, #{id}-face0")
    });
    use_effect_with(focus, move |focus| {
        if *focus == 0 {
            return;
        }
        let selector = scale.as_deref().unwrap_or("h3[tabindex='-1']");
        let target = root
            .cast::<web_sys::Element>()
            .and_then(|r| r.query_selector(selector).ok().flatten())
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(t) = target {
            let _ = t.focus();
        }
    });
}

/// Where the focus was in the pre-rendered first screen, put back once
/// the widget has taken it over (unless a pending Next or Start moved it
/// on). The numbers typed there are in the first render already
/// ([`FirstTyped`]).
#[hook]
fn use_carried_focus(root: &NodeRef, ui: &Ui, carried: Option<Rc<Carried>>) {
    let root = root.clone();
    let scale = |id: &str| format!("#{}", ui.id(&format!("scale-{id}")));
    let focus = carried
        .filter(|c| c.intent.is_none())
        .and_then(|c| c.focus.clone());
    let selector = focus.map(|f| match f {
        Focus::Slider(id) => scale(&id),
        Focus::Number(id) => format!(".ac-scale:has({}) .ac-scale__number", scale(&id)),
        Focus::Face(id, i) => format!("{}-face{i}", scale(&id)),
        Focus::Button => ".ac-check__nav button[type=submit], .ac-start button".into(),
        Focus::Language => format!("#{}", ui.id("lang")),
    });
    use_effect_with((), move |_| {
        let target = root
            .cast::<web_sys::Element>()
            .and_then(|r| r.query_selector(&selector?).ok().flatten())
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(t) = target {
            let _ = t.focus();
        }
    });
}

impl AppProps {
    /// The embed's choices as the state keeps them.
    fn setup(&self) -> Setup {
        Setup {
            shared: self.shared,
            codes: self.profile_codes,
            instrument: self.instrument.clone(),
            instrument_error: self.instrument_error.as_ref().map(|e| e.to_string()),
            // On a shared screen only when the host turned them on.
            downloads: !self.shared || self.shared_downloads,
        }
    }
}

/// The end-of-session check widget.
#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let store = effects::use_store(props.namespace.clone());
    let root = use_node_ref();
    // The profile opens at once unless a code is asked.
    let profile = (!props.profile_codes).then(|| props.profile.to_string());
    let unavailable = props.language_unavailable.clone();
    let state = effects::use_started(
        &store,
        props.setup(),
        profile,
        props.carried.clone(),
        unavailable,
    );
    let dispatch = use_dispatch(&state);
    // The client can switch the language (in the first screen too).
    let lang = use_state(|| props.start_lang.clone());
    let typed = use_memo((), |_| {
        FirstTyped::new(
            props
                .carried
                .as_ref()
                .map_or(Vec::new(), |c| c.typed.clone()),
        )
    });
    let ui = use_memo(
        (
            (*lang).clone(),
            props.instance.clone(),
            props.instrument.clone(),
        ),
        |(lang, instance, instrument)| Ui::new(lang, instance.clone(), instrument, typed),
    );
    let fx = Effects::new(
        store,
        state.clone(),
        root.clone(),
        (*ui).clone(),
        props.events_include_text,
        props.handover_url.clone(),
    );
    use_storage_hooks(&fx, props, (*lang).clone());
    effects::use_commands(&state, &fx);
    let on_language = use_language_menu(&fx, &lang, &state, &props.lang);
    use_focus(&root, &ui, state.focus, state.focus_scale.clone());
    use_carried_focus(&root, &ui, props.carried.clone());
    // Shared screens reset after the idle time, warning first.
    let idle = use_idle_reset(
        props.shared && !matches!(state.screen, Screen::Start | Screen::HandedBack),
        props.idle_seconds,
        dispatch.clone(),
    );

    let screen = screens::screen(&state, &fx, &ui, &dispatch);
    // Without storage the check works for this page only, and says so.
    let load_problem = state.load_problem.clone().or_else(|| {
        (state.profile.is_some() && !fx.is_persistent()).then_some(StorageError::Unavailable)
    });
    let class = root_class(props);
    let activity = idle.activity.clone();
    html! {
        <ContextProvider<Ui> context={(*ui).clone()}>
            <section {class} lang={(*lang).clone()} aria-labelledby={ui.id("title")} ref={root}
                onpointerdown={activity.reform(|_| ())} onkeydown={activity.reform(|_| ())}
                oninput={activity.reform(|_| ())}>
                <Header title={props.title} profile={state.named_profile().map(AttrValue::from)}
                    lang={(*lang).clone()} {on_language} tab={state.tab()}
                    goals={state.setup.instrument.goals.is_some()} close={props.profile_codes}
                    busy={state.busy} dispatch={dispatch.clone()} />
                if let Some(seconds) = idle.warning {
                    <IdleWarning {seconds} on_stay={idle.activity.clone()} />
                }
                if let Some(e) = &state.setup.instrument_error {
                    <p class="ac-notice ac-notice--warn">{ ui.f("instrument.error", &[("reason", e)]) }</p>
                }
                <LoadBanner problem={load_problem} fx={fx.clone()} />
                if cfg!(feature = "handover") {
                    <ReceivePanel incoming={state.incoming.clone()} doc={state.doc.clone()}
                        protection={state.protection.clone()} profile={state.profile.clone()}
                        codes={state.setup.codes} busy={state.busy} fx={fx.clone()} />
                }
                // A history arriving by link is decided on first, alone:
                // no empty check under "Add to this browser".
                if matches!(state.incoming, Incoming::None) || state.screen != Screen::Check { { screen } }
                <NoticeRegions notice={state.notice.clone()} instrument={state.setup.instrument.clone()} dispatch={dispatch.clone()} {fx} />
            </section>
        </ContextProvider<Ui>>
    }
}

/// The reducer's dispatcher as one `Callback<Action>` for the widget's
/// life, so narrow props compare equal from one render to the next.
#[hook]
fn use_dispatch(state: &UseReducerHandle<State>) -> Callback<Action> {
    let dispatcher = state.dispatcher();
    (*use_memo((), move |()| dispatcher.to_callback())).clone()
}

/// The language menu's choices ([`language_menu`]), and the language put
/// back on a shared screen for the next person ([`use_language_reset`]).
#[hook]
fn use_language_menu(
    fx: &Effects,
    lang: &UseStateHandle<AttrValue>,
    state: &UseReducerHandle<State>,
    initial: &AttrValue,
) -> Callback<(AttrValue, Callback<bool>)> {
    use_language_reset(
        state.setup.shared && state.screen == Screen::Start,
        lang,
        initial,
    );
    let latest = use_mut_ref(|| None::<AttrValue>);
    language_menu(fx, lang, &latest, state.dispatcher())
}

/// What the language menu does with a choice: switches once the texts are
/// here, or says they could not be had (`done` hears which). Only the
/// latest choice counts: a file that arrives, or fails, after the client
/// chose again changes nothing.
fn language_menu(
    fx: &Effects,
    lang: &UseStateHandle<AttrValue>,
    latest: &Rc<RefCell<Option<AttrValue>>>,
    dispatch: UseReducerDispatcher<State>,
) -> Callback<(AttrValue, Callback<bool>)> {
    let (fx, lang, latest) = (fx.clone(), lang.clone(), latest.clone());
    Callback::from(move |(tag, done): (AttrValue, Callback<bool>)| {
        *latest.borrow_mut() = Some(tag.clone());
        let (lang, latest, dispatch, chosen) =
            (lang.clone(), latest.clone(), dispatch.clone(), tag.clone());
        let loaded = Callback::from(move |ok: bool| {
            if latest.borrow().as_ref() != Some(&chosen) {
                return;
            }
            if ok {
                lang.set(chosen.clone());
                dispatch.dispatch(Action::Language(None));
            } else {
                dispatch.dispatch(Action::Language(Some(crate::languages::name(&chosen))));
            }
            done.emit(ok);
        });
        fx.load_language(tag, loaded);
    })
}

/// A shared screen's next person starts in the embed's language, not in
/// the one the person before chose: `lang` goes back to `initial` each time
/// the screen returns to its neutral start (not when the widget starts
/// there, where a language picked in the first screen counts).
#[hook]
fn use_language_reset(at_start: bool, lang: &UseStateHandle<AttrValue>, initial: &AttrValue) {
    let was = use_mut_ref(|| at_start);
    let (lang, initial) = (lang.clone(), initial.clone());
    use_effect_with(at_start, move |at_start| {
        let before = std::mem::replace(&mut *was.borrow_mut(), *at_start);
        if *at_start && !before {
            lang.set(crate::languages::starting(None, None, &initial).into());
        }
    });
}

/// The hooks that keep storage and the screen in step (`effects::hooks`).
#[hook]
fn use_storage_hooks(fx: &Effects, props: &AppProps, lang: AttrValue) {
    // A language picked in the first screen is a choice by hand too.
    let picked_first = props.carried.as_ref().is_some_and(|c| c.lang.is_some());
    effects::use_language(fx, lang, picked_first, props.shared);
    effects::use_kept_draft(fx);
    effects::use_other_tabs(fx);
    effects::use_forget_when_locked(fx);
    effects::use_forget_unkept(fx);
    effects::use_clear_copies(fx);
    effects::use_profile_list(fx, props.list_profiles);
    effects::use_persistence(fx);
    effects::use_received(fx, props.handover.clone());
    effects::use_expiry(fx, props.profile_expiry);
}

/// The root's classes: shared mode and a theme forced by the host.
fn root_class(props: &AppProps) -> Classes {
    classes!(
        "ac",
        props.shared.then_some("ac--shared"),
        match props.theme {
            Theme::Auto => None,
            Theme::Light => Some("ac--light"),
            Theme::Dark => Some("ac--dark"),
        }
    )
}
