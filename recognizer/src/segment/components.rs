//! Connected pieces of ink (8-connected), with their boxes and sizes.

use image::{GrayImage, Luma};
use imageproc::region_labelling::{connected_components, Connectivity};

use super::InkMask;
use crate::preprocess::Bounds;

/// One connected piece of ink.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Its label in the label image (1-based).
    pub label: u32,
    pub bounds: Bounds,
    /// Ink pixels.
    pub area: usize,
}

/// Labels and the pieces they name, specks removed.
#[derive(Debug, Clone)]
pub struct Components {
    pub labels: Vec<u32>,
    pub pieces: Vec<Component>,
}

/// Pieces whose longer side is under this fraction of the largest piece's are specks (dust, noise, JPEG
/// artefacts), unless they are the only ink there is.
const SPECK_FRACTION: f32 = 0.12;
/// A piece is judged as large as its longer side, but at most this many times the side of a square holding its
/// ink: what is left of a tilted rule is long for the little ink it has, and must not make digits specks.
const LONGEST_FOR_ITS_INK: f32 = 3.0;

/// How large a piece is when judging what is a speck beside it (see [`LONGEST_FOR_ITS_INK`]).
fn size_for_specks(piece: &Component) -> usize {
    let longer = piece.bounds.width.max(piece.bounds.height);
    longer.min((LONGEST_FOR_ITS_INK * (piece.area as f32).sqrt()).ceil() as usize)
}

/// Flood-fills a `width`-wide picture from `starts` through 4-neighbours that `passable` allows, marking each
/// pixel reached in `reached` (those already marked are not entered) and handing it to `visit`.
pub fn flood_fill(
    width: usize,
    starts: impl IntoIterator<Item = usize>,
    passable: impl Fn(usize) -> bool,
    reached: &mut [bool],
    mut visit: impl FnMut(usize),
) {
    let height = reached.len() / width.max(1);
    let mut next: Vec<usize> = starts.into_iter().filter(|&i| !reached[i]).collect();
    next.iter().for_each(|&i| reached[i] = true);
    while let Some(i) = next.pop() {
        visit(i);
        let (x, y) = (i % width, i / width);
        let neighbours = [(x > 0).then(|| i - 1), (x + 1 < width).then(|| i + 1), (y > 0).then(|| i - width), (y + 1 < height).then(|| i + width)];
        for n in neighbours.into_iter().flatten() {
            if !reached[n] && passable(n) {
                reached[n] = true;
                next.push(n);
            }
        }
    }
}

/// The pixels of a `width` × `height` picture reached from its border through those `passable` allows: what
/// lies outside a shape, as against what it encloses.
pub fn reached_from_border(width: usize, height: usize, passable: impl Fn(usize) -> bool) -> Vec<bool> {
    let border = (0..width).flat_map(|x| [x, (height - 1) * width + x]).chain((0..height).flat_map(|y| [y * width, y * width + width - 1]));
    let starts: Vec<usize> = border.filter(|&i| passable(i)).collect();
    let mut reached = vec![false; width * height];
    flood_fill(width, starts, passable, &mut reached, |_| {});
    reached
}

pub fn label_components(mask: &InkMask) -> Components {
    let (w, h) = (mask.width(), mask.height());
    let binary = GrayImage::from_fn(w as u32, h as u32, |x, y| Luma([mask.is_ink[y as usize * w + x as usize] as u8]));
    // imageproc 0.27 panics on a 1-pixel picture of ink (its forest has one label too few): label it here.
    let labels: Vec<u32> = if w * h == 1 {
        vec![u32::from(mask.is_ink[0])]
    } else {
        connected_components(&binary, Connectivity::Eight, Luma([0u8])).pixels().map(|p| p[0]).collect()
    };
    let count = labels.iter().copied().max().unwrap_or(0) as usize;
    let mut boxes = vec![(usize::MAX, usize::MAX, 0usize, 0usize, 0usize); count + 1];
    for (i, &label) in labels.iter().enumerate() {
        if label > 0 {
            let (x, y) = (i % w, i / w);
            let b = &mut boxes[label as usize];
            *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y), b.4 + 1);
        }
    }
    let mut pieces: Vec<Component> = boxes
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, b)| b.4 > 0)
        .map(|(label, &(x0, y0, x1, y1, area))| Component {
            label: label as u32,
            bounds: Bounds { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 },
            area,
        })
        .collect();
    let longest = pieces.iter().map(size_for_specks).max().unwrap_or(0);
    let smallest_kept = ((longest as f32 * SPECK_FRACTION).ceil() as usize).max(2);
    pieces.retain(|p| p.bounds.width.max(p.bounds.height) >= smallest_kept.min(longest) && p.area >= 2.min(longest));
    Components { labels, pieces }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::InkMap;

    #[test]
    fn what_is_left_of_a_long_tilted_rule_makes_no_digit_a_speck() {
        let (w, h) = (420, 160);
        let mut is_ink = vec![false; w * h];
        // A hairline rule 400 pixels long, rising 40 across the picture.
        for x in 10..410 {
            is_ink[(140 - (x - 10) / 10) * w + x] = true;
        }
        // A ring 30 wide and 40 tall (a 0), and a 3×3 speck.
        for y in 20..60 {
            for x in 100..130 {
                let edge = !(103..127).contains(&x) || !(23..57).contains(&y);
                is_ink[y * w + x] |= edge;
            }
        }
        for y in 10..13 {
            is_ink[y * w + 200..y * w + 203].fill(true);
        }
        let mask = InkMask { ink: InkMap::new(w, h), is_ink };
        let kept: Vec<(usize, usize)> = label_components(&mask).pieces.iter().map(|p| (p.bounds.x, p.bounds.y)).collect();
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(kept.contains(&(100, 20)), "the ring is a digit: {kept:?}");
        assert!(!kept.contains(&(200, 10)), "the speck is a speck: {kept:?}");
    }
}
