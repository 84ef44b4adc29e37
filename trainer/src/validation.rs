//! Checks run after every epoch besides MNIST's hold-out: real pen digits from sites never trained on,
//! generated non-digits and touching pairs, each drawn once from a fixed seed so epochs compare fairly.

use anyhow::Result;
use candle_core::{Device, Tensor};
use rand::rngs::StdRng;
use rand::SeedableRng;
use handwriting::synthetic::unipen::PenDigit;
use recognizer::verdict::UNSURE_BELOW;

use crate::examples::{model_input, pen_digit};
use crate::model::DigitNet;
use crate::{nondigits, touching};

/// Non-digits drawn for validation.
const NON_DIGITS: usize = 1000;
/// Pairs of touching pen digits drawn for validation.
const TOUCHING_PAIRS: usize = 500;

pub struct ValidationSets {
    pen_inputs: Vec<f32>,
    pen_labels: Vec<u8>,
    non_digit_inputs: Vec<f32>,
    /// Two touching digits of the validation site in one crop: a 1 swallowed by its neighbour reads as one digit.
    touching_inputs: Vec<f32>,
}

#[derive(Debug, Clone, Copy)]
pub struct PenScores {
    pub accuracy: f64,
    /// Share of digits whose top probability is under the unsure threshold.
    pub unsure: f64,
}

impl ValidationSets {
    pub fn new(pen: &[PenDigit], seed: u64) -> Self {
        // Different streams from training's, which are seeded by (seed, epoch, position).
        let mut rng = StdRng::seed_from_u64(seed.wrapping_add(0x7A11_DA7E));
        let pen_inputs = pen.iter().flat_map(|d| pen_digit(&d.strokes, &mut rng)).collect();
        let non_digit_inputs = (0..NON_DIGITS).flat_map(|_| model_input(&nondigits::draw(&mut rng))).collect();
        // A stream of their own, so the other sets stay what they were before pairs were checked.
        let mut rng = StdRng::seed_from_u64(seed.wrapping_add(0x2_7A11_DA7E));
        let touching_inputs = if pen.is_empty() {
            Vec::new()
        } else {
            (0..TOUCHING_PAIRS).flat_map(|_| model_input(&touching::pen_pair(pen, &mut rng))).collect()
        };
        Self { pen_inputs, pen_labels: pen.iter().map(|d| d.label).collect(), non_digit_inputs, touching_inputs }
    }

    pub fn pen_scores(&self, net: &DigitNet, device: &Device) -> Result<PenScores> {
        let rows = top_probabilities(net, &self.pen_inputs, device)?;
        let count = rows.len().max(1) as f64;
        let right = rows.iter().zip(&self.pen_labels).filter(|((digit, _), label)| *digit == **label as usize).count();
        let unsure = rows.iter().filter(|(_, p)| *p < UNSURE_BELOW).count();
        Ok(PenScores { accuracy: right as f64 / count, unsure: unsure as f64 / count })
    }

    /// Share of the non-digits with no clear winner.
    pub fn non_digit_unsure(&self, net: &DigitNet, device: &Device) -> Result<f64> {
        let rows = top_probabilities(net, &self.non_digit_inputs, device)?;
        Ok(unsure_share(&rows))
    }

    /// Share of the touching pairs with no clear winner.
    pub fn touching_unsure(&self, net: &DigitNet, device: &Device) -> Result<f64> {
        Ok(unsure_share(&top_probabilities(net, &self.touching_inputs, device)?))
    }
}

fn unsure_share(rows: &[(usize, f32)]) -> f64 {
    rows.iter().filter(|(_, p)| *p < UNSURE_BELOW).count() as f64 / rows.len().max(1) as f64
}

/// The top digit and its probability for each 28×28 input.
pub fn top_probabilities(net: &DigitNet, inputs: &[f32], device: &Device) -> Result<Vec<(usize, f32)>> {
    let mut rows = Vec::with_capacity(inputs.len() / 784);
    for chunk in inputs.chunks(500 * 784) {
        let images = Tensor::from_vec(chunk.to_vec(), (chunk.len() / 784, 1, 28, 28), device)?;
        let probabilities = candle_nn::ops::softmax(&net.forward(&images, false)?, 1)?.to_vec2::<f32>()?;
        rows.extend(probabilities.iter().map(|p| {
            let digit = recognizer::classifier::argmax(p);
            (digit, p[digit])
        }));
    }
    Ok(rows)
}
