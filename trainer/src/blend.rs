//! Weight-space blending of a model with the model fine-tuned from it (WiSE-FT, Wortsman et al., CVPR 2022):
//! fine-tuning on new kinds of handwriting moves the weights away from those that read MNIST best, and a
//! point on the line between the two often keeps most of both. The point is chosen on validation data
//! (MNIST's hold-out and the validation pen site), never on the test set.

use anyhow::{bail, Result};
use candle_core::{Device, Tensor};
use candle_nn::VarMap;
use handwriting::mnist::Split;

use crate::model::DigitNet;
use crate::onnx_export;
use crate::onnx_proto::ModelProto;
use crate::train::{accuracy, seeded_model};
use crate::validation::{PenScores, ValidationSets};

/// How a blend reads the validation sets.
#[derive(Debug, Clone, Copy)]
pub struct BlendScores {
    /// The tuned model's share: 0 is the base model, 1 the tuned one.
    pub weight: f64,
    pub mnist_validation: f64,
    /// The MNIST images trained on, undistorted: 55 000 of them show a change that the 5 000 held out can hide.
    pub mnist_training: f64,
    pub pen: PenScores,
    pub non_digit_unsure: f64,
    pub touching_unsure: f64,
}

/// A network with the weights of an exported model.
pub fn load(path: &std::path::Path, device: &Device) -> Result<(DigitNet, VarMap)> {
    from_model(&onnx_export::read(path)?, device)
}

/// A network with the weights of an exported model already read.
pub fn from_model(model: &ModelProto, device: &Device) -> Result<(DigitNet, VarMap)> {
    let (net, varmap) = seeded_model(0, device)?;
    onnx_export::import(model, &varmap)?;
    Ok((net, varmap))
}

/// Sets every variable of `out` (batch-norm statistics included) to `(1 - weight) · base + weight · tuned`.
pub fn blend(base: &VarMap, tuned: &VarMap, weight: f64, out: &VarMap) -> Result<()> {
    let (base, tuned, out) = (base.data().lock().unwrap(), tuned.data().lock().unwrap(), out.data().lock().unwrap());
    for (name, var) in out.iter() {
        let (Some(a), Some(b)) = (base.get(name), tuned.get(name)) else { bail!("variable {name} missing") };
        let mixed: Tensor = ((a.as_tensor() * (1.0 - weight))? + (b.as_tensor() * weight)?)?;
        var.set(&mixed)?;
    }
    Ok(())
}

/// The MNIST images a blend is scored on: those held out, and those trained on.
pub struct MnistChecks<'a> {
    pub split: &'a Split,
    pub validation: &'a [usize],
    pub training: &'a [usize],
}

/// Scores the blend of `base` and `tuned` at each weight on the validation sets.
pub fn scan(
    base: &VarMap,
    tuned: &VarMap,
    weights: &[f64],
    mnist: &MnistChecks,
    checks: &ValidationSets,
    device: &Device,
) -> Result<Vec<BlendScores>> {
    let (net, varmap) = seeded_model(0, device)?;
    let mut rows = Vec::new();
    for &weight in weights {
        blend(base, tuned, weight, &varmap)?;
        rows.push(BlendScores {
            weight,
            mnist_validation: accuracy(&net, mnist.split, mnist.validation, device)?,
            mnist_training: accuracy(&net, mnist.split, mnist.training, device)?,
            pen: checks.pen_scores(&net, device)?,
            non_digit_unsure: checks.non_digit_unsure(&net, device)?,
            touching_unsure: checks.touching_unsure(&net, device)?,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blend_lies_between_its_models() -> Result<()> {
        let device = Device::Cpu;
        let (_, a) = seeded_model(1, &device)?;
        let (_, b) = seeded_model(2, &device)?;
        let (_, out) = seeded_model(3, &device)?;
        blend(&a, &b, 0.25, &out)?;
        let name = "output.weight";
        let value = |m: &VarMap| -> Result<f32> {
            Ok(m.data().lock().unwrap()[name].as_tensor().flatten_all()?.get(0)?.to_scalar::<f32>()?)
        };
        let (x, y, z) = (value(&a)?, value(&b)?, value(&out)?);
        assert!((z - (0.75 * x + 0.25 * y)).abs() < 1e-6, "{x} {y} {z}");
        Ok(())
    }
}
