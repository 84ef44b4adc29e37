//! A note photographed turned has its writing turned with it, and a digit turned 20° reads as another (a 7 as
//! a 1, a 4 as a 7). The writing runs along the sheet's edges, so the ink on the sheet is turned back by the
//! sheet's own angle before it is read, and each digit's box is turned back into the photo's pixels.

use crate::preprocess::{Bounds, InkMap};

/// A sheet turned less than this (radians, about 3°) is read as it lies: turning costs the strokes a little
/// sharpness, and the model reads digits leaning that far.
pub const LEAST_TURN: f32 = 0.05;

/// Turns a picture about its centre into a larger one that holds all of it.
#[derive(Debug, Clone, Copy)]
pub struct Upright {
    cos: f32,
    sin: f32,
    from: (usize, usize),
    to: (usize, usize),
}

impl Upright {
    /// Undoes a turn of `turn` radians (positive: clockwise on screen, y down) of a `width` × `height` picture.
    pub fn undoing(turn: f32, width: usize, height: usize) -> Self {
        let (sin, cos) = turn.sin_cos();
        let (w, h) = (width as f32, height as f32);
        let to_w = (w * cos.abs() + h * sin.abs()).ceil() as usize;
        let to_h = (w * sin.abs() + h * cos.abs()).ceil() as usize;
        Upright { cos, sin, from: (width, height), to: (to_w.max(1), to_h.max(1)) }
    }

    /// Where the upright picture's point (`x`, `y`) lies in the turned one.
    fn source(&self, x: f32, y: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.to.0 as f32 / 2.0, y - self.to.1 as f32 / 2.0);
        (self.from.0 as f32 / 2.0 + self.cos * dx - self.sin * dy, self.from.1 as f32 / 2.0 + self.sin * dx + self.cos * dy)
    }

    /// The ink turned upright, bilinearly sampled; nothing beyond the picture's edges.
    pub fn apply(&self, ink: &InkMap) -> InkMap {
        let (w, h) = self.from;
        let at = |x: isize, y: isize| if x < 0 || y < 0 || x >= w as isize || y >= h as isize { 0.0 } else { ink.at(x as usize, y as usize) };
        InkMap::from_fn(self.to.0, self.to.1, |x, y| {
            // Pixel centres: the picture's pixel (i, j) covers [i, i + 1).
            let (sx, sy) = self.source(x as f32 + 0.5, y as f32 + 0.5);
            let (fx, fy) = (sx - 0.5, sy - 0.5);
            let (x0, y0) = (fx.floor(), fy.floor());
            let (tx, ty) = (fx - x0, fy - y0);
            let (x0, y0) = (x0 as isize, y0 as isize);
            let top = at(x0, y0) * (1.0 - tx) + at(x0 + 1, y0) * tx;
            let bottom = at(x0, y0 + 1) * (1.0 - tx) + at(x0 + 1, y0 + 1) * tx;
            top * (1.0 - ty) + bottom * ty
        })
    }

    /// The box in the turned picture's pixels round a box of the upright one.
    pub fn bounds_back(&self, b: Bounds) -> Bounds {
        let corners = [(b.x, b.y), (b.x + b.width, b.y), (b.x, b.y + b.height), (b.x + b.width, b.y + b.height)]
            .map(|(x, y)| self.source(x as f32, y as f32));
        let (w, h) = (self.from.0 as f32, self.from.1 as f32);
        let left = corners.iter().map(|c| c.0).fold(f32::MAX, f32::min).clamp(0.0, w - 1.0) as usize;
        let top = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min).clamp(0.0, h - 1.0) as usize;
        let right = corners.iter().map(|c| c.0).fold(f32::MIN, f32::max).ceil().clamp(1.0, w) as usize;
        let bottom = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max).ceil().clamp(1.0, h) as usize;
        Bounds { x: left, y: top, width: right.saturating_sub(left).max(1), height: bottom.saturating_sub(top).max(1) }
    }
}

#[cfg(test)]
mod tests {
    use super::Upright;
    use crate::preprocess::{Bounds, InkMap};

    #[test]
    fn a_bar_turned_20_degrees_comes_out_level() {
        // A bar 80 pixels long, 4 wide, along the direction 20° below the x-axis (y down).
        let turn = 20f32.to_radians();
        let (dir_x, dir_y) = (turn.cos(), turn.sin());
        let ink = InkMap::from_fn(160, 120, |x, y| {
            let (dx, dy) = (x as f32 + 0.5 - 80.0, y as f32 + 0.5 - 60.0);
            let along = dx * dir_x + dy * dir_y;
            let across = -dx * dir_y + dy * dir_x;
            if along.abs() < 40.0 && across.abs() < 2.0 { 1.0 } else { 0.0 }
        });
        let upright = Upright::undoing(turn, 160, 120).apply(&ink);
        let rows: Vec<usize> = (0..upright.height).filter(|&y| (0..upright.width).any(|x| upright.at(x, y) > 0.5)).collect();
        let cols: Vec<usize> = (0..upright.width).filter(|&x| (0..upright.height).any(|y| upright.at(x, y) > 0.5)).collect();
        assert!(rows.len() <= 6, "the bar lies level, {} rows tall", rows.len());
        assert!((76..=82).contains(&cols.len()), "and keeps its length: {}", cols.len());
    }

    #[test]
    fn a_box_turned_back_covers_its_ink_in_the_photo() {
        let upright = Upright::undoing(15f32.to_radians(), 200, 100);
        let (cx, cy) = (upright.to.0 / 2, upright.to.1 / 2);
        let back = upright.bounds_back(Bounds { x: cx - 10, y: cy - 10, width: 20, height: 20 });
        // The square about the centre, turned 15°, spans 20 (cos 15° + sin 15°) ≈ 24.5 pixels about the photo's centre.
        assert!((24..=27).contains(&back.width) && (24..=27).contains(&back.height), "{back:?}");
        assert!(back.x.abs_diff(100 - back.width / 2) <= 1 && back.y.abs_diff(50 - back.height / 2) <= 1, "{back:?}");
    }
}
