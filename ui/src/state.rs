//! The rules for Predict and Clear and what the result panel's headline shows. Pure logic, so it is tested
//! natively; what a reading is and how it is shown come from `protocol`.

use protocol::NumberReading;

pub const NOTHING_TO_READ: &str = "Please draw a digit or open an image first";
pub const ALREADY_SHOWN: &str = "A prediction is already shown — clear the canvas to predict again";
pub const ALREADY_CLEAR: &str = "The canvas is already clear";
pub const NOTHING_TO_UNDO: &str = "There is nothing to undo";

/// Where the canvas and its result stand.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Nothing drawn.
    Empty,
    /// Ink on the canvas, not yet read (or changed since it was read).
    Drawn,
    /// A request is on its way.
    Reading,
    /// The result for the current drawing or image.
    Shown(NumberReading),
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

    /// Any change to the drawing makes a shown result stale.
    pub fn after_change(&self) -> Phase {
        Phase::Drawn
    }

    /// After undo, with `remaining` strokes left.
    pub fn after_undo(remaining: usize) -> Phase {
        if remaining == 0 {
            Phase::Empty
        } else {
            Phase::Drawn
        }
    }

    pub fn reading(&self) -> Option<&NumberReading> {
        match self {
            Phase::Shown(r) => Some(r),
            _ => None,
        }
    }
}

/// What the result panel's headline shows. `latest` is the newest answer, which may be for a drawing still
/// in progress.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    Hint(&'static str),
    Reading,
    Error(String),
    Answer { digit: Option<u8>, runner_up: Option<u8>, unsure: bool },
    /// Several digits: the number, with "?" for marks that are not digits, and why it is unsure.
    Number { shown: String, unsure: bool, why: Option<&'static str> },
    /// A picture in which no digit was found.
    Nothing(String),
}

pub const EMPTY_HINT: &str = "Draw a digit or a number, or open, drop or paste an image.";

pub fn headline(phase: &Phase, latest: Option<&NumberReading>) -> Headline {
    let answer = |r: &NumberReading| match r.digits.as_slice() {
        [] => Headline::Nothing(r.message.clone().unwrap_or_else(|| "No digits found.".into())),
        [only] => {
            let p = &only.prediction;
            Headline::Answer {
                digit: p.shown_digit(),
                runner_up: p.runner_up.filter(|_| p.shown_digit().is_some()),
                unsure: p.unsure,
            }
        }
        _ => Headline::Number { shown: r.shown_number(), unsure: r.unsure, why: r.doubt().map(|d| d.message()) },
    };
    match (phase, latest) {
        (Phase::Empty, _) => Headline::Hint(EMPTY_HINT),
        (Phase::Failed(message), _) => Headline::Error(message.clone()),
        (Phase::Shown(p), _) => answer(p),
        (Phase::Drawn | Phase::Reading, Some(p)) => answer(p),
        (Phase::Drawn | Phase::Reading, None) => Headline::Reading,
    }
}

#[cfg(test)]
mod tests {
    use protocol::{DigitReading, Doubt, Prediction};

    use super::*;

    fn seven() -> Prediction {
        Prediction { digit: 7, confidence: 0.99, probabilities: [0.0; 10], unsure: false, doubt: None, runner_up: None, model_input: vec![] }
    }

    fn reading(digits: Vec<Prediction>) -> NumberReading {
        NumberReading {
            lines: Vec::new(),
            number: digits.iter().map(|p| char::from(b'0' + p.digit)).collect(),
            unsure: digits.iter().any(|p| p.unsure),
            digits: digits.into_iter().map(|prediction| DigitReading { prediction, bbox: [0, 0, 1, 1] }).collect(),
            message: None,
            width: 1,
            height: 1,
        }
    }

    fn shown() -> Phase {
        Phase::Shown(reading(vec![seven()]))
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
        assert_eq!(shown().after_change(), Phase::Drawn);
    }

    #[test]
    fn undoing_the_last_stroke_empties_the_canvas() {
        assert_eq!(Phase::after_undo(0), Phase::Empty);
        assert_eq!(Phase::after_undo(2), Phase::Drawn);
    }

    #[test]
    fn the_headline_keeps_the_last_answer_while_a_newer_one_is_read() {
        let answer = Headline::Answer { digit: Some(7), runner_up: None, unsure: false };
        assert_eq!(headline(&shown(), None), answer);
        assert_eq!(headline(&Phase::Drawn, Some(&reading(vec![seven()]))), answer);
        assert_eq!(headline(&Phase::Reading, None), Headline::Reading);
        assert!(matches!(headline(&Phase::Empty, Some(&reading(vec![seven()]))), Headline::Hint(_)));
    }

    #[test]
    fn a_scribble_shows_no_digit_and_a_close_call_shows_two() {
        let scribble = Prediction { unsure: true, doubt: Some(Doubt::TooMuchInk), runner_up: Some(3), ..seven() };
        assert_eq!(headline(&Phase::Shown(reading(vec![scribble])), None), Headline::Answer { digit: None, runner_up: None, unsure: true });
        let close = Prediction { unsure: true, doubt: Some(Doubt::NoClearWinner), runner_up: Some(1), ..seven() };
        assert_eq!(headline(&Phase::Shown(reading(vec![close])), None), Headline::Answer { digit: Some(7), runner_up: Some(1), unsure: true });
    }

    #[test]
    fn several_digits_are_a_number_with_question_marks_for_non_digits() {
        let one = Prediction { digit: 1, ..seven() };
        let dot = Prediction { unsure: true, doubt: Some(Doubt::TooLittleInk), ..seven() };
        assert_eq!(headline(&Phase::Shown(reading(vec![one.clone(), seven()])), None), Headline::Number { shown: "17".into(), unsure: false, why: None });
        assert_eq!(headline(&Phase::Shown(reading(vec![one, dot, seven()])), None), Headline::Number { shown: "1?7".into(), unsure: true, why: Some(Doubt::TooLittleInk.message()) });
    }

    #[test]
    fn a_picture_without_digits_says_so() {
        let nothing = NumberReading::nothing(1, 1, "No digits found in this picture.");
        assert_eq!(headline(&Phase::Shown(nothing), None), Headline::Nothing("No digits found in this picture.".into()));
    }
}
