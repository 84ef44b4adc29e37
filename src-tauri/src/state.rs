use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use recognizer::{ModelError, Recognizer};

use crate::CommandError;

/// The recognizer: the built-in model, loaded once, and on desktops the person's own model when they use one
/// (`personal_model`). A load failure of the built-in model is kept, and every request reports it. Cloning
/// shares them, so blocking work can take them off the async runtime.
#[derive(Clone)]
pub struct ModelState {
    /// The model file, or `None` for [`recognizer::classifier::default_model_path`] at load time (after the
    /// app has added its resource folder).
    model_path: Option<PathBuf>,
    loaded: Arc<OnceLock<Result<Arc<Recognizer>, Arc<ModelError>>>>,
    #[cfg(desktop)]
    personal: Arc<Personal>,
}

/// The personal model's folder (set once the data folder is known) and, once looked at, the model in use.
#[cfg(desktop)]
#[derive(Default)]
struct Personal {
    folder: OnceLock<crate::personal_model::PersonalFolder>,
    /// `None` until the folder's record has been read; then the personal model if it reads.
    in_use: std::sync::Mutex<Option<Option<Arc<Recognizer>>>>,
    built_in_sha256: OnceLock<Option<String>>,
}

impl ModelState {
    /// `model_path`: the model to use, or `None` to find the installed one.
    pub fn new(model_path: Option<PathBuf>) -> Self {
        Self {
            model_path,
            loaded: Arc::new(OnceLock::new()),
            #[cfg(desktop)]
            personal: Arc::default(),
        }
    }

    /// Starts loading on a worker thread; [`ModelState::get`] waits for it if called first.
    pub fn warm_up_in_background(&self) {
        let state = self.clone();
        std::thread::spawn(move || {
            let _ = state.get();
        });
    }

    /// The model that reads: the person's own when they use it, else the built-in one.
    pub fn get(&self) -> Result<Arc<Recognizer>, CommandError> {
        let built_in = self.built_in()?;
        #[cfg(desktop)]
        if let Some(personal) = self.personal_in_use() {
            return Ok(personal);
        }
        Ok(built_in)
    }

    pub fn built_in(&self) -> Result<Arc<Recognizer>, CommandError> {
        let loaded = self.loaded.get_or_init(|| load(self.model_path.clone()).map(Arc::new).map_err(Arc::new));
        loaded.clone().map_err(CommandError::Unavailable)
    }
}

#[cfg(desktop)]
impl ModelState {
    /// Where the personal model lives; set once, when the app's data folder is known.
    pub fn set_personal_folder(&self, folder: PathBuf) {
        self.personal.folder.set(crate::personal_model::PersonalFolder(folder)).ok();
    }

    pub fn personal_folder(&self) -> Option<&crate::personal_model::PersonalFolder> {
        self.personal.folder.get()
    }

    /// SHA-256 of the built-in model's file, which a personal model must have been learnt from to be used.
    pub fn built_in_sha256(&self) -> Option<String> {
        self.personal
            .built_in_sha256
            .get_or_init(|| {
                let path = self.built_in().ok()?.classifier().model_path().to_path_buf();
                crate::personal_model::sha256_hex(&path).map_err(|e| log::error!("the built-in model could not be read: {e}")).ok()
            })
            .clone()
    }

    /// The personal model if it reads; the first call reads its record and loads it.
    pub fn personal_in_use(&self) -> Option<Arc<Recognizer>> {
        let mut in_use = self.personal.in_use.lock().unwrap_or_else(|p| p.into_inner());
        in_use.get_or_insert_with(|| self.load_personal()).clone()
    }

    /// Makes `model` the one that reads (`None`: the built-in one).
    pub fn use_personal(&self, model: Option<Arc<Recognizer>>) {
        *self.personal.in_use.lock().unwrap_or_else(|p| p.into_inner()) = Some(model);
    }

    /// The personal model's record if it was learnt from this built-in model (else it is outdated).
    pub fn current_record(&self) -> Option<crate::personal_model::Record> {
        let record = self.personal_folder()?.record()?;
        if Some(&record.built_in_sha256) != self.built_in_sha256().as_ref() {
            log::debug!("the personal model was learnt from another built-in model: the built-in model reads until it is learnt again");
            return None;
        }
        Some(record)
    }

    fn load_personal(&self) -> Option<Arc<Recognizer>> {
        let record = self.current_record().filter(|r| r.active)?;
        let path = self.personal_folder()?.model_path(&record);
        match Recognizer::load(&path) {
            Ok(model) => {
                log::info!("the personal model {} reads", path.display());
                Some(Arc::new(model))
            }
            Err(error) => {
                log::error!("the personal model could not be loaded, so the built-in one reads: {}", crate::logging::chain(&error));
                None
            }
        }
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
