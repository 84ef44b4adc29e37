//! A seeded generator of realistic test pictures made from MNIST **test** digits (never the training set):
//! numbers written on paper and photographed with a phone (paper tints, uneven light, shadows, noise, blur,
//! small rotations and perspective, JPEG), and clean multi-digit canvas drawings. The same seed always gives
//! the same pictures, so accuracy tests are repeatable.

pub(crate) mod camera;
mod layout;
pub mod pen;
pub mod restroke;
pub mod scenes;
pub mod unipen;

use std::path::Path;

use image::RgbaImage;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::mnist::{self, IdxError, Part, Split};

/// A picture and the number written in it.
#[derive(Debug, Clone)]
pub struct Sample {
    pub image: RgbaImage,
    pub number: String,
}

pub struct Generator {
    test_set: Split,
    rng: StdRng,
}

impl Generator {
    /// Reads the MNIST test split from `mnist_dir`.
    pub fn from_test_set(mnist_dir: &Path, seed: u64) -> Result<Self, IdxError> {
        Ok(Self { test_set: mnist::load_split(mnist_dir, Part::Test)?, rng: StdRng::seed_from_u64(seed) })
    }

    /// A phone photo of `count` handwritten digits on paper.
    pub fn photo(&mut self, count: usize) -> Sample {
        let (indices, number) = self.pick_digits(count);
        let height = self.rng.gen_range(28.0..110.0);
        let ink = layout::write_number(&self.test_set, &indices, height, layout::Spacing::Handwritten, &mut self.rng);
        Sample { image: camera::photograph(&ink, &mut self.rng), number }
    }

    /// A clean drawing of `count` digits, the way the app's canvas exports one.
    pub fn canvas(&mut self, count: usize) -> Sample {
        let (indices, number) = self.pick_digits(count);
        let height = self.rng.gen_range(60.0..120.0);
        let ink = layout::write_number(&self.test_set, &indices, height, layout::Spacing::Canvas, &mut self.rng);
        Sample { image: camera::canvas(&ink), number }
    }

    fn pick_digits(&mut self, count: usize) -> (Vec<usize>, String) {
        let indices: Vec<usize> = (0..count).map(|_| self.rng.gen_range(0..self.test_set.len())).collect();
        let number = indices.iter().map(|&i| char::from(b'0' + self.test_set.labels[i])).collect();
        (indices, number)
    }
}
