//! `digits eval`: the model on the MNIST test set: accuracy, per-class accuracy, calibration, confusion, speed.

use std::io::Write;
use std::path::{Path, PathBuf};

use handwriting::evaluation::evaluate;
use handwriting::mnist::{self, Part};
use indicatif::{ProgressBar, ProgressStyle};
use recognizer::classifier::default_model_path;
use recognizer::Classifier;

pub fn run(mnist_dir: &Path, model: Option<PathBuf>, batch: usize, threads: usize, limit: Option<usize>) -> anyhow::Result<()> {
    let model = model.unwrap_or_else(default_model_path);
    let test = mnist::load_split(mnist_dir, Part::Test)?;
    let classifier = Classifier::load_with_threads(&model, threads)?;
    let total = limit.unwrap_or(test.len()).min(test.len());
    let bar = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template("{spinner} evaluating [{bar:40}] {pos}/{len} {per_sec} {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let result = evaluate(&classifier, &test, limit, batch, |done| bar.set_position(done as u64))?;
    bar.finish_and_clear();
    let mut out = std::io::stdout().lock();
    writeln!(out, "model:     {}", model.display())?;
    writeln!(out, "images:    {}", result.total())?;
    writeln!(out, "accuracy:  {:.2} % ({} / {})", 100.0 * result.accuracy(), result.correct(), result.total())?;
    writeln!(out, "ECE:       {:.4}", result.calibration_error)?;
    writeln!(out, "speed:     {:.0} images/s (batch {batch})", result.images_per_second())?;
    writeln!(out, "\nper-class accuracy:")?;
    for digit in 0..10 {
        writeln!(out, "  {digit}: {:.2} %", 100.0 * result.class_accuracy(digit))?;
    }
    writeln!(out, "\nconfusion matrix (rows: truth, columns: prediction):\n{}", result.confusion_table())?;
    Ok(())
}
