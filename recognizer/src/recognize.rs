//! The app-facing API: pixels in, a [`Prediction`] out.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::preprocess::{self, PreprocessError};
use crate::{Classifier, RecognizerError};

/// Below this top probability the answer is flagged as unsure.
pub const UNSURE_BELOW: f32 = 0.6;

/// What the app shows for one digit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Prediction {
    pub digit: u8,
    pub confidence: f32,
    pub probabilities: [f32; 10],
    pub unsure: bool,
    /// The 28×28 image the model saw, row-major, 0 = background, 255 = ink.
    pub model_input: Vec<u8>,
}

/// Why pixels could not be read, in words for the user.
#[derive(Debug, thiserror::Error)]
pub enum RecognizeError {
    #[error("{0}")]
    Preprocess(#[from] PreprocessError),
    #[error(transparent)]
    Model(#[from] RecognizerError),
}

pub struct Recognizer {
    classifier: Classifier,
}

impl Recognizer {
    pub fn load(model_path: &Path) -> Result<Self, RecognizerError> {
        Ok(Self { classifier: Classifier::load_with_threads(model_path, 1)? })
    }

    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    /// Reads the digit in RGBA pixels (a canvas or a decoded image).
    pub fn recognize_rgba(&self, rgba: &[u8], width: u32, height: u32) -> Result<Prediction, RecognizeError> {
        let input = preprocess::mnist_from_rgba(rgba, width, height)?;
        let scores = self.classifier.classify(&input)?;
        Ok(Prediction {
            digit: scores.digit(),
            confidence: scores.confidence(),
            probabilities: scores.probabilities,
            unsure: scores.confidence() < UNSURE_BELOW,
            model_input: input.iter().map(|v| (v * 255.0).round() as u8).collect(),
        })
    }
}
