//! The answer: a large digit, the confidence in words and numbers, ten probability bars and the 28×28 image
//! the model saw.

use sycamore::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{HtmlCanvasElement, HtmlElement, ImageData};

use super::CorrectionBar;
use crate::app_state::AppState;
use crate::canvas::context;
use crate::state::{headline, Headline, Phase};

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
    // The chosen digit of the newest answer, final or still being refined while the person draws.
    let prediction = create_selector(move || {
        let selected = state.selected.get();
        state.latest.with(|latest| latest.as_ref().and_then(|r| r.digit(selected).cloned()))
    });
    let digit_count = create_selector(move || state.latest.with(|l| l.as_ref().map_or(0, |r| r.digits.len())));
    let fresh = create_selector(move || state.phase.with(|p| matches!(p, Phase::Shown(_))));
    // Rebuilt only when what it shows changes, so the digit animates once per new digit.
    let head = create_selector(move || state.phase.with(|phase| state.latest.with(|latest| headline(phase, latest.as_ref()))));

    on_mount(move || {
        create_effect(move || {
            let canvas = preview_ref.get().unchecked_into::<HtmlCanvasElement>();
            match prediction.get_clone() {
                Some(p) => paint_preview(&canvas, &p.model_input),
                None => context(&canvas).clear_rect(0.0, 0.0, 28.0, 28.0),
            }
        });
    });

    let words = move || prediction.with(|p| p.as_ref().map(|p| p.words()).unwrap_or_default());
    let percent = move || prediction.with(|p| p.as_ref().map(|p| format!("{:.1} %", p.confidence * 100.0)).unwrap_or_default());
    let why = move || prediction.with(|p| p.as_ref().and_then(|p| p.doubt).map(|d| d.message().to_string()).unwrap_or_default());
    let head_view = move || match head.get_clone() {
        Headline::Hint(text) => view! { p(class="placeholder") { (text) } },
        Headline::Nothing(message) => view! { p(id="result-nothing", class="placeholder") { (message) } },
        Headline::Number { shown, unsure, why } => {
            let words = if unsure { "Unsure" } else { "The number" };
            let class = format!("number{}{}", if unsure { " unsure" } else { "" }, length_class(&shown));
            view! {
                div(class=move || if fresh.get() { "answer" } else { "answer updating" }) {
                    div(class="confidence") {
                        span(id="result-words", class="words") { (words) }
                        div(id="result-number", class=class) { (shown) }
                        (why.map(|why| view! { span(id="result-why", class="why") { (why) } }))
                    }
                }
            }
        }
        Headline::Reading => view! { p(class="placeholder reading") { span(class="spinner") "Reading…" } },
        Headline::Error(message) => view! { p(id="result-error", class="placeholder error") { (message) } },
        Headline::Answer { digit, runner_up, unsure } => {
            let shown = digit.map_or("?".to_string(), |d| d.to_string());
            let digit_class = if unsure { "digit unsure" } else { "digit" };
            view! {
                div(class=move || if fresh.get() { "answer" } else { "answer updating" }) {
                    div(id="result-digit", class=digit_class) { (shown) }
                    div(class="confidence") {
                        span(id="result-words", class="words") {
                            (words)
                            (runner_up.map(|r| view! { span(id="result-runner-up", class="runner-up") { (format!(" — {} or {r}?", digit.unwrap_or_default())) } }))
                        }
                        (digit.is_some().then(|| view! { span(id="result-confidence", class="percent") { (percent) } }))
                        (unsure.then(|| view! { span(id="result-why", class="why") { (why) } }))
                    }
                }
            }
        }
    };

    let probability = move |digit: usize| prediction.with(|p| p.as_ref().map_or(0.0, |p| p.probabilities[digit]));
    let fills: Vec<NodeRef> = (0..10).map(|_| create_node_ref()).collect();
    let fill_refs = fills.clone();
    on_mount(move || {
        // A full-width fill slid left: a transform animates without relayout or repaint, unlike a width.
        // It goes through the CSSOM: the CSP (style-src 'self') blocks inline style attributes.
        create_effect(move || {
            for (digit, fill) in fill_refs.iter().enumerate() {
                let offset = format!("translateX({:.1}%)", (probability(digit) - 1.0) * 100.0);
                fill.get().unchecked_into::<HtmlElement>().style().set_property("transform", &offset).ok();
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

    // For a number, one chip per digit: choosing one shows its bars and model input.
    let chips = move || {
        let digits = state.latest.with(|l| l.as_ref().map(|r| r.digits.clone()).unwrap_or_default());
        (digits.len() > 1).then(|| {
            let chips = digits
                .into_iter()
                .enumerate()
                .map(|(index, digit)| {
                    let p = digit.prediction;
                    let label = p.shown_label();
                    let percent = if p.shown_digit().is_some() { format!("{:.0}%", 100.0 * p.confidence) } else { "unsure".into() };
                    let pressed = move || (state.selected.get() == index).to_string();
                    let class = if p.unsure { "chip unsure" } else { "chip" };
                    view! {
                        button(class=class, r#type="button", aria-pressed=pressed,
                               title=format!("Show the probabilities for digit {}", index + 1),
                               on:click=move |_| state.selected.set(index)) {
                            span(class="chip-digit") { (label) }
                            span(class="chip-percent") { (percent) }
                        }
                    }
                })
                .collect::<Vec<_>>();
            view! { div(id="digit-chips", class="chips", role="group", aria-label="Digits of the number") { (chips) } }
        })
    };
    let details_title = move || match digit_count.get() {
        0 | 1 => String::new(),
        _ => format!("Digit {} of {}", state.selected.get().min(digit_count.get() - 1) + 1, digit_count.get()),
    };

    // A number's chips and "Digit 1 of 3" take room a single digit's reading does not: its card is set
    // tighter, so that a desktop window still shows it whole without scrolling.
    let card_class = move || {
        let live = if fresh.get() { "" } else { " live" };
        let number = match digit_count.get() {
            0 | 1 => "",
            2..=MOST_CHIPS_IN_A_ROW => " number-reading",
            _ => " number-reading many-digits",
        };
        format!("card result-card{live}{number}")
    };
    view! {
        section(class=card_class, aria-label="Result") {
            div(class="result-head") { (head_view) }
            (chips)
            CorrectionBar {}
            (move || (digit_count.get() > 1).then(|| view! { p(class="details-title") { (details_title) } }))
            ol(class="bars", aria-label="Probability of each digit") { (bars) }
            div(class="seen") {
                canvas(r#ref=preview_ref, class="preview", width="28", height="28",
                       role="img", aria-label="The 28 by 28 image the model saw")
                span { "What the model sees" }
            }
        }
    }
}

/// A number's chips fit five to a row; with more digits they stack each digit over its percentage, which
/// fits eight to a row in a desktop window.
const MOST_CHIPS_IN_A_ROW: usize = 5;

/// The number is set smaller the more digits its longest line has, so that a date of eight digits stays on
/// one line rather than breaking before its last digit.
fn length_class(shown: &str) -> &'static str {
    let longest = shown.lines().map(|line| line.chars().filter(|c| !c.is_whitespace()).count()).max().unwrap_or(0);
    match longest {
        0..=6 => "",
        7..=8 => " long",
        9..=10 => " longer",
        _ => " longest",
    }
}
