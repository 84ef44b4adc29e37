use sycamore::prelude::*;

use crate::app_state::AppState;

/// Covers the window while a file is dragged over it.
#[component]
pub fn DropOverlay() -> View {
    let state = use_context::<AppState>();
    view! {
        (move || state.dropping.get().then(|| view! {
            div(id="drop-overlay", class="drop-overlay", aria-hidden="true") {
                div(class="drop-target") { "Drop the image to read it" }
            }
        }))
    }
}
