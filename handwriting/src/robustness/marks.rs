//! Marks that are not digits, as pen trajectories in a unit box (y down): letters that look like no digit,
//! shapes, scribbles and ruled lines. Circles and ovals are left out (they are zeros), and so are letters
//! that are digits in disguise (O, I, l, S, Z, B, G, b, g, q).

use std::f32::consts::PI;

use rand::rngs::StdRng;
use rand::Rng;

use super::draw::{arc, join, line, shake, smooth};
use crate::synthetic::pen::Stroke;

/// Letters drawn as polylines (corners) or, where marked, smooth curves.
pub const LETTERS: &str = "AEFHKMNRTVWXYhkmnvwx";

/// The strokes of `letter` (one of [`LETTERS`]), control points shaken by `shake_by`.
pub fn letter(letter: char, rng: &mut StdRng) -> Vec<Stroke> {
    let p = |points: &[(f32, f32)], rng: &mut StdRng| -> Stroke {
        let shaken = shake(points, 0.03, rng);
        join(&shaken.windows(2).map(|w| line(w[0], w[1])).collect::<Vec<_>>())
    };
    let c = |points: &[(f32, f32)], rng: &mut StdRng| smooth(&shake(points, 0.025, rng));
    match letter {
        'A' => vec![p(&[(0.1, 1.0), (0.5, 0.0), (0.9, 1.0)], rng), p(&[(0.28, 0.62), (0.72, 0.6)], rng)],
        'E' => vec![p(&[(0.8, 0.0), (0.2, 0.0), (0.2, 1.0), (0.8, 1.0)], rng), p(&[(0.2, 0.5), (0.65, 0.5)], rng)],
        'F' => vec![p(&[(0.8, 0.0), (0.2, 0.0), (0.2, 1.0)], rng), p(&[(0.2, 0.48), (0.65, 0.48)], rng)],
        'H' => vec![p(&[(0.2, 0.0), (0.2, 1.0)], rng), p(&[(0.8, 0.0), (0.8, 1.0)], rng), p(&[(0.2, 0.5), (0.8, 0.5)], rng)],
        'K' => vec![p(&[(0.2, 0.0), (0.2, 1.0)], rng), p(&[(0.8, 0.0), (0.22, 0.55), (0.8, 1.0)], rng)],
        'M' => vec![p(&[(0.05, 1.0), (0.15, 0.0), (0.5, 0.65), (0.85, 0.0), (0.95, 1.0)], rng)],
        'N' => vec![p(&[(0.15, 1.0), (0.15, 0.0), (0.85, 1.0), (0.85, 0.0)], rng)],
        'R' => {
            let bowl = c(&[(0.2, 0.02), (0.6, 0.0), (0.8, 0.22), (0.6, 0.45), (0.22, 0.48)], rng);
            vec![join(&[p(&[(0.2, 1.0), (0.2, 0.02)], rng), bowl]), p(&[(0.35, 0.48), (0.85, 1.0)], rng)]
        }
        'T' => vec![p(&[(0.05, 0.0), (0.95, 0.0)], rng), p(&[(0.5, 0.0), (0.5, 1.0)], rng)],
        'V' => vec![p(&[(0.1, 0.0), (0.5, 1.0), (0.9, 0.0)], rng)],
        'W' => vec![p(&[(0.0, 0.0), (0.22, 1.0), (0.5, 0.3), (0.78, 1.0), (1.0, 0.0)], rng)],
        'X' => vec![p(&[(0.15, 0.0), (0.85, 1.0)], rng), p(&[(0.85, 0.0), (0.15, 1.0)], rng)],
        'Y' => vec![p(&[(0.1, 0.0), (0.5, 0.5)], rng), p(&[(0.9, 0.0), (0.5, 0.5), (0.5, 1.0)], rng)],
        'h' => vec![join(&[p(&[(0.2, 0.0), (0.2, 1.0), (0.2, 0.55)], rng), c(&[(0.2, 0.55), (0.45, 0.38), (0.72, 0.48), (0.75, 1.0)], rng)])],
        'k' => vec![p(&[(0.25, 0.0), (0.25, 1.0)], rng), p(&[(0.75, 0.4), (0.27, 0.72), (0.75, 1.0)], rng)],
        'm' => vec![join(&[
            p(&[(0.05, 1.0), (0.05, 0.1)], rng),
            c(&[(0.05, 0.25), (0.2, 0.0), (0.45, 0.15), (0.48, 1.0)], rng),
            c(&[(0.48, 1.0), (0.48, 0.25), (0.65, 0.0), (0.92, 0.15), (0.95, 1.0)], rng),
        ])],
        'n' => vec![join(&[p(&[(0.15, 1.0), (0.15, 0.05)], rng), c(&[(0.15, 0.3), (0.45, 0.0), (0.8, 0.2), (0.85, 1.0)], rng)])],
        'v' => vec![p(&[(0.05, 0.0), (0.5, 0.8), (0.95, 0.0)], rng)],
        'w' => vec![p(&[(0.0, 0.0), (0.25, 0.7), (0.5, 0.15), (0.75, 0.7), (1.0, 0.0)], rng)],
        'x' => vec![p(&[(0.1, 0.0), (0.9, 0.7)], rng), p(&[(0.9, 0.0), (0.1, 0.7)], rng)],
        other => panic!("no template for {other:?}"),
    }
}

/// A random letter of [`LETTERS`].
pub fn any_letter(rng: &mut StdRng) -> Vec<Stroke> {
    let letters: Vec<char> = LETTERS.chars().collect();
    letter(letters[rng.gen_range(0..letters.len())], rng)
}

/// A shape: triangle, square, diamond, star, arrow, heart, plus, cross, tick, hash, asterisk or equals.
pub fn shape(rng: &mut StdRng) -> Vec<Stroke> {
    let closed = |points: &[(f32, f32)], rng: &mut StdRng| {
        let mut points = shake(points, 0.03, rng);
        points.push(points[0]);
        join(&points.windows(2).map(|w| line(w[0], w[1])).collect::<Vec<_>>())
    };
    let l = |a, b, rng: &mut StdRng| line(shake(&[a], 0.03, rng)[0], shake(&[b], 0.03, rng)[0]);
    match rng.gen_range(0..12) {
        0 => vec![closed(&[(0.5, 0.0), (1.0, 0.9), (0.0, 0.9)], rng)],
        1 => vec![closed(&[(0.0, 0.0), (1.0, 0.0), (1.0, rng.gen_range(0.6..1.0)), (0.0, rng.gen_range(0.6..1.0))], rng)],
        2 => vec![closed(&[(0.5, 0.0), (0.9, 0.5), (0.5, 1.0), (0.1, 0.5)], rng)],
        3 => {
            let turn = rng.gen_range(0.0..0.4);
            let points: Vec<(f32, f32)> = (0..5).map(|k| k as f32 * 4.0 * PI / 5.0 - PI / 2.0 + turn).map(|a| (0.5 + 0.5 * a.cos(), 0.5 + 0.5 * a.sin())).collect();
            vec![closed(&points, rng)]
        }
        4 => {
            // An arrow pointing any of four ways.
            let shaft = l((0.0, 0.5), (1.0, 0.5), rng);
            let head = join(&[l((0.7, 0.25), (1.0, 0.5), rng), l((1.0, 0.5), (0.7, 0.75), rng)]);
            let (s, c) = (rng.gen_range(0..4) as f32 * PI / 2.0).sin_cos();
            let turn = |(x, y): (f32, f32)| (0.5 + (x - 0.5) * c - (y - 0.5) * s, 0.5 + (x - 0.5) * s + (y - 0.5) * c);
            [shaft, head].iter().map(|stroke| stroke.iter().map(|&p| turn(p)).collect()).collect()
        }
        5 => {
            let left = arc((0.28, 0.3), (0.24, 0.22), PI * 0.8, PI * 2.0);
            let right = arc((0.72, 0.3), (0.24, 0.22), PI, PI * 2.2);
            vec![join(&[vec![(0.5, 1.0)], smooth(&[(0.5, 1.0), (0.15, 0.65), (0.05, 0.35)]), left, right, smooth(&[(0.95, 0.35), (0.85, 0.65), (0.5, 1.0)])])]
        }
        6 => vec![l((0.5, 0.0), (0.5, 1.0), rng), l((0.0, 0.5), (1.0, 0.5), rng)],
        7 => vec![l((0.0, 0.0), (1.0, 1.0), rng), l((1.0, 0.0), (0.0, 1.0), rng)],
        8 => vec![join(&[l((0.0, 0.55), (0.35, 0.9), rng), l((0.35, 0.9), (1.0, 0.0), rng)])],
        9 => vec![l((0.35, 0.0), (0.25, 1.0), rng), l((0.75, 0.0), (0.65, 1.0), rng), l((0.0, 0.33), (1.0, 0.3), rng), l((0.0, 0.67), (1.0, 0.64), rng)],
        10 => vec![l((0.5, 0.0), (0.5, 1.0), rng), l((0.07, 0.25), (0.93, 0.75), rng), l((0.93, 0.25), (0.07, 0.75), rng)],
        _ => vec![l((0.0, 0.3), (1.0, 0.3), rng), l((0.0, 0.7), (1.0, 0.7), rng)],
    }
}

/// A scribble: a random cursive-like curve, a zigzag crossing out, hatching, or loops of shading.
pub fn scribble(rng: &mut StdRng) -> Vec<Stroke> {
    match rng.gen_range(0..4) {
        0 => {
            let points: Vec<(f32, f32)> = (0..rng.gen_range(6..14)).map(|_| (rng.gen(), rng.gen())).collect();
            vec![smooth(&points)]
        }
        1 => {
            let turns = rng.gen_range(4..11);
            let points: Vec<(f32, f32)> =
                (0..=turns).map(|i| (if i % 2 == 0 { 0.0 } else { 1.0 } + rng.gen_range(-0.08..0.08), i as f32 / turns as f32)).collect();
            vec![join(&points.windows(2).map(|w| line(w[0], w[1])).collect::<Vec<_>>())]
        }
        2 => {
            let n = rng.gen_range(4..9);
            (0..n).map(|i| {
                let x = i as f32 / n as f32;
                line((x + rng.gen_range(-0.03..0.03), 1.0), (x + 0.3 + rng.gen_range(-0.03..0.03), 0.0))
            }).collect()
        }
        _ => {
            let loops = rng.gen_range(3..8) as f32;
            let (rx, ry) = (rng.gen_range(0.15..0.3), rng.gen_range(0.2..0.45));
            let drift = rng.gen_range(0.4..1.0);
            let points: Vec<(f32, f32)> = (0..(loops * 24.0) as usize)
                .map(|i| i as f32 / 24.0 * 2.0 * PI)
                .map(|a| (0.3 + drift * a / (loops * 2.0 * PI) * 0.7 + rx * a.cos(), 0.5 + ry * a.sin()))
                .collect();
            vec![points]
        }
    }
}

/// Lines a person might draw on the canvas: a noughts-and-crosses grid, ruled lines, or a single dash.
pub fn lines(rng: &mut StdRng) -> Vec<Stroke> {
    let l = |a, b, rng: &mut StdRng| line(shake(&[a], 0.03, rng)[0], shake(&[b], 0.03, rng)[0]);
    match rng.gen_range(0..4) {
        0 => vec![l((0.33, 0.0), (0.33, 1.0), rng), l((0.67, 0.0), (0.67, 1.0), rng), l((0.0, 0.33), (1.0, 0.33), rng), l((0.0, 0.67), (1.0, 0.67), rng)],
        1 => {
            let n = rng.gen_range(2..6);
            (0..n).map(|i| i as f32 / (n - 1) as f32).map(|y| l((0.0, y), (1.0, y), rng)).collect()
        }
        2 => vec![l((0.0, 0.5), (1.0, 0.5 + rng.gen_range(-0.1..0.1)), rng)],
        _ => {
            let waves = rng.gen_range(1.5..4.0);
            vec![(0..=48).map(|i| i as f32 / 48.0).map(|t| (t, 0.5 + 0.12 * (t * waves * 2.0 * PI).sin())).collect()]
        }
    }
}
