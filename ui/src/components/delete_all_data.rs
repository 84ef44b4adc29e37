//! "Delete all my data…" and its confirmation (Cancel focused, as for Clear all): the history, the samples,
//! the settings (the theme too), the personal model and the logs are deleted; the panel then shows nothing kept and no samples.

use sycamore::prelude::*;
use web_sys::KeyboardEvent;

use super::dialog::{follow_open, on_cancel};
use crate::app_state::AppState;
use crate::corrections::ALL_DELETED;
use crate::history::HistoryView;
use crate::ipc;

#[component]
pub fn DeleteAllData() -> View {
    let state = use_context::<AppState>();
    let view = use_context::<HistoryView>();
    let asking = create_signal(false);
    let button_ref = create_node_ref();
    let dialog_ref = create_node_ref();
    let cancel_ref = create_node_ref();

    on_mount(move || {
        on_cancel(dialog_ref, move || asking.set(false));
        follow_open(dialog_ref, asking, cancel_ref, button_ref);
        // The panel closing closes this too.
        create_effect(move || {
            if !state.history_open.get() {
                asking.set(false);
            }
        });
    });
    // Escape closes this dialog only, not the panel under it.
    let on_key = move |event: KeyboardEvent| {
        event.stop_propagation();
        if event.key() == "Escape" {
            event.prevent_default();
            asking.set(false);
        }
    };
    let confirmed = move |_| {
        asking.set(false);
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::delete_all_data().await {
                Ok(()) => {
                    state.kept.set(None); // its entry is gone
                    state.sample_count.set(Some(0));
                    // The personal model is gone too, and what the last run found no longer holds.
                    state.learning_outcome.set(None);
                    state.refresh_learning();
                    let theme = crate::theme::forget_choice();
                    theme.apply();
                    state.theme.set(theme);
                    state.notify(ALL_DELETED);
                }
                Err(failure) => state.notify(&failure.message),
            }
            view.opened(); // the list and the settings as they now are
        });
    };

    view! {
        button(r#ref=button_ref, id="delete-all-data", class="button delete-all-data", r#type="button",
               aria-haspopup="dialog", on:click=move |_| asking.set(true)) {
            "Delete all my data…"
        }
        dialog(r#ref=dialog_ref, id="delete-all-confirm", class="history-confirm", role="alertdialog",
               aria-labelledby="delete-all-title", aria-describedby="delete-all-text",
               on:keydown=on_key, on:close=move |_| asking.set(false)) {
            h3(id="delete-all-title") { "Delete all your data?" }
            p(id="delete-all-text") {
                "The history, every labelled sample, your personal model, the settings and the app's logs are deleted from this device. \
                 This cannot be undone."
            }
            div(class="history-confirm-actions") {
                button(r#ref=cancel_ref, id="delete-all-cancel", class="button", r#type="button", on:click=move |_| asking.set(false)) {
                    "Cancel"
                }
                button(id="delete-all-confirm-button", class="button danger", r#type="button", on:click=confirmed) {
                    "Delete everything"
                }
            }
        }
    }
}
