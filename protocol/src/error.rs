//! A failed command as it reaches the UI: a kind to decide on, and a sentence to show.

use serde::{Deserialize, Serialize};

/// What went wrong, as a kind the UI can act on without reading the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The canvas is blank: there is nothing to read.
    NoInk,
    /// The model or ONNX Runtime could not be loaded; nothing can be read until that is fixed.
    ModelUnavailable,
    /// The model loaded but failed to run.
    ModelFailed,
    /// The request itself was malformed (a bug in the caller, not the user's doing).
    BadRequest,
    /// The file is empty.
    EmptyFile,
    /// The file is larger than the app opens.
    FileTooLarge,
    /// The picture has more pixels than the app opens.
    TooManyPixels,
    /// The file is not an image in a format the app reads.
    NotAnImage,
    /// A picture format the app does not read (HEIC, AVIF, SVG, PDF...), with what to do instead.
    UnsupportedFormat,
    /// The image is damaged or incomplete.
    Damaged,
    /// There is no file at that path.
    Missing,
    /// The path is a folder, a pipe or a device, not a file.
    NotAFile,
    /// The app is not allowed to read the file.
    NoPermission,
    /// The file could not be read for another reason.
    Unreadable,
    /// Decoding ran past its time limit and was abandoned.
    TookTooLong,
    /// A newer request or the person's Cancel replaced this one; its result is not wanted.
    Cancelled,
    /// The app's own plumbing failed (IPC, a plugin, the web view): a bug, not the user's doing.
    Internal,
}

impl ErrorKind {
    /// True for the kinds that come from the image a person chose (so another image may work).
    pub fn is_about_the_image(self) -> bool {
        !matches!(
            self,
            ErrorKind::NoInk
                | ErrorKind::ModelUnavailable
                | ErrorKind::ModelFailed
                | ErrorKind::BadRequest
                | ErrorKind::Internal
                | ErrorKind::Cancelled
        )
    }
}

/// A command's failure as sent over IPC: `{"kind": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub kind: ErrorKind,
    /// One sentence for the person, already in words.
    pub message: String,
}

impl Failure {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_travels_as_kind_and_message() {
        let failure = Failure { kind: ErrorKind::NotAnImage, message: "Not an image.".into() };
        let json = serde_json::to_string(&failure).unwrap();
        assert_eq!(json, r#"{"kind":"not_an_image","message":"Not an image."}"#);
        assert_eq!(serde_json::from_str::<Failure>(&json).unwrap(), failure);
    }
}
