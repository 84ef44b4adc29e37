use sycamore::prelude::*;

use super::{About, HistoryPanel, ThemeToggle};
use crate::app_state::AppState;
use crate::learning::active_model_words;
use protocol::ActiveModel;

#[component]
pub fn Header() -> View {
    let state = use_context::<AppState>();
    // Which model reads (issue 15), once the app has said.
    let active = create_selector(move || state.learning.with(|s| s.as_ref().map(|s| s.active)));
    let badge = move || {
        active.get().map(|active| {
            let class = if active == ActiveModel::Personal { "model-badge personal" } else { "model-badge" };
            view! {
                span(class="model-line") {
                    span(class="visually-hidden") { "Reading with: " }
                    span(id="active-model", class=class, title="The model that reads your digits") { (active_model_words(active)) }
                }
            }
        })
    };
    view! {
        header(class="header") {
            img(class="logo", src="icon.svg", alt="", width="40", height="40")
            div(class="titles") {
                h1 { "Digit Recognizer" }
                // Beside the subtitle, not under it: a taller header made the page scroll at 1280×800.
                p(class="subtitle") { "Draw digits, or open a photo of a number " (badge) }
            }
            HistoryPanel {}
            About {}
            ThemeToggle {}
        }
    }
}
