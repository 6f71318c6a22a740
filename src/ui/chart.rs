//! One history chart: a line over sessions on a 0–10 scale, with the
//! talk-about threshold dashed. Geometry comes from `core::chart`.

use yew::prelude::*;

use crate::core::chart::{self, HEIGHT, MAX_POINTS, WIDTH};
use crate::core::rating::Rating;
use crate::ui::context::use_ui;

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The chart's title, shown and used as its accessible name.
    pub title: AttrValue,
    /// A sentence describing the chart for screen readers.
    pub description: AttrValue,
    /// One value per session, oldest first (`None`: not rated then).
    pub series: Vec<Option<Rating>>,
    /// The threshold line, if the scale has one.
    pub threshold: Option<Rating>,
}

/// Left margin for the axis labels, in user units.
const LEFT: f64 = 26.0;
/// Margin above and below, so marks at 0 and 10 are not clipped.
const PAD: f64 = 6.0;

/// A small line chart; the same data is in the history table.
#[function_component(Chart)]
pub fn chart_view(props: &ChartProps) -> Html {
    let ui = use_ui();
    let points = chart::points(&props.series, MAX_POINTS);
    let sampled = props.series.len() > MAX_POINTS;
    let view_box = format!("0 0 {} {}", LEFT + WIDTH + PAD, HEIGHT + 2.0 * PAD);
    let grid = [0.0, 5.0, 10.0].map(|v| {
        let y = format!("{:.1}", chart::y_of(v));
        html! {
            <>
                <line class="ac-chart__grid" x1="0" x2={format!("{WIDTH}")} y1={y.clone()} y2={y.clone()} />
                <text class="ac-chart__axis" x="-4" y={y} dy="3.5" text-anchor="end">{ v.to_string() }</text>
            </>
        }
    });
    let threshold = props.threshold.map(|t| {
        let y = format!("{:.1}", chart::y_of(t.as_f64()));
        html! { <line class="ac-chart__threshold" x1="0" x2={format!("{WIDTH}")} y1={y.clone()} y2={y} /> }
    });
    let dots = (points.len() <= 40).then(|| {
        points
            .iter()
            .map(|p| html! { <circle class="ac-chart__dot" cx={format!("{:.1}", p.x)} cy={format!("{:.1}", p.y)} r="3" /> })
            .collect::<Html>()
    });
    html! {
        <figure class="ac-chart">
            <figcaption class="ac-chart__title">{ &props.title }</figcaption>
            <svg class="ac-chart__svg" viewBox={view_box} role="img" aria-label={props.description.clone()}
                preserveAspectRatio="xMidYMid meet">
                <g transform={format!("translate({LEFT} {PAD})")}>
                    { for grid }
                    { for threshold }
                    <polyline class="ac-chart__line" points={chart::polyline(&points)} />
                    { for dots }
                </g>
            </svg>
            if sampled {
                <p class="ac-chart__note">{ ui.f("history.downsampled", &[("n", &props.series.len().to_string()), ("points", &points.len().to_string())]) }</p>
            }
        </figure>
    }
}
