//! What the client is asked: the instrument, as data.
//!
//! Every record names the instrument id and version it was answered with, so
//! a history stays interpretable when wording changes. The default wording is
//! this project's own; licensed instruments can be supplied as data.

use serde::{Deserialize, Serialize};

use super::rating::Rating;

/// One visual-analogue scale: a label, what its two ends mean, and the
/// threshold below which a talk prompt is offered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Stable key used in records (`goals`, `tasks`, …); never shown.
    pub id: String,
    /// The visible name of the scale.
    pub label: String,
    /// What 0 means.
    pub low: String,
    /// What 10 means.
    pub high: String,
    /// Ratings below this invite a conversation.
    pub threshold: Rating,
}

/// A named, versioned set of scales.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable identifier, e.g. `alliance-check.default`.
    pub id: String,
    /// Bumped whenever wording or scales change.
    pub version: u32,
    /// The scales, in the order they are asked.
    pub scales: Vec<Scale>,
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

/// The threshold the brief recommends for every scale: 9.0 of 10.
const DEFAULT_THRESHOLD: Rating = Rating::clamped(90);

fn scale(id: &str, label: &str, low: &str, high: &str) -> Scale {
    Scale {
        id: id.into(),
        label: label.into(),
        low: low.into(),
        high: high.into(),
        threshold: DEFAULT_THRESHOLD,
    }
}

impl Instrument {
    /// The built-in working-alliance check: goals, tasks, bond and overall,
    /// in this project's own words.
    pub fn default_alliance() -> Instrument {
        Instrument {
            id: "alliance-check.default".into(),
            version: 1,
            scales: vec![
                scale(
                    "goals",
                    "What we focused on",
                    "Today we spent the time on things that matter little to me",
                    "Today we spent the time on what matters most to me",
                ),
                scale(
                    "tasks",
                    "How we worked",
                    "The way we worked today did not suit me",
                    "The way we worked today suited me well",
                ),
                scale(
                    "bond",
                    "Our connection",
                    "I felt distant, unsafe or not taken seriously",
                    "I felt connected, safe and taken seriously",
                ),
                scale(
                    "overall",
                    "The session as a whole",
                    "Today's session was of little use to me",
                    "Today's session was very useful to me",
                ),
            ],
        }
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
    fn default_has_the_four_alliance_scales_in_order() {
        let ids: Vec<_> = Instrument::default_alliance()
            .scales
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["goals", "tasks", "bond", "overall"]);
    }

    #[test]
    fn default_threshold_is_nine() {
        for s in Instrument::default_alliance().scales {
            assert_eq!(s.threshold.to_string(), "9.0");
        }
    }
}
