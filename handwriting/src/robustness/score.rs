//! Runs a class through the recognizer and scores it: digit rows by the exact reading, non-digit rows by
//! how often the answer is Unsure. One thread, in order, so the figures are repeatable.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use super::{Case, Class, Expected, Input, Kind, Sources, SuiteError};
use recognizer::preprocess::PreprocessError;
use recognizer::{NumberReading, ReadError, Recognizer};

/// One row of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub class: &'static str,
    pub kind: Kind,
    pub samples: usize,
    /// Digit rows: readings that are exactly the expected digits. Non-digit rows: readings that are unsure.
    pub passed: usize,
    /// Readings marked unsure (or empty, or refused).
    pub unsure: usize,
    /// Digits found in all readings, and those of them marked unsure: a number of six digits is unsure when
    /// any one of them is, so on number rows this is the share the "real digits marked Unsure" means.
    pub digits_read: usize,
    pub unsure_digits: usize,
    /// Digit rows: readings with more or fewer digits than expected (a digit split in two, or not found).
    pub wrong_length: usize,
    /// Wrong readings and how often each came back, e.g. `"1→7"` (a 1 read as 7) ×212; non-digit rows list
    /// the confident readings, e.g. `"8"`.
    pub misses: BTreeMap<String, usize>,
    pub seconds: f64,
}

impl Row {
    /// The row's score in percent: right for digit rows, Unsure for non-digit rows.
    pub fn rate(&self) -> f64 {
        100.0 * self.passed as f64 / self.samples.max(1) as f64
    }

    pub fn unsure_rate(&self) -> f64 {
        100.0 * self.unsure as f64 / self.samples.max(1) as f64
    }

    pub fn unsure_digit_rate(&self) -> f64 {
        100.0 * self.unsure_digits as f64 / self.digits_read.max(1) as f64
    }

    pub fn wrong_length_rate(&self) -> f64 {
        100.0 * self.wrong_length as f64 / self.samples.max(1) as f64
    }

    /// The most frequent misses, most frequent first.
    pub fn top_misses(&self, count: usize) -> Vec<(&str, usize)> {
        let mut misses: Vec<(&str, usize)> = self.misses.iter().map(|(k, &v)| (k.as_str(), v)).collect();
        misses.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        misses.truncate(count);
        misses
    }
}

/// What one case came to.
pub struct Outcome {
    pub passed: bool,
    pub unsure: bool,
    /// The reading in short: `"7"`, `"17?"` (unsure), `"-"` (nothing), `"no ink"`.
    pub shown: String,
    /// Digits read (0 when nothing was).
    pub digits: usize,
    /// Of those, the digits marked unsure.
    pub unsure_digits: usize,
}

/// Reads one case and scores it.
pub fn judge(recognizer: &Recognizer, case: &Case) -> Outcome {
    let result: Result<NumberReading, ReadError> = match &case.input {
        Input::Canvas { grey, width, height } => recognizer.read_canvas_grey(grey, *width, *height),
        Input::Picture(image) => recognizer.read_image(image),
    };
    let digits = result.as_ref().map_or(0, |r| r.digits.len());
    let unsure_digits = result.as_ref().map_or(0, |r| r.digits.iter().filter(|d| d.prediction.unsure).count());
    let (unsure, shown, number) = match &result {
        Ok(reading) if reading.digits.is_empty() => (true, "-".to_string(), None),
        Ok(reading) => {
            let mark = if reading.unsure { "?" } else { "" };
            (reading.unsure, format!("{}{mark}", reading.number), Some(reading.number.as_str()))
        }
        Err(ReadError::Pixels(PreprocessError::NoInk)) => (true, "no ink".to_string(), None),
        Err(other) => (true, format!("error: {other}"), None),
    };
    let passed = match &case.expected {
        Expected::Number(expected) => number == Some(expected.as_str()),
        Expected::Unsure => unsure,
    };
    Outcome { passed, unsure, shown, digits, unsure_digits }
}

/// Runs cases `0..samples` of `class`; `each` sees every case with its outcome (to save pictures).
pub fn run_class(
    recognizer: &Recognizer,
    sources: &Sources,
    class: &Class,
    seed: u64,
    samples: usize,
    mut each: impl FnMut(usize, &Case, &Outcome),
) -> Result<Row, SuiteError> {
    let start = Instant::now();
    let mut row =
        Row { class: class.name, kind: class.kind, samples, passed: 0, unsure: 0, digits_read: 0, unsure_digits: 0, wrong_length: 0, misses: BTreeMap::new(), seconds: 0.0 };
    for index in 0..samples {
        let case = class.sample(sources, seed, index)?;
        let outcome = judge(recognizer, &case);
        row.passed += outcome.passed as usize;
        row.unsure += outcome.unsure as usize;
        row.digits_read += outcome.digits;
        row.unsure_digits += outcome.unsure_digits;
        if let Expected::Number(expected) = &case.expected {
            row.wrong_length += (outcome.digits != expected.chars().filter(char::is_ascii_digit).count()) as usize;
        }
        if !outcome.passed {
            let key = match &case.expected {
                Expected::Number(expected) => format!("{expected}→{}", outcome.shown),
                Expected::Unsure => outcome.shown.clone(),
            };
            *row.misses.entry(key).or_default() += 1;
        }
        each(index, &case, &outcome);
    }
    row.seconds = start.elapsed().as_secs_f64();
    Ok(row)
}

/// The rows as a Markdown table.
pub fn format_table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| class | samples | right % (Unsure % for non-digits) | Unsure % | Unsure digits % | wrong digit count % | most frequent misses |\n",
    );
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for row in rows {
        let misses: Vec<String> = row.top_misses(4).iter().map(|(shown, n)| format!("\"{shown}\" ×{n}")).collect();
        let (rate, unsure_digits, length) = match row.kind {
            Kind::Digits => {
                (format!("{:.1}", row.rate()), format!("{:.1}", row.unsure_digit_rate()), format!("{:.1}", row.wrong_length_rate()))
            }
            Kind::NonDigits => (format!("{:.1} (unsure)", row.rate()), "–".to_string(), "–".to_string()),
        };
        let (class, samples, unsure) = (row.class, row.samples, row.unsure_rate());
        out.push_str(&format!(
            "| {class} | {samples} | {rate} | {unsure:.1} | {unsure_digits} | {length} | {} |\n",
            misses.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_rows_and_their_worst_misses() {
        let mut misses = BTreeMap::new();
        misses.insert("1→7".to_string(), 30);
        misses.insert("1→4?".to_string(), 2);
        let row =
            Row { class: "pen-1-european", kind: Kind::Digits, samples: 100, passed: 60, unsure: 5, digits_read: 98, unsure_digits: 5, wrong_length: 3, misses, seconds: 0.1 };
        let table = format_table(&[row]);
        assert!(table.contains("| pen-1-european | 100 | 60.0 | 5.0 | 5.1 | 3.0 | \"1→7\" ×30, \"1→4?\" ×2 |"), "{table}");
    }

    #[test]
    fn a_number_with_one_unsure_digit_counts_that_digit_alone() {
        let row = Row {
            class: "unipen-date",
            kind: Kind::Digits,
            samples: 10,
            passed: 9,
            unsure: 2,
            digits_read: 60,
            unsure_digits: 2,
            wrong_length: 0,
            misses: BTreeMap::new(),
            seconds: 0.1,
        };
        assert_eq!(row.unsure_rate(), 20.0);
        assert!((row.unsure_digit_rate() - 100.0 * 2.0 / 60.0).abs() < 1e-9);
    }
}
