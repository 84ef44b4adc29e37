//! `digits`: the Digit Recognizer command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use recognizer::classifier::default_model_path;
use recognizer::evaluation::evaluate;
use recognizer::mnist::{self, Part};
use recognizer::{Classifier, RecognizerError};

#[derive(Parser)]
#[command(name = "digits", version, about = "Reads handwritten digits with the Digit Recognizer model")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scores the model on the MNIST test set: accuracy, per-class accuracy, confusion matrix, speed.
    Eval {
        /// Folder with the MNIST IDX files (default: $MNIST_DIR, else ../shared/datasets/mnist).
        #[arg(long)]
        mnist: Option<PathBuf>,
        /// The .onnx model (default: models/digits-cnn.onnx).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Images per inference call.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Inference threads (0 = ONNX Runtime's choice).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Only the first N test images.
        #[arg(long)]
        limit: Option<usize>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), RecognizerError> {
    match cli.command {
        Command::Eval { mnist, model, batch, threads, limit } => {
            let dir = mnist.unwrap_or_else(mnist::default_dir);
            let model = model.unwrap_or_else(default_model_path);
            let test = mnist::load_split(&dir, Part::Test)?;
            let classifier = Classifier::load_with_threads(&model, threads)?;
            let total = limit.unwrap_or(test.len()).min(test.len());
            let bar = ProgressBar::new(total as u64).with_style(
                ProgressStyle::with_template("{spinner} evaluating [{bar:40}] {pos}/{len} {per_sec} {eta}")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            let result = evaluate(&classifier, &test, limit, batch, |done| bar.set_position(done as u64))?;
            bar.finish_and_clear();
            println!("model:     {}", model.display());
            println!("images:    {}", result.total());
            println!(
                "accuracy:  {:.2} % ({} / {})",
                100.0 * result.accuracy(),
                result.correct(),
                result.total()
            );
            println!("ECE:       {:.4}", result.calibration_error);
            println!("speed:     {:.0} images/s (batch {batch})", result.images_per_second());
            println!("\nper-class accuracy:");
            for digit in 0..10 {
                println!("  {digit}: {:.2} %", 100.0 * result.class_accuracy(digit));
            }
            println!("\nconfusion matrix (rows: truth, columns: prediction):\n{}", result.confusion_table());
            Ok(())
        }
    }
}
