//! A picture that one digit fills edge to edge, told apart from a page with a shadow reaching its edges.

use std::cell::OnceCell;
use std::cmp::Ordering;

use image::{GrayImage, Luma};
use imageproc::region_labelling::{connected_components, Connectivity};

use super::{lighter_ring, median, typical_stroke, WIDEST_STROKE};
use crate::preprocess::{ink_bounds, InkMap};
use crate::segment::frame::border_frame_depth;
use crate::segment::runs::across_and_down;

/// A picture that one digit fills edge to edge (a tight crop, enlarged) has strokes too thick for the paper
/// estimate, and the local polarity test is misled. There the ink is one of the two brightness classes Otsu's
/// threshold separates ([`light_class_is_ink`] says which), scaled between the classes' medians. `None` for
/// pictures with strokes thin for their size, the usual photo. `level` is Otsu's threshold of `lum`
/// ([`super::otsu_level_of`]).
pub(super) fn filled_frame_ink(lum: &InkMap, level: f32) -> Option<InkMap> {
    let (mut dark, mut light) = brightness_classes(lum, level)?;
    let (dark_level, light_level) = (median(&mut dark), median(&mut light));
    let (w, h) = (lum.width, lum.height);
    // Counting the classes' pieces takes two passes over the picture: only where the border leaves the paper in
    // doubt or the strokes are as thick as a shadow's, and then once.
    let pieces = OnceCell::new();
    let pieces = || {
        *pieces.get_or_init(|| Pieces { light: class_pieces(lum, level, true), dark: class_pieces(lum, level, false) })
    };
    // Selecting the dark class's darkest hundredth is a pass over it: only where asked, and then once.
    let mut third = None;
    let mut darker_third = || *third.get_or_insert_with(|| has_darker_third(&mut dark, dark_level, light_level));
    let light_ink = light_class_is_ink(lum, level, light.len(), &mut darker_third, pieces);
    // One digit's crop (not wider than tall, give or take) may miss an edge by a little more than a number's,
    // and a blurred dark one on paper all round by more again: its half-strength edge lies inside the blur.
    let one_digit = w as f32 <= ONE_DIGIT_ASPECT * h as f32;
    // Light "ink" beside a dark class that holds darker ink again is the lit part of a page whose other part is in
    // shadow: the page is read as a photo, not as light digits filling it ("986" on a ruled page, its margin
    // and rules cutting the lit part into bands as thick as a marker's strokes).
    if light_ink && !one_digit && darker_third() {
        return None;
    }
    let (ink, ink_level, paper_level) =
        if light_ink { (&light, light_level, dark_level) } else { (&dark, dark_level, light_level) };
    let map = between_classes(lum, ink_level, paper_level)?;
    let bounds = ink_bounds(&map, 0.5)?;
    let filled = match (one_digit, light_ink) {
        (true, false) => FILLED_BY_ONE_ON_PAPER,
        (true, true) => FILLED_BY_ONE,
        (false, _) => FILLED,
    };
    // A blur eats as deeply into every side: in a narrow crop (a 1's) the ink may fall short of the sides by the
    // same share of the height as of the ends, and in a number's wide crop short of the top and bottom by the
    // same share of the width as of the sides (a blurred "60" reaches 0.94 of its height).
    let short_of_sides = (1.0 - filled) * if is_narrow(w, h) { h } else { w } as f32;
    let short_of_ends = (1.0 - filled) * if one_digit { h } else { w } as f32;
    if (bounds.width as f32) < w as f32 - short_of_sides || (bounds.height as f32) < h as f32 - short_of_ends {
        return None;
    }
    // Runs from one side edge are left out: a shadow over one side of a page is a run from that edge in
    // every row, while a digit's strokes touch an edge here and there (or, in a narrow crop, span it).
    let stroke_px = typical_stroke(&map, false);
    let stroke = stroke_px as f32 / lum.width.max(lum.height) as f32;
    // Strokes that thick are a shadow or a gradient, unless they are one piece that cuts the paper apart: a
    // bold digit enlarged, its holes and the corners it leaves closed off.
    let bold_digit = || {
        let Pieces { light, dark } = pieces();
        let (ink, paper) = if light_ink { (light, dark) } else { (dark, light) };
        one_digit && ink == 1 && paper >= CUT_APART
    };
    if stroke <= FILLING_STROKE || (stroke >= THICKEST_STROKE && !bold_digit()) {
        return None;
    }
    // Light "ink" filling a picture wider than one digit's crop is most often paper: the lit part of a page whose
    // far side is in shadow, cut into bands by its rules (strokes 0.06 of its longer side), or a table's cells
    // inside a dark desk and rules (three quarters of the picture). Light digits filling such a crop have strokes
    // the usual local paper estimate cannot follow (0.086 or more in the suite's crops) and cover at most 0.6
    // of it.
    let light_share = ink.len() as f32 / lum.values.len() as f32;
    if light_ink && !one_digit && (stroke < WIDEST_STROKE || light_share > WIDE_PAPER_MAJORITY) {
        return None;
    }
    // Last, as they cost the most and most photos are turned away above: a shadow reaching the edges.
    let shadow = !evenly_dark(ink, ink_level, paper_level) || thick_share(&map, PATCH_STROKES * stroke_px) > MOST_PATCH;
    (!shadow).then_some(map)
}

/// How many pieces each brightness class makes (see [`class_pieces`]).
#[derive(Clone, Copy)]
struct Pieces {
    light: usize,
    dark: usize,
}

/// Whether the lighter of the two brightness classes (`light_pixels` of them) is the ink. The paper is the class
/// that holds most of the picture's border, which a digit only touches here and there. A bold digit filling its
/// crop may cover as much of the border as its paper does; then the ink is the class in fewer `pieces`: one
/// digit's strokes hang together, while the paper they cross is cut into corners and holes. Only in a picture
/// of two brightnesses, though (`darker_third` says no): in a photo with a shadow over half its border, the classes
/// are the lit paper and the shadow, with the digits darker again, and either may be in one piece.
fn light_class_is_ink(
    lum: &InkMap,
    level: f32,
    light_pixels: usize,
    darker_third: impl FnOnce() -> bool,
    pieces: impl Fn() -> Pieces,
) -> bool {
    // Rules along the edges of a table cell's crop can darken half its border; paper is still most of it.
    if light_pixels as f32 >= PAPER_MAJORITY * lum.values.len() as f32 {
        return false;
    }
    // A form's box cropped at its lines has its frame along the border: the paper is inside it.
    let (light_border, all_border) = lighter_ring(lum, level, border_frame_depth(lum, level));
    let light_share = light_border as f32 / all_border.max(1) as f32;
    if (light_share - 0.5).abs() >= CLEAR_BORDER || darker_third() {
        return light_share < 0.5;
    }
    let Pieces { light, dark } = pieces();
    match light.cmp(&dark) {
        Ordering::Less => true,
        Ordering::Greater => false,
        Ordering::Equal => light_share < 0.5,
    }
}

/// Whether the dark class (its median `dark_level`; reordered) holds a third brightness, darker than most of it:
/// its darkest hundredth more than [`THIRD_BRIGHTNESS`] of the contrast to the light class's median
/// `light_level` below its own median. Digits written in a shadow are; a digit's own ink, or paper, with its
/// rims blurred and its noise, is not.
fn has_darker_third(dark: &mut [f32], dark_level: f32, light_level: f32) -> bool {
    let darkest = *dark.select_nth_unstable_by(dark.len() / 100, f32::total_cmp).1;
    dark_level - darkest > THIRD_BRIGHTNESS * (light_level - dark_level)
}

/// How many pieces (8-connected, each at least [`SMALLEST_PIECE`] of the picture) the light class, or the dark
/// class, of `lum` makes at `level`.
fn class_pieces(lum: &InkMap, level: f32, light: bool) -> usize {
    let (w, h) = (lum.width, lum.height);
    if w * h < 4 {
        return 0;
    }
    let in_class = |x: u32, y: u32| (lum.at(x as usize, y as usize) > level) == light;
    let class = GrayImage::from_fn(w as u32, h as u32, |x, y| Luma([u8::from(in_class(x, y))]));
    let labels = connected_components(&class, Connectivity::Eight, Luma([0u8]));
    let mut sizes = vec![0usize; labels.pixels().map(|p| p[0] as usize).max().unwrap_or(0) + 1];
    for p in labels.pixels() {
        sizes[p[0] as usize] += 1;
    }
    let smallest = SMALLEST_PIECE * (w * h) as f32;
    sizes.iter().skip(1).filter(|&&size| size as f32 >= smallest).count()
}

/// Whether a `width` × `height` picture is as narrow as a 1's crop ([`NARROW_CROP`]).
pub(in crate::segment) fn is_narrow(width: usize, height: usize) -> bool {
    width as f32 <= NARROW_CROP * height as f32
}

/// The picture's pixels darker and lighter than `level`; `None` when either class is too small to have a
/// median (in a picture under 50 pixels one class may be empty).
fn brightness_classes(lum: &InkMap, level: f32) -> Option<(Vec<f32>, Vec<f32>)> {
    let (dark, light): (Vec<f32>, Vec<f32>) = lum.values.iter().partition(|&&v| v <= level);
    (dark.len().min(light.len()) >= (lum.values.len() / 50).max(1)).then_some((dark, light))
}

/// The ink scaled between the ink's and the paper's typical brightness; `None` when they are too close to
/// tell apart with one threshold.
fn between_classes(lum: &InkMap, ink_level: f32, paper_level: f32) -> Option<InkMap> {
    if (paper_level - ink_level).abs() < MINIMUM_CONTRAST {
        return None;
    }
    Some(lum.map(|l| ((paper_level - l) / (paper_level - ink_level)).clamp(0.0, 1.0)))
}

/// The ink of the picture were its dark class the ink, then were its light class, whatever its border and shares
/// say: in a narrow crop that a thick 1 fills, the digit may be most of the picture and touch most of its border.
/// `level` is Otsu's threshold of `lum`.
pub(super) fn class_inks(lum: &InkMap, level: f32) -> impl Iterator<Item = InkMap> + '_ {
    let levels = brightness_classes(lum, level).map(|(mut dark, mut light)| (median(&mut dark), median(&mut light)));
    let ways = levels.map(|(dark, light)| [(dark, light), (light, dark)]).into_iter().flatten();
    ways.filter_map(move |(ink, paper)| between_classes(lum, ink, paper))
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
    let (across, down) = across_and_down(&inked, w, h);
    let thick = (0..w * h).filter(|&p| across[p] > thickness && down[p] > thickness).count();
    thick as f32 / inked.iter().filter(|&&ink| ink).count().max(1) as f32
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
/// ... or this fraction for dark ink on paper that holds most of the border (a blurred scan enlarged). Light
/// "ink" reaching this far is more often the lit part of a page whose lower part is in shadow.
const FILLED_BY_ONE_ON_PAPER: f32 = 0.8;
const ONE_DIGIT_ASPECT: f32 = 1.2;
/// A crop at most this wide for its height is narrow, like a 1's.
const NARROW_CROP: f32 = 0.5;
/// A brightness class this large a share of the picture is its paper, whatever its border.
const PAPER_MAJORITY: f32 = 0.8;
/// A border whose light share is this far from a half or further says which class is the paper; nearer, the
/// classes' pieces decide (see [`light_class_is_ink`]).
const CLEAR_BORDER: f32 = 0.3;
/// See [`has_darker_third`]: in the suite's crops (bold or not) whose border leaves the paper in doubt, 97 % or more
/// are under it; in photos whose shadow the pieces took for the paper or the ink, it was 0.77 or more.
const THIRD_BRIGHTNESS: f32 = 0.6;
/// Pieces of a brightness class smaller than this share of the picture (specks, a sliver at an edge) are not
/// counted by [`class_pieces`].
const SMALLEST_PIECE: f32 = 0.005;
/// Ink and paper closer than this in brightness are not told apart by a global threshold.
const MINIMUM_CONTRAST: f32 = 0.2;
/// A digit filling the picture has strokes thicker than this fraction of its longer side: in the suite's crops
/// at least 0.06. On a page partly in shadow the digits' strokes, swollen by the shadow's edge, measure 0.035.
const FILLING_STROKE: f32 = 0.05;
/// Light "ink" this large a share of a picture wider than one digit's crop is its paper (see [`PAPER_MAJORITY`]).
const WIDE_PAPER_MAJORITY: f32 = 0.7;
/// "Strokes" wider than this fraction of the picture are a shadow or a gradient, not a digit's ...
const THICKEST_STROKE: f32 = 0.65;
/// ... unless they are one piece and the paper is in at least this many: a shadow over a side or a corner
/// leaves the paper in one piece, a band of shadow across the page in two.
const CUT_APART: usize = 3;

#[cfg(test)]
mod tests {
    use super::super::{otsu_level_of, photo_ink};
    use super::*;

    #[test]
    fn a_blurred_0_enlarged_to_fill_its_crop_is_dark_ink() {
        // A ring, half of it ink, reaching 0.84 of the width and 0.92 of the height at half strength, its edges
        // blurred over 12 pixels: the paper is under 60 % of the picture and all its border.
        let lum = InkMap::from_fn(180, 288, |x, y| {
            let (dx, dy) = ((x as f32 - 90.0) / 82.0, (y as f32 - 144.0) / 140.0);
            let r = (dx * dx + dy * dy).sqrt();
            let inside = ((r - 0.5) / 0.08).clamp(0.0, 1.0) * ((1.0 - r) / 0.08).clamp(0.0, 1.0);
            0.85 - 0.7 * inside
        });
        let ink = photo_ink(&lum);
        assert!(ink.at(90, 144) < 0.1, "the hole: {}", ink.at(90, 144));
        assert!(ink.at(30, 144) > 0.5, "the ring: {}", ink.at(30, 144));
    }

    #[test]
    fn only_strokes_thicker_than_a_twentieth_of_the_picture_are_a_digit_filling_it() {
        // A ring reaching every edge of a 300 × 300 picture, its stroke `thickness` pixels.
        let ring = |thickness: f32| {
            InkMap::from_fn(300, 300, |x, y| {
                let r = ((x as f32 - 149.5).powi(2) + (y as f32 - 149.5).powi(2)).sqrt();
                if r <= 150.0 && r > 150.0 - thickness { 0.1 } else { 0.85 }
            })
        };
        let filled = |lum: InkMap| filled_frame_ink(&lum, otsu_level_of(&lum)).is_some();
        assert!(filled(ring(24.0)), "a stroke 0.08 of the picture");
        assert!(!filled(ring(12.0)), "a stroke 0.04 of the picture, as a shadow's edge swells a page's strokes");
    }

    #[test]
    fn a_number_filling_a_wide_crop_may_fall_short_of_its_top_and_bottom_as_far_as_of_its_sides() {
        // "00", two rings side by side in a 190 × 110 crop, strokes 15 pixels: they reach the side edges but stop
        // 3 pixels short of the top and the bottom (0.95 of the height), as a blur leaves a number's ink.
        let lum = InkMap::from_fn(190, 110, |x, y| {
            let ring = |cx: f32| ((x as f32 + 0.5 - cx) / 47.0).hypot((y as f32 + 0.5 - 55.0) / 52.0);
            if (0.68..=1.0).contains(&ring(47.0).min(ring(143.0))) { 0.1 } else { 0.85 }
        });
        assert!(filled_frame_ink(&lum, otsu_level_of(&lum)).is_some());
    }

    /// A bold 8 filling a square crop (a 16-pixel postal scan, enlarged): two squarish rings 14 pixels thick
    /// stacked in a 96 × 96 picture, touching half its border. Ink `ink`, paper `paper`. The paper is in four
    /// pieces (the two holes and two notches at the waist), and the rows across the 8 measure 0.83 of the width.
    fn bold_8(ink: f32, paper: f32) -> InkMap {
        InkMap::from_fn(96, 96, |x, y| {
            let (x, y) = (x as f32 + 0.5, y as f32 + 0.5);
            let sixth = |d: f32, r: f32| (d / r).abs().powi(6);
            let within = |cx: f32, cy: f32, rx: f32, ry: f32| sixth(x - cx, rx) + sixth(y - cy, ry) <= 1.0;
            let ring = |cy: f32, rx: f32| within(48.0, cy, rx, 25.0) && !within(48.0, cy, rx - 14.0, 11.0);
            if ring(25.0, 46.0) || ring(71.0, 48.0) { ink } else { paper }
        })
    }

    #[test]
    fn a_bold_digit_on_as_much_of_the_border_as_its_paper_is_the_class_in_one_piece() {
        for (ink, paper) in [(0.1, 0.85), (0.85, 0.1)] {
            let lum = bold_8(ink, paper);
            let found = filled_frame_ink(&lum, otsu_level_of(&lum)).expect("a digit filling its crop");
            for (x, y, what) in [(48, 25, "the upper hole"), (48, 71, "the lower hole"), (2, 48, "the notch at the waist")] {
                assert!(found.at(x, y) < 0.1, "{what} of the 8 ({ink} on {paper}): {}", found.at(x, y));
            }
            assert!(found.at(48, 4) > 0.9, "the 8's top ({ink} on {paper}): {}", found.at(48, 4));
            assert!(found.at(48, 48) > 0.9, "the 8's waist ({ink} on {paper}): {}", found.at(48, 48));
        }
    }

    #[test]
    fn lit_paper_beside_a_shadow_on_a_third_of_the_border_is_no_light_ink() {
        // Paper 0.85 with a shadow at 0.5 over its upper left corner, on a third of the border, and two dark bars
        // in the light: the lit paper is one piece, the shadow and the bars are three.
        let lum = InkMap::from_fn(120, 100, |x, y| {
            let bar = (45..90).contains(&y) && ((70..76).contains(&x) || (95..101).contains(&x));
            if bar { 0.1 } else if x + y < 70 { 0.5 } else { 0.85 }
        });
        if let Some(found) = filled_frame_ink(&lum, otsu_level_of(&lum)) {
            assert!(found.at(110, 90) < 0.1, "the lit paper: {}", found.at(110, 90));
        }
        let ink = photo_ink(&lum);
        assert!(ink.at(110, 90) < 0.1, "the lit paper: {}", ink.at(110, 90));
        assert!(ink.at(72, 60) > 0.5, "a bar: {}", ink.at(72, 60));
    }

    #[test]
    fn the_lit_part_of_a_ruled_page_in_shadow_on_half_its_border_is_no_light_digit() {
        // Paper 0.8 lit over the upper left, corner to corner, a shadow at 0.5 over the rest and over just more than
        // half the border, rules at 0.6 every 40 rows cutting the lit part into bands as thick as a marker's
        // strokes, and three dark bars written in the lit part.
        let lum = InkMap::from_fn(300, 200, |x, y| {
            let bar = (60..100).contains(&y) && [40, 80, 120].iter().any(|&left| (left..left + 6).contains(&x));
            let lit = x as f32 / 300.0 + y as f32 / 200.0 < 0.98;
            if bar { 0.15 } else if y % 40 == 20 { 0.6 } else if lit { 0.8 } else { 0.5 }
        });
        assert!(filled_frame_ink(&lum, otsu_level_of(&lum)).is_none());
        let ink = photo_ink(&lum);
        assert!(ink.at(20, 50) < 0.1, "the lit paper: {}", ink.at(20, 50));
        assert!(ink.at(82, 80) > 0.5, "a bar: {}", ink.at(82, 80));
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
    fn a_light_0_filling_a_wide_crop_is_a_digit_but_light_cells_inside_a_dark_desk_are_paper() {
        // Chalk on a board: a light ring touching all four edges of a crop 1.24 times as wide as tall, its stroke
        // measuring 0.105 of the width (thinner than the 0.15 a first version asked of such crops).
        let ring = InkMap::from_fn(124, 100, |x, y| {
            let (dx, dy) = ((x as f32 + 0.5 - 62.0) / 62.0, (y as f32 + 0.5 - 50.0) / 50.0);
            let r = (dx * dx + dy * dy).sqrt();
            if (0.82..=1.0).contains(&r) { 0.85 } else { 0.2 }
        });
        assert!(filled_frame_ink(&ring, otsu_level_of(&ring)).is_some());
        // A table photographed on a dark desk: light cells 0.85 between rules 3 pixels wide every 30, a strip of
        // desk along the left and top edges. The light covers about three quarters of the picture.
        let table = InkMap::from_fn(124, 100, |x, y| {
            let desk = x < 3 || y < 3;
            let rule = (x + 12) % 30 < 3 || (y + 10) % 30 < 3;
            if desk || rule { 0.2 } else { 0.85 }
        });
        assert!(filled_frame_ink(&table, otsu_level_of(&table)).is_none());
    }
}
