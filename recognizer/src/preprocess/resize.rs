//! Fits the cropped digit into a square box, keeping its aspect ratio, with area resampling: each output
//! pixel is the exact average of the input it covers, so thin strokes fade rather than vanish.

use super::InkMap;

/// Scales `ink` so its longer side is `side` pixels (the shorter at least 1).
pub fn fit_within(ink: &InkMap, side: usize) -> InkMap {
    let scale = side as f64 / ink.width.max(ink.height) as f64;
    let width = ((ink.width as f64 * scale).round() as usize).clamp(1, side);
    let height = ((ink.height as f64 * scale).round() as usize).clamp(1, side);
    area_resample(ink, width, height)
}

/// Resamples by integrating the input, taken as piecewise constant, over each output pixel's footprint.
pub fn area_resample(ink: &InkMap, width: usize, height: usize) -> InkMap {
    let sx = ink.width as f64 / width as f64;
    let sy = ink.height as f64 / height as f64;
    let x_spans: Vec<Vec<(usize, f64)>> = (0..width).map(|x| coverage(x, sx, ink.width)).collect();
    let mut out = InkMap::new(width, height);
    for y in 0..height {
        let y_span = coverage(y, sy, ink.height);
        for (x, x_span) in x_spans.iter().enumerate() {
            let mut sum = 0.0;
            for &(iy, wy) in &y_span {
                for &(ix, wx) in x_span {
                    sum += ink.at(ix, iy) as f64 * wx * wy;
                }
            }
            out.values[y * width + x] = (sum / (sx * sy)) as f32;
        }
    }
    out
}

/// Scales a small map up to `width`×`height`, interpolating between pixel centres.
pub fn bilinear_upsample(small: &InkMap, width: usize, height: usize) -> InkMap {
    let (sx, sy) = (small.width as f32 / width as f32, small.height as f32 / height as f32);
    let mut out = InkMap::new(width, height);
    for y in 0..height {
        let fy = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (small.height - 1) as f32);
        let (y0, ty) = (fy.floor() as usize, fy.fract());
        let y1 = (y0 + 1).min(small.height - 1);
        for x in 0..width {
            let fx = ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (small.width - 1) as f32);
            let (x0, tx) = (fx.floor() as usize, fx.fract());
            let x1 = (x0 + 1).min(small.width - 1);
            let top = small.at(x0, y0) * (1.0 - tx) + small.at(x1, y0) * tx;
            let bottom = small.at(x0, y1) * (1.0 - tx) + small.at(x1, y1) * tx;
            out.values[y * width + x] = top * (1.0 - ty) + bottom * ty;
        }
    }
    out
}

/// Input cells covered by output cell `i` (scale `s` input pixels per output pixel), with overlap lengths.
fn coverage(i: usize, s: f64, limit: usize) -> Vec<(usize, f64)> {
    let (start, end) = (i as f64 * s, (i + 1) as f64 * s);
    let first = start.floor() as usize;
    let last = (end.ceil() as usize).min(limit);
    (first..last)
        .map(|cell| (cell, (end.min(cell as f64 + 1.0) - start.max(cell as f64)).max(0.0)))
        .filter(|&(_, w)| w > 0.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscaling_keeps_mean_ink() {
        let mut ink = InkMap::new(40, 20);
        ink.values.iter_mut().step_by(3).for_each(|v| *v = 0.9);
        let small = fit_within(&ink, 20);
        assert_eq!((small.width, small.height), (20, 10));
        let mean = |m: &InkMap| m.values.iter().sum::<f32>() / m.values.len() as f32;
        assert!((mean(&ink) - mean(&small)).abs() < 1e-3);
    }

    #[test]
    fn upscaling_a_dot_fills_the_box() {
        let mut dot = InkMap::new(2, 1);
        dot.values = vec![1.0, 0.5];
        let big = fit_within(&dot, 20);
        assert_eq!((big.width, big.height), (20, 10));
        assert_eq!(big.at(0, 0), 1.0);
        assert_eq!(big.at(19, 9), 0.5);
    }
}
