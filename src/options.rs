//! What an embed may choose, from a JS object or from `data-*` attributes.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::core::instrument::Instrument;
use crate::core::profile::DEFAULT_PROFILE;

/// How profiles work on this device.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profiles {
    /// A personal device: one profile, no code asked.
    #[default]
    Single,
    /// A shared device: each client types their own code.
    Codes,
}

/// Where the widget is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The client's own device.
    #[default]
    Personal,
    /// A screen others see or use next (office tablet, screen share): a
    /// neutral start and end, drafts in memory only, reset after idle time.
    Shared,
}

/// Colour scheme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the reader's system setting.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Which built-in wording.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// The adult check.
    #[default]
    Adult,
    /// Ages about 6–12: simple words and faces.
    Children,
}

/// Whether something is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Toggle {
    /// Shown.
    #[default]
    On,
    /// Not shown.
    Off,
}

/// Default idle time before a shared screen resets, in seconds.
pub const DEFAULT_IDLE_SECONDS: u32 = 120;

/// Options accepted by `mount()` (as a plain object) and by `data-*`
/// attributes on an auto-mounted element.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "camelCase")]
pub struct MountOptions {
    /// Prefix of every storage key (`data-namespace`); instances with
    /// different namespaces never see each other's data.
    pub namespace: String,
    /// The profile used when no code is asked (`data-profile`).
    pub profile: String,
    /// UI language (`data-lang`); else the page's `lang`, else the browser's.
    pub lang: Option<String>,
    /// `single` (default) or `codes` (`data-profiles`).
    pub profiles: Profiles,
    /// On a shared device, list the profiles kept here (`data-list-profiles`).
    pub list_profiles: bool,
    /// A practice's own instrument definition (object form only; the
    /// attribute form is `data-instrument="/same-origin/url.json"`).
    pub instrument: Option<Instrument>,
    /// `personal` (default) or `shared` (`data-mode`).
    pub mode: Mode,
    /// `auto` (default), `light` or `dark` (`data-theme`).
    pub theme: Theme,
    /// Shared mode: seconds without a touch or key before the screen resets
    /// (`data-idle-seconds`, 10–3600, default 120).
    pub idle_seconds: u32,
    /// Include free text (comment, goal wording) in the events sent to the
    /// host page (`data-events-include-text`); off by default.
    pub events_include_text: bool,
    /// `adult` (default) or `children` (`data-variant`): the built-in
    /// wording used when no instrument is given.
    pub variant: Variant,
    /// `on` (default) or `off` (`data-title`): the widget's own title,
    /// which a host page whose heading already asks the question turns off.
    pub title: Toggle,
    /// The page a hand-over link opens on the client's phone
    /// (`data-handover-url`); by default the page the widget is on.
    pub handover_url: Option<String>,
    /// `off` (default) or `on` (`data-shared-downloads`): on a shared
    /// screen, offer file downloads and import besides the hand-over.
    pub shared_downloads: Toggle,
    /// Shared mode: remove sealed profiles not opened for this many days
    /// (`data-profile-expiry`, 1–3650); off by default.
    pub profile_expiry: Option<u32>,
}

impl Default for MountOptions {
    fn default() -> Self {
        MountOptions {
            namespace: "alliance-check".into(),
            profile: DEFAULT_PROFILE.into(),
            lang: None,
            profiles: Profiles::Single,
            list_profiles: false,
            instrument: None,
            mode: Mode::Personal,
            theme: Theme::Auto,
            idle_seconds: DEFAULT_IDLE_SECONDS,
            events_include_text: false,
            variant: Variant::Adult,
            title: Toggle::On,
            handover_url: None,
            shared_downloads: Toggle::Off,
            profile_expiry: None,
        }
    }
}

/// The names `mount()` accepts, as JavaScript spells them.
pub const OPTION_NAMES: &[&str] = &[
    "namespace",
    "profile",
    "lang",
    "profiles",
    "listProfiles",
    "instrument",
    "mode",
    "theme",
    "idleSeconds",
    "eventsIncludeText",
    "variant",
    "title",
    "handoverUrl",
    "sharedDownloads",
    "profileExpiry",
];

/// The first option of `json` that is unknown or cannot be read, in words:
/// each member is read alone through the same parser as the whole (no
/// `serde_json::Value` deserializer in the wasm).
fn blame(json: &str) -> Option<String> {
    for (key, value) in members(json)? {
        if !OPTION_NAMES.contains(&key) {
            return Some(format!(
                "unknown option \"{key}\"; the options are {}",
                OPTION_NAMES.join(", ")
            ));
        }
        if let Err(e) = serde_json::from_str::<MountOptions>(&format!("{{\"{key}\":{value}}}")) {
            return Some(format!("option \"{key}\": {}", in_words(&e.to_string())));
        }
    }
    None
}

/// The members of a JSON object as (key, value text), split at its top
/// level; `None` if it is not an object this small scanner can split
/// (then the error is not pinned on one option). Keys with escapes are
/// not options, so they are taken as they are written.
fn members(json: &str) -> Option<Vec<(&str, &str)>> {
    let inner = json.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut members = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let after_quote = rest.strip_prefix('"')?;
        let end = after_quote.find('"')?;
        let key = &after_quote[..end];
        rest = after_quote[end + 1..].trim_start().strip_prefix(':')?;
        // The value runs to the first comma outside strings and brackets.
        let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
        let mut cut = rest.len();
        for (at, c) in rest.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '{' | '[' if !in_string => depth += 1,
                '}' | ']' if !in_string => depth -= 1,
                ',' if !in_string && depth == 0 => {
                    cut = at;
                    break;
                }
                _ => {}
            }
        }
        members.push((key, rest[..cut].trim()));
        rest = rest.get(cut + 1..).unwrap_or("").trim_start();
    }
    Some(members)
}

/// A serde message for people: no parser position, quotes instead of
/// backticks, no Rust type names.
fn in_words(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    message
        .replace('`', "\"")
        .replace("unknown variant", "unknown value")
        .replace("u32", "a whole number")
        .replace("a sequence", "a list")
        .replace("a map", "an object")
}

/// One of an enum's lowercase names from attribute `name`: `None` when the
/// attribute is absent, the default when it is empty, and an error naming
/// the accepted values otherwise.
fn choice<T: for<'de> Deserialize<'de> + Default>(
    element: &Element,
    name: &str,
) -> Result<Option<T>, String> {
    match element.get_attribute(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(Some(T::default())),
        Some(v) => {
            use serde::de::IntoDeserializer;
            let name_of: serde::de::value::StrDeserializer<serde::de::value::Error> =
                v.as_str().into_deserializer();
            T::deserialize(name_of)
                .map(Some)
                .map_err(|e| format!("{name}: {}", in_words(&e.to_string())))
        }
    }
}

impl MountOptions {
    /// Reads options from a plain JS object (or `undefined`/`null`).
    pub fn from_js(value: &JsValue) -> Result<MountOptions, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(MountOptions::default());
        }
        let json = js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or("options must be a plain object")?;
        Self::from_json(&json)
    }

    /// Reads options from JSON text and validates them. Errors name the
    /// option and say what is wrong in words (no parser positions), e.g.
    /// `option "mode": unknown value "kiosk", expected "personal" or "shared"`.
    pub fn from_json(json: &str) -> Result<MountOptions, String> {
        let not_object = || "options must be a plain object, e.g. { namespace: \"my-practice\" }";
        if !json.trim_start().starts_with('{') {
            return Err(not_object().into());
        }
        let options: MountOptions = serde_json::from_str(json).map_err(|e| {
            // One option at a time, so the error can name the option it is
            // about (serde names a field only when it is unknown or missing).
            blame(json).unwrap_or_else(|| format!("invalid options: {}", in_words(&e.to_string())))
        })?;
        options.validated()
    }

    /// Reads the `data-*` attributes of an element (all but
    /// `data-instrument`, which is fetched by the caller).
    pub fn from_element(element: &Element) -> Result<MountOptions, String> {
        let mut options = MountOptions::default();
        let attr = |name: &str| element.get_attribute(name);
        if let Some(ns) = attr("data-namespace") {
            options.namespace = ns;
        }
        if let Some(profile) = attr("data-profile") {
            options.profile = profile;
        }
        // `data-lang`, or the element's own `lang` (the host's word on the
        // widget, before the page's and the browser's).
        // A plain `lang` is HTML's own attribute, so one this widget does
        // not speak is passed over; `data-lang` is refused by name.
        options.lang = attr("data-lang")
            .or_else(|| attr("lang").filter(|l| crate::i18n::best_language(l).is_some()));
        options.profiles = choice(element, "data-profiles")?.unwrap_or(options.profiles);
        options.mode = choice(element, "data-mode")?.unwrap_or(options.mode);
        options.theme = choice(element, "data-theme")?.unwrap_or(options.theme);
        options.variant = choice(element, "data-variant")?.unwrap_or(options.variant);
        options.title = choice(element, "data-title")?.unwrap_or(options.title);
        options.handover_url = attr("data-handover-url");
        options.shared_downloads =
            choice(element, "data-shared-downloads")?.unwrap_or(options.shared_downloads);
        options.list_profiles = attr("data-list-profiles").is_some_and(|v| v != "false");
        options.events_include_text =
            attr("data-events-include-text").is_some_and(|v| v != "false");
        if let Some(days) = attr("data-profile-expiry") {
            options.profile_expiry = Some(days.trim().parse().map_err(|_| {
                format!("data-profile-expiry {days:?} must be a whole number of days")
            })?);
        }
        if let Some(secs) = attr("data-idle-seconds") {
            options.idle_seconds = secs.trim().parse().map_err(|_| {
                format!("data-idle-seconds {secs:?} must be a whole number of seconds")
            })?;
        }
        options.validated()
    }

    fn validated(self) -> Result<MountOptions, String> {
        if !(3..=3600).contains(&self.idle_seconds) {
            return Err(format!(
                "idleSeconds {} must be 3 to 3600",
                self.idle_seconds
            ));
        }
        if let Some(days) = self.profile_expiry {
            if !(1..=3650).contains(&days) {
                return Err(format!("profileExpiry {days} must be 1 to 3650 days"));
            }
        }
        if let Some(lang) = &self.lang {
            if crate::i18n::best_language(lang).is_none() {
                let known: Vec<&str> = crate::i18n::choices().map(|(tag, _)| tag).collect();
                return Err(format!(
                    "lang {lang:?} is not a language of this widget; it speaks {}",
                    known.join(", ")
                ));
            }
        }
        for (name, value) in [("namespace", &self.namespace), ("profile", &self.profile)] {
            let ok = (1..=40).contains(&value.len())
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
            if !ok {
                return Err(format!(
                    "{name} {value:?} must be 1-40 letters, digits, '-', '_' or '.'"
                ));
            }
        }
        Ok(self)
    }

    /// The practice's instrument if one was given in the options, else the
    /// children's variant if chosen; `Ok(None)` for the default, `Err`
    /// naming what is wrong when a given instrument is invalid.
    pub fn instrument(&self) -> Result<Option<Instrument>, String> {
        match &self.instrument {
            None if self.variant == Variant::Children => Ok(Some(Instrument::children())),
            None => Ok(None),
            Some(instrument) => instrument
                .validate()
                .map(|()| Some(instrument.clone()))
                .map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        assert_eq!(
            MountOptions::from_json("{}").unwrap(),
            MountOptions::default()
        );
        let o = MountOptions::from_json(
            r#"{"namespace":"practice-a","profiles":"codes","listProfiles":true,"lang":"es"}"#,
        )
        .unwrap();
        assert_eq!(o.namespace, "practice-a");
        assert_eq!(o.profile, "default");
        assert_eq!(o.profiles, Profiles::Codes);
        assert!(o.list_profiles);
        assert_eq!(o.lang.as_deref(), Some("es"));
    }

    #[test]
    fn refuses_unknown_fields_and_bad_names() {
        assert!(MountOptions::from_json(r#"{"namespaec":"x"}"#)
            .unwrap_err()
            .contains("namespaec"));
        assert!(MountOptions::from_json(r#"{"namespace":""}"#).is_err());
        assert!(MountOptions::from_json(r#"{"profile":"a:b"}"#).is_err());
        assert!(MountOptions::from_json(r#"{"profiles":"many"}"#).is_err());
        assert!(MountOptions::from_json(r#"{"idleSeconds":1}"#)
            .unwrap_err()
            .contains("3 to 3600"));
        assert!(MountOptions::from_json(r#"{"mode":"kiosk"}"#).is_err());
    }

    #[test]
    fn errors_name_the_option_in_words() {
        let unknown = MountOptions::from_json(r#"{"namespace":"a","namespaec":"x"}"#).unwrap_err();
        assert!(
            unknown.starts_with("unknown option \"namespaec\"; the options are namespace, profile"),
            "{unknown}"
        );
        let mode = MountOptions::from_json(r#"{"mode":"kiosk"}"#).unwrap_err();
        assert_eq!(
            mode,
            r#"option "mode": unknown value "kiosk", expected "personal" or "shared""#
        );
        let idle = MountOptions::from_json(r#"{"idleSeconds":"90"}"#).unwrap_err();
        assert_eq!(
            idle,
            r#"option "idleSeconds": invalid type: string "90", expected a whole number"#
        );
        for bad in [
            r#"{"mode":"kiosk"}"#,
            r#"{"idleSeconds":-1}"#,
            r#"{"instrument":{"id":1}}"#,
        ] {
            let e = MountOptions::from_json(bad).unwrap_err();
            assert!(!e.contains("line") && !e.contains('`'), "{e}");
        }
        assert!(MountOptions::from_json("[1]")
            .unwrap_err()
            .contains("plain object"));
        // Every documented name is known to serde too.
        for name in OPTION_NAMES {
            let e = MountOptions::from_json(&format!(r#"{{"{name}":[]}}"#)).unwrap_err();
            assert!(!e.starts_with("unknown option"), "{name}: {e}");
        }
    }

    #[test]
    fn members_split_at_the_top_level_only() {
        let json = r#"{ "a": "x,\"}", "b": {"c": [1, 2]}, "d": [ "e,f" ] }"#;
        assert_eq!(
            members(json).unwrap(),
            vec![
                ("a", r#""x,\"}""#),
                ("b", r#"{"c": [1, 2]}"#),
                ("d", r#"[ "e,f" ]"#)
            ]
        );
        assert_eq!(members("{}").unwrap(), vec![]);
        assert_eq!(members("[1]"), None);
        let late = MountOptions::from_json(
            r#"{"namespace":"a","instrument":{"id":"x","languages":["en"]},"mode":"kiosk"}"#,
        )
        .unwrap_err();
        assert!(
            late.starts_with("option \"instrument\": missing field"),
            "{late}"
        );
    }

    #[test]
    fn an_unknown_language_is_refused_by_name() {
        let e = MountOptions::from_json(r#"{"lang":"pt"}"#).unwrap_err();
        assert_eq!(
            e,
            r#"lang "pt" is not a language of this widget; it speaks en, es, de, fr, es-x-usted"#
        );
        assert!(MountOptions::from_json(r#"{"lang":"es-MX"}"#).is_ok());
        assert!(MountOptions::from_json(r#"{"lang":"es-x-usted"}"#).is_ok());
    }

    #[test]
    fn instrument_errors_are_reported_not_swallowed() {
        let o = MountOptions::from_json(
            r#"{"instrument":{"id":"x","version":1,"languages":["en"],"scales":[]}}"#,
        )
        .unwrap();
        assert!(o.instrument().unwrap_err().contains("1 to 10 scales"));
        assert_eq!(MountOptions::default().instrument(), Ok(None));
    }
}
