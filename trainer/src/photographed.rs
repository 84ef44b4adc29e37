//! A pen digit as a photo of a page or a low-resolution scan gives it: a few pixels tall, blurred, on paper
//! with sensor noise, then taken apart by the app's own photo path (`recognizer::segment`), so the network
//! learns the soft, blocky digits that path hands it.

use rand::rngs::StdRng;
use rand::Rng;
use recognizer::preprocess::resize::area_resample;
use recognizer::preprocess::{ink_bounds, InkMap, INK_THRESHOLD};
use recognizer::segment::{find_digits_in_luminance, Source};

use crate::augment::gaussian_blur;

/// The photographed digit is this many pixels tall: from a digit smaller than MNIST's to a comfortable one.
const HEIGHTS: std::ops::Range<f32> = 9.0..32.0;
/// The blur of the lens and of the picture's own resampling, in pixels.
const BLUR: std::ops::Range<f32> = 0.3..1.2;

/// `ink` (a digit drawn on the canvas) photographed small and read back as the app crops it; the drawing as it
/// is where the photo path does not find one digit in it (a broken stroke read as two marks), so that the label
/// still holds.
pub fn photographed(ink: &InkMap, rng: &mut StdRng) -> InkMap {
    let Some(bounds) = ink_bounds(ink, INK_THRESHOLD) else { return ink.clone() };
    let height = rng.gen_range(HEIGHTS);
    let scale = height / bounds.height as f32;
    let (w, h) = (((bounds.width as f32 * scale).round() as usize).max(1), (height.round() as usize).max(1));
    let digit = area_resample(&ink.crop(bounds), w, h);
    let margin = (height * rng.gen_range(0.3..1.0)).ceil() as usize;
    let paper = rng.gen_range(0.7..0.95);
    let contrast = paper * rng.gen_range(0.4..0.85);
    let page = InkMap::from_fn(w + 2 * margin, h + 2 * margin, |x, y| {
        let inside = (margin..margin + w).contains(&x) && (margin..margin + h).contains(&y);
        paper - if inside { contrast * digit.at(x - margin, y - margin) } else { 0.0 }
    });
    let values = gaussian_blur(&page.values, page.width, page.height, rng.gen_range(BLUR));
    let mut lum = InkMap { values, ..page };
    let noise = rng.gen_range(0.005..0.03);
    for v in &mut lum.values {
        // Sensor noise, then the 8 bits of a picture file.
        let noisy = *v + noise * (rng.gen_range(-1.0f32..1.0) + rng.gen_range(-1.0f32..1.0));
        *v = (noisy.clamp(0.0, 1.0) * 255.0).round() / 255.0;
    }
    match find_digits_in_luminance(lum, Source::Photo).as_slice() {
        [one] => one.ink.clone(),
        _ => ink.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_photographed_digit_is_softer_and_blockier_than_the_drawing_but_keeps_its_shape() {
        // A ring 60 pixels tall drawn 6 pixels thick.
        let ring = InkMap::from_fn(100, 100, |x, y| {
            let r = ((x as f32 - 50.0).powi(2) + (y as f32 - 50.0).powi(2)).sqrt();
            if (24.0..30.0).contains(&r) { 1.0 } else { 0.0 }
        });
        let mut rng = StdRng::seed_from_u64(3);
        let photo = photographed(&ring, &mut rng);
        // Read back as the photo path crops it, not the 100-pixel drawing with its margins.
        assert_ne!((photo.width, photo.height), (100, 100));
        // Blurred: many more pixels of partial ink than the drawing's anti-aliasing-free ring has (none).
        let soft = photo.values.iter().filter(|&&v| v > 0.1 && v < 0.9).count();
        assert!(soft * 10 > photo.values.len(), "{soft} of {}", photo.values.len());
        // Still a ring: its centre is paper.
        assert!(photo.at(photo.width / 2, photo.height / 2) < 0.3, "{:?}", photo.values);
    }
}
