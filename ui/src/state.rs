//! The app's state and the rules for Predict and Clear. Pure logic, so it is tested natively.

use serde::Deserialize;

/// What the recognizer returned (mirrors `recognizer::Prediction`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Prediction {
    pub digit: u8,
    pub confidence: f32,
    pub probabilities: [f32; 10],
    pub unsure: bool,
    /// `too_little_ink`, `too_much_ink` or `no_clear_winner` when unsure.
    pub doubt: Option<String>,
    pub doubt_message: Option<String>,
    pub runner_up: Option<u8>,
    pub model_input: Vec<u8>,
}

impl Prediction {
    /// The digit to show, or `None` when the ink is not a digit at all (a tap, a scribble).
    pub fn shown_digit(&self) -> Option<u8> {
        match self.doubt.as_deref() {
            Some("too_little_ink" | "too_much_ink") => None,
            _ => Some(self.digit),
        }
    }

    /// The digit as shown, or "?" for a mark that is not a digit at all.
    pub fn shown_label(&self) -> String {
        self.shown_digit().map_or("?".to_string(), |d| d.to_string())
    }

    /// Confidence in words; an unsure reading says so whatever its top probability.
    pub fn words(&self) -> &'static str {
        if self.unsure {
            "Unsure"
        } else {
            confidence_words(self.confidence)
        }
    }

    /// The sentence a screen reader announces.
    pub fn announcement(&self) -> String {
        match (self.shown_digit(), &self.doubt_message) {
            (None, Some(why)) => format!("Unsure. {why}"),
            (Some(d), _) if self.unsure => match self.runner_up {
                Some(r) => format!("Unsure: maybe {d} or {r}"),
                None => format!("Unsure: maybe {d}"),
            },
            (Some(d), _) => format!("{d}, {}, {:.0} percent", self.words().to_lowercase(), self.confidence * 100.0),
            (None, None) => "Unsure".into(),
        }
    }
}

/// One digit of a reading and where it was found (mirrors `recognizer::DigitReading`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DigitReading {
    #[serde(flatten)]
    pub prediction: Prediction,
    /// `[x, y, width, height]` in the picture's pixels.
    pub bbox: [u32; 4],
}

/// Every digit in a drawing or picture (mirrors `recognizer::NumberReading`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Reading {
    pub number: String,
    /// Each line's digits, top to bottom.
    #[serde(default)]
    pub lines: Vec<String>,
    pub unsure: bool,
    pub digits: Vec<DigitReading>,
    pub message: Option<String>,
    pub width: u32,
    pub height: u32,
}

impl Reading {
    /// The number as shown, one line of the picture per line of text: "?" stands for a mark that is not a
    /// digit at all.
    pub fn shown_number(&self) -> String {
        let labels: Vec<String> = self.digits.iter().map(|d| d.prediction.shown_label()).collect();
        let lengths: Vec<usize> = self.lines.iter().map(|line| line.chars().count()).collect();
        if lengths.len() < 2 || lengths.iter().sum::<usize>() != labels.len() {
            return labels.concat();
        }
        let mut rest = labels.as_slice();
        let mut shown = Vec::with_capacity(lengths.len());
        for length in lengths {
            let (line, after) = rest.split_at(length);
            shown.push(line.concat());
            rest = after;
        }
        shown.join("\n")
    }

    /// The digit whose details (bars, model input) are shown: `selected`, kept in range.
    pub fn digit(&self, selected: usize) -> Option<&Prediction> {
        self.digits.get(selected.min(self.digits.len().saturating_sub(1))).map(|d| &d.prediction)
    }

    /// The sentence a screen reader announces.
    pub fn announcement(&self) -> String {
        match self.digits.as_slice() {
            [] => format!("Unsure. {}", self.message.as_deref().unwrap_or("Nothing to read.")),
            [only] => only.prediction.announcement(),
            _ if self.unsure => format!("Unsure: maybe the number {}", self.shown_number().replace('\n', ", then ")),
            _ if self.lines.len() > 1 => format!("{} lines: {}", self.lines.len(), self.lines.join(", then ")),
            _ => format!("The number {}", self.number),
        }
    }
}

/// An image opened in the app (mirrors `recognizer::OpenedImage`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OpenedImage {
    pub name: String,
    /// A `data:` URL.
    pub preview: String,
    pub reading: Reading,
}

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
    Shown(Reading),
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

    pub fn reading(&self) -> Option<&Reading> {
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
    /// Several digits: the number, with "?" for marks that are not digits.
    Number { shown: String, unsure: bool },
    /// A picture in which no digit was found.
    Nothing(String),
}

pub const EMPTY_HINT: &str = "Draw a digit or a number, or open, drop or paste an image.";

pub fn headline(phase: &Phase, latest: Option<&Reading>) -> Headline {
    let answer = |r: &Reading| match r.digits.as_slice() {
        [] => Headline::Nothing(r.message.clone().unwrap_or_else(|| "No digits found.".into())),
        [only] => {
            let p = &only.prediction;
            Headline::Answer {
                digit: p.shown_digit(),
                runner_up: p.runner_up.filter(|_| p.shown_digit().is_some()),
                unsure: p.unsure,
            }
        }
        _ => Headline::Number { shown: r.shown_number(), unsure: r.unsure },
    };
    match (phase, latest) {
        (Phase::Empty, _) => Headline::Hint(EMPTY_HINT),
        (Phase::Failed(message), _) => Headline::Error(message.clone()),
        (Phase::Shown(p), _) => answer(p),
        (Phase::Drawn | Phase::Reading, Some(p)) => answer(p),
        (Phase::Drawn | Phase::Reading, None) => Headline::Reading,
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

    fn seven() -> Prediction {
        Prediction {
            digit: 7,
            confidence: 0.99,
            probabilities: [0.0; 10],
            unsure: false,
            doubt: None,
            doubt_message: None,
            runner_up: None,
            model_input: vec![],
        }
    }

    fn reading(digits: Vec<Prediction>) -> Reading {
        Reading {
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
        let scribble = Prediction {
            unsure: true,
            doubt: Some("too_much_ink".into()),
            doubt_message: Some("That looks like a scribble.".into()),
            runner_up: Some(3),
            ..seven()
        };
        assert_eq!(headline(&Phase::Shown(reading(vec![scribble.clone()])), None), Headline::Answer { digit: None, runner_up: None, unsure: true });
        assert_eq!(scribble.words(), "Unsure");
        assert!(scribble.announcement().contains("scribble"));
        let close = Prediction { unsure: true, doubt: Some("no_clear_winner".into()), runner_up: Some(1), ..seven() };
        assert_eq!(headline(&Phase::Shown(reading(vec![close.clone()])), None), Headline::Answer { digit: Some(7), runner_up: Some(1), unsure: true });
        assert_eq!(close.announcement(), "Unsure: maybe 7 or 1");
        assert_eq!(seven().announcement(), "7, very sure, 99 percent");
    }

    #[test]
    fn several_digits_read_as_a_number_with_question_marks_for_non_digits() {
        let one = Prediction { digit: 1, ..seven() };
        let dot = Prediction { unsure: true, doubt: Some("too_little_ink".into()), ..seven() };
        let number = reading(vec![one.clone(), seven()]);
        assert_eq!(headline(&Phase::Shown(number.clone()), None), Headline::Number { shown: "17".into(), unsure: false });
        assert_eq!(number.announcement(), "The number 17");
        let doubtful = reading(vec![one, dot, seven()]);
        assert_eq!(headline(&Phase::Shown(doubtful.clone()), None), Headline::Number { shown: "1?7".into(), unsure: true });
        assert_eq!(doubtful.announcement(), "Unsure: maybe the number 1?7");
        assert_eq!(doubtful.digit(9).unwrap().digit, 7, "an out-of-range choice shows the last digit");
    }

    #[test]
    fn a_picture_without_digits_says_so() {
        let nothing = Reading { message: Some("No digits found in this picture.".into()), unsure: true, ..reading(vec![]) };
        assert_eq!(headline(&Phase::Shown(nothing.clone()), None), Headline::Nothing("No digits found in this picture.".into()));
        assert!(nothing.announcement().contains("No digits"));
        assert_eq!(nothing.digit(0), None);
    }

    #[test]
    fn confidence_in_words() {
        assert_eq!(confidence_words(0.99), "Very sure");
        assert_eq!(confidence_words(0.5), "Unsure");
    }

    #[test]
    fn a_page_of_lines_is_shown_one_number_per_line() {
        let page = Reading { lines: vec!["12".into(), "345".into()], ..reading(vec![seven(); 5]) };
        assert_eq!(page.shown_number(), "77\n777");
        assert_eq!(page.announcement(), "2 lines: 12, then 345");
        let mismatched = Reading { lines: vec!["1".into(), "2".into()], ..reading(vec![seven(); 3]) };
        assert_eq!(mismatched.shown_number(), "777");
    }
}
