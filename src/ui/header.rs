//! The widget's header: its title, the open profile (on shared devices with
//! codes), the language menu, and the navigation between the check, the
//! history and the goals.

use yew::prelude::*;

use crate::ui::context::{use_ui, Ui};
use crate::ui::state::{Action, Screen};

/// Props of [`Header`]: what it shows, decided by the state
/// (`State::tab`, `State::named_profile`), and where its choices go.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Show the widget's title (a host may have its own heading).
    pub title: bool,
    /// The profile code to name, if any.
    pub profile: Option<AttrValue>,
    /// The language shown.
    pub lang: AttrValue,
    /// A language chosen in the menu, and what to tell when it was switched
    /// to (or could not be: the menu then shows the language it was in).
    pub on_language: Callback<(AttrValue, Callback<bool>)>,
    /// The current tab; `None`: no navigation.
    pub tab: Option<Screen>,
    /// The instrument asks for goals: a tab for them.
    pub goals: bool,
    /// Profiles have codes: a button closes the open one.
    pub close: bool,
    /// Slow work is under way (closing waits).
    pub busy: bool,
    /// Where the navigation's actions go.
    pub dispatch: Callback<Action>,
}

/// Title, profile, language menu and navigation.
#[component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let ui = use_ui();
    // A language chosen whose file is still on its way.
    let loading = use_state(|| false);
    html! {
        <>
            <header class={classes!("ac__header", (!props.title).then_some("ac__header--untitled"))}>
                // Without a visible title the heading stays for screen
                // readers: it names the widget's region.
                <h2 class={classes!("ac__title", (!props.title).then_some("ac-visually-hidden"))} id={ui.id("title")}>{ ui.t("widget.title") }</h2>
                if let Some(p) = &props.profile {
                    <p class="ac__profile">{ ui.f("profile.current", &[("code", p)]) }</p>
                }
                { language_switch(&ui, &props.lang, &props.on_language, &loading) }
            </header>
            if let Some(here) = &props.tab { { nav(&ui, props, here) } }
        </>
    }
}

/// A small language menu; each language named in itself. While a chosen
/// language's file is on its way the menu says it is busy.
fn language_switch(
    ui: &Ui,
    lang: &AttrValue,
    on_language: &Callback<(AttrValue, Callback<bool>)>,
    loading: &UseStateHandle<bool>,
) -> Html {
    let id = ui.id("lang");
    let onchange = {
        let (lang, on_language, loading) = (lang.clone(), on_language.clone(), loading.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let (chosen, shown, busy) = (select.value(), lang.clone(), loading.clone());
            loading.set(true);
            let done = Callback::from(move |switched: bool| {
                busy.set(false);
                if !switched {
                    select.set_value(&shown);
                }
            });
            on_language.emit((chosen.into(), done));
        })
    };
    html! {
        <div class="ac__lang">
            <label for={id.clone()}>{ ui.t("language.label") }</label>
            <select {id} {onchange} aria-busy={loading.then_some("true")}>
                { for crate::i18n::choices().map(|(tag, name)| html! {
                    <option value={tag} lang={tag} selected={lang.as_str() == tag}>{ name }</option>
                }) }
            </select>
        </div>
    }
}

fn nav(ui: &Ui, props: &HeaderProps, here: &Screen) -> Html {
    // `data-ac-intent`: the pre-rendered first screen's word for a button
    // pressed before the widget took over (`takeover.rs`).
    let item = |screen: Screen, key: &str, intent: Option<&'static str>| {
        let current = *here == screen;
        let dispatch = props.dispatch.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| dispatch.emit(Action::Show(screen.clone())));
        html! {
            <li>
                <button type="button" class={classes!("ac-nav__item", current.then_some("is-current"))}
                    aria-current={current.then_some("page")} {onclick} data-ac-intent={intent}>{ ui.t(key) }</button>
            </li>
        }
    };
    let close = props.dispatch.reform(|_: MouseEvent| Action::CloseProfile);
    html! {
        <nav class="ac-nav" aria-label={ui.t("nav.label")}>
            <ul class="ac-nav__list">
                { item(Screen::Check, "nav.check", None) }
                { item(Screen::History, "nav.history", Some("history")) }
                if props.goals { { item(Screen::Goals, "nav.goals", Some("goals")) } }
                if props.close {
                    <li><button type="button" class="ac-nav__item" onclick={close} disabled={props.busy}>{ ui.t("nav.close_profile") }</button></li>
                }
            </ul>
        </nav>
    }
}
