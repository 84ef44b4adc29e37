//! The root component: it provides the shared [`AppState`] and lays out the window.

use sycamore::prelude::*;

use crate::app_state::AppState;
use crate::components::{Announcer, Controls, DrawingCanvas, DropOverlay, Header, ImageView, NoticeToast, OpeningBusy, ResultPanel};
use crate::{files, ipc, keyboard, timing};

#[component]
pub fn App() -> View {
    let state = AppState::new();
    provide_context(state);
    state.theme.get_untracked().apply();
    crate::theme::follow_system(move |theme| {
        theme.apply();
        state.theme.set(theme);
    });
    keyboard::install(state);
    files::install(state);
    timing::after_next_paint(|| wasm_bindgen_futures::spawn_local(ipc::window_painted()));
    // Not after the model: the history's notice (a damaged file moved aside) need not wait for it to load.
    wasm_bindgen_futures::spawn_local(async move {
        match ipc::history_notice().await {
            Ok(Some(notice)) => state.notify(&notice),
            Ok(None) => {}
            Err(_) => state.history_available.set(false), // this build of the app keeps no history
        }
    });
    // Which model reads, at start-up and again whenever the samples change (a correction, a confirmation, an
    // import, or "Delete all my data").
    create_effect(move || {
        state.sample_count.track();
        state.refresh_learning();
    });
    wasm_bindgen_futures::spawn_local(ipc::listen_for_learning_progress(move |progress| state.learning_progressed(progress)));
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(failure) = ipc::model_status().await {
            state.model_error.set(Some(failure.message));
        }
        // A file handed over by a second launch opens as if chosen in the Open dialog. Listen first: until the
        // launch file is asked for, the app keeps such a file as the launch file instead.
        ipc::listen_for_handed_files(move |path| state.open_path(path)).await;
        if let Ok(Some(path)) = ipc::launch_image().await {
            state.open_path(path);
        }
    });
    view! {
        div(class="app") {
            Header {}
            (move || state.model_error.get_clone().map(|message| view! {
                div(id="model-error", class="banner", role="alert") {
                    (message)
                }
            }))
            main(class="layout") {
                section(class="card draw-card", aria-label="Drawing area") {
                    div(class=move || if state.image.with(Option::is_some) { "canvas-area hidden" } else { "canvas-area" }) {
                        DrawingCanvas {}
                    }
                    ImageView {}
                    OpeningBusy {}
                    Controls {}
                }
                ResultPanel {}
            }
            Announcer {}
            NoticeToast {}
            DropOverlay {}
            footer(class="footer") { "Runs entirely on this device — nothing is uploaded." }
        }
    }
}
