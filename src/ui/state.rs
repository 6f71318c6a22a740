//! The UI state and every change to it, as one reducer (in `reducer.rs`,
//! with the actions in `action.rs`, the messages in `notice.rs`, imports
//! and hand-overs under way in `transfer.rs`, the decisions of Next and of
//! the takeover in `decide.rs`, and the I/O it asks for in `command.rs`).
//! No browser access here: the reducer is plain Rust, tested natively, and
//! the effects (`effects.rs`) run its commands and dispatch their results
//! as actions.
//!
//! One browser object is held, never used: [`SealKey`], the opaque handle
//! of a protected profile's key (a non-extractable `CryptoKey`). The state
//! keeps it so that closing the profile forgets it.

mod action;
mod command;
mod decide;
mod notice;
mod reducer;
mod session;
#[cfg(test)]
mod tests;
mod transfer;

pub use action::{Action, Flags};
pub use command::{AfterWrite, Command, Outbox, Queued, Stamp};
pub use decide::{Intent, NextMove, Sealing};
pub use notice::{Notice, ProtectionChange};
pub use session::{Gate, Protection, Secret};
pub use transfer::{Import, Incoming, Outgoing};

use std::rc::Rc;

use crate::core::document::Document;
use crate::core::draft::{CheckStep, Draft};
use crate::core::errors::StorageError;
use crate::core::instrument::Instrument;
use crate::core::record::RecordId;

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
    /// Shared screens: the client is done and hands the device back. Nothing
    /// of theirs is open any more; Done (or 20 seconds) leads to the start.
    HandedBack,
}

/// What the embed chose for one widget (its options and instrument): read
/// by the reducer and the components, never changed by an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// Shared-screen mode: start and end on neutral screens, keep drafts
    /// in memory only, reset after idle time.
    pub shared: bool,
    /// Profiles are opened by typing a code.
    pub codes: bool,
    /// What is asked.
    pub instrument: Rc<Instrument>,
    /// Why the practice's instrument could not be used, if it could not.
    pub instrument_error: Option<String>,
    /// File downloads and import are offered (on a shared screen only when
    /// the host turned them on; the hand-over replaces them).
    pub downloads: bool,
}

/// The whole UI state of one mounted widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// What the embed chose: the same for every profile, kept whole when
    /// one closes.
    pub setup: Rc<Setup>,
    /// The open profile's code (shown, and named in files and hand-overs);
    /// `None` while a code must be typed.
    pub profile: Option<String>,
    /// Shared devices: the storage name of the open profile, derived from
    /// its code and secret (see `storage::vaults`); `None` elsewhere, where
    /// the code is the storage name.
    pub vault: Option<String>,
    /// What the code screen of a shared device asks.
    pub gate: Gate,
    /// The open shared profile's secret (see [`Secret`]).
    pub secret: Option<Secret>,
    /// The open profile's history.
    pub doc: Rc<Document>,
    /// The check being filled in.
    pub draft: Draft,
    /// The screen shown.
    pub screen: Screen,
    /// A storage problem found when opening the profile.
    pub load_problem: Option<StorageError>,
    /// Keys of unreadable earlier text of this profile, kept in clear.
    pub clear_copies: Vec<String>,
    /// The profiles kept here, when the embed lists them on the code screen.
    pub listed: Vec<String>,
    /// An import under way.
    pub import: Import,
    /// The hand-over code on screen, if any.
    pub give: Option<Rc<Outgoing>>,
    /// A hand-over this page was opened with.
    pub incoming: Incoming,
    /// Whether the browser agreed to keep this site's storage, once asked.
    pub persisted: Option<bool>,
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
    /// With the next focus move: the scale (id) to focus instead of the
    /// heading, e.g. the first one still unrated.
    pub focus_scale: Option<String>,
    /// The draft was changed by the client since it was opened or saved,
    /// so it should be kept in storage.
    pub draft_dirty: bool,
    /// Passphrase protection of the open profile.
    pub protection: Protection,
    /// The client's last choice of seeing the summary after saving, in
    /// this profile (personal devices only: a shared screen asks each time).
    pub summary_pref: Option<bool>,
    /// The client touched the summary choice in this check (only then is
    /// it remembered).
    pub summary_touched: bool,
    /// When the client last put aside the card about keeping the history
    /// safe, in this profile.
    pub nudge_put_aside: Option<crate::core::time::Timestamp>,
    /// Slow work (deriving a key, encrypting) is under way: buttons that
    /// would start more of it are disabled.
    pub busy: bool,
    /// Raised whenever a profile is opened, closed or reset: the result of
    /// slow work started before that is stale and is dropped (see
    /// [`Action::Late`]), so it can never reopen a history that was closed
    /// or land in another client's profile.
    pub epoch: u32,
    /// What the reducer decided the effects should do, not run yet.
    pub outbox: Outbox,
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
        State::fresh(Rc::new(Setup {
            shared,
            codes,
            instrument: Rc::new(instrument),
            instrument_error,
            downloads: !shared,
        }))
    }

    /// A state with no profile open yet, as `setup` asks.
    pub fn fresh(setup: Rc<Setup>) -> State {
        let shared = setup.shared;
        State {
            setup,
            profile: None,
            vault: None,
            gate: Gate::Open,
            secret: None,
            doc: Rc::new(Document::default()),
            draft: Draft::default(),
            screen: if shared {
                Screen::Start
            } else {
                Screen::Profile
            },
            load_problem: None,
            clear_copies: Vec::new(),
            listed: Vec::new(),
            import: Import::None,
            give: None,
            incoming: Incoming::None,
            persisted: None,
            notice: None,
            page: 0,
            confirm_delete: None,
            focus: 0,
            focus_scale: None,
            draft_dirty: false,
            protection: Protection::Off,
            summary_pref: None,
            summary_touched: false,
            nudge_put_aside: None,
            busy: false,
            epoch: 0,
            outbox: Outbox::default(),
        }
    }

    /// This state with the profile closed: nothing of it is kept (the epoch,
    /// the focus counter and the commands not run yet go on).
    fn closed(&self) -> State {
        State {
            epoch: self.epoch,
            focus: self.focus,
            outbox: self.outbox.clone(),
            ..State::fresh(self.setup.clone())
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
            .retain(|id, _| self.setup.instrument.scale(id).is_some());
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

    /// The profile as file names give it: its code, but on a shared device
    /// a neutral word (a file left in the tablet's downloads must not name
    /// the client's code).
    pub fn file_label(&self) -> &str {
        match (&self.vault, &self.profile) {
            (Some(_), _) => "shared",
            (None, Some(code)) => code,
            (None, None) => "default",
        }
    }

    /// The name the open profile's history is stored under.
    pub fn stored_as(&self) -> Option<&str> {
        self.vault.as_deref().or(self.profile.as_deref())
    }

    /// A new, empty check. The summary after saving is shown by default
    /// on the client's own device, and as chosen last time in this
    /// profile; on a shared screen only when asked (the next person must
    /// not inherit anyone's choice).
    pub fn fresh_draft(&self) -> Draft {
        Draft {
            show_summary: !self.setup.shared && self.summary_pref.unwrap_or(true),
            ..Draft::default()
        }
    }

    /// The summary choice this check's save remembers: the client's own
    /// choice, made in a new check on their own device (`None` otherwise).
    pub fn summary_to_remember(&self) -> Option<bool> {
        (self.summary_touched && self.draft.editing.is_none() && !self.setup.shared)
            .then_some(self.draft.show_summary)
    }

    /// Pages in the history table.
    pub fn pages(&self) -> usize {
        self.doc.records.len().div_ceil(PAGE_SIZE).max(1)
    }

    /// Whether the first-goal guide should be shown in the goal step.
    pub fn wants_first_goal(&self) -> bool {
        self.setup.instrument.goals.is_some()
            && !self.doc.goal_intro_done
            && self.doc.goals.is_empty()
            && !self.draft.first_goal_later
    }

    /// Whether this check has a goals step: a new check of an instrument
    /// with goals, when there are goals to rate or a first one to write.
    pub fn asks_goals(&self) -> bool {
        self.setup.instrument.goals.is_some()
            && self.draft.editing.is_none()
            && (crate::core::goals::active(&self.doc.goals).next().is_some()
                || self.wants_first_goal())
    }

    /// The steps of this check.
    pub fn steps(&self) -> Vec<CheckStep> {
        self.draft.steps(self.asks_goals())
    }

    /// The step `delta` places away from the current one.
    pub fn step_moved(&self, delta: isize) -> CheckStep {
        self.draft.moved(self.asks_goals(), delta)
    }

    /// The instrument's limit of active goals.
    pub fn max_goals(&self) -> usize {
        self.setup
            .instrument
            .goals
            .as_ref()
            .map_or(crate::core::goals::MAX_ACTIVE, |g| {
                usize::from(g.max_active)
            })
    }
}
