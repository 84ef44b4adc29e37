//! Digits as postal digit sets store them: fitted into a 16 px square, spanning its height, and shown enlarged
//! as an image viewer shows them. Enlarged, their strokes are wider than the window the paper is measured in,
//! and were read as their outlines: a 1 as 0, 8 or 11, or as no digit at all.

use handwriting::sketch::draw_strokes;
use image::imageops::{self, FilterType};
use image::RgbaImage;
use recognizer::classifier::default_model_path;
use recognizer::Recognizer;

const SIDE: u32 = 16;

#[test]
fn an_enlarged_postal_one_is_read_as_one_sure_of_it() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    // Upright and slanted either way, top to bottom of the square, with a pen 3 px wide.
    for (top, bottom) in [(8.0, 8.0), (9.0, 7.0), (7.0, 9.5)] {
        let stroke = vec![(top, 1.5), (bottom, 14.5)];
        let small = RgbaImage::from_raw(SIDE, SIDE, draw_strokes(SIDE, SIDE, &[stroke], 3.0)).unwrap();
        for (factor, filter) in [(6, FilterType::Triangle), (8, FilterType::Nearest), (10, FilterType::Nearest)] {
            let enlarged = imageops::resize(&small, SIDE * factor, SIDE * factor, filter);
            let mut light_on_dark = enlarged.clone();
            light_on_dark.pixels_mut().for_each(|p| p.0 = [255 - p[0], 255 - p[1], 255 - p[2], 255]);
            for (name, picture) in [("dark on light", enlarged), ("light on dark", light_on_dark)] {
                let reading = recognizer.read_image(&picture).unwrap();
                let what = format!("a 1 from x {top} to {bottom}, {factor} times larger ({filter:?}), {name}");
                let (number, unsure) = (reading.number.as_str(), reading.unsure);
                assert_eq!((number, unsure), ("1", false), "{what}: read {number:?}, unsure {unsure}");
            }
        }
    }
}
