//! "Your copy": download the history (JSON, CSV, FHIR, printed summary)
//! and import a copy with a preview before anything is written. The files
//! themselves are made and read by the effects.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::Document;
use crate::core::export::{preview, ImportPreview};
use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::{Effects, Format};
use crate::ui::format::short_date;
use crate::ui::now;
use crate::ui::state::{Import, Protection};

/// Props of [`DataPanel`].
#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    /// The open profile's history.
    pub doc: Rc<Document>,
    /// An import under way.
    pub import: Import,
    /// Whether the browser agreed to keep this site's storage, once asked.
    pub persisted: Option<bool>,
    /// Files are offered (on a shared screen only when the host turned
    /// them on).
    pub downloads: bool,
    /// Passphrase protection (a sealed copy can be downloaded while open).
    pub protection: Protection,
    /// Slow work is under way.
    pub busy: bool,
    /// The hand-over to the client's phone, rendered by the root.
    pub give: Html,
    /// Downloads, file reads and the import.
    pub fx: Effects,
}

/// What an import or a hand-over would remove or change here, in words
/// (empty when it only adds): removals name the days they were made.
pub fn removals(ui: &Ui, p: &ImportPreview) -> Vec<String> {
    let mut lines = Vec::new();
    if !p.removed.is_empty() {
        const SHOWN: usize = 5;
        let mut dates: Vec<String> = p
            .removed
            .iter()
            .take(SHOWN)
            .map(|t| short_date(t.millis(), &ui.locale))
            .collect();
        if p.removed.len() > SHOWN {
            dates.push("…".into());
        }
        lines.push(ui.count(
            "data.preview_removes",
            "n",
            p.removed.len(),
            &[("dates", &dates.join(", "))],
        ));
    }
    if p.changed_goals > 0 {
        lines.push(ui.count("data.preview_goals", "n", p.changed_goals, &[]));
    }
    lines
}

/// The preview of a checked import, with Add and Cancel: what it adds,
/// then what it removes or changes, which the Import button repeats.
fn import_preview(ui: &Ui, props: &DataPanelProps, fx: &Effects) -> Html {
    let Import::Preview(incoming) = &props.import else {
        return html! {};
    };
    let p = preview(&props.doc, incoming);
    let text = if p.changes_nothing() {
        ui.t("data.preview_none")
    } else {
        ui.f(
            "data.preview",
            &[
                (
                    "sessions",
                    &ui.count("count.sessions", "n", p.sessions, &[]),
                ),
                (
                    "new",
                    &ui.count("count.new_sessions", "n", p.new_sessions, &[]),
                ),
                ("updated", &ui.count("count.corrected", "n", p.updated, &[])),
                ("goals", &ui.count("count.new_goals", "n", p.new_goals, &[])),
            ],
        )
    };
    let go = {
        let fx = fx.clone();
        let (new, removed) = (p.new_sessions, p.removed.len());
        Callback::from(move |_: MouseEvent| fx.import(new, removed))
    };
    let cancel = {
        let fx = fx.clone();
        Callback::from(move |_: MouseEvent| fx.cancel_import())
    };
    let label = if p.removed.is_empty() {
        ui.t("data.import_confirm")
    } else {
        ui.count("data.import_removes", "n", p.removed.len(), &[])
    };
    html! {
        <div class="ac-confirm ac-confirm--import" role="group" aria-labelledby={ui.id("import-preview")}>
            <p id={ui.id("import-preview")}>{ text }</p>
            { for removals(ui, &p).into_iter().map(|line| html! { <p class="ac-confirm__warning">{ line }</p> }) }
            <div class="ac-confirm__actions">
                <button type="button" class="ac-button ac-button--primary" onclick={go}>{ label }</button>
                <button type="button" class="ac-button" onclick={cancel}>{ ui.t("data.import_cancel") }</button>
            </div>
        </div>
    }
}

/// Download and import controls, shown under the history.
#[component(DataPanel)]
pub fn data_panel(props: &DataPanelProps) -> Html {
    let ui = use_ui();
    let passphrase = use_node_ref();
    let last = match props.doc.last_exported {
        Some(at) => ui.f("data.last_exported", &[("date", &ui.date(at))]),
        None => ui.t("data.never"),
    };
    let downloads = downloads(&ui, props, &props.fx, &passphrase);
    let persisted = props.persisted.map(|kept| {
        html! { <p class="ac-data__last">{ ui.t(if kept { "data.persist_yes" } else { "data.persist_no" }) }</p> }
    });
    html! {
        <section class="ac-data" aria-labelledby={ui.id("data-title")}>
            <h4 class="ac-goals__subtitle" id={ui.id("data-title")}>{ ui.t("data.title") }</h4>
            // Without downloads (a shared screen) the own copy is the one
            // taken to the client's phone, and nothing speaks of files.
            if props.downloads {
                <p class="ac-check__intro">{ ui.t("data.intro") }</p>
                <p class="ac-data__last">{ last }</p>
            } else {
                <p class="ac-check__intro">{ ui.t("data.intro_shared") }</p>
            }
            { for persisted }
            if props.downloads && props.doc.export_is_due(now()) {
                <p class="ac-notice ac-notice--warn">{ ui.t("data.reminder") }</p>
            }
            // On a shared screen a download lands on the wrong device: the
            // hand-over replaces files there unless the host turns them on.
            if props.downloads { { downloads } }
            { props.give.clone() }
        </section>
    }
}

/// The field for a sealed copy's passphrase, while an import waits for it.
fn unseal_form(
    ui: &Ui,
    props: &DataPanelProps,
    fx: &Effects,
    passphrase: &NodeRef,
) -> Option<Html> {
    let open_file = {
        let (fx, passphrase) = (fx.clone(), passphrase.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = passphrase.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let typed = input.value();
            if !typed.is_empty() {
                input.set_value("");
                fx.open_file(typed);
            }
        })
    };
    matches!(props.import, Import::Passphrase(_)).then(|| {
        let id = ui.id("import-passphrase");
        html! {
            <form class="ac-protect__form" onsubmit={open_file} novalidate=true aria-busy={props.busy.to_string()}>
                <label class="ac-field__label" for={id.clone()}>{ ui.t("data.import_passphrase") }</label>
                <div class="ac-add-goal__row">
                    <input {id} class="ac-field__input" type="password" autocomplete="off" spellcheck="false" ref={passphrase.clone()} />
                    <button type="submit" class="ac-button ac-button--primary" disabled={props.busy}>{ ui.t("data.import_open") }</button>
                </div>
                if props.busy { <p class="ac-field__hint">{ ui.t("protect.working") }</p> }
            </form>
        }
    })
}

/// The files: downloads in every format, print, and reading a copy back
/// (its passphrase, if sealed, and its preview).
fn downloads(ui: &Ui, props: &DataPanelProps, fx: &Effects, passphrase: &NodeRef) -> Html {
    let export = |format: Format| {
        let fx = fx.clone();
        Callback::from(move |_: MouseEvent| fx.export(format))
    };
    let print = {
        let fx = fx.clone();
        Callback::from(move |_: MouseEvent| fx.print())
    };
    let export_sealed = props.protection.key().map(|_| {
        let fx = fx.clone();
        Callback::from(move |_: MouseEvent| fx.export_sealed())
    });
    let on_file = {
        let fx = fx.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let file = input.files().and_then(|f| f.get(0));
            input.set_value("");
            if let Some(file) = file {
                fx.read_file(file);
            }
        })
    };
    let confirm = import_preview(ui, props, fx);
    let unseal = unseal_form(ui, props, fx, passphrase);
    let file_id = ui.id("import-file");
    let hint_id = ui.id("import-hint");
    html! {
        <>
            <div class="ac-data__actions">
                if let Some(onclick) = export_sealed {
                    <button type="button" class="ac-button ac-button--primary" {onclick}
                        aria-describedby={ui.id("sealed-hint")}>{ ui.t("data.json_sealed") }</button>
                }
                <button type="button" class={classes!("ac-button", (!props.protection.is_on()).then_some("ac-button--primary"))}
                    onclick={export(Format::Json)}>{ ui.t("data.json") }</button>
                <button type="button" class="ac-button" onclick={export(Format::Csv)}>{ ui.t("data.csv") }</button>
                <button type="button" class="ac-button" onclick={export(Format::Fhir)}>{ ui.t("data.fhir") }</button>
                <button type="button" class="ac-button" onclick={print}>{ ui.t("data.print") }</button>
            </div>
            if props.protection.is_on() {
                <p class="ac-field__hint" id={ui.id("sealed-hint")}>{ ui.t("data.json_sealed_hint") }</p>
            }
            // The browser's bare "Choose File" control, dressed as the
            // other buttons: its label is the visible button.
            <input id={file_id.clone()} class="ac-data__file ac-visually-hidden" type="file" accept=".json,application/json"
                aria-describedby={hint_id.clone()} onchange={on_file} />
            <label class="ac-button ac-data__choose" for={file_id}>{ ui.t("data.import_label") }</label>
            <p class="ac-field__hint" id={hint_id}>{ ui.t("data.import_hint") }</p>
            { for unseal }
            { confirm }
        </>
    }
}
