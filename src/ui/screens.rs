//! What each screen of the state shows: every component gets the parts of
//! the state it renders (narrow props), the one `Callback<Action>`, and
//! `Effects` where it starts I/O (files, crypto, the door, the hand-over);
//! panels inside a screen (the hand-over, "Your copy") are rendered here
//! and passed in.

use yew::prelude::*;

use crate::core::record::RecordId;
use crate::ui::check::CheckFlow;
use crate::ui::context::Ui;
use crate::ui::data::DataPanel;
use crate::ui::effects::Effects;
use crate::ui::gate::SharedGate;
use crate::ui::goals::GoalManager;
use crate::ui::handover::GivePanel;
use crate::ui::history::History;
use crate::ui::notices::protection_block;
use crate::ui::profile::ProfileGate;
use crate::ui::protect::ProtectPanel;
use crate::ui::start::{HandedBack, StartScreen};
use crate::ui::state::{Action, Screen, State};
use crate::ui::summary::Saved;
use crate::ui::unlock::Unlock;

/// What the state's screen shows.
pub fn screen(state: &State, fx: &Effects, ui: &Ui, dispatch: &Callback<Action>) -> Html {
    match &state.screen {
        Screen::Start => html! { <StartScreen dispatch={dispatch.clone()} /> },
        Screen::Profile if state.setup.shared => html! {
            <SharedGate gate={state.gate.clone()} notice={state.notice.clone()} busy={state.busy}
                fx={fx.clone()} dispatch={dispatch.clone()} />
        },
        Screen::Profile => html! { <ProfileGate fx={fx.clone()} listed={state.listed.clone()} /> },
        Screen::HandedBack => html! { <HandedBack dispatch={dispatch.clone()} /> },
        Screen::Check => html! {
            <CheckFlow instrument={state.setup.instrument.clone()} draft={state.draft.clone()}
                doc={state.doc.clone()} steps={state.steps()} first_goal={state.wants_first_goal()}
                notice={state.notice.clone()} busy={state.busy} dispatch={dispatch.clone()} />
        },
        Screen::Saved { id, summary, kept } => html! {
            <>
                if !kept { <p class="ac-notice ac-notice--warn">{ ui.t("storage.unavailable") }</p> }
                { saved(state, fx, dispatch, id, *summary, *kept) }
            </>
        },
        Screen::History => history(state, fx, ui, dispatch),
        Screen::Unlock => {
            let on_close = state.setup.codes.then(|| {
                let dispatch = dispatch.clone();
                Callback::from(move |()| dispatch.emit(Action::CloseProfile))
            });
            html! { <Unlock fx={fx.clone()} busy={state.busy} {on_close} /> }
        }
        Screen::Goals => html! {
            <GoalManager doc={state.doc.clone()} new_goal={state.draft.new_goal.clone()}
                edits={state.draft.goal_edits.clone()} max_active={state.max_goals()}
                dispatch={dispatch.clone()} />
        },
    }
}

/// The screen after saving, with the hand-over the client may take.
fn saved(
    state: &State,
    fx: &Effects,
    dispatch: &Callback<Action>,
    id: &RecordId,
    summary: bool,
    kept: bool,
) -> Html {
    let give = state.profile.is_some().then(|| give(state, fx, true));
    let on_export = {
        let fx = fx.clone();
        Callback::from(move |format| fx.export(format))
    };
    html! {
        <Saved id={id.clone()} {summary} {kept} shared={state.setup.shared}
            instrument={state.setup.instrument.clone()} doc={state.doc.clone()} {give}
            nudge={state.nudge_due(crate::ui::now())} platform={fx.platform()} {on_export}
            dispatch={dispatch.clone()} />
    }
}

/// "Take it with you": the hand-over to the client's phone.
fn give(state: &State, fx: &Effects, secondary: bool) -> Html {
    if !cfg!(feature = "handover") {
        return Html::default();
    }
    html! {
        <GivePanel give={state.give.clone()} shared={state.setup.shared}
            protected={state.protection.is_on() && state.vault.is_none()}
            empty={state.doc.records.is_empty()} busy={state.busy} fx={fx.clone()} {secondary} />
    }
}

/// The history, with files, protection and the hand-over below it.
fn history(state: &State, fx: &Effects, ui: &Ui, dispatch: &Callback<Action>) -> Html {
    let protect = cfg!(feature = "protection").then(|| html! {
        <ProtectPanel vault={state.vault.is_some()} on={state.protection.is_on()}
            clear_copies={state.clear_copies.clone()} downloads={state.setup.downloads}
            busy={state.busy} fx={fx.clone()}
            unavailable={fx.protection_block().map(|b| AttrValue::from(protection_block(ui, b)))} />
    })
    .unwrap_or_default();
    let data = cfg!(feature = "data").then(|| html! {
        <DataPanel doc={state.doc.clone()} import={state.import.clone()} persisted={state.persisted}
            downloads={state.setup.downloads} protection={state.protection.clone()} busy={state.busy}
            give={give(state, fx, false)} fx={fx.clone()} />
    })
    .unwrap_or_default();
    html! {
        <>
            <History doc={state.doc.clone()} instrument={state.setup.instrument.clone()}
                page={state.page} pages={state.pages()} confirm_delete={state.confirm_delete.clone()}
                data={data.clone()} dispatch={dispatch.clone()} />
            // A child's pages keep files, protection and the
            // hand-over behind one door marked for grown-ups.
            if ui.kids {
                <details class="ac-grownups">
                    <summary class="ac-grownups__summary">{ ui.t("grownups.title") }</summary>
                    <p class="ac-check__intro">{ ui.t("grownups.intro") }</p>
                    { data }
                    { protect }
                </details>
            } else {
                { protect }
            }
        </>
    }
}
