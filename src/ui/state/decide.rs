//! Decisions the effects used to make: what Next means on each step,
//! whether the check can be saved (and what to say if not), how what the
//! client did in the pre-rendered first screen carries over, and how a
//! hand-over is sealed.
//! Plain functions of the state, tested natively; `Effects` carries out
//! what they decide. Tests: `state/tests.rs`.

use std::rc::Rc;

use yew::Reducible;

use super::{Action, Notice, Screen, State};
use crate::core::document::Change;
use crate::core::draft::CheckStep;
use crate::core::errors::StorageError;
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordError};
use crate::core::time::Timestamp;

/// A button pressed in the pre-rendered first screen while the widget was
/// on its way (`data-ac-intent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Next, under the scales.
    Next,
    /// Start, on a shared screen's neutral start.
    Start,
    /// History, in the sections.
    History,
    /// My goals, in the sections.
    Goals,
}

impl Intent {
    /// The intent a first screen's `data-ac-intent` names.
    pub fn parse(word: &str) -> Option<Intent> {
        match word {
            "next" => Some(Intent::Next),
            "start" => Some(Intent::Start),
            "history" => Some(Intent::History),
            "goals" => Some(Intent::Goals),
            _ => None,
        }
    }
}

/// How a hand-over to the client's phone is sealed (`Effects::give`
/// carries it out). Every hand-over is sealed: the link alone reveals
/// nothing wherever it lingers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sealing {
    /// A shared device's profile, opened with its secret moments ago: a
    /// fresh key from that secret (the phone asks for it; the tablet asks
    /// nothing more).
    Secret(super::Secret),
    /// A history that is not protected: a one-time code, shown beside the
    /// QR code.
    OneTime,
    /// A protected history: the passphrase typed, checked against the
    /// stored history (with its key derivation) first, then a fresh key
    /// from it.
    Passphrase(crate::core::envelope::Kdf, super::Secret),
}

impl Sealing {
    /// The sealing for a history protected with `protected` (its key
    /// derivation; `None`: not protected), with the `passphrase` the client
    /// typed, on a shared device whose profile was opened with `secret`.
    /// A protected history on the client's own device needs its passphrase:
    /// `None` without it.
    pub fn decide(
        protected: Option<crate::core::envelope::Kdf>,
        passphrase: Option<String>,
        secret: Option<&super::Secret>,
    ) -> Option<Sealing> {
        let shared = secret.is_some();
        let passphrase = passphrase
            .map(super::Secret::new)
            .or_else(|| secret.cloned());
        match (protected, passphrase) {
            (Some(_), Some(secret)) if shared => Some(Sealing::Secret(secret)),
            (None, _) => Some(Sealing::OneTime),
            (Some(_), None) => None,
            (Some(kdf), Some(passphrase)) => Some(Sealing::Passphrase(kdf, passphrase)),
        }
    }
}

impl State {
    /// A shared screen's start, end and hand-back show nothing of the
    /// client.
    pub fn is_neutral(&self) -> bool {
        self.setup.shared
            && matches!(
                self.screen,
                Screen::Start | Screen::Saved { .. } | Screen::HandedBack
            )
    }

    /// The tab the navigation marks as current, or `None` when there is no
    /// navigation: before a profile is open, on a shared screen's neutral
    /// screens, and while the history is locked.
    pub fn tab(&self) -> Option<Screen> {
        let hidden = self.profile.is_none()
            || self.is_neutral()
            || self.protection == super::Protection::Locked;
        let here = match self.screen {
            Screen::History => Screen::History,
            Screen::Goals => Screen::Goals,
            _ => Screen::Check,
        };
        (!hidden).then_some(here)
    }

    /// The profile code the header names: only where profiles have codes,
    /// and never on a shared screen's neutral screens.
    pub fn named_profile(&self) -> Option<&str> {
        self.profile
            .as_deref()
            .filter(|_| self.setup.codes && !self.is_neutral())
    }
}

/// What Next does on the current step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextMove {
    /// The last step: save the check.
    Save,
    /// Go to this step.
    To(CheckStep),
    /// Stay on the scales and name these unrated ones.
    Unrated(Vec<String>),
    /// A goal typed but not added: add it, and stay to ask its progress.
    AddGoal(String),
}

impl State {
    /// The record this check saves at `at` (its id drawn from `entropy`)
    /// and the changes to the history with it, or the message to show
    /// instead: scales unrated, a comment too long (`Effects::save` writes
    /// it).
    pub fn to_save(
        &self,
        at: Timestamp,
        entropy: u64,
    ) -> Result<(Record, Vec<Change>), Box<Notice>> {
        let done = self
            .draft
            .complete(&self.setup.instrument, &self.doc.goals, at, entropy);
        done.map_err(|e| {
            Box::new(match e {
                RecordError::Unrated(ids) => Notice::Unrated(ids),
                RecordError::CommentTooLong(max) => Notice::CommentTooLong(max),
                e @ RecordError::UnknownScale(_) => {
                    Notice::SaveFailed(StorageError::Other(e.to_string()))
                }
            })
        })
    }

    /// Whether the card about keeping the history safe belongs on the
    /// screen after saving: on the client's own device, where files can be
    /// had and what is saved outlives the page, right after the first save
    /// and again when the last copy is old, unless put aside lately.
    pub fn nudge_due(&self, now: Timestamp) -> bool {
        let kept = matches!(self.screen, Screen::Saved { kept: true, .. });
        !self.setup.shared
            && self.setup.downloads
            && kept
            && self.doc.backup_nudge_due(now, self.nudge_put_aside)
    }

    /// What Next means now (`Effects::next` carries it out).
    pub fn next_move(&self) -> NextMove {
        match self.draft.step {
            CheckStep::Review => NextMove::Save,
            CheckStep::Scales => self.past_the_scales(),
            CheckStep::Goals if !self.draft.new_goal.trim().is_empty() => {
                NextMove::AddGoal(self.draft.new_goal.clone())
            }
            CheckStep::Goals => NextMove::To(self.step_moved(1)),
        }
    }

    /// On from the scales if every one is rated, else the unrated ones.
    fn past_the_scales(&self) -> NextMove {
        let unrated: Vec<String> = self
            .draft
            .unrated(&self.setup.instrument)
            .into_iter()
            .map(str::to_string)
            .collect();
        if unrated.is_empty() {
            NextMove::To(self.step_moved(1))
        } else {
            NextMove::Unrated(unrated)
        }
    }

    /// The state once what the client did in the first screen is carried
    /// over: the scales set (of this instrument only) — on the scales
    /// step, where they are, also when only a number was `typed` that is
    /// not a rating yet — then a button pressed while waiting, as if
    /// pressed now. Without one, focus stays where it is (never taken from
    /// the host page).
    pub fn carry_over(
        self: Rc<Self>,
        ratings: &[(String, Rating)],
        typed: bool,
        intent: Option<Intent>,
    ) -> Rc<State> {
        let mut s = self;
        if (typed || !ratings.is_empty()) && s.screen == Screen::Check {
            s = s.reduce(Action::GoTo(CheckStep::Scales));
            for (id, rating) in ratings {
                if s.setup.instrument.scale(id).is_some() {
                    s = s.reduce(Action::Rate(id.clone(), *rating));
                }
            }
        }
        let action = match (intent, &s.screen) {
            (Some(Intent::Start), Screen::Start) => Action::Start,
            (Some(Intent::History), Screen::Check) => Action::Show(Screen::History),
            (Some(Intent::Goals), Screen::Check) => Action::Show(Screen::Goals),
            (Some(Intent::Next), Screen::Check) => match s.past_the_scales() {
                NextMove::Unrated(ids) => Action::Unrated(ids),
                NextMove::To(step) => Action::GoTo(step),
                _ => unreachable!("past_the_scales moves on or names scales"),
            },
            _ => {
                let mut quiet = (*s).clone();
                quiet.focus = 0;
                return Rc::new(quiet);
            }
        };
        s.reduce(action)
    }
}
