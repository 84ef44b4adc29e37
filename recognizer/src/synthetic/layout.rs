//! Places MNIST digits side by side as an ink-coverage map (0..1): sizes, baselines and gaps vary the
//! way handwriting does.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma};
use rand::rngs::StdRng;
use rand::Rng;

use crate::mnist::Split;

#[derive(Debug, Clone, Copy)]
pub enum Spacing {
    /// Uneven gaps, wandering baseline, margins of any size.
    Handwritten,
    /// Wider, steadier gaps, as people draw digits on a canvas.
    Canvas,
}

/// Renders the digits `indices` of `set` about `height` pixels tall, left to right, with margins.
pub fn write_number(set: &Split, indices: &[usize], height: f32, spacing: Spacing, rng: &mut StdRng) -> GrayImage {
    let glyphs: Vec<GrayImage> = indices
        .iter()
        .map(|&i| {
            let size = height * rng.gen_range(0.9..1.1);
            scaled_glyph(set.image(i), size / 20.0)
        })
        .collect();
    let (gap_range, margin_range) = match spacing {
        Spacing::Handwritten => (0.1..0.6, 0.3..2.5),
        Spacing::Canvas => (0.25..0.8, 0.3..1.0),
    };
    let gaps: Vec<u32> = (1..glyphs.len()).map(|_| (height * rng.gen_range(gap_range.clone())) as u32).collect();
    let margins: [u32; 4] = std::array::from_fn(|_| (height * rng.gen_range(margin_range.clone())) as u32);
    let wobble = match spacing {
        Spacing::Handwritten => 0.1,
        Spacing::Canvas => 0.05,
    };
    let tallest = glyphs.iter().map(|g| g.height()).max().unwrap_or(1);
    let line = tallest + (2.0 * wobble * height) as u32;
    let width = margins[0] + margins[2] + glyphs.iter().map(|g| g.width()).sum::<u32>() + gaps.iter().sum::<u32>();
    let mut page = GrayImage::new(width, margins[1] + line + margins[3]);
    let mut x = margins[0];
    for (i, glyph) in glyphs.iter().enumerate() {
        let baseline_shift = rng.gen_range(0.0..=2.0 * wobble * height) as u32;
        let y = margins[1] + baseline_shift + (tallest - glyph.height()) / 2;
        for (gx, gy, p) in glyph.enumerate_pixels() {
            let target = page.get_pixel_mut(x + gx, y + gy);
            target[0] = target[0].max(p[0]);
        }
        x += glyph.width() + gaps.get(i).copied().unwrap_or(0);
    }
    page
}

/// The digit's ink cropped to its box and scaled by `scale`.
fn scaled_glyph(pixels: &[u8], scale: f32) -> GrayImage {
    let (mut x0, mut y0, mut x1, mut y1) = (27, 27, 0, 0);
    for (i, &p) in pixels.iter().enumerate() {
        if p > 0 {
            let (x, y) = (i % 28, i / 28);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
    }
    let crop = GrayImage::from_fn((x1 + 1 - x0) as u32, (y1 + 1 - y0) as u32, |x, y| {
        Luma([pixels[(y0 + y as usize) * 28 + x0 + x as usize]])
    });
    let width = ((crop.width() as f32 * scale).round() as u32).max(1);
    let height = ((crop.height() as f32 * scale).round() as u32).max(1);
    imageops::resize(&crop, width, height, FilterType::Triangle)
}
