//! Which pixels are ink: the ink strength is stretched so the strongest stroke is 1, then cut at Otsu's
//! level, kept within bounds so neither faint noise nor anti-aliased edges decide it.

use super::lighting::strongest_ink;
use crate::preprocess::InkMap;

/// A picture whose strongest ink is this faint is blank paper.
pub const FAINTEST_INK: f32 = 0.15;
/// Bounds on the cut for photos, as a fraction of the strongest ink: noise and shadows stay out.
pub const PHOTO_CUT: (f32, f32) = (0.3, 0.6);
/// A canvas has no noise: its faint anti-aliased joins keep a digit in one piece.
pub const CANVAS_CUT: (f32, f32) = (0.2, 0.2);

/// The stretched ink and which of its pixels are ink.
#[derive(Debug, Clone)]
pub struct InkMask {
    /// Ink 0..1, stretched so the strongest stroke is 1.
    pub ink: InkMap,
    pub is_ink: Vec<bool>,
}

impl InkMask {
    pub fn width(&self) -> usize {
        self.ink.width
    }

    pub fn height(&self) -> usize {
        self.ink.height
    }

    /// A mask with no ink.
    pub fn empty(width: usize, height: usize) -> Self {
        InkMask { ink: InkMap::new(width, height), is_ink: vec![false; width * height] }
    }
}

/// Thresholds an ink map at Otsu's level kept within `cut_bounds`; `None` when there is no ink at all.
pub fn ink_mask(ink: &InkMap, cut_bounds: (f32, f32)) -> Option<InkMask> {
    ink_mask_stretched_by(ink, strongest_ink(ink), cut_bounds)
}

/// Like [`ink_mask`], for an ink map whose strongest ink ([`strongest_ink`]) is `peak`.
pub fn ink_mask_stretched_by(ink: &InkMap, peak: f32, (lowest, highest): (f32, f32)) -> Option<InkMask> {
    if peak < FAINTEST_INK {
        return None;
    }
    let stretched = ink.map(|v| (v / peak).min(1.0));
    let cut = otsu(&stretched.values).clamp(lowest, highest);
    let is_ink = stretched.values.iter().map(|&v| v >= cut).collect();
    Some(InkMask { ink: stretched, is_ink })
}

/// Otsu's threshold of values in 0..1, on 256 levels (imageproc's): values above it are ink.
pub fn otsu(values: &[f32]) -> f32 {
    let levels = values.iter().map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8).collect();
    let grey = image::GrayImage::from_raw(values.len() as u32, 1, levels).expect("one row of every value");
    (imageproc::contrast::otsu_level(&grey) as f32 + 0.5) / 255.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otsu_splits_two_clusters() {
        let values: Vec<f32> = (0..1000).map(|i| if i % 10 == 0 { 0.9 } else { 0.05 }).collect();
        let t = otsu(&values);
        assert!(t > 0.05 && t < 0.9, "{t}");
    }

    #[test]
    fn blank_paper_has_no_ink_and_faint_pencil_has_some() {
        let mut ink = InkMap::new(20, 20);
        ink.values.iter_mut().enumerate().for_each(|(i, v)| *v = (i % 7) as f32 * 0.01);
        assert!(ink_mask(&ink, PHOTO_CUT).is_none());
        for y in 5..15 {
            ink.values[y * 20 + 10] = 0.3;
            ink.values[y * 20 + 11] = 0.3;
        }
        let mask = ink_mask(&ink, PHOTO_CUT).unwrap();
        assert_eq!(mask.is_ink.iter().filter(|&&b| b).count(), 20);
    }
}
