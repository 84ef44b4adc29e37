//! Numbers written uphill or downhill on the canvas: 2–4 held-out UNIPEN digits, each upright, along a
//! baseline sloping 10–30° either way, as people write with a finger or on unruled paper.

use rand::rngs::StdRng;
use rand::Rng;

use super::draw::{grey, on_canvas, CANVAS_SIDE};
use super::files::write_in_row;
use super::{Case, Expected, Sources, SuiteError};
use crate::synthetic::pen;

/// A number of 2–4 held-out UNIPEN digits with gaps of 0.15–0.5 of their height, its baseline sloping 10–30°
/// up or down, the whole fitted into 70–95 % of the canvas with a pen 4–12 % of a digit's height.
pub fn unipen_number_sloping(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let digits = sources.held_out_unipen()?;
    let degrees = rng.gen_range(10.0f32..30.0) * if rng.gen_bool(0.5) { -1.0 } else { 1.0 };
    let slope = degrees.to_radians().tan();
    let height = 100.0;
    let (mut strokes, mut number, mut x) = (Vec::new(), String::new(), 0.0);
    for _ in 0..rng.gen_range(2..=4) {
        let digit = &digits[rng.gen_range(0..digits.len())];
        let Some(width) = write_in_row(&mut strokes, digit, (x, slope * x), height, rng) else { continue };
        x += width + height * rng.gen_range(0.15..0.5);
        number.push(char::from(b'0' + digit.label));
    }
    let (x0, y0, x1, y1) = pen::extent(&strokes).unwrap_or((0.0, 0.0, height, height));
    let size = CANVAS_SIDE as f32 * rng.gen_range(0.7..0.95);
    let digit_height = height * size / (x1 - x0).max(y1 - y0);
    let ink = on_canvas(&strokes, size, digit_height * rng.gen_range(0.04..0.12), rng);
    Ok(Case::canvas(grey(&ink), CANVAS_SIDE, Expected::Number(number)))
}
