//! RGBA → ink intensity, whatever the polarity: dark pen on paper and light chalk on a dark board both
//! come out as ink = 1 on background = 0.

use super::{Bounds, PreprocessError, MAX_SIDE};

/// A single-channel image of ink intensity, row-major, values 0..1.
#[derive(Debug, Clone, PartialEq)]
pub struct InkMap {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f32>,
}

impl InkMap {
    pub fn new(width: usize, height: usize) -> Self {
        Self { width, height, values: vec![0.0; width * height] }
    }

    /// A `width`×`height` map whose value at (x, y) is `f(x, y)`.
    pub fn from_fn(width: usize, height: usize, f: impl Fn(usize, usize) -> f32) -> Self {
        Self { width, height, values: (0..width * height).map(|i| f(i % width, i / width)).collect() }
    }

    /// A map of the same size with `f` applied to every value.
    pub fn map(&self, f: impl Fn(f32) -> f32) -> InkMap {
        InkMap { width: self.width, height: self.height, values: self.values.iter().map(|&v| f(v)).collect() }
    }

    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.values[y * self.width + x]
    }

    pub fn crop(&self, b: Bounds) -> InkMap {
        let mut out = InkMap::new(b.width, b.height);
        for y in 0..b.height {
            let row = (b.y + y) * self.width + b.x;
            out.values[y * b.width..(y + 1) * b.width].copy_from_slice(&self.values[row..row + b.width]);
        }
        out
    }
}

/// Luminance 0..1 of each pixel, composited over white (a transparent canvas is white paper).
pub fn luminance(rgba: &[u8], width: usize, height: usize) -> InkMap {
    let values = rgba
        .chunks_exact(4)
        .map(|p| {
            let alpha = p[3] as f32 / 255.0;
            let lum = (0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32) / 255.0;
            lum * alpha + (1.0 - alpha)
        })
        .collect();
    InkMap { width, height, values }
}

/// Luminance 0..1 of 8-bit grey pixels (a canvas sent as one byte per pixel).
pub fn luminance_from_grey(grey: &[u8], width: u32, height: u32) -> Result<InkMap, PreprocessError> {
    check_pixels(grey, width, height, 1)?;
    let values = grey.iter().map(|&v| v as f32 / 255.0).collect();
    Ok(InkMap { width: width as usize, height: height as usize, values })
}

/// [`luminance`] of a `width`×`height` RGBA picture, once its size and length are checked.
pub fn luminance_from_rgba(rgba: &[u8], width: u32, height: u32) -> Result<InkMap, PreprocessError> {
    check_pixels(rgba, width, height, 4)?;
    Ok(luminance(rgba, width as usize, height as usize))
}

fn check_pixels(pixels: &[u8], width: u32, height: u32, channels: usize) -> Result<(), PreprocessError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PreprocessError::BadSize { width, height });
    }
    let expected = width as usize * height as usize * channels;
    if pixels.len() != expected {
        return Err(PreprocessError::WrongLength { width, height, expected, found: pixels.len() });
    }
    Ok(())
}
