//! Taking over the pre-rendered first screen (`prerender.rs`,
//! `www/first-screen.js`): before the widget renders into its element, what
//! the client already did there is read — every scale set, where the focus
//! was, a Next or Start pressed while the WebAssembly was on its way, a
//! language chosen — so the widget starts from it and nothing is lost.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

use crate::core::rating::Rating;
use crate::ui::state::Intent;

/// Where the focus was in the first screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A scale's slider.
    Slider(String),
    /// A scale's typed-number field.
    Number(String),
    /// One of a children's scale's faces (0–4).
    Face(String, usize),
    /// The Next or Start button.
    Button,
    /// The language menu.
    Language,
}

/// A number typed in a scale's field that is not a rating ("12", or "7,"
/// half typed): the takeover puts it back, so nothing typed is wiped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed {
    /// The scale's id.
    pub scale: String,
    /// The text as typed.
    pub text: String,
    /// The first screen already said it is not a number from 0 to 10 (the
    /// client left the field or pressed Enter); else it is still being typed.
    pub checked: bool,
}

/// What the client did before the widget took over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// Scales set, by id.
    pub ratings: Vec<(String, Rating)>,
    /// Numbers typed that are not ratings.
    pub typed: Vec<Typed>,
    /// Where the focus was, if it was in the first screen.
    pub focus: Option<Focus>,
    /// A button pressed while waiting (Next, Start, History, My goals).
    pub intent: Option<Intent>,
    /// The language chosen in the menu.
    pub lang: Option<String>,
}

fn inputs(scale: &Element, selector: &str) -> Vec<HtmlInputElement> {
    let Ok(list) = scale.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlInputElement>().ok())
        .collect()
}

/// A scale's value, if the client set it. A number typed in its field but
/// not yet confirmed (no Enter, no leaving the field) counts too: the
/// takeover must not lose what was typed.
fn value(scale: &Element) -> Option<Rating> {
    let typed = inputs(scale, ".ac-scale__number")
        .first()
        .map(HtmlInputElement::value)
        .filter(|t| !t.trim().is_empty())
        .and_then(|t| Rating::parse(&t).ok());
    if typed.is_some() {
        return typed;
    }
    if scale.class_list().contains("is-unset") {
        return None;
    }
    if let Some(range) = inputs(scale, "input[type=range]").first() {
        return Rating::parse(&range.value()).ok();
    }
    let checked = inputs(scale, "input[type=radio]")
        .into_iter()
        .find(HtmlInputElement::checked)?;
    checked.value().parse::<u8>().ok().map(Rating::clamped)
}

/// The number typed in a scale's field, if it is not a rating.
fn rejected(scale: &Element, id: &str) -> Option<Typed> {
    let field = inputs(scale, ".ac-scale__number").into_iter().next()?;
    let text = field.value();
    if text.trim().is_empty() || Rating::parse(&text).is_ok() {
        return None;
    }
    Some(Typed {
        scale: id.to_owned(),
        text,
        checked: field.get_attribute("aria-invalid").as_deref() == Some("true"),
    })
}

/// Which part of the first screen has focus, if any.
fn focus_in(first: &Element) -> Option<Focus> {
    let active = first.owner_document()?.active_element().or_else(|| {
        // Inside a shadow root the document sees only the host.
        first
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()?
            .active_element()
    })?;
    if !first.contains(Some(&active)) {
        return None;
    }
    if active.has_attribute("data-ac-intent") {
        return Some(Focus::Button);
    }
    if active.dyn_ref::<HtmlSelectElement>().is_some() {
        return Some(Focus::Language);
    }
    let scale = active.closest(".ac-scale[data-scale]").ok()??;
    let id = scale.get_attribute("data-scale")?;
    let input = active.dyn_into::<HtmlInputElement>().ok()?;
    match input.type_().as_str() {
        "range" => Some(Focus::Slider(id)),
        "radio" => {
            let index = inputs(&scale, "input[type=radio]")
                .iter()
                .position(|r| r == &input)?;
            Some(Focus::Face(id, index))
        }
        _ => Some(Focus::Number(id)),
    }
}

/// The language picked in the menu of the first screen shown in `element`,
/// if one is there and the client picked another than it is in (the widget
/// loads that language's texts before it takes over).
pub fn picked_language(element: &Element) -> Option<String> {
    picked_in(&element.query_selector("[data-ac-first]").ok()??)
}

fn picked_in(first: &Element) -> Option<String> {
    first
        .query_selector("select")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .filter(|l| Some(l.as_str()) != first.get_attribute("lang").as_deref())
}

/// Reads what the client did in the first screen shown in `element`, if
/// one is there.
pub fn read(element: &Element) -> Option<Carried> {
    let first = element.query_selector("[data-ac-first]").ok()??;
    let list = first.query_selector_all(".ac-scale[data-scale]").ok()?;
    let scales: Vec<(String, Element)> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|scale| Some((scale.get_attribute("data-scale")?, scale)))
        .collect();
    let ratings = scales
        .iter()
        .filter_map(|(id, scale)| Some((id.clone(), value(scale)?)))
        .collect();
    let typed = scales
        .iter()
        .filter_map(|(id, scale)| rejected(scale, id))
        .collect();
    let lang = picked_in(&first);
    Some(Carried {
        ratings,
        typed,
        focus: focus_in(&first),
        intent: first
            .get_attribute("data-ac-intent")
            .as_deref()
            .and_then(Intent::parse),
        lang,
    })
}
