//! Blots: a filled dark shape (a scribbled-over patch, a blot of ink) wider than the paper window of
//! [`super::lighting`] comes out hollow, since its middle is taken for dark paper, and its outline then reads as
//! a 0. "Paper" as dark as the ink, in an island that does not reach the picture's edge, is ink: a shadow is
//! lighter than ink, or falls across an edge of the picture.

use super::components::flood_fill;
use super::lighting::median;
use crate::preprocess::InkMap;

/// Paper estimated darker than this fraction of the way from the typical paper to the typical ink is ink.
const INK_DARK: f32 = 0.6;
/// Pixels at least this strong are the strokes whose brightness is the typical ink's.
const STROKE: f32 = 0.5;
/// Pictures whose paper and ink differ by less than this in brightness are left as they are.
const LEAST_CONTRAST: f32 = 0.2;

/// Adds to `ink` the blots whose middle `paper` (the paper brightness estimated at every pixel) took for dark
/// paper; `lum` is the picture as dark ink on light paper (0..1, white = 1), all three the same size.
pub fn fill_blots(lum: &InkMap, paper: &InkMap, ink: &mut InkMap) {
    let (w, h) = (ink.width, ink.height);
    let mut strokes: Vec<f32> = lum.values.iter().zip(&ink.values).filter(|(_, &i)| i >= STROKE).map(|(&l, _)| l).collect();
    if strokes.is_empty() {
        return;
    }
    let mut papers = paper.values.clone();
    let (ink_level, paper_level) = (median(&mut strokes), median(&mut papers));
    if paper_level - ink_level < LEAST_CONTRAST {
        return;
    }
    let dark_below = paper_level - INK_DARK * (paper_level - ink_level);
    let dark: Vec<bool> = paper.values.iter().map(|&p| p < dark_below).collect();
    let mut seen = vec![false; w * h];
    let mut island = Vec::new();
    for start in 0..w * h {
        if !dark[start] || seen[start] {
            continue;
        }
        // One island of dark paper, flood-filled; it counts only if it keeps off the picture's edges.
        island.clear();
        let mut at_edge = false;
        flood_fill(w, [start], |n| dark[n], &mut seen, |i| {
            island.push(i);
            let (x, y) = (i % w, i / w);
            at_edge |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
        });
        if at_edge {
            continue;
        }
        for &i in &island {
            let filled = ((paper_level - lum.values[i]) / (paper_level - ink_level)).clamp(0.0, 1.0);
            ink.values[i] = ink.values[i].max(filled);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lighting::photo_ink;
    use crate::preprocess::InkMap;

    /// Light paper with a filled dark ellipse of `rx`×`ry` at `(cx, cy)`, with flecks of `fleck_brightness` in
    /// it (paper showing through a scribbled-over patch, or glare on wet ink), and a short stroke beside it.
    fn paper_with_blot(w: usize, h: usize, (cx, cy): (f32, f32), (rx, ry): (f32, f32), fleck_brightness: f32) -> InkMap {
        InkMap::from_fn(w, h, |x, y| {
            let (dx, dy) = ((x as f32 - cx) / rx, (y as f32 - cy) / ry);
            let blot = dx * dx + dy * dy <= 1.0;
            let fleck = blot && x % 15 < 3 && y % 13 < 3;
            let stroke = (20..23).contains(&x) && (20..60).contains(&y);
            if fleck { fleck_brightness } else if blot || stroke { 0.1 } else { 0.85 }
        })
    }

    #[test]
    fn a_filled_blot_wider_than_the_paper_window_is_ink_all_through() {
        let lum = paper_with_blot(300, 240, (160.0, 130.0), (70.0, 45.0), 0.8);
        let ink = photo_ink(&lum);
        assert!(ink.at(160, 130) > 0.5, "the blot's middle reads as {}", ink.at(160, 130));
        assert!(ink.at(21, 40) > 0.8, "the stroke reads as {}", ink.at(21, 40));
        assert!(ink.at(280, 20) < 0.05, "the paper reads as {}", ink.at(280, 20));
    }

    #[test]
    fn a_glossy_blot_with_glare_brighter_than_the_paper_is_dark_ink() {
        // The glare in it strays further above the blot than the blot's edge below the paper: a local polarity
        // test alone takes the blot for a dark board and its glare and the paper around it for light ink.
        let lum = paper_with_blot(300, 240, (160.0, 130.0), (70.0, 45.0), 0.95);
        let ink = photo_ink(&lum);
        assert!(ink.at(160, 130) > 0.5, "the blot's middle reads as {}", ink.at(160, 130));
        assert!(ink.at(280, 20) < 0.05, "the paper reads as {}", ink.at(280, 20));
    }

    #[test]
    fn a_shadow_as_dark_as_ink_over_an_edge_of_the_picture_stays_paper() {
        // Paper 0.85 with its right quarter in a deep shadow (0.2), and two strokes of 0.1 on the light part.
        let lum = InkMap::from_fn(300, 200, |x, y| {
            let stroke = ((40..44).contains(&x) || (120..124).contains(&x)) && (60..140).contains(&y);
            if stroke { 0.1 } else if x >= 225 { 0.2 } else { 0.85 }
        });
        let ink = photo_ink(&lum);
        assert!(ink.at(270, 100) < 0.2, "the shadow reads as {}", ink.at(270, 100));
        assert!(ink.at(41, 100) > 0.8, "a stroke reads as {}", ink.at(41, 100));
    }
}
