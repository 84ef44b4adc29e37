//! Digit Recognizer's Tauri shell: it loads the model into managed state and adapts IPC to `recognizer`.

mod commands;
mod error;
mod state;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use tauri::{Builder, Manager, Runtime};

pub use commands::{HEIGHT_HEADER, MAX_CANVAS_SIDE, NAME_HEADER, WIDTH_HEADER};
pub use error::CommandError;
pub use state::{LaunchFile, ModelState};

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let launch = LaunchFile::from_args(std::env::args_os());
    run_app(Builder::default(), recognizer::classifier::default_model_path(), launch)
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Digit Recognizer");
}

/// Everything but the context, generic over the runtime so tests can use `tauri::test::mock_builder()`.
pub fn run_app<R: Runtime>(builder: Builder<R>, model_path: PathBuf, launch: LaunchFile) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(ModelState::new(model_path))
        .manage(launch)
        .setup(|app| {
            // Load ONNX Runtime and the model off the main thread so the window paints at once.
            app.state::<ModelState>().warm_up_in_background();
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::predict,
            commands::model_status,
            commands::open_image,
            commands::open_image_bytes,
            commands::launch_image
        ])
}
