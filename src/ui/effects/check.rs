//! The check's own effects: saving it (with the host's event), Next and
//! Back, the goals typed on its way, the draft thrown away.

use crate::core::document::Change;
use crate::core::draft::CheckStep;
use crate::core::events::saved_detail;
use crate::core::goals::GoalId;
use crate::ui::effects::{changed, Effects};
use crate::ui::events::emit;
use crate::ui::state::{Action, NextMove, Notice};
use crate::ui::{entropy, now};

impl Effects {
    /// Saves the check. Unrated scales or an overlong comment are reported
    /// instead; a second press while a save is encrypting does nothing.
    pub fn save(&self) {
        let state = &self.state;
        if state.busy {
            return;
        }
        let (record, changes) = match state.to_save(now(), entropy()) {
            Ok(done) => done,
            Err(notice) => return self.dispatch(Action::Notify(*notice)),
        };
        // A choice the client made about the summary is remembered for
        // this profile (on their own device only).
        if let (Some(show), Some(profile)) = (state.summary_to_remember(), state.stored_as()) {
            self.store.set_summary_choice(profile, show);
        }
        let write = self.write(changes);
        let (store, profile, root) = (
            self.store.clone(),
            state.stored_as().map(str::to_string),
            self.element(),
        );
        let detail = saved_detail(&record, self.include_text);
        let vault = state.vault.is_some();
        self.run_write(async move {
            match write.await {
                Ok(doc) => {
                    if let Some(profile) = &profile {
                        let _ = store.discard_draft(profile);
                        if vault {
                            // The day a shared profile was last used, for
                            // a practice's expiry.
                            store.touch(profile, now());
                        }
                    }
                    if let Some(root) = &root {
                        emit(root, "alliance-check:saved", &detail);
                    }
                    Action::Saved {
                        doc,
                        record,
                        kept: store.is_persistent(),
                    }
                }
                Err(e) => changed(Err(e), None),
            }
        });
    }

    /// Next on the current step (Save on the last). Unrated scales keep the
    /// client on the scales step; a goal typed but not added yet is added.
    pub fn next(&self) {
        match self.state.next_move() {
            NextMove::Save => self.save(),
            NextMove::To(step) => self.dispatch(Action::GoTo(step)),
            NextMove::Unrated(ids) => self.dispatch(Action::Unrated(ids)),
            // The goal is added, and the step stays to ask how far along it
            // is (and its small step).
            NextMove::AddGoal(text) => self.add_goal(text, Some(CheckStep::Goals)),
        }
    }

    /// Back to the step before.
    pub fn back(&self) {
        self.dispatch(Action::GoTo(self.state.step_moved(-1)));
    }

    /// Stores goal changes, then moves on to `then` whether or not they
    /// could be stored (the notice says which).
    fn store_goals(
        &self,
        changes: Vec<Change>,
        added: bool,
        reworded: Option<GoalId>,
        then: Option<CheckStep>,
    ) {
        let write = self.write(changes);
        self.run_write(async move {
            Action::GoalsStored {
                result: write.await,
                added,
                reworded,
                then,
            }
        });
    }

    /// Adds the goal typed (`text`, the draft's new goal), then moves on to
    /// `then`, if given.
    pub fn add_goal(&self, text: String, then: Option<CheckStep>) {
        let goal = Change::AddGoal {
            text,
            at: now(),
            entropy: entropy(),
            max_active: self.state.max_goals(),
        };
        self.store_goals(vec![goal], true, None, then);
    }

    /// Stores the wording typed for goal `id`.
    pub fn reword_goal(&self, id: &GoalId, text: String) {
        let change = Change::RewordGoal(id.clone(), text, now());
        self.store_goals(vec![change], false, Some(id.clone()), None);
    }

    /// The first goal will wait: on to the next step at once, and the
    /// choice is stored so the guide does not come back (if it cannot be,
    /// the client is told and it simply asks again next time).
    pub fn first_goal_later(&self) {
        let then = CheckStep::Review;
        self.dispatch(Action::FirstGoalLater(then));
        let write = self.write(vec![Change::GoalIntroDone]);
        self.run_write(async move {
            match write.await {
                Ok(doc) => Action::GoalsStored {
                    result: Ok(doc),
                    added: false,
                    reworded: None,
                    then: None,
                },
                Err(e) => Action::Notify(Notice::NotStored(e)),
            }
        });
    }

    /// Puts the card about keeping the history safe aside for a while,
    /// remembered for this profile.
    pub fn put_nudge_aside(&self) {
        let at = now();
        if let Some(profile) = self.state.stored_as() {
            self.store.put_nudge_aside(profile, at);
        }
        self.dispatch(Action::NudgeAside(at));
    }

    /// Throws the unfinished check away, in storage too.
    pub fn discard_draft(&self) {
        if let Some(profile) = self.state.stored_as() {
            let _ = self.store.discard_draft(profile);
        }
        self.dispatch(Action::DiscardDraft);
    }
}
