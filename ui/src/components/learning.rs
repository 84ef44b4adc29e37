//! The History panel's "Learn my handwriting" section (issue 15): learn a personal model from the corrected and
//! confirmed samples, with progress and Cancel while it runs (the rest of the window stays usable), what the run
//! found, and a one-click switch between the personal and the built-in model. Hidden until the app says what
//! learning can do.

use protocol::{ActiveModel, PersonalModel};
use sycamore::prelude::*;
use wasm_bindgen::JsValue;

use super::dialog::focus;
use crate::app_state::{after_ms, AppState, LearningNote};
use crate::learning::{
    can_learn, learn_blocked_words, learn_label, outdated_words, personal_words, progress_percent, switch_button, LEARNING_LEAD,
};

/// The day a model was learnt, in the person's own way of writing dates ("2 Dec 2026").
fn learnt_day(ms: i64) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "short"), ("year", "numeric")] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok();
    }
    js_sys::Date::new(&JsValue::from_f64(ms as f64)).to_locale_date_string("default", &options).into()
}

#[component]
pub fn Learning() -> View {
    let state = use_context::<AppState>();
    let learn_ref = create_node_ref();

    // Each part follows only what it shows, so a new status does not rebuild (and unfocus) the buttons.
    let known = create_selector(move || state.learning.with(Option::is_some));
    let running = create_selector(move || state.learning_running());
    let blocked = create_selector(move || state.learning.with(|s| s.as_ref().and_then(learn_blocked_words)));
    // A memo read inside another signal's `with` would update while that one is borrowed: read it first.
    let learnable = create_selector(move || {
        let running = running.get();
        state.learning.with(|s| s.as_ref().is_some_and(|s| can_learn(s, running)))
    });
    let label = create_selector(move || state.learning.with(|s| s.as_ref().map_or("Learn my handwriting", learn_label)));
    let outdated = create_selector(move || state.learning.with(|s| s.as_ref().filter(|s| s.outdated).map(|s| s.samples)));
    let personal = create_selector(move || {
        state.learning.with(|s| s.as_ref().and_then(|s| s.personal.as_ref().map(|p: &PersonalModel| (p.learnt_ms, p.samples, s.active))))
    });
    let has_personal = create_selector(move || state.learning.with(|s| s.as_ref().is_some_and(|s| s.personal.is_some())));
    let active = create_selector(move || state.learning.with(|s| s.as_ref().map(|s| s.active)));

    // Cancel goes when the run ends: the focus it had moves to the learn button rather than to nothing.
    on_mount(move || {
        let mut was_running = running.get_untracked();
        create_effect(move || {
            let now = running.get();
            if was_running && !now {
                // Once the view has followed (Cancel removed).
                after_ms(0, move || {
                    let document = web_sys::window().and_then(|w| w.document());
                    let lost = document.is_none_or(|d| d.active_element().is_none() || d.active_element() == d.body().map(Into::into));
                    if lost {
                        focus(learn_ref);
                    }
                });
            }
            was_running = now;
        });
    });

    let learn = move |_| {
        if learnable.get_untracked() {
            state.learn();
        }
    };
    let reason = move || {
        (!running.get()).then(|| blocked.get_clone()).flatten().map(|reason| view! {
            p(id="learning-reason", class="learning-reason") { (reason) }
        })
    };
    let notice = move || {
        outdated.get().map(|samples| view! {
            p(id="learning-outdated", class="learning-notice") { (outdated_words(samples)) }
        })
    };
    let personal_line = move || {
        personal.get().map(|(learnt_ms, samples, active)| view! {
            p(id="personal-model", class="history-note learning-personal") { (personal_words(&learnt_day(learnt_ms), samples, active)) }
        })
    };
    // One button whose id and label follow the model in use, so the focus stays on it after a switch.
    let switch = move || {
        has_personal.get().then(|| {
            let which = move || switch_button(active.get().unwrap_or(ActiveModel::BuiltIn));
            let unavailable = move || running.get() || state.switching_model.get();
            view! {
                button(id=move || which().0, class="button", r#type="button",
                       aria-disabled=move || unavailable().to_string(), aria-busy=move || state.switching_model.get().to_string(),
                       on:click=move |_| if !unavailable() { state.use_model(which().2) }) {
                    (move || which().1)
                }
            }
        })
    };
    let progress = move || {
        running.get().then(|| {
            let fraction = move || state.learning_progress.with(|p| p.as_ref().map_or(0.0, |p| p.fraction));
            let stage = move || state.learning_progress.with(|p| p.as_ref().map(|p| p.stage.clone())).unwrap_or_else(|| "Learning".into());
            let value = move || progress_percent(fraction()).to_string();
            view! {
                div(class="learning-running") {
                    div(class="learning-stage-row") {
                        span(id="learning-stage", class="learning-stage") { (stage) "\u{2026}" }
                        span(class="learning-percent", aria-hidden="true") { (value) " %" }
                    }
                    progress(id="learning-progress", class="learning-progress", max="100", value=value,
                             aria-labelledby="learning-stage", aria-valuenow=value,
                             aria-valuetext=move || format!("{} %, {}", value(), stage())) {}
                    button(id="cancel-learning", class="button learning-cancel", r#type="button",
                           aria-disabled=move || state.learning_cancelling.get().to_string(),
                           on:click=move |_| state.cancel_learning()) {
                        "Cancel"
                    }
                }
            }
        })
    };
    let outcome_class = move || match state.learning_outcome.get_clone() {
        Some(LearningNote { failed: true, .. }) => "learning-outcome failed",
        _ => "learning-outcome",
    };
    let outcome_text = move || state.learning_outcome.with(|o| o.as_ref().map(|o| o.text.clone())).unwrap_or_default();

    view! {
        (move || known.get().then(|| view! {
            section(id="learning", class="history-settings learning", aria-labelledby="learning-title") {
                h3(id="learning-title") { "Learn my handwriting" }
                p(class="history-note") { (LEARNING_LEAD) }
                (notice)
                (personal_line)
                div(class="data-actions learning-actions") {
                    button(r#ref=learn_ref, id="learn-handwriting", class="button primary", r#type="button",
                           aria-disabled=move || (!learnable.get()).to_string(), aria-busy=move || running.get().to_string(),
                           aria-describedby=move || (blocked.with(Option::is_some) && !running.get()).then_some("learning-reason"),
                           on:click=learn) {
                        (move || label.get())
                    }
                    (switch)
                }
                (reason)
                (progress)
                p(id="learning-outcome", class=outcome_class, role="status") { (outcome_text) }
            }
        }))
    }
}
