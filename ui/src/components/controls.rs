use sycamore::prelude::*;

use crate::app::AppState;
use crate::state::Phase;

#[component]
pub fn Controls() -> View {
    let state = use_context::<AppState>();
    let reading = move || state.phase.with(|p| *p == Phase::Reading);
    view! {
        div(class="controls") {
            button(id="predict", class="button primary", title="Read the digit (Enter)",
                   aria-busy=move || reading().to_string(),
                   on:click=move |_| state.predict()) {
                span(class="button-label") { "Predict" }
            }
            button(id="clear", class="button", title="Clear the canvas (Delete)",
                   on:click=move |_| state.clear()) {
                "Clear"
            }
        }
    }
}
