//! Shared screens reset themselves after a while without a touch or key, so
//! the next person never finds someone else's answers. A warning with an
//! "I'm still here" button comes first (WCAG 2.2.1: time limits can be
//! extended).

use std::time::Duration;

use yew::prelude::*;

use crate::ui::context::use_ui;
use crate::ui::now;
use crate::ui::state::Action;
use crate::ui::timers;

/// What the idle timer reports to the widget.
pub struct Idle {
    /// Seconds left before the reset, while the warning is due.
    pub warning: Option<u32>,
    /// Call on any activity: the timer starts again.
    pub activity: Callback<()>,
}

/// Seconds of warning before the reset: 30, or half the idle time if shorter.
fn warning_seconds(idle_seconds: u32) -> u32 {
    30.min(idle_seconds / 2)
}

/// Dispatches [`Action::IdleReset`] after `idle_seconds` without activity
/// while `active`, with a warning before.
///
/// # Arguments
/// * `active` — whether there is anything to clear (not on the start screen).
/// * `idle_seconds` — the configured idle time.
/// * `dispatch` — where the reset goes.
///
/// # Example
/// ```ignore
/// let idle = use_idle_reset(shared && screen != Screen::Start, 120, dispatch.clone());
/// html! { <section onpointerdown={idle.activity.reform(|_| ())}>…</section> }
/// ```
#[hook]
pub fn use_idle_reset(active: bool, idle_seconds: u32, dispatch: Callback<Action>) -> Idle {
    let last = use_mut_ref(|| now().millis());
    let warning = use_state_eq(|| None::<u32>);
    let activity = {
        let (last, warning) = (last.clone(), warning.clone());
        use_callback((), move |(), _| {
            *last.borrow_mut() = now().millis();
            warning.set(None);
        })
    };
    {
        let warning = warning.clone();
        use_effect_with(active, move |active| {
            let timer = if *active {
                *last.borrow_mut() = now().millis();
                Some(timers::every(Duration::from_millis(250), move || {
                    let idle = u32::try_from((now().millis() - *last.borrow()).max(0) / 1000)
                        .unwrap_or(u32::MAX);
                    if idle >= idle_seconds {
                        warning.set(None);
                        dispatch.emit(Action::IdleReset);
                        return false;
                    }
                    let left = idle_seconds - idle;
                    warning.set((left <= warning_seconds(idle_seconds)).then_some(left));
                    true
                }))
            } else {
                warning.set(None);
                None
            };
            move || timer.iter().for_each(timers::Timer::stop)
        });
    }
    Idle {
        warning: *warning,
        activity,
    }
}

/// Props of [`IdleWarning`].
#[derive(Properties, PartialEq)]
pub struct IdleWarningProps {
    /// Seconds left.
    pub seconds: u32,
    /// The client is still there.
    pub on_stay: Callback<()>,
}

/// "Still there?" with the seconds left and a button to stay, as a modal
/// dialog: it sits above everything in the middle of the screen, wherever
/// the client has scrolled, and takes focus. Escape counts as staying.
#[component(IdleWarning)]
pub fn idle_warning(props: &IdleWarningProps) -> Html {
    let ui = use_ui();
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let shown = dialog.cast::<web_sys::HtmlDialogElement>();
            if let Some(d) = &shown {
                let _ = d.show_modal();
            }
            move || {
                if let Some(d) = shown {
                    d.close();
                }
            }
        });
    }
    let oncancel = props.on_stay.reform(|e: Event| e.prevent_default());
    let text_id = ui.id("idle-text");
    html! {
        <dialog class="ac-idle" ref={dialog} aria-labelledby={text_id.clone()} {oncancel}>
            <p id={text_id}>{ ui.count("idle.warning", "seconds", props.seconds as usize, &[]) }</p>
            <button type="button" class="ac-button ac-button--primary ac-button--large" onclick={props.on_stay.reform(|_| ())}>{ ui.t("idle.stay") }</button>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::warning_seconds;

    #[test]
    fn warning_is_thirty_seconds_or_half_the_idle_time() {
        assert_eq!(warning_seconds(120), 30);
        assert_eq!(warning_seconds(20), 10);
        assert_eq!(warning_seconds(3), 1);
    }
}
