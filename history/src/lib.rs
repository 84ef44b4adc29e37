//! The app's local, private memory, in one SQLite file in the app's data folder: every finished reading (time,
//! source, thumbnail, each digit's 28×28 model input, the reading), the samples the person labelled by
//! correcting or confirming a reading, and settings. WAL mode, so a killed app loses nothing it had reported as
//! saved; the schema is versioned (`PRAGMA user_version`) and migrated forward on open.

mod entries;
mod error;
mod export;
mod folder;
mod samples;
mod schema;
mod settings;

use std::path::Path;

use rusqlite::Connection;

pub use entries::{Entry, EntryId, NewEntry, Source, Summary};
pub use error::HistoryError;
pub use export::{export_idx, export_png_folder, import_folder, import_idx, MAX_IMPORT};
pub use folder::{export_samples, import_samples, EXPORT_FOLDER, PNG_FOLDER};
pub use samples::{Labels, Origin, Sample, SAMPLE_PIXELS};
pub use settings::{Retention, DEFAULT_MAX_ENTRIES};

/// An open history database.
pub struct History {
    db: Connection,
}

impl History {
    /// Opens (creating if needed) the history at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| HistoryError::Folder { path: dir.to_path_buf(), source })?;
        }
        Self::with_connection(Connection::open(path)?)
    }

    /// A history held in memory only (tests, or when the data folder cannot be written).
    pub fn in_memory() -> Result<Self, HistoryError> {
        Self::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(db: Connection) -> Result<Self, HistoryError> {
        // WAL: a reader never blocks the writer, and a commit is on disk (in the log) before it returns, so a
        // killed process keeps every committed row. NORMAL is enough for that (FULL only adds power-loss safety).
        let _mode: String = db.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        db.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
        let mut history = Self { db };
        schema::migrate(&mut history.db)?;
        Ok(history)
    }

    /// Removes everything: the history, the samples and the settings ("Delete all my data").
    pub fn delete_everything(&mut self) -> Result<(), HistoryError> {
        let tx = self.db.transaction()?;
        tx.execute_batch("DELETE FROM samples; DELETE FROM digits; DELETE FROM entries; DELETE FROM settings;")?;
        tx.commit()?;
        self.db.execute_batch("VACUUM;")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
