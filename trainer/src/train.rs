//! The training loop: seeded shuffling, augmentation, AdamW with a one-cycle schedule, validation each epoch.

use std::time::Instant;

use anyhow::Result;
use candle_core::{DType, Device, Tensor};
use candle_core::Var;
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use recognizer::mnist::{Split, PIXELS};
use serde::Serialize;

use crate::augment::Augmentation;
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
    /// Train on only this many images (the rest of the split is unused).
    pub limit: Option<usize>,
    pub augment: bool,
    /// Decay of the exponential moving average of the weights that is validated and exported.
    pub weight_average_decay: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct EpochStats {
    pub epoch: usize,
    pub loss: f64,
    pub train_accuracy: f64,
    pub validation_accuracy: f64,
    pub seconds: f64,
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

/// An exponential moving average of every variable (weights and batch-norm statistics). The averaged
/// weights generalise a little better than the last step's, at the cost of one copy of the model.
pub struct WeightAverage {
    decay: f64,
    pairs: Vec<(Var, Tensor)>,
}

impl WeightAverage {
    pub fn new(varmap: &VarMap, decay: f64) -> Result<Self> {
        let vars = varmap.data().lock().unwrap();
        let mut named: Vec<_> = vars.iter().collect();
        named.sort_by(|a, b| a.0.cmp(b.0));
        let pairs = named.into_iter().map(|(_, v)| Ok((v.clone(), snapshot(v)?))).collect::<Result<_>>()?;
        Ok(Self { decay, pairs })
    }

    /// Folds the current weights in; early steps use a shorter memory so the average warms up quickly.
    pub fn update(&mut self, step: usize) -> Result<()> {
        let decay = self.decay.min((1.0 + step as f64) / (10.0 + step as f64));
        for (var, average) in &mut self.pairs {
            // Detached: otherwise each average would keep the previous one alive through autograd's graph.
            *average = (average.affine(decay, 0.0)? + var.as_tensor().detach().affine(1.0 - decay, 0.0)?)?;
        }
        Ok(())
    }

    /// Puts the averaged weights into the model and returns the ones it replaced.
    pub fn swap_in(&self) -> Result<Vec<Tensor>> {
        let mut replaced = Vec::with_capacity(self.pairs.len());
        for (var, average) in &self.pairs {
            replaced.push(snapshot(var)?);
            var.set(average)?;
        }
        Ok(replaced)
    }

    pub fn restore(&self, replaced: Vec<Tensor>) -> Result<()> {
        for ((var, _), tensor) in self.pairs.iter().zip(replaced) {
            var.set(&tensor)?;
        }
        Ok(())
    }
}

/// A copy of a variable's current value, outside autograd's graph.
fn snapshot(var: &Var) -> Result<Tensor> {
    Ok(var.as_tensor().detach().copy()?)
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

pub fn train(config: &TrainConfig, train_split: &Split) -> Result<Trained> {
    let device = Device::Cpu;
    let (net, varmap) = seeded_model(config.seed, &device)?;
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

    // Fixed hold-out: the last `validation` images of a seeded permutation of the 60 000.
    let mut order: Vec<usize> = (0..train_split.len()).collect();
    let mut rng = StdRng::seed_from_u64(config.seed ^ 0x5EED);
    order.shuffle(&mut rng);
    let validation_count = config.validation.min(order.len() / 10);
    let validation: Vec<usize> = order.split_off(order.len() - validation_count);
    if let Some(limit) = config.limit {
        order.truncate(limit);
    }
    let augmentation = Augmentation::default();
    let mut average = WeightAverage::new(&varmap, config.weight_average_decay)?;
    let steps_per_epoch = order.len().div_ceil(config.batch_size);
    let total_steps = steps_per_epoch * config.epochs;
    let mut history = Vec::new();
    let mut step = 0;
    let mut step_losses = Vec::with_capacity(total_steps);

    for epoch in 1..=config.epochs {
        let started = Instant::now();
        order.shuffle(&mut rng);
        let bar = ProgressBar::new(order.len() as u64).with_style(
            ProgressStyle::with_template(
                "epoch {prefix} [{bar:30}] {pos}/{len} {msg} {per_sec} eta {eta}",
            )?
            .progress_chars("=> "),
        );
        bar.set_prefix(format!("{epoch}/{}", config.epochs));
        let (mut loss_sum, mut correct, mut seen) = (0.0f64, 0usize, 0usize);
        for (batch_index, batch) in order.chunks(config.batch_size).enumerate() {
            // Each image's distortion depends only on (seed, epoch, position), not on thread timing.
            let pixels: Vec<f32> = batch
                .par_iter()
                .enumerate()
                .flat_map_iter(|(k, &i)| {
                    let image = train_split.image_f32(i);
                    if config.augment {
                        let salt = (epoch as u64) << 40 | (batch_index as u64) << 16 | k as u64;
                        augmentation.apply(&image, &mut StdRng::seed_from_u64(config.seed ^ salt))
                    } else {
                        image
                    }
                })
                .collect();
            let images = Tensor::from_vec(pixels, (batch.len(), 1, 28, 28), &device)?;
            let labels: Vec<u32> = batch.iter().map(|&i| train_split.labels[i] as u32).collect();
            let labels = Tensor::from_vec(labels, batch.len(), &device)?;

            let keep: Vec<f32> = (0..batch.len() * crate::model::HIDDEN)
                .map(|_| if rng.gen::<f32>() < crate::model::DROPOUT { 0.0 } else { 1.0 / (1.0 - crate::model::DROPOUT) })
                .collect();
            let dropout_mask = Tensor::from_vec(keep, (batch.len(), crate::model::HIDDEN), &device)?;
            let logits = net.forward_train(&images, &dropout_mask)?;
            let loss = candle_nn::loss::cross_entropy(&logits, &labels)?;
            optimizer.set_learning_rate(learning_rate(config.learning_rate, step, total_steps));
            optimizer.backward_step(&loss)?;
            average.update(step)?;
            step += 1;

            let predicted = logits.argmax(1)?.to_vec1::<u32>()?;
            correct += predicted.iter().zip(labels.to_vec1::<u32>()?).filter(|(p, l)| **p == *l).count();
            let batch_loss = loss.to_scalar::<f32>()?;
            step_losses.push(batch_loss);
            loss_sum += batch_loss as f64 * batch.len() as f64;
            seen += batch.len();
            bar.set_position(seen as u64);
            bar.set_message(format!("loss {:.4} acc {:.2}%", loss_sum / seen as f64, 100.0 * correct as f64 / seen as f64));
        }
        bar.finish_and_clear();
        let replaced = average.swap_in()?;
        let validation_accuracy = accuracy(&net, train_split, &validation, &device)?;
        average.restore(replaced)?;
        let stats = EpochStats {
            epoch,
            loss: loss_sum / seen.max(1) as f64,
            train_accuracy: correct as f64 / seen.max(1) as f64,
            validation_accuracy,
            seconds: started.elapsed().as_secs_f64(),
        };
        eprintln!(
            "epoch {epoch}/{}: loss {:.4}, train {:.2} %, validation {:.2} % ({:.0} s)",
            config.epochs,
            stats.loss,
            100.0 * stats.train_accuracy,
            100.0 * stats.validation_accuracy,
            stats.seconds
        );
        history.push(stats);
    }
    // Export the averaged weights.
    average.swap_in()?;
    Ok(Trained { net, varmap, history, step_losses })
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
