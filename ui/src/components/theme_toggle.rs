use sycamore::prelude::*;

use crate::app_state::AppState;
use crate::theme::Theme;

/// Switches between the light and dark themes.
#[component]
pub fn ThemeToggle() -> View {
    let state = use_context::<AppState>();
    let label = move || match state.theme.get() {
        Theme::Light => "Switch to the dark theme",
        Theme::Dark => "Switch to the light theme",
    };
    let icon = move || match state.theme.get() {
        Theme::Light => "☾",
        Theme::Dark => "☀",
    };
    view! {
        button(id="theme-toggle", class="icon-button", r#type="button",
               title=label, aria-label=label, on:click=move |_| state.toggle_theme()) {
            span(aria-hidden="true") { (icon) }
        }
    }
}
