use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use recognizer::{ModelError, Recognizer};

use crate::CommandError;

/// The recognizer, loaded once. A load failure is kept, and every request reports it. Cloning shares the
/// one recognizer, so blocking work can take it off the async runtime.
#[derive(Clone)]
pub struct ModelState {
    /// The model file, or `None` for [`recognizer::classifier::default_model_path`] at load time (after the
    /// app has added its resource folder).
    model_path: Option<PathBuf>,
    loaded: Arc<OnceLock<Result<Recognizer, Arc<ModelError>>>>,
}

impl ModelState {
    /// `model_path`: the model to use, or `None` to find the installed one.
    pub fn new(model_path: Option<PathBuf>) -> Self {
        Self { model_path, loaded: Arc::new(OnceLock::new()) }
    }

    /// Starts loading on a worker thread; [`ModelState::get`] waits for it if called first.
    pub fn warm_up_in_background(&self) {
        let (loaded, path) = (self.loaded.clone(), self.model_path.clone());
        std::thread::spawn(move || {
            loaded.get_or_init(|| load(path).map_err(Arc::new));
        });
    }

    pub fn get(&self) -> Result<&Recognizer, CommandError> {
        let loaded = self.loaded.get_or_init(|| load(self.model_path.clone()).map_err(Arc::new));
        loaded.as_ref().map_err(|error| CommandError::Unavailable(error.clone()))
    }
}

fn load(path: Option<PathBuf>) -> Result<Recognizer, ModelError> {
    let path = path.unwrap_or_else(recognizer::classifier::default_model_path);
    let loaded = load_from(&path);
    match &loaded {
        Ok(_) => log::info!(
            "model loaded from {} with ONNX Runtime {}",
            path.display(),
            recognizer::runtime::loaded_library().map_or_else(|| "(unknown)".into(), |p| p.display().to_string())
        ),
        Err(error) => log::error!("the model could not be loaded: {}", crate::logging::chain(error)),
    }
    loaded
}

fn load_from(path: &std::path::Path) -> Result<Recognizer, ModelError> {
    // Phones get the model built into the app: their bundled resources are not plain files.
    #[cfg(mobile)]
    if !path.is_file() {
        return Recognizer::load_from_memory(EMBEDDED_MODEL, path);
    }
    Recognizer::load(path)
}

#[cfg(mobile)]
const EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/digits-cnn.onnx");

/// The image file the app was started with, taken by the UI once it is ready.
#[derive(Default)]
pub struct LaunchFile(std::sync::Mutex<Option<PathBuf>>);

impl LaunchFile {
    /// The first command-line argument that is not an option.
    pub fn from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Self {
        let path = args.into_iter().skip(1).find(|a| !a.to_string_lossy().starts_with('-')).map(PathBuf::from);
        Self(std::sync::Mutex::new(path))
    }

    pub fn take(&self) -> Option<PathBuf> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}
