//! Downloads made in the browser: a Blob, an object URL and a temporary
//! `<a download>` inside the widget's own DOM. Nothing goes to a server.

use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, Element, HtmlAnchorElement, Url};

/// Offers `text` as a file named `name`. The link is added under `parent`
/// (never elsewhere on the host page) and removed at once; the object URL
/// is revoked a little later, once the download has started.
pub fn download(parent: &Element, name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = parent.owner_document().ok_or("no document")?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "no anchor".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    parent.append_child(&anchor).map_err(fail)?;
    anchor.click();
    anchor.remove();
    yew::platform::spawn_local(async move {
        yew::platform::time::sleep(Duration::from_secs(30)).await;
        let _ = Url::revoke_object_url(&url);
    });
    Ok(())
}
