//! Folders an app adds at start-up where it keeps ONNX Runtime and the model (an installed app's resource
//! folder). They are searched before the usual places, by [`crate::runtime`] and
//! [`crate::classifier::default_model_path`].

use std::path::PathBuf;
use std::sync::Mutex;

static DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Adds a folder to search first.
pub fn add_dir(dir: PathBuf) {
    DIRS.lock().unwrap_or_else(|p| p.into_inner()).push(dir);
}

/// The folders added so far, in order.
pub fn dirs() -> Vec<PathBuf> {
    DIRS.lock().unwrap_or_else(|p| p.into_inner()).clone()
}
