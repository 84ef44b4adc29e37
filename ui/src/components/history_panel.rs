//! The History panel: the kept readings, newest first, each with its thumbnail and number; search by number,
//! reopen (Enter or a click), delete, clear all after a confirmation, and the history's settings. A native modal
//! `<dialog>` opened from the header's History button or Ctrl+H: a sheet at the right of a wide window, the whole
//! of a narrow one. Escape, Close or a click beside it closes it and gives the focus back to the button.

use sycamore::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent, MouseEvent};

use super::dialog::{close, element, focus, on_cancel, show_modal};
use super::{ClearHistory, HistoryEntry, HistorySettingsSection, Learning, YourData};
use crate::app_state::AppState;
use crate::corrections::sample_count_words;
use crate::history::{empty_text, HistoryView};

#[component]
pub fn HistoryPanel() -> View {
    let state = use_context::<AppState>();
    let view = HistoryView::new();
    provide_context(view);
    let button_ref = create_node_ref();
    let dialog_ref = create_node_ref();
    let search_ref = create_node_ref();
    let hide = move || state.history_open.set(false);

    on_mount(move || {
        on_cancel(dialog_ref, hide);
        let mut was_open = false;
        create_effect(move || {
            let open = state.history_open.get();
            if open && !was_open {
                show_modal(dialog_ref);
                view.opened();
                focus(search_ref);
            } else if !open && was_open {
                view.confirming.set(false);
                close(dialog_ref);
                focus(button_ref);
            }
            was_open = open;
        });
    });

    // Every key pressed in the panel stays in it: the app's shortcuts (Enter reads, Escape and Delete clear)
    // listen on the window and must not act on the canvas behind.
    let on_key = move |event: KeyboardEvent| {
        event.stop_propagation();
        if event.key() == "Escape" {
            event.prevent_default();
            hide();
        }
    };
    // A click on the backdrop reaches the dialog itself; a click on its content reaches a child.
    let on_click = move |event: MouseEvent| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if target.is_some() && target == element(dialog_ref) {
            hide();
        }
    };
    let on_search = move |event: Event| {
        let input = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
        view.search.set(input.map(|i| i.value()).unwrap_or_default());
        view.limit.set(crate::history::PAGE);
        view.load();
    };

    let enabled = move || view.settings.with(|s| s.is_none_or(|s| s.enabled));
    let empty = move || {
        (view.loaded.get() && view.error.with(Option::is_none) && view.entries.with(Vec::is_empty))
            .then(|| view! { p(id="history-empty", class="history-empty") { (empty_text(&view.search.get_clone(), enabled())) } })
    };
    let error = move || view.error.get_clone().map(|message| view! { p(class="history-error", role="alert") { (message) } });
    let more = move || {
        (view.entries.with(Vec::len) >= view.limit.get()).then(|| view! {
            button(id="history-more", class="button history-more", r#type="button", on:click=move |_| view.show_more()) {
                "Show more"
            }
        })
    };
    let readings = move || match view.entries.with(Vec::len) {
        _ if !view.loaded.get() => String::new(),
        0 => String::new(),
        1 => "1 reading".to_string(),
        n if n >= view.limit.get() => format!("The newest {n} readings"),
        n => format!("{n} readings"),
    };
    // The samples too, so they are counted without scrolling down to Your samples.
    let count = move || match (readings(), state.sample_count.get().filter(|&n| n > 0)) {
        (readings, None) => readings,
        (readings, Some(n)) if readings.is_empty() => sample_count_words(n),
        (readings, Some(n)) => format!("{readings} \u{b7} {}", sample_count_words(n)),
    };

    view! {
        button(r#ref=button_ref, id="history-button", r#type="button",
               class=move || if state.history_available.get() { "icon-button history-button" } else { "icon-button history-button unavailable" },
               title="History of what you read (Ctrl+H)", aria-label="History", aria-keyshortcuts="Control+H Meta+H",
               aria-haspopup="dialog", aria-expanded=move || state.history_open.get().to_string(),
               on:click=move |_| state.history_open.set(true)) {
            svg(class="history-icon", "viewBox"="0 0 24 24", "aria-hidden"="true", "focusable"="false") {
                path("d"="M3.5 12a8.5 8.5 0 1 0 2.5-6", "fill"="none", "stroke"="currentColor", "stroke-width"="2", "stroke-linecap"="round")
                path("d"="M3 3.5v4h4", "fill"="none", "stroke"="currentColor", "stroke-width"="2", "stroke-linecap"="round", "stroke-linejoin"="round")
                path("d"="M12 7.5V12l3 2", "fill"="none", "stroke"="currentColor", "stroke-width"="2", "stroke-linecap"="round", "stroke-linejoin"="round")
            }
            span(class="history-button-text") { "History" }
        }
        dialog(r#ref=dialog_ref, id="history", class="history-panel", aria-labelledby="history-title",
               on:keydown=on_key, on:click=on_click, on:close=move |_| hide()) {
            div(class="history-head") {
                div(class="history-titles") {
                    h2(id="history-title") { "History" }
                    p(id="history-count", class="history-count", aria-live="polite") { (count) }
                }
                button(id="history-close", class="button history-close", r#type="button", on:click=move |_| hide()) {
                    "Close"
                }
            }
            div(class="history-search-row") {
                input(r#ref=search_ref, id="history-search", class="history-search", r#type="search",
                      placeholder="Search by number", aria-label="Search the history by number", inputmode="numeric",
                      autocomplete="off", on:input=on_search)
            }
            div(class="history-scroll") {
                (error)
                (empty)
                ul(id="history-list", class="history-list", aria-label="Kept readings, newest first") {
                    Keyed(
                        list=move || view.entries.get_clone(),
                        view=|entry| view! { HistoryEntry(entry=entry) },
                        key=|entry| entry.id,
                    )
                }
                (more)
                HistorySettingsSection {}
                YourData {}
                Learning {}
            }
            div(class="history-foot") {
                ClearHistory {}
            }
        }
    }
}
