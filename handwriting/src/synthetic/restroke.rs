//! Re-draws a digit with another pen: the ink is thinned to a one-pixel skeleton (Zhang–Suen), and the
//! skeleton is stroked again with a round pen of any width, from a hairline to a marker.

use super::pen::{self, Stroke};
use recognizer::preprocess::InkMap;

/// Skeleton resolution: the digit is enlarged this many times before thinning, so curves stay smooth.
const UPSCALE: usize = 4;

/// The 28×28 MNIST digit `pixels` (0..255, ink high) re-drawn `height` pixels tall with a pen
/// `pen_fraction × height` wide, centred on a `side`×`side` canvas.
pub fn restroke(pixels: &[u8], pen_fraction: f32, height: f32, side: usize) -> InkMap {
    let strokes = skeleton_strokes(pixels);
    let width = (pen_fraction * height).max(1.0);
    // Fit the skeleton so that the finished ink (skeleton plus pen) is `height` tall.
    let fitted = pen::fit(&strokes, (height - width).max(1.0), (side as f32 / 2.0, side as f32 / 2.0));
    pen::render(&fitted, side, side, width)
}

/// The skeleton of a 28×28 digit as short strokes joining neighbouring skeleton pixels.
pub fn skeleton_strokes(pixels: &[u8]) -> Vec<Stroke> {
    let big = UPSCALE * 28;
    let digit = InkMap::from_fn(28, 28, |x, y| pixels[y * 28 + x] as f32);
    let mut mask = vec![false; big * big];
    for y in 0..big {
        for x in 0..big {
            mask[y * big + x] = digit.bilinear_at((x as f32 + 0.5) / UPSCALE as f32 - 0.5, (y as f32 + 0.5) / UPSCALE as f32 - 0.5) >= 128.0;
        }
    }
    thin(&mut mask, big, big);
    let on = |x: isize, y: isize| x >= 0 && y >= 0 && (x as usize) < big && (y as usize) < big && mask[y as usize * big + x as usize];
    let mut strokes = Vec::new();
    for y in 0..big as isize {
        for x in 0..big as isize {
            if !on(x, y) {
                continue;
            }
            let here = (x as f32, y as f32);
            let mut joined = false;
            for (dx, dy) in [(1, 0), (0, 1), (1, 1), (-1, 1)] {
                if on(x + dx, y + dy) {
                    strokes.push(vec![here, ((x + dx) as f32, (y + dy) as f32)]);
                    joined = true;
                }
            }
            if !joined {
                strokes.push(vec![here]);
            }
        }
    }
    strokes
}

/// Zhang–Suen thinning in place.
pub fn thin(mask: &mut [bool], width: usize, height: usize) {
    let mut to_clear = Vec::new();
    loop {
        let mut changed = false;
        for pass in 0..2 {
            to_clear.clear();
            for y in 1..height.saturating_sub(1) {
                for x in 1..width.saturating_sub(1) {
                    if !mask[y * width + x] {
                        continue;
                    }
                    // Neighbours p2..p9 clockwise from north.
                    let p = |dx: isize, dy: isize| mask[(y as isize + dy) as usize * width + (x as isize + dx) as usize] as u8;
                    let n = [p(0, -1), p(1, -1), p(1, 0), p(1, 1), p(0, 1), p(-1, 1), p(-1, 0), p(-1, -1)];
                    let count: u8 = n.iter().sum();
                    let transitions = (0..8).filter(|&i| n[i] == 0 && n[(i + 1) % 8] == 1).count();
                    let (a, b) = if pass == 0 { (n[0] * n[2] * n[4], n[2] * n[4] * n[6]) } else { (n[0] * n[2] * n[6], n[0] * n[4] * n[6]) };
                    if (2..=6).contains(&count) && transitions == 1 && a == 0 && b == 0 {
                        to_clear.push(y * width + x);
                    }
                }
            }
            changed |= !to_clear.is_empty();
            to_clear.iter().for_each(|&i| mask[i] = false);
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thick vertical bar, 6 px wide and 20 tall.
    fn bar() -> Vec<u8> {
        (0..784).map(|i| if (11..17).contains(&(i % 28)) && (4..24).contains(&(i / 28)) { 255 } else { 0 }).collect()
    }

    #[test]
    fn thinning_leaves_a_one_pixel_line() {
        let (w, h) = (12, 12);
        let mut mask: Vec<bool> = (0..w * h).map(|i| (4..8).contains(&(i % w)) && (1..11).contains(&(i / w))).collect();
        thin(&mut mask, w, h);
        for y in 3..9 {
            assert_eq!((0..w).filter(|&x| mask[y * w + x]).count(), 1, "row {y}");
        }
    }

    #[test]
    fn a_bar_restroked_takes_the_pen_width() {
        for (fraction, expected) in [(0.05, 4.0), (0.25, 20.0)] {
            let map = restroke(&bar(), fraction, 80.0, 140);
            let inked = (0..140).filter(|&x| map.at(x, 70) > 0.5).count() as f32;
            assert!((inked - expected).abs() <= 2.0, "pen {fraction}: {inked} px wide");
            let rows = (0..140).filter(|&y| map.at(70, y) > 0.5).count() as f32;
            assert!((rows - 80.0).abs() <= 3.0, "{rows} px tall");
        }
    }
}
