//! The first screen as the widget itself draws it, for rendering at build
//! time with Yew's server-side rendering (`src/bin/first-screens.rs`): the
//! widget's `<section>` with its header and, in personal mode, the check's
//! scales; in shared mode the neutral start. The same components as the
//! running widget, so the pre-rendered screen and the widget cannot drift.
//!
//! The section carries what the loader (`www/first-screen.js`) needs before
//! the WebAssembly runs: `data-ac-first` and its words (`data-ac-*`). Ids
//! carry the prefix `ac0-`, which the loader makes unique per widget.
//! Native only: the WebAssembly never renders it.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::instrument::Instrument;
use crate::core::prerender::ID_PREFIX;
use crate::ui::check::CheckFlow;
use crate::ui::context::Ui;
use crate::ui::header::Header;
use crate::ui::start::StartScreen;
use crate::ui::state::{Action, Notice, State};

/// Props of [`FirstScreen`].
#[derive(Properties, PartialEq)]
pub struct FirstProps {
    /// A bundled language tag.
    pub lang: AttrValue,
    /// The children's check (faces).
    pub kids: bool,
    /// Shared-screen mode: the neutral start.
    pub shared: bool,
}

/// The first screen of one language, variant and mode.
#[component(FirstScreen)]
pub fn first_screen(props: &FirstProps) -> Html {
    let instrument = if props.kids {
        Instrument::children()
    } else {
        Instrument::default_alliance()
    };
    let ui = Ui::new(&props.lang, ID_PREFIX.into(), &instrument, Rc::default());
    let state = first_state(instrument, props.shared);
    // Nothing is wired: the loader wires the first screen, and the widget
    // replaces it.
    let dispatch = Callback::from(|_: Action| ());
    let invalid = ui.f(
        "scale.number_invalid",
        &[("example", &ui.texts.decimal("7.5"))],
    );
    let body = if props.shared {
        html! { <StartScreen dispatch={dispatch.clone()} /> }
    } else {
        html! {
            <CheckFlow instrument={state.setup.instrument.clone()} draft={state.draft.clone()}
                doc={state.doc.clone()} steps={state.steps()} first_goal={state.wants_first_goal()}
                notice={None::<Notice>} busy=false dispatch={dispatch.clone()} />
        }
    };
    html! {
        <ContextProvider<Ui> context={ui.clone()}>
            <section class={classes!("ac", props.shared.then_some("ac--shared"))} lang={props.lang.clone()}
                aria-labelledby={ui.id("title")} data-ac-first=""
                data-ac-valuetext={ui.t("scale.value")} data-ac-unrated={ui.t("scale.unrated")}
                data-ac-decimal={ui.t("format.decimal")} data-ac-invalid={invalid}
                data-ac-loading={ui.t("first.loading")}>
                <Header title=true profile={None::<AttrValue>} lang={props.lang.clone()}
                    on_language={Callback::from(|_| ())} tab={state.tab()}
                    goals={state.setup.instrument.goals.is_some()} close=false busy=false {dispatch} />
                { body }
                <div class="ac-toasts"><div class="ac-status" role="status"></div><div class="ac-alert" role="alert"></div></div>
            </section>
        </ContextProvider<Ui>>
    }
}

/// One first screen as HTML, rendered with Yew's server-side rendering on
/// a single-threaded runtime (its components are not `Send`).
pub fn render(props: FirstProps) -> std::io::Result<String> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    Ok(tokio::task::LocalSet::new().block_on(&runtime, async {
        yew::LocalServerRenderer::<FirstScreen>::with_props(props)
            .hydratable(false)
            .render()
            .await
    }))
}

/// The state the widget starts in: on a personal device the default
/// profile open on the check's first step; on a shared one the start.
fn first_state(instrument: Instrument, shared: bool) -> Rc<State> {
    let state = Rc::new(State::with_mode(instrument, None, shared, shared));
    if shared {
        return state;
    }
    yew::Reducible::reduce(
        state,
        Action::Opened {
            profile: "default".into(),
            doc: Ok(Default::default()),
            draft: None,
            clear_copies: Vec::new(),
            summary: None,
            nudge: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::prerender::Config;

    fn render(lang: &str, kids: bool, shared: bool) -> String {
        super::render(FirstProps {
            lang: AttrValue::from(lang.to_string()),
            kids,
            shared,
        })
        .unwrap()
    }

    #[test]
    fn the_scales_in_the_language_with_what_the_loader_needs() {
        let html = render("es", false, false);
        assert_eq!(html.matches(r#"type="range""#).count(), 4);
        assert!(html.contains("Nuestra conexión"), "Spanish labels");
        assert!(html.contains(r#"data-ac-first="""#));
        assert!(html.contains(r#"data-ac-decimal=",""#));
        assert!(html.contains(r#"aria-valuetext="todavía sin valorar""#));
        for scale in ["goals", "tasks", "bond", "overall"] {
            assert!(
                html.contains(&format!(r#"data-scale="{scale}""#)),
                "{scale}"
            );
        }
        for intent in ["next", "history", "goals"] {
            assert!(
                html.contains(&format!(r#"data-ac-intent="{intent}""#)),
                "{intent}"
            );
        }
        assert!(
            html.contains(r#"id="ac0-title""#),
            "ids with the loader's prefix"
        );
        assert!(
            !html.contains("<script") && !html.contains("style="),
            "CSP: nothing inline"
        );
    }

    #[test]
    fn children_get_faces_with_their_values_and_shared_screens_the_start() {
        let kids = render("en", true, false);
        assert_eq!(kids.matches(r#"type="radio""#).count(), 20);
        assert_eq!(kids.matches(r#"type="range""#).count(), 0);
        assert_eq!(kids.matches(r#"value="100""#).count(), 4, "a face's rating");
        assert!(kids.contains("Pick a face"));
        let shared = render("de", false, true);
        assert!(shared.contains(r#"data-ac-intent="start""#));
        assert!(shared.contains(r#"class="ac ac--shared""#));
        assert!(
            !shared.contains("ac-nav"),
            "nothing to navigate on the neutral start"
        );
    }

    #[test]
    fn every_first_screen_renders() {
        for config in Config::all() {
            let html = render(config.lang, config.kids, config.shared);
            assert!(
                html.starts_with("<section")
                    && html.contains(&format!(r#"lang="{}""#, config.lang)),
                "{}",
                config.file_name()
            );
        }
    }
}
