//! Presentation of dates in the reader's locale, through the browser's Intl.

/// The locale to write dates in for a reader of `lang`: the browser's first
/// preferred locale of that language (`en-GB` gives "26 Nov 2026" where
/// `en` would give "Nov 26, 2026"), else `lang` itself.
pub fn locale_for(lang: &str) -> String {
    // Off the browser (the first screens rendered at build time) there is
    // no reader yet: the language itself.
    if cfg!(not(target_arch = "wasm32")) {
        return lang.to_string();
    }
    let preferred = web_sys::window()
        .map(|w| w.navigator().languages().to_vec())
        .unwrap_or_default();
    preferred
        .into_iter()
        .filter_map(|l| l.as_string())
        .find(|l| {
            let primary = l.split(['-', '_']).next().unwrap_or("");
            primary.eq_ignore_ascii_case(lang)
        })
        .unwrap_or_else(|| lang.to_string())
}

/// The date and time in the reader's time zone and locale.
pub fn local_date_time(millis: i64, locale: &str) -> String {
    format_millis(
        millis,
        locale,
        &[("dateStyle", "medium"), ("timeStyle", "short")],
    )
}

/// The date alone, in the reader's time zone and locale.
pub fn local_date(millis: i64, locale: &str) -> String {
    format_millis(millis, locale, &[("dateStyle", "medium")])
}

/// Day and short month ("26 Nov"), for a chart's time axis.
pub fn short_date(millis: i64, locale: &str) -> String {
    format_millis(millis, locale, &[("day", "numeric"), ("month", "short")])
}

fn format_millis(millis: i64, locale: &str, fields: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    let options = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&locale.into()), &options)
        .format()
        .call1(&wasm_bindgen::JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_iso_string().into())
}

/// The plural category ("one", "few", "many", "other"…) of the count `n`
/// in `lang`, from the browser's `Intl.PluralRules`; the built-in rule
/// where the browser gives none.
pub fn plural_category(lang: &str, n: usize) -> String {
    let rules =
        js_sys::Intl::PluralRules::new(&js_sys::Array::of1(&lang.into()), &js_sys::Object::new());
    rules
        .select(n as f64)
        .as_string()
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| crate::i18n::plural_category(lang, n as u64).to_string())
}
