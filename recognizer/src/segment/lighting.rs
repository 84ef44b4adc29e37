//! Lighting: turn any picture into dark ink on light paper, then measure ink against the local paper
//! brightness, so a shadow or a gradient across the page does not look like ink.

use image::{GrayImage, Luma};
use imageproc::contrast::otsu_level;

use super::blots::fill_blots;
use super::frame::border_frame_depth;
use super::sheet::Sheet;
use crate::preprocess::resize::{area_resample, bilinear_upsample};
use crate::preprocess::{ink_bounds, InkMap};

/// The ink of a photo, whichever its polarity: dark pen on paper or light chalk on a board.
pub fn photo_ink(lum: &InkMap) -> InkMap {
    let level = otsu_level_of(lum);
    // A note on a desk is found before the polarity test: on a desk as dark as the ink, the sheet's edges
    // stray as far from the local median as the ink does, and the test alone may take the sheet for light ink.
    let sheet = Sheet::find(lum, level);
    // Paper in a dark frame (a form's box, a note with writing on a desk) is read against its local paper,
    // never inverted: the frame is no digit filling the picture.
    let framed = sheet.is_some() || framed_light_paper(lum, level);
    if let Some(ink) = (!framed).then(|| filled_frame_ink(lum, level)).flatten() {
        return ink;
    }
    let small = reduced(lum);
    // A blot wider than the polarity test's cells can fool it; paper all round the picture cannot.
    let inverted = !framed && is_light_ink(lum, &small) && !light_paper_all_round(lum, level);
    let (lum, small, level) = if inverted {
        let invert = |l: f32| 1.0 - l;
        (lum.map(invert), small.map(invert), 1.0 - level)
    } else {
        (lum.clone(), small, level)
    };
    let mut paper = paper_brightness(&small, lum.width, lum.height, WIDEST_STROKE);
    let mut ink = ink_on(&lum, &paper);
    // Strokes as thick as the paper window (a digit enlarged to fill the picture) come out hollow: measure
    // the paper again with a window wide enough for them.
    let stroke = typical_stroke(&ink, true) as f32 / lum.width.max(lum.height) as f32;
    if stroke > THICK_STROKE * WIDEST_STROKE {
        paper = paper_brightness(&small, lum.width, lum.height, (3.0 * stroke).min(1.0));
        ink = ink_on(&lum, &paper);
    }
    fill_blots(&lum, &paper, &mut ink);
    // A dark slate on a light desk is a sheet only once its chalk is turned into dark ink.
    let sheet = if inverted { Sheet::find(&lum, level) } else { sheet };
    if let Some(sheet) = sheet {
        sheet.keep_inside(&mut ink);
    }
    ink
}

/// A picture that one digit fills edge to edge (a tight crop, enlarged) has strokes too thick for the paper
/// estimate, and the local polarity test is misled. There the paper is the brightness class (of the two
/// Otsu's threshold separates) that holds most of the picture's border, which a digit only touches here
/// and there, and the ink is scaled between the classes' medians. `None` for pictures with strokes thin for
/// their size, the usual photo. `level` is Otsu's threshold of `lum` ([`otsu_level_of`]).
fn filled_frame_ink(lum: &InkMap, level: f32) -> Option<InkMap> {
    let (mut dark, mut light): (Vec<f32>, Vec<f32>) = lum.values.iter().partition(|&&v| v <= level);
    // `.max(1)`: in a picture under 50 pixels one class may be empty, and an empty class has no median.
    if dark.len().min(light.len()) < (lum.values.len() / 50).max(1) {
        return None;
    }
    let (w, h) = (lum.width, lum.height);
    // A form's box cropped at its lines has its frame along the border: the paper is inside it.
    let (light_border, all_border) = lighter_ring(lum, level, border_frame_depth(lum, level));
    // Rules along the edges of a table cell's crop can darken half its border; paper is still most of it.
    let light_ink = 2 * light_border < all_border && (light.len() as f32) < PAPER_MAJORITY * lum.values.len() as f32;
    let (ink, paper) = if light_ink { (&mut light, &mut dark) } else { (&mut dark, &mut light) };
    let (ink_level, paper_level) = (median(ink), median(paper));
    if (paper_level - ink_level).abs() < MINIMUM_CONTRAST || !evenly_dark(ink, ink_level, paper_level) {
        return None;
    }
    let map = lum.map(|l| ((paper_level - l) / (paper_level - ink_level)).clamp(0.0, 1.0));
    let bounds = ink_bounds(&map, 0.5)?;
    // One digit's crop (not wider than tall, give or take) may miss an edge by a little more than a number's.
    let filled = if w as f32 <= ONE_DIGIT_ASPECT * h as f32 { FILLED_BY_ONE } else { FILLED };
    if (bounds.width as f32) < filled * w as f32 || (bounds.height as f32) < filled * h as f32 {
        return None;
    }
    // Runs from one side edge are left out: a shadow over one side of a page is a run from that edge in
    // every row, while a digit's strokes touch an edge here and there (or, in a narrow crop, span it).
    let stroke_px = typical_stroke(&map, false);
    let stroke = stroke_px as f32 / lum.width.max(lum.height) as f32;
    let patches = || thick_share(&map, PATCH_STROKES * stroke_px) > MOST_PATCH;
    (stroke > THICK_STROKE * WIDEST_STROKE && stroke < THICKEST_STROKE && !patches()).then_some(map)
}

/// Ink more than this many strokes thick both across and down is a patch of shadow, not a stroke ...
const PATCH_STROKES: usize = 6;
/// ... and a picture with more than this share of its ink in such patches is a page partly in shadow, not a digit
/// filling it. In the suite's crops the share is at most 0.15, under a shadow at least 0.54.
const MOST_PATCH: f32 = 0.35;

/// The share of the ink (at least half strength) lying where it is more than `thickness` pixels thick both across
/// and down: a patch of shadow, not a stroke.
fn thick_share(map: &InkMap, thickness: usize) -> f32 {
    let (w, h) = (map.width, map.height);
    let inked: Vec<bool> = map.values.iter().map(|&v| v >= 0.5).collect();
    let across = run_lengths(&inked, w, h, |i, j| j * w + i);
    let down = run_lengths(&inked, h, w, |i, j| i * w + j);
    let thick = (0..w * h).filter(|&p| across[p] > thickness && down[p] > thickness).count();
    thick as f32 / inked.iter().filter(|&&ink| ink).count().max(1) as f32
}

/// For every pixel, the length of the run of ink it lies in along lines of `length` pixels (`count` of them);
/// `at(i, j)` is the index of pixel `i` of line `j`.
fn run_lengths(inked: &[bool], length: usize, count: usize, at: impl Fn(usize, usize) -> usize) -> Vec<usize> {
    let mut runs = vec![0; inked.len()];
    for j in 0..count {
        let mut start = 0;
        for i in 0..=length {
            if i < length && inked[at(i, j)] {
                continue;
            }
            (start..i).for_each(|k| runs[at(k, j)] = i - start);
            start = i + 1;
        }
    }
    runs
}

/// Whether the ink class (of [`filled_frame_ink`]) is evenly ink: its median as far from the paper as
/// [`EVEN_INK`] of its strongest tenth. A shadow over part of a page falls in the class with the strokes, and
/// its grey, far lighter than theirs, is most of it.
fn evenly_dark(ink: &[f32], ink_level: f32, paper_level: f32) -> bool {
    let tenth = ink.len() * 9 / 10;
    let mut strength: Vec<f32> = ink.iter().map(|v| (v - paper_level).abs()).collect();
    let strong = *strength.select_nth_unstable_by(tenth, f32::total_cmp).1;
    (ink_level - paper_level).abs() >= EVEN_INK * strong
}

/// See [`evenly_dark`]: in the crops of the suite the median is at least 0.64 of the way, under a shadow at most
/// 0.57.
const EVEN_INK: f32 = 0.6;

/// The ink of a picture it fills spans at least this fraction of its width and of its height.
const FILLED: f32 = 0.96;
/// ... or this fraction, in a picture no wider than [`ONE_DIGIT_ASPECT`] times its height: one digit's crop,
/// where a marker's round end or a blur falls short of an edge by a pixel or two of the original.
const FILLED_BY_ONE: f32 = 0.9;
const ONE_DIGIT_ASPECT: f32 = 1.2;
/// A brightness class this large a share of the picture is its paper, whatever its border.
const PAPER_MAJORITY: f32 = 0.8;
/// Ink and paper closer than this in brightness are not told apart by a global threshold.
const MINIMUM_CONTRAST: f32 = 0.2;
/// "Strokes" wider than this fraction of the picture are a shadow or a gradient, not a digit's.
const THICKEST_STROKE: f32 = 0.65;

/// Otsu's threshold of the picture's brightness, 0..1.
fn otsu_level_of(lum: &InkMap) -> f32 {
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
const WIDEST_STROKE: f32 = 1.0 / 12.0;

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
    fn a_page_with_a_shadow_over_one_side_is_not_a_digit_filling_the_picture() {
        // Paper 0.85, its right third in a shadow at 0.5, and four thin strokes from near the left edge.
        let lum = InkMap::from_fn(300, 200, |x, y| {
            let stroke = [5, 50, 100, 150].iter().any(|&left| (left..left + 4).contains(&x)) && (80..120).contains(&y);
            if stroke { 0.2 } else if x >= 200 { 0.5 } else { 0.85 }
        });
        assert!(filled_frame_ink(&lum, otsu_level_of(&lum)).is_none());
    }

    #[test]
    fn a_shadow_over_a_corner_is_not_ink_beside_thick_strokes() {
        // Paper 0.85 going soft into a shadow at 0.45 over the lower right half, and three strokes 12 pixels
        // thick from near the left edge: thick enough for a digit filling the picture, were the shadow ink.
        let lum = InkMap::from_fn(300, 200, |x, y| {
            let stroke = [3, 60, 120].iter().any(|&left| (left..left + 12).contains(&x)) && (30..150).contains(&y);
            let shade = ((x + y) as f32 - 230.0) / 40.0;
            if stroke { 0.1 } else { 0.85 - 0.4 * shade.clamp(0.0, 1.0) }
        });
        assert!(filled_frame_ink(&lum, otsu_level_of(&lum)).is_none());
        let ink = photo_ink(&lum);
        assert!(ink.at(280, 180) < 0.1, "the shadow: {}", ink.at(280, 180));
        assert!(ink.at(8, 90) > 0.5, "the stroke: {}", ink.at(8, 90));
    }

    #[test]
    fn a_shadow_as_dark_as_the_ink_is_no_digit_filling_the_picture() {
        // Paper 0.85 under a band of shadow as dark as the ink over its upper 80 rows, and three strokes 12 pixels
        // thick from the band to the bottom edge: the ink spans the picture, but most of it is one thick patch.
        let lum = InkMap::from_fn(300, 300, |x, y| {
            let stroke = [3, 100, 200].iter().any(|&left| (left..left + 12).contains(&x)) && y >= 70;
            if y < 80 || stroke { 0.12 } else { 0.85 }
        });
        assert!(filled_frame_ink(&lum, otsu_level_of(&lum)).is_none());
        let ink = photo_ink(&lum);
        assert!(ink.at(106, 150) > 0.5, "the stroke: {}", ink.at(106, 150));
        assert!(ink.at(50, 150) < 0.1, "the paper: {}", ink.at(50, 150));
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
