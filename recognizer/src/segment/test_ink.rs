//! Ink for the segmentation tests.

use crate::preprocess::InkMap;

/// A 140×140 canvas (ink 0..1) with `rings` rings `wide` pixels wide and `tall` pixels tall side by side, sharing
/// their walls: one blob, with a thinnest column inside each ring for a cut.
pub fn ladder(rings: usize, wide: usize, tall: usize) -> InkMap {
    let mut ink = InkMap::new(140, 140);
    let (left, top, pen) = (5, 45, 6);
    for y in top..top + tall {
        for x in left..left + rings * wide {
            let wall = (x - left) % wide < pen || x >= left + rings * wide - pen;
            // Thinnest midway between the walls, where a writer's pen would join two digits.
            let thick = if ((x - left) % wide).abs_diff((wide + pen) / 2) < 2 { pen / 2 } else { pen };
            let rail = y < top + thick || y >= top + tall - thick;
            if wall || rail {
                ink.values[y * 140 + x] = 1.0;
            }
        }
    }
    ink
}
