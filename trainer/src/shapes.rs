//! Shapes and symbols people doodle, as strokes (y down): polygons, stars, hearts, arrows, plus signs and
//! crosses, ticks, hashes and asterisks, each at any size and most at any angle. No ovals: those are zeros.

use std::f32::consts::{PI, TAU};

use handwriting::synthetic::pen::{self, Stroke};
use rand::rngs::StdRng;
use rand::Rng;

/// One shape or symbol. Hearts and arrows come twice as often as the rest: a heart is the closed loop most
/// easily taken for a 0, and an arrow points any way.
pub fn shape(rng: &mut StdRng) -> Vec<Stroke> {
    match rng.gen_range(0..12) {
        0 => polygon(rng, 3, 1),
        1 => polygon(rng, 5, 2),
        2 => polygon(rng, 4, 1),
        // Stars of seven and eight points ({6/3} would be a line drawn back and forth).
        3 => {
            let corners = rng.gen_range(7..=8);
            polygon(rng, corners, 3)
        }
        4 | 5 => vec![heart(rng)],
        6 | 7 => turned(&arrow(rng), rng.gen_range(0.0..TAU)),
        8 => turned(&cross(rng), rng.gen_range(0.0..TAU)),
        9 => turned(&tick(rng), rng.gen_range(-0.25..0.25)),
        10 => turned(&hash(rng), rng.gen_range(-0.3..0.3)),
        _ => asterisk(rng),
    }
}

/// A closed polygon (or, with `step` > 1, a star) through `corners` points on a circle, each shaken.
fn polygon(rng: &mut StdRng, corners: usize, step: usize) -> Vec<Stroke> {
    let turn = rng.gen_range(0.0..TAU);
    let stroke = (0..=corners)
        .map(|k| (turn + TAU * ((k * step) % corners) as f32 / corners as f32).sin_cos())
        .map(|(s, c)| (c + rng.gen_range(-0.05..0.05), s + rng.gen_range(-0.05..0.05)))
        .collect();
    vec![stroke]
}

/// A hand-drawn straight line: its ends shaken and its middle bowed a little to one side.
fn line(rng: &mut StdRng, from: (f32, f32), to: (f32, f32)) -> Stroke {
    let shake = |rng: &mut StdRng, (x, y): (f32, f32)| (x + rng.gen_range(-0.03..0.03), y + rng.gen_range(-0.03..0.03));
    let (from, to) = (shake(rng, from), shake(rng, to));
    let bow = rng.gen_range(-0.04..0.04);
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    (0..=6)
        .map(|k| k as f32 / 6.0)
        .map(|t| {
            let side = bow * (t * PI).sin();
            (from.0 + t * dx - side * dy, from.1 + t * dy + side * dx)
        })
        .collect()
}

/// The strokes turned by `angle` about the origin.
fn turned(strokes: &[Stroke], angle: f32) -> Vec<Stroke> {
    let (s, c) = angle.sin_cos();
    pen::transform(strokes, |(x, y)| (x * c - y * s, x * s + y * c))
}

/// An arrow pointing right (turned by the caller): a shaft and a head of two barbs, drawn as a shaft and a
/// V, as three strokes, or shaft and first barb in one movement.
fn arrow(rng: &mut StdRng) -> Vec<Stroke> {
    let (tail, tip) = ((-0.5, rng.gen_range(-0.05..0.05)), (0.5, 0.0));
    let length = rng.gen_range(0.2..0.45);
    let barb = |rng: &mut StdRng, side: f32| {
        let (angle, reach) = (rng.gen_range(0.35..0.9f32), length * rng.gen_range(0.8..1.2));
        (0.5 - reach * angle.cos(), side * reach * angle.sin())
    };
    let (upper, lower) = (barb(rng, -1.0), barb(rng, 1.0));
    let shaft = line(rng, tail, tip);
    match rng.gen_range(0..3) {
        0 => vec![shaft, [line(rng, upper, tip), line(rng, tip, lower)].concat()],
        1 => vec![shaft, line(rng, upper, tip), line(rng, lower, tip)],
        _ => vec![[shaft, line(rng, tip, upper)].concat(), line(rng, tip, lower)],
    }
}

/// Two strokes crossing near their middles at 65–115°: a plus sign, or, turned, an x.
fn cross(rng: &mut StdRng) -> Vec<Stroke> {
    let first = rng.gen_range(0.7..1.0);
    let second = first * rng.gen_range(0.7..1.3);
    let (along, across) = (rng.gen_range(0.35..0.65), rng.gen_range(0.35..0.65));
    let angle: f32 = PI / 2.0 + rng.gen_range(-0.45..0.45);
    let (s, c) = angle.sin_cos();
    let (x, y) = (first * (along - 0.5), 0.0);
    vec![
        line(rng, (-first / 2.0, 0.0), (first / 2.0, 0.0)),
        line(rng, (x - c * second * across, y - s * second * across), (x + c * second * (1.0 - across), y + s * second * (1.0 - across))),
    ]
}

/// A tick: a short stroke down to the right, then a long one up to the right, in one movement.
fn tick(rng: &mut StdRng) -> Vec<Stroke> {
    let bottom = (0.0, 0.0);
    // The short stroke is at least a third of the long one, or the tick would be a 1 with a hook.
    let short = rng.gen_range(0.33..0.5);
    let (down, up) = (rng.gen_range(0.5..1.2f32), rng.gen_range(0.75..1.15f32));
    let start = (-short * down.cos(), -short * down.sin());
    let end = (up.cos(), -up.sin());
    vec![[line(rng, start, bottom), line(rng, bottom, end)].concat()]
}

/// A hash: two near-vertical strokes crossed by two near-horizontal ones.
fn hash(rng: &mut StdRng) -> Vec<Stroke> {
    let (gap_x, gap_y) = (rng.gen_range(0.25..0.5), rng.gen_range(0.25..0.5));
    let (slant, tilt) = (rng.gen_range(-0.35..0.35), rng.gen_range(-0.15..0.15));
    let mut strokes = Vec::new();
    for side in [-0.5f32, 0.5] {
        let x = side * gap_x;
        strokes.push(line(rng, (x + slant * 0.5, -0.5), (x - slant * 0.5, 0.5)));
    }
    for side in [-0.5f32, 0.5] {
        let y = side * gap_y;
        strokes.push(line(rng, (-0.5, y + tilt * 0.5), (0.5, y - tilt * 0.5)));
    }
    strokes
}

/// Three or four strokes through one centre, evenly turned, each shaken.
fn asterisk(rng: &mut StdRng) -> Vec<Stroke> {
    let count = rng.gen_range(3..=4);
    let turn = rng.gen_range(0.0..PI);
    (0..count)
        .map(|k| {
            let (s, c) = (turn + PI * k as f32 / count as f32 + rng.gen_range(-0.15..0.15)).sin_cos();
            let reach = rng.gen_range(0.4..0.55);
            line(rng, (-c * reach, -s * reach), (c * reach, s * reach))
        })
        .collect()
}

/// A heart as people draw it: one stroke from the dip between the lobes, round one lobe, down to the point
/// and up round the other, its end often curling in past the start. Lobes of any size, wide or narrow, the
/// dip deep or shallow, the sides straight or bulging, and a slow wobble of the hand: a model that saw one
/// heart shape reads a rounder one as a 0.
fn heart(rng: &mut StdRng) -> Stroke {
    let radius: f32 = rng.gen_range(0.22..0.3);
    // Lobe centres this far either side of the middle: under one radius they overlap and the dip is shallow.
    let apart = radius * rng.gen_range(0.7..1.0);
    let (lobe_y, tip_y) = (radius, rng.gen_range(0.85..1.05));
    let bulge = rng.gen_range(-0.05..0.15);
    // The angle at which each lobe meets the middle line, and at which the left side leaves its lobe for the point.
    let dip = (apart / radius).acos();
    let leave = PI * rng.gen_range(0.95..1.12);
    let mut stroke: Stroke = Vec::new();
    // Angles measured anticlockwise from the right, y up.
    let on_lobe = |centre_x: f32, a: f32| (centre_x + radius * a.cos(), lobe_y - radius * a.sin());
    let lobe = |centre_x: f32, from: f32, to: f32, stroke: &mut Stroke| {
        stroke.extend((0..=16).map(|k| on_lobe(centre_x, from + (to - from) * k as f32 / 16.0)));
    };
    // The left lobe runs from the dip over the top.
    lobe(0.5 - apart, dip, leave, &mut stroke);
    let side = |from: (f32, f32), to: (f32, f32), outwards: f32, stroke: &mut Stroke| {
        let control = ((from.0 + to.0) / 2.0 + outwards, (from.1 + to.1) / 2.0);
        for k in 1..=10 {
            let t = k as f32 / 10.0;
            let (u, v) = ((1.0 - t) * (1.0 - t), 2.0 * t * (1.0 - t));
            stroke.push((u * from.0 + v * control.0 + t * t * to.0, u * from.1 + v * control.1 + t * t * to.1));
        }
    };
    let tip = (0.5 + rng.gen_range(-0.05..0.05), tip_y);
    side(*stroke.last().expect("lobe points"), tip, -bulge, &mut stroke);
    side(tip, on_lobe(0.5 + apart, PI - leave), bulge, &mut stroke);
    lobe(0.5 + apart, PI - leave, PI - dip, &mut stroke);
    if rng.gen_bool(0.5) {
        // The pen runs on past the start, down into the heart.
        let end = *stroke.last().expect("lobe points");
        let (dx, dy) = (rng.gen_range(-0.04..0.04), rng.gen_range(0.04..0.12));
        stroke.extend((1..=3).map(|k| (end.0 + dx * k as f32 / 3.0, end.1 + dy * k as f32 / 3.0)));
    }
    let (wide, turn) = (rng.gen_range(0.8..1.25), rng.gen_range(-0.3f32..0.3));
    let (phase, wobble) = (rng.gen_range(0.0..TAU), rng.gen_range(0.0..0.04));
    let (s, c) = turn.sin_cos();
    let count = stroke.len() as f32;
    stroke
        .iter()
        .enumerate()
        .map(|(k, &(x, y))| {
            let shake = wobble * (k as f32 / count * TAU * 3.0 + phase).sin();
            let (x, y) = ((x - 0.5) * wide + shake, y - 0.5 + shake);
            (x * c - y * s, x * s + y * c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn hearts_come_wide_and_narrow_with_the_point_below_the_dip() {
        let mut rng = StdRng::seed_from_u64(4);
        let aspects: Vec<f32> = (0..200)
            .map(|_| {
                let stroke = heart(&mut rng);
                let (xs, ys): (Vec<f32>, Vec<f32>) = stroke.iter().copied().unzip();
                let span = |v: &[f32]| v.iter().copied().fold(f32::MIN, f32::max) - v.iter().copied().fold(f32::MAX, f32::min);
                let (start, lowest) = (stroke[0], ys.iter().copied().fold(f32::MIN, f32::max));
                // The dip is in the upper half, the point far below it (y down).
                assert!(lowest - start.1 > 0.3 * span(&ys), "{stroke:?}");
                span(&xs) / span(&ys)
            })
            .collect();
        let (narrowest, widest) = (aspects.iter().copied().fold(f32::MAX, f32::min), aspects.iter().copied().fold(0.0, f32::max));
        assert!(narrowest < 0.85 && widest > 1.15, "aspects {narrowest}..{widest}");
    }

    #[test]
    fn arrows_point_every_way() {
        let mut rng = StdRng::seed_from_u64(5);
        // Which way the shaft runs, from its tail to its tip, in four quarters of the circle.
        let mut quarters = [0; 4];
        for _ in 0..200 {
            let strokes = turned(&arrow(&mut rng), rng.gen_range(0.0..TAU));
            let (tail, tip) = (strokes[0][0], strokes[0][6]);
            let angle = (tip.1 - tail.1).atan2(tip.0 - tail.0).rem_euclid(TAU);
            quarters[(angle / (PI / 2.0)) as usize % 4] += 1;
        }
        assert!(quarters.iter().all(|&n| n > 30), "{quarters:?}");
    }

    #[test]
    fn every_symbol_has_the_strokes_it_is_named_for() {
        let mut rng = StdRng::seed_from_u64(6);
        assert_eq!(cross(&mut rng).len(), 2);
        assert_eq!(tick(&mut rng).len(), 1);
        assert_eq!(hash(&mut rng).len(), 4);
        assert!((3..=4).contains(&asterisk(&mut rng).len()));
        assert!((2..=3).contains(&arrow(&mut rng).len()));
    }
}
