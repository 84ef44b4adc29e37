//! Lighting: turn any picture into dark ink on light paper, then measure ink against the local paper
//! brightness, so a shadow or a gradient across the page does not look like ink.

use image::{GrayImage, Luma};
use imageproc::contrast::otsu_level;

mod filled_frame;
mod flat_ground;
mod hollow;
use flat_ground::{marks_on_flat_ground, Marks};
use filled_frame::{class_inks, filled_frame_ink};
pub(super) use filled_frame::is_narrow;

use super::blots::fill_blots;
use super::sheet::Sheet;
use crate::preprocess::resize::{area_resample, bilinear_upsample};
use crate::preprocess::InkMap;

/// The ink of a photo, whichever its polarity: dark pen on paper or light chalk on a board.
pub fn photo_ink(lum: &InkMap) -> InkMap {
    photo_ink_and_turn(lum).0
}

/// Like [`photo_ink`], with how far the sheet the ink is written on is turned (radians, see [`Sheet::turn`]),
/// where the photo is of a note on a desk.
pub(super) fn photo_ink_and_turn(lum: &InkMap) -> (InkMap, Option<f32>) {
    let level = otsu_level_of(lum);
    // A note on a desk is found before the polarity test: on a desk as dark as the ink, the sheet's edges
    // stray as far from the local median as the ink does, and the test alone may take the sheet for light ink.
    let sheet = Sheet::find(lum, level);
    // Paper in a dark frame (a form's box, a note with writing on a desk) is read against its local paper,
    // never inverted: the frame is no digit filling the picture.
    let framed = sheet.is_some() || framed_light_paper(lum, level);
    if let Some(ink) = (!framed).then(|| filled_frame_ink(lum, level)).flatten() {
        return (ink, None);
    }
    let small = reduced(lum);
    // A blot or stroke wider than the polarity test's cells can fool it; a flat ground around most of the
    // picture, or paper all round it, cannot. The dark-marks check runs only where the local test says light ink.
    let inverted = !framed
        && (marks_on_flat_ground(lum, level, Marks::Light)
            || is_light_ink(lum, &small) && !marks_on_flat_ground(lum, level, Marks::Dark) && !light_paper_all_round(lum, level));
    let (lum, small, level) = if inverted {
        let invert = |l: f32| 1.0 - l;
        (lum.map(invert), small.map(invert), 1.0 - level)
    } else {
        (lum.clone(), small, level)
    };
    let mut paper = paper_brightness(&small, lum.width, lum.height, WIDEST_STROKE);
    let mut ink = ink_on(&lum, &paper);
    // Strokes as thick as the paper window (a digit enlarged to fill the picture) come out hollow: measure
    // the paper again with a window wide enough for them. Where only their edges were found, the typical
    // stroke is an edge's width: their own width is measured through them.
    let longer = lum.width.max(lum.height) as f32;
    let hollow = hollow::hollow_stroke_width(&lum, &ink, |l| in_dark_class(l, level, inverted)).unwrap_or(0) as f32 / longer;
    let stroke = (typical_stroke(&ink, true) as f32 / longer).max(hollow);
    if stroke > THICK_STROKE * WIDEST_STROKE {
        paper = paper_brightness(&small, lum.width, lum.height, (3.0 * stroke).min(1.0));
        ink = ink_on(&lum, &paper);
    }
    fill_blots(&lum, &paper, &mut ink);
    // A dark slate on a light desk is a sheet only once its chalk is turned into dark ink.
    let sheet = if inverted { Sheet::find(&lum, level) } else { sheet };
    if let Some(sheet) = &sheet {
        sheet.keep_inside(&mut ink);
    }
    (ink, sheet.map(|s| s.turn()))
}

/// The picture's ink were each of its two brightness classes the ink in turn, dark first: for a narrow crop
/// in which [`photo_ink`] finds no digit ([`super::narrow_crop`]).
pub(super) fn either_class_ink(lum: &InkMap) -> impl Iterator<Item = InkMap> + '_ {
    class_inks(lum, otsu_level_of(lum))
}

/// Whether brightness `l` (of the picture as it is read, `inverted` or not) is in the class Otsu's `level` (of
/// that picture) puts below it. Otsu's level is a whole grey step, and a pixel on it, rounded, is dark: inverted,
/// that pixel was light and is not dark now.
fn in_dark_class(l: f32, level: f32, inverted: bool) -> bool {
    const HALF_STEP: f32 = 0.5 / 255.0;
    if inverted {
        l < level - HALF_STEP
    } else {
        l <= level + HALF_STEP
    }
}

/// Otsu's threshold of the picture's brightness, 0..1.
pub(super) fn otsu_level_of(lum: &InkMap) -> f32 {
    let grey = GrayImage::from_fn(lum.width as u32, lum.height as u32, |x, y| {
        Luma([(lum.at(x as usize, y as usize) * 255.0).round() as u8])
    });
    otsu_level(&grey) as f32 / 255.0
}

/// How many of the picture's border pixels are brighter than `level`, and how many there are.
fn lighter_border(lum: &InkMap, level: f32) -> (usize, usize) {
    lighter_ring(lum, level, 0)
}

/// Like [`lighter_border`], for the ring of pixels `inset` pixels inside the border (the border itself when
/// the picture is too small for it).
fn lighter_ring(lum: &InkMap, level: f32, inset: usize) -> (usize, usize) {
    let (w, h) = (lum.width, lum.height);
    let d = if 2 * inset + 2 < w.min(h) { inset } else { 0 };
    let (x1, y1) = (w - 1 - d, h - 1 - d);
    let ring = (d..=x1).flat_map(|x| [(x, d), (x, y1)]).chain((d..=y1).flat_map(|y| [(d, y), (x1, y)]));
    lighter_cells(lum, level, ring)
}

/// How many of `cells` are brighter than `level`, and how many there are.
fn lighter_cells(lum: &InkMap, level: f32, cells: impl IntoIterator<Item = (usize, usize)>) -> (usize, usize) {
    cells.into_iter().fold((0, 0), |(light, all), (x, y)| (light + (lum.at(x, y) > level) as usize, all + 1))
}

/// The share of `cells` brighter than `level` (0 of none).
pub(super) fn light_share(lum: &InkMap, level: f32, cells: impl IntoIterator<Item = (usize, usize)>) -> f32 {
    let (light, all) = lighter_cells(lum, level, cells);
    light as f32 / all.max(1) as f32
}

/// Whether the picture is light paper inside a dark frame: a form's box cropped at its lines, whose border is
/// all frame ([`FRAME_ALL_ROUND`]). Some ring of pixels a little inside the border (up to [`FRAME_DEPTH`] of the shorter side in) is
/// then mostly light, and so is all it encloses. A light digit on a dark ground may have a ring of light
/// along its strokes (a thick 0 filling the crop), but the ground it encloses is dark. `level` is Otsu's
/// threshold of `lum`.
fn framed_light_paper(lum: &InkMap, level: f32) -> bool {
    let (w, h) = (lum.width, lum.height);
    let deepest = (FRAME_DEPTH * w.min(h) as f32) as usize;
    let light_share = |pixels: &mut dyn Iterator<Item = (usize, usize)>| light_share(lum, level, pixels);
    let ring = |d: usize| {
        let (x1, y1) = (w - 1 - d, h - 1 - d);
        (d..=x1).flat_map(move |x| [(x, d), (x, y1)]).chain((d + 1..y1).flat_map(move |y| [(d, y), (x1, y)]))
    };
    let inside = |d: usize| (d..h - d).flat_map(move |y| (d..w - d).map(move |x| (x, y)));
    // The frame runs all round: a digit touching the edges leaves light gaps in the border.
    light_share(&mut ring(0)) <= 1.0 - FRAME_ALL_ROUND
        && (1..=deepest)
            .filter(|&d| 2 * d + 2 < w.min(h))
            .any(|d| light_share(&mut ring(d)) >= FRAMED_PAPER && light_share(&mut inside(d)) >= FRAMED_PAPER)
}

/// The share of the picture's border a frame darkens.
const FRAME_ALL_ROUND: f32 = 0.95;
/// How far in [`framed_light_paper`] looks for the paper inside a frame, as a fraction of the shorter side.
const FRAME_DEPTH: f32 = 0.12;
/// The share of light pixels in a ring that runs over the paper inside a frame (a digit crosses it here and
/// there), and in all it encloses (the digit's ink is the rest).
const FRAMED_PAPER: f32 = 0.7;

/// The median of values that are not empty (it reorders them).
pub(super) fn median(values: &mut [f32]) -> f32 {
    let middle = values.len() / 2;
    *values.select_nth_unstable_by(middle, f32::total_cmp).1
}

/// Strokes wider than this fraction of the paper window are measured again with a wider one.
const THICK_STROKE: f32 = 0.4;

/// The median length of the horizontal runs of strong ink, in pixels: a stroke's width. With `from_one_side`
/// false, runs that start at one side edge and end before the other are left out.
fn typical_stroke(ink: &InkMap, from_one_side: bool) -> usize {
    let cut = 0.5 * strongest_ink(ink);
    let mut runs = Vec::new();
    for row in ink.values.chunks_exact(ink.width) {
        let mut run = 0;
        for (x, &v) in row.iter().chain(std::iter::once(&0.0)).enumerate() {
            if v >= cut && cut > 0.0 {
                run += 1;
            } else if run > 0 {
                let (starts_at_edge, ends_at_edge) = (x == run, x == ink.width);
                if from_one_side || starts_at_edge == ends_at_edge {
                    runs.push(run);
                }
                run = 0;
            }
        }
    }
    if runs.is_empty() {
        return 0;
    }
    let middle = runs.len() / 2;
    *runs.select_nth_unstable(middle).1
}

/// The picture at the resolution the background is measured at: it changes slowly.
fn reduced(lum: &InkMap) -> InkMap {
    area_resample(lum, lum.width.div_ceil(PAPER_REDUCTION).max(1), lum.height.div_ceil(PAPER_REDUCTION).max(1))
}

/// The mean of the 2×2 block whose top left is (x, y): one noisy pixel cannot dominate it, a 2-pixel
/// stroke can.
fn block_mean(map: &InkMap, x: usize, y: usize) -> f32 {
    (map.at(x, y) + map.at(x + 1, y) + map.at(x, y + 1) + map.at(x + 1, y + 1)) / 4.0
}

/// Whether the picture's border is mostly the lighter of the two brightness classes Otsu's threshold
/// separates, and that class is more than [`LIGHT_MAJORITY`] of the picture: paper around dark marks, whatever
/// a local test makes of a dark blot wider than its cells. `level` is Otsu's threshold of `lum`.
fn light_paper_all_round(lum: &InkMap, level: f32) -> bool {
    let (light_border, all_border) = lighter_border(lum, level);
    let light = lum.values.iter().filter(|&&v| v > level).count();
    2 * light_border > all_border && light as f32 > LIGHT_MAJORITY * lum.values.len() as f32
}

/// Share of the picture the lighter class must hold to be the paper for [`light_paper_all_round`]: at a half,
/// noise (which splits about evenly) flipped either way.
const LIGHT_MAJORITY: f32 = 0.6;

/// Cells per side of the grid on which the typical brightness is measured for the polarity test.
const POLARITY_GRID: usize = 8;

/// Whether the ink is lighter than its background. The ground is the majority of every neighbourhood, so
/// a local median follows it through shadows; the ink is what strays furthest from that median, below it
/// for dark ink and above it for light ink. Extremes are taken over 2×2 blocks so noise cannot decide.
fn is_light_ink(lum: &InkMap, small: &InkMap) -> bool {
    let (w, h) = (lum.width, lum.height);
    let cell = (small.width.max(small.height) / POLARITY_GRID).max(2);
    let (gw, gh) = (small.width.div_ceil(cell), small.height.div_ceil(cell));
    let mut grid = InkMap::new(gw, gh);
    let mut window = Vec::new();
    for gy in 0..gh {
        for gx in 0..gw {
            window.clear();
            for y in gy * cell..((gy + 1) * cell).min(small.height) {
                window.extend_from_slice(&small.values[y * small.width + gx * cell..y * small.width + ((gx + 1) * cell).min(small.width)]);
            }
            let middle = window.len() / 2;
            grid.values[gy * gw + gx] = *window.select_nth_unstable_by(middle, f32::total_cmp).1;
        }
    }
    let typical = bilinear_upsample(&grid, w, h);
    let (mut below, mut above) = (0.0f32, 0.0f32);
    for y in 0..h.saturating_sub(1) {
        for x in 0..w.saturating_sub(1) {
            let deviation = block_mean(lum, x, y) - block_mean(&typical, x, y);
            below = below.max(-deviation);
            above = above.max(deviation);
        }
    }
    above > below
}

/// The strongest ink over 2×2 blocks (see [`block_mean`]).
pub fn strongest_ink(ink: &InkMap) -> f32 {
    if ink.width < 2 || ink.height < 2 {
        return ink.values.iter().copied().fold(0.0, f32::max);
    }
    let mut peak = 0.0f32;
    for y in 0..ink.height - 1 {
        for x in 0..ink.width - 1 {
            peak = peak.max(block_mean(ink, x, y));
        }
    }
    peak
}

/// The paper is estimated at this fraction of the picture's resolution: it changes slowly.
const PAPER_REDUCTION: usize = 4;
/// Paper darker than this is treated as this bright when measuring ink against it.
const DIMMEST_PAPER: f32 = 0.25;
/// Strokes up to about this fraction of the picture's longer side wide are removed from the paper estimate.
pub(super) const WIDEST_STROKE: f32 = 1.0 / 12.0;

/// Ink strength 0..1: how much darker each pixel is than the paper around it, given the picture already
/// [`reduced`].
#[cfg(test)]
fn ink_against_paper(lum: &InkMap, small: &InkMap, widest_stroke: f32) -> InkMap {
    ink_on(lum, &paper_brightness(small, lum.width, lum.height, widest_stroke))
}

/// Ink strength 0..1 against the paper brightness at every pixel.
fn ink_on(lum: &InkMap, paper: &InkMap) -> InkMap {
    let mut ink = InkMap::new(lum.width, lum.height);
    for (i, out) in ink.values.iter_mut().enumerate() {
        // Dim paper is floored so that noise in a dark corner does not look like ink.
        let p = paper.values[i];
        *out = ((p - lum.values[i]) / p.max(DIMMEST_PAPER)).clamp(0.0, 1.0);
    }
    ink
}

/// The paper's brightness at every pixel of a `width`×`height` picture, from its reduced copy: a grey-level
/// closing (brightest then darkest neighbourhood) wipes out strokes narrower than the window but keeps the
/// edges of shadows where they are.
fn paper_brightness(small: &InkMap, width: usize, height: usize, widest_stroke: f32) -> InkMap {
    let radius = ((small.width.max(small.height) as f32 * widest_stroke / 2.0).ceil() as usize).max(1);
    let closed = extreme_filter(&extreme_filter(small, radius, f32::max), radius, f32::min);
    bilinear_upsample(&closed, width, height)
}

/// Separable square max or min filter of the given radius.
fn extreme_filter(map: &InkMap, radius: usize, pick: fn(f32, f32) -> f32) -> InkMap {
    if radius == 0 {
        return map.clone();
    }
    let (w, h) = (map.width, map.height);
    let mut rows = InkMap::new(w, h);
    for y in 0..h {
        for x in 0..w {
            let (from, to) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            rows.values[y * w + x] = map.values[y * w + from..y * w + to].iter().copied().reduce(pick).unwrap();
        }
    }
    let mut out = InkMap::new(w, h);
    for y in 0..h {
        let (from, to) = (y.saturating_sub(radius), (y + radius + 1).min(h));
        for x in 0..w {
            out.values[y * w + x] = (from..to).map(|yy| rows.values[yy * w + x]).reduce(pick).unwrap();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chalk_on_a_dark_board_is_ink() {
        let mut lum = InkMap::new(40, 40);
        lum.values.fill(0.2);
        (10..30).for_each(|y| lum.values[y * 40 + 20] = 0.9);
        let ink = photo_ink(&lum);
        assert!(ink.at(20, 20) > 0.5, "{}", ink.at(20, 20));
        assert!(ink.at(5, 5) < 0.05);
    }

    #[test]
    fn a_table_cell_framed_by_its_rules_is_dark_ink_on_light_paper() {
        // Paper 0.85 in a frame of 2-pixel rules along all four edges, which darken more than half of the
        // border, and five strokes as tall as the cell between them.
        let lum = InkMap::from_fn(200, 100, |x, y| {
            let rule = !(2..198).contains(&x) || !(2..98).contains(&y);
            let stroke = [40, 60, 80, 120, 160].iter().any(|&left| (left..left + 5).contains(&x)) && (10..90).contains(&y);
            if rule || stroke { 0.1 } else { 0.85 }
        });
        let ink = photo_ink(&lum);
        assert!(ink.at(82, 50) > 0.5, "the stroke: {}", ink.at(82, 50));
        assert!(ink.at(100, 50) < 0.05, "the paper: {}", ink.at(100, 50));
    }

    #[test]
    fn a_form_box_cropped_at_its_lines_is_dark_ink_on_light_paper() {
        // An 80 × 80 box: paper 0.9 inside a 3-pixel frame at 0.3 that is the whole border, and a 3 drawn as
        // three bars and a stem 6 thick: the light class is under the share that makes it paper anyway.
        let lum = InkMap::from_fn(80, 80, |x, y| {
            let frame = !(3..77).contains(&x) || !(3..77).contains(&y);
            let bars = [15, 37, 59].iter().any(|&top| (top..top + 6).contains(&y)) && (25..55).contains(&x);
            let stem = (49..55).contains(&x) && (15..65).contains(&y);
            if frame { 0.3 } else if bars || stem { 0.1 } else { 0.9 }
        });
        let ink = photo_ink(&lum);
        assert!(ink.at(52, 30) > 0.5, "the stroke: {}", ink.at(52, 30));
        assert!(ink.at(35, 28) < 0.05, "the paper: {}", ink.at(35, 28));
    }

    #[test]
    fn a_shadow_is_not_ink_but_the_stroke_in_it_is() {
        // Paper darkening smoothly from 0.95 on the left to 0.45 on the right, with a dark stroke at x=150.
        let lum = InkMap::from_fn(200, 100, |x, y| {
            let paper = 0.95 - 0.5 * x as f32 / 200.0;
            let stroke = (148..153).contains(&x) && (20..80).contains(&y);
            if stroke { paper * 0.3 } else { paper }
        });
        let ink = ink_against_paper(&lum, &reduced(&lum), WIDEST_STROKE);
        assert!(ink.at(190, 50) < 0.1, "shadowed paper reads as {}", ink.at(190, 50));
        assert!(ink.at(10, 10) < 0.1);
        assert!(ink.at(150, 50) > 0.6, "stroke in the shadow reads as {}", ink.at(150, 50));
    }
}
