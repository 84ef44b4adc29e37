//! What the model sees, against stored truth images, through the path the app takes: the canvas sent as grey
//! bytes (`Recognizer::read_canvas_grey`) and a decoded picture (`Recognizer::read_image`), segmented and
//! normalised, each digit's 28×28 model input compared. `UPDATE_TRUTH=1` rewrites the images (look at them
//! before committing: `handwriting/tests/truth/`).

use std::path::PathBuf;

use handwriting::sketch::{draw_strokes, seven, EuropeanDigit};
use protocol::ErrorKind;
use recognizer::classifier::default_model_path;
use recognizer::{NumberReading, Recognizer};

/// The app exports the canvas at 140×140 with a pen 6 % of the side.
const SIDE: u32 = 140;
const PEN: f32 = 8.4;

fn grey(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4).map(|p| p[0]).collect()
}

fn recognizer() -> Recognizer {
    Recognizer::load(&default_model_path()).expect("the committed model")
}

fn read_canvas(strokes: &[Vec<(f32, f32)>]) -> NumberReading {
    recognizer().read_canvas_grey(&grey(&draw_strokes(SIDE, SIDE, strokes, PEN)), SIDE, SIDE).unwrap()
}

/// Strokes given as fractions of the canvas, in its pixels.
fn on_canvas(corners: Vec<Vec<(f32, f32)>>) -> Vec<Vec<(f32, f32)>> {
    let side = SIDE as f32;
    corners.into_iter().map(|s| s.into_iter().map(|(x, y)| (x * side, y * side)).collect()).collect()
}

fn truth_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/truth").join(name)
}

/// Compares each digit's model input with the stored truth image `<name>-<i>.png`.
fn assert_matches_truth(reading: &NumberReading, name: &str) {
    for (i, digit) in reading.digits.iter().enumerate() {
        let input = &digit.prediction.model_input;
        let path = truth_path(&format!("{name}-{i}.png"));
        if std::env::var_os("UPDATE_TRUTH").is_some() {
            image::GrayImage::from_raw(28, 28, input.clone()).unwrap().save(&path).unwrap();
        }
        let truth = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).to_luma8();
        let diff = truth.as_raw().iter().zip(input).map(|(&t, &v)| t.abs_diff(v) as f32).sum::<f32>() / 784.0;
        assert!(diff < 2.0, "{name}-{i}: mean difference {diff} of 255");
    }
}

#[test]
fn a_large_centred_seven() {
    let reading = read_canvas(&[seven(100.0, 20.0, 20.0)]);
    assert_eq!(reading.number, "7");
    assert_matches_truth(&reading, "canvas-seven-large");
}

#[test]
fn a_small_seven_in_a_corner_is_seen_like_the_large_one() {
    let small = read_canvas(&[seven(40.0, 90.0, 10.0)]);
    assert_matches_truth(&small, "canvas-seven-small");
    let large = read_canvas(&[seven(100.0, 20.0, 20.0)]);
    let (a, b) = (&small.digits[0].prediction.model_input, &large.digits[0].prediction.model_input);
    let diff = a.iter().zip(b).map(|(&x, &y)| x.abs_diff(y) as f32).sum::<f32>() / 784.0;
    assert!(diff < 40.0, "size and place should hardly matter: mean difference {diff} of 255");
}

#[test]
fn a_european_one_with_a_foot() {
    let reading = read_canvas(&on_canvas(EuropeanDigit::OneWithFoot.corners()));
    assert_eq!(reading.digits.len(), 1);
    assert_matches_truth(&reading, "canvas-one-with-foot");
}

#[test]
fn a_number_gives_each_digit_its_own_input() {
    let one = vec![(30.0, 30.0), (30.0, 110.0)];
    let reading = read_canvas(&[one, seven(60.0, 60.0, 40.0)]);
    assert_eq!(reading.digits.len(), 2, "{:?}", reading.number);
    assert_matches_truth(&reading, "canvas-seventeen");
}

#[test]
fn light_chalk_on_a_dark_board_is_seen_like_pen_on_paper() {
    let dark_on_light = draw_strokes(200, 200, &[seven(140.0, 30.0, 30.0)], 14.0);
    let light_on_dark: Vec<u8> =
        dark_on_light.chunks_exact(4).flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2], 255]).collect();
    let picture = image::RgbaImage::from_raw(200, 200, light_on_dark).unwrap();
    let reading = recognizer().read_image(&picture).unwrap();
    assert_eq!(reading.digits.len(), 1);
    assert_matches_truth(&reading, "photo-chalk-seven");
}

#[test]
fn a_blank_canvas_has_nothing_to_read_and_wrong_sizes_are_refused() {
    let recognizer = recognizer();
    let blank = recognizer.read_canvas_grey(&vec![255; (SIDE * SIDE) as usize], SIDE, SIDE).unwrap_err();
    assert_eq!(blank.kind(), ErrorKind::NoInk);
    let short = recognizer.read_canvas_grey(&[0; 12], SIDE, SIDE).unwrap_err();
    assert_eq!(short.kind(), ErrorKind::BadRequest, "{short}");
    let huge = recognizer.read_canvas_grey(&[], 9000, 1).unwrap_err();
    assert_eq!(huge.kind(), ErrorKind::BadRequest, "{huge}");
}

#[test]
fn a_postal_crop_enlarged_ten_times_is_seen_like_the_crop_itself() {
    // A 7 fitted into a 16 px square, as postal digit sets store digits, shown ten times larger as a viewer
    // does: its strokes are a sixth of the picture, wider than the window the paper is measured in.
    let small = draw_strokes(16, 16, &[seven(14.0, 0.6, 0.4)], 2.6);
    let small = image::RgbaImage::from_raw(16, 16, small).unwrap();
    let enlarged = image::imageops::resize(&small, 160, 160, image::imageops::FilterType::Nearest);
    let mut light_on_dark = enlarged.clone();
    light_on_dark.pixels_mut().for_each(|p| p.0 = [255 - p[0], 255 - p[1], 255 - p[2], 255]);
    let recognizer = recognizer();
    assert_eq!(recognizer.read_image(&light_on_dark).unwrap().number, "7", "light on dark");
    let (small, enlarged) = (recognizer.read_image(&small).unwrap(), recognizer.read_image(&enlarged).unwrap());
    assert_eq!((small.number.as_str(), enlarged.number.as_str()), ("7", "7"));
    let (a, b) = (&small.digits[0].prediction.model_input, &enlarged.digits[0].prediction.model_input);
    let diff = a.iter().zip(b).map(|(&x, &y)| x.abs_diff(y) as f32).sum::<f32>() / 784.0;
    assert!(diff < 25.0, "enlarging should hardly matter: mean difference {diff} of 255");
    assert_matches_truth(&enlarged, "photo-postal-seven-enlarged");
}
