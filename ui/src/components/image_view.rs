//! An opened image with a box around each digit found, labelled with what it was read as. Clicking a box
//! shows that digit's probabilities.

use sycamore::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::app_state::AppState;
use protocol::OpenedImage;

#[component]
pub fn ImageView() -> View {
    let state = use_context::<AppState>();
    view! {
        (move || state.image.get_clone().map(|opened| view! { ImageWithBoxes(opened=opened) }))
    }
}

#[component(inline_props)]
fn ImageWithBoxes(opened: OpenedImage) -> View {
    let reading = opened.reading.clone();
    let summary = match reading.digits.len() {
        0 => reading.message.clone().unwrap_or_else(|| "No digits found".into()),
        1 => "1 digit found".to_string(),
        n => format!("{n} digits found"),
    };
    let boxes = reading
        .digits
        .iter()
        .enumerate()
        .map(|(index, digit)| {
            let [x, y, w, h] = digit.bbox;
            let percent = |v: u32, of: u32| format!("{:.3}%", 100.0 * v as f64 / of.max(1) as f64);
            let place = [
                ("left", percent(x, reading.width)),
                ("top", percent(y, reading.height)),
                ("width", percent(w, reading.width)),
                ("height", percent(h, reading.height)),
            ];
            let label = digit.prediction.shown_label();
            let unsure = digit.prediction.unsure;
            view! { DigitBox(index=index, place=place.to_vec(), label=label, unsure=unsure) }
        })
        .collect::<Vec<_>>();
    let alt = format!("The opened image, {}", opened.name);
    let name = opened.name.clone();
    view! {
        figure(id="image-view", class="image-view") {
            div(class="image-frame") {
                img(id="opened-image", src=opened.preview.clone(), alt=alt)
                (boxes)
            }
            figcaption(class="image-caption") {
                span(class="image-name") { (name) }
                span(class="image-summary") { (summary) }
            }
        }
    }
}

#[component(inline_props)]
fn DigitBox(index: usize, place: Vec<(&'static str, String)>, label: String, unsure: bool) -> View {
    let state = use_context::<AppState>();
    let node = create_node_ref();
    on_mount(move || {
        // Positions go through the CSSOM: the CSP (style-src 'self') blocks inline style attributes.
        let style = node.get().unchecked_into::<HtmlElement>().style();
        for (property, value) in &place {
            style.set_property(property, value).ok();
        }
    });
    let class = move || {
        let mut class = String::from("digit-box");
        if unsure {
            class.push_str(" unsure");
        }
        if state.selected.get() == index {
            class.push_str(" selected");
        }
        class
    };
    let aria_label = format!("Digit {}: {label}", index + 1);
    view! {
        button(r#ref=node, class=class, r#type="button", title=format!("Show the probabilities for digit {}", index + 1),
               aria-label=aria_label, on:click=move |_| state.selected.set(index)) {
            span(class="digit-box-label") { (label) }
        }
    }
}
