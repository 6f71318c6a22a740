//! What an embed may choose, from a JS object or from `data-*` attributes.

use serde::Deserialize;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Options accepted by `mount()` and by `data-*` attributes.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MountOptions {
    /// Prefix of every storage key; instances with different namespaces
    /// never see each other's data.
    pub namespace: String,
    /// The profile whose history is used.
    pub profile: String,
}

impl Default for MountOptions {
    fn default() -> Self {
        MountOptions {
            namespace: "alliance-check".into(),
            profile: "default".into(),
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

    /// Reads options from JSON text and validates them.
    pub fn from_json(json: &str) -> Result<MountOptions, String> {
        let options: MountOptions =
            serde_json::from_str(json).map_err(|e| format!("invalid options: {e}"))?;
        options.validated()
    }

    /// Reads `data-namespace` and `data-profile` from an element.
    pub fn from_element(element: &Element) -> Result<MountOptions, String> {
        let mut options = MountOptions::default();
        if let Some(ns) = element.get_attribute("data-namespace") {
            options.namespace = ns;
        }
        if let Some(profile) = element.get_attribute("data-profile") {
            options.profile = profile;
        }
        options.validated()
    }

    fn validated(self) -> Result<MountOptions, String> {
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
        let o = MountOptions::from_json(r#"{"namespace":"practice-a"}"#).unwrap();
        assert_eq!(o.namespace, "practice-a");
        assert_eq!(o.profile, "default");
    }

    #[test]
    fn refuses_unknown_fields_and_bad_names() {
        assert!(MountOptions::from_json(r#"{"namespaec":"x"}"#)
            .unwrap_err()
            .contains("namespaec"));
        assert!(MountOptions::from_json(r#"{"namespace":""}"#).is_err());
        assert!(MountOptions::from_json(r#"{"profile":"a:b"}"#).is_err());
    }
}
