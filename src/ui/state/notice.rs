//! The messages the state shows: one [`Notice`] at a time, until the next
//! action.

use crate::core::document::ChangeError;
use crate::core::errors::StorageError;
use crate::core::export::ImportError;
use crate::core::handover::HandoverError;
use crate::core::record::Record;

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
    /// A language chosen in the menu could not be loaded (its own name):
    /// the widget stays in the language it was in.
    LanguageUnavailable(String),
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
