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

/// How a kind of scene was read: how many scenes, how many read exactly, and how many of each marked Unsure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub total: usize,
    pub right: usize,
    /// Read exactly, yet marked Unsure: a doubt the user did not need.
    pub right_unsure: usize,
    /// Read wrong and marked Unsure: the user was warned.
    pub wrong_unsure: usize,
}

/// Scenes of `kind`, `count` drawn from each seed, each picture scaled by `scale` (`Scene::scaled`), as read.
/// With `misses`, each scene read wrong is written there as `{kind}-{seed}-{index}-{lines}-as-{read}.png` (`?`
/// after the reading when Unsure), to look at.
pub fn tally(model: &Path, digits: &Split, kind: SceneKind, seeds: &[u64], count: usize, scale: f32, misses: Option<&Path>) -> Result<Tally> {
    let recognizer = Recognizer::load(model)?;
    let mut tally = Tally::default();
    for &seed in seeds {
        let mut scenes = Scenes::from_split(digits.clone(), seed);
        for index in 0..count {
            let scene = scenes.scene(kind).scaled(kind, scale);
            let read = scene.read(kind, &recognizer);
            let right = read.lines == scene.lines;
            tally.total += 1;
            tally.right += right as usize;
            tally.right_unsure += (right && read.unsure) as usize;
            tally.wrong_unsure += (!right && read.unsure) as usize;
            if let (Some(dir), false) = (misses, right) {
                scene.save_miss(dir, &format!("{kind:?}-{seed}-{index:03}"), &read)?;
            }
        }
    }
    Ok(tally)
}
