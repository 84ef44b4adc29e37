//! A note on a desk photographed with the phone turned, read by the committed model through the app's own
//! decoder: the writing turns with the note, and is read upright; each digit's box lies round its ink in the
//! photo.

use handwriting::sketch::draw_strokes;
use image::{Rgba, RgbaImage};
use recognizer::classifier::default_model_path;
use recognizer::Recognizer;

/// Pen strokes, each a polyline in pixels.
type Strokes = Vec<Vec<(f32, f32)>>;

/// The note as written: 240 × 160 pixels of paper, "74" on it.
const NOTE: (f32, f32) = (240.0, 160.0);

/// "74" on the note, in its own pixels, and each digit's centre: a 7 with a short bar, whose stem stands
/// upright once the note is turned 22° anticlockwise, and the bar then reads as a 1's flag.
fn seventy_four() -> (Strokes, [(f32, f32); 2]) {
    let seven = vec![(60.0, 35.0), (95.0, 35.0), (70.0, 125.0)];
    let four = vec![(160.0, 125.0), (160.0, 35.0), (120.0, 95.0), (180.0, 95.0)];
    (vec![seven, four], [(77.0, 80.0), (150.0, 80.0)])
}

/// The note turned `turn` radians (clockwise on screen) on a dark desk, its centre at `centre` in a 320 × 260
/// photo, and where each digit's centre lies in the photo.
fn photo_of_note(turn: f32, centre: (f32, f32)) -> (RgbaImage, Vec<(f32, f32)>) {
    let (strokes, digit_centres) = seventy_four();
    let written = draw_strokes(NOTE.0 as u32, NOTE.1 as u32, &strokes, 7.0);
    let (sin, cos) = turn.sin_cos();
    let photo = RgbaImage::from_fn(320, 260, |x, y| {
        let (dx, dy) = (x as f32 + 0.5 - centre.0, y as f32 + 0.5 - centre.1);
        // The note's own pixel under the photo's: turned back by `turn`.
        let (u, v) = (cos * dx + sin * dy + NOTE.0 / 2.0, -sin * dx + cos * dy + NOTE.1 / 2.0);
        let level = if (0.0..NOTE.0).contains(&u) && (0.0..NOTE.1).contains(&v) {
            let i = (v as usize * NOTE.0 as usize + u as usize) * 4;
            if written[i] < 128 { 40 } else { 235 }
        } else {
            70
        };
        Rgba([level, level, level, 255])
    });
    let in_photo = |(u, v): (f32, f32)| {
        let (du, dv) = (u - NOTE.0 / 2.0, v - NOTE.1 / 2.0);
        (centre.0 + cos * du - sin * dv, centre.1 + sin * du + cos * dv)
    };
    (photo, digit_centres.iter().map(|&c| in_photo(c)).collect())
}

/// Turned 22° anticlockwise, the 7 read as a 1 until the writing was turned back; the note is also
/// photographed running off the photo's top edge, as a phone held close frames it (it was then no sheet).
#[test]
fn a_note_photographed_turned_is_read_upright() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    for degrees in [-22.0f32, 22.0] {
        for (where_, centre) in [("whole", (160.0, 130.0)), ("off the top", (160.0, 95.0))] {
            let (photo, digit_centres) = photo_of_note(degrees.to_radians(), centre);
            let reading = recognizer.read_image(&photo).unwrap();
            assert_eq!(reading.number, "74", "turned {degrees}°, {where_}");
            for (digit, (x, y)) in reading.digits.iter().zip(digit_centres) {
                let [left, top, width, height] = digit.bbox.map(|v| v as f32);
                assert!(
                    (left..left + width).contains(&x) && (top..top + height).contains(&y),
                    "turned {degrees}°, {where_}: the box of {} {:?} is not round its ink at ({x:.0}, {y:.0})",
                    digit.prediction.digit,
                    digit.bbox
                );
            }
        }
    }
}
