//! User-facing text, one JSON file per language.
//!
//! Adding a language is adding one file next to this one and one line to
//! [`LANGUAGES`]; a test fails if any language lacks a key English has or
//! uses different `{placeholders}`. The default instrument's wording lives
//! here too (keys `instrument.*`), so it is translated with everything else.

use std::collections::BTreeMap;

/// Every bundled language: its tag, its own name (for the language
/// switcher) and its text file. English comes first and is the fallback for
/// anything missing. Adding a language is adding a file and a line here.
pub const LANGUAGES: &[(&str, &str, &str)] = &[
    ("en", "English", include_str!("en.json")),
    ("es", "Español", include_str!("es.json")),
    ("de", "Deutsch", include_str!("de.json")),
    ("fr", "Français", include_str!("fr.json")),
];

/// The texts of one language, with English behind them.
#[derive(Clone, Debug, PartialEq)]
pub struct Texts {
    lang: &'static str,
    own: BTreeMap<String, String>,
    english: BTreeMap<String, String>,
}

fn parse(file: &str) -> BTreeMap<String, String> {
    // The files are compiled in and checked by tests; an unreadable one
    // degrades to showing keys rather than stopping the widget.
    serde_json::from_str(file).unwrap_or_default()
}

/// The bundled language that best matches `wanted` (`es-MX` → `es`),
/// if any.
pub fn best_language(wanted: &str) -> Option<&'static str> {
    let wanted = wanted.trim().to_ascii_lowercase();
    let primary = wanted.split(['-', '_']).next().unwrap_or("");
    LANGUAGES
        .iter()
        .map(|(tag, _, _)| *tag)
        .find(|tag| *tag == wanted || *tag == primary)
}

impl Texts {
    /// The texts for `lang` (a bundled tag); English if it is not bundled.
    pub fn new(lang: &str) -> Texts {
        let english = parse(LANGUAGES[0].2);
        match LANGUAGES.iter().find(|(tag, _, _)| *tag == lang) {
            Some((tag, _, file)) if *tag != "en" => Texts {
                lang: tag,
                own: parse(file),
                english,
            },
            _ => Texts {
                lang: "en",
                own: BTreeMap::new(),
                english,
            },
        }
    }

    /// The language tag these texts are in.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The text for `key`; the English text if this language lacks it; the
    /// key itself if English lacks it too (visible, never a crash).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.own
            .get(key)
            .or_else(|| self.english.get(key))
            .map_or(key, String::as_str)
    }

    /// The text for `key` in this language (or English), if there is one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.own
            .get(key)
            .or_else(|| self.english.get(key))
            .map(String::as_str)
    }

    /// A decimal number (written with a point, as `Rating` displays) the
    /// way this language writes it: `7.4` in English, `7,4` in Spanish,
    /// German and French.
    pub fn decimal(&self, text: &str) -> String {
        match self.t("format.decimal") {
            "." => text.to_string(),
            sep => text.replace('.', sep),
        }
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
}

/// Replaces each `{name}` in `template` with its value from `args`, in one
/// pass: a value that itself contains `{…}` (a goal named "{to}") is left
/// as typed.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(n, _)| *n == name) => {
                let value = args
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or("", |(_, v)| *v);
                out.push_str(value);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{placeholders}` a template uses, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut found: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_english_key_with_the_same_placeholders() {
        let english: BTreeMap<String, String> =
            serde_json::from_str(LANGUAGES[0].2).expect("en.json is valid JSON");
        for (tag, _, file) in LANGUAGES {
            let texts: BTreeMap<String, String> = serde_json::from_str(file)
                .unwrap_or_else(|e| panic!("{tag}.json is not valid JSON: {e}"));
            for (key, en) in &english {
                let text = texts
                    .get(key)
                    .unwrap_or_else(|| panic!("{tag}.json lacks {key:?}"));
                assert!(!text.trim().is_empty(), "{tag}.json: {key:?} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(en),
                    "{tag}.json: {key:?} has other placeholders than English"
                );
            }
            for key in texts.keys() {
                assert!(
                    english.contains_key(key),
                    "{tag}.json has {key:?}, unknown to English"
                );
            }
        }
    }

    #[test]
    fn lookup_falls_back_to_english_then_to_the_key() {
        let es = Texts::new("es");
        assert_eq!(es.lang(), "es");
        assert_eq!(es.t("step.next"), "Siguiente");
        assert_eq!(es.t("no.such.key"), "no.such.key");
        assert_eq!(Texts::new("xx").lang(), "en");
    }

    #[test]
    fn fills_placeholders() {
        let en = Texts::new("en");
        assert_eq!(en.f("scale.value", &[("value", "7.4")]), "7.4 of 10");
        assert_eq!(placeholders("{a} and {b} and {a}"), ["a", "b"]);
        assert_eq!(
            fill(
                "{goal} went from {from} to {to}",
                &[("goal", "{to}"), ("from", "6"), ("to", "3")]
            ),
            "{to} went from 6 to 3"
        );
        assert_eq!(fill("{unknown} {x", &[]), "{unknown} {x");
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(Texts::new("en").decimal("7.4"), "7.4");
        for lang in ["es", "de", "fr"] {
            assert_eq!(Texts::new(lang).decimal("7.4"), "7,4", "{lang}");
        }
    }

    #[test]
    fn best_language_matches_primary_subtag() {
        assert_eq!(best_language("es-MX"), Some("es"));
        assert_eq!(best_language("EN"), Some("en"));
        assert_eq!(best_language("zh"), None);
    }
}
