//! What the reducer asks the effects to do ([`Command`]): the reducer
//! decides (validation, the step, what to write and what follows), the
//! effects carry it out (storage, the host's events) and report the result
//! as an [`Action`] ([`AfterWrite::result`]).
//!
//! Yew's reducer returns only a state, so the commands an action decides
//! wait in the state's [`Outbox`]; the root runs each once after the render
//! that shows them (`effects::use_commands`) and then trims them
//! ([`Action::Ran`]). Tests: `state/tests.rs`.

use std::rc::Rc;

use super::{Action, Notice, Protection};
use crate::core::document::{Change, Document};
use crate::core::draft::CheckStep;
use crate::core::errors::StorageError;
use crate::core::goals::GoalId;
use crate::core::record::Record;
use crate::core::time::Timestamp;

/// When the client acted, and fresh randomness for the ids a record or a
/// goal gets. Taken by the component (the reducer reads no clock), so the
/// reducer stays a plain function of its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// When.
    pub at: Timestamp,
    /// Random bits for a new id.
    pub entropy: u64,
}

/// One piece of I/O the reducer decided on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Apply `changes` to the history stored as `profile` (the one write
    /// path; sealed with the key when protection is open), then report as
    /// `then` says.
    Write {
        /// The storage name of the history.
        profile: String,
        /// Its protection as the change was decided.
        protection: Protection,
        /// What to apply to the freshly read stored history.
        changes: Vec<Change>,
        /// What the result becomes.
        then: Box<AfterWrite>,
    },
    /// Remember the client's choice of seeing the summary after saving.
    RememberSummary {
        /// The storage name of the history.
        profile: String,
        /// Shown or not.
        show: bool,
    },
    /// Remember when the card about keeping the history safe was put aside.
    PutNudgeAside {
        /// The storage name of the history.
        profile: String,
        /// When.
        at: Timestamp,
    },
    /// Throw away the unfinished check kept for `profile`.
    DiscardDraft(String),
}

/// What a write's result becomes, and what is done beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterWrite {
    /// A check was saved: the kept draft goes, the host hears
    /// `alliance-check:saved`, and a shared profile is marked used today.
    Saved {
        /// The record written.
        record: Record,
        /// The profile is a shared device's vault.
        vault: bool,
    },
    /// Goals were added or reworded; the check moves on to `then` whether
    /// or not they could be stored.
    Goals {
        /// The typed new goal was the change.
        added: bool,
        /// A goal's typed wording was the change.
        reworded: Option<GoalId>,
        /// The step to move on to.
        then: Option<CheckStep>,
    },
    /// "A first goal later" was stored; if it could not be, the client is
    /// told, and the guide simply asks again next time.
    GoalIntro,
    /// Any other change to the history, with `notice` once stored.
    Changed(Option<Notice>),
}

impl AfterWrite {
    /// The action for the write's `result`; `kept` says whether storage
    /// outlives the page (for the saved screen).
    pub fn result(self, result: Result<Document, StorageError>, kept: bool) -> Action {
        match (self, result) {
            (AfterWrite::Saved { record, .. }, Ok(doc)) => Action::Saved { doc, record, kept },
            (
                AfterWrite::Goals {
                    added,
                    reworded,
                    then,
                },
                result,
            ) => Action::GoalsStored {
                result,
                added,
                reworded,
                then,
            },
            (AfterWrite::GoalIntro, Err(e)) => Action::Notify(Notice::NotStored(e)),
            (AfterWrite::GoalIntro, Ok(doc)) => Action::GoalsStored {
                result: Ok(doc),
                added: false,
                reworded: None,
                then: None,
            },
            (AfterWrite::Changed(notice), Ok(doc)) => Action::Changed(doc, notice),
            (AfterWrite::Saved { .. } | AfterWrite::Changed(_), Err(e)) => match e {
                StorageError::Refused(e) => Action::Notify(Notice::Refused(e)),
                e => Action::Notify(Notice::SaveFailed(e)),
            },
        }
    }
}

/// A command waiting to be run, with the epoch it was decided in (its
/// result is dropped if the profile changed since, as [`Action::Late`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    /// Its number, counting from 1 in this widget.
    pub serial: u64,
    /// The state's epoch when it was decided.
    pub epoch: u32,
    /// What to do.
    pub command: Command,
}

/// The commands decided and not run yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outbox {
    sent: u64,
    queued: Rc<Vec<Queued>>,
}

impl Outbox {
    /// Queues `command`, decided at `epoch`.
    pub fn send(&mut self, epoch: u32, command: Command) {
        self.sent += 1;
        Rc::make_mut(&mut self.queued).push(Queued {
            serial: self.sent,
            epoch,
            command,
        });
    }

    /// The number of the last command sent (0 before any).
    pub fn last(&self) -> u64 {
        self.sent
    }

    /// The commands after number `ran`, oldest first.
    pub fn after(&self, ran: u64) -> impl Iterator<Item = &Queued> {
        self.queued.iter().filter(move |q| q.serial > ran)
    }

    /// Forgets the commands up to number `ran` (they have run).
    pub fn trim(&mut self, ran: u64) {
        if self.queued.iter().any(|q| q.serial <= ran) {
            Rc::make_mut(&mut self.queued).retain(|q| q.serial > ran);
        }
    }
}

#[cfg(test)]
mod tests;
