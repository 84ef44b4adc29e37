use sycamore::prelude::*;

use crate::app_state::AppState;
use crate::state::Phase;

#[component]
pub fn Controls() -> View {
    let state = use_context::<AppState>();
    let reading = move || state.phase.with(|p| *p == Phase::Reading);
    let nothing_drawn = move || state.strokes.with(Vec::is_empty);
    view! {
        div(class="controls") {
            button(id="predict", class="button primary", r#type="button", title="Read the digit (Enter)",
                   aria-keyshortcuts="Enter", aria-busy=move || reading().to_string(),
                   on:click=move |_| state.predict()) {
                "Predict"
            }
            button(id="undo", class="button", r#type="button", title="Undo the last stroke (Ctrl+Z)",
                   aria-keyshortcuts="Control+Z Meta+Z", aria-disabled=move || nothing_drawn().to_string(),
                   on:click=move |_| state.undo()) {
                span(class="button-icon", aria-hidden="true") { "↶" }
                "Undo"
            }
            button(id="clear", class="button", r#type="button", title="Clear the canvas (Delete or Esc)",
                   aria-keyshortcuts="Delete Escape", on:click=move |_| state.clear()) {
                "Clear"
            }
        }
        button(id="open-image", class="button open-image", r#type="button",
               title="Open an image of a handwritten number (Ctrl+O). You can also drop or paste one.",
               aria-keyshortcuts="Control+O Meta+O", on:click=move |_| state.choose_image()) {
            "Open image…"
            span(class="open-hint") { " or drop / paste one" }
        }
    }
}
