//! Presentation of values in the reader's locale (through the browser's Intl).

/// The date and time in the reader's time zone, in `lang`'s format.
pub fn local_date_time(millis: i64, lang: &str) -> String {
    format_millis(millis, lang, Some("short"))
}

/// The date alone, in the reader's time zone, in `lang`'s format.
pub fn local_date(millis: i64, lang: &str) -> String {
    format_millis(millis, lang, None)
}

fn format_millis(millis: i64, lang: &str, time_style: Option<&str>) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    if let Some(style) = time_style {
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &style.into());
    }
    // The widget's language, so dates read like the rest of the text.
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&lang.into()), &options)
        .format()
        .call1(&wasm_bindgen::JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_iso_string().into())
}
