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
}

#[cfg(desktop)]
fn history_sentence(error: &history::HistoryError) -> &'static str {
    match error {
        history::HistoryError::NoSuchEntry(_) => "That entry is no longer in the history.",
        _ => "The history could not be read or saved; the details are in the log.",
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
}

impl Work {
    fn sentence_start(self) -> &'static str {
        match self {
            Work::ReadingDrawing => "Reading the drawing",
            Work::ReadingPicture => "Reading this picture",
            Work::LoadingModel => "Loading the model",
            Work::GatheringDiagnostics => "Gathering the diagnostics",
            Work::UsingHistory => "Using the history",
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
            #[cfg(desktop)]
            CommandError::History(history::HistoryError::NoSuchEntry(_)) => ErrorKind::Missing,
            #[cfg(desktop)]
            CommandError::History(_) => ErrorKind::Internal,
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
