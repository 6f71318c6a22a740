//! The goal manager: add, reword, mark achieved, retire, make active again.

use yew::prelude::*;

use crate::core::document::Change;
use crate::core::goals::{self, Goal, GoalStatus, MAX_GOAL_CHARS};
use crate::ui::context::use_ui;
use crate::ui::effects::Effects;
use crate::ui::state::State;
use crate::ui::{entropy, now};

/// Props of [`AddGoalForm`].
#[derive(Properties, PartialEq)]
pub struct AddGoalProps {
    /// How many goals the profile has; when it grows, the goal was added
    /// and the field is emptied (a refused goal keeps its words).
    pub count: usize,
    /// The instrument's limit of active goals.
    pub max_active: usize,
    /// Adds the goal to the history.
    pub fx: Effects,
}

/// A text field and button that add one goal. Enter in the field adds it
/// too. The field is read when the goal is added, so fast typing followed
/// by a click is never lost.
#[function_component(AddGoalForm)]
pub fn add_goal_form(props: &AddGoalProps) -> Html {
    let ui = use_ui();
    let field = use_node_ref();
    let id = ui.id("new-goal");
    {
        let field = field.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(props.count, move |_| {
            if !std::mem::take(&mut *first.borrow_mut()) {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    input.set_value("");
                }
            }
        });
    }
    let add = {
        let field = field.clone();
        let fx = props.fx.clone();
        let max_active = props.max_active;
        move || {
            let Some(input) = field.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let goal = Change::AddGoal {
                text: input.value(),
                at: now(),
                entropy: entropy(),
                max_active,
            };
            fx.change(vec![goal], None);
        }
    };
    let onclick = {
        let add = add.clone();
        Callback::from(move |_: MouseEvent| add())
    };
    // The field sits inside the check's form: Enter must add the goal, not
    // move to the next step and lose what was typed.
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            add();
        }
    });
    html! {
        <div class="ac-add-goal">
            <label class="ac-field__label" for={id.clone()}>{ ui.t("goals.manage.add_label") }</label>
            <div class="ac-add-goal__row">
                <input {id} ref={field} class="ac-field__input" type="text" maxlength={MAX_GOAL_CHARS.to_string()} {onkeydown} />
                <button type="button" class="ac-button" {onclick}>{ ui.t("goals.manage.add") }</button>
            </div>
        </div>
    }
}

/// Props of [`GoalManager`].
#[derive(Properties, PartialEq)]
pub struct GoalManagerProps {
    /// The widget's state.
    pub state: UseReducerHandle<State>,
    /// Changes goals in the history.
    pub fx: Effects,
}

/// All goals: active ones with their actions, then achieved and retired.
#[function_component(GoalManager)]
pub fn goal_manager(props: &GoalManagerProps) -> Html {
    let ui = use_ui();
    let goals = &props.state.doc.goals;
    let active: Vec<&Goal> = goals::active(goals).collect();
    let past: Vec<&Goal> = goals
        .iter()
        .filter(|g| g.status != GoalStatus::Active)
        .collect();
    let max = props
        .state
        .instrument
        .goals
        .as_ref()
        .map_or(goals::MAX_ACTIVE, |g| usize::from(g.max_active));
    let item = |g: &&Goal| {
        html! { <GoalItem key={g.id.to_string()} goal={(*g).clone()} max_active={max} fx={props.fx.clone()} /> }
    };
    html! {
        <section class="ac-goals" aria-labelledby={ui.id("goals-title")}>
            <h3 class="ac-section__title" id={ui.id("goals-title")} tabindex="-1">{ ui.t("goals.manage.title") }</h3>
            <p class="ac-check__intro">{ ui.t("goals.manage.intro") }</p>
            <h4 class="ac-goals__subtitle">{ ui.t("goals.manage.active") }</h4>
            if active.is_empty() {
                <p>{ ui.t("goals.none") }</p>
            } else {
                <ul class="ac-goals__list">{ for active.iter().map(item) }</ul>
            }
            if active.len() < max {
                <AddGoalForm count={goals.len()} max_active={max} fx={props.fx.clone()} />
            }
            if !past.is_empty() {
                <h4 class="ac-goals__subtitle">{ ui.t("goals.manage.past") }</h4>
                <ul class="ac-goals__list">{ for past.iter().map(item) }</ul>
            }
        </section>
    }
}

/// Props of [`GoalItem`].
#[derive(Properties, PartialEq)]
pub struct GoalItemProps {
    /// The goal.
    pub goal: Goal,
    /// The instrument's limit of active goals.
    pub max_active: usize,
    /// Changes the goal in the history.
    pub fx: Effects,
}

/// One goal with its actions; rewording happens in place. Each button's
/// accessible name includes the goal, so "Retire" is never ambiguous.
#[function_component(GoalItem)]
pub fn goal_item(props: &GoalItemProps) -> Html {
    let ui = use_ui();
    let editing = use_state(|| false);
    let field = use_node_ref();
    let goal = &props.goal;
    {
        // Close the editor once the new wording is stored (a refused one
        // keeps the editor open with the client's words).
        let editing = editing.clone();
        use_effect_with(goal.text.clone(), move |_| editing.set(false));
    }
    let named = |key: &str| format!("{} – {}", ui.t(key), goal.text);
    let status_change = |status: GoalStatus| {
        let fx = props.fx.clone();
        let (id, max) = (goal.id.clone(), props.max_active);
        Callback::from(move |_: MouseEvent| {
            fx.change(
                vec![Change::SetGoalStatus(id.clone(), status, now(), max)],
                None,
            )
        })
    };
    if *editing {
        let id = ui.id(&format!("reword-{}", goal.id));
        let save = {
            let fx = props.fx.clone();
            let gid = goal.id.clone();
            let field = field.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    fx.change(
                        vec![Change::RewordGoal(gid.clone(), input.value(), now())],
                        None,
                    );
                }
            })
        };
        let cancel = {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(false))
        };
        return html! {
            <li class="ac-goals__item">
                <label class="ac-field__label" for={id.clone()}>{ ui.t("goals.manage.edit_label") }</label>
                <input {id} ref={field} class="ac-field__input" type="text" value={goal.text.clone()} maxlength={MAX_GOAL_CHARS.to_string()} />
                <div class="ac-goals__actions">
                    <button type="button" class="ac-button ac-button--primary" onclick={save}>{ ui.t("goals.manage.save_wording") }</button>
                    <button type="button" class="ac-button" onclick={cancel}>{ ui.t("goals.manage.cancel") }</button>
                </div>
            </li>
        };
    }
    let start_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(true))
    };
    let status = match goal.status {
        GoalStatus::Active => None,
        GoalStatus::Achieved => Some(ui.t("goals.manage.status.achieved")),
        GoalStatus::Retired => Some(ui.t("goals.manage.status.retired")),
    };
    html! {
        <li class="ac-goals__item">
            <p class="ac-goals__text">
                { &goal.text }
                if let Some(status) = status { <span class="ac-goals__status">{ format!(" ({status})") }</span> }
            </p>
            if let Some(step) = &goal.step {
                <p class="ac-goals__step">{ ui.f("goals.step.label", &[("step", step)]) }</p>
            }
            <div class="ac-goals__actions">
                if goal.status == GoalStatus::Active {
                    <button type="button" class="ac-button" onclick={start_edit} aria-label={named("goals.manage.reword")}>{ ui.t("goals.manage.reword") }</button>
                    <button type="button" class="ac-button" onclick={status_change(GoalStatus::Achieved)} aria-label={named("goals.manage.achieved")}>{ ui.t("goals.manage.achieved") }</button>
                    <button type="button" class="ac-button" onclick={status_change(GoalStatus::Retired)} aria-label={named("goals.manage.retire")}>{ ui.t("goals.manage.retire") }</button>
                } else {
                    <button type="button" class="ac-button" onclick={status_change(GoalStatus::Active)} aria-label={named("goals.manage.reactivate")}>{ ui.t("goals.manage.reactivate") }</button>
                }
            </div>
        </li>
    }
}
