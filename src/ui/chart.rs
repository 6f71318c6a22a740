//! One history chart: a line over sessions on a 0–10 scale, dates along
//! the bottom, the threshold dashed. Each point's date and value can be
//! read: the chart takes focus, and arrow keys (or a tap, or the pointer)
//! pick a point, read out below the chart. Geometry comes from `core::chart`.

use yew::prelude::*;

use crate::core::chart::{self, coord, Point, HEIGHT, MAX_POINTS, WIDTH};
use crate::core::rating::Rating;
use crate::core::time::Timestamp;
use crate::ui::context::{use_ui, Ui};

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The chart's title, shown and used as its accessible name.
    pub title: AttrValue,
    /// A sentence describing the chart for screen readers.
    pub description: AttrValue,
    /// One value per session, oldest first (`None`: not rated then).
    pub series: Vec<Option<Rating>>,
    /// When each session was, in the same order.
    pub dates: Vec<Timestamp>,
    /// The threshold line, if the scale has one.
    pub threshold: Option<Rating>,
}

/// Left margin for the axis labels, in user units.
const LEFT: f64 = 26.0;
/// Margin above and at the right, so marks at 10 and the last label fit.
const PAD: f64 = 14.0;
/// Room below the drawing for the dates.
const BOTTOM: f64 = 22.0;
/// Up to this many points, each carries its value as a visible label.
const LABELLED: usize = 8;

/// A point's value: one decimal (a mean of several sessions is rounded),
/// or the face's word for children.
fn value_text(ui: &Ui, value: f64) -> String {
    ui.num(Rating::clamped((value * 10.0).round() as u8))
}

/// "26 Nov" for a session, "26 Nov – 3 Dec" for a bucket of them.
fn when(ui: &Ui, dates: &[Timestamp], p: &Point) -> String {
    let date = |i: usize| dates.get(i).map(|d| ui.short_date(*d)).unwrap_or_default();
    if p.sessions.0 == p.sessions.1 {
        date(p.sessions.0)
    } else {
        format!("{} – {}", date(p.sessions.0), date(p.sessions.1))
    }
}

/// A face (0: very unhappy, 2: in between, 4: very happy) as an axis
/// label left of the chart at height `y`: the same drawing as the faces
/// the child picks (`crate::ui::scale::face_drawing`), scaled down.
fn axis_face(index: usize, y: f64) -> Html {
    let index = index.min(4);
    let transform = format!("translate(-22 {}) scale(0.375)", coord(y - 9.0));
    html! {
        <g class={format!("ac-chart__face ac-face--{index}")} {transform} aria-hidden="true">
            { crate::ui::scale::face_drawing(index) }
        </g>
    }
}

/// A small line chart; the same data is in the history table.
#[component(Chart)]
pub fn chart_view(props: &ChartProps) -> Html {
    let ui = use_ui();
    let active = use_state(|| None::<usize>);
    let points = chart::points(&props.series, MAX_POINTS);
    let sampled = props.series.len() > MAX_POINTS;
    let view_box = format!("0 0 {} {}", LEFT + WIDTH + PAD, HEIGHT + PAD + BOTTOM);
    let grid = grid(&ui);
    let threshold = props.threshold.map(|t| {
        let y = coord(chart::y_of(t.as_f64()));
        html! { <line class="ac-chart__threshold" x1="0" x2={format!("{WIDTH}")} y1={y.clone()} y2={y} /> }
    });
    let dates = date_ticks(&ui, &points, &props.dates);
    let dots = dots(&ui, &points, *active);
    let (onkeydown, onfocus, onpointermove) = pointing(&active, &points);
    let readout = active.and_then(|i| points.get(i)).map(|p| {
        format!(
            "{}: {}",
            when(&ui, &props.dates, p),
            value_text(&ui, p.value)
        )
    });
    html! {
        <figure class="ac-chart">
            <figcaption class="ac-chart__title">{ &props.title }</figcaption>
            <svg class="ac-chart__svg" viewBox={view_box} role="img" tabindex="0"
                aria-label={format!("{} {}", props.description, ui.t("history.chart_keys"))}
                preserveAspectRatio="xMidYMid meet" {onkeydown} {onfocus} onpointerdown={onpointermove.clone()} {onpointermove}>
                <g transform={format!("translate({LEFT} {PAD})")}>
                    { for grid }
                    { for threshold }
                    <polyline class="ac-chart__line" points={chart::polyline(&points)} />
                    { for dots }
                    { for dates }
                </g>
            </svg>
            <p class="ac-chart__readout" aria-live="polite">{ readout.unwrap_or_default() }</p>
            if sampled {
                <p class="ac-chart__note">{ ui.count("history.downsampled", "n", props.series.len(), &[("points", &points.len().to_string())]) }</p>
            }
        </figure>
    }
}

/// The grid lines at 0, 5 and 10, with numbers (faces for a child).
fn grid(ui: &Ui) -> [Html; 3] {
    [0u8, 5, 10].map(|v| {
        let y_at = chart::y_of(f64::from(v));
        let y = coord(y_at);
        // A child reads the axis as faces, not numbers.
        let label = if ui.kids {
            axis_face(usize::from(v / 5) * 2, y_at)
        } else {
            html! { <text class="ac-chart__axis" x="-5" y={y.clone()} dy="3.5" text-anchor="end">{ v.to_string() }</text> }
        };
        html! {
            <>
                <line class="ac-chart__grid" x1="0" x2={format!("{WIDTH}")} y1={y.clone()} y2={y} />
                { label }
            </>
        }
    })
}

/// Dates under the first and the last point (and the middle one when there
/// is room), anchored so they stay inside the chart.
fn date_ticks(ui: &Ui, points: &[Point], dates: &[Timestamp]) -> Vec<Html> {
    let mut ticks: Vec<usize> = vec![0, points.len() / 2, points.len().saturating_sub(1)];
    ticks.dedup();
    ticks
        .iter()
        .filter_map(|i| points.get(*i))
        .map(|p| {
            let date = p.sessions.1;
            let anchor = if points.len() == 1 {
                "middle"
            } else if p.x < WIDTH / 4.0 {
                "start"
            } else if p.x > WIDTH * 3.0 / 4.0 {
                "end"
            } else {
                "middle"
            };
            let text = dates
                .get(date)
                .map(|d| ui.short_date(*d))
                .unwrap_or_default();
            html! {
                <text class="ac-chart__axis ac-chart__date" x={coord(p.x)} y={coord(HEIGHT + 16.0)}
                    text-anchor={anchor}>{ text }</text>
            }
        })
        .collect()
}

/// The points (up to 40), labelled when there are few, or the one chosen.
fn dots(ui: &Ui, points: &[Point], active: Option<usize>) -> Option<Html> {
    let single = points.len() == 1;
    let labelled = points.len() <= LABELLED;
    (points.len() <= 40).then(|| {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let is_active = active == Some(i);
                let label = (labelled || is_active).then(|| {
                    let above = p.y > 12.0;
                    html! {
                        <text class="ac-chart__value" x={coord(p.x)}
                            y={coord(if above { p.y - 7.0 } else { p.y + 14.0 })}
                            text-anchor={if p.x < 12.0 { "start" } else if p.x > WIDTH - 12.0 { "end" } else { "middle" }}>
                            { value_text(ui, p.value) }
                        </text>
                    }
                });
                html! {
                    <>
                        <circle class={classes!("ac-chart__dot", is_active.then_some("is-active"))}
                            cx={coord(p.x)} cy={coord(p.y)}
                            r={if single || is_active { "5" } else { "3.5" }} />
                        { for label }
                    </>
                }
            })
            .collect::<Html>()
    })
}

/// The handlers that choose a point: arrows, Home and End; focus (the
/// newest); pointer and touch (the nearest along the time axis).
fn pointing(
    active: &UseStateHandle<Option<usize>>,
    points: &[Point],
) -> (
    Callback<KeyboardEvent>,
    Callback<FocusEvent>,
    Callback<PointerEvent>,
) {
    // Keyboard: arrows move between points, Home and End jump.
    let onkeydown = {
        let (active, n) = (active.clone(), points.len());
        Callback::from(move |e: KeyboardEvent| {
            let here = active.unwrap_or(n.saturating_sub(1));
            let to = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => here.saturating_sub(1),
                "ArrowRight" | "ArrowUp" => (here + 1).min(n.saturating_sub(1)),
                "Home" => 0,
                "End" => n.saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            active.set(Some(to));
        })
    };
    let onfocus = {
        let (active, n) = (active.clone(), points.len());
        Callback::from(move |_: FocusEvent| {
            if active.is_none() && n > 0 {
                active.set(Some(n - 1));
            }
        })
    };
    // Pointer and touch: the point nearest along the time axis.
    let onpointermove = {
        let (active, xs) = (
            active.clone(),
            points.iter().map(|p| p.x).collect::<Vec<_>>(),
        );
        Callback::from(move |e: PointerEvent| {
            let Some(svg) = e
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let scale = (LEFT + WIDTH + PAD) / rect.width();
            let x = (f64::from(e.client_x()) - rect.left()) * scale - LEFT;
            let nearest = xs
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                .map(|(i, _)| i);
            if nearest != *active {
                active.set(nearest);
            }
        })
    };
    (onkeydown, onfocus, onpointermove)
}
