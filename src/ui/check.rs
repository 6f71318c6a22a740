//! The check, step by step: scales → goals → the open question with the
//! review → save. Every field is part of the draft, so Back, Next and a
//! reload never lose what was typed.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::draft::CheckStep;
use crate::core::goals::{self, Goal};
use crate::core::record::StepOutcome;
use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::Effects;
use crate::ui::goals::AddGoalForm;
use crate::ui::scale::{rating_view, ScaleInput};
use crate::ui::state::{Action, Notice, State};

/// Props of [`CheckFlow`].
#[derive(Properties, PartialEq)]
pub struct CheckProps {
    /// The widget's state (read, and dispatch plain UI actions).
    pub state: UseReducerHandle<State>,
    /// Next, Save, discard, goals.
    pub fx: Effects,
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
    let state = &props.state;
    let draft = &state.draft;
    let steps = state.steps();
    let here = steps.iter().position(|s| *s == draft.step).unwrap_or(0);
    let last = here + 1 == steps.len();
    let back = {
        let fx = props.fx.clone();
        Callback::from(move |_: MouseEvent| fx.back())
    };
    // Next and Save are both submit buttons (so Enter in a text field moves
    // on); the effect decides by the step. They carry distinct keys so a
    // click on Next can never turn into a click on Save when the step
    // changes under the pointer.
    let on_submit = {
        let fx = props.fx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            fx.next();
        })
    };
    let body = match draft.step {
        CheckStep::Scales => scales_step(&ui, state),
        CheckStep::Goals => goals_step(&ui, state, &props.fx),
        CheckStep::Review => review_step(&ui, state),
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
                    <button key="save" type="submit" class="ac-button ac-button--primary" disabled={state.busy}>{ ui.t("review.save") }</button>
                } else {
                    <button key="next" type="submit" class="ac-button ac-button--primary" disabled={state.busy}>{ ui.t("step.next") }</button>
                }
            </div>
            <Discard blank={draft.is_blank()} correcting={draft.editing.is_some()} fx={props.fx.clone()} />
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
    fx: Effects,
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
        let (fx, confirm) = (props.fx.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            confirm.set(false);
            fx.discard_draft()
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
fn unrated_message(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let Some(Notice::Unrated(ids)) = &state.notice else {
        return html! {};
    };
    let links = ids.iter().filter_map(|id| {
        let scale = state.instrument.scale(id)?;
        let dispatch = state.dispatcher();
        let id = id.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::FixScale(id.clone())));
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

fn scales_step(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let lang = (ui.lang.as_str() != ui.texts.lang()).then(|| ui.lang.clone());
    html! {
        <>
            <p class="ac-check__intro">{ ui.t("scales.intro") }</p>
            { unrated_message(ui, state) }
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
                        missing={matches!(&state.notice, Some(Notice::Unrated(ids)) if ids.contains(&scale.id))}
                        on_rate={Callback::from(move |r| dispatch.dispatch(Action::Rate(id.clone(), r)))}
                    />
                }
            }) }
        </>
    }
}

fn goals_step(ui: &Ui, state: &UseReducerHandle<State>, fx: &Effects) -> Html {
    if state.wants_first_goal() {
        let later = {
            let fx = fx.clone();
            Callback::from(move |_: MouseEvent| fx.first_goal_later())
        };
        return html! {
            <div class="ac-first-goal">
                <p class="ac-check__intro"><strong>{ ui.t("goals.first.title") }</strong></p>
                <p class="ac-check__intro">{ ui.t("goals.first.intro") }</p>
                <AddGoalForm value={state.draft.new_goal.clone()} dispatch={state.dispatcher()} fx={fx.clone()} />
                <button type="button" class="ac-link" onclick={later}>{ ui.t("goals.first.skip") }</button>
            </div>
        };
    }
    let active: Vec<&Goal> = goals::active(&state.doc.goals).collect();
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
        html! {
            <fieldset class="ac-outcome">
                <legend>{ legend }</legend>
                { for OUTCOMES.into_iter().map(|(outcome, key)| {
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
    // Last week's step, carried into the field (not done, or partly) or
    // offered with one tap: an unfinished step is never dropped silently.
    let carried = goal.step.as_ref().filter(|s| **s == next_value).map(|_| {
        let hint_id = ui.id(&format!("next-{gid}-carried"));
        (hint_id.clone(), html! { <p class="ac-field__hint" id={hint_id}>{ ui.t("goals.next_step.carried") }</p> })
    });
    let keep = goal
        .step
        .as_ref()
        .filter(|s| **s != next_value && state.draft.outcomes.contains_key(&goal.id))
        .map(|step| {
            let dispatch = state.dispatcher();
            let (id, step, field) = (goal.id.clone(), step.clone(), next_id.clone());
            // The button goes once the step is back in the field: the
            // focus goes to the field, not to the page.
            let onclick = Callback::from(move |e: MouseEvent| {
                dispatch.dispatch(Action::NextStep(id.clone(), step.clone()));
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
        });
    let described = carried.as_ref().map(|(id, _)| id.clone());
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
            { for carried.map(|(_, hint)| hint) }
            <input id={next_id} class="ac-field__input" type="text" maxlength={goals::MAX_STEP_CHARS.to_string()}
                aria-describedby={described} value={next_value} oninput={on_next} />
            { for keep }
        </div>
    }
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

fn question(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let Some(question) = &state.instrument.question else {
        return html! {};
    };
    let id = ui.id("comment");
    let hint_id = ui.id("comment-hint");
    let counter_id = ui.id("comment-counter");
    let max_n = usize::from(question.max_length);
    let used_n = state.draft.comment.chars().count();
    let used = used_n.to_string();
    // A pasted text longer than allowed is kept whole (never cut mid-word
    // without a word); the counter says by how much to shorten it, and Save
    // asks for it. Only far beyond (four times the limit) does the field
    // stop taking more, so a runaway paste cannot fill the kept draft.
    let over = used_n.saturating_sub(max_n);
    let counter = if over > 0 {
        ui.f(
            "question.over",
            &[
                ("used", &used),
                ("max", &max_n.to_string()),
                ("over", &over.to_string()),
            ],
        )
    } else {
        ui.count("question.counter", "max", max_n, &[("used", &used)])
    };
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
            <p class="ac-field__hint" id={hint_id.clone()}>{ ui.count("question.hint", "max", max_n, &[]) }</p>
            <textarea id={id} class="ac-field__input ac-field__input--area" rows="3"
                maxlength={(max_n * 4).to_string()}
                aria-describedby={format!("{hint_id} {counter_id}")} aria-invalid={(over > 0).to_string()}
                value={state.draft.comment.clone()} {oninput} />
            <p class={classes!("ac-field__counter", (over > 0).then_some("is-over"))} id={counter_id}>{ counter }</p>
        </div>
    }
}

/// The last step: the open question, then everything at a glance (with a
/// link to any scale still unrated) and the choice of a summary.
fn review_step(ui: &Ui, state: &UseReducerHandle<State>) -> Html {
    let draft = &state.draft;
    let rows = state.instrument.scales.iter().map(|s| {
        let value = match draft.ratings.get(&s.id) {
            Some(r) => rating_view(ui, *r),
            None => {
                let dispatch = state.dispatcher();
                let id = s.id.clone();
                let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::FixScale(id.clone())));
                html! {
                    <>
                        <span class="ac-review__missing">{ ui.t("scale.unrated") }</span>{ " " }
                        <button type="button" class="ac-link" {onclick}
                            aria-label={ui.f("review.rate_named", &[("label", &ui.pick(&s.label))])}>{ ui.t("review.rate") }</button>
                    </>
                }
            }
        };
        html! { <tr><th scope="row">{ ui.pick(&s.label) }</th><td>{ value }</td></tr> }
    });
    let goal_rows = if draft.editing.is_none() {
        goals::active(&state.doc.goals)
            .map(|g| goal_review(ui, state, g))
            .collect::<Html>()
    } else {
        html! {}
    };
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
            { question(ui, state) }
            { unrated_message(ui, state) }
            <h4 class="ac-review__title">{ ui.t("review.answers") }</h4>
            <table class="ac-review">
                <tbody>{ for rows }{ goal_rows }</tbody>
            </table>
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

/// A goal in the review: its progress, how last week's small step went and
/// the one set for the coming week.
fn goal_review(ui: &Ui, state: &State, goal: &Goal) -> Html {
    let draft = &state.draft;
    let progress = draft
        .progress
        .get(&goal.id)
        .map_or_else(|| ui.t("scale.unrated"), |r| ui.num(*r));
    let outcome = goal.step.as_ref().map(|step| {
        let report = step_report(ui, step, draft.outcomes.get(&goal.id).copied());
        html! { <p class="ac-review__step">{ report }</p> }
    });
    let next = draft
        .next_steps
        .get(&goal.id)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| html! { <p class="ac-review__step">{ ui.f("review.step_next", &[("step", s)]) }</p> });
    let steps = (outcome.is_some() || next.is_some()).then(|| {
        html! { <tr class="ac-review__steps"><td colspan="2">{ for outcome }{ for next }</td></tr> }
    });
    html! {
        <>
            <tr>
                <th scope="row">{ ui.f("goals.progress_label", &[("goal", &goal.text)]) }</th>
                <td>{ progress }</td>
            </tr>
            { for steps }
        </>
    }
}
