//! Which languages there are, and which files of theirs are here:
//! compiled in (English and the instruments' wording always, the rest with
//! the `all-languages` feature) or added at run time.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::typeset;

/// Every language: its tag and its own name (for the language switcher).
/// English comes first and is the fallback for anything missing.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("fr", "Français"),
];

/// Variants the client can choose in the language menu: a file of
/// overrides over its language (which falls back to English), e.g. Spanish
/// with "usted" instead of "tú".
pub const VARIANTS: &[(&str, &str)] = &[("es-x-usted", "Español (usted)")];

/// Every language and variant the menu offers: its tag and its own name.
pub fn choices() -> impl Iterator<Item = (&'static str, &'static str)> {
    LANGUAGES.iter().chain(VARIANTS).copied()
}

/// `tag` as the menu offers it, with its own name ("Français"), if the
/// widget offers it.
pub fn choice(tag: &str) -> Option<(&'static str, &'static str)> {
    choices().find(|(t, _)| *t == tag)
}

/// The built-in instruments' wording (`instrument.*`, and `kids.*` for the
/// children's), per language: always compiled in.
pub(super) const WORDING: &str = include_str!("wording.json");

/// The file of `tag` compiled into this build, if it is.
#[cfg(feature = "all-languages")]
pub(super) fn bundled_file(tag: &str) -> Option<&'static str> {
    match tag {
        "en" => Some(include_str!("en.json")),
        "es" => Some(include_str!("es.json")),
        "de" => Some(include_str!("de.json")),
        "fr" => Some(include_str!("fr.json")),
        "es-x-usted" => Some(include_str!("es-x-usted.json")),
        _ => None,
    }
}

/// The file of `tag` compiled into this build, if it is: English only.
#[cfg(not(feature = "all-languages"))]
pub(super) fn bundled_file(tag: &str) -> Option<&'static str> {
    (tag == "en").then_some(include_str!("en.json"))
}

thread_local! {
    /// Files added at run time ([`add`]): each is read once per page and
    /// kept for the page's life, shared by every widget on it.
    static ADDED: RefCell<BTreeMap<&'static str, &'static str>> =
        const { RefCell::new(BTreeMap::new()) };
}

/// Adds the file of a language or variant that is not compiled in (the
/// widget fetches it when a client first needs it). Refused: a tag the
/// widget does not offer, or text that is not a JSON object of strings.
/// Adding a tag already there changes nothing.
pub fn add(tag: &str, file: &str) -> Result<(), String> {
    let Some((tag, _)) = choice(tag) else {
        return Err(format!("{tag:?} is not a language of this widget"));
    };
    if file_of(tag).is_some() {
        return Ok(());
    }
    serde_json::from_str::<BTreeMap<String, String>>(file)
        .map_err(|e| format!("the {tag} texts are not readable: {e}"))?;
    // Kept for the page's life, like a compiled-in file: one per language.
    let file: &'static str = Box::leak(file.to_owned().into_boxed_str());
    ADDED.with(|a| a.borrow_mut().insert(tag, file));
    Ok(())
}

/// The files `tag` still needs before [`Texts::new`] can show it: its
/// language's first, then a variant's own. Empty for English, for a tag
/// this widget does not offer, and once everything is here.
pub fn missing(tag: &str) -> Vec<&'static str> {
    let Some((tag, _)) = choice(tag) else {
        return Vec::new();
    };
    let primary = tag.split('-').next().unwrap_or(tag);
    let parent = LANGUAGES.iter().map(|(t, _)| *t).find(|t| *t == primary);
    parent
        .into_iter()
        .chain((parent != Some(tag)).then_some(tag))
        .filter(|t| file_of(t).is_none())
        .collect()
}

/// The files a widget built without `all-languages` fetches: each
/// language and variant but English, as `(tag, file text)` with the text
/// minified (the build writes them as `i18n/<tag>.json` beside the loader).
/// Empty in a build without them.
pub fn language_files() -> Vec<(&'static str, String)> {
    choices()
        .filter(|(tag, _)| *tag != "en")
        .filter_map(|(tag, _)| {
            let texts: BTreeMap<String, String> = serde_json::from_str(bundled_file(tag)?).ok()?;
            Some((tag, serde_json::to_string(&texts).ok()?))
        })
        .collect()
}

/// The file of a tag (a language or a variant), compiled in or added.
pub(super) fn file_of(tag: &str) -> Option<(&'static str, &'static str)> {
    let (tag, _) = choice(tag)?;
    let file = bundled_file(tag).or_else(|| ADDED.with(|a| a.borrow().get(tag).copied()))?;
    Some((tag, file))
}

/// The built-in instruments' wording in `lang` (a language, not a variant),
/// typeset: empty for a language it does not have.
pub fn wording(lang: &str) -> BTreeMap<String, String> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> =
        serde_json::from_str(WORDING).unwrap_or_default();
    all.remove(lang)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, typeset(lang, &v)))
        .collect()
}
