//! Digit Recognizer's frontend: a Sycamore app compiled to wasm and shown in the Tauri window.

mod app;
mod app_state;
mod canvas;
mod components;
mod corrections;
mod files;
mod history;
mod ipc;
mod keyboard;
mod learning;
mod state;
mod theme;
mod timing;

fn main() {
    console_error_panic_hook::set_once();
    sycamore::render(app::App);
}
