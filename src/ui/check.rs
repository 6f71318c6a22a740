//! The check, step by step: scales → goals → the open question with the
//! review → save. Every field is part of the draft, so Back, Next and a
//! reload never lose what was typed.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::Document;
use crate::core::draft::{CheckStep, Draft};
use crate::core::instrument::Instrument;
use crate::ui::context::{use_ui, Ui};
use crate::ui::scale::ScaleInput;
use crate::ui::stamp;
use crate::ui::state::{Action, Notice};

mod goals_step;
mod review;

use goals_step::goals_step;
pub use goals_step::step_report;
use review::review_step;

/// Props of [`CheckFlow`].
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// What is asked.
    pub instrument: Rc<Instrument>,
    /// The check as filled in so far.
    pub draft: Draft,
    /// The history (its goals).
    pub doc: Rc<Document>,
    /// The steps of this check.
    pub steps: Vec<CheckStep>,
    /// The goals step asks for a first goal.
    pub first_goal: bool,
    /// The message shown (the check marks the scales still unrated).
    pub notice: Option<Notice>,
    /// A save is encrypting: Save and Next wait.
    pub busy: bool,
    /// Where every change and button goes (Next and Save are decided by
    /// the reducer).
    pub dispatch: Callback<Action>,
}

fn step_key(step: CheckStep) -> &'static str {
    match step {
        CheckStep::Scales => "step.scales",
        CheckStep::Goals => "step.goals",
        CheckStep::Review => "step.review",
    }
}

/// The current step of the check with Back / Next (or Save) below it.
/// Focus moves to the step's heading whenever the step changes.
#[component(CheckFlow)]
pub fn check_flow(props: &CheckProps) -> Html {
    let ui = use_ui();
    let draft = &props.draft;
    let steps = props.steps.clone();
    let here = steps.iter().position(|s| *s == draft.step).unwrap_or(0);
    let last = here + 1 == steps.len();
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Back))
    };
    // Next and Save are both submit buttons (so Enter in a text field moves
    // on); the reducer decides by the step. They carry distinct keys so a
    // click on Next can never turn into a click on Save when the step
    // changes under the pointer.
    let on_submit = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(Action::Next(stamp()));
        })
    };
    let body = match draft.step {
        CheckStep::Scales => scales_step(&ui, props),
        CheckStep::Goals => goals_step(&ui, props),
        CheckStep::Review => review_step(&ui, props),
    };
    let editing = draft.editing.as_ref().map(|r| {
        html! { <p class="ac-notice ac-notice--info">{ ui.f("history.editing", &[("date", &ui.date_time(r.at))]) }</p> }
    });
    html! {
        <form class="ac-check" onsubmit={on_submit} novalidate=true>
            { for editing }
            { progress(&ui, &steps, here) }
            <h3 class="ac-check__heading" tabindex="-1">{ ui.t(step_key(draft.step)) }</h3>
            { body }
            <div class="ac-check__nav">
                if here > 0 {
                    <button key="back" type="button" class="ac-button" onclick={back}>{ ui.t("step.back") }</button>
                }
                if last {
                    <button key="save" type="submit" class="ac-button ac-button--primary" disabled={props.busy}>{ ui.t("review.save") }</button>
                } else {
                    <button key="next" type="submit" class="ac-button ac-button--primary" disabled={props.busy} data-ac-intent="next">{ ui.t("step.next") }</button>
                }
            </div>
            <Discard blank={draft.is_blank()} correcting={draft.editing.is_some()} dispatch={props.dispatch.clone()} />
        </form>
    }
}

/// "Step 2 of 3" with a bar of one segment per step, the done ones filled.
fn progress(ui: &Ui, steps: &[CheckStep], here: usize) -> Html {
    let text = ui.f(
        "step.progress",
        &[
            ("n", &(here + 1).to_string()),
            ("total", &steps.len().to_string()),
        ],
    );
    html! {
        <div class="ac-progress">
            <p class="ac-progress__text">{ text }</p>
            <ol class="ac-progress__bar" aria-hidden="true">
                { for steps.iter().enumerate().map(|(i, _)| html! {
                    <li class={classes!("ac-progress__step", (i < here).then_some("is-done"), (i == here).then_some("is-current"))}></li>
                }) }
            </ol>
        </div>
    }
}

/// Props of [`Discard`].
#[derive(Properties, PartialEq)]
struct DiscardProps {
    blank: bool,
    correcting: bool,
    dispatch: Callback<Action>,
}

/// "Discard this check", asking first: one mis-tap must not throw a check
/// away.
#[component(Discard)]
fn discard(props: &DiscardProps) -> Html {
    let ui = use_ui();
    let confirm = use_state(|| false);
    if props.blank {
        return html! {};
    }
    let ask = |value: bool| {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(value))
    };
    let yes = {
        let (dispatch, confirm) = (props.dispatch.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            confirm.set(false);
            dispatch.emit(Action::DiscardDraft)
        })
    };
    html! {
        <div class="ac-check__discard">
            if *confirm {
                <div class="ac-confirm" role="group" aria-labelledby={ui.id("discard-text")}>
                    <p id={ui.id("discard-text")}>{ ui.t("history.confirm_discard") }</p>
                    <div class="ac-confirm__actions">
                        <button type="button" class="ac-button ac-button--danger" onclick={yes}>{ ui.t("history.confirm_discard_yes") }</button>
                        <button type="button" class="ac-button" onclick={ask(false)}>{ ui.t("history.confirm_no") }</button>
                    </div>
                </div>
            } else {
                <button type="button" class="ac-link" onclick={ask(true)}>
                    { ui.t(if props.correcting { "history.cancel_edit" } else { "review.discard" }) }
                </button>
            }
        </div>
    }
}

/// "Please rate every scale", with a link to each one still unrated.
fn unrated_message(ui: &Ui, props: &CheckProps) -> Html {
    let Some(Notice::Unrated(ids)) = &props.notice else {
        return html! {};
    };
    let links = ids.iter().filter_map(|id| {
        let scale = props.instrument.scale(id)?;
        let dispatch = props.dispatch.clone();
        let id = id.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::FixScale(id.clone())));
        Some(html! {
            <li><button type="button" class="ac-link" {onclick}>{ ui.pick(&scale.label) }</button></li>
        })
    });
    html! {
        <div class="ac-notice ac-notice--error ac-check__missing" role="alert">
            <p>{ ui.t("step.unrated") }</p>
            <ul>{ for links }</ul>
        </div>
    }
}

fn scales_step(ui: &Ui, props: &CheckProps) -> Html {
    let lang = (ui.lang.as_str() != ui.texts.lang()).then(|| ui.lang.clone());
    html! {
        <>
            <p class="ac-check__intro">{ ui.t("scales.intro") }</p>
            { unrated_message(ui, props) }
            { for props.instrument.scales.iter().map(|scale| {
                let dispatch = props.dispatch.clone();
                let id = scale.id.clone();
                html! {
                    <ScaleInput
                        key={scale.id.clone()}
                        scale={Some(AttrValue::from(scale.id.clone()))}
                        id={ui.id(&format!("scale-{}", scale.id))}
                        label={ui.pick(&scale.label)}
                        low={ui.pick(&scale.low)}
                        high={ui.pick(&scale.high)}
                        value={props.draft.ratings.get(&scale.id).copied()}
                        lang={lang.clone()}
                        faces={props.instrument.faces}
                        missing={matches!(&props.notice, Some(Notice::Unrated(ids)) if ids.contains(&scale.id))}
                        on_rate={Callback::from(move |r| dispatch.emit(Action::Rate(id.clone(), r)))}
                    />
                }
            }) }
        </>
    }
}
