//! From pieces of ink to digits: pieces stacked over each other are one digit (the bar of a 5, a broken 4),
//! small marks are dropped, digits are ordered left to right, and in photos a blob as wide as several
//! digits is cut at its thinnest columns.

use super::bent_cuts::{Band, Cut};
use super::components::Components;
use super::InkMask;
use crate::preprocess::{Bounds, InkMap};

/// One digit: the pieces it is made of, optionally limited to the band between two cuts (a split blob).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub bounds: Bounds,
    pub labels: Vec<u32>,
    band: Option<Band>,
}

/// Pieces overlapping by this fraction of the narrower one's width belong to one digit.
const STACKED_OVERLAP: f32 = 0.5;
/// Stacked pieces of one digit are at most this far apart, as a fraction of the taller one's height, or of the
/// typical digit's where both are under [`BROKEN_HALF`] of it.
const STACKED_GAP: f32 = 0.3;
/// Pieces under this fraction of the typical digit height are the halves of a digit whose stroke broke where it
/// was written lightly (a 5's top and bowl): how far apart they may lie is judged by a whole digit's height,
/// where together they stand as tall as a digit ([`WHOLE_DIGIT`]; bits of a grid do not).
const BROKEN_HALF: f32 = 0.5;
/// A thin piece this close (as a fraction of the taller piece's height) beside another is part of it
/// (the detached stem of a 4), closer than people leave between digits.
const TOUCHING_GAP: f32 = 0.06;
/// ... as long as it is this thin, relative to that height.
const THIN_PIECE: f32 = 0.35;
/// Merged pieces must still be roughly digit-shaped: no wider than this times their height.
const WIDEST_DIGIT: f32 = 1.25;
/// ... unless stacked pieces are hardly wider together than the wider and taller alone: the bar of a 5 whose
/// body is wide.
const WIDER_THAN_A_PIECE: f32 = 1.1;
/// A photo blob wider than this times its height may be digits that touch.
const SPLIT_ASPECT: f32 = 1.5;
/// A group of more pieces than this tells its own by a table (see [`Group::label_test`]).
const FEW_PIECES: usize = 8;
/// Typical digit width as a fraction of its height, to guess how many digits a wide blob holds.
const TYPICAL_ASPECT: f32 = 0.7;
/// Each part of a split blob must be at least this fraction of its height.
const FULL_HEIGHT_PART: f32 = 0.6;
/// A cut column may hold at most this fraction of the blob's height in ink, and of its upper-quartile
/// column: digits touch at a thin join, while the middle of a wide 0 is as thick as most of it.
const THIN_JOIN: f32 = 0.25;
const THIN_FOR_THE_BLOB: f32 = 0.6;

/// The pieces of each digit put together, in no particular order (see `lines::into_lines`).
pub fn group_pieces(components: &Components) -> Vec<Group> {
    let mut groups: Vec<Group> = components
        .pieces
        .iter()
        .map(|p| Group { bounds: p.bounds, labels: vec![p.label], band: None })
        .collect();
    let typical = typical_height(&groups);
    merge_stacked(&mut groups, typical);
    groups
}

/// Pieces shorter than this fraction of the tallest are specks, dots and bars, not what a digit's height is
/// judged by.
const SPECK: f32 = 0.25;
/// Two pieces one above the other, both at least this fraction of the picture's typical digit height, are
/// digits on two lines, not the parts of one.
const WHOLE_DIGIT: f32 = 0.75;

/// The height of a typical digit among `groups`, when there are at least three pieces that are not specks
/// (with fewer, they may all be the pieces of one digit).
fn typical_height(groups: &[Group]) -> Option<f32> {
    let tallest = groups.iter().map(|g| g.bounds.height).max()? as f32;
    let pieces: Vec<&Group> = groups.iter().filter(|g| g.bounds.height as f32 >= SPECK * tallest).collect();
    (pieces.len() >= 3).then(|| upper_median_height(pieces))
}

/// The upper median of the groups' heights (there must be some), so that a few separators or specks do not
/// lower it.
pub fn upper_median_height<'a>(groups: impl IntoIterator<Item = &'a Group>) -> f32 {
    let mut heights: Vec<usize> = groups.into_iter().map(|g| g.bounds.height).collect();
    heights.sort_unstable();
    heights[(heights.len() * 2 / 3).min(heights.len() - 1)] as f32
}

/// Merges pieces of one digit, always the first pair in order (by the earlier group, then the later) that
/// belongs together, the earlier taking the later, until no pair does. Only the group that just grew can
/// belong with anything new, so the search goes on from it rather than from the start: a picture of noise
/// breaks into thousands of pieces, and restarting made that cubic (20 s for one photo).
fn merge_stacked(groups: &mut Vec<Group>, typical: Option<f32>) {
    // Groups before `next` have been compared with every group after them, and none belongs with another.
    let mut next = 0;
    while next < groups.len() {
        let mut grown = next;
        let mut changed = false;
        loop {
            // A group before the one that grew may now take it (only a changed group needs looking back).
            let earlier = if changed { (0..grown).find(|&i| stacked_pieces(groups[i].bounds, groups[grown].bounds, typical)) } else { None };
            if let Some(i) = earlier {
                absorb(groups, i, grown);
                if grown < next {
                    next -= 1;
                }
                grown = i;
                continue;
            }
            match (grown + 1..groups.len()).find(|&j| stacked_pieces(groups[grown].bounds, groups[j].bounds, typical)) {
                Some(j) => {
                    absorb(groups, grown, j);
                    if j < next {
                        next -= 1;
                    }
                    changed = true;
                }
                None => break,
            }
        }
        next = next.max(grown + 1);
    }
}

/// Group `into` takes the later group `from`, which is removed.
fn absorb(groups: &mut Vec<Group>, into: usize, from: usize) {
    debug_assert!(into < from);
    let absorbed = groups.remove(from);
    let into = &mut groups[into];
    into.labels.extend(absorbed.labels);
    into.bounds = union(into.bounds, absorbed.bounds);
}

/// All the groups as one, `None` when there are none.
pub fn all_in_one(groups: impl IntoIterator<Item = Group>) -> Option<Group> {
    groups.into_iter().reduce(|mut one, other| {
        one.labels.extend(other.labels);
        one.bounds = union(one.bounds, other.bounds);
        one.band = None;
        one
    })
}

/// Whether pieces (or groups of them) with bounds `a` and `b` are parts of one digit.
fn stacked_pieces(a: Bounds, b: Bounds, typical: Option<f32>) -> bool {
    let overlap = (a.x + a.width).min(b.x + b.width) as f32 - a.x.max(b.x) as f32;
    let union = union(a, b);
    let taller = a.height.max(b.height) as f32;
    // Pieces of one digit are close above each other, not a line apart.
    let gap = a.y.max(b.y) as f32 - (a.y + a.height).min(b.y + b.height) as f32;
    let halves = |t: f32| taller < BROKEN_HALF * t && union.height as f32 >= WHOLE_DIGIT * t;
    let reach = typical.filter(|&t| halves(t)).unwrap_or(taller);
    let near = gap <= STACKED_GAP * reach;
    let rows = (a.y + a.height).min(b.y + b.height) as f32 - a.y.max(b.y) as f32;
    let shorter = a.height.min(b.height) as f32;
    let two_lines = rows < 0.25 * shorter && typical.is_some_and(|t| shorter >= WHOLE_DIGIT * t);
    let stacked = overlap >= STACKED_OVERLAP * a.width.min(b.width) as f32 && near && !two_lines;
    let level = rows >= 0.5 * a.height.min(b.height) as f32;
    let beside = -overlap <= TOUCHING_GAP * taller && (a.width.min(b.width) as f32) <= THIN_PIECE * taller && level;
    let digit_shaped = union.width as f32 <= WIDEST_DIGIT * union.height as f32;
    // The body is the wider and the taller piece: a rule's remnant is wider than the digits under it.
    let (body, bar) = if a.width >= b.width { (a, b) } else { (b, a) };
    let bar_on_body = body.height > bar.height && union.width as f32 <= WIDER_THAN_A_PIECE * body.width as f32;
    (stacked || beside) && (digit_shaped || (stacked && bar_on_body))
}

fn union(a: Bounds, b: Bounds) -> Bounds {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    let right = (a.x + a.width).max(b.x + b.width);
    let bottom = (a.y + a.height).max(b.y + b.height);
    Bounds { x, y, width: right - x, height: bottom - y }
}

/// Cuts a blob holding several touching digits at its thinnest columns near the expected joins.
pub fn split_wide(group: Group, components: &Components, mask: &InkMask) -> Vec<Group> {
    let b = group.bounds;
    if (b.width as f32) < SPLIT_ASPECT * b.height as f32 {
        return vec![group];
    }
    let columns: Vec<usize> = (b.x..b.x + b.width)
        .map(|x| (b.y..b.y + b.height).filter(|&y| group.owns(components, mask.width(), x, y)).count())
        .collect();
    let mut inked: Vec<usize> = columns.iter().copied().filter(|&c| c > 0).collect();
    inked.sort_unstable();
    let upper_quartile = inked.get(inked.len() * 3 / 4).copied().unwrap_or(0) as f32;
    let parts = ((b.width as f32 / (TYPICAL_ASPECT * b.height as f32)).round() as usize).clamp(2, 6);
    let step = b.width as f32 / parts as f32;
    let mut cuts = vec![0];
    for k in 1..parts {
        let expected = k as f32 * step;
        let from = ((expected - 0.3 * step).max(*cuts.last().unwrap() as f32 + 1.0)) as usize;
        let to = ((expected + 0.3 * step) as usize).min(b.width - 1);
        if let Some(cut) = (from..=to).min_by_key(|&c| (columns[c], (c as f32 - expected).abs() as usize)) {
            let thin = columns[cut] as f32;
            if thin <= THIN_JOIN * b.height as f32 && thin <= THIN_FOR_THE_BLOB * upper_quartile {
                cuts.push(cut);
            }
        }
    }
    if cuts.len() == 1 {
        return vec![group];
    }
    cuts.push(b.width);
    let parts: Vec<Group> = cuts
        .windows(2)
        .filter_map(|w| {
            let band = Band { left: Cut::straight(b.x + w[0]), right: Cut::straight(b.x + w[1]) };
            let part = Group { bounds: b, labels: group.labels.clone(), band: Some(band) };
            part.tight_bounds(components, mask.width()).map(|bounds| Group { bounds, ..part })
        })
        .collect();
    // Every part must be a whole digit, not a tail cut off a wide one.
    if parts.iter().any(|p| (p.bounds.height as f32) < FULL_HEIGHT_PART * b.height as f32) {
        return vec![group];
    }
    parts
}

impl Group {
    /// A group of no piece, covering `bounds` (for tests of what comes after grouping).
    #[cfg(test)]
    pub fn from_bounds(bounds: Bounds) -> Self {
        Group { bounds, labels: Vec::new(), band: None }
    }

    /// The part of this digit between cuts `left` and `right`, shrunk to its ink; `None` if it has none.
    pub fn between(&self, components: &Components, width: usize, left: &Cut, right: &Cut) -> Option<Group> {
        let band = Band { left: left.clone(), right: right.clone() };
        let part = Group { bounds: self.bounds, labels: self.labels.clone(), band: Some(band) };
        part.tight_bounds(components, width).map(|bounds| Group { bounds, ..part })
    }

    /// Whether this is a part of a blob with a cut bent round strokes on either side.
    pub fn cut_bent(&self) -> bool {
        self.band.as_ref().is_some_and(|band| band.left.is_bent() || band.right.is_bent())
    }

    /// Each piece of this digit as a group of its own (none for a part of a split blob, whose pieces are cut).
    pub fn pieces(&self, components: &Components) -> Vec<Group> {
        if self.band.is_some() {
            return Vec::new();
        }
        let piece = |label: u32| components.pieces.iter().find(|p| p.label == label);
        let pieces = self.labels.iter().filter_map(|&label| piece(label));
        pieces.map(|p| Group { bounds: p.bounds, labels: vec![p.label], band: None }).collect()
    }

    /// This digit and `other` as one.
    pub fn joined(&self, other: &Group) -> Group {
        let mut labels = self.labels.clone();
        labels.extend(&other.labels);
        Group { bounds: union(self.bounds, other.bounds), labels, band: None }
    }

    /// Whether the ink pixel at (x, y) belongs to this digit.
    pub fn owns(&self, components: &Components, width: usize, x: usize, y: usize) -> bool {
        self.owns_by(&|label| self.labels.contains(&label), components, width, x, y)
    }

    /// [`Group::owns`], telling its labels by `is_own`.
    fn owns_by(&self, is_own: &impl Fn(u32) -> bool, components: &Components, width: usize, x: usize, y: usize) -> bool {
        let label = components.labels.get(y * width + x).copied().unwrap_or(0);
        label != 0 && is_own(label) && self.band.as_ref().is_none_or(|band| band.contains(x, y))
    }

    /// Tells this group's labels, for a pass over its whole box: by a table where it has many pieces (a
    /// picture of noise can make one group of thousands), by its short list otherwise.
    fn label_test(&self) -> impl Fn(u32) -> bool + '_ {
        let table = (self.labels.len() > FEW_PIECES).then(|| {
            let mut table = vec![false; self.labels.iter().max().map_or(0, |&l| l as usize + 1)];
            self.labels.iter().for_each(|&l| table[l as usize] = true);
            table
        });
        move |label| match &table {
            Some(table) => table.get(label as usize).copied().unwrap_or(false),
            None => self.labels.contains(&label),
        }
    }

    fn tight_bounds(&self, components: &Components, width: usize) -> Option<Bounds> {
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let b = self.bounds;
        let is_own = self.label_test();
        for y in b.y..b.y + b.height {
            for x in b.x..b.x + b.width {
                if self.owns_by(&is_own, components, width, x, y) {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                }
            }
        }
        (x0 != usize::MAX).then(|| Bounds { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 })
    }

    /// The digit's ink cropped to its box plus a pixel of margin, keeping the soft edge next to its own
    /// strokes, other digits masked out, and stretched so its strokes reach 1.
    pub fn ink_map(&self, components: &Components, mask: &InkMask) -> InkMap {
        let (w, h) = (mask.width(), mask.height());
        let b = self.bounds;
        let (x0, y0) = (b.x.saturating_sub(1), b.y.saturating_sub(1));
        let (x1, y1) = ((b.x + b.width + 1).min(w), (b.y + b.height + 1).min(h));
        let mut out = InkMap::new(x1 - x0, y1 - y0);
        let mut core = Vec::new();
        let is_own = self.label_test();
        let owns = |x: usize, y: usize| self.owns_by(&is_own, components, w, x, y);
        for y in y0..y1 {
            for x in x0..x1 {
                let own = owns(x, y);
                let beside_own =
                    own || (y.saturating_sub(1)..(y + 2).min(h)).any(|ny| (x.saturating_sub(1)..(x + 2).min(w)).any(|nx| owns(nx, ny)));
                let outside_band = self.band.as_ref().is_some_and(|band| !band.contains(x, y));
                if beside_own && !outside_band {
                    let value = mask.ink.at(x, y);
                    out.values[(y - y0) * out.width + (x - x0)] = value;
                    if own {
                        core.push(value);
                    }
                }
            }
        }
        if !core.is_empty() {
            let k = (core.len() - 1) * 9 / 10;
            let strong = *core.select_nth_unstable_by(k, f32::total_cmp).1;
            if strong > 0.0 {
                out.values.iter_mut().for_each(|v| *v = (*v / strong).min(1.0));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::test_ink::Draws;
    use crate::segment::Component;

    /// The groups made of pieces with these bounds (x, y, width, height), as sorted bounds.
    fn grouped(boxes: &[(usize, usize, usize, usize)]) -> Vec<(usize, usize, usize, usize)> {
        let pieces = boxes
            .iter()
            .enumerate()
            .map(|(i, &(x, y, width, height))| Component { label: i as u32 + 1, bounds: Bounds { x, y, width, height }, area: width * height / 3 })
            .collect();
        let mut out: Vec<_> = group_pieces(&Components { labels: Vec::new(), pieces })
            .into_iter()
            .map(|g| (g.bounds.x, g.bounds.y, g.bounds.width, g.bounds.height))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn digits_on_two_close_lines_stay_apart_but_the_bar_of_a_five_joins_its_body() {
        // Two lines of three digits 30 tall, 5 pixels apart: each digit stands over the one below it.
        let lines = [(10, 10, 20, 30), (40, 10, 20, 30), (70, 10, 20, 30), (15, 45, 20, 30), (45, 45, 20, 30), (75, 45, 20, 30)];
        assert_eq!(grouped(&lines).len(), 6);
        // A 5 whose bar was written apart from its body, beside two digits.
        let five = [(12, 10, 18, 4), (10, 16, 20, 24), (40, 10, 20, 30), (70, 10, 20, 30)];
        assert_eq!(grouped(&five), vec![(10, 10, 20, 30), (40, 10, 20, 30), (70, 10, 20, 30)]);
        // A wide 5 (its body 5/3 as wide as tall), the bar written apart and a little past the body.
        let wide_five = [(24, 10, 28, 4), (10, 16, 40, 24), (70, 10, 20, 30), (100, 10, 20, 30)];
        assert_eq!(grouped(&wide_five), vec![(10, 10, 42, 30), (70, 10, 20, 30), (100, 10, 20, 30)]);
    }

    #[test]
    fn the_halves_of_a_digit_broken_where_it_was_written_lightly_join_but_small_marks_on_two_lines_and_bits_of_a_grid_do_not() {
        // "5008" in a photo, digits 60 tall: the 5's stroke broke between its top (with the bar) and its bowl,
        // 11 pixels apart, each 23 tall.
        let five = [(62, 52, 59, 23), (57, 86, 45, 23), (114, 44, 66, 62), (180, 53, 40, 56), (221, 61, 62, 60)];
        assert_eq!(grouped(&five), vec![(57, 52, 64, 57), (114, 44, 66, 62), (180, 53, 40, 56), (221, 61, 62, 60)]);
        // Digits written small, one over the other 14 pixels apart, beside full-height ones stay apart: each is
        // over half a digit tall.
        let small = [(10, 10, 20, 32), (10, 56, 20, 32), (40, 10, 20, 60), (70, 10, 20, 60)];
        assert_eq!(grouped(&small), vec![(10, 10, 20, 32), (10, 56, 20, 32), (40, 10, 20, 60), (70, 10, 20, 60)]);
        // Bits of a grid left over a number, together short of a digit's height, stay apart.
        let grid_bits = [(234, 3, 7, 8), (234, 14, 7, 8), (64, 90, 32, 29), (113, 90, 24, 32), (142, 89, 30, 29)];
        assert_eq!(grouped(&grid_bits), vec![(64, 90, 32, 29), (113, 90, 24, 32), (142, 89, 30, 29), (234, 3, 7, 8), (234, 14, 7, 8)]);
    }

    /// The merging as first written: after each merge the search starts again from the first pair.
    fn merged_from_the_start(groups: &mut Vec<Group>, typical: Option<f32>) {
        while let Some((i, j)) = (0..groups.len())
            .flat_map(|i| (i + 1..groups.len()).map(move |j| (i, j)))
            .find(|&(i, j)| stacked_pieces(groups[i].bounds, groups[j].bounds, typical))
        {
            absorb(groups, i, j);
        }
    }

    #[test]
    fn merging_goes_on_from_the_group_that_grew_and_ends_as_restarting_would() {
        let mut draws = Draws::new(0x2545_f491_4f6c_dd1d);
        let mut next = |below: usize| draws.below(below);
        for _ in 0..400 {
            // Pieces of digits, bars, dots and broken strokes, crowded so that many belong together.
            let side = 40 + next(200);
            let groups: Vec<Group> = (0..2 + next(60))
                .map(|label| {
                    let (width, height) = (1 + next(30), 1 + next(40));
                    let bounds = Bounds { x: next(side), y: next(side / 2), width, height };
                    Group { bounds, labels: vec![label as u32 + 1], band: None }
                })
                .collect();
            let typical = typical_height(&groups);
            let (mut fast, mut reference) = (groups.clone(), groups);
            merge_stacked(&mut fast, typical);
            merged_from_the_start(&mut reference, typical);
            assert_eq!(fast, reference);
        }
    }

    #[test]
    fn what_is_left_of_a_rule_over_a_number_joins_none_of_its_digits() {
        let under_a_rule = [(10, 2, 120, 3), (10, 10, 20, 30), (40, 10, 20, 30), (70, 10, 20, 30)];
        assert_eq!(grouped(&under_a_rule), vec![(10, 2, 120, 3), (10, 10, 20, 30), (40, 10, 20, 30), (70, 10, 20, 30)]);
    }
}
