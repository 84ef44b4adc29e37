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
    let longest = pieces.iter().map(|p| p.bounds.width.max(p.bounds.height)).max().unwrap_or(0);
    let smallest_kept = ((longest as f32 * SPECK_FRACTION).ceil() as usize).max(2);
    pieces.retain(|p| p.bounds.width.max(p.bounds.height) >= smallest_kept.min(longest) && p.area >= 2.min(longest));
    Components { labels, pieces }
}
