//! Pieces of two touching digits cut at the wrong place: half a 0, or the right of one digit with the left of
//! the next. Not a digit.
//!
//! The app cuts a blob of touching digits at many candidate columns and keeps the cuts whose parts the model
//! reads surest (`recognizer::segment::search`). That works only if a wrong piece reads unsure: a model that
//! reads the two halves of a 0 as a 6 and a 7 turns "2400" into "24667". Handwriting readers train a "none of
//! these" answer on such pieces; here they are trained towards equal probabilities, like the other non-digits.

use rand::rngs::StdRng;
use rand::Rng;
use handwriting::synthetic::pen::{self, Stroke};
use recognizer::preprocess::InkMap;

use crate::examples::CANVAS;
use crate::touching::{column_ink, layout, window, Layout};

/// A piece holding at most this share of each digit's ink is no digit. A piece with more of one digit is left
/// out: where digits overlap, the best a vertical cut can do is one digit with part of its neighbour.
const MOST_OF_A_DIGIT: f32 = 0.5;
/// A piece holds at least this share of the pair's ink: a speck is not worth training on.
const LEAST_INK: f32 = 0.2;
/// A piece is a quarter of a digit height to [`recognizer`]'s widest part (1.4 heights) wide, as the app cuts.
const WIDTHS: std::ops::Range<f32> = 0.25..1.4;
/// A piece narrower than this, as a fraction of its height, is left out: a bar cut from a thick 0 or 8 is
/// what a 1 looks like.
const NARROWEST: f32 = 0.35;
/// Windows tried before giving up on a pair (two 1s leave few wrong pieces).
const TRIES: usize = 64;

/// A wrong piece of `first` and `second` written touching, as [`crate::touching::pair`] writes them, on the app's
/// canvas; `None` when no window tried was wrong enough (or either digit has no strokes).
pub fn wrong_cut(first: &[Stroke], second: &[Stroke], rng: &mut StdRng) -> Option<InkMap> {
    let Layout { left, right, pen_width } = layout(first, second, rng)?;
    let left = pen::render(&left, CANVAS, CANVAS, pen_width);
    let right = pen::render(&right, CANVAS, CANVAS, pen_width);
    let (left_columns, right_columns) = (column_ink(&left), column_ink(&right));
    let (left_total, right_total): (f32, f32) = (left_columns.iter().sum(), right_columns.iter().sum());
    let inked = |x: &usize| left_columns[*x] + right_columns[*x] > 0.0;
    let (x0, x1) = ((0..CANVAS).find(inked)?, (0..CANVAS).rev().find(inked)? + 1);
    let height = digit_height(&left);
    if left_total <= 0.0 || right_total <= 0.0 || height < 4.0 {
        return None;
    }
    for _ in 0..TRIES {
        let start = rng.gen_range(x0..x1);
        let end = (start + (rng.gen_range(WIDTHS) * height).round().max(1.0) as usize).min(x1);
        let share = |columns: &[f32], total: f32| columns[start..end].iter().sum::<f32>() / total;
        let (of_left, of_right) = (share(&left_columns, left_total), share(&right_columns, right_total));
        let enough = (of_left * left_total + of_right * right_total) / (left_total + right_total) >= LEAST_INK;
        if enough && of_left.max(of_right) <= MOST_OF_A_DIGIT {
            let piece = window(&left, &right, start, end);
            let (inked_columns, inked_rows) = (column_ink(&piece).iter().filter(|&&c| c > 0.0).count(), digit_height(&piece));
            if inked_columns as f32 >= NARROWEST * inked_rows {
                return Some(piece);
            }
        }
    }
    None
}

/// Rows with ink, top to bottom.
fn digit_height(map: &InkMap) -> f32 {
    let rows: Vec<usize> = (0..map.height).filter(|&y| map.values[y * map.width..(y + 1) * map.width].iter().any(|&v| v > 0.0)).collect();
    rows.last().map_or(0.0, |last| (last - rows[0] + 1) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn ring() -> Vec<Stroke> {
        vec![(0..=24).map(|k| (k as f32 / 24.0 * std::f32::consts::TAU).sin_cos()).map(|(s, c)| (0.6 * s, c)).collect()]
    }

    #[test]
    fn a_wrong_cut_is_a_narrower_part_of_the_pair_and_no_speck() {
        let mut found = 0;
        for seed in 0..40 {
            let mut rng = StdRng::seed_from_u64(seed);
            let Some(piece) = wrong_cut(&ring(), &ring(), &mut rng) else { continue };
            found += 1;
            // Replaying the same draws gives the pair: the piece is part of it, and narrower.
            let Layout { left, right, pen_width } = layout(&ring(), &ring(), &mut StdRng::seed_from_u64(seed)).unwrap();
            let whole = pen::render(&[left, right].concat(), CANVAS, CANVAS, pen_width);
            let width = |m: &InkMap| column_ink(m).iter().filter(|&&c| c > 0.0).count();
            assert!(piece.values.iter().zip(&whole.values).all(|(p, w)| p <= w), "seed {seed}: ink outside the pair");
            assert!(width(&piece) < width(&whole), "seed {seed}: the piece is the whole pair");
            let ink = |m: &InkMap| m.values.iter().sum::<f32>();
            assert!(ink(&piece) >= LEAST_INK * ink(&whole) * 0.9, "seed {seed}: a speck");
        }
        assert!(found >= 30, "only {found} of 40 pairs of 0s gave a wrong piece");
    }

    #[test]
    fn the_pieces_of_two_zeros_include_halves_of_one() {
        // A window inside one 0 holds half its ink and none of the other's.
        let halves = (0..60)
            .filter_map(|seed| {
                let mut rng = StdRng::seed_from_u64(seed);
                let piece = wrong_cut(&ring(), &ring(), &mut rng)?;
                let Layout { left, right, pen_width } = layout(&ring(), &ring(), &mut StdRng::seed_from_u64(seed)).unwrap();
                let (left, right) = (pen::render(&left, CANVAS, CANVAS, pen_width), pen::render(&right, CANVAS, CANVAS, pen_width));
                let overlap = |m: &InkMap| m.values.iter().zip(&piece.values).filter(|(a, b)| **a > 0.0 && **b > 0.0).count();
                Some((overlap(&left) == 0) != (overlap(&right) == 0))
            })
            .filter(|&one_only| one_only)
            .count();
        assert!(halves >= 5, "{halves}");
    }
}
