//! One scale: a native range input with a typed-number alternative, or —
//! for the children's instrument — five faces.

use yew::prelude::*;

use crate::core::rating::Rating;
use crate::prerender::{face_parts, FacePart};
use crate::ui::context::{face_of, use_ui, Ui};

/// Props of [`ScaleInput`].
#[derive(Properties, PartialEq, Clone)]
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
    /// Five faces instead of a slider (the children's instrument).
    #[prop_or_default]
    pub faces: bool,
    /// Next or Save found it unrated: outlined, with "Not rated yet — tap
    /// the line" on the scale itself.
    #[prop_or_default]
    pub missing: bool,
    /// The instrument's id of this scale (`data-scale`: the pre-rendered
    /// first screen's ratings are carried over by it); `None` for a goal.
    #[prop_or_default]
    pub scale: Option<AttrValue>,
}

/// "Not rated yet — tap the line" under a scale Next found unrated, named
/// in its description (`None` when it is rated or not asked about).
fn missing_note(ui: &Ui, props: &ScaleProps) -> Option<(String, Html)> {
    (props.missing && props.value.is_none()).then(|| {
        let id = format!("{}-missing", props.id);
        let note =
            html! { <p class="ac-scale__missing" id={id.clone()}>{ ui.t("scale.missing") }</p> };
        (id, note)
    })
}

/// A labelled 0–10 scale with its two end texts and its current value,
/// announced as "7.4 of 10".
///
/// The slider is "not rated yet" until the client touches it: the mark is
/// hidden, so a resting position cannot nudge the answer, and the check
/// cannot be saved. Beside it a small text field shows the value and takes a
/// typed number ("7.4" or "7,4"), for anyone for whom a slider is hard.
#[component(ScaleInput)]
pub fn scale_input(props: &ScaleProps) -> Html {
    let ui = use_ui();
    let number = use_typed_number(props, &ui);
    if props.faces {
        return html! { <FaceScale ..props.clone() /> };
    }
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
    // A tap or click where the resting mark already is changes nothing, so
    // no input event comes: the release of the pointer rates it anyway.
    let onpointerup = Callback::from(move |e: PointerEvent| rate(&e));
    let ends_id = format!("{}-ends", props.id);
    let error_id = format!("{}-error", props.id);
    let value_text = match props.value {
        Some(r) => ui.f("scale.value", &[("value", &ui.num(r))]),
        None => ui.t("scale.unrated"),
    };
    let missing = missing_note(&ui, props);
    let class = classes!(
        "ac-scale",
        props.value.is_none().then_some("is-unset"),
        missing.is_some().then_some("is-missing")
    );
    let described = match &missing {
        Some((id, _)) => format!("{ends_id} {id}"),
        None => ends_id.clone(),
    };
    let example = ui.num(Rating::clamped(75));
    html! {
        <div {class} lang={props.lang.clone()} data-scale={props.scale.clone()}>
            <label class="ac-scale__label" for={props.id.clone()}>{ &props.label }</label>
            <div class="ac-scale__row">
                <input
                    type="range"
                    id={props.id.clone()}
                    class="ac-scale__input"
                    min="0" max="10" step="0.1"
                    value={props.value.unwrap_or(Rating::clamped(50)).to_string()}
                    aria-valuetext={value_text}
                    aria-describedby={described}
                    {oninput}
                    {onpointerup}
                />
                <span class="ac-scale__value">
                    <input class="ac-scale__number" type="text" inputmode="decimal" autocomplete="off"
                        size="4" maxlength="4"
                        aria-label={ui.f("scale.number_label", &[("label", &props.label)])}
                        aria-invalid={number.invalid.to_string()}
                        aria-describedby={error_id.clone()}
                        value={number.shown}
                        oninput={number.oninput} onchange={number.onchange}
                        onkeydown={number.onkeydown} onblur={number.onblur} />
                    <span class="ac-scale__of" aria-hidden="true">{ " / 10" }</span>
                </span>
            </div>
            { for missing.map(|(_, note)| note) }
            <p class="ac-scale__error" id={error_id} role="alert">
                { if number.invalid { ui.f("scale.number_invalid", &[("example", &example)]) } else { String::new() } }
            </p>
            <div class="ac-scale__ends" id={ends_id}>
                <span class="ac-scale__end ac-scale__end--low">{ ui.t("scale.low_prefix") }{ &props.low }</span>
                <span class="ac-scale__end ac-scale__end--high">{ ui.t("scale.high_prefix") }{ &props.high }</span>
            </div>
        </div>
    }
}

/// A scale's typed-number field: what it shows, whether it holds a number
/// that is not a rating (shown with its message), and its handlers.
struct TypedNumber {
    shown: String,
    invalid: bool,
    oninput: Callback<InputEvent>,
    onchange: Callback<Event>,
    onkeydown: Callback<KeyboardEvent>,
    onblur: Callback<FocusEvent>,
}

/// The typed alternative to a slider, for anyone for whom a slider is
/// hard: checked when the client leaves the field or presses Enter, never
/// while typing; what is typed is never wiped by a redraw.
#[hook]
fn use_typed_number(props: &ScaleProps, ui: &Ui) -> TypedNumber {
    let (value, on_rate) = (props.value, props.on_rate.clone());
    // What was typed here in the pre-rendered first screen, on the first
    // render only: with its message if the first screen checked it, else
    // checked when the client leaves the field.
    let first = props.scale.as_ref().and_then(|s| ui.typed.take(s));
    let first_text = |checked: bool| {
        let first = first.as_ref().filter(|t| t.checked == checked);
        move || first.map(|t| t.text.clone())
    };
    // A typed number that is not a rating (e.g. "12"): kept in its field
    // with the message, not wiped, until the client changes it.
    let invalid = use_state(first_text(true));
    // What is in the field while the client types, not checked yet: the
    // field shows it on every render, so nothing re-renders it away.
    let typing = use_state(first_text(false));
    // Typed since the last check (read when leaving the field, so it is
    // never a render behind).
    let unchecked = use_mut_ref(|| typing.is_some());
    use_cleared_on_new_rating(value, [invalid.clone(), typing.clone()]);
    let on_typed = {
        let (on_rate, invalid, typing) = (on_rate, invalid.clone(), typing.clone());
        let unchecked = unchecked.clone();
        move |input: web_sys::HtmlInputElement| {
            *unchecked.borrow_mut() = false;
            typing.set(None);
            let text = input.value();
            match (text.trim().is_empty(), Rating::parse(&text)) {
                (true, _) => invalid.set(None),
                (false, Ok(r)) => {
                    invalid.set(None);
                    on_rate.emit(r);
                }
                (false, Err(_)) => invalid.set(Some(text)),
            }
        }
    };
    let onchange = {
        let on_typed = on_typed.clone();
        Callback::from(move |e: Event| on_typed(e.target_unchecked_into()))
    };
    let onkeydown = {
        let on_typed = on_typed.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                on_typed(e.target_unchecked_into());
            }
        })
    };
    let on_typing = {
        let (typing, unchecked) = (typing.clone(), unchecked.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            *unchecked.borrow_mut() = true;
            typing.set(Some(input.value()));
        })
    };
    // Text typed without a change event to follow (the takeover puts back a
    // number typed in the first screen) is checked on leaving too.
    let onblur = Callback::from(move |e: FocusEvent| {
        if *unchecked.borrow() {
            on_typed(e.target_unchecked_into());
        }
    });
    let shown = (*typing)
        .clone()
        .or_else(|| (*invalid).clone())
        .unwrap_or_else(|| value.map(|r| ui.num(r)).unwrap_or_default());
    TypedNumber {
        invalid: invalid.is_some(),
        shown,
        oninput: on_typing,
        onchange,
        onkeydown,
        onblur,
    }
}

/// A new rating (from the slider, say) replaces what the field held:
/// `texts` are emptied. Only a change does: the first run may come after
/// the client has already typed (a mount's effects can wait behind a busy
/// page).
#[hook]
fn use_cleared_on_new_rating(value: Option<Rating>, texts: [UseStateHandle<Option<String>>; 2]) {
    let seen = use_mut_ref(|| value);
    use_effect_with(value, move |value| {
        if std::mem::replace(&mut *seen.borrow_mut(), *value) != *value {
            for text in &texts {
                text.set(None);
            }
        }
    });
}

/// The five face values, in tenths: 0, 2.5, 5, 7.5, 10.
const FACES: [u8; 5] = [0, 25, 50, 75, 100];

/// A rating for reading: "7.4" for adults; for children the face with its
/// word, never a decimal.
pub fn rating_view(ui: &Ui, rating: Rating) -> Html {
    if ui.kids {
        html! { <>{ face(face_of(rating), "ac-rating-face") }{ ui.num(rating) }</> }
    } else {
        html! { { ui.num(rating) } }
    }
}

/// A face drawn in SVG, one of five that differ in more than colour:
/// sad brows and a deep frown (0), a frown (1), a straight mouth (2), a
/// smile (3), smiling eyes and an open laugh (4). The same markup as the
/// pre-rendered first screen: both draw `crate::prerender::face_parts`.
pub fn face(index: usize, class: &'static str) -> Html {
    let index = index.min(4);
    html! {
        <svg class={format!("{class} ac-face--{index}")} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            { face_drawing(index) }
        </svg>
    }
}

/// The SVG elements of face `index`, for an `<svg>` or a `<g>`.
pub fn face_drawing(index: usize) -> Html {
    face_parts(index)
        .into_iter()
        .map(|part| match part {
            FacePart::Circle { class, cx, cy, r } => {
                html! { <circle {class} {cx} {cy} {r}></circle> }
            }
            FacePart::Path { class, d } => html! { <path {class} {d}></path> },
        })
        .collect()
}

/// Five faces as a radio group: read aloud as "very unhappy face" …
/// "very happy face", chosen by tap, click or arrow keys.
#[component(FaceScale)]
fn face_scale(props: &ScaleProps) -> Html {
    let ui = use_ui();
    let ends_id = format!("{}-ends", props.id);
    let label_id = format!("{}-label", props.id);
    let missing = missing_note(&ui, props);
    let described = match &missing {
        Some((id, _)) => format!("{ends_id} {id}"),
        None => ends_id.clone(),
    };
    html! {
        <div class={classes!("ac-scale", "ac-faces", props.value.is_none().then_some("is-unset"), missing.is_some().then_some("is-missing"))} lang={props.lang.clone()} data-scale={props.scale.clone()}>
            <fieldset class="ac-faces__group" aria-describedby={described}>
                <legend class="ac-scale__label" id={label_id}>{ &props.label }</legend>
                <div class="ac-faces__row">
                    { for FACES.iter().enumerate().map(|(i, tenths)| {
                        let rating = Rating::clamped(*tenths);
                        let on_rate = props.on_rate.clone();
                        let onchange = Callback::from(move |_: Event| on_rate.emit(rating));
                        let id = format!("{}-face{i}", props.id);
                        html! {
                            <label class="ac-face" for={id.clone()}>
                                <input class="ac-face__input" type="radio" {id} name={props.id.clone()} value={tenths.to_string()}
                                    checked={props.value == Some(rating)} {onchange}
                                    aria-label={ui.t(&format!("face.{i}"))} />
                                { face(i, "ac-face__svg") }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
            { for missing.map(|(_, note)| note) }
            <div class="ac-scale__ends" id={ends_id}>
                <span class="ac-scale__end ac-scale__end--low">{ &props.low }</span>
                <span class="ac-scale__end ac-scale__end--high">{ &props.high }</span>
            </div>
        </div>
    }
}
