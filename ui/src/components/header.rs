use sycamore::prelude::*;

use super::{About, HistoryPanel, ThemeToggle};

#[component]
pub fn Header() -> View {
    view! {
        header(class="header") {
            img(class="logo", src="icon.svg", alt="", width="40", height="40")
            div(class="titles") {
                h1 { "Digit Recognizer" }
                p(class="subtitle") { "Draw digits, or open a photo of a number" }
            }
            HistoryPanel {}
            About {}
            ThemeToggle {}
        }
    }
}
