//! A sheet of paper photographed on a darker surface (a note on a desk). The local paper estimate follows the
//! desk, so the sheet's edges come out as thin lines of "ink" along it and the desk's corners as blocks, read
//! as 1s and stray digits. The sheet is the largest light region, nearly filling the narrowest rectangle around
//! it, turned any way (less what lies beyond the photo's edges, where the sheet runs off it), with a dark desk on
//! at least two sides, with marks on it; only ink well inside it is kept. How far it is turned is how far the
//! writing on it is ([`super::upright`] turns it back).

use imageproc::geometry::min_area_rect;
use imageproc::point::Point;

use super::components::{label_components, reached_from_border};
use super::lighting::median;
use super::InkMask;
use crate::preprocess::InkMap;

/// The sheet covers at least this share of the picture ...
const SMALLEST_SHEET: f32 = 0.15;
/// ... fills at least this share of the narrowest rectangle around it, turned any way, holes (the digits on it)
/// included: a sheet is a quadrilateral, even one seen at a slant or photographed turned (notes fill 0.90 and
/// more of theirs, of the part the photo shows where they run off it), a light digit on a dark ground is not (an
/// ellipse fills π/4 of it, bold light 0s and 8s 0.82 at most). Its upright box is no measure: a note turned 20°
/// fills 0.6 of it ...
const QUADRILATERAL: f32 = 0.86;
/// ... and touches at most this many of the picture's edges: a photo of a page whose one side is in shadow
/// has its lit part touch three or four.
const MOST_EDGES_TOUCHED: usize = 2;
/// The desk around it is at least this share of the picture ...
const LEAST_DESK: f32 = 0.05;
/// ... and at least this share of it is dark.
const DARK_DESK: f32 = 0.8;
/// The sheet's median brightness is at least this much above the desk's.
const DESK_CONTRAST: f32 = 0.25;
/// Ink closer than this fraction of the shorter side (at least 2 pixels) to the sheet's edge is its edge.
const EDGE_BAND: f32 = 0.015;

/// Marks enclosed by the sheet's paper, as a share of its area, that make it a note rather than the paper
/// beside a digit in a tight crop (where the digit's strokes play the desk) or the lit corner of a page (the
/// digit in the shade beside it).
const LEAST_INK_ON_SHEET: f32 = 0.001;

/// The part of a photo well inside a sheet of light paper lying on a darker desk.
pub struct Sheet {
    inside: Vec<bool>,
    turn: f32,
}

impl Sheet {
    /// The sheet of light paper in `lum` (dark ink on light paper, `level` its Otsu threshold); `None` when
    /// the picture is no sheet on a desk or nothing is written on it (see [`LEAST_INK_ON_SHEET`]).
    pub fn find(lum: &InkMap, level: f32) -> Option<Sheet> {
        let (w, h) = (lum.width, lum.height);
        let light: Vec<bool> = lum.values.iter().map(|&v| v > level).collect();
        let mask = InkMask { ink: InkMap::new(w, h), is_ink: light };
        let components = label_components(&mask);
        let sheet = components.pieces.iter().max_by_key(|p| p.area)?;
        let b = sheet.bounds;
        if (sheet.area as f32) < SMALLEST_SHEET * (w * h) as f32 {
            return None;
        }
        let edges = [b.x == 0, b.y == 0, b.x + b.width == w, b.y + b.height == h];
        let touched = edges.iter().filter(|&&t| t).count();
        if touched > MOST_EDGES_TOUCHED {
            return None;
        }
        // The sheet with its holes: whatever the outside cannot reach without crossing the sheet.
        let on_sheet: Vec<bool> = components.labels.iter().map(|&l| l == sheet.label).collect();
        let outside = reached_from_border(w, h, |n| !on_sheet[n]);
        let filled = outside.iter().filter(|&&o| !o).count();
        let holds_ink = (filled - sheet.area) as f32 >= LEAST_INK_ON_SHEET * sheet.area as f32;
        // A note running off the photo is cut by the edges it reaches; one reaching two opposite edges spans
        // the picture, as a tight crop's digit does, and is measured whole.
        let cut_by = if (edges[0] && edges[2]) || (edges[1] && edges[3]) { [false; 4] } else { edges };
        let (box_area, turn) = narrowest_box(&outside, w, cut_by);
        if !holds_ink || (filled as f32) < QUADRILATERAL * box_area {
            return None;
        }
        // Around the sheet is a desk, dark and more than a line's width: not the paper beyond a printed box.
        let (desk, dark_desk) = outside.iter().zip(&mask.is_ink).filter(|(&o, _)| o).fold((0, 0), |(all, dark), (_, &light)| (all + 1, dark + !light as usize));
        if (desk as f32) < LEAST_DESK * (w * h) as f32 || (dark_desk as f32) < DARK_DESK * desk as f32 {
            return None;
        }
        // And far darker than the sheet: the shaded side of a page lit from one side is only a little darker.
        let mut desk_values: Vec<f32> = lum.values.iter().zip(&outside).filter(|(_, &o)| o).map(|(&v, _)| v).collect();
        let mut sheet_values: Vec<f32> = lum.values.iter().zip(&on_sheet).filter(|(_, &s)| s).map(|(&v, _)| v).collect();
        if median(&mut sheet_values) - median(&mut desk_values) < DESK_CONTRAST {
            return None;
        }
        let band = (EDGE_BAND * w.min(h) as f32).max(2.0);
        let depth = depth_inside(&outside, w, h);
        Some(Sheet { inside: depth.into_iter().map(|d| d > band).collect(), turn })
    }

    /// How far the sheet is turned (radians, within ±45°, positive clockwise on screen): the writing on it is
    /// turned as far.
    pub fn turn(&self) -> f32 {
        self.turn
    }

    /// Clears the ink outside the sheet and along its edges.
    pub fn keep_inside(&self, ink: &mut InkMap) {
        ink.values.iter_mut().zip(&self.inside).filter(|(_, &inside)| !inside).for_each(|(v, _)| *v = 0.0);
    }
}

/// The area of the narrowest rectangle, turned any way, around the pixels that `outside` (rows `w` long)
/// leaves, counting each pixel as a unit square, less what lies beyond the picture's edges that cut the
/// sheet (`cut_by`: left, top, right, bottom), and how far it is turned (radians, within ±45°).
fn narrowest_box(outside: &[bool], w: usize, cut_by: [bool; 4]) -> (f32, f32) {
    // The hull of each row's two ends is the hull of the whole.
    let mut corners = Vec::new();
    for (y, row) in outside.chunks_exact(w).enumerate() {
        if let (Some(left), Some(right)) = (row.iter().position(|&o| !o), row.iter().rposition(|&o| !o)) {
            let (y, left, right) = (y as i32, left as i32, right as i32 + 1);
            corners.extend([(left, y), (left, y + 1), (right, y), (right, y + 1)].map(|(x, y)| Point::new(x, y)));
        }
    }
    if corners.is_empty() {
        return (0.0, 0.0);
    }
    let rect = min_area_rect(&corners);
    let clipped = within_edges(&rect.map(|p| (p.x as f32, p.y as f32)), w as f32, (outside.len() / w) as f32, cut_by);
    // The longer side gives the angle more surely: the corners are whole pixels.
    let side = |a: Point<i32>, b: Point<i32>| ((b.x - a.x) as f32, (b.y - a.y) as f32);
    let (first, second) = (side(rect[0], rect[1]), side(rect[1], rect[2]));
    let (dx, dy) = if first.0.hypot(first.1) >= second.0.hypot(second.1) { first } else { second };
    (polygon_area(&clipped), fold_quarter_turns(dy.atan2(dx)))
}

/// The part of a convex polygon inside the picture's (`w` × `h`) edges named in `cut_by` (left, top, right,
/// bottom): a sheet cut by the photo's edge fills the part of its rectangle that the photo shows
/// (Sutherland–Hodgman clipping).
fn within_edges(polygon: &[(f32, f32)], w: f32, h: f32, cut_by: [bool; 4]) -> Vec<(f32, f32)> {
    // Each edge of the picture as (axis, bound, keep below the bound).
    let edges = [(0, 0.0, false), (1, 0.0, false), (0, w, true), (1, h, true)];
    edges.iter().zip(cut_by).filter(|(_, cut)| *cut).fold(polygon.to_vec(), |points, (&(axis, bound, below), _)| {
        let coord = |p: (f32, f32)| if axis == 0 { p.0 } else { p.1 };
        let inside = |p: (f32, f32)| if below { coord(p) <= bound } else { coord(p) >= bound };
        let mut kept = Vec::with_capacity(points.len() + 1);
        for (i, &p) in points.iter().enumerate() {
            let q = points[(i + 1) % points.len()];
            if inside(p) {
                kept.push(p);
            }
            if inside(p) != inside(q) {
                let t = (bound - coord(p)) / (coord(q) - coord(p));
                kept.push((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)));
            }
        }
        kept
    })
}

/// The area of a simple polygon (shoelace formula).
fn polygon_area(polygon: &[(f32, f32)]) -> f32 {
    let n = polygon.len();
    (0..n).map(|i| polygon[i].0 * polygon[(i + 1) % n].1 - polygon[(i + 1) % n].0 * polygon[i].1).sum::<f32>().abs() / 2.0
}

/// The angle, turned by quarter turns into (−45°, 45°]: a rectangle's sides lie every quarter turn.
fn fold_quarter_turns(angle: f32) -> f32 {
    use std::f32::consts::FRAC_PI_2;
    let folded = angle.rem_euclid(FRAC_PI_2);
    if folded > FRAC_PI_2 / 2.0 { folded - FRAC_PI_2 } else { folded }
}

/// Chessboard distance of each pixel to the nearest outside pixel (the picture's edge does not count).
fn depth_inside(outside: &[bool], w: usize, h: usize) -> Vec<f32> {
    let far = (w + h) as f32;
    let mut d: Vec<f32> = outside.iter().map(|&o| if o { 0.0 } else { far }).collect();
    let at = |d: &[f32], x: isize, y: isize| if x < 0 || y < 0 || x >= w as isize || y >= h as isize { far } else { d[y as usize * w + x as usize] };
    for y in 0..h as isize {
        for x in 0..w as isize {
            let i = y as usize * w + x as usize;
            let near = at(&d, x - 1, y).min(at(&d, x, y - 1)).min(at(&d, x - 1, y - 1)).min(at(&d, x + 1, y - 1));
            d[i] = d[i].min(near + 1.0);
        }
    }
    for y in (0..h as isize).rev() {
        for x in (0..w as isize).rev() {
            let i = y as usize * w + x as usize;
            let near = at(&d, x + 1, y).min(at(&d, x, y + 1)).min(at(&d, x + 1, y + 1)).min(at(&d, x - 1, y + 1));
            d[i] = d[i].min(near + 1.0);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::lighting::{otsu_level_of, photo_ink};
    use super::Sheet;
    use crate::preprocess::resize::bilinear_upsample;
    use crate::preprocess::InkMap;

    /// A 200 × 160 photo: a sheet at 0.9 from (30, 25) to (170, 135) on a desk at 0.3, a stroke on it.
    fn note_on_desk() -> InkMap {
        InkMap::from_fn(200, 160, |x, y| {
            let sheet = (30..170).contains(&x) && (25..135).contains(&y);
            let stroke = (98..103).contains(&x) && (50..110).contains(&y);
            if !sheet { 0.3 } else if stroke { 0.15 } else { 0.9 }
        })
    }

    #[test]
    fn a_note_on_a_desk_has_no_ink_along_its_edges() {
        let ink = photo_ink(&note_on_desk());
        assert!(ink.at(100, 80) > 0.5, "the stroke: {}", ink.at(100, 80));
        let strongest_off_stroke = (0..160)
            .flat_map(|y| (0..200).map(move |x| (x, y)))
            .filter(|&(x, _)| !(94..107).contains(&x))
            .map(|(x, y)| ink.at(x, y))
            .fold(0.0f32, f32::max);
        assert!(strongest_off_stroke < 0.2, "ink beside the stroke (the sheet's edges): {strongest_off_stroke}");
    }

    /// A sticky note written with a thin, faint pen, on a desk darker than the pen that is most of the
    /// picture: along the note's edges the paper strays further from the local median than the pen does, so
    /// the polarity test alone read the note as light ink on a dark ground (a "1?" the size of the note).
    #[test]
    fn a_note_on_a_desk_darker_than_its_ink_is_dark_ink_on_its_paper() {
        let photo = InkMap::from_fn(300, 300, |x, y| {
            let sheet = (80..230).contains(&x) && (60..220).contains(&y);
            let stroke = (149..151).contains(&x) && (100..180).contains(&y);
            // Both lit a little unevenly, as in a photo.
            let (desk, paper) = (0.1 + 0.2 * x as f32 / 300.0, 0.85 + 0.1 * y as f32 / 300.0);
            if !sheet { desk } else if stroke { 0.45 } else { paper }
        });
        let ink = photo_ink(&photo);
        assert!(ink.at(150, 140) > 0.3, "the stroke: {}", ink.at(150, 140));
        for (x, y) in [(110, 140), (200, 90), (20, 20), (270, 280)] {
            assert!(ink.at(x, y) < 0.2, "ink on the paper or the desk at ({x}, {y}): {}", ink.at(x, y));
        }
    }

    /// A bold light 0 on a dark ground: its ring (strokes 0.4 of its radius) fills π/4 of its box, hole and all,
    /// as a note turned a little does, and the hole was taken for what is written on the note.
    #[test]
    fn a_bold_light_ring_on_a_dark_ground_is_no_sheet() {
        let ring = InkMap::from_fn(180, 180, |x, y| {
            let (dx, dy) = ((x as f32 - 90.0) / 55.0, (y as f32 - 90.0) / 75.0);
            if (0.6..1.0).contains(&(dx * dx + dy * dy).sqrt()) { 0.95 } else { 0.05 }
        });
        assert!(Sheet::find(&ring, 0.5).is_none());
    }

    /// A 240 × 200 photo of a 160 × 120 note turned `degrees` (clockwise on screen) about `centre` on a desk, a
    /// stroke written on it.
    fn turned_note(degrees: f32, centre: (f32, f32)) -> InkMap {
        let (sin, cos) = degrees.to_radians().sin_cos();
        InkMap::from_fn(240, 200, |x, y| {
            let (dx, dy) = (x as f32 - centre.0, y as f32 - centre.1);
            let (u, v) = (dx * cos + dy * sin, -dx * sin + dy * cos);
            let on_note = u.abs() < 80.0 && v.abs() < 60.0;
            let stroke = u.abs() < 2.0 && v.abs() < 35.0;
            if !on_note { 0.2 } else if stroke { 0.1 } else { 0.9 }
        })
    }

    /// A bold light 0 leaning right, cropped tight (a crop of the suite's, 34 × 42): it touches both sides of the
    /// crop, and its narrowest rectangle, turned 45°, sticks out past them, so that the ring fills 0.86 of what
    /// the crop shows of that. A shape spanning the picture is measured whole: it fills 0.77 of its rectangle.
    #[test]
    fn a_bold_light_zero_spanning_a_tight_crop_is_no_sheet() {
        let png = include_bytes!("testdata/light-zero-spanning-crop.png");
        let grey = image::load_from_memory(png).unwrap().to_luma8();
        let crop = InkMap::from_fn(34, 42, |x, y| grey.get_pixel(x as u32, y as u32).0[0] as f32 / 255.0);
        // Enlarged three times, as a crop this small is for analysis.
        let enlarged = bilinear_upsample(&crop, 102, 126);
        assert!(Sheet::find(&enlarged, otsu_level_of(&enlarged)).is_none());
    }

    /// A note photographed turned 20°: it fills 0.6 of its upright box, far less than a ring does, but all of
    /// its own turned rectangle, whose angle is the writing's.
    #[test]
    fn a_note_turned_on_a_desk_is_a_sheet() {
        for degrees in [-20.0f32, 20.0] {
            let sheet = Sheet::find(&turned_note(degrees, (120.0, 100.0)), 0.5).expect("a sheet");
            assert!((sheet.turn().to_degrees() - degrees).abs() < 1.5, "turned {degrees}°, found {}°", sheet.turn().to_degrees());
        }
    }

    /// The same note running off the photo's top left corner, as a phone held close frames it: what the photo
    /// shows of it fills 0.82 of the narrowest rectangle round that, whose corners lie beyond the photo, and all
    /// of the part of that rectangle that the photo shows.
    #[test]
    fn a_turned_note_cut_by_the_photos_edges_is_a_sheet() {
        let sheet = Sheet::find(&turned_note(20.0, (80.0, 40.0)), 0.5).expect("a sheet");
        assert!((sheet.turn().to_degrees() - 20.0).abs() < 1.5, "found {}°", sheet.turn().to_degrees());
    }

    #[test]
    fn a_digit_in_the_shaded_part_of_a_page_is_kept() {
        // The lit corner of a page looks like a note on a darker desk, but nothing is written on it: the digit
        // is in the shade.
        let photo = InkMap::from_fn(200, 130, |x, y| {
            let lit = x < 110 && y < 70;
            let stroke = (148..153).contains(&x) && (70..115).contains(&y);
            if stroke { 0.05 } else if lit { 0.9 } else { 0.45 }
        });
        let ink = photo_ink(&photo);
        assert!(ink.at(150, 90) > 0.5, "the stroke: {}", ink.at(150, 90));
    }

    /// A tight crop of a bold 7: the paper in its angle is a large light region with dark strokes on two
    /// sides, but nothing is written on it, so it is no note, and the 7 stays the ink.
    #[test]
    fn the_paper_beside_a_digit_in_a_tight_crop_is_no_note() {
        let photo = InkMap::from_fn(60, 80, |x, y| {
            let bar = y < 16;
            let stem = (x as f32 - (60.0 - 0.35 * y as f32)).abs() < 9.0;
            if bar || stem { 0.1 } else { 0.85 }
        });
        let ink = photo_ink(&photo);
        assert!(ink.at(30, 8) > 0.5, "the 7's bar: {}", ink.at(30, 8));
        assert!(ink.at(15, 50) < 0.2, "the paper in the 7's angle: {}", ink.at(15, 50));
    }
}
