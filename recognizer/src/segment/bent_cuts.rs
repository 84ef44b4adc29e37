//! Cuts that bend around strokes. Between touching digits a straight column can run down one digit's
//! overhang (the loop of a 6 reaching under a 3, the bar of a 7 over the next digit), giving a stroke of one
//! to the other. A bent cut is the path down the blob, near its column, that parts the fewest pairs of
//! touching ink pixels; the parts between bent cuts are read beside the straight ones, since fewest strokes
//! parted is not always right (it would rather cut a 0's ring at its top and foot than part it from a 6 it
//! leans on), and only the model can tell which strokes are a part's own.

use super::components::Components;
use super::grouping::Group;

/// How far a cut may bend from its column, as a fraction of the digit height: touching digits overlap by up
/// to about a sixth of it.
const BEND: f32 = 0.3;
/// What a pixel of bend costs on each row, against one pair of ink pixels parted: a cut stays straight unless
/// bending spares strokes.
const BEND_COST: f32 = 0.02;
/// A bent cut is read too only when it parts fewer pairs of ink pixels than the straight one by this fraction
/// of the digit height, about a stroke's width: each one read costs an inference per part.
const FEWEST_SPARED: f32 = 0.05;

/// A cut down a blob: on each row, the first column right of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// The row of `columns[0]`; rows outside `columns` are cut at `column`.
    top: usize,
    columns: Vec<usize>,
    column: usize,
}

impl Cut {
    /// The cut down column `x`: that column and those right of it are on its right.
    pub fn straight(x: usize) -> Self {
        Cut { top: 0, columns: Vec::new(), column: x }
    }

    /// Whether the cut leaves its column on some row.
    pub fn is_bent(&self) -> bool {
        self.columns.iter().any(|&c| c != self.column)
    }

    /// The first column right of the cut on row `y`.
    pub fn at(&self, y: usize) -> usize {
        y.checked_sub(self.top).and_then(|i| self.columns.get(i)).copied().unwrap_or(self.column)
    }
}

/// The pixels between two cuts, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub left: Cut,
    pub right: Cut,
}

impl Band {
    pub fn contains(&self, x: usize, y: usize) -> bool {
        (self.left.at(y)..self.right.at(y)).contains(&x)
    }
}

/// The cuts through `group` at `points` (its left edge, the cut columns, its right edge), each bent to part
/// the fewest strokes within [`BEND`] of its column and short of halfway to the next.
pub fn bent_cuts(group: &Group, points: &[usize], components: &Components, width: usize, height: f32) -> Vec<Cut> {
    let reach = (BEND * height) as usize;
    points
        .iter()
        .enumerate()
        .map(|(k, &x)| {
            let (Some(&before), Some(&after)) = (k.checked_sub(1).and_then(|k| points.get(k)), points.get(k + 1)) else {
                return Cut::straight(x);
            };
            let from = x.saturating_sub(reach).max((before + x).div_ceil(2)).max(before + 1);
            let to = (x + reach).min((x + after) / 2).min(after.saturating_sub(1));
            if from >= to {
                return Cut::straight(x);
            }
            let bent = least_parting_path(group, components, width, x, from, to);
            let spared = pairs_parted(group, components, width, &Cut::straight(x)).saturating_sub(pairs_parted(group, components, width, &bent));
            if spared as f32 >= FEWEST_SPARED * height { bent } else { Cut::straight(x) }
        })
        .collect()
}

/// How many pairs of the blob's touching ink pixels `cut` parts: side by side across it on a row, or one above
/// the other where it moves between rows.
fn pairs_parted(group: &Group, components: &Components, width: usize, cut: &Cut) -> usize {
    let b = group.bounds;
    let ink = |x: usize, y: usize| group.owns(components, width, x, y);
    (b.y..b.y + b.height)
        .map(|y| {
            let c = cut.at(y);
            let across = c > 0 && ink(c - 1, y) && ink(c, y);
            // Pixels between the two rows' cut columns change sides.
            let above = if y > b.y { cut.at(y - 1) } else { c };
            let moved = (above.min(c)..above.max(c)).filter(|&x| ink(x, y - 1) && ink(x, y)).count();
            across as usize + moved
        })
        .sum()
}

/// The path down the blob's rows, through columns `from..=to`, moving at most one column per row, that parts
/// the fewest pairs of the blob's ink pixels (side by side across it, or one above the other where it moves),
/// plus [`BEND_COST`] for each column of each row away from `x`.
fn least_parting_path(group: &Group, components: &Components, width: usize, x: usize, from: usize, to: usize) -> Cut {
    let b = group.bounds;
    let ink = |x: usize, y: usize| group.owns(components, width, x, y);
    let span = to - from + 1;
    let bend = |c: usize| BEND_COST * c.abs_diff(x) as f32;
    // Parting at column c of row y: the pixels left of it and at it, both ink.
    let across = |c: usize, y: usize| (c > 0 && ink(c - 1, y) && ink(c, y)) as u8 as f32;
    let mut cost: Vec<f32> = (0..span).map(|i| across(from + i, b.y) + bend(from + i)).collect();
    let mut came_from: Vec<Vec<u8>> = Vec::with_capacity(b.height);
    came_from.push(vec![1; span]);
    for y in b.y + 1..b.y + b.height {
        let mut next = vec![f32::INFINITY; span];
        let mut step = vec![1u8; span];
        for (i, slot) in next.iter_mut().enumerate() {
            let c = from + i;
            // Coming from column c - 1, the pixel at c - 1 changes sides between the rows; from c + 1, the one at c.
            let moves = [(i.checked_sub(1), c.checked_sub(1)), (Some(i), None), (Some(i + 1).filter(|&j| j < span), Some(c))];
            for (m, (previous, changes_side)) in moves.into_iter().enumerate() {
                let Some(p) = previous else { continue };
                let parted = changes_side.is_some_and(|cx| ink(cx, y - 1) && ink(cx, y)) as u8 as f32;
                let total = cost[p] + parted;
                if total < *slot {
                    (*slot, step[i]) = (total, m as u8);
                }
            }
            *slot += across(c, y) + bend(c);
        }
        cost = next;
        came_from.push(step);
    }
    let mut i = (0..span).min_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(bend(from + a).total_cmp(&bend(from + b)))).unwrap_or(0);
    let mut columns = vec![0; b.height];
    for row in (0..b.height).rev() {
        columns[row] = from + i;
        i = (i + came_from[row][i] as usize).saturating_sub(1);
    }
    Cut { top: b.y, columns, column: x }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::test_ink::hooked_posts;
    use crate::segment::{analyse, Source};

    #[test]
    fn a_cut_bends_round_a_stroke_reaching_under_the_next_digit_and_stays_straight_through_a_join() {
        let analysis = analyse(hooked_posts().map(|v| 1.0 - v), Source::Canvas).expect("ink");
        let group = &analysis.lines[0][0];
        let (width, height) = (analysis.mask.width(), group.bounds.height as f32);
        // The straight cut at column 56 parts the hook and the bar; the bent one parts only the bar, running
        // left of the hook.
        let cuts = bent_cuts(group, &[group.bounds.x, 56, group.bounds.x + group.bounds.width], &analysis.components, width, height);
        let cut = &cuts[1];
        assert!(cut.at(68) <= 50, "the cut passes left of the hook, at {}", cut.at(68));
        assert!(cut.at(45) == 56 && cut.at(97) == 56, "straight where nothing is spared");
        assert_eq!(cuts[0], Cut::straight(group.bounds.x));
    }
}
