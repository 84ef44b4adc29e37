//! `digits`: the Digit Recognizer command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use handwriting::mnist;

mod bench;
mod eval;
mod predict;
mod robustness;
mod synth;

#[derive(Parser)]
#[command(name = "digits", version, about = "Reads handwritten digits with the Digit Recognizer model")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads the number in each image file (PNG, JPEG, GIF, BMP, WebP, TIFF, ICO, PNM), and in every image
    /// file under the folders given.
    ///
    /// Folders are walked recursively for files with an image extension (any case), in sorted order; a file
    /// named explicitly is read whatever its extension. Results come out in the order of that list, whatever
    /// --jobs is. With --output, JSON lines go to the file with a progress bar on stderr, and --resume carries
    /// on after an interrupted run: the files already in the output are skipped and the rest appended.
    Predict {
        /// One JSON object per file and line: {"file", "number", "lines", "unsure", "digits": [{"digit",
        /// "confidence", "probabilities", "bbox", "unsure", "doubt", "reason"}]}, or {"file", "error", "kind"}.
        /// A path that is not UTF-8 is written with `\xNN` for its other bytes and `\\` for backslashes, and
        /// the line has "file_escaped": true.
        #[arg(long)]
        json: bool,
        /// With each failure, its technical detail (the decoder's own words; "detail" in JSON).
        #[arg(long, short = 'v')]
        verbose: bool,
        /// The .onnx model (default: models/digits-cnn.onnx).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Files read at once, each worker thread with its own copy of the model (default: the number of
        /// cores).
        #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Write the JSON lines (as --json prints them) to FILE, one line per file, each written whole. An
        /// existing FILE is refused unless --resume is given.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// With --output: keep the lines already in FILE, skip their files and append the others (a partial
        /// last line left by a kill is dropped and its file read again).
        #[arg(long, requires = "output")]
        resume: bool,
        /// Image files and folders.
        #[arg(required = true, value_name = "PATH")]
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
        /// Run only this class (repeatable); also the rows beyond the suite (unipen-felt-tip, crop-felt-tip).
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
    match run(Cli::parse()) {
        Ok(code) => code,
        // Whatever read the output stopped reading (`digits eval | head`): the rest is not wanted.
        Err(err) if stopped_reading(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn stopped_reading(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Predict { json, verbose, model, jobs, output, resume, files } => {
            let jobs = jobs.map_or(0, usize::from);
            predict::predict(predict::Options { json, verbose, model, jobs, output, resume, paths: files })
        }
        Command::Synth { out, mnist, count, seed } => {
            synth::write_samples(&out, &mnist.unwrap_or_else(mnist::default_dir), count, seed)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Robustness { samples, seed, model, mnist, unipen, classes, save, save_count, json } => {
            let options = robustness::Options { samples, seed, model, mnist, unipen, classes, save, save_count, json };
            robustness::run(options).context("the robustness suite")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { mnist, model, batch, threads, limit } => {
            eval::run(&mnist.unwrap_or_else(mnist::default_dir), model, batch, threads, limit)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { mnist, model, calls } => {
            bench::run(&mnist.unwrap_or_else(mnist::default_dir), model, calls)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
