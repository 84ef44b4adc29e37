//! Drawings exported from other apps with a clear (transparent) background, read by the committed model
//! through the app's own decoder: dark strokes and light strokes (an app in dark mode) read alike.

use std::io::Cursor;

use handwriting::sketch::{draw_strokes, seven};
use image::{ImageFormat, Rgba, RgbaImage};
use recognizer::classifier::default_model_path;
use recognizer::image_file::decode_image;
use recognizer::Recognizer;

/// "17" drawn in `colour` on a fully transparent 300×200 picture, as a PNG file's bytes.
fn seventeen_on_clear(colour: [u8; 3]) -> Vec<u8> {
    let (width, height) = (300, 200);
    let drawn = draw_strokes(width, height, &[vec![(90.0, 40.0), (80.0, 160.0)], seven(120.0, 130.0, 40.0)], 12.0);
    let picture = RgbaImage::from_fn(width, height, |x, y| {
        let inked = drawn[((y * width + x) * 4) as usize] < 128;
        if inked { Rgba([colour[0], colour[1], colour[2], 255]) } else { Rgba([0, 0, 0, 0]) }
    });
    let mut png = Vec::new();
    picture.write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap();
    png
}

#[test]
fn strokes_on_a_clear_background_are_read_whether_dark_or_light() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    for (name, colour) in [("black", [0, 0, 0]), ("blue", [30, 60, 200]), ("white", [255, 255, 255]), ("yellow", [255, 220, 0])] {
        let picture = decode_image(&seventeen_on_clear(colour)).unwrap();
        let reading = recognizer.read_image(&picture).unwrap();
        assert_eq!(reading.number, "17", "{name} strokes: {reading:?}");
    }
}
