//! "Copy diagnostics", in the About dialog: the app's version, system, model and the end of its log, shown
//! as text and copied for a bug report. The text is gathered when the dialog opens, so the copy itself runs
//! in the click (the engine allows clipboard writes only there).

use js_sys::{Function, Promise, Reflect};
use sycamore::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::MouseEvent;

use crate::ipc;

pub const COPIED: &str = "Copied";
const NOT_COPIED: &str = "Copying was not allowed: select the text below and copy it";
const GATHERING: &str = "Gathering the details…";

/// Calls `target.method(arg)`; `None` when the method is missing or throws.
fn call(target: &JsValue, method: &str, arg: Option<&JsValue>) -> Option<JsValue> {
    let function = Reflect::get(target, &method.into()).ok()?.dyn_into::<Function>().ok()?;
    match arg {
        Some(arg) => function.call1(target, arg).ok(),
        None => function.call0(target).ok(),
    }
}

/// Starts a copy through the Clipboard API; `None` when the engine has none.
fn start_clipboard_write(text: &str) -> Option<Promise> {
    let window = web_sys::window()?;
    let clipboard = Reflect::get(&window, &"navigator".into()).and_then(|n| Reflect::get(&n, &"clipboard".into())).ok()?;
    call(&clipboard, "writeText", Some(&text.into()))?.dyn_into::<Promise>().ok()
}

/// The older way: select the shown text and ask the document to copy the selection.
fn copy_selection(area: NodeRef) -> bool {
    let Some(area) = area.try_get() else { return false };
    call(&area, "select", None);
    let document = web_sys::window().and_then(|w| w.document());
    document.and_then(|d| call(&d, "execCommand", Some(&"copy".into()))).and_then(|v| v.as_bool()).unwrap_or(false)
}

#[component(inline_props)]
pub fn Diagnostics(open: ReadSignal<bool>) -> View {
    let text = create_signal(None::<String>);
    let status = create_signal(String::new());
    let area = create_node_ref();

    let gather = move || {
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::diagnostics().await {
                Ok(diagnostics) => text.set(Some(diagnostics)),
                Err(failure) => status.set(format!("The details could not be gathered: {}", failure.message)),
            }
        });
    };
    create_effect(move || {
        if open.get() {
            status.set(String::new());
            gather();
        }
    });

    let copy = move |_: MouseEvent| {
        let Some(diagnostics) = text.get_clone_untracked() else {
            status.set(GATHERING.into());
            return gather();
        };
        // Started inside the click, as the engine requires; the older way is tried if it is refused.
        let shown = move |copied: bool| status.set(if copied { COPIED } else { NOT_COPIED }.into());
        match start_clipboard_write(&diagnostics) {
            Some(written) => wasm_bindgen_futures::spawn_local(async move {
                shown(JsFuture::from(written).await.is_ok() || copy_selection(area));
            }),
            None => shown(copy_selection(area)),
        }
    };

    view! {
        section(id="diagnostics", class="diagnostics", aria-labelledby="diagnostics-title") {
            h3(id="diagnostics-title") { "Diagnostics" }
            p {
                "If something goes wrong, copy these details into your report: the app's version, your system, "
                "the model it loaded and its recent log. Nothing is sent anywhere."
            }
            div(class="diagnostics-actions") {
                button(id="copy-diagnostics", class="button diagnostics-copy", r#type="button", on:click=copy) {
                    "Copy diagnostics"
                }
                span(id="diagnostics-status", class="diagnostics-status", role="status") { (status) }
            }
            (move || text.get_clone().map(|diagnostics| view! {
                textarea(r#ref=area, id="diagnostics-text", class="diagnostics-text", readonly=true,
                         aria-label="Diagnostics text") { (diagnostics) }
            }))
        }
    }
}
