//! Renders pen strokes as RGBA pixels, dark ink on white, the way the app's canvas exports them. Used by
//! tests and fixtures that need drawings without a browser.

/// Draws each stroke (a polyline in pixel coordinates) with a round pen `pen` pixels wide.
pub fn draw_strokes(width: u32, height: u32, strokes: &[Vec<(f32, f32)>], pen: f32) -> Vec<u8> {
    let mut rgba = vec![255u8; (width * height * 4) as usize];
    for stroke in strokes {
        let segments: Vec<_> = match stroke.as_slice() {
            [only] => vec![(*only, *only)],
            points => points.windows(2).map(|w| (w[0], w[1])).collect(),
        };
        for ((x0, y0), (x1, y1)) in segments {
            let steps = ((x1 - x0).hypot(y1 - y0) * 2.0).ceil().max(1.0) as usize;
            for s in 0..=steps {
                let t = s as f32 / steps as f32;
                stamp(&mut rgba, width, height, (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), pen / 2.0);
            }
        }
    }
    rgba
}

/// [`draw_strokes`] in `ink` on `ground` (both RGBA), as a drawing app saves strokes in one colour: a clear
/// ground for an exported layer, a light ink for an app in dark mode.
pub fn draw_strokes_in(width: u32, height: u32, strokes: &[Vec<(f32, f32)>], pen: f32, ink: [u8; 4], ground: [u8; 4]) -> Vec<u8> {
    draw_strokes(width, height, strokes, pen).chunks_exact(4).flat_map(|p| if p[0] < 128 { ink } else { ground }).collect()
}

fn stamp(rgba: &mut [u8], width: u32, height: u32, (cx, cy): (f32, f32), r: f32) {
    for y in (cy - r).floor().max(0.0) as u32..((cy + r).ceil().max(0.0) as u32).min(height) {
        for x in (cx - r).floor().max(0.0) as u32..((cx + r).ceil().max(0.0) as u32).min(width) {
            if (x as f32 + 0.5 - cx).hypot(y as f32 + 0.5 - cy) <= r {
                let i = ((y * width + x) * 4) as usize;
                rgba[i..i + 3].copy_from_slice(&[20, 20, 30]);
            }
        }
    }
}

/// A "7" in a unit square, scaled and moved.
pub fn seven(scale: f32, left: f32, top: f32) -> Vec<(f32, f32)> {
    [(0.1, 0.1), (0.9, 0.1), (0.45, 1.0)].iter().map(|(x, y)| (left + x * scale, top + y * scale)).collect()
}

/// An ellipse about `centre` with `radii` (across, down) as a closed polyline, from its top: a 0, or a loop of
/// an 8.
pub fn ring(centre: (f32, f32), radii: (f32, f32)) -> Vec<(f32, f32)> {
    (0..=48)
        .map(|i| i as f32 / 48.0 * std::f32::consts::TAU)
        .map(|a| (centre.0 + radii.0 * a.sin(), centre.1 - radii.1 * a.cos()))
        .collect()
}

/// Strokes given as fractions of a square canvas, in pixels of a canvas `side` pixels wide.
pub fn scaled(strokes: &[Vec<(f32, f32)>], side: f32) -> Vec<Vec<(f32, f32)>> {
    strokes.iter().map(|stroke| stroke.iter().map(|&(x, y)| (x * side, y * side)).collect()).collect()
}

/// "747", each digit about 90 pixels tall, the first from `left`, `top`: 7s whose stems drop nearly straight,
/// which stand upright as 1s once turned anticlockwise (a page photographed with the phone turned).
pub fn seven_four_seven(left: f32, top: f32) -> Vec<Vec<(f32, f32)>> {
    let seven = |x: f32| vec![(x, top), (x + 40.0, top), (x + 5.0, top + 90.0)];
    let four = vec![(left + 100.0, top + 90.0), (left + 100.0, top), (left + 60.0, top + 60.0), (left + 120.0, top + 60.0)];
    vec![seven(left), four, seven(left + 140.0)]
}

/// [`draw_strokes`] on a page that fills the picture, photographed turned `turn` radians (clockwise on screen)
/// about the picture's centre.
pub fn draw_strokes_turned(width: u32, height: u32, strokes: &[Vec<(f32, f32)>], pen: f32, turn: f32) -> Vec<u8> {
    let page = draw_strokes(width, height, strokes, pen);
    let (sin, cos) = turn.sin_cos();
    let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
    (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .flat_map(|(x, y)| {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            let (u, v) = ((cos * dx + sin * dy + cx).floor(), (-sin * dx + cos * dy + cy).floor());
            let on_page = (0.0..width as f32).contains(&u) && (0.0..height as f32).contains(&v);
            let i = ((v as u32 * width + u as u32) * 4) as usize;
            if on_page { [page[i], page[i + 1], page[i + 2], 255] } else { [255; 4] }
        })
        .collect()
}

/// Two slanted 1s whose tops touch, as fractions of a square canvas: one blob, half as wide as tall, that the
/// model cannot read whole. The reading cuts it into two 1s and marks the cut as a guess.
pub fn touching_ones() -> Vec<Vec<(f32, f32)>> {
    vec![vec![(0.5, 0.2857), (0.4286, 0.7143)], vec![(0.5714, 0.2857), (0.5429, 0.7143)]]
}

/// The ways much of Europe writes 1 and 7, which MNIST's mostly American writers rarely did: the corners of
/// each stroke as fractions of a square canvas. The e2e tests draw them in the window, the recognizer's tests
/// on a canvas of the app's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EuropeanDigit {
    OneShortFlag,
    OneLongFlag,
    OneWithFoot,
    CrossedSeven,
}

impl EuropeanDigit {
    pub const ALL: [EuropeanDigit; 4] = [Self::OneShortFlag, Self::OneLongFlag, Self::OneWithFoot, Self::CrossedSeven];

    pub fn digit(self) -> u8 {
        match self {
            Self::CrossedSeven => 7,
            _ => 1,
        }
    }

    pub fn corners(self) -> Vec<Vec<(f32, f32)>> {
        match self {
            Self::OneShortFlag => vec![vec![(0.43, 0.3), (0.53, 0.2), (0.53, 0.8)]],
            // The up-stroke reaches almost half-way down the stem.
            Self::OneLongFlag => vec![vec![(0.35, 0.46), (0.54, 0.2), (0.54, 0.8)]],
            Self::OneWithFoot => vec![vec![(0.36, 0.42), (0.54, 0.2), (0.54, 0.8)], vec![(0.42, 0.8), (0.66, 0.8)]],
            Self::CrossedSeven => vec![vec![(0.3, 0.24), (0.7, 0.24), (0.46, 0.8)], vec![(0.42, 0.52), (0.68, 0.52)]],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_point_stamps_a_disc() {
        let rgba = draw_strokes(20, 20, &[vec![(10.0, 10.0)]], 6.0);
        let inked = rgba.chunks_exact(4).filter(|p| p[0] < 128).count();
        assert!((20..=36).contains(&inked), "{inked} pixels for a 6 px dot");
    }
}
