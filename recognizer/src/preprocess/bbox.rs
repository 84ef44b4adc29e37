//! The extent of the ink.

use super::InkMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// The smallest rectangle holding every pixel with ink ≥ `threshold`; `None` when there is none.
pub fn ink_bounds(ink: &InkMap, threshold: f32) -> Option<Bounds> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..ink.height {
        for x in 0..ink.width {
            if ink.at(x, y) >= threshold {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
    }
    (x0 != usize::MAX).then(|| Bounds { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_of_two_dots() {
        let mut ink = InkMap::new(10, 8);
        ink.values[2 * 10 + 3] = 1.0;
        ink.values[6 * 10 + 7] = 0.5;
        ink.values[7 * 10 + 9] = 0.1; // below threshold
        assert_eq!(ink_bounds(&ink, 0.2), Some(Bounds { x: 3, y: 2, width: 5, height: 5 }));
        assert_eq!(ink_bounds(&InkMap::new(4, 4), 0.2), None);
    }
}
