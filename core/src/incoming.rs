//! The one check of every history that comes in from elsewhere — an
//! imported file, a hand-over link — before it is previewed or merged: it
//! holds only what this widget could have written itself.
//!
//! - **Texts** cleaned as the widget's own forms clean them
//!   ([`super::text`]: trimmed, no control or bidirectional control
//!   characters), then refused when empty or over their limits (a genuine
//!   copy from an earlier version that kept such a character still comes
//!   in, without it).
//! - **Ids** well formed and unique (sessions, goals, goals within a session).
//! - **Causality**: a goal changes no earlier than it was made, a session is
//!   corrected no earlier than it was saved. Earlier versions stamped goal
//!   changes with the device's clock, so a genuine copy may break this: such
//!   a time is moved up to the one it must follow (the same history, as the
//!   widget now writes it), never refused.
//! - **Time sanity**: nothing more than [`AHEAD_MS`] ahead of this device's
//!   clock (a session "corrected" in 9999 could never be corrected again).
//! - **Instruments**: every session names a well-formed instrument and rates
//!   one to [`MAX_SCALES`] well-formed scales; a session of a bundled
//!   instrument rates only that instrument's scales.
//! - **Caps**: at most [`MAX_GOALS`] goals, [`MAX_SESSIONS`] sessions and
//!   [`MAX_DELETED`] deletions.

use std::collections::HashSet;
use std::fmt;

use super::document::Document;
use super::goals::{clean, Goal, MAX_GOAL_CHARS, MAX_STEP_CHARS};
use super::instrument::{is_key, Instrument, MAX_SCALES};
use super::record::Record;
use super::time::Timestamp;

/// Most goals a history may bring (a client keeps three active at a time;
/// this leaves room for a new goal every week for twenty years).
pub const MAX_GOALS: usize = 1_000;
/// Most sessions a history may bring: weekly sessions for two hundred years.
pub const MAX_SESSIONS: usize = 10_000;
/// Most deletions a history may bring.
pub const MAX_DELETED: usize = 10_000;
/// Longest comment any instrument allows (`question.max_length`).
pub const MAX_COMMENT_CHARS: usize = 2_000;
/// How far ahead of this device's clock a time may be: one day (clocks
/// and time zones set wrong by hours are common; by days, a fault).
pub const AHEAD_MS: i64 = 86_400_000;

/// Why a history from elsewhere is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A time more than a day after this device's clock (the time).
    Ahead(Timestamp),
    /// More of something than any history holds (what, how many, the cap).
    TooMany(&'static str, usize, usize),
    /// Anything else, in words.
    Invalid(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Ahead(t) => write!(
                f,
                "it holds a time ({t}) more than a day after this device's clock"
            ),
            Refusal::TooMany(what, n, max) => write!(f, "it holds {n} {what}; the limit is {max}"),
            Refusal::Invalid(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Refusal {}

fn invalid<T>(why: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::Invalid(why.into()))
}

/// A one-line text as the widget would keep it.
fn line(text: &mut String, max: usize, what: &str) -> Result<(), Refusal> {
    match clean(text, max) {
        Ok(kept) => {
            *text = kept;
            Ok(())
        }
        Err(_) => invalid(format!("{what} is empty or longer than {max} characters")),
    }
}

/// `doc`, a history from elsewhere, as the widget itself would have
/// written it, or why it is refused; `now` is this device's clock. See the
/// module documentation.
pub fn admit(mut doc: Document, now: Timestamp) -> Result<Document, Refusal> {
    for (what, n, max) in [
        ("goals", doc.goals.len(), MAX_GOALS),
        ("sessions", doc.records.len(), MAX_SESSIONS),
        ("deletions", doc.deleted.len(), MAX_DELETED),
    ] {
        if n > max {
            return Err(Refusal::TooMany(what, n, max));
        }
    }
    let latest = now.millis().saturating_add(AHEAD_MS);
    let bundled = [Instrument::default_alliance(), Instrument::children()];
    let mut ids = HashSet::new();
    for g in &mut doc.goals {
        if !ids.insert(g.id.clone()) {
            return invalid(format!("two goals share the id {}", g.id));
        }
        admit_goal(g, latest)?;
    }
    let mut ids = HashSet::new();
    for r in &mut doc.records {
        if !ids.insert(r.id.clone()) {
            return invalid(format!("two sessions share the id {}", r.id));
        }
        admit_record(r, latest, &bundled)?;
    }
    for at in doc.deleted.values() {
        not_ahead(*at, latest)?;
    }
    Ok(doc)
}

/// Refuses a time after `latest` (milliseconds).
fn not_ahead(t: Timestamp, latest: i64) -> Result<(), Refusal> {
    if t.millis() > latest {
        Err(Refusal::Ahead(t))
    } else {
        Ok(())
    }
}

/// A goal: its wording and small step cleaned, its times not ahead, and
/// changed no earlier than created.
fn admit_goal(g: &mut Goal, latest: i64) -> Result<(), Refusal> {
    line(&mut g.text, MAX_GOAL_CHARS, "a goal")?;
    if let Some(step) = &mut g.step {
        line(step, MAX_STEP_CHARS, "a small step")?;
    }
    not_ahead(g.created, latest)?;
    not_ahead(g.changed, latest)?;
    g.changed = g.changed.max(g.created);
    Ok(())
}

/// A session: its times, its scales, its goal entries and its comment.
fn admit_record(r: &mut Record, latest: i64, bundled: &[Instrument]) -> Result<(), Refusal> {
    not_ahead(r.at, latest)?;
    if let Some(edited) = &mut r.edited {
        not_ahead(*edited, latest)?;
        *edited = (*edited).max(r.at);
    }
    check_scales(r, bundled)?;
    let mut goals = HashSet::new();
    for e in &mut r.goals {
        if !goals.insert(e.goal.clone()) {
            return invalid(format!("session {} rates goal {} twice", r.id, e.goal));
        }
        line(&mut e.text, MAX_GOAL_CHARS, "a goal")?;
        if let Some(step) = &mut e.step {
            line(&mut step.text, MAX_STEP_CHARS, "a small step")?;
        }
    }
    if let Some(c) = &mut r.comment {
        *c = super::text::comment(c);
        if c.chars().count() > MAX_COMMENT_CHARS {
            return invalid(format!(
                "the comment of session {} is longer than {MAX_COMMENT_CHARS} characters",
                r.id
            ));
        }
    }
    // A comment of nothing but spaces is no comment, as in the form.
    if r.comment.as_ref().is_some_and(String::is_empty) {
        r.comment = None;
    }
    Ok(())
}

/// A session's instrument and scales: a valid instrument id, 1 to
/// [`MAX_SCALES`] scales with valid ids, and only the scales a bundled
/// instrument of that id and version has.
fn check_scales(r: &Record, bundled: &[Instrument]) -> Result<(), Refusal> {
    if !is_key(&r.instrument.id) {
        return invalid(format!("session {} names no valid instrument", r.id));
    }
    if r.ratings.is_empty() || r.ratings.len() > MAX_SCALES {
        return invalid(format!(
            "session {} rates {} scales (1 to {MAX_SCALES})",
            r.id,
            r.ratings.len()
        ));
    }
    let bundled = bundled
        .iter()
        .find(|i| i.id == r.instrument.id && i.version == r.instrument.version);
    if let Some(i) = bundled {
        if let Some(scale) = r
            .ratings
            .keys()
            .find(|k| !i.scales.iter().any(|s| s.id == **k))
        {
            return invalid(format!(
                "session {} rates {scale:?}, which {} {} does not have",
                r.id, i.id, i.version
            ));
        }
    }
    if let Some(scale) = r.ratings.keys().find(|k| !is_key(k)) {
        return invalid(format!(
            "session {} rates a scale with no valid id ({scale:?})",
            r.id
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Change;
    use crate::goals::Goal;
    use crate::instrument::Instrument;
    use crate::rating::Rating;
    use crate::record::{Record, RecordId};

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    const NOW: i64 = 1_800_000_000_000;

    fn doc() -> Document {
        let inst = Instrument::default_alliance();
        let ratings = inst
            .scales
            .iter()
            .map(|s| (s.id.clone(), Rating::clamped(70)))
            .collect();
        let r = Record::new(
            RecordId::generate(t(NOW - 10), 1),
            t(NOW - 10),
            &inst,
            ratings,
        )
        .unwrap();
        Document::default()
            .apply(&[
                Change::AddGoal {
                    text: "Sleep".into(),
                    at: t(NOW - 20),
                    entropy: 2,
                    max_active: 3,
                },
                Change::AddRecord(r),
            ])
            .unwrap()
    }

    #[test]
    fn what_the_widget_writes_comes_in_unchanged() {
        let d = doc();
        assert_eq!(admit(d.clone(), t(NOW)), Ok(d));
    }

    #[test]
    fn a_day_ahead_is_the_limit() {
        let mut d = doc();
        d.records[0].edited = Some(t(NOW + AHEAD_MS));
        assert!(admit(d.clone(), t(NOW)).is_ok());
        d.records[0].edited = Some(t(NOW + AHEAD_MS + 1));
        assert_eq!(admit(d, t(NOW)), Err(Refusal::Ahead(t(NOW + AHEAD_MS + 1))));
    }

    #[test]
    fn caps_hold_before_anything_else() {
        let mut d = doc();
        let g = d.goals[0].clone();
        d.goals = (0..=MAX_GOALS)
            .map(|i| Goal {
                id: RecordId::generate(t(i as i64), i as u64),
                ..g.clone()
            })
            .collect();
        assert_eq!(
            admit(d, t(NOW)),
            Err(Refusal::TooMany("goals", MAX_GOALS + 1, MAX_GOALS))
        );
    }

    #[test]
    fn causality_and_unique_goals_within_a_session() {
        // Earlier versions could write these: moved up, not refused.
        let mut d = doc();
        d.records[0].edited = Some(t(NOW - 11));
        d.goals[0].changed = t(NOW - 30);
        let back = admit(d, t(NOW)).unwrap();
        assert_eq!(back.records[0].edited, Some(back.records[0].at));
        assert_eq!(back.goals[0].changed, back.goals[0].created);
        let mut d = doc();
        d.records[0]
            .ratings
            .insert("mood".into(), Rating::clamped(5));
        assert!(
            admit(d, t(NOW)).is_err(),
            "a scale the bundled instrument does not have"
        );
        let mut d = doc();
        let entry = crate::record::GoalEntry {
            goal: d.goals[0].id.clone(),
            text: "Sleep".into(),
            progress: Rating::clamped(10),
            step: None,
        };
        d.records[0].goals = vec![entry.clone(), entry];
        assert!(admit(d, t(NOW)).is_err(), "one goal rated twice");
        let mut d = doc();
        d.records[0].instrument.id = "no spaces allowed".into();
        assert!(
            admit(d, t(NOW)).is_err(),
            "an instrument id the widget never writes"
        );
    }

    #[test]
    fn texts_are_cleaned_as_the_forms_clean_them() {
        let mut d = doc();
        d.goals[0].text = "  Sleep\u{202e}  well\u{0} ".into();
        d.records[0].comment = Some(" \u{2066} ".into());
        let back = admit(d, t(NOW)).unwrap();
        assert_eq!(back.goals[0].text, "Sleep well");
        assert_eq!(back.records[0].comment, None, "nothing left: no comment");
    }
}
