//! The root component and the state every component shares.

use sycamore::prelude::*;

use crate::canvas::{self, Stroke};
use crate::components::{Controls, DrawingCanvas, Header, NoticeToast, ResultPanel};
use crate::ipc;
use crate::state::{Phase, PredictAction, Prediction};

/// A transient message; `id` makes a repeated text animate again.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub text: String,
}

pub const MODEL_UNAVAILABLE: &str = "Digits can't be read until the recognizer is available (see the message above).";

/// The app's signals, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub strokes: Signal<Vec<Stroke>>,
    pub phase: Signal<Phase>,
    pub notice: Signal<Option<Notice>>,
    pub model_error: Signal<Option<String>>,
    /// Bumped by every change to the drawing, so a late answer for an older drawing is dropped.
    pub generation: Signal<u32>,
}

impl AppState {
    fn new() -> Self {
        Self {
            strokes: create_signal(Vec::new()),
            phase: create_signal(Phase::Empty),
            notice: create_signal(None),
            model_error: create_signal(None),
            generation: create_signal(0),
        }
    }

    pub fn notify(self, text: &str) {
        let id = self.notice.with_untracked(|n| n.as_ref().map_or(0, |n| n.id + 1));
        self.notice.set(Some(Notice { id, text: text.to_string() }));
        let notice = self.notice;
        let hide = wasm_bindgen::closure::Closure::once_into_js(move || {
            if notice.with_untracked(|n| n.as_ref().map(|n| n.id)) == Some(id) {
                notice.set(None);
            }
        });
        if let Some(window) = web_sys::window() {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(hide.unchecked_ref(), 3500)
                .ok();
        }
    }

    pub fn stroke_finished(self) {
        self.generation.update(|g| *g += 1);
        let next = self.phase.with_untracked(Phase::after_stroke);
        self.phase.set(next);
    }

    pub fn predict(self) {
        match self.phase.with_untracked(Phase::on_predict) {
            PredictAction::Notice(text) => self.notify(text),
            PredictAction::Wait => {}
            PredictAction::Read => {
                let strokes = self.strokes.get_clone_untracked();
                let generation = self.generation.get_untracked();
                self.phase.set(Phase::Reading);
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = match canvas::export_rgba(&strokes) {
                        Ok((rgba, w, h)) => ipc::predict(&rgba, w, h).await,
                        Err(e) => Err(e),
                    };
                    if self.generation.get_untracked() != generation {
                        return; // the drawing changed while this request ran
                    }
                    self.show(answer);
                });
            }
        }
    }

    fn show(self, answer: Result<Prediction, String>) {
        match answer {
            Ok(prediction) => self.phase.set(Phase::Shown(prediction)),
            // The banner already explains a missing model; say it once, briefly, here.
            Err(_) if self.model_error.with_untracked(Option::is_some) => {
                self.phase.set(Phase::Failed(MODEL_UNAVAILABLE.to_string()));
            }
            Err(message) => {
                self.notify(&message);
                self.phase.set(Phase::Failed(message));
            }
        }
    }

    pub fn clear(self) {
        if let Some(text) = self.phase.with_untracked(Phase::on_clear) {
            self.notify(text);
            return;
        }
        self.generation.update(|g| *g += 1);
        self.strokes.set(Vec::new());
        self.phase.set(Phase::Empty);
    }
}

use wasm_bindgen::JsCast;

#[component]
pub fn App() -> View {
    let state = AppState::new();
    provide_context(state);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(message) = ipc::model_status().await {
            state.model_error.set(Some(message));
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
                    DrawingCanvas {}
                    Controls {}
                }
                ResultPanel {}
            }
            NoticeToast {}
            footer(class="footer") { "Runs entirely on this device — nothing is uploaded." }
        }
    }
}
