//! Regression tests of the whole canvas path against stored truth images.

use std::path::PathBuf;

use super::*;

/// Draws a polyline with round caps of the given width on a white RGBA canvas (black ink).
fn draw(width: u32, height: u32, points: &[(f32, f32)], pen: f32) -> Vec<u8> {
    let mut rgba = vec![255u8; (width * height * 4) as usize];
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let steps = ((x1 - x0).hypot(y1 - y0) * 2.0).ceil().max(1.0) as usize;
        for s in 0..=steps {
            let t = s as f32 / steps as f32;
            let (cx, cy) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            let r = pen / 2.0;
            for y in (cy - r).floor().max(0.0) as u32..((cy + r).ceil() as u32).min(height) {
                for x in (cx - r).floor().max(0.0) as u32..((cx + r).ceil() as u32).min(width) {
                    if (x as f32 + 0.5 - cx).hypot(y as f32 + 0.5 - cy) <= r {
                        let i = ((y * width + x) * 4) as usize;
                        rgba[i..i + 3].copy_from_slice(&[20, 20, 30]);
                    }
                }
            }
        }
    }
    rgba
}

/// A "7" in a unit square, scaled and moved.
fn seven(scale: f32, left: f32, top: f32) -> Vec<(f32, f32)> {
    [(0.1, 0.1), (0.9, 0.1), (0.45, 1.0)].iter().map(|(x, y)| (left + x * scale, top + y * scale)).collect()
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
