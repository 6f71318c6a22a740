//! "Your copy": download the history (JSON, CSV, printed summary) and
//! import a JSON copy with a preview before anything is written.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::core::csv::{to_csv, CsvTitles};
use crate::core::document::{Change, Document};
use crate::core::envelope::{Content, Envelope, EnvelopeError};
use crate::core::events::exported_detail;
use crate::core::export::{
    export_json, file_name, parse_import, preview, ImportError, MAX_IMPORT_BYTES,
};
use crate::core::fhir::fhir_bundle;
use crate::crypto::{self, CryptoError, SealKey};
use crate::ui::context::{use_ui, Ui};
use crate::ui::download::download;
use crate::ui::events::emit;
use crate::ui::now;
use crate::ui::state::{Action, Notice, State};

/// Props of [`DataPanel`].
#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    /// The widget's state.
    pub state: UseReducerHandle<State>,
    /// Commit changes to the history.
    pub on_change: Callback<(Vec<Change>, Option<Notice>)>,
}

/// Which kind of file to make.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The complete, re-importable JSON export.
    Json,
    /// One row per session for a spreadsheet.
    Csv,
    /// HL7 FHIR R4: a Questionnaire and one QuestionnaireResponse per
    /// session, for clinical systems.
    Fhir,
}

/// Makes the file for `doc` and offers it; returns the file name.
pub fn offer(
    ui: &Ui,
    state: &State,
    doc: &Document,
    format: Format,
    parent: &web_sys::Element,
) -> Result<String, String> {
    let profile = state.profile.as_deref().unwrap_or("default");
    let at = now();
    let (name, mime, text) = match format {
        Format::Json => (
            file_name(profile, at, "json"),
            "application/json",
            export_json(doc, profile, at),
        ),
        Format::Csv => {
            let titles = CsvTitles {
                date: ui.t("csv.date"),
                time_utc: ui.t("csv.time"),
                instrument: ui.t("csv.instrument"),
                goal_prefix: ui.t("csv.goal"),
                comment: ui.t("csv.comment"),
            };
            let text = to_csv(doc, &state.instrument, &ui.lang, &titles);
            (
                file_name(profile, at, "csv"),
                "text/csv;charset=utf-8",
                text,
            )
        }
        Format::Fhir => (
            file_name(profile, at, "fhir.json"),
            "application/fhir+json",
            fhir_bundle(doc, &state.instrument, &ui.lang, &ui.fallback, profile, at),
        ),
    };
    download(parent, &name, mime, &text)?;
    Ok(name)
}

/// Downloads the open history as `format`, tells the host page, and
/// records the download date (for the reminder).
pub fn export_now(
    ui: &Ui,
    state: &UseReducerHandle<State>,
    format: Format,
    parent: &web_sys::Element,
    on_change: &Callback<(Vec<Change>, Option<Notice>)>,
) {
    let kind = match format {
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Fhir => "fhir",
    };
    let offered = offer(ui, state, &state.doc, format, parent);
    after_download(state, kind, offered, parent, on_change);
}

/// After a download was offered (or could not be): tell the host page and
/// record the date, or say why it failed.
fn after_download(
    state: &UseReducerHandle<State>,
    kind: &str,
    offered: Result<String, String>,
    parent: &web_sys::Element,
    on_change: &Callback<(Vec<Change>, Option<Notice>)>,
) {
    match offered {
        Ok(name) => {
            let detail = exported_detail(kind, state.doc.records.len());
            emit(parent, "alliance-check:exported", &detail);
            on_change.emit((
                vec![Change::Exported(now())],
                Some(Notice::Downloaded(name)),
            ))
        }
        Err(reason) => state.dispatch(Action::Notify(Notice::DownloadFailed(reason))),
    }
}

/// Makes the encrypted export of `doc` (sealed with `key`, the open
/// profile's key) and offers it; returns the file name.
pub async fn offer_sealed(
    state: &State,
    doc: &Document,
    key: &SealKey,
    parent: &web_sys::Element,
) -> Result<String, String> {
    let profile = state.profile.as_deref().unwrap_or("default");
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

/// Opens an encrypted export with `passphrase` and checks what is inside.
async fn open_sealed_file(envelope: &Envelope, passphrase: &str) -> Result<Document, Notice> {
    let key = crypto::derive(passphrase, envelope.kdf.clone())
        .await
        .map_err(|e| Notice::ImportFailed(ImportError::Invalid(e.to_string())))?;
    let bytes = crypto::open(&key, envelope).await.map_err(|e| match e {
        CryptoError::WrongPassphrase => Notice::WrongPassphrase,
        other => Notice::ImportFailed(ImportError::Invalid(other.to_string())),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Notice::ImportFailed(ImportError::Invalid(e.to_string())))?;
    parse_import(&text).map_err(Notice::ImportFailed)
}

/// Plain words for an import error.
pub fn import_error_text(ui: &Ui, e: &ImportError) -> String {
    let mb = |n: usize| format!("{:.1}", n as f64 / 1_048_576.0);
    match e {
        ImportError::TooLarge(n) => ui.f(
            "import.too_large",
            &[("size", &mb(*n)), ("max", &mb(MAX_IMPORT_BYTES))],
        ),
        ImportError::NotJson(reason) => ui.f("import.not_json", &[("reason", reason)]),
        ImportError::NotAnExport => ui.t("import.not_export"),
        ImportError::NewerSchema(v) => ui.f("import.newer", &[("found", &v.to_string())]),
        ImportError::UnknownSchema(v) => ui.f("import.unknown", &[("found", &v.to_string())]),
        ImportError::Invalid(reason) => ui.f("import.invalid", &[("reason", reason)]),
    }
}

/// Download and import controls, shown under the history.
#[function_component(DataPanel)]
pub fn data_panel(props: &DataPanelProps) -> Html {
    let ui = use_ui();
    let state = &props.state;
    let panel = use_node_ref();
    // An import read and checked, waiting for the client's confirmation.
    let pending = use_state(|| None::<Rc<Document>>);
    // An encrypted file read, waiting for its passphrase.
    let sealed = use_state(|| None::<Rc<Envelope>>);
    let passphrase = use_node_ref();

    let export = |format: Format| {
        let (ui, state, panel, on_change) = (
            ui.clone(),
            state.clone(),
            panel.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(parent) = panel.cast::<web_sys::Element>() {
                export_now(&ui, &state, format, &parent, &on_change);
            }
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let export_sealed = state.protection.key().cloned().map(|key| {
        let (state, panel, on_change) = (state.clone(), panel.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(parent) = panel.cast::<web_sys::Element>() else {
                return;
            };
            let (state, on_change, key) = (state.clone(), on_change.clone(), key.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let offered = offer_sealed(&state, &state.doc, &key, &parent).await;
                after_download(&state, "json", offered, &parent, &on_change);
            });
        })
    });
    let open_file = {
        let (state, pending, sealed, passphrase) = (
            state.clone(),
            pending.clone(),
            sealed.clone(),
            passphrase.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(envelope), Some(input)) = (
                (*sealed).clone(),
                passphrase.cast::<web_sys::HtmlInputElement>(),
            ) else {
                return;
            };
            let typed = input.value();
            if typed.is_empty() {
                return;
            }
            input.set_value("");
            state.dispatch(Action::Busy(true));
            let (state, pending, sealed) = (state.clone(), pending.clone(), sealed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match open_sealed_file(&envelope, &typed).await {
                    Ok(doc) => {
                        sealed.set(None);
                        state.dispatch(state.late(Action::Notify(Notice::ImportReady)));
                        pending.set(Some(Rc::new(doc)));
                    }
                    Err(notice) => state.dispatch(state.late(Action::Notify(notice))),
                }
            });
        })
    };
    let on_file = {
        let (state, pending, sealed) = (state.clone(), pending.clone(), sealed.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let size = file.size() as usize;
            if size > MAX_IMPORT_BYTES {
                state.dispatch(Action::Notify(Notice::ImportFailed(ImportError::TooLarge(
                    size,
                ))));
                return;
            }
            let (state, pending, sealed) = (state.clone(), pending.clone(), sealed.clone());
            pending.set(None);
            sealed.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string());
                if let Some(text) = text.as_deref().filter(|t| Envelope::is_sealed(t)) {
                    match Envelope::from_json(text, Content::Export) {
                        Ok(envelope) => {
                            state.dispatch(Action::Notify(Notice::ImportNeedsPassphrase));
                            sealed.set(Some(Rc::new(envelope)));
                        }
                        Err(e) => {
                            state.dispatch(Action::Notify(Notice::ImportFailed(envelope_error(e))))
                        }
                    }
                    return;
                }
                match text.map(|t| parse_import(&t)) {
                    None => state.dispatch(Action::Notify(Notice::ReadFailed)),
                    Some(Err(e)) => state.dispatch(Action::Notify(Notice::ImportFailed(e))),
                    Some(Ok(doc)) => {
                        state.dispatch(Action::Notify(Notice::ImportReady));
                        pending.set(Some(Rc::new(doc)));
                    }
                }
            });
        })
    };
    let confirm = pending.as_ref().map(|incoming| {
        let p = preview(&state.doc, incoming);
        let text = if p.new_sessions + p.updated + p.new_goals == 0 {
            ui.t("data.preview_none")
        } else {
            ui.f(
                "data.preview",
                &[
                    ("sessions", &p.sessions.to_string()),
                    ("new", &p.new_sessions.to_string()),
                    ("updated", &p.updated.to_string()),
                    ("goals", &p.new_goals.to_string()),
                ],
            )
        };
        let go = {
            let (on_change, pending, incoming) = (props.on_change.clone(), pending.clone(), incoming.clone());
            Callback::from(move |_: MouseEvent| {
                on_change.emit((vec![Change::Import((*incoming).clone())], Some(Notice::Imported(p.new_sessions))));
                pending.set(None);
            })
        };
        let cancel = {
            let pending = pending.clone();
            Callback::from(move |_: MouseEvent| pending.set(None))
        };
        html! {
            <div class="ac-confirm ac-confirm--import" role="group" aria-labelledby={ui.id("import-preview")}>
                <p id={ui.id("import-preview")}>{ text }</p>
                <div class="ac-confirm__actions">
                    <button type="button" class="ac-button ac-button--primary" onclick={go}>{ ui.t("data.import_confirm") }</button>
                    <button type="button" class="ac-button" onclick={cancel}>{ ui.t("data.import_cancel") }</button>
                </div>
            </div>
        }
    });
    let last = match state.doc.last_exported {
        Some(at) => ui.f("data.last_exported", &[("date", &ui.date(at))]),
        None => ui.t("data.never"),
    };
    let unseal = sealed.as_ref().map(|_| {
        let id = ui.id("import-passphrase");
        html! {
            <form class="ac-protect__form" onsubmit={open_file} novalidate=true aria-busy={state.busy.to_string()}>
                <label class="ac-field__label" for={id.clone()}>{ ui.t("data.import_passphrase") }</label>
                <div class="ac-add-goal__row">
                    <input {id} class="ac-field__input" type="password" autocomplete="off" spellcheck="false" ref={passphrase.clone()} />
                    <button type="submit" class="ac-button ac-button--primary" disabled={state.busy}>{ ui.t("data.import_open") }</button>
                </div>
                if state.busy { <p class="ac-field__hint">{ ui.t("protect.working") }</p> }
            </form>
        }
    });
    let file_id = ui.id("import-file");
    let hint_id = ui.id("import-hint");
    html! {
        <section class="ac-data" ref={panel.clone()} aria-labelledby={ui.id("data-title")}>
            <h4 class="ac-goals__subtitle" id={ui.id("data-title")}>{ ui.t("data.title") }</h4>
            <p class="ac-check__intro">{ ui.t("data.intro") }</p>
            <p class="ac-data__last">{ last }</p>
            if state.doc.export_is_due(now()) {
                <p class="ac-notice ac-notice--warn">{ ui.t("data.reminder") }</p>
            }
            <div class="ac-data__actions">
                if let Some(onclick) = export_sealed {
                    <button type="button" class="ac-button ac-button--primary" {onclick}
                        aria-describedby={ui.id("sealed-hint")}>{ ui.t("data.json_sealed") }</button>
                }
                <button type="button" class={classes!("ac-button", (!state.protection.is_on()).then_some("ac-button--primary"))}
                    onclick={export(Format::Json)}>{ ui.t("data.json") }</button>
                <button type="button" class="ac-button" onclick={export(Format::Csv)}>{ ui.t("data.csv") }</button>
                <button type="button" class="ac-button" onclick={export(Format::Fhir)}>{ ui.t("data.fhir") }</button>
                <button type="button" class="ac-button" onclick={print}>{ ui.t("data.print") }</button>
            </div>
            if state.protection.is_on() {
                <p class="ac-field__hint" id={ui.id("sealed-hint")}>{ ui.t("data.json_sealed_hint") }</p>
            }
            <label class="ac-field__label" for={file_id.clone()}>{ ui.t("data.import_label") }</label>
            <p class="ac-field__hint" id={hint_id.clone()}>{ ui.t("data.import_hint") }</p>
            <input id={file_id} class="ac-data__file" type="file" accept=".json,application/json"
                aria-describedby={hint_id} onchange={on_file} />
            { for unseal }
            { for confirm }
        </section>
    }
}
