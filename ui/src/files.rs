//! Images coming in from outside: files dropped on the window (Tauri's drag-and-drop events) and images
//! pasted from the clipboard (the document's `paste` event).

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ClipboardEvent, File};

use crate::app_state::AppState;
use crate::ipc::{self, DragDrop};

pub const NO_IMAGE_PASTED: &str = "The clipboard holds no image to read";
pub const ONE_FILE_AT_A_TIME: &str = "Drop one image at a time";

pub fn install(state: AppState) {
    ipc::listen_for_dropped_files(move |event| match event {
        DragDrop::Enter => state.dropping.set(true),
        DragDrop::Leave => state.dropping.set(false),
        DragDrop::Drop(paths) => {
            state.dropping.set(false);
            match paths.as_slice() {
                [] => {}
                [path] => state.open_path(path.clone()),
                [first, ..] => {
                    state.notify(ONE_FILE_AT_A_TIME);
                    state.open_path(first.clone());
                }
            }
        }
    });

    let on_paste = Closure::<dyn Fn(ClipboardEvent)>::new(move |event: ClipboardEvent| {
        let Some(file) = pasted_image(&event) else {
            state.notify(NO_IMAGE_PASTED);
            return;
        };
        event.prevent_default();
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let bytes = Uint8Array::new(&buffer.unchecked_into::<ArrayBuffer>()).to_vec();
                    let name = if file.name().is_empty() { "Pasted image".to_string() } else { file.name() };
                    state.open_bytes(bytes, name);
                }
                Err(_) => state.notify("The pasted image could not be read"),
            }
        });
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.add_event_listener_with_callback("paste", on_paste.as_ref().unchecked_ref()).ok();
    }
    on_paste.forget(); // lives as long as the app
}

/// The first image file on the clipboard, if any.
fn pasted_image(event: &ClipboardEvent) -> Option<File> {
    let items = event.clipboard_data()?.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file" && item.type_().starts_with("image/"))
        .find_map(|item| item.get_as_file().ok().flatten())
}
