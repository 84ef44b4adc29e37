//! Ruling lines: the lines of notebook paper, the grid of squared paper and the rules of a table are long,
//! thin and straight, unlike any stroke of a digit. They are followed pixel by pixel (a tilted photo's
//! lines drift by a pixel now and then), kept only when they run across most of the picture and are thin
//! for their length, and removed, except where a digit's stroke crosses them (ink on both sides). Rules
//! printed so faintly that they threshold into dashes are found as several parallel straight tracks of thin
//! ink spanning the picture.

use super::components::label_components;
use super::InkMask;

mod broken;
use broken::mark_broken_rules;

/// A rule runs across at least this fraction of the picture ...
const LONGEST_FRACTION: f32 = 0.7;
/// ... or this fraction, from one edge of the picture to another (a tilted rule leaving through a side).
const EDGE_TO_EDGE_FRACTION: f32 = 0.3;
/// ... is at most this thick for its length: a table photographed close has rules a twentieth of their length
/// thick, while a 1 filling a tight crop is a tenth or more ...
const THIN_FOR_LENGTH: f32 = 1.0 / 18.0;
/// ... or this many of the picture's pixels, for short rules.
const THIN_PIXELS: f32 = 3.0;
/// Vertical rules are only looked for in pictures at least this wide for their height: a picture much
/// taller than wide is a crop of one digit, and its 1 is not a rule ...
const NARROWEST_ACROSS: f32 = 0.5;
/// ... unless it has this many horizontal rules: then it is a strip of squared paper.
const RULES_OF_PAPER: usize = 3;
/// Pictures with at least this many horizontal rules are a table's rows (or ruled paper): a tall line down there
/// is a rule, not a 1 between them.
const TABLE_RULES: usize = 2;
/// A small picture enlarged for analysis has rules as many times thicker when it holds at least this many ...
const GRID_RULES: usize = 3;
/// ... up to this many times: a tight crop enlarged more has digit strokes as thin for it as rules.
const MOST_ENLARGED: usize = 2;
/// Gaps of up to this many pixels in a faint rule do not break it ...
const LARGEST_GAP: usize = 3;
/// ... nor gaps up to this fraction of the picture (a faint rule thresholds into dashes), when ink covers
/// at least [`MOSTLY_INK`] of its span: the bottoms of a row of digits, lined up, leave wider gaps.
const LARGEST_GAP_FRACTION: f32 = 0.05;
const MOSTLY_INK: f32 = 0.8;
/// A rule drifts at most this many pixels across per pixel along: a photo of paper is tilted a few degrees,
/// while the straight diagonal of a 7 or a 4 drawn in another app drifts far more.
const STEEPEST_RULE: f32 = 0.25;
/// A rule strays at most this fraction of its length (or [`THIN_PIXELS`]) from the straight line between its
/// ends: the side of an 8 or the stem of a 9, thin and as tall as a tight crop of a number, bends more.
const MOST_BEND: f32 = 0.03;
/// A straight line alone (not one of several parallel ones, nor on paper ruled the other way) is a rule only
/// when it crosses a rule the other way (a table's grid) or runs across the whole picture, its ends within
/// this fraction of the picture's edges; otherwise it is a stroke someone drew (a 1, or the stem of a 4,
/// drawn with a ruler-straight line).
const EDGE_MARGIN: f32 = 0.05;
/// A vertical line at most this many times as tall as the tallest other mark in the picture is a stroke of a
/// digit among digits (the 1 or the 4's stem in a tight crop of a number), not a rule: a table's rules frame
/// their cells, and a margin runs down the whole page.
const TALLER_THAN_MARKS: f32 = 1.3;

/// Removes the horizontal and vertical rules from the mask (and their ink), for a mask of a picture enlarged
/// `enlarged` times for analysis (1 when it is the picture's own size).
pub fn remove_rules(mask: &mut InkMask, enlarged: usize) {
    // The rules of a small picture enlarged for analysis are as many times thicker. One or two thick straight
    // strokes there are more likely a tight crop's digit (a 7's bar, a 4's cross) than rules, so thicker rules
    // count only where they make a grid.
    let grid = (enlarged > 1)
        .then(|| FoundRules::in_mask(mask, THIN_PIXELS * enlarged.min(MOST_ENLARGED) as f32))
        .filter(|thicker| thicker.horizontal.count + thicker.vertical.count >= GRID_RULES);
    let FoundRules { horizontal, mut vertical, look_vertical, thin } = grid.unwrap_or_else(|| FoundRules::in_mask(mask, THIN_PIXELS));
    let mut removed = vec![false; mask.is_ink.len()];
    let on_horizontal = pixels_of(mask, &horizontal);
    // Vertical rules must be taller than this (0 when the rules are all the ink there is).
    let tallest = tallest_mark_besides(mask, &[&on_horizontal, &pixels_of(mask, &vertical)]);
    let shortest_vertical = (TALLER_THAN_MARKS * tallest as f32) as usize;
    vertical.found.retain(|rule| rule.path.len() > shortest_vertical || meets_at_both_ends(mask, rule, &on_horizontal));
    let on_vertical = pixels_of(mask, &vertical);
    let ways = [(&horizontal, &vertical, &on_vertical, false), (&vertical, &horizontal, &on_horizontal, true)];
    for (rules, others, across_others, is_vertical) in ways {
        let on_paper = rules.count >= 2 || others.count >= RULES_OF_PAPER;
        let view = View { mask, vertical: is_vertical };
        let crosses_another = |rule: &&Rule| rule.path.iter().any(|&(a, c)| across_others[view.index(a, c as usize)]);
        for rule in rules.found.iter().filter(|rule| on_paper || rule.end_to_end || crosses_another(rule)) {
            erase(&view, &rule.path, rule.thickness, &mut removed);
        }
    }
    mark_broken_rules(mask, false, 0, thin, &mut removed);
    if look_vertical {
        mark_broken_rules(mask, true, shortest_vertical, thin, &mut removed);
    }
    for (i, _) in removed.iter().enumerate().filter(|(_, &r)| r) {
        mask.is_ink[i] = false;
        mask.ink.values[i] = 0.0;
    }
}

/// The rules found one way: each track followed (a thick rule is followed once per pixel of its thickness),
/// and how many distinct rules they make.
#[derive(Default)]
struct Rules {
    found: Vec<Rule>,
    count: usize,
}

struct Rule {
    path: Vec<(usize, isize)>,
    thickness: f32,
    vertical: bool,
    /// Both its ends lie at the picture's edges (within [`EDGE_MARGIN`]).
    end_to_end: bool,
}

/// The height of the tallest mark left once the pixels the rules found cover ([`pixels_of`]) are taken out,
/// counting only marks at least a quarter as wide as tall (digits other than 1s; not the rules too short to be
/// found, nor what is left of them); 0 when none is left.
fn tallest_mark_besides(mask: &InkMask, covers: &[&[bool]]) -> usize {
    let mut rest = mask.clone();
    for cover in covers {
        rest.is_ink.iter_mut().zip(cover.iter()).for_each(|(ink, &covered)| *ink &= !covered);
    }
    let pieces = label_components(&rest).pieces;
    pieces.iter().map(|piece| piece.bounds).filter(|b| 4 * b.width >= b.height).map(|b| b.height).max().unwrap_or(0)
}

/// Both ends of a vertical rule meet a horizontal rule's ink: it is a side of a box or of a table's cell, a rule
/// however tall the digit written in it.
fn meets_at_both_ends(mask: &InkMask, rule: &Rule, on_horizontal: &[bool]) -> bool {
    let (width, height) = (mask.width() as isize, mask.height() as isize);
    let reach = rule.thickness.ceil() as isize + 2;
    let meets = |&(y, x): &(usize, isize)| {
        (y as isize - reach..=y as isize + reach).any(|ny| {
            (x - reach..=x + reach).any(|nx| (0..width).contains(&nx) && (0..height).contains(&ny) && on_horizontal[(ny * width + nx) as usize])
        })
    };
    rule.path.first().is_some_and(meets) && rule.path.last().is_some_and(meets)
}

/// Which pixels the rules' ink runs cover.
fn pixels_of(mask: &InkMask, rules: &Rules) -> Vec<bool> {
    let mut covered = vec![false; mask.is_ink.len()];
    for rule in &rules.found {
        let view = View { mask, vertical: rule.vertical };
        for &(a, c) in &rule.path {
            let (lo, hi) = run_at(&view, a, c);
            (lo..=hi).for_each(|k| covered[view.index(a, k as usize)] = true);
        }
    }
    covered
}

/// The mask seen along rows (`vertical` false) or along columns: `along` × `across` coordinates.
struct View<'a> {
    mask: &'a InkMask,
    vertical: bool,
}

impl View<'_> {
    fn along(&self) -> usize {
        if self.vertical { self.mask.height() } else { self.mask.width() }
    }

    fn across(&self) -> usize {
        if self.vertical { self.mask.width() } else { self.mask.height() }
    }

    fn index(&self, a: usize, c: usize) -> usize {
        if self.vertical { a * self.mask.width() + c } else { c * self.mask.width() + a }
    }

    fn ink(&self, a: usize, c: isize) -> bool {
        c >= 0 && (c as usize) < self.across() && self.mask.is_ink[self.index(a, c as usize)]
    }
}

/// The rules across and down that a mask holds, before they are checked against its other marks.
struct FoundRules {
    horizontal: Rules,
    vertical: Rules,
    /// Whether rules down were looked for (see [`NARROWEST_ACROSS`]).
    look_vertical: bool,
    /// How thick, in pixels, a short rule may be.
    thin: f32,
}

impl FoundRules {
    fn in_mask(mask: &InkMask, thin: f32) -> Self {
        let horizontal = find_rules(mask, false, true, thin);
        let narrow = (mask.width() as f32) < NARROWEST_ACROSS * mask.height() as f32;
        let ruled_paper = horizontal.count >= RULES_OF_PAPER;
        let look_vertical = !narrow || ruled_paper;
        // On ruled or squared paper, or across a table's rules, a rule down is followed by its line through the
        // digits it crosses or touches, as rules across are.
        let by_line = ruled_paper || horizontal.count >= TABLE_RULES;
        let vertical = if look_vertical { find_rules(mask, true, by_line, thin) } else { Rules::default() };
        FoundRules { horizontal, vertical, look_vertical, thin }
    }
}

/// Finds the rules running along rows (`vertical` false) or along columns.
/// A rule is at most `thin` pixels thick, or [`THIN_FOR_LENGTH`] of its length.
fn find_rules(mask: &InkMask, vertical: bool, by_line: bool, thin: f32) -> Rules {
    let view = View { mask, vertical };
    let (along, across) = (view.along(), view.across());
    let mut rules = Rules::default();
    let mut last_found = None::<usize>;
    let mut visited = vec![false; mask.is_ink.len()];
    let wide_gaps = LARGEST_GAP.max((LARGEST_GAP_FRACTION * along as f32) as usize);
    // A tilted rule may leave through a side edge (its centre within a rule's thickness of it) before it runs
    // across most of the picture.
    let near = thin as isize;
    let at_side = |c: isize| c < near || c >= across as isize - near;
    let at_start = |(a, c): (usize, isize), margin: usize| a <= margin || at_side(c);
    let at_end = |(a, c): (usize, isize), margin: usize| a + 1 + margin >= along || at_side(c);
    let margin = (EDGE_MARGIN * along as f32).max(thin) as usize;
    for c0 in 0..across {
        for a0 in 0..along {
            let i = view.index(a0, c0);
            if !mask.is_ink[i] || visited[i] || (a0 > 0 && view.ink(a0 - 1, c0 as isize)) {
                continue;
            }
            let span_of = |path: &[(usize, isize)]| path.last().map_or(0, |p| p.0 - a0 + 1);
            let edge_to_edge = |path: &[(usize, isize)]| {
                span_of(path) as f32 >= EDGE_TO_EDGE_FRACTION * along as f32
                    && at_start(path[0], 0)
                    && at_end(path[path.len() - 1], 0)
            };
            let straight = |path: &[(usize, isize)]| {
                let (first, last) = (path[0], path[path.len() - 1]);
                let span = span_of(path) as f32;
                let drift = (last.1 - first.1) as f32;
                let off_line = |&(a, c): &(usize, isize)| {
                    (c as f32 - first.1 as f32 - drift * (a - first.0) as f32 / span.max(1.0)).abs()
                };
                drift.abs() <= STEEPEST_RULE * span && path.iter().all(|p| off_line(p) <= thin.max(MOST_BEND * span))
            };
            let long_enough = |path: &[(usize, isize)]| {
                (span_of(path) as f32 >= LONGEST_FRACTION * along as f32 || edge_to_edge(path)) && straight(path)
            };
            let mut path = follow(&view, a0, c0, LARGEST_GAP, by_line);
            let mut is_rule = long_enough(&path);
            if !is_rule {
                let faint = follow(&view, a0, c0, wide_gaps, by_line);
                if long_enough(&faint) && faint.len() as f32 >= MOSTLY_INK * span_of(&faint) as f32 {
                    (path, is_rule) = (faint, true);
                }
            }
            path.iter().skip(1).for_each(|&(a, c)| visited[view.index(a, c as usize)] = true);
            if !is_rule {
                continue;
            }
            let span = span_of(&path);
            let thickness = median_run(&view, &path);
            if thickness <= thin.max(THIN_FOR_LENGTH * span as f32) {
                // A thick rule is followed once per row of its thickness: count it once.
                if last_found.is_none_or(|last| c0 > last + thickness as usize + 2) {
                    rules.count += 1;
                }
                last_found = Some(c0);
                let end_to_end = at_start(path[0], margin) && at_end(path[path.len() - 1], margin);
                rules.found.push(Rule { path, thickness, vertical, end_to_end });
            }
        }
    }
    rules
}

/// Follows ink from (a0, c0) along, stepping at most one pixel across per step and over gaps of up to
/// `largest_gap` pixels: the rule's centre track. With `by_line`, once [`SLOPE_SPAN`] points of the track lie on thin
/// ink (the rule's own), the line through them leads the way where a stroke resting on the rule thickens the
/// ink or a gap breaks it: a tilted rule running under a digit's level stroke comes out of it where the
/// rule goes on, not level with where it went in. Rules down are followed so only on ruled paper: elsewhere
/// a tall 1 is likelier, and the line would carry its track past the 1's kinks.
fn follow(view: &View, a0: usize, c0: usize, largest_gap: usize, by_line: bool) -> Vec<(usize, isize)> {
    let mut path = vec![(a0, c0 as isize)];
    let (mut c, mut gap) = (c0 as isize, 0);
    // The ink's thickness across the track at (a, c), counted at most `most` pixels each way: following
    // through a large blot costs little more than through a rule.
    let across = |a: usize, c: isize, most: usize| {
        let reach = |step: isize| (1..=most as isize).take_while(|&k| view.ink(a, c + step * k)).count();
        1 + reach(-1) + reach(1)
    };
    let start = across(a0, c0 as isize, THICKEST_TRACKED);
    let thin_limit = 2 * start + 1;
    let tracked = by_line && start <= THICKEST_TRACKED;
    let thin = |a: usize, c: isize| tracked && across(a, c, thin_limit) <= thin_limit;
    let (mut track, mut on_thin) = (LineFit::default(), true);
    track.add(a0, c0 as isize);
    for a in a0 + 1..view.along() {
        let predicted = (track.points() >= SLOPE_SPAN).then(|| track.at(a));
        let centre = match predicted {
            Some(on_track) if gap > 0 || !on_thin => on_track.round() as isize,
            _ => c,
        };
        let mut ways = [centre, centre - 1, centre + 1];
        if let Some(on_track) = predicted {
            ways.sort_by(|x, y| (*x as f64 - on_track).abs().total_cmp(&(*y as f64 - on_track).abs()));
        }
        match ways.into_iter().find(|&nc| view.ink(a, nc)) {
            Some(nc) => {
                c = nc;
                path.push((a, c));
                gap = 0;
                on_thin = thin(a, c);
                if on_thin {
                    track.add(a, c);
                }
            }
            None if gap < largest_gap => gap += 1,
            None => break,
        }
    }
    path
}

/// Thin points of a track that tell its slope: enough for a drift of a pixel or two.
const SLOPE_SPAN: usize = 24;
/// A track starting on ink thicker than this is not told thin stretches from thick ones (it is a blot, a
/// bold stroke, or a rule photographed close): it keeps to its ink, as every track did before.
const THICKEST_TRACKED: usize = 16;

/// The least-squares line through the points of a track (across as a function of along).
#[derive(Default)]
struct LineFit {
    /// Σa, Σc, Σa², Σac and the number of points.
    sums: [f64; 5],
}

impl LineFit {
    fn add(&mut self, a: usize, c: isize) {
        let (a, c) = (a as f64, c as f64);
        for (sum, term) in self.sums.iter_mut().zip([a, c, a * a, a * c, 1.0]) {
            *sum += term;
        }
    }

    fn points(&self) -> usize {
        self.sums[4] as usize
    }

    /// Where the line is at `a`.
    fn at(&self, a: usize) -> f64 {
        let [sa, sc, saa, sac, n] = self.sums;
        let spread = n * saa - sa * sa;
        let slope = if spread > 0.0 { (n * sac - sa * sc) / spread } else { 0.0 };
        (sc - slope * sa) / n + slope * a as f64
    }
}

/// The ink run across the path at (a, c): (first, last) across coordinates.
fn run_at(view: &View, a: usize, c: isize) -> (isize, isize) {
    let (mut lo, mut hi) = (c, c);
    while view.ink(a, lo - 1) {
        lo -= 1;
    }
    while view.ink(a, hi + 1) {
        hi += 1;
    }
    (lo, hi)
}

fn median_run(view: &View, path: &[(usize, isize)]) -> f32 {
    let mut runs: Vec<isize> = path.iter().map(|&(a, c)| run_at(view, a, c)).map(|(lo, hi)| hi - lo + 1).collect();
    let middle = runs.len() / 2;
    *runs.select_nth_unstable(middle).1 as f32
}

/// Removes the rule along its path: whole runs that are no thicker than the rule, and the rule's band
/// where a digit touches it from one side; where ink goes on at both sides a stroke crosses, and stays.
fn erase(view: &View, path: &[(usize, isize)], thickness: f32, removed: &mut [bool]) {
    let half = (thickness / 2.0).ceil() as isize;
    for &(a, c) in path {
        let (lo, hi) = run_at(view, a, c);
        let (band_lo, band_hi) = if (hi - lo + 1) as f32 <= thickness + 2.0 {
            (lo, hi)
        } else {
            let (band_lo, band_hi) = (c - half, c + half);
            let above = view.ink(a, band_lo - 1) && view.ink(a, band_lo - 2);
            let below = view.ink(a, band_hi + 1) && view.ink(a, band_hi + 2);
            if above && below {
                continue;
            }
            (band_lo, band_hi)
        };
        for k in band_lo.max(0)..=band_hi.min(view.across() as isize - 1) {
            removed[view.index(a, k as usize)] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::InkMap;

    fn mask_from(width: usize, height: usize, ink: impl Fn(usize, usize) -> bool) -> InkMask {
        let is_ink: Vec<bool> = (0..width * height).map(|i| ink(i % width, i / width)).collect();
        let values = is_ink.iter().map(|&b| b as u8 as f32).collect();
        InkMask { ink: InkMap { width, height, values }, is_ink }
    }

    #[test]
    fn a_tilted_rule_goes_and_a_stroke_crossing_it_stays() {
        // A rule falling 6 pixels over 200, 2 thick, and a vertical stroke crossing it at x = 100.
        let mask = &mut mask_from(200, 60, |x, y| {
            let rule = (30 + x * 6 / 200..32 + x * 6 / 200).contains(&y);
            let stroke = (98..102).contains(&x) && (10..55).contains(&y);
            rule || stroke
        });
        remove_rules(mask, 1);
        assert!(!mask.is_ink[31 * 200 + 10] && !mask.is_ink[36 * 200 + 190]);
        assert!((10..55).all(|y| mask.is_ink[y * 200 + 99]), "the stroke was cut");
    }

    #[test]
    fn a_tight_crop_enlarged_for_analysis_keeps_the_bar_of_its_7() {
        // A 7 filling a 30×40 crop, enlarged 3 times: its bar runs straight across the picture, 6 pixels
        // thick, as thin as an enlarged rule; its stem slants down from the bar's right end.
        let mask = &mut mask_from(90, 120, |x, y| {
            let bar = (0..6).contains(&y);
            let stem = y >= 6 && (x as isize - (84 - (y as isize - 6) * 40 / 114)).abs() < 4;
            bar || stem
        });
        remove_rules(mask, 3);
        assert!((0..80).all(|x| mask.is_ink[3 * 90 + x]), "the 7's bar was taken for a rule");
    }

    #[test]
    fn a_tilted_rule_is_followed_through_a_level_stroke_resting_on_it() {
        // A rule falling 30 pixels over 300, 2 thick, and a digit's bottom stroke, 8 thick and level, lying on it
        // from x = 120 to 200: the rule leaves the stroke's underside 6 pixels lower than it met it.
        let mask = &mut mask_from(300, 80, |x, y| {
            let rule = (20 + x / 10..22 + x / 10).contains(&y);
            let stroke = (120..200).contains(&x) && (26..34).contains(&y);
            rule || stroke
        });
        remove_rules(mask, 1);
        let rule_left: Vec<usize> = (0..300).filter(|&x| !(120..200).contains(&x) && mask.is_ink[(20 + x / 10) * 300 + x]).collect();
        assert!(rule_left.is_empty(), "the rule stayed at x = {rule_left:?}");
        assert!((120..200).all(|x| mask.is_ink[28 * 300 + x]), "the stroke was cut");
    }

    #[test]
    fn on_squared_paper_a_tilted_rule_down_is_followed_through_a_bold_digit_it_crosses() {
        // Squared paper: rules across every 50 pixels, and a rule down drifting 30 pixels over 300 through a
        // bold digit's blot, 80 wide and 60 tall: it leaves the blot 6 pixels right of where it went in.
        let mask = &mut mask_from(300, 300, |x, y| {
            let across = y % 50 == 25;
            let down = x == 100 + y / 10;
            let blot = (80..160).contains(&x) && (120..180).contains(&y);
            across || down || blot
        });
        remove_rules(mask, 1);
        // Where the rules cross, each keeps the other's ink.
        let beside_the_blot = |y: &usize| !(120..180).contains(y) && y % 50 != 25;
        let rule_left: Vec<usize> = (0..300).filter(beside_the_blot).filter(|&y| mask.is_ink[y * 300 + 100 + y / 10]).collect();
        assert!(rule_left.is_empty(), "the rule down stayed at y = {rule_left:?}");
        assert!((120..180).all(|y| mask.is_ink[y * 300 + 90] && mask.is_ink[y * 300 + 150]), "the blot was cut");
    }

    #[test]
    fn a_table_cell_photographed_close_loses_its_thick_rules_but_not_its_digits() {
        // 110 × 91: rules 4 thick across at y = 14 and 67 and down at x = 87, photographed close enough that the
        // rule down is a twenty-third of its length thick; a digit 30 tall, 3 thick, between them.
        let mask = &mut mask_from(110, 91, |x, y| {
            let rules = (14..18).contains(&y) || (67..71).contains(&y) || (87..91).contains(&x);
            let digit = ((30..33).contains(&x) || (50..53).contains(&x)) && (30..60).contains(&y);
            rules || digit
        });
        remove_rules(mask, 1);
        // Where the rules cross, each keeps the other's ink, as a digit's stroke across a rule is kept.
        let crossings = |y: &usize| (14..18).contains(y) || (67..71).contains(y);
        let left: Vec<usize> = (0..91).filter(|y| !crossings(y) && mask.is_ink[y * 110 + 89]).collect();
        assert!(left.is_empty(), "the rule down stayed at {left:?}");
        assert!((30..60).all(|y| mask.is_ink[y * 110 + 31] && mask.is_ink[y * 110 + 51]), "the digit lost ink");
    }

    #[test]
    fn a_faint_rule_broken_into_dashes_goes_but_a_row_of_digit_bottoms_stays() {
        // 200 × 60: a one-pixel rule at y = 40 with a 7-pixel gap every 50, and near y = 20 the bases of seven
        // digits, 20 wide with 9 between them, a few pixels higher or lower each as a hand writes them.
        let base = |x: usize| x % 29 < 20;
        let base_y = |x: usize| 17 + (x / 29 * 5) % 7;
        let mask = &mut mask_from(200, 60, |x, y| (y == 40 && x % 50 >= 7) || (y == base_y(x) && base(x)));
        remove_rules(mask, 1);
        assert!((0..200).all(|x| !mask.is_ink[40 * 200 + x]), "the faint rule stayed");
        assert!((0..200).filter(|&x| base(x)).all(|x| mask.is_ink[base_y(x) * 200 + x]), "the bases were erased");
    }

    #[test]
    fn rules_printed_faintly_into_dashes_go_but_digits_written_across_them_stay() {
        // 300 × 200 squared paper tilted by 4 pixels over 300, one-pixel rules every 40 printed as dashes of 8
        // pixels with gaps of 12, and a digit's stroke 4 pixels thick from (110, 60) down to (110, 150), across
        // two rules.
        let dashed = |along: usize, across: usize| (along + across * 7) % 20 < 8;
        let mask = &mut mask_from(300, 200, |x, y| {
            let row = y as isize - (x * 4 / 300) as isize;
            let horizontal = row > 0 && row % 40 == 0 && dashed(x, y);
            let vertical = x % 40 == 20 && dashed(y, x);
            horizontal || vertical || ((108..112).contains(&x) && (60..150).contains(&y))
        });
        remove_rules(mask, 1);
        let left: usize = (0..300 * 200).filter(|&i| mask.is_ink[i] && !(108..112).contains(&(i % 300))).count();
        assert!(left < 30, "{left} pixels of the rules stayed");
        assert!((60..150).all(|y| mask.is_ink[y * 300 + 109]), "the stroke was cut");
    }

    /// On a 300 × 200 picture, the `margin` line (left of x = 100) goes and a 1 two pixels thick from (150, 60)
    /// down to (150, 140) stays.
    fn assert_margin_goes_and_one_stays(margin: impl Fn(usize, usize) -> bool) {
        let mask = &mut mask_from(300, 200, |x, y| margin(x, y) || ((150..152).contains(&x) && (60..140).contains(&y)));
        remove_rules(mask, 1);
        let left = (0..300 * 200).filter(|&i| mask.is_ink[i] && i % 300 < 100).count();
        assert_eq!(left, 0, "pixels of the margin line stayed");
        assert!((60..140).all(|y| mask.is_ink[y * 300 + 150]), "the 1 was erased");
    }

    #[test]
    fn a_margin_line_printed_faintly_into_dashes_goes_alone_but_a_one_beside_it_stays() {
        // A one-pixel margin line at x = 30 drifting 3 pixels down the page, printed as dashes of 8 pixels with
        // gaps of 12.
        assert_margin_goes_and_one_stays(|x, y| x == 30 + y * 3 / 200 && y % 20 < 8);
    }

    #[test]
    fn a_tilted_margin_line_leaving_through_the_side_goes_but_a_one_stays() {
        // A two-pixel margin line from (20, 0) drifting left one pixel in six, so that it leaves through the
        // left edge at y = 120.
        assert_margin_goes_and_one_stays(|x, y| y < 120 && (20 - y as isize / 6..22 - y as isize / 6).contains(&(x as isize)));
    }

    #[test]
    fn a_straight_diagonal_across_most_of_the_picture_is_a_stroke_not_a_rule() {
        // The stem of a 7 drawn with a straight line in another app: from (210, 50) down to (130, 260), 2 thick,
        // with the 7's bar.
        let mask = &mut mask_from(300, 300, |x, y| {
            let stem = (50..260).contains(&y) && (x as isize - (210 - (y as isize - 50) * 80 / 210)).abs() <= 1;
            stem || ((90..210).contains(&x) && (49..51).contains(&y))
        });
        let before = mask.is_ink.iter().filter(|&&i| i).count();
        remove_rules(mask, 1);
        assert_eq!(mask.is_ink.iter().filter(|&&i| i).count(), before, "the 7 lost ink");
    }

    #[test]
    fn one_straight_line_that_stops_short_of_the_edges_is_a_stroke_but_several_or_a_grid_are_paper() {
        // A 1 as a ruler-straight line from y = 40 to 260 of a 300 × 300 picture, 2 thick, stays ...
        let one = &mut mask_from(300, 300, |x, y| (150..152).contains(&x) && (40..260).contains(&y));
        remove_rules(one, 1);
        assert!((40..260).all(|y| one.is_ink[y * 300 + 150]), "the 1 was erased");
        // ... while three such lines across a page that does not fill the photo are its rules.
        let page = &mut mask_from(300, 300, |x, y| (20..280).contains(&x) && [80, 150, 220].contains(&y));
        remove_rules(page, 1);
        assert!(page.is_ink.iter().all(|&i| !i), "the page's rules stayed");
        // A table's rule that stops short of the bottom edge goes too: it crosses the table's other rules.
        let table = &mut mask_from(300, 300, |x, y| (x == 40 && y < 230) || (x > 20 && [60, 200].contains(&y)));
        remove_rules(table, 1);
        // What may stay are the crossings (ink on both sides of each rule): specks, not strokes.
        let left = table.is_ink.iter().filter(|&&i| i).count();
        assert!(left <= 2, "{left} pixels of the table's rules stayed");
    }

    #[test]
    fn strokes_of_a_tightly_cropped_number_are_not_rules() {
        // 200 × 60, a number cropped tight: a 1 from y = 2 to 57, the bowed side of an 8 as tall, and a 0 beside
        // them 52 tall, all 2 thick.
        let mask = &mut mask_from(200, 60, |x, y| {
            let one = (30..32).contains(&x) && (2..58).contains(&y);
            let bow = (y as f32 - 30.0) / 28.0;
            let side = (2..58).contains(&y) && (x as f32 - (70.0 + 12.0 * bow * bow)).abs() < 1.0;
            let ring = ((x as f32 - 150.0) / 20.0).powi(2) + ((y as f32 - 30.0) / 26.0).powi(2);
            one || side || (0.85..1.0).contains(&ring)
        });
        let before = mask.is_ink.iter().filter(|&&i| i).count();
        remove_rules(mask, 1);
        assert_eq!(mask.is_ink.iter().filter(|&&i| i).count(), before, "strokes of the number were erased");
    }

    #[test]
    fn the_sides_of_a_box_go_however_tall_the_digit_in_it() {
        // A 100 × 100 box of 2-pixel lines with a 0 in it 80 tall (as tall as the box's sides are long, for
        // the height test), 3 thick.
        let mask = &mut mask_from(100, 100, |x, y| {
            let frame = (6..94).contains(&x) && (4..96).contains(&y) && !((8..92).contains(&x) && (6..94).contains(&y));
            let ring = ((x as f32 - 50.0) / 22.0).powi(2) + ((y as f32 - 50.0) / 40.0).powi(2);
            frame || (0.8..1.0).contains(&ring)
        });
        remove_rules(mask, 1);
        let sides_left = (20..80).filter(|&y| mask.is_ink[y * 100 + 7] || mask.is_ink[y * 100 + 92]).count();
        assert_eq!(sides_left, 0, "the box's sides stayed");
        assert!((26..31).any(|x| mask.is_ink[50 * 100 + x]), "the 0 was erased");
    }

    #[test]
    fn a_thin_one_filling_a_narrow_crop_is_not_a_rule() {
        let mut mask = mask_from(12, 60, |x, _| x == 6);
        remove_rules(&mut mask, 1);
        assert_eq!(mask.is_ink.iter().filter(|&&i| i).count(), 60);
    }

    #[test]
    fn a_thick_stroke_filling_the_picture_is_not_a_rule() {
        let mask = &mut mask_from(60, 100, |x, _| (22..38).contains(&x));
        remove_rules(mask, 1);
        assert!(mask.is_ink.iter().filter(|&&b| b).count() == 16 * 100);
    }

    #[test]
    fn a_narrow_strip_of_squared_paper_loses_its_grid_but_a_narrow_crop_on_one_line_keeps_its_one() {
        // 40 × 120: a grid every 12 pixels, 2 thick, both ways.
        let mut paper = mask_from(40, 120, |x, y| x % 12 < 2 || y % 12 < 2);
        remove_rules(&mut paper, 1);
        // What may stay are the crossings (ink on both sides of each rule): specks, not strokes.
        let longest_run = (0..40)
            .map(|x| (0..120).fold((0, 0), |(run, best), y| if paper.is_ink[y * 40 + x] { (run + 1, best.max(run + 1)) } else { (0, best) }).1)
            .max()
            .unwrap();
        assert!(longest_run <= 4, "the grid's columns stayed: a run of {longest_run} pixels");
        // A thin 1 in a narrow crop, on one thick ruled line: one rule is not paper, so the 1 stays.
        let mut crop = mask_from(12, 60, |x, y| x == 6 || (40..43).contains(&y));
        remove_rules(&mut crop, 1);
        assert!((0..60).filter(|y| !(40..43).contains(y)).all(|y| crop.is_ink[y * 12 + 6]), "the 1 was erased");
    }
}
