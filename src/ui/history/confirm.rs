//! "Delete the session of …?": the confirmation under the history's
//! charts, with focus on the safe answer.

use yew::prelude::*;

use crate::core::document::Change;
use crate::core::record::Record;
use crate::ui::context::use_ui;
use crate::ui::history::HistoryProps;
use crate::ui::now;
use crate::ui::state::{Action, Notice};

/// The confirmation for the record the client asked to delete, if any.
pub(super) fn confirm_box(props: &HistoryProps) -> Html {
    let Some(record) = props
        .confirm_delete
        .as_ref()
        .and_then(|id| props.doc.record(id))
        .cloned()
    else {
        return html! {};
    };
    html! { <ConfirmDelete key={record.id.to_string()} record={record.clone()} dispatch={props.dispatch.clone()} /> }
}

/// Props of [`ConfirmDelete`].
#[derive(Properties, PartialEq)]
struct ConfirmDeleteProps {
    record: Record,
    dispatch: Callback<Action>,
}

/// "Delete the session of …?" with focus on the safe answer when it opens.
#[component(ConfirmDelete)]
fn confirm_delete(props: &ConfirmDeleteProps) -> Html {
    let ui = use_ui();
    let keep = use_node_ref();
    {
        let keep = keep.clone();
        use_effect_with((), move |_| {
            if let Some(b) = keep.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let record = &props.record;
    let date = ui.date_time(record.at);
    let yes = {
        let dispatch = props.dispatch.clone();
        let record = record.clone();
        Callback::from(move |_: MouseEvent| {
            let delete = Change::DeleteRecord(record.id.clone(), now());
            dispatch.emit(Action::Change(
                vec![delete],
                Some(Notice::Deleted(record.clone())),
            ))
        })
    };
    let no = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::AskDelete(None)))
    };
    html! {
        <div class="ac-confirm" role="alertdialog" aria-labelledby={ui.id("confirm-text")}>
            <p id={ui.id("confirm-text")}>{ ui.f("history.confirm_delete", &[("date", &date)]) }</p>
            <div class="ac-confirm__actions">
                <button type="button" class="ac-button ac-button--danger" onclick={yes}>{ ui.t("history.confirm_yes") }</button>
                <button type="button" class="ac-button" onclick={no} ref={keep}>{ ui.t("history.keep_session") }</button>
            </div>
        </div>
    }
}
