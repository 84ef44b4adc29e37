//! Handwriting from templates: smooth curves through control points, then the small variations of a real
//! hand (shaken control points, slant, aspect, a wobbling stroke) and the canvas or paper it lands on.

use std::f32::consts::PI;

use image::{GrayImage, Luma};
use rand::rngs::StdRng;
use rand::Rng;

use recognizer::preprocess::InkMap;
use crate::synthetic::pen::{self, Stroke};

/// The app's canvas: 140×140 pixels, the pen 6 % of the side.
pub const CANVAS_SIDE: usize = 140;
pub const APP_PEN: f32 = 8.4;

/// A Catmull–Rom curve through `points`, sampled densely enough for any pen.
pub fn smooth(points: &[(f32, f32)]) -> Stroke {
    if points.len() < 3 {
        return points.to_vec();
    }
    let at = |i: isize| points[i.clamp(0, points.len() as isize - 1) as usize];
    let mut out = Vec::new();
    for i in 0..points.len() as isize - 1 {
        let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
        let steps = 12;
        for s in 0..steps {
            let t = s as f32 / steps as f32;
            let (t2, t3) = (t * t, t * t * t);
            let f = |a: f32, b: f32, c: f32, d: f32| {
                0.5 * (2.0 * b + (-a + c) * t + (2.0 * a - 5.0 * b + 4.0 * c - d) * t2 + (-a + 3.0 * b - 3.0 * c + d) * t3)
            };
            out.push((f(p0.0, p1.0, p2.0, p3.0), f(p0.1, p1.1, p2.1, p3.1)));
        }
    }
    out.push(*points.last().expect("at least three points"));
    out
}

/// A straight line as a dense polyline (so that wobble can bend it).
pub fn line(a: (f32, f32), b: (f32, f32)) -> Stroke {
    (0..=16).map(|i| i as f32 / 16.0).map(|t| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)).collect()
}

/// An elliptical arc around `centre` from angle `from` to `to` (radians, y down, so positive is clockwise).
pub fn arc(centre: (f32, f32), radii: (f32, f32), from: f32, to: f32) -> Stroke {
    let steps = ((to - from).abs() / (PI / 24.0)).ceil().max(2.0) as usize;
    (0..=steps)
        .map(|i| from + (to - from) * i as f32 / steps as f32)
        .map(|a| (centre.0 + radii.0 * a.cos(), centre.1 + radii.1 * a.sin()))
        .collect()
}

/// Joins pieces drawn without lifting the pen (a sharp corner where they meet).
pub fn join(pieces: &[Stroke]) -> Stroke {
    pieces.iter().flatten().copied().collect()
}

/// Moves each control point by up to `amount` in each direction.
pub fn shake(points: &[(f32, f32)], amount: f32, rng: &mut StdRng) -> Vec<(f32, f32)> {
    points.iter().map(|&(x, y)| (x + rng.gen_range(-amount..=amount), y + rng.gen_range(-amount..=amount))).collect()
}

/// A person's hand: slant up to ±15°, a little rotation, a narrower or wider shape, a stroke that wobbles
/// slowly sideways and, sometimes, the small jitter of a mouse. The strokes are in a box about one unit tall.
pub fn hand(strokes: &[Stroke], rng: &mut StdRng) -> Vec<Stroke> {
    let slant = rng.gen_range(-15.0f32..15.0).to_radians().tan();
    let rotation = rng.gen_range(-5.0f32..5.0).to_radians();
    let aspect = rng.gen_range(0.8..1.2);
    let (sin, cos) = rotation.sin_cos();
    let wobble = rng.gen_range(0.0..0.012);
    let jitter = if rng.gen_bool(0.4) { rng.gen_range(0.0..0.006) } else { 0.0 };
    let (fx, fy, phase) = (rng.gen_range(3.0..9.0), rng.gen_range(3.0..9.0), rng.gen_range(0.0..2.0 * PI));
    strokes
        .iter()
        .map(|s| {
            s.iter()
                .map(|&(x, y)| {
                    let (x, y) = (x + jitter * normal(rng), y + jitter * normal(rng));
                    let (x, y) = (x + wobble * (fy * y + phase).sin(), y + wobble * (fx * x + phase).cos());
                    let x = (x - 0.5) * aspect - slant * (y - 0.5);
                    let y = y - 0.5;
                    (x * cos - y * sin, x * sin + y * cos)
                })
                .collect()
        })
        .collect()
}

/// Draws strokes on the app's canvas: the mark `height` pixels tall (or wide, if wider), somewhere near
/// the middle, with a round pen `pen` pixels wide.
pub fn on_canvas(strokes: &[Stroke], height: f32, pen: f32, rng: &mut StdRng) -> InkMap {
    let side = CANVAS_SIDE as f32;
    let room = ((side - height - pen) / 2.0 - 2.0).max(0.0);
    let centre = (side / 2.0 + rng.gen_range(-room..=room), side / 2.0 + rng.gen_range(-room..=room));
    let fitted = pen::fit(strokes, (height - pen).max(4.0), centre);
    pen::render(&fitted, CANVAS_SIDE, CANVAS_SIDE, pen)
}

/// A pen width for a mark `height` pixels tall: mostly the app's pen, otherwise anything from 3 to 14 % of
/// the height (pressure, a stylus, a finger).
pub fn pen_width(height: f32, rng: &mut StdRng) -> f32 {
    if rng.gen_bool(0.4) {
        APP_PEN
    } else {
        height * rng.gen_range(0.03..0.14)
    }
}

/// Canvas ink as the grey bytes the app sends: dark ink on white.
pub fn grey(ink: &InkMap) -> Vec<u8> {
    ink.values.iter().map(|&v| (255.0 * (1.0 - v)).round() as u8).collect()
}

/// Ink coverage as an 8-bit image (ink = 255), as the camera takes it.
pub fn coverage_image(ink: &InkMap) -> GrayImage {
    GrayImage::from_fn(ink.width as u32, ink.height as u32, |x, y| Luma([(ink.at(x as usize, y as usize).clamp(0.0, 1.0) * 255.0).round() as u8]))
}

/// One normal sample (Box–Muller).
pub fn normal(rng: &mut StdRng) -> f32 {
    let (u1, u2): (f32, f32) = (rng.gen_range(f32::EPSILON..1.0), rng.gen());
    (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_smooth_curve_passes_through_its_points() {
        let points = [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0), (3.0, 1.0)];
        let curve = smooth(&points);
        for p in points {
            assert!(curve.iter().any(|&q| (q.0 - p.0).abs() < 1e-4 && (q.1 - p.1).abs() < 1e-4), "{p:?}");
        }
    }

    #[test]
    fn canvas_marks_fit_inside_the_canvas() {
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..20 {
            let ink = on_canvas(&[line((0.0, 0.0), (0.0, 1.0))], 120.0, 16.0, &mut rng);
            let edge = (0..CANVAS_SIDE).map(|i| ink.at(i, 0) + ink.at(i, CANVAS_SIDE - 1)).sum::<f32>();
            assert_eq!(edge, 0.0);
        }
    }
}
