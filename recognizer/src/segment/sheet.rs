//! A sheet of paper photographed on a darker surface (a note on a desk). The local paper estimate follows the
//! desk, so the sheet's edges come out as thin lines of "ink" along it and the desk's corners as blocks, read
//! as 1s and stray digits. The sheet is the largest light region, nearly filling its box, with a dark desk on
//! at least two sides; only ink well inside it is kept.

use super::components::{flood_fill, label_components};
use super::lighting::median;
use super::InkMask;
use crate::preprocess::InkMap;

/// The sheet covers at least this share of the picture ...
const SMALLEST_SHEET: f32 = 0.15;
/// ... fills at least this share of its box, holes (the digits on it) included: a sheet is a quadrilateral,
/// a light digit on a dark ground is not ...
const SOLID: f32 = 0.75;
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

/// Clears the ink outside the sheet of light paper in `lum` (dark ink on light paper, `level` its Otsu
/// threshold) and along its edges; leaves `ink` as it is when the picture is no sheet on a desk.
pub fn keep_inside_sheet(lum: &InkMap, level: f32, ink: &mut InkMap) {
    if let Some(inside) = sheet_inside(lum, level) {
        ink.values.iter_mut().zip(inside).filter(|(_, inside)| !inside).for_each(|(v, _)| *v = 0.0);
    }
}

/// Which pixels lie well inside the sheet; `None` when there is no sheet on a desk.
fn sheet_inside(lum: &InkMap, level: f32) -> Option<Vec<bool>> {
    let (w, h) = (lum.width, lum.height);
    let light: Vec<bool> = lum.values.iter().map(|&v| v > level).collect();
    let mask = InkMask { ink: InkMap::new(w, h), is_ink: light };
    let components = label_components(&mask);
    let sheet = components.pieces.iter().max_by_key(|p| p.area)?;
    let b = sheet.bounds;
    if (sheet.area as f32) < SMALLEST_SHEET * (w * h) as f32 {
        return None;
    }
    let touched = [b.x == 0, b.y == 0, b.x + b.width == w, b.y + b.height == h].iter().filter(|&&t| t).count();
    if touched > MOST_EDGES_TOUCHED {
        return None;
    }
    // The sheet with its holes: whatever the outside cannot reach without crossing the sheet.
    let on_sheet: Vec<bool> = components.labels.iter().map(|&l| l == sheet.label).collect();
    let mut outside = vec![false; w * h];
    let border = (0..w).flat_map(|x| [x, (h - 1) * w + x]).chain((0..h).flat_map(|y| [y * w, y * w + w - 1]));
    let starts: Vec<usize> = border.filter(|&i| !on_sheet[i]).collect();
    flood_fill(w, starts, |n| !on_sheet[n], &mut outside, |_| {});
    let filled = outside.iter().filter(|&&o| !o).count();
    if (filled as f32) < SOLID * (b.width * b.height) as f32 {
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
    Some(depth.into_iter().map(|d| d > band).collect())
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
    use super::super::lighting::photo_ink;
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
}
