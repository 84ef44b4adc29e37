//! Learning one person's handwriting (issue 15). The convolution stages stay as the built-in model has them;
//! only the two dense layers (148 874 weights) are fine-tuned, on the person's samples, each seen in a few
//! small distortions, making an eighth of each batch; the rest are replayed general digits (the app's packaged
//! [`crate::general_digits`]), which pull towards what the built-in model reads in them, so that the rest is
//! not forgotten. The stages are frozen, so every picture's features are computed once and learning takes
//! seconds. Learning reports its progress and can be cancelled (`watch`, [`Cancelled`]).

use std::path::Path;

use anyhow::Result;
use candle_core::{Device, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarMap};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::augment::Augmentation;
use crate::examples::Target;
use crate::train::{distilled_targets, soft_targets};
use crate::blend;
use crate::model::{dropout_mask, head_variables, DigitNet};
use crate::onnx_export;
use crate::onnx_proto::ModelProto;
use crate::validation::ValidationSets;

const PIXELS: usize = 28 * 28;

/// A labelled 28×28 model input (0..1, ink = 1).
#[derive(Debug, Clone)]
pub struct Sample {
    pub input: Vec<f32>,
    pub target: Target,
}

impl Sample {
    /// A digit stored as bytes (ink 255 on 0, as MNIST and the app's samples).
    pub fn from_bytes(pixels: &[u8], label: u8) -> Self {
        Self { input: pixels.iter().map(|&p| p as f32 / 255.0).collect(), target: Target::Digit(label) }
    }
}

/// Non-digits pull towards equal probabilities with this weight against a digit's, as in training.
const NON_DIGIT_WEIGHT: f32 = 0.5;

#[derive(Debug, Clone, Copy)]
pub struct AdaptConfig {
    pub steps: usize,
    pub batch_size: usize,
    pub learning_rate: f64,
    /// Distorted copies of each personal sample, besides the sample itself.
    pub copies: usize,
    /// The learnt weights' share in the result, the built-in model's the rest (as `trainer blend`): less
    /// than 1 keeps more of the general reading.
    pub share: f64,
    pub seed: u64,
    /// Replayed digits pull towards what the built-in model reads in them (its probabilities, distillation)
    /// rather than towards their labels alone, so that learning moves the general reading less.
    pub distil: bool,
}

impl Default for AdaptConfig {
    fn default() -> Self {
        Self { steps: 300, batch_size: 64, learning_rate: 1e-3, copies: 7, share: 1.0, seed: 7, distil: true }
    }
}

/// The built-in model and the replay set's features, ready to learn from anyone's samples.
pub struct Adapter {
    /// The built-in model as read once from its file; every learnt model starts from a fresh copy.
    base: ModelProto,
    replay_features: Tensor,
    replay_targets: Vec<Target>,
    /// Each replayed sample's target row when distilling: the built-in model's probabilities for digits,
    /// the usual pull towards equal probabilities for non-digits.
    replay_distilled: Tensor,
    device: Device,
}

impl Adapter {
    pub fn new(base: &Path, replay: &[Sample]) -> Result<Self> {
        let device = Device::Cpu;
        let base = onnx_export::read(base)?;
        let (net, _) = blend::from_model(&base, &device)?;
        let inputs: Vec<f32> = replay.iter().flat_map(|s| s.input.iter().copied()).collect();
        let replay_features = features(&net, &inputs, &device)?;
        let replay_targets: Vec<Target> = replay.iter().map(|s| s.target).collect();
        let read = net.head_probabilities(&replay_features)?;
        let labelled = Tensor::from_vec(soft_targets(replay_targets.iter().copied(), NON_DIGIT_WEIGHT), (replay.len(), 10), &device)?;
        let digit_rows: Vec<f32> = replay_targets.iter().map(|t| matches!(t, Target::Digit(_)) as u8 as f32).collect();
        let is_digit = Tensor::from_vec(digit_rows, (replay.len(), 1), &device)?;
        let replay_distilled = distilled_targets(&labelled, &read, &is_digit)?;
        Ok(Self { base, replay_features, replay_targets, replay_distilled, device })
    }

    /// A fresh copy of the built-in model.
    pub fn built_in(&self) -> Result<(DigitNet, VarMap)> {
        blend::from_model(&self.base, &self.device)
    }

    /// The built-in model with its dense layers fine-tuned on `personal` (plus the replay set). `watch` is
    /// told the share done (0..1) about every [`WATCH_EVERY`] steps; when it answers false, learning stops
    /// with [`Cancelled`].
    pub fn learn(&self, personal: &[Sample], config: &AdaptConfig, watch: &mut dyn FnMut(f64) -> bool) -> Result<(DigitNet, VarMap)> {
        self.learn_within(personal, config, &mut Span { watch, from: 0.0, to: 1.0 })
    }

    fn learn_within(&self, personal: &[Sample], config: &AdaptConfig, span: &mut Span) -> Result<(DigitNet, VarMap)> {
        span.tell(0.0)?;
        let (net, varmap) = self.built_in()?;
        if personal.is_empty() {
            span.tell(1.0)?;
            return Ok((net, varmap));
        }
        let mut rng = StdRng::seed_from_u64(config.seed);
        let augmentation = gentle();
        let mut inputs = Vec::new();
        let mut targets = Vec::new();
        for sample in personal {
            inputs.extend_from_slice(&sample.input);
            targets.push(sample.target);
            for _ in 0..config.copies {
                inputs.extend(augmentation.apply(&sample.input, &mut rng));
                targets.push(sample.target);
            }
        }
        let personal_features = features(&net, &inputs, &self.device)?;
        let params = ParamsAdamW { lr: config.learning_rate, weight_decay: 0.0, ..Default::default() };
        let mut optimizer = AdamW::new(head_variables(&varmap), params)?;
        let half = config.batch_size / 8;
        for step in 0..config.steps {
            if step % WATCH_EVERY == 0 {
                span.tell(step as f64 / config.steps as f64)?;
            }
            let mine: Vec<u32> = (0..half).map(|_| rng.gen_range(0..targets.len() as u32)).collect();
            let general: Vec<u32> =
                (0..config.batch_size - half).map(|_| rng.gen_range(0..self.replay_targets.len() as u32)).collect();
            let batch = Tensor::cat(
                &[
                    personal_features.index_select(&Tensor::new(mine.as_slice(), &self.device)?, 0)?,
                    self.replay_features.index_select(&Tensor::new(general.as_slice(), &self.device)?, 0)?,
                ],
                0,
            )?;
            let n = config.batch_size;
            let mine_targets = Tensor::from_vec(soft_targets(mine.iter().map(|&i| targets[i as usize]), NON_DIGIT_WEIGHT), (half, 10), &self.device)?;
            let general_targets = if config.distil {
                self.replay_distilled.index_select(&Tensor::new(general.as_slice(), &self.device)?, 0)?
            } else {
                let labels = general.iter().map(|&i| self.replay_targets[i as usize]);
                Tensor::from_vec(soft_targets(labels, NON_DIGIT_WEIGHT), (n - half, 10), &self.device)?
            };
            let batch_targets = Tensor::cat(&[mine_targets, general_targets], 0)?;
            let mask = dropout_mask(n, &mut rng, &self.device)?;
            let log_probabilities = candle_nn::ops::log_softmax(&net.head(&batch, Some(&mask))?, 1)?;
            let loss = (log_probabilities * &batch_targets)?.sum_all()?.affine(-1.0 / n as f64, 0.0)?;
            optimizer.backward_step(&loss)?;
        }
        span.tell(1.0)?;
        if config.share < 1.0 {
            let (_, built_in) = self.built_in()?;
            let (mixed_net, mixed) = self.built_in()?;
            blend::blend(&built_in, &varmap, config.share, &mixed)?;
            return Ok((mixed_net, mixed));
        }
        Ok((net, varmap))
    }
}

/// Learning's optimizer steps between two calls of the watcher.
pub const WATCH_EVERY: usize = 10;

/// The error learning stops with when its watcher answers false; find it with
/// `err.downcast_ref::<adapt::Cancelled>()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("learning was cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// One stage's part `from..to` of the whole job's progress.
struct Span<'w> {
    watch: &'w mut dyn FnMut(f64) -> bool,
    from: f64,
    to: f64,
}

impl Span<'_> {
    /// Tells the watcher that `done` (0..1) of this stage is done; `Cancelled` when it answers false.
    fn tell(&mut self, done: f64) -> Result<()> {
        let overall = self.from + (self.to - self.from) * done.clamp(0.0, 1.0);
        if (self.watch)(overall) {
            Ok(())
        } else {
            Err(Cancelled.into())
        }
    }

    /// The part `from..to` of this stage, as a stage of its own.
    fn part(&mut self, from: f64, to: f64) -> Span<'_> {
        let width = self.to - self.from;
        Span { watch: &mut *self.watch, from: self.from + width * from, to: self.from + width * to }
    }
}

/// The checks' share of [`Adapter::learn_and_check`]'s progress, in learns (reading the general and
/// non-digit checks with both models). With `w = folds + 1 + CHECKS_WEIGHT`, fold `k` runs from `k / w` to
/// `(k + 1) / w`, the kept model's learning from `folds / w` to `(folds + 1) / w`, the checks to 1.
pub const CHECKS_WEIGHT: f64 = 0.5;

/// The folds the app judges `samples` personal samples in. Each fold is one more learn: on a 2-core machine
/// shared with builds, 5 folds took 20–47 s for 12 samples and 40–65 s for 40 (one learn 2–3 s quiet,
/// 7–9 s contended; the checks about a fifth), 3 folds 21 s for 40. Up to 20 samples 5 folds (each model
/// learns from 4/5 of few samples); beyond, 3 (each still learns from at least 14).
pub fn folds_for(samples: usize) -> usize {
    if samples <= 20 {
        5
    } else {
        3
    }
}

/// How a personal model reads, against the built-in one, and whether it is adopted (issue 15's rule).
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The person's samples, each read by a model learnt without it (k-fold).
    pub held_out: usize,
    pub right_before: usize,
    pub right_after: usize,
    /// Samples the built-in model read right and the learnt one wrong.
    pub newly_wrong: usize,
    pub general_before: f64,
    pub general_after: f64,
    pub non_digit_unsure_before: f64,
    pub non_digit_unsure_after: f64,
}

/// A personal model must read at least this many more of the held-out samples right.
pub const LEAST_GAIN: usize = 2;
/// ... and lose at most this share of the general check set.
pub const MOST_GENERAL_LOSS: f64 = 0.002;
/// ... and call at most this share fewer of the non-digit check pictures Unsure: one in their thousand, under
/// the check's own sampling noise (about 0.14 points at 99.8 %). Learning a person's Z-like 2 may make one
/// Z-like scribble read as a 2.
pub const MOST_NON_DIGIT_LOSS: f64 = 0.001;
/// Far below one picture's share, far above the error of subtracting shares in `f64`.
const SHARE_ROUNDING: f64 = 1e-9;

impl Verdict {
    /// Why the personal model is not adopted, or `None` when it is.
    pub fn refusal(&self) -> Option<String> {
        if self.right_after < self.right_before + LEAST_GAIN {
            return Some(format!(
                "it read {} of your {} held-out samples right, the built-in model {}: not at least {LEAST_GAIN} more",
                self.right_after, self.held_out, self.right_before
            ));
        }
        if self.newly_wrong > 0 {
            return Some(format!("it read {} of your samples wrong that the built-in model reads right", self.newly_wrong));
        }
        if self.general_after < self.general_before - MOST_GENERAL_LOSS {
            return Some(format!(
                "it reads general digits worse: {:.2} % against {:.2} %",
                100.0 * self.general_after,
                100.0 * self.general_before
            ));
        }
        // The shares are counts over a thousand: the margin keeps exactly one picture within despite rounding.
        if self.non_digit_unsure_after < self.non_digit_unsure_before - MOST_NON_DIGIT_LOSS - SHARE_ROUNDING {
            return Some(format!(
                "it calls fewer non-digits Unsure: {:.1} % against {:.1} %",
                100.0 * self.non_digit_unsure_after,
                100.0 * self.non_digit_unsure_before
            ));
        }
        None
    }
}

/// The checks a personal model must pass besides the person's own samples.
pub struct Checks<'a> {
    pub general: &'a [Sample],
    /// Only its non-digits are used.
    pub non_digits: &'a ValidationSets,
}

impl Adapter {
    /// Learns from all of `personal` and judges the result: the person's samples are read in `folds` folds
    /// (each by a model learnt from the others), the general and non-digit checks by the final model.
    /// `watch` is told the share done of the whole job (`folds + 1` learns, then the checks), as in
    /// [`Adapter::learn`]; when it answers false, the job stops with [`Cancelled`].
    pub fn learn_and_check(
        &self,
        personal: &[Sample],
        config: &AdaptConfig,
        folds: usize,
        checks: &Checks,
        watch: &mut dyn FnMut(f64) -> bool,
    ) -> Result<(DigitNet, VarMap, Verdict)> {
        let mut job = Span { watch, from: 0.0, to: 1.0 };
        job.tell(0.0)?;
        let (built_in, _) = self.built_in()?;
        let folds = folds.clamp(2, personal.len().max(2));
        let whole = (folds + 1) as f64 + CHECKS_WEIGHT;
        let before = reads_right(&built_in, personal.iter())?;
        let mut after = vec![false; personal.len()];
        for fold in 0..folds {
            let taught: Vec<Sample> = personal.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, s)| s.clone()).collect();
            let (learnt, _) = self.learn_within(&taught, config, &mut job.part(fold as f64 / whole, (fold + 1) as f64 / whole))?;
            let held: Vec<usize> = (0..personal.len()).filter(|i| i % folds == fold).collect();
            let right = reads_right(&learnt, held.iter().map(|&i| &personal[i]))?;
            held.iter().zip(right).for_each(|(&i, r)| after[i] = r);
        }
        let (net, varmap) = self.learn_within(personal, config, &mut job.part(folds as f64 / whole, (folds + 1) as f64 / whole))?;
        let checked = (folds + 1) as f64 / whole;
        let general_before = rate(&built_in, checks.general)?;
        let general_after = rate(&net, checks.general)?;
        job.tell(checked + (1.0 - checked) / 2.0)?;
        let verdict = Verdict {
            held_out: personal.len(),
            right_before: before.iter().filter(|&&r| r).count(),
            right_after: after.iter().filter(|&&r| r).count(),
            newly_wrong: before.iter().zip(&after).filter(|(b, a)| **b && !**a).count(),
            general_before,
            general_after,
            non_digit_unsure_before: checks.non_digits.non_digit_unsure(&built_in, &self.device)?,
            non_digit_unsure_after: checks.non_digits.non_digit_unsure(&net, &self.device)?,
        };
        job.tell(1.0)?;
        Ok((net, varmap, verdict))
    }
}

/// Share of `samples` that `net` reads as their targets.
pub fn rate(net: &DigitNet, samples: &[Sample]) -> Result<f64> {
    let right = reads_right(net, samples.iter())?;
    Ok(right.iter().filter(|&&r| r).count() as f64 / right.len().max(1) as f64)
}

/// Whether `net` reads each sample as its target.
pub fn reads_right<'s>(net: &DigitNet, samples: impl Iterator<Item = &'s Sample>) -> Result<Vec<bool>> {
    let samples: Vec<&Sample> = samples.collect();
    let inputs: Vec<f32> = samples.iter().flat_map(|s| s.input.iter().copied()).collect();
    let read = crate::validation::top_probabilities(net, &inputs, &Device::Cpu)?;
    Ok(read.iter().zip(&samples).map(|((digit, _), s)| s.target == Target::Digit(*digit as u8)).collect())
}

/// Small distortions only: a person's own style is what is being learnt.
fn gentle() -> Augmentation {
    Augmentation {
        max_rotation_deg: 6.0,
        scale: (0.92, 1.06),
        max_shear: 0.08,
        max_shift: 1.5,
        elastic_probability: 0.3,
        dilate_probability: 0.1,
        erode_probability: 0.05,
        ..Augmentation::default()
    }
}

/// The frozen stages' features of back-to-back 28×28 inputs.
pub fn features(net: &DigitNet, inputs: &[f32], device: &Device) -> Result<Tensor> {
    let mut parts = Vec::new();
    for chunk in inputs.chunks(500 * PIXELS) {
        let images = Tensor::from_vec(chunk.to_vec(), (chunk.len() / PIXELS, 1, 28, 28), device)?;
        // Detached: the stages are frozen, and a graph back through them would make every step cost a pass.
        parts.push(net.stage_features(&images, false)?.detach());
    }
    Ok(Tensor::cat(&parts, 0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(right_before: usize, right_after: usize, newly_wrong: usize, general_after: f64) -> Verdict {
        Verdict {
            held_out: 20,
            right_before,
            right_after,
            newly_wrong,
            general_before: 0.995,
            general_after,
            non_digit_unsure_before: 0.9,
            non_digit_unsure_after: 0.95,
        }
    }

    #[test]
    fn a_personal_model_is_adopted_only_by_the_rule() {
        assert!(verdict(10, 12, 0, 0.994).refusal().is_none());
        assert!(verdict(10, 11, 0, 0.995).refusal().unwrap().contains("not at least 2 more"));
        assert!(verdict(10, 14, 1, 0.995).refusal().unwrap().contains("wrong that the built-in model reads right"));
        assert!(verdict(10, 14, 0, 0.992).refusal().unwrap().contains("general digits worse"));
        let fewer_unsure = Verdict { non_digit_unsure_after: 0.85, ..verdict(10, 14, 0, 0.995) };
        assert!(fewer_unsure.refusal().unwrap().contains("fewer non-digits Unsure"));
        let one_in_a_thousand = Verdict { non_digit_unsure_before: 0.998, non_digit_unsure_after: 0.997, ..verdict(10, 14, 0, 0.995) };
        assert!(one_in_a_thousand.refusal().is_none());
        let two_in_a_thousand = Verdict { non_digit_unsure_after: 0.996, ..one_in_a_thousand };
        assert!(two_in_a_thousand.refusal().unwrap().contains("fewer non-digits Unsure"));
    }

    /// The committed model, with a small replay set of blank and barred pictures.
    fn small_adapter() -> Adapter {
        let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx");
        let replay: Vec<Sample> = (0..40)
            .map(|i| {
                let mut input = vec![0.0; PIXELS];
                (4..24).for_each(|y| input[y * 28 + 4 + i % 20] = 1.0);
                Sample { input, target: if i % 4 == 0 { Target::NotADigit } else { Target::Digit(1) } }
            })
            .collect();
        Adapter::new(&model, &replay).unwrap()
    }

    fn personal() -> Vec<Sample> {
        let mut rng = StdRng::seed_from_u64(2);
        (0..6).map(|_| Sample { input: (0..PIXELS).map(|_| rng.gen_range(0.0..1.0)).collect(), target: Target::Digit(3) }).collect()
    }

    #[test]
    fn learning_reports_its_progress_and_stops_when_told() {
        let adapter = small_adapter();
        let config = AdaptConfig { steps: 40, ..AdaptConfig::default() };
        let mut seen = Vec::new();
        adapter.learn(&personal(), &config, &mut |done| { seen.push(done); true }).unwrap();
        assert!(seen.windows(2).all(|w| w[0] <= w[1]) && seen[0] == 0.0 && *seen.last().unwrap() == 1.0, "{seen:?}");
        assert!(seen.len() >= config.steps / WATCH_EVERY, "{seen:?}");
        let mut calls = 0;
        let Err(err) = adapter.learn(&personal(), &config, &mut |_| { calls += 1; calls < 3 }) else { panic!("not cancelled") };
        assert!(err.downcast_ref::<Cancelled>().is_some(), "{err}");
        assert_eq!(err.to_string(), "learning was cancelled");
        assert_eq!(calls, 3);
    }

    #[test]
    fn learning_and_checking_covers_the_whole_job_and_stops_when_told() {
        let adapter = small_adapter();
        let config = AdaptConfig { steps: 20, ..AdaptConfig::default() };
        let non_digits = ValidationSets::new(&[], 5);
        let checks = Checks { general: &personal(), non_digits: &non_digits };
        let mut seen = Vec::new();
        adapter.learn_and_check(&personal(), &config, 3, &checks, &mut |done| { seen.push(done); true }).unwrap();
        assert!(seen.windows(2).all(|w| w[0] <= w[1]) && *seen.last().unwrap() == 1.0, "{seen:?}");
        // Four learns (three folds and the final one) before the checks.
        assert!(seen.iter().any(|&d| d > 0.5 && d < 0.9), "{seen:?}");
        let Err(err) = adapter.learn_and_check(&personal(), &config, 3, &checks, &mut |done| done < 0.5) else {
            panic!("not cancelled")
        };
        assert!(err.is::<Cancelled>(), "{err}");
    }

    #[test]
    fn gentle_distortions_keep_the_ink() {
        let mut image = vec![0.0; PIXELS];
        (6..22).for_each(|y| image[y * 28 + 14] = 1.0);
        let mut rng = StdRng::seed_from_u64(1);
        let moved = gentle().apply(&image, &mut rng);
        let ink: f32 = moved.iter().sum();
        assert!((8.0..40.0).contains(&ink), "{ink}");
    }
}
