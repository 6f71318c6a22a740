//! alliance-check: a private end-of-session working-alliance check.
//!
//! The wasm entry points: [`mount`] renders the widget into a host element
//! and returns a [`MountHandle`] whose `destroy()` removes it (and puts back
//! what the host had there); [`start`] mounts every element carrying
//! `data-alliance-check` when the module loads, fetching a practice's
//! instrument file first and reporting refused options to the host. Around
//! them: the UI language's choice and taking a hand-over off the address
//! bar before anything renders. Domain rules are in [`core`] (the crate
//! `alliance-check-core`, with the texts in [`i18n`] and the first-screen
//! renderer), persistence in [`storage`], passphrase encryption in
//! [`crypto`], components in [`ui`].

pub use alliance_check_core as core;
pub use alliance_check_core::{i18n, prerender};
pub mod crypto;
pub mod languages;
pub mod options;
pub mod storage;
pub mod takeover;
mod timing;
pub mod ui;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::core::instrument::Instrument;
use crate::options::{Mode, MountOptions, Profiles, Toggle};
use crate::ui::app::{App, AppProps};

/// Marks an element the widget is mounted on, so it is never mounted twice.
const MOUNTED_ATTR: &str = "data-alliance-check-mounted";
/// Marks an element whose widget waits for its language's texts: the first
/// screen stays and keeps working (and may still be swapped for the page's
/// language by `first-screen.js`), and nothing else mounts there.
const PENDING_ATTR: &str = "data-alliance-check-pending";

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
    /// A hand-over the page was opened with, taken off the address bar and
    /// waiting for the first widget mounted.
    static HANDOVER: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Handles of auto-mounted instances, kept alive for the page's life.
    static AUTO_MOUNTED: RefCell<Vec<MountHandle>> = const { RefCell::new(Vec::new()) };
}

/// A mounted widget. Call `destroy()` to remove it and everything it added
/// to the page.
#[wasm_bindgen]
pub struct MountHandle {
    mounted: Rc<RefCell<Mounted>>,
}

/// One widget's place: rendered at once, or once its language's texts have
/// arrived (the first screen stays meanwhile).
struct Mounted {
    app: Option<yew::AppHandle<App>>,
    element: Element,
    /// What the host had put in the element (a "Loading…" line, say), put
    /// back by `destroy()`.
    placeholder: Vec<web_sys::Node>,
    /// `destroy()` was called: nothing renders any more.
    destroyed: bool,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget's DOM and stops it. Stored data is kept. Safe to
    /// call twice, and before the widget has rendered.
    pub fn destroy(&mut self) {
        let mut mounted = self.mounted.borrow_mut();
        if std::mem::replace(&mut mounted.destroyed, true) {
            return;
        }
        if let Some(app) = mounted.app.take() {
            app.destroy();
        }
        let element = mounted.element.clone();
        let _ = element.remove_attribute(MOUNTED_ATTR);
        let _ = element.remove_attribute(PENDING_ATTR);
        let _ = element.class_list().remove_1("alliance-check-root");
        // Leave the host's element exactly as it was: no empty class="".
        if element.get_attribute("class").as_deref() == Some("") {
            let _ = element.remove_attribute("class");
        }
        for node in mounted.placeholder.drain(..) {
            let _ = element.append_child(&node);
        }
    }
}

/// Renders the widget into `element`.
///
/// `options` is a plain object (or `undefined`), e.g.
/// `{ namespace: "my-practice", lang: "es", profiles: "codes" }`; unknown or
/// invalid fields are refused with a message naming them. An invalid
/// `instrument` is refused too, so a practice notices at once.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<MountHandle, JsError> {
    let element: Element = element.dyn_into().map_err(|v: JsValue| {
        let got = if v.is_null() {
            "null".to_string()
        } else {
            v.js_typeof().as_string().unwrap_or_default()
        };
        JsError::new(&format!(
            "alliance-check: mount() needs the element to render into as its first argument, got {got}"
        ))
    })?;
    let options = MountOptions::from_js(&options)
        .map_err(|e| JsError::new(&format!("alliance-check: {e}")))?;
    let instrument = options
        .instrument()
        .map_err(|e| JsError::new(&format!("alliance-check: instrument: {e}")))?;
    mount_with(element, options, instrument, None)
        .map_err(|e| JsError::new(&format!("alliance-check: {e}")))
}

/// The UI language: the option, else the page's `lang`, else the browser's
/// languages in order of preference, else English. The project's own pages
/// (`<html data-alliance-check-page>`) follow the browser: their `lang` is
/// only the language they were written in. (A language chosen by hand on
/// an earlier visit comes first; the widget reads it from its store.)
fn choose_language(option: Option<&str>) -> &'static str {
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

fn mount_with(
    element: Element,
    options: MountOptions,
    instrument: Option<Instrument>,
    instrument_error: Option<String>,
) -> Result<MountHandle, String> {
    if element.has_attribute(MOUNTED_ATTR) || element.has_attribute(PENDING_ATTR) {
        return Err("already mounted on this element; destroy() it first".into());
    }
    let n = NEXT_INSTANCE.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    let _ = element.set_attribute(PENDING_ATTR, "");
    let option = choose_language(options.lang.as_deref());
    let remembered = (options.mode != Mode::Shared)
        .then(|| storage::Store::open(&options.namespace).language())
        .flatten();
    // As the widget will choose it when it renders (`languages::starting`):
    // a language picked in the first screen counts, also one picked while
    // another's file was on its way.
    let wanted = move |element: &Element| {
        let picked = takeover::picked_language(element);
        languages::wanted(picked.as_deref(), remembered.as_deref(), option).to_string()
    };
    let first = wanted(&element);
    let mounted = Rc::new(RefCell::new(Mounted {
        app: None,
        element: element.clone(),
        placeholder: Vec::new(),
        destroyed: false,
    }));
    let mut start = Start {
        unavailable: None,
        instance: format!("ac{n}"),
        lang: option,
        options,
        instrument,
        instrument_error,
    };
    if languages::ready(&first) {
        render(&mounted, start);
    } else {
        // The first screen stays until the texts are here (usually at
        // once: the loader asked for them with the WebAssembly); without
        // them the widget starts in English and says why.
        let later = mounted.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut tag = first;
            while !languages::ready(&tag) {
                if let Err(why) = languages::ensure(&tag).await {
                    report(&why);
                    start.unavailable = Some(languages::name(&tag));
                    break;
                }
                tag = wanted(&element);
            }
            render(&later, start);
        });
    }
    Ok(MountHandle { mounted })
}

/// What a widget starts with, kept until it renders.
struct Start {
    /// The language wanted, by its own name, when its file could not be had.
    unavailable: Option<String>,
    instance: String,
    lang: &'static str,
    options: MountOptions,
    instrument: Option<Instrument>,
    instrument_error: Option<String>,
}

/// Renders the widget in its place, unless it was destroyed first; what
/// the client did in the first screen is read now, so nothing done while
/// the texts arrived is lost.
fn render(mounted: &Rc<RefCell<Mounted>>, start: Start) {
    let mut place = mounted.borrow_mut();
    if place.destroyed {
        return;
    }
    let Start {
        options,
        instrument,
        ..
    } = start;
    let props = AppProps {
        instance: start.instance.into(),
        namespace: options.namespace.into(),
        lang: start.lang.into(),
        instrument: Rc::new(instrument.unwrap_or_else(Instrument::default_alliance)),
        instrument_error: start.instrument_error.map(Into::into),
        // A shared device keeps each client's history to that client: the
        // profiles there always open with a code and a secret.
        profile_codes: options.profiles == Profiles::Codes || options.mode == Mode::Shared,
        profile_expiry: options
            .profile_expiry
            .filter(|_| options.mode == Mode::Shared),
        list_profiles: options.list_profiles,
        profile: options.profile.into(),
        shared: options.mode == Mode::Shared,
        theme: options.theme,
        idle_seconds: options.idle_seconds,
        events_include_text: options.events_include_text,
        title: options.title == Toggle::On,
        handover: HANDOVER.with(|h| h.borrow_mut().take()).map(Into::into),
        handover_url: options.handover_url.map(Into::into),
        shared_downloads: options.shared_downloads == Toggle::On,
        // What the client did in the pre-rendered first screen, if any.
        carried: takeover::read(&place.element).map(Rc::new),
        language_unavailable: start.unavailable.map(Into::into),
    };
    let element = place.element.clone();
    let _ = element.remove_attribute(PENDING_ATTR);
    let _ = element.set_attribute(MOUNTED_ATTR, "");
    // A message from an earlier failed start (failure.js) is not kept.
    let _ = element.remove_attribute("data-alliance-check-failed");
    let _ = element.class_list().add_1("alliance-check-root");
    place.placeholder = take_placeholder(&element);
    place.app = Some(yew::Renderer::<App>::with_root_and_props(element, props).render());
}

/// Takes the host's own content (a "Loading…" line, say) out of `element`
/// before the widget renders there, for `destroy()` to put back. A
/// pre-rendered first screen is the widget's own and is not kept, nor a
/// message from a failed start.
fn take_placeholder(element: &Element) -> Vec<web_sys::Node> {
    let children = element.child_nodes();
    let nodes: Vec<web_sys::Node> = (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|n| {
            n.dyn_ref::<Element>().is_none_or(|e| {
                !e.has_attribute("data-ac-first") && !e.class_list().contains("ac-failed")
            })
        })
        .collect();
    for node in &nodes {
        let _ = element.remove_child(node);
    }
    nodes
}

/// Fetches a practice's instrument from a same-origin URL and validates it.
async fn fetch_instrument(url: &str) -> Result<Instrument, String> {
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

fn report(message: &str) {
    web_sys::console::error_1(&format!("alliance-check: {message}").into());
}

/// Takes a hand-over off the address bar at once (and out of the history
/// entry, with `history.replaceState`), keeping it for the first widget.
/// `first-screen.js` usually got there first, before the WebAssembly loaded,
/// and left the fragment under `Symbol.for("alliance-check:handover")`.
/// A fragment that is not a hand-over is the host page's own: left alone.
fn take_handover() {
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

/// Mounts every `[data-alliance-check]` element not mounted yet, reading its
/// options from `data-*` attributes. Runs when the module is initialised.
#[wasm_bindgen(start)]
pub fn start() {
    take_handover();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all("[data-alliance-check]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if element.has_attribute(MOUNTED_ATTR) || element.has_attribute(PENDING_ATTR) {
            continue;
        }
        let options = match MountOptions::from_element(&element) {
            Ok(o) => o,
            Err(message) => {
                report(&message);
                // The loader (failure.js) shows the client a message in
                // place; the host hears it too.
                let detail = serde_json::json!({ "reason": "options", "message": message });
                ui::events::emit(&element, "alliance-check:error", &detail);
                continue;
            }
        };
        let url = element.get_attribute("data-instrument");
        wasm_bindgen_futures::spawn_local(async move {
            let (instrument, error) = match url {
                None => (options.instrument().ok().flatten(), None),
                Some(url) => match fetch_instrument(&url).await {
                    Ok(i) => (Some(i), None),
                    Err(e) => {
                        report(&format!("instrument: {e}"));
                        (None, Some(e))
                    }
                },
            };
            match mount_with(element, options, instrument, error) {
                Ok(handle) => AUTO_MOUNTED.with(|h| h.borrow_mut().push(handle)),
                Err(message) => report(&message),
            }
        });
    }
}
