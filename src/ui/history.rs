//! The history: a chart per scale and per goal, and the same data as a
//! paged table where the client can correct or delete a past entry.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::Document;
use crate::core::goals::GoalStatus;
use crate::core::instrument::Instrument;
use crate::core::prompts::talk;
use crate::core::record::{Record, RecordId};
use crate::ui::chart::Chart;
use crate::ui::check::step_report;
use crate::ui::context::{use_ui, Ui};
use crate::ui::now;
use crate::ui::scale::rating_view;
use crate::ui::state::{Action, PAGE_SIZE};
use crate::ui::summary::talk_lines;

mod confirm;

use confirm::confirm_box;

/// Props of [`History`].
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The open profile's history.
    pub doc: Rc<Document>,
    /// What is asked (the scales charted and tabled).
    pub instrument: Rc<Instrument>,
    /// The table page shown (0 = newest).
    pub page: usize,
    /// How many pages the table has.
    pub pages: usize,
    /// The record the client asked to delete, awaiting confirmation.
    pub confirm_delete: Option<RecordId>,
    /// Files, import and the hand-over, shown below the table (the root
    /// renders them; a child's page keeps them for the grown-ups).
    pub data: Html,
    /// Where every button goes.
    pub dispatch: Callback<Action>,
}

/// Charts and table of every saved session.
#[component(History)]
pub fn history(props: &HistoryProps) -> Html {
    let ui = use_ui();
    let records = &props.doc.records;
    let title = html! { <h3 class="ac-section__title" id={ui.id("history-title")} tabindex="-1">{ ui.t("history.title") }</h3> };
    if records.is_empty() {
        return html! {
            <section class="ac-history" aria-labelledby={ui.id("history-title")}>
                { title }
                <p class="ac-history__empty">{ ui.t("history.empty") }</p>
                // A new device starts empty: importing a copy must work here
                // (for a child, in the grown-ups' part below).
                if !ui.kids { { props.data.clone() } }
            </section>
        };
    }
    let n = records.len();
    let dates: Vec<_> = records.iter().map(|r| r.at).collect();
    let scale_charts = props.instrument.scales.iter().map(|s| {
        let label = ui.pick(&s.label);
        let description = ui.count(
            "history.chart_label",
            "n",
            n,
            &[("label", &label), ("threshold", &ui.num(s.threshold))],
        );
        html! {
            <Chart key={s.id.clone()} title={label} {description} dates={dates.clone()}
                series={records.iter().map(|r| r.ratings.get(&s.id).copied()).collect::<Vec<_>>()}
                threshold={Some(s.threshold)} />
        }
    });
    let goal_charts = props
        .doc
        .goals
        .iter()
        .filter(|g| records.iter().any(|r| r.goal_progress(&g.id).is_some()))
        .map(|g| {
            let description = ui.count("history.goal_chart_label", "n", n, &[("goal", &g.text)]);
            html! {
                <Chart key={g.id.to_string()} title={ui.f("goals.progress_label", &[("goal", &g.text)])} {description}
                    dates={dates.clone()} series={records.iter().map(|r| r.goal_progress(&g.id)).collect::<Vec<_>>()}
                    threshold={None::<crate::core::rating::Rating>} />
            }
        });
    let mut thresholds: Vec<String> = props
        .instrument
        .scales
        .iter()
        .map(|s| ui.num(s.threshold))
        .collect();
    thresholds.dedup();
    let thresholds = thresholds.join(" / ");
    html! {
        <section class={classes!("ac-history", ui.kids.then_some("ac-history--cards"))} aria-labelledby={ui.id("history-title")}>
            { print_head(&ui, props) }
            { title }
            if cfg!(feature = "charts") {
                <div class="ac-history__charts">
                    { for scale_charts }
                    { for goal_charts }
                </div>
            }
            <p class="ac-chart__legend" aria-hidden="true">
                <svg class="ac-chart__key" viewBox="0 0 24 8" focusable="false"><line class="ac-chart__threshold" x1="0" x2="24" y1="4" y2="4" /></svg>
                { ui.f("history.threshold", &[("threshold", &thresholds)]) }
            </p>
            { confirm_box(props) }
            { table(&ui, props) }
            { goals_list(&ui, props) }
            if !ui.kids { { props.data.clone() } }
        </section>
    }
}

/// Earlier comments listed on paper, after the table's own.
const PRINTED_COMMENTS: usize = 30;

/// What was worth talking about in a session (against the one before),
/// as the summary after saving said it: a row of its own under the
/// session's row, so the table does not widen.
fn talk_row(ui: &Ui, props: &HistoryProps, r: &Record, columns: usize) -> Option<Html> {
    let t = talk(&props.instrument, r, props.doc.previous_of(r));
    let lines = talk_lines(ui, &props.instrument, &t);
    if lines.is_empty() {
        return None;
    }
    // Tied to its session's date for screen readers.
    Some(html! {
        <tr role="row" class="ac-history__talk" key={format!("{}-talk", r.id)}>
            <td role="cell" colspan={columns.to_string()} headers={row_header_id(ui, r)}>
                <strong class="ac-history__talk-title">{ ui.t("history.summary_col") }</strong>
                <ul class="ac-prompts">{ for lines.into_iter().map(|l| html! { <li class="ac-prompts__item">{ l }</li> }) }</ul>
            </td>
        </tr>
    })
}

/// The id of a session's row header.
fn row_header_id(ui: &Ui, r: &Record) -> String {
    ui.id(&format!("row-{}", r.id))
}

/// The comments of the sessions not in the table's page, newest first,
/// for the printed report (hidden on screen, where each page's table has
/// its own).
fn printed_comments(ui: &Ui, props: &HistoryProps) -> Html {
    let first = props.page * PAGE_SIZE;
    let comments: Vec<Html> = props
        .doc
        .records
        .iter()
        .rev()
        .enumerate()
        .filter(|(i, _)| !(first..first + PAGE_SIZE).contains(i))
        .filter_map(|(_, r)| r.comment.as_ref().map(|c| (r, c)))
        .take(PRINTED_COMMENTS)
        .map(|(r, c)| html! { <li><strong>{ ui.date(r.at) }</strong>{ ": " }{ c }</li> })
        .collect();
    if comments.is_empty() {
        return html! {};
    }
    html! {
        <div class="ac-print-only ac-print-comments">
            <h4 class="ac-goals__subtitle">{ ui.t("history.comment_col") }</h4>
            <ul>{ for comments }</ul>
        </div>
    }
}

fn table(ui: &Ui, props: &HistoryProps) -> Html {
    let scales = &props.instrument.scales;
    let pages = props.pages;
    let newest_first = props
        .doc
        .records
        .iter()
        .rev()
        .skip(props.page * PAGE_SIZE)
        .take(PAGE_SIZE);
    let shown = props
        .doc
        .records
        .len()
        .saturating_sub(props.page * PAGE_SIZE)
        .min(PAGE_SIZE);
    let has_goals = props.doc.records.iter().any(|r| !r.goals.is_empty());
    let has_comments = props.doc.records.iter().any(|r| r.comment.is_some());
    // Date, the scales, goals and comment if any, actions.
    let columns = 2 + scales.len() + usize::from(has_goals) + usize::from(has_comments);
    let page_button = |to: usize, key: &str, enabled: bool| {
        let dispatch = props.dispatch.clone();
        html! {
            <button type="button" class="ac-button" disabled={!enabled}
                onclick={Callback::from(move |_: MouseEvent| dispatch.emit(Action::Page(to)))}>{ ui.t(key) }</button>
        }
    };
    // Explicit roles keep the table a table for screen readers when a
    // narrow widget lays each row out as a card.
    html! {
        <>
            <div class="ac-history__scroll" tabindex="0" role="region" aria-labelledby={ui.id("history-caption")}>
                <table class="ac-history__table" role="table">
                    <caption id={ui.id("history-caption")}>{ ui.f("history.table_caption", &[("n", &props.doc.records.len().to_string())]) }</caption>
                    <thead role="rowgroup">
                        <tr role="row">
                            <th scope="col" role="columnheader">{ ui.t("history.date") }</th>
                            { for scales.iter().map(|s| html! { <th scope="col" role="columnheader">{ ui.pick(&s.label) }</th> }) }
                            if has_goals { <th scope="col" role="columnheader">{ ui.t("history.goals_col") }</th> }
                            if has_comments { <th scope="col" role="columnheader" class="ac-history__comment">{ ui.t("history.comment_col") }</th> }
                            <th scope="col" role="columnheader" class="ac-history__actions">{ ui.t("history.actions") }</th>
                        </tr>
                    </thead>
                    <tbody role="rowgroup">
                        // Each session's row and, under it, its own
                        // "worth talking about" row: keyed rows, no fragments.
                        { for newest_first.flat_map(|r| {
                            std::iter::once(row(ui, props, r, has_goals, has_comments))
                                .chain(talk_row(ui, props, r, columns))
                        }) }
                    </tbody>
                </table>
            </div>
            // On paper the table keeps to the sessions of this page; every
            // comment is listed below it.
            if props.page == 0 && shown < props.doc.records.len() {
                <p class="ac-print-only">{ ui.count("print.recent", "n", shown, &[]) }</p>
            }
            { printed_comments(ui, props) }
            if pages > 1 {
                <nav class="ac-pager" aria-label={ui.t("history.title")}>
                    { page_button(props.page.saturating_sub(1), "history.prev", props.page > 0) }
                    <span class="ac-pager__where">{ ui.f("history.page", &[("n", &(props.page + 1).to_string()), ("total", &pages.to_string())]) }</span>
                    { page_button(props.page + 1, "history.next", props.page + 1 < pages) }
                </nav>
            }
        </>
    }
}

/// A goal's line in a record: progress, and how its small step went.
fn goal_entry(ui: &Ui, g: &crate::core::record::GoalEntry) -> Html {
    let step = g
        .step
        .as_ref()
        .map(|s| step_report(ui, &s.text, Some(s.outcome)));
    html! {
        <li>
            { format!("{}: {}", g.text, ui.num(g.progress)) }
            if let Some(step) = step { <span class="ac-history__step">{ step }</span> }
        </li>
    }
}

fn row(ui: &Ui, props: &HistoryProps, r: &Record, has_goals: bool, has_comments: bool) -> Html {
    let date = ui.date_time(r.at);
    let correct = {
        let dispatch = props.dispatch.clone();
        let record = r.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Correct(record.clone())))
    };
    let delete = {
        let dispatch = props.dispatch.clone();
        let id = r.id.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::AskDelete(Some(id.clone()))))
    };
    // Only records answered with the current wording can be corrected with it.
    let correctable = r.instrument == props.instrument.reference();
    html! {
        <tr key={r.id.as_str()} data-record-id={r.id.to_string()} role="row">
            <th scope="row" role="rowheader" id={row_header_id(ui, r)}><time datetime={r.at.to_string()}>{ ui.date(r.at) }</time></th>
            { for props.instrument.scales.iter().map(|s| html! {
                <td role="cell" data-label={ui.pick(&s.label)}>{ r.ratings.get(&s.id).map_or_else(|| html! { { "–" } }, |v| rating_view(ui, *v)) }</td>
            }) }
            if has_goals {
                <td role="cell" class="ac-history__goals" data-label={ui.t("history.goals_col")}>
                    <ul>{ for r.goals.iter().map(|g| goal_entry(ui, g)) }</ul>
                </td>
            }
            if has_comments {
                <td role="cell" class="ac-history__comment" data-label={ui.t("history.comment_col")}>{ r.comment.clone().unwrap_or_default() }</td>
            }
            <td role="cell" class="ac-history__actions">
                if correctable {
                    <button type="button" class="ac-button ac-button--small" onclick={correct}
                        aria-label={ui.f("history.edit_named", &[("date", &date)])}>{ ui.t("history.edit") }</button>
                }
                <button type="button" class="ac-button ac-button--small" onclick={delete}
                    aria-label={ui.f("history.delete_named", &[("date", &date)])}>{ ui.t("history.delete") }</button>
            </td>
        </tr>
    }
}

/// The goals as they stand, with their latest progress and this week's
/// small step, so a printed summary has them too.
fn goals_list(ui: &Ui, props: &HistoryProps) -> Html {
    if props.doc.goals.is_empty() {
        return html! {};
    }
    let status = |g: GoalStatus| match g {
        GoalStatus::Active => String::new(),
        GoalStatus::Achieved => format!(" ({})", ui.t("goals.manage.status.achieved")),
        GoalStatus::Retired => format!(" ({})", ui.t("goals.manage.status.retired")),
    };
    let latest = |g: &crate::core::goals::Goal| {
        props
            .doc
            .records
            .iter()
            .rev()
            .find_map(|r| r.goal_progress(&g.id))
            .map(|p| ui.f("history.goal_latest", &[("value", &ui.num(p))]))
    };
    html! {
        <div class="ac-history__goal-list">
            <h4 class="ac-goals__subtitle">{ ui.t("print.goals") }</h4>
            <ul>
                { for props.doc.goals.iter().map(|g| html! {
                    <li>
                        <strong>{ &g.text }</strong>{ status(g.status) }
                        if let Some(latest) = latest(g) { { " — " }{ latest } }
                        if let Some(step) = &g.step { <br />{ ui.f("review.step_next", &[("step", step)]) } }
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// The printed report's own head (hidden on screen): its title, when it was
/// printed and which sessions it covers.
fn print_head(ui: &Ui, props: &HistoryProps) -> Html {
    let records = &props.doc.records;
    let (Some(first), Some(last)) = (records.first(), records.last()) else {
        return html! {};
    };
    let range = ui.count(
        "print.range",
        "n",
        records.len(),
        &[("from", &ui.date(first.at)), ("to", &ui.date(last.at))],
    );
    html! {
        <header class="ac-print-head">
            <p class="ac-print-head__title">{ ui.t("print.title") }</p>
            <p>{ range }</p>
            <p>{ ui.f("print.printed", &[("date", &ui.date(now()))]) }</p>
        </header>
    }
}
