//! The busy state of a slow open: a spinner, "Opening picture…" and Cancel over the drawing area. It shows
//! only once an open has taken a moment (`AppState::busy`), and Cancel takes the focus so the keyboard
//! reaches it at once (Escape cancels too).

use sycamore::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::app_state::AppState;

fn focus(id: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        element.focus().ok();
    }
}

#[component]
pub fn OpeningBusy() -> View {
    let state = use_context::<AppState>();
    view! {
        (move || state.busy.get().then(|| view! { BusyPanel {} }))
    }
}

#[component]
fn BusyPanel() -> View {
    let state = use_context::<AppState>();
    on_mount(|| focus("cancel-open"));
    let cancel = move |_| {
        state.cancel_open();
        focus("open-image"); // the Cancel button is gone: give the focus back to where opening starts
    };
    view! {
        div(id="opening", class="opening", role="status", aria-live="polite") {
            div(class="opening-box") {
                span(class="spinner", aria-hidden="true")
                span(class="opening-text") { "Opening picture…" }
                button(id="cancel-open", class="button opening-cancel", r#type="button",
                       title="Stop opening this picture (Esc)", aria-keyshortcuts="Escape", on:click=cancel) {
                    "Cancel"
                }
            }
        }
    }
}
