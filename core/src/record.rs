//! One saved check: who answered what, when, with which instrument.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::instrument::{Instrument, InstrumentRef};
use super::rating::Rating;
use super::time::Timestamp;

/// A record's stable identifier: unique across devices, so histories from two
/// devices can be merged by id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RecordId(String);

impl RecordId {
    /// Builds an id from the moment of saving and 64 bits of randomness from
    /// the caller (the core has no random source of its own).
    pub fn generate(at: Timestamp, entropy: u64) -> RecordId {
        RecordId(format!(
            "{}-{:016x}",
            base36(at.millis().unsigned_abs()),
            entropy
        ))
    }

    /// Accepts 1–64 characters of `A–Z a–z 0–9 - _`.
    pub fn parse(text: &str) -> Option<RecordId> {
        let ok = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| RecordId(text.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RecordId::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{text:?} is not a record id (1-64 letters, digits, - or _)"
            ))
        })
    }
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// How this week's small step went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    /// Done.
    Done,
    /// Partly done.
    Partly,
    /// Not done.
    NotDone,
}

/// The small step reported on in a check, with its wording at the time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepReport {
    /// The step as it was worded.
    pub text: String,
    /// How it went.
    pub outcome: StepOutcome,
}

/// Progress on one goal in one check, with the goal's wording at the time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalEntry {
    /// The goal's id.
    pub goal: RecordId,
    /// The goal as it was worded when rated.
    pub text: String,
    /// Progress, 0 (none yet) to 10 (fully reached).
    pub progress: Rating,
    /// The week's small step and how it went, if reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepReport>,
}

/// One completed check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Stable, unique id.
    pub id: RecordId,
    /// When it was saved (UTC).
    pub at: Timestamp,
    /// The instrument id and version it was answered with.
    pub instrument: InstrumentRef,
    /// One rating per scale id of that instrument.
    pub ratings: BTreeMap<String, Rating>,
    /// Progress on the goals rated in this check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<GoalEntry>,
    /// The answer to the open question, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// When the client last corrected it; the later version wins a merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<Timestamp>,
}

/// Why a set of answers cannot become a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// These scales (by id) have no rating yet.
    Unrated(Vec<String>),
    /// A rating names a scale the instrument does not have.
    UnknownScale(String),
    /// The comment is longer than the instrument allows (the limit).
    CommentTooLong(usize),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Unrated(ids) => write!(f, "not rated yet: {}", ids.join(", ")),
            RecordError::UnknownScale(id) => write!(f, "the instrument has no scale {id:?}"),
            RecordError::CommentTooLong(max) => {
                write!(f, "the comment is longer than {max} characters")
            }
        }
    }
}

impl std::error::Error for RecordError {}

impl Record {
    /// A record of `ratings` answered with `instrument`; every scale of the
    /// instrument must be rated and no other.
    pub fn new(
        id: RecordId,
        at: Timestamp,
        instrument: &Instrument,
        ratings: BTreeMap<String, Rating>,
    ) -> Result<Record, RecordError> {
        if let Some(unknown) = ratings.keys().find(|k| instrument.scale(k).is_none()) {
            return Err(RecordError::UnknownScale(unknown.clone()));
        }
        let unrated: Vec<String> = instrument
            .scales
            .iter()
            .filter(|s| !ratings.contains_key(&s.id))
            .map(|s| s.id.clone())
            .collect();
        if !unrated.is_empty() {
            return Err(RecordError::Unrated(unrated));
        }
        Ok(Record {
            id,
            at,
            instrument: instrument.reference(),
            ratings,
            goals: Vec::new(),
            comment: None,
            edited: None,
        })
    }

    /// The moment this version of the record was written: its correction
    /// time, else its save time.
    pub fn version_time(&self) -> Timestamp {
        self.edited.unwrap_or(self.at)
    }

    /// The progress given for `goal` in this record, if any.
    pub fn goal_progress(&self, goal: &RecordId) -> Option<Rating> {
        self.goals
            .iter()
            .find(|g| &g.goal == goal)
            .map(|g| g.progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    fn all_rated(tenths: u8) -> BTreeMap<String, Rating> {
        ["goals", "tasks", "bond", "overall"]
            .into_iter()
            .map(|k| (k.to_string(), Rating::clamped(tenths)))
            .collect()
    }

    #[test]
    fn ids_differ_by_time_or_entropy() {
        let mut seen = HashSet::new();
        for ms in 0..50 {
            for e in 0..50u64 {
                assert!(seen.insert(RecordId::generate(at(1_700_000_000_000 + ms), e)));
            }
        }
        let id = RecordId::generate(at(1_700_000_000_000), u64::MAX);
        assert!(RecordId::parse(id.as_str()).is_some(), "{id}");
    }

    #[test]
    fn id_parse_rejects_markup_and_empty() {
        assert!(RecordId::parse("").is_none());
        assert!(RecordId::parse("<img src=x>").is_none());
        assert!(RecordId::parse(&"a".repeat(65)).is_none());
        assert!(RecordId::parse("lx8k2a-00ff").is_some());
    }

    #[test]
    fn new_requires_every_scale_and_no_other() {
        let inst = Instrument::default_alliance();
        let id = RecordId::generate(at(1), 1);
        assert!(Record::new(id.clone(), at(1), &inst, all_rated(74)).is_ok());

        let mut missing = all_rated(74);
        missing.remove("bond");
        assert_eq!(
            Record::new(id.clone(), at(1), &inst, missing),
            Err(RecordError::Unrated(vec!["bond".into()]))
        );

        let mut extra = all_rated(74);
        extra.insert("mood".into(), Rating::MIN);
        assert_eq!(
            Record::new(id, at(1), &inst, extra),
            Err(RecordError::UnknownScale("mood".into()))
        );
    }

    #[test]
    fn out_of_range_rating_in_json_is_refused() {
        let json = r#"{"id":"a","at":"2026-01-01T00:00:00.000Z",
            "instrument":{"id":"x","version":1},"ratings":{"goals":10.5}}"#;
        let err = serde_json::from_str::<Record>(json).unwrap_err();
        assert!(err.to_string().contains("outside 0 to 10"), "{err}");
    }
}
