//! Seeded test scenes harder than a lone number on plain paper, made from MNIST **test** digits: numbers
//! whose digits touch (on the canvas and in photos), pages of two or three numbers, numbers on ruled and
//! squared notebook paper and in table cells, amounts and dates with separators on cheque backgrounds, and
//! tight crops that a single digit fills. Each scene knows the digits of each of its lines.

mod paper;

use std::path::Path;

use image::imageops::{self, FilterType};
use image::{GrayImage, RgbaImage};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::camera;
use super::layout::{self, Spacing, Token};
use crate::mnist::{self, IdxError, Part, Split};

/// The app's canvas side, in the pixels it sends.
pub const CANVAS_SIDE: u32 = 140;

/// The kinds of scene, each its own accuracy figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SceneKind {
    /// 2–6 digits drawn on the 140×140 canvas, neighbours touching or overlapping.
    CanvasTouching,
    /// 2–6 digits photographed, neighbours touching or overlapping.
    PhotoTouching,
    /// Two or three numbers on a page, one per line.
    Page,
    /// A number on ruled or squared notebook paper (sometimes an empty page).
    Notebook,
    /// A number in a table cell between rules.
    Table,
    /// An amount or a date with separators, on plain or patterned cheque paper.
    Amount,
    /// A scan of one digit (sometimes two) cropped tight and enlarged: the ink touches the edges.
    TightCrop,
}

impl SceneKind {
    pub const ALL: [SceneKind; 7] = [
        SceneKind::CanvasTouching,
        SceneKind::PhotoTouching,
        SceneKind::Page,
        SceneKind::Notebook,
        SceneKind::Table,
        SceneKind::Amount,
        SceneKind::TightCrop,
    ];

    /// Whether the scene is a canvas drawing (read with `read_canvas`) rather than a picture.
    pub fn is_canvas(self) -> bool {
        self == SceneKind::CanvasTouching
    }
}

/// A picture and the digits of each of its lines, top to bottom (separators are not digits).
#[derive(Debug, Clone)]
pub struct Scene {
    pub image: RgbaImage,
    pub lines: Vec<String>,
}

impl Scene {
    /// The lines joined by a space, as `NumberReading::number` gives them.
    pub fn number(&self) -> String {
        self.lines.join(" ")
    }

    /// Writes the scene to `dir` as `{label}-{lines}-as-{read}.png`, to look at a reading that went wrong; the
    /// reading ends in `?` when the app marked it Unsure.
    pub fn save_miss(&self, dir: &std::path::Path, label: &str, read: &SceneReading) -> image::ImageResult<()> {
        let mark = if read.unsure { "?" } else { "" };
        self.image.save(dir.join(format!("{label}-{}-as-{}{mark}.png", self.lines.join("_"), read.lines.join("_"))))
    }

    /// The scene as a photo taken from farther away, or a scan at a lower resolution, gives it: the picture
    /// scaled by `factor` (at least a pixel each way). A canvas drawing of `kind` is left as it is: the app
    /// always sends its canvas at one size.
    pub fn scaled(mut self, kind: SceneKind, factor: f32) -> Scene {
        if factor != 1.0 && !kind.is_canvas() {
            let size = |side: u32| ((side as f32 * factor).round() as u32).max(1);
            self.image = imageops::resize(&self.image, size(self.image.width()), size(self.image.height()), FilterType::Triangle);
        }
        self
    }

    /// What the app reads in this scene of `kind` (no lines, and Unsure, where it refuses the picture).
    pub fn read(&self, kind: SceneKind, recognizer: &recognizer::Recognizer) -> SceneReading {
        let image = &self.image;
        let reading = if kind.is_canvas() {
            let grey: Vec<u8> = image.pixels().map(|p| p[0]).collect();
            recognizer.read_canvas_grey(&grey, image.width(), image.height())
        } else {
            recognizer.read_image(image)
        };
        match reading {
            Ok(reading) => SceneReading { lines: reading.lines, unsure: reading.unsure },
            Err(_) => SceneReading { lines: Vec::new(), unsure: true },
        }
    }
}

/// A scene as the app reads it: its lines, top to bottom, and whether it is marked Unsure.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneReading {
    pub lines: Vec<String>,
    pub unsure: bool,
}

pub struct Scenes {
    /// The digits scenes are made of: the MNIST test split, or a hold-out for choosing settings.
    test_set: Split,
    rng: StdRng,
}

impl Scenes {
    /// Reads the MNIST test split from `mnist_dir`.
    pub fn from_test_set(mnist_dir: &Path, seed: u64) -> Result<Self, IdxError> {
        Ok(Self::from_split(mnist::load_split(mnist_dir, Part::Test)?, seed))
    }

    /// Scenes made of other digits, such as training images held out from training, so that settings can be
    /// chosen without looking at the test set.
    pub fn from_split(digits: Split, seed: u64) -> Self {
        Self { test_set: digits, rng: StdRng::seed_from_u64(seed) }
    }

    pub fn scene(&mut self, kind: SceneKind) -> Scene {
        match kind {
            SceneKind::CanvasTouching => self.canvas_touching(),
            SceneKind::PhotoTouching => self.photo_touching(),
            SceneKind::Page => self.page(),
            SceneKind::Notebook => self.notebook(),
            SceneKind::Table => self.table(),
            SceneKind::Amount => self.amount(),
            SceneKind::TightCrop => self.tight_crop(),
        }
    }

    fn digits(&mut self, count: usize) -> (Vec<Token>, String) {
        let ones = self.rng.gen_bool(0.3);
        let tokens: Vec<Token> = (0..count)
            .map(|_| {
                // Often a 1 among them: thin digits next to others are the hard case.
                let index = self.rng.gen_range(0..self.test_set.len());
                if ones && self.rng.gen_bool(0.4) { Token::Digit(self.one_near(index)) } else { Token::Digit(index) }
            })
            .collect();
        let text = self.text(&tokens);
        (tokens, text)
    }

    /// The first test-set 1 at or after `index`.
    fn one_near(&self, index: usize) -> usize {
        (index..self.test_set.len()).chain(0..index).find(|&i| self.test_set.labels[i] == 1).unwrap_or(index)
    }

    fn text(&self, tokens: &[Token]) -> String {
        tokens
            .iter()
            .filter_map(|t| match t {
                Token::Digit(i) => Some(char::from(b'0' + self.test_set.labels[*i])),
                _ => None,
            })
            .collect()
    }

    fn canvas_touching(&mut self) -> Scene {
        let count = self.rng.gen_range(2..=6);
        let (tokens, text) = self.digits(count);
        let height = self.rng.gen_range(60.0..100.0);
        let ink = layout::write_tokens(&self.test_set, &tokens, height, Spacing::Touching, &mut self.rng);
        Scene { image: camera::canvas_square(&ink, CANVAS_SIDE), lines: vec![text] }
    }

    fn photo_touching(&mut self) -> Scene {
        let count = self.rng.gen_range(2..=6);
        let (tokens, text) = self.digits(count);
        let height = self.rng.gen_range(28.0..100.0);
        let ink = layout::write_tokens(&self.test_set, &tokens, height, Spacing::Touching, &mut self.rng);
        Scene { image: camera::photograph(&ink, &mut self.rng), lines: vec![text] }
    }

    fn page(&mut self) -> Scene {
        let count = self.rng.gen_range(2..=3);
        let height = self.rng.gen_range(28.0..80.0);
        let mut inks = Vec::new();
        let mut lines = Vec::new();
        for _ in 0..count {
            let digits = self.rng.gen_range(1..=6);
            let (tokens, text) = self.digits(digits);
            let spacing = if self.rng.gen_bool(0.3) { Spacing::Touching } else { Spacing::Handwritten };
            let ink = layout::write_tokens(&self.test_set, &tokens, height * self.rng.gen_range(0.9..1.1), spacing, &mut self.rng);
            let (top, bottom) = ink_rows(&ink);
            let keep = (height * 0.1) as u32;
            let (y0, y1) = (top.saturating_sub(keep), (bottom + keep).min(ink.height() - 1));
            inks.push(imageops::crop_imm(&ink, 0, y0, ink.width(), y1 + 1 - y0).to_image());
            lines.push(text);
        }
        let page = stack(&inks, height, &mut self.rng);
        let page = pad(&page, (height * self.rng.gen_range(0.3..1.5)) as u32, (height * self.rng.gen_range(0.3..1.2)) as u32);
        let background = if self.rng.gen_bool(0.4) {
            let (through, pitch) = (ink_rows(&inks_first_bottom(&page)).1 as f32, height * self.rng.gen_range(1.3..2.0));
            paper::ruled(page.width(), page.height(), pitch, through, &mut self.rng)
        } else {
            paper::plain(page.width(), page.height(), &mut self.rng)
        };
        Scene { image: camera::photograph_on(&page, &background, &mut self.rng), lines }
    }

    fn notebook(&mut self) -> Scene {
        let empty = self.rng.gen_bool(0.1);
        let count = self.rng.gen_range(1..=6);
        let (tokens, mut text) = self.digits(count);
        let height = self.rng.gen_range(28.0..90.0);
        let mut ink = layout::write_tokens(&self.test_set, &tokens, height, Spacing::Handwritten, &mut self.rng);
        ink = pad(&ink, (height * self.rng.gen_range(0.2..2.0)) as u32, (height * self.rng.gen_range(0.5..1.5)) as u32);
        let (top, bottom) = ink_rows(&ink);
        if empty {
            ink = GrayImage::new(ink.width(), ink.height());
            text.clear();
        }
        let (w, h) = ink.dimensions();
        let background = if self.rng.gen_bool(0.5) {
            let pitch = (bottom - top) as f32 * self.rng.gen_range(1.1..1.6);
            paper::ruled(w, h, pitch, bottom as f32 + height * self.rng.gen_range(-0.1..0.08), &mut self.rng)
        } else {
            paper::squared(w, h, height * self.rng.gen_range(0.4..0.8), &mut self.rng)
        };
        let lines = if text.is_empty() { Vec::new() } else { vec![text] };
        Scene { image: camera::photograph_on(&ink, &background, &mut self.rng), lines }
    }

    fn table(&mut self) -> Scene {
        let count = self.rng.gen_range(1..=6);
        let (tokens, text) = self.digits(count);
        let height = self.rng.gen_range(24.0..70.0);
        let ink = layout::write_tokens(&self.test_set, &tokens, height, Spacing::Handwritten, &mut self.rng);
        let (top, bottom) = ink_rows(&ink);
        let (left, right) = ink_columns(&ink);
        let mut r = |lo: f32, hi: f32| height * self.rng.gen_range(lo..hi);
        let cell = [top as f32 - r(0.05, 0.6), bottom as f32 + r(-0.05, 0.4), left as f32 - r(0.1, 1.5), right as f32 + r(0.1, 1.5)];
        let background = paper::table(ink.width(), ink.height(), cell, &mut self.rng);
        let image = if self.rng.gen_bool(0.5) {
            camera::scan(&ink, &background, &mut self.rng)
        } else {
            camera::photograph_on(&ink, &background, &mut self.rng)
        };
        Scene { image, lines: vec![text] }
    }

    fn amount(&mut self) -> Scene {
        let tokens = self.amount_tokens();
        let text = self.text(&tokens);
        let height = self.rng.gen_range(24.0..70.0);
        let ink = layout::write_tokens(&self.test_set, &tokens, height, Spacing::Handwritten, &mut self.rng);
        let (w, h) = ink.dimensions();
        let background = if self.rng.gen_bool(0.25) { paper::plain(w, h, &mut self.rng) } else { paper::security(w, h, &mut self.rng) };
        let image = if self.rng.gen_bool(0.7) {
            camera::scan(&ink, &background, &mut self.rng)
        } else {
            camera::photograph_on(&ink, &background, &mut self.rng)
        };
        Scene { image, lines: vec![text] }
    }

    /// "100.000", "1,250", "1 250 000", "150.-", "150=", "12/03/2024", "12.03.24".
    fn amount_tokens(&mut self) -> Vec<Token> {
        let digits = |n: usize, rng: &mut StdRng| -> Vec<Token> {
            (0..n).map(|_| Token::Digit(rng.gen_range(0..self.test_set.len()))).collect::<Vec<_>>()
        };
        let rng = &mut self.rng;
        if rng.gen_bool(0.35) {
            let sep = [Token::Slash, Token::Dot][rng.gen_range(0..2)];
            let year = if rng.gen_bool(0.5) { 2 } else { 4 };
            let mut out = digits(rng.gen_range(1..=2), rng);
            out.push(sep);
            out.extend(digits(2, rng));
            out.push(sep);
            out.extend(digits(year, rng));
            return out;
        }
        let sep = [Token::Dot, Token::Comma, Token::Space][rng.gen_range(0..3)];
        let mut out = digits(rng.gen_range(1..=3), rng);
        for _ in 0..rng.gen_range(1..=2) {
            out.push(sep);
            out.extend(digits(3, rng));
        }
        if rng.gen_bool(0.2) {
            out.push(if sep == Token::Comma { Token::Dot } else { Token::Comma });
            out.extend(digits(2, rng));
        } else if rng.gen_bool(0.35) {
            // On cheques a mark closes the amount, so that nothing can be added.
            let ends: [&[Token]; 4] = [&[Token::Dot, Token::Dash], &[Token::Dash], &[Token::Comma, Token::Dash], &[Token::Equals]];
            out.extend_from_slice(ends[rng.gen_range(0..ends.len())]);
        }
        out
    }

    fn tight_crop(&mut self) -> Scene {
        let count = if self.rng.gen_bool(0.85) { 1 } else { 2 };
        let (tokens, text) = self.digits(count);
        let height = self.rng.gen_range(14.0..24.0);
        let ink = layout::write_tokens(&self.test_set, &tokens, height, Spacing::Handwritten, &mut self.rng);
        let background = paper::plain(ink.width(), ink.height(), &mut self.rng);
        let scanned = camera::scan(&ink, &background, &mut self.rng);
        let ((top, bottom), (left, right)) = (ink_rows(&ink), ink_columns(&ink));
        let m = self.rng.gen_range(0..=1);
        let (x0, y0) = (left.saturating_sub(m), top.saturating_sub(m));
        let (x1, y1) = ((right + m).min(ink.width() - 1), (bottom + m).min(ink.height() - 1));
        let crop = imageops::crop_imm(&scanned, x0, y0, x1 + 1 - x0, y1 + 1 - y0).to_image();
        let factor = self.rng.gen_range(6.0..16.0);
        let filter = if self.rng.gen_bool(0.5) { FilterType::Nearest } else { FilterType::Triangle };
        let (w, h) = ((crop.width() as f32 * factor) as u32, (crop.height() as f32 * factor) as u32);
        Scene { image: imageops::resize(&crop, w, h, filter), lines: vec![text] }
    }
}

/// The first and last rows holding ink.
fn ink_rows(ink: &GrayImage) -> (u32, u32) {
    let rows: Vec<u32> = (0..ink.height()).filter(|&y| (0..ink.width()).any(|x| ink.get_pixel(x, y)[0] > 60)).collect();
    (rows.first().copied().unwrap_or(0), rows.last().copied().unwrap_or(ink.height() - 1))
}

/// The first and last columns holding ink.
fn ink_columns(ink: &GrayImage) -> (u32, u32) {
    let cols: Vec<u32> = (0..ink.width()).filter(|&x| (0..ink.height()).any(|y| ink.get_pixel(x, y)[0] > 60)).collect();
    (cols.first().copied().unwrap_or(0), cols.last().copied().unwrap_or(ink.width() - 1))
}

/// The page cut just below its first line of ink, to find where that line sits.
fn inks_first_bottom(page: &GrayImage) -> GrayImage {
    let rows: Vec<bool> = (0..page.height()).map(|y| (0..page.width()).any(|x| page.get_pixel(x, y)[0] > 60)).collect();
    let start = rows.iter().position(|&r| r).unwrap_or(0);
    let end = rows[start..].iter().position(|&r| !r).map_or(page.height(), |n| (start + n) as u32);
    imageops::crop_imm(page, 0, 0, page.width(), end.max(1)).to_image()
}

/// Margins of `side` pixels left and right and `above_below` above and below.
fn pad(ink: &GrayImage, side: u32, above_below: u32) -> GrayImage {
    let mut out = GrayImage::new(ink.width() + 2 * side, ink.height() + 2 * above_below);
    imageops::overlay(&mut out, ink, side as i64, above_below as i64);
    out
}

/// Lines of ink stacked top to bottom with a gap of about `height`, each shifted left or right a little.
fn stack(inks: &[GrayImage], height: f32, rng: &mut StdRng) -> GrayImage {
    let offsets: Vec<u32> = inks.iter().map(|_| (height * rng.gen_range(0.0..1.5)) as u32).collect();
    let width = inks.iter().zip(&offsets).map(|(i, o)| i.width() + o).max().unwrap_or(1);
    let gaps: Vec<u32> = inks.iter().map(|_| (height * rng.gen_range(0.15..0.9)) as u32).collect();
    let total = inks.iter().zip(&gaps).map(|(i, g)| i.height() + g).sum::<u32>();
    let mut page = GrayImage::new(width, total);
    let mut y = 0;
    for ((ink, offset), gap) in inks.iter().zip(&offsets).zip(&gaps) {
        // Lines are pasted with max so overlapping margins do not erase ink.
        for (x, yy, p) in ink.enumerate_pixels() {
            let target = page.get_pixel_mut(x + offset, y + yy);
            target[0] = target[0].max(p[0]);
        }
        y += ink.height() + gap;
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_lines_keep_their_order_and_ink() {
        let mut rng = StdRng::seed_from_u64(1);
        let a = GrayImage::from_pixel(10, 5, image::Luma([200]));
        let b = GrayImage::from_pixel(6, 4, image::Luma([100]));
        let page = stack(&[a, b], 5.0, &mut rng);
        assert!(page.height() >= 9);
        assert_eq!(ink_rows(&page).0, 0);
    }

    #[test]
    fn a_scene_from_farther_away_is_smaller_but_a_canvas_keeps_its_size() {
        let scene = Scene { image: RgbaImage::new(100, 40), lines: vec!["17".into()] };
        let far = scene.clone().scaled(SceneKind::Table, 0.45);
        assert_eq!(far.image.dimensions(), (45, 18));
        assert_eq!(far.lines, scene.lines);
        assert_eq!(scene.clone().scaled(SceneKind::CanvasTouching, 0.45).image.dimensions(), (100, 40));
    }
}
