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

    /// The value at (`x`, `y`) in pixel-index coordinates (pixel (i, j) at (i, j)), interpolated bilinearly
    /// between the four pixels round it; 0 beyond the edges.
    pub fn bilinear_at(&self, x: f32, y: f32) -> f32 {
        let at = |x: isize, y: isize| {
            if x < 0 || y < 0 || x >= self.width as isize || y >= self.height as isize { 0.0 } else { self.at(x as usize, y as usize) }
        };
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
        let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
        top * (1.0 - fy) + bottom * fy
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

/// Luminance 0..1 of each pixel, composited over paper. A transparent background is white paper, unless what is
/// drawn on it is light (white strokes exported from a drawing app in dark mode): then the paper is black, so
/// that the strokes stay visible and read as light ink on a dark background.
pub fn luminance(rgba: &[u8], width: usize, height: usize) -> InkMap {
    let paper = paper_behind(rgba);
    let values = rgba
        .chunks_exact(4)
        .map(|p| {
            let alpha = p[3] as f32 / 255.0;
            pixel_luminance(p) * alpha + paper * (1.0 - alpha)
        })
        .collect();
    InkMap { width, height, values }
}

fn pixel_luminance(p: &[u8]) -> f32 {
    (0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32) / 255.0
}

/// The paper behind an RGBA picture's transparency: white (1), or black (0) when most of the picture is
/// see-through and what is not is light on average. A picture that is mostly opaque (a photo, a scan, a card
/// with clear corners) keeps white. The app's preview shows the picture on the same paper.
pub fn paper_behind(rgba: &[u8]) -> f32 {
    let (mut see_through, mut opacity, mut opaque_luminance) = (0usize, 0f64, 0f64);
    for p in rgba.chunks_exact(4) {
        let alpha = p[3] as f64 / 255.0;
        if alpha < 0.5 {
            see_through += 1;
        }
        opacity += alpha;
        opaque_luminance += alpha * pixel_luminance(p) as f64;
    }
    let mostly_see_through = see_through * 2 > rgba.len() / 4;
    if mostly_see_through && opacity > 0.0 && opaque_luminance / opacity > 0.5 { 0.0 } else { 1.0 }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A 40×40 picture, see-through but for a bar of `ink` (RGB) in its middle columns.
    fn bar_on_clear(ink: [u8; 3]) -> Vec<u8> {
        (0..40 * 40)
            .flat_map(|i| if (15..25).contains(&(i % 40)) { [ink[0], ink[1], ink[2], 255] } else { [0, 0, 0, 0] })
            .collect()
    }

    #[test]
    fn dark_strokes_on_a_clear_background_lie_on_white_paper() {
        let map = luminance(&bar_on_clear([20, 20, 90]), 40, 40);
        assert!(map.at(20, 20) < 0.2 && map.at(5, 20) == 1.0, "{} {}", map.at(20, 20), map.at(5, 20));
    }

    #[test]
    fn light_strokes_on_a_clear_background_lie_on_black_paper() {
        for ink in [[255, 255, 255], [250, 230, 40]] {
            let map = luminance(&bar_on_clear(ink), 40, 40);
            assert!(map.at(20, 20) > 0.7 && map.at(5, 20) == 0.0, "{ink:?}: {} {}", map.at(20, 20), map.at(5, 20));
        }
    }

    #[test]
    fn a_light_card_with_clear_corners_stays_on_white_paper() {
        // white everywhere but a dark digit-sized bar, and clear only at the corners
        let card: Vec<u8> = (0..40 * 40)
            .flat_map(|i| {
                let (x, y) = (i % 40, i / 40);
                let corner = !(6..34).contains(&x) && !(6..34).contains(&y);
                let ink = (18..22).contains(&x) && (8..32).contains(&y);
                if corner { [0, 0, 0, 0] } else if ink { [0, 0, 0, 255] } else { [255, 255, 255, 255] }
            })
            .collect();
        let map = luminance(&card, 40, 40);
        assert!(map.at(0, 0) == 1.0 && map.at(20, 20) == 0.0 && map.at(10, 20) == 1.0);
    }
}
