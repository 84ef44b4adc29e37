//! Under a kept result, "Is this right?": "Right" makes samples of a correct reading with one click; "Correct it"
//! opens a field for the right number, or one digit for the chosen chip. Once saved it says what was stored ("Corrected
//! to 17 · saved as 2 samples"). Shown only after the entry is saved in the history, so nothing is called saved
//! before it is.

use sycamore::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent, SubmitEvent};

use crate::app_state::AppState;
use crate::corrections::{can_confirm, correction, field_hint, field_label, read_digits, status_words, Correction};
use crate::ipc;
use crate::state::Phase;

/// Focuses the element with `id` (one that has just been rendered); `select` also selects a field's text.
fn focus_id(id: &str, select: bool) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        element.focus().ok();
        if let (true, Ok(input)) = (select, element.dyn_into::<HtmlInputElement>()) {
            input.select();
        }
    }
}

#[component]
pub fn CorrectionBar() -> View {
    let state = use_context::<AppState>();
    let editing = create_signal(false);
    let saving = create_signal(false);
    let error = create_signal(None::<String>);
    let typed = create_signal(String::new());
    // Said to screen readers once a correction or confirmation is saved.
    let announced = create_signal(String::new());
    let reading = create_selector(move || state.phase.with(|p| p.reading().filter(|r| !r.digits.is_empty()).cloned()));
    let kept_id = create_selector(move || state.kept.with(|k| k.as_ref().map(|k| k.id)));
    let count = move || reading.with(|r| r.as_ref().map_or(0, |r| r.digits.len()));
    // Another reading shown: whatever was being typed was about the last one.
    create_effect(move || {
        kept_id.track();
        editing.set(false);
        error.set(None);
    });

    let answered = move |id: i64, answer: Result<protocol::Labelled, protocol::Failure>| match answer {
        Ok(labelled) => {
            if kept_id.get_untracked() == Some(id) {
                announced.set(status_words(&labelled.kept).unwrap_or_default());
                state.kept.set(Some(labelled.kept));
                editing.set(false);
                focus_id("correct-reading", false);
            }
            state.sample_count.set(Some(labelled.sample_count));
        }
        Err(failure) => error.set(Some(failure.message)),
    };
    let save = move |change: Option<Correction>| {
        let Some(id) = kept_id.get_untracked() else { return };
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match change {
                None => ipc::confirm_reading(id).await,
                Some(Correction::Digit { position, digit }) => ipc::correct_digit(id, position, digit).await,
                Some(Correction::Number(number)) => ipc::correct_number(id, &number).await,
            };
            saving.set(false);
            answered(id, answer);
        });
    };
    let start = move |_| {
        typed.set(reading.with_untracked(|r| r.as_ref().map(read_digits).unwrap_or_default()));
        error.set(None);
        editing.set(true);
        focus_id("correction-input", true);
    };
    let cancel = move || {
        editing.set(false);
        focus_id("correct-reading", false);
    };
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        match correction(&typed.get_clone_untracked(), count(), state.selected.get_untracked()) {
            Ok(change) => save(Some(change)),
            Err(message) => {
                error.set(Some(message));
                focus_id("correction-input", false);
            }
        }
    };
    // The field's keys stay in it: Enter saves and Escape cancels here, not Predict and Clear on the canvas.
    let on_key = move |event: KeyboardEvent| {
        event.stop_propagation();
        if event.key() == "Escape" {
            event.prevent_default();
            cancel();
        }
    };

    let form = move || {
        let hint = move || field_hint(count(), state.selected.get()).map(|hint| view! { p(id="correction-hint", class="correction-hint") { (hint) } });
        view! {
            form(id="correction-form", class="correction-form", on:submit=submit, on:keydown=on_key) {
                label(r#for="correction-input", class="correction-label") { (field_label(count())) }
                div(class="correction-row") {
                    input(id="correction-input", class="correction-input", r#type="text", inputmode="numeric",
                          autocomplete="off", "spellcheck"="false", aria-describedby="correction-hint correction-error",
                          aria-invalid=move || error.with(Option::is_some).to_string(), bind:value=typed)
                    button(id="correction-save", class="button primary", r#type="submit",
                           aria-busy=move || saving.get().to_string()) { "Save" }
                    button(id="correction-cancel", class="button", r#type="button", on:click=move |_| cancel()) { "Cancel" }
                }
                (hint)
                (move || error.get_clone().map(|message| view! { p(id="correction-error", class="correction-error", role="alert") { (message) } }))
            }
        }
    };
    let ask = move || {
        let right = reading.with(|r| r.as_ref().is_some_and(can_confirm));
        view! {
            p(class="correction-ask") { "Is this right?" }
            div(class="correction-actions") {
                (right.then(|| view! {
                    button(id="confirm-reading", class="button correction-right", r#type="button",
                           aria-busy=move || saving.get().to_string(), on:click=move |_| save(None)) {
                        span(class="button-icon", aria-hidden="true") { "✓" } "Right"
                    }
                }))
                button(id="correct-reading", class="button", r#type="button", on:click=start) { "Correct it" }
            }
            (move || error.get_clone().map(|message| view! { p(class="correction-error", role="alert") { (message) } }))
        }
    };
    let saved = move |words: String| {
        // "Corrected to 17" and "saved as 2 samples" wrap as wholes on a narrow window.
        let (what, saved_as) = words.split_once(" \u{b7} ").map_or((words.clone(), String::new()), |(a, b)| (a.into(), b.into()));
        view! {
            p(id="correction-status", class="correction-status") {
                span(class="correction-check", aria-hidden="true") { "✓" }
                span(class="correction-what") { (what) }
                span(class="correction-saved") { (format!("\u{b7} {saved_as}")) }
            }
            button(id="correct-reading", class="button correction-change", r#type="button",
                   aria-label="Change the correction", on:click=start) { "Change" }
        }
    };
    let body = move || {
        let shown = reading.with(Option::is_some) && kept_id.get().is_some() && state.phase.with(|p| matches!(p, Phase::Shown(_)));
        if !shown {
            return view! {};
        }
        let inside = if editing.get() {
            form()
        } else {
            match state.kept.with(|k| k.as_ref().and_then(status_words)) {
                Some(words) => saved(words),
                None => ask(),
            }
        };
        view! {
            div(id="correction", class="correction", role="group", aria-label="Correct or confirm this reading") { (inside) }
        }
    };
    view! {
        (body)
        div(class="visually-hidden", aria-live="polite") { (announced) }
    }
}
