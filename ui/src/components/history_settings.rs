//! The History panel's settings: whether readings are kept, and how many at most. Saved in the history's own
//! database, so they outlive the app.

use protocol::HistorySettings;
use sycamore::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement, HtmlSelectElement};

use crate::app_state::AppState;
use crate::history::{limit_words, parse_limit, HistoryView, LIMITS};

#[component]
pub fn HistorySettingsSection() -> View {
    let state = use_context::<AppState>();
    let view = use_context::<HistoryView>();
    // Until the saved settings come, the controls show none and change none: a default shown in their place
    // could be saved over them by a change made in the meantime.
    let saved = move || view.settings.get();
    let on_switch = move |event: Event| {
        let Some(current) = view.settings.get_untracked() else { return };
        let enabled = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked());
        view.save_settings(state, HistorySettings { enabled, ..current });
    };
    let on_limit = move |event: Event| {
        let Some(current) = view.settings.get_untracked() else { return };
        let Some(select) = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
        if select.value() != "other" {
            view.save_settings(state, HistorySettings { max_entries: parse_limit(&select.value()), ..current });
        }
    };
    let options = move || {
        let Some(current) = saved() else { return Vec::new() };
        let chosen = current.max_entries;
        let mut limits = LIMITS.to_vec();
        if !limits.contains(&chosen) {
            limits.push(chosen); // a limit set some other way is shown as it is
        }
        limits
            .into_iter()
            .map(|limit| {
                let (value, words) = limit_words(limit);
                view! { option(value=value, selected=limit == chosen) { (words) } }
            })
            .collect::<Vec<_>>()
    };
    let enabled = move || saved().is_some_and(|s| s.enabled);
    view! {
        section(class="history-settings", aria-labelledby="history-settings-title", aria-busy=move || saved().is_none().to_string()) {
            h3(id="history-settings-title") { "Settings" }
            label(class="history-switch") {
                input(id="history-enabled", r#type="checkbox", disabled=move || saved().is_none(),
                      prop:checked=move || wasm_bindgen::JsValue::from_bool(enabled()), on:change=on_switch)
                span { "Keep a history of what I draw and open" }
            }
            div(class="history-limit") {
                label(r#for="history-limit") { "Keep at most" }
                select(id="history-limit", disabled=move || !enabled(), on:change=on_limit) { (options) }
            }
            (move || saved().is_some_and(|s| !s.enabled).then(|| view! {
                p(id="history-off", class="history-note") {
                    "New readings are not kept. What is kept stays until you delete it."
                }
            }))
        }
    }
}
