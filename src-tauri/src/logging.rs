//! The app's log: `tauri-plugin-log` writing to the platform's log folder (rotated) and to stdout, a panic
//! hook that writes there too, and each command failure with its whole chain of causes.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Once;

use log::LevelFilter;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

use crate::CommandError;

/// The log file's name, without `.log`.
const FILE_NAME: &str = "digit-recognizer";
/// Rotated at 1 MB, keeping the current file and four older ones.
const MAX_FILE_BYTES: u128 = 1_000_000;
const KEEP_FILES: usize = 5;

/// Where the log file goes.
#[derive(Debug, Clone)]
pub enum LogTo {
    /// The platform's log folder (`~/.local/share/<identifier>/logs` on Linux).
    AppLogDir,
    /// A folder of the caller's choosing (the tests).
    Folder(PathBuf),
}

/// The current log file, in managed state for the diagnostics; `None` when it could not be created.
pub struct LogFile(pub Option<PathBuf>);

/// Logging as a small plugin of the app's own: plugins start when the app is built, before the window and
/// the model, and also under the mock runtime of the tests (the app's `setup` runs only in `run`). It
/// manages the [`LogFile`].
pub fn plugin<R: Runtime>(to: LogTo) -> TauriPlugin<R> {
    tauri::plugin::Builder::new("app-log")
        .setup(move |app, _api| {
            app.manage(start(app, to));
            Ok(())
        })
        .build()
}

/// Starts logging and returns the current log file. Only the first app in a process sets the global logger
/// (the mock tests build many); a log folder that cannot be written leaves stdout only, never a dead app.
fn start<R: Runtime>(app: &AppHandle<R>, to: LogTo) -> LogFile {
    install_panic_hook();
    let (kind, dir) = match to {
        LogTo::AppLogDir => (TargetKind::LogDir { file_name: Some(FILE_NAME.into()) }, app.path().app_log_dir().ok()),
        LogTo::Folder(path) => (TargetKind::Folder { path: path.clone(), file_name: Some(FILE_NAME.into()) }, Some(path)),
    };
    let builder = |file: Option<TargetKind>| {
        let mut builder = tauri_plugin_log::Builder::new()
            .clear_targets()
            .target(Target::new(TargetKind::Stdout))
            .level(LevelFilter::Info)
            .max_file_size(MAX_FILE_BYTES)
            .rotation_strategy(RotationStrategy::KeepSome(KEEP_FILES));
        if let Some(kind) = file {
            builder = builder.target(Target::new(kind));
        }
        builder
    };
    let (file, logger) = match builder(Some(kind)).split(app) {
        Ok((_, level, logger)) => (dir.map(|d| d.join(format!("{FILE_NAME}.log"))), Some((level, logger))),
        Err(error) => {
            eprintln!("digit-recognizer: cannot write the log file ({error}); logging to stdout only");
            (None, builder(None).split(app).ok().map(|(_, level, logger)| (level, logger)))
        }
    };
    if let Some((level, logger)) = logger {
        if tauri_plugin_log::attach_logger(level, logger).is_ok() {
            log::info!("Digit Recognizer {} started; log file: {}", app.package_info().version, shown(&file));
        }
    }
    LogFile(file)
}

/// "Delete all my data": empties the current log file (the logger appends to it, so it goes on writing at the
/// start) and removes the rotated older ones beside it.
#[cfg_attr(mobile, allow(dead_code))]
pub fn delete_logs(file: &Path) -> std::io::Result<()> {
    if file.exists() {
        std::fs::OpenOptions::new().write(true).open(file)?.set_len(0)?;
    }
    let Some(dir) = file.parent() else { return Ok(()) };
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!("{FILE_NAME}_")) && entry.path() != file {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn shown(file: &Option<PathBuf>) -> String {
    file.as_ref().map_or_else(|| "none".into(), |f| f.display().to_string())
}

/// Writes every panic's message and place to the log, then lets the previous hook report it as before.
fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("(no message)");
            let place = info.location().map_or_else(|| "an unknown place".into(), |l| l.to_string());
            let thread = std::thread::current();
            log::error!("panic in thread {} at {place}: {message}", thread.name().unwrap_or("unnamed"));
            previous(info);
        }));
    });
}

/// An error and each of its causes ([`recognizer::causes`]), on one line.
pub fn chain(error: &dyn Error) -> String {
    std::iter::once(error.to_string()).chain(recognizer::causes(error)).collect::<Vec<_>>().join(" ← ")
}

/// Logs a command's failure with its causes; a superseded request is not a failure. `command`: its name,
/// with the file's name for an open.
pub fn failed<T>(command: impl std::fmt::Display, result: Result<T, CommandError>) -> Result<T, CommandError> {
    if let Err(error) = &result {
        match error.kind() {
            protocol::ErrorKind::Cancelled => log::info!("{command}: superseded by a newer request or cancelled"),
            protocol::ErrorKind::Internal | protocol::ErrorKind::ModelFailed => {
                log::error!("{command} failed: {}", chain(error))
            }
            _ => log::warn!("{command} failed: {}", chain(error)),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] Middle);
    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Middle(#[source] std::io::Error);

    #[test]
    fn the_chain_names_every_cause_once() {
        let error = Outer(Middle(std::io::Error::other("disk on fire")));
        assert_eq!(chain(&error), "outer ← disk on fire");
    }
}
