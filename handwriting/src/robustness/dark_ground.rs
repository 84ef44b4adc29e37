//! Held-out UNIPEN digits written light on a dark ground: white or pastel strokes exported by a drawing app
//! in dark mode (on its flat dark background, or on a clear one), and chalk on a board, photographed. Pens from
//! 3 % to 25 % of the digit's height, so bold strokes as wide as a 0's hole are in; the digit sits anywhere in
//! the picture at 30–85 % of its shorter side. Read as a picture.

use image::{Rgba, RgbaImage};
use rand::rngs::StdRng;
use rand::Rng;

use recognizer::preprocess::InkMap;

use super::draw::normal;
use super::files::{digit_in_picture, Placing};
use super::{Case, Expected, Sources, SuiteError};

pub fn unipen_light_on_dark(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let placing = Placing { longer: 120.0..900.0, size: 0.3..0.85, pen: 0.03..0.25, thinnest: 1.5 };
    let (ink, label) = digit_in_picture(sources, &placing, rng)?;
    let picture = match rng.gen_range(0..3) {
        0 => on_flat_ground(&ink, rng),
        1 => on_clear_ground(&ink, rng),
        _ => chalk_on_board(&ink, rng),
    };
    Ok(Case::picture(picture, Expected::Number(label.to_string())))
}

/// A light colour on a flat dark one, as a drawing app in dark mode saves it.
fn on_flat_ground(ink: &InkMap, rng: &mut StdRng) -> RgbaImage {
    let ground = [rng.gen_range(0..50), rng.gen_range(0..50), rng.gen_range(0..60)];
    let colour = light_colour(rng);
    RgbaImage::from_fn(ink.width as u32, ink.height as u32, |x, y| {
        let c = ink.at(x as usize, y as usize).clamp(0.0, 1.0);
        let mix = |i: usize| (ground[i] as f32 + c * (colour[i] as f32 - ground[i] as f32)).round() as u8;
        Rgba([mix(0), mix(1), mix(2), 255])
    })
}

/// A light colour on a clear background: only the strokes are opaque.
fn on_clear_ground(ink: &InkMap, rng: &mut StdRng) -> RgbaImage {
    let colour = light_colour(rng);
    RgbaImage::from_fn(ink.width as u32, ink.height as u32, |x, y| {
        let c = ink.at(x as usize, y as usize).clamp(0.0, 1.0);
        Rgba([colour[0], colour[1], colour[2], (c * 255.0).round() as u8])
    })
}

/// Chalk on a dark green or grey board, photographed: the chalk leaves gaps, the board is lit unevenly and
/// the camera adds grain.
fn chalk_on_board(ink: &InkMap, rng: &mut StdRng) -> RgbaImage {
    let board = if rng.gen_bool(0.5) { [0.16, 0.26, 0.2] } else { [0.2, 0.2, 0.22] };
    let chalk = rng.gen_range(0.7f32..0.92);
    let light = (rng.gen_range(-0.06f32..0.06), rng.gen_range(-0.06f32..0.06));
    let grain = rng.gen_range(0.005f32..0.025);
    let gaps = rng.gen_range(0.0f32..0.3);
    let (w, h) = (ink.width as f32, ink.height as f32);
    let mut pixels = Vec::with_capacity(ink.width * ink.height * 4);
    for y in 0..ink.height {
        for x in 0..ink.width {
            let c = ink.at(x, y).clamp(0.0, 1.0) * (1.0 - gaps * rng.gen::<f32>());
            let lit = light.0 * (x as f32 / w - 0.5) + light.1 * (y as f32 / h - 0.5) + grain * normal(rng);
            for ground in board {
                let v = (ground + c * (chalk - ground) + lit).clamp(0.0, 1.0);
                pixels.push((v * 255.0).round() as u8);
            }
            pixels.push(255);
        }
    }
    RgbaImage::from_raw(ink.width as u32, ink.height as u32, pixels).expect("one pixel per point")
}

fn light_colour(rng: &mut StdRng) -> [u8; 3] {
    [rng.gen_range(190..=255), rng.gen_range(190..=255), rng.gen_range(190..=255)]
}
