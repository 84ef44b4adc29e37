//! A note on a desk, photographed: 1–3 held-out UNIPEN digits in a row on a light sheet (a slightly skewed
//! quadrilateral, 45–85 % of the picture each way, now and then running off one or two of its edges) on a
//! darker desk, 160–600 px, a little blurred; and the same photo taken with the phone turned 10–25°. Read as a
//! picture: the sheet's edges and the desk are not ink.

use image::{Rgba, RgbaImage};
use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
use rand::rngs::StdRng;
use rand::Rng;

use super::{Case, Expected, Sources, SuiteError};
use crate::synthetic::pen;

pub fn unipen_note_on_desk(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let (photo, number) = note_on_desk(sources, rng)?;
    Ok(Case::picture(photo, Expected::Number(number)))
}

/// The photo of [`unipen_note_on_desk`] taken with the phone turned 10–25° either way: the sheet and its digits
/// turn together, and the desk fills the corners.
pub fn unipen_note_turned(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let (photo, number) = note_on_desk(sources, rng)?;
    let angle = rng.gen_range(10.0f32..25.0).to_radians() * if rng.gen_bool(0.5) { 1.0 } else { -1.0 };
    // The sheet runs off the left or top edge at most: the bottom right corner is desk.
    let desk = *photo.get_pixel(photo.width() - 1, photo.height() - 1);
    let turned = rotate_about_center(&photo, angle, Interpolation::Bilinear, Border::Constant(desk));
    Ok(Case::picture(turned, Expected::Number(number)))
}

/// A photo of 1–3 held-out UNIPEN digits on a note on a desk, and the number written.
fn note_on_desk(sources: &Sources, rng: &mut StdRng) -> Result<(RgbaImage, String), SuiteError> {
    let digits = sources.held_out_unipen()?;
    let width = rng.gen_range(160.0f32..600.0);
    let height = width * rng.gen_range(0.7..1.3);
    let (sheet_w, sheet_h) = (width * rng.gen_range(0.45..0.85), height * rng.gen_range(0.45..0.85));
    // A third of the sheets run off the picture's left or top edge (or both).
    let off = |rng: &mut StdRng| rng.gen_bool(1.0 / 3.0);
    let left = if off(rng) { -sheet_w * 0.1 } else { rng.gen_range(0.02..0.98) * (width - sheet_w) };
    let top = if off(rng) { -sheet_h * 0.1 } else { rng.gen_range(0.02..0.98) * (height - sheet_h) };
    let skew = sheet_w.min(sheet_h) * 0.05;
    let mut jitter = || (rng.gen_range(-skew..skew), rng.gen_range(-skew..skew));
    let corners = [(0.0, 0.0), (sheet_w, 0.0), (sheet_w, sheet_h), (0.0, sheet_h)].map(|(x, y)| {
        let (dx, dy) = jitter();
        (left + x + dx, top + y + dy)
    });

    let count = rng.gen_range(1..=3);
    let visible = |a: f32, b: f32| (a.max(0.0), b);
    let (x0, x1) = visible(left + skew, left + sheet_w - skew);
    let (y0, y1) = visible(top + skew, top + sheet_h - skew);
    let size = ((y1 - y0) * rng.gen_range(0.3..0.6)).min((x1 - x0) / (count as f32 * 1.4));
    let pen_width = (size * rng.gen_range(0.04f32..0.1)).max(1.5);
    let (mut strokes, mut number) = (Vec::new(), String::new());
    let start = (x0 + x1) / 2.0 - size * 1.2 * (count as f32 - 1.0) / 2.0;
    let row = (y0 + y1) / 2.0 + rng.gen_range(-0.2..0.2) * ((y1 - y0) - size).max(0.0);
    for i in 0..count {
        let digit = &digits[rng.gen_range(0..digits.len())];
        strokes.extend(pen::fit(&digit.strokes, size, (start + i as f32 * size * 1.2, row)));
        number.push(char::from(b'0' + digit.label));
    }
    let ink = pen::render(&strokes, width as usize, height as usize, pen_width);

    let desk = rng.gen_range(0.1f32..0.45);
    let paper = rng.gen_range(0.75f32..1.0);
    let on_sheet = |x: f32, y: f32| {
        (0..4).all(|k| {
            let ((ax, ay), (bx, by)) = (corners[k], corners[(k + 1) % 4]);
            (bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0.0
        })
    };
    let picture = RgbaImage::from_fn(width as u32, height as u32, |x, y| {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        let ground = if on_sheet(fx, fy) { paper } else { desk };
        let level = ground * (1.0 - 0.85 * ink.at(x as usize, y as usize).clamp(0.0, 1.0));
        let v = (level * 255.0).round() as u8;
        Rgba([v, v, v, 255])
    });
    let blurred = image::imageops::blur(&picture, rng.gen_range(0.3..1.2));
    Ok((blurred, number))
}
