//! The check being filled in: everything given so far, nothing saved yet.
//!
//! A draft is kept in storage on every change so it survives a reload, and
//! becomes a record (plus goal-step changes) in one step when saved.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::document::Change;
use super::goals::{Goal, GoalId};
use super::instrument::Instrument;
use super::rating::Rating;
use super::record::{GoalEntry, Record, RecordError, RecordId, StepOutcome, StepReport};
use super::time::Timestamp;

/// The steps of the check, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStep {
    /// The alliance scales.
    #[default]
    Scales,
    /// Progress on goals and this week's small steps.
    Goals,
    /// The open question, everything at a glance, then save. (Drafts kept
    /// before the question had this step to itself say `question`.)
    #[serde(alias = "question")]
    Review,
}

/// Everything given so far in the current check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// Alliance ratings by scale id.
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// Progress by goal id.
    #[serde(default)]
    pub progress: BTreeMap<GoalId, Rating>,
    /// How each goal's small step went, by goal id.
    #[serde(default)]
    pub outcomes: BTreeMap<GoalId, StepOutcome>,
    /// Small steps for the coming week, by goal id, as typed.
    #[serde(default)]
    pub next_steps: BTreeMap<GoalId, String>,
    /// The answer to the open question, as typed.
    #[serde(default)]
    pub comment: String,
    /// A new goal as typed, not added yet.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub new_goal: String,
    /// New wordings of goals as typed, not saved yet, by goal id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub goal_edits: BTreeMap<GoalId, String>,
    /// The client chose to write a first goal later: the guide steps aside
    /// for this check even if that choice could not be stored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first_goal_later: bool,
    /// The step the client is on.
    #[serde(default)]
    pub step: CheckStep,
    /// Show the summary right after saving (else only in history). A new
    /// check starts with the profile's last choice: shown on the client's
    /// own device unless they declined, asked for on a shared screen.
    #[serde(default)]
    pub show_summary: bool,
    /// When correcting a past record: that record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<Record>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            ratings: BTreeMap::new(),
            progress: BTreeMap::new(),
            outcomes: BTreeMap::new(),
            next_steps: BTreeMap::new(),
            comment: String::new(),
            new_goal: String::new(),
            goal_edits: BTreeMap::new(),
            first_goal_later: false,
            step: CheckStep::Scales,
            show_summary: false,
            editing: None,
        }
    }
}

impl Draft {
    /// A draft that corrects `record`: its answers, ready to change.
    pub fn correcting(record: &Record) -> Draft {
        Draft {
            ratings: record.ratings.clone(),
            comment: record.comment.clone().unwrap_or_default(),
            show_summary: false,
            editing: Some(record.clone()),
            ..Draft::default()
        }
    }

    /// Whether the client has entered anything worth keeping.
    pub fn is_blank(&self) -> bool {
        self.ratings.is_empty()
            && self.progress.is_empty()
            && self.outcomes.is_empty()
            && self.next_steps.values().all(|s| s.trim().is_empty())
            && self.comment.trim().is_empty()
            && self.new_goal.trim().is_empty()
            && self.goal_edits.is_empty()
            && self.editing.is_none()
    }

    /// The steps of this check: the scales, the goals when `goals` (the
    /// caller knows whether there are any to rate or to write), and a last
    /// step with the open question and the review, so a returning client
    /// finishes in three screens.
    pub fn steps(&self, goals: bool) -> Vec<CheckStep> {
        let mut steps = vec![CheckStep::Scales];
        if goals {
            steps.push(CheckStep::Goals);
        }
        steps.push(CheckStep::Review);
        steps
    }

    /// The step `delta` places away from the current one (clamped).
    pub fn moved(&self, goals: bool, delta: isize) -> CheckStep {
        let steps = self.steps(goals);
        let here = steps.iter().position(|s| *s == self.step).unwrap_or(0);
        let to = here.saturating_add_signed(delta).min(steps.len() - 1);
        steps[to]
    }

    /// How `goal`'s small step went. A step not done (or partly) is
    /// carried into the coming week's field, where the client can keep,
    /// change or empty it, unless something was typed there already; a
    /// carried step goes again when the answer becomes "done".
    pub fn report_step(&mut self, goal: &Goal, outcome: StepOutcome) {
        self.outcomes.insert(goal.id.clone(), outcome);
        let Some(step) = &goal.step else {
            return;
        };
        let typed = self.next_steps.get(&goal.id);
        match outcome {
            StepOutcome::Done if typed == Some(step) => {
                self.next_steps.remove(&goal.id);
            }
            StepOutcome::Done => {}
            StepOutcome::Partly | StepOutcome::NotDone if typed.is_none() => {
                self.next_steps.insert(goal.id.clone(), step.clone());
            }
            StepOutcome::Partly | StepOutcome::NotDone => {}
        }
    }

    /// The scale ids of `instrument` still without a rating, in order.
    pub fn unrated<'a>(&self, instrument: &'a Instrument) -> Vec<&'a str> {
        instrument
            .scales
            .iter()
            .filter(|s| !self.ratings.contains_key(&s.id))
            .map(|s| s.id.as_str())
            .collect()
    }

    /// The comment as it will be saved: trimmed, `None` when empty.
    fn clean_comment(&self, instrument: &Instrument) -> Result<Option<String>, RecordError> {
        let comment = super::text::comment(&self.comment);
        let max = instrument
            .question
            .as_ref()
            .map_or(0, |q| usize::from(q.max_length));
        if comment.is_empty() {
            Ok(None)
        } else if comment.chars().count() > max {
            Err(RecordError::CommentTooLong(max))
        } else {
            Ok(Some(comment.to_string()))
        }
    }

    /// Turns the draft into the changes that save it: a new record (or the
    /// corrected one) and the small steps set for the coming week.
    ///
    /// `goals` are the profile's goals; progress is kept for active ones.
    pub fn complete(
        &self,
        instrument: &Instrument,
        goals: &[Goal],
        at: Timestamp,
        entropy: u64,
    ) -> Result<(Record, Vec<Change>), RecordError> {
        let comment = self.clean_comment(instrument)?;
        if let Some(original) = &self.editing {
            let mut record = Record::new(
                original.id.clone(),
                original.at,
                instrument,
                self.ratings.clone(),
            )?;
            record.instrument = original.instrument.clone();
            record.goals = original.goals.clone();
            record.comment = comment;
            record.edited = Some(at);
            return Ok((record.clone(), vec![Change::CorrectRecord(record)]));
        }
        let mut record = Record::new(
            RecordId::generate(at, entropy),
            at,
            instrument,
            self.ratings.clone(),
        )?;
        record.comment = comment;
        let mut changes = Vec::new();
        if instrument.goals.is_some() {
            for goal in super::goals::active(goals) {
                if let Some(&progress) = self.progress.get(&goal.id) {
                    record.goals.push(GoalEntry {
                        goal: goal.id.clone(),
                        text: goal.text.clone(),
                        progress,
                        step: goal
                            .step
                            .clone()
                            .zip(self.outcomes.get(&goal.id).copied())
                            .map(|(text, outcome)| StepReport { text, outcome }),
                    });
                }
                // A step reported on is done with: it is replaced by the new
                // one, or cleared, so it is not asked about again next week.
                // A step not done and not replaced (no field ever filled,
                // as in a draft from before steps were carried) stays: an
                // unfinished step is never dropped silently; an emptied
                // field is the client's word.
                let typed = self.next_steps.get(&goal.id);
                let next = typed
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                let outcome = self.outcomes.get(&goal.id);
                let reported = goal.step.is_some() && outcome.is_some();
                let unfinished = typed.is_none() && outcome != Some(&StepOutcome::Done);
                if next.is_some() || (reported && !unfinished) {
                    changes.push(Change::SetGoalStep(goal.id.clone(), next, at));
                }
            }
        }
        changes.insert(0, Change::AddRecord(record.clone()));
        Ok((record, changes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goals::{self, GoalStatus};

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    fn rated(inst: &Instrument) -> Draft {
        let mut d = Draft::default();
        for s in &inst.scales {
            d.ratings.insert(s.id.clone(), Rating::clamped(80));
        }
        d
    }

    #[test]
    fn completes_only_when_every_scale_is_rated() {
        let inst = Instrument::default_alliance();
        let mut d = Draft::default();
        assert_eq!(d.unrated(&inst), ["goals", "tasks", "bond", "overall"]);
        assert!(matches!(
            d.complete(&inst, &[], at(5), 1),
            Err(RecordError::Unrated(_))
        ));
        d = rated(&inst);
        let (rec, changes) = d.complete(&inst, &[], at(5), 1).unwrap();
        assert_eq!(rec.instrument, inst.reference());
        assert_eq!(changes, vec![Change::AddRecord(rec)]);
    }

    #[test]
    fn goal_progress_keeps_wording_and_step_report_and_sets_next_steps() {
        let inst = Instrument::default_alliance();
        let mut goals = Vec::new();
        let a = goals::add(&mut goals, "Sleep better", at(1), 1, 3).unwrap();
        let b = goals::add(&mut goals, "Call my sister", at(1), 2, 3).unwrap();
        let c = goals::add(&mut goals, "Old goal", at(1), 3, 3).unwrap();
        goals::set_step(&mut goals, &a, Some("bed by 23:00"), at(2)).unwrap();
        goals::set_status(&mut goals, &c, GoalStatus::Retired, at(2), 3).unwrap();
        let mut d = rated(&inst);
        d.progress.insert(a.clone(), Rating::clamped(60));
        d.progress.insert(c.clone(), Rating::clamped(10));
        d.outcomes.insert(a.clone(), StepOutcome::Partly);
        d.next_steps.insert(b.clone(), "  call on Sunday ".into());
        d.comment = "  slower please  ".into();
        let (rec, changes) = d.complete(&inst, &goals, at(9), 7).unwrap();
        assert_eq!(rec.comment.as_deref(), Some("slower please"));
        assert_eq!(
            rec.goals.len(),
            1,
            "unrated and retired goals are not recorded"
        );
        assert_eq!(rec.goals[0].text, "Sleep better");
        assert_eq!(
            rec.goals[0].step,
            Some(StepReport {
                text: "bed by 23:00".into(),
                outcome: StepOutcome::Partly
            })
        );
        assert_eq!(
            changes[1..],
            [Change::SetGoalStep(b, Some("call on Sunday".into()), at(9))],
            "a step partly done and not replaced stays"
        );
        d.outcomes.insert(a.clone(), StepOutcome::Done);
        let (_, changes) = d.complete(&inst, &goals, at(9), 7).unwrap();
        assert_eq!(
            changes[1],
            Change::SetGoalStep(a.clone(), None, at(9)),
            "a step done is cleared"
        );
        d.outcomes.insert(a.clone(), StepOutcome::NotDone);
        d.next_steps.insert(a.clone(), " ".into());
        let (_, changes) = d.complete(&inst, &goals, at(9), 7).unwrap();
        assert_eq!(
            changes[1],
            Change::SetGoalStep(a, None, at(9)),
            "a field the client emptied clears it"
        );
    }

    #[test]
    fn an_unfinished_step_is_carried_into_the_field_and_goes_when_done() {
        let mut goals = Vec::new();
        let a = goals::add(&mut goals, "Sleep better", at(1), 1, 3).unwrap();
        goals::set_step(&mut goals, &a, Some("bed by 23:00"), at(2)).unwrap();
        let goal = goals[0].clone();
        let mut d = Draft::default();
        d.report_step(&goal, StepOutcome::Partly);
        assert_eq!(d.next_steps[&a], "bed by 23:00");
        d.report_step(&goal, StepOutcome::Done);
        assert!(!d.next_steps.contains_key(&a), "the carried step goes");
        d.report_step(&goal, StepOutcome::NotDone);
        d.next_steps.insert(a.clone(), "bed by 23:30".into());
        d.report_step(&goal, StepOutcome::Done);
        d.report_step(&goal, StepOutcome::Partly);
        assert_eq!(d.next_steps[&a], "bed by 23:30", "what was typed stays");
        d.next_steps.insert(a.clone(), String::new());
        d.report_step(&goal, StepOutcome::NotDone);
        assert_eq!(d.next_steps[&a], "", "an emptied field is not refilled");
    }

    #[test]
    fn comment_limit_is_the_instruments() {
        let inst = Instrument::default_alliance();
        let mut d = rated(&inst);
        d.comment = "é".repeat(500);
        assert!(d.complete(&inst, &[], at(1), 1).is_ok());
        d.comment.push('x');
        assert_eq!(
            d.complete(&inst, &[], at(1), 1).unwrap_err(),
            RecordError::CommentTooLong(500)
        );
    }

    #[test]
    fn correcting_keeps_id_time_and_goal_wording() {
        let inst = Instrument::default_alliance();
        let (original, _) = rated(&inst).complete(&inst, &[], at(100), 1).unwrap();
        let mut d = Draft::correcting(&original);
        assert_eq!(d.steps(false), [CheckStep::Scales, CheckStep::Review]);
        d.ratings.insert("bond".into(), Rating::clamped(55));
        let (fixed, changes) = d.complete(&inst, &[], at(200), 2).unwrap();
        assert_eq!(
            (fixed.id.clone(), fixed.at, fixed.edited),
            (original.id.clone(), original.at, Some(at(200)))
        );
        assert_eq!(fixed.ratings["bond"].to_string(), "5.5");
        assert_eq!(changes, vec![Change::CorrectRecord(fixed)]);
    }

    #[test]
    fn steps_move_and_clamp() {
        let mut d = Draft::default();
        assert_eq!(d.moved(false, 1), CheckStep::Review, "no goals step");
        assert_eq!(d.moved(true, -1), CheckStep::Scales);
        assert_eq!(d.moved(true, 1), CheckStep::Goals);
        d.step = CheckStep::Review;
        assert_eq!(d.moved(true, 1), CheckStep::Review);
        assert_eq!(d.moved(true, -1), CheckStep::Goals);
        assert_eq!(d.moved(true, -2), CheckStep::Scales);
    }

    #[test]
    fn a_draft_kept_on_the_old_question_step_opens_on_the_last_step() {
        let d: Draft = serde_json::from_str(r#"{"step":"question"}"#).unwrap();
        assert_eq!(d.step, CheckStep::Review);
    }

    #[test]
    fn typed_goal_text_is_input_worth_keeping() {
        let mut d = Draft {
            new_goal: "  ".into(),
            ..Draft::default()
        };
        assert!(d.is_blank(), "white space is not input");
        d.new_goal = "Sleep better".into();
        assert!(!d.is_blank());
        let back: Draft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn blank_and_round_trip() {
        let inst = Instrument::default_alliance();
        assert!(Draft::default().is_blank());
        let d = rated(&inst);
        assert!(!d.is_blank());
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
    }
}
