//! A date written by one writer: day, month and year of held-out UNIPEN digits, all by the same writer (so
//! their slant is the writer's), parted by slashes, dots or dashes drawn with the same pen ("3/07/2024",
//! "12.03.24", "5-11-98"), scanned as dark ink on light paper. The slash leans 0.35–1.0 columns per row, the
//! way people write it, from nearly as upright as a slanted 1 to 45°. Whole number exact: separators are not
//! digits.

use image::{Rgba, RgbaImage};
use rand::rngs::StdRng;
use rand::Rng;

use super::files::write_in_row;
use super::{Case, Expected, Sources, SuiteError};
use crate::synthetic::pen::{self, Stroke};
use crate::synthetic::unipen::PenDigit;

/// A writer needs this many held-out digits to write a date with.
const LEAST_DIGITS: usize = 12;

pub fn unipen_date(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let digits = sources.held_out_unipen()?;
    let hand = one_writers_digits(digits, rng);
    let height = rng.gen_range(30.0f32..120.0);
    let pen_width = (height * rng.gen_range(0.03f32..0.1)).max(1.2);
    let separator = [Separator::Slash, Separator::Slash, Separator::Slash, Separator::Dot, Separator::Dash][rng.gen_range(0..5)];
    let slash_lean = rng.gen_range(0.35f32..1.0);
    let year = if rng.gen_bool(0.5) { 2 } else { 4 };
    let parts = [rng.gen_range(1..=2), rng.gen_range(1..=2), year];
    let margin = height * rng.gen_range(0.2..0.8);
    let (top, mut x) = (margin, margin);
    let (mut strokes, mut number) = (Vec::new(), String::new());
    for (p, &count) in parts.iter().enumerate() {
        if p > 0 {
            x += height * rng.gen_range(0.1..0.3);
            let (mark, width) = separator.strokes(x, top, height, slash_lean, rng);
            strokes.extend(mark);
            x += width + height * rng.gen_range(0.1..0.3);
        }
        for d in 0..count {
            if d > 0 {
                x += height * rng.gen_range(0.12..0.4);
            }
            let digit = hand[rng.gen_range(0..hand.len())];
            let Some(width) = write_in_row(&mut strokes, digit, (x, top), height, rng) else { continue };
            x += width;
            number.push(char::from(b'0' + digit.label));
        }
    }
    let (_, _, right, bottom) = pen::extent(&strokes).unwrap_or((0.0, 0.0, x, height));
    let (width, full_height) = (right + pen_width + margin, bottom + pen_width + margin);
    let ink = pen::render(&strokes, width as usize, full_height as usize, pen_width);
    let paper = rng.gen_range(0.82f32..1.0);
    let darkness = rng.gen_range(0.6f32..0.9);
    let picture = RgbaImage::from_fn(ink.width as u32, ink.height as u32, |x, y| {
        let level = paper * (1.0 - darkness * ink.at(x as usize, y as usize).clamp(0.0, 1.0));
        let v = (level * 255.0).round() as u8;
        Rgba([v, v, (v as f32 * 0.97) as u8, 255])
    });
    let scanned = image::imageops::blur(&picture, rng.gen_range(0.2..0.9));
    Ok(Case::picture(scanned, Expected::Number(number)))
}

/// The held-out digits of one writer with at least [`LEAST_DIGITS`] of them, chosen at random.
fn one_writers_digits<'a>(digits: &'a [PenDigit], rng: &mut StdRng) -> Vec<&'a PenDigit> {
    for _ in 0..50 {
        let writer = &digits[rng.gen_range(0..digits.len())].writer;
        let hand: Vec<&PenDigit> = digits.iter().filter(|d| &d.writer == writer).collect();
        if hand.len() >= LEAST_DIGITS {
            return hand;
        }
    }
    digits.iter().collect()
}

#[derive(Debug, Clone, Copy)]
enum Separator {
    Slash,
    Dot,
    Dash,
}

impl Separator {
    /// The separator's strokes starting at `x`, for digits from `top`, `height` tall, and how wide it is.
    fn strokes(self, x: f32, top: f32, height: f32, slash_lean: f32, rng: &mut StdRng) -> (Vec<Stroke>, f32) {
        match self {
            Separator::Slash => {
                let tall = height * rng.gen_range(0.9..1.3);
                let bottom = top + height / 2.0 + tall / 2.0 + height * rng.gen_range(-0.1..0.15);
                let across = tall * slash_lean;
                (vec![vec![(x, bottom), (x + across, bottom - tall)]], across)
            }
            Separator::Dot => {
                let y = top + height * rng.gen_range(0.9..1.0);
                let r = height * 0.02;
                (vec![vec![(x, y), (x + r, y + r * 0.5)]], r)
            }
            Separator::Dash => {
                let long = height * rng.gen_range(0.25..0.45);
                let y = top + height * rng.gen_range(0.45..0.6);
                (vec![vec![(x, y), (x + long, y - long * rng.gen_range(0.0..0.1))]], long)
            }
        }
    }
}
