use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use recognizer::Recognizer;

/// The recognizer, loaded once. A load failure is kept as its message so the UI can show it.
pub struct ModelState {
    /// The model file: given by the caller, or found at start-up ([`ModelState::find_model`]).
    model_path: Arc<OnceLock<PathBuf>>,
    loaded: Arc<OnceLock<Result<Recognizer, String>>>,
}

impl ModelState {
    /// `model_path`: the model to use, or `None` to find the installed one.
    pub fn new(model_path: Option<PathBuf>) -> Self {
        let path = OnceLock::new();
        if let Some(model_path) = model_path {
            path.set(model_path).ok();
        }
        Self { model_path: Arc::new(path), loaded: Arc::new(OnceLock::new()) }
    }

    /// Picks the model when none was given: `DIGITS_MODEL` if set, else the copy in the app's resource
    /// folder, else the usual places ([`recognizer::classifier::default_model_path`]).
    pub fn find_model(&self, resources: Option<&Path>) {
        self.model_path.get_or_init(|| {
            let bundled = resources.map(|dir| dir.join("models").join(recognizer::classifier::MODEL_FILE));
            match bundled {
                Some(path) if std::env::var_os("DIGITS_MODEL").is_none() && path.is_file() => path,
                _ => recognizer::classifier::default_model_path(),
            }
        });
    }

    /// Starts loading on a worker thread; [`ModelState::get`] waits for it if called first.
    pub fn warm_up_in_background(&self) {
        let (loaded, path) = (self.loaded.clone(), self.model_path.clone());
        std::thread::spawn(move || {
            loaded.get_or_init(|| load(path.get_or_init(recognizer::classifier::default_model_path)));
        });
    }

    pub fn get(&self) -> Result<&Recognizer, String> {
        self.loaded
            .get_or_init(|| load(self.model_path.get_or_init(recognizer::classifier::default_model_path)))
            .as_ref()
            .map_err(Clone::clone)
    }
}

fn load(path: &Path) -> Result<Recognizer, String> {
    // Phones get the model built into the app: their bundled resources are not plain files.
    #[cfg(mobile)]
    if !path.is_file() {
        return Recognizer::load_from_memory(EMBEDDED_MODEL, path).map_err(|e| e.to_string());
    }
    Recognizer::load(path).map_err(|e| e.to_string())
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
