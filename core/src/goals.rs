//! The client's own goals (Goal-Based Outcomes style) and their lifecycle.
//!
//! A client keeps at most three active goals in their own words. Goals can
//! be reworded, marked achieved, retired, or made active again; records keep
//! the wording a goal had when it was rated, so history reads as it was.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::record::RecordId;
use super::time::Timestamp;

/// Longest goal text accepted, in characters.
pub const MAX_GOAL_CHARS: usize = 200;
/// Longest small-step text accepted, in characters.
pub const MAX_STEP_CHARS: usize = 200;
/// Most goals that may be active at once (an instrument may allow fewer).
pub const MAX_ACTIVE: usize = 3;

/// A goal's stable id (same form as a record id).
pub type GoalId = RecordId;

/// Where a goal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    /// Rated in each check.
    Active,
    /// Reached; kept for history.
    Achieved,
    /// Set aside; kept for history.
    Retired,
}

/// One goal in the client's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id.
    pub id: GoalId,
    /// The current wording.
    pub text: String,
    /// Active, achieved or retired.
    pub status: GoalStatus,
    /// This week's small step, if the client set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// When it was added.
    pub created: Timestamp,
    /// When it last changed (wording, status or step); the later version
    /// wins when two copies are merged.
    pub changed: Timestamp,
}

/// Why a goal change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalError {
    /// Empty after trimming.
    Empty,
    /// Longer than the limit (which is given).
    TooLong(usize),
    /// As many goals as allowed are already active (the limit).
    TooManyActive(usize),
    /// No goal has that id.
    Unknown,
}

impl fmt::Display for GoalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GoalError::Empty => write!(f, "a goal needs some words"),
            GoalError::TooLong(max) => write!(f, "longer than {max} characters"),
            GoalError::TooManyActive(max) => write!(f, "{max} goals are already active"),
            GoalError::Unknown => write!(f, "no such goal"),
        }
    }
}

impl std::error::Error for GoalError {}

/// A goal's or small step's wording as the widget keeps it
/// ([`super::text::line`]), or why not.
pub fn clean(text: &str, max: usize) -> Result<String, GoalError> {
    let text = super::text::line(text);
    if text.is_empty() {
        Err(GoalError::Empty)
    } else if text.chars().count() > max {
        Err(GoalError::TooLong(max))
    } else {
        Ok(text)
    }
}

/// The active goals, in the order they were added.
pub fn active(goals: &[Goal]) -> impl Iterator<Item = &Goal> {
    goals.iter().filter(|g| g.status == GoalStatus::Active)
}

fn find(goals: &mut [Goal], id: &GoalId) -> Result<usize, GoalError> {
    goals
        .iter()
        .position(|g| &g.id == id)
        .ok_or(GoalError::Unknown)
}

/// Adds a goal; refused when empty, too long, or `max_active` goals are
/// already active.
pub fn add(
    goals: &mut Vec<Goal>,
    text: &str,
    at: Timestamp,
    entropy: u64,
    max_active: usize,
) -> Result<GoalId, GoalError> {
    let text = clean(text, MAX_GOAL_CHARS)?;
    if active(goals).count() >= max_active {
        return Err(GoalError::TooManyActive(max_active));
    }
    let id = RecordId::generate(at, entropy);
    goals.push(Goal {
        id: id.clone(),
        text,
        status: GoalStatus::Active,
        step: None,
        created: at,
        changed: at,
    });
    Ok(id)
}

/// When a change to `goal` made at `at` (this device's clock) is stamped:
/// never before just after the version it replaces, so the change wins a
/// merge even when the clock that made that version ran ahead of this one.
fn stamp(goal: &Goal, at: Timestamp) -> Timestamp {
    at.max(Timestamp::clamped(goal.changed.millis() + 1))
        .max(goal.created)
}

/// Changes a goal's wording (past records keep the old one).
pub fn reword(goals: &mut [Goal], id: &GoalId, text: &str, at: Timestamp) -> Result<(), GoalError> {
    let text = clean(text, MAX_GOAL_CHARS)?;
    let i = find(goals, id)?;
    goals[i].text = text;
    goals[i].changed = stamp(&goals[i], at);
    Ok(())
}

/// Marks a goal achieved, retired or active again; making one active again
/// is refused when `max_active` goals are already active. A goal that is no
/// longer active ends its small step with it (past records keep theirs).
pub fn set_status(
    goals: &mut [Goal],
    id: &GoalId,
    status: GoalStatus,
    at: Timestamp,
    max_active: usize,
) -> Result<(), GoalError> {
    let i = find(goals, id)?;
    if status == GoalStatus::Active
        && goals[i].status != GoalStatus::Active
        && active(goals).count() >= max_active
    {
        return Err(GoalError::TooManyActive(max_active));
    }
    goals[i].status = status;
    if status != GoalStatus::Active {
        goals[i].step = None;
    }
    goals[i].changed = stamp(&goals[i], at);
    Ok(())
}

/// Sets or clears a goal's small step for the coming week.
pub fn set_step(
    goals: &mut [Goal],
    id: &GoalId,
    step: Option<&str>,
    at: Timestamp,
) -> Result<(), GoalError> {
    let step = match step.map(super::text::line).filter(|s| !s.is_empty()) {
        Some(s) => Some(clean(&s, MAX_STEP_CHARS)?),
        None => None,
    };
    let i = find(goals, id)?;
    if goals[i].step != step {
        goals[i].step = step;
        goals[i].changed = stamp(&goals[i], at);
    }
    Ok(())
}

/// The union of two goal lists by id; where both hold a goal, the one
/// changed later wins, equal times settled by content, so the merge gives
/// the same result in any order. Order: by creation. O(n log n).
pub fn merge_goals(ours: &[Goal], theirs: &[Goal]) -> Vec<Goal> {
    let mut by_id: std::collections::BTreeMap<&GoalId, &Goal> = std::collections::BTreeMap::new();
    for g in ours.iter().chain(theirs) {
        match by_id.get(&g.id) {
            Some(kept) if version(kept) >= version(g) => {}
            _ => {
                by_id.insert(&g.id, g);
            }
        }
    }
    let mut merged: Vec<Goal> = by_id.into_values().cloned().collect();
    merged.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    merged
}

/// What decides between two versions of one goal: the time of the last
/// change, then the content.
fn version(g: &Goal) -> impl Ord + '_ {
    let status = match g.status {
        GoalStatus::Active => 0,
        GoalStatus::Achieved => 1,
        GoalStatus::Retired => 2,
    };
    (g.changed, g.created, &g.text, status, &g.step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    #[test]
    fn lifecycle_add_reword_achieve_retire_reactivate() {
        let mut goals = Vec::new();
        let a = add(&mut goals, "  Sleep   better ", at(1), 1, MAX_ACTIVE).unwrap();
        assert_eq!(goals[0].text, "Sleep better");
        reword(&mut goals, &a, "Sleep seven hours", at(2)).unwrap();
        assert_eq!(
            (goals[0].text.as_str(), goals[0].changed),
            ("Sleep seven hours", at(2))
        );
        set_status(&mut goals, &a, GoalStatus::Achieved, at(3), MAX_ACTIVE).unwrap();
        assert_eq!(active(&goals).count(), 0);
        set_status(&mut goals, &a, GoalStatus::Active, at(4), MAX_ACTIVE).unwrap();
        set_status(&mut goals, &a, GoalStatus::Retired, at(5), MAX_ACTIVE).unwrap();
        assert_eq!(goals[0].status, GoalStatus::Retired);
    }

    #[test]
    fn at_most_three_active() {
        let mut goals = Vec::new();
        for i in 0..3 {
            add(
                &mut goals,
                &format!("goal {i}"),
                at(i),
                i as u64,
                MAX_ACTIVE,
            )
            .unwrap();
        }
        assert_eq!(
            add(&mut goals, "fourth", at(9), 9, MAX_ACTIVE),
            Err(GoalError::TooManyActive(3))
        );
        let first = goals[0].id.clone();
        set_status(&mut goals, &first, GoalStatus::Achieved, at(10), MAX_ACTIVE).unwrap();
        let fourth = add(&mut goals, "fourth", at(11), 11, MAX_ACTIVE).unwrap();
        assert_eq!(
            set_status(&mut goals, &first, GoalStatus::Active, at(12), MAX_ACTIVE),
            Err(GoalError::TooManyActive(3))
        );
        set_status(&mut goals, &fourth, GoalStatus::Retired, at(13), MAX_ACTIVE).unwrap();
        set_status(&mut goals, &first, GoalStatus::Active, at(14), MAX_ACTIVE).unwrap();
    }

    #[test]
    fn a_goal_achieved_or_retired_ends_its_small_step() {
        let mut goals = Vec::new();
        let a = add(&mut goals, "a", at(1), 1, MAX_ACTIVE).unwrap();
        for status in [GoalStatus::Achieved, GoalStatus::Retired] {
            set_step(&mut goals, &a, Some("walk"), at(2)).unwrap();
            set_status(&mut goals, &a, status, at(3), MAX_ACTIVE).unwrap();
            assert_eq!(goals[0].step, None, "{status:?}");
            set_status(&mut goals, &a, GoalStatus::Active, at(4), MAX_ACTIVE).unwrap();
        }
    }

    #[test]
    fn refuses_empty_long_and_unknown() {
        let mut goals = Vec::new();
        assert_eq!(
            add(&mut goals, "   ", at(1), 1, MAX_ACTIVE),
            Err(GoalError::Empty)
        );
        let long = "x".repeat(MAX_GOAL_CHARS + 1);
        assert_eq!(
            add(&mut goals, &long, at(1), 1, MAX_ACTIVE),
            Err(GoalError::TooLong(MAX_GOAL_CHARS))
        );
        let ghost = RecordId::generate(at(1), 99);
        assert_eq!(
            reword(&mut goals, &ghost, "x", at(2)),
            Err(GoalError::Unknown)
        );
    }

    #[test]
    fn steps_are_set_cleared_and_trimmed() {
        let mut goals = Vec::new();
        let a = add(&mut goals, "Walk more", at(1), 1, MAX_ACTIVE).unwrap();
        set_step(&mut goals, &a, Some(" walk to work twice "), at(2)).unwrap();
        assert_eq!(goals[0].step.as_deref(), Some("walk to work twice"));
        set_step(&mut goals, &a, Some("  "), at(3)).unwrap();
        assert_eq!(goals[0].step, None);
    }

    #[test]
    fn merge_keeps_the_later_change() {
        let mut ours = Vec::new();
        let a = add(&mut ours, "old words", at(1), 1, MAX_ACTIVE).unwrap();
        let mut theirs = ours.clone();
        reword(&mut theirs, &a, "new words", at(5)).unwrap();
        add(&mut theirs, "another", at(6), 2, MAX_ACTIVE).unwrap();
        let merged = merge_goals(&ours, &theirs);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].text, "new words");
        assert_eq!(merge_goals(&theirs, &ours), merged);
    }
}
