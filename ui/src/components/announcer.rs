use sycamore::prelude::*;

use crate::app_state::AppState;
use protocol::NumberReading;

/// Tells screen readers each final result once; the live updates while drawing stay quiet.
#[component]
pub fn Announcer() -> View {
    let state = use_context::<AppState>();
    let message = create_selector(move || state.phase.with(|p| p.reading().map(NumberReading::announcement)).unwrap_or_default());
    view! {
        div(id="announcer", class="visually-hidden", aria-live="polite", aria-atomic="true") { (message) }
    }
}
