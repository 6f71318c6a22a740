//! Files: the downloads ("Your copy" in JSON, CSV, FHIR, encrypted; the
//! rescue copy after a failed save; a quarantined text as it was), the
//! printed summary, and reading a file to import.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::download::download;
use super::Effects;
use crate::core::csv::{to_csv, CsvTitles};
use crate::core::document::{Change, Document};
use crate::core::envelope::{Content, Envelope, EnvelopeError};
use crate::core::events::exported_detail;
use crate::core::export::{export_json, file_name, parse_import, ImportError, MAX_IMPORT_BYTES};
use crate::core::fhir::{fhir_bundle, text_language, FhirTitles};
use crate::crypto::{self, CryptoError, SealKey};
use crate::i18n::Texts;
use crate::ui::context::Ui;
use crate::ui::events::emit;
use crate::ui::now;
use crate::ui::state::{Action, AfterWrite, Import, Notice, State};

/// Which kind of file to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The complete, re-importable JSON export.
    Json,
    /// One row per session for a spreadsheet.
    Csv,
    /// HL7 FHIR R4: a Questionnaire and one QuestionnaireResponse per
    /// session, for clinical systems.
    Fhir,
}

impl Format {
    /// The name host events give this format.
    fn kind(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Fhir => "fhir",
        }
    }
}

/// The CSV column titles in the reader's language.
fn csv_titles(ui: &Ui) -> CsvTitles {
    CsvTitles {
        date: ui.t("csv.date"),
        time_utc: ui.t("csv.time"),
        instrument: ui.t("csv.instrument"),
        goal_prefix: ui.t("csv.goal"),
        comment: ui.t("csv.comment"),
        step_prefix: ui.t("csv.step"),
        outcomes: [
            ui.t("goals.step.done"),
            ui.t("goals.step.partly"),
            ui.t("goals.step.not_done"),
        ],
    }
}

/// The FHIR export's own words, in the language of its instrument texts.
fn fhir_titles(texts: &Texts) -> FhirTitles {
    FhirTitles {
        title: texts.t("widget.title").into(),
        low_prefix: texts.t("scale.low_prefix").into(),
        high_prefix: texts.t("scale.high_prefix").into(),
        goal_progress: texts.t("goals.progress_label").into(),
        progress_low: texts.t("goals.progress_low").into(),
        progress_high: texts.t("goals.progress_high").into(),
        step: texts.t("fhir.step").into(),
        outcomes: [
            texts.t("goals.step.done").into(),
            texts.t("goals.step.partly").into(),
            texts.t("goals.step.not_done").into(),
        ],
    }
}

/// Makes the file of `doc` in `format` and offers it under `parent`;
/// returns the file name.
fn offer(
    ui: &Ui,
    state: &State,
    doc: &Document,
    format: Format,
    parent: &web_sys::Element,
) -> Result<String, String> {
    let profile = state.file_label();
    let at = now();
    let (name, mime, text) = match format {
        Format::Csv | Format::Fhir if !cfg!(feature = "exports") => return Err(String::new()),
        Format::Json => (
            file_name(profile, at, "json"),
            "application/json",
            export_json(doc, profile, at),
        ),
        Format::Csv => (
            file_name(profile, at, "csv"),
            "text/csv;charset=utf-8",
            to_csv(doc, &state.setup.instrument, &ui.lang, &csv_titles(ui)),
        ),
        Format::Fhir => {
            let language = text_language(&state.setup.instrument, &ui.lang, &ui.fallback);
            let titles = fhir_titles(&Texts::new(language));
            (
                file_name(profile, at, "fhir.json"),
                "application/fhir+json",
                fhir_bundle(
                    doc,
                    &state.setup.instrument,
                    language,
                    &ui.fallback,
                    &titles,
                    at,
                ),
            )
        }
    };
    download(parent, &name, mime, &text)?;
    Ok(name)
}

/// Makes the encrypted export of `doc` (sealed with `key`, the open
/// profile's key) and offers it; returns the file name.
async fn offer_sealed(
    profile: &str,
    doc: &Document,
    key: &SealKey,
    parent: &web_sys::Element,
) -> Result<String, String> {
    let at = now();
    let plain = export_json(doc, profile, at);
    let envelope = crypto::seal(key, Content::Export, plain.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let name = file_name(profile, at, "encrypted.json");
    download(parent, &name, "application/json", &envelope.to_json())?;
    Ok(name)
}

/// An encrypted file's problem in the terms of an import.
fn envelope_error(e: EnvelopeError) -> ImportError {
    match e {
        EnvelopeError::NotJson(reason) => ImportError::NotJson(reason),
        EnvelopeError::NotSealed => ImportError::NotAnExport,
        EnvelopeError::NewerVersion(v) => ImportError::NewerSchema(v),
        other => ImportError::Invalid(other.to_string()),
    }
}

/// Reads a chosen file: an encrypted copy waits for its passphrase, a plain
/// one is checked and previewed.
async fn read_import(file: web_sys::File) -> Action {
    let text = JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string());
    let Some(text) = text else {
        return Action::Notify(Notice::ReadFailed);
    };
    if Envelope::is_sealed(&text) {
        return match Envelope::from_json(&text, Content::Export) {
            Ok(envelope) => Action::Import(Import::Passphrase(Rc::new(envelope))),
            Err(e) => Action::Notify(Notice::ImportFailed(envelope_error(e))),
        };
    }
    match parse_import(&text, crate::ui::now()) {
        Ok(doc) => Action::Import(Import::Preview(Rc::new(doc))),
        Err(e) => Action::Notify(Notice::ImportFailed(e)),
    }
}

/// Opens an encrypted export with `passphrase` and checks what is inside.
async fn open_sealed_file(envelope: Rc<Envelope>, passphrase: String) -> Action {
    let opened = async {
        let key = crypto::derive(&passphrase, envelope.kdf.clone())
            .await
            .map_err(|e| Notice::ImportFailed(ImportError::Invalid(e.to_string())))?;
        let bytes = crypto::open(&key, &envelope).await.map_err(|e| match e {
            CryptoError::WrongPassphrase => Notice::WrongPassphrase,
            other => Notice::ImportFailed(ImportError::Invalid(other.to_string())),
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|e| Notice::ImportFailed(ImportError::Invalid(e.to_string())))?;
        parse_import(&text, crate::ui::now()).map_err(Notice::ImportFailed)
    };
    match opened.await {
        Ok(doc) => Action::Import(Import::Preview(Rc::new(doc))),
        Err(notice) => Action::Notify(notice),
    }
}

impl Effects {
    /// After a download was offered (or could not be): tell the host page
    /// and record the date (for the reminder), or say why it failed.
    fn downloaded(&self, format: Format, offered: Result<String, String>) {
        match offered {
            Ok(name) => {
                if let Some(root) = self.element() {
                    let detail = exported_detail(format.kind(), self.state.doc.records.len());
                    emit(&root, "alliance-check:exported", &detail);
                }
                let notice = Some(Notice::Downloaded(name));
                self.dispatch(Action::Change(vec![Change::Exported(now())], notice));
            }
            Err(reason) => self.dispatch(Action::Notify(Notice::DownloadFailed(reason))),
        }
    }

    /// Downloads the open history as `format`.
    pub fn export(&self, format: Format) {
        let Some(parent) = self.element() else {
            return;
        };
        let offered = offer(&self.ui, &self.state, &self.state.doc, format, &parent);
        self.downloaded(format, offered);
    }

    /// Downloads the open, protected history encrypted with its key.
    pub fn export_sealed(&self) {
        let (Some(parent), Some(key)) = (self.element(), self.state.protection.key().cloned())
        else {
            return;
        };
        let profile = self
            .state
            .profile
            .clone()
            .unwrap_or_else(|| "default".into());
        let (doc, write) = (
            self.state.doc.clone(),
            self.write(vec![Change::Exported(now())]),
        );
        let sessions = doc.records.len();
        self.run(async move {
            match offer_sealed(&profile, &doc, &key, &parent).await {
                Ok(name) => {
                    emit(
                        &parent,
                        "alliance-check:exported",
                        &exported_detail("json", sessions),
                    );
                    AfterWrite::Changed(Some(Notice::Downloaded(name))).result(write.await, false)
                }
                Err(reason) => Action::Notify(Notice::DownloadFailed(reason)),
            }
        });
    }

    /// After a failed save: downloads the history together with the check
    /// that could not be saved, so nothing is lost even with storage full.
    /// A protected history is rescued encrypted, like it is stored.
    pub fn rescue(&self) {
        let Some(parent) = self.element() else {
            return;
        };
        let state = &self.state;
        let with_check = state
            .draft
            .complete(
                &state.setup.instrument,
                &state.doc.goals,
                now(),
                crate::ui::entropy(),
            )
            .ok()
            .and_then(|(_, changes)| state.doc.apply(&changes).ok())
            .unwrap_or_else(|| (*state.doc).clone());
        if let Some(key) = state.protection.key().cloned() {
            let profile = state.file_label().to_string();
            self.finish(async move {
                let offered = offer_sealed(&profile, &with_check, &key, &parent).await;
                offered
                    .err()
                    .map(|reason| Action::Notify(Notice::DownloadFailed(reason)))
            });
        } else if let Err(reason) = offer(&self.ui, state, &with_check, Format::Json, &parent) {
            self.dispatch(Action::Notify(Notice::DownloadFailed(reason)));
        }
    }

    /// Downloads the unreadable text kept under a quarantine key, as it was.
    pub fn download_copy(&self, key: &str) {
        let (Some(parent), Some(text)) = (self.element(), self.store.read_quarantine(key)) else {
            return;
        };
        let profile = self.state.profile.clone().unwrap_or_default();
        let name = format!("alliance-check-{profile}-unreadable-{}.txt", now().date());
        if let Err(reason) = download(&parent, &name, "text/plain;charset=utf-8", &text) {
            self.dispatch(Action::Notify(Notice::DownloadFailed(reason)));
        }
    }

    /// Opens the browser's print dialog. The print stylesheet makes the
    /// report; while the dialog is open the widget's root is marked
    /// `ac--printing`, so the host page around it is left off the paper.
    pub fn print(&self) {
        let Some(w) = web_sys::window() else {
            return;
        };
        if let Some(root) = self.element() {
            let _ = root.class_list().add_1("ac--printing");
            // Removed once printing is over: `print()` returns at once in
            // some mobile browsers, before the page is laid out for paper.
            let done = Closure::once_into_js(move || {
                let _ = root.class_list().remove_1("ac--printing");
            });
            let once = web_sys::AddEventListenerOptions::new();
            once.set_once(true);
            let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
                "afterprint",
                done.unchecked_ref(),
                &once,
            );
        }
        let _ = w.print();
    }

    /// Reads a file the client chose to import; too large a file is refused
    /// before it is read.
    pub fn read_file(&self, file: web_sys::File) {
        if !cfg!(feature = "import") {
            return;
        }
        let size = file.size() as usize;
        if size > MAX_IMPORT_BYTES {
            let refused = ImportError::TooLarge(size);
            return self.dispatch(Action::Notify(Notice::ImportFailed(refused)));
        }
        self.dispatch(Action::Import(Import::None));
        self.finish(async move { Some(read_import(file).await) });
    }

    /// Opens the encrypted file waiting for its passphrase.
    pub fn open_file(&self, passphrase: String) {
        if !cfg!(feature = "import") {
            return;
        }
        if let Import::Passphrase(envelope) = &self.state.import {
            self.run(open_sealed_file(envelope.clone(), passphrase));
        }
    }

    /// Merges the previewed import into the history; `new` is the number
    /// of new sessions the preview counted.
    pub fn import(&self, new: usize, removed: usize) {
        let Import::Preview(incoming) = &self.state.import else {
            return;
        };
        let changes = vec![Change::Import((**incoming).clone())];
        self.dispatch(Action::Import(Import::None));
        self.dispatch(Action::Change(
            changes,
            Some(Notice::Imported { new, removed }),
        ));
    }

    /// Drops the import waiting for confirmation or a passphrase.
    pub fn cancel_import(&self) {
        self.dispatch(Action::Import(Import::None));
    }
}
