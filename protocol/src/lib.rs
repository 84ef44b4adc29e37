//! The one definition of everything that crosses IPC, used by `recognizer` (which fills it), `src-tauri`
//! (which sends it) and `ui` (which shows it). Serde only, so it builds for wasm as well as natively.

mod doubt;
mod error;
mod history;
pub mod ipc;
mod learning;
mod reading;
mod shown;

pub use doubt::{Doubt, CLOSE_RUNNER_UP, UNSURE_BELOW};
pub use error::{ErrorKind, Failure};
pub use history::{HistorySettings, HistorySummary, KeptReading, Labelled, SamplesMoved};
pub use learning::{
    ActiveModel, LearningFigures, LearningOutcome, LearningProgress, LearningStatus, PersonalModel, LEAST_SAMPLES_TO_LEARN,
};
pub use reading::{DigitReading, HandedFile, ModelStatus, NumberReading, OpenedImage, Prediction};
pub use shown::confidence_words;
