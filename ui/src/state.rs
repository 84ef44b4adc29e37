//! The app's state and the rules for Predict and Clear. Pure logic, so it is tested natively.

use serde::Deserialize;

/// What the recognizer returned (mirrors `recognizer::Prediction`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Prediction {
    pub digit: u8,
    pub confidence: f32,
    pub probabilities: [f32; 10],
    pub unsure: bool,
    pub model_input: Vec<u8>,
}

pub const NOTHING_TO_READ: &str = "Please draw a digit or open an image first";
pub const ALREADY_SHOWN: &str = "A prediction is already shown — clear the canvas to predict again";
pub const ALREADY_CLEAR: &str = "The canvas is already clear";

/// Where the canvas and its result stand.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Nothing drawn.
    Empty,
    /// Ink on the canvas, not yet read (or changed since it was read).
    Drawn,
    /// A request is on its way.
    Reading,
    /// The result for the current drawing.
    Shown(Prediction),
    /// The recognizer answered with an error message.
    Failed(String),
}

/// What pressing Predict should do.
#[derive(Debug, Clone, PartialEq)]
pub enum PredictAction {
    Read,
    Notice(&'static str),
    /// A request is already running; pressing again does nothing.
    Wait,
}

impl Phase {
    pub fn on_predict(&self) -> PredictAction {
        match self {
            Phase::Empty => PredictAction::Notice(NOTHING_TO_READ),
            Phase::Shown(_) => PredictAction::Notice(ALREADY_SHOWN),
            Phase::Reading => PredictAction::Wait,
            Phase::Drawn | Phase::Failed(_) => PredictAction::Read,
        }
    }

    /// The notice for Clear, if clearing has nothing to do.
    pub fn on_clear(&self) -> Option<&'static str> {
        (*self == Phase::Empty).then_some(ALREADY_CLEAR)
    }

    /// A new stroke makes any shown result stale.
    pub fn after_stroke(&self) -> Phase {
        Phase::Drawn
    }

    pub fn prediction(&self) -> Option<&Prediction> {
        match self {
            Phase::Shown(p) => Some(p),
            _ => None,
        }
    }
}

/// Confidence in words, for the result line and screen readers.
pub fn confidence_words(confidence: f32) -> &'static str {
    match confidence {
        c if c >= 0.95 => "Very sure",
        c if c >= 0.8 => "Fairly sure",
        c if c >= 0.6 => "Leaning",
        _ => "Unsure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown() -> Phase {
        Phase::Shown(Prediction {
            digit: 7,
            confidence: 0.99,
            probabilities: [0.0; 10],
            unsure: false,
            model_input: vec![],
        })
    }

    #[test]
    fn predict_on_an_empty_canvas_asks_for_input() {
        assert_eq!(Phase::Empty.on_predict(), PredictAction::Notice(NOTHING_TO_READ));
    }

    #[test]
    fn predict_with_a_result_shown_asks_to_clear() {
        assert_eq!(shown().on_predict(), PredictAction::Notice(ALREADY_SHOWN));
    }

    #[test]
    fn predict_reads_a_drawing_or_retries_after_an_error() {
        assert_eq!(Phase::Drawn.on_predict(), PredictAction::Read);
        assert_eq!(Phase::Failed("x".into()).on_predict(), PredictAction::Read);
        assert_eq!(Phase::Reading.on_predict(), PredictAction::Wait);
    }

    #[test]
    fn clear_on_an_empty_canvas_says_so() {
        assert_eq!(Phase::Empty.on_clear(), Some(ALREADY_CLEAR));
        assert_eq!(shown().on_clear(), None);
        assert_eq!(Phase::Drawn.on_clear(), None);
    }

    #[test]
    fn a_new_stroke_makes_the_result_stale() {
        assert_eq!(shown().after_stroke(), Phase::Drawn);
    }

    #[test]
    fn confidence_in_words() {
        assert_eq!(confidence_words(0.99), "Very sure");
        assert_eq!(confidence_words(0.5), "Unsure");
    }
}
