//! Digit Recognizer's Tauri shell: it loads the model into managed state and adapts IPC to `recognizer`.

mod commands;
mod error;
mod state;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use tauri::{Builder, Manager, Runtime};

pub use commands::{MAX_CANVAS_SIDE, WIDTH_HEADER, HEIGHT_HEADER};
pub use error::CommandError;
pub use state::ModelState;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    run_app(Builder::default(), recognizer::classifier::default_model_path())
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Digit Recognizer");
}

/// Everything but the context, generic over the runtime so tests can use `tauri::test::mock_builder()`.
pub fn run_app<R: Runtime>(builder: Builder<R>, model_path: PathBuf) -> Builder<R> {
    builder
        .manage(ModelState::new(model_path))
        .setup(|app| {
            // Load ONNX Runtime and the model off the main thread so the window paints at once.
            app.state::<ModelState>().warm_up_in_background();
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::predict, commands::model_status])
}
