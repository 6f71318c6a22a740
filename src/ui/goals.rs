//! The goal manager: add, reword, mark achieved, retire, make active again.

use yew::prelude::*;

use crate::core::document::Change;
use crate::core::goals::{self, Goal, GoalStatus, MAX_GOAL_CHARS};
use crate::ui::context::use_ui;
use crate::ui::state::{Notice, State};
use crate::ui::{entropy, now};

/// Props of [`AddGoalForm`].
#[derive(Properties, PartialEq)]
pub struct AddGoalProps {
    /// Commit changes to the history.
    pub on_change: Callback<(Vec<Change>, Option<Notice>)>,
}

/// A text field and button that add one goal. The field is read when the
/// button is pressed, so fast typing followed by a click is never lost.
#[function_component(AddGoalForm)]
pub fn add_goal_form(props: &AddGoalProps) -> Html {
    let ui = use_ui();
    let field = use_node_ref();
    let id = ui.id("new-goal");
    let add = {
        let field = field.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(input) = field.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            on_change.emit((
                vec![Change::AddGoal {
                    text: input.value(),
                    at: now(),
                    entropy: entropy(),
                }],
                None,
            ));
            input.set_value("");
        })
    };
    html! {
        <div class="ac-add-goal">
            <label class="ac-field__label" for={id.clone()}>{ ui.t("goals.manage.add_label") }</label>
            <div class="ac-add-goal__row">
                <input {id} ref={field} class="ac-field__input" type="text" maxlength={MAX_GOAL_CHARS.to_string()} />
                <button type="button" class="ac-button" onclick={add}>{ ui.t("goals.manage.add") }</button>
            </div>
        </div>
    }
}

/// Props of [`GoalManager`].
#[derive(Properties, PartialEq)]
pub struct GoalManagerProps {
    /// The widget's state.
    pub state: UseReducerHandle<State>,
    /// Commit changes to the history.
    pub on_change: Callback<(Vec<Change>, Option<Notice>)>,
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
        .map_or(3, |g| usize::from(g.max_active));
    html! {
        <section class="ac-goals" aria-labelledby={ui.id("goals-title")}>
            <h3 class="ac-section__title" id={ui.id("goals-title")} tabindex="-1">{ ui.t("goals.manage.title") }</h3>
            <p class="ac-check__intro">{ ui.t("goals.manage.intro") }</p>
            <h4 class="ac-goals__subtitle">{ ui.t("goals.manage.active") }</h4>
            if active.is_empty() {
                <p>{ ui.t("goals.none") }</p>
            } else {
                <ul class="ac-goals__list">
                    { for active.iter().map(|g| html! { <GoalItem key={g.id.to_string()} goal={(*g).clone()} on_change={props.on_change.clone()} /> }) }
                </ul>
            }
            if active.len() < max {
                <AddGoalForm on_change={props.on_change.clone()} />
            }
            if !past.is_empty() {
                <h4 class="ac-goals__subtitle">{ ui.t("goals.manage.past") }</h4>
                <ul class="ac-goals__list">
                    { for past.iter().map(|g| html! { <GoalItem key={g.id.to_string()} goal={(*g).clone()} on_change={props.on_change.clone()} /> }) }
                </ul>
            }
        </section>
    }
}

/// Props of [`GoalItem`].
#[derive(Properties, PartialEq)]
pub struct GoalItemProps {
    /// The goal.
    pub goal: Goal,
    /// Commit changes to the history.
    pub on_change: Callback<(Vec<Change>, Option<Notice>)>,
}

/// One goal with its actions; rewording happens in place.
#[function_component(GoalItem)]
pub fn goal_item(props: &GoalItemProps) -> Html {
    let ui = use_ui();
    let editing = use_state(|| false);
    let field = use_node_ref();
    let goal = &props.goal;
    let change = |make: fn(&Goal) -> Change| {
        let on_change = props.on_change.clone();
        let goal = goal.clone();
        Callback::from(move |_: MouseEvent| on_change.emit((vec![make(&goal)], None)))
    };
    if *editing {
        let id = ui.id(&format!("reword-{}", goal.id));
        let save = {
            let on_change = props.on_change.clone();
            let editing = editing.clone();
            let gid = goal.id.clone();
            let field = field.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                    on_change.emit((
                        vec![Change::RewordGoal(gid.clone(), input.value(), now())],
                        None,
                    ));
                }
                editing.set(false);
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
                    <button type="button" class="ac-button" onclick={start_edit}>{ ui.t("goals.manage.reword") }</button>
                    <button type="button" class="ac-button" onclick={change(|g| Change::SetGoalStatus(g.id.clone(), GoalStatus::Achieved, now()))}>{ ui.t("goals.manage.achieved") }</button>
                    <button type="button" class="ac-button" onclick={change(|g| Change::SetGoalStatus(g.id.clone(), GoalStatus::Retired, now()))}>{ ui.t("goals.manage.retire") }</button>
                } else {
                    <button type="button" class="ac-button" onclick={change(|g| Change::SetGoalStatus(g.id.clone(), GoalStatus::Active, now()))}>{ ui.t("goals.manage.reactivate") }</button>
                }
            </div>
        </li>
    }
}
