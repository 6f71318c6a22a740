//! Every change to the state ([`Action`]), and what each does besides its
//! own change ([`Flags`]), decided in one exhaustive `match`.

use std::rc::Rc;

use crate::core::document::{Change, Document};
use crate::core::draft::{CheckStep, Draft};
use crate::core::errors::StorageError;
use crate::core::goals::GoalId;
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordId, StepOutcome};
use crate::crypto::SealKey;
use crate::ui::state::{
    Gate, Import, Incoming, Notice, Outgoing, ProtectionChange, Screen, Secret, Stamp,
};

/// Every change to [`State`](super::State).
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
    /// Next on the current step, or Save on the last (the reducer decides
    /// which: unrated scales are named, a goal typed is added first).
    Next(Stamp),
    /// Back to the step before.
    Back,
    /// Add the goal typed, then move on to the step, if given.
    AddGoal {
        /// The goal's wording.
        text: String,
        /// The step to move on to, stored or not.
        then: Option<CheckStep>,
        /// When, and randomness for its id.
        stamp: Stamp,
    },
    /// Store the wording typed for a goal (at this time).
    RewordGoal(GoalId, String, crate::core::time::Timestamp),
    /// Apply changes to the history; once stored, show the notice.
    Change(Vec<Change>, Option<Notice>),
    /// The commands up to this number have run (see [`Outbox`](super::Outbox)).
    Ran(u64),
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
    /// A language chosen in the menu could not be loaded (its own name), or
    /// (`None`) was switched to: an earlier "could not be loaded" goes.
    Language(Option<String>),
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
            // What these lead to carries its own flags (`State::act`), or
            // they start a write whose result does.
            | Action::Next(_)
            | Action::Back
            | Action::AddGoal { .. }
            | Action::RewordGoal(..)
            | Action::Change(..)
            | Action::Ran(_)
            | Action::NudgeAside(_)
            | Action::Page(_)
            | Action::Busy(_)
            | Action::Profiles(_)
            | Action::CopyRemoved(_)
            | Action::ClearCopies(_)
            | Action::Dismiss
            | Action::Language(_)
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
            // "A first goal later" stored: nothing on screen changes, so
            // the focus stays where the client is (in the comment, perhaps).
            Action::GoalsStored {
                added: false,
                reworded: None,
                then: None,
                ..
            } => RESULT,
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
