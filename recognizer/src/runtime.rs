//! Finds and loads the ONNX Runtime shared library (ort's `load-dynamic`), once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use std::sync::Arc;

use crate::ModelError;

/// The ONNX Runtime release the project pins (see `scripts/fetch-onnxruntime.sh`).
pub const ORT_VERSION: &str = "1.32.0";

#[cfg(target_os = "linux")]
const LIBRARY_NAMES: &[&str] = &["libonnxruntime.so", "libonnxruntime.so.1.32.0", "libonnxruntime.so.1"];
// Android: the library ships inside the APK (jniLibs, from the onnxruntime-android AAR) and is found by name.
#[cfg(target_os = "android")]
const LIBRARY_NAMES: &[&str] = &["libonnxruntime.so"];
// iOS: the library ships as a framework inside the app bundle (from onnxruntime-c's xcframework).
#[cfg(target_os = "ios")]
const LIBRARY_NAMES: &[&str] = &["Frameworks/onnxruntime.framework/onnxruntime"];
#[cfg(target_os = "macos")]
const LIBRARY_NAMES: &[&str] = &["libonnxruntime.dylib", "libonnxruntime.1.32.0.dylib"];
#[cfg(target_os = "windows")]
const LIBRARY_NAMES: &[&str] = &["onnxruntime.dll"];
#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "ios", target_os = "macos", target_os = "windows")))]
const LIBRARY_NAMES: &[&str] = &["libonnxruntime.so"];

static ENVIRONMENT: OnceLock<Result<ort::environment::Environment, ModelError>> = OnceLock::new();
static LOADED_FROM: OnceLock<PathBuf> = OnceLock::new();

/// The library file ONNX Runtime was loaded from, once it has been.
pub fn loaded_library() -> Option<&'static Path> {
    LOADED_FROM.get().map(PathBuf::as_path)
}

/// Folders searched for the library, in order, after `ORT_DYLIB_PATH`: the app's resource folders
/// ([`crate::resources`]) first.
pub fn search_dirs() -> Vec<PathBuf> {
    let mut dirs = crate::resources::dirs();
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)) {
        dirs.push(exe_dir.clone());
        dirs.push(exe_dir.join("lib"));
        // Installed layout: /usr/bin/app with /usr/lib/<app>/ beside it.
        dirs.push(exe_dir.join("../lib/digit-recognizer"));
        // Test binaries live in target/<profile>/deps.
        dirs.push(exe_dir.join(".."));
    }
    // The project's own copy, fetched by scripts/fetch-onnxruntime.sh.
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.ort"));
    dirs
}

/// Where the library is: `ORT_DYLIB_PATH` if set, else the first match in [`search_dirs`].
pub fn locate_library() -> Result<PathBuf, ModelError> {
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(ModelError::RuntimeMissing { searched: vec![path] })
        };
    }
    let dirs = search_dirs();
    let found = dirs.iter().flat_map(|dir| LIBRARY_NAMES.iter().map(move |name| dir.join(name))).find(|p| p.is_file());
    // On Android the APK's native libraries are not plain files: the dynamic linker finds them by name.
    #[cfg(target_os = "android")]
    let found = found.or_else(|| Some(PathBuf::from(LIBRARY_NAMES[0])));
    found.ok_or(ModelError::RuntimeMissing { searched: dirs })
}

/// The process-wide ONNX Runtime environment, loading the library on first use. A failure is kept and
/// returned again: the library cannot be loaded twice in one process.
pub fn environment() -> Result<&'static ort::environment::Environment, ModelError> {
    let loaded = ENVIRONMENT.get_or_init(|| {
        let path = locate_library()?;
        LOADED_FROM.set(path.clone()).ok();
        let builder = ort::init_from(&path)
            .map_err(|source| ModelError::RuntimeLoad { path: path.clone(), source: Arc::new(source) })?;
        builder.with_name("digit-recognizer").build().map_err(|source| ModelError::RuntimeStart { path, source: Arc::new(source) })
    });
    loaded.as_ref().map_err(Clone::clone)
}
