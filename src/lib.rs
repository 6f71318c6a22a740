//! alliance-check: a private end-of-session working-alliance check.
//!
//! The wasm entry points live here and nothing else: [`mount`] renders the
//! widget into a host element and returns a [`MountHandle`] whose `destroy()`
//! removes it; [`start`] mounts every element carrying `data-alliance-check`
//! when the module loads. Domain rules are in [`core`], persistence in
//! [`storage`], components in [`ui`].

pub mod core;
pub mod options;
pub mod storage;
pub mod ui;

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::options::MountOptions;
use crate::ui::app::{App, AppProps};

/// Marks an element the widget is mounted on, so it is never mounted twice.
const MOUNTED_ATTR: &str = "data-alliance-check-mounted";

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
    /// Handles of auto-mounted instances: kept so the page can destroy them.
    static AUTO_MOUNTED: RefCell<Vec<MountHandle>> = const { RefCell::new(Vec::new()) };
}

/// A mounted widget. Call `destroy()` to remove it and everything it added
/// to the page.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<yew::AppHandle<App>>,
    element: Element,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget's DOM and stops it. Safe to call twice.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
            let _ = self.element.remove_attribute(MOUNTED_ATTR);
            self.element
                .class_list()
                .remove_1("alliance-check-root")
                .ok();
        }
    }
}

/// Renders the widget into `element`.
///
/// `options` is a plain object (or `undefined`), e.g.
/// `{ namespace: "alliance-check", profile: "default" }`; unknown or invalid
/// fields are refused with a message naming them.
#[wasm_bindgen]
pub fn mount(element: Element, options: JsValue) -> Result<MountHandle, JsError> {
    let options = MountOptions::from_js(&options).map_err(|e| JsError::new(&e))?;
    mount_with(element, options).map_err(|e| JsError::new(&e))
}

fn mount_with(element: Element, options: MountOptions) -> Result<MountHandle, String> {
    if element.has_attribute(MOUNTED_ATTR) {
        return Err("alliance-check is already mounted on this element; destroy() it first".into());
    }
    let n = NEXT_INSTANCE.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    let _ = element.set_attribute(MOUNTED_ATTR, "");
    let _ = element.class_list().add_1("alliance-check-root");
    let props = AppProps {
        instance: format!("ac{n}").into(),
        namespace: options.namespace.into(),
        profile: options.profile.into(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(element.clone(), props).render();
    Ok(MountHandle {
        app: Some(app),
        element,
    })
}

/// Mounts every `[data-alliance-check]` element not mounted yet, reading its
/// options from `data-*` attributes. Runs when the module is initialised.
#[wasm_bindgen(start)]
pub fn start() {
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
        if element.has_attribute(MOUNTED_ATTR) {
            continue;
        }
        let options = MountOptions::from_element(&element);
        match options.and_then(|o| mount_with(element.clone(), o)) {
            Ok(handle) => AUTO_MOUNTED.with(|h| h.borrow_mut().push(handle)),
            Err(message) => {
                web_sys::console::error_1(&format!("alliance-check: {message}").into());
            }
        }
    }
}
