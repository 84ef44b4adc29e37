//! The answer: a large digit, the confidence in words and numbers, ten probability bars and the 28×28 image
//! the model saw.

use sycamore::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{HtmlCanvasElement, HtmlElement, ImageData};

use crate::app::AppState;
use crate::canvas::context;
use crate::state::{confidence_words, Phase};

fn paint_preview(canvas: &HtmlCanvasElement, model_input: &[u8]) {
    let mut rgba = Vec::with_capacity(28 * 28 * 4);
    for &v in model_input {
        rgba.extend_from_slice(&[255 - v, 255 - v, 255 - v, 255]);
    }
    if rgba.len() == 28 * 28 * 4 {
        if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), 28, 28) {
            context(canvas).put_image_data(&image, 0.0, 0.0).ok();
        }
    }
}

#[component]
pub fn ResultPanel() -> View {
    let state = use_context::<AppState>();
    let preview_ref = create_node_ref();
    let prediction = create_memo(move || state.phase.with(|p| p.prediction().cloned()));

    on_mount(move || {
        create_effect(move || {
            let canvas = preview_ref.get().unchecked_into::<HtmlCanvasElement>();
            match prediction.get_clone() {
                Some(p) => paint_preview(&canvas, &p.model_input),
                None => context(&canvas).clear_rect(0.0, 0.0, 28.0, 28.0),
            }
        });
    });

    let headline = move || match state.phase.get_clone() {
        Phase::Empty => view! { p(class="placeholder") { "Your result appears here." } },
        Phase::Drawn => view! { p(class="placeholder") { "Press Predict to read your digit." } },
        Phase::Reading => view! { p(class="placeholder reading") { span(class="spinner") "Reading…" } },
        Phase::Failed(message) => view! { p(id="result-error", class="placeholder error") { (message) } },
        Phase::Shown(p) => {
            let percent = format!("{:.1} %", p.confidence * 100.0);
            let words = if p.unsure { "Unsure" } else { confidence_words(p.confidence) };
            view! {
                div(class="answer") {
                    div(id="result-digit", class=if p.unsure { "digit unsure" } else { "digit" }) { (p.digit.to_string()) }
                    div(class="confidence") {
                        span(id="result-words", class="words") { (words) }
                        span(id="result-confidence", class="percent") { (percent) }
                    }
                }
            }
        }
    };

    let probability = move |digit: usize| prediction.with(|p| p.as_ref().map_or(0.0, |p| p.probabilities[digit]));
    let fills: Vec<NodeRef> = (0..10).map(|_| create_node_ref()).collect();
    let fill_refs = fills.clone();
    on_mount(move || {
        // Widths go through the CSSOM: the CSP (style-src 'self') blocks inline style attributes.
        create_effect(move || {
            for (digit, fill) in fill_refs.iter().enumerate() {
                let width = format!("{:.1}%", probability(digit) * 100.0);
                fill.get().unchecked_into::<HtmlElement>().style().set_property("width", &width).ok();
            }
        });
    });

    let bars = (0..10u8)
        .zip(fills)
        .map(|(digit, fill)| {
            let winner = move || prediction.with(|p| p.as_ref().is_some_and(|p| p.digit == digit));
            view! {
                li(class=move || if winner() { "bar winner" } else { "bar" }) {
                    span(class="bar-label") { (digit.to_string()) }
                    span(class="bar-track") {
                        span(r#ref=fill, class="bar-fill")
                    }
                    span(class="bar-value") { (move || format!("{:.0}%", probability(digit as usize) * 100.0)) }
                }
            }
        })
        .collect::<Vec<_>>();

    view! {
        section(class="card result-card", aria-label="Result") {
            div(class="result-head", aria-live="polite") { (headline) }
            ol(class="bars", aria-label="Probability of each digit") { (bars) }
            div(class="seen") {
                canvas(r#ref=preview_ref, class="preview", width="28", height="28",
                       role="img", aria-label="The 28 by 28 image the model saw")
                span { "What the model sees" }
            }
        }
    }
}
