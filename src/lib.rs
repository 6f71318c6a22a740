//! alliance-check: a private end-of-session working-alliance check.
//!
//! The wasm entry points: [`mount`] renders the widget into a host element
//! and returns a [`MountHandle`] whose `destroy()` removes it (and puts back
//! what the host had there); [`start`] mounts every element carrying
//! `data-alliance-check` when the module loads, fetching a practice's
//! instrument file first and reporting refused options to the host; what
//! the page gives them (its language, a practice's instrument file, a
//! hand-over in the address bar) is read in `page.rs`. Domain rules are in [`core`] (the crate
//! `alliance-check-core`, with the texts in [`i18n`] and the first-screen
//! renderer), persistence in [`storage`], passphrase encryption in
//! [`crypto`], components in [`ui`].

pub use alliance_check_core as core;
pub use alliance_check_core::{i18n, prerender};
pub mod crypto;
pub mod languages;
pub mod options;
mod page;
pub mod storage;
pub mod takeover;
mod timing;
pub mod ui;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
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
    let option = page::choose_language(options.lang.as_deref());
    let remembered = (options.mode != Mode::Shared)
        .then(|| storage::Store::open(&options.namespace).language())
        .flatten();
    // As the widget will start in it (`languages::starting`, decided in
    // `render`): a language picked in the first screen counts, also one
    // picked while another's file was on its way.
    let wanted = {
        let remembered = remembered.clone();
        move |element: &Element| {
            let picked = takeover::picked_language(element);
            languages::wanted(picked.as_deref(), remembered.as_deref(), option).to_string()
        }
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
        remembered,
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
    /// The language chosen by hand on an earlier visit (not on a shared
    /// screen).
    remembered: Option<String>,
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
    // What the client did in the pre-rendered first screen, if any.
    let carried = takeover::read(&place.element).map(Rc::new);
    let picked = carried.as_ref().and_then(|c| c.lang.as_deref());
    let start_lang = languages::starting(picked, start.remembered.as_deref(), start.lang);
    let props = AppProps {
        instance: start.instance.into(),
        namespace: options.namespace.into(),
        lang: start.lang.into(),
        start_lang: start_lang.into(),
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
        handover: page::waiting_handover().map(Into::into),
        handover_url: options.handover_url.map(Into::into),
        shared_downloads: options.shared_downloads == Toggle::On,
        carried,
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

fn report(message: &str) {
    web_sys::console::error_1(&format!("alliance-check: {message}").into());
}

/// Mounts every `[data-alliance-check]` element not mounted yet, reading its
/// options from `data-*` attributes. Runs when the module is initialised.
#[wasm_bindgen(start)]
pub fn start() {
    page::take_handover();
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
                Some(url) => match page::fetch_instrument(&url).await {
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
