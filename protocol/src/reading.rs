//! What a drawing or picture says: the types the core fills, the shell sends and the UI shows.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::{Doubt, KeptReading};

/// One digit as the model read it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Prediction {
    pub digit: u8,
    /// The probability of `digit`.
    pub confidence: f32,
    pub probabilities: [f32; 10],
    /// True when the mark is not clearly a digit; `doubt` says why.
    pub unsure: bool,
    pub doubt: Option<Doubt>,
    /// The second most likely digit when it is close ("7 or 1").
    pub runner_up: Option<u8>,
    /// The 28×28 image the model saw, row-major, 0 = background, 255 = ink.
    pub model_input: Vec<u8>,
}

/// One digit of a number, with where it was found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DigitReading {
    #[serde(flatten)]
    pub prediction: Prediction,
    /// `[x, y, width, height]` in the picture's pixels.
    pub bbox: [u32; 4],
}

/// Every digit in a drawing or picture.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NumberReading {
    /// The digits in reading order: each line's digits left to right, lines top to bottom joined by a
    /// single space ("2026" for one line, "12 345" for two); empty when none was found.
    pub number: String,
    /// Each line's digits, top to bottom (separators such as dots, commas and slashes are not digits).
    #[serde(default)]
    pub lines: Vec<String>,
    /// True when any digit is unsure, or no digit was found.
    pub unsure: bool,
    pub digits: Vec<DigitReading>,
    /// Why nothing (or not everything) could be read, in words.
    pub message: Option<String>,
    /// Size of the picture the boxes refer to.
    pub width: u32,
    pub height: u32,
}

impl NumberReading {
    /// A reading in which nothing was found, with the reason in words.
    pub fn nothing(width: u32, height: u32, message: &str) -> Self {
        Self { number: String::new(), lines: Vec::new(), unsure: true, digits: Vec::new(), message: Some(message.into()), width, height }
    }
}

/// An image opened in the app: what it says, and a preview (a `data:` URL) the boxes are drawn over.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OpenedImage {
    /// The file's name, as shown under the picture.
    pub name: String,
    pub preview: String,
    pub reading: NumberReading,
    /// The history entry it was kept as (`None` when history is off or not kept on this device).
    #[serde(default)]
    pub kept: Option<KeptReading>,
}

/// The payload of [`crate::ipc::FILE_HANDED_OVER`]: the image a second launch of the app (for example "Open
/// with" while it runs) hands to the running window, which opens it as if it had been chosen in the Open dialog.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HandedFile {
    /// Absolute: a relative path is resolved against the second launch's working folder before it is sent.
    pub path: PathBuf,
}

/// Where the model in use was loaded from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ModelStatus {
    pub model: PathBuf,
    /// The ONNX Runtime library, where it is a file (on Android it is found by name).
    pub runtime: Option<PathBuf>,
}
