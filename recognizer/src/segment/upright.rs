//! A note photographed turned has its writing turned with it, and a digit turned 20° reads as another (a 7 as
//! a 1, a 4 as a 7). The writing runs along the sheet's edges, so the ink on the sheet is turned back by the
//! sheet's own angle before it is read, and each digit's box is turned back into the photo's pixels. A number
//! photographed with the phone turned, the page filling the photo, shows its turn only in its line's slope.

use super::chains::{centre_x, centre_y};
use super::grouping::Group;
use crate::preprocess::{Bounds, InkMap};

/// A sheet turned less than this (radians, about 3°) is read as it lies: turning costs the strokes a little
/// sharpness, and the model reads digits leaning that far.
pub const LEAST_TURN: f32 = 0.05;

/// A line of digits sloping less than this (radians, about 6°) is written level: hands wander that much.
const LEAST_LINE_TURN: f32 = 0.1;
/// ... and one sloping more than this (radians, about 35°) is no line turned, but marks above one another.
const MOST_LINE_TURN: f32 = 0.61;
/// A line turns only with this many digits on it (the reader weighs both readings, so two will do, though their
/// centres always lie on a line).
const FEWEST_DIGITS: usize = 2;
/// Its digits' centres lie within this fraction of their median height of the line fitted through them.
const STRAIGHT: f32 = 0.15;

/// How far a line of digits is turned (radians, positive clockwise on screen), where its digits' centres lie
/// straight along a slope between [`LEAST_LINE_TURN`] and [`MOST_LINE_TURN`]: a number photographed with the
/// phone turned, or written uphill (the reader keeps whichever way the model reads surer).
pub fn turn_of_line(line: &[Group]) -> Option<f32> {
    if line.len() < FEWEST_DIGITS {
        return None;
    }
    let centres: Vec<(f32, f32)> = line.iter().map(|g| (centre_x(g), centre_y(g))).collect();
    let n = centres.len() as f32;
    let (mean_x, mean_y) = (centres.iter().map(|c| c.0).sum::<f32>() / n, centres.iter().map(|c| c.1).sum::<f32>() / n);
    let spread_x: f32 = centres.iter().map(|c| (c.0 - mean_x).powi(2)).sum();
    if spread_x <= 0.0 {
        return None;
    }
    let slope = centres.iter().map(|c| (c.0 - mean_x) * (c.1 - mean_y)).sum::<f32>() / spread_x;
    let mut heights: Vec<f32> = line.iter().map(|g| g.bounds.height as f32).collect();
    heights.sort_by(f32::total_cmp);
    let height = heights[heights.len() / 2];
    let off_line = centres.iter().map(|c| (c.1 - mean_y - slope * (c.0 - mean_x)).abs()).fold(0.0, f32::max);
    let turn = slope.atan();
    ((LEAST_LINE_TURN..=MOST_LINE_TURN).contains(&turn.abs()) && off_line <= STRAIGHT * height).then_some(turn)
}

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
        InkMap::from_fn(self.to.0, self.to.1, |x, y| {
            // Pixel centres: the picture's pixel (i, j) covers [i, i + 1).
            let (sx, sy) = self.source(x as f32 + 0.5, y as f32 + 0.5);
            ink.bilinear_at(sx - 0.5, sy - 0.5)
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
    use super::{turn_of_line, Upright};
    use crate::preprocess::{Bounds, InkMap};
    use crate::segment::Group;

    /// Digits 40 × 60 pixels, their centres at `centres`.
    fn line(centres: &[(f32, f32)]) -> Vec<Group> {
        centres.iter().map(|&(x, y)| Group::from_bounds(Bounds { x: (x - 20.0) as usize, y: (y - 30.0) as usize, width: 40, height: 60 })).collect()
    }

    #[test]
    fn a_line_of_three_digits_sloping_15_degrees_is_turned_15_degrees() {
        let slope = 15f32.to_radians().tan();
        let centres: Vec<(f32, f32)> = (0..3).map(|i| (100.0 + 60.0 * i as f32, 200.0 - 60.0 * slope * i as f32)).collect();
        let turn = turn_of_line(&line(&centres)).expect("turned");
        assert!((turn.to_degrees() + 15.0).abs() < 1.0, "{}", turn.to_degrees());
    }

    #[test]
    fn level_lines_lone_digits_and_crooked_lines_are_not_turned() {
        assert_eq!(turn_of_line(&line(&[(100.0, 200.0), (160.0, 203.0), (220.0, 198.0)])), None, "level, as hands wander");
        assert_eq!(turn_of_line(&line(&[(100.0, 200.0)])), None, "one digit");
        assert_eq!(turn_of_line(&line(&[(100.0, 200.0), (160.0, 160.0), (220.0, 200.0), (280.0, 160.0)])), None, "zigzag");
    }

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
