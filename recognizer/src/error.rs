//! The core's errors, each with its source kept and a [`protocol::ErrorKind`] the UI can decide on.

use std::path::PathBuf;
use std::sync::Arc;

use protocol::ErrorKind;

use crate::image_file::ImageFileError;
use crate::preprocess::PreprocessError;

/// Why the model could not be loaded or run. Cloneable, because a load failure is kept and reported again
/// to every later request (the sources are shared).
#[derive(Debug, Clone, thiserror::Error)]
pub enum ModelError {
    #[error("ONNX Runtime {} was not found (looked in: {}). Run `scripts/fetch-onnxruntime.sh` or set ORT_DYLIB_PATH to the libonnxruntime file", crate::runtime::ORT_VERSION, searched_list(.searched))]
    RuntimeMissing { searched: Vec<PathBuf> },
    #[error("could not load ONNX Runtime from {}", path.display())]
    RuntimeLoad { path: PathBuf, source: Arc<ort::LoadDynamicError> },
    #[error("ONNX Runtime from {} could not start", path.display())]
    RuntimeStart { path: PathBuf, source: Arc<ort::Error> },
    #[error("the model file {} does not exist. Reinstall the app, or set DIGITS_MODEL to a digits .onnx file", .0.display())]
    ModelMissing(PathBuf),
    #[error("{} is not a usable digit model", path.display())]
    ModelInvalid { path: PathBuf, source: Arc<ort::Error> },
    #[error("{} is not a digit model: it needs an input `{}` and an output `{}`", path.display(), crate::classifier::INPUT_NAME, crate::classifier::OUTPUT_NAME)]
    NotADigitModel { path: PathBuf },
    #[error("the model was given {values} values, which is not a whole number of 28×28 images")]
    PartialImage { values: usize },
    #[error("the model failed to run")]
    Inference(#[source] Arc<ort::Error>),
    #[error("the model returned an output of shape {shape:?} for {count} images, expected [{count}, 10]")]
    OutputShape { shape: Vec<i64>, count: usize },
}

fn searched_list(searched: &[PathBuf]) -> String {
    searched.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
}

impl ModelError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ModelError::RuntimeMissing { .. }
            | ModelError::RuntimeLoad { .. }
            | ModelError::RuntimeStart { .. }
            | ModelError::ModelMissing(_)
            | ModelError::ModelInvalid { .. }
            | ModelError::NotADigitModel { .. } => ErrorKind::ModelUnavailable,
            ModelError::PartialImage { .. } | ModelError::Inference(_) | ModelError::OutputShape { .. } => ErrorKind::ModelFailed,
        }
    }
}

impl From<ort::Error> for ModelError {
    fn from(error: ort::Error) -> Self {
        ModelError::Inference(Arc::new(error))
    }
}

/// Why a canvas or a picture could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Pixels(#[from] PreprocessError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("{0}")]
    Image(#[from] ImageFileError),
}

impl ReadError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ReadError::Pixels(PreprocessError::NoInk) => ErrorKind::NoInk,
            ReadError::Pixels(_) => ErrorKind::BadRequest,
            ReadError::Model(error) => error.kind(),
            ReadError::Image(error) => error.kind(),
        }
    }
}

/// An error's causes (its sources), each on one line, for logs and `--verbose`: a cause whose words the line
/// before already holds (the decoder's message quoted in ours) is left out.
pub fn causes(error: &dyn std::error::Error) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut before = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let line = cause.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
        if !before.contains(&line) {
            lines.push(line.clone());
            before = line;
        }
        source = cause.source();
    }
    lines
}
