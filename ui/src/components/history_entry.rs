//! One kept reading in the History panel: a button that reopens it (thumbnail, number, where it came from and
//! when) and one that deletes it.

use protocol::HistorySummary;
use sycamore::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::app_state::AppState;
use crate::history::{entry_label, mark, shown_number, source, HistoryView};

/// "1 Dec, 19:50", in the local time zone.
fn when(time_ms: i64) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "short"), ("hour", "2-digit"), ("minute", "2-digit")] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok();
    }
    js_sys::Date::new(&JsValue::from_f64(time_ms as f64)).to_locale_string("en-GB", &options).into()
}

fn focus_search() {
    let search = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("history-search"));
    if let Some(search) = search.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
        search.focus().ok();
    }
}

#[component(inline_props)]
pub fn HistoryEntry(entry: HistorySummary) -> View {
    let state = use_context::<AppState>();
    let view = use_context::<HistoryView>();
    let id = entry.id;
    let time = when(entry.time_ms);
    let label = entry_label(&entry, &time);
    let number_class = if entry.corrected.is_none() && entry.unsure { "history-number unsure" } else { "history-number" };
    let number = shown_number(&entry);
    let marked = mark(&entry);
    let meta = format!("{} · {time}", source(&entry));
    let (open_label, delete_label) = (format!("Open {label}"), format!("Delete {label}"));
    view! {
        li(class="history-item") {
            button(class="history-open", r#type="button", aria-label=open_label, title="Show this reading again",
                   on:click=move |_| view.reopen(state, id)) {
                img(class="history-thumb", src=entry.thumbnail_data_url.clone(), alt="", width="56", height="56")
                span(class="history-text") {
                    span(class="history-first") {
                        span(class=number_class) { (number) }
                        (marked.map(|mark| view! { span(class="history-mark") { (mark) } }))
                    }
                    span(class="history-meta") { (meta) }
                }
            }
            button(class="icon-button history-delete", r#type="button", aria-label=delete_label,
                   title="Delete this reading", on:click=move |_| {
                       view.delete(state, id);
                       focus_search(); // the button is gone: the keyboard goes on from the search field
                   }) {
                span(aria-hidden="true") { "×" }
            }
        }
    }
}
