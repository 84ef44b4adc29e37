//! Measures pointer-up → painted result, so the end-to-end tests can report the app's real latency. Each
//! figure is pushed onto `window.digitRecognizerTimings` as `{total, export, recognizer, render, frame, paint}`
//! (ms): pointer up → pixels ready to send → answer back → result in the DOM → next animation frame → painted.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

const GLOBAL: &str = "digitRecognizerTimings";
const KEEP: u32 = 200;

/// Timestamps for the stroke being answered; `None` until that step has happened.
#[derive(Default, Clone, Copy)]
struct Trace {
    ended: f64,
    sent: Option<f64>,
    answered: Option<f64>,
}

thread_local! {
    static TRACE: RefCell<Option<Trace>> = const { RefCell::new(None) };
}

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

pub fn stroke_ended() {
    TRACE.with(|t| *t.borrow_mut() = Some(Trace { ended: now_ms(), ..Trace::default() }));
}

/// The drawing's pixels are ready and the request leaves (the newest send after pointer up counts; when the
/// answer comes from a request sent before pointer up, "export" is 0 and "recognizer" is its remaining wait).
pub fn request_sent() {
    TRACE.with(|t| {
        if let Some(trace) = t.borrow_mut().as_mut() {
            trace.sent = Some(now_ms());
            trace.answered = None; // an earlier request's answer is not this one's
        }
    });
}

pub fn answer_received() {
    TRACE.with(|t| {
        if let Some(trace) = t.borrow_mut().as_mut() {
            trace.answered = Some(now_ms());
        }
    });
}

/// The final answer for the last stroke is in the DOM: record when the frame showing it has been painted
/// (the task after the next animation frame).
pub fn result_shown() {
    let Some(trace) = TRACE.with(|t| t.borrow_mut().take()) else { return };
    let in_dom = now_ms();
    on_next_frame(move || {
        let frame = now_ms();
        after_task(move || {
            let painted = now_ms();
            let sent = trace.sent.unwrap_or(trace.ended);
            let answered = trace.answered.unwrap_or(sent);
            record(&[
                ("total", painted - trace.ended),
                ("export", sent - trace.ended),
                ("recognizer", answered - sent),
                ("render", in_dom - answered),
                ("frame", frame - in_dom),
                ("paint", painted - frame),
            ]);
        });
    });
}

fn on_next_frame(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    window.request_animation_frame(Closure::once_into_js(then).unchecked_ref()).ok();
}

fn after_task(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let then = Closure::once_into_js(then);
    window.set_timeout_with_callback_and_timeout_and_arguments_0(then.unchecked_ref(), 0).ok();
}

/// Runs `then` once the next frame has been painted (the task after the next animation frame).
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    on_next_frame(move || after_task(then));
}

fn record(figures: &[(&str, f64)]) {
    let Some(window) = web_sys::window() else { return };
    let timings = match Reflect::get(&window, &GLOBAL.into()).ok().and_then(|v| v.dyn_into::<Array>().ok()) {
        Some(timings) => timings,
        None => {
            let timings = Array::new();
            Reflect::set(&window, &GLOBAL.into(), &timings).ok();
            timings
        }
    };
    let entry = Object::new();
    for (name, ms) in figures {
        Reflect::set(&entry, &(*name).into(), &(*ms).into()).ok();
    }
    timings.push(&entry);
    if timings.length() > KEEP {
        timings.shift();
    }
}
