//! The state every component shares (signals, provided as context) and what changes it: the live reading
//! of the drawing, opening images, Predict, Clear and Undo.

use protocol::{ActiveModel, ErrorKind, Failure, KeptReading, LearningProgress, LearningStatus, NumberReading, OpenedImage};
use sycamore::prelude::*;
use wasm_bindgen::JsCast;

use crate::canvas::{self, Stroke};
use crate::state::{Phase, PredictAction, NOTHING_TO_UNDO};
use crate::theme::Theme;
use crate::learning::{learning_done_words, learning_outcome_words, LEARNING_CANCELLED, LEARNING_CANCELLING, LEARNING_STARTING};
use crate::{ipc, timing};

/// How long an open may take before the busy state (spinner and Cancel) shows: quicker opens never flash it.
const BUSY_AFTER_MS: i32 = 300;

/// A transient message; `id` makes a repeated text animate again.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub text: String,
}

pub const MODEL_UNAVAILABLE: &str = "Digits can't be read until the recognizer is available (see the message above).";
/// While a stroke is drawn, the drawing is read at most this often. Four answers a second still feel live;
/// more often, a repaint of the previous answer was often still going when the pen lifted, and the final
/// answer waited for it (figures in the README).
const LIVE_INTERVAL_MS: f64 = 250.0;
/// A drawing is kept in the history once its answer has stood this long with the pen up and nothing changed:
/// a number is drawn digit by digit, and only the whole of it is a finished reading.
const RECORD_AFTER_MS: i32 = 1_000;

/// What the last learning run came to, for the Learning section's outcome line.
#[derive(Debug, Clone, PartialEq)]
pub struct LearningNote {
    pub text: String,
    /// It failed (not refused or cancelled: those are answers).
    pub failed: bool,
}

/// The app's signals, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub strokes: Signal<Vec<Stroke>>,
    pub phase: Signal<Phase>,
    /// The newest answer, which may be for a drawing still in progress.
    pub latest: Signal<Option<NumberReading>>,
    /// The image being shown instead of the canvas.
    pub image: Signal<Option<OpenedImage>>,
    /// Which digit of a number the bars and the model's view describe.
    pub selected: Signal<usize>,
    /// A file is being dragged over the window.
    pub dropping: Signal<bool>,
    pub notice: Signal<Option<Notice>>,
    /// Why the recognizer could not start, for the banner (from `model_status`).
    pub model_error: Signal<Option<String>>,
    pub theme: Signal<Theme>,
    /// A pointer is down on the canvas.
    pub drawing: Signal<bool>,
    /// An image has been opening for a while: the busy state with Cancel shows.
    pub busy: Signal<bool>,
    /// The History panel is open.
    pub history_open: Signal<bool>,
    /// The app keeps a history (false where the shell has none: the phones, for now).
    pub history_available: Signal<bool>,
    /// The history entry of the result shown, once it is saved: only then can it be corrected or confirmed.
    pub kept: Signal<Option<KeptReading>>,
    /// How many labelled samples there are, once known.
    pub sample_count: Signal<Option<u32>>,
    /// Which model reads and what learning can do, once known (from `learning_status`; refreshed whenever the
    /// samples change).
    pub learning: Signal<Option<LearningStatus>>,
    /// While this window's learning run is out: how far it has got.
    pub learning_progress: Signal<Option<LearningProgress>>,
    /// Cancel was pressed for the run that is out.
    pub learning_cancelling: Signal<bool>,
    /// What the last run came to.
    pub learning_outcome: Signal<Option<LearningNote>>,
    /// A switch of model is out.
    pub switching_model: Signal<bool>,
    /// Bumped by every answer that sets [`Self::learning`], so an older status asked for meanwhile never
    /// replaces it.
    learning_generation: Signal<u32>,
    /// Numbers every open; only the newest one's answer is shown, so an older image never replaces a newer.
    open_generation: Signal<u32>,
    /// While an open is out: the phase to go back to when it fails or is cancelled.
    before_open: Signal<Option<Phase>>,
    /// Bumped by every change to the drawing, so an answer for an older drawing is never final.
    revision: Signal<u32>,
    /// One request at a time; the newest drawing is sent when it returns.
    in_flight: Signal<bool>,
    last_sent_ms: Signal<f64>,
}

impl AppState {
    pub fn new() -> Self {
        Self {
            strokes: create_signal(Vec::new()),
            phase: create_signal(Phase::Empty),
            latest: create_signal(None),
            image: create_signal(None),
            selected: create_signal(0),
            dropping: create_signal(false),
            notice: create_signal(None),
            model_error: create_signal(None),
            theme: create_signal(Theme::initial()),
            drawing: create_signal(false),
            busy: create_signal(false),
            history_open: create_signal(false),
            history_available: create_signal(true),
            kept: create_signal(None),
            sample_count: create_signal(None),
            learning: create_signal(None),
            learning_progress: create_signal(None),
            learning_cancelling: create_signal(false),
            learning_outcome: create_signal(None),
            switching_model: create_signal(false),
            learning_generation: create_signal(0),
            open_generation: create_signal(0),
            before_open: create_signal(None),
            revision: create_signal(0),
            in_flight: create_signal(false),
            last_sent_ms: create_signal(f64::NEG_INFINITY),
        }
    }

    pub fn notify(self, text: &str) {
        let id = self.notice.with_untracked(|n| n.as_ref().map_or(0, |n| n.id + 1));
        self.notice.set(Some(Notice { id, text: text.to_string() }));
        let notice = self.notice;
        after_ms(3500, move || {
            if notice.with_untracked(|n| n.as_ref().map(|n| n.id)) == Some(id) {
                notice.set(None);
            }
        });
    }

    fn changed(self) {
        self.kept.set(None);
        self.revision.update(|r| *r += 1);
        let next = self.phase.with_untracked(Phase::after_change);
        self.phase.set(next);
    }

    pub fn stroke_started(self, stroke: Stroke) {
        self.drawing.set(true);
        self.strokes.update(|strokes| strokes.push(stroke));
        self.changed();
    }

    /// A point added to the stroke in progress; reads the drawing, throttled. The canvas paints the new
    /// segment itself, so the change is silent: a full repaint per pointer move would keep the page busy.
    pub fn stroke_extended(self, point: canvas::Point) {
        self.strokes.update_silent(|strokes| {
            if let Some(stroke) = strokes.last_mut() {
                stroke.points.push(point);
            }
        });
        self.revision.update(|r| *r += 1);
        if timing::now_ms() - self.last_sent_ms.get_untracked() >= LIVE_INTERVAL_MS {
            self.read();
        }
    }

    /// Pointer up: the drawing is read at once, with no button.
    pub fn stroke_finished(self) {
        self.drawing.set(false);
        timing::stroke_ended();
        self.read();
    }

    pub fn predict(self) {
        match self.phase.with_untracked(Phase::on_predict) {
            PredictAction::Notice(text) => self.notify(text),
            PredictAction::Wait => {}
            PredictAction::Read => self.read(),
        }
    }

    /// Sends the drawing to the recognizer unless a request is already out; the answer handler then sends
    /// the newest drawing, so requests never pile up and the latest wins.
    fn read(self) {
        if self.in_flight.get_untracked() || self.strokes.with_untracked(Vec::is_empty) {
            return;
        }
        let strokes = self.strokes.get_clone_untracked();
        let revision = self.revision.get_untracked();
        self.in_flight.set(true);
        self.last_sent_ms.set(timing::now_ms());
        if !self.drawing.get_untracked() && self.latest.with_untracked(Option::is_none) {
            self.phase.set(Phase::Reading);
        }
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match canvas::export_grey(&strokes) {
                Ok((grey, w, h)) => {
                    timing::request_sent();
                    ipc::predict(&grey, w, h, revision).await
                }
                Err(e) => Err(Failure::new(ErrorKind::Internal, e)),
            };
            timing::answer_received();
            self.in_flight.set(false);
            self.answered(revision, answer);
        });
    }

    fn answered(self, revision: u32, answer: Result<NumberReading, Failure>) {
        if self.strokes.with_untracked(Vec::is_empty) {
            return; // cleared while the request ran
        }
        let current = revision == self.revision.get_untracked() && !self.drawing.get_untracked();
        match answer {
            Ok(reading) if current => {
                self.show(reading);
                timing::result_shown();
                self.record_when_unchanged(revision);
            }
            Ok(reading) => self.latest.set(Some(reading)),
            // The banner already explains a missing model; say it once, briefly, here.
            Err(failure) if failure.kind == ErrorKind::ModelUnavailable => {
                self.phase.set(Phase::Failed(MODEL_UNAVAILABLE.to_string()));
                return;
            }
            Err(failure) if current => {
                self.notify(&failure.message);
                self.phase.set(Phase::Failed(failure.message));
            }
            Err(_) => {}
        }
        if !current && !self.drawing.get_untracked() {
            self.read(); // the drawing changed meanwhile: read the newest one
        }
    }

    /// Keeps the drawing read at `revision` in the history if it still shows, unchanged, a moment from now.
    fn record_when_unchanged(self, revision: u32) {
        if !self.history_available.get_untracked() {
            return;
        }
        after_ms(RECORD_AFTER_MS, move || {
            let unchanged = revision == self.revision.get_untracked()
                && !self.drawing.get_untracked()
                && self.image.with_untracked(Option::is_none)
                && self.phase.with_untracked(|p| matches!(p, Phase::Shown(_)));
            if unchanged {
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::record_drawing(revision).await {
                        // Saved: the drawing, still shown, can now be corrected.
                        Ok(Some(id)) if revision == self.revision.get_untracked() => {
                            self.kept.set(Some(KeptReading::new(id as i64)));
                        }
                        Ok(_) => {}
                        Err(failure) => self.notify(&failure.message),
                    }
                });
            }
        });
    }

    fn show(self, reading: NumberReading) {
        if self.latest.with_untracked(|l| l.as_ref().map(|l| l.digits.len())) != Some(reading.digits.len()) {
            self.selected.set(0);
        }
        self.latest.set(Some(reading.clone()));
        self.phase.set(Phase::Shown(reading));
    }

    pub fn clear(self) {
        // Clear during an open stops it too; then "already clear" would only be noise.
        let was_opening = self.is_opening();
        self.cancel_open();
        if let Some(text) = self.phase.with_untracked(Phase::on_clear) {
            if !was_opening {
                self.notify(text);
            }
            return;
        }
        self.revision.update(|r| *r += 1);
        self.kept.set(None);
        self.strokes.set(Vec::new());
        self.image.set(None);
        self.latest.set(None);
        self.phase.set(Phase::Empty);
    }

    /// Shows the native file dialog and reads the chosen image.
    pub fn choose_image(self) {
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::pick_image_file().await {
                Ok(Some(path)) => self.open_path(path),
                Ok(None) => {} // cancelled
                Err(failure) => self.notify(&failure.message),
            }
        });
    }

    /// Reads an image file (chosen, dropped, or given at launch) and shows it in place of the canvas.
    pub fn open_path(self, path: String) {
        self.opening(async move { ipc::open_image(&path).await });
    }

    /// Reads an image from its file's bytes (pasted).
    pub fn open_bytes(self, bytes: Vec<u8>, name: String) {
        self.opening(async move { ipc::open_image_bytes(&bytes, &name).await });
    }

    fn opening(self, open: impl std::future::Future<Output = Result<OpenedImage, Failure>> + 'static) {
        let generation = self.open_generation.get_untracked().wrapping_add(1);
        self.open_generation.set(generation);
        // Opens that overlap go back to the phase before the first of them.
        if self.before_open.with_untracked(Option::is_none) {
            self.before_open.set(Some(self.phase.get_clone_untracked()));
        }
        self.phase.set(Phase::Reading);
        let current = move || self.open_generation.get_untracked() == generation;
        after_ms(BUSY_AFTER_MS, move || {
            if current() && self.is_opening() {
                self.busy.set(true);
            }
        });
        wasm_bindgen_futures::spawn_local(async move {
            let answer = open.await;
            if !current() {
                return; // superseded by a newer open, or cancelled: its answer is not wanted
            }
            self.busy.set(false);
            let before = self.before_open.take().unwrap_or(Phase::Empty);
            match answer {
                Ok(opened) => self.show_image(opened),
                Err(failure) if failure.kind == ErrorKind::Cancelled => self.phase.set(before),
                Err(failure) => {
                    self.phase.set(before);
                    // The message is already one sentence about the picture ("The picture is damaged…").
                    let message = match failure.kind {
                        ErrorKind::ModelUnavailable => MODEL_UNAVAILABLE.to_string(),
                        _ => failure.message,
                    };
                    self.notify(&message);
                }
            }
        });
    }

    /// Shows a picture and its reading in place of the canvas: one just opened, or one kept in the history.
    pub fn show_image(self, opened: OpenedImage) {
        self.cancel_open();
        self.revision.update(|r| *r += 1);
        self.strokes.set(Vec::new());
        self.kept.set(opened.kept.clone());
        self.show(opened.reading.clone());
        self.image.set(Some(opened));
    }

    /// An image is being opened.
    pub fn is_opening(self) -> bool {
        self.before_open.with_untracked(Option::is_some)
    }

    /// Stops the open in progress and goes back to how things were before it.
    pub fn cancel_open(self) {
        let Some(before) = self.before_open.take() else { return };
        self.open_generation.update(|g| *g = g.wrapping_add(1));
        self.busy.set(false);
        self.phase.set(before);
        wasm_bindgen_futures::spawn_local(ipc::cancel_open());
    }

    pub fn undo(self) {
        if self.strokes.with_untracked(Vec::is_empty) {
            self.notify(NOTHING_TO_UNDO);
            return;
        }
        self.strokes.update(|strokes| {
            strokes.pop();
        });
        self.kept.set(None);
        self.revision.update(|r| *r += 1);
        let remaining = self.strokes.with_untracked(Vec::len);
        self.phase.set(Phase::after_undo(remaining));
        if remaining == 0 {
            self.latest.set(None);
        } else {
            self.read();
        }
    }

    /// Asks which model reads and what learning can do (at start-up, and whenever the samples change).
    pub fn refresh_learning(self) {
        let generation = self.learning_generation.get_untracked();
        wasm_bindgen_futures::spawn_local(async move {
            // Where the app cannot tell (outside it, or an older shell), the section and the badge stay hidden.
            if let Ok(status) = ipc::learning_status().await {
                if self.learning_generation.get_untracked() == generation {
                    // A run this window did not start (it was reloaded meanwhile) sends no answer here: ask
                    // again until it is over.
                    if status.running && self.learning_progress.with_untracked(Option::is_none) {
                        after_ms(2_000, move || self.refresh_learning());
                    }
                    self.learning.set(Some(status));
                }
            }
        });
    }

    /// The answer to learning or a switch of model: it replaces the status, and any older one still coming.
    fn learning_answered(self, status: LearningStatus) {
        self.learning_generation.update(|g| *g = g.wrapping_add(1));
        self.learning.set(Some(status));
    }

    /// A learning run is out, this window's or (after a reload) one the app says is running.
    pub fn learning_running(self) -> bool {
        self.learning_progress.with(Option::is_some) || self.learning.with(|s| s.as_ref().is_some_and(|s| s.running))
    }

    /// A step of the run in progress (the `learning-progress` event).
    pub fn learning_progressed(self, progress: LearningProgress) {
        if self.learning_cancelling.get_untracked() || self.learning_progress.with_untracked(Option::is_none) {
            return; // a late event for a run already answered, one being cancelled, or one this window did not start
        }
        self.learning_progress.set(Some(progress));
    }

    fn learning_running_untracked(self) -> bool {
        self.learning_progress.with_untracked(Option::is_some)
            || self.learning.with_untracked(|s| s.as_ref().is_some_and(|s| s.running))
    }

    /// "Learn my handwriting": learns in the background, with progress, while the window stays usable.
    pub fn learn(self) {
        if self.learning_running_untracked() {
            return;
        }
        self.learning_outcome.set(None);
        self.learning_cancelling.set(false);
        self.learning_progress.set(Some(LearningProgress { fraction: 0.0, stage: LEARNING_STARTING.into() }));
        wasm_bindgen_futures::spawn_local(async move {
            let answer = ipc::learn_handwriting().await;
            self.learning_progress.set(None);
            self.learning_cancelling.set(false);
            let (note, short) = match answer {
                Ok(outcome) => {
                    let text = learning_outcome_words(&outcome);
                    let short = learning_done_words(&outcome).to_string();
                    self.learning_answered(outcome.status);
                    (LearningNote { text, failed: false }, short)
                }
                Err(failure) => {
                    self.refresh_learning();
                    match failure.kind {
                        ErrorKind::Cancelled => (LearningNote { text: LEARNING_CANCELLED.into(), failed: false }, String::new()),
                        _ => (LearningNote { text: failure.message.clone(), failed: true }, failure.message),
                    }
                }
            };
            // Finished while the History panel was closed: say so briefly (a cancel was asked for in the panel).
            if !short.is_empty() && !self.history_open.get_untracked() {
                self.notify(&short);
            }
            self.learning_outcome.set(Some(note));
        });
    }

    /// Cancel, while learning: the run answers `Cancelled` and nothing changes.
    pub fn cancel_learning(self) {
        if self.learning_cancelling.get_untracked() || !self.learning_running_untracked() {
            return;
        }
        self.learning_cancelling.set(true);
        self.learning_progress
            .update(|p| if let Some(p) = p { p.stage = LEARNING_CANCELLING.into() });
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(failure) = ipc::cancel_learning().await {
                self.learning_cancelling.set(false);
                self.notify(&failure.message);
            }
        });
    }

    /// Reads with `model` from now on.
    pub fn use_model(self, model: ActiveModel) {
        if self.switching_model.get_untracked() {
            return;
        }
        self.switching_model.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = ipc::use_model(model).await;
            self.switching_model.set(false);
            match answer {
                Ok(status) => self.learning_answered(status),
                Err(failure) => self.notify(&failure.message),
            }
        });
    }

    pub fn toggle_theme(self) {
        let next = self.theme.get_untracked().other();
        next.apply_and_remember();
        self.theme.set(next);
    }
}

/// Runs `then` once, `ms` milliseconds from now.
pub fn after_ms(ms: i32, then: impl FnOnce() + 'static) {
    let then = wasm_bindgen::closure::Closure::once_into_js(then);
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(then.unchecked_ref(), ms).ok();
    }
}
