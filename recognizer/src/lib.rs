//! Digit Recognizer core: decoding, MNIST-style preprocessing, segmentation of numbers and the CNN through
//! ONNX Runtime, free of any GUI or command-line code. What it returns is defined in `protocol`.

pub mod benchmark;
pub mod canvas_request;
pub mod classifier;
mod error;
pub mod image_file;
pub mod preprocess;
pub mod recognize;
pub mod resources;
pub mod runtime;
pub mod segment;
pub mod verdict;

pub use classifier::{Classifier, Scores};
pub use error::{causes, ModelError, ReadError};
pub use protocol::{DigitReading, NumberReading, Prediction};
pub use recognize::Recognizer;
