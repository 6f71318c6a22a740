//! The check being filled in: ratings, steps, goals typed, saving and
//! correcting.

use std::rc::Rc;

use crate::core::document::{Change, Document};
use crate::core::draft::{CheckStep, Draft};
use crate::core::errors::StorageError;
use crate::core::goals::GoalId;
use crate::core::rating::Rating;
use crate::core::record::{Record, StepOutcome};
use crate::core::time::Timestamp;
use crate::ui::state::{Action, AfterWrite, Command, NextMove, Notice, Screen, Stamp, State};

impl State {
    pub(super) fn rate(&mut self, scale: String, r: Rating) {
        if let Some(Notice::Unrated(ids)) = &mut self.notice {
            ids.retain(|id| *id != scale);
            if ids.is_empty() {
                self.notice = None;
            }
        }
        self.draft.ratings.insert(scale, r);
    }

    pub(super) fn outcome(&mut self, goal: GoalId, o: StepOutcome) {
        match self.doc.goals.iter().find(|g| g.id == goal) {
            Some(goal) => self.draft.report_step(goal, o),
            None => {
                self.draft.outcomes.insert(goal, o);
            }
        }
    }

    pub(super) fn show_summary(&mut self, show: bool) {
        self.draft.show_summary = show;
        self.summary_touched = true;
        self.draft_dirty = true;
    }

    pub(super) fn go_to(&mut self, step: CheckStep) {
        self.draft.step = step;
        self.draft_dirty = true;
        self.notice = None;
    }

    /// Next with scales not rated: they are named, and on their step the
    /// focus goes to the first.
    pub(super) fn unrated(&mut self, ids: Vec<String>) {
        if self.draft.step == CheckStep::Scales {
            self.focus_scale = ids.first().cloned();
            self.focus = self.focus.wrapping_add(1).max(1);
        }
        self.notice = Some(Notice::Unrated(ids));
    }

    pub(super) fn fix_scale(&mut self, id: String) {
        self.draft.step = CheckStep::Scales;
        self.focus_scale = Some(id);
        // The scales still to rate stay marked.
        if !matches!(self.notice, Some(Notice::Unrated(_))) {
            self.notice = None;
        }
    }

    /// Next on the current step, as [`State::next_move`] decides: Save on
    /// the last.
    pub(super) fn next(&mut self, stamp: Stamp) {
        match self.next_move() {
            NextMove::Save => self.save(stamp),
            NextMove::To(step) => self.act(Action::GoTo(step)),
            NextMove::Unrated(ids) => self.act(Action::Unrated(ids)),
            // The goal is added, and the step stays to ask how far along it
            // is (and its small step).
            NextMove::AddGoal(text) => self.add_goal(text, Some(CheckStep::Goals), stamp),
        }
    }

    /// Saves the check. Unrated scales or an overlong comment are reported
    /// instead; a second press while a save is encrypting does nothing.
    fn save(&mut self, stamp: Stamp) {
        if self.busy {
            return;
        }
        let (record, changes) = match self.to_save(stamp.at, stamp.entropy) {
            Ok(done) => done,
            Err(notice) => return self.act(Action::Notify(*notice)),
        };
        // A choice the client made about the summary is remembered for
        // this profile (on their own device only).
        if let (Some(show), Some(profile)) = (self.summary_to_remember(), self.stored_as()) {
            let profile = profile.to_string();
            self.send(Command::RememberSummary { profile, show });
        }
        let vault = self.vault.is_some();
        self.write(changes, AfterWrite::Saved { record, vault });
    }

    /// Adds the goal `text`, then moves on to `then`, if given, whether or
    /// not it could be stored (the notice says which).
    pub(super) fn add_goal(&mut self, text: String, then: Option<CheckStep>, stamp: Stamp) {
        let goal = Change::AddGoal {
            text,
            at: stamp.at,
            entropy: stamp.entropy,
            max_active: self.max_goals(),
        };
        let then = AfterWrite::Goals {
            added: true,
            reworded: None,
            then,
        };
        self.write(vec![goal], then);
    }

    /// Stores the wording typed for goal `id`.
    pub(super) fn reword_goal(&mut self, id: GoalId, text: String, at: Timestamp) {
        let change = Change::RewordGoal(id.clone(), text, at);
        let then = AfterWrite::Goals {
            added: false,
            reworded: Some(id),
            then: None,
        };
        self.write(vec![change], then);
    }

    /// The first goal will wait: on to the next step at once, and the
    /// choice is stored so the guide does not come back.
    pub(super) fn first_goal_later(&mut self, then: CheckStep) {
        self.draft.first_goal_later = true;
        self.draft.step = then;
        self.notice = None;
        self.write(vec![Change::GoalIntroDone], AfterWrite::GoalIntro);
    }

    /// The card about keeping the history safe is put aside for a while,
    /// remembered for this profile.
    pub(super) fn put_nudge_aside(&mut self, at: Timestamp) {
        self.nudge_put_aside = Some(at);
        if let Some(profile) = self.stored_as() {
            let profile = profile.to_string();
            self.send(Command::PutNudgeAside { profile, at });
        }
    }

    /// Throws the unfinished check away, in storage too.
    pub(super) fn discard_draft(&mut self) {
        if let Some(profile) = self.stored_as() {
            self.send(Command::DiscardDraft(profile.to_string()));
        }
        let was_correction = self.draft.editing.is_some();
        self.summary_touched = false;
        self.draft = self.fresh_draft();
        self.draft_dirty = false;
        self.notice = Some(Notice::DraftDiscarded);
        if was_correction {
            self.screen = Screen::History;
        }
    }

    /// Goals changed (or could not be stored); the check moves on anyway.
    pub(super) fn goals_stored(
        &mut self,
        result: Result<Document, StorageError>,
        added: bool,
        reworded: Option<GoalId>,
        then: Option<CheckStep>,
    ) {
        match result {
            Ok(doc) => {
                self.doc = Rc::new(doc);
                self.notice = None;
                if added {
                    self.draft.new_goal.clear();
                    if then == Some(CheckStep::Goals) {
                        self.notice = Some(Notice::GoalAdded);
                    }
                }
                if let Some(id) = reworded {
                    self.draft.goal_edits.remove(&id);
                }
            }
            Err(StorageError::Refused(e)) => self.notice = Some(Notice::Refused(e)),
            Err(e) if then.is_some() => self.notice = Some(Notice::NotStored(e)),
            Err(e) => self.notice = Some(Notice::SaveFailed(e)),
        }
        if let Some(step) = then {
            // A goal typed and Next stays to be rated, once added; if it
            // could not be, the check moves on as before (it stays typed).
            let stuck = added && step == CheckStep::Goals && self.notice != Some(Notice::GoalAdded);
            self.draft.step = if stuck { self.step_moved(1) } else { step };
            self.draft_dirty = true;
        }
    }

    pub(super) fn saved(&mut self, doc: Document, record: &Record, kept: bool) {
        let corrected = self.draft.editing.is_some();
        self.screen = if corrected {
            Screen::History
        } else {
            Screen::Saved {
                id: record.id.clone(),
                summary: self.draft.show_summary,
                kept,
            }
        };
        self.notice = corrected.then_some(Notice::Corrected);
        self.doc = Rc::new(doc);
        if let Some(show) = self.summary_to_remember() {
            self.summary_pref = Some(show);
        }
        self.summary_touched = false;
        self.draft = self.fresh_draft();
        self.draft_dirty = false;
    }

    /// Queues `changes` to the open profile's history (sealed work shows
    /// the widget busy until its result); with no profile open, the result
    /// is that it could not be stored.
    pub(super) fn write(&mut self, changes: Vec<Change>, then: AfterWrite) {
        let Some(profile) = self.stored_as().map(str::to_string) else {
            return self.act(then.result(Err(StorageError::Unavailable), false));
        };
        if self.protection.key().is_some() {
            self.busy = true;
        }
        let protection = self.protection.clone();
        self.send(Command::Write {
            profile,
            protection,
            changes,
            then: Box::new(then),
        });
    }

    /// Queues `command`, decided in this epoch.
    fn send(&mut self, command: Command) {
        self.outbox.send(self.epoch, command);
    }

    pub(super) fn correct(&mut self, record: &Record) {
        if self.draft.is_blank() || self.draft.editing.is_some() {
            self.draft = Draft::correcting(record);
            self.draft_dirty = true;
            self.screen = Screen::Check;
            self.notice = None;
        } else {
            // Never replace a check in progress: the client finishes or
            // discards it first.
            self.notice = Some(Notice::FinishFirst);
        }
    }
}
