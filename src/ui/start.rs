//! The neutral start of a shared screen: nothing of anyone is shown.

use std::time::Duration;

use yew::prelude::*;

use crate::ui::context::use_ui;
use crate::ui::state::Action;
use crate::ui::timers;

/// Props of [`StartScreen`].
#[derive(Properties, PartialEq)]
pub struct StartProps {
    /// Where Start goes.
    pub dispatch: Callback<Action>,
}

/// "Your end-of-session check" and a Start button.
#[component(StartScreen)]
pub fn start_screen(props: &StartProps) -> Html {
    let ui = use_ui();
    let start = props.dispatch.reform(|_: MouseEvent| Action::Start);
    html! {
        <section class="ac-start" aria-labelledby={ui.id("start-title")}>
            <h3 class="ac-section__title" id={ui.id("start-title")} tabindex="-1">{ ui.t("shared.start.title") }</h3>
            <p class="ac-check__intro">{ ui.t("shared.start.intro") }</p>
            <button type="button" class="ac-button ac-button--primary ac-button--large" onclick={start} data-ac-intent="start">{ ui.t("shared.start.button") }</button>
        </section>
    }
}

/// Seconds after which the hand-back screen returns to the start by itself.
pub const HANDED_BACK_SECONDS: u64 = 20;

/// Props of [`HandedBack`].
#[derive(Properties, PartialEq)]
pub struct HandedBackProps {
    /// Where Done (or the time running out) goes.
    pub dispatch: Callback<Action>,
}

/// "Please hand the device back", and Done: nothing else, nothing of the
/// client who just finished (their profile is already closed). After
/// [`HANDED_BACK_SECONDS`] it returns to the start by itself.
#[component(HandedBack)]
pub fn handed_back(props: &HandedBackProps) -> Html {
    let ui = use_ui();
    {
        let dispatch = props.dispatch.clone();
        use_effect_with((), move |_| {
            let timer = timers::after(Duration::from_secs(HANDED_BACK_SECONDS), move || {
                dispatch.emit(Action::Neutral);
            });
            move || timer.stop()
        });
    }
    let done = props.dispatch.reform(|_: MouseEvent| Action::Neutral);
    html! {
        <section class="ac-saved ac-handback" aria-labelledby={ui.id("handback-title")}>
            <h3 class="ac-section__title" id={ui.id("handback-title")} tabindex="-1">{ ui.t("shared.handback.title") }</h3>
            <button type="button" class="ac-button ac-button--primary ac-button--large" onclick={done}>{ ui.t("shared.handback.done") }</button>
        </section>
    }
}
