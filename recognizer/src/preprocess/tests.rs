//! Regression tests of the whole canvas path against stored truth images.

use std::path::PathBuf;

use super::*;
use crate::sketch::{draw_strokes, seven};

/// One polyline drawn with a round pen on a white canvas.
fn draw(width: u32, height: u32, points: &[(f32, f32)], pen: f32) -> Vec<u8> {
    draw_strokes(width, height, &[points.to_vec()], pen)
}

fn truth_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/truth").join(name)
}

fn to_gray(values: &[f32]) -> image::GrayImage {
    image::GrayImage::from_raw(28, 28, values.iter().map(|v| (v * 255.0).round() as u8).collect()).unwrap()
}

/// Compares with the stored truth image; `UPDATE_TRUTH=1` rewrites it instead.
fn assert_matches_truth(values: &[f32], name: &str) {
    let path = truth_path(name);
    if std::env::var_os("UPDATE_TRUTH").is_some() {
        to_gray(values).save(&path).unwrap();
    }
    let truth = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).to_luma8();
    let diff: f32 = truth.as_raw().iter().zip(values).map(|(&t, &v)| (t as f32 / 255.0 - v).abs()).sum::<f32>() / 784.0;
    assert!(diff < 2.0 / 255.0, "{name}: mean difference {diff}");
}

fn mean_abs_difference(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
}

#[test]
fn large_centred_seven_matches_truth() {
    let image = mnist_from_rgba(&draw(400, 400, &seven(300.0, 50.0, 50.0), 28.0), 400, 400).unwrap();
    assert_matches_truth(&image, "seven-large-centred.png");
}

#[test]
fn small_seven_in_a_corner_matches_the_large_one() {
    let large = mnist_from_rgba(&draw(400, 400, &seven(300.0, 50.0, 50.0), 28.0), 400, 400).unwrap();
    let small = mnist_from_rgba(&draw(400, 400, &seven(60.0, 320.0, 8.0), 5.6), 400, 400).unwrap();
    assert_matches_truth(&small, "seven-small-corner.png");
    let diff = mean_abs_difference(&large, &small);
    assert!(diff < 0.04, "small-corner and large-centre 7 differ by {diff}");
}

#[test]
fn light_ink_on_dark_reads_like_dark_on_light() {
    let mut dark = draw(200, 200, &seven(150.0, 20.0, 20.0), 14.0);
    let light = mnist_from_rgba(&dark, 200, 200).unwrap();
    dark.chunks_exact_mut(4).for_each(|p| p[..3].iter_mut().for_each(|c| *c = 255 - *c));
    let inverted = mnist_from_rgba(&dark, 200, 200).unwrap();
    assert!(mean_abs_difference(&light, &inverted) < 0.01);
}

#[test]
fn transparent_canvas_with_strokes_is_read() {
    let mut rgba = draw(100, 100, &seven(80.0, 10.0, 10.0), 8.0);
    // Background fully transparent, strokes opaque: the canvas default.
    rgba.chunks_exact_mut(4).filter(|p| p[0] == 255).for_each(|p| p[3] = 0);
    let image = mnist_from_rgba(&rgba, 100, 100).unwrap();
    assert!(image.iter().sum::<f32>() > 30.0);
}

#[test]
fn blank_canvas_is_no_ink() {
    assert_eq!(mnist_from_rgba(&vec![255; 64 * 64 * 4], 64, 64), Err(PreprocessError::NoInk));
    assert_eq!(mnist_from_rgba(&vec![0; 64 * 64 * 4], 64, 64), Err(PreprocessError::NoInk));
}

#[test]
fn wrong_sizes_are_rejected() {
    assert!(matches!(mnist_from_rgba(&[0; 12], 2, 2), Err(PreprocessError::WrongLength { .. })));
    assert!(matches!(mnist_from_rgba(&[], 0, 5), Err(PreprocessError::BadSize { .. })));
    assert!(matches!(mnist_from_rgba(&[], 9000, 1), Err(PreprocessError::BadSize { .. })));
}
