//! Strokes wider than the paper window come out hollow: their middle is taken for dark paper, and only their
//! edges are ink. A digit enlarged until its strokes are a tenth of the picture (a 16 px postal crop shown ten
//! times larger) reads so as its outline, a 1 as a 0. Where it reaches the picture's edge, as a crop's digit
//! does, [`super::super::blots`] cannot tell its middle from a shadow falling across the edge; its brightness
//! can: the middle of a stroke is as dark as the stroke's inked edges, a shadow is lighter than ink.

use super::{median, strongest_ink, typical_stroke};
use crate::preprocess::InkMap;

/// Pixels at least this fraction of the strongest ink are the strokes whose brightness is the typical ink's.
const STROKE: f32 = 0.5;
/// ... and pixels under this fraction are not ink.
const NO_INK: f32 = 0.25;
/// Strokes are hollow where their middles (see [`hollow_stroke_width`]) number at least this share of the
/// ink's pixels.
const HOLLOW_SHARE: f32 = 0.3;
/// No stroke is wider than this fraction of the picture's longer side: a bold 1 fitted into a postal square is
/// a quarter of it. Dark paper wider than that is a shadow.
const WIDEST_HOLLOW: f32 = 0.4;
/// The paper (the light class's median) is at least this much brighter than the typical ink: on blank paper in
/// shadow, the "ink" is the paper's grain, and the shadow as dark as that grain.
const LEAST_CONTRAST: f32 = 0.25;

/// The width (pixels) of the dark strokes of `lum` (dark ink on light paper, inverted if need be) where
/// `ink`, measured against the local paper, found only their edges; `None` where the strokes are whole. A
/// stroke's middle is a pixel in which no ink was found, of the dark class (`is_dark`, Otsu's) and as dark as
/// the typical ink.
pub(super) fn hollow_stroke_width(lum: &InkMap, ink: &InkMap, is_dark: impl Fn(f32) -> bool) -> Option<usize> {
    let peak = strongest_ink(ink);
    if peak <= 0.0 {
        return None;
    }
    let dark = lum.map(|l| f32::from(u8::from(is_dark(l))));
    let pixels = || lum.values.iter().zip(&ink.values).zip(&dark.values).map(|((&l, &i), &d)| (l, i, d > 0.0));
    let mut strokes: Vec<f32> = pixels().filter(|&(_, i, _)| i >= STROKE * peak).map(|(l, _, _)| l).collect();
    let mut paper: Vec<f32> = pixels().filter(|&(_, _, dark)| !dark).map(|(l, _, _)| l).collect();
    if strokes.is_empty() || paper.is_empty() {
        return None;
    }
    let ink_level = median(&mut strokes);
    if median(&mut paper) - ink_level < LEAST_CONTRAST {
        return None;
    }
    let middles = pixels().filter(|&(l, i, dark)| i < NO_INK * peak && dark && l <= ink_level).count();
    if (middles as f32) < HOLLOW_SHARE * strokes.len() as f32 {
        return None;
    }
    let width = typical_stroke(&dark, false);
    (width as f32 <= WIDEST_HOLLOW * lum.width.max(lum.height) as f32).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::super::{in_dark_class, ink_against_paper, otsu_level_of, photo_ink, reduced, WIDEST_STROKE};
    use super::*;

    /// Paper 0.85 with dark (0.1) bars `width` px wide at `lefts`, from the top edge to the bottom one.
    fn bars(w: usize, h: usize, lefts: &[usize], width: usize) -> InkMap {
        InkMap::from_fn(w, h, |x, _| if lefts.iter().any(|&l| (l..l + width).contains(&x)) { 0.1 } else { 0.85 })
    }

    #[test]
    fn a_stroke_wider_than_the_paper_window_is_ink_all_through() {
        // A 1 of a 16 px crop six times larger: 14 px wide in 96, from edge to edge, where a shadow falls.
        let lum = bars(96, 96, &[40], 14);
        let ink = photo_ink(&lum);
        assert!(ink.at(47, 48) > 0.5, "the stroke's middle reads as {}", ink.at(47, 48));
        assert!(ink.at(10, 48) < 0.05, "the paper reads as {}", ink.at(10, 48));
    }

    #[test]
    fn the_width_of_hollow_strokes_is_measured_and_whole_strokes_are_not_hollow() {
        let measure = |lum: &InkMap| {
            let level = otsu_level_of(lum);
            hollow_stroke_width(lum, &ink_against_paper(lum, &reduced(lum), WIDEST_STROKE), |l| in_dark_class(l, level, false))
        };
        assert_eq!(measure(&bars(96, 96, &[20, 60], 14)), Some(14));
        assert_eq!(measure(&bars(300, 200, &[40, 120, 200], 4)), None);
    }

    #[test]
    fn the_grain_of_a_blank_page_in_shadow_is_no_stroke() {
        // A blank page of the suite's with a faint rule and shadows: its strongest "ink" is grain, and the shadow
        // is as dark as that grain. Taken for a hollow stroke's edges, the shadow became a sure 1.
        let png = include_bytes!("../testdata/blank-page-in-shadow.png");
        let grey = image::load_from_memory(png).unwrap().to_luma8();
        let (w, h) = (grey.width() as usize, grey.height() as usize);
        let lum = InkMap::from_fn(w, h, |x, y| grey.get_pixel(x as u32, y as u32).0[0] as f32 / 255.0);
        let digits = crate::segment::analyse(lum, crate::segment::Source::Photo).map_or(0, |a| a.lines.concat().len());
        assert_eq!(digits, 0);
    }
}
