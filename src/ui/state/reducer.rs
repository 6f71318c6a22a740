//! The reducer: what each [`Action`] does to the [`State`]. The flags every
//! action carries (epoch, draft, focus, busy) are applied first, from
//! [`Action::flags`]; then one exhaustive `match` hands the action's own
//! change to a method of the part it changes: the check being filled in
//! (`check.rs`), the profile and its history (`session.rs`), the screens
//! and panels around them (`panels.rs`). What needs I/O (a write, a
//! preference kept) is queued as a [`Command`](super::Command) in the
//! state's outbox for the effects to run.

use std::rc::Rc;

use yew::Reducible;

use super::{Action, AfterWrite, Notice, State};

mod check;
mod panels;
mod session;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let action = match action {
            Action::Late(epoch, action) if epoch == self.epoch => *action,
            Action::Late(_, action) => return self.stale(*action),
            action => action,
        };
        let mut s = (*self).clone();
        s.act(action);
        Rc::new(s)
    }
}

impl State {
    /// Applies `action`: its flags, then its own change. Actions that
    /// decide (Next, Back) act again with what they decided.
    fn act(&mut self, action: Action) {
        let flags = action.flags();
        if flags.new_epoch {
            self.epoch = self.epoch.wrapping_add(1);
        }
        if flags.edits_draft {
            self.draft_dirty = true;
            // A rating takes its own scale off the "please rate" list (in
            // its arm); anything else typed ends the message.
            let rating = matches!(action, Action::Rate(..));
            match self.notice {
                Some(Notice::DraftRestored | Notice::GoalAdded) => self.notice = None,
                Some(Notice::Unrated(_)) if !rating => self.notice = None,
                _ => {}
            }
        }
        if flags.ends_busy {
            self.busy = false;
        }
        if flags.moves_focus {
            self.focus = self.focus.wrapping_add(1).max(1);
            self.focus_scale = None;
        }
        self.apply(action);
    }

    /// The action's own change.
    fn apply(&mut self, action: Action) {
        match action {
            Action::Rate(scale, r) => self.rate(scale, r),
            Action::RateGoal(goal, r) => _ = self.draft.progress.insert(goal, r),
            Action::Outcome(goal, o) => self.outcome(goal, o),
            Action::NextStep(goal, text) => _ = self.draft.next_steps.insert(goal, text),
            Action::Comment(text) => self.draft.comment = text,
            Action::ShowSummary(show) => self.show_summary(show),
            Action::GoTo(step) => self.go_to(step),
            Action::Next(stamp) => self.next(stamp),
            Action::Back => self.act(Action::GoTo(self.step_moved(-1))),
            Action::AddGoal { text, then, stamp } => self.add_goal(text, then, stamp),
            Action::RewordGoal(id, text, at) => self.reword_goal(id, text, at),
            Action::Change(changes, notice) => self.write(changes, AfterWrite::Changed(notice)),
            Action::Ran(serial) => self.outbox.trim(serial),
            Action::Unrated(ids) => self.unrated(ids),
            Action::FixScale(id) => self.fix_scale(id),
            Action::NewGoal(text) => self.draft.new_goal = text,
            Action::GoalEdit(id, Some(text)) => _ = self.draft.goal_edits.insert(id, text),
            Action::GoalEdit(id, None) => _ = self.draft.goal_edits.remove(&id),
            Action::FirstGoalLater(then) => self.first_goal_later(then),
            Action::GoalsStored {
                result,
                added,
                reworded,
                then,
            } => self.goals_stored(result, added, reworded, then),
            Action::DiscardDraft => self.discard_draft(),
            Action::Correct(record) => self.correct(&record),
            Action::Saved { doc, record, kept } => self.saved(doc, &record, kept),
            opened @ Action::Opened { .. } => self.opened(opened),
            Action::Vault {
                code,
                name,
                key,
                doc,
                secret,
            } => self.vault_opened(code, name, key, doc, secret),
            Action::Unlocked { key, doc, draft } => self.unlocked(key, doc, draft),
            Action::Reloaded(result) => self.reloaded(result),
            Action::Protected {
                key, doc, change, ..
            } => self.protected(key, doc, change),
            Action::CloseProfile => *self = self.closed(),
            Action::Start => self.start(),
            Action::HandBack => self.handed_back(),
            Action::IdleReset | Action::Neutral => self.hand_back(),
            Action::Show(screen) => self.show(screen),
            Action::Import(stage) => self.import(stage),
            Action::Give(give) => self.give = give,
            Action::Incoming(incoming) => self.incoming(incoming),
            Action::HandedOver { result, key, new } => self.handed_over(result, key, new),
            Action::DeclineHandover => self.decline_handover(),
            Action::Changed(doc, notice) => self.changed(doc, notice),
            Action::Page(p) => self.page = p.min(self.pages() - 1),
            Action::AskDelete(id) => self.confirm_delete = id,
            Action::Profiles(listed) => self.listed = listed,
            Action::ClearCopies(keys) => self.clear_copies = keys,
            Action::CopyRemoved(key) => self.copy_removed(key),
            Action::Persisted(kept) => self.persisted = Some(kept),
            Action::Gate(gate) => self.gate(gate),
            Action::Notify(notice) => self.notice = Some(notice),
            Action::Dismiss => self.notice = None,
            Action::Language(unavailable) => self.language(unavailable),
            Action::NudgeAside(at) => self.put_nudge_aside(at),
            Action::Busy(busy) => self.busy = busy,
            // Unwrapped (or dropped) before this match.
            Action::Late(..) => {}
        }
    }
}
