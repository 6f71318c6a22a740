//! The goals step: progress on each active goal, how last week's small
//! step went, this week's step, and a first goal added on the way.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::draft::CheckStep;
use crate::core::goals::{self, Goal};
use crate::core::record::StepOutcome;
use crate::ui::check::CheckProps;
use crate::ui::context::Ui;
use crate::ui::goals::AddGoalForm;
use crate::ui::scale::ScaleInput;
use crate::ui::state::Action;

pub(super) fn goals_step(ui: &Ui, props: &CheckProps) -> Html {
    if props.first_goal {
        let later = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::FirstGoalLater(CheckStep::Review))
            })
        };
        return html! {
            <div class="ac-first-goal">
                <p class="ac-check__intro"><strong>{ ui.t("goals.first.title") }</strong></p>
                <p class="ac-check__intro">{ ui.t("goals.first.intro") }</p>
                <AddGoalForm value={props.draft.new_goal.clone()} dispatch={props.dispatch.clone()} />
                <button type="button" class="ac-link" onclick={later}>{ ui.t("goals.first.skip") }</button>
            </div>
        };
    }
    let active: Vec<&Goal> = goals::active(&props.doc.goals).collect();
    html! {
        <>
            <p class="ac-check__intro">{ ui.t("goals.intro") }</p>
            { for active.into_iter().map(|goal| goal_block(ui, props, goal)) }
        </>
    }
}

fn goal_block(ui: &Ui, props: &CheckProps, goal: &Goal) -> Html {
    let gid = goal.id.to_string();
    let rate = {
        let dispatch = props.dispatch.clone();
        let id = goal.id.clone();
        Callback::from(move |r| dispatch.emit(Action::RateGoal(id.clone(), r)))
    };
    let step_report = outcome_choices(ui, props, goal);
    let next_id = ui.id(&format!("next-{gid}"));
    let next_value = props
        .draft
        .next_steps
        .get(&goal.id)
        .cloned()
        .unwrap_or_default();
    let on_next = {
        let dispatch = props.dispatch.clone();
        let id = goal.id.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::NextStep(id.clone(), input.value()));
        })
    };
    // Last week's step, carried into the field (not done, or partly) or
    // offered with one tap: an unfinished step is never dropped silently.
    let carried = goal.step.as_ref().filter(|s| **s == next_value).map(|_| {
        let hint_id = ui.id(&format!("next-{gid}-carried"));
        (hint_id.clone(), html! { <p class="ac-field__hint" id={hint_id}>{ ui.t("goals.next_step.carried") }</p> })
    });
    let keep = keep_step(ui, props, goal, &next_value, &next_id);
    let described = carried.as_ref().map(|(id, _)| id.clone());
    html! {
        <div class="ac-goal" key={gid.clone()}>
            <ScaleInput
                id={ui.id(&format!("goal-{gid}"))}
                label={ui.f("goals.progress_label", &[("goal", &goal.text)])}
                low={ui.t("goals.progress_low")}
                high={ui.t("goals.progress_high")}
                value={props.draft.progress.get(&goal.id).copied()}
                on_rate={rate}
            />
            { for step_report }
            <label class="ac-field__label" for={next_id.clone()}>{ ui.t("goals.next_step.label") }</label>
            { for carried.map(|(_, hint)| hint) }
            <input id={next_id} class="ac-field__input" type="text" maxlength={goals::MAX_STEP_CHARS.to_string()}
                aria-describedby={described} value={next_value} oninput={on_next} />
            { for keep }
        </div>
    }
}

/// How last week's small step went: three choices, if the goal has a step.
fn outcome_choices(ui: &Ui, props: &CheckProps, goal: &Goal) -> Option<Html> {
    let gid = goal.id.to_string();
    goal.step.as_ref().map(|step| {
        let chosen = props.draft.outcomes.get(&goal.id).copied();
        let name = ui.id(&format!("outcome-{gid}"));
        let legend = ui.f("goals.step.label", &[("step", step)]);
        html! {
            <fieldset class="ac-outcome">
                <legend>{ legend }</legend>
                { for OUTCOMES.into_iter().map(|(outcome, key)| {
                    let dispatch = props.dispatch.clone();
                    let id = goal.id.clone();
                    let onchange = Callback::from(move |_: Event| dispatch.emit(Action::Outcome(id.clone(), outcome)));
                    html! {
                        <label class="ac-choice">
                            <input type="radio" name={name.clone()} checked={chosen == Some(outcome)} {onchange} />
                            { ui.t(key) }
                        </label>
                    }
                }) }
            </fieldset>
        }
    })
}

/// "Keep the same step": offered once the step's outcome is chosen and the
/// field holds something else; it puts the step back and focuses the field.
fn keep_step(
    ui: &Ui,
    props: &CheckProps,
    goal: &Goal,
    next_value: &str,
    next_id: &str,
) -> Option<Html> {
    goal
        .step
        .as_ref()
        .filter(|s| s.as_str() != next_value && props.draft.outcomes.contains_key(&goal.id))
        .map(|step| {
            let dispatch = props.dispatch.clone();
            let (id, step, field) = (goal.id.clone(), step.clone(), next_id.to_string());
            // The button goes once the step is back in the field: the
            // focus goes to the field, not to the page.
            let onclick = Callback::from(move |e: MouseEvent| {
                dispatch.emit(Action::NextStep(id.clone(), step.clone()));
                let target: web_sys::Element = e.target_unchecked_into();
                if let Some(input) = target
                    .owner_document()
                    .and_then(|d| d.get_element_by_id(&field))
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = input.focus();
                }
            });
            html! { <button type="button" class="ac-link ac-goal__keep" {onclick}>{ ui.t("goals.next_step.keep") }</button> }
        })
}

/// The small-step outcomes, in the order they are offered, with their words.
pub const OUTCOMES: [(StepOutcome, &str); 3] = [
    (StepOutcome::Done, "goals.step.done"),
    (StepOutcome::Partly, "goals.step.partly"),
    (StepOutcome::NotDone, "goals.step.not_done"),
];

/// "Small step “Walk to work”: Partly" (`None`: not reported yet).
pub fn step_report(ui: &Ui, step: &str, outcome: Option<StepOutcome>) -> String {
    let how = match OUTCOMES.iter().find(|(o, _)| Some(*o) == outcome) {
        Some((_, key)) => ui.t(key),
        None => ui.t("scale.unrated"),
    };
    ui.f("review.step_done", &[("step", step), ("outcome", &how)])
}
