//! Digits drawn in other apps and opened as files, read by the committed model through the app's own
//! decoder: strokes on a clear (transparent) background, dark or light (an app in dark mode), and thin,
//! ruler-straight strokes on a large white picture, which are not the ruling lines of paper, and bold light
//! digits on a flat dark ground.

use handwriting::sketch::{draw_strokes, draw_strokes_in, ring, seven};
use image::codecs::png::PngEncoder;
use image::ImageEncoder;
use recognizer::classifier::default_model_path;
use recognizer::image_file::decode_image;
use recognizer::{NumberReading, Recognizer};

/// Saves `width`×`height` RGBA pixels as a PNG file's bytes and reads them as the app opens a file.
fn read_as_png(recognizer: &Recognizer, rgba: &[u8], width: u32, height: u32) -> NumberReading {
    let mut png = Vec::new();
    PngEncoder::new(&mut png).write_image(rgba, width, height, image::ExtendedColorType::Rgba8).unwrap();
    recognizer.read_image(&decode_image(&png).unwrap()).unwrap()
}

/// "17" drawn in `colour` on a fully transparent 300×200 picture, as RGBA pixels.
fn seventeen_on_clear(colour: [u8; 3]) -> Vec<u8> {
    let strokes = [vec![(90.0, 40.0), (80.0, 160.0)], seven(120.0, 130.0, 40.0)];
    draw_strokes_in(300, 200, &strokes, 12.0, [colour[0], colour[1], colour[2], 255], [0; 4])
}

#[test]
fn strokes_on_a_clear_background_are_read_whether_dark_or_light() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    for (name, colour) in [("black", [0, 0, 0]), ("blue", [30, 60, 200]), ("white", [255, 255, 255]), ("yellow", [255, 220, 0])] {
        let reading = read_as_png(&recognizer, &seventeen_on_clear(colour), 300, 200);
        assert_eq!(reading.number, "17", "{name} strokes: {reading:?}");
    }
}

/// A 1, a 7 and a 4 each drawn alone as one polyline of straight lines (fractions of the side), the way a
/// mouse or a shape tool draws them, on white pictures 300 and 1000 pixels square, with pens of 2 and 4 pixels.
#[test]
fn straight_thin_strokes_on_a_large_picture_are_digits_not_ruling_lines() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let digits: [(&str, &[(f32, f32)]); 3] = [
        ("1", &[(0.5, 0.13), (0.5, 0.87)]),
        ("7", &[(0.3, 0.17), (0.7, 0.17), (0.43, 0.87)]),
        ("4", &[(0.57, 0.87), (0.57, 0.13), (0.23, 0.63), (0.73, 0.63)]),
    ];
    for side in [300u32, 1000] {
        for pen in [2.0, 4.0] {
            for (digit, polyline) in digits {
                let stroke = polyline.iter().map(|&(x, y)| (x * side as f32, y * side as f32)).collect();
                let reading = read_as_png(&recognizer, &draw_strokes(side, side, &[stroke], pen), side, side);
                assert_eq!(reading.number, digit, "{side} px, pen {pen}: {reading:?}");
            }
        }
    }
}

/// "174" in straight strokes, cropped tight around its ink (a few pixels of margin), with a thin pen: its 1 and
/// the 4's stem are as tall as the picture, and still not ruling lines.
#[test]
fn a_tightly_cropped_number_keeps_its_ones_and_stems() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let strokes = [
        vec![(20.0, 6.0), (20.0, 114.0)],
        vec![(50.0, 8.0), (110.0, 8.0), (70.0, 114.0)],
        vec![(180.0, 114.0), (180.0, 6.0), (135.0, 80.0), (200.0, 80.0)],
    ];
    for pen in [2.0, 3.0] {
        let reading = read_as_png(&recognizer, &draw_strokes(214, 120, &strokes, pen), 214, 120);
        assert_eq!(reading.number, "174", "pen {pen}: {reading:?}");
    }
}

/// A bold 0 and 8 (pen a fifth of the digit's height) drawn in white by an app in dark mode, saved on its black
/// background or on a clear one. Their strokes are wider than the local polarity test's cells, and the dark
/// ground inside their loops strayed below it as far as the strokes above it: each was read as its holes
/// ("1", "1 1"). A ring this bold also looked like a sheet of paper on a desk, its hole what was written on it.
#[test]
fn bold_light_digits_on_a_dark_ground_are_read_not_their_holes() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let zero = vec![ring((150.0, 150.0), (55.0, 90.0))];
    let eight = vec![ring((150.0, 105.0), (42.0, 45.0)), ring((150.0, 195.0), (52.0, 45.0))];
    for (digit, strokes) in [("0", zero), ("8", eight)] {
        for (ground, alpha) in [("black", 255), ("clear", 0)] {
            let light = draw_strokes_in(300, 300, &strokes, 36.0, [250, 250, 250, 255], [0, 0, 0, alpha]);
            let reading = read_as_png(&recognizer, &light, 300, 300);
            assert_eq!(reading.number, digit, "a bold white {digit} on {ground}: {reading:?}");
        }
    }
}

/// A bold 0 (pen a quarter of its height) in black on white, fitted into squares of 27 and 40 pixels as postal
/// digit sets store digits, their shape kept: the paper inside it strays above the local median as far as the
/// stroke strays below, the paper is under 0.6 of the picture, and the paper was taken for light ink ("1",
/// "011", "111").
#[test]
fn a_bold_dark_zero_fitted_into_a_small_square_is_read() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    for side in [27u32, 40] {
        let (s, pen) = (side as f32, 0.26 * side as f32);
        let zero = ring((s / 2.0, s / 2.0), ((0.65 * s - pen) / 2.0, (s - pen) / 2.0));
        let reading = read_as_png(&recognizer, &draw_strokes(side, side, &[zero], pen), side, side);
        assert_eq!(reading.number, "0", "a {side}-pixel square: {reading:?}");
    }
}
