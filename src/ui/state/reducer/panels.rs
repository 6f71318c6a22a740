//! The screens and panels around the check: navigation, the door of a
//! shared screen, import, hand-over, changes to the history.

use std::rc::Rc;

use crate::core::document::Document;
use crate::core::errors::StorageError;
use crate::core::export::preview;
use crate::crypto::SealKey;
use crate::ui::state::{Gate, Import, Incoming, Notice, Protection, Screen, State};

impl State {
    pub(super) fn language(&mut self, unavailable: Option<String>) {
        match unavailable {
            Some(name) => self.notice = Some(Notice::LanguageUnavailable(name)),
            // Switched after all: the earlier failure is no longer true.
            None if matches!(self.notice, Some(Notice::LanguageUnavailable(_))) => {
                self.notice = None
            }
            None => {}
        }
    }

    pub(super) fn show(&mut self, screen: Screen) {
        if screen != self.screen {
            self.import = Import::None;
            self.give = None;
        }
        self.screen = screen;
        self.notice = None;
        self.confirm_delete = None;
    }

    pub(super) fn gate(&mut self, gate: Gate) {
        self.gate = gate;
        self.notice = None;
    }

    pub(super) fn import(&mut self, stage: Import) {
        match &stage {
            Import::None => {}
            Import::Passphrase(_) => self.notice = Some(Notice::ImportNeedsPassphrase),
            Import::Preview(_) => self.notice = Some(Notice::ImportReady),
        }
        self.import = stage;
    }

    pub(super) fn incoming(&mut self, incoming: Incoming) {
        // Its own messages are in its panel.
        if matches!(self.notice, Some(Notice::HandoverFailed(_))) {
            self.notice = None;
        }
        self.incoming = incoming;
    }

    pub(super) fn handed_over(
        &mut self,
        result: Result<Document, StorageError>,
        key: Option<SealKey>,
        new: usize,
    ) {
        match result {
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
        }
    }

    pub(super) fn decline_handover(&mut self) {
        // Closing one that holds nothing new declines nothing.
        let nothing_new = match &self.incoming {
            Incoming::Preview(received, _) => preview(&self.doc, &received.doc).changes_nothing(),
            _ => false,
        };
        self.incoming = Incoming::None;
        self.notice = (!nothing_new).then_some(Notice::HandoverDeclined);
    }

    pub(super) fn changed(&mut self, doc: Document, notice: Option<Notice>) {
        self.doc = Rc::new(doc);
        self.notice = notice;
        self.confirm_delete = None;
        self.page = self.page.min(self.pages() - 1);
    }

    pub(super) fn copy_removed(&mut self, key: String) {
        self.clear_copies.retain(|k| *k != key);
        self.notice = Some(Notice::ClearCopyRemoved);
    }
}
