//! Turning passphrase protection on or off, and changing the passphrase.
//! The warnings come before the choice: there is no recovery.

use yew::prelude::*;

use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::{Effects, Format, ProtectRequest};

/// Fewest characters accepted for a new passphrase.
pub const MIN_PASSPHRASE: usize = 8;

/// Which of the panel's actions the client chose.
#[derive(Clone, Copy)]
enum Choice {
    TurnOn,
    TurnOff,
    Change,
}

/// Props of [`ProtectPanel`].
#[derive(Properties, PartialEq)]
pub struct ProtectPanelProps {
    /// The open profile is a shared device's (sealed by its secret, so
    /// nothing is offered here).
    pub vault: bool,
    /// Passphrase protection of the open profile.
    pub on: bool,
    /// Keys of unreadable earlier text kept in clear.
    pub clear_copies: Vec<String>,
    /// Files are offered (a copy can be downloaded first).
    pub downloads: bool,
    /// Slow work is under way.
    pub busy: bool,
    /// Carries out requests; downloads a copy first; clear copies.
    pub fx: Effects,
    /// Why protection cannot be offered here, if it cannot.
    pub unavailable: Option<AttrValue>,
}

/// The text typed in a field.
pub(crate) fn value(field: &NodeRef) -> String {
    field
        .cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Empties typed fields (secrets leave the page once used).
pub(crate) fn clear(fields: &[&NodeRef]) {
    for f in fields {
        if let Some(i) = f.cast::<web_sys::HtmlInputElement>() {
            i.set_value("");
        }
    }
}

/// Checks a new passphrase and its confirmation; the error text if wrong.
fn check_new(ui: &Ui, new: &str, again: &str) -> Option<String> {
    if new.chars().count() < MIN_PASSPHRASE {
        Some(ui.f("protect.too_short", &[("min", &MIN_PASSPHRASE.to_string())]))
    } else if new != again {
        Some(ui.t("protect.mismatch"))
    } else {
        None
    }
}

fn field(ui: &Ui, id: &str, label: String, autocomplete: &str, node: &NodeRef) -> Html {
    let id = ui.id(id);
    html! {
        <>
            <label class="ac-field__label" for={id.clone()}>{ label }</label>
            <input {id} class="ac-field__input" type="password" autocomplete={autocomplete.to_string()}
                spellcheck="false" ref={node.clone()} aria-describedby={ui.id(ERROR_ID)} />
        </>
    }
}

/// Unreadable earlier text kept in clear blocks protection: each copy can be
/// downloaded, then removed.
fn clear_copies(ui: &Ui, props: &ProtectPanelProps, fx: &Effects) -> Html {
    if props.clear_copies.is_empty() {
        return html! {};
    }
    html! {
        <div class="ac-notice ac-notice--warn">
            <p>{ ui.t("protect.clear_copies") }</p>
            { for props.clear_copies.iter().map(|key| {
                let (download, remove) = (key.clone(), key.clone());
                let (on_download, on_remove) = (fx.clone(), fx.clone());
                html! {
                    <div class="ac-data__actions">
                        <button type="button" class="ac-button" onclick={Callback::from(move |_: MouseEvent| on_download.download_copy(&download))}>{ ui.t("storage.download_quarantine") }</button>
                        <button type="button" class="ac-button" onclick={Callback::from(move |_: MouseEvent| on_remove.remove_copy(&remove))}>{ ui.t("protect.remove_copy") }</button>
                    </div>
                }
            }) }
        </div>
    }
}

/// The id (within the widget) of the protection forms' error line.
const ERROR_ID: &str = "protect-error";

/// The protection settings, shown under the history.
#[component(ProtectPanel)]
pub fn protect_panel(props: &ProtectPanelProps) -> Html {
    let ui = use_ui();
    let (new, again, current) = (use_node_ref(), use_node_ref(), use_node_ref());
    let error = use_state(|| None::<String>);
    let title_id = ui.id("protect-title");
    // A shared device's profile is always sealed with its secret, which
    // opens it and names it: nothing to turn on or off here.
    if props.vault {
        return said_only(title_id, ui.t("gate.panel_title"), ui.t("gate.panel_text"));
    }
    if let Some(why) = &props.unavailable {
        return said_only(title_id, ui.t("protect.title"), why.to_string());
    }
    let run = |choice: Choice| {
        let fields = [new.clone(), again.clone(), current.clone()];
        protect_action(&ui, fields, error.clone(), props.fx.clone(), choice)
    };
    let submit = |choice: Choice| {
        let run = run(choice);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run.emit(());
        })
    };
    let busy = props.busy;
    let error_line = html! {
        <p id={ui.id(ERROR_ID)} class="ac-field__error" role="alert">{ (*error).clone().unwrap_or_default() }</p>
    };
    let working = busy.then(|| html! { <p class="ac-field__hint">{ ui.t("protect.working") }</p> });
    let body = if props.on {
        html! {
            <>
                <p class="ac-check__intro">{ ui.t("protect.on_intro") }</p>
                <form class="ac-protect__form" onsubmit={submit(Choice::Change)} novalidate=true aria-busy={busy.to_string()}
                    aria-labelledby={ui.id("protect-change")}>
                    <h5 class="ac-protect__subtitle" id={ui.id("protect-change")}>{ ui.t("protect.change") }</h5>
                    { field(&ui, "protect-current", ui.t("protect.current_label"), "current-password", &current) }
                    { field(&ui, "protect-new", ui.f("protect.new_label", &[("min", &MIN_PASSPHRASE.to_string())]), "new-password", &new) }
                    { field(&ui, "protect-again", ui.t("protect.confirm_label"), "new-password", &again) }
                    <div class="ac-data__actions">
                        <button type="submit" class="ac-button ac-button--primary" disabled={busy}>{ ui.t("protect.change_button") }</button>
                        <button type="button" class="ac-button" disabled={busy} onclick={run(Choice::TurnOff).reform(|_: MouseEvent| ())}>
                            { ui.t("protect.off_button") }
                        </button>
                    </div>
                    <p class="ac-field__hint">{ ui.t("protect.off_hint") }</p>
                    { error_line }
                    { for working }
                </form>
            </>
        }
    } else {
        let footer = html! { <>{ error_line }{ for working }</> };
        let fields = [new.clone(), again.clone()];
        turn_on_body(
            &ui,
            props,
            &props.fx,
            fields,
            submit(Choice::TurnOn),
            footer,
        )
    };
    html! {
        <section class="ac-protect" aria-labelledby={title_id.clone()}>
            <h4 class="ac-goals__subtitle" id={title_id}>{ ui.t("protect.title") }</h4>
            { body }
        </section>
    }
}

/// Protection off: what turning it on means (no recovery; a copy first),
/// clear copies kept aside, and the form that turns it on.
fn turn_on_body(
    ui: &Ui,
    props: &ProtectPanelProps,
    fx: &Effects,
    [new, again]: [NodeRef; 2],
    submit: Callback<SubmitEvent>,
    footer: Html,
) -> Html {
    let busy = props.busy;
    let copies = clear_copies(ui, props, fx);
    let backup = {
        let fx = fx.clone();
        Callback::from(move |_: MouseEvent| fx.export(Format::Json))
    };
    html! {
        <>
            <p class="ac-check__intro">{ ui.t("protect.off_intro") }</p>
            { copies }
            <div class="ac-notice ac-notice--warn">
                <p>{ ui.t(if props.downloads { "protect.no_recovery" } else { "protect.no_recovery_shared" }) }</p>
                if props.downloads {
                    <button type="button" class="ac-button" onclick={backup}>{ ui.t("protect.download_first") }</button>
                }
            </div>
            <form class="ac-protect__form" onsubmit={submit} novalidate=true aria-busy={busy.to_string()}>
                { field(ui, "protect-new", ui.f("protect.new_label", &[("min", &MIN_PASSPHRASE.to_string())]), "new-password", &new) }
                { field(ui, "protect-again", ui.t("protect.confirm_label"), "new-password", &again) }
                <div class="ac-data__actions">
                    <button type="submit" class="ac-button ac-button--primary" disabled={busy}>{ ui.t("protect.turn_on") }</button>
                </div>
                { footer }
            </form>
        </>
    }
}

/// Checks what was typed for `choice` and asks the effects to turn
/// protection on, off, or change the passphrase; or says what is wrong.
fn protect_action(
    ui: &Ui,
    fields: [NodeRef; 3],
    error: UseStateHandle<Option<String>>,
    fx: Effects,
    choice: Choice,
) -> Callback<()> {
    let [new, again, current] = fields;
    let ui = ui.clone();
    Callback::from(move |()| {
        let (n, a, c) = (value(&new), value(&again), value(&current));
        let request = match choice {
            Choice::TurnOn => check_new(&ui, &n, &a).map_or(Ok(ProtectRequest::On(n)), Err),
            Choice::TurnOff | Choice::Change if c.is_empty() => {
                Err(ui.t("protect.current_missing"))
            }
            Choice::TurnOff => Ok(ProtectRequest::Off(c)),
            Choice::Change => check_new(&ui, &n, &a).map_or(Ok(ProtectRequest::Change(c, n)), Err),
        };
        match request {
            Ok(request) => {
                error.set(None);
                clear(&[&new, &again, &current]);
                fx.protect(request);
            }
            Err(text) => error.set(Some(text)),
        }
    })
}

/// The panel with only a title and a sentence (nothing to turn on or off).
fn said_only(title_id: String, title: String, text: String) -> Html {
    html! {
        <section class="ac-protect" aria-labelledby={title_id.clone()}>
            <h4 class="ac-goals__subtitle" id={title_id}>{ title }</h4>
            <p class="ac-check__intro">{ text }</p>
        </section>
    }
}
