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

/// A 140×140 canvas with two posts 60 tall, 40 pixels apart (columns 30–35 and 76–81), joined by a bar along
/// their feet, and a hook of the right post reaching back over the gap at mid height (columns 50–79, rows
/// 66–71): a straight cut at column 56 gives the hook's end to the left post.
pub fn hooked_posts() -> InkMap {
    let mut ink = InkMap::new(140, 140);
    for y in 40..100 {
        for x in 30..82 {
            let post = (30..36).contains(&x) || (76..82).contains(&x);
            let bar = x < 80 && y >= 94;
            let hook = (50..80).contains(&x) && (66..72).contains(&y);
            if post || bar || hook {
                ink.values[y * 140 + x] = 1.0;
            }
        }
    }
    ink
}

/// A fixed sequence of pseudo-random draws (xorshift), for tests that need many unlike inputs.
pub struct Draws(u64);

impl Draws {
    pub fn new(seed: u64) -> Self {
        Draws(seed.max(1))
    }

    /// The next draw in `0..below`.
    pub fn below(&mut self, below: usize) -> usize {
        (self.next() % below as u64) as usize
    }

    /// The next draw in 0..1.
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
