//! Events for the host page: `CustomEvent`s that bubble and cross shadow
//! roots (`composed`), dispatched from inside the widget.

use web_sys::{CustomEvent, CustomEventInit, Element};

/// Dispatches `name` with `detail` (JSON) from `target`. Failures are
/// ignored: a host that cannot hear us must not break the check.
pub fn emit(target: &Element, name: &str, detail: &serde_json::Value) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(value) = js_sys::JSON::parse(&detail.to_string()) {
        init.set_detail(&value);
    }
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
