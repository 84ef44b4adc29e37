//! Checks that ONNX Runtime, running the exported graph, gives the logits candle gives.

use std::path::Path;

use anyhow::Result;
use candle_core::{Device, Tensor};
use handwriting::mnist::Split;
use recognizer::Classifier;

use crate::train::{gather, seeded_model};
use crate::onnx_export;

#[derive(Debug, Clone, Copy)]
pub struct Parity {
    pub images: usize,
    pub max_abs_difference: f32,
    pub argmax_disagreements: usize,
}

/// Runs the first `count` images of `split` through candle (weights read back from the ONNX file) and ort.
pub fn compare(model_path: &Path, split: &Split, count: usize) -> Result<Parity> {
    let device = Device::Cpu;
    let (net, varmap) = seeded_model(0, &device)?;
    onnx_export::import(&onnx_export::read(model_path)?, &varmap)?;
    let classifier = Classifier::load(model_path)?;
    let indices: Vec<usize> = (0..count.min(split.len())).collect();
    let (mut max_abs_difference, mut argmax_disagreements) = (0f32, 0);
    for chunk in indices.chunks(250) {
        let pixels = gather(split, chunk);
        let ort_scores = classifier.classify_batch(&pixels)?;
        let candle_logits = net
            .forward(&Tensor::from_vec(pixels, (chunk.len(), 1, 28, 28), &device)?, false)?
            .to_vec2::<f32>()?;
        for (ours, theirs) in candle_logits.iter().zip(&ort_scores) {
            for (a, b) in ours.iter().zip(&theirs.logits) {
                max_abs_difference = max_abs_difference.max((a - b).abs());
            }
            argmax_disagreements += (recognizer::classifier::argmax(ours) != theirs.digit() as usize) as usize;
        }
    }
    Ok(Parity { images: indices.len(), max_abs_difference, argmax_disagreements })
}
