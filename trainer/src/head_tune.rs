//! Fine-tunes only the dense head of a trained model on one epoch's worth of the general mixture (MNIST
//! distorted and re-drawn, UNIPEN pen digits with European styles, non-digits), drawn once: the stages'
//! features are computed once, so a run takes minutes instead of the hours a full epoch does on 2 cores.
//! It lets the head learn more non-digits (a larger share, full weight) without moving the stages that the
//! digits' reading rests on.

use std::path::Path;

use anyhow::Result;
use candle_core::{Device, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarMap};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rayon::prelude::*;

use crate::augment::Augmentation;
use crate::blend;
use crate::examples::{epoch_examples, example_rng, Corpus, Example, Mixture, Target};
use crate::adapt;
use crate::model::{dropout_mask, head_variables, DigitNet};
use crate::train::{distilled_targets, learning_rate, soft_targets};

#[derive(Debug, Clone)]
pub struct HeadTuneConfig {
    pub mixture: Mixture,
    /// A non-digit's pull towards equal probabilities, against a digit's loss.
    pub non_digit_weight: f32,
    pub epochs: usize,
    pub learning_rate: f64,
    pub batch_size: usize,
    pub seed: u64,
    /// How far MNIST examples pull towards the base model's own probabilities instead of their labels (0 = labels
    /// only, 1 = the base model's only), so the head learns non-digits and pen digits while moving MNIST's
    /// reading as little as it can.
    pub distil: f32,
    /// The same for the UNIPEN pen digits: a share of the base model's confidence keeps real pen digits from
    /// turning Unsure while the head learns to give non-digits equal probabilities.
    pub distil_pen: f32,
}

impl Default for HeadTuneConfig {
    fn default() -> Self {
        Self {
            mixture: Mixture { non_digit_fraction: 0.25, ..Mixture::default() },
            non_digit_weight: 1.0,
            epochs: 3,
            learning_rate: 3e-4,
            batch_size: 128,
            seed: 99,
            distil: 0.0,
            distil_pen: 0.0,
        }
    }
}

/// The model at `base` with its dense layers trained on the examples `corpus` draws for `order` (MNIST
/// indices) and its pen digits.
pub fn head_tune(base: &Path, corpus: &Corpus, order: &[usize], config: &HeadTuneConfig) -> Result<(DigitNet, VarMap)> {
    let device = Device::Cpu;
    let (net, varmap) = blend::load(base, &device)?;
    let mut rng = StdRng::seed_from_u64(config.seed);
    // The mixture's plain MNIST copies (learning the base model's own probabilities when `distil` says so) are
    // added below: their features are computed once and repeated.
    let plain_mnist = config.mixture.plain_mnist;
    let mut examples = epoch_examples(order, corpus.pen.len(), &Mixture { plain_mnist: 0, ..config.mixture }, &mut rng);
    let augmentation = Augmentation::default();
    let rendered: Vec<(Vec<f32>, Target)> = examples
        .par_iter()
        .enumerate()
        .map(|(k, &example)| corpus.render(example, &augmentation, &mut example_rng(config.seed, 1, k)))
        .collect();
    let pixels: Vec<f32> = rendered.iter().flat_map(|(p, _)| p.iter().copied()).collect();
    let mut targets: Vec<Target> = rendered.into_iter().map(|(_, t)| t).collect();
    let mut features = adapt::features(&net, &pixels, &device)?;
    drop(pixels);
    if plain_mnist > 0 {
        let plain: Vec<Example> = order.iter().map(|&i| Example::Plain(i)).collect();
        let pixels: Vec<f32> = order.iter().flat_map(|&i| corpus.mnist.image_f32(i)).collect();
        let plain_features = adapt::features(&net, &pixels, &device)?;
        let copies = std::iter::repeat_n(&plain_features, plain_mnist);
        features = Tensor::cat(&std::iter::once(&features).chain(copies).collect::<Vec<_>>(), 0)?;
        for _ in 0..plain_mnist {
            targets.extend(order.iter().map(|&i| Target::Digit(corpus.mnist.labels[i])));
            examples.extend(&plain);
        }
    }
    let wanted = wanted_probabilities(&net, &features, &examples, &targets, config)?;
    let params = ParamsAdamW { lr: config.learning_rate, weight_decay: 0.01, ..Default::default() };
    let mut optimizer = AdamW::new(head_variables(&varmap), params)?;
    let total = config.epochs * targets.len().div_ceil(config.batch_size);
    let mut step = 0;
    for _ in 0..config.epochs {
        let mut order: Vec<u32> = (0..targets.len() as u32).collect();
        order.shuffle(&mut rng);
        for batch in order.chunks(config.batch_size) {
            let rows = Tensor::new(batch, &device)?;
            let (x, wanted) = (features.index_select(&rows, 0)?, wanted.index_select(&rows, 0)?);
            let mask = dropout_mask(batch.len(), &mut rng, &device)?;
            let log_probabilities = candle_nn::ops::log_softmax(&net.head(&x, Some(&mask))?, 1)?;
            let loss = (log_probabilities * &wanted)?.sum_all()?.affine(-1.0 / batch.len() as f64, 0.0)?;
            optimizer.set_learning_rate(learning_rate(config.learning_rate, step, total));
            optimizer.backward_step(&loss)?;
            step += 1;
        }
    }
    Ok((net, varmap))
}

/// What each example is trained towards (examples × 10): its label, equal probabilities for a non-digit, and for
/// digits a share (`config.distil` for MNIST, `config.distil_pen` for pen digits) of the base model's own probabilities.
fn wanted_probabilities(net: &DigitNet, features: &Tensor, examples: &[Example], targets: &[Target], config: &HeadTuneConfig) -> Result<Tensor> {
    let device = features.device();
    let labels = Tensor::from_vec(soft_targets(targets.iter().copied(), config.non_digit_weight), (targets.len(), 10), device)?;
    if config.distil <= 0.0 && config.distil_pen <= 0.0 {
        return Ok(labels);
    }
    let teacher = net.head_probabilities(features)?;
    let share: Vec<f32> = examples
        .iter()
        .map(|e| match e {
            Example::Mnist(_) | Example::Plain(_) | Example::Restroked(_) => config.distil,
            Example::Pen(_) => config.distil_pen,
            Example::NotADigit => 0.0,
        })
        .collect();
    let share = Tensor::from_vec(share, (targets.len(), 1), device)?;
    Ok(distilled_targets(&labels, &teacher, &share)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::seeded_model;
    use recognizer::preprocess::PIXELS;

    #[test]
    fn mnist_examples_learn_the_base_models_probabilities_and_the_rest_their_labels() {
        let device = Device::Cpu;
        let (net, _) = seeded_model(3, &device).unwrap();
        let pixels: Vec<f32> = (0..3 * PIXELS).map(|i| ((i * 7919) % 255) as f32 / 255.0).collect();
        let features = adapt::features(&net, &pixels, &device).unwrap();
        let examples = [Example::Mnist(0), Example::Pen(0), Example::NotADigit];
        let targets = [Target::Digit(4), Target::Digit(7), Target::NotADigit];
        let config = HeadTuneConfig { distil: 1.0, ..HeadTuneConfig::default() };
        let wanted = wanted_probabilities(&net, &features, &examples, &targets, &config).unwrap().to_vec2::<f32>().unwrap();
        let teacher = candle_nn::ops::softmax(&net.head(&features, None).unwrap(), 1).unwrap().to_vec2::<f32>().unwrap();
        assert!(wanted[0].iter().zip(&teacher[0]).all(|(w, t)| (w - t).abs() < 1e-6), "{:?} vs {:?}", wanted[0], teacher[0]);
        assert_eq!(wanted[1], std::array::from_fn::<f32, 10, _>(|k| (k == 7) as u8 as f32).to_vec());
        assert!(wanted[2].iter().all(|&w| (w - 0.1).abs() < 1e-6), "{:?}", wanted[2]);

        let labels_only = wanted_probabilities(&net, &features, &examples, &targets, &HeadTuneConfig::default()).unwrap();
        assert_eq!(labels_only.to_vec2::<f32>().unwrap()[0], std::array::from_fn::<f32, 10, _>(|k| (k == 4) as u8 as f32).to_vec());
    }
}
