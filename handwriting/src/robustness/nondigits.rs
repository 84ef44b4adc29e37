//! Non-digit classes, which must come back Unsure: noise, letters, shapes, scribbles and lines on the
//! canvas; the same marks on photographed paper; noise pictures; and blank paper (grid, ruled, dotted,
//! textured) photographed.

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, RgbaImage};
use imageproc::filter::gaussian_blur_f32;
use rand::rngs::StdRng;
use rand::Rng;

use super::draw::{coverage_image, grey, hand, normal, on_canvas, pen_width, CANVAS_SIDE};
use super::marks;
use super::{Case, Expected, Sources, SuiteError};
use recognizer::preprocess::InkMap;
use crate::synthetic::camera::photograph;
use crate::synthetic::pen::{self, Stroke};

type Generated = Result<Case, SuiteError>;

/// A mark drawn on the canvas, 40–120 px, by a shaky hand.
fn on_the_canvas(strokes: &[Stroke], rng: &mut StdRng) -> Case {
    let strokes = hand(strokes, rng);
    let height = rng.gen_range(40.0..120.0);
    let pen = pen_width(height, rng);
    Case::canvas(grey(&on_canvas(&strokes, height, pen, rng)), CANVAS_SIDE, Expected::Unsure)
}

/// A mark written on paper (sometimes ruled) and photographed with a phone.
fn on_paper(strokes: &[Stroke], rng: &mut StdRng) -> Case {
    let strokes = hand(strokes, rng);
    let (width, height) = (rng.gen_range(100..300usize), rng.gen_range(100..300usize));
    let size = rng.gen_range(0.3..0.75) * width.min(height) as f32;
    let pen_width = (size * rng.gen_range(0.03..0.1)).max(1.5);
    let room = |side: usize| ((side as f32 - size) / 2.0 - pen_width).max(0.0);
    let (rx, ry) = (room(width), room(height));
    let centre = (width as f32 / 2.0 + rng.gen_range(-rx..=rx), height as f32 / 2.0 + rng.gen_range(-ry..=ry));
    let mut ink = pen::render(&pen::fit(&strokes, size, centre), width, height, pen_width);
    if rng.gen_bool(0.25) {
        add_paper(&mut ink, rng.gen_range(1..3), rng);
    }
    Case::picture(photograph(&coverage_image(&ink), rng), Expected::Unsure)
}

pub fn letters_canvas(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_the_canvas(&marks::any_letter(rng), rng))
}

pub fn letters_photo(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_paper(&marks::any_letter(rng), rng))
}

pub fn shapes_canvas(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_the_canvas(&marks::shape(rng), rng))
}

pub fn shapes_photo(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_paper(&marks::shape(rng), rng))
}

pub fn scribbles_canvas(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_the_canvas(&marks::scribble(rng), rng))
}

pub fn scribbles_photo(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_paper(&marks::scribble(rng), rng))
}

pub fn lines_canvas(_: &Sources, rng: &mut StdRng) -> Generated {
    Ok(on_the_canvas(&marks::lines(rng), rng))
}

/// Noise values 0..1 (1 = white): uniform, Gaussian, sparse dark specks, or blotches.
fn noise_levels(width: usize, height: usize, rng: &mut StdRng) -> Vec<f32> {
    match rng.gen_range(0..4) {
        0 => (0..width * height).map(|_| rng.gen()).collect(),
        1 => {
            let (mean, sigma) = (rng.gen_range(0.3..0.7), rng.gen_range(0.1..0.3));
            (0..width * height).map(|_| (mean + sigma * normal(rng)).clamp(0.0, 1.0)).collect()
        }
        2 => {
            let density = rng.gen_range(0.01..0.2);
            (0..width * height).map(|_| if rng.gen_bool(density) { rng.gen_range(0.0..0.4) } else { 1.0 }).collect()
        }
        _ => {
            let cell = rng.gen_range(4..16);
            let small = GrayImage::from_fn((width / cell + 2) as u32, (height / cell + 2) as u32, |_, _| Luma([rng.gen()]));
            let big = imageops::resize(&small, width as u32, height as u32, FilterType::Triangle);
            big.pixels().map(|p| p[0] as f32 / 255.0).collect()
        }
    }
}

pub fn noise_canvas(_: &Sources, rng: &mut StdRng) -> Generated {
    let levels = noise_levels(CANVAS_SIDE, CANVAS_SIDE, rng);
    Ok(Case::canvas(levels.iter().map(|v| (v * 255.0).round() as u8).collect(), CANVAS_SIDE, Expected::Unsure))
}

pub fn noise_photo(_: &Sources, rng: &mut StdRng) -> Generated {
    let (width, height) = (rng.gen_range(40..300usize), rng.gen_range(40..300usize));
    let colour = rng.gen_bool(0.5);
    let channels: Vec<Vec<f32>> = if colour {
        (0..3).map(|_| noise_levels(width, height, rng)).collect()
    } else {
        vec![noise_levels(width, height, rng); 3]
    };
    let image = RgbaImage::from_fn(width as u32, height as u32, |x, y| {
        let i = y as usize * width + x as usize;
        let [r, g, b] = [0, 1, 2].map(|c| (channels[c][i] * 255.0).round() as u8);
        image::Rgba([r, g, b, 255])
    });
    Ok(Case::picture(image, Expected::Unsure))
}

/// Faint printed paper into `ink`: 0 blank, 1 ruled (maybe with a margin), 2 grid, 3 dotted.
fn add_paper(ink: &mut InkMap, kind: u32, rng: &mut StdRng) {
    let (w, h) = (ink.width, ink.height);
    let level = rng.gen_range(0.15..0.5);
    let mut paper = InkMap::new(w, h);
    let line_width = rng.gen_range(1.0..2.2);
    match kind {
        1 | 2 => {
            let gap = rng.gen_range(if kind == 1 { 18.0..36.0 } else { 10.0..28.0 });
            let offset = rng.gen_range(0.0..gap);
            let mut strokes: Vec<Stroke> = Vec::new();
            let mut y = offset;
            while y < h as f32 {
                strokes.push(vec![(0.0, y), (w as f32, y)]);
                y += gap;
            }
            let mut x = offset;
            while kind == 2 && x < w as f32 {
                strokes.push(vec![(x, 0.0), (x, h as f32)]);
                x += gap;
            }
            if kind == 1 && rng.gen_bool(0.4) {
                let x = rng.gen_range(0.05..0.25) * w as f32;
                strokes.push(vec![(x, 0.0), (x, h as f32)]);
            }
            pen::draw(&mut paper, &strokes, line_width);
        }
        3 => {
            let gap = rng.gen_range(10.0..24.0);
            let (mut strokes, mut y) = (Vec::new(), rng.gen_range(0.0..gap));
            while y < h as f32 {
                let mut x = rng.gen_range(0.0..gap);
                while x < w as f32 {
                    strokes.push(vec![(x, y)]);
                    x += gap;
                }
                y += gap;
            }
            pen::draw(&mut paper, &strokes, line_width + 0.8);
        }
        _ => {}
    }
    for (value, p) in ink.values.iter_mut().zip(&paper.values) {
        *value = value.max(p * level);
    }
}

/// Paper texture: fibres of faint noise, a few soft smudges, sometimes a crease.
fn texture(ink: &mut InkMap, rng: &mut StdRng) {
    let (w, h) = (ink.width, ink.height);
    let grain = rng.gen_range(0.0..0.08);
    let fibres = GrayImage::from_fn(w as u32, h as u32, |_, _| Luma([(rng.gen::<f32>() * grain * 255.0) as u8]));
    let fibres = gaussian_blur_f32(&fibres, rng.gen_range(0.4..1.5));
    // Soft round smudges: Gaussian bumps up to a fifth of the ink's strength.
    let mut smudges = InkMap::new(w, h);
    for _ in 0..rng.gen_range(0..4) {
        let (cx, cy) = (rng.gen_range(0.0..w as f32), rng.gen_range(0.0..h as f32));
        let (spread, level) = (rng.gen_range(4.0..20.0f32), rng.gen_range(0.03..0.2));
        let reach = 3.0 * spread;
        let (x0, x1) = ((cx - reach).max(0.0) as usize, ((cx + reach) as usize).min(w));
        let (y0, y1) = ((cy - reach).max(0.0) as usize, ((cy + reach) as usize).min(h));
        for y in y0..y1 {
            for x in x0..x1 {
                let d2 = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2);
                let v = &mut smudges.values[y * w + x];
                *v = v.max(level * (-d2 / (2.0 * spread * spread)).exp());
            }
        }
    }
    if rng.gen_bool(0.3) {
        let (a, b) = ((rng.gen_range(0.0..w as f32), 0.0), (rng.gen_range(0.0..w as f32), h as f32));
        let mut crease = InkMap::new(w, h);
        pen::draw(&mut crease, &[vec![a, b]], 1.5);
        let level = rng.gen_range(0.05..0.15);
        ink.values.iter_mut().zip(&crease.values).for_each(|(v, c)| *v = v.max(c * level));
    }
    for (i, value) in ink.values.iter_mut().enumerate() {
        let (x, y) = ((i % w) as u32, (i / w) as u32);
        let extra = fibres.get_pixel(x, y)[0] as f32 / 255.0 + smudges.values[i];
        *value = value.max(extra);
    }
}

pub fn paper_photo(_: &Sources, rng: &mut StdRng) -> Generated {
    let (width, height) = (rng.gen_range(100..320usize), rng.gen_range(100..320usize));
    let mut ink = InkMap::new(width, height);
    add_paper(&mut ink, rng.gen_range(0..4), rng);
    texture(&mut ink, rng);
    Ok(Case::picture(photograph(&coverage_image(&ink), rng), Expected::Unsure))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn noise_covers_the_whole_range_of_kinds() {
        let mut rng = StdRng::seed_from_u64(5);
        for _ in 0..20 {
            let levels = noise_levels(50, 40, &mut rng);
            assert_eq!(levels.len(), 2000);
            assert!(levels.iter().all(|v| (0.0..=1.0).contains(v)));
        }
    }

    #[test]
    fn blank_paper_has_only_faint_ink() {
        let mut rng = StdRng::seed_from_u64(6);
        for kind in 0..4 {
            let mut ink = InkMap::new(200, 150);
            add_paper(&mut ink, kind, &mut rng);
            texture(&mut ink, &mut rng);
            let strongest = ink.values.iter().copied().fold(0.0, f32::max);
            assert!(strongest <= 0.55, "paper {kind} has ink {strongest}");
            assert!(kind == 0 || strongest > 0.1, "paper {kind} shows no lines");
        }
    }

    #[test]
    fn letters_and_shapes_have_ink_on_the_canvas() {
        let mut rng = StdRng::seed_from_u64(7);
        for letter in marks::LETTERS.chars() {
            let case = on_the_canvas(&marks::letter(letter, &mut rng), &mut rng);
            let super::super::Input::Canvas { grey, .. } = case.input else { panic!("a canvas") };
            assert!(grey.iter().filter(|&&v| v < 128).count() > 100, "{letter} is nearly blank");
        }
    }
}
