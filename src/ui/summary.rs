//! After saving: thanks, and — if the client chose it — today against last
//! time with the talk prompts.

use yew::prelude::*;

use crate::core::prompts::{talk_prompts, TalkPrompt};
use crate::core::record::{Record, RecordId};
use crate::ui::context::{use_ui, Ui};
use crate::ui::state::{Action, Screen, State};

/// Props of [`Saved`].
#[derive(Properties, PartialEq)]
pub struct SavedProps {
    /// The widget's state.
    pub state: UseReducerHandle<State>,
    /// The record just saved.
    pub id: RecordId,
    /// Show the summary now.
    pub summary: bool,
}

/// The screen after saving.
#[function_component(Saved)]
pub fn saved(props: &SavedProps) -> Html {
    let ui = use_ui();
    let state = &props.state;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let shared = state.shared;
    let again = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(if shared {
                Action::HandBack
            } else {
                Action::Show(Screen::Check)
            })
        })
    };
    let record = state.doc.record(&props.id);
    let when = record.map(|r| ui.f("saved.when", &[("date", &ui.date_time(r.at))]));
    html! {
        <section class="ac-saved" aria-labelledby={ui.id("saved-title")}>
            <h3 class="ac-section__title" id={ui.id("saved-title")} tabindex="-1" ref={heading}>{ if shared { ui.t("shared.handback.title") } else { ui.t("saved.title") } }</h3>
            if let Some(when) = when { <p>{ when }</p> }
            if props.summary {
                if let Some(record) = record { { summary(&ui, state, record) } }
            } else if !shared {
                <p>{ ui.t("saved.kept_for_history") }</p>
            }
            <button type="button" class="ac-button" onclick={again}>
                { if shared { ui.t("shared.handback.done") } else { ui.t("saved.new_check") } }
            </button>
        </section>
    }
}

fn summary(ui: &Ui, state: &State, record: &Record) -> Html {
    let previous = state.doc.previous_of(record);
    let prompts = talk_prompts(&state.instrument, record, previous);
    let label_of = |id: &str| {
        state
            .instrument
            .scale(id)
            .map_or_else(|| id.to_string(), |s| ui.pick(&s.label))
    };
    let rows = state.instrument.scales.iter().map(|s| {
        let today = record.ratings.get(&s.id).map(|r| ui.num(*r)).unwrap_or_default();
        let last = previous
            .and_then(|p| p.ratings.get(&s.id))
            .map_or_else(|| "–".to_string(), |r| ui.num(*r));
        html! { <tr><th scope="row">{ ui.pick(&s.label) }</th><td>{ today }</td><td>{ last }</td></tr> }
    });
    let goal_rows = record.goals.iter().map(|g| {
        let last = previous
            .and_then(|p| p.goal_progress(&g.goal))
            .map_or_else(|| "–".to_string(), |r| ui.num(r));
        html! { <tr><th scope="row">{ ui.f("goals.progress_label", &[("goal", &g.text)]) }</th><td>{ ui.num(g.progress) }</td><td>{ last }</td></tr> }
    });
    let prompt_text = |p: &TalkPrompt| match p {
        TalkPrompt::Below { scale, value, .. } => ui.f(
            "prompt.below",
            &[("scale", &label_of(scale)), ("value", &ui.num(*value))],
        ),
        TalkPrompt::Dropped { scale, from, to } => ui.f(
            "prompt.dropped",
            &[
                ("scale", &label_of(scale)),
                ("from", &ui.num(*from)),
                ("to", &ui.num(*to)),
            ],
        ),
        TalkPrompt::Ceiling => ui.t("prompt.ceiling"),
        TalkPrompt::GoalDropped { text, from, to, .. } => ui.f(
            "prompt.goal_dropped",
            &[
                ("goal", text),
                ("from", &ui.num(*from)),
                ("to", &ui.num(*to)),
            ],
        ),
    };
    html! {
        <div class="ac-summary">
            <h4 class="ac-summary__title">{ ui.t("summary.title") }</h4>
            if previous.is_none() { <p>{ ui.t("summary.first") }</p> }
            <table class="ac-review">
                <thead><tr><td></td><th scope="col">{ ui.t("summary.today") }</th><th scope="col">{ ui.t("summary.last_time") }</th></tr></thead>
                <tbody>{ for rows }{ for goal_rows }</tbody>
            </table>
            <h4 class="ac-summary__title">{ ui.t("summary.prompts_title") }</h4>
            if prompts.is_empty() {
                <p>{ ui.t("summary.no_prompts") }</p>
            } else {
                <ul class="ac-prompts">
                    { for prompts.iter().map(|p| html! { <li class="ac-prompts__item">{ prompt_text(p) }</li> }) }
                </ul>
            }
        </div>
    }
}
