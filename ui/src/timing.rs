//! Measures pointer-up → painted result, so the end-to-end tests can report the app's real latency. Each
//! figure (ms) is pushed onto `window.digitRecognizerTimings`.

use std::cell::Cell;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

const GLOBAL: &str = "digitRecognizerTimings";
const KEEP: u32 = 200;

thread_local! {
    static STROKE_ENDED_AT: Cell<Option<f64>> = const { Cell::new(None) };
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

pub fn stroke_ended() {
    STROKE_ENDED_AT.with(|t| t.set(Some(now_ms())));
}

/// The final answer for the last stroke is in the DOM: record when the frame showing it has been painted
/// (the task after the next animation frame).
pub fn result_shown() {
    let Some(started) = STROKE_ENDED_AT.with(Cell::take) else { return };
    after_next_paint(move || record(now_ms() - started));
}

/// Runs `then` once the next frame has been painted (the task after the next animation frame).
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let after_paint = Closure::once_into_js(then);
    let next_frame = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(after_paint.unchecked_ref(), 0)
                .ok();
        }
    });
    window.request_animation_frame(next_frame.unchecked_ref()).ok();
}

fn record(ms: f64) {
    let Some(window) = web_sys::window() else { return };
    let timings = match Reflect::get(&window, &GLOBAL.into()).ok().and_then(|v| v.dyn_into::<Array>().ok()) {
        Some(timings) => timings,
        None => {
            let timings = Array::new();
            Reflect::set(&window, &GLOBAL.into(), &timings).ok();
            timings
        }
    };
    timings.push(&ms.into());
    if timings.length() > KEEP {
        timings.shift();
    }
}
