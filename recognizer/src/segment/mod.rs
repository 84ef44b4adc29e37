//! Finds the digits in a drawing or a photo: even out the lighting, threshold the ink, label connected
//! strokes, group the pieces of each digit, order the digits left to right and split touching pairs.
//! Each digit comes out as an ink map ready for MNIST normalisation, with its box in the input's pixels.

mod bent_cuts;
mod blots;
mod chains;
mod components;
pub mod cuts;
mod frame;
mod grouping;
mod lighting;
mod narrow_crop;
mod pen;
pub mod lines;
pub mod rules;
mod runs;
pub mod search;
mod sheet;
mod slashes;
#[cfg(test)]
mod test_ink;
mod threshold;
mod upright;

pub use components::{label_components, Component, Components};
pub use grouping::{group_pieces, Group};
pub use lighting::{photo_ink, strongest_ink};
pub use threshold::{ink_mask, InkMask, CANVAS_CUT, PHOTO_CUT};

use crate::preprocess::resize::{area_resample, bilinear_upsample};
use crate::preprocess::{luminance_from_rgba, Bounds, InkMap, PreprocessError};
use upright::Upright;

/// Pictures are analysed at most this large (longer side); boxes are mapped back to the input's pixels.
pub const ANALYSIS_SIDE: usize = 1000;
/// Photos smaller than this (longer side) are enlarged to it before analysis: a 12×20 crop of one digit
/// is too coarse for the paper estimate and the stroke measures, which work in whole pixels.
pub const SMALLEST_ANALYSIS_SIDE: usize = 96;
/// A picture at most this many pixels on its longer side holds one digit at most (an 8×8 scan, as the UCI optical
/// digits keep them): enlarged twelve times for analysis, its faint strokes break into pieces, which were read
/// as several digits or lines ("1 1 1" for a 1). The suite's tightest crops of two digits are 12 pixels tall.
const ONE_DIGIT_AT_MOST: u32 = 10;
/// Photo marks smaller than this (longer side, in analysis pixels) are too small to read.
pub const SMALLEST_PHOTO_DIGIT: usize = 8;

/// A photo whose ink breaks into more runs than this per pixel (counted along rows) is noise or texture. The
/// busiest of the suite's and the hold-out scenes' pictures with digits, notebook pages, make under 0.09;
/// noise makes 0.22-0.26.
const BUSIEST_INK: f32 = 0.15;

/// Whether a photo mark is under [`SMALLEST_PHOTO_DIGIT`].
fn too_small_to_read(b: Bounds) -> bool {
    b.width.max(b.height) < SMALLEST_PHOTO_DIGIT
}

/// Whether a photo mark is shorter than [`SMALLEST_PHOTO_DIGIT`]: a flat mark that long is a dash or a
/// stretch of grain along a faint rule, no digit.
fn too_short_to_read(b: Bounds) -> bool {
    b.height < SMALLEST_PHOTO_DIGIT
}

/// Where the pixels come from. A canvas is clean and its digits never touch by accident; a photo needs
/// touching digits split, and a small digit in a photo is still a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Canvas,
    Photo,
}

/// One digit found in a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct DigitCrop {
    /// The digit's ink (0..1, ink = 1), cropped to its box, other digits masked out.
    pub ink: InkMap,
    /// The box in the input's pixels.
    pub bbox: Bounds,
    /// The digit's longer side as a fraction of the picture's shorter side (see `verdict::judge`).
    pub extent: f32,
    /// Which line of the picture it is on, counted from the top.
    pub line: usize,
}

/// A picture taken apart: its ink, the pieces of ink, and the digits found, line by line.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub mask: InkMask,
    pub components: Components,
    /// Digits, lines top to bottom, each left to right.
    pub lines: Vec<Vec<Group>>,
    pub source: Source,
    /// The turn undone before reading, where the photo is of a note turned on a desk or its line was read
    /// turned back ([`Prepared::analyse_turned_back`]): lines, pieces and the mask lie upright, boxes are turned
    /// back.
    upright: Option<Upright>,
    scale: f64,
    width: u32,
    height: u32,
    /// The picture is too small to hold more than one digit (see [`ONE_DIGIT_AT_MOST`]): its ink is not cut.
    pub one_digit: bool,
}

impl Analysis {
    /// The crop of one digit (or candidate digit) on line `line`.
    pub fn crop(&self, group: &Group, line: usize) -> DigitCrop {
        let b = group.bounds;
        let shorter_side = self.mask.width().min(self.mask.height()) as f32;
        let extent = match self.source {
            Source::Canvas => b.width.max(b.height) as f32 / shorter_side,
            Source::Photo if too_small_to_read(b) => 0.0,
            Source::Photo => 1.0,
        };
        let ink = group.ink_map(&self.components, &self.mask);
        let b = self.upright.map_or(b, |u| u.bounds_back(b));
        DigitCrop { ink, bbox: scale_bounds(b, self.scale, self.width, self.height), extent, line }
    }

    /// Every digit's crop, in reading order.
    pub fn crops(&self) -> Vec<DigitCrop> {
        self.lines.iter().enumerate().flat_map(|(i, line)| line.iter().map(move |g| self.crop(g, i))).collect()
    }

    /// How far the writing of a photo is turned, where it is one line of digits sloping as a photo taken with
    /// the phone turned does (see [`upright::turn_of_line`]); `None` where it was turned back already.
    pub fn line_turn(&self) -> Option<f32> {
        match self.lines.as_slice() {
            [line] if self.source == Source::Photo && self.upright.is_none() => upright::turn_of_line(line),
            _ => None,
        }
    }

    /// Whether the ink reaches three or four edges of the picture: a crop that one digit (or a few) fills.
    pub fn fills_frame(&self) -> bool {
        let (w, h) = (self.mask.width(), self.mask.height());
        let groups: Vec<&Group> = self.lines.iter().flatten().collect();
        let near = |v: usize, edge: usize| v.abs_diff(edge) <= (w.min(h) / 25).max(1);
        let left = groups.iter().any(|g| near(g.bounds.x, 0));
        let top = groups.iter().any(|g| near(g.bounds.y, 0));
        let right = groups.iter().any(|g| near(g.bounds.x + g.bounds.width, w));
        let bottom = groups.iter().any(|g| near(g.bounds.y + g.bounds.height, h));
        [left, top, right, bottom].iter().filter(|&&t| t).count() >= 3
    }
}

/// Takes a picture (luminance 0..1, white = 1) apart into lines of digits; `None` when it has no ink.
pub fn analyse(full: InkMap, source: Source) -> Option<Analysis> {
    prepare(full, source).analyse()
}

/// A picture brought to the analysis's size, and its ink: what [`Prepared::analyse`] takes apart, kept so that a
/// photo's line can be taken apart again turned back without measuring its lighting twice.
pub struct Prepared {
    lum: InkMap,
    ink: InkMap,
    /// How far the sheet is turned, where the photo is of a note on a desk.
    sheet_turn: Option<f32>,
    source: Source,
    scale: f64,
    width: u32,
    height: u32,
}

/// Brings a picture (luminance 0..1, white = 1) to the analysis's size and finds its ink.
pub fn prepare(full: InkMap, source: Source) -> Prepared {
    let (width, height) = (full.width as u32, full.height as u32);
    let longer = full.width.max(full.height);
    let scale = if source == Source::Photo && longer < SMALLEST_ANALYSIS_SIDE {
        1.0 / SMALLEST_ANALYSIS_SIDE.div_ceil(longer) as f64
    } else {
        (longer as f64 / ANALYSIS_SIDE as f64).max(1.0)
    };
    let w = ((full.width as f64 / scale).round() as usize).max(1);
    let h = ((full.height as f64 / scale).round() as usize).max(1);
    let lum = if scale > 1.0 {
        area_resample(&full, w, h)
    } else if scale < 1.0 {
        bilinear_upsample(&full, w, h)
    } else {
        full
    };
    let (ink, sheet_turn) = match source {
        Source::Canvas => (lum.map(|l| 1.0 - l), None),
        Source::Photo => lighting::photo_ink_and_turn(&lum),
    };
    Prepared { lum, ink, sheet_turn, source, scale, width, height }
}

impl Prepared {
    /// The picture taken apart into lines of digits, a note's writing turned back by the note's own turn;
    /// `None` when it has no ink.
    pub fn analyse(&self) -> Option<Analysis> {
        self.analyse_turned(self.sheet_turn)
    }

    /// [`Prepared::analyse`] for a photo whose writing is turned `turn` radians (see [`Analysis::line_turn`]): its
    /// ink is turned back upright before it is taken apart.
    pub fn analyse_turned_back(&self, turn: f32) -> Option<Analysis> {
        self.analyse_turned(Some(turn))
    }

    fn analyse_turned(&self, turn: Option<f32>) -> Option<Analysis> {
        let Prepared { lum, ink, source, scale, width, height, .. } = self;
        let (source, scale) = (*source, *scale);
        let (w, h) = (lum.width, lum.height);
        let cut_bounds = if source == Source::Canvas { CANVAS_CUT } else { PHOTO_CUT };
        let upright = turn.filter(|t| source == Source::Photo && t.abs() >= upright::LEAST_TURN).map(|t| Upright::undoing(t, w, h));
        let turned = upright.map(|u| u.apply(ink));
        // A small picture enlarged for analysis has its rules and strokes as many times thicker.
        let enlarged = if scale < 1.0 { (1.0 / scale).round() as usize } else { 1 };
        let one_digit = source == Source::Photo && (*width).max(*height) <= ONE_DIGIT_AT_MOST;
        let find = |ink: &InkMap| find_lines(ink, cut_bounds, source, enlarged, one_digit);
        let mut found = find(turned.as_ref().unwrap_or(ink))?;
        if source == Source::Photo && found.lines.is_empty() && upright.is_none() && lighting::is_narrow(w, h) {
            found = narrow_crop::one_stroke_in_either_class(lum, find).unwrap_or(found);
        }
        let Found { mask, components, lines } = found;
        Some(Analysis { mask, components, lines, source, upright, scale, width: *width, height: *height, one_digit })
    }
}

/// A picture's ink mask, its pieces and the lines of digits they make.
struct Found {
    mask: InkMask,
    components: Components,
    lines: Vec<Vec<Group>>,
}

/// The ink's mask, its pieces and the lines of digits they make; `None` when there is no ink.
/// `one_digit`: the picture is too small to hold more (see [`ONE_DIGIT_AT_MOST`]), and all its ink is that digit.
fn find_lines(ink: &InkMap, cut_bounds: (f32, f32), source: Source, enlarged: usize, one_digit: bool) -> Option<Found> {
    let peak = strongest_ink(ink);
    let mut mask = threshold::ink_mask_stretched_by(ink, peak, cut_bounds)?;
    if source == Source::Photo {
        // Noise, or a texture and no writing, breaks into short runs of ink everywhere: no digit can be told
        // apart in it, and following rules and pieces through it took seconds.
        if runs::runs_per_pixel(&mask.is_ink, mask.width()) > BUSIEST_INK {
            return None;
        }
        if one_digit {
            // No rule, box or edge runs through so small a picture: a stroke along its edge is the digit's.
            let components = label_components(&mask);
            let lines = grouping::all_in_one(group_pieces(&components)).map(|one| vec![vec![one]]).unwrap_or_default();
            return Some(Found { mask, components, lines });
        }
        // A box first: its faint top line alone would be taken for a rule, leaving its sides as 1s.
        frame::remove_frames(&mut mask);
        rules::remove_rules(&mut mask, enlarged);
        // Paper whose printed lines were its only ink is blank: what is left is grain, stretched as strong as
        // the lines were.
        if strongest_ink(&mask.ink) * peak < threshold::FAINTEST_INK {
            return None;
        }
    }
    let components = label_components(&mask);
    let mut groups = group_pieces(&components);
    if source == Source::Photo {
        drop_edge_slivers(&mut groups, mask.width(), mask.height(), enlarged);
        pen::drop_printed_lines(&mut groups, &components, (mask.width(), mask.height()), enlarged);
        groups.retain(|g| !is_hairline_dash(g.bounds));
        // A photo of nothing but marks too small to read (the paper's grain, what is left of faint rules, once
        // the paper's edges and hairlines are gone) has no digits, rather than a row of Unsure dots. Beside
        // larger marks they stay, and are Unsure.
        if groups.iter().all(|g| too_short_to_read(g.bounds) || is_hairline_stub(g.bounds, enlarged)) {
            groups.clear();
        }
    }
    let lines = lines::into_lines(groups, &components, &mask, source == Source::Photo);
    Some(Found { mask, components, lines })
}

/// Finds the digits in RGBA pixels, left to right. An empty list means there is no ink.
pub fn find_digits(rgba: &[u8], width: u32, height: u32, source: Source) -> Result<Vec<DigitCrop>, PreprocessError> {
    Ok(find_digits_in_luminance(luminance_from_rgba(rgba, width, height)?, source))
}

/// Like [`find_digits`], for a picture already turned into luminance (0..1, white = 1), without the model:
/// in photos, wide blobs are cut at their thinnest columns (the reader instead lets the model choose).
pub fn find_digits_in_luminance(full: InkMap, source: Source) -> Vec<DigitCrop> {
    let Some(mut analysis) = analyse(full, source) else { return Vec::new() };
    if source == Source::Photo && !analysis.one_digit {
        let (components, mask) = (&analysis.components, &analysis.mask);
        for line in &mut analysis.lines {
            *line = std::mem::take(line).into_iter().flat_map(|g| grouping::split_wide(g, components, mask)).collect();
        }
    }
    analysis.crops()
}

/// A lying mark at most this many pixels tall is a hairline: what is left of a faint rule, not a digit (no
/// digit is a flat stroke, and a minus or a dash between digits is not one either).
const HAIRLINE: usize = 2;

/// Whether a photo mark is a hairline dash (see [`HAIRLINE`]).
fn is_hairline_dash(b: Bounds) -> bool {
    b.height <= HAIRLINE && b.width >= SLIVER * b.height
}

/// An upright mark a picture pixel wide (`enlarged` pixels of the mask) and shorter than this many times
/// [`SMALLEST_PHOTO_DIGIT`] is a stub of a faint rule among the paper's grain, not a digit: alone with specks it
/// does not make a blank page a "1".
const HAIRLINE_STUB: usize = 2;

/// Whether a photo mark is a hairline stub (see [`HAIRLINE_STUB`]).
fn is_hairline_stub(b: Bounds, enlarged: usize) -> bool {
    b.width <= enlarged && b.height < HAIRLINE_STUB * SMALLEST_PHOTO_DIGIT
}

/// A mark this many times longer than wide, lying along the picture's edge, is the edge of the paper, a
/// shadow or a margin line cut by the frame, not a digit.
const SLIVER: usize = 3;

/// A sliver spanning a photo alone is its margin or its fold only when this many of it fit across the picture:
/// a 1 in a crop a few of its widths wide is a larger part of it.
const LONE_LINE: usize = 4;

/// A mark this close to an edge (thousandths of the picture's longer side, and a pixel) lies along it: the
/// rule finder leaves the last few pixels of a margin line or a grid's outer rule.
const EDGE_MARGIN_PERMILLE: usize = 15;

/// A sliver along one edge sharing this much of its rows with a digit beside it, as a fraction of the taller
/// one's height, is a 1 at the side of a crop of a number ("11", "61"): the paper's edge, a shadow or a margin
/// line runs on past the digits, or spans the picture.
const BESIDE_A_DIGIT: f32 = 0.85;
/// ... and so is one up to this many times the digit's height that shares that much of the digit's rows: a 1
/// is often the tallest digit of a number, and a crop cut at the 1's foot leaves a 9 beside it clear of the
/// bottom ("91").
const TALLEST_ONE: f32 = 1.3;
/// ... except in a crop so small that it was enlarged this many times for analysis: its faint strokes break
/// into fragments when thresholded, and a fragment of its digit lies along the edge (a light 2 in a 10×14 crop).
const FRAGMENTED: usize = 3;

/// Drops marks lying along an edge of a photo, unless the ink reaches three edges or more and a mark spans the
/// picture from edge to opposite edge (a tight crop, where a 1 may well lie along the edge). A sliver spanning
/// the picture with nothing beyond its own edges is no such crop: it is a margin line, a fold or the paper's edge
/// on blank paper. A sliver as tall as a digit beside it, and in its rows, stays: a 1 at the side of a crop.
fn drop_edge_slivers(groups: &mut Vec<Group>, width: usize, height: usize, enlarged: usize) {
    let margin = 1 + width.max(height) * EDGE_MARGIN_PERMILLE / 1000;
    let touches = |g: &Group| {
        let b = g.bounds;
        [b.x <= margin, b.y <= margin, b.x + b.width + margin >= width, b.y + b.height + margin >= height]
    };
    let sliver = |g: &Group| {
        let [left, top, right, bottom] = touches(g);
        let (w, h) = (g.bounds.width, g.bounds.height);
        // A mark half as wide as the picture is what the picture shows (a 1 in a narrow crop), not its edge.
        let upright = (left || right) && h >= SLIVER * w && 2 * w < width;
        let lying = (top || bottom) && w >= SLIVER * h && 2 * h < height;
        upright || lying
    };
    let reached = groups.iter().map(touches).fold([false; 4], |all, t| std::array::from_fn(|i| all[i] || t[i]));
    // In a tight crop a digit spans the picture, or a 1 along its side does while the other digits reach an edge
    // it does not ("15"); a shadow along one edge and specks along others do not.
    let spans = |t: [bool; 4]| (t[0] && t[2]) || (t[1] && t[3]);
    let others_reach_beyond = |i: usize, own: [bool; 4]| {
        groups.iter().enumerate().any(|(j, other)| j != i && touches(other).iter().zip(own).any(|(&theirs, ours)| theirs && !ours))
    };
    // A line alone may still be a 1 in a crop of it, where it is a fair part of the picture's width.
    let thin_for_the_picture = |g: &Group| LONE_LINE * g.bounds.width < width || LONE_LINE * g.bounds.height < height;
    let slivers: Vec<bool> = groups.iter().map(sliver).collect();
    // A table's rule spanning a photo of a cell is far taller than the digits beside it, which stand clear of the
    // picture's edges; a tight crop's marks reach its edges (a 1 beside a fragment of its foot).
    let cell_border = |i: usize| {
        let others: Vec<&Group> = groups.iter().enumerate().filter(|&(j, _)| j != i && !slivers[j]).map(|(_, g)| g).collect();
        !others.is_empty()
            && others.iter().all(|g| !touches(g).contains(&true))
            && lines::is_cell_border(&groups[i], grouping::upper_median_height(others.iter().copied()))
    };
    let spanned = groups.iter().enumerate().any(|(i, g)| {
        let own = touches(g);
        spans(own) && (!slivers[i] || others_reach_beyond(i, own) || !thin_for_the_picture(g)) && !cell_border(i)
    });
    if spanned && reached.iter().filter(|&&edge| edge).count() >= 3 {
        return;
    }
    let in_a_digits_rows = |sliver: &Group, digit: &Group| {
        let (tall, digit_height) = (sliver.bounds.height as f32, digit.bounds.height as f32);
        chains::shared_rows(sliver, digit) >= BESIDE_A_DIGIT
            || ((digit_height..=TALLEST_ONE * digit_height).contains(&tall) && chains::row_overlap(sliver, digit) >= BESIDE_A_DIGIT)
    };
    let beside_a_digit = |g: &Group| {
        enlarged < FRAGMENTED
            && !spans(touches(g))
            && groups.iter().zip(&slivers).any(|(other, &thin)| !thin && in_a_digits_rows(g, other))
    };
    let keep: Vec<bool> = groups.iter().zip(&slivers).map(|(g, &thin)| !thin || beside_a_digit(g)).collect();
    let mut keep = keep.into_iter();
    groups.retain(|_| keep.next().unwrap_or(true));
}

fn scale_bounds(b: Bounds, scale: f64, width: u32, height: u32) -> Bounds {
    let x = ((b.x as f64 * scale).floor() as usize).min(width as usize - 1);
    let y = ((b.y as f64 * scale).floor() as usize).min(height as usize - 1);
    let right = (((b.x + b.width) as f64 * scale).ceil() as usize).min(width as usize);
    let bottom = (((b.y + b.height) as f64 * scale).ceil() as usize).min(height as usize);
    Bounds { x, y, width: (right - x).max(1), height: (bottom - y).max(1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An 8×8 scan as the UCI optical digits keep one (drawn here by hand), grey levels of a sixteenth (15 paper,
    /// 0 ink), as luminance.
    fn optical_digit(rows: [[u8; 8]; 8]) -> InkMap {
        InkMap::from_fn(8, 8, |x, y| rows[y][x] as f32 / 15.0)
    }

    #[test]
    fn a_picture_too_small_for_two_digits_is_one_digit() {
        // A faint 1, its stroke broken into pieces when thresholded (read "1 1", two lines, before).
        let one = optical_digit([
            [15, 15, 15, 15, 6, 11, 15, 15],
            [15, 15, 15, 15, 8, 11, 15, 15],
            [15, 15, 15, 12, 9, 15, 15, 15],
            [15, 15, 15, 9, 10, 15, 15, 15],
            [15, 15, 15, 10, 12, 15, 15, 15],
            [15, 15, 15, 8, 11, 15, 15, 15],
            [15, 15, 12, 9, 15, 15, 15, 15],
            [15, 15, 9, 11, 15, 15, 15, 15],
        ]);
        // A 7 whose bar runs along the top edge (dropped as the paper's edge before, leaving its stem, a "1"); the
        // picture the e2e test opens too.
        let grey = image::load_from_memory(include_bytes!("testdata/eight-pixel-seven.png")).unwrap().to_luma8();
        let seven = InkMap::from_fn(8, 8, |x, y| grey.get_pixel(x as u32, y as u32)[0] as f32 / 255.0);
        for (name, picture, least_width) in [("1", one, 2), ("7", seven, 5)] {
            let crops = find_digits_in_luminance(picture, Source::Photo);
            let boxes: Vec<Bounds> = crops.iter().map(|c| c.bbox).collect();
            assert_eq!(boxes.len(), 1, "{name}: {boxes:?}");
            assert!(boxes[0].width >= least_width && boxes[0].height >= 7, "{name}: {boxes:?}");
        }
    }

    #[test]
    fn blank_ruled_paper_has_no_digits_in_its_grain() {
        // Faint rules every 60 pixels, the page's strongest ink, on paper with a grain of blotches a few pixels
        // across: stretched as strong as the rules, the grain thresholds into clumps the size of digits.
        let lum = InkMap::from_fn(400, 300, |x, y| {
            let rule = y % 60 == 30;
            let grain = 0.04 * ((x as f32 * 0.3).sin() * (y as f32 * 0.25).cos() + (x as f32 * 0.11 + y as f32 * 0.07).sin());
            if rule { 0.7 } else { 0.9 - grain.max(0.0) }
        });
        let analysis = analyse(lum, Source::Photo);
        let lines = analysis.map(|a| a.lines.iter().flatten().map(|g| g.bounds).collect::<Vec<_>>()).unwrap_or_default();
        assert!(lines.is_empty(), "{lines:?}");
    }

    #[test]
    fn a_photo_of_noise_has_no_digits() {
        // Every pixel a random grey: its darker pixels clump into pieces of every shape. Read, such noise took
        // seconds and gave a row of Unsure digits, or "too many marks".
        let mut draws = test_ink::Draws::new(0x9e37_79b9_7f4a_7c15);
        let mut lum = InkMap::new(600, 600);
        lum.values.iter_mut().for_each(|v| *v = draws.unit());
        let lines = analyse(lum, Source::Photo).map(|a| a.lines.iter().flatten().map(|g| g.bounds).collect::<Vec<_>>());
        assert_eq!(lines, None);
    }

    #[test]
    fn a_photo_of_flat_bits_of_a_faint_grid_has_no_digits() {
        // What is left of a faint grid where its rules crossed, once the rules are gone: flat bits 10 pixels wide
        // and 3 tall every 40 pixels, longer than a speck but no taller.
        let lum = InkMap::from_fn(300, 240, |x, y| if x % 40 < 10 && y % 40 < 3 { 0.3 } else { 0.9 });
        let analysis = analyse(lum, Source::Photo).expect("the bits are ink");
        assert!(analysis.lines.is_empty(), "{:?}", analysis.lines.iter().flatten().map(|g| g.bounds).collect::<Vec<_>>());
    }

    #[test]
    fn a_photo_of_specks_and_a_hairline_dash_has_no_digits() {
        // Paper with a dark speck of 2×2 pixels every 40 (what is left where a grid's rules crossed) and a
        // hairline dash 8 pixels long (what is left of a faint rule), which is no digit either.
        let lum = InkMap::from_fn(300, 240, |x, y| {
            let speck = x % 40 >= 20 && x % 40 < 22 && y % 40 >= 20 && y % 40 < 22;
            let dash = (150..158).contains(&x) && y == 130;
            if speck || dash { 0.3 } else { 0.9 }
        });
        let analysis = analyse(lum, Source::Photo).expect("the specks are ink");
        assert!(analysis.lines.is_empty(), "{:?}", analysis.lines.iter().flatten().map(|g| g.bounds).collect::<Vec<_>>());
    }

    /// Paper with a dark speck of 2×2 pixels every 40 and an upright mark `width` pixels wide from row 120 down
    /// `height` rows: the marks read.
    fn specks_and_an_upright_mark(width: usize, height: usize) -> Vec<Bounds> {
        let lum = InkMap::from_fn(300, 240, |x, y| {
            let speck = x % 40 >= 20 && x % 40 < 22 && y % 40 >= 20 && y % 40 < 22;
            let mark = (150..150 + width).contains(&x) && (120..120 + height).contains(&y);
            if speck || mark { 0.3 } else { 0.9 }
        });
        let analysis = analyse(lum, Source::Photo).expect("the specks are ink");
        analysis.lines.iter().flatten().map(|g| g.bounds).collect()
    }

    #[test]
    fn a_photo_of_specks_and_a_hairline_stub_has_no_digits_but_a_written_1_is_read() {
        // What is left of a faint rule down a squared page: a stub a pixel wide and 10 tall among the specks.
        assert_eq!(specks_and_an_upright_mark(1, 10), []);
        // A 1 written as small with a pen 2 pixels wide, or a hairline 1 twice as tall, is read.
        assert_eq!(specks_and_an_upright_mark(2, 10).len(), 1);
        assert_eq!(specks_and_an_upright_mark(1, 20).len(), 1);
    }
}
