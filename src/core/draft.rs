//! The check being filled in: ratings given so far, none saved yet.

use std::collections::BTreeMap;

use super::instrument::Instrument;
use super::rating::Rating;
use super::record::{Record, RecordError, RecordId};
use super::time::Timestamp;

/// Ratings given so far in the current check, by scale id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    ratings: BTreeMap<String, Rating>,
}

impl Draft {
    /// The rating given for `scale_id`, if any.
    pub fn rating(&self, scale_id: &str) -> Option<Rating> {
        self.ratings.get(scale_id).copied()
    }

    /// Records a rating (replacing any earlier one for that scale).
    pub fn rate(&mut self, scale_id: &str, rating: Rating) {
        self.ratings.insert(scale_id.to_string(), rating);
    }

    /// The scales of `instrument` still without a rating, in order.
    pub fn unrated<'a>(&self, instrument: &'a Instrument) -> Vec<&'a str> {
        instrument
            .scales
            .iter()
            .filter(|s| !self.ratings.contains_key(&s.id))
            .map(|s| s.id.as_str())
            .collect()
    }

    /// Turns the draft into a record, or says which scales are unrated.
    pub fn complete(
        &self,
        instrument: &Instrument,
        at: Timestamp,
        entropy: u64,
    ) -> Result<Record, RecordError> {
        Record::new(
            RecordId::generate(at, entropy),
            at,
            instrument,
            self.ratings.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_only_when_every_scale_is_rated() {
        let inst = Instrument::default_alliance();
        let at = Timestamp::from_millis(1_700_000_000_000).unwrap();
        let mut d = Draft::default();
        assert_eq!(d.unrated(&inst), ["goals", "tasks", "bond", "overall"]);
        for (i, s) in inst.scales.iter().enumerate() {
            assert!(d.complete(&inst, at, 1).is_err());
            d.rate(&s.id, Rating::clamped(70 + i as u8));
        }
        let rec = d.complete(&inst, at, 1).unwrap();
        assert_eq!(rec.ratings["bond"].to_string(), "7.2");
        assert_eq!(rec.instrument, inst.reference());
        assert!(d.unrated(&inst).is_empty());
    }
}
