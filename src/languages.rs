//! The languages not compiled into the WebAssembly (all but English, see
//! [`crate::i18n`]): each file is asked for the first time a client needs
//! it, and kept for the page's life.
//!
//! The loader provides the files: `first-screen.js` (and the npm package's
//! entry, and the offline copy) leaves a function under
//! `Symbol.for("alliance-check:languages")` on the window that takes a tag
//! and returns a promise of the file's text. It fetches `i18n/<tag>.json`
//! beside the loader, and `first-screen.js` starts the first screen's
//! language at once, so it arrives with the WebAssembly, not after it.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n;

/// The window's property that holds the loader's function.
const SOURCE: &str = "alliance-check:languages";

/// Makes `tag`'s texts ready for [`i18n::Texts::new`]: the files it still
/// needs (its language's, then a variant's own) are asked of the loader and
/// added. Nothing to do for English or a tag the widget does not offer.
/// Fails, in words, when a file cannot be had (offline before it was ever
/// loaded, a missing file) or is not readable; English is then what shows.
pub async fn ensure(tag: &str) -> Result<(), String> {
    for file in i18n::missing(tag) {
        let text = fetch(file).await?;
        i18n::add(file, &text)?;
    }
    Ok(())
}

/// `tag`'s own name ("Français"), for saying that it could not be had.
pub fn name(tag: &str) -> String {
    i18n::choice(tag).map_or_else(|| tag.to_string(), |(_, name)| name.to_string())
}

/// Whether `tag`'s texts are ready (nothing to fetch).
pub fn ready(tag: &str) -> bool {
    i18n::missing(tag).is_empty()
}

async fn fetch(tag: &str) -> Result<String, String> {
    let unavailable = || format!("the {tag} texts could not be loaded");
    let window = web_sys::window().ok_or_else(unavailable)?;
    let symbol = JsValue::from(js_sys::Symbol::for_(SOURCE));
    let source: js_sys::Function = js_sys::Reflect::get(&window, &symbol)
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("{} (no loader provides them)", unavailable()))?;
    let promise = source
        .call1(&JsValue::NULL, &JsValue::from_str(tag))
        .map_err(|_| unavailable())?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(unavailable)
}

/// The language the widget starts in: one picked in the first screen, else
/// one chosen by hand on an earlier visit, else the embed's choice
/// (`option`); English when that language's texts are not here (the
/// loader could not fetch them).
pub fn starting(picked: Option<&str>, remembered: Option<&str>, option: &str) -> String {
    let tag = wanted(picked, remembered, option);
    if ready(tag) { tag } else { "en" }.to_string()
}

/// The language the widget wants to start in (see [`starting`]), whether
/// its texts are here or not.
pub fn wanted<'a>(picked: Option<&str>, remembered: Option<&str>, option: &'a str) -> &'a str {
    picked
        .or(remembered)
        .and_then(i18n::best_language)
        .unwrap_or(option)
}
