//! `trainer`: trains the digit CNN and exports it to ONNX; also checks ONNX Runtime parity.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use handwriting::mnist::{self, Part};
use indicatif::{ProgressBar, ProgressStyle};
use candle_core::Device;
use handwriting::synthetic::unipen::{self, PenDigit};
use trainer::examples::{Corpus, Mixture};
use trainer::train::{self, train, Progress, TrainConfig, TrainingData};
use trainer::validation::ValidationSets;
use trainer::adapt::{AdaptConfig, Adapter, Checks, Sample};
use trainer::head_tune::{head_tune, HeadTuneConfig};
use handwriting::synthetic::scenes::SceneKind;
use rayon::prelude::*;
use trainer::{adapt_bench, blend, data, general_digits, holdout_scenes, onnx_export, parity, preview};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "trainer", version, about = "Trains the Digit Recognizer CNN on MNIST and exports ONNX")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How training and head tunes write their pen digits and touching pairs (the same flags for both).
#[derive(clap::Args)]
struct WritingStyles {
    /// Fraction of the pen-drawn 1s and 7s given a flag and foot, or a cross bar (European style).
    #[arg(long, default_value_t = 0.35)]
    styles: f64,
    /// Fraction of the non-digits that are two touching digits squeezed into one crop.
    #[arg(long, default_value_t = 0.0)]
    touching_pairs: f64,
    /// Fraction of the pen-drawn 1s written as one straight stroke.
    #[arg(long, default_value_t = 0.0)]
    straight_ones: f64,
    /// Fraction of the pen-drawn 0s struck through (Ø or ϕ).
    #[arg(long, default_value_t = 0.0)]
    slashed_zeros: f64,
    /// The longest flag of a European 1, as a fraction of its height.
    #[arg(long, default_value_t = trainer::styles::LONGEST_FLAG)]
    longest_flag: f32,
    /// Fraction of the slashed 0s whose stroke runs far past the ring (a fifth to three fifths of its height).
    #[arg(long, default_value_t = 0.0)]
    long_zero_slashes: f64,
    /// Fraction of the other non-digits (not touching pairs) that are touching digits cut at the wrong place.
    #[arg(long, default_value_t = 0.0)]
    wrong_cuts: f64,
    /// Fraction of the European 1s whose flag is nearly flat (under 15°), with no foot.
    #[arg(long, default_value_t = 0.0)]
    flat_flags: f64,
    /// Fraction of the pen-drawn digits photographed small and soft (9–32 pixels tall, blurred, noisy) and
    /// read back by the app's photo path.
    #[arg(long, default_value_t = 0.0)]
    photographed: f64,
    /// Fraction of the real pen digits written touching another digit and cut from it down a column that
    /// leaves a piece of the neighbour with them.
    #[arg(long, default_value_t = 0.0)]
    neighboured: f64,
    /// Fraction of the pen-drawn digits joined into one trace of 8–12 points evenly spaced, straight between
    /// (as the UCI pen-based digits keep them, and as a mouse read by few pointer events draws).
    #[arg(long, default_value_t = 0.0)]
    coarse_traces: f64,
}

impl WritingStyles {
    /// `mixture` with these styles.
    fn into_mixture(self, mixture: Mixture) -> Mixture {
        let WritingStyles { styles, touching_pairs, straight_ones, slashed_zeros, longest_flag, long_zero_slashes, wrong_cuts, flat_flags, photographed, neighboured, coarse_traces } = self;
        Mixture { style_fraction: styles, touching_fraction: touching_pairs, straight_ones, slashed_zeros, longest_flag, long_zero_slashes, wrong_cuts, flat_flags, photographed, neighboured, coarse_traces, ..mixture }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Trains the model and writes the ONNX file and a JSON training report beside it.
    Train {
        /// MNIST folder (default: $MNIST_DIR, else ../shared/datasets/mnist, else .datasets/mnist).
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
        /// UNIPEN 1a folder (default: $UNIPEN_DIR, else ../shared/datasets/unipen-1a, else .datasets/unipen-1a).
        #[arg(long)]
        unipen: Option<PathBuf>,
        /// Train on MNIST alone.
        #[arg(long)]
        no_unipen: bool,
        /// Fine-tune from this model's weights instead of starting from random ones.
        #[arg(long)]
        init: Option<PathBuf>,
        /// Fraction of the MNIST images re-drawn from their skeleton with a random pen.
        #[arg(long, default_value_t = 0.4)]
        restroke: f64,
        /// Renderings of each UNIPEN training digit per epoch.
        #[arg(long, default_value_t = 2)]
        pen_copies: usize,
        /// Also show every MNIST training image as it is (undistorted) this many times per epoch.
        #[arg(long, default_value_t = 0)]
        plain_mnist: usize,
        /// Non-digits per epoch, as a fraction of the digits.
        #[arg(long, default_value_t = 0.1)]
        non_digits: f64,
        #[command(flatten)]
        writing: WritingStyles,
        /// With --init: the share of that model's own probabilities in what distorted MNIST images learn.
        #[arg(long, default_value_t = 0.0)]
        distil: f32,
        /// Weight of the non-digit loss.
        #[arg(long, default_value_t = 1.0)]
        non_digit_weight: f64,
        /// Folder for the checkpoint written after every epoch; a run with the same settings resumes from it.
        #[arg(long, default_value = "checkpoints/train")]
        checkpoints: PathBuf,
        /// Ignore any checkpoint and start afresh.
        #[arg(long)]
        fresh: bool,
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        out: PathBuf,
    },
    /// Reads seeded scenes (touching digits, pages, notebook paper, tables, amounts, tight crops) made of MNIST's
    /// hold-out, never of the test set, with a model: the figures to choose settings by.
    Scenes {
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        model: PathBuf,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long, value_delimiter = ',', default_value = "101,102")]
        seeds: Vec<u64>,
        /// Scenes of each kind per seed.
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// Write each scene read wrong to this folder as a PNG named by what it says and what was read.
        #[arg(long)]
        save_misses: Option<PathBuf>,
        /// Scale every picture by this factor before reading it, as a photo taken from farther away or a scan at
        /// a lower resolution gives it (the canvas scenes are left as they are).
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
    },
    /// Writes PNG grids of the training examples of each kind, and how the current model reads each UNIPEN
    /// site upright and flipped.
    Preview {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        unipen: Option<PathBuf>,
        #[arg(long, default_value = "target/training-preview")]
        out: PathBuf,
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        model: PathBuf,
    },
    /// Blends a model with the model fine-tuned from it, weight by weight (WiSE-FT), and scores each blend
    /// on the validation sets (MNIST's hold-out, the validation pen site, generated non-digits).
    Blend {
        /// The model fine-tuning started from.
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        base: PathBuf,
        /// The fine-tuned model.
        #[arg(long)]
        tuned: PathBuf,
        /// The tuned model's shares to try, 0..1, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "0,0.25,0.5,0.75,1")]
        weights: Vec<f64>,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        unipen: Option<PathBuf>,
        /// The training run's seed and hold-out size, which choose the MNIST hold-out.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 5000)]
        validation: usize,
        /// Write the blend (one --weights value) here.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Fine-tunes only the dense head of a model on the general mixture drawn once, with more non-digits
    /// (minutes, not hours), and reports the validation sets before and after.
    HeadTune {
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        base: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        unipen: Option<PathBuf>,
        /// Non-digits, as a fraction of the digits.
        #[arg(long, default_value_t = 0.25)]
        non_digits: f64,
        #[command(flatten)]
        writing: WritingStyles,
        #[arg(long, default_value_t = 1.0)]
        non_digit_weight: f32,
        #[arg(long, default_value_t = 3)]
        epochs: usize,
        #[arg(long, default_value_t = 3e-4)]
        learning_rate: f64,
        /// Share of the base model's own probabilities in what MNIST examples learn.
        #[arg(long, default_value_t = 0.0)]
        distil: f32,
        /// Renderings of each UNIPEN training digit.
        #[arg(long, default_value_t = 2)]
        pen_copies: usize,
        /// The same share for the UNIPEN pen digits.
        #[arg(long, default_value_t = 0.0)]
        distil_pen: f32,
        /// Add every MNIST training image undistorted this many times (learning the base model's probabilities
        /// when distilled).
        #[arg(long, default_value_t = 0)]
        plain_mnist: usize,
        #[arg(long, default_value_t = 99)]
        seed: u64,
    },
    /// Writes the general digits the app packages for learning one person's handwriting (replayed while
    /// learning, and checked after): gzipped IDX files and their SOURCE.md.
    GeneralDigits {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        unipen: Option<PathBuf>,
    },
    /// Learns one person's handwriting from a folder of samples exported by the app (either format) and
    /// writes the personal model if it passes the adoption rule (README: Learning your handwriting).
    Adapt {
        /// The folder the app's "Export samples…" wrote (IDX .gz pair, or png/ with labels.csv).
        #[arg(long)]
        samples: PathBuf,
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        model: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        unipen: Option<PathBuf>,
        /// The packaged general digits (`trainer general-digits`), as the app uses, instead of drawing
        /// them from the datasets.
        #[arg(long)]
        general: Option<PathBuf>,
        /// Folds of the person's samples for the held-out figures.
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Write the model even when the rule refuses it.
        #[arg(long)]
        force: bool,
    },
    /// The writer-adaptation benchmark: every held-out UNIPEN writer with enough digits teaches the model
    /// some of them (only its dense layers learn, with general digits replayed), and the rest are read
    /// before and after.
    AdaptBench {
        #[arg(long, default_value = "models/digits-cnn.onnx")]
        model: PathBuf,
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        unipen: Option<PathBuf>,
        /// Digits each writer teaches.
        #[arg(long, default_value_t = 20)]
        learn: usize,
        /// Writers with fewer digits are left out.
        #[arg(long, default_value_t = 60)]
        least: usize,
        #[arg(long, default_value_t = 150)]
        steps: usize,
        #[arg(long, default_value_t = 1e-3)]
        learning_rate: f64,
        /// The learnt weights' share (the rest is the built-in model's).
        #[arg(long, default_value_t = 1.0)]
        share: f64,
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
            data: dir, download, epochs, batch_size, learning_rate, weight_decay, seed, weight_average, validation, quick,
            no_augment, unipen: unipen_dir, no_unipen, init, restroke, pen_copies, plain_mnist, non_digits, writing, distil, non_digit_weight, checkpoints, fresh, out,
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
                mixture: writing.into_mixture(Mixture { restroke_fraction: restroke, pen_copies, plain_mnist, non_digit_fraction: non_digits, ..Mixture::default() }),
                non_digit_weight,
                init,
                distil,
            };
            let split = mnist::load_split(&dir, Part::Train)
                .with_context(|| "reading MNIST (use --data DIR, MNIST_DIR, --download or scripts/fetch-datasets.sh)")?;
            let (mut pen_train, pen_validation) = if no_unipen { (Vec::new(), Vec::new()) } else { pen_sites(unipen_dir)? };
            if quick {
                pen_train.truncate(500);
            }
            eprintln!(
                "training on {} and {} UNIPEN digits (validating on {}) with {:?}",
                dir.display(), pen_train.len(), pen_validation.len(), config
            );
            let data = TrainingData { mnist: &split, pen: &pen_train, pen_validation: &pen_validation };
            let started = Instant::now();
            let checkpoints = (!fresh && !quick).then_some(checkpoints.as_path());
            let trained = train(&config, &data, checkpoints, &mut progress_bar(config.epochs))?;
            let seconds = started.elapsed().as_secs_f64();
            let doc = model_doc(&format!("Trained {} epochs, seed {}.", config.epochs, config.seed));
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
        Command::Scenes { model, data: dir, seeds, count, save_misses, scale } => {
            if let Some(folder) = &save_misses {
                std::fs::create_dir_all(folder)?;
            }
            let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
            let (_, held_out) = train::hold_out(split.len(), 5000, 42);
            let digits = holdout_scenes::subset(&split, &held_out);
            let kinds = SceneKind::ALL;
            let tallies: Vec<holdout_scenes::Tally> =
                kinds.par_iter().map(|&kind| holdout_scenes::tally(&model, &digits, kind, &seeds, count, scale, save_misses.as_deref())).collect::<Result<_>>()?;
            let at = if scale == 1.0 { String::new() } else { format!(", pictures scaled by {scale}") };
            println!("{} on scenes of MNIST's hold-out, seeds {seeds:?}, {count} each{at}:", model.display());
            for (kind, t) in kinds.iter().zip(tallies) {
                let wrong = t.total - t.right;
                println!(
                    "{:<16} {:>5.1} % exact ({}/{}); Unsure: {} of {wrong} wrong, {} of {} right",
                    format!("{kind:?}"),
                    100.0 * t.right as f64 / t.total as f64,
                    t.right,
                    t.total,
                    t.wrong_unsure,
                    t.right_unsure,
                    t.right
                );
            }
        }
        Command::Preview { data: dir, unipen: unipen_dir, out, model } => {
            let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
            let pen = unipen::load(&unipen_dir.unwrap_or_else(unipen::default_dir))?;
            preview::write_grids(&Corpus::new(&split, &pen, &Mixture::default()), &out, 16, 1)?;
            println!("site   digits  upright  flipped");
            for (site, count, upright, flipped) in preview::site_orientation(&pen, &model)? {
                println!("{site:6} {count:6}  {:6.1} %  {:6.1} %", 100.0 * upright, 100.0 * flipped);
            }
            println!("example grids in {}", out.display());
        }
        Command::Blend { base, tuned, weights, data: dir, unipen: unipen_dir, seed, validation, out } => {
            let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
            let (_, pen_validation) = pen_sites(unipen_dir)?;
            let (training, held_out) = train::hold_out(split.len(), validation, seed);
            let mnist_checks = blend::MnistChecks { split: &split, validation: &held_out, training: &training };
            let checks = ValidationSets::new(&pen_validation, seed);
            let device = Device::Cpu;
            let ((_, base_weights), (_, tuned_weights)) = (blend::load(&base, &device)?, blend::load(&tuned, &device)?);
            println!("| tuned share | MNIST validation | MNIST training | pen validation | pen Unsure | non-digits Unsure | touching pairs Unsure |");
            println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for row in blend::scan(&base_weights, &tuned_weights, &weights, &mnist_checks, &checks, &device)? {
                println!(
                    "| {:.2} | {:.2} % | {:.3} % | {:.2} % | {:.2} % | {:.2} % | {:.2} % |",
                    row.weight,
                    100.0 * row.mnist_validation,
                    100.0 * row.mnist_training,
                    100.0 * row.pen.accuracy,
                    100.0 * row.pen.unsure,
                    100.0 * row.non_digit_unsure,
                    100.0 * row.touching_unsure
                );
            }
            if let Some(out) = out {
                let [weight] = weights[..] else { anyhow::bail!("--out writes one blend: give one --weights value") };
                let (net, varmap) = train::seeded_model(0, &device)?;
                blend::blend(&base_weights, &tuned_weights, weight, &varmap)?;
                let doc = model_doc(&format!("{base:?} and {tuned:?} blended at {weight}."));
                onnx_export::write(&onnx_export::export(&net, &doc)?, &out)?;
                eprintln!("wrote {}", out.display());
            }
        }
        Command::HeadTune { base, out, data: dir, unipen: unipen_dir, non_digits, writing, non_digit_weight, epochs, learning_rate, distil, distil_pen, plain_mnist, pen_copies, seed } => {
            let started = Instant::now();
            let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
            let (pen, pen_validation) = pen_sites(unipen_dir)?;
            let defaults = HeadTuneConfig::default();
            let config = HeadTuneConfig {
                mixture: writing.into_mixture(Mixture { non_digit_fraction: non_digits, pen_copies, plain_mnist, ..defaults.mixture }),
                non_digit_weight,
                epochs,
                learning_rate,
                distil,
                distil_pen,
                seed,
                ..defaults
            };
            let (order, validation) = train::hold_out(split.len(), 5000, 42);
            let checks = ValidationSets::new(&pen_validation, 42);
            let device = Device::Cpu;
            let report = |net: &trainer::model::DigitNet, when: &str| -> Result<()> {
                let pen = checks.pen_scores(net, &device)?;
                println!(
                    "{when}: MNIST hold-out {:.2} %, pen validation {:.2} % ({:.2} % Unsure), non-digits Unsure {:.1} %, touching pairs Unsure {:.1} %",
                    100.0 * train::accuracy(net, &split, &validation, &device)?,
                    100.0 * pen.accuracy,
                    100.0 * pen.unsure,
                    100.0 * checks.non_digit_unsure(net, &device)?,
                    100.0 * checks.touching_unsure(net, &device)?
                );
                Ok(())
            };
            report(&blend::load(&base, &device)?.0, "base")?;
            let corpus = Corpus::new(&split, &pen, &config.mixture);
            let (net, _) = head_tune(&base, &corpus, &order, &config)?;
            report(&net, "head-tuned")?;
            let Mixture { touching_fraction, straight_ones, style_fraction, longest_flag, slashed_zeros, long_zero_slashes, .. } = config.mixture;
            let doc = model_doc(&format!("{base:?} with its dense head tuned {epochs} epochs, {non_digits} non-digits ({touching_fraction} of them touching pairs) at weight {non_digit_weight}, MNIST distilled {distil} (and shown undistorted {plain_mnist} times), pen digits {distil_pen}, {straight_ones} of pen 1s straight, {style_fraction} of pen 1s and 7s European (flags up to {longest_flag} of the height), {slashed_zeros} of pen 0s slashed ({long_zero_slashes} of them far past the ring)."));
            onnx_export::write(&onnx_export::export(&net, &doc)?, &out)?;
            println!("wrote {} in {:.0} s", out.display(), started.elapsed().as_secs_f64());
        }
        Command::GeneralDigits { out, data: dir, unipen: unipen_dir } => {
            let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
            let pen = unipen::load(&unipen_dir.unwrap_or_else(unipen::default_dir))?;
            general_digits::write(&split, &pen, &out)?;
            let mut total = 0;
            for name in [
                general_digits::REPLAY_IMAGES,
                general_digits::REPLAY_LABELS,
                general_digits::CHECK_IMAGES,
                general_digits::CHECK_LABELS,
                general_digits::SOURCE,
            ] {
                let size = std::fs::metadata(out.join(name))?.len();
                total += size;
                println!("{:>9} bytes  {}", size, out.join(name).display());
            }
            let digits = general_digits::load(&out)?;
            println!(
                "{} replay digits (and {} generated non-digits when loaded), {} check digits; {:.2} MB in all",
                digits.replay.len() - adapt_bench::REPLAY_NON_DIGITS,
                adapt_bench::REPLAY_NON_DIGITS,
                digits.check.len(),
                total as f64 / 1e6
            );
        }
        Command::Adapt { samples, model, out, data: dir, unipen: unipen_dir, general, folds, force } => {
            let started = Instant::now();
            let personal: Vec<Sample> = history::import_samples(&samples)
                .with_context(|| format!("reading samples from {}", samples.display()))?
                .into_iter()
                .map(|(pixels, label)| Sample::from_bytes(&pixels, label))
                .collect();
            if personal.len() < 10 {
                anyhow::bail!("{} holds {} samples: learning needs at least 10", samples.display(), personal.len());
            }
            let general = match general {
                Some(folder) => general_digits::load(&folder)?,
                None => {
                    let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
                    let pen = unipen::load(&unipen_dir.unwrap_or_else(unipen::default_dir))?;
                    let mut digits = general_digits::choose(&split, &pen, general_digits::SEED);
                    digits.replay.extend(general_digits::non_digits(general_digits::SEED));
                    digits
                }
            };
            let adapter = Adapter::new(&model, &general.replay)?;
            let non_digits = ValidationSets::new(&[], 5);
            let checks = Checks { general: &general.check, non_digits: &non_digits };
            let (net, _, verdict) = adapter.learn_and_check(&personal, &AdaptConfig::default(), folds, &checks, &mut |_| true)?;
            println!(
                "your {} samples, each read by a model learnt without it: {} right before, {} after ({} newly wrong)",
                verdict.held_out, verdict.right_before, verdict.right_after, verdict.newly_wrong
            );
            println!(
                "general check ({} MNIST hold-out and pen digits): {:.2} % → {:.2} %; non-digits Unsure: {:.1} % → {:.1} %; {:.1} s",
                general.check.len(),
                100.0 * verdict.general_before, 100.0 * verdict.general_after,
                100.0 * verdict.non_digit_unsure_before, 100.0 * verdict.non_digit_unsure_after,
                started.elapsed().as_secs_f64()
            );
            match verdict.refusal() {
                Some(why) if !force => anyhow::bail!("the personal model is not adopted: {why}"),
                refusal => {
                    let doc = model_doc(&format!("{model:?} fine-tuned on {} personal samples.", personal.len()));
                    onnx_export::write(&onnx_export::export(&net, &doc)?, &out)?;
                    let note = refusal.map(|why| format!(" (against the rule: {why})")).unwrap_or_default();
                    println!("wrote {}{note}", out.display());
                }
            }
        }
        Command::AdaptBench { model, data: dir, unipen: unipen_dir, learn, least, steps, learning_rate, share } => {
            let split = mnist::load_split(&data::data_dir(dir), Part::Train)?;
            let pen = unipen::load(&unipen_dir.unwrap_or_else(unipen::default_dir))?;
            let config = AdaptConfig { steps, learning_rate, share, ..AdaptConfig::default() };
            let adapter = Adapter::new(&model, &adapt_bench::replay_set(&split, &pen, 11))?;
            let writers = adapt_bench::held_out_writers(&pen, least, 12);
            println!("{} held-out writers with at least {least} digits; each teaches {learn}", writers.len());
            println!("| writer | read | right before | right after | fixed | broken | MNIST hold-out after | non-digits Unsure after | learning |");
            println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            let rows = adapt_bench::run(&adapter, &writers, &split, learn, &config, |r| {
                let pct = |n: usize| 100.0 * n as f64 / r.tested.max(1) as f64;
                println!(
                    "| {} | {} | {:.1} % | {:.1} % | {} | {} | {:.2} % ({:+.2}) | {:.1} % ({:+.1}) | {:.1} s |",
                    r.writer, r.tested, pct(r.right_before), pct(r.right_after), r.fixed, r.broken,
                    100.0 * r.general_after, 100.0 * (r.general_after - r.general_before),
                    100.0 * r.non_digit_unsure_after, 100.0 * (r.non_digit_unsure_after - r.non_digit_unsure_before), r.seconds
                );
            })?;
            println!("{}", adapt_bench::summary(&adapter, &rows, learn, &config)?);
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

/// The ONNX file's description: its contract, then how it was made.
fn model_doc(made: &str) -> String {
    format!("Digit Recognizer CNN. Input `image` float32 [N,1,28,28], 0..1, ink = 1. Output `logits` float32 [N,10]. {made}")
}

/// UNIPEN's training sites and its validation site; the suite's sites are left out of both.
fn pen_sites(dir: Option<PathBuf>) -> Result<(Vec<PenDigit>, Vec<PenDigit>)> {
    let dir = dir.unwrap_or_else(unipen::default_dir);
    let pen = unipen::load(&dir).with_context(|| format!("reading UNIPEN from {} (or pass --no-unipen)", dir.display()))?;
    Ok(pen.into_iter().filter(|d| !unipen::SUITE_SITES.contains(&d.site.as_str())).partition(|d| unipen::is_training_site(&d.site)))
}

/// Draws the training progress: a bar per epoch and a line of figures when it ends.
fn progress_bar(epochs: usize) -> impl FnMut(Progress) {
    let mut bar = ProgressBar::hidden();
    let mut reported_tenth = 0;
    move |event| match event {
        Progress::EpochStarted { epoch, examples } => {
            reported_tenth = 0;
            bar = ProgressBar::new(examples as u64).with_style(
                ProgressStyle::with_template("epoch {prefix} [{bar:30}] {pos}/{len} {msg} {per_sec} eta {eta}")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            bar.set_prefix(format!("{epoch}/{epochs}"));
        }
        Progress::Step { done, loss, accuracy } => {
            bar.set_position(done as u64);
            bar.set_message(format!("loss {loss:.4} acc {:.2}%", 100.0 * accuracy));
            // Without a terminal (a log file) the bar is hidden: a line every tenth of an epoch instead.
            let tenth = (done as u64 * 10) / bar.length().unwrap_or(1).max(1);
            if bar.is_hidden() && tenth > reported_tenth {
                reported_tenth = tenth;
                eprintln!("  {done}/{}: loss {loss:.4}, train {:.2} %, {:.0} s", bar.length().unwrap_or(0), 100.0 * accuracy, bar.elapsed().as_secs_f64());
            }
        }
        Progress::EpochFinished(stats) => {
            bar.finish_and_clear();
            eprintln!(
                "epoch {}/{epochs}: loss {:.4}, train {:.2} %, MNIST validation {:.2} %, pen validation {:.2} % ({:.2} % unsure), non-digits unsure {:.2} % ({:.0} s)",
                stats.epoch,
                stats.loss,
                100.0 * stats.train_accuracy,
                100.0 * stats.validation_accuracy,
                100.0 * stats.pen_validation_accuracy,
                100.0 * stats.pen_validation_unsure,
                100.0 * stats.non_digit_unsure,
                stats.seconds
            );
        }
    }
}
