//! Runs the digit CNN through ONNX Runtime. The session is built once and shared.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::TensorRef;

use crate::preprocess::PIXELS;
use crate::{runtime, ModelError};

/// Name of the model's input: float32 `[N,1,28,28]`, 0..1, ink = 1.
pub const INPUT_NAME: &str = "image";
/// Name of the model's output: float32 `[N,10]` logits.
pub const OUTPUT_NAME: &str = "logits";
/// File name of the committed model.
pub const MODEL_FILE: &str = "digits-cnn.onnx";

/// Class scores for one image.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub logits: [f32; 10],
    pub probabilities: [f32; 10],
}

impl Scores {
    fn from_logits(logits: [f32; 10]) -> Self {
        Self {
            logits,
            probabilities: softmax(&logits),
        }
    }

    /// The most probable digit.
    pub fn digit(&self) -> u8 {
        argmax(&self.probabilities) as u8
    }

    /// Probability of the most probable digit.
    pub fn confidence(&self) -> f32 {
        self.probabilities[self.digit() as usize]
    }
}

enum ModelSource<'a> {
    File(&'a Path),
    Memory(&'a [u8], &'a Path),
}

pub struct Classifier {
    // `Session::run` needs `&mut`; a mutex lets one classifier serve several threads.
    session: Mutex<Session>,
    model_path: PathBuf,
}

impl Classifier {
    /// Loads a model, using all cores ONNX Runtime chooses.
    pub fn load(model_path: &Path) -> Result<Self, ModelError> {
        Self::load_with_threads(model_path, 0)
    }

    /// Loads a model with `threads` intra-op threads (0 lets ONNX Runtime choose).
    pub fn load_with_threads(model_path: &Path, threads: usize) -> Result<Self, ModelError> {
        if !model_path.is_file() {
            return Err(ModelError::ModelMissing(model_path.to_path_buf()));
        }
        Self::build(ModelSource::File(model_path), threads)
    }

    /// Loads a model held in memory (built into the app, as on phones), shown as `name` in messages.
    pub fn load_from_memory(model: &[u8], name: &Path, threads: usize) -> Result<Self, ModelError> {
        Self::build(ModelSource::Memory(model, name), threads)
    }

    fn build(source: ModelSource<'_>, threads: usize) -> Result<Self, ModelError> {
        let model_path = match source {
            ModelSource::File(path) | ModelSource::Memory(_, path) => path,
        };
        let environment = runtime::environment()?;
        let session = Session::builder(environment)
            .and_then(|b| b.with_optimization_level(GraphOptimizationLevel::Level3).map_err(Into::into))
            .and_then(|b| b.with_intra_threads(threads).map_err(Into::into))
            .and_then(|mut b| match source {
                ModelSource::File(path) => b.commit_from_file(path),
                ModelSource::Memory(bytes, _) => b.commit_from_memory(bytes),
            })
            .map_err(|source| ModelError::ModelInvalid { path: model_path.to_path_buf(), source: Arc::new(source) })?;
        let has_input = session.inputs().iter().any(|i| i.name() == INPUT_NAME);
        let has_output = session.outputs().iter().any(|o| o.name() == OUTPUT_NAME);
        if !has_input || !has_output {
            return Err(ModelError::NotADigitModel { path: model_path.to_path_buf() });
        }
        Ok(Self {
            session: Mutex::new(session),
            model_path: model_path.to_path_buf(),
        })
    }

    pub fn model_path(&self) -> &Path {
        &self.model_path
    }

    /// Classifies one 28×28 image (784 values, 0..1, ink = 1).
    pub fn classify(&self, image: &[f32]) -> Result<Scores, ModelError> {
        Ok(self.classify_batch(image)?.remove(0))
    }

    /// Classifies images stored back to back, 784 values each.
    pub fn classify_batch(&self, images: &[f32]) -> Result<Vec<Scores>, ModelError> {
        if images.is_empty() || !images.len().is_multiple_of(PIXELS) {
            return Err(ModelError::PartialImage { values: images.len() });
        }
        let count = images.len() / PIXELS;
        let input = TensorRef::from_array_view(([count, 1, 28, 28], images))?;
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let outputs = session.run(ort::inputs![INPUT_NAME => input])?;
        let (shape, logits) = outputs[OUTPUT_NAME].try_extract_tensor::<f32>()?;
        if shape.len() != 2 || shape[0] as usize != count || shape[1] != 10 {
            return Err(ModelError::OutputShape { shape: shape.to_vec(), count });
        }
        Ok(logits
            .chunks_exact(10)
            .map(|row| Scores::from_logits(row.try_into().expect("chunk of 10")))
            .collect())
    }
}

/// Numerically stable softmax.
pub fn softmax(logits: &[f32; 10]) -> [f32; 10] {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut out = logits.map(|l| (l - max).exp());
    let sum: f32 = out.iter().sum();
    out.iter_mut().for_each(|p| *p /= sum);
    out
}

pub fn argmax(values: &[f32]) -> usize {
    values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// The model used when the caller names none: `DIGITS_MODEL`, the app's resource folders
/// ([`crate::resources`]), a copy beside the executable, else the workspace's `models/` folder.
pub fn default_model_path() -> PathBuf {
    if let Some(path) = std::env::var_os("DIGITS_MODEL") {
        return PathBuf::from(path);
    }
    let workspace_copy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models").join(MODEL_FILE);
    let in_resources = crate::resources::dirs().into_iter().map(|dir| dir.join("models").join(MODEL_FILE));
    let beside_exe = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf));
    let beside_exe = beside_exe.into_iter().flat_map(|dir| {
        [
            dir.join(MODEL_FILE),
            dir.join("models").join(MODEL_FILE),
            dir.join("../lib/digit-recognizer/models").join(MODEL_FILE),
        ]
    });
    in_resources.chain(beside_exe).find(|p| p.is_file()).unwrap_or(workspace_copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let p = softmax(&[1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 100.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert_eq!(argmax(&p), 9);
        assert!(p[2] > p[1] && p[1] > p[0]);
    }

    #[test]
    fn missing_model_is_a_clear_error() {
        let err = Classifier::load(Path::new("/no/such/model.onnx")).err().unwrap();
        assert!(err.to_string().contains("/no/such/model.onnx"), "{err}");
    }
}
