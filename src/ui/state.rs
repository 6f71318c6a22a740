//! The UI state and every change to it, as one reducer. No browser access
//! here: the reducer is plain Rust and is tested natively. Storage effects
//! happen in `app.rs`, which dispatches their results as actions.

use std::rc::Rc;

use yew::Reducible;

use crate::core::document::ChangeError;
use crate::core::document::Document;
use crate::core::draft::{CheckStep, Draft};
use crate::core::export::ImportError;
use crate::core::goals::GoalId;
use crate::core::instrument::Instrument;
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordId, StepOutcome};
use crate::crypto::{CryptoError, SealKey};
use crate::storage::StorageError;

/// Records per page in the history table.
pub const PAGE_SIZE: usize = 20;

/// Which screen is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Shared-screen mode: a neutral start that shows nothing of anyone.
    Start,
    /// Typing a profile code (shared devices only).
    Profile,
    /// The check, on the draft's current step.
    Check,
    /// Just saved this record: thanks, and the summary if the client chose it.
    Saved {
        /// The record saved.
        id: RecordId,
        /// Show today-versus-last-time and the talk prompts now.
        summary: bool,
        /// False when storage was unavailable: saved for this page only.
        kept: bool,
    },
    /// Charts and table of past sessions.
    History,
    /// The goal manager.
    Goals,
    /// The history is protected: asking for the passphrase.
    Unlock,
}

/// Whether the open profile is protected by a passphrase, and if so
/// whether it is open. The key exists only here, in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Protection {
    /// Stored in clear.
    #[default]
    Off,
    /// Stored sealed; the passphrase has not been given (or was forgotten).
    Locked,
    /// Stored sealed and opened with this key.
    Open(SealKey),
}

impl Protection {
    /// Whether the profile is stored sealed.
    pub fn is_on(&self) -> bool {
        !matches!(self, Protection::Off)
    }

    /// The key, while the profile is open.
    pub fn key(&self) -> Option<&SealKey> {
        match self {
            Protection::Open(key) => Some(key),
            _ => None,
        }
    }
}

/// A message about the last action, shown until the next one.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// An unfinished check was found and restored.
    DraftRestored,
    /// The unfinished check was discarded.
    DraftDiscarded,
    /// Saving was refused: these scales (ids) are unrated.
    Unrated(Vec<String>),
    /// The comment is longer than allowed.
    CommentTooLong(usize),
    /// Storage failed; the answers are still on screen.
    SaveFailed(StorageError),
    /// A change was refused (goal rules, or the session is gone).
    Refused(ChangeError),
    /// A correction cannot start while another check is in progress.
    FinishFirst,
    /// A file was downloaded (its name).
    Downloaded(String),
    /// A download could not be started (why).
    DownloadFailed(String),
    /// A file to import was read and checked; the preview is shown.
    ImportReady,
    /// The file to import is refused.
    ImportFailed(ImportError),
    /// The file to import could not be read at all.
    ReadFailed,
    /// An import was merged (new sessions).
    Imported(usize),
    /// Another tab changed the history; the view was refreshed.
    OtherTab,
    /// A record was deleted; it can be restored with Undo.
    Deleted(Record),
    /// A deleted record was restored.
    Restored,
    /// A correction was saved.
    Corrected,
    /// The passphrase given does not open the history (or the file).
    WrongPassphrase,
    /// Protection was turned on, turned off, or the passphrase changed.
    Protection(ProtectionChange),
    /// Protection could not be changed; the history is as it was.
    ProtectionFailed(StorageError),
    /// Another window changed the passphrase or turned protection on: the
    /// history was locked here.
    LockedElsewhere,
    /// An encrypted file needs its passphrase before it can be imported.
    ImportNeedsPassphrase,
    /// A clear copy of unreadable text was removed.
    ClearCopyRemoved,
}

/// What changed about protection, for the message shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtectionChange {
    /// Turned on.
    On,
    /// Turned off.
    Off,
    /// New passphrase.
    Changed,
}

/// The whole UI state of one mounted widget.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Shared-screen mode: start and end on neutral screens, keep drafts
    /// in memory only, reset after idle time.
    pub shared: bool,
    /// Profiles are opened by typing a code.
    pub codes: bool,
    /// What is asked.
    pub instrument: Rc<Instrument>,
    /// Why the practice's instrument could not be used, if it could not.
    pub instrument_error: Option<String>,
    /// The open profile; `None` while a code must be typed.
    pub profile: Option<String>,
    /// The open profile's history.
    pub doc: Rc<Document>,
    /// The check being filled in.
    pub draft: Draft,
    /// The screen shown.
    pub screen: Screen,
    /// A storage problem found when opening the profile.
    pub load_problem: Option<StorageError>,
    /// The message about the last action.
    pub notice: Option<Notice>,
    /// The history table page (0 = newest).
    pub page: usize,
    /// The record the client asked to delete, awaiting confirmation.
    pub confirm_delete: Option<RecordId>,
    /// Bumped when focus should move to the heading of what is shown (step
    /// or screen changes, or when the focused control went away). Zero
    /// until the client first acts, so loading never moves focus.
    pub focus: u32,
    /// The draft was changed by the client since it was opened or saved,
    /// so it should be kept in storage.
    pub draft_dirty: bool,
    /// Passphrase protection of the open profile.
    pub protection: Protection,
    /// Slow work (deriving a key, encrypting) is under way: buttons that
    /// would start more of it are disabled.
    pub busy: bool,
    /// Raised whenever a profile is opened, closed or reset: the result of
    /// slow work started before that is stale and is dropped (see
    /// [`Action::Late`]), so it can never reopen a history that was closed
    /// or land in another client's profile.
    pub epoch: u32,
}

/// Every change to [`State`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A scale was rated.
    Rate(String, Rating),
    /// Progress on a goal was rated.
    RateGoal(GoalId, Rating),
    /// How a goal's small step went.
    Outcome(GoalId, StepOutcome),
    /// The small step typed for the coming week.
    NextStep(GoalId, String),
    /// The comment as typed.
    Comment(String),
    /// Show the summary after saving, or keep it for history.
    ShowSummary(bool),
    /// Go to another step of the check.
    GoTo(CheckStep),
    /// Show another screen.
    Show(Screen),
    /// A profile was opened, with its history and any unfinished check.
    Opened {
        /// Its code.
        profile: String,
        /// Its history, or why it could not be read.
        doc: Result<Document, StorageError>,
        /// An unfinished check kept from before.
        draft: Option<Draft>,
    },
    /// Back to the code screen; nothing of this profile stays on screen.
    CloseProfile,
    /// The check was saved (`kept` false: only in this page's memory).
    Saved {
        /// The document after saving.
        doc: Document,
        /// The record saved.
        record: Record,
        /// Whether storage holds it.
        kept: bool,
    },
    /// The history changed (goals, correction, deletion, restore).
    Changed(Document, Option<Notice>),
    /// Something to tell the client.
    Notify(Notice),
    /// Throw the unfinished check away.
    DiscardDraft,
    /// Start correcting a past record.
    Correct(Record),
    /// Ask to delete a record (or cancel with `None`).
    AskDelete(Option<RecordId>),
    /// Show a page of the history table.
    Page(usize),
    /// Another tab changed the stored history: here it is, re-read.
    Reloaded(Result<Document, StorageError>),
    /// Shared mode: the client starts from the neutral screen.
    Start,
    /// Shared mode: the client is done and hands the device back.
    HandBack,
    /// Shared mode: nobody touched the screen for the idle time.
    IdleReset,
    /// Slow work started (`true`) or was abandoned (`false`).
    Busy(bool),
    /// The protected history was opened with this key.
    Unlocked {
        /// The key, kept in memory while the profile is open.
        key: SealKey,
        /// The history.
        doc: Document,
        /// The unfinished check kept sealed, if any.
        draft: Option<Draft>,
    },
    /// Protection changed: the new key (`None`: off) and the history.
    Protected {
        /// The profile whose protection changed.
        profile: String,
        /// The new key; `None` when protection was turned off.
        key: Option<SealKey>,
        /// The history.
        doc: Document,
        /// What changed.
        change: ProtectionChange,
    },
    /// The result of slow work started at this epoch: applied only if no
    /// profile was opened, closed or reset since.
    Late(u32, Box<Action>),
}

impl State {
    /// A state with no profile open yet, on a personal device.
    pub fn new(instrument: Instrument, instrument_error: Option<String>) -> State {
        State::with_mode(instrument, instrument_error, false, true)
    }

    /// A state with no profile open yet; `shared` for shared-screen mode,
    /// `codes` when profiles are opened by typing a code.
    pub fn with_mode(
        instrument: Instrument,
        instrument_error: Option<String>,
        shared: bool,
        codes: bool,
    ) -> State {
        State {
            shared,
            codes,
            instrument: Rc::new(instrument),
            instrument_error,
            profile: None,
            doc: Rc::new(Document::default()),
            draft: Draft::default(),
            screen: if shared {
                Screen::Start
            } else {
                Screen::Profile
            },
            load_problem: None,
            notice: None,
            page: 0,
            confirm_delete: None,
            focus: 0,
            draft_dirty: false,
            protection: Protection::Off,
            busy: false,
            epoch: 0,
        }
    }

    /// This state with the profile closed: nothing of it is kept.
    fn closed(&self) -> State {
        State {
            epoch: self.epoch,
            ..State::with_mode(
                (*self.instrument).clone(),
                self.instrument_error.clone(),
                self.shared,
                self.codes,
            )
        }
    }

    /// Wraps the result of slow work started now, so it is dropped if the
    /// profile changes before it arrives.
    pub fn late(&self, action: Action) -> Action {
        Action::Late(self.epoch, Box::new(action))
    }

    /// A result that arrived after its profile was closed or reset. Only
    /// one kind still matters: a protection change was written, so what is
    /// stored is known to have changed. The state learns that (locked, or
    /// in clear) for the same profile, and never gets the key back.
    fn stale(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Protected {
                profile, key, doc, ..
            } if self.profile.as_ref() == Some(&profile) => {
                let mut s = (*self).clone();
                (s.protection, s.doc) = match key {
                    Some(_) => (Protection::Locked, Rc::new(Document::default())),
                    None => (Protection::Off, Rc::new(doc)),
                };
                if s.screen == Screen::Unlock && s.protection == Protection::Off {
                    s.screen = Screen::Check;
                }
                Rc::new(s)
            }
            _ => self,
        }
    }

    /// Shows an unfinished check kept from before (if it holds anything),
    /// without ratings of scales this instrument does not have.
    fn restore(&mut self, mut draft: Draft) {
        if draft.is_blank() {
            return;
        }
        draft
            .ratings
            .retain(|id, _| self.instrument.scale(id).is_some());
        self.draft = draft;
        self.notice = Some(Notice::DraftRestored);
    }

    /// The screen of a profile just opened: the check, or the passphrase
    /// prompt when it is locked.
    fn open_screen(&self) -> Screen {
        if self.protection == Protection::Locked {
            Screen::Unlock
        } else {
            Screen::Check
        }
    }

    /// Pages in the history table.
    pub fn pages(&self) -> usize {
        self.doc.records.len().div_ceil(PAGE_SIZE).max(1)
    }

    /// Whether the first-goal guide should be shown in the goal step.
    pub fn wants_first_goal(&self) -> bool {
        self.instrument.goals.is_some() && !self.doc.goal_intro_done && self.doc.goals.is_empty()
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let action = match action {
            Action::Late(epoch, action) if epoch == self.epoch => *action,
            Action::Late(_, action) => return self.stale(*action),
            action => action,
        };
        let mut s = (*self).clone();
        if matches!(
            action,
            Action::Opened { .. } | Action::CloseProfile | Action::HandBack | Action::IdleReset
        ) {
            s.epoch = self.epoch.wrapping_add(1);
        }
        let edits_draft = matches!(
            action,
            Action::Rate(..)
                | Action::RateGoal(..)
                | Action::Outcome(..)
                | Action::NextStep(..)
                | Action::Comment(_)
        );
        if edits_draft {
            s.draft_dirty = true;
            if matches!(s.notice, Some(Notice::Unrated(_) | Notice::DraftRestored)) {
                s.notice = None;
            }
        }
        let moves_focus = matches!(
            action,
            Action::GoTo(_)
                | Action::Show(_)
                | Action::Opened { .. }
                | Action::Saved { .. }
                | Action::Changed(..)
                | Action::DiscardDraft
                | Action::Correct(_)
                | Action::AskDelete(None)
                | Action::Start
                | Action::HandBack
                | Action::Unlocked { .. }
        );
        // Slow work ends with its result (or with the profile going away).
        if matches!(
            action,
            Action::Saved { .. }
                | Action::Changed(..)
                | Action::Notify(_)
                | Action::Unlocked { .. }
                | Action::Protected { .. }
                | Action::Reloaded(_)
                | Action::Opened { .. }
                | Action::CloseProfile
                | Action::HandBack
                | Action::IdleReset
        ) {
            s.busy = false;
        }
        match action {
            Action::Rate(scale, r) => {
                s.draft.ratings.insert(scale, r);
            }
            Action::RateGoal(goal, r) => {
                s.draft.progress.insert(goal, r);
            }
            Action::Outcome(goal, o) => {
                s.draft.outcomes.insert(goal, o);
            }
            Action::NextStep(goal, text) => {
                s.draft.next_steps.insert(goal, text);
            }
            Action::Comment(text) => s.draft.comment = text,
            Action::ShowSummary(show) => {
                s.draft.show_summary = show;
                s.draft_dirty = true;
            }
            Action::GoTo(step) => {
                s.draft.step = step;
                s.draft_dirty = true;
                s.notice = None;
            }
            Action::Show(screen) => {
                s.screen = screen;
                s.notice = None;
                s.confirm_delete = None;
            }
            Action::Opened {
                profile,
                doc,
                draft,
            } => {
                s.protection = Protection::Off;
                let (doc, problem) = match doc {
                    Ok(doc) => (doc, None),
                    Err(StorageError::Locked) => {
                        s.protection = Protection::Locked;
                        (Document::default(), None)
                    }
                    Err(e) => (Document::default(), Some(e)),
                };
                s.profile = Some(profile);
                s.doc = Rc::new(doc);
                s.load_problem = problem;
                s.notice = None;
                s.page = 0;
                s.confirm_delete = None;
                s.screen = if s.shared && !s.codes {
                    Screen::Start
                } else {
                    s.open_screen()
                };
                s.draft = Draft::default();
                if let Some(draft) = draft {
                    s.restore(draft);
                }
            }
            Action::CloseProfile => {
                s = s.closed();
                s.focus = self.focus.wrapping_add(1).max(1);
            }
            Action::Start => {
                s.screen = if s.profile.is_some() {
                    s.open_screen()
                } else {
                    Screen::Profile
                };
                s.notice = None;
            }
            Action::HandBack | Action::IdleReset => {
                // Nothing of this client stays on screen or in memory: the
                // draft is discarded (the next person must not see it), the
                // profile closed when codes are used.
                s = if s.codes {
                    s.closed()
                } else {
                    State {
                        draft: Draft::default(),
                        draft_dirty: false,
                        notice: None,
                        confirm_delete: None,
                        page: 0,
                        ..s
                    }
                };
                // A protected history is locked again: its key and its
                // contents leave memory.
                if s.protection.is_on() {
                    s.protection = Protection::Locked;
                    s.doc = Rc::new(Document::default());
                }
                s.screen = Screen::Start;
            }
            Action::Saved { doc, record, kept } => {
                let corrected = s.draft.editing.is_some();
                s.screen = if corrected {
                    Screen::History
                } else {
                    Screen::Saved {
                        id: record.id.clone(),
                        summary: s.draft.show_summary,
                        kept,
                    }
                };
                s.notice = corrected.then_some(Notice::Corrected);
                s.doc = Rc::new(doc);
                s.draft = Draft::default();
                s.draft_dirty = false;
            }
            Action::Changed(doc, notice) => {
                s.doc = Rc::new(doc);
                s.notice = notice;
                s.confirm_delete = None;
                s.page = s.page.min(s.pages() - 1);
            }
            Action::Notify(notice) => s.notice = Some(notice),
            Action::DiscardDraft => {
                let was_correction = s.draft.editing.is_some();
                s.draft = Draft::default();
                s.draft_dirty = false;
                s.notice = Some(Notice::DraftDiscarded);
                if was_correction {
                    s.screen = Screen::History;
                }
            }
            Action::Correct(record) => {
                if s.draft.is_blank() || s.draft.editing.is_some() {
                    s.draft = Draft::correcting(&record);
                    s.draft_dirty = true;
                    s.screen = Screen::Check;
                    s.notice = None;
                } else {
                    // Never replace a check in progress: the client finishes
                    // or discards it first.
                    s.notice = Some(Notice::FinishFirst);
                }
            }
            Action::AskDelete(id) => s.confirm_delete = id,
            Action::Page(p) => s.page = p.min(s.pages() - 1),
            Action::Reloaded(Ok(doc)) => {
                // A history read in clear is not protected (any more):
                // another window turned protection off.
                if s.protection.is_on() {
                    s.protection = Protection::Off;
                    if s.screen == Screen::Unlock {
                        s.screen = Screen::Check;
                    }
                }
                if *s.doc != doc {
                    s.doc = Rc::new(doc);
                    s.notice = Some(Notice::OtherTab);
                    s.page = s.page.min(s.pages() - 1);
                }
            }
            Action::Reloaded(Err(StorageError::Locked)) if s.protection == Protection::Locked => {}
            Action::Reloaded(Err(StorageError::Locked))
            | Action::Reloaded(Err(StorageError::Crypto(CryptoError::WrongPassphrase))) => {
                // Another window turned protection on or changed the
                // passphrase: what is shown here is locked away too. The
                // draft stays; it is this client's unsaved work.
                s.protection = Protection::Locked;
                s.doc = Rc::new(Document::default());
                s.confirm_delete = None;
                if s.screen != Screen::Start {
                    s.screen = Screen::Unlock;
                }
                s.notice = Some(Notice::LockedElsewhere);
                s.focus = self.focus.wrapping_add(1).max(1);
            }
            Action::Reloaded(Err(e)) => s.load_problem = Some(e),
            Action::Busy(busy) => s.busy = busy,
            Action::Unlocked { key, doc, draft } => {
                s.protection = Protection::Open(key);
                s.doc = Rc::new(doc);
                s.load_problem = None;
                s.notice = None;
                s.page = 0;
                s.screen = Screen::Check;
                // A draft still on screen (locked from another window) is
                // newer than the stored one.
                if s.draft.is_blank() {
                    if let Some(draft) = draft {
                        s.restore(draft);
                    }
                }
            }
            // Unwrapped (or dropped) before this match.
            Action::Late(..) => {}
            Action::Protected {
                key, doc, change, ..
            } => {
                s.protection = key.map_or(Protection::Off, Protection::Open);
                s.doc = Rc::new(doc);
                s.notice = Some(Notice::Protection(change));
            }
        }
        if moves_focus {
            s.focus = self.focus.wrapping_add(1).max(1);
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::time::Timestamp;

    fn state() -> Rc<State> {
        Rc::new(State::new(Instrument::default_alliance(), None))
    }

    /// A record of the default instrument with every scale at 5.0.
    fn saved_record() -> crate::core::record::Record {
        let inst = Instrument::default_alliance();
        let mut d = Draft::default();
        for sc in &inst.scales {
            d.ratings.insert(sc.id.clone(), Rating::clamped(50));
        }
        let at = Timestamp::from_millis(1).unwrap();
        d.complete(&inst, &[], at, 1).unwrap().0
    }

    fn open(s: Rc<State>, draft: Option<Draft>) -> Rc<State> {
        s.reduce(Action::Opened {
            profile: "default".into(),
            doc: Ok(Document::default()),
            draft,
        })
    }

    #[test]
    fn opening_restores_a_draft_and_says_so() {
        let mut d = Draft::default();
        d.ratings.insert("goals".into(), Rating::clamped(40));
        d.ratings.insert("not-a-scale".into(), Rating::clamped(40));
        d.step = CheckStep::Question;
        let s = open(state(), Some(d));
        assert_eq!(s.screen, Screen::Check);
        assert_eq!(s.draft.step, CheckStep::Question);
        assert_eq!(
            s.draft.ratings.len(),
            1,
            "ratings of unknown scales are dropped"
        );
        assert_eq!(s.notice, Some(Notice::DraftRestored));
    }

    #[test]
    fn navigation_keeps_input() {
        let s = open(state(), None)
            .reduce(Action::Rate("bond".into(), Rating::clamped(77)))
            .reduce(Action::GoTo(CheckStep::Question))
            .reduce(Action::Comment("more structure".into()))
            .reduce(Action::GoTo(CheckStep::Scales))
            .reduce(Action::Show(Screen::History))
            .reduce(Action::Show(Screen::Check));
        assert_eq!(s.draft.ratings["bond"].to_string(), "7.7");
        assert_eq!(s.draft.comment, "more structure");
        assert_eq!(s.draft.step, CheckStep::Scales);
    }

    #[test]
    fn saving_resets_the_draft_and_shows_the_chosen_screen() {
        let inst = Instrument::default_alliance();
        let mut s = open(state(), None);
        for sc in &inst.scales {
            s = s.reduce(Action::Rate(sc.id.clone(), Rating::clamped(95)));
        }
        assert!(
            !s.draft.show_summary,
            "the summary is shown only when asked for"
        );
        let at = Timestamp::from_millis(1).unwrap();
        let (record, changes) = s.draft.complete(&inst, &[], at, 1).unwrap();
        let doc = s.doc.apply(&changes).unwrap();
        let s = s.reduce(Action::Saved {
            doc,
            record: record.clone(),
            kept: true,
        });
        assert_eq!(
            s.screen,
            Screen::Saved {
                id: record.id,
                summary: false,
                kept: true
            }
        );
        assert!(s.draft.is_blank());
        assert_eq!(s.doc.records.len(), 1);
    }

    #[test]
    fn closing_a_profile_leaves_nothing_of_it() {
        let s = open(state(), None)
            .reduce(Action::Rate("bond".into(), Rating::clamped(77)))
            .reduce(Action::CloseProfile);
        let fresh = State::new(Instrument::default_alliance(), None);
        assert_eq!(
            State {
                focus: fresh.focus,
                epoch: fresh.epoch,
                ..(*s).clone()
            },
            fresh
        );
    }

    #[test]
    fn a_correction_never_replaces_a_check_in_progress() {
        let record = saved_record();
        let s = open(state(), None)
            .reduce(Action::Rate("bond".into(), Rating::clamped(77)))
            .reduce(Action::Show(Screen::History))
            .reduce(Action::Correct(record));
        assert_eq!(s.notice, Some(Notice::FinishFirst));
        assert_eq!(s.draft.ratings["bond"].to_string(), "7.7");
        assert!(s.draft.editing.is_none());
    }

    #[test]
    fn focus_moves_only_after_the_client_acts() {
        let s = open(state(), None);
        let opened = s.focus;
        let s = s.reduce(Action::Rate("bond".into(), Rating::clamped(77)));
        assert_eq!(s.focus, opened, "rating does not move focus");
        let s = s.reduce(Action::GoTo(CheckStep::Goals));
        assert!(s.focus > opened);
        assert!(s.draft_dirty);
    }

    #[test]
    fn discarding_a_correction_returns_to_history() {
        let record = saved_record();
        let s = open(state(), None)
            .reduce(Action::Correct(record))
            .reduce(Action::DiscardDraft);
        assert_eq!(s.screen, Screen::History);
        assert!(s.draft.is_blank());
    }
}

#[cfg(test)]
mod protection_tests {
    use super::*;

    fn opened_locked(shared: bool, codes: bool) -> Rc<State> {
        Rc::new(State::with_mode(
            Instrument::default_alliance(),
            None,
            shared,
            codes,
        ))
        .reduce(Action::Opened {
            profile: "fox".into(),
            doc: Err(StorageError::Locked),
            draft: None,
        })
    }

    #[test]
    fn a_protected_profile_opens_on_the_passphrase_prompt_with_nothing_loaded() {
        let s = opened_locked(false, true);
        assert_eq!(s.screen, Screen::Unlock);
        assert_eq!(s.protection, Protection::Locked);
        assert_eq!(s.load_problem, None, "locked is not a storage problem");
        assert!(s.doc.records.is_empty());
    }

    #[test]
    fn on_a_shared_screen_the_start_leads_to_the_prompt() {
        let s = opened_locked(true, false);
        assert_eq!(s.screen, Screen::Start);
        assert_eq!(s.reduce(Action::Start).screen, Screen::Unlock);
    }

    #[test]
    fn another_window_locking_the_history_locks_it_here_but_keeps_the_draft() {
        let s = Rc::new(State::new(Instrument::default_alliance(), None))
            .reduce(Action::Opened {
                profile: "fox".into(),
                doc: Ok(Document::default()),
                draft: None,
            })
            .reduce(Action::Rate("bond".into(), Rating::clamped(66)));
        for err in [
            StorageError::Locked,
            StorageError::Crypto(CryptoError::WrongPassphrase),
        ] {
            let locked = s.clone().reduce(Action::Reloaded(Err(err)));
            assert_eq!(locked.protection, Protection::Locked);
            assert_eq!(locked.screen, Screen::Unlock);
            assert_eq!(locked.notice, Some(Notice::LockedElsewhere));
            assert_eq!(locked.draft.ratings["bond"].to_string(), "6.6");
        }
    }

    #[test]
    fn busy_ends_with_whatever_comes_next() {
        let s = opened_locked(false, true).reduce(Action::Busy(true));
        assert!(s.busy);
        let s = s.reduce(Action::Notify(Notice::WrongPassphrase));
        assert!(!s.busy);
        assert_eq!(
            s.screen,
            Screen::Unlock,
            "a wrong passphrase changes nothing"
        );
    }

    #[test]
    fn results_of_slow_work_started_before_a_close_are_dropped() {
        let s = opened_locked(false, true).reduce(Action::Busy(true));
        let late = s.late(Action::Changed(Document::default(), Some(Notice::Restored)));
        let closed = s.reduce(Action::CloseProfile);
        let after = closed.clone().reduce(late.clone());
        assert_eq!(after, closed, "a stale result changes nothing");
        // Reopened meanwhile: still stale.
        let reopened = closed.reduce(Action::Opened {
            profile: "owl".into(),
            doc: Ok(Document::default()),
            draft: None,
        });
        assert_eq!(reopened.clone().reduce(late), reopened);
        // A result of the current epoch applies.
        let current = reopened.late(Action::Notify(Notice::Restored));
        assert_eq!(reopened.reduce(current).notice, Some(Notice::Restored));
    }

    #[test]
    fn a_protection_change_that_lands_after_a_reset_still_tells_what_is_stored() {
        let s = Rc::new(State::with_mode(
            Instrument::default_alliance(),
            None,
            true,
            false,
        ))
        .reduce(Action::Opened {
            profile: "default".into(),
            doc: Err(StorageError::Locked),
            draft: None,
        })
        .reduce(Action::Busy(true));
        let doc = Document {
            goal_intro_done: true,
            ..Document::default()
        };
        let late = s.late(Action::Protected {
            profile: "default".into(),
            key: None,
            doc: doc.clone(),
            change: ProtectionChange::Off,
        });
        let reset = s.reduce(Action::IdleReset);
        let after = reset.reduce(late);
        assert_eq!(after.protection, Protection::Off, "stored in clear now");
        assert_eq!(*after.doc, doc);
        assert_eq!(after.notice, None, "nothing announced to the next person");
        assert_eq!(after.screen, Screen::Start);
    }

    #[test]
    fn busy_survives_input_and_ends_with_a_result() {
        let s = opened_locked(false, true)
            .reduce(Action::Busy(true))
            .reduce(Action::Rate("bond".into(), Rating::clamped(50)));
        assert!(s.busy, "typing does not end slow work");
    }

    #[test]
    fn a_history_reloaded_in_clear_is_no_longer_protected() {
        let s = opened_locked(false, true);
        let again = s
            .clone()
            .reduce(Action::Reloaded(Err(StorageError::Locked)));
        assert_eq!(again.notice, None, "still locked: nothing new to say");
        let s = s.reduce(Action::Reloaded(Ok(Document::default())));
        assert_eq!(s.protection, Protection::Off);
        assert_eq!(s.screen, Screen::Check);
    }

    #[test]
    fn closing_forgets_protection_state() {
        let s = opened_locked(false, true).reduce(Action::CloseProfile);
        assert_eq!(s.protection, Protection::Off);
        assert_eq!(s.profile, None);
    }
}

#[cfg(test)]
mod shared_tests {
    use super::*;

    fn shared(codes: bool) -> Rc<State> {
        Rc::new(State::with_mode(
            Instrument::default_alliance(),
            None,
            true,
            codes,
        ))
    }

    #[test]
    fn shared_mode_starts_and_ends_on_the_neutral_screen() {
        let s = shared(false).reduce(Action::Opened {
            profile: "default".into(),
            doc: Ok(Document::default()),
            draft: None,
        });
        assert_eq!(s.screen, Screen::Start, "opening shows nothing yet");
        let s = s
            .reduce(Action::Start)
            .reduce(Action::Rate("bond".into(), Rating::clamped(30)));
        assert_eq!(s.screen, Screen::Check);
        let s = s.reduce(Action::IdleReset);
        assert_eq!(s.screen, Screen::Start);
        assert!(s.draft.is_blank(), "the next person never sees this draft");
        assert_eq!(
            s.profile.as_deref(),
            Some("default"),
            "a single profile stays open for saving"
        );
    }

    #[test]
    fn with_codes_hand_back_closes_the_profile() {
        let s = shared(true).reduce(Action::Start).reduce(Action::Opened {
            profile: "fox".into(),
            doc: Ok(Document::default()),
            draft: None,
        });
        assert_eq!(s.screen, Screen::Check);
        let s = s.reduce(Action::HandBack);
        assert_eq!((s.screen.clone(), s.profile.clone()), (Screen::Start, None));
        assert_eq!(s.doc.records.len(), 0);
    }
}
