//! Held-out UNIPEN digits written in a printed box on a form, then scanned: the box 40–200 px (a little
//! wider than tall, or taller), its line 1–3.5 % of its side and grey, the digit 55–90 % of the box's height
//! anywhere inside it. Half the pictures are cropped at the box's lines (the frame is the picture's border),
//! half with paper around the box. Read as a picture: the box is not ink of the digit.

use image::{Rgba, RgbaImage};
use rand::rngs::StdRng;
use rand::Rng;

use recognizer::preprocess::InkMap;

use super::{Case, Expected, Sources, SuiteError};
use crate::synthetic::pen;

pub fn unipen_form_box(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let digits = sources.held_out_unipen()?;
    let digit = &digits[rng.gen_range(0..digits.len())];
    let box_height = rng.gen_range(40.0f32..200.0);
    let box_width = box_height * rng.gen_range(0.8..1.3);
    let line = (box_height * rng.gen_range(0.01f32..0.035)).max(1.0);
    // At the lines, the frame's outer edge may be cut by up to half its width; else paper around.
    let margin = if rng.gen_bool(0.5) { -rng.gen_range(0.0..=line / 2.0) } else { box_height * rng.gen_range(0.03..0.2) };
    let (width, height) = (box_width + 2.0 * margin + line, box_height + 2.0 * margin + line);
    let (left, top) = (margin + line / 2.0, margin + line / 2.0);
    let frame = vec![vec![(left, top), (left + box_width, top), (left + box_width, top + box_height), (left, top + box_height), (left, top)]];
    let frame = pen::render(&frame, width as usize, height as usize, line);

    let size = box_height * rng.gen_range(0.55..0.9);
    let pen_width = (size * rng.gen_range(0.05f32..0.12)).max(1.2);
    // The digit stays clear of the lines by a pen's width.
    let room = |side: f32| ((side - size - line) / 2.0 - pen_width).max(0.0);
    let centre = (
        left + box_width / 2.0 + rng.gen_range(-room(box_width)..=room(box_width)),
        top + box_height / 2.0 + rng.gen_range(-room(box_height)..=room(box_height)),
    );
    let strokes = pen::fit(&digit.strokes, size - pen_width, centre);
    let ink = pen::render(&strokes, width as usize, height as usize, pen_width);
    Ok(Case::picture(scanned(&frame, &ink, rng), Expected::Number(digit.label.to_string())))
}

/// The printed frame in grey and the handwriting in a dark pen's colour, on off-white paper.
fn scanned(frame: &InkMap, ink: &InkMap, rng: &mut StdRng) -> RgbaImage {
    let paper = rng.gen_range(225.0f32..=255.0);
    let printed = rng.gen_range(0.0f32..140.0);
    let pen = [rng.gen_range(0.0f32..60.0), rng.gen_range(0.0f32..60.0), rng.gen_range(0.0f32..160.0)];
    RgbaImage::from_fn(ink.width as u32, ink.height as u32, |x, y| {
        let (f, i) = (frame.at(x as usize, y as usize).clamp(0.0, 1.0), ink.at(x as usize, y as usize).clamp(0.0, 1.0));
        let under = paper - f * (paper - printed);
        let channel = |c: f32| (under - i * (under - c.min(under))).round() as u8;
        Rgba([channel(pen[0]), channel(pen[1]), channel(pen[2]), 255])
    })
}
