//! The reducer: what each [`Action`] does to the [`State`]. The flags every
//! action carries (epoch, draft, focus, busy) are applied first, from
//! [`Action::flags`]; then one `match` does the action's own change, with
//! the longer arms as methods below.

use std::rc::Rc;

use yew::Reducible;

use super::{Action, Gate, Import, Incoming, Notice, Protection, Screen, State};
use crate::core::document::Document;
use crate::core::draft::{CheckStep, Draft};
use crate::core::errors::{CryptoError, StorageError};
use crate::core::export::preview;
use crate::core::goals::GoalId;
use crate::core::record::Record;
use crate::crypto::SealKey;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let action = match action {
            Action::Late(epoch, action) if epoch == self.epoch => *action,
            Action::Late(_, action) => return self.stale(*action),
            action => action,
        };
        let flags = action.flags();
        let mut s = (*self).clone();
        if flags.new_epoch {
            s.epoch = self.epoch.wrapping_add(1);
        }
        if flags.edits_draft {
            s.draft_dirty = true;
            // A rating takes its own scale off the "please rate" list (in
            // its arm); anything else typed ends the message.
            let rating = matches!(action, Action::Rate(..));
            match s.notice {
                Some(Notice::DraftRestored | Notice::GoalAdded) => s.notice = None,
                Some(Notice::Unrated(_)) if !rating => s.notice = None,
                _ => {}
            }
        }
        if flags.ends_busy {
            s.busy = false;
        }
        if flags.moves_focus {
            s.focus = self.focus.wrapping_add(1).max(1);
            s.focus_scale = None;
        }
        s.apply(action);
        Rc::new(s)
    }
}

impl State {
    /// The action's own change.
    fn apply(&mut self, action: Action) {
        match action {
            Action::Rate(scale, r) => {
                if let Some(Notice::Unrated(ids)) = &mut self.notice {
                    ids.retain(|id| *id != scale);
                    if ids.is_empty() {
                        self.notice = None;
                    }
                }
                self.draft.ratings.insert(scale, r);
            }
            Action::RateGoal(goal, r) => {
                self.draft.progress.insert(goal, r);
            }
            Action::Outcome(goal, o) => match self.doc.goals.iter().find(|g| g.id == goal) {
                Some(goal) => self.draft.report_step(goal, o),
                None => {
                    self.draft.outcomes.insert(goal, o);
                }
            },
            Action::NextStep(goal, text) => {
                self.draft.next_steps.insert(goal, text);
            }
            Action::Comment(text) => self.draft.comment = text,
            Action::ShowSummary(show) => {
                self.draft.show_summary = show;
                self.summary_touched = true;
                self.draft_dirty = true;
            }
            Action::GoTo(step) => {
                self.draft.step = step;
                self.draft_dirty = true;
                self.notice = None;
            }
            Action::Show(screen) => {
                if screen != self.screen {
                    self.import = Import::None;
                    self.give = None;
                }
                self.screen = screen;
                self.notice = None;
                self.confirm_delete = None;
            }
            Action::Opened {
                profile,
                doc,
                draft,
                clear_copies,
                summary,
                nudge,
            } => {
                self.summary_pref = summary;
                self.nudge_put_aside = nudge;
                self.opened(profile, doc, draft, clear_copies)
            }
            Action::Profiles(listed) => self.listed = listed,
            Action::ClearCopies(keys) => self.clear_copies = keys,
            Action::CopyRemoved(key) => {
                self.clear_copies.retain(|k| *k != key);
                self.notice = Some(Notice::ClearCopyRemoved);
            }
            Action::Import(stage) => {
                match &stage {
                    Import::None => {}
                    Import::Passphrase(_) => self.notice = Some(Notice::ImportNeedsPassphrase),
                    Import::Preview(_) => self.notice = Some(Notice::ImportReady),
                }
                self.import = stage;
            }
            Action::Give(give) => self.give = give,
            Action::Incoming(incoming) => {
                // Its own messages are in its panel.
                if matches!(self.notice, Some(Notice::HandoverFailed(_))) {
                    self.notice = None;
                }
                self.incoming = incoming;
            }
            Action::HandedOver { result, key, new } => match result {
                Ok(doc) => {
                    let protected = key.is_some();
                    if let Some(key) = key {
                        self.protection = Protection::Open(key);
                    }
                    self.doc = Rc::new(doc);
                    self.incoming = Incoming::None;
                    // What was just added, not an empty check.
                    self.screen = Screen::History;
                    self.page = 0;
                    self.notice = Some(Notice::HandedOver { new, protected });
                }
                Err(StorageError::Refused(e)) => self.notice = Some(Notice::Refused(e)),
                Err(e) => self.notice = Some(Notice::SaveFailed(e)),
            },
            Action::DeclineHandover => {
                // Closing one that holds nothing new declines nothing.
                let nothing_new = match &self.incoming {
                    Incoming::Preview(received, _) => {
                        preview(&self.doc, &received.doc).changes_nothing()
                    }
                    _ => false,
                };
                self.incoming = Incoming::None;
                self.notice = (!nothing_new).then_some(Notice::HandoverDeclined);
            }
            Action::Persisted(kept) => self.persisted = Some(kept),
            Action::CloseProfile => *self = self.closed(),
            Action::Start => {
                self.screen = if self.profile.is_some() {
                    self.open_screen()
                } else {
                    Screen::Profile
                };
                self.gate = Gate::Open;
                self.notice = None;
            }
            Action::HandBack => {
                self.hand_back();
                if self.codes {
                    self.screen = Screen::HandedBack;
                }
            }
            Action::IdleReset | Action::Neutral => self.hand_back(),
            Action::Gate(gate) => {
                self.gate = gate;
                self.notice = None;
            }
            Action::Vault {
                code,
                name,
                key,
                doc,
                secret,
            } => {
                self.vault_opened(code, name, key, doc);
                self.secret = Some(secret);
            }
            Action::Saved { doc, record, kept } => self.saved(doc, &record, kept),
            Action::Changed(doc, notice) => {
                self.doc = Rc::new(doc);
                self.notice = notice;
                self.confirm_delete = None;
                self.page = self.page.min(self.pages() - 1);
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::Dismiss => self.notice = None,
            Action::NudgeAside(at) => self.nudge_put_aside = Some(at),
            Action::DiscardDraft => {
                let was_correction = self.draft.editing.is_some();
                self.summary_touched = false;
                self.draft = self.fresh_draft();
                self.draft_dirty = false;
                self.notice = Some(Notice::DraftDiscarded);
                if was_correction {
                    self.screen = Screen::History;
                }
            }
            Action::Correct(record) => self.correct(&record),
            Action::AskDelete(id) => self.confirm_delete = id,
            Action::Unrated(ids) => {
                if self.draft.step == CheckStep::Scales {
                    self.focus_scale = ids.first().cloned();
                    self.focus = self.focus.wrapping_add(1).max(1);
                }
                self.notice = Some(Notice::Unrated(ids));
            }
            Action::FixScale(id) => {
                self.draft.step = CheckStep::Scales;
                self.focus_scale = Some(id);
                // The scales still to rate stay marked.
                if !matches!(self.notice, Some(Notice::Unrated(_))) {
                    self.notice = None;
                }
            }
            Action::NewGoal(text) => self.draft.new_goal = text,
            Action::GoalEdit(id, Some(text)) => {
                self.draft.goal_edits.insert(id, text);
            }
            Action::GoalEdit(id, None) => {
                self.draft.goal_edits.remove(&id);
            }
            Action::FirstGoalLater(then) => {
                self.draft.first_goal_later = true;
                self.draft.step = then;
                self.notice = None;
            }
            Action::GoalsStored {
                result,
                added,
                reworded,
                then,
            } => self.goals_stored(result, added, reworded, then),
            Action::Page(p) => self.page = p.min(self.pages() - 1),
            Action::Reloaded(result) => self.reloaded(result),
            Action::Busy(busy) => self.busy = busy,
            Action::Unlocked { key, doc, draft } => self.unlocked(key, doc, draft),
            // Unwrapped (or dropped) before this match.
            Action::Late(..) => {}
            Action::Protected {
                key, doc, change, ..
            } => {
                self.protection = key.map_or(Protection::Off, Protection::Open);
                self.doc = Rc::new(doc);
                self.notice = Some(Notice::Protection(change));
            }
        }
    }

    /// Goals changed (or could not be stored); the check moves on anyway.
    fn goals_stored(
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

    fn saved(&mut self, doc: Document, record: &Record, kept: bool) {
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

    fn correct(&mut self, record: &Record) {
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

    fn unlocked(&mut self, key: SealKey, doc: Document, draft: Option<Draft>) {
        self.protection = Protection::Open(key);
        self.doc = Rc::new(doc);
        self.load_problem = None;
        self.notice = None;
        self.page = 0;
        self.screen = Screen::Check;
        // A draft still on screen (locked from another window) is newer
        // than the stored one.
        if self.draft.is_blank() {
            self.draft = self.fresh_draft();
            if let Some(draft) = draft {
                self.restore(draft);
            }
        }
    }

    /// A sealed profile of a shared device, opened with its code and secret.
    fn vault_opened(&mut self, code: String, name: String, key: SealKey, doc: Document) {
        *self = self.closed();
        self.profile = Some(code);
        self.vault = Some(name);
        self.protection = Protection::Open(key);
        self.doc = Rc::new(doc);
        self.draft = self.fresh_draft();
        self.screen = Screen::Check;
    }

    fn opened(
        &mut self,
        profile: String,
        doc: Result<Document, StorageError>,
        draft: Option<Draft>,
        clear_copies: Vec<String>,
    ) {
        self.protection = Protection::Off;
        let (doc, problem) = match doc {
            Ok(doc) => (doc, None),
            Err(StorageError::Locked) => {
                self.protection = Protection::Locked;
                (Document::default(), None)
            }
            Err(e) => (Document::default(), Some(e)),
        };
        self.profile = Some(profile);
        self.doc = Rc::new(doc);
        self.load_problem = problem;
        self.clear_copies = clear_copies;
        self.import = Import::None;
        self.give = None;
        self.notice = None;
        self.page = 0;
        self.confirm_delete = None;
        self.screen = if self.shared && !self.codes {
            Screen::Start
        } else {
            self.open_screen()
        };
        self.summary_touched = false;
        self.draft = self.fresh_draft();
        if let Some(draft) = draft {
            self.restore(draft);
        }
    }

    /// Nothing of this client stays on screen or in memory: the draft is
    /// discarded (the next person must not see it), the profile closed when
    /// codes are used, a protected history locked again.
    fn hand_back(&mut self) {
        if self.codes {
            *self = self.closed();
        } else {
            self.draft = self.fresh_draft();
            self.draft_dirty = false;
            self.notice = None;
            self.confirm_delete = None;
            self.import = Import::None;
            self.give = None;
            self.page = 0;
        }
        // Its key and its contents leave memory.
        if self.protection.is_on() {
            self.protection = Protection::Locked;
            self.doc = Rc::new(Document::default());
        }
        self.screen = Screen::Start;
    }

    /// Another tab changed the stored history: here it is, re-read.
    fn reloaded(&mut self, result: Result<Document, StorageError>) {
        match result {
            Ok(doc) => {
                // A history read in clear is not protected (any more):
                // another window turned protection off.
                if self.protection.is_on() {
                    self.protection = Protection::Off;
                    if self.screen == Screen::Unlock {
                        self.screen = Screen::Check;
                    }
                }
                if *self.doc != doc {
                    self.doc = Rc::new(doc);
                    // News from another tab never takes the place of a
                    // problem or an Undo the client still has to see.
                    let lasting = matches!(
                        self.notice,
                        Some(
                            Notice::SaveFailed(_)
                                | Notice::NotStored(_)
                                | Notice::Deleted(_)
                                | Notice::HandedOver { .. }
                        )
                    );
                    if !lasting {
                        self.notice = Some(Notice::OtherTab);
                    }
                    self.page = self.page.min(self.pages() - 1);
                }
            }
            Err(StorageError::Locked) if self.protection == Protection::Locked => {}
            Err(StorageError::Locked | StorageError::Crypto(CryptoError::WrongPassphrase)) => {
                // Another window turned protection on or changed the
                // passphrase: what is shown here is locked away too. The
                // draft stays; it is this client's unsaved work.
                self.protection = Protection::Locked;
                self.doc = Rc::new(Document::default());
                self.confirm_delete = None;
                self.import = Import::None;
                if self.screen != Screen::Start {
                    self.screen = Screen::Unlock;
                }
                self.notice = Some(Notice::LockedElsewhere);
                self.focus = self.focus.wrapping_add(1).max(1);
            }
            Err(e) => {
                // Unreadable text found meanwhile is kept in clear: it is
                // listed with the other copies.
                if let StorageError::Corrupt {
                    kept_at: Some(key), ..
                } = &e
                {
                    if !self.clear_copies.contains(key) {
                        self.clear_copies.push(key.clone());
                    }
                }
                self.load_problem = Some(e);
            }
        }
    }
}
