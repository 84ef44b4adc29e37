//! `digits`: the Digit Recognizer command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use recognizer::classifier::default_model_path;
use recognizer::evaluation::evaluate;
use recognizer::mnist::{self, Part};
use recognizer::benchmark::{time_calls, Timing};
use recognizer::recognize::Recognizer;
use recognizer::{Classifier, RecognizerError};

mod predict;
mod robustness;
mod synth;

use predict::predict;

#[derive(Parser)]
#[command(name = "digits", version, about = "Reads handwritten digits with the Digit Recognizer model")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads the number in each image file (PNG, JPEG, GIF, BMP, WebP, TIFF, ICO, PNM).
    Predict {
        /// One JSON object per file and line: {"file", "number", "unsure", "digits": [{"digit", "confidence",
        /// "probabilities", "bbox"}]}, or {"file", "error"}.
        #[arg(long)]
        json: bool,
        /// The .onnx model (default: models/digits-cnn.onnx).
        #[arg(long)]
        model: Option<PathBuf>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Writes seeded synthetic test pictures made from MNIST test digits: phone photos and canvas drawings.
    Synth {
        /// Folder to write the PNG/JPEG files and labels.csv into.
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        mnist: Option<PathBuf>,
        /// Pictures of each kind.
        #[arg(long, default_value_t = 20)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
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
    /// The robustness suite: handwriting unlike MNIST (other pens, European 1s, crossed 7s, tight crops, real
    /// pen digits from held-out UNIPEN sites) and non-digits that must come back Unsure; prints a table.
    Robustness {
        /// Cases per class.
        #[arg(long, default_value_t = 500)]
        samples: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The .onnx model (default: models/digits-cnn.onnx).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Folder with the MNIST IDX files (default: $MNIST_DIR, else ../shared/datasets/mnist).
        #[arg(long)]
        mnist: Option<PathBuf>,
        /// The unipen-1a folder (default: $UNIPEN_DIR, else ../shared/datasets/unipen-1a).
        #[arg(long)]
        unipen: Option<PathBuf>,
        /// Run only this class (repeatable).
        #[arg(long = "class")]
        classes: Vec<String>,
        /// Write the first pictures of each class here as PNGs, named with what they were read as.
        #[arg(long)]
        save: Option<PathBuf>,
        /// Pictures of each class to save.
        #[arg(long, default_value_t = 12)]
        save_count: usize,
        /// Print the rows as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Times inference on one CPU thread: one 28×28 image per call, and the full canvas path
    /// (140×140 grey bytes → segmentation → preprocessing → model, as the app reads its canvas).
    Bench {
        #[arg(long)]
        mnist: Option<PathBuf>,
        #[arg(long)]
        model: Option<PathBuf>,
        /// Timed calls per figure.
        #[arg(long, default_value_t = 2000)]
        calls: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Predict { json, model, files } = &cli.command {
        return predict(*json, model.clone(), files);
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), RecognizerError> {
    match cli.command {
        Command::Predict { .. } => unreachable!("handled in main"),
        Command::Synth { out, mnist, count, seed } => {
            synth::write_samples(&out, &mnist.unwrap_or_else(mnist::default_dir), count, seed)
                .map_err(|e| RecognizerError::BadInput(e.to_string()))
        }
        Command::Robustness { samples, seed, model, mnist, unipen, classes, save, save_count, json } => {
            let options = robustness::Options { samples, seed, model, mnist, unipen, classes, save, save_count, json };
            robustness::run(options).map_err(|e| RecognizerError::BadInput(e.to_string()))
        }
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
        Command::Bench { mnist, model, calls } => {
            let test = mnist::load_split(&mnist.unwrap_or_else(mnist::default_dir), Part::Test)?;
            let model = model.unwrap_or_else(default_model_path);
            let classifier = Classifier::load_with_threads(&model, 1)?;
            let images: Vec<Vec<f32>> = (0..test.len().min(500)).map(|i| test.image_f32(i)).collect();
            let single = time_calls(50, calls, |i| classifier.classify(&images[i % images.len()]).map(drop))?;

            let recognizer = Recognizer::load(&model)?;
            let canvases: Vec<Vec<u8>> = images.iter().take(50).map(|image| canvas_render(image)).collect();
            let canvas = time_calls(20, calls / 4, |i| {
                recognizer.read_canvas_grey(&canvases[i % canvases.len()], CANVAS, CANVAS).map(drop)
            })
            .map_err(|err| RecognizerError::Inference(err.to_string()))?;

            println!("model: {} (1 inference thread)", model.display());
            print_timing("one 28x28 image, model only", &single);
            print_timing("140x140 canvas as the app reads it (segmentation, preprocessing, model)", &canvas);
            Ok(())
        }
    }
}

const CANVAS: u32 = 140;

/// An MNIST digit as the app's canvas would send it: 140×140 grey bytes, dark ink on white.
fn canvas_render(image: &[f32]) -> Vec<u8> {
    let scale = CANVAS as usize / 28;
    (0..(CANVAS * CANVAS) as usize)
        .map(|i| {
            let (x, y) = (i % CANVAS as usize, i / CANVAS as usize);
            255 - (image[(y / scale) * 28 + x / scale] * 255.0) as u8
        })
        .collect()
}

fn print_timing(what: &str, timing: &Timing) {
    println!(
        "{what}: median {:.3} ms, p95 {:.3} ms, mean {:.3} ms over {} calls",
        timing.median.as_secs_f64() * 1e3,
        timing.p95.as_secs_f64() * 1e3,
        timing.mean.as_secs_f64() * 1e3,
        timing.calls
    );
}
