//! The scenes of `handwriting::synthetic::scenes` (touching digits, pages, notebook paper, tables, amounts, tight
//! crops) made of MNIST training images held out from training instead of test images, and read by the app's
//! code with a given model: the figures to choose a model or a segmentation setting by, so that the scene tests
//! on the test set stay a measurement.

use std::path::Path;

use anyhow::Result;
use handwriting::mnist::{Split, PIXELS};
use handwriting::synthetic::scenes::{SceneKind, Scenes};
use recognizer::Recognizer;

/// The digits at `indices` of `split`, in that order.
pub fn subset(split: &Split, indices: &[usize]) -> Split {
    Split {
        pixels: indices.iter().flat_map(|&i| split.pixels[i * PIXELS..(i + 1) * PIXELS].iter().copied()).collect(),
        labels: indices.iter().map(|&i| split.labels[i]).collect(),
    }
}

/// Scenes of `kind` read exactly, of `count` drawn from each seed. With `misses`, each scene read wrong is
/// written there as `{kind}-{seed}-{index}-{lines}-as-{read}.png`, to look at.
pub fn exact(model: &Path, digits: &Split, kind: SceneKind, seeds: &[u64], count: usize, misses: Option<&Path>) -> Result<(usize, usize)> {
    let recognizer = Recognizer::load(model)?;
    let mut right = 0;
    for &seed in seeds {
        let mut scenes = Scenes::from_split(digits.clone(), seed);
        for index in 0..count {
            let scene = scenes.scene(kind);
            let read = scene.read(kind, &recognizer);
            right += (read == scene.lines) as usize;
            if let (Some(dir), false) = (misses, read == scene.lines) {
                scene.save_miss(dir, &format!("{kind:?}-{seed}-{index:03}"), &read)?;
            }
        }
    }
    Ok((right, seeds.len() * count))
}
