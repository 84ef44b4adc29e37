//! "Clear all…" and its confirmation: a second modal dialog over the History panel, with Cancel focused, so
//! that neither a stray Enter nor a quick click empties the history.

use sycamore::prelude::*;
use web_sys::KeyboardEvent;

use super::dialog::{follow_open, on_cancel};
use crate::app_state::AppState;
use crate::history::HistoryView;

#[component]
pub fn ClearHistory() -> View {
    let state = use_context::<AppState>();
    let view = use_context::<HistoryView>();
    let button_ref = create_node_ref();
    let dialog_ref = create_node_ref();
    let cancel_ref = create_node_ref();
    let nothing = move || view.entries.with(Vec::is_empty) && view.search.with(String::is_empty);

    on_mount(move || {
        on_cancel(dialog_ref, move || view.confirming.set(false));
        follow_open(dialog_ref, view.confirming, cancel_ref, button_ref);
    });
    // Escape closes this dialog only, not the panel under it.
    let on_key = move |event: KeyboardEvent| {
        event.stop_propagation();
        if event.key() == "Escape" {
            event.prevent_default();
            view.confirming.set(false);
        }
    };
    let ask = move |_| {
        if !nothing() {
            view.confirming.set(true);
        }
    };
    let confirmed = move |_| {
        view.confirming.set(false);
        view.clear(state);
    };

    view! {
        button(r#ref=button_ref, id="history-clear", class="button history-clear", r#type="button",
               aria-disabled=move || nothing().to_string(), aria-haspopup="dialog", on:click=ask) {
            "Clear all…"
        }
        dialog(r#ref=dialog_ref, id="history-confirm", class="history-confirm", role="alertdialog",
               aria-labelledby="history-confirm-title", aria-describedby="history-confirm-text",
               on:keydown=on_key, on:close=move |_| view.confirming.set(false)) {
            h3(id="history-confirm-title") { "Clear the whole history?" }
            p(id="history-confirm-text") {
                "Every kept reading is deleted from this device. This cannot be undone."
            }
            div(class="history-confirm-actions") {
                button(r#ref=cancel_ref, id="history-confirm-cancel", class="button", r#type="button",
                       on:click=move |_| view.confirming.set(false)) {
                    "Cancel"
                }
                button(id="history-confirm-clear", class="button danger", r#type="button", on:click=confirmed) {
                    "Delete all"
                }
            }
        }
    }
}
