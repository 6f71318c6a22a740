//! The last step: the open question, then everything at a glance (with a
//! link to any scale still unrated) and the choice of a summary.

use yew::prelude::*;

use crate::core::goals::{self, Goal};
use crate::ui::check::goals_step::step_report;
use crate::ui::check::{unrated_message, CheckProps};
use crate::ui::context::Ui;
use crate::ui::scale::rating_view;
use crate::ui::state::Action;

fn question(ui: &Ui, props: &CheckProps) -> Html {
    let Some(question) = &props.instrument.question else {
        return html! {};
    };
    let id = ui.id("comment");
    let hint_id = ui.id("comment-hint");
    let counter_id = ui.id("comment-counter");
    let max_n = usize::from(question.max_length);
    let used_n = props.draft.comment.chars().count();
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
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.emit(Action::Comment(area.value()));
        })
    };
    html! {
        <div class="ac-field">
            <label class="ac-field__label" for={id.clone()}>{ ui.pick(&question.text) }</label>
            <p class="ac-field__hint" id={hint_id.clone()}>{ ui.count("question.hint", "max", max_n, &[]) }</p>
            <textarea id={id} class="ac-field__input ac-field__input--area" rows="3"
                maxlength={(max_n * 4).to_string()}
                aria-describedby={format!("{hint_id} {counter_id}")} aria-invalid={(over > 0).to_string()}
                value={props.draft.comment.clone()} {oninput} />
            <p class={classes!("ac-field__counter", (over > 0).then_some("is-over"))} id={counter_id}>{ counter }</p>
        </div>
    }
}

/// The last step: the open question, then everything at a glance (with a
/// link to any scale still unrated) and the choice of a summary.
pub(super) fn review_step(ui: &Ui, props: &CheckProps) -> Html {
    let draft = &props.draft;
    let rows = props.instrument.scales.iter().map(|s| {
        let value = match draft.ratings.get(&s.id) {
            Some(r) => rating_view(ui, *r),
            None => {
                let dispatch = props.dispatch.clone();
                let id = s.id.clone();
                let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::FixScale(id.clone())));
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
        goals::active(&props.doc.goals)
            .map(|g| goal_review(ui, props, g))
            .collect::<Html>()
    } else {
        html! {}
    };
    let choice = |show: bool, key: &str| {
        let dispatch = props.dispatch.clone();
        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::ShowSummary(show)));
        html! {
            <label class="ac-choice">
                <input type="radio" name={ui.id("summary-choice")} checked={draft.show_summary == show} {onchange} />
                { ui.t(key) }
            </label>
        }
    };
    html! {
        <>
            { question(ui, props) }
            { unrated_message(ui, props) }
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
fn goal_review(ui: &Ui, props: &CheckProps, goal: &Goal) -> Html {
    let draft = &props.draft;
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
