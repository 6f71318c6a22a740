//! The mounted widget in a real browser.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

/// Waits until `done` holds, up to two seconds: on a busy machine a render
/// and its effects can take longer than one settle. The assertion after it
/// says what was expected.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        settle().await;
    }
}

/// Clicks the first element under `root` matching `selector`.
fn click(root: &Element, selector: &str) {
    let target: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .unwrap();
    target.click();
}

/// Rates every slider under `root` at 8.0, as a client dragging them would.
fn rate_all(root: &Element) {
    let sliders = root.query_selector_all("input[type=range]").unwrap();
    for i in 0..sliders.length() {
        let input: HtmlInputElement = sliders.item(i).unwrap().dyn_into().unwrap();
        input.set_value("8");
        input
            .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
            .unwrap();
    }
}

fn options(namespace: &str) -> wasm_bindgen::JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"namespace".into(), &namespace.into()).unwrap();
    o.into()
}

#[wasm_bindgen_test]
async fn renders_four_labelled_sliders() {
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-render")).unwrap();
    settle().await;
    let sliders = root.query_selector_all("input[type=range]").unwrap();
    assert_eq!(sliders.length(), 4);
    let mut labels = Vec::new();
    for i in 0..sliders.length() {
        let input: HtmlInputElement = sliders.item(i).unwrap().dyn_into().unwrap();
        assert_eq!(
            (input.min(), input.max(), input.step()),
            ("0".into(), "10".into(), "0.1".into())
        );
        assert_eq!(
            input.get_attribute("aria-valuetext").as_deref(),
            Some("not rated yet")
        );
        let label = root
            .query_selector(&format!("label[for='{}']", input.id()))
            .unwrap()
            .expect("every slider has a visible label");
        labels.push(label.text_content().unwrap());
        let ends = input.get_attribute("aria-describedby").unwrap();
        let ends = root.query_selector(&format!("#{ends}")).unwrap().unwrap();
        assert!(ends.text_content().unwrap().contains("10: "));
    }
    assert_eq!(labels.len(), 4);
    assert!(labels.iter().all(|l| !l.is_empty()));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn moving_a_slider_announces_the_value() {
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-announce")).unwrap();
    settle().await;
    let input: HtmlInputElement = root
        .query_selector("input[type=range]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("7.4");
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
    assert_eq!(
        input.get_attribute("aria-valuetext").as_deref(),
        Some("7.4 of 10")
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn destroy_removes_everything_and_twice_is_harmless() {
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-destroy")).unwrap();
    settle().await;
    assert!(root.child_element_count() > 0);
    assert!(alliance_check::mount(root.clone().into(), options("t-destroy")).is_err());
    handle.destroy();
    settle().await;
    assert_eq!(root.child_element_count(), 0);
    assert!(!root.has_attribute("data-alliance-check-mounted"));
    handle.destroy();
}

#[wasm_bindgen_test]
fn bad_options_are_refused_with_their_name() {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"namespace".into(), &"has space".into()).unwrap();
    assert!(alliance_check::mount(container().into(), o.into()).is_err());
}

#[wasm_bindgen_test]
async fn mounting_never_moves_focus_but_a_step_change_does() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host_input: HtmlInputElement = document
        .create_element("input")
        .unwrap()
        .dyn_into()
        .unwrap();
    document.body().unwrap().append_child(&host_input).unwrap();
    host_input.focus().unwrap();
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-focus")).unwrap();
    settle().await;
    assert_eq!(
        document.active_element().unwrap(),
        host_input.clone().into(),
        "the host keeps focus"
    );
    // Next with the scales unrated: focus goes to the first one.
    click(&root, "button[type=submit]");
    let active = || document.active_element();
    until(|| active().and_then(|e| e.get_attribute("type")).as_deref() == Some("range")).await;
    let focused = document.active_element().unwrap();
    assert_eq!(focused.get_attribute("type").as_deref(), Some("range"));
    assert!(focused.id().ends_with("scale-goals"), "{}", focused.id());
    // Rated: the step changes and focus goes to its heading.
    rate_all(&root);
    settle().await;
    click(&root, "button[type=submit]");
    until(|| active().is_some_and(|e| e.tag_name() == "H3")).await;
    let focused = document.active_element().unwrap();
    assert_eq!(focused.tag_name(), "H3");
    assert!(root.contains(Some(&focused)));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn user_text_is_rendered_as_text() {
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-text")).unwrap();
    settle().await;
    rate_all(&root);
    settle().await;
    click(&root, "button[type=submit]");
    settle().await;
    let input: HtmlInputElement = root
        .query_selector("input[type=text]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("<b id=injected>bold</b>");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    click(&root, ".ac-add-goal button");
    settle().await;
    assert!(root.query_selector("#injected").unwrap().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("<b id=injected>bold</b>"));
    handle.destroy();
}

#[wasm_bindgen_test]
fn data_attributes_are_read_and_bad_values_named() {
    use alliance_check::options::{Mode, MountOptions, Profiles, Theme, Variant};
    let el = container();
    for (name, value) in [
        ("data-mode", "shared"),
        ("data-theme", "dark"),
        ("data-profiles", "codes"),
        ("data-variant", "children"),
        ("data-idle-seconds", "30"),
        ("data-profile-expiry", "180"),
    ] {
        el.set_attribute(name, value).unwrap();
    }
    let o = MountOptions::from_element(&el).unwrap();
    assert_eq!(
        (o.mode, o.theme, o.profiles, o.variant, o.idle_seconds),
        (
            Mode::Shared,
            Theme::Dark,
            Profiles::Codes,
            Variant::Children,
            30
        )
    );
    assert_eq!(o.profile_expiry, Some(180));
    el.set_attribute("data-profile-expiry", "0").unwrap();
    let e = MountOptions::from_element(&el).unwrap_err();
    assert!(e.contains("profileExpiry"), "{e}");
    el.set_attribute("data-profile-expiry", "soon").unwrap();
    let e = MountOptions::from_element(&el).unwrap_err();
    assert!(e.contains("data-profile-expiry"), "{e}");
    el.remove_attribute("data-profile-expiry").unwrap();
    el.set_attribute("data-mode", "kiosk").unwrap();
    let e = MountOptions::from_element(&el).unwrap_err();
    assert!(e.contains("data-mode") && e.contains("shared"), "{e}");
}

#[wasm_bindgen_test]
async fn a_number_being_typed_survives_a_redraw() {
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-redraw")).unwrap();
    settle().await;
    let fields = root.query_selector_all(".ac-scale__number").unwrap();
    let typing: HtmlInputElement = fields.item(1).unwrap().dyn_into().unwrap();
    typing.set_value("7.");
    typing
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    // The check is drawn again while the client is still in the field (as
    // when an answer from storage or another tab arrives): here, another
    // scale rated.
    let other: HtmlInputElement = root
        .query_selector_all("input[type=range]")
        .unwrap()
        .item(0)
        .unwrap()
        .dyn_into()
        .unwrap();
    other.set_value("3");
    other
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    until(|| other.get_attribute("aria-valuetext").as_deref() == Some("3.0 of 10")).await;
    assert_eq!(
        other.get_attribute("aria-valuetext").as_deref(),
        Some("3.0 of 10"),
        "the check was drawn again"
    );
    assert_eq!(typing.value(), "7.", "what is being typed stays");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_number_put_back_is_checked_when_the_field_is_left_at_once() {
    let root = container();
    let mut handle = alliance_check::mount(root.clone().into(), options("t-left")).unwrap();
    settle().await;
    let field: HtmlInputElement = root
        .query_selector(".ac-scale__number")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    // Typed (as the takeover puts a number back), then left before the
    // widget has drawn itself again: no change event comes, and the check
    // still happens.
    field.set_value("12");
    for name in ["input", "blur"] {
        field
            .dispatch_event(&web_sys::Event::new(name).unwrap())
            .unwrap();
    }
    until(|| field.get_attribute("aria-invalid").as_deref() == Some("true")).await;
    assert_eq!(field.value(), "12");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    handle.destroy();
}
