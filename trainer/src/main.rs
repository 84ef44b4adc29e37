//! `trainer`: trains the digit CNN and exports it to ONNX; also checks ONNX Runtime parity.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use recognizer::mnist::{self, Part};
use trainer::train::{train, TrainConfig};
use trainer::{data, onnx_export, parity};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "trainer", version, about = "Trains the Digit Recognizer CNN on MNIST and exports ONNX")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Trains the model and writes the ONNX file and a JSON training report beside it.
    Train {
        /// MNIST folder (default: $MNIST_DIR, else ../shared/datasets/mnist).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Download the four MNIST files into the data folder first, verifying their SHA-256.
        #[arg(long)]
        download: bool,
        #[arg(long, default_value_t = 14)]
        epochs: usize,
        #[arg(long, default_value_t = 128)]
        batch_size: usize,
        #[arg(long, default_value_t = 3e-3)]
        learning_rate: f64,
        #[arg(long, default_value_t = 1e-2)]
        weight_decay: f64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Decay of the moving average of the weights that is validated and exported.
        #[arg(long, default_value_t = 0.999)]
        weight_average: f64,
        /// Training images held out for validation.
        #[arg(long, default_value_t = 5000)]
        validation: usize,
        /// Smoke run for CI: 3 000 images, one epoch.
        #[arg(long)]
        quick: bool,
        /// Turn augmentation off.
        #[arg(long)]
        no_augment: bool,
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        out: PathBuf,
    },
    /// Compares ONNX Runtime's logits with candle's on the first N MNIST test images.
    Parity {
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        model: PathBuf,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
}

fn main() -> Result<()> {
    // Keep freed pages mapped (mimalloc's purge_delay = -1): re-faulting fresh pages every step cost
    // a fifth of the training time.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    match Cli::parse().command {
        Command::Train {
            data: dir, download, epochs, batch_size, learning_rate, weight_decay, seed, weight_average, validation, quick, no_augment, out,
        } => {
            let dir = data::data_dir(dir);
            if download {
                data::download(&dir)?;
            }
            let config = TrainConfig {
                epochs: if quick { 1 } else { epochs },
                batch_size,
                learning_rate,
                weight_decay,
                seed,
                validation: if quick { 1000 } else { validation },
                limit: quick.then_some(3000),
                augment: !no_augment,
                weight_average_decay: weight_average,
            };
            let split = mnist::load_split(&dir, Part::Train)
                .with_context(|| "reading MNIST (use --data DIR, MNIST_DIR, or --download)")?;
            eprintln!("training on {} with {:?}", dir.display(), config);
            let started = Instant::now();
            let trained = train(&config, &split)?;
            let seconds = started.elapsed().as_secs_f64();
            let doc = format!("Digit Recognizer CNN. Input `image` float32 [N,1,28,28], 0..1, ink = 1. Output `logits` float32 [N,10]. Trained {} epochs, seed {}.", config.epochs, config.seed);
            onnx_export::write(&onnx_export::export(&trained.net, &doc)?, &out)?;
            let report = serde_json::json!({
                "config": config,
                "epochs": trained.history,
                "wall_seconds": seconds,
                "threads": rayon::current_num_threads(),
                "command": std::env::args().collect::<Vec<_>>().join(" "),
            });
            let report_path = out.with_extension("training.json");
            std::fs::write(&report_path, serde_json::to_string_pretty(&report)?)?;
            eprintln!("wrote {} and {} after {:.0} s", out.display(), report_path.display(), seconds);
        }
        Command::Parity { model, data: dir, count } => {
            let test = mnist::load_split(&data::data_dir(dir), Part::Test)?;
            let result = parity::compare(&model, &test, count)?;
            println!(
                "{} images: max |candle - ort| logit difference {:.2e}, argmax disagreements {}",
                result.images, result.max_abs_difference, result.argmax_disagreements
            );
            if result.max_abs_difference > 1e-4 || result.argmax_disagreements > 0 {
                anyhow::bail!("parity check failed");
            }
        }
    }
    Ok(())
}
