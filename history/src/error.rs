use std::path::PathBuf;

/// Why the history could not be read or written; the source is kept for the log.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("the history database failed")]
    Database(#[from] rusqlite::Error),
    #[error("the history was written by a newer version of the app (schema {found}, this app knows {known})")]
    NewerSchema { found: i64, known: i64 },
    #[error("could not create the folder {}", path.display())]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("could not write {}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("could not read {}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{} is not a sample file: {why}", path.display())]
    BadSamples { path: PathBuf, why: String },
    #[error("{} holds no samples (neither IDX files nor labels.csv)", .0.display())]
    NoSamplesInFolder(PathBuf),
    #[error("more than {most} samples in one import")]
    TooManySamples { most: usize },
    #[error("there are no samples to export")]
    NothingToExport,
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("a stored reading could not be read back")]
    StoredReading(#[from] serde_json::Error),
    #[error("there is no history entry {0}")]
    NoSuchEntry(i64),
    #[error("the correction \"{given}\" does not fit the {count} digits read")]
    CorrectionDoesNotFit { given: String, count: usize },
}
