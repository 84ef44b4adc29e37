//! Digit Recognizer core: MNIST IO, ONNX inference and evaluation, free of any GUI code.

pub mod benchmark;
pub mod classifier;
pub mod evaluation;
pub mod image_file;
pub mod mnist;
pub mod preprocess;
pub mod reading;
pub mod recognize;
pub mod resources;
pub mod robustness;
pub mod runtime;
pub mod segment;
pub mod sketch;
pub mod synthetic;
pub mod verdict;

use std::path::PathBuf;

pub use classifier::{Classifier, Scores};
pub use reading::{DigitReading, NumberReading, OpenedImage};
pub use recognize::{Prediction, RecognizeError, Recognizer};

/// Errors a user can act on; each message says what went wrong and, where possible, how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum RecognizerError {
    #[error("ONNX Runtime {} was not found (looked in: {searched}). Run `scripts/fetch-onnxruntime.sh` or set ORT_DYLIB_PATH to the libonnxruntime file", runtime::ORT_VERSION)]
    RuntimeMissing { searched: String },
    #[error("could not load ONNX Runtime from {path}: {reason}")]
    RuntimeLoad { path: PathBuf, reason: String },
    #[error("{0}")]
    RuntimeUnavailable(String),
    #[error("the model file {0} does not exist. Reinstall the app, or set DIGITS_MODEL to a digits .onnx file")]
    ModelMissing(PathBuf),
    #[error("{path} is not a usable digit model: {reason}")]
    ModelInvalid { path: PathBuf, reason: String },
    #[error("invalid input: {0}")]
    BadInput(String),
    #[error("the model failed to run: {0}")]
    Inference(String),
    #[error(transparent)]
    Dataset(#[from] mnist::IdxError),
}
