//! The training loop: seeded shuffling, augmentation, AdamW with a one-cycle schedule, validation each epoch.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use candle_core::{DType, Device, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use handwriting::mnist::{Split, PIXELS};
use handwriting::synthetic::unipen::PenDigit;
use serde::{Deserialize, Serialize};

use crate::augment::Augmentation;
use crate::average::WeightAverage;
use crate::checkpoint;
use crate::examples::{epoch_examples, example_rng, is_default, Corpus, Example, Mixture, Target};
use crate::onnx_export;
use crate::validation::ValidationSets;
use crate::model::{is_running_stat, DigitNet};

#[derive(Debug, Clone, Serialize)]
pub struct TrainConfig {
    pub epochs: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub seed: u64,
    /// Training images held out for validation (taken from the 60 000, never from the test set).
    pub validation: usize,
    /// Train on only this many MNIST images (the rest of the split is unused).
    pub limit: Option<usize>,
    pub augment: bool,
    /// Decay of the exponential moving average of the weights that is validated and exported.
    pub weight_average_decay: f64,
    /// What an epoch is made of besides MNIST.
    pub mixture: Mixture,
    /// Weight of the non-digit (equal probabilities) term against a digit's cross-entropy.
    pub non_digit_weight: f64,
    /// Start from this model's weights instead of random ones (fine-tuning).
    pub init: Option<PathBuf>,
    /// When fine-tuning, the share of the `init` model's own probabilities in what the distorted MNIST images
    /// learn: keeps what it reads on MNIST while pen digits teach new ways of writing.
    #[serde(skip_serializing_if = "is_default")]
    pub distil: f32,
}

/// How far `example` learns the `init` model's probabilities instead of its label: only MNIST's own images
/// do; re-drawn ones may carry a European flag or a slash that the `init` model reads as another digit.
fn distil_share(example: &Example, distil: f32) -> f32 {
    if matches!(example, Example::Mnist(_)) {
        distil
    } else {
        0.0
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EpochStats {
    pub epoch: usize,
    pub loss: f64,
    /// On the digits of the epoch, as distorted, with dropout.
    pub train_accuracy: f64,
    /// MNIST training images held out.
    pub validation_accuracy: f64,
    /// Real pen digits from the validation sites, rendered with seeded pens.
    pub pen_validation_accuracy: f64,
    /// Share of those real digits whose top probability is under the app's unsure threshold.
    pub pen_validation_unsure: f64,
    /// Share of generated non-digits whose top probability is under the unsure threshold.
    pub non_digit_unsure: f64,
    pub seconds: f64,
}

/// What the model learns from, and what it is validated on.
pub struct TrainingData<'a> {
    pub mnist: &'a Split,
    /// UNIPEN digits of the training sites.
    pub pen: &'a [PenDigit],
    /// UNIPEN digits of the validation sites (whole sites, never trained on).
    pub pen_validation: &'a [PenDigit],
}

pub struct Trained {
    pub net: DigitNet,
    pub varmap: VarMap,
    pub history: Vec<EpochStats>,
    /// Loss of every training step, in order.
    pub step_losses: Vec<f32>,
}

/// Builds a model whose random weights come from `seed` alone (candle's own initialisers use an unseeded RNG).
pub fn seeded_model(seed: u64, device: &Device) -> Result<(DigitNet, VarMap)> {
    let varmap = VarMap::new();
    let net = DigitNet::new(VarBuilder::from_varmap(&varmap, DType::F32, device))?;
    let mut rng = StdRng::seed_from_u64(seed);
    let vars = varmap.data().lock().unwrap();
    let mut names: Vec<&String> = vars.keys().collect();
    names.sort();
    for name in names {
        let var = &vars[name];
        let dims = var.dims().to_vec();
        let values: Vec<f32> = if name.starts_with("stage") && name.ends_with(".weight") {
            // Kaiming normal for ReLU: std = sqrt(2 / fan_in), fan_in = rows.
            let std = (2.0 / dims[0] as f32).sqrt();
            (0..var.elem_count()).map(|_| normal(&mut rng) * std).collect()
        } else if name.starts_with("hidden") || name.starts_with("output") {
            let fan_in = if name.ends_with(".weight") { dims[1] } else { var.elem_count() } as f32;
            let fan_in = if name.ends_with(".bias") { vars[&name.replace(".bias", ".weight")].dims()[1] as f32 } else { fan_in };
            let bound = 1.0 / fan_in.sqrt();
            (0..var.elem_count()).map(|_| rng.gen_range(-bound..bound)).collect()
        } else {
            continue; // batch-norm scales, shifts and statistics have fixed starting values
        };
        var.set(&Tensor::from_vec(values, dims.as_slice(), device)?)?;
    }
    drop(vars);
    Ok((net, varmap))
}

fn normal(rng: &mut StdRng) -> f32 {
    // Box–Muller.
    let u1: f32 = rng.gen_range(f32::EPSILON..1.0);
    let u2: f32 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
}

/// One-cycle learning rate: linear warm-up over the first 15 % of steps, then cosine decay to ~0.
pub fn learning_rate(peak: f64, step: usize, total: usize) -> f64 {
    let warmup = (total as f64 * 0.15).max(1.0);
    let s = step as f64;
    if s < warmup {
        peak * (0.1 + 0.9 * s / warmup)
    } else {
        let progress = (s - warmup) / (total as f64 - warmup).max(1.0);
        peak * (0.001 + 0.999 * 0.5 * (1.0 + (std::f64::consts::PI * progress).cos()))
    }
}

/// Accuracy of `net` (inference mode) on the images `indices` of `split`.
pub fn accuracy(net: &DigitNet, split: &Split, indices: &[usize], device: &Device) -> Result<f64> {
    let mut correct = 0;
    for chunk in indices.chunks(500) {
        let pixels: Vec<f32> = chunk.iter().flat_map(|&i| split.image_f32(i)).collect();
        let images = Tensor::from_vec(pixels, (chunk.len(), 1, 28, 28), device)?;
        let predicted = net.forward(&images, false)?.argmax(1)?.to_vec1::<u32>()?;
        correct += predicted.iter().zip(chunk).filter(|(p, &i)| **p == split.labels[i] as u32).count();
    }
    Ok(correct as f64 / indices.len().max(1) as f64)
}

/// Where a run stands, for the caller to show (the trainer's CLI draws a progress bar from it).
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    EpochStarted { epoch: usize, examples: usize },
    Step { done: usize, loss: f64, accuracy: f64 },
    EpochFinished(&'a EpochStats),
}

/// The MNIST training images to train on and the fixed hold-out: the last `validation` images (at most a
/// tenth) of a permutation of all of them seeded by `seed`.
pub fn hold_out(images: usize, validation: usize, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..images).collect();
    order.shuffle(&mut StdRng::seed_from_u64(seed ^ 0x5EED));
    let validation_count = validation.min(order.len() / 10);
    let held_out = order.split_off(order.len() - validation_count);
    (order, held_out)
}

/// Trains (or, with `config.init`, fine-tunes) the network. With `checkpoints`, the state after every epoch
/// is written there and a run with the same settings resumes after the last finished epoch.
pub fn train(
    config: &TrainConfig,
    data: &TrainingData,
    checkpoints: Option<&Path>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Trained> {
    let device = Device::Cpu;
    let (net, varmap) = seeded_model(config.seed, &device)?;
    let mut teacher = None;
    if let Some(init) = &config.init {
        let weights = onnx_export::read(init)?;
        onnx_export::import(&weights, &varmap)?;
        if config.distil > 0.0 {
            let (net, varmap) = seeded_model(config.seed, &device)?;
            onnx_export::import(&weights, &varmap)?;
            teacher = Some(net);
        }
    }
    let trainable = {
        let vars = varmap.data().lock().unwrap();
        let mut named: Vec<_> = vars.iter().filter(|(n, _)| !is_running_stat(n)).collect();
        named.sort_by(|a, b| a.0.cmp(b.0));
        named.into_iter().map(|(_, v)| v.clone()).collect()
    };
    let mut optimizer = AdamW::new(
        trainable,
        ParamsAdamW { lr: config.learning_rate, weight_decay: config.weight_decay, ..Default::default() },
    )?;

    let (mut order, validation) = hold_out(data.mnist.len(), config.validation, config.seed);
    if let Some(limit) = config.limit {
        order.truncate(limit);
    }
    let checks = ValidationSets::new(data.pen_validation, config.seed);
    let corpus = Corpus::new(data.mnist, data.pen, &config.mixture);
    let augmentation = Augmentation::default();
    let mut average = WeightAverage::new(&varmap, config.weight_average_decay)?;
    let examples_per_epoch = config.mixture.examples_per_epoch(order.len(), data.pen.len());
    let steps_per_epoch = examples_per_epoch.div_ceil(config.batch_size);
    let total_steps = steps_per_epoch * config.epochs;

    let mut history = Vec::new();
    if let Some(dir) = checkpoints {
        if let Some(saved) = checkpoint::resume(dir, config, &varmap, &mut average)? {
            history = saved;
        }
    }
    let mut step = history.len() * steps_per_epoch;
    let mut step_losses = Vec::with_capacity(total_steps);

    for epoch in history.len() + 1..=config.epochs {
        let started = Instant::now();
        // Each epoch's order, distortions and dropout depend only on (seed, epoch), so a resumed run
        // draws the same examples as an uninterrupted one.
        let mut rng = StdRng::seed_from_u64(config.seed ^ (epoch as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let examples = epoch_examples(&order, data.pen.len(), &config.mixture, &mut rng);
        progress(Progress::EpochStarted { epoch, examples: examples.len() });
        let (mut loss_sum, mut correct, mut digits_seen, mut seen) = (0.0f64, 0usize, 0usize, 0usize);
        for (batch_index, batch) in examples.chunks(config.batch_size).enumerate() {
            let rendered: Vec<(Vec<f32>, Target)> = batch
                .par_iter()
                .enumerate()
                .map(|(k, &example)| {
                    let mut example_rng = example_rng(config.seed, epoch, batch_index * config.batch_size + k);
                    if config.augment {
                        corpus.render(example, &augmentation, &mut example_rng)
                    } else {
                        corpus.render_plain(example, &mut example_rng)
                    }
                })
                .collect();
            let pixels: Vec<f32> = rendered.iter().flat_map(|(p, _)| p.iter().copied()).collect();
            let images = Tensor::from_vec(pixels, (batch.len(), 1, 28, 28), &device)?;
            let targets = soft_targets(rendered.iter().map(|(_, t)| *t), config.non_digit_weight as f32);
            let mut targets = Tensor::from_vec(targets, (batch.len(), 10), &device)?;
            if let Some(teacher) = &teacher {
                let share: Vec<f32> = batch.iter().map(|e| distil_share(e, config.distil)).collect();
                let share = Tensor::from_vec(share, (batch.len(), 1), &device)?;
                let taught = candle_nn::ops::softmax(&teacher.forward(&images, false)?, 1)?;
                targets = distilled_targets(&targets, &taught, &share)?;
            }

            let dropout_mask = crate::model::dropout_mask(batch.len(), &mut rng, &device)?;
            let logits = net.forward_train(&images, &dropout_mask)?;
            let log_probabilities = candle_nn::ops::log_softmax(&logits, 1)?;
            let loss = (log_probabilities * &targets)?.sum_all()?.affine(-1.0 / batch.len() as f64, 0.0)?;
            optimizer.set_learning_rate(learning_rate(config.learning_rate, step, total_steps));
            optimizer.backward_step(&loss)?;
            average.update(step)?;
            step += 1;

            let predicted = logits.argmax(1)?.to_vec1::<u32>()?;
            for (p, (_, target)) in predicted.iter().zip(&rendered) {
                if let Target::Digit(d) = target {
                    digits_seen += 1;
                    correct += (*p == *d as u32) as usize;
                }
            }
            let batch_loss = loss.to_scalar::<f32>()?;
            step_losses.push(batch_loss);
            loss_sum += batch_loss as f64 * batch.len() as f64;
            seen += batch.len();
            progress(Progress::Step { done: seen, loss: loss_sum / seen as f64, accuracy: correct as f64 / digits_seen.max(1) as f64 });
        }
        let replaced = average.swap_in()?;
        let validation_accuracy = accuracy(&net, data.mnist, &validation, &device)?;
        let pen = checks.pen_scores(&net, &device)?;
        let non_digit_unsure = checks.non_digit_unsure(&net, &device)?;
        average.restore(replaced)?;
        let stats = EpochStats {
            epoch,
            loss: loss_sum / seen.max(1) as f64,
            train_accuracy: correct as f64 / digits_seen.max(1) as f64,
            validation_accuracy,
            pen_validation_accuracy: pen.accuracy,
            pen_validation_unsure: pen.unsure,
            non_digit_unsure,
            seconds: started.elapsed().as_secs_f64(),
        };
        progress(Progress::EpochFinished(&stats));
        history.push(stats);
        if let Some(dir) = checkpoints {
            checkpoint::save(dir, config, &varmap, &average, &history)?;
        }
    }
    // Export the averaged weights.
    average.swap_in()?;
    Ok(Trained { net, varmap, history, step_losses })
}

/// Targets that pull each row a `share` (rows × 1, 0..1) of the way from `labels` towards `teacher`'s
/// probabilities (distillation).
pub fn distilled_targets(labels: &Tensor, teacher: &Tensor, share: &Tensor) -> candle_core::Result<Tensor> {
    teacher.broadcast_mul(share)? + labels.broadcast_mul(&share.affine(-1.0, 1.0)?)?
}

/// Per example, the probabilities the network should give: one-hot for a digit, `non_digit_weight / 10`
/// for each digit for a non-digit (cross-entropy against equal probabilities, scaled).
pub fn soft_targets(targets: impl Iterator<Item = Target>, non_digit_weight: f32) -> Vec<f32> {
    targets
        .flat_map(|t| match t {
            Target::Digit(d) => std::array::from_fn::<f32, 10, _>(|k| (k == d as usize) as u8 as f32),
            Target::NotADigit => [non_digit_weight / 10.0; 10],
        })
        .collect()
}

/// Pixels of the images at `indices`, back to back.
pub fn gather(split: &Split, indices: &[usize]) -> Vec<f32> {
    let mut out = Vec::with_capacity(indices.len() * PIXELS);
    indices.iter().for_each(|&i| out.extend(split.image_f32(i)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learning_rate_warms_up_then_decays() {
        let peak = 1e-3;
        assert!((learning_rate(peak, 0, 100) - 1e-4).abs() < 1e-12);
        assert!((learning_rate(peak, 15, 100) - peak).abs() < 1e-9);
        assert!(learning_rate(peak, 99, 100) < 1e-5);
    }

    #[test]
    fn only_distorted_mnist_images_learn_the_initial_models_probabilities() {
        assert_eq!(distil_share(&Example::Mnist(3), 0.8), 0.8);
        for other in [Example::Restroked(3), Example::Pen(3), Example::NotADigit] {
            assert_eq!(distil_share(&other, 0.8), 0.0, "{other:?}");
        }
    }

    #[test]
    fn seeded_models_are_identical() -> Result<()> {
        let a = seeded_model(3, &Device::Cpu)?.1;
        let b = seeded_model(3, &Device::Cpu)?.1;
        let weight = |m: &VarMap| m.data().lock().unwrap()["stage1.weight"].flatten_all().unwrap().to_vec1::<f32>().unwrap();
        assert_eq!(weight(&a), weight(&b));
        Ok(())
    }

    #[test]
    fn weight_average_moves_towards_new_weights_and_swaps_back() -> Result<()> {
        let (_, varmap) = seeded_model(5, &Device::Cpu)?;
        let mut average = WeightAverage::new(&varmap, 0.5)?;
        let var = varmap.data().lock().unwrap()["output.bias"].clone();
        let start = var.as_tensor().to_vec1::<f32>()?;
        var.set(&var.as_tensor().affine(0.0, 1.0)?)?; // every bias now 1
        average.update(1000)?; // decay 0.5: halfway
        let replaced = average.swap_in()?;
        let averaged = var.as_tensor().to_vec1::<f32>()?;
        for (a, s) in averaged.iter().zip(&start) {
            assert!((a - (0.5 * s + 0.5)).abs() < 1e-6);
        }
        average.restore(replaced)?;
        assert!(var.as_tensor().to_vec1::<f32>()?.iter().all(|&v| v == 1.0));
        Ok(())
    }
}
