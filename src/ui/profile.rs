//! Opening a profile on a shared device: type the code; nothing of any
//! profile is shown before that, and other profiles are listed only when
//! the embed asks for it.

use yew::prelude::*;

use crate::core::profile::normalize_code;
use crate::ui::context::use_ui;
use crate::ui::effects::Effects;

/// Props of [`ProfileGate`].
#[derive(Properties, PartialEq)]
pub struct ProfileGateProps {
    /// Opens a profile (created on first save), and tells whether one
    /// with a code exists here.
    pub fx: Effects,
    /// Profiles to list, when the embed allows listing them.
    pub listed: Vec<String>,
}

/// The code entry screen.
#[component(ProfileGate)]
pub fn profile_gate(props: &ProfileGateProps) -> Html {
    let ui = use_ui();
    let field = use_node_ref();
    // Some(code) when the typed code has no history yet: ask before creating.
    let unknown = use_state(|| None::<String>);
    let invalid = use_state(|| false);
    let id = ui.id("profile-code");
    let error_id = ui.id("profile-error");
    let oninput = {
        let unknown = unknown.clone();
        let invalid = invalid.clone();
        Callback::from(move |_: InputEvent| {
            unknown.set(None);
            invalid.set(false);
        })
    };
    let onsubmit = {
        let field = field.clone();
        let unknown = unknown.clone();
        let invalid = invalid.clone();
        let fx = props.fx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = field
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            match normalize_code(&typed) {
                Err(_) => invalid.set(true),
                Ok(code) if fx.profile_exists(&code) => fx.open(code),
                Ok(code) => unknown.set(Some(code)),
            }
        })
    };
    let create = (*unknown).clone().map(|code| {
        let (fx, c) = (props.fx.clone(), code.clone());
        html! {
            <div class="ac-notice ac-notice--warn" role="alert">
                <p>{ ui.f("profile.not_found", &[("code", &code)]) }</p>
                <button type="button" class="ac-button" onclick={Callback::from(move |_: MouseEvent| fx.open(c.clone()))}>
                    { ui.f("profile.create", &[("code", &code)]) }
                </button>
            </div>
        }
    });
    html! {
        <section class="ac-profile" aria-labelledby={ui.id("profile-title")}>
            <h3 class="ac-section__title" id={ui.id("profile-title")}>{ ui.t("profile.title") }</h3>
            <form class="ac-profile__form" {onsubmit} novalidate=true>
                <p class="ac-check__intro">{ ui.t("profile.intro") }</p>
                <label class="ac-field__label" for={id.clone()}>{ ui.t("profile.code_label") }</label>
                <div class="ac-add-goal__row">
                    <input {id} class="ac-field__input" type="text" autocomplete="off" spellcheck="false"
                        ref={field} {oninput}
                        aria-invalid={(*invalid).to_string()} aria-describedby={error_id.clone()} />
                    <button type="submit" class="ac-button ac-button--primary">{ ui.t("profile.open") }</button>
                </div>
                <p id={error_id} class="ac-field__error" role="alert">{ if *invalid { ui.t("profile.invalid") } else { String::new() } }</p>
            </form>
            { for create }
            if !props.listed.is_empty() {
                <h4 class="ac-goals__subtitle">{ ui.t("profile.list_title") }</h4>
                <ul class="ac-profile__list">
                    { for props.listed.iter().map(|code| {
                        let (fx, c) = (props.fx.clone(), code.clone());
                        html! { <li><button type="button" class="ac-link" onclick={Callback::from(move |_: MouseEvent| fx.open(c.clone()))}>{ code }</button></li> }
                    }) }
                </ul>
            }
        </section>
    }
}
