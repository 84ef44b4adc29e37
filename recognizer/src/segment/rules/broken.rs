//! Rules printed so faintly, or in such shadow, that they threshold into dashes [`super::find_rules`] cannot
//! follow: several parallel straight tracks of thin ink spanning the picture, found by counting the thin ink
//! along every track at every slight slope (a Hough transform).

use super::{erase, median_run, run_at, View};
use crate::segment::InkMask;

/// Ruled paper has at least this many rules, parallel (a page's margin line runs alone, across them): ...
const RULES_OF_A_PAGE: usize = 2;
const MARGIN_LINES: usize = 1;
/// ... straight tracks with thin ink along at least this fraction of them (a faint rule thresholds into
/// dashes, with gaps longer than [`super::LARGEST_GAP_FRACTION`]) ...
const DASHED_COVERAGE: f32 = 0.3;
/// ... spread along the picture: ink in all but one of this many equal stretches (a row of digits is not) ...
const SPREAD_BINS: usize = 10;
/// ... tilted at most this much (pixels across per pixel along).
const STEEPEST_RULE: f32 = 0.1;

/// Marks the rules that [`super::find_rules`] cannot follow, broken into dashes by a faint print or a shadow: thin
/// ink lying along several parallel straight tracks across the whole picture, each longer than `shortest`;
/// a printed rule is at most `thin_pixels` thick in a small picture.
pub(super) fn mark_broken_rules(mask: &InkMask, vertical: bool, shortest: usize, thin_pixels: f32, removed: &mut [bool]) {
    let view = View { mask, vertical };
    let (along, across) = (view.along(), view.across());
    if along < SPREAD_BINS {
        return;
    }
    // Thin ink: runs across no thicker than a printed rule (the analysis keeps pictures under 1000 pixels).
    let thin_limit = thin_pixels.max(along as f32 / 150.0) as isize;
    let mut thin = vec![false; mask.is_ink.len()];
    for a in 0..along {
        let mut c = 0;
        while c < across as isize {
            if !view.ink(a, c) {
                c += 1;
                continue;
            }
            let (lo, hi) = run_at(&view, a, c);
            if hi - lo < thin_limit {
                (lo..=hi).for_each(|k| thin[view.index(a, k as usize)] = true);
            }
            c = hi + 1;
        }
    }
    // Every slope, one pixel of drift apart: the thin ink counted along each track (a Hough transform). A
    // photo's perspective tilts its rules differently, so each track keeps its own slope.
    let steps = (STEEPEST_RULE * along as f32) as isize;
    let width = across + 2 * steps as usize;
    let offset = |a: usize, c: usize, k: isize| (c as isize - (k * a as isize) / along as isize + steps) as usize;
    let thin_pixels: Vec<(usize, usize)> =
        (0..along).flat_map(|a| (0..across).map(move |c| (a, c))).filter(|&(a, c)| thin[view.index(a, c)]).collect();
    let least = (DASHED_COVERAGE * along as f32) as usize;
    let mut candidates: Vec<(usize, isize, usize)> = Vec::new();
    for k in -steps..=steps {
        let mut counts = vec![0usize; width];
        for &(a, c) in &thin_pixels {
            counts[offset(a, c, k)] += 1;
        }
        for o in 1..width.saturating_sub(1) {
            let near = counts[o - 1] + counts[o] + counts[o + 1];
            if near >= least {
                candidates.push((near, k, o));
            }
        }
    }
    candidates.sort_unstable_by_key(|&(count, _, _)| std::cmp::Reverse(count));
    // The strongest tracks first; each thin pixel belongs to one rule.
    let mut rules = Vec::new();
    for (_, k, o) in candidates {
        let Some(path) = track(&view, &thin, k, o as isize - steps, least) else { continue };
        let span = path.last().map_or(0, |last| last.0) - path.first().map_or(0, |first| first.0);
        if span <= shortest {
            continue;
        }
        for &(a, c) in &path {
            let (lo, hi) = (c - thin_limit, c + thin_limit);
            (lo.max(0)..=hi.min(across as isize - 1)).for_each(|k| thin[view.index(a, k as usize)] = false);
        }
        rules.push(path);
    }
    let fewest = if vertical { MARGIN_LINES } else { RULES_OF_A_PAGE };
    if rules.len() < fewest {
        return;
    }
    for path in rules {
        let thickness = median_run(&view, &path);
        erase(&view, &path, thickness, removed);
    }
}

/// The thin ink within a pixel of the straight track from `c0` drifting `k` pixels across the picture, if
/// there is thin ink at `least` points of it, spread along it (see [`SPREAD_BINS`]). A track that can no
/// longer make it is left at once: in a picture of texture nearly every track is a candidate.
fn track(view: &View, thin: &[bool], k: isize, c0: isize, least: usize) -> Option<Vec<(usize, isize)>> {
    let along = view.along();
    let is_thin = |a: usize, c: isize| c >= 0 && (c as usize) < view.across() && thin[view.index(a, c as usize)];
    let mut path = Vec::new();
    let mut empty_bins = 0;
    let mut bin_reached = false;
    for a in 0..along {
        let c = c0 + (k * a as isize) / along as isize;
        if let Some(nc) = [c, c - 1, c + 1].into_iter().find(|&nc| is_thin(a, nc)) {
            path.push((a, nc));
            bin_reached = true;
        }
        // At the last pixel of a stretch, whether the track had ink in it.
        if (a + 1) * SPREAD_BINS / along != a * SPREAD_BINS / along || a + 1 == along {
            empty_bins += usize::from(!bin_reached);
            bin_reached = false;
        }
        if empty_bins > 1 || path.len() + (along - a - 1) < least {
            return None;
        }
    }
    Some(path)
}
