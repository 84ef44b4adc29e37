//! A digit cut from a touching neighbour, keeping what a straight cut leaves of it: the digit still.
//!
//! Where digits touch or overlap, the app cuts them apart down a column (`recognizer::segment::search`), and
//! the best cut can leave a piece of the neighbour at the part's edge: the end of a 7's bar, the side of a 0.
//! The part is normalised with that piece in its box, so the digit comes out smaller and off centre. A model
//! that has only seen clean digits reads such parts less surely or as another digit, and the search then
//! prefers a worse cut. These parts are trained as the digit whose ink they hold.

use rand::rngs::StdRng;
use rand::Rng;
use handwriting::synthetic::pen::{self, Stroke};
use recognizer::preprocess::InkMap;

use crate::examples::CANVAS;
use crate::touching::{column_ink, layout, window, Layout};

/// The part holds at least this share of its digit's ink: a cut through the digit itself is a wrong cut.
const MOST_OF_THE_DIGIT: f32 = 0.92;
/// ... and at most this share of the neighbour's: more is the pair, not a digit.
const MOST_OF_THE_NEIGHBOUR: f32 = 0.2;

/// The digit `strokes` written touching `neighbour` (on its left or right, at random), cut apart down a column
/// that leaves some of the neighbour's ink with it; `None` when no column does (the digits barely touch).
pub fn neighboured(strokes: &[Stroke], neighbour: &[Stroke], rng: &mut StdRng) -> Option<InkMap> {
    let digit_on_left = rng.gen_bool(0.5);
    let (first, second) = if digit_on_left { (strokes, neighbour) } else { (neighbour, strokes) };
    let Layout { left, right, pen_width } = layout(first, second, rng)?;
    let (digit, other) = if digit_on_left { (left, right) } else { (right, left) };
    let digit = pen::render(&digit, CANVAS, CANVAS, pen_width);
    let other = pen::render(&other, CANVAS, CANVAS, pen_width);
    let (digit_columns, other_columns) = (column_ink(&digit), column_ink(&other));
    let (digit_total, other_total): (f32, f32) = (digit_columns.iter().sum(), other_columns.iter().sum());
    if digit_total <= 0.0 || other_total <= 0.0 {
        return None;
    }
    // The part runs from the canvas edge on the digit's side to the cut; `kept(cut)` is each one's share in it.
    let kept = |columns: &[f32], total: f32, cut: usize| {
        let part: f32 = if digit_on_left { columns[..cut].iter().sum() } else { columns[cut..].iter().sum() };
        part / total
    };
    let cuts: Vec<usize> = (1..CANVAS)
        .filter(|&cut| {
            let of_other = kept(&other_columns, other_total, cut);
            kept(&digit_columns, digit_total, cut) >= MOST_OF_THE_DIGIT && of_other > 0.0 && of_other <= MOST_OF_THE_NEIGHBOUR
        })
        .collect();
    if cuts.is_empty() {
        return None;
    }
    let cut = cuts[rng.gen_range(0..cuts.len())];
    let (start, end) = if digit_on_left { (0, cut) } else { (cut, CANVAS) };
    Some(window(&digit, &other, start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn ring() -> Vec<Stroke> {
        vec![(0..=24).map(|k| (k as f32 / 24.0 * std::f32::consts::TAU).sin_cos()).map(|(s, c)| (0.6 * s, c)).collect()]
    }

    fn bar() -> Vec<Stroke> {
        vec![vec![(0.0, 0.0), (0.0, 1.0)]]
    }

    #[test]
    fn the_part_is_nearly_all_the_digit_with_a_little_of_its_neighbour() {
        let mut found = 0;
        for seed in 0..40 {
            // The digit is a 1 and its neighbour a 0: the bar's ink is wherever the part's is not the ring's.
            let mut rng = StdRng::seed_from_u64(seed);
            let Some(part) = neighboured(&bar(), &ring(), &mut rng) else { continue };
            found += 1;
            let mut replay = StdRng::seed_from_u64(seed);
            let digit_on_left = replay.gen_bool(0.5);
            let (first, second) = if digit_on_left { (bar(), ring()) } else { (ring(), bar()) };
            let Layout { left, right, pen_width } = layout(&first, &second, &mut replay).unwrap();
            let (digit, other) = if digit_on_left { (left, right) } else { (right, left) };
            let (digit, other) = (pen::render(&digit, CANVAS, CANVAS, pen_width), pen::render(&other, CANVAS, CANVAS, pen_width));
            let share = |of: &InkMap| {
                let kept: f32 = of.values.iter().zip(&part.values).filter(|(_, p)| **p > 0.0).map(|(v, _)| v).sum();
                kept / of.values.iter().sum::<f32>()
            };
            assert!(share(&digit) >= MOST_OF_THE_DIGIT - 1e-3, "seed {seed}: {} of the digit", share(&digit));
            assert!(share(&other) > 0.0, "seed {seed}: none of the neighbour");
            // Where the two overlap, the digit's own columns hold some of the neighbour's ink as well.
            assert!(share(&other) <= 0.5, "seed {seed}: {} of the neighbour", share(&other));
        }
        assert!(found >= 25, "only {found} of 40 pairs gave a part");
    }
}
