//! The drawing surface: pointer events (mouse, touch, pen), sharp on HiDPI screens, redrawn from stroke
//! data on resize.

use std::cell::Cell;
use std::rc::Rc;

use sycamore::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, PointerEvent};

use crate::app_state::AppState;
use crate::canvas::{context, paint, paint_latest_segment, width_for, Point, Stroke};

/// Ink colour on screen, read from the theme so dark mode draws light ink.
fn ink_colour(canvas: &HtmlCanvasElement) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(canvas).ok().flatten())
        .and_then(|style| style.get_property_value("--ink").ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "#1d1b3a".into())
}

/// Matches the backing store to the element's size × devicePixelRatio, then repaints.
fn fit_and_paint(canvas: &HtmlCanvasElement, strokes: &[Stroke], ink: &str) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let side = canvas.client_width().max(1) as f64;
    let pixels = (side * ratio).round() as u32;
    if canvas.width() != pixels || canvas.height() != pixels {
        canvas.set_width(pixels);
        canvas.set_height(pixels);
    }
    let ctx = context(canvas);
    ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0).ok();
    paint(&ctx, strokes, side, ink, None);
}

/// The pointer's position as a fraction of the canvas side, with the pen's width there.
fn point(canvas: &HtmlCanvasElement, event: &PointerEvent) -> Point {
    let rect = canvas.get_bounding_client_rect();
    let side = rect.width().max(1.0);
    Point {
        x: ((event.client_x() as f64 - rect.left()) / side).clamp(0.0, 1.0),
        y: ((event.client_y() as f64 - rect.top()) / side).clamp(0.0, 1.0),
        width: width_for(&event.pointer_type(), event.pressure()),
    }
}

#[component]
pub fn DrawingCanvas() -> View {
    let state = use_context::<AppState>();
    let canvas_ref = create_node_ref();
    let drawing = Rc::new(Cell::new(None::<i32>)); // the pointer id of the stroke in progress
    let canvas = move || canvas_ref.get().unchecked_into::<HtmlCanvasElement>();
    let ink = create_signal(String::new());

    on_mount(move || {
        // Read from the stylesheet once per theme, not on every pointer move (it forces a style pass).
        create_effect(move || {
            state.theme.track();
            ink.set(ink_colour(&canvas()));
        });
        create_effect(move || ink.with(|ink| state.strokes.with(|strokes| fit_and_paint(&canvas(), strokes, ink))));
        let on_resize = Closure::<dyn Fn()>::new(move || {
            ink.with_untracked(|ink| state.strokes.with_untracked(|strokes| fit_and_paint(&canvas(), strokes, ink)))
        });
        if let Some(window) = web_sys::window() {
            window.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref()).ok();
        }
        on_resize.forget(); // lives as long as the app
    });

    let down = {
        let drawing = drawing.clone();
        move |event: PointerEvent| {
            if event.button() != 0 && event.pointer_type() == "mouse" {
                return;
            }
            event.prevent_default();
            let canvas = canvas();
            // Capture: moves and the release outside the canvas still reach us and end the stroke.
            canvas.set_pointer_capture(event.pointer_id()).ok();
            drawing.set(Some(event.pointer_id()));
            state.stroke_started(Stroke { points: vec![point(&canvas, &event)] });
        }
    };
    let moved = {
        let drawing = drawing.clone();
        move |event: PointerEvent| {
            if drawing.get() != Some(event.pointer_id()) {
                return;
            }
            event.prevent_default();
            let canvas = canvas();
            state.stroke_extended(point(&canvas, &event));
            let side = canvas.client_width().max(1) as f64;
            state.strokes.with_untracked(|strokes| {
                if let Some(stroke) = strokes.last() {
                    ink.with_untracked(|ink| paint_latest_segment(&context(&canvas), stroke, side, ink));
                }
            });
        }
    };
    let up = move |event: PointerEvent| {
        if drawing.get() == Some(event.pointer_id()) {
            drawing.set(None);
            state.stroke_finished();
        }
    };
    let cancel = up.clone();
    let lost = up.clone();

    view! {
        div(class="canvas-frame") {
            canvas(r#ref=canvas_ref, id="drawing", class="drawing",
                   role="img", aria-label="Drawing canvas: draw one digit here",
                   on:pointerdown=down, on:pointermove=moved, on:pointerup=up, on:pointercancel=cancel,
                   on:lostpointercapture=lost)
            (move || state.strokes.with(Vec::is_empty).then(|| view! {
                p(class="canvas-hint") { "Draw a digit here" }
            }))
        }
    }
}
