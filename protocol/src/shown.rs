//! How a reading is shown and announced: "?" for marks that are not digits, "1?7" for a number with one,
//! confidence in words. The UI shows exactly this; tests anywhere can check it.

use crate::{NumberReading, Prediction};

impl Prediction {
    /// The digit to show, or `None` when the mark is not a digit at all (a tap, a scribble).
    pub fn shown_digit(&self) -> Option<u8> {
        match self.doubt {
            Some(doubt) if doubt.is_not_a_digit() => None,
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
        match (self.shown_digit(), self.doubt) {
            (None, Some(why)) => format!("Unsure. {}", why.message()),
            (Some(d), _) if self.unsure => match self.runner_up {
                Some(r) => format!("Unsure: maybe {d} or {r}"),
                None => format!("Unsure: maybe {d}"),
            },
            (Some(d), _) => format!("{d}, {}, {:.0} percent", self.words().to_lowercase(), self.confidence * 100.0),
            (None, None) => "Unsure".into(),
        }
    }
}

impl NumberReading {
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

    /// Why the number is unsure: the first digit's doubt, left to right.
    pub fn doubt(&self) -> Option<crate::Doubt> {
        self.digits.iter().find_map(|d| d.prediction.doubt)
    }

    /// The sentence a screen reader announces.
    pub fn announcement(&self) -> String {
        match self.digits.as_slice() {
            [] => format!("Unsure. {}", self.message.as_deref().unwrap_or("Nothing to read.")),
            [only] => only.prediction.announcement(),
            _ if self.unsure => {
                let number = format!("Unsure: maybe the number {}", self.shown_number().replace('\n', ", then "));
                match self.doubt() {
                    Some(why) => format!("{number}. {}", why.message()),
                    None => number,
                }
            }
            _ if self.lines.len() > 1 => format!("{} lines: {}", self.lines.len(), self.lines.join(", then ")),
            _ => format!("The number {}", self.number),
        }
    }
}

/// Confidence in words, for the result line and screen readers.
pub fn confidence_words(confidence: f32) -> &'static str {
    match confidence {
        c if c >= 0.95 => "Very sure",
        c if c >= 0.8 => "Fairly sure",
        c if c >= crate::UNSURE_BELOW => "Leaning",
        _ => "Unsure",
    }
}

#[cfg(test)]
mod tests {
    use crate::{DigitReading, Doubt, NumberReading, Prediction};

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

    #[test]
    fn a_scribble_shows_no_digit_and_a_close_call_names_two() {
        let scribble = Prediction { unsure: true, doubt: Some(Doubt::TooMuchInk), runner_up: Some(3), ..seven() };
        assert_eq!(scribble.shown_digit(), None);
        assert_eq!(scribble.words(), "Unsure");
        assert!(scribble.announcement().contains("scribble"));
        let close = Prediction { unsure: true, doubt: Some(Doubt::NoClearWinner), runner_up: Some(1), ..seven() };
        assert_eq!(close.shown_digit(), Some(7));
        assert_eq!(close.announcement(), "Unsure: maybe 7 or 1");
        assert_eq!(seven().announcement(), "7, very sure, 99 percent");
    }

    #[test]
    fn a_number_shows_question_marks_for_marks_that_are_not_digits() {
        let one = Prediction { digit: 1, ..seven() };
        let dot = Prediction { unsure: true, doubt: Some(Doubt::TooLittleInk), ..seven() };
        assert_eq!(reading(vec![one.clone(), seven()]).announcement(), "The number 17");
        let doubtful = reading(vec![one, dot, seven()]);
        assert_eq!(doubtful.shown_number(), "1?7");
        assert_eq!(doubtful.announcement(), "Unsure: maybe the number 1?7. That looks like a dot, not a digit. Draw it larger.");
        assert_eq!(doubtful.doubt(), Some(Doubt::TooLittleInk));
        assert_eq!(doubtful.digit(9).unwrap().digit, 7, "an out-of-range choice shows the last digit");
    }

    #[test]
    fn a_picture_without_digits_says_so() {
        let nothing = NumberReading::nothing(1, 1, "No digits found in this picture.");
        assert!(nothing.announcement().contains("No digits"));
        assert_eq!(nothing.digit(0), None);
    }

    #[test]
    fn a_page_of_lines_is_shown_one_number_per_line() {
        let page = NumberReading { lines: vec!["12".into(), "345".into()], ..reading(vec![seven(); 5]) };
        assert_eq!(page.shown_number(), "77\n777");
        assert_eq!(page.announcement(), "2 lines: 12, then 345");
        let mismatched = NumberReading { lines: vec!["1".into(), "2".into()], ..reading(vec![seven(); 3]) };
        assert_eq!(mismatched.shown_number(), "777");
    }

    #[test]
    fn confidence_in_words() {
        assert_eq!(super::confidence_words(0.99), "Very sure");
        assert_eq!(super::confidence_words(0.5), "Unsure");
    }
}
