//! Learning the person's handwriting (issue 15): which model reads, what learning found, and its progress.

use serde::{Deserialize, Serialize};

/// Corrected or confirmed samples needed before "Learn my handwriting" is offered.
pub const LEAST_SAMPLES_TO_LEARN: u32 = 10;

/// Which model reads the drawings and pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActiveModel {
    /// The model the app came with.
    BuiltIn,
    /// The model learnt from the person's samples.
    Personal,
}

/// How a learnt model read, against the built-in one: the figures the app shows before adopting it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LearningFigures {
    /// The person's samples, each read by a model learnt without it (k-fold).
    pub held_out: u32,
    /// Of those, read right by the built-in model, and by the learnt one.
    pub right_before: u32,
    pub right_after: u32,
    /// Samples the built-in model read right and the learnt one wrong.
    pub newly_wrong: u32,
    /// Shares (0 to 1) of the general check digits read right, before and after.
    pub general_before: f64,
    pub general_after: f64,
    /// Shares (0 to 1) of the non-digit check pictures called Unsure, before and after.
    pub non_digit_unsure_before: f64,
    pub non_digit_unsure_after: f64,
}

/// The personal model kept on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalModel {
    /// When it was learnt, in milliseconds since 1970 (UTC).
    pub learnt_ms: i64,
    /// The samples it was learnt from.
    pub samples: u32,
    pub figures: LearningFigures,
}

/// Everything the Learning section shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningStatus {
    pub active: ActiveModel,
    /// The personal model kept, whether or not it is in use; `None` when there is none (or it is outdated).
    pub personal: Option<PersonalModel>,
    /// A personal model was learnt from an earlier built-in model: it is not used, and learning again from the
    /// stored samples is offered.
    pub outdated: bool,
    /// The corrected and confirmed samples stored.
    pub samples: u32,
    /// Why this copy of the app cannot learn (for example, it was built without the general digits learning
    /// checks against); `None` when it can.
    pub unavailable: Option<String>,
    /// A learning run is in progress.
    pub running: bool,
}

/// The payload of [`crate::ipc::LEARNING_PROGRESS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningProgress {
    /// 0 to 1.
    pub fraction: f64,
    /// What is being done, in words ("Checking on samples it has not seen").
    pub stage: String,
}

/// The answer to [`crate::ipc::LEARN_HANDWRITING`]: whether the learnt model is now in use, and why not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningOutcome {
    pub adopted: bool,
    /// Why the learnt model was not adopted, as the end of a sentence; `None` when it was.
    pub refusal: Option<String>,
    pub figures: LearningFigures,
    pub status: LearningStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_active_model_travels_as_a_word() {
        assert_eq!(serde_json::to_string(&ActiveModel::BuiltIn).unwrap(), r#""built_in""#);
        assert_eq!(serde_json::from_str::<ActiveModel>(r#""personal""#).unwrap(), ActiveModel::Personal);
    }
}
