//! Backgrounds numbers are written on: ruled and squared notebook paper, table rules, and the security
//! patterns of cheques (guilloche waves, dot screens, colour gradients).

use image::{Rgb, RgbImage};
use rand::rngs::StdRng;
use rand::Rng;

use crate::synthetic::camera::paper_tint;

/// Plain paper of a random tint.
pub fn plain(width: u32, height: u32, rng: &mut StdRng) -> RgbImage {
    RgbImage::from_pixel(width, height, Rgb(paper_tint(rng).map(|v| v as u8)))
}

/// A light line colour: blue or grey, sometimes quite dark, as printed rules are.
fn rule_colour(paper: Rgb<u8>, rng: &mut StdRng) -> [f32; 3] {
    let strength = rng.gen_range(0.2..0.6);
    let hue = if rng.gen_bool(0.6) { [0.55, 0.7, 1.0] } else { [0.8, 0.8, 0.8] };
    std::array::from_fn(|c| paper[c] as f32 * (1.0 - strength * (1.0 - hue[c]) - strength * 0.4))
}

/// Draws a horizontal (or vertical) line `thickness` pixels thick through `at`, anti-aliased.
fn rule(page: &mut RgbImage, at: f32, thickness: f32, vertical: bool, colour: [f32; 3]) {
    let (w, h) = page.dimensions();
    let across = if vertical { w } else { h };
    let from = (at - thickness).floor().max(0.0) as u32;
    let to = ((at + thickness).ceil() as u32).min(across);
    for k in from..to {
        let cover = (thickness / 2.0 + 0.5 - (k as f32 + 0.5 - at).abs()).clamp(0.0, 1.0);
        if cover == 0.0 {
            continue;
        }
        let along = if vertical { h } else { w };
        for t in 0..along {
            let (x, y) = if vertical { (k, t) } else { (t, k) };
            let p = page.get_pixel_mut(x, y);
            p.0 = std::array::from_fn(|c| (p[c] as f32 * (1.0 - cover) + colour[c].min(p[c] as f32) * cover) as u8);
        }
    }
}

/// Ruled notebook paper: lines every `pitch` pixels passing through `through`, sometimes a margin line.
pub fn ruled(width: u32, height: u32, pitch: f32, through: f32, rng: &mut StdRng) -> RgbImage {
    let mut page = plain(width, height, rng);
    let colour = rule_colour(*page.get_pixel(0, 0), rng);
    let thickness = rng.gen_range(1.0..3.0);
    let mut y = through - (through / pitch).floor() * pitch;
    while y < height as f32 {
        rule(&mut page, y, thickness, false, colour);
        y += pitch;
    }
    if rng.gen_bool(0.3) {
        let red = [220.0, 90.0, 100.0];
        rule(&mut page, rng.gen_range(0.02..0.2) * width as f32, thickness, true, red);
    }
    page
}

/// Squared paper: a grid of `pitch` pixels.
pub fn squared(width: u32, height: u32, pitch: f32, rng: &mut StdRng) -> RgbImage {
    let mut page = plain(width, height, rng);
    let colour = rule_colour(*page.get_pixel(0, 0), rng);
    let thickness = rng.gen_range(0.8..2.0);
    let (ox, oy) = (rng.gen_range(0.0..pitch), rng.gen_range(0.0..pitch));
    let mut y = oy;
    while y < height as f32 {
        rule(&mut page, y, thickness, false, colour);
        y += pitch;
    }
    let mut x = ox;
    while x < width as f32 {
        rule(&mut page, x, thickness, true, colour);
        x += pitch;
    }
    page
}

/// A table cell: dark rules at `top`, `bottom`, `left` and `right` (any may lie outside the picture).
pub fn table(width: u32, height: u32, cell: [f32; 4], rng: &mut StdRng) -> RgbImage {
    let mut page = plain(width, height, rng);
    let level = rng.gen_range(20.0..140.0);
    let colour = [level, level, level * rng.gen_range(0.9..1.2)];
    let thickness = rng.gen_range(1.0..4.0);
    let [top, bottom, left, right] = cell;
    for (at, vertical) in [(top, false), (bottom, false), (left, true), (right, true)] {
        rule(&mut page, at, thickness, vertical, colour);
    }
    page
}

/// A cheque's security background: guilloche waves, a fine dot screen or a colour gradient.
pub fn security(width: u32, height: u32, rng: &mut StdRng) -> RgbImage {
    let base = paper_tint(rng);
    let tint: [f32; 3] = std::array::from_fn(|_| rng.gen_range(0.6..1.0));
    let strength = rng.gen_range(0.1..0.35);
    let (w, h) = (width as f32, height as f32);
    match rng.gen_range(0..3) {
        0 => {
            // Guilloche: families of thin sine waves.
            let spacing = rng.gen_range(3.0..8.0);
            let (wavelength, amplitude) = (rng.gen_range(0.2..0.8) * w.max(h), rng.gen_range(0.05..0.3) * h);
            let (wl2, phase) = (rng.gen_range(0.1..0.5) * w.max(h), rng.gen_range(0.0..6.3));
            RgbImage::from_fn(width, height, |x, y| {
                let (x, y) = (x as f32, y as f32);
                let wave = |shift: f32| {
                    let v = y - amplitude * (x * std::f32::consts::TAU / wavelength + shift).sin()
                        - 0.5 * amplitude * (x * std::f32::consts::TAU / wl2 + phase).cos();
                    let d = (v / spacing).rem_euclid(1.0);
                    (1.0 - (d.min(1.0 - d) * spacing / 0.7).min(1.0)).max(0.0)
                };
                let cover = wave(0.0).max(wave(phase)) * strength;
                Rgb(std::array::from_fn(|c| (base[c] * (1.0 - cover * (1.2 - tint[c]))) as u8))
            })
        }
        1 => {
            // A fine screen of dots.
            let pitch = rng.gen_range(2.5..6.0);
            let radius = pitch * rng.gen_range(0.15..0.35);
            RgbImage::from_fn(width, height, |x, y| {
                let (dx, dy) = ((x as f32 / pitch).fract() - 0.5, (y as f32 / pitch).fract() - 0.5);
                let d = dx.hypot(dy) * pitch;
                let cover = (radius + 0.5 - d).clamp(0.0, 1.0) * strength * 1.5;
                Rgb(std::array::from_fn(|c| (base[c] * (1.0 - cover * (1.2 - tint[c]))) as u8))
            })
        }
        _ => {
            // A light colour gradient across the cheque.
            let other: [f32; 3] = std::array::from_fn(|c| base[c] * rng.gen_range(0.75..1.0));
            let angle = rng.gen_range(0.0..std::f32::consts::TAU);
            RgbImage::from_fn(width, height, |x, y| {
                let t = ((x as f32 / w - 0.5) * angle.cos() + (y as f32 / h - 0.5) * angle.sin() + 0.5).clamp(0.0, 1.0);
                Rgb(std::array::from_fn(|c| (base[c] * (1.0 - t) + other[c] * t) as u8))
            })
        }
    }
}
