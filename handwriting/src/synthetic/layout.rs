//! Places MNIST digits side by side as an ink-coverage map (0..1): sizes, baselines and gaps vary the
//! way handwriting does.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma};
use rand::rngs::StdRng;
use rand::Rng;

use crate::mnist::Split;

#[derive(Debug, Clone, Copy)]
pub enum Spacing {
    /// Uneven gaps, wandering baseline, margins of any size.
    Handwritten,
    /// Wider, steadier gaps, as people draw digits on a canvas.
    Canvas,
    /// Neighbours that touch or overlap, and 1s close to them: numbers written fast.
    Touching,
}

/// One mark of a written number: a digit of the test set, or a separator drawn with the pen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Token {
    Digit(usize),
    /// A dot near the baseline ("100.000", "12.03.2024").
    Dot,
    /// A comma: a short tail from the baseline down ("1,250").
    Comma,
    /// A slanted stroke as tall as the digits ("12/03").
    Slash,
    /// A wider gap between groups of digits ("1 250 000").
    Space,
    /// A short level stroke at mid height closing an amount ("150.-", "1 250,-").
    Dash,
    /// Two short level strokes closing an amount ("150=").
    Equals,
}

/// Renders the digits `indices` of `set` about `height` pixels tall, left to right, with margins.
pub fn write_number(set: &Split, indices: &[usize], height: f32, spacing: Spacing, rng: &mut StdRng) -> GrayImage {
    let tokens: Vec<Token> = indices.iter().map(|&i| Token::Digit(i)).collect();
    write_tokens(set, &tokens, height, spacing, rng)
}

/// Like [`write_number`], with separators drawn as pen marks between the digits.
pub fn write_tokens(set: &Split, tokens: &[Token], height: f32, spacing: Spacing, rng: &mut StdRng) -> GrayImage {
    let pen = height * 0.12;
    let glyphs: Vec<GrayImage> = tokens
        .iter()
        .map(|&token| match token {
            Token::Digit(i) => {
                let size = height * rng.gen_range(0.9..1.1);
                scaled_glyph(set.image(i), size / 20.0)
            }
            other => separator(other, height, pen, rng),
        })
        .collect();
    let (gap_range, margin_range) = match spacing {
        Spacing::Handwritten => (0.1..0.6, 0.3..2.5),
        Spacing::Canvas => (0.25..0.8, 0.3..1.0),
        Spacing::Touching => (-0.15..0.12, 0.3..1.5),
    };
    let gaps: Vec<i32> = (1..glyphs.len())
        .map(|i| {
            let gap = height * rng.gen_range(gap_range.clone());
            // Separators sit in a gap of their own; a 1 beside a neighbour comes close but rarely overlaps.
            let one = |t: &Token| matches!(t, Token::Digit(d) if set.labels[*d] == 1);
            let touching_one = matches!(spacing, Spacing::Touching) && (one(&tokens[i - 1]) || one(&tokens[i]));
            let sep = !matches!(tokens[i - 1], Token::Digit(_)) || !matches!(tokens[i], Token::Digit(_));
            if sep { (height * rng.gen_range(0.08..0.3)) as i32 } else if touching_one { gap.max(-0.03 * height) as i32 } else { gap as i32 }
        })
        .collect();
    let margins: [u32; 4] = std::array::from_fn(|_| (height * rng.gen_range(margin_range.clone())) as u32);
    let wobble = match spacing {
        Spacing::Handwritten | Spacing::Touching => 0.1,
        Spacing::Canvas => 0.05,
    };
    let tallest = glyphs.iter().zip(tokens).filter(|(_, t)| matches!(t, Token::Digit(_))).map(|(g, _)| g.height()).max().unwrap_or(height as u32);
    let tail = if tokens.contains(&Token::Comma) { (0.3 * height) as u32 } else { 0 };
    let line = tallest + (2.0 * wobble * height) as u32 + tail;
    let inked: i32 = glyphs.iter().map(|g| g.width() as i32).sum::<i32>() + gaps.iter().sum::<i32>();
    let width = margins[0] + margins[2] + inked.max(1) as u32;
    let mut page = GrayImage::new(width, margins[1] + line + margins[3]);
    let mut x = margins[0] as i32;
    for (i, glyph) in glyphs.iter().enumerate() {
        let baseline_shift = rng.gen_range(0.0..=2.0 * wobble * height) as u32;
        let y = margins[1] + baseline_shift + match tokens[i] {
            Token::Digit(_) | Token::Space | Token::Slash | Token::Dash | Token::Equals => {
                (tallest - glyph.height().min(tallest)) / 2
            }
            // Dots and commas hang from the baseline.
            Token::Dot => tallest.saturating_sub(glyph.height()),
            Token::Comma => tallest.saturating_sub(glyph.height() / 3),
        };
        for (gx, gy, p) in glyph.enumerate_pixels() {
            let (tx, ty) = (x + gx as i32, y + gy);
            if tx >= 0 && (tx as u32) < page.width() && ty < page.height() {
                let target = page.get_pixel_mut(tx as u32, ty);
                target[0] = target[0].max(p[0]);
            }
        }
        x += glyph.width() as i32 + gaps.get(i).copied().unwrap_or(0);
    }
    page
}

/// A separator as a pen mark about `pen` wide, for digits `height` tall.
fn separator(token: Token, height: f32, pen: f32, rng: &mut StdRng) -> GrayImage {
    match token {
        Token::Dot => {
            let r = pen * rng.gen_range(0.6..1.1);
            stroke_image(&[(r, r), (r + rng.gen_range(0.0..0.6) * r, r + rng.gen_range(0.0..0.4) * r)], r, 0.0)
        }
        Token::Comma => {
            let long = height * rng.gen_range(0.2..0.35);
            let lean = long * rng.gen_range(0.3..0.7);
            stroke_image(&[(lean + pen, pen), (lean * 0.6 + pen, long * 0.5 + pen), (pen, long + pen)], pen * 0.55, 0.0)
        }
        Token::Slash => {
            let tall = height * rng.gen_range(0.9..1.2);
            let lean = tall * rng.gen_range(0.9..1.3);
            stroke_image(&[(pen, tall + pen), (lean + pen, pen)], pen * rng.gen_range(0.4..0.6), 0.0)
        }
        Token::Space => GrayImage::new((height * rng.gen_range(0.2..0.5)) as u32, 1),
        Token::Dash => {
            let long = height * rng.gen_range(0.25..0.55);
            let rise = long * rng.gen_range(-0.15..0.15);
            let radius = pen * rng.gen_range(0.45..0.6);
            stroke_image(&[(pen, pen + rise.max(0.0)), (long + pen, pen + (-rise).max(0.0))], radius, 0.0)
        }
        Token::Equals => {
            let long = height * rng.gen_range(0.25..0.5);
            let apart = height * rng.gen_range(0.15..0.3);
            let radius = pen * rng.gen_range(0.45..0.6);
            let top = stroke_image(&[(pen, pen), (long + pen, pen)], radius, 0.0);
            let bottom = stroke_image(&[(pen * 1.5, apart + pen), (long + pen * 0.5, apart + pen)], radius, 0.0);
            overlaid(&top, &bottom)
        }
        Token::Digit(_) => unreachable!("digits are glyphs"),
    }
}

/// Two marks drawn over each other, on a canvas big enough for both.
fn overlaid(a: &GrayImage, b: &GrayImage) -> GrayImage {
    GrayImage::from_fn(a.width().max(b.width()), a.height().max(b.height()), |x, y| {
        let at = |g: &GrayImage| if x < g.width() && y < g.height() { g.get_pixel(x, y)[0] } else { 0 };
        Luma([at(a).max(at(b))])
    })
}

/// Anti-aliased round-capped polyline of radius `radius` through `points`, on a canvas just big enough.
fn stroke_image(points: &[(f32, f32)], radius: f32, _pad: f32) -> GrayImage {
    let right = points.iter().map(|p| p.0).fold(0.0, f32::max) + radius + 1.0;
    let bottom = points.iter().map(|p| p.1).fold(0.0, f32::max) + radius + 1.0;
    GrayImage::from_fn(right.ceil() as u32, bottom.ceil() as u32, |x, y| {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        let d = points
            .windows(2)
            .map(|w| segment_distance((px, py), w[0], w[1]))
            .chain(points.first().map(|&a| segment_distance((px, py), a, a)))
            .fold(f32::MAX, f32::min);
        Luma([((radius + 0.5 - d).clamp(0.0, 1.0) * 255.0) as u8])
    })
}

fn segment_distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0) };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// The digit's ink cropped to its box and scaled by `scale`.
fn scaled_glyph(pixels: &[u8], scale: f32) -> GrayImage {
    let (mut x0, mut y0, mut x1, mut y1) = (27, 27, 0, 0);
    for (i, &p) in pixels.iter().enumerate() {
        if p > 0 {
            let (x, y) = (i % 28, i / 28);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
    }
    let crop = GrayImage::from_fn((x1 + 1 - x0) as u32, (y1 + 1 - y0) as u32, |x, y| {
        Luma([pixels[(y0 + y as usize) * 28 + x0 + x as usize]])
    });
    let width = ((crop.width() as f32 * scale).round() as u32).max(1);
    let height = ((crop.height() as f32 * scale).round() as u32).max(1);
    imageops::resize(&crop, width, height, FilterType::Triangle)
}
