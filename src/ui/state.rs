//! The UI state and every change to it, as one reducer (in `reducer.rs`).
//! No browser access here: the reducer is plain Rust, tested natively, and
//! the effects (`effects.rs`) dispatch their results as actions.
//!
//! One browser object is held, never used: [`SealKey`], the opaque handle
//! of a protected profile's key (a non-extractable `CryptoKey`). The state
//! keeps it so that closing the profile forgets it.

mod decide;
mod reducer;
#[cfg(test)]
mod tests;

pub use decide::{Intent, NextMove};

use std::rc::Rc;

use crate::core::document::ChangeError;
use crate::core::document::Document;
use crate::core::draft::{CheckStep, Draft};
use crate::core::envelope::Envelope;
use crate::core::errors::StorageError;
use crate::core::export::ImportError;
use crate::core::goals::GoalId;
use crate::core::handover::{Frame, HandoverError, Received};
use crate::core::instrument::Instrument;
use crate::core::qr::QrSvg;
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordId, StepOutcome};
use crate::crypto::SealKey;

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

/// A shared profile's secret, held in memory while the profile is open (the
/// hand-over derives its own key from it) and gone with it. Its `Debug`
/// form shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Rc<str>);

impl Secret {
    /// Holds `secret`.
    pub fn new(secret: String) -> Secret {
        Secret(secret.into())
    }

    /// The secret itself.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// What the code screen of a shared device asks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Gate {
    /// A returning client: code and secret.
    #[default]
    Open,
    /// A new profile: a code, and a secret typed twice.
    New,
    /// A profile an earlier version kept in clear under this code: a secret
    /// is chosen to seal it before it opens.
    Seal(String),
}

/// Whether the open profile is protected by a passphrase, and if so
/// whether it is open. The key exists only here, in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// An import was merged.
    Imported {
        /// Sessions added.
        new: usize,
        /// Sessions here it removed (deleted on another device).
        removed: usize,
    },
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
    /// The check moved on, but what the client did there could not be
    /// stored (why): it stays on screen, nothing typed is lost.
    NotStored(StorageError),
    /// A hand-over could not be made or read (why); nothing was added.
    HandoverFailed(HandoverError),
    /// A hand-over was added (new sessions; whether protection was turned
    /// on here because it came protected).
    HandedOver {
        /// Sessions not here before.
        new: usize,
        /// Protection is now on here, with the hand-over's passphrase.
        protected: bool,
    },
    /// A hand-over was put aside: nothing was added.
    HandoverDeclined,
    /// The hand-over link was copied (or could not be).
    LinkCopied(bool),
    /// Shared device: no profile opens with this code and secret (the same
    /// for an unknown code as for a wrong secret); the next attempt must
    /// wait until the time given, if any.
    NoMatch(Option<crate::core::time::Timestamp>),
    /// Shared device: the profile could not be opened or started (why).
    GateFailed(StorageError),
    /// A goal typed on the goals step was added with Next: the step stays
    /// to ask its progress and small step.
    GoalAdded,
    /// A goal was marked achieved (its wording).
    GoalAchieved(String),
    /// A goal was set aside (its wording).
    GoalSetAside(String),
    /// A hand-over link was opened on a shared device: nothing is added
    /// there (it belongs on the client's own phone).
    NotOnShared,
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

/// An import in progress: a file read and waiting for its passphrase, or
/// checked and previewed, waiting for the client's word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Import {
    /// No import under way.
    #[default]
    None,
    /// An encrypted copy, waiting for its passphrase.
    Passphrase(Rc<Envelope>),
    /// A checked copy: the preview is shown until the client confirms.
    Preview(Rc<Document>),
}

/// The hand-over shown as a QR code: the link, its code, and how many of
/// the history's sessions it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// The link (the hand-over address with the history in its fragment).
    pub link: String,
    /// Its QR code.
    pub qr: QrSvg,
    /// Sessions it carries (the newest).
    pub carried: usize,
    /// Sessions in the whole history.
    pub total: usize,
    /// The one-time code that opens it, shown beside it (a profile
    /// without a passphrase); `None` when the phone asks for the
    /// passphrase or secret.
    pub one_time: Option<String>,
}

/// A hand-over this page was opened with: sealed and waiting for its
/// passphrase, or read and previewed, waiting for the client's word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Incoming {
    /// None.
    #[default]
    None,
    /// Sealed: asks for the passphrase (`wrong`: the last one did not fit).
    Passphrase {
        /// The sealed hand-over.
        frame: Rc<Frame>,
        /// The passphrase tried last did not open it.
        wrong: bool,
    },
    /// Read: the preview is shown. A sealed one keeps the key that opened
    /// it, so it is stored encrypted here too (the same passphrase).
    Preview(Rc<Received>, Option<SealKey>),
}

/// The whole UI state of one mounted widget.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// File downloads and import are offered (on a shared screen only when
    /// the host turned them on; the hand-over replaces them).
    pub downloads: bool,
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
    /// The client put aside the card about keeping the history safe (at
    /// this time).
    NudgeAside(crate::core::time::Timestamp),
    /// A profile was opened, with its history and any unfinished check.
    Opened {
        /// Its code.
        profile: String,
        /// Its history, or why it could not be read.
        doc: Result<Document, StorageError>,
        /// An unfinished check kept from before.
        draft: Option<Draft>,
        /// Keys of unreadable earlier text kept in clear for it.
        clear_copies: Vec<String>,
        /// Whether the client last chose to see the summary after saving
        /// (kept beside the history, personal devices only).
        summary: Option<bool>,
        /// When the client last put aside the card about keeping the
        /// history safe (personal devices only).
        nudge: Option<crate::core::time::Timestamp>,
    },
    /// The profiles kept here, for the code screen.
    Profiles(Vec<String>),
    /// A clear copy of unreadable text (its key) was removed.
    CopyRemoved(String),
    /// The clear copies of unreadable text kept for this profile, re-read.
    ClearCopies(Vec<String>),
    /// An import moved on: a file was read, previewed, or put aside.
    Import(Import),
    /// The hand-over code is ready (or put away).
    Give(Option<Rc<Outgoing>>),
    /// A hand-over moved on: waiting for its passphrase, or previewed.
    Incoming(Incoming),
    /// A hand-over was added: the history as stored, and the key it is
    /// now sealed with when it came protected to an unprotected history;
    /// or why it could not be stored (the preview stays).
    HandedOver {
        /// The stored history, or why not.
        result: Result<Document, StorageError>,
        /// The key protection was turned on with, if it was.
        key: Option<SealKey>,
        /// Sessions not here before.
        new: usize,
    },
    /// The client put the hand-over aside.
    DeclineHandover,
    /// The browser said whether it keeps this site's storage.
    Persisted(bool),
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
    /// The client closed the message shown.
    Dismiss,
    /// Next from the current step, or Save on the last: these scales (ids)
    /// are still unrated. Said on the step; focus goes to the first.
    Unrated(Vec<String>),
    /// Go to the scales step and focus this scale (a link from a message
    /// or the review).
    FixScale(String),
    /// The new goal as typed.
    NewGoal(String),
    /// A goal's new wording as typed (`None`: the editor closed).
    GoalEdit(GoalId, Option<String>),
    /// The client will write a first goal later: on to this step.
    FirstGoalLater(CheckStep),
    /// Goal changes were stored (or not, and why), after which the check
    /// moves on to `then` either way.
    GoalsStored {
        /// The history after the change, or why it could not be stored.
        result: Result<Document, StorageError>,
        /// The typed new goal was the change: clear the field once stored.
        added: bool,
        /// A goal's typed wording was the change: close its editor once stored.
        reworded: Option<GoalId>,
        /// The step to move on to, stored or not.
        then: Option<CheckStep>,
    },
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
    /// Shared mode: from the hand-back screen to the neutral start.
    Neutral,
    /// Shared mode: the code screen asks this.
    Gate(Gate),
    /// Shared mode: a sealed profile was opened (or started) with its code
    /// and secret.
    Vault {
        /// The code typed.
        code: String,
        /// Its storage name, derived from code and secret.
        name: String,
        /// The key, kept in memory while the profile is open.
        key: SealKey,
        /// Its history (empty for a new profile).
        doc: Document,
        /// Its secret, kept while it is open.
        secret: Secret,
    },
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

/// What an action does besides its own change. Decided for every action in
/// one exhaustive `match` ([`Action::flags`]), so the compiler asks about
/// each new variant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Starts a new epoch: slow work started before is stale.
    pub new_epoch: bool,
    /// Changes the check being filled in (so the draft is kept).
    pub edits_draft: bool,
    /// Moves focus to the heading of what is shown next.
    pub moves_focus: bool,
    /// Ends slow work (its result, or the profile going away).
    pub ends_busy: bool,
}

const NONE: Flags = Flags {
    new_epoch: false,
    edits_draft: false,
    moves_focus: false,
    ends_busy: false,
};
const EDITS: Flags = Flags {
    edits_draft: true,
    ..NONE
};
const FOCUS: Flags = Flags {
    moves_focus: true,
    ..NONE
};
const RESULT: Flags = Flags {
    ends_busy: true,
    ..NONE
};
const RESULT_FOCUS: Flags = Flags {
    moves_focus: true,
    ends_busy: true,
    ..NONE
};
const NEW_PERSON: Flags = Flags {
    new_epoch: true,
    moves_focus: true,
    ends_busy: true,
    ..NONE
};

impl Action {
    /// What this action does besides its own change. No `_` arm: a new
    /// action must say.
    pub fn flags(&self) -> Flags {
        match self {
            Action::Rate(..)
            | Action::RateGoal(..)
            | Action::Outcome(..)
            | Action::NextStep(..)
            | Action::Comment(_)
            | Action::NewGoal(_)
            | Action::GoalEdit(..) => EDITS,
            Action::ShowSummary(_)
            | Action::NudgeAside(_)
            | Action::Page(_)
            | Action::Busy(_)
            | Action::Profiles(_)
            | Action::CopyRemoved(_)
            | Action::ClearCopies(_)
            | Action::Dismiss
            | Action::AskDelete(Some(_))
            // Unwrapped before the flags are read.
            | Action::Late(..) => NONE,
            Action::Unrated(_) => NONE,
            Action::GoTo(_)
            | Action::FixScale(_)
            | Action::FirstGoalLater(_)
            | Action::Show(_)
            | Action::DiscardDraft
            | Action::Correct(_)
            | Action::AskDelete(None)
            | Action::Start => FOCUS,
            // Putting an import or a hand-over aside is no result of slow work.
            Action::Import(Import::None)
            | Action::Incoming(Incoming::None)
            | Action::Give(None)
            | Action::Persisted(_) => NONE,
            Action::Give(Some(_)) => RESULT,
            // The hand-over is why the page was opened: its panel's heading
            // takes the focus, and after it the screen it leads to.
            Action::Incoming(_) | Action::HandedOver { .. } => RESULT_FOCUS,
            Action::DeclineHandover => FOCUS,
            Action::Notify(_)
            | Action::Protected { .. }
            | Action::Reloaded(_)
            | Action::Import(_) => RESULT,
            Action::Saved { .. }
            | Action::Changed(..)
            | Action::Unlocked { .. }
            | Action::GoalsStored { .. } => RESULT_FOCUS,
            // From a button, or as the result of an attempt to open.
            Action::Gate(_) => RESULT_FOCUS,
            Action::Opened { .. }
            | Action::Vault { .. }
            | Action::CloseProfile
            | Action::HandBack
            | Action::Neutral => NEW_PERSON,
            Action::IdleReset => Flags {
                moves_focus: false,
                ..NEW_PERSON
            },
        }
    }
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
            downloads: !shared,
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
        }
    }

    /// This state with the profile closed: nothing of it is kept (the epoch
    /// and the focus counter go on).
    fn closed(&self) -> State {
        State {
            epoch: self.epoch,
            focus: self.focus,
            // The host's choice, not the profile's.
            downloads: self.downloads,
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
            show_summary: !self.shared && self.summary_pref.unwrap_or(true),
            ..Draft::default()
        }
    }

    /// The summary choice this check's save remembers: the client's own
    /// choice, made in a new check on their own device (`None` otherwise).
    pub fn summary_to_remember(&self) -> Option<bool> {
        (self.summary_touched && self.draft.editing.is_none() && !self.shared)
            .then_some(self.draft.show_summary)
    }

    /// Pages in the history table.
    pub fn pages(&self) -> usize {
        self.doc.records.len().div_ceil(PAGE_SIZE).max(1)
    }

    /// Whether the first-goal guide should be shown in the goal step.
    pub fn wants_first_goal(&self) -> bool {
        self.instrument.goals.is_some()
            && !self.doc.goal_intro_done
            && self.doc.goals.is_empty()
            && !self.draft.first_goal_later
    }

    /// Whether this check has a goals step: a new check of an instrument
    /// with goals, when there are goals to rate or a first one to write.
    pub fn asks_goals(&self) -> bool {
        self.instrument.goals.is_some()
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
        self.instrument
            .goals
            .as_ref()
            .map_or(crate::core::goals::MAX_ACTIVE, |g| {
                usize::from(g.max_active)
            })
    }
}
