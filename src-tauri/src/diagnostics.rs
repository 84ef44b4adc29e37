//! "Copy diagnostics": what a bug report needs, as plain text: the app's version, the system, where the model
//! and ONNX Runtime came from, and the end of the current log.

use std::fmt::Write as _;
use std::path::Path;

use tauri::State;

use crate::error::Work;
use crate::logging::{self, LogFile};
use crate::work::off_runtime;
use crate::{CommandError, ModelState};

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// How many of the log's last lines the diagnostics carry.
pub const LOG_LINES: usize = 200;

/// The diagnostics text. Off the runtime: it may wait for the model to load, and it reads a file.
#[tauri::command]
pub async fn diagnostics(model: State<'_, ModelState>, log_file: State<'_, LogFile>) -> Result<String, CommandError> {
    let (model, file) = (model.inner().clone(), log_file.0.clone());
    let result = off_runtime(Work::GatheringDiagnostics, move || Ok(report(VERSION, &model, file.as_deref())));
    logging::failed(protocol::ipc::DIAGNOSTICS, result.await)
}

fn report(version: &str, model: &ModelState, log_file: Option<&Path>) -> String {
    let mut text = format!("Digit Recognizer {version}\n");
    let _ = writeln!(text, "System: {} {} ({})", std::env::consts::OS, os_release(), std::env::consts::ARCH);
    match model.get() {
        Ok(recognizer) => {
            let _ = writeln!(text, "Model: {}", recognizer.classifier().model_path().display());
            let runtime = recognizer::runtime::loaded_library();
            let _ = writeln!(text, "ONNX Runtime: {}", runtime.map_or_else(|| "(unknown)".into(), |p| p.display().to_string()));
        }
        Err(error) => {
            let _ = writeln!(text, "Model: not loaded: {}", logging::chain(&error));
        }
    }
    match log_file {
        Some(file) => {
            let _ = writeln!(text, "Log: {}\n\nThe log's last lines:", file.display());
            match std::fs::read(file) {
                Ok(bytes) => text.push_str(&last_lines(&String::from_utf8_lossy(&bytes), LOG_LINES)),
                Err(error) => {
                    let _ = writeln!(text, "(could not read the log: {error})");
                }
            }
        }
        None => text.push_str("Log: none (the log folder could not be written)\n"),
    }
    text
}

/// The system's own name for itself where there is one (Linux's os-release), else nothing.
fn os_release() -> String {
    let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    release
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|name| name.trim_matches('"').to_string())
        .unwrap_or_default()
}

/// The last `count` lines of `text`, each ending in a newline.
fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].iter().map(|line| format!("{line}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_lines_are_kept() {
        let text: String = (1..=300).map(|i| format!("line {i}\n")).collect();
        let tail = last_lines(&text, LOG_LINES);
        assert_eq!(tail.lines().count(), 200);
        assert!(tail.starts_with("line 101\n") && tail.ends_with("line 300\n"), "{tail}");
        assert_eq!(last_lines("one\ntwo", 200), "one\ntwo\n");
    }
}
