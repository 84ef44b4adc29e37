//! A command's failure: typed, with its source, until it is sent to the UI as a [`protocol::Failure`]
//! (`{kind, message}`), where the UI decides on the kind.

use std::sync::Arc;

use protocol::{ErrorKind, Failure};
use recognizer::canvas_request::BadCanvas;
use recognizer::image_file::ImageFileError;
use recognizer::{ModelError, ReadError};
use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The model could not be loaded when the app started; every request reports it.
    #[error("The recognizer could not start: {0}")]
    Unavailable(#[source] Arc<ModelError>),
    #[error(transparent)]
    BadCanvas(#[from] BadCanvas),
    #[error("expected the {what} as the raw body of the request")]
    NotRawBytes { what: &'static str },
    #[error("{0}")]
    Read(#[from] ReadError),
    /// A newer open, or the person's Cancel, replaced this request; its result is not wanted.
    #[error("a newer request replaced this one")]
    Cancelled,
    /// The work panicked (the panic hook logged where); the window lives on and says so in words.
    #[error("{} failed inside the app; the details are in the log.", what.sentence_start())]
    Panicked { what: Work, source: tauri::Error },
    #[cfg(desktop)]
    #[error("{}", history_sentence(.0))]
    History(#[from] history::HistoryError),
    /// Not even a history in memory could start (the person was told at start-up).
    #[error("The history is not available in this session.")]
    NoHistory,
    #[cfg(desktop)]
    #[error(transparent)]
    Learning(#[from] crate::learning::LearningError),
    #[error("The history and samples are deleted, but your model could not be: {}.", io_words(.0))]
    DeletingPersonalModel(#[source] std::io::Error),
    #[error("The history and samples are deleted, but the logs could not be: {}.", io_words(.0))]
    DeletingLogs(#[source] std::io::Error),
    #[error("Your data is deleted, but the window's saved size and place could not be: {}.", io_words(.0))]
    DeletingWindowPlace(#[source] std::io::Error),
}

/// A file's or folder's own name, as the person knows it.
#[cfg(desktop)]
fn name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// An I/O error in words: the cases a person can act on, else the system's own.
fn io_words(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "the app is not allowed to".into(),
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::StorageFull => "the disk is full".into(),
        std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidInput => {
            "it is damaged or not in the expected format".into()
        }
        _ => error.to_string(),
    }
}

/// What the person is told when the history, a correction or the samples fail.
#[cfg(desktop)]
fn history_sentence(error: &history::HistoryError) -> String {
    use history::HistoryError as E;
    match error {
        E::NoSuchEntry(_) => "That entry is no longer in the history.".into(),
        E::CorrectionDoesNotFit { given, count: 1 } => format!("\u{201c}{given}\u{201d} is not one digit: type the right digit, 0 to 9."),
        E::CorrectionDoesNotFit { given, count } => {
            format!("\u{201c}{given}\u{201d} does not fit the {count} digits read: type {count} digits.")
        }
        E::BadSamples { path, why } => format!("{} is not a sample file the app can read: {why}.", name(path)),
        E::TooManySamples { most } => format!("The folder holds more than {most} samples, the most one import takes."),
        E::NoSamplesInFolder(path) => format!(
            "{} holds no samples: choose a folder with labels.csv and its PNG files, or with IDX files \
             (\u{2026}-images-idx3-ubyte.gz and \u{2026}-labels-idx1-ubyte.gz).",
            name(path)
        ),
        E::NothingToExport => "There are no samples to export yet: correct or confirm a reading first.".into(),
        E::NotAFolder(path) => format!("{} is not a folder.", name(path)),
        E::Read { path, source } => format!("{} could not be read: {}.", name(path), io_words(source)),
        E::Write { path, source } | E::Folder { path, source } => {
            format!("The samples could not be written to {}: {}.", path.display(), io_words(source))
        }
        E::Database(_) | E::NewerSchema { .. } | E::StoredReading(_) => {
            "The history could not be read or saved; the details are in the log.".into()
        }
    }
}

/// What a command was doing, for the sentence shown when it fails inside the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    ReadingDrawing,
    ReadingPicture,
    LoadingModel,
    GatheringDiagnostics,
    UsingHistory,
    MovingSamples,
    DeletingData,
    Learning,
}

impl Work {
    fn sentence_start(self) -> &'static str {
        match self {
            Work::ReadingDrawing => "Reading the drawing",
            Work::ReadingPicture => "Reading this picture",
            Work::LoadingModel => "Loading the model",
            Work::GatheringDiagnostics => "Gathering the diagnostics",
            Work::UsingHistory => "Using the history",
            Work::MovingSamples => "Exporting or importing the samples",
            Work::DeletingData => "Deleting your data",
            Work::Learning => "Learning your handwriting",
        }
    }
}

impl From<ImageFileError> for CommandError {
    fn from(error: ImageFileError) -> Self {
        CommandError::Read(error.into())
    }
}

impl CommandError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            CommandError::Unavailable(_) => ErrorKind::ModelUnavailable,
            CommandError::BadCanvas(error) => error.kind(),
            CommandError::NotRawBytes { .. } => ErrorKind::BadRequest,
            CommandError::Read(error) => error.kind(),
            CommandError::Cancelled => ErrorKind::Cancelled,
            CommandError::Panicked { .. } | CommandError::NoHistory => ErrorKind::Internal,
            CommandError::DeletingLogs(_) | CommandError::DeletingWindowPlace(_) | CommandError::DeletingPersonalModel(_) => {
                ErrorKind::Internal
            }
            #[cfg(desktop)]
            CommandError::Learning(error) => learning_kind(error),
            #[cfg(desktop)]
            CommandError::History(error) => history_kind(error),
        }
    }

    /// What the UI receives.
    pub fn to_failure(&self) -> Failure {
        Failure { kind: self.kind(), message: self.to_string() }
    }
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_failure().serialize(serializer)
    }
}

#[cfg(desktop)]
fn history_kind(error: &history::HistoryError) -> ErrorKind {
    use history::HistoryError as E;
    match error {
        E::NoSuchEntry(_) | E::NoSamplesInFolder(_) | E::NothingToExport => ErrorKind::Missing,
        // The UI checks a correction before sending it.
        E::CorrectionDoesNotFit { .. } => ErrorKind::BadRequest,
        E::BadSamples { .. } => ErrorKind::Damaged,
        E::TooManySamples { .. } => ErrorKind::FileTooLarge,
        E::NotAFolder(_) => ErrorKind::NotAFile,
        E::Read { source, .. } | E::Write { source, .. } | E::Folder { source, .. }
            if source.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            ErrorKind::NoPermission
        }
        E::Read { .. } | E::Write { .. } | E::Folder { .. } => ErrorKind::Unreadable,
        E::Database(_) | E::NewerSchema { .. } | E::StoredReading(_) => ErrorKind::Internal,
    }
}

#[cfg(desktop)]
fn learning_kind(error: &crate::learning::LearningError) -> ErrorKind {
    use crate::learning::LearningError as E;
    match error {
        // The UI offers Learn only from enough samples, once at a time, and the switch only to a model there is.
        E::TooFewSamples { .. } | E::AlreadyLearning | E::NoPersonalModel => ErrorKind::BadRequest,
        E::NoGeneralDigits => ErrorKind::Missing,
        E::GeneralDigits(_) | E::Loading(_) => ErrorKind::Damaged,
        E::Saving(source) if source.kind() == std::io::ErrorKind::PermissionDenied => ErrorKind::NoPermission,
        E::Saving(_) => ErrorKind::Unreadable,
        E::Engine(_) => ErrorKind::Internal,
        E::Cancelled => ErrorKind::Cancelled,
    }
}
