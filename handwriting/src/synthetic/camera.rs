//! Turns an ink map into a picture: a phone photo of paper, or a clean canvas export.

use std::f32::consts::PI;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{GrayImage, ImageReader, Rgb, RgbImage, RgbaImage};
use imageproc::filter::gaussian_blur_f32;
use imageproc::geometric_transformations::{warp, Border, Interpolation, Projection};
use rand::rngs::StdRng;
use rand::Rng;

/// The ink fitted into a `side`×`side` canvas (margins kept, aspect kept), as the app's canvas sends it.
pub fn canvas_square(ink: &GrayImage, side: u32) -> RgbaImage {
    let scale = (side as f32 / ink.width() as f32).min(side as f32 / ink.height() as f32);
    let (w, h) = (((ink.width() as f32 * scale) as u32).clamp(1, side), ((ink.height() as f32 * scale) as u32).clamp(1, side));
    let small = image::imageops::resize(ink, w, h, image::imageops::FilterType::Triangle);
    let mut square = GrayImage::new(side, side);
    image::imageops::overlay(&mut square, &small, ((side - w) / 2) as i64, ((side - h) / 2) as i64);
    canvas(&square)
}

/// Dark ink on white, fully opaque, as the canvas exports it.
pub fn canvas(ink: &GrayImage) -> RgbaImage {
    RgbaImage::from_fn(ink.width(), ink.height(), |x, y| {
        let a = ink.get_pixel(x, y)[0] as f32 / 255.0;
        let v = |ink_level: f32| (255.0 * (1.0 - a) + ink_level * a).round() as u8;
        image::Rgba([v(20.0), v(20.0), v(30.0), 255])
    })
}

/// Writes the ink on tinted paper with a tinted pen, then tilts the page, lights it unevenly, casts a soft
/// shadow, blurs, adds sensor noise and saves it as a JPEG.
pub fn photograph(ink: &GrayImage, rng: &mut StdRng) -> RgbaImage {
    let paper = paper_tint(rng);
    let background = RgbImage::from_pixel(ink.width(), ink.height(), Rgb(paper.map(|v| v as u8)));
    photograph_on(ink, &background, rng)
}

/// A random paper colour, light and slightly tinted.
pub fn paper_tint(rng: &mut StdRng) -> [f32; 3] {
    [rng.gen_range(200.0..250.0), rng.gen_range(195.0..245.0), rng.gen_range(175.0..240.0)]
}

/// Like [`photograph`], writing on `background` (ruled or patterned paper, the ink's size).
pub fn photograph_on(ink: &GrayImage, background: &RgbImage, rng: &mut StdRng) -> RgbaImage {
    let page = write_on(ink, background, rng);
    let paper = *background.get_pixel(0, 0);
    let page = tilt(&page, paper, rng);
    finish(light(&page, rng), rng)
}

/// A flatbed scan of `ink` written on `background`: nearly straight, even light, noise and JPEG.
pub fn scan(ink: &GrayImage, background: &RgbImage, rng: &mut StdRng) -> RgbaImage {
    let page = write_on(ink, background, rng);
    let angle = rng.gen_range(-1.5f32..1.5) * PI / 180.0;
    let (cx, cy) = (page.width() as f32 / 2.0, page.height() as f32 / 2.0);
    let paper = *background.get_pixel(0, 0);
    let projection =
        Projection::translate(-cx, -cy).and_then(Projection::rotate(angle)).and_then(Projection::translate(cx, cy));
    finish(warp(&page, projection, Interpolation::Bilinear, Border::Constant(paper)), rng)
}

/// Pen ink of a random dark colour over `background`.
fn write_on(ink: &GrayImage, background: &RgbImage, rng: &mut StdRng) -> RgbImage {
    let pen_level: f32 = rng.gen_range(10.0..90.0);
    let pen: [f32; 3] = [pen_level * rng.gen_range(0.6..1.0), pen_level * rng.gen_range(0.6..1.0), pen_level * rng.gen_range(0.8..1.4)];
    RgbImage::from_fn(ink.width(), ink.height(), |x, y| {
        let a = ink.get_pixel(x, y)[0] as f32 / 255.0;
        let paper = background.get_pixel(x, y).0;
        Rgb(std::array::from_fn(|c| (paper[c] as f32 * (1.0 - a) + pen[c].min(paper[c] as f32) * a) as u8))
    })
}

/// Blur, sensor noise and JPEG, as a phone or scanner delivers the picture.
fn finish(mut lit: RgbImage, rng: &mut StdRng) -> RgbaImage {
    if rng.gen_bool(0.7) {
        lit = gaussian_blur_f32(&lit, rng.gen_range(0.3..1.2));
    }
    add_noise(&mut lit, rng.gen_range(2.0..8.0), rng);
    let quality = rng.gen_range(45..92);
    let photo = jpeg_round_trip(&lit, quality);
    image::DynamicImage::ImageRgb8(photo).into_rgba8()
}

/// A small rotation and perspective: each corner moves by up to 5 % of the page.
fn tilt(page: &RgbImage, paper: Rgb<u8>, rng: &mut StdRng) -> RgbImage {
    let (w, h) = (page.width() as f32, page.height() as f32);
    let angle = rng.gen_range(-6.0f32..6.0) * PI / 180.0;
    let (cx, cy) = (w / 2.0, h / 2.0);
    let corners = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let jitter = 0.05 * w.min(h);
    let moved = corners.map(|(x, y)| {
        let (dx, dy) = (x - cx, y - cy);
        let (rx, ry) = (dx * angle.cos() - dy * angle.sin(), dx * angle.sin() + dy * angle.cos());
        (cx + rx + rng.gen_range(-jitter..=jitter), cy + ry + rng.gen_range(-jitter..=jitter))
    });
    match Projection::from_control_points(corners, moved) {
        Some(projection) => warp(page, projection, Interpolation::Bilinear, Border::Constant(paper)),
        None => page.clone(),
    }
}

/// Uneven light: a brightness gradient across the page and, often, a soft-edged shadow.
fn light(page: &RgbImage, rng: &mut StdRng) -> RgbImage {
    let (w, h) = (page.width() as f32, page.height() as f32);
    let diagonal = w.hypot(h);
    let direction = rng.gen_range(0.0..2.0 * PI);
    let darkest = rng.gen_range(0.55..1.0);
    let shadow = rng.gen_bool(0.6).then(|| {
        let angle = rng.gen_range(0.0..2.0 * PI);
        let (nx, ny) = (angle.cos(), angle.sin());
        let offset = rng.gen_range(-0.3..0.3) * diagonal;
        let depth = rng.gen_range(0.25..0.5);
        let softness = rng.gen_range(0.04..0.12) * diagonal;
        (nx, ny, offset, depth, softness)
    });
    let mut lit = page.clone();
    for (x, y, p) in lit.enumerate_pixels_mut() {
        let (px, py) = (x as f32 - w / 2.0, y as f32 - h / 2.0);
        let along = (px * direction.cos() + py * direction.sin()) / diagonal + 0.5; // 0..1 across the page
        let mut factor = 1.0 - (1.0 - darkest) * along.clamp(0.0, 1.0);
        if let Some((nx, ny, offset, depth, softness)) = shadow {
            let distance = px * nx + py * ny - offset;
            factor *= 1.0 - depth / (1.0 + (-distance / softness).exp());
        }
        p.0 = p.0.map(|c| (c as f32 * factor).round().clamp(0.0, 255.0) as u8);
    }
    lit
}

fn add_noise(image: &mut RgbImage, sigma: f32, rng: &mut StdRng) {
    for value in image.iter_mut() {
        // Box–Muller: one normal sample per channel.
        let (u1, u2): (f32, f32) = (rng.gen_range(f32::EPSILON..1.0), rng.gen());
        let normal = (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos();
        *value = (*value as f32 + sigma * normal).round().clamp(0.0, 255.0) as u8;
    }
}

fn jpeg_round_trip(image: &RgbImage, quality: u8) -> RgbImage {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(image).expect("JPEG encoding in memory");
    ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Jpeg)
        .decode()
        .expect("decoding our own JPEG")
        .into_rgb8()
}
