//! What the client is asked: the instrument, as data.
//!
//! An instrument is a versioned list of scales (label, two end texts and a
//! threshold each, in every language it declares), optionally a goal section
//! and one open question. The default is built from the bundled language
//! files, in this project's own words; a practice holding a licence for
//! another instrument can supply its wording as JSON ([`Instrument::from_json`]).
//! Every record names the instrument id and version it was answered with.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::rating::Rating;
use crate::i18n::{self, LANGUAGES};

/// A text in every language of its instrument, by language tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`, else in its language (`es` for `es-x-usted`),
    /// else in `fallback` (the instrument's first language), else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        let primary = lang.split('-').next().unwrap_or(lang);
        self.0
            .get(lang)
            .or_else(|| self.0.get(primary))
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// One visual-analogue scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Stable key used in records (`goals`, `tasks`, …); never shown.
    pub id: String,
    /// The visible name of the scale.
    pub label: Localized,
    /// What 0 means.
    pub low: Localized,
    /// What 10 means.
    pub high: Localized,
    /// Ratings below this invite a conversation (default 9.0).
    #[serde(default = "default_threshold")]
    pub threshold: Rating,
}

/// The goal section: progress on the client's own goals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSection {
    /// At most this many active goals (1–3).
    #[serde(default = "default_max_goals")]
    pub max_active: u8,
}

/// The one open question at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question asked.
    pub text: Localized,
    /// Longest answer accepted, in characters (1–2000, default 500).
    #[serde(default = "default_max_length")]
    pub max_length: u16,
}

/// A named, versioned questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable identifier, e.g. `alliance-check.default`.
    pub id: String,
    /// Bumped whenever wording or scales change.
    pub version: u32,
    /// Language tags every text is given in; the first is the fallback.
    pub languages: Vec<String>,
    /// The scales, in the order they are asked.
    pub scales: Vec<Scale>,
    /// Whether, and how, goal progress is asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals: Option<GoalSection>,
    /// The optional open question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
    /// Show each scale as five faces (for children) instead of a slider.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub faces: bool,
}

/// The instrument id and version a record was answered with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentRef {
    /// [`Instrument::id`].
    pub id: String,
    /// [`Instrument::version`].
    pub version: u32,
}

/// What is wrong with an instrument definition, naming the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstrumentError(pub String);

impl fmt::Display for InstrumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InstrumentError {}

fn default_threshold() -> Rating {
    Rating::clamped(90)
}

fn default_max_goals() -> u8 {
    3
}

fn default_max_length() -> u16 {
    500
}

/// An instrument whose wording comes from the bundled language files
/// (keys `<prefix>.<scale>.label|low|high` and `<prefix>.question`).
fn bundled(id: &str, prefix: &str, max_length: u16, faces: bool) -> Instrument {
    let all: Vec<(&str, BTreeMap<String, String>)> = LANGUAGES
        .iter()
        .map(|(tag, _)| (*tag, i18n::wording(tag)))
        .collect();
    let text = |key: &str| {
        Localized(
            all.iter()
                .map(|(tag, words)| {
                    let word = words.get(key).map_or(key, String::as_str);
                    (tag.to_string(), word.to_string())
                })
                .collect(),
        )
    };
    let scale = |id: &str| Scale {
        id: id.into(),
        label: text(&format!("{prefix}.{id}.label")),
        low: text(&format!("{prefix}.{id}.low")),
        high: text(&format!("{prefix}.{id}.high")),
        threshold: default_threshold(),
    };
    Instrument {
        id: id.into(),
        version: 1,
        languages: all.iter().map(|(tag, _)| tag.to_string()).collect(),
        scales: ["goals", "tasks", "bond", "overall"].map(scale).to_vec(),
        goals: None,
        question: Some(Question {
            text: text(&format!("{prefix}.question")),
            max_length,
        }),
        faces,
    }
}

/// Longest id or language tag accepted.
const MAX_ID: usize = 64;
/// Longest single text accepted.
const MAX_TEXT: usize = 300;
/// Most scales an instrument may have.
pub const MAX_SCALES: usize = 10;

/// Whether `s` is a valid instrument, scale or goal-set id: 1–64 letters,
/// digits, `-`, `_` or `.`.
pub fn is_key(s: &str) -> bool {
    (1..=MAX_ID).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Instrument {
    /// The built-in working-alliance check (goals, tasks, bond, overall,
    /// goal progress and one open question) in every bundled language.
    pub fn default_alliance() -> Instrument {
        Instrument {
            goals: Some(GoalSection { max_active: 3 }),
            ..bundled(
                "alliance-check.default",
                "instrument",
                default_max_length(),
                false,
            )
        }
    }

    /// The children's variant (ages about 6–12): the same four parts of the
    /// alliance in simple words, answered by choosing one of five faces
    /// (0, 2.5, 5, 7.5, 10), and one short open question. Records name this
    /// instrument, so a child's history is never compared with an adult's
    /// wording.
    ///
    /// Its threshold is the in-between face: a happy face is nothing to
    /// worry about, an unhappy one is worth a word.
    pub fn children() -> Instrument {
        let mut kids = bundled("alliance-check.children", "kids", 200, true);
        for scale in &mut kids.scales {
            scale.threshold = Rating::clamped(50);
        }
        kids
    }

    /// Reads and validates an instrument definition.
    pub fn from_json(text: &str) -> Result<Instrument, InstrumentError> {
        let inst: Instrument = serde_json::from_str(text)
            .map_err(|e| InstrumentError(format!("not a valid instrument: {e}")))?;
        inst.validate()?;
        Ok(inst)
    }

    /// Checks everything serde cannot: ids, languages, text in every
    /// declared language, sizes.
    pub fn validate(&self) -> Result<(), InstrumentError> {
        let err = |m: String| Err(InstrumentError(m));
        if !is_key(&self.id) {
            return err(format!(
                "id {:?} must be 1-64 letters, digits, '-', '_' or '.'",
                self.id
            ));
        }
        if self.version == 0 {
            return err("version must be 1 or more".into());
        }
        if self.languages.is_empty() {
            return err("languages must name at least one language".into());
        }
        let mut langs = BTreeSet::new();
        for l in &self.languages {
            if !is_language_tag(l) || !langs.insert(l.as_str()) {
                return err(format!(
                    "language {l:?} is not a lowercase language tag, or is listed twice"
                ));
            }
        }
        if self.scales.is_empty() || self.scales.len() > MAX_SCALES {
            return err(format!(
                "an instrument needs 1 to {MAX_SCALES} scales, not {}",
                self.scales.len()
            ));
        }
        let check_text = |place: &str, text: &Localized| -> Result<(), InstrumentError> {
            for l in &self.languages {
                match text.0.get(l) {
                    None => return Err(InstrumentError(format!("{place} has no {l:?} text"))),
                    Some(t) if t.trim().is_empty() || t.chars().count() > MAX_TEXT => {
                        return Err(InstrumentError(format!(
                            "{place} in {l:?} must be 1-{MAX_TEXT} characters"
                        )))
                    }
                    Some(_) => {}
                }
            }
            if let Some(extra) = text.0.keys().find(|k| !langs.contains(k.as_str())) {
                return Err(InstrumentError(format!(
                    "{place} has text in {extra:?}, which is not in languages"
                )));
            }
            Ok(())
        };
        let mut ids = BTreeSet::new();
        for (i, s) in self.scales.iter().enumerate() {
            let place = format!("scale {} ({:?})", i + 1, s.id);
            if !is_key(&s.id) || !ids.insert(s.id.as_str()) {
                return err(format!(
                    "{place}: id must be unique, 1-64 letters, digits, '-', '_' or '.'"
                ));
            }
            check_text(&format!("{place} label"), &s.label)?;
            check_text(&format!("{place} low end"), &s.low)?;
            check_text(&format!("{place} high end"), &s.high)?;
        }
        if let Some(g) = &self.goals {
            if !(1..=3).contains(&g.max_active) {
                return err(format!(
                    "goals.max_active must be 1 to 3, not {}",
                    g.max_active
                ));
            }
        }
        if let Some(q) = &self.question {
            check_text("question", &q.text)?;
            if !(1..=2000).contains(&q.max_length) {
                return err(format!(
                    "question.max_length must be 1 to 2000, not {}",
                    q.max_length
                ));
            }
        }
        Ok(())
    }

    /// The language to show this instrument in for a reader of `lang`.
    pub fn language_for<'a>(&'a self, lang: &'a str) -> &'a str {
        let primary = lang.split('-').next().unwrap_or(lang);
        self.languages
            .iter()
            .find(|l| *l == lang)
            .or_else(|| self.languages.iter().find(|l| *l == primary))
            .or_else(|| self.languages.first())
            .map_or("en", String::as_str)
    }

    /// The scale with `id`, if any.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The reference a record stores.
    pub fn reference(&self) -> InstrumentRef {
        InstrumentRef {
            id: self.id.clone(),
            version: self.version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_has_the_four_alliance_scales_in_both_languages() {
        let inst = Instrument::default_alliance();
        inst.validate().unwrap();
        let ids: Vec<_> = inst.scales.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["goals", "tasks", "bond", "overall"]);
        assert_eq!(inst.languages, ["en", "es", "de", "fr"]);
        assert_eq!(inst.scales[2].label.get("es", "en"), "Nuestra conexión");
        assert!(inst.scales.iter().all(|s| s.threshold.to_string() == "9.0"));
        assert_eq!(inst.question.as_ref().unwrap().max_length, 500);
    }

    #[test]
    fn a_variant_reads_its_languages_wording() {
        let inst = Instrument::default_alliance();
        assert_eq!(inst.language_for("es-x-usted"), "es");
        assert_eq!(inst.language_for("de"), "de");
        assert_eq!(inst.language_for("xx"), "en");
    }

    #[test]
    fn children_variant_uses_faces_and_its_own_words() {
        let kids = Instrument::children();
        kids.validate().unwrap();
        assert!(kids.faces && kids.goals.is_none());
        assert_eq!(kids.id, "alliance-check.children");
        assert_eq!(kids.scales[3].label.get("en", "en"), "Today, all together");
        assert_eq!(kids.question.as_ref().unwrap().max_length, 200);
    }

    #[test]
    fn default_round_trips_through_json() {
        let inst = Instrument::default_alliance();
        let json = serde_json::to_string(&inst).unwrap();
        assert_eq!(Instrument::from_json(&json).unwrap(), inst);
    }

    const LICENSED: &str = r#"{
        "id": "practice.licensed", "version": 2, "languages": ["en"],
        "scales": [
          {"id": "relation", "label": {"en": "R"}, "low": {"en": "lo"}, "high": {"en": "hi"}, "threshold": 8.5}
        ]
    }"#;

    #[test]
    fn loads_a_minimal_licensed_instrument() {
        let inst = Instrument::from_json(LICENSED).unwrap();
        assert_eq!(
            inst.reference(),
            InstrumentRef {
                id: "practice.licensed".into(),
                version: 2
            }
        );
        assert_eq!(inst.scales[0].threshold.to_string(), "8.5");
        assert!(inst.goals.is_none() && inst.question.is_none());
        assert_eq!(inst.language_for("es"), "en");
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (
                LICENSED.replace("\"version\": 2", "\"version\": 0"),
                "version must be 1",
            ),
            (
                LICENSED.replace("\"languages\": [\"en\"]", "\"languages\": [\"en\", \"de\"]"),
                "scale 1 (\"relation\") label has no \"de\" text",
            ),
            (LICENSED.replace("8.5", "11"), "outside 0 to 10"),
            (LICENSED.replace("\"low\"", "\"lo\""), "unknown field `lo`"),
            (
                LICENSED.replace("{\"en\": \"hi\"}", "{\"en\": \" \"}"),
                "high end in \"en\" must be 1-300",
            ),
            (
                LICENSED.replace("practice.licensed", "has space"),
                "id \"has space\"",
            ),
            (
                LICENSED.replace("\"en\"]", "\"EN\"]"),
                "not a lowercase language tag",
            ),
        ];
        for (json, expected) in cases {
            let e = Instrument::from_json(&json).unwrap_err().to_string();
            assert!(e.contains(expected), "{e:?} should contain {expected:?}");
        }
    }

    #[test]
    fn duplicate_scale_ids_are_refused() {
        let mut inst = Instrument::default_alliance();
        inst.scales[1].id = "goals".into();
        assert!(inst.validate().unwrap_err().0.contains("scale 2"));
    }

    /// The widget's build (`cargo test --no-default-features`): the
    /// built-in instruments speak every language before any file is added.
    #[cfg(not(feature = "all-languages"))]
    #[test]
    fn a_language_not_compiled_in_still_has_its_instrument_wording() {
        for inst in [Instrument::default_alliance(), Instrument::children()] {
            assert_eq!(inst.languages, ["en", "es", "de", "fr"]);
            for scale in &inst.scales {
                let words: Vec<&str> = inst
                    .languages
                    .iter()
                    .map(|l| scale.label.get(l, "en"))
                    .collect();
                for (i, word) in words.iter().enumerate() {
                    assert!(!word.contains('.'), "a key, not words: {word}");
                    assert!(
                        !words[..i].contains(word),
                        "{} is English: {word}",
                        inst.languages[i]
                    );
                }
            }
            inst.validate().unwrap();
        }
    }
}
