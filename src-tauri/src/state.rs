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

/// The image file the app was started with, taken by the UI once it is ready; and, once it has been taken, the
/// way a file handed over by a second launch reaches the UI (see [`LaunchFile::hand_over`]).
#[derive(Default)]
pub struct LaunchFile(std::sync::Mutex<Launch>);

#[derive(Default)]
struct Launch {
    path: Option<PathBuf>,
    /// The UI has asked for the launch file, so it listens for handed-over files.
    asked: bool,
}

impl LaunchFile {
    /// The first command-line argument that is not an option.
    pub fn from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Self {
        Self(std::sync::Mutex::new(Launch { path: file_argument(args), asked: false }))
    }

    /// The launch file, handed out once. The UI asks only after it listens for
    /// [`protocol::ipc::FILE_HANDED_OVER`], so from now on files handed over are sent to it.
    pub fn take(&self) -> Option<PathBuf> {
        let mut launch = self.lock();
        launch.asked = true;
        launch.path.take()
    }

    /// A file handed over by a second launch: before the UI has asked for the launch file it becomes the launch
    /// file (the newest wins, as a later Open would), afterwards `send` gives it to the UI. One lock covers both,
    /// so a file is never kept after the UI has asked, nor sent before it listens.
    pub fn hand_over(&self, path: PathBuf, send: impl FnOnce(PathBuf)) {
        let mut launch = self.lock();
        if launch.asked {
            send(path);
        } else {
            launch.path = Some(path);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Launch> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The file named on a command line (the program first, as `std::env::args_os` gives it): the first argument that
/// is not an option.
pub fn file_argument<A: Into<std::ffi::OsString>>(args: impl IntoIterator<Item = A>) -> Option<PathBuf> {
    args.into_iter().skip(1).map(Into::into).find(|a| !a.to_string_lossy().starts_with('-')).map(PathBuf::from)
}
