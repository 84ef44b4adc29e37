//! What the app's modal dialogs (About, History and its confirmation) share: native `<dialog>` elements,
//! opened with `showModal` so the page behind is inert and focus stays inside.

use js_sys::{Function, Reflect};
use sycamore::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlElement};

/// Calls a method of a DOM element that web-sys is not built with here (`HTMLDialogElement`'s `showModal`
/// and `close`). False when the engine lacks it.
pub fn call(element: &Element, method: &str) -> bool {
    Reflect::get(element, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .is_some_and(|f| f.call0(element).is_ok())
}

pub fn element(node: NodeRef) -> Option<Element> {
    node.try_get().and_then(|n| n.dyn_into::<Element>().ok())
}

pub fn focus(node: NodeRef) {
    if let Some(element) = node.try_get().and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        element.focus().ok();
    }
}

/// Shows the dialog as a modal; an engine without modal dialogs shows it in place.
pub fn show_modal(dialog: NodeRef) {
    if let Some(dialog) = element(dialog) {
        if !dialog.has_attribute("open") && !call(&dialog, "showModal") {
            dialog.set_attribute("open", "").ok();
        }
    }
}

pub fn close(dialog: NodeRef) {
    if let Some(dialog) = element(dialog) {
        if !call(&dialog, "close") {
            dialog.remove_attribute("open").ok();
        }
    }
}

/// Shows `dialog` as a modal when `open` turns true, focusing `inside`, and closes it when `open` turns false,
/// giving the focus back to `opener`. Call it once the dialog is mounted.
pub fn follow_open(dialog: NodeRef, open: Signal<bool>, inside: NodeRef, opener: NodeRef) {
    let mut was_open = false;
    create_effect(move || {
        let now = open.get();
        if now && !was_open {
            show_modal(dialog);
            focus(inside);
        } else if !now && was_open {
            close(dialog);
            focus(opener);
        }
        was_open = now;
    });
}

/// Calls `hide` instead of the engine closing the dialog on Escape (its `cancel` event, which is not among
/// Sycamore's typed events). Call it once the dialog is mounted.
pub fn on_cancel(dialog: NodeRef, hide: impl Fn() + 'static) {
    if let Some(dialog) = element(dialog) {
        let on_cancel = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            event.prevent_default();
            hide();
        });
        dialog.add_event_listener_with_callback("cancel", on_cancel.as_ref().unchecked_ref()).ok();
        on_cancel.forget(); // the dialogs live as long as the app
    }
}
