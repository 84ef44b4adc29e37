//! The history of finished readings: the `history` crate's SQLite file in the app's data folder, in managed
//! state. A file that cannot be read never stops the app: it is moved aside, a fresh one starts and the person
//! is told once (`history_notice`). Opened pictures are kept as soon as they are read; drawings only when the
//! UI says they are finished (`record_drawing`), never the live readings. Desktop only for now (Cargo.toml
//! says why): on phones nothing is kept.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use protocol::NumberReading;
use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime};

#[cfg_attr(mobile, allow(dead_code))]
pub const FILE_NAME: &str = "history.sqlite3";
/// Longest side of the picture kept with an entry: enough to show it again with its boxes, small enough that
/// a thousand entries stay within tens of megabytes.
#[cfg_attr(mobile, allow(dead_code))]
pub const PICTURE_SIDE: u32 = 320;

/// Where the history file lives.
#[derive(Debug, Clone)]
pub enum HistoryAt {
    /// The platform's data folder (`~/.local/share/<identifier>` on Linux).
    AppDataDir,
    /// A folder of the caller's choosing (the tests).
    Folder(PathBuf),
}

/// The drawing last read with a revision, kept until the UI says it is finished or draws on.
#[cfg_attr(mobile, allow(dead_code))]
struct Drawing {
    revision: u32,
    grey: Vec<u8>,
    width: u32,
    height: u32,
    reading: NumberReading,
}

/// The open history (`None` when not even an in-memory one could start), the notice for the person, and the
/// drawing waiting to be kept. Cloning shares them, so blocking work can take them off the async runtime.
#[derive(Clone, Default)]
pub struct HistoryState {
    #[cfg(desktop)]
    db: Option<Arc<Mutex<history::History>>>,
    notice: Arc<Mutex<Option<String>>>,
    last_drawing: Arc<Mutex<Option<Drawing>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Opens the history as the app is built (a plugin, so it also happens under the tests' mock runtime, where the
/// app's own `setup` does not run).
pub fn plugin<R: Runtime>(at: HistoryAt) -> TauriPlugin<R> {
    tauri::plugin::Builder::new("app-history")
        .setup(move |app, _api| {
            #[cfg(desktop)]
            {
                let folder = match at {
                    HistoryAt::AppDataDir => app.path().app_data_dir().ok(),
                    HistoryAt::Folder(path) => Some(path),
                };
                // The personal model lives beside the history (and goes with it in "Delete all my data").
                if let (Some(folder), Some(model)) = (&folder, app.try_state::<crate::ModelState>()) {
                    model.set_personal_folder(folder.join(crate::personal_model::FOLDER));
                }
                app.manage(HistoryState::open(folder.map(|f| f.join(FILE_NAME))));
            }
            #[cfg(mobile)]
            {
                let _ = at;
                app.manage(HistoryState::default());
            }
            Ok(())
        })
        .build()
}

impl HistoryState {
    /// What the person must be told about the history, handed out once.
    pub fn take_notice(&self) -> Option<String> {
        lock(&self.notice).take()
    }

    /// Remembers a drawing read with the UI's `revision`, for [`HistoryState::record_drawing`].
    pub fn keep_drawing(&self, revision: u32, grey: Vec<u8>, width: u32, height: u32, reading: &NumberReading) {
        *lock(&self.last_drawing) = Some(Drawing { revision, grey, width, height, reading: reading.clone() });
    }

    /// The remembered drawing if it is the one the UI names; taken, so it is kept once.
    #[cfg_attr(mobile, allow(dead_code))]
    fn take_drawing(&self, revision: u32) -> Option<Drawing> {
        let mut last = lock(&self.last_drawing);
        last.as_ref().is_some_and(|d| d.revision == revision).then(|| last.take()).flatten()
    }
}

#[cfg(mobile)]
impl HistoryState {
    pub fn record_picture(&self, _name: &str, _image: &image::RgbaImage, _reading: &NumberReading) -> Option<i64> {
        None
    }
}

#[cfg(desktop)]
pub use desktop::now_ms;

#[cfg(desktop)]
mod desktop {
    use std::ffi::OsString;
    use std::io::Cursor;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};
    use std::time::{SystemTime, UNIX_EPOCH};

    use history::{EntryId, History, HistoryError, NewEntry, Source};
    use image::{DynamicImage, GrayImage, ImageFormat, RgbaImage};
    use protocol::NumberReading;

    use super::{lock, HistoryState, PICTURE_SIDE};
    use crate::logging::chain;
    use crate::CommandError;

    pub const STARTED_AFRESH: &str = "The history file could not be read, so a new history was started";
    pub const NOT_KEPT: &str =
        "The history could not be opened, so what you read now will not be kept after the app closes.";

    pub fn now_ms() -> i64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
    }

    impl HistoryState {
        /// Opens the history at `path` (`None`: there is no data folder), else starts afresh.
        pub fn open(path: Option<PathBuf>) -> Self {
            let (db, notice) = match path {
                Some(path) => open_or_start_afresh(&path),
                None => (History::in_memory().ok(), Some(NOT_KEPT.to_string())),
            };
            Self { db: db.map(|db| Arc::new(Mutex::new(db))), notice: Arc::new(Mutex::new(notice)), ..Self::default() }
        }

        /// Runs `work` on the history.
        pub fn with<T>(&self, work: impl FnOnce(&mut History) -> Result<T, HistoryError>) -> Result<T, CommandError> {
            let db = self.db.as_ref().ok_or(CommandError::NoHistory)?;
            Ok(work(&mut lock(db))?)
        }

        /// Keeps an opened picture's reading; its entry, committed, or `None` when history is off. A failure
        /// is logged, never in the way of the reading.
        pub fn record_picture(&self, name: &str, image: &RgbaImage, reading: &NumberReading) -> Option<EntryId> {
            let picture = DynamicImage::ImageRgb8(crate::preview::flattened(image, PICTURE_SIDE));
            self.record(Source::File(name.into()), png(&picture), reading).unwrap_or_else(|error| {
                log::error!("{name} could not be kept in the history: {}", chain(&error));
                None
            })
        }

        /// Keeps the drawing read with `revision`, if it was the last one read; `None` when it was not, or
        /// history is off.
        pub fn record_drawing(&self, revision: u32) -> Result<Option<EntryId>, CommandError> {
            let Some(drawing) = self.take_drawing(revision) else { return Ok(None) };
            let Some(grey) = GrayImage::from_raw(drawing.width, drawing.height, drawing.grey) else { return Ok(None) };
            self.record(Source::Canvas, png(&DynamicImage::ImageLuma8(grey)), &drawing.reading)
        }

        fn record(&self, source: Source, thumbnail_png: Vec<u8>, reading: &NumberReading) -> Result<Option<EntryId>, CommandError> {
            let entry = NewEntry { time_ms: now_ms(), source, thumbnail_png, reading: reading.clone() };
            self.with(|db| db.add(&entry))
        }
    }

    fn png(image: &DynamicImage) -> Vec<u8> {
        let mut png = Cursor::new(Vec::new());
        image.write_to(&mut png, ImageFormat::Png).expect("encoding a PNG in memory cannot fail");
        png.into_inner()
    }

    /// A file that is not a database, is corrupt or comes from a newer app: kept aside, not lost.
    fn is_damage(error: &HistoryError) -> bool {
        match error {
            HistoryError::NewerSchema { .. } | HistoryError::StoredReading(_) => true,
            HistoryError::Database(error) => {
                matches!(error.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
            }
            _ => false,
        }
    }

    /// The history at `path`; a damaged file is moved aside and a fresh one started; when even that fails
    /// (a folder that cannot be written, a file another app holds), a history in memory for this session.
    fn open_or_start_afresh(path: &Path) -> (Option<History>, Option<String>) {
        let error = match History::open(path) {
            Ok(db) => return (Some(db), None),
            Err(error) => error,
        };
        log::error!("the history {} could not be opened: {}", path.display(), chain(&error));
        if is_damage(&error) {
            match move_aside(path).map(|aside| (aside, History::open(path))) {
                Ok((aside, Ok(db))) => {
                    log::warn!("the damaged history was moved to {}", aside.display());
                    let kept = aside.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    return (Some(db), Some(format!("{STARTED_AFRESH}; the old file was kept as {kept}.")));
                }
                Ok((_, Err(error))) => log::error!("a fresh history could not be started: {}", chain(&error)),
                Err(error) => log::error!("the damaged history could not be moved aside: {error}"),
            }
        }
        (History::in_memory().ok(), Some(NOT_KEPT.to_string()))
    }

    /// Renames the file (and its write-ahead log) to `<name>.damaged-<seconds since 1970>`.
    fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
        let with = |path: &Path, suffix: &str| {
            let mut name = OsString::from(path.as_os_str());
            name.push(suffix);
            PathBuf::from(name)
        };
        let aside = with(path, &format!(".damaged-{}", now_ms() / 1000));
        std::fs::rename(path, &aside)?;
        for suffix in ["-wal", "-shm"] {
            if with(path, suffix).exists() {
                std::fs::rename(with(path, suffix), with(&aside, suffix)).ok();
            }
        }
        Ok(aside)
    }
}
