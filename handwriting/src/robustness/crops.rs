//! One digit cropped so tightly that its ink touches all four edges, 12–64 px on its longer side: a digit cut out of a
//! screenshot, a form or a photo. Sometimes upscaled (nearest or smooth), blurred or binarised; dark on
//! light or light on dark. A picture that is one digit must be read as one digit. Bold digits are also
//! scaled to fill a small box, as postal and form scans are normalised, and digits fitted into a small square
//! with their shape kept, as postal digit sets store them.

use std::ops::Range;

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, Rgba, RgbaImage};
use imageproc::filter::gaussian_blur_f32;
use rand::rngs::StdRng;
use rand::Rng;

use super::draw::{coverage_image, normal};
use super::{Case, Expected, Sources, SuiteError};
use crate::synthetic::pen;
use crate::synthetic::restroke::restroke;

/// Crops with ink at or above this coverage on every edge.
const EDGE_INK: u8 = 96;

pub fn dark_on_light(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    crop_case(sources, false, rng)
}

pub fn light_on_dark(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    crop_case(sources, true, rng)
}

fn crop_case(sources: &Sources, light_on_dark: bool, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let height = rng.gen_range(12..=64u32);
    let (coverage, label) = digit_coverage(sources, height, rng)?;
    let coverage = finish(coverage, rng);
    Ok(Case::picture(colour(&coverage, light_on_dark, rng), Expected::Number(label.to_string())))
}

/// A bold digit (a pen 15–25 % of its height) cropped tight and scaled to fill a small box, as a postal or form
/// scan is normalised (see [`scanned_bold`]).
pub fn bold(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    scanned_bold(sources, 0.15..0.25, rng)
}

/// As [`bold`] with a felt-tip, 25–35 % of the height: bolder than the suite's pens.
pub fn felt_tip(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    scanned_bold(sources, 0.25..0.35, rng)
}

/// A digit written with a pen of a fraction in `pen` of its height (a held-out UNIPEN digit or a re-stroked MNIST
/// test digit), scaled to fill a box 16–32 px tall and widened up to 1.6 times its shape's width but no wider than
/// the box is tall, as a postal or form scan's normalisation fills its square; then finished and coloured as the
/// other crops.
fn scanned_bold(sources: &Sources, pen: Range<f32>, rng: &mut StdRng) -> Result<Case, SuiteError> {
    const DRAWN_HEIGHT: f32 = 64.0;
    let (coverage, label) = if rng.gen_range(0..4) == 3 {
        unipen_coverage(sources, DRAWN_HEIGHT, pen, rng)?
    } else {
        restroked_coverage(sources, DRAWN_HEIGHT, pen, rng)?
    };
    let scan = finish(filling_a_box(&coverage, rng), rng);
    Ok(Case::picture(colour(&scan, rng.gen_bool(0.5), rng), Expected::Number(label.to_string())))
}

/// One digit fitted into a square box 16–28 px with its shape kept, centred: it spans the box's height (or width)
/// and leaves room at its sides, as postal digit sets store their digits (16×16, usually light on dark). Light on
/// dark or dark on light, shown as it is or enlarged 2–10 times, smoothly or not, as a viewer shows it.
pub fn postal(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let side = rng.gen_range(16..=28u32);
    let (coverage, label) = digit_coverage(sources, side, rng)?;
    let scale = side as f32 / coverage.width().max(coverage.height()) as f32;
    let fit = |length: u32| ((length as f32 * scale).round() as u32).clamp(1, side);
    let (width, height) = (fit(coverage.width()), fit(coverage.height()));
    let mut square = GrayImage::new(side, side);
    let digit = imageops::resize(&coverage, width, height, FilterType::Triangle);
    imageops::overlay(&mut square, &digit, ((side - width) / 2) as i64, ((side - height) / 2) as i64);
    let shown = match rng.gen_range(0..3) {
        0 => square,
        view => {
            let factor = rng.gen_range(2..=10);
            let filter = if view == 1 { FilterType::Nearest } else { FilterType::Triangle };
            imageops::resize(&square, side * factor, side * factor, filter)
        }
    };
    Ok(Case::picture(colour(&shown, rng.gen_bool(0.5), rng), Expected::Number(label.to_string())))
}

/// A digit's ink scaled to a box 16–32 px tall and widened up to 1.6 times its shape's width, no wider than tall.
fn filling_a_box(coverage: &GrayImage, rng: &mut StdRng) -> GrayImage {
    let height = rng.gen_range(16..=32u32);
    let shape = coverage.width() as f32 / coverage.height() as f32;
    let width = ((height as f32 * shape * rng.gen_range(1.0..1.6)).round() as u32).clamp(2, height);
    crop_to_ink(&imageops::resize(coverage, width, height, FilterType::Triangle))
}

/// A digit's ink (255 = ink) about `height` px on its longer side, cropped to its box: an MNIST test digit re-stroked
/// with any pen, an MNIST test digit resized as it is, or a held-out UNIPEN digit.
fn digit_coverage(sources: &Sources, height: u32, rng: &mut StdRng) -> Result<(GrayImage, u8), SuiteError> {
    let h = height as f32;
    match rng.gen_range(0..4) {
        3 => unipen_coverage(sources, h, 0.06..0.16, rng),
        2 => {
            let test = sources.mnist_test()?;
            let index = rng.gen_range(0..test.len());
            let raw = GrayImage::from_raw(28, 28, test.image(index).to_vec()).expect("28×28");
            let raw = crop_to_ink(&raw);
            let scale = h / raw.width().max(raw.height()) as f32;
            let size = |side: u32| ((side as f32 * scale).round() as u32).max(2);
            let image = imageops::resize(&raw, size(raw.width()), size(raw.height()), FilterType::Triangle);
            Ok((crop_to_ink(&image), test.labels[index]))
        }
        _ => restroked_coverage(sources, h, 0.06..0.22, rng),
    }
}

/// A held-out UNIPEN digit's ink, `h` px tall with a pen of a fraction in `pen` of that, cropped to its box.
fn unipen_coverage(sources: &Sources, h: f32, pen: Range<f32>, rng: &mut StdRng) -> Result<(GrayImage, u8), SuiteError> {
    let digits = sources.held_out_unipen()?;
    let digit = &digits[rng.gen_range(0..digits.len())];
    let pen_width = (h * rng.gen_range(pen)).max(1.0);
    let side = (h + pen_width) as usize + 8;
    let c = side as f32 / 2.0;
    let ink = pen::render(&pen::fit(&digit.strokes, h - pen_width, (c, c)), side, side, pen_width);
    Ok((crop_to_ink(&coverage_image(&ink)), digit.label))
}

/// An MNIST test digit re-stroked `h` px tall with a pen of a fraction in `pen` of that, cropped to its box.
fn restroked_coverage(sources: &Sources, h: f32, pen: Range<f32>, rng: &mut StdRng) -> Result<(GrayImage, u8), SuiteError> {
    let test = sources.mnist_test()?;
    let index = rng.gen_range(0..test.len());
    let pen_fraction = rng.gen_range(pen);
    let side = (h * 1.3) as usize + 10;
    Ok((crop_to_ink(&coverage_image(&restroke(test.image(index), pen_fraction, h, side))), test.labels[index]))
}

/// How the crop was treated: left as it is, upscaled, blurred or binarised.
fn finish(coverage: GrayImage, rng: &mut StdRng) -> GrayImage {
    match rng.gen_range(0..4) {
        0 => coverage,
        1 => {
            let factor = rng.gen_range(2..=5);
            let filter = if rng.gen_bool(0.5) { FilterType::Nearest } else { FilterType::Triangle };
            imageops::resize(&coverage, coverage.width() * factor, coverage.height() * factor, filter)
        }
        2 => gaussian_blur_f32(&coverage, rng.gen_range(0.5..0.04 * coverage.height() as f32 + 0.6)),
        _ => {
            let cut = rng.gen_range(80..170);
            let binary = GrayImage::from_fn(coverage.width(), coverage.height(), |x, y| {
                Luma([if coverage.get_pixel(x, y)[0] >= cut { 255 } else { 0 }])
            });
            crop_to_ink(&binary)
        }
    }
}

/// Paper and ink colours, light on dark or dark on light, with a little sensor noise.
fn colour(coverage: &GrayImage, light_on_dark: bool, rng: &mut StdRng) -> RgbaImage {
    let (paper, ink) = if light_on_dark {
        (rng.gen_range(0.0..80.0), rng.gen_range(170.0..255.0))
    } else {
        (rng.gen_range(170.0..255.0), rng.gen_range(0.0..90.0))
    };
    let tint: [f32; 3] = std::array::from_fn(|_| rng.gen_range(0.9..1.1));
    let noise = if rng.gen_bool(0.5) { rng.gen_range(0.0..6.0) } else { 0.0 };
    RgbaImage::from_fn(coverage.width(), coverage.height(), |x, y| {
        let a = coverage.get_pixel(x, y)[0] as f32 / 255.0;
        let level = paper * (1.0 - a) + ink * a;
        let jitter = noise * normal(rng);
        let [r, g, b] = tint.map(|t| (level * t + jitter).round().clamp(0.0, 255.0) as u8);
        Rgba([r, g, b, 255])
    })
}

/// The smallest box holding every pixel with ink at or above [`EDGE_INK`].
pub fn crop_to_ink(image: &GrayImage) -> GrayImage {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for (x, y, p) in image.enumerate_pixels() {
        if p[0] >= EDGE_INK {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
    }
    if x0 > x1 {
        return image.clone();
    }
    imageops::crop_imm(image, x0, y0, x1 + 1 - x0, y1 + 1 - y0).to_image()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// Whether each edge of a coverage image has some ink.
    fn touches_all_edges(image: &GrayImage) -> bool {
        let (w, h) = image.dimensions();
        let inked = |x: u32, y: u32| image.get_pixel(x, y)[0] > 24;
        (0..w).any(|x| inked(x, 0)) && (0..w).any(|x| inked(x, h - 1)) && (0..h).any(|y| inked(0, y)) && (0..h).any(|y| inked(w - 1, y))
    }

    #[test]
    fn every_crop_touches_all_four_edges() {
        let sources = Sources::load_default();
        let mut rng = StdRng::seed_from_u64(11);
        for _ in 0..120 {
            let height = rng.gen_range(12..=64u32);
            let (coverage, _) = digit_coverage(&sources, height, &mut rng).unwrap();
            let longer = coverage.width().max(coverage.height());
            assert!(longer.abs_diff(height) <= 2 + height / 5, "{longer} px, wanted {height}");
            let finished = finish(coverage, &mut rng);
            assert!(touches_all_edges(&finished), "a {}×{} crop does not touch every edge", finished.width(), finished.height());
            assert_eq!(colour(&finished, rng.gen(), &mut rng).dimensions(), finished.dimensions());
        }
    }

    #[test]
    fn bold_crops_fill_a_small_box_no_wider_than_tall() {
        let sources = Sources::load_default();
        let mut rng = StdRng::seed_from_u64(12);
        for _ in 0..60 {
            let (coverage, _) = restroked_coverage(&sources, 64.0, 0.15..0.25, &mut rng).unwrap();
            let scan = filling_a_box(&coverage, &mut rng);
            let (w, h) = scan.dimensions();
            // The resized edge rows may be too faint to count as ink.
            assert!((14..=32).contains(&h) && w <= h, "a {w}×{h} crop");
            assert!(touches_all_edges(&finish(scan, &mut rng)), "a {w}×{h} crop does not touch every edge");
        }
    }

    #[test]
    fn cropping_finds_the_ink_box() {
        let mut image = GrayImage::new(10, 10);
        image.put_pixel(3, 2, Luma([255]));
        image.put_pixel(6, 8, Luma([200]));
        let crop = crop_to_ink(&image);
        assert_eq!(crop.dimensions(), (4, 7));
    }
}
