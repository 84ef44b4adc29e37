//! Two digits written so close that their ink touches, squeezed into one 28×28 crop: not one digit.
//!
//! The app reads a blob of touching digits whole before it tries to cut it, and cuts it only when the whole
//! reading is unsure. A model that reads "13" squeezed together as a confident 3 swallows the 1, so these
//! pairs are trained towards equal probabilities, like the other non-digits.

use rand::rngs::StdRng;
use rand::Rng;
use handwriting::synthetic::pen::{self, Stroke};
use recognizer::preprocess::InkMap;

use handwriting::synthetic::unipen::PenDigit;

use crate::examples::{pen_share, random_pose, CANVAS};

/// How often one of the pair is a 1: thin 1s beside another digit are the ones read as part of it.
const ONE_SHARE: f64 = 0.4;

/// Picks the two digits of a pair from `count` digits labelled by `label`, a 1 among them [`ONE_SHARE`] of the time.
pub fn pick_pair(count: usize, label: impl Fn(usize) -> u8, rng: &mut StdRng) -> (usize, usize) {
    let mut any = || rng.gen_range(0..count);
    let (first, second) = (any(), any());
    if !rng.gen_bool(ONE_SHARE) {
        return (first, second);
    }
    // A 1 near a random place; the digit itself when there is none.
    let start = rng.gen_range(0..count);
    let one = (start..count).chain(0..start).take(2000).find(|&i| label(i) == 1).unwrap_or(start);
    if rng.gen_bool(0.5) { (one, second) } else { (first, one) }
}

/// Two of the pen digits `pen` (not empty), picked by [`pick_pair`], as a [`pair`].
pub fn pen_pair(pen: &[PenDigit], rng: &mut StdRng) -> InkMap {
    let (a, b) = pick_pair(pen.len(), |i| pen[i].label, rng);
    pair(&pen[a].strokes, &pen[b].strokes, rng)
}

/// `first` and `second` side by side with their ink touching or overlapping a little, each with its own pose,
/// drawn with one pen on the app's canvas.
pub fn pair(first: &[Stroke], second: &[Stroke], rng: &mut StdRng) -> InkMap {
    match layout(first, second, rng) {
        Some(Layout { left, right, pen_width }) => pen::render(&[left, right].concat(), CANVAS, CANVAS, pen_width),
        None => InkMap::new(CANVAS, CANVAS),
    }
}

/// Two digits as [`pair`] writes them, fitted to the app's canvas: each digit's strokes and the pen's width.
pub struct Layout {
    pub left: Vec<Stroke>,
    pub right: Vec<Stroke>,
    pub pen_width: f32,
}

/// Lays out `first` and `second` as [`pair`] draws them; `None` when either has no strokes.
pub fn layout(first: &[Stroke], second: &[Stroke], rng: &mut StdRng) -> Option<Layout> {
    let pen_share = pen_share(rng);
    let left = unit_height(&random_pose(first, rng));
    let scale = rng.gen_range(0.85f32..1.15);
    let right = pen::transform(&unit_height(&random_pose(second, rng)), |(x, y)| (x * scale, y * scale));
    let ((_, _, left_right, _), (right_left, _, right_right, _)) = (pen::extent(&left)?, pen::extent(&right)?);
    // The centre lines' gap: from an overlap of part of the narrower digit (never so much that a 1 disappears
    // inside its neighbour) to nearly a pen's width apart, so that the ink meets.
    let narrower = left_right.min(right_right - right_left);
    let gap = -rng.gen_range(0.0f32..0.3) * narrower + rng.gen_range(0.0..0.9) * pen_share;
    let (dx, dy) = (left_right + gap - right_left, rng.gen_range(-0.1f32..0.1));
    let left_strokes = left.len();
    let mut both = left;
    both.extend(pen::transform(&right, |(x, y)| (x + dx, y + dy)));
    let (x0, y0, x1, y1) = pen::extent(&both)?;
    // The pair's longer side on the canvas; a digit's height in pixels follows from it.
    let side = rng.gen_range(40.0f32..130.0);
    let digit_height = side / (x1 - x0).max(y1 - y0).max(1e-3);
    let pen_width = (pen_share * digit_height).max(1.0);
    let centre = CANVAS as f32 / 2.0;
    let mut left = pen::fit(&both, (side - pen_width).max(1.0), (centre, centre));
    let right = left.split_off(left_strokes);
    Some(Layout { left, right, pen_width })
}

/// Each column's ink.
pub fn column_ink(map: &InkMap) -> Vec<f32> {
    (0..map.width).map(|x| (0..map.height).map(|y| map.values[y * map.width + x]).sum()).collect()
}

/// Two digits' ink between columns `start` and `end` (exclusive), nothing elsewhere.
pub fn window(left: &InkMap, right: &InkMap, start: usize, end: usize) -> InkMap {
    let mut map = InkMap::new(CANVAS, CANVAS);
    for y in 0..CANVAS {
        for x in start..end {
            let i = y * CANVAS + x;
            map.values[i] = left.values[i].max(right.values[i]);
        }
    }
    map
}

/// Strokes scaled to one unit tall (a digit much wider than tall to two units wide), their box's top-left corner
/// at the origin.
fn unit_height(strokes: &[Stroke]) -> Vec<Stroke> {
    let Some((x0, y0, x1, y1)) = pen::extent(strokes) else { return Vec::new() };
    let scale = 1.0 / (y1 - y0).max(0.5 * (x1 - x0)).max(1e-3);
    pen::transform(strokes, |(x, y)| ((x - x0) * scale, (y - y0) * scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn columns_with_ink(map: &InkMap) -> Vec<usize> {
        (0..map.width).filter(|&x| (0..map.height).any(|y| map.values[y * map.width + x] > 0.5)).collect()
    }

    #[test]
    fn a_pair_is_one_wide_connected_run_of_ink() {
        let one: Vec<Stroke> = vec![vec![(0.0, 0.0), (0.0, 1.0)]];
        let zero: Vec<Stroke> = vec![(0..=24).map(|k| (k as f32 / 24.0 * std::f32::consts::TAU).sin_cos()).map(|(s, c)| (0.4 * s, c)).collect()];
        for seed in 0..20 {
            let map = pair(&one, &zero, &mut StdRng::seed_from_u64(seed));
            let columns = columns_with_ink(&map);
            let (first, last) = (columns[0], *columns.last().unwrap());
            // No empty column between the two digits (their ink touches), and two digits' width: the 0 is 0.4 as
            // wide as tall, the 1 a stroke.
            assert_eq!(columns.len(), last - first + 1, "seed {seed}: a gap between the digits");
            let rows = (0..map.height).filter(|&y| (0..map.width).any(|x| map.values[y * map.width + x] > 0.5)).count();
            assert!(last - first + 1 > rows / 3, "seed {seed}: {} wide, {rows} tall", last - first + 1);
        }
    }

    #[test]
    fn a_1_is_in_the_pair_as_often_as_asked() {
        let labels: Vec<u8> = (0..1000).map(|i| (i % 10) as u8).collect();
        let mut rng = StdRng::seed_from_u64(5);
        let with_one = (0..2000)
            .filter(|_| {
                let (a, b) = pick_pair(labels.len(), |i| labels[i], &mut rng);
                labels[a] == 1 || labels[b] == 1
            })
            .count();
        // 40 % picked with a 1, and 19 % of the rest hold one by chance: about 51 %.
        assert!((900..1150).contains(&with_one), "{with_one}");
    }
}
