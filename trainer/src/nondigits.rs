//! Pictures that are not digits, for teaching the network to say so (equal probabilities for all ten):
//! noise, scribbles, letters, shapes, ruled lines and grids, hatching, dashes, coils, zigzags and blots.
//! Drawn on the app's canvas.

use std::f32::consts::TAU;

use rand::rngs::StdRng;
use rand::Rng;
use recognizer::preprocess::InkMap;
use handwriting::synthetic::pen::{self, Stroke};

use crate::examples::CANVAS;
use crate::shapes::shape;

/// Capital and small letters that no digit resembles, as strokes in a unit box (y down).
const LETTERS: [&[&[(f32, f32)]]; 19] = [
    &[&[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], &[(0.2, 0.6), (0.8, 0.6)]],                   // A
    &[&[(1.0, 0.0), (0.0, 0.0), (0.0, 1.0), (1.0, 1.0)], &[(0.0, 0.5), (0.7, 0.5)]],       // E
    &[&[(1.0, 0.0), (0.0, 0.0), (0.0, 1.0)], &[(0.0, 0.5), (0.7, 0.5)]],                   // F
    &[&[(0.0, 0.0), (0.0, 1.0)], &[(1.0, 0.0), (1.0, 1.0)], &[(0.0, 0.5), (1.0, 0.5)]],    // H
    &[&[(0.0, 0.0), (0.0, 1.0)], &[(1.0, 0.0), (0.0, 0.55), (1.0, 1.0)]],                  // K
    &[&[(0.0, 1.0), (0.0, 0.0), (0.5, 0.6), (1.0, 0.0), (1.0, 1.0)]],                      // M
    &[&[(0.0, 1.0), (0.0, 0.0), (1.0, 1.0), (1.0, 0.0)]],                                  // N
    &[&[(0.0, 1.0), (0.0, 0.0), (0.8, 0.05), (0.9, 0.3), (0.7, 0.5), (0.0, 0.5)], &[(0.4, 0.5), (1.0, 1.0)]], // R
    &[&[(0.0, 0.0), (1.0, 0.0)], &[(0.5, 0.0), (0.5, 1.0)]],                               // T
    &[&[(0.0, 0.0), (0.25, 1.0), (0.5, 0.3), (0.75, 1.0), (1.0, 0.0)]],                    // W
    &[&[(0.0, 0.0), (1.0, 1.0)], &[(1.0, 0.0), (0.0, 1.0)]],                               // X
    &[&[(0.0, 0.0), (0.5, 0.5), (1.0, 0.0)], &[(0.5, 0.5), (0.5, 1.0)]],                   // Y
    &[&[(0.0, 1.0), (0.0, 0.0), (0.0, 0.5), (1.0, 0.5)], &[(1.0, 0.0), (1.0, 1.0)], &[(0.2, 0.0), (0.8, 0.0)]], // H with serif-like bar
    &[&[(0.0, 1.0), (0.0, 0.4), (0.3, 0.3), (0.5, 0.45), (0.5, 1.0)], &[(0.5, 0.45), (0.75, 0.3), (1.0, 0.45), (1.0, 1.0)]], // m
    &[&[(0.0, 0.0), (0.0, 1.0)], &[(0.8, 0.3), (0.05, 0.7), (0.9, 1.0)]],                  // k
    &[&[(0.0, 0.0), (0.3, 1.0), (0.5, 0.4), (0.7, 1.0), (1.0, 0.0)], &[(0.2, 0.5), (0.8, 0.5)]], // crossed W
    &[&[(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]],                                              // V
    &[&[(0.0, 0.3), (0.0, 1.0)], &[(0.0, 0.5), (0.3, 0.3), (0.7, 0.3), (1.0, 0.5), (1.0, 1.0)]], // n
    &[&[(0.0, 0.3), (0.0, 0.8), (0.3, 1.0), (0.7, 1.0), (1.0, 0.8)], &[(1.0, 0.3), (1.0, 1.0)]], // u
];

/// One non-digit on a fresh canvas (ink = 1).
pub fn draw(rng: &mut StdRng) -> InkMap {
    let width = rng.gen_range(1.5f32..14.0);
    match rng.gen_range(0..100) {
        0..=13 => noise(rng),
        14..=25 => strokes_on_canvas(&scribble(rng), width, rng),
        26..=47 => strokes_on_canvas(&letter(rng), width, rng),
        48..=63 => strokes_on_canvas(&shape(rng), width, rng),
        64..=69 => strokes_on_canvas(&rules(rng), width.min(5.0), rng),
        70..=75 => strokes_on_canvas(&hatching(rng), width.min(5.0), rng),
        76..=83 => strokes_on_canvas(&dashes(rng), width, rng),
        84..=89 => strokes_on_canvas(&coil(rng), width.min(8.0), rng),
        90..=95 => strokes_on_canvas(&zigzag(rng), width, rng),
        _ => strokes_on_canvas(&blot(rng), width, rng),
    }
}

fn strokes_on_canvas(strokes: &[Stroke], width: f32, rng: &mut StdRng) -> InkMap {
    let height = rng.gen_range(30.0..125.0);
    let c = CANVAS as f32 / 2.0;
    let fitted = pen::fit(strokes, height, (c + rng.gen_range(-8.0..8.0), c + rng.gen_range(-8.0..8.0)));
    pen::render(&fitted, CANVAS, CANVAS, width)
}

/// Speckle, salt and pepper, or blotches over part or all of the canvas.
fn noise(rng: &mut StdRng) -> InkMap {
    let mut map = InkMap::new(CANVAS, CANVAS);
    let density = rng.gen_range(0.03..0.6);
    let cell = rng.gen_range(1..6);
    let (x0, y0) = (rng.gen_range(0..40), rng.gen_range(0..40));
    let (x1, y1) = (rng.gen_range(100..=CANVAS), rng.gen_range(100..=CANVAS));
    for cy in (y0..y1).step_by(cell) {
        for cx in (x0..x1).step_by(cell) {
            if rng.gen_bool(density) {
                let level = if rng.gen_bool(0.5) { 1.0 } else { rng.gen_range(0.3..1.0) };
                for y in cy..(cy + cell).min(CANVAS) {
                    for x in cx..(cx + cell).min(CANVAS) {
                        map.values[y * CANVAS + x] = level;
                    }
                }
            }
        }
    }
    map
}

/// A restless pen: many sharp turns and loops.
fn scribble(rng: &mut StdRng) -> Vec<Stroke> {
    let mut point = (rng.gen_range(0.0..1.0), rng.gen_range(0.0..1.0));
    let mut heading: f32 = rng.gen_range(0.0..TAU);
    let steps = rng.gen_range(12..60);
    let mut stroke = vec![point];
    for _ in 0..steps {
        heading += rng.gen_range(-2.5..2.5);
        let step = rng.gen_range(0.05..0.3);
        point = ((point.0 + step * heading.cos()).clamp(0.0, 1.0), (point.1 + step * heading.sin()).clamp(0.0, 1.0));
        stroke.push(point);
    }
    vec![stroke]
}

fn letter(rng: &mut StdRng) -> Vec<Stroke> {
    let template = LETTERS[rng.gen_range(0..LETTERS.len())];
    let (sx, slant) = (rng.gen_range(0.6..1.3), rng.gen_range(-0.3..0.3));
    template
        .iter()
        .map(|s| s.iter().map(|&(x, y)| (x * sx + slant * (1.0 - y) + rng.gen_range(-0.04..0.04), y + rng.gen_range(-0.04..0.04))).collect())
        .collect()
}

/// Ruled lines or a grid across the whole picture.
fn rules(rng: &mut StdRng) -> Vec<Stroke> {
    let lines = rng.gen_range(2..7);
    let mut strokes: Vec<Stroke> = (0..lines).map(|k| vec![(0.0, k as f32), (lines as f32, k as f32)]).collect();
    if rng.gen_bool(0.5) {
        strokes.extend((0..=lines).map(|k| vec![(k as f32, 0.0), (k as f32, (lines - 1) as f32)]));
    }
    strokes
}

fn hatching(rng: &mut StdRng) -> Vec<Stroke> {
    let count = rng.gen_range(4..12);
    let slope = rng.gen_range(-1.5..1.5);
    (0..count).map(|k| vec![(k as f32, 0.0), (k as f32 + slope * 4.0, 4.0)]).collect()
}

/// One to three short strokes within 25° of horizontal: a minus, an equals sign, an underline.
fn dashes(rng: &mut StdRng) -> Vec<Stroke> {
    let angle: f32 = rng.gen_range(-0.44..0.44);
    let (dx, dy) = (angle.cos(), angle.sin());
    let count = rng.gen_range(1..=3);
    let gap = rng.gen_range(0.15..0.5);
    (0..count)
        .map(|k| {
            let (x, y) = (rng.gen_range(-0.08..0.08), k as f32 * gap);
            let length = rng.gen_range(0.8..1.2);
            let bend = rng.gen_range(-0.03..0.03);
            (0..=4).map(|i| i as f32 / 4.0 * length).map(|t| (x + t * dx, y + t * dy + bend * (t * 3.0).sin())).collect()
        })
        .collect()
}

/// Loops drawn over and over while the pen drifts sideways: more loops than any digit has.
fn coil(rng: &mut StdRng) -> Vec<Stroke> {
    let loops = rng.gen_range(3..8) as f32;
    let (drift, squash) = (rng.gen_range(0.3..0.7), rng.gen_range(0.5..1.2));
    let turn = rng.gen_range(0.0..TAU);
    let points = (loops * 24.0) as usize;
    let stroke = (0..=points)
        .map(|i| {
            let t = i as f32 / 24.0;
            let (s, c) = (t * TAU + turn).sin_cos();
            (c + drift * t, squash * s)
        })
        .collect();
    vec![stroke]
}

/// A pen going back and forth with sharp turns, four to eight times.
fn zigzag(rng: &mut StdRng) -> Vec<Stroke> {
    let turns = rng.gen_range(4..9);
    let (width, step) = (rng.gen_range(0.6..1.4), rng.gen_range(0.15..0.35));
    let horizontal = rng.gen_bool(0.7);
    let stroke = (0..=turns)
        .map(|k| {
            let along = (k % 2) as f32 * width + rng.gen_range(-0.08..0.08);
            let across = k as f32 * step + rng.gen_range(-0.04..0.04);
            if horizontal { (along, across) } else { (across, along) }
        })
        .collect();
    vec![stroke]
}

/// A patch coloured in: a tight spiral with a wide pen leaves no stroke to read.
fn blot(rng: &mut StdRng) -> Vec<Stroke> {
    let (rx, ry) = (rng.gen_range(0.5..1.0), rng.gen_range(0.5..1.0));
    let rounds = rng.gen_range(4..9) as f32;
    let points = (rounds * 20.0) as usize;
    let stroke = (0..=points)
        .map(|i| {
            let t = i as f32 / points as f32;
            let (s, c) = (t * rounds * TAU).sin_cos();
            let r = 1.0 - 0.85 * t + rng.gen_range(-0.03..0.03);
            (rx * r * c, ry * r * s)
        })
        .collect();
    vec![stroke]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_kind_puts_ink_on_the_canvas() {
        let mut rng = StdRng::seed_from_u64(9);
        for _ in 0..200 {
            let map = draw(&mut rng);
            assert_eq!((map.width, map.height), (CANVAS, CANVAS));
            assert!(map.values.iter().any(|&v| v > 0.5));
        }
    }
}
