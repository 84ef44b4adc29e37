//! The app-facing API: pixels in, a [`Prediction`] out.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::classifier::Scores;
use crate::image_file::ImageFileError;
use crate::preprocess::PreprocessError;
use crate::verdict::{self, Doubt};
use crate::{Classifier, RecognizerError};

/// What the app shows for one digit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Prediction {
    pub digit: u8,
    pub confidence: f32,
    pub probabilities: [f32; 10],
    /// True when the input is not clearly a digit; `doubt` says why.
    pub unsure: bool,
    pub doubt: Option<Doubt>,
    /// Why the reading is unsure, in words.
    pub doubt_message: Option<String>,
    /// The second most likely digit when it is close ("7 or 1").
    pub runner_up: Option<u8>,
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
    #[error("{0}")]
    Image(#[from] ImageFileError),
}

pub struct Recognizer {
    classifier: Classifier,
}

impl Recognizer {
    pub fn load(model_path: &Path) -> Result<Self, RecognizerError> {
        Ok(Self { classifier: Classifier::load_with_threads(model_path, 1)? })
    }

    /// Loads a model held in memory; `name` stands for it in messages.
    pub fn load_from_memory(model: &[u8], name: &Path) -> Result<Self, RecognizerError> {
        Ok(Self { classifier: Classifier::load_from_memory(model, name, 1)? })
    }

    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }
}

/// The prediction for one model input, with the unsure checks applied.
pub(crate) fn prediction_from(values: &[f32], extent: f32, scores: Scores) -> Prediction {
    let doubt = verdict::judge(extent, values, &scores.probabilities);
    Prediction {
        digit: scores.digit(),
        confidence: scores.confidence(),
        probabilities: scores.probabilities,
        unsure: doubt.is_some(),
        doubt,
        doubt_message: doubt.map(|d| d.message().to_string()),
        runner_up: verdict::runner_up(&scores.probabilities),
        model_input: values.iter().map(|v| (v * 255.0).round() as u8).collect(),
    }
}
