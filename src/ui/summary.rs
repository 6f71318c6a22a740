//! After saving: thanks, and — if the client chose it — today against last
//! time, with one line for each kind of thing worth talking about (what went
//! up as well as what went down) and the small steps.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::Document;
use crate::core::instrument::Instrument;
use crate::core::prompts::{talk, Moved, Talk};
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordId};
use crate::ui::check::step_report;
use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::{Format, Platform};
use crate::ui::now;
use crate::ui::scale::rating_view;
use crate::ui::state::{Action, Screen};

/// Props of [`Saved`].
#[derive(Properties, PartialEq)]
pub struct SavedProps {
    /// The record just saved.
    pub id: RecordId,
    /// Show the summary now.
    pub summary: bool,
    /// What is saved outlives the page.
    pub kept: bool,
    /// A shared screen: this is the hand-back screen.
    pub shared: bool,
    /// What is asked (the summary's scales).
    pub instrument: Rc<Instrument>,
    /// The history with the record.
    pub doc: Rc<Document>,
    /// The hand-over to the client's phone, rendered by the root: offered
    /// here on a shared screen, and in the card about keeping the history.
    pub give: Option<Html>,
    /// The card about keeping the history safe is due
    /// ([`State::nudge_due`](crate::ui::state::State::nudge_due)).
    pub nudge: bool,
    /// Which words "add to the home screen" needs here.
    pub platform: Platform,
    /// Downloads a copy.
    pub on_export: Callback<Format>,
    /// Where the buttons go.
    pub dispatch: Callback<Action>,
}

/// The screen after saving. On a shared screen it is the hand-back screen:
/// thanks and Done, nothing of the client's unless they asked for it.
#[component(Saved)]
pub fn saved(props: &SavedProps) -> Html {
    let ui = use_ui();
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let shared = props.shared;
    let again = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(if shared {
                Action::HandBack
            } else {
                Action::Show(Screen::Check)
            })
        })
    };
    let kept = props.kept;
    // The summary kept for later can be seen now after all.
    let see = {
        let dispatch = props.dispatch.clone();
        let id = props.id.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Show(Screen::Saved {
                id: id.clone(),
                summary: true,
                kept,
            }))
        })
    };
    let record = props.doc.record(&props.id);
    // A child's page keeps the card for the grown-ups, under "My faces".
    let nudge = props.nudge && !ui.kids;
    let when = record.map(|r| ui.f("saved.when", &[("date", &ui.date_time(r.at))]));
    html! {
        <section class={classes!("ac-saved", shared.then_some("ac-handback"))} aria-labelledby={ui.id("saved-title")}>
            <h3 class="ac-section__title" id={ui.id("saved-title")} tabindex="-1" ref={heading}>{ if shared { ui.t("shared.saved.title") } else { ui.t("saved.title") } }</h3>
            if let Some(when) = when { <p>{ when }</p> }
            if props.summary {
                if let Some(record) = record { { summary(&ui, props, record) } }
            } else if record.is_some() {
                if !shared { <p>{ ui.t("saved.kept_for_history") }</p> }
                <button type="button" class="ac-button" onclick={see}>{ ui.t("saved.see_summary") }</button>
            }
            // The client's own copy goes to their phone while they still
            // hold the device, not after they hand it back.
            if shared { { props.give.clone().unwrap_or_default() } }
            if shared { <p class="ac-check__intro">{ ui.t("shared.saved.finish_hint") }</p> }
            if nudge {
                <BackupNudge platform={props.platform} give={props.give.clone()}
                    on_export={props.on_export.clone()} dispatch={props.dispatch.clone()} />
            }
            <button type="button" class={classes!("ac-button", shared.then_some("ac-button--primary ac-button--large"))} onclick={again}>
                { if shared { ui.t("shared.saved.finish") } else { ui.t("saved.new_check") } }
            </button>
        </section>
    }
}

/// "How we worked (9.6 → 8.0), Our connection (9.0 → 10)".
fn list(ui: &Ui, items: &[Moved], name: impl Fn(&str) -> String, both: bool) -> String {
    items
        .iter()
        .map(|m| {
            if both {
                format!("{} ({} → {})", name(&m.name), ui.num(m.from), ui.num(m.to))
            } else {
                format!("{} ({})", name(&m.name), ui.num(m.to))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per kind of thing worth talking about: a low bond first, on
/// its own line (it may mean the client did not feel safe), then good
/// news, then the rest.
pub fn talk_lines(ui: &Ui, instrument: &Instrument, t: &Talk) -> Vec<String> {
    let scale = |id: &str| {
        instrument
            .scale(id)
            .map_or_else(|| id.to_string(), |s| ui.pick(&s.label))
    };
    let goal = |text: &str| text.to_string();
    let kinds = [
        ("summary.rose", list(ui, &t.rose, scale, true)),
        ("summary.goals_rose", list(ui, &t.goals_rose, goal, true)),
        ("summary.dropped", list(ui, &t.dropped, scale, true)),
        ("summary.below", list(ui, &t.below, scale, false)),
        (
            "summary.goals_dropped",
            list(ui, &t.goals_dropped, goal, true),
        ),
    ];
    let mut lines: Vec<String> = t
        .felt_low
        .iter()
        .map(|m| {
            let item = list(ui, std::slice::from_ref(m), scale, false);
            ui.f("summary.felt_low", &[("list", &item)])
        })
        .collect();
    lines.extend(
        kinds
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(key, items)| ui.f(key, &[("list", &items)])),
    );
    if t.ceiling {
        lines.push(ui.t("summary.ceiling"));
    }
    lines
}

/// Each goal's small step: how last week's went, and the one for the
/// coming week.
fn small_steps(ui: &Ui, props: &SavedProps, record: &Record) -> Html {
    let items: Vec<Html> = record
        .goals
        .iter()
        .filter_map(|g| {
            let done = g
                .step
                .as_ref()
                .map(|s| step_report(ui, &s.text, Some(s.outcome)));
            let next = props
                .doc
                .goals
                .iter()
                .find(|x| x.id == g.goal)
                .and_then(|x| x.step.as_ref())
                .map(|s| ui.f("review.step_next", &[("step", s)]));
            if done.is_none() && next.is_none() {
                return None;
            }
            Some(html! {
                <li>
                    <strong>{ &g.text }</strong>
                    if let Some(done) = done { <br />{ done } }
                    if let Some(next) = next { <br />{ next } }
                </li>
            })
        })
        .collect();
    if items.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h4 class="ac-summary__title">{ ui.t("summary.steps_title") }</h4>
            <ul class="ac-summary__steps">{ for items }</ul>
        </>
    }
}

fn summary(ui: &Ui, props: &SavedProps, record: &Record) -> Html {
    let previous = props.doc.previous_of(record);
    let t = talk(&props.instrument, record, previous);
    let last = |today: Option<Rating>, before: Option<Rating>| {
        let cell = |r: Option<Rating>| r.map_or_else(|| html! { { "–" } }, |r| rating_view(ui, r));
        match previous {
            Some(_) => html! { <><td>{ cell(today) }</td><td>{ cell(before) }</td></> },
            None => html! { <td>{ cell(today) }</td> },
        }
    };
    let rows = props.instrument.scales.iter().map(|s| {
        let today = record.ratings.get(&s.id).copied();
        let before = previous.and_then(|p| p.ratings.get(&s.id)).copied();
        html! { <tr><th scope="row">{ ui.pick(&s.label) }</th>{ last(today, before) }</tr> }
    });
    let goal_rows = record.goals.iter().map(|g| {
        let before = previous.and_then(|p| p.goal_progress(&g.goal));
        html! { <tr><th scope="row">{ ui.f("goals.progress_label", &[("goal", &g.text)]) }</th>{ last(Some(g.progress), before) }</tr> }
    });
    let lines = talk_lines(ui, &props.instrument, &t);
    html! {
        <div class="ac-summary">
            <h4 class="ac-summary__title">{ ui.t(if previous.is_some() { "summary.title" } else { "summary.title_first" }) }</h4>
            if previous.is_none() { <p>{ ui.t("summary.first") }</p> }
            <table class="ac-review ac-summary__table">
                <thead><tr>
                    <td></td>
                    <th scope="col">{ ui.t("summary.today") }</th>
                    if let Some(p) = previous {
                        <th scope="col">{ ui.t("summary.last_time") }<span class="ac-summary__date">{ ui.short_date(p.at) }</span></th>
                    }
                </tr></thead>
                <tbody>{ for rows }{ for goal_rows }</tbody>
            </table>
            <h4 class="ac-summary__title">{ ui.t("summary.prompts_title") }</h4>
            if lines.is_empty() {
                <p>{ ui.t("summary.no_prompts") }</p>
            } else {
                <ul class="ac-prompts">
                    { for lines.into_iter().map(|l| html! { <li class="ac-prompts__item">{ l }</li> }) }
                </ul>
            }
            { small_steps(ui, props, record) }
            if let Some(comment) = &record.comment {
                <h4 class="ac-summary__title">{ ui.t("summary.comment") }</h4>
                <p class="ac-summary__comment">{ comment }</p>
            }
        </div>
    }
}

/// Props of [`BackupNudge`].
#[derive(Properties, PartialEq)]
pub struct NudgeProps {
    /// Which words "add to the home screen" needs here.
    pub platform: Platform,
    /// The hand-over to the client's phone, when it can be offered.
    pub give: Option<Html>,
    /// Downloads a copy.
    pub on_export: Callback<Format>,
    /// Where "Not now" goes.
    pub dispatch: Callback<Action>,
}

/// One card after saving on the client's own device: browsers may delete
/// what a page keeps (Safari after seven days without a visit), so add the
/// page to the home screen (in the words of this device), take the history
/// to the phone, or download a copy. "Not now" puts it aside for 30 days.
#[component(BackupNudge)]
pub fn backup_nudge(props: &NudgeProps) -> Html {
    let ui = use_ui();
    let take = use_state(|| false);
    let how = match props.platform {
        Platform::Apple => Some("nudge.apple"),
        Platform::Android => Some("nudge.android"),
        Platform::Other => Some("nudge.other"),
        Platform::Installed => None,
    };
    let download = {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(Format::Json))
    };
    let show_take = {
        let take = take.clone();
        Callback::from(move |_: MouseEvent| take.set(true))
    };
    let aside = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::NudgeAside(now())))
    };
    html! {
        <aside class="ac-nudge" aria-labelledby={ui.id("nudge-title")}>
            <h4 class="ac-nudge__title" id={ui.id("nudge-title")}>{ ui.t("nudge.title") }</h4>
            <p>{ ui.t("nudge.intro") }</p>
            if let Some(how) = how { <p>{ ui.t(how) }</p> }
            <div class="ac-nudge__actions">
                <button type="button" class="ac-button ac-button--primary" onclick={download}>{ ui.t("nudge.download") }</button>
                if !*take && props.give.is_some() {
                    <button type="button" class="ac-button" onclick={show_take}>{ ui.t("nudge.take") }</button>
                }
                <button type="button" class="ac-link" onclick={aside}>{ ui.t("nudge.later") }</button>
            </div>
            if *take { { props.give.clone().unwrap_or_default() } }
        </aside>
    }
}
