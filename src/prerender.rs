//! The first screen as static HTML, rendered natively at build time: the
//! `prerender` binary writes one file per language, variant and mode into
//! `dist/first/`. The loader (`www/first-screen.js`) puts it on the page at
//! once, so a client can rate before the WebAssembly has arrived; the widget
//! then takes the element over, carrying over what was set (`takeover.rs`).
//!
//! The markup mirrors what the components render first (`ui/app.rs`,
//! `header.rs`, `check.rs`, `scale.rs`, `start.rs`), from the same
//! instrument and texts. An end-to-end test compares the two trees, so they
//! cannot drift apart unnoticed. Ids carry the prefix `ac0-`, which the
//! loader makes unique per widget. Pure Rust: no browser access.

use std::fmt::Write as _;

use crate::core::instrument::{Instrument, Scale};
use crate::i18n::{fill, Texts, LANGUAGES};

/// Prefix of every id in the rendered markup.
pub const ID_PREFIX: &str = "ac0";

/// Which first screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// A bundled language tag.
    pub lang: &'static str,
    /// The children's check (faces).
    pub kids: bool,
    /// Shared-screen mode: the neutral start screen.
    pub shared: bool,
}

impl Config {
    /// Every first screen the build writes.
    pub fn all() -> Vec<Config> {
        let mut all = Vec::new();
        for (lang, _, _) in LANGUAGES {
            for kids in [false, true] {
                for shared in [false, true] {
                    all.push(Config { lang, kids, shared });
                }
            }
        }
        all
    }

    /// The file name the loader asks for: `en-adult-personal.html`.
    pub fn file_name(&self) -> String {
        format!(
            "{}-{}-{}.html",
            self.lang,
            if self.kids { "children" } else { "adult" },
            if self.shared { "shared" } else { "personal" }
        )
    }
}

/// Text with `&`, `<`, `>` and `"` escaped, for content and attributes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The texts of one first screen: the language's, with the `kids.` forms
/// first for children (as `ui::context::Ui::t` looks them up).
struct Words {
    texts: Texts,
    kids: bool,
}

impl Words {
    fn t(&self, key: &str) -> String {
        if self.kids {
            if let Some(text) = self.texts.get(&format!("kids.{key}")) {
                return esc(text);
            }
        }
        esc(self.texts.t(key))
    }

    fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = if self.kids {
            self.texts
                .get(&format!("kids.{key}"))
                .unwrap_or_else(|| self.texts.t(key))
        } else {
            self.texts.t(key)
        };
        esc(&fill(template, args))
    }
}

/// One of the five faces, as `ui::scale::face` draws it.
pub fn face_svg(index: usize, class: &str) -> String {
    let index = index.min(4);
    let eyes = if index == 4 {
        r#"<path class="ac-face__brow" d="M 13 20 Q 17 15 21 20"></path><path class="ac-face__brow" d="M 27 20 Q 31 15 35 20"></path>"#
    } else {
        r#"<circle class="ac-face__eye" cx="17" cy="19" r="2.6"></circle><circle class="ac-face__eye" cx="31" cy="19" r="2.6"></circle>"#
    };
    let brows = if index == 0 {
        r#"<path class="ac-face__brow" d="M 11 15 L 20 12"></path><path class="ac-face__brow" d="M 37 15 L 28 12"></path>"#
    } else {
        ""
    };
    let mouth_class = if index == 4 {
        "ac-face__fill"
    } else {
        "ac-face__mouth"
    };
    format!(
        r#"<svg class="{class} ac-face--{index}" viewBox="0 0 48 48" aria-hidden="true" focusable="false"><circle class="ac-face__head" cx="24" cy="24" r="21"></circle>{eyes}{brows}<path class="{mouth_class}" d="{mouth}"></path></svg>"#,
        mouth = FACE_MOUTHS[index]
    )
}

/// The mouth of each face, from a deep frown (0) to an open laugh (4).
pub const FACE_MOUTHS: [&str; 5] = [
    "M 14 36 Q 24 25 34 36",
    "M 15 34 Q 24 29 33 34",
    "M 15 32 L 33 32",
    "M 14 29 Q 24 38 34 29",
    "M 12 27 Q 24 44 36 27 Z",
];

fn slider(out: &mut String, w: &Words, scale: &Scale, lang: &str) {
    let id = format!("{ID_PREFIX}-scale-{}", scale.id);
    let label = esc(scale.label.get(lang, "en"));
    let number_label = w.f(
        "scale.number_label",
        &[("label", scale.label.get(lang, "en"))],
    );
    let _ = write!(
        out,
        r#"<div class="ac-scale is-unset" data-scale="{sid}"><label class="ac-scale__label" for="{id}">{label}</label><div class="ac-scale__row"><input type="range" id="{id}" class="ac-scale__input" min="0" max="10" step="0.1" value="5" aria-valuetext="{unrated}" aria-describedby="{id}-ends"><span class="ac-scale__value"><input class="ac-scale__number" type="text" inputmode="decimal" autocomplete="off" size="4" maxlength="4" aria-label="{number_label}" aria-invalid="false" aria-describedby="{id}-error" value=""><span class="ac-scale__of" aria-hidden="true"> / 10</span></span></div><p class="ac-scale__error" id="{id}-error" role="alert"></p><div class="ac-scale__ends" id="{id}-ends"><span class="ac-scale__end ac-scale__end--low">{low_prefix}{low}</span><span class="ac-scale__end ac-scale__end--high">{high_prefix}{high}</span></div></div>"#,
        sid = esc(&scale.id),
        unrated = w.t("scale.unrated"),
        low_prefix = w.t("scale.low_prefix"),
        high_prefix = w.t("scale.high_prefix"),
        low = esc(scale.low.get(lang, "en")),
        high = esc(scale.high.get(lang, "en")),
    );
}

fn faces(out: &mut String, w: &Words, scale: &Scale, lang: &str) {
    let id = format!("{ID_PREFIX}-scale-{}", scale.id);
    let _ = write!(
        out,
        r#"<div class="ac-scale ac-faces is-unset" data-scale="{sid}"><fieldset class="ac-faces__group" aria-describedby="{id}-ends"><legend class="ac-scale__label" id="{id}-label">{label}</legend><div class="ac-faces__row">"#,
        sid = esc(&scale.id),
        label = esc(scale.label.get(lang, "en")),
    );
    for i in 0..5 {
        let _ = write!(
            out,
            r#"<label class="ac-face" for="{id}-face{i}"><input class="ac-face__input" type="radio" id="{id}-face{i}" name="{id}" value="{tenths}" aria-label="{name}">{svg}</label>"#,
            tenths = i * 25,
            name = w.t(&format!("face.{i}")),
            svg = face_svg(i, "ac-face__svg"),
        );
    }
    let _ = write!(
        out,
        r#"</div></fieldset><div class="ac-scale__ends" id="{id}-ends"><span class="ac-scale__end ac-scale__end--low">{low}</span><span class="ac-scale__end ac-scale__end--high">{high}</span></div></div>"#,
        low = esc(scale.low.get(lang, "en")),
        high = esc(scale.high.get(lang, "en")),
    );
}

fn header(out: &mut String, w: &Words, lang: &str) {
    let _ = write!(
        out,
        r#"<header class="ac__header"><h2 class="ac__title" id="{ID_PREFIX}-title">{title}</h2><div class="ac__lang"><label for="{ID_PREFIX}-lang">{label}</label><select id="{ID_PREFIX}-lang">"#,
        title = w.t("widget.title"),
        label = w.t("language.label"),
    );
    for (tag, name) in crate::i18n::choices() {
        let selected = if tag == lang { " selected" } else { "" };
        let _ = write!(
            out,
            r#"<option value="{tag}" lang="{tag}"{selected}>{name}</option>"#
        );
    }
    out.push_str("</select></div></header>");
}

fn nav(out: &mut String, w: &Words, goals: bool) {
    let _ = write!(
        out,
        r#"<nav class="ac-nav" aria-label="{label}"><ul class="ac-nav__list"><li><button type="button" class="ac-nav__item is-current" aria-current="page">{check}</button></li><li><button type="button" class="ac-nav__item" data-ac-intent="history">{history}</button></li>"#,
        label = w.t("nav.label"),
        check = w.t("nav.check"),
        history = w.t("nav.history"),
    );
    if goals {
        let _ = write!(
            out,
            r#"<li><button type="button" class="ac-nav__item" data-ac-intent="goals">{}</button></li>"#,
            w.t("nav.goals")
        );
    }
    out.push_str("</ul></nav>");
}

/// The four scales of a new check, as the first step of the check shows
/// them (a first check of an instrument with goals has three steps).
fn check(out: &mut String, w: &Words, instrument: &Instrument, lang: &str) {
    let steps = if instrument.goals.is_some() { 3 } else { 2 };
    let _ = write!(
        out,
        r#"<form class="ac-check" novalidate=""><div class="ac-progress"><p class="ac-progress__text">{progress}</p><ol class="ac-progress__bar" aria-hidden="true">"#,
        progress = w.f(
            "step.progress",
            &[("n", "1"), ("total", &steps.to_string())]
        ),
    );
    for i in 0..steps {
        let current = if i == 0 { " is-current" } else { "" };
        let _ = write!(out, r#"<li class="ac-progress__step{current}"></li>"#);
    }
    let _ = write!(
        out,
        r#"</ol></div><h3 class="ac-check__heading" tabindex="-1">{heading}</h3><p class="ac-check__intro">{intro}</p>"#,
        heading = w.t("step.scales"),
        intro = w.t("scales.intro"),
    );
    for scale in &instrument.scales {
        if instrument.faces {
            faces(out, w, scale, lang);
        } else {
            slider(out, w, scale, lang);
        }
    }
    let _ = write!(
        out,
        r#"<div class="ac-check__nav"><button type="submit" class="ac-button ac-button--primary" data-ac-intent="next">{next}</button></div></form>"#,
        next = w.t("step.next"),
    );
}

fn start(out: &mut String, w: &Words) {
    let _ = write!(
        out,
        r#"<section class="ac-start" aria-labelledby="{ID_PREFIX}-start-title"><h3 class="ac-section__title" id="{ID_PREFIX}-start-title" tabindex="-1">{title}</h3><p class="ac-check__intro">{intro}</p><button type="button" class="ac-button ac-button--primary ac-button--large" data-ac-intent="start">{button}</button></section>"#,
        title = w.t("shared.start.title"),
        intro = w.t("shared.start.intro"),
        button = w.t("shared.start.button"),
    );
}

/// The first screen of `config` as HTML: the widget's `<section>` with its
/// header and, in personal mode, its navigation and the four scales; in
/// shared mode the neutral start. The section carries `data-ac-first` and
/// the words the loader needs before the widget runs (`data-ac-*`).
pub fn render(config: &Config) -> String {
    let instrument = if config.kids {
        Instrument::children()
    } else {
        Instrument::default_alliance()
    };
    let w = Words {
        texts: Texts::new(config.lang),
        kids: config.kids,
    };
    let lang = config.lang;
    let mut out = String::with_capacity(8 * 1024);
    let shared = if config.shared { " ac--shared" } else { "" };
    let _ = write!(
        out,
        r#"<section class="ac{shared}" lang="{lang}" aria-labelledby="{ID_PREFIX}-title" data-ac-first="" data-ac-valuetext="{valuetext}" data-ac-unrated="{unrated}" data-ac-decimal="{decimal}" data-ac-invalid="{invalid}" data-ac-loading="{loading}">"#,
        valuetext = w.t("scale.value"),
        unrated = w.t("scale.unrated"),
        decimal = w.t("format.decimal"),
        invalid = w.f(
            "scale.number_invalid",
            &[("example", &w.texts.decimal("7.5"))]
        ),
        loading = w.t("first.loading"),
    );
    header(&mut out, &w, lang);
    if config.shared {
        start(&mut out, &w);
    } else {
        nav(&mut out, &w, instrument.goals.is_some());
        check(&mut out, &w, &instrument, lang);
    }
    out.push_str(r#"<div class="ac-toasts"><div class="ac-status" role="status"></div><div class="ac-alert" role="alert"></div></div></section>"#);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_screens_with_distinct_names() {
        let all = Config::all();
        assert_eq!(all.len(), 16);
        let mut names: Vec<String> = all.iter().map(Config::file_name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 16);
        assert!(names.contains(&"en-adult-personal.html".to_string()));
    }

    #[test]
    fn the_scales_in_the_language_with_text_escaped() {
        let html = render(&Config {
            lang: "es",
            kids: false,
            shared: false,
        });
        assert_eq!(html.matches(r#"type="range""#).count(), 4);
        assert!(html.contains("Nuestra conexión"), "Spanish labels");
        assert!(html.contains(r#"data-ac-decimal=",""#));
        assert!(html.contains(r#"aria-valuetext="todavía sin valorar""#));
        assert_eq!(
            esc(r#"<b a="1">&</b>"#),
            "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;"
        );
        assert!(
            !html.contains("<script") && !html.contains("style="),
            "CSP: nothing inline"
        );
    }

    #[test]
    fn children_get_faces_and_shared_screens_the_start() {
        let kids = render(&Config {
            lang: "en",
            kids: true,
            shared: false,
        });
        assert_eq!(kids.matches(r#"type="radio""#).count(), 20);
        assert_eq!(kids.matches(r#"type="range""#).count(), 0);
        assert!(kids.contains("Pick a face"));
        let shared = render(&Config {
            lang: "de",
            kids: false,
            shared: true,
        });
        assert!(shared.contains(r#"data-ac-intent="start""#));
        assert!(
            !shared.contains("ac-nav"),
            "nothing to navigate on the neutral start"
        );
    }
}
