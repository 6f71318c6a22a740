//! The neutral start of a shared screen: nothing of anyone is shown.

use yew::prelude::*;

use crate::ui::context::use_ui;
use crate::ui::state::{Action, State};

/// Props of [`StartScreen`].
#[derive(Properties, PartialEq)]
pub struct StartProps {
    /// The widget's state.
    pub state: UseReducerHandle<State>,
}

/// "Your end-of-session check" and a Start button.
#[component(StartScreen)]
pub fn start_screen(props: &StartProps) -> Html {
    let ui = use_ui();
    let start = {
        let dispatch = props.state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Start))
    };
    html! {
        <section class="ac-start" aria-labelledby={ui.id("start-title")}>
            <h3 class="ac-section__title" id={ui.id("start-title")} tabindex="-1">{ ui.t("shared.start.title") }</h3>
            <p class="ac-check__intro">{ ui.t("shared.start.intro") }</p>
            <button type="button" class="ac-button ac-button--primary ac-button--large" onclick={start}>{ ui.t("shared.start.button") }</button>
        </section>
    }
}
