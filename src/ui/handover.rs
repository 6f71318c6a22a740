//! "Take it with you": the history handed to the client's own phone by a QR
//! code, and on the phone, the history received, previewed, then added.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::Document;
use crate::core::export::preview;
use crate::core::handover::{grouped, Opener, Received};
use crate::core::qr::{display_px, QrSvg};
use crate::ui::context::{use_ui, Ui};
use crate::ui::data::removals;
use crate::ui::effects::Effects;
use crate::ui::state::{Incoming, Outgoing, Protection};

/// Reads a password field and empties it.
fn take(field: &NodeRef) -> Option<String> {
    let input = field.cast::<web_sys::HtmlInputElement>()?;
    let value = input.value();
    input.set_value("");
    (!value.is_empty()).then_some(value)
}

/// CSS pixels the code aims for: 36 rem, as large as a tablet card allows.
const CODE_PX: usize = 576;

/// The QR code, dark on light in both themes, with its quiet zone; a whole
/// number of pixels per module where the card has room (the stylesheet
/// scales it down where it has not).
fn code(ui: &Ui, qr: &QrSvg) -> Html {
    let size = qr.size.to_string();
    let px = display_px(qr.size, CODE_PX).to_string();
    html! {
        <svg class="ac-handover__qr" width={px.clone()} height={px} viewBox={format!("0 0 {size} {size}")} role="img"
            aria-label={ui.t("handover.qr_label")} shape-rendering="crispEdges">
            <rect width={size.clone()} height={size} fill="#fff" />
            <path d={qr.path.clone()} fill="#000" />
        </svg>
    }
}

fn shown(ui: &Ui, out: &Outgoing, fx: &Effects, place: &NodeRef, shared: bool) -> Html {
    let close = {
        let fx = fx.clone();
        Callback::from(move |_: MouseEvent| fx.close_give())
    };
    let copy = {
        let (fx, link) = (fx.clone(), out.link.clone());
        Callback::from(move |_: MouseEvent| fx.copy_link(link.clone()))
    };
    let note = if out.carried < out.total {
        let carried = out.carried.to_string();
        ui.count("handover.cut", "total", out.total, &[("carried", &carried)])
    } else {
        ui.count("handover.all", "total", out.total, &[])
    };
    html! {
        <div class="ac-handover__shown" tabindex="-1" ref={place.clone()}>
            { code(ui, &out.qr) }
            if let Some(one_time) = &out.one_time {
                <p class="ac-handover__ask" id={ui.id("handover-one-time")}>{ ui.t("handover.one_time") }</p>
                // Grouped for reading; spelled out for a screen reader.
                <p class="ac-handover__one-time" aria-describedby={ui.id("handover-one-time")}>
                    <span aria-hidden="true">{ grouped(one_time) }</span>
                    <span class="ac-visually-hidden">{ one_time.chars().map(String::from).collect::<Vec<_>>().join(" ") }</span>
                </p>
            }
            <p class="ac-handover__note">{ note }</p>
            // As text, never a link: tapped on a shared tablet it would
            // add the history to the tablet.
            <p class="ac-field__label" id={ui.id("handover-link-label")}>{ ui.t("handover.link_label") }</p>
            // A long (sealed) link scrolls in its box: the box takes the
            // focus, so a keyboard can scroll it too.
            <p class="ac-handover__link" tabindex="0" role="region" aria-labelledby={ui.id("handover-link-label")}><code>{ &out.link }</code></p>
            <div class="ac-data__actions">
                // Not on a shared screen: the next person would paste it.
                if !shared { <button type="button" class="ac-button" onclick={copy}>{ ui.t("handover.copy") }</button> }
                <button type="button" class="ac-button" onclick={close}>{ ui.t("handover.hide") }</button>
            </div>
        </div>
    }
}

/// Keeps the focus where the client is when the code appears or is put
/// away: on the code (scrolled into view) or back on "Show the code".
#[hook]
fn use_moved_focus(shown: bool, place: &NodeRef, show: &NodeRef) {
    let (place, show) = (place.clone(), show.clone());
    let first = use_mut_ref(|| true);
    use_effect_with(shown, move |&shown| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        let target = if shown { place } else { show };
        if let Some(el) = target.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
}

/// Props of [`GivePanel`].
#[derive(Properties, PartialEq)]
pub struct GiveProps {
    /// The code on screen, once made.
    pub give: Option<Rc<Outgoing>>,
    /// A passphrase is asked first: the history is protected (a shared
    /// device's profile needs none here, its key is open).
    pub protected: bool,
    /// A shared screen (the code's words say where it goes).
    pub shared: bool,
    /// The history has no session yet: nothing to take.
    pub empty: bool,
    /// Slow work is under way.
    pub busy: bool,
    /// Makes the code.
    pub fx: Effects,
    /// Its button is not the screen's main action (the hand-back's Done is).
    #[prop_or_default]
    pub secondary: bool,
}

/// "Take it with you": a button that makes the code (asking the passphrase
/// of a protected profile first), then the code, the same link as text,
/// and how much of the history it carries.
#[component(GivePanel)]
pub fn give_panel(props: &GiveProps) -> Html {
    let ui = use_ui();
    let passphrase = use_node_ref();
    let protected = props.protected;
    let (place, show) = (use_node_ref(), use_node_ref());
    use_moved_focus(props.give.is_some(), &place, &show);
    let body = match &props.give {
        Some(out) => shown(&ui, out, &props.fx, &place, props.shared),
        None if props.empty => html! {
            <p class="ac-field__hint">{ ui.t("handover.empty") }</p>
        },
        None => {
            let onsubmit = {
                let (fx, field) = (props.fx.clone(), passphrase.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match (protected, take(&field)) {
                        (false, _) => fx.give(None),
                        (true, Some(p)) => fx.give(Some(p)),
                        (true, None) => {}
                    }
                })
            };
            let id = ui.id("handover-passphrase");
            html! {
                <form class="ac-protect__form" {onsubmit} novalidate=true aria-busy={props.busy.to_string()}>
                    if protected {
                        <label class="ac-field__label" for={id.clone()}>{ ui.t("handover.passphrase") }</label>
                        <input {id} class="ac-field__input" type="password" autocomplete="current-password"
                            spellcheck="false" ref={passphrase.clone()} />
                    }
                    <div class="ac-data__actions">
                        <button type="submit" class={classes!("ac-button", (!props.secondary).then_some("ac-button--primary"))} disabled={props.busy} ref={show}>{ ui.t("handover.show") }</button>
                    </div>
                    if props.busy { <p class="ac-field__hint">{ ui.t("handover.working") }</p> }
                </form>
            }
        }
    };
    html! {
        <section class="ac-handover" aria-labelledby={ui.id("handover-title")}>
            <h4 class="ac-goals__subtitle" id={ui.id("handover-title")}>{ ui.t("handover.title") }</h4>
            <p class="ac-check__intro">{ ui.t("handover.intro") }</p>
            { body }
        </section>
    }
}

/// Props of [`ReceivePanel`].
#[derive(Properties, PartialEq)]
pub struct ReceiveProps {
    /// The hand-over this page was opened with.
    pub incoming: Incoming,
    /// The history here (what adding would change).
    pub doc: Rc<Document>,
    /// Its protection.
    pub protection: Protection,
    /// The profile open here, if any.
    pub profile: Option<String>,
    /// Profiles are opened by typing a code (a link from another code
    /// names it).
    pub codes: bool,
    /// Slow work is under way.
    pub busy: bool,
    /// Opens, adds or declines it.
    pub fx: Effects,
}

/// A history handed over from another screen: its passphrase if sealed,
/// then what it holds, and whether to add it to this browser.
#[component(ReceivePanel)]
pub fn receive_panel(props: &ReceiveProps) -> Html {
    let ui = use_ui();
    let passphrase = use_node_ref();
    let decline = {
        let fx = props.fx.clone();
        Callback::from(move |_: MouseEvent| fx.decline_handover())
    };
    let body = match &props.incoming {
        Incoming::None => return html! {},
        Incoming::Passphrase { wrong, frame } => {
            let one_time = frame.opener == Opener::OneTime;
            passphrase_form(&ui, props, *wrong, one_time, passphrase, decline)
        }
        Incoming::Preview(received, key) => {
            preview_body(&ui, props, received, key.is_some(), decline)
        }
    };
    html! {
        <section class="ac-receive ac-confirm" aria-labelledby={ui.id("receive-title")}>
            <h3 class="ac-section__title" id={ui.id("receive-title")} tabindex="-1">{ ui.t("receive.title") }</h3>
            { body }
        </section>
    }
}

/// The field for a sealed hand-over's passphrase (or one-time code).
fn passphrase_form(
    ui: &Ui,
    props: &ReceiveProps,
    wrong: bool,
    one_time: bool,
    passphrase: NodeRef,
    decline: Callback<MouseEvent>,
) -> Html {
    let onsubmit = {
        let (fx, field) = (props.fx.clone(), passphrase.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(p) = take(&field) {
                fx.open_handover(p);
            }
        })
    };
    let (id, error) = (ui.id("receive-passphrase"), ui.id("receive-wrong"));
    html! {
        <form class="ac-protect__form" {onsubmit} novalidate=true aria-busy={props.busy.to_string()}>
            <label class="ac-field__label" for={id.clone()}>{ ui.t(if one_time { "receive.one_time" } else { "receive.passphrase" }) }</label>
            <div class="ac-add-goal__row">
                if one_time {
                    <input {id} class="ac-field__input ac-field__input--code" type="text" autocomplete="one-time-code"
                        autocapitalize="characters" spellcheck="false" maxlength="16"
                        ref={passphrase} aria-invalid={wrong.to_string()}
                        aria-describedby={wrong.then(|| error.clone())} />
                } else {
                    <input {id} class="ac-field__input" type="password" autocomplete="off" spellcheck="false"
                        ref={passphrase} aria-invalid={wrong.to_string()}
                        aria-describedby={wrong.then(|| error.clone())} />
                }
                <button type="submit" class="ac-button ac-button--primary" aria-disabled={props.busy.to_string()}>{ ui.t("unlock.open") }</button>
            </div>
            if wrong { <p class="ac-field__error" id={error} role="alert">{ ui.t(if one_time { "receive.wrong_code" } else { "receive.wrong" }) }</p> }
            if props.busy { <p class="ac-field__hint">{ ui.t("protect.working") }</p> }
            <div class="ac-confirm__actions">
                <button type="button" class="ac-button" onclick={decline}>{ ui.t("receive.cancel") }</button>
            </div>
        </form>
    }
}

/// What a hand-over holds, what it would remove or change here, and
/// whether to add it (`sealed`: it came with a passphrase).
fn preview_body(
    ui: &Ui,
    props: &ReceiveProps,
    received: &Received,
    sealed: bool,
    decline: Callback<MouseEvent>,
) -> Html {
    let add = {
        let fx = props.fx.clone();
        Callback::from(move |_: MouseEvent| fx.accept_handover())
    };
    let sessions = received.doc.records.len();
    let mut text = ui.f(
        "receive.preview",
        &[
            ("sessions", &ui.count("count.sessions", "n", sessions, &[])),
            (
                "goals",
                &ui.count("count.goals", "n", received.doc.goals.len(), &[]),
            ),
        ],
    );
    if sessions < received.total {
        text.push(' ');
        let carried = sessions.to_string();
        text.push_str(&ui.count(
            "receive.cut",
            "total",
            received.total,
            &[("carried", &carried)],
        ));
    }
    let here = preview(&props.doc, &received.doc);
    let locked = props.protection == Protection::Locked;
    let nothing_new = props.profile.is_some() && !locked && here.changes_nothing();
    // A link from another code names it before it goes into the
    // profile open here.
    let other = props
        .codes
        .then_some(props.profile.as_deref())
        .flatten()
        .filter(|open| *open != received.profile);
    html! {
        <>
            <p>{ text }</p>
            if !locked && !nothing_new {
                { for removals(ui, &here).into_iter().map(|line| html! { <p class="ac-confirm__warning">{ line }</p> }) }
            }
            if let (Some(open), false) = (other, locked || nothing_new) {
                <p class="ac-confirm__warning">{ ui.f("receive.other_profile", &[("from", &received.profile), ("here", open)]) }</p>
            }
            if sealed && props.protection == Protection::Off {
                <p>{ ui.t("receive.protected_here") }</p>
            }
            if locked {
                <p class="ac-field__hint">{ ui.t("receive.locked") }</p>
            } else if nothing_new {
                <p>{ ui.t("receive.nothing_new") }</p>
            }
            <div class="ac-confirm__actions">
                if !locked && !nothing_new {
                    <button type="button" class="ac-button ac-button--primary" onclick={add}
                        aria-disabled={props.busy.to_string()}>{ match other {
                            Some(open) => ui.f("receive.add_to", &[("here", open)]),
                            None if here.removed.is_empty() => ui.t("receive.add"),
                            None => ui.count("data.import_removes", "n", here.removed.len(), &[]),
                        } }</button>
                }
                <button type="button" class="ac-button" onclick={decline}>
                    { if nothing_new { ui.t("receive.close") } else { ui.t("receive.cancel") } }
                </button>
            </div>
        </>
    }
}
