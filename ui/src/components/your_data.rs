//! The History panel's "Your samples" section: how many labelled samples there are, export them (both formats,
//! into a new folder inside one chosen in the system's folder picker), import them from a folder, and "Delete
//! all my data".

use sycamore::prelude::*;

use super::DeleteAllData;
use crate::app_state::AppState;
use crate::corrections::{exported_words, imported_words, sample_count_words};
use crate::ipc;

/// The outcome of the last export or import, and whether it failed.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    text: String,
    failed: bool,
}

#[component]
pub fn YourData() -> View {
    let state = use_context::<AppState>();
    let outcome = create_signal(None::<Outcome>);
    let busy = create_signal(false);
    // Counted afresh each time the panel opens.
    create_effect(move || {
        if state.history_open.get() {
            outcome.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(count) = ipc::sample_count().await {
                    state.sample_count.set(Some(count));
                }
            });
        }
    });
    let finish = move |result: Result<(String, u32), protocol::Failure>| {
        busy.set(false);
        outcome.set(Some(match result {
            Ok((text, count)) => {
                state.sample_count.set(Some(count));
                Outcome { text, failed: false }
            }
            Err(failure) => Outcome { text: failure.message, failed: true },
        }));
    };
    // One export or import at a time, each into or from a folder the person picks.
    let move_samples = move |exporting: bool| {
        if busy.get_untracked() {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let title = if exporting { "Choose where to export your samples" } else { "Choose a folder of samples to import" };
            let Ok(Some(folder)) = ipc::pick_folder(title).await else { return };
            busy.set(true);
            finish(if exporting {
                ipc::export_samples(&folder).await.map(|moved| (exported_words(&moved), moved.sample_count))
            } else {
                ipc::import_samples(&folder).await.map(|moved| (imported_words(&moved), moved.sample_count))
            });
        });
    };
    let count = move || state.sample_count.get().map(sample_count_words).unwrap_or_default();
    let outcome_view = move || {
        outcome.get_clone().map(|Outcome { text, failed }| {
            let class = if failed { "data-outcome failed" } else { "data-outcome" };
            view! { p(id="data-outcome", class=class, role="status") { (text) } }
        })
    };
    view! {
        section(class="history-settings your-data", aria-labelledby="your-data-title") {
            h3(id="your-data-title") { "Your samples" }
            p(id="sample-count", class="sample-count", aria-live="polite") { (count) }
            p(class="history-note") {
                "The digits you corrected or confirmed, kept on this device to learn your handwriting. Export them as \
                 MNIST IDX files and PNGs with labels.csv; import either."
            }
            div(class="data-actions") {
                button(id="export-samples", class="button", r#type="button", aria-busy=move || busy.get().to_string(), on:click=move |_| move_samples(true)) {
                    "Export samples…"
                }
                button(id="import-samples", class="button", r#type="button", aria-busy=move || busy.get().to_string(), on:click=move |_| move_samples(false)) {
                    "Import samples…"
                }
            }
            (outcome_view)
            DeleteAllData {}
        }
    }
}
