//! Digit Recognizer's Tauri shell: it loads the model into managed state and adapts IPC to `recognizer`.

mod commands;
mod diagnostics;
mod error;
mod history;
#[cfg(desktop)]
mod history_commands;
#[cfg(all(test, desktop))]
mod history_tests;
#[cfg(desktop)]
mod instance;
#[cfg(desktop)]
mod learning;
#[cfg(desktop)]
mod learning_commands;
#[cfg(all(test, desktop))]
mod learning_tests;
#[cfg(all(test, desktop))]
mod instance_tests;
mod logging;
mod memory;
#[cfg(desktop)]
mod personal_model;
mod preview;
#[cfg(desktop)]
mod samples_commands;
#[cfg(all(test, desktop))]
mod samples_tests;
#[cfg(target_os = "linux")]
mod rendering;
mod startup;
mod state;
#[cfg(test)]
mod tests;
#[cfg(desktop)]
mod window_place;
mod work;

use std::path::PathBuf;

use tauri::{Builder, Manager, Runtime};

pub use error::CommandError;
pub use history::{HistoryAt, HistoryState};
pub use logging::LogTo;
pub use startup::Startup;
pub use state::{LaunchFile, ModelState};
pub use work::OpenRequests;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    memory::return_large_buffers_when_freed();
    #[cfg(target_os = "linux")]
    rendering::prefer_cpu_rendering_without_gpu();
    let context = tauri::generate_context!("../tauri.conf.json");
    // "Open with" and command-line paths are a desktop affair; a phone app starts with no arguments. One
    // instance and the window's saved place too: the single-instance plugin goes first, so that a second launch
    // hands over its file and exits before anything else starts; the window's place after the app's own.
    #[cfg(desktop)]
    let app = {
        let builder = instance::register(Builder::default(), &context.config().identifier);
        let launch = LaunchFile::from_args(std::env::args_os());
        window_place::register(run_app(builder, None, launch, LogTo::AppLogDir, HistoryAt::AppDataDir))
    };
    #[cfg(mobile)]
    let app = run_app(Builder::default(), None, LaunchFile::default(), LogTo::AppLogDir, HistoryAt::AppDataDir);
    // A second launch whose hand-over failed (the window was quitting) starts again; other failures are said in words.
    #[cfg(desktop)]
    match app.build(context) {
        Ok(app) => app.run(|_, _| {}),
        Err(error) => instance::failed_to_start(error),
    }
    #[cfg(mobile)]
    app.run(context).expect("error while running Digit Recognizer");
}

/// Everything but the context, generic over the runtime so tests can use `tauri::test::mock_builder()`.
/// `model_path`: the model to use; `None` finds the installed one (see `recognizer::classifier::default_model_path`).
/// `log_to`: where the log file goes; `history_at`: where the history file is.
pub fn run_app<R: Runtime>(
    builder: Builder<R>,
    model_path: Option<PathBuf>,
    launch: LaunchFile,
    log_to: LogTo,
    history_at: HistoryAt,
) -> Builder<R> {
    let builder = builder
        // First, so that what the others do is logged.
        .plugin(logging::plugin(log_to))
        .plugin(history::plugin(history_at))
        .plugin(tauri_plugin_dialog::init())
        .manage(ModelState::new(model_path))
        .manage(OpenRequests::default())
        .manage(launch)
        .manage(Startup::now())
        .setup(|app| {
            #[cfg(desktop)]
            if let Some(note) = app.try_state::<instance::InstanceNote>() {
                log::info!("{}", note.0);
            }
            // An installed app carries ONNX Runtime and the model in its resource folder.
            if let Ok(dir) = app.path().resource_dir() {
                recognizer::resources::add_dir(dir);
            }
            // Load ONNX Runtime and the model off the main thread so the window paints at once.
            app.state::<ModelState>().warm_up_in_background();
            Ok(())
        });
    // The history's and the samples' commands exist on desktops only (Cargo.toml says why); a phone answers them as unknown.
    #[cfg(desktop)]
    let builder = builder.invoke_handler(tauri::generate_handler![
        commands::predict,
        commands::model_status,
        commands::open_image,
        commands::open_image_bytes,
        commands::cancel_open,
        diagnostics::diagnostics,
        commands::launch_image,
        commands::window_painted,
        history_commands::record_drawing,
        history_commands::history_list,
        history_commands::history_open,
        history_commands::history_delete,
        history_commands::history_clear,
        history_commands::history_settings,
        history_commands::set_history_settings,
        history_commands::history_notice,
        samples_commands::correct_digit,
        samples_commands::correct_number,
        samples_commands::confirm_reading,
        samples_commands::sample_count,
        samples_commands::export_samples,
        samples_commands::import_samples,
        samples_commands::delete_all_data,
        learning_commands::learning_status,
        learning_commands::learn_handwriting,
        learning_commands::cancel_learning,
        learning_commands::use_model
    ]);
    #[cfg(desktop)]
    let builder = builder.manage(learning::LearningState::default());
    #[cfg(mobile)]
    let builder = builder.invoke_handler(tauri::generate_handler![
        commands::predict,
        commands::model_status,
        commands::open_image,
        commands::open_image_bytes,
        commands::cancel_open,
        diagnostics::diagnostics,
        commands::launch_image,
        commands::window_painted
    ]);
    builder
}
