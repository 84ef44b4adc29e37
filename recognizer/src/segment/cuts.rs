//! Where a blob of touching digits may be cut, and which cuts to keep: the candidate cuts are the gaps and
//! the thin columns of its ink (minima of the column projection), the ink between every two of them that
//! could be a digit is read by the model (cut straight down, and bent round strokes where that parts fewer),
//! and the reading kept is the path through the cuts with the highest product of the model's top
//! probabilities, less a small price per digit (over-segmentation and a best-path search, as handwriting
//! readers do).

use super::bent_cuts::{bent_cuts, Cut};
use super::components::Components;
use super::grouping::Group;
use super::InkMask;

/// At most this many cuts are tried inside one blob (the thinnest ones) ...
const MOST_CUTS: usize = 8;
/// ... or this many per digit height of its width, whichever is more: a wide blob of five or six touching
/// digits needs a cut between each pair, and the strokes inside its digits leave thin columns too.
const CUTS_PER_HEIGHT: f32 = 2.5;
/// Cuts are at least this fraction of the digit height apart.
const CUT_SPACING: f32 = 0.12;
/// A cut column holds at most this fraction of the digit height in ink: thick or overlapping strokes
/// leave no thinner column between touching digits.
const THICK_COLUMN: f32 = 0.7;
/// A column with at most this fraction of the digit height in ink is a clean cut: it passes between
/// digits, or through a joining stroke; a thicker one cuts across strokes, and where it falls is a guess.
const THIN_COLUMN: f32 = 0.45;
/// One digit is at most this wide, as a fraction of the digit height.
pub const WIDEST_PART: f32 = 1.4;
/// A part taller than this fraction of the digit height can be a digit; shorter ones are tails.
const SHORTEST_PART: f32 = 0.45;
/// A part spans at most this many cuts: the curves of a scrawled 2 or 8 can leave four thin columns in it.
const LONGEST_SPAN: usize = 5;

/// Column positions (absolute x): the blob's left edge, the candidate cuts, its right edge (exclusive).
pub fn cut_points(group: &Group, components: &Components, mask: &InkMask, height: f32) -> Vec<usize> {
    let b = group.bounds;
    let columns: Vec<usize> = (b.x..b.x + b.width).map(|x| column_ink(group, components, mask, x)).collect();
    let radius = ((CUT_SPACING * height) as usize).max(1);
    let mut minima: Vec<(usize, usize)> = (1..columns.len().saturating_sub(1))
        .filter(|&i| {
            let (from, to) = (i.saturating_sub(radius), (i + radius + 1).min(columns.len()));
            columns[i] as f32 <= THICK_COLUMN * height && columns[from..to].iter().all(|&c| c >= columns[i])
        })
        .map(|i| (columns[i], i))
        .collect();
    minima.sort_unstable();
    let most = MOST_CUTS.max((CUTS_PER_HEIGHT * b.width as f32 / height.max(1.0)).ceil() as usize);
    let mut chosen: Vec<usize> = Vec::new();
    for (_, i) in minima {
        if chosen.len() < most && chosen.iter().all(|&c| c.abs_diff(i) > radius) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    std::iter::once(b.x).chain(chosen.into_iter().map(|i| b.x + i)).chain(std::iter::once(b.x + b.width)).collect()
}

/// Whether the cut at column `x` passes through little ink (see [`THIN_COLUMN`]).
pub fn is_clean_cut(group: &Group, components: &Components, mask: &InkMask, height: f32, x: usize) -> bool {
    column_ink(group, components, mask, x) as f32 <= THIN_COLUMN * height
}

/// How many separate strokes of the blob column `x` crosses: runs of its ink apart by at least a tenth of the
/// digit height.
pub fn strokes_crossed(group: &Group, components: &Components, mask: &InkMask, height: f32, x: usize) -> usize {
    let b = group.bounds;
    let least_gap = ((0.1 * height) as usize).max(2);
    let (mut runs, mut gap) = (0, usize::MAX);
    for y in b.y..b.y + b.height {
        if group.owns(components, mask.width(), x, y) {
            if gap >= least_gap {
                runs += 1;
            }
            gap = 0;
        } else {
            gap = gap.saturating_add(1);
        }
    }
    runs
}

/// How many of the blob's ink pixels lie in column `x`.
fn column_ink(group: &Group, components: &Components, mask: &InkMask, x: usize) -> usize {
    let b = group.bounds;
    (b.y..b.y + b.height).filter(|&y| group.owns(components, mask.width(), x, y)).count()
}

/// Whether the blob is pieces side by side with a clear column between them: a thin piece put with its
/// neighbour (the detached stem of a 4, or a 1 written close to the next digit), which only the model can
/// tell apart.
pub fn has_gap(group: &Group, components: &Components, mask: &InkMask) -> bool {
    let b = group.bounds;
    group.labels.len() > 1
        && (b.x + 1..(b.x + b.width).saturating_sub(1))
            .any(|x| (b.y..b.y + b.height).all(|y| !group.owns(components, mask.width(), x, y)))
}

/// The parts worth reading: the ink between cut points `i` and `j`, when it could be one digit. A part whose
/// cuts bend round strokes ([`bent_cuts`]) comes twice, cut straight and bent, for the model to choose.
pub fn candidate_parts(
    group: &Group,
    points: &[usize],
    components: &Components,
    mask: &InkMask,
    height: f32,
) -> Vec<(usize, usize, Group)> {
    let whole = (0, points.len() - 1);
    let bent = bent_cuts(group, points, components, mask.width(), height);
    let mut parts = Vec::new();
    for i in 0..points.len() - 1 {
        for j in i + 1..points.len().min(i + 1 + LONGEST_SPAN) {
            if (i, j) == whole {
                continue; // the blob as it is has been read already
            }
            if (points[j] - points[i]) as f32 > WIDEST_PART * height {
                break;
            }
            // Cut straight down the columns, and also bent round strokes where that parts fewer of them.
            let straight = group.between(components, mask.width(), &Cut::straight(points[i]), &Cut::straight(points[j]));
            let bends = bent[i].is_bent() || bent[j].is_bent();
            let bent_part = bends.then(|| group.between(components, mask.width(), &bent[i], &bent[j])).flatten();
            for part in straight.into_iter().chain(bent_part) {
                if part.bounds.height as f32 >= SHORTEST_PART * height {
                    parts.push((i, j, part));
                }
            }
        }
    }
    parts
}

/// The width tells how many digits a blob holds only to within this many: digits differ in width, and a round
/// 0 is as wide as two typical digits, which its halves read as surely as the whole ("6" and "7").
const WIDTH_SLACK: f32 = 0.5;

/// The best path from point 0 to the last: `score(i, j)` is the log-probability of reading the part
/// between points `i` and `j` as its top digit (`None` when it cannot be a digit); each digit costs
/// `penalty`. Returns the chosen parts as point pairs, left to right.
pub fn best_path(points: usize, score: impl Fn(usize, usize) -> Option<f32>, penalty: f32) -> Vec<(usize, usize)> {
    best_path_for_width(points, score, penalty, 0.0, 0.0)
}

/// Like [`best_path`], with a prior on how many digits the blob holds: a path of `n` parts also pays
/// `weight` for each digit it is more than [`WIDTH_SLACK`] away from `expected`, so that a blob as wide as
/// several of the line's digits is not read as one merely because the model is as sure of the whole as of
/// each part.
pub fn best_path_for_width(
    points: usize,
    score: impl Fn(usize, usize) -> Option<f32>,
    penalty: f32,
    expected: f32,
    weight: f32,
) -> Vec<(usize, usize)> {
    // best[j][n]: the best total reaching point j in n parts, and the point before.
    let mut best: Vec<Vec<Option<(f32, usize)>>> = vec![vec![None; points]; points];
    best[0][0] = Some((0.0, 0));
    for j in 1..points {
        for i in 0..j {
            let Some(s) = score(i, j) else { continue };
            for n in 0..=i {
                let Some((before, _)) = best[i][n] else { continue };
                let total = before + s - penalty;
                if best[j][n + 1].is_none_or(|(b, _)| total > b) {
                    best[j][n + 1] = Some((total, i));
                }
            }
        }
    }
    let last = points - 1;
    let chosen = (1..points)
        .rev() // on a tie, fewer digits
        .filter_map(|n| best[last][n].map(|(total, _)| (n, total - weight * ((n as f32 - expected).abs() - WIDTH_SLACK).max(0.0))))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((mut n, _)) = chosen else { return vec![(0, last)] };
    let mut path = Vec::new();
    let mut j = last;
    while j > 0 {
        let Some((_, i)) = best[j][n] else { return vec![(0, last)] };
        path.push((i, j));
        (j, n) = (i, n - 1);
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::test_ink::{hooked_posts, ladder};
    use crate::segment::{analyse, Source};

    #[test]
    fn a_digit_that_spans_five_cuts_is_read_as_one_part() {
        // Five rings 16 pixels wide and 60 tall in a row, sharing their walls, each thinnest midway: one blob
        // with a cut inside every ring, as a scrawled 2 beside a 1 has several.
        let ink = ladder(5, 16, 60);
        let analysis = analyse(ink.map(|v| 1.0 - v), Source::Canvas).expect("ink");
        let group = &analysis.lines[0][0];
        let height = group.bounds.height as f32;
        let points = cut_points(group, &analysis.components, &analysis.mask, height);
        assert_eq!(points.len(), 7, "{points:?}");
        let parts = candidate_parts(group, &points, &analysis.components, &analysis.mask, height);
        assert!(parts.iter().any(|&(i, j, _)| (i, j) == (0, 5)), "{:?}", parts.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>());
    }

    #[test]
    fn a_blob_of_many_touching_digits_gets_a_cut_in_each() {
        // Ten rings 13 pixels wide and 30 tall sharing their walls: more thin columns than MOST_CUTS, all needed.
        let ink = ladder(10, 13, 30);
        let analysis = analyse(ink.map(|v| 1.0 - v), Source::Canvas).expect("ink");
        let group = &analysis.lines[0][0];
        let points = cut_points(group, &analysis.components, &analysis.mask, group.bounds.height as f32);
        assert_eq!(points.len(), 12, "{points:?}");
    }

    #[test]
    fn a_part_whose_cut_bends_round_a_stroke_is_read_cut_both_ways() {
        let analysis = analyse(hooked_posts().map(|v| 1.0 - v), Source::Canvas).expect("ink");
        let group = &analysis.lines[0][0];
        let b = group.bounds;
        let points = [b.x, 56, b.x + b.width];
        let parts = candidate_parts(group, &points, &analysis.components, &analysis.mask, b.height as f32);
        let mut right: Vec<usize> = parts.iter().filter(|p| (p.0, p.1) == (1, 2)).map(|p| p.2.bounds.x).collect();
        right.sort_unstable();
        // Cut straight, the right post keeps its hook from column 56; cut bent, all of it, from column 50.
        assert_eq!(right, [50, 56]);
    }

    #[test]
    fn the_surest_reading_wins_over_one_blob() {
        // Points 0..3: the whole blob reads at 0.5, the two halves (0,1) and (1,3) at 0.99 each.
        let score = |i: usize, j: usize| match (i, j) {
            (0, 3) => Some(0.5f32.ln()),
            (0, 1) | (1, 3) => Some(0.99f32.ln()),
            _ => None,
        };
        assert_eq!(best_path(4, score, 0.05), vec![(0, 1), (1, 3)]);
    }

    #[test]
    fn a_blob_over_two_digits_wide_is_read_as_two_when_the_parts_are_as_sure_as_the_whole() {
        // "13" touching: the whole reads as a sure 3, the 1 and the 3 on their own a little surer.
        let score = |i: usize, j: usize| match (i, j) {
            (0, 2) => Some(0.99f32.ln()),
            (0, 1) | (1, 2) => Some(0.995f32.ln()),
            _ => None,
        };
        assert_eq!(best_path(3, score, 0.02), vec![(0, 2)], "without the width, one digit wins");
        assert_eq!(best_path_for_width(3, score, 0.02, 2.4, 0.03), vec![(0, 1), (1, 2)]);
        assert_eq!(best_path_for_width(3, score, 0.02, 1.1, 0.03), vec![(0, 2)], "one digit wide");
    }

    #[test]
    fn a_round_0_as_wide_as_two_digits_and_read_surely_is_not_cut_into_halves_read_as_surely() {
        // A written date's "O", 1.24 of the line's height wide: whole a 0 at 0.99997, its halves "6" at 0.999
        // and "7" at 0.998.
        let score = |i: usize, j: usize| match (i, j) {
            (0, 2) => Some(0.99997f32.ln()),
            (0, 1) => Some(0.999f32.ln()),
            (1, 2) => Some(0.998f32.ln()),
            _ => None,
        };
        assert_eq!(best_path_for_width(3, score, 0.02, 1.9, 0.03), vec![(0, 2)]);
    }

    #[test]
    fn the_width_prior_does_not_outweigh_a_clearly_better_reading() {
        let score = |i: usize, j: usize| match (i, j) {
            (0, 3) => Some(0.99f32.ln()),
            (0, 1) | (1, 3) => Some(0.6f32.ln()),
            _ => None,
        };
        assert_eq!(best_path_for_width(4, score, 0.02, 2.0, 0.03), vec![(0, 3)]);
    }

    #[test]
    fn a_sure_single_digit_is_not_split() {
        let score = |i: usize, j: usize| match (i, j) {
            (0, 2) => Some(0.98f32.ln()),
            _ => Some(0.95f32.ln()),
        };
        assert_eq!(best_path(3, score, 0.05), vec![(0, 2)]);
    }
}
