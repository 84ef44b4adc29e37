//! Digit Recognizer's Tauri shell: it loads the model into managed state and adapts IPC to `recognizer`.

mod commands;
mod error;
mod state;

use tauri::{Builder, Manager, Runtime};

pub use commands::{MAX_CANVAS_SIDE, WIDTH_HEADER, HEIGHT_HEADER};
pub use error::CommandError;
pub use state::ModelState;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    app_builder(Builder::default())
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Digit Recognizer");
}

/// Everything but the context, generic over the runtime so tests can use `tauri::test::mock_builder()`.
pub fn app_builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .setup(|app| {
            let state = ModelState::new(recognizer::classifier::default_model_path());
            // Load ONNX Runtime and the model off the main thread so the window paints at once.
            state.warm_up_in_background();
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::predict, commands::model_status])
}
