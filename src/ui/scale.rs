//! One visual-analogue scale on a native range input.

use yew::prelude::*;

use crate::core::rating::Rating;
use crate::ui::context::use_ui;

/// Props of [`ScaleInput`].
#[derive(Properties, PartialEq)]
pub struct ScaleProps {
    /// Unique DOM id for the input.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// What 0 means.
    pub low: AttrValue,
    /// What 10 means.
    pub high: AttrValue,
    /// The rating given so far, if any.
    pub value: Option<Rating>,
    /// Called with the new rating whenever the client moves the slider.
    pub on_rate: Callback<Rating>,
    /// Language of the label and end texts, when it differs from the
    /// widget's (an instrument without the reader's language).
    #[prop_or_default]
    pub lang: Option<AttrValue>,
}

/// A labelled 0–10 slider with its two end texts and its current value,
/// announced as "7.4 of 10".
///
/// Until the client touches it the slider is "not rated yet": the mark is
/// hidden, so a resting position cannot nudge the answer, and the check
/// cannot be saved. Any movement, click or key press on it gives a rating.
#[function_component(ScaleInput)]
pub fn scale_input(props: &ScaleProps) -> Html {
    let ui = use_ui();
    let rate = {
        let on_rate = props.on_rate.clone();
        move |e: &Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(r) = Rating::parse(&input.value()) {
                on_rate.emit(r);
            }
        }
    };
    let oninput = {
        let rate = rate.clone();
        Callback::from(move |e: InputEvent| rate(&e))
    };
    let onclick = Callback::from(move |e: MouseEvent| rate(&e));
    let ends_id = format!("{}-ends", props.id);
    let value_text = match props.value {
        Some(r) => ui.f("scale.value", &[("value", &r.to_string())]),
        None => ui.t("scale.unrated"),
    };
    let shown = props
        .value
        .map_or_else(|| "–".to_string(), |r| r.to_string());
    let class = classes!("ac-scale", props.value.is_none().then_some("is-unset"));
    html! {
        <div {class} lang={props.lang.clone()}>
            <label class="ac-scale__label" for={props.id.clone()}>{ &props.label }</label>
            <div class="ac-scale__row">
                <input
                    type="range"
                    id={props.id.clone()}
                    class="ac-scale__input"
                    min="0" max="10" step="0.1"
                    value={props.value.unwrap_or(Rating::clamped(50)).to_string()}
                    aria-valuetext={value_text}
                    aria-describedby={ends_id.clone()}
                    {oninput}
                    {onclick}
                />
                <output class="ac-scale__value" for={props.id.clone()} aria-hidden="true">
                    { shown }<span class="ac-scale__of">{ " / 10" }</span>
                </output>
            </div>
            <div class="ac-scale__ends" id={ends_id}>
                <span class="ac-scale__end ac-scale__end--low">{ ui.t("scale.low_prefix") }{ &props.low }</span>
                <span class="ac-scale__end ac-scale__end--high">{ ui.t("scale.high_prefix") }{ &props.high }</span>
            </div>
        </div>
    }
}
