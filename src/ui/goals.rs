//! The goal manager: add, reword, mark achieved, retire, make active again.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::{Change, Document};
use crate::core::goals::{self, Goal, GoalId, GoalStatus, MAX_GOAL_CHARS};
use crate::ui::context::{use_ui, Ui};
use crate::ui::state::{Action, Notice};
use crate::ui::{now, stamp};

/// Props of [`AddGoalForm`].
#[derive(Properties, PartialEq)]
pub struct AddGoalProps {
    /// The goal as typed so far (kept in the draft).
    pub value: AttrValue,
    /// Where typing and the goal added go.
    pub dispatch: Callback<Action>,
}

/// A text field and button that add one goal. Enter in the field adds it
/// too. What is typed is part of the draft, so it survives Next, Back and
/// a reload, and Next adds it.
#[component(AddGoalForm)]
pub fn add_goal_form(props: &AddGoalProps) -> Html {
    let ui = use_ui();
    let id = ui.id("new-goal");
    // The field is read when the goal is added, so a click right after
    // typing never adds an older text.
    let field = use_node_ref();
    let add = {
        let (dispatch, field) = (props.dispatch.clone(), field.clone());
        move || {
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                dispatch.emit(Action::AddGoal {
                    text: input.value(),
                    then: None,
                    stamp: stamp(),
                });
            }
        }
    };
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::NewGoal(input.value()));
        })
    };
    let onclick = {
        let add = add.clone();
        Callback::from(move |_: MouseEvent| add())
    };
    // The field sits inside the check's form: Enter adds the goal here
    // rather than moving on.
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
                <input {id} ref={field} class="ac-field__input" type="text" maxlength={MAX_GOAL_CHARS.to_string()}
                    value={props.value.clone()} {oninput} {onkeydown} />
                <button type="button" class="ac-button" {onclick}>{ ui.t("goals.manage.add") }</button>
            </div>
        </div>
    }
}

/// Props of [`GoalManager`].
#[derive(Properties, PartialEq)]
pub struct GoalManagerProps {
    /// The open profile's history (its goals).
    pub doc: Rc<Document>,
    /// A new goal as typed so far.
    pub new_goal: AttrValue,
    /// New wordings typed, by goal, while their editors are open.
    pub edits: BTreeMap<GoalId, String>,
    /// The instrument's limit of active goals.
    pub max_active: usize,
    /// Where typing and changes go.
    pub dispatch: Callback<Action>,
}

/// All goals: active ones with their actions, then achieved and retired.
#[component(GoalManager)]
pub fn goal_manager(props: &GoalManagerProps) -> Html {
    let ui = use_ui();
    let goals = &props.doc.goals;
    let active: Vec<&Goal> = goals::active(goals).collect();
    let past: Vec<&Goal> = goals
        .iter()
        .filter(|g| g.status != GoalStatus::Active)
        .collect();
    let max = props.max_active;
    let item = |g: &&Goal| {
        let editing = props.edits.get(&g.id).cloned().map(AttrValue::from);
        html! {
            <GoalItem key={g.id.to_string()} goal={(*g).clone()} max_active={max} {editing}
                dispatch={props.dispatch.clone()} />
        }
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
                <AddGoalForm value={props.new_goal.clone()} dispatch={props.dispatch.clone()} />
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
    /// The new wording as typed, while the editor is open (kept in the
    /// draft, so it survives a reload).
    pub editing: Option<AttrValue>,
    /// Where typing and changes go.
    pub dispatch: Callback<Action>,
}

/// One goal with its actions; rewording happens in place. Each button's
/// accessible name includes the goal, so "Set aside" is never ambiguous.
#[component(GoalItem)]
pub fn goal_item(props: &GoalItemProps) -> Html {
    let ui = use_ui();
    let field = use_node_ref();
    let goal = &props.goal;
    let named = |key: &str| format!("{} – {}", ui.t(key), goal.text);
    let edit = |text: Option<String>| {
        let (dispatch, id) = (props.dispatch.clone(), goal.id.clone());
        move || dispatch.emit(Action::GoalEdit(id.clone(), text.clone()))
    };
    let status_change = |status: GoalStatus| {
        let dispatch = props.dispatch.clone();
        let (id, max, text) = (goal.id.clone(), props.max_active, goal.text.clone());
        // Marking a goal achieved is worth a word; setting one aside says
        // it can come back.
        let notice = match status {
            GoalStatus::Achieved => Some(Notice::GoalAchieved(text)),
            GoalStatus::Retired => Some(Notice::GoalSetAside(text)),
            GoalStatus::Active => None,
        };
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Change(
                vec![Change::SetGoalStatus(id.clone(), status, now(), max)],
                notice.clone(),
            ))
        })
    };
    if let Some(typed) = &props.editing {
        return goal_editor(&ui, props, typed, &field);
    }
    let start_edit = {
        let open = edit(Some(goal.text.clone()));
        Callback::from(move |_: MouseEvent| open())
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

/// A goal being reworded in place: the field with the client's words, Save
/// and Cancel. A refused wording keeps it open with them.
fn goal_editor(ui: &Ui, props: &GoalItemProps, typed: &str, field: &NodeRef) -> Html {
    let goal = &props.goal;
    let id = ui.id(&format!("reword-{}", goal.id));
    let oninput = {
        let (dispatch, gid) = (props.dispatch.clone(), goal.id.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::GoalEdit(gid.clone(), Some(input.value())));
        })
    };
    // A refused wording keeps the editor open with the client's words.
    let save = {
        let (dispatch, gid, field) = (props.dispatch.clone(), goal.id.clone(), field.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                dispatch.emit(Action::RewordGoal(gid.clone(), input.value(), now()));
            }
        })
    };
    let cancel = {
        let (dispatch, gid) = (props.dispatch.clone(), goal.id.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::GoalEdit(gid.clone(), None)))
    };
    html! {
        <li class="ac-goals__item">
            <label class="ac-field__label" for={id.clone()}>{ ui.t("goals.manage.edit_label") }</label>
            <input {id} ref={field.clone()} class="ac-field__input" type="text" value={typed.to_string()} {oninput} maxlength={MAX_GOAL_CHARS.to_string()} />
            <div class="ac-goals__actions">
                <button type="button" class="ac-button ac-button--primary" onclick={save}>{ ui.t("goals.manage.save_wording") }</button>
                <button type="button" class="ac-button" onclick={cancel}>{ ui.t("goals.manage.cancel") }</button>
            </div>
        </li>
    }
}
