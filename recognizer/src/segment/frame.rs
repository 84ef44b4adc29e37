//! A form's printed box: a rectangle of thin lines round a digit. Where the digit touches a line, the box and
//! the digit are one piece of ink. The rule finder leaves such a box alone (its sides are no taller than
//! the digit), and the whole piece reads as no digit at all ("1" Unsure the size of the box). A piece whose
//! bounding box is lined on all four sides is a frame: those lines are peeled off, and the digit is left.
//! A picture cropped at the box's lines has the frame along its border, where it must not be taken for the
//! paper ([`border_frame_depth`]).

use super::components::label_components;
use super::lighting::light_share;
use super::InkMask;
use crate::preprocess::{Bounds, InkMap};

/// A side of a piece's box is a line when ink of that piece covers at least this share of its length.
const LINED: f32 = 0.85;
/// A frame's line is thinner than this fraction of the box's shorter side: a piece whose sides are lined
/// deeper than that is a solid blot, not a frame.
const THICKEST_LINE: f32 = 0.1;
/// Pieces smaller than this (shorter side, pixels) are never frames.
const SMALLEST_FRAME: usize = 16;

/// Ink this share of the faintest ink kept, or darker, still joins the pieces frames are looked for in: a box's
/// thin line drawn half a pixel off comes out as two grey rows that the threshold drops, which broke the box
/// into an L and a lone side read as a 1.
const FAINT_SIDE: f32 = 0.5;

/// Clears the lines of every frame in the mask (see the module's documentation), grey pixels of those lines
/// included; whether it found any. Frames are looked for among pieces of the ink down to [`FAINT_SIDE`] of the
/// faintest ink the mask keeps.
pub fn remove_frames(mask: &mut InkMask) -> bool {
    let faintest_kept = mask.ink.values.iter().zip(&mask.is_ink).filter(|&(_, &kept)| kept).map(|(&v, _)| v).fold(1.0, f32::min);
    // Labelled with the faint pixels in, then the mask's own pixels back: no copy of the ink map.
    let faint = mask.ink.values.iter().map(|&v| v >= FAINT_SIDE * faintest_kept).collect();
    let kept = std::mem::replace(&mut mask.is_ink, faint);
    let components = label_components(mask);
    mask.is_ink = kept;
    let width = mask.width();
    let mut found = false;
    for piece in components.pieces.iter().filter(|p| p.bounds.width.min(p.bounds.height) >= SMALLEST_FRAME) {
        let of_piece = |x: usize, y: usize| components.labels[y * width + x] == piece.label;
        let b = piece.bounds;
        let at_edge = [b.y == 0, b.y + b.height == mask.height(), b.x == 0, b.x + b.width == width];
        let Some(bands) = frame_lines(b, at_edge, of_piece) else { continue };
        for (x, y) in bands.pixels(piece.bounds).filter(|&(x, y)| of_piece(x, y)) {
            mask.is_ink[y * width + x] = false;
            mask.ink.values[y * width + x] = 0.0;
        }
        found = true;
    }
    found
}

/// How deep a box's frame runs along the picture's border (`level` is the picture's Otsu threshold): the
/// outermost rows or columns of a side are its line when at least [`LINED`] of them is darker than `level`
/// and the row or column after them is paper (at least [`PAPER_INSIDE`] lighter). 0 unless three sides or
/// more are lined (a side's line may be cut away by the crop), or when the picture is too small for it.
pub fn border_frame_depth(lum: &InkMap, level: f32) -> usize {
    let (w, h) = (lum.width, lum.height);
    let deepest = ((BORDER_LINE_DEPTH * w.min(h) as f32) as usize).max(2);
    if 2 * deepest + 2 >= w.min(h) {
        return 0;
    }
    let row = |y: usize| light_share(lum, level, (0..w).map(move |x| (x, y)));
    let column = |x: usize| light_share(lum, level, (0..h).map(move |y| (x, y)));
    let depth = |share: &dyn Fn(usize) -> f32, at: &dyn Fn(usize) -> usize| {
        let k = (0..deepest).take_while(|&d| share(at(d)) <= 1.0 - LINED).count();
        if k > 0 && k < deepest && share(at(k)) >= PAPER_INSIDE { k } else { 0 }
    };
    let [top, bottom, left, right] =
        [depth(&row, &|d| d), depth(&row, &|d| h - 1 - d), depth(&column, &|d| d), depth(&column, &|d| w - 1 - d)];
    // Two lines of a frame meet in a dark corner; a 0 or a 6 touching two sides leaves the corner light.
    let corner_dark = |across: usize, down: usize, right_side: bool, bottom_side: bool| {
        let xs = if right_side { w - across..w } else { 0..across };
        let ys = if bottom_side { h - down..h } else { 0..down };
        let cells = ys.flat_map(|y| xs.clone().map(move |x| (x, y)));
        across == 0 || down == 0 || light_share(lum, level, cells) < 0.5
    };
    let corners = [(left, top, false, false), (right, top, true, false), (left, bottom, false, true), (right, bottom, true, true)];
    let lined = [top, bottom, left, right].iter().filter(|&&d| d > 0).count();
    let framed = lined >= 3 && corners.iter().all(|&(across, down, r, b)| corner_dark(across, down, r, b));
    if framed { top.max(bottom).max(left).max(right) } else { 0 }
}

/// How far in from the picture's border a box's line may run, as a fraction of the shorter side: a form
/// box's line is up to 3.5 % of the box.
const BORDER_LINE_DEPTH: f32 = 0.05;
/// The share of the row or column inside a border line that must be light: paper, crossed by the digit.
const PAPER_INSIDE: f32 = 0.5;

/// How deep each side's line runs into the box: top, bottom, left, right.
struct Lines([usize; 4]);

impl Lines {
    /// The pixels of the four lines.
    fn pixels(&self, b: Bounds) -> impl Iterator<Item = (usize, usize)> {
        let [top, bottom, left, right] = self.0;
        (b.y..b.y + b.height).flat_map(move |y| (b.x..b.x + b.width).map(move |x| (x, y))).filter(move |&(x, y)| {
            y < b.y + top || y >= b.y + b.height - bottom || x < b.x + left || x >= b.x + b.width - right
        })
    }
}

/// The lines of a frame round `b`, if all four of its sides are lined (or three, the fourth at the picture's
/// edge `at_edge`, top, bottom, left, right, where the crop may have cut its line away) and none deeper than a
/// line is thick.
fn frame_lines(b: Bounds, at_edge: [bool; 4], of_piece: impl Fn(usize, usize) -> bool) -> Option<Lines> {
    let deepest = ((THICKEST_LINE * b.width.min(b.height) as f32).ceil() as usize).max(1);
    let row_lined = |y: usize| (b.x..b.x + b.width).filter(|&x| of_piece(x, y)).count() as f32 >= LINED * b.width as f32;
    let column_lined = |x: usize| (b.y..b.y + b.height).filter(|&y| of_piece(x, y)).count() as f32 >= LINED * b.height as f32;
    let depth = |lined: &dyn Fn(usize) -> bool, from_start: bool, start: usize, length: usize| {
        (0..deepest).take_while(|&d| lined(if from_start { start + d } else { start + length - 1 - d })).count()
    };
    let top = depth(&row_lined, true, b.y, b.height);
    let bottom = depth(&row_lined, false, b.y, b.height);
    let left = depth(&column_lined, true, b.x, b.width);
    let right = depth(&column_lined, false, b.x, b.width);
    let sides = [top, bottom, left, right];
    let thin = sides.iter().all(|&d| d < deepest);
    let unlined = sides.iter().zip(at_edge).filter(|&(&d, _)| d == 0).map(|(_, edge)| edge).collect::<Vec<_>>();
    let cut_away = unlined.is_empty() || unlined == [true];
    (thin && cut_away).then_some(Lines(sides))
}

#[cfg(test)]
mod tests {
    use super::super::components::label_components;
    use super::*;
    use crate::preprocess::InkMap;

    fn mask_of(width: usize, height: usize, ink: impl Fn(usize, usize) -> bool) -> InkMask {
        let map = InkMap::from_fn(width, height, |x, y| if ink(x, y) { 1.0 } else { 0.0 });
        let is_ink = map.values.iter().map(|&v| v > 0.5).collect();
        InkMask { ink: map, is_ink }
    }

    /// A box 3 px thick round a 0 whose ring touches the box's top and bottom lines; its left line cut away
    /// by the crop when `left_line` is false.
    fn zero_touching_its_box(x: usize, y: usize, left_line: bool) -> bool {
        let frame = (left_line && x < 3) || y < 3 || x >= 57 || y >= 77;
        let (dx, dy) = ((x as f32 - 30.0) / 16.0, (y as f32 - 40.0) / 38.0);
        let ring = (0.8..1.05).contains(&(dx * dx + dy * dy).sqrt());
        frame || ring
    }

    #[test]
    fn a_box_touched_by_its_digit_is_peeled_off_and_the_digit_stays() {
        for left_line in [true, false] {
            let mut mask = mask_of(60, 80, |x, y| zero_touching_its_box(x, y, left_line));
            assert!(remove_frames(&mut mask), "no frame found (left line: {left_line})");
            let inked = |x: usize, y: usize| mask.is_ink[y * 60 + x];
            assert!(!inked(1, 40) && !inked(58, 40) && !inked(20, 1) && !inked(20, 78), "the box's lines are left");
            assert!(inked(14, 40) && inked(46, 40), "the 0's sides are gone");
            let pieces = label_components(&mask).pieces;
            assert_eq!(pieces.len(), 1, "the 0 is one piece");
            assert!(pieces[0].bounds.height >= 70, "the 0 lost its height: {:?}", pieces[0].bounds);
        }
    }

    #[test]
    fn a_box_whose_top_and_left_lines_came_out_faint_is_still_a_frame() {
        // A 1 in a box 60×60 px; the box's top and left lines grey (0.55), under the threshold (0.9) that kept
        // the 1 and the dark right and bottom lines: thresholded, the box is an L and a lone line.
        let (w, h) = (60, 60);
        let faint_line = |x: usize, y: usize| y < 2 || x < 2;
        let dark = |x: usize, y: usize| x >= 58 || y >= 58 || ((29..32).contains(&x) && (12..48).contains(&y));
        let ink = InkMap::from_fn(w, h, |x, y| if dark(x, y) { 1.0 } else if faint_line(x, y) { 0.55 } else { 0.0 });
        let is_ink = ink.values.iter().map(|&v| v > 0.9).collect();
        let mut mask = InkMask { ink, is_ink };
        assert!(remove_frames(&mut mask), "no frame found");
        let pieces = label_components(&mask).pieces;
        assert_eq!(pieces.len(), 1, "the box's dark lines are left: {pieces:?}");
        assert_eq!((pieces[0].bounds.x, pieces[0].bounds.height), (29, 36), "the 1 is what is left");
    }

    #[test]
    fn a_digit_or_a_blot_is_no_frame() {
        let zero = |x: usize, y: usize| {
            let (dx, dy) = ((x as f32 - 30.0) / 25.0, (y as f32 - 40.0) / 38.0);
            (0.75..1.0).contains(&(dx * dx + dy * dy).sqrt())
        };
        let blot = |x: usize, y: usize| (5..55).contains(&x) && (5..75).contains(&y);
        let seven = |x: usize, y: usize| y < 8 || (x as f32 - (52.0 - 0.4 * y as f32)).abs() < 4.0;
        for (name, shape) in [("a 0", &zero as &dyn Fn(usize, usize) -> bool), ("a blot", &blot), ("a 7", &seven)] {
            let mut mask = mask_of(60, 80, shape);
            let before = mask.is_ink.clone();
            assert!(!remove_frames(&mut mask), "{name} was taken for a frame");
            assert_eq!(mask.is_ink, before, "{name} lost ink");
        }
    }

    /// A form's box cropped at its lines, the left one cut away by the crop, round a bold 0 touching the top
    /// and bottom lines: the picture is one digit filling its frame, and its paper is inside the lines, not
    /// the dark class along the border (which made the paper ink and the whole box a "1" Unsure).
    #[test]
    fn a_box_cropped_at_its_lines_has_its_paper_inside_them() {
        let photo = InkMap::from_fn(60, 80, |x, y| {
            let line = !(2..78).contains(&y) || x >= 58;
            let (dx, dy) = ((x as f32 - 29.0) / 20.0, (y as f32 - 40.0) / 39.0);
            let ring = (0.75..1.02).contains(&(dx * dx + dy * dy).sqrt());
            if ring { 0.1 } else if line { 0.2 } else { 0.9 }
        });
        let ink = crate::segment::photo_ink(&photo);
        assert!(ink.at(29, 40) < 0.2, "the paper inside the 0: {}", ink.at(29, 40));
        assert!(ink.at(4, 40) < 0.2, "the paper beside the 0: {}", ink.at(4, 40));
        assert!(ink.at(11, 40) > 0.5, "the 0's side: {}", ink.at(11, 40));
    }
}
