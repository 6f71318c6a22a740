//! What the page gives a widget before it mounts: the language it is
//! written in and the browser's, a practice's instrument file (same origin
//! only), and a hand-over in the address bar, taken off at once.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::instrument::Instrument;
use crate::i18n;

thread_local! {
    /// A hand-over the page was opened with, taken off the address bar and
    /// waiting for the first widget mounted.
    static HANDOVER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The UI language: the option, else the page's `lang`, else the browser's
/// languages in order of preference, else English. The project's own pages
/// (`<html data-alliance-check-page>`) follow the browser: their `lang` is
/// only the language they were written in. (A language chosen by hand on
/// an earlier visit comes first; the widget reads it from its store.)
pub(crate) fn choose_language(option: Option<&str>) -> &'static str {
    let window = web_sys::window();
    let page = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .filter(|e| !e.has_attribute("data-alliance-check-page"))
        .and_then(|e| e.get_attribute("lang"));
    let browser = window
        .map(|w| w.navigator().languages().to_vec())
        .unwrap_or_default();
    option
        .map(str::to_string)
        .into_iter()
        .chain(page)
        .chain(browser.into_iter().filter_map(|l| l.as_string()))
        .find_map(|l| i18n::best_language(&l))
        .unwrap_or("en")
}

/// Fetches a practice's instrument from a same-origin URL and validates it.
pub(crate) async fn fetch_instrument(url: &str) -> Result<Instrument, String> {
    let window = web_sys::window().ok_or("no window")?;
    let location = window.location();
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .or_else(|| location.href().ok())
        .unwrap_or_default();
    let resolved =
        web_sys::Url::new_with_base(url, &base).map_err(|_| format!("{url:?} is not a URL"))?;
    if Some(resolved.origin()) != location.origin().ok() {
        return Err(format!(
            "{url:?} is not on this site (only same-origin files are loaded)"
        ));
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&resolved.href()))
        .await
        .map_err(|_| format!("{url:?} could not be fetched"))?
        .dyn_into()
        .map_err(|_| "unexpected fetch result".to_string())?;
    if !response.ok() {
        return Err(format!("{url:?} answered {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "unreadable response")?)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or("unreadable response")?;
    Instrument::from_json(&text).map_err(|e| e.to_string())
}

/// Takes a hand-over off the address bar at once (and out of the history
/// entry, with `history.replaceState`), keeping it for the first widget.
/// `first-screen.js` usually got there first, before the WebAssembly loaded,
/// and left the fragment under `Symbol.for("alliance-check:handover")`.
/// A fragment that is not a hand-over is the host page's own: left alone.
pub(crate) fn take_handover() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let symbol = JsValue::from(js_sys::Symbol::for_("alliance-check:handover"));
    let waiting = js_sys::Reflect::get(&window, &symbol)
        .ok()
        .and_then(|v| v.as_string());
    if waiting.is_some() {
        let _ = js_sys::Reflect::delete_property(&window, &symbol);
    }
    let location = window.location();
    let in_address = location
        .hash()
        .ok()
        .filter(|hash| crate::core::handover::Frame::from_fragment(hash).is_some());
    if in_address.is_some() {
        if let (Ok(history), Ok(href)) = (window.history(), location.href()) {
            let state = history.state().unwrap_or(JsValue::NULL);
            let without = href.split('#').next().unwrap_or_default().to_string();
            let _ = history.replace_state_with_url(&state, "", Some(&without));
        }
    }
    let Some(hash) = in_address.or(waiting) else {
        return;
    };
    if crate::core::handover::Frame::from_fragment(&hash).is_some() {
        HANDOVER.with(|h| *h.borrow_mut() = Some(hash));
    }
}

/// The hand-over waiting for the first widget mounted, taken.
pub(crate) fn waiting_handover() -> Option<String> {
    HANDOVER.with(|h| h.borrow_mut().take())
}
