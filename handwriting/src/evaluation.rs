//! Accuracy, confusion matrix and calibration of a classifier on a labelled split.

use std::time::Instant;

use crate::mnist::{Split, PIXELS};
use recognizer::{Classifier, ModelError};

/// Bins used for the expected calibration error.
const CALIBRATION_BINS: usize = 15;

#[derive(Debug, Clone)]
pub struct Evaluation {
    /// `confusion[truth][predicted]`.
    pub confusion: [[u32; 10]; 10],
    pub seconds: f64,
    /// Expected calibration error (15 equal-width confidence bins).
    pub calibration_error: f64,
}

impl Evaluation {
    pub fn total(&self) -> u32 {
        self.confusion.iter().flatten().sum()
    }

    pub fn correct(&self) -> u32 {
        (0..10).map(|d| self.confusion[d][d]).sum()
    }

    pub fn accuracy(&self) -> f64 {
        self.correct() as f64 / self.total().max(1) as f64
    }

    /// Accuracy on the images whose true label is `digit`.
    pub fn class_accuracy(&self, digit: usize) -> f64 {
        let row: u32 = self.confusion[digit].iter().sum();
        self.confusion[digit][digit] as f64 / row.max(1) as f64
    }

    pub fn images_per_second(&self) -> f64 {
        self.total() as f64 / self.seconds.max(1e-9)
    }

    /// The confusion matrix as an aligned text table.
    pub fn confusion_table(&self) -> String {
        let mut out = String::from("truth\\pred");
        for d in 0..10 {
            out += &format!("{d:>6}");
        }
        out.push('\n');
        for (truth, row) in self.confusion.iter().enumerate() {
            out += &format!("{truth:>10}");
            for count in row {
                out += &format!("{count:>6}");
            }
            out.push('\n');
        }
        out
    }
}

/// Classifies the first `limit` images of `split` (all when `None`) in batches and scores the answers.
/// `progress` is called with the number of images done after each batch.
pub fn evaluate(
    classifier: &Classifier,
    split: &Split,
    limit: Option<usize>,
    batch_size: usize,
    mut progress: impl FnMut(usize),
) -> Result<Evaluation, ModelError> {
    let count = limit.unwrap_or(split.len()).min(split.len());
    let mut confusion = [[0u32; 10]; 10];
    let mut bins = [(0.0f64, 0u32); CALIBRATION_BINS]; // (confidence sum, correct)
    let started = Instant::now();
    let mut done = 0;
    while done < count {
        let end = (done + batch_size.max(1)).min(count);
        let input: Vec<f32> = split.pixels[done * PIXELS..end * PIXELS]
            .iter()
            .map(|&p| p as f32 / 255.0)
            .collect();
        for (scores, &truth) in classifier.classify_batch(&input)?.iter().zip(&split.labels[done..end]) {
            let predicted = scores.digit();
            confusion[truth as usize][predicted as usize] += 1;
            let confidence = scores.confidence() as f64;
            let bin = ((confidence * CALIBRATION_BINS as f64) as usize).min(CALIBRATION_BINS - 1);
            bins[bin].0 += confidence;
            bins[bin].1 += (predicted == truth) as u32;
        }
        done = end;
        progress(done);
    }
    // ECE = Σ over bins |Σ confidence − Σ correct| / N.
    let calibration_error = bins
        .iter()
        .map(|&(confidence, correct)| (confidence - correct as f64).abs())
        .sum::<f64>()
        / count.max(1) as f64;
    Ok(Evaluation {
        confusion,
        seconds: started.elapsed().as_secs_f64(),
        calibration_error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accuracy_and_class_accuracy_come_from_the_confusion_matrix() {
        let mut confusion = [[0u32; 10]; 10];
        confusion[1][1] = 9;
        confusion[1][7] = 1;
        confusion[7][7] = 10;
        let e = Evaluation { confusion, seconds: 2.0, calibration_error: 0.0 };
        assert_eq!(e.total(), 20);
        assert!((e.accuracy() - 0.95).abs() < 1e-12);
        assert!((e.class_accuracy(1) - 0.9).abs() < 1e-12);
        assert!((e.images_per_second() - 10.0).abs() < 1e-12);
        assert!(e.confusion_table().lines().nth(2).unwrap().trim_start().starts_with('1'));
    }
}
