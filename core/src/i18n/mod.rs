//! User-facing text, one JSON file per language.
//!
//! Adding a language is adding one file next to this one, one line to
//! [`LANGUAGES`] (and its plural categories to [`PLURALS`]), one arm to
//! `bundled_file` and its instrument wording to `wording.json`; a test fails
//! if any language lacks a key English has, uses different
//! `{placeholders}`, or lacks a plural form its language needs.
//!
//! **What is compiled in.** English (the fallback for anything missing) and
//! the built-in instruments' wording in every language (`wording.json`:
//! the scales and the question, so a record's wording never waits for a
//! file) are always in. The other languages' files are compiled in with the
//! `all-languages` feature (the default: tests, the first-screen renderer);
//! the widget's WebAssembly leaves it off and [`add`]s a language's file
//! when it is first needed, so a client downloads only the language they
//! read. [`missing`] names the files a tag still needs.
//!
//! Three rules apply by code, not by hand:
//! - **Plurals**: a message that counts is a family of keys, one per CLDR
//!   category (`data.imported.one`, `data.imported.other`; Spanish and
//!   French add `.many`); the UI picks the form with the browser's
//!   `Intl.PluralRules` ([`plural_category`] is the same rule natively).
//! - **Typography** ([`typeset`]): straight double quotes become each
//!   language's quotation marks, and French gets its no-break spaces before
//!   `; : ? !` and inside « ».
//! - **Variants**: a tag like `es-x-usted` is a file of overrides that falls
//!   back to its language (`es`), then to English.

mod catalogue;

use std::collections::BTreeMap;

use catalogue::file_of;
pub use catalogue::{add, choice, choices, language_files, missing, wording, LANGUAGES, VARIANTS};

/// The CLDR cardinal plural categories each bundled language uses (a test
/// checks each file has exactly these forms for every counting message, and
/// a browser test that `Intl.PluralRules` agrees).
pub const PLURALS: &[(&str, &[&str])] = &[
    ("en", &["one", "other"]),
    ("es", &["one", "many", "other"]),
    ("de", &["one", "other"]),
    ("fr", &["one", "many", "other"]),
];

/// The plural category of the count `n` in `lang` (CLDR cardinal rules for
/// the bundled languages; "one" for 1 and "other" otherwise elsewhere). The
/// UI asks the browser's `Intl.PluralRules`; this is the same rule for
/// native code and tests.
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    let primary = lang.split('-').next().unwrap_or(lang);
    let million = n != 0 && n % 1_000_000 == 0;
    match primary {
        "fr" if n <= 1 => "one",
        "fr" | "es" if million => "many",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// The texts of one language (or variant), with its language and English
/// behind them.
#[derive(Clone, Debug, PartialEq)]
pub struct Texts {
    lang: &'static str,
    own: BTreeMap<String, String>,
    parent: BTreeMap<String, String>,
    english: BTreeMap<String, String>,
}

fn parse(lang: &str, file: &str) -> BTreeMap<String, String> {
    // The files are compiled in and checked by tests; an unreadable one
    // degrades to showing keys rather than stopping the widget.
    let texts: BTreeMap<String, String> = serde_json::from_str(file).unwrap_or_default();
    texts
        .into_iter()
        .map(|(k, v)| (k, typeset(lang, &v)))
        .collect()
}

/// Narrow no-break space (French: before `; ? !`, inside « »).
const NNBSP: char = '\u{202F}';
/// No-break space (French: before `:`).
const NBSP: char = '\u{A0}';

/// Applies a language's typography to a text: straight double quotes
/// become its quotation marks (“…” in English, «…» in Spanish, „…“ in
/// German, « … » in French), and in French the space before `; ? !` becomes
/// a narrow no-break space, before `:` a no-break space (added where it was
/// missing; not in `22:00` or `://`), and so do the spaces inside « ».
pub fn typeset(lang: &str, text: &str) -> String {
    let primary = lang.split('-').next().unwrap_or(lang);
    let (open, close) = match primary {
        "es" | "fr" => ('«', '»'),
        "de" => ('„', '“'),
        _ => ('“', '”'),
    };
    let mut inside = false;
    let quoted: Vec<char> = text
        .chars()
        .map(|c| match c {
            '"' => {
                inside = !inside;
                if inside {
                    open
                } else {
                    close
                }
            }
            c => c,
        })
        .collect();
    if primary != "fr" {
        return quoted.into_iter().collect();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < quoted.len() {
        let c = quoted[i];
        let next = quoted.get(i + 1).copied();
        let space = match c {
            ';' | '?' | '!' | '»' => Some(NNBSP),
            // Not in a time (22:00) nor in a URL (https://).
            ':' if !(out.ends_with(|p: char| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit())
                || next == Some('/')) =>
            {
                Some(NBSP)
            }
            _ => None,
        };
        if let Some(space) = space {
            while out.ends_with([' ', NBSP, NNBSP]) {
                out.pop();
            }
            // After a word, a closing bracket, quote or placeholder ("?!"
            // stays together).
            if out.ends_with(|p: char| p.is_alphanumeric() || ")]}»…".contains(p)) {
                out.push(space);
            }
        }
        out.push(c);
        if c == '«' {
            while matches!(quoted.get(i + 1), Some(&(' ' | NBSP | NNBSP))) {
                i += 1;
            }
            out.push(NNBSP);
        }
        i += 1;
    }
    out
}

/// The bundled language that best matches `wanted` (`es-MX` → `es`),
/// if any.
/// A variant (`es-x-usted`) is matched only by its own tag.
pub fn best_language(wanted: &str) -> Option<&'static str> {
    let wanted = wanted.trim().to_ascii_lowercase();
    let primary = wanted.split(['-', '_']).next().unwrap_or("");
    VARIANTS
        .iter()
        .map(|(tag, _)| *tag)
        .find(|tag| *tag == wanted)
        .or_else(|| {
            LANGUAGES
                .iter()
                .map(|(tag, _)| *tag)
                .find(|tag| *tag == wanted || *tag == primary)
        })
}

impl Texts {
    /// The texts for `lang` (a tag this widget offers whose file is
    /// here: see [`missing`]); English otherwise. A variant (`es-x-usted`)
    /// falls back to its language, then English.
    pub fn new(lang: &str) -> Texts {
        let english = Texts::language("en").unwrap_or_default();
        let tag = choice(lang).map(|(t, _)| t);
        let Some(tag) = tag.filter(|t| *t != "en" && missing(t).is_empty()) else {
            return Texts {
                lang: "en",
                own: BTreeMap::new(),
                parent: BTreeMap::new(),
                english,
            };
        };
        let primary = tag.split('-').next().unwrap_or(tag);
        let (own, parent) = if primary == tag {
            (Texts::language(tag), None)
        } else {
            let own = file_of(tag).map(|(_, file)| parse(tag, file));
            (own, Texts::language(primary))
        };
        Texts {
            lang: tag,
            own: own.unwrap_or_default(),
            parent: parent.unwrap_or_default(),
            english,
        }
    }

    /// A language's own texts with its instrument wording, if its file is
    /// here.
    fn language(tag: &str) -> Option<BTreeMap<String, String>> {
        let (tag, file) = file_of(tag)?;
        let mut texts = parse(tag, file);
        texts.extend(wording(tag));
        Some(texts)
    }

    /// Texts from a variant's overrides over a language whose file is here:
    /// what [`Texts::new`] does for a variant (tests, and checking a
    /// variant file before adding it).
    pub fn variant(tag: &'static str, overrides: &str) -> Texts {
        let primary = tag.split('-').next().unwrap_or(tag);
        let base = Texts::new(primary);
        Texts {
            lang: tag,
            own: parse(tag, overrides),
            parent: base.own,
            english: base.english,
        }
    }

    /// The language tag these texts are in.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The text for `key`; the English text if this language lacks it; the
    /// key itself if English lacks it too (visible, never a crash).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).unwrap_or(key)
    }

    /// The text for `key` in this language (or its parent, or English), if
    /// there is one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.own
            .get(key)
            .or_else(|| self.parent.get(key))
            .or_else(|| self.english.get(key))
            .map(String::as_str)
    }

    /// The form of the counting message `key` for `category` (from
    /// [`plural_category`] or the browser): `key.category`, else
    /// `key.other`, in this language before English. `None` when `key` is
    /// not a counting message.
    pub fn plural(&self, key: &str, category: &str) -> Option<&str> {
        let exact = format!("{key}.{category}");
        let other = format!("{key}.other");
        [&self.own, &self.parent, &self.english]
            .into_iter()
            .find_map(|texts| texts.get(&exact).or_else(|| texts.get(&other)))
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
    use crate::i18n::catalogue::{bundled_file, WORDING};

    /// The plural categories of a language.
    fn categories(tag: &str) -> &'static [&'static str] {
        PLURALS
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("{tag} has no entry in PLURALS"))
    }

    const CATEGORY_NAMES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

    /// Splits a language file into plain keys and counting messages (the
    /// base key → the categories it has).
    fn families(
        texts: &BTreeMap<String, String>,
    ) -> (BTreeMap<String, String>, BTreeMap<String, Vec<String>>) {
        // A counting message is a family English has in both `.one` and
        // `.other` (`save.failed.other` alone is a plain key).
        let english = full("en");
        let counting = |base: &str| {
            english.contains_key(&format!("{base}.one"))
                && english.contains_key(&format!("{base}.other"))
        };
        let mut plain = BTreeMap::new();
        let mut plural: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, text) in texts {
            match key.rsplit_once('.') {
                Some((base, cat)) if CATEGORY_NAMES.contains(&cat) && counting(base) => {
                    plural
                        .entry(base.to_string())
                        .or_default()
                        .push(cat.to_string());
                }
                _ => {
                    plain.insert(key.clone(), text.clone());
                }
            }
        }
        (plain, plural)
    }

    fn raw(file: &str) -> BTreeMap<String, String> {
        serde_json::from_str(file).expect("valid JSON")
    }

    /// A language's texts as written: its file and its instrument wording.
    fn full(tag: &str) -> BTreeMap<String, String> {
        let mut texts = raw(file_of(tag).expect("compiled in").1);
        let wording: BTreeMap<String, BTreeMap<String, String>> =
            serde_json::from_str(WORDING).expect("valid JSON");
        texts.extend(wording.get(tag).cloned().unwrap_or_default());
        texts
    }

    /// Same keys as English, same placeholders, every plural form of the
    /// language (a form may leave out its count), nothing empty, and plain
    /// words for children (no slash or mid-dot forms).
    fn check_language(tag: &str, texts: &BTreeMap<String, String>, complete: bool) {
        let (en_plain, en_plural) = families(&full("en"));
        let (plain, plural) = families(texts);
        for (key, text) in texts {
            assert!(!text.trim().is_empty(), "{tag}: {key:?} is empty");
            if key.starts_with("kids.") {
                let slash = text.char_indices().any(|(i, c)| {
                    c == '/'
                        && i > 0
                        && text[..i].ends_with(char::is_alphabetic)
                        && text[i + 1..].starts_with(char::is_alphabetic)
                });
                assert!(
                    !slash && !text.contains('·'),
                    "{tag}: {key:?} has a slash or mid-dot form: {text}"
                );
            }
        }
        for (key, en) in &en_plain {
            match plain.get(key) {
                Some(text) => assert_eq!(
                    placeholders(text),
                    placeholders(en),
                    "{tag}: {key:?} has other placeholders than English"
                ),
                None => assert!(!complete, "{tag} lacks {key:?}"),
            }
        }
        for key in plain.keys() {
            assert!(
                en_plain.contains_key(key),
                "{tag} has {key:?}, unknown to English"
            );
        }
        let english = full("en");
        for base in en_plural.keys() {
            let Some(forms) = plural.get(base) else {
                assert!(!complete, "{tag} lacks the counting message {base:?}");
                continue;
            };
            let mut forms = forms.clone();
            forms.sort();
            let mut want: Vec<String> = categories(tag.split('-').next().unwrap_or(tag))
                .iter()
                .map(|c| c.to_string())
                .collect();
            want.sort();
            assert_eq!(
                forms, want,
                "{tag}: {base:?} needs exactly the language's plural forms"
            );
            let en = placeholders(&english[&format!("{base}.other")]);
            for form in &forms {
                let got = placeholders(&texts[&format!("{base}.{form}")]);
                let missing: Vec<_> = en.iter().filter(|p| !got.contains(p)).collect();
                assert!(
                    got.iter().all(|p| en.contains(p)) && missing.len() <= 1,
                    "{tag}: {base}.{form} has placeholders {got:?}, English {en:?}"
                );
            }
        }
        for base in plural.keys() {
            assert!(
                en_plural.contains_key(base),
                "{tag} counts {base:?}, English does not"
            );
        }
    }

    #[test]
    fn every_language_has_every_english_key_placeholder_and_plural_form() {
        for (tag, _) in LANGUAGES {
            check_language(tag, &full(tag), true);
        }
    }

    #[test]
    fn what_the_widget_shows_has_each_languages_quotes_and_french_spacing() {
        for (tag, _) in LANGUAGES {
            let texts = Texts::new(tag);
            for (key, text) in &texts.own {
                assert!(
                    !text.contains('"'),
                    "{tag}: {key:?} shows a straight quote: {text}"
                );
            }
            if *tag != "fr" {
                continue;
            }
            for (key, text) in &texts.own {
                let chars: Vec<char> = text.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    let before = i.checked_sub(1).map(|j| chars[j]);
                    let after = chars.get(i + 1).copied();
                    let ok = match c {
                        ';' | '?' | '!' => before != Some(' ') && before != Some(NBSP),
                        ':' => before != Some(' ') && before != Some(NNBSP),
                        '«' => after == Some(NNBSP),
                        '»' => before == Some(NNBSP),
                        _ => true,
                    };
                    assert!(ok, "fr: {key:?} breaks French spacing at {i}: {text:?}");
                }
            }
        }
    }

    #[test]
    fn typography_by_rule() {
        assert_eq!(typeset("en", r#"Start "{code}""#), "Start “{code}”");
        assert_eq!(typeset("de", r#"Unter "{code}"."#), "Unter „{code}“.");
        assert_eq!(typeset("es", r#"Perfil "{code}""#), "Perfil «{code}»");
        assert_eq!(
            typeset("fr", r#"Le profil "{code}" ? Oui: 22:00, https://x.fr ; non!"#),
            "Le profil «\u{202F}{code}\u{202F}»\u{202F}? Oui\u{A0}: 22:00, https://x.fr\u{202F}; non\u{202F}!"
        );
        // Typed special spaces and « » are normalised, "?!" stays together.
        assert_eq!(
            typeset("fr", "Vraiment\u{A0}?! « oui »"),
            "Vraiment\u{202F}?! «\u{202F}oui\u{202F}»"
        );
    }

    #[test]
    fn plural_categories_follow_cldr() {
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("fr", 0), "one");
        assert_eq!(plural_category("fr", 2), "other");
        assert_eq!(plural_category("es", 1_000_000), "many");
        assert_eq!(plural_category("de", 1_000_000), "other");
        let fr = Texts::new("fr");
        assert!(fr.plural("data.imported", "many").is_some());
        // English has no "many": its "other" answers.
        let en = Texts::new("en");
        assert_eq!(
            en.plural("data.imported", "many"),
            en.plural("data.imported", "other")
        );
        assert_eq!(en.plural("no.such", "one"), None);
    }

    #[test]
    fn a_variant_is_a_file_of_overrides_over_its_language() {
        let file = file_of("es-x-usted").expect("compiled in").1;
        let overrides = raw(file);
        check_language("es-x-usted", &overrides, false);
        assert!(
            overrides.keys().all(|k| !k.starts_with("kids.")),
            "children keep tú"
        );
        let usted = Texts::variant("es-x-usted", file);
        assert_eq!(Texts::new("es-x-usted"), usted, "chosen from the menu");
        assert_eq!(best_language("es-x-usted"), Some("es-x-usted"));
        assert_eq!(best_language("es-MX"), Some("es"));
        let es = Texts::new("es");
        let (changed, _) = overrides.iter().next().expect("overrides something");
        assert_eq!(usted.t(changed), typeset("es", &overrides[changed]));
        assert_ne!(usted.t(changed), es.t(changed));
        // Everything else is the language's own.
        assert_eq!(usted.t("step.next"), es.t("step.next"));
    }

    /// Whether `text` has `word` as a whole word (letters on neither side).
    fn has_word(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
    }

    /// Keys a child never reaches: the grown-ups' part of the children's
    /// pages (files, protection, the hand-over, received on a grown-up's
    /// phone), the adult instrument and goals, and what is not shown at
    /// all (file columns, the project's own page).
    const GROWN_UPS: &[&str] = &[
        "data.",
        "protect.",
        "handover.",
        "receive.",
        "import.",
        "csv.",
        "fhir.",
        "print.",
        "incoming.",
        "gate.panel",
        // The button under an unreadable history: for the grown-up.
        "storage.download_quarantine",
        "instrument.",
        "goals.",
        "page.",
        "grownups.",
        // The card after saving is not shown on a child's page.
        "nudge.",
        "fhir",
        // Not in the children's instrument (no goals, faces not numbers).
        "step.goals",
        "scale.number",
    ];

    #[test]
    fn children_are_spoken_to_as_children_and_adults_as_adults() {
        let formal = [
            (
                "de",
                &["Sie", "Ihr", "Ihre", "Ihnen", "Ihren", "Ihrem", "Ihrer"][..],
            ),
            ("fr", &["vous", "Vous", "votre", "Votre", "vos", "Vos"][..]),
        ];
        let informal = [(
            "de",
            &["du", "Du", "dein", "deine", "dich", "dir", "Dein", "Deine"][..],
        )];
        for (tag, words) in formal {
            let texts = full(tag);
            for (key, text) in texts.iter().filter(|(k, _)| k.starts_with("kids.")) {
                for word in words {
                    assert!(
                        !has_word(text, word),
                        "{tag} {key}: {word:?} to a child: {text}"
                    );
                }
            }
            // A text a child can reach without its `kids.` form would
            // speak to them formally.
            for (key, text) in &texts {
                let reachable = !key.starts_with("kids.")
                    && !GROWN_UPS.iter().any(|p| key.starts_with(p))
                    && !texts.contains_key(&format!("kids.{key}"));
                if reachable {
                    for word in words {
                        assert!(
                            !has_word(text, word),
                            "{tag} {key} reaches a child as {word:?} and has no kids. form: {text}"
                        );
                    }
                }
            }
        }
        for (tag, words) in informal {
            let texts = full(tag);
            for (key, text) in texts.iter().filter(|(k, _)| !k.starts_with("kids.")) {
                for word in words {
                    assert!(
                        !has_word(text, word),
                        "{tag} {key}: {word:?} to an adult: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_french_singular_keeps_its_count_when_english_names_it() {
        let english = full("en");
        let french = full("fr");
        for (key, text) in french.iter().filter(|(k, _)| k.ends_with(".one")) {
            let Some(en) = english.get(key) else { continue };
            for p in placeholders(en) {
                assert!(
                    placeholders(text).contains(&p),
                    "fr {key} drops {{{p}}}: French \"one\" covers 0 and 1, so the count must show: {text}"
                );
            }
        }
    }

    #[test]
    fn every_language_but_english_is_a_file_for_the_widget_to_fetch() {
        let files = language_files();
        let tags: Vec<&str> = files.iter().map(|(t, _)| *t).collect();
        assert_eq!(tags, ["es", "de", "fr", "es-x-usted"]);
        for (tag, text) in &files {
            assert_eq!(&raw(text), &raw(bundled_file(tag).unwrap()), "{tag}");
            assert!(!text.contains('\n'), "{tag} is minified");
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

    /// The widget's build: English compiled in, the others added when a
    /// client first needs them (`cargo test --no-default-features`).
    #[cfg(not(feature = "all-languages"))]
    #[test]
    fn a_language_not_compiled_in_is_english_until_its_file_is_added() {
        assert_eq!(missing("en"), Vec::<&str>::new());
        assert_eq!(missing("es-x-usted"), ["es", "es-x-usted"]);
        assert_eq!(
            missing("pt"),
            Vec::<&str>::new(),
            "not offered: nothing to fetch"
        );
        let before = Texts::new("es");
        assert_eq!(before.lang(), "en");
        assert_eq!(before.t("step.next"), "Next");
        // The instruments' wording never waits for a file.
        assert_ne!(
            wording("es")["instrument.goals.label"],
            wording("en")["instrument.goals.label"]
        );

        assert!(add("pt", "{}").unwrap_err().contains("not a language"));
        assert!(add("es", "[1]").unwrap_err().contains("not readable"));
        assert!(add("es", "{\"step.next\": 1}").is_err(), "strings only");
        assert_eq!(missing("es"), ["es"], "nothing kept from a refused file");
        add("es", include_str!("es.json")).unwrap();
        assert_eq!(missing("es-x-usted"), ["es-x-usted"]);
        let es = Texts::new("es");
        assert_eq!((es.lang(), es.t("step.next")), ("es", "Siguiente"));
        assert_eq!(
            es.t("instrument.goals.label"),
            wording("es")["instrument.goals.label"]
        );
        assert_eq!(
            Texts::new("es-x-usted").lang(),
            "en",
            "a variant waits for its file"
        );
        add("es-x-usted", include_str!("es-x-usted.json")).unwrap();
        add("es-x-usted", "not even JSON").expect("added once; the second is not read");
        let usted = Texts::new("es-x-usted");
        assert_eq!(usted.lang(), "es-x-usted");
        assert_eq!(usted.t("step.next"), "Siguiente", "the rest from Spanish");
    }
}
