//! The profile and its history: opened, unlocked, re-read, protected,
//! handed back.

use std::rc::Rc;

use crate::core::document::Document;
use crate::core::draft::Draft;
use crate::core::errors::{CryptoError, StorageError};
use crate::crypto::SealKey;
use crate::ui::state::{
    Action, Gate, Import, Notice, Protection, ProtectionChange, Screen, Secret, State,
};

impl State {
    /// A profile was opened ([`Action::Opened`]; any other action is
    /// ignored).
    pub(super) fn opened(&mut self, opened: Action) {
        let Action::Opened {
            profile,
            doc,
            draft,
            clear_copies,
            summary,
            nudge,
        } = opened
        else {
            return;
        };
        self.summary_pref = summary;
        self.nudge_put_aside = nudge;
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
        self.screen = if self.setup.shared && !self.setup.codes {
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

    /// A sealed profile of a shared device, opened with its code and secret.
    pub(super) fn vault_opened(
        &mut self,
        code: String,
        name: String,
        key: SealKey,
        doc: Document,
        secret: Secret,
    ) {
        *self = self.closed();
        self.secret = Some(secret);
        self.profile = Some(code);
        self.vault = Some(name);
        self.protection = Protection::Open(key);
        self.doc = Rc::new(doc);
        self.draft = self.fresh_draft();
        self.screen = Screen::Check;
    }

    pub(super) fn unlocked(&mut self, key: SealKey, doc: Document, draft: Option<Draft>) {
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

    pub(super) fn start(&mut self) {
        self.screen = if self.profile.is_some() {
            self.open_screen()
        } else {
            Screen::Profile
        };
        self.gate = Gate::Open;
        self.notice = None;
    }

    /// The client gave the screen back: nothing of theirs stays, and with
    /// codes the screen says it is ready for the next person.
    pub(super) fn handed_back(&mut self) {
        self.hand_back();
        if self.setup.codes {
            self.screen = Screen::HandedBack;
        }
    }

    /// Nothing of this client stays on screen or in memory: the draft is
    /// discarded (the next person must not see it), the profile closed when
    /// codes are used, a protected history locked again.
    pub(super) fn hand_back(&mut self) {
        if self.setup.codes {
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
    pub(super) fn reloaded(&mut self, result: Result<Document, StorageError>) {
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

    pub(super) fn protected(
        &mut self,
        key: Option<SealKey>,
        doc: Document,
        change: ProtectionChange,
    ) {
        self.protection = key.map_or(Protection::Off, Protection::Open);
        self.doc = Rc::new(doc);
        self.notice = Some(Notice::Protection(change));
    }
}
