//! A note on a desk, and a number on a page, photographed with the phone turned, read by the committed model
//! through the app's own decoder: the writing turns with the paper, and is read upright; each digit's box lies
//! round its ink in the photo. Digits written upright along an uphill line are read as they stand.

use handwriting::sketch::{draw_strokes, draw_strokes_turned, seven_four_seven};
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

/// `strokes` written with a fine pen on a page 360 × 300 pixels that fills the photo, turned `turn` radians.
fn photo_of_page(strokes: &[Vec<(f32, f32)>], turn: f32) -> RgbaImage {
    RgbaImage::from_raw(360, 300, draw_strokes_turned(360, 300, strokes, 5.0, turn)).unwrap()
}

/// A number on a page photographed turned 22° anticlockwise, the page filling the photo: nothing but its line's
/// slope shows the turn. Its first 7 stood upright as a 1 ("147") until the line was read turned back as well,
/// and the model was far surer of that reading.
#[test]
fn a_number_on_a_page_photographed_turned_is_read_upright() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    for degrees in [-22.0f32, 22.0] {
        let photo = photo_of_page(&seven_four_seven(80.0, 105.0), degrees.to_radians());
        let reading = recognizer.read_image(&photo).unwrap();
        assert_eq!(reading.number, "747", "turned {degrees}°");
    }
}

/// The same number written uphill, 20° up to the right, each digit upright: its line slopes as a turned photo's
/// does, so it is read both ways, and it must still come out whole and in order.
#[test]
fn digits_written_upright_along_an_uphill_line_are_read_as_they_stand() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let rise = 20f32.to_radians().tan();
    let strokes: Strokes = seven_four_seven(80.0, 150.0)
        .into_iter()
        .enumerate()
        .map(|(i, stroke)| {
            // Each digit moved up by the slope over its distance from the first, unturned.
            let lift = rise * 70.0 * i as f32;
            stroke.into_iter().map(|(x, y)| (x, y - lift)).collect()
        })
        .collect();
    let reading = recognizer.read_image(&photo_of_page(&strokes, 0.0)).unwrap();
    assert_eq!(reading.number, "747");
}
