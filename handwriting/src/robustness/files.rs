//! Held-out UNIPEN digits drawn in another app and opened as a file: a picture of any size and shape (100 to
//! 1200 px), the digit anywhere in it at 30–90 % of its shorter side, a pen from a hairline (one pixel on a
//! large picture) to 10 % of the digit's height, in a dark colour on white or, a third of the time, on a clear
//! background (light strokes there half the time, as an app in dark mode exports them). Read as a picture.
//! Numbers too: 2–5 of those digits in a row, half of them cropped tight around their ink; and such a number
//! written on paper and photographed with the phone turned.

use std::ops::Range;

use image::{Rgba, RgbaImage};
use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
use rand::rngs::StdRng;
use rand::Rng;

use recognizer::preprocess::InkMap;

use super::{Case, Expected, Sources, SuiteError};
use crate::synthetic::pen::{self, Stroke};
use crate::synthetic::unipen::PenDigit;

pub fn unipen_file(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let placing = Placing { longer: 100.0..1200.0, size: 0.3..0.9, pen: 0.01..0.1, thinnest: 1.2 };
    let (ink, label) = digit_in_picture(sources, &placing, rng)?;
    Ok(Case::picture(as_file(&ink, rng), Expected::Number(label.to_string())))
}

/// Where [`digit_in_picture`] draws a digit and with what pen: the picture's longer side in pixels (its
/// shorter one 0.6–1 of that), the digit's height as a share of the shorter side, and the pen's width as a share
/// of the digit's height, at least `thinnest` pixels.
pub(super) struct Placing {
    pub longer: Range<f32>,
    pub size: Range<f32>,
    pub pen: Range<f32>,
    pub thinnest: f32,
}

/// A held-out UNIPEN digit drawn anywhere in a picture as `placing` says: its ink coverage and its label.
pub(super) fn digit_in_picture(sources: &Sources, placing: &Placing, rng: &mut StdRng) -> Result<(InkMap, u8), SuiteError> {
    let digits = sources.held_out_unipen()?;
    let digit = &digits[rng.gen_range(0..digits.len())];
    let longer = rng.gen_range(placing.longer.clone());
    let shorter = longer * rng.gen_range(0.6..1.0);
    let (width, height) = if rng.gen_bool(0.5) { (longer, shorter) } else { (shorter, longer) };
    let size = shorter * rng.gen_range(placing.size.clone());
    let pen_width = (size * rng.gen_range(placing.pen.clone())).max(placing.thinnest);
    let room = |side: f32| ((side - size - pen_width) / 2.0).max(0.0);
    let centre = (
        width / 2.0 + rng.gen_range(-room(width)..=room(width)),
        height / 2.0 + rng.gen_range(-room(height)..=room(height)),
    );
    let strokes = pen::fit(&digit.strokes, size - pen_width, centre);
    Ok((pen::render(&strokes, width as usize, height as usize, pen_width), digit.label))
}

/// A number of 2–5 held-out UNIPEN digits written in a row in another app, 40–300 px tall, with gaps of
/// 0.15–0.5 of their height; half the pictures cropped tight (a tenth of the height of margin), half with room.
pub fn unipen_number_file(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let (ink, number) = number_in_a_row(sources, rng)?;
    Ok(Case::picture(as_file(&ink, rng), Expected::Number(number)))
}

/// The number of [`unipen_number_file`] written with a dark pen on paper and photographed with the phone turned
/// 10–25° either way, the page filling the photo: the digits turn with the line.
pub fn unipen_number_turned(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let (ink, number) = number_in_a_row(sources, rng)?;
    let paper = rng.gen_range(200.0f32..250.0);
    let pen = rng.gen_range(10.0f32..80.0);
    let page = RgbaImage::from_fn(ink.width as u32, ink.height as u32, |x, y| {
        let v = (paper - ink.at(x as usize, y as usize).clamp(0.0, 1.0) * (paper - pen)).round() as u8;
        Rgba([v, v, v, 255])
    });
    let angle = rng.gen_range(10.0f32..25.0).to_radians() * if rng.gen_bool(0.5) { 1.0 } else { -1.0 };
    // The page beyond the picture fills the corners: it is padded to hold the whole number once turned.
    let (w, h) = (page.width() as f32, page.height() as f32);
    let (sin, cos) = (angle.sin().abs(), angle.cos());
    let (frame_w, frame_h) = ((w * cos + h * sin).ceil() as u32, (w * sin + h * cos).ceil() as u32);
    let ground = Rgba([paper as u8, paper as u8, paper as u8, 255]);
    let mut framed = RgbaImage::from_pixel(frame_w, frame_h, ground);
    image::imageops::overlay(&mut framed, &page, ((frame_w - page.width()) / 2) as i64, ((frame_h - page.height()) / 2) as i64);
    let turned = rotate_about_center(&framed, angle, Interpolation::Bilinear, Border::Constant(ground));
    Ok(Case::picture(image::imageops::blur(&turned, rng.gen_range(0.3..1.0)), Expected::Number(number)))
}

/// 2–5 held-out UNIPEN digits written in a row (see [`unipen_number_file`]), as ink, and the number.
fn number_in_a_row(sources: &Sources, rng: &mut StdRng) -> Result<(InkMap, String), SuiteError> {
    let digits = sources.held_out_unipen()?;
    let height = rng.gen_range(40.0f32..300.0);
    let pen_width = (height * rng.gen_range(0.01f32..0.1)).max(1.2);
    let tight = rng.gen_bool(0.5);
    let margin = |rng: &mut StdRng| height * if tight { rng.gen_range(0.08..0.15) } else { rng.gen_range(0.3..1.0) };
    let (top, mut x) = (margin(rng), margin(rng));
    let (mut strokes, mut number) = (Vec::new(), String::new());
    for _ in 0..rng.gen_range(2..=5) {
        let digit = &digits[rng.gen_range(0..digits.len())];
        let Some(width) = write_in_row(&mut strokes, digit, (x, top), height, rng) else { continue };
        x += width + height * rng.gen_range(0.15..0.5);
        number.push(char::from(b'0' + digit.label));
    }
    let (_, _, right, bottom) = pen::extent(&strokes).unwrap_or((0.0, 0.0, x, height));
    let (width, full_height) = (right + pen_width + margin(rng), bottom + pen_width + margin(rng));
    Ok((pen::render(&strokes, width as usize, full_height as usize, pen_width), number))
}

/// Adds `digit`'s strokes to a row of writing: its left edge at `x`, 0.9–1.1 times `height` tall from about
/// `top`. Returns how wide it came out, or `None` for a digit without ink.
pub(super) fn write_in_row(strokes: &mut Vec<Stroke>, digit: &PenDigit, (x, top): (f32, f32), height: f32, rng: &mut StdRng) -> Option<f32> {
    let (x0, y0, x1, y1) = pen::extent(&digit.strokes)?;
    let scale = height * rng.gen_range(0.9..1.1) / (y1 - y0).max(1e-3);
    let dy = top + height * rng.gen_range(-0.05..0.05);
    strokes.extend(pen::transform(&digit.strokes, |(px, py)| ((px - x0) * scale + x, (py - y0) * scale + dy)));
    Some((x1 - x0) * scale)
}

/// Ink as a picture saved by a drawing app: a dark colour on white, or a third of the time on a clear background,
/// half of those in a light colour.
fn as_file(ink: &InkMap, rng: &mut StdRng) -> RgbaImage {
    let clear = rng.gen_bool(1.0 / 3.0);
    let colour = if clear && rng.gen_bool(0.5) {
        [rng.gen_range(220..=255), rng.gen_range(220..=255), rng.gen_range(220..=255)]
    } else {
        [rng.gen_range(0..60), rng.gen_range(0..60), rng.gen_range(0..160)]
    };
    RgbaImage::from_fn(ink.width as u32, ink.height as u32, |x, y| {
        let coverage = ink.at(x as usize, y as usize).clamp(0.0, 1.0);
        if clear {
            Rgba([colour[0], colour[1], colour[2], (coverage * 255.0).round() as u8])
        } else {
            let mix = |c: u8| (255.0 - coverage * (255.0 - c as f32)).round() as u8;
            Rgba([mix(colour[0]), mix(colour[1]), mix(colour[2]), 255])
        }
    })
}
