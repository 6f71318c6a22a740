//! The passphrase prompt of a protected history. Nothing of the history is
//! in memory until the passphrase opens it.

use yew::prelude::*;

use crate::ui::context::use_ui;
use crate::ui::effects::Effects;

/// Props of [`Unlock`].
#[derive(Properties, PartialEq)]
pub struct UnlockProps {
    /// Opens the history with the passphrase.
    pub fx: Effects,
    /// A key is being derived: the button waits.
    pub busy: bool,
    /// Close the profile instead (shared devices with codes).
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

/// Asks for the passphrase.
#[component(Unlock)]
pub fn unlock(props: &UnlockProps) -> Html {
    let ui = use_ui();
    let field = use_node_ref();
    let id = ui.id("unlock-passphrase");
    let onsubmit = {
        let (field, fx) = (field.clone(), props.fx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                let passphrase = input.value();
                if !passphrase.is_empty() {
                    input.set_value("");
                    fx.unlock(passphrase);
                }
            }
        })
    };
    let close = props.on_close.clone().map(|close| {
        html! {
            <button type="button" class="ac-button" disabled={props.busy} onclick={close.reform(|_: MouseEvent| ())}>{ ui.t("nav.close_profile") }</button>
        }
    });
    html! {
        <section class="ac-unlock" aria-labelledby={ui.id("unlock-title")}>
            <h3 class="ac-section__title" id={ui.id("unlock-title")} tabindex="-1">{ ui.t("unlock.title") }</h3>
            <form class="ac-profile__form" {onsubmit} novalidate=true aria-busy={props.busy.to_string()}>
                <p class="ac-check__intro">{ ui.t("unlock.intro") }</p>
                <label class="ac-field__label" for={id.clone()}>{ ui.t("unlock.label") }</label>
                <div class="ac-add-goal__row">
                    <input {id} class="ac-field__input" type="password" autocomplete="current-password"
                        spellcheck="false" ref={field} required=true />
                    <button type="submit" class="ac-button ac-button--primary" disabled={props.busy}>{ ui.t("unlock.open") }</button>
                </div>
                if props.busy { <p class="ac-field__hint">{ ui.t("protect.working") }</p> }
            </form>
            { for close }
        </section>
    }
}
