//! What every component needs to know about its instance: texts in the
//! reader's language (and for the reader's age), the language of the
//! instrument's wording, the locale for dates, and the id prefix that keeps
//! several widgets on one page apart.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::instrument::{Instrument, Localized};
use crate::core::rating::Rating;
use crate::core::time::Timestamp;
use crate::i18n::Texts;
use crate::takeover::Typed;
use crate::ui::format;

/// Shared, read-only facts of one mounted widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Ui {
    /// UI texts in the reader's language.
    pub texts: Rc<Texts>,
    /// Language the instrument's wording is shown in.
    pub lang: AttrValue,
    /// The instrument's fallback language.
    pub fallback: AttrValue,
    /// Prefix for DOM ids, unique per instance.
    pub instance: AttrValue,
    /// The children's check: child words and faces everywhere, no decimals.
    pub kids: bool,
    /// The locale dates are written in: the browser's, when it speaks the
    /// reader's language (`en-GB` for English in Britain), else the language.
    pub locale: AttrValue,
    /// Numbers typed in the pre-rendered first screen that are not ratings.
    pub typed: Rc<FirstTyped>,
}

/// Numbers typed in the pre-rendered first screen that are not ratings
/// ("12"), each taken once by the scale that shows it, so that the
/// widget's first render already holds them. An effect would come too
/// late: Yew's scheduler may yield to the browser between a render and its
/// effects, and the field would show empty meanwhile.
#[derive(Debug, Default, PartialEq)]
pub struct FirstTyped(RefCell<Vec<Typed>>);

impl FirstTyped {
    /// Holds `typed` until each scale takes its own.
    pub fn new(typed: Vec<Typed>) -> FirstTyped {
        FirstTyped(RefCell::new(typed))
    }

    /// The number typed in `scale`'s field, once: `None` ever after.
    pub fn take(&self, scale: &str) -> Option<Typed> {
        let mut typed = self.0.borrow_mut();
        let at = typed.iter().position(|t| t.scale == scale)?;
        Some(typed.swap_remove(at))
    }
}

impl Ui {
    /// The facts of one widget showing `instrument` in `lang`, holding the
    /// numbers `typed` in its first screen.
    pub fn new(
        lang: &str,
        instance: AttrValue,
        instrument: &Instrument,
        typed: Rc<FirstTyped>,
    ) -> Ui {
        let texts = Texts::new(lang);
        Ui {
            locale: format::locale_for(texts.lang()).into(),
            lang: instrument.language_for(lang).to_string().into(),
            fallback: instrument
                .languages
                .first()
                .cloned()
                .unwrap_or_default()
                .into(),
            kids: instrument.faces,
            texts: Rc::new(texts),
            instance,
            typed,
        }
    }

    /// The text for `key` (for children, its `kids.` form where there is one).
    pub fn t(&self, key: &str) -> String {
        if self.kids {
            if let Some(text) = self.texts.get(&format!("kids.{key}")) {
                return text.to_string();
            }
        }
        self.texts.t(key).to_string()
    }

    /// The text for `key` with `{placeholders}` filled.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        crate::i18n::fill(&self.t(key), args)
    }

    /// The counting message `key` for `n` ("1 session", "2 sessions"): the
    /// form the browser's plural rules pick for this language (for
    /// children, the `kids.` family where there is one), with `count` (the
    /// placeholder that holds the number) and `args` filled.
    pub fn count(&self, key: &str, count: &str, n: usize, args: &[(&str, &str)]) -> String {
        let category = format::plural_category(self.texts.lang(), n);
        let kids = self
            .kids
            .then(|| self.texts.plural(&format!("kids.{key}"), &category))
            .flatten();
        let template = kids
            .or_else(|| self.texts.plural(key, &category))
            .unwrap_or(key);
        let n = n.to_string();
        let mut all = vec![(count, n.as_str())];
        all.extend_from_slice(args);
        crate::i18n::fill(template, &all)
    }

    /// A rating as this language writes decimals ("7,4" in German); for
    /// children, the word of the nearest face ("happy").
    pub fn num(&self, rating: Rating) -> String {
        if self.kids {
            return self.t(&format!("face.word.{}", face_of(rating)));
        }
        self.texts.decimal(&rating.to_string())
    }

    /// A rating with its scale ("7.4 of 10"; for children, the face's word).
    pub fn of_ten(&self, rating: Rating) -> String {
        if self.kids {
            return self.num(rating);
        }
        self.f("scale.value", &[("value", &self.num(rating))])
    }

    /// A date and time in the reader's locale.
    pub fn date_time(&self, at: Timestamp) -> String {
        format::local_date_time(at.millis(), &self.locale)
    }

    /// A date in the reader's locale.
    pub fn date(&self, at: Timestamp) -> String {
        format::local_date(at.millis(), &self.locale)
    }

    /// A short date (day and month) in the reader's locale, for chart axes.
    pub fn short_date(&self, at: Timestamp) -> String {
        format::short_date(at.millis(), &self.locale)
    }

    /// Instrument wording in the shown language.
    pub fn pick(&self, text: &Localized) -> String {
        text.get(&self.lang, &self.fallback).to_string()
    }

    /// A DOM id unique to this instance.
    pub fn id(&self, local: &str) -> String {
        format!("{}-{local}", self.instance)
    }
}

/// The face (0 = very unhappy … 4 = very happy) nearest to `rating`.
pub fn face_of(rating: Rating) -> usize {
    usize::from((rating.tenths() + 12) / 25).min(4)
}

/// The [`Ui`] of the widget this component belongs to.
///
/// # Example
/// ```ignore
/// let ui = use_ui();
/// html! { <h2>{ ui.t("widget.title") }</h2> }
/// ```
#[hook]
pub fn use_ui() -> Ui {
    use_context::<Ui>().unwrap_or_else(|| Ui {
        texts: Rc::new(Texts::new("en")),
        lang: "en".into(),
        fallback: "en".into(),
        instance: "ac".into(),
        kids: false,
        locale: "en".into(),
        typed: Rc::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::{face_of, FirstTyped};
    use crate::core::rating::Rating;
    use crate::takeover::Typed;

    #[test]
    fn a_number_typed_in_the_first_screen_is_taken_once_by_its_own_scale() {
        let typed = |scale: &str, text: &str| Typed {
            scale: scale.into(),
            text: text.into(),
            checked: true,
        };
        let first = FirstTyped::new(vec![typed("tasks", "12"), typed("bond", "7,")]);
        assert_eq!(first.take("goals"), None);
        assert_eq!(first.take("tasks"), Some(typed("tasks", "12")));
        assert_eq!(first.take("tasks"), None, "a second render finds nothing");
        assert_eq!(first.take("bond"), Some(typed("bond", "7,")));
    }

    #[test]
    fn each_face_value_is_its_own_face_and_others_round_to_the_nearest() {
        let faces: Vec<usize> = [0, 25, 50, 75, 100]
            .map(|t| face_of(Rating::clamped(t)))
            .to_vec();
        assert_eq!(faces, [0, 1, 2, 3, 4]);
        assert_eq!(face_of(Rating::clamped(12)), 0);
        assert_eq!(face_of(Rating::clamped(13)), 1);
        assert_eq!(face_of(Rating::clamped(88)), 4);
    }
}
