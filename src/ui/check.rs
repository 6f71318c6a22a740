//! The check, step by step: scales → goals → open question → review → save.

use yew::prelude::*;

use crate::core::document::Change;
use crate::core::draft::CheckStep;
use crate::core::goals::{self, Goal};
use crate::core::record::StepOutcome;
use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::Effects;
use crate::ui::goals::AddGoalForm;
use crate::ui::scale::ScaleInput;
use crate::ui::state::{Action, State};

/// Props of [`CheckFlow`].
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// The widget's state (read, and dispatch plain UI actions).
    pub state: UseReducerHandle<State>,
    /// Save, discard, and add the first goal.
    pub fx: Effects,
}

fn step_key(step: CheckStep) -> &'static str {
    match step {
        CheckStep::Scales => "step.scales",
        CheckStep::Goals => "step.goals",
        CheckStep::Question => "step.question",
        CheckStep::Review => "step.review",
    }
}

/// The current step of the check with Back / Next (or Save) below it.
/// Focus moves to the step's heading whenever the step changes.
#[function_component(CheckFlow)]
pub fn check_flow(props: &CheckProps) -> Html {
    let ui = use_ui();
    let state = &props.state;
    let draft = &state.draft;
    let steps = draft.steps(&state.instrument);
    let here = steps.iter().position(|s| *s == draft.step).unwrap_or(0);
    // Discarding asks first: one mis-tap must not throw a check away.
    let confirm_discard = use_state(|| false);
    let back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::GoTo(state.draft.moved(&state.instrument, -1)))
        })
    };
    // Next and Save are both submit buttons (so Enter in a text field moves
    // on); the form decides which by the step it is on. They carry distinct
    // keys so a click on Next can never turn into a click on Save when the
    // step changes under the pointer.
    let last = here + 1 == steps.len();
    let on_submit = {
        let (state, fx) = (state.clone(), props.fx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if last {
                fx.save();
            } else {
                state.dispatch(Action::GoTo(state.draft.moved(&state.instrument, 1)));
            }
        })
    };
    let body = match draft.step {
        CheckStep::Scales => scales_step(&ui, state),
        CheckStep::Goals => goals_step(&ui, state, &props.fx),
        CheckStep::Question => question_step(&ui, state),
        CheckStep::Review => review_step(&ui, state),
    };
    let editing = draft.editing.as_ref().map(|r| {
        html! { <p class="ac-notice ac-notice--info">{ ui.f("history.editing", &[("date", &ui.date_time(r.at))]) }</p> }
    });
    html! {
        <form class="ac-check" onsubmit={on_submit} novalidate=true>
            { for editing }
            <p class="ac-check__progress">{ ui.f("step.progress", &[("n", &(here + 1).to_string()), ("total", &steps.len().to_string())]) }</p>
            <h3 class="ac-check__heading" tabindex="-1">{ ui.t(step_key(draft.step)) }</h3>
            { body }
            <div class="ac-check__nav">
                if here > 0 {
                    <button key="back" type="button" class="ac-button" onclick={back}>{ ui.t("step.back") }</button>
                }
                if last {
                    <button key="save" type="submit" class="ac-button ac-button--primary" disabled={state.busy}>{ ui.t("review.save") }</button>
                } else {
                    <button key="next" type="submit" class="ac-button ac-button--primary">{ ui.t("step.next") }</button>
                }
            </div>
            if !draft.is_blank() {
                <div class="ac-check__discard">
                    if *confirm_discard {
                        <div class="ac-confirm" role="group" aria-labelledby={ui.id("discard-text")}>
                            <p id={ui.id("discard-text")}>{ ui.t("history.confirm_discard") }</p>
                            <div class="ac-confirm__actions">
                                <button type="button" class="ac-button ac-button--danger"
                                    onclick={{
                                        let (fx, confirm) = (props.fx.clone(), confirm_discard.clone());
                                        Callback::from(move |_: MouseEvent| { confirm.set(false); fx.discard_draft() })
                                    }}>{ ui.t("history.confirm_discard_yes") }</button>
                                <button type="button" class="ac-button"
                                    onclick={{ let c = confirm_discard.clone(); Callback::from(move |_: MouseEvent| c.set(false)) }}>
                                    { ui.t("history.confirm_no") }</button>
                            </div>
                        </div>
                    } else {
                        <button type="button" class="ac-link"
                            onclick={{ let c = confirm_discard.clone(); Callback::from(move |_: MouseEvent| c.set(true)) }}>
                            { if draft.editing.is_some() { ui.t("history.cancel_edit") } else { ui.t("review.discard") } }
                        </button>
                    }
                </div>
            }
        </form>
    }
}

fn scales_step(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let lang = (ui.lang.as_str() != ui.texts.lang()).then(|| ui.lang.clone());
    html! {
        <>
            <p class="ac-check__intro">{ ui.t(if state.instrument.faces { "kids.intro" } else { "scales.intro" }) }</p>
            { for state.instrument.scales.iter().map(|scale| {
                let dispatch = state.dispatcher();
                let id = scale.id.clone();
                html! {
                    <ScaleInput
                        key={scale.id.clone()}
                        id={ui.id(&format!("scale-{}", scale.id))}
                        label={ui.pick(&scale.label)}
                        low={ui.pick(&scale.low)}
                        high={ui.pick(&scale.high)}
                        value={state.draft.ratings.get(&scale.id).copied()}
                        lang={lang.clone()}
                        faces={state.instrument.faces}
                        on_rate={Callback::from(move |r| dispatch.dispatch(Action::Rate(id.clone(), r)))}
                    />
                }
            }) }
        </>
    }
}

fn goals_step(ui: &Ui, state: &UseReducerHandle<State>, fx: &Effects) -> Html {
    if state.wants_first_goal() {
        let skip = {
            let fx = fx.clone();
            Callback::from(move |_: MouseEvent| fx.change(vec![Change::GoalIntroDone], None))
        };
        return html! {
            <div class="ac-first-goal">
                <p class="ac-check__intro"><strong>{ ui.t("goals.first.title") }</strong></p>
                <p class="ac-check__intro">{ ui.t("goals.first.intro") }</p>
                <AddGoalForm count={state.doc.goals.len()} fx={fx.clone()}
                    max_active={state.instrument.goals.as_ref().map_or(goals::MAX_ACTIVE, |g| usize::from(g.max_active))} />
                <button type="button" class="ac-link" onclick={skip}>{ ui.t("goals.first.skip") }</button>
            </div>
        };
    }
    let active: Vec<&Goal> = goals::active(&state.doc.goals).collect();
    if active.is_empty() {
        return html! { <p class="ac-check__intro">{ ui.t("goals.none") }</p> };
    }
    html! {
        <>
            <p class="ac-check__intro">{ ui.t("goals.intro") }</p>
            { for active.into_iter().map(|goal| goal_block(ui, state, goal)) }
        </>
    }
}

fn goal_block(ui: &Ui, state: &UseReducerHandle<State>, goal: &Goal) -> Html {
    let gid = goal.id.to_string();
    let rate = {
        let dispatch = state.dispatcher();
        let id = goal.id.clone();
        Callback::from(move |r| dispatch.dispatch(Action::RateGoal(id.clone(), r)))
    };
    let step_report = goal.step.as_ref().map(|step| {
        let chosen = state.draft.outcomes.get(&goal.id).copied();
        let name = ui.id(&format!("outcome-{gid}"));
        let legend = ui.f("goals.step.label", &[("step", step)]);
        let options = [
            (StepOutcome::Done, "goals.step.done"),
            (StepOutcome::Partly, "goals.step.partly"),
            (StepOutcome::NotDone, "goals.step.not_done"),
        ];
        html! {
            <fieldset class="ac-outcome">
                <legend>{ legend }</legend>
                { for options.into_iter().map(|(outcome, key)| {
                    let dispatch = state.dispatcher();
                    let id = goal.id.clone();
                    let onchange = Callback::from(move |_: Event| dispatch.dispatch(Action::Outcome(id.clone(), outcome)));
                    html! {
                        <label class="ac-choice">
                            <input type="radio" name={name.clone()} checked={chosen == Some(outcome)} {onchange} />
                            { ui.t(key) }
                        </label>
                    }
                }) }
            </fieldset>
        }
    });
    let next_id = ui.id(&format!("next-{gid}"));
    let next_value = state
        .draft
        .next_steps
        .get(&goal.id)
        .cloned()
        .unwrap_or_default();
    let on_next = {
        let dispatch = state.dispatcher();
        let id = goal.id.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::NextStep(id.clone(), input.value()));
        })
    };
    html! {
        <div class="ac-goal" key={gid.clone()}>
            <ScaleInput
                id={ui.id(&format!("goal-{gid}"))}
                label={ui.f("goals.progress_label", &[("goal", &goal.text)])}
                low={ui.t("goals.progress_low")}
                high={ui.t("goals.progress_high")}
                value={state.draft.progress.get(&goal.id).copied()}
                on_rate={rate}
            />
            { for step_report }
            <label class="ac-field__label" for={next_id.clone()}>{ ui.t("goals.next_step.label") }</label>
            <input id={next_id} class="ac-field__input" type="text" maxlength={goals::MAX_STEP_CHARS.to_string()}
                value={next_value} oninput={on_next} />
        </div>
    }
}

fn question_step(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let Some(question) = &state.instrument.question else {
        return html! {};
    };
    let id = ui.id("comment");
    let hint_id = ui.id("comment-hint");
    let counter_id = ui.id("comment-counter");
    let max = question.max_length.to_string();
    let used = state.draft.comment.chars().count().to_string();
    let oninput = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Comment(area.value()));
        })
    };
    html! {
        <div class="ac-field">
            <label class="ac-field__label" for={id.clone()}>{ ui.pick(&question.text) }</label>
            <p class="ac-field__hint" id={hint_id.clone()}>{ ui.f("question.hint", &[("max", &max)]) }</p>
            <textarea id={id} class="ac-field__input ac-field__input--area" rows="4"
                maxlength={max.clone()} aria-describedby={format!("{hint_id} {counter_id}")}
                value={state.draft.comment.clone()} {oninput} />
            <p class="ac-field__counter" id={counter_id}>{ ui.f("question.counter", &[("used", &used), ("max", &max)]) }</p>
        </div>
    }
}

fn review_step(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let draft = &state.draft;
    let rows = state.instrument.scales.iter().map(|s| {
        let v = draft
            .ratings
            .get(&s.id)
            .map_or_else(|| ui.t("scale.unrated"), |r| ui.num(*r));
        html! { <tr><th scope="row">{ ui.pick(&s.label) }</th><td>{ v }</td></tr> }
    });
    let goal_rows = if draft.editing.is_none() {
        goals::active(&state.doc.goals)
            .map(|g| {
                let v = draft
                    .progress
                    .get(&g.id)
                    .map_or_else(|| ui.t("review.goal_unrated"), |r| ui.num(*r));
                html! { <tr><th scope="row">{ &g.text }</th><td>{ v }</td></tr> }
            })
            .collect::<Html>()
    } else {
        html! {}
    };
    let comment = draft.comment.trim();
    let choice = |show: bool, key: &str| {
        let dispatch = state.dispatcher();
        let onchange = Callback::from(move |_: Event| dispatch.dispatch(Action::ShowSummary(show)));
        html! {
            <label class="ac-choice">
                <input type="radio" name={ui.id("summary-choice")} checked={draft.show_summary == show} {onchange} />
                { ui.t(key) }
            </label>
        }
    };
    html! {
        <>
            <p class="ac-check__intro">{ ui.t("review.intro") }</p>
            <table class="ac-review">
                <tbody>{ for rows }{ goal_rows }</tbody>
            </table>
            if state.instrument.question.is_some() {
                <p class="ac-review__comment">
                    { if comment.is_empty() { ui.t("review.comment_none") } else { comment.to_string() } }
                </p>
            }
            if draft.editing.is_none() {
                <fieldset class="ac-outcome">
                    <legend>{ ui.t("review.summary_choice") }</legend>
                    { choice(true, "review.summary_now") }
                    { choice(false, "review.summary_later") }
                </fieldset>
            }
        </>
    }
}
