//! What every component needs to know about its instance: texts in the
//! reader's language, the language of the instrument's wording, and the id
//! prefix that keeps several widgets on one page apart.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::instrument::Localized;
use crate::i18n::Texts;

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
}

impl Ui {
    /// The text for `key`.
    pub fn t(&self, key: &str) -> String {
        self.texts.t(key).to_string()
    }

    /// The text for `key` with `{placeholders}` filled.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.texts.f(key, args)
    }

    /// A rating as this language writes decimals ("7,4" in German).
    pub fn num(&self, rating: crate::core::rating::Rating) -> String {
        self.texts.decimal(&rating.to_string())
    }

    /// A date and time in this language's format.
    pub fn date_time(&self, at: crate::core::time::Timestamp) -> String {
        crate::ui::format::local_date_time(at.millis(), self.texts.lang())
    }

    /// A date in this language's format.
    pub fn date(&self, at: crate::core::time::Timestamp) -> String {
        crate::ui::format::local_date(at.millis(), self.texts.lang())
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
    })
}
