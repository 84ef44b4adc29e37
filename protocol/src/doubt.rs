//! Why a reading is not trusted, and the thresholds that decide it from the probabilities.

use serde::{Deserialize, Serialize};

/// Below this top probability there is no clear winner: the reading is Unsure.
pub const UNSURE_BELOW: f32 = 0.6;
/// A runner-up at or above this probability is shown beside the winner ("7 or 1").
pub const CLOSE_RUNNER_UP: f32 = 0.2;

/// Why a reading is not trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// A tap or a speck, not a digit.
    TooLittleInk,
    /// A scribble or a blot.
    TooMuchInk,
    /// A dash, a minus or an underline: ink far wider than it is tall, which no digit is.
    Line,
    /// Digit-like, but no digit is clearly ahead.
    NoClearWinner,
    /// Cut from touching marks the model could not read whole, where the cut is a guess: the marks are too
    /// narrow to be surely several digits, or the cut crosses strokes.
    GuessedSplit,
}

impl Doubt {
    /// The reason in words, for the result panel.
    pub fn message(self) -> &'static str {
        match self {
            Doubt::TooLittleInk => "That looks like a dot, not a digit. Draw it larger.",
            Doubt::TooMuchInk => "That looks like a scribble. Clear and draw one digit.",
            Doubt::Line => "That looks like a dash or a line, not a digit.",
            Doubt::NoClearWinner => "This doesn't clearly look like any digit.",
            Doubt::GuessedSplit => "These marks touch, so where one digit ends is a guess. Leave a little space between digits.",
        }
    }

    /// True when the mark is not a digit at all, so no digit is shown for it ("?").
    pub fn is_not_a_digit(self) -> bool {
        matches!(self, Doubt::TooLittleInk | Doubt::TooMuchInk | Doubt::Line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubts_travel_as_words() {
        assert_eq!(serde_json::to_string(&Doubt::TooMuchInk).unwrap(), "\"too_much_ink\"");
        assert_eq!(serde_json::from_str::<Doubt>("\"no_clear_winner\"").unwrap(), Doubt::NoClearWinner);
        assert_eq!(serde_json::to_string(&Doubt::GuessedSplit).unwrap(), "\"guessed_split\"");
    }
}
