//! The saved sessions, as a table.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::instrument::Instrument;
use crate::core::record::Record;
use crate::ui::format::local_date_time;

/// Props of [`History`].
#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The instrument whose scales give the columns.
    pub instrument: Rc<Instrument>,
    /// Saved records, oldest first.
    pub records: Rc<Vec<Record>>,
}

/// The saved sessions, newest first: date and one column per scale.
#[function_component(History)]
pub fn history(props: &HistoryProps) -> Html {
    if props.records.is_empty() {
        return html! {
            <p class="ac-history__empty">{ "No saved sessions yet." }</p>
        };
    }
    let scales = &props.instrument.scales;
    html! {
        <div class="ac-history__scroll">
            <table class="ac-history__table">
                <caption>{ format!("Saved sessions ({})", props.records.len()) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Date" }</th>
                        { for scales.iter().map(|s| html! { <th scope="col">{ &s.label }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for props.records.iter().rev().map(|r| html! {
                        <tr key={r.id.as_str()} data-record-id={r.id.to_string()}>
                            <th scope="row">
                                <time datetime={r.at.to_string()}>{ local_date_time(r.at.millis()) }</time>
                            </th>
                            { for scales.iter().map(|s| html! {
                                <td>{ r.ratings.get(&s.id).map_or_else(|| "–".into(), |v| v.to_string()) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
