//! Marks on a flat ground that holds most of the border, light on dark or dark on light, whatever the marks'
//! weight: white strokes from a drawing app in dark mode, a digit exported on a clear background, a crop of a
//! dark board, a postal digit set's light-on-dark squares, and their dark-on-light twins. The local polarity test
//! compares the strongest ink above and below the neighbourhood's median; a stroke wider than its cells is its own
//! neighbourhood there, and the ground inside a bold 0 or 8 then strays from it as far as the stroke does.

use super::median;
use crate::preprocess::InkMap;

/// The share of the picture's border the ground's class must hold: most of it, where strokes do not run off (a
/// digit fitted into a postal digit set's 16-pixel square runs off its top and bottom).
const GROUND_ALL_ROUND: f32 = 0.75;
/// The share of the picture the ground's class must hold: at least half (a bold 2 in such a square covers 42 %).
const GROUND_MAJORITY: f32 = 0.5;
/// The widest spread of the ground's brightness along the border (from its 10th to its 80th percentile: where
/// a stroke runs off, the ground beside it is blurred lighter), once the light falling off evenly across the
/// picture is taken out: a drawing's ground is flat and a board lit from one side a ramp, but a desk's grain or
/// a photo's vignette is neither, and there the local test decides.
const FLAT_GROUND: f32 = 0.1;
/// How far the marks' class must be from the ground (medians): marks, not grain.
const LEAST_CONTRAST: f32 = 0.25;
/// The ground is the furthest thing in the picture from the marks: at most this share of the picture lies beyond
/// the ground on the border's far end by [`BEYOND_THE_GROUND`]. Paper lit in its middle and dim at its edges (a
/// flash) holds ink darker than the dim paper inside its lit part, and the lit part is no light mark.
const BEYOND_SHARE: f32 = 0.002;
/// See [`BEYOND_SHARE`].
const BEYOND_THE_GROUND: f32 = 0.1;

/// Which marks [`marks_on_flat_ground`] looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Marks {
    /// Light marks on a dark ground.
    Light,
    /// Dark marks on a light ground.
    Dark,
}

/// Whether `lum` is `marks` on a flat ground that holds most of its border. `level` is Otsu's threshold of
/// `lum`.
pub(super) fn marks_on_flat_ground(lum: &InkMap, level: f32, marks: Marks) -> bool {
    // Measured so that the marks lie above the ground: for dark marks the picture is looked at inverted. Otsu's
    // level is a whole grey level: a pixel that rounds to it is in its dark class (a flat ground at 0.049 rounds to
    // level 12, 0.047), so the classes part halfway to the next level.
    let (away, level) = match marks {
        Marks::Light => (1.0, level + 0.5 / 255.0),
        Marks::Dark => (-1.0, -(level + 0.5 / 255.0)),
    };
    let from_ground = |v: f32| away * v;
    let ground: Vec<(usize, usize, f32)> =
        border(lum).map(|(x, y, v)| (x, y, from_ground(v))).filter(|&(_, _, v)| v <= level).collect();
    let all_border = 2 * (lum.width + lum.height).saturating_sub(2);
    if (ground.len() as f32) < GROUND_ALL_ROUND * all_border as f32 {
        return false;
    }
    let (mut grounds, mut inks): (Vec<f32>, Vec<f32>) = lum.values.iter().map(|&v| from_ground(v)).partition(|&v| v <= level);
    if (grounds.len() as f32) < GROUND_MAJORITY * lum.values.len() as f32 || inks.is_empty() {
        return false;
    }
    if median(&mut inks) - median(&mut grounds) < LEAST_CONTRAST {
        return false;
    }
    let mut values: Vec<f32> = ground.iter().map(|&(_, _, v)| v).collect();
    let far_end = percentile(&mut values, 0.02);
    let beyond = lum.values.iter().filter(|&&v| from_ground(v) < far_end - BEYOND_THE_GROUND).count();
    if beyond as f32 > BEYOND_SHARE * lum.values.len() as f32 {
        return false;
    }
    let Some(plane) = fit_plane(&ground) else { return false };
    let mut off: Vec<f32> = ground.iter().map(|&(x, y, v)| v - plane(x, y)).collect();
    percentile(&mut off, 0.8) - percentile(&mut off, 0.1) <= FLAT_GROUND
}

/// The picture's border pixels as (x, y, brightness).
fn border(lum: &InkMap) -> impl Iterator<Item = (usize, usize, f32)> + '_ {
    let (w, h) = (lum.width, lum.height);
    let rows = [0, h - 1].into_iter().flat_map(move |y| (0..w).map(move |x| (x, y)));
    let sides = (1..h.saturating_sub(1)).flat_map(move |y| [(0, y), (w - 1, y)]);
    rows.chain(sides).map(|(x, y)| (x, y, lum.at(x, y)))
}

/// The value below which `share` of `values` lie (reorders them; `values` not empty).
fn percentile(values: &mut [f32], share: f32) -> f32 {
    let i = ((values.len() - 1) as f32 * share) as usize;
    *values.select_nth_unstable_by(i, f32::total_cmp).1
}

/// The plane `a + b x + c y` nearest (least squares) to the points; `None` when they do not fix one.
fn fit_plane(points: &[(usize, usize, f32)]) -> Option<impl Fn(usize, usize) -> f32> {
    // Normal equations in f64, centred on the points' mean for precision.
    let n = points.len() as f64;
    let mean = |f: &dyn Fn(&(usize, usize, f32)) -> f64| points.iter().map(f).sum::<f64>() / n;
    let (mx, my, mv) = (mean(&|p| p.0 as f64), mean(&|p| p.1 as f64), mean(&|p| p.2 as f64));
    let (mut sxx, mut sxy, mut syy, mut sxv, mut syv) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, y, v) in points {
        let (dx, dy, dv) = (x as f64 - mx, y as f64 - my, v as f64 - mv);
        (sxx, sxy, syy, sxv, syv) = (sxx + dx * dx, sxy + dx * dy, syy + dy * dy, sxv + dx * dv, syv + dy * dv);
    }
    let det = sxx * syy - sxy * sxy;
    if det.abs() < 1e-9 {
        return None;
    }
    let (b, c) = ((sxv * syy - syv * sxy) / det, (syv * sxx - sxv * sxy) / det);
    Some(move |x: usize, y: usize| (mv + b * (x as f64 - mx) + c * (y as f64 - my)) as f32)
}

#[cfg(test)]
mod tests {
    use super::super::{otsu_level_of, photo_ink};
    use super::*;

    /// A bold light 0 on a dark ground `ground(x, y)`: a ring 0.7 of the picture tall, strokes 0.4 of its radius.
    fn bold_light_zero(ground: impl Fn(usize, usize) -> f32) -> InkMap {
        InkMap::from_fn(200, 200, |x, y| {
            let (dx, dy) = ((x as f32 - 100.0) / 45.0, (y as f32 - 100.0) / 70.0);
            if (0.6..1.0).contains(&(dx * dx + dy * dy).sqrt()) { 0.95 } else { ground(x, y) }
        })
    }

    fn is_light_marks(lum: &InkMap) -> bool {
        marks_on_flat_ground(lum, otsu_level_of(lum), Marks::Light)
    }

    fn is_dark_marks(lum: &InkMap) -> bool {
        marks_on_flat_ground(lum, otsu_level_of(lum), Marks::Dark)
    }

    #[test]
    fn a_bold_light_zero_on_a_flat_dark_ground_is_its_ring_not_its_hole() {
        let lum = bold_light_zero(|_, _| 0.05);
        assert!(is_light_marks(&lum));
        let ink = photo_ink(&lum);
        assert!(ink.at(100, 40) > 0.5, "the ring: {}", ink.at(100, 40));
        assert!(ink.at(100, 100) < 0.1, "the hole: {}", ink.at(100, 100));
        assert!(ink.at(10, 10) < 0.1, "the ground: {}", ink.at(10, 10));
    }

    #[test]
    fn a_ground_that_rounds_to_otsus_level_is_dark() {
        // Saved in two colours: the ground (0.0489) rounds to grey level 12, Otsu's level, and lies above 12/255.
        assert!(is_light_marks(&bold_light_zero(|_, _| 0.0489)));
    }

    /// A bold light 0 fitted into a small square, as postal digit sets store digits: it runs off the top and
    /// bottom, and covers 46 % of the picture.
    #[test]
    fn a_bold_light_zero_filling_a_small_square_top_to_bottom_is_light_marks() {
        let lum = InkMap::from_fn(96, 96, |x, y| {
            let (dx, dy) = ((x as f32 + 0.5 - 48.0) / 40.0, (y as f32 + 0.5 - 48.0) / 48.0);
            if (0.55..1.0).contains(&(dx * dx + dy * dy).sqrt()) { 0.9 } else { 0.05 }
        });
        assert!(is_light_marks(&lum));
    }

    #[test]
    fn a_board_lit_from_one_side_is_a_flat_ground() {
        assert!(is_light_marks(&bold_light_zero(|x, y| 0.08 + 0.25 * x as f32 / 200.0 + 0.05 * y as f32 / 200.0)));
    }

    #[test]
    fn a_ground_with_grain_is_left_to_the_local_test() {
        assert!(!is_light_marks(&bold_light_zero(|x, y| 0.1 + 0.3 * ((x * 7 + y * 13) % 11) as f32 / 10.0)));
    }

    #[test]
    fn paper_lit_in_its_middle_with_ink_on_it_is_no_light_mark() {
        // Dim paper at 0.35 all round, lit to 0.8 in a disc that holds a dark stroke.
        let lum = InkMap::from_fn(200, 200, |x, y| {
            let (dx, dy) = (x as f32 - 100.0, y as f32 - 100.0);
            let lit = dx.hypot(dy) < 60.0;
            if (95..100).contains(&x) && (70..130).contains(&y) { 0.08 } else if lit { 0.8 } else { 0.35 }
        });
        assert!(!is_light_marks(&lum));
    }

    #[test]
    fn dark_ink_on_light_paper_is_not_light_marks() {
        assert!(!is_light_marks(&bold_light_zero(|_, _| 0.05).map(|v| 1.0 - v)));
    }

    /// The same pictures inverted: a bold dark 0 on flat paper, and on paper lit from one side, is dark marks; on
    /// grainy paper it is left to the local test; light marks are not dark ones.
    #[test]
    fn dark_marks_on_a_flat_light_ground_mirror_light_ones() {
        let invert = |lum: InkMap| lum.map(|v| 1.0 - v);
        assert!(is_dark_marks(&invert(bold_light_zero(|_, _| 0.05))));
        assert!(is_dark_marks(&invert(bold_light_zero(|x, y| 0.08 + 0.25 * x as f32 / 200.0 + 0.05 * y as f32 / 200.0))));
        assert!(!is_dark_marks(&invert(bold_light_zero(|x, y| 0.1 + 0.3 * ((x * 7 + y * 13) % 11) as f32 / 10.0))));
        assert!(!is_dark_marks(&bold_light_zero(|_, _| 0.05)));
    }
}
