//! "Correct it" and "Right": what the person typed, checked before it is sent, and the words the result
//! shows once a correction or confirmation is saved. Pure logic, tested natively.

use protocol::{KeptReading, NumberReading, SamplesMoved};

/// What the person says the reading should have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// One digit of a number: the chosen chip's.
    Digit { position: usize, digit: u8 },
    /// The whole number, as many digits as were read.
    Number(String),
}

/// Reads what was typed for a reading of `count` digits, `selected` the chosen chip: all the digits, or (for
/// a number) one digit for the chosen chip. Spaces and separators between digits are allowed.
pub fn correction(typed: &str, count: usize, selected: usize) -> Result<Correction, String> {
    if typed.chars().any(|c| !(c.is_ascii_digit() || c.is_whitespace() || ".,-/".contains(c))) {
        return Err("Type digits only, 0 to 9.".into());
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    match (digits.len(), count) {
        (0, _) => Err(if count == 1 { "Type the right digit first." } else { "Type the right number first." }.into()),
        (typed, count) if typed == count => Ok(Correction::Number(digits)),
        (1, count) if count > 1 => {
            Ok(Correction::Digit { position: selected.min(count - 1), digit: digits.as_bytes()[0] - b'0' })
        }
        (_, 1) => Err("Type one digit, 0 to 9.".into()),
        (_, count) => Err(format!("Type all {count} digits, or one for the chosen digit.")),
    }
}

/// The digits as read, for the field to start from ("12 345" is "12345").
pub fn read_digits(reading: &NumberReading) -> String {
    reading.digits.iter().map(|d| char::from(b'0' + d.prediction.digit)).collect()
}

/// "Right" is offered only when every mark was read as a digit: a "?" cannot be confirmed, only corrected.
pub fn can_confirm(reading: &NumberReading) -> bool {
    !reading.digits.is_empty() && reading.digits.iter().all(|d| d.prediction.shown_digit().is_some())
}

/// The field's label.
pub fn field_label(count: usize) -> &'static str {
    if count == 1 { "The right digit" } else { "The right number" }
}

/// Under the field, for a number: which digit one typed digit corrects.
pub fn field_hint(count: usize, selected: usize) -> Option<String> {
    (count > 1).then(|| format!("All {count} digits, or one for digit {} (choose it above).", selected.min(count - 1) + 1))
}

fn samples(n: u32) -> String {
    if n == 1 { "1 sample".into() } else { format!("{n} samples") }
}

/// "Corrected to 17 · saved as 2 samples", "Confirmed · saved as 1 sample"; `None` before either.
pub fn status_words(kept: &KeptReading) -> Option<String> {
    if kept.samples == 0 {
        return None;
    }
    let saved = samples(kept.samples);
    Some(match &kept.corrected {
        Some(number) => format!("Corrected to {number} \u{b7} saved as {saved}"),
        None => format!("Confirmed right \u{b7} saved as {saved}"),
    })
}

/// The count the app shows: "No labelled samples yet", "1 labelled sample", "23 labelled samples".
pub fn sample_count_words(count: u32) -> String {
    match count {
        0 => "No labelled samples yet".into(),
        1 => "1 labelled sample".into(),
        n => format!("{n} labelled samples"),
    }
}

/// After an export: how many and where.
pub fn exported_words(moved: &SamplesMoved) -> String {
    format!("{} exported to {}.", capitalised(&samples(moved.count)), moved.folder)
}

/// After an import: how many were added, and how many were already here.
pub fn imported_words(moved: &SamplesMoved) -> String {
    let added = capitalised(&samples(moved.count));
    match (moved.count, moved.skipped) {
        (0, 1) => "No new samples: the one in the folder is already here.".into(),
        (0, skipped) => format!("No new samples: all {skipped} in the folder are already here."),
        (_, 0) => format!("{added} imported."),
        (_, 1) => format!("{added} imported; 1 was already here."),
        (_, skipped) => format!("{added} imported; {skipped} were already here."),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Said once "Delete all my data" is done.
pub const ALL_DELETED: &str = "All your data is deleted: the history, the samples, your model, the settings and the logs.";

#[cfg(test)]
mod tests {
    use protocol::{DigitReading, Doubt, Prediction};

    use super::*;

    fn reading(digits: &[(u8, bool)]) -> NumberReading {
        let digits = digits
            .iter()
            .map(|&(digit, scribble)| DigitReading {
                prediction: Prediction {
                    digit,
                    confidence: 0.9,
                    probabilities: [0.0; 10],
                    unsure: scribble,
                    doubt: scribble.then_some(Doubt::TooMuchInk),
                    runner_up: None,
                    model_input: Vec::new(),
                },
                bbox: [0, 0, 1, 1],
            })
            .collect();
        NumberReading { number: String::new(), lines: Vec::new(), unsure: false, digits, message: None, width: 1, height: 1 }
    }

    #[test]
    fn the_whole_number_or_one_digit_for_the_chosen_chip() {
        assert_eq!(correction("174", 3, 0), Ok(Correction::Number("174".into())));
        assert_eq!(correction(" 1.7 4 ", 3, 0), Ok(Correction::Number("174".into())), "separators are allowed");
        assert_eq!(correction("4", 3, 2), Ok(Correction::Digit { position: 2, digit: 4 }));
        assert_eq!(correction("4", 3, 9), Ok(Correction::Digit { position: 2, digit: 4 }), "a stale choice is the last digit");
        assert_eq!(correction("8", 1, 0), Ok(Correction::Number("8".into())));
        assert_eq!(correction("17", 3, 0), Err("Type all 3 digits, or one for the chosen digit.".into()));
        assert_eq!(correction("17", 1, 0), Err("Type one digit, 0 to 9.".into()));
        assert_eq!(correction("", 1, 0), Err("Type the right digit first.".into()));
        assert_eq!(correction("seven", 1, 0), Err("Type digits only, 0 to 9.".into()));
    }

    #[test]
    fn a_question_mark_can_be_corrected_but_not_confirmed() {
        assert!(can_confirm(&reading(&[(1, false), (7, false)])));
        assert!(!can_confirm(&reading(&[(1, false), (7, true)])));
        assert!(!can_confirm(&reading(&[])));
        assert_eq!(read_digits(&reading(&[(1, false), (7, true)])), "17");
        assert_eq!(field_hint(3, 1).as_deref(), Some("All 3 digits, or one for digit 2 (choose it above)."));
        assert_eq!(field_hint(1, 0), None);
    }

    #[test]
    fn what_was_saved_is_said_in_words() {
        assert_eq!(status_words(&KeptReading::new(1)), None);
        let corrected = KeptReading { id: 1, corrected: Some("17".into()), samples: 2 };
        assert_eq!(status_words(&corrected).as_deref(), Some("Corrected to 17 \u{b7} saved as 2 samples"));
        let confirmed = KeptReading { id: 1, corrected: None, samples: 1 };
        assert_eq!(status_words(&confirmed).as_deref(), Some("Confirmed right \u{b7} saved as 1 sample"));
        assert_eq!(sample_count_words(0), "No labelled samples yet");
        assert_eq!(sample_count_words(1), "1 labelled sample");
        assert_eq!(sample_count_words(23), "23 labelled samples");
    }

    #[test]
    fn exports_and_imports_say_how_many_and_where() {
        let moved = |count, skipped| SamplesMoved { count, skipped, folder: "/home/me/digit-samples".into(), sample_count: 9 };
        assert_eq!(exported_words(&moved(23, 0)), "23 samples exported to /home/me/digit-samples.");
        assert_eq!(imported_words(&moved(1, 0)), "1 sample imported.");
        assert_eq!(imported_words(&moved(20, 3)), "20 samples imported; 3 were already here.");
        assert_eq!(imported_words(&moved(0, 1)), "No new samples: the one in the folder is already here.");
    }
}
