//! The door of a shared device: a returning client types their code and
//! secret; a new client chooses both (the secret twice, with the plain
//! warning that nobody can reset it); a profile an earlier version kept in
//! clear is sealed with a secret before it opens. Nothing of any profile is
//! shown here, and an unknown code is answered exactly like a wrong secret.

use yew::prelude::*;

use crate::core::secret::{check_door, DoorError, SecretError, MIN_PASSPHRASE, MIN_PIN};
use crate::core::time::Timestamp;
use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::Effects;
use crate::ui::protect::{clear, value};
use crate::ui::state::{Action, Gate, Notice};
use crate::ui::timers;

/// Props of [`SharedGate`].
#[derive(Properties, PartialEq)]
pub struct SharedGateProps {
    /// What the door asks.
    pub gate: Gate,
    /// The message about the last attempt, if it is the door's.
    pub notice: Option<Notice>,
    /// A key is being derived: the buttons wait.
    pub busy: bool,
    /// Opens, starts or seals a profile.
    pub fx: Effects,
    /// Where the door's own choices go (new profile, back).
    pub dispatch: Callback<Action>,
}

/// The words for a secret that cannot be chosen.
fn secret_error(ui: &Ui, e: SecretError) -> String {
    let (pin, pass) = (MIN_PIN.to_string(), MIN_PASSPHRASE.to_string());
    match e {
        SecretError::PinTooShort => ui.f("gate.pin_short", &[("min", &pin)]),
        SecretError::PinTooEasy => ui.t("gate.pin_easy"),
        SecretError::PassphraseTooShort => ui.f("gate.passphrase_short", &[("min", &pass)]),
        SecretError::Mismatch => ui.t("gate.mismatch"),
    }
}

/// Seconds from now until `until`, at least one.
fn seconds_until(until: crate::core::time::Timestamp) -> i64 {
    ((until.millis() - crate::ui::now().millis() + 999) / 1000).max(1)
}

/// A labelled field.
fn input(
    ui: &Ui,
    local: &str,
    label: String,
    kind: &str,
    node: &NodeRef,
    hint: Option<&str>,
) -> Html {
    let id = ui.id(local);
    let describedby = hint.map(|h| ui.id(h));
    html! {
        <>
            <label class="ac-field__label" for={id.clone()}>{ label }</label>
            <input {id} class="ac-field__input" type={kind.to_string()} autocomplete="off"
                autocapitalize="none" spellcheck="false" ref={node.clone()}
                aria-describedby={describedby} />
        </>
    }
}

/// The code screen of a shared device.
#[component(SharedGate)]
pub fn shared_gate(props: &SharedGateProps) -> Html {
    let ui = use_ui();
    let (code, secret, again) = (use_node_ref(), use_node_ref(), use_node_ref());
    // What is wrong with what was typed, said under the form.
    let error = use_state(|| None::<String>);
    {
        // The code field takes the focus when the door opens or changes:
        // the client's next move is to type.
        let (code, secret, error) = (code.clone(), secret.clone(), error.clone());
        use_effect_with(props.gate.clone(), move |gate| {
            error.set(None);
            let field = if matches!(gate, Gate::Seal(_)) {
                secret
            } else {
                code
            };
            if let Some(f) = field.cast::<web_sys::HtmlElement>() {
                let _ = f.focus();
            }
        });
    }
    let waiting = use_wait(&props.notice);
    let message = door_message(&ui, (*error).clone(), &props.notice, waiting);
    let error_id = ui.id("gate-error");
    let error_line = html! {
        <p id={error_id} class="ac-field__error" role="alert">{ message.unwrap_or_default() }</p>
    };
    let working = props
        .busy
        .then(|| html! { <p class="ac-field__hint" role="status">{ ui.t("gate.working") }</p> });
    let go = |gate: Gate| {
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::Gate(gate.clone()))
    };
    let gate = props.gate.clone();
    // One form for the three: what it asks and does depends on the door.
    let onsubmit = on_submit(&ui, props, [&code, &secret, &again], &error);
    let (title, intro, submit, secret_label) = door_words(&ui, &gate);
    let (open, seal) = (gate == Gate::Open, matches!(gate, Gate::Seal(_)));
    html! {
        <section class="ac-profile ac-gate" aria-labelledby={ui.id("gate-title")}>
            <h3 class="ac-section__title" id={ui.id("gate-title")}>{ ui.t(title) }</h3>
            <form class="ac-profile__form" {onsubmit} novalidate=true aria-busy={props.busy.to_string()}>
                <p class={if seal { "ac-notice ac-notice--warn" } else { "ac-check__intro" }}>{ intro }</p>
                if !seal { { input(&ui, "gate-code", ui.t("profile.code_label"), "text", &code, Some("gate-error")) } }
                { input(&ui, "gate-secret", secret_label, "password", &secret, Some("gate-error")) }
                if !open {
                    { input(&ui, "gate-again", ui.t("gate.again_label"), "password", &again, Some("gate-error")) }
                    <div class="ac-notice ac-notice--warn ac-gate__warning"><p>{ ui.t("gate.no_reset") }</p></div>
                }
                <div class="ac-data__actions">
                    <button type="submit" class="ac-button ac-button--primary" disabled={props.busy || (waiting.is_some() && !seal)}>{ ui.t(submit) }</button>
                    if !open {
                        <button type="button" class="ac-button" disabled={props.busy} onclick={go(Gate::Open)}>{ ui.t("gate.back") }</button>
                    }
                </div>
                { error_line }
                { for working }
            </form>
            if open {
                <p class="ac-gate__new">
                    { ui.t("gate.new_question") }{ " " }
                    <button type="button" class="ac-button" disabled={props.busy} onclick={go(Gate::New)}>{ ui.t("gate.new_button") }</button>
                </p>
            }
        </section>
    }
}

/// The wait after failed attempts, if one runs: the time it ends. While it
/// runs the door is drawn again each second, so the count goes down.
#[hook]
fn use_wait(notice: &Option<Notice>) -> Option<Timestamp> {
    let tick = use_state(|| 0u32);
    let waiting = match notice {
        Some(Notice::NoMatch(Some(until))) if until.millis() > crate::ui::now().millis() => {
            Some(*until)
        }
        _ => None,
    };
    {
        let tick = tick.clone();
        use_effect_with((waiting, *tick), move |(waiting, _)| {
            let timer = waiting.is_some().then(|| {
                timers::after(std::time::Duration::from_millis(1000), move || {
                    tick.set(tick.wrapping_add(1));
                })
            });
            move || timer.iter().for_each(timers::Timer::stop)
        });
    }
    waiting
}

/// What is said under the form: what was typed wrong, the wait after
/// failed attempts, or why the door could not open.
fn door_message(
    ui: &Ui,
    error: Option<String>,
    notice: &Option<Notice>,
    waiting: Option<Timestamp>,
) -> Option<String> {
    match (error, notice) {
        (Some(e), _) => Some(e),
        (None, Some(Notice::NoMatch(_))) => Some(match waiting {
            Some(until) => ui.f(
                "gate.wait",
                &[("seconds", &seconds_until(until).to_string())],
            ),
            None => ui.t("gate.no_match"),
        }),
        (None, Some(Notice::GateFailed(e))) => {
            Some(ui.f("gate.failed", &[("reason", &e.to_string())]))
        }
        _ => None,
    }
}

/// The form's submit: the code and secret checked, then the door opened, a
/// profile started or an earlier one sealed.
fn on_submit(
    ui: &Ui,
    props: &SharedGateProps,
    fields: [&NodeRef; 3],
    error: &UseStateHandle<Option<String>>,
) -> Callback<SubmitEvent> {
    let [code, secret, again] = fields.map(NodeRef::clone);
    let (ui, error) = (ui.clone(), error.clone());
    let (fx, dispatch, gate) = (props.fx.clone(), props.dispatch.clone(), props.gate.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let (typed, twice) = (value(&secret), value(&again));
        // The code of a profile being sealed is known; a new secret is
        // typed twice.
        let typed_code = match &gate {
            Gate::Seal(c) => c.clone(),
            _ => value(&code),
        };
        let confirm = (gate != Gate::Open).then_some(twice.as_str());
        let checked = check_door(&typed_code, &typed, confirm).map_err(|e| match e {
            DoorError::Code => ui.t("profile.invalid"),
            DoorError::NoSecret => ui.t("gate.secret_missing"),
            DoorError::Secret(e) => secret_error(&ui, e),
        });
        match checked {
            Err(text) => error.set(Some(text)),
            Ok(c) => {
                error.set(None);
                clear(&[&secret, &again]);
                // A new attempt: the last one's answer goes.
                dispatch.emit(Action::Dismiss);
                match gate {
                    Gate::Open => fx.open_with_secret(c, typed),
                    Gate::New => fx.start_profile(c, typed),
                    Gate::Seal(_) => fx.seal_profile(c, typed),
                }
            }
        }
    })
}

/// The door's title key, introduction, submit key and secret label.
fn door_words(ui: &Ui, gate: &Gate) -> (&'static str, String, &'static str, String) {
    let (title, intro, submit) = match gate {
        Gate::Open => ("gate.title", ui.t("gate.intro"), "profile.open"),
        Gate::New => ("gate.new_title", ui.t("gate.new_intro"), "gate.new_submit"),
        Gate::Seal(c) => (
            "gate.seal_title",
            ui.f("gate.seal_intro", &[("code", c)]),
            "gate.seal_submit",
        ),
    };
    let secret_label = if *gate == Gate::Open {
        ui.t("gate.secret_label")
    } else {
        ui.f(
            "gate.new_secret_label",
            &[
                ("pin", &MIN_PIN.to_string()),
                ("min", &MIN_PASSPHRASE.to_string()),
            ],
        )
    };
    (title, intro, submit, secret_label)
}
