//! A thick 1 filling a narrow crop can be most of the picture and touch most of its border, so its paper is
//! taken for the ink and leaves only slivers along the edges, which are dropped. Where nothing else is found,
//! the picture is one digit in the other brightness class: the one that stands the crop's height as one stroke.

use super::components::{self, Components};
use super::grouping::Group;
use super::lighting::either_class_ink;
use super::{Found, InkMask};
use crate::preprocess::InkMap;

/// A digit filling a narrow crop stands at least this share of its height ...
const DIGIT_FILLING_CROP: f32 = 0.8;
/// ... and its holes (what the threshold leaves of a blur's texture) hold at most this share of its area.
const MOST_HOLES: f32 = 0.01;

/// What `find` makes of the picture with its dark class as the ink, or else its light class, where that is one
/// stroke standing the picture's height; `None` where neither is.
pub(super) fn one_stroke_in_either_class(lum: &InkMap, find: impl Fn(&InkMap) -> Option<Found>) -> Option<Found> {
    let stands = |found: &Found| {
        // A 1 is one piece of ink, and the paper lies round it along the border: enclosed paper is a hole, and a
        // 1 has none. Noise or a grid taken for ink is many pieces, or one riddled with holes.
        let tall = |g: &&Group| g.labels.len() == 1 && g.bounds.height as f32 >= DIGIT_FILLING_CROP * lum.height as f32;
        let largest = found.lines.iter().flatten().filter(tall).map(|g| area(g, &found.components)).max();
        largest.is_some_and(|area| holes(&found.mask) as f32 <= MOST_HOLES * area as f32)
    };
    either_class_ink(lum).filter_map(|ink| find(&ink)).find(stands)
}

/// How many pixels of paper the ink encloses.
fn holes(mask: &InkMask) -> usize {
    let paper = |i: usize| !mask.is_ink[i];
    let outside = components::reached_from_border(mask.width(), mask.height(), paper);
    (0..outside.len()).filter(|&i| paper(i) && !outside[i]).count()
}

/// A group's ink, in pixels.
fn area(group: &Group, components: &Components) -> usize {
    components.pieces.iter().filter(|p| group.labels.contains(&p.label)).map(|p| p.area).sum()
}
