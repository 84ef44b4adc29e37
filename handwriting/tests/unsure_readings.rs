//! The committed model behind the unsure rules: a tap and a scribble are not digits, a clear 7 is.

use recognizer::classifier::default_model_path;
use handwriting::sketch::{draw_strokes, scaled, seven, EuropeanDigit};
use recognizer::verdict::Doubt;
use recognizer::{Prediction, Recognizer};

/// The app exports the canvas at 140×140 with a pen 6 % of the side.
const SIDE: u32 = 140;
const PEN: f32 = 8.4;

/// The drawing as the app sends it: one grey byte per pixel.
fn grey(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4).map(|p| p[0]).collect()
}

/// Reads the drawing the way the app reads its canvas; each of these drawings is one mark.
fn read(strokes: &[Vec<(f32, f32)>]) -> Prediction {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let reading = recognizer.read_canvas_grey(&grey(&draw_strokes(SIDE, SIDE, strokes, PEN)), SIDE, SIDE).unwrap();
    assert_eq!(reading.digits.len(), 1, "{reading:?}");
    reading.digits.into_iter().next().unwrap().prediction
}

#[test]
fn grey_and_rgba_canvases_read_alike() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let rgba = draw_strokes(SIDE, SIDE, &[seven(80.0, 30.0, 30.0)], PEN);
    let from_rgba = recognizer.read_canvas(&rgba, SIDE, SIDE).unwrap();
    assert_eq!(recognizer.read_canvas_grey(&grey(&rgba), SIDE, SIDE).unwrap(), from_rgba);
    let wrong = recognizer.read_canvas_grey(&rgba, SIDE, SIDE).unwrap_err().to_string();
    assert!(wrong.contains("needs 19600"), "{wrong}");
}

#[test]
fn a_clear_seven_is_read_with_confidence() {
    let p = read(&[seven(80.0, 30.0, 30.0)]);
    assert_eq!((p.digit, p.unsure, p.doubt), (7, false, None), "{p:?}");
}

#[test]
fn a_tap_is_unsure() {
    let p = read(&[vec![(70.0, 70.0)]]);
    assert_eq!(p.doubt, Some(Doubt::TooLittleInk), "{p:?}");
    assert!(p.unsure && p.shown_digit().is_none());
}

#[test]
fn a_scribble_is_unsure() {
    // Back and forth across a square, rows a pen width apart: a blot of ink.
    let zigzag: Vec<(f32, f32)> =
        (0..10).map(|row| (if row % 2 == 0 { 40.0 } else { 100.0 }, 40.0 + row as f32 * 6.5)).collect();
    let p = read(&[zigzag]);
    assert!(p.unsure, "a scribble read as a confident {}: {p:?}", p.digit);
}

/// The e2e test's European 1s and crossed 7, drawn at the app's size: each is read as what it is, with
/// confidence.
#[test]
fn european_ones_and_a_crossed_seven_are_read_with_confidence() {
    for european in EuropeanDigit::ALL {
        let p = read(&scaled(&european.corners(), SIDE as f32));
        assert_eq!((p.digit, p.unsure), (european.digit(), false), "{european:?}: {p:?}");
    }
}

#[test]
fn a_dash_is_a_line_not_a_one() {
    for (from, to) in [((25.0, 70.0), (115.0, 74.0)), ((40.0, 80.0), (100.0, 60.0))] {
        let p = read(&[vec![from, to]]);
        assert_eq!(p.doubt, Some(Doubt::Line), "{p:?}");
        assert!(p.unsure && p.shown_digit().is_none());
    }
    // A 1 leaning well over is still a 1.
    let p = read(&[vec![(90.0, 25.0), (55.0, 115.0)]]);
    assert_eq!((p.digit, p.doubt), (1, None), "{p:?}");
}

/// A V or a W in one stroke is not two or four 1s side by side: their strokes lean different ways.
#[test]
fn a_v_and_a_w_are_not_ones() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let v = vec![(30.0, 30.0), (70.0, 110.0), (110.0, 30.0)];
    let w = vec![(15.0, 40.0), (40.0, 100.0), (70.0, 50.0), (100.0, 100.0), (125.0, 40.0)];
    for letter in [v, w] {
        let rgba = draw_strokes(SIDE, SIDE, &[letter], PEN);
        let reading = recognizer.read_canvas_grey(&grey(&rgba), SIDE, SIDE).unwrap();
        assert!(!reading.number.contains("11"), "{reading:?}");
    }
}

/// An M as narrow as two digits side by side, whose strokes the model reads as 1s once cut, is Unsure: the
/// model could not read it whole, so the cut is only a guess.
#[test]
fn a_narrow_m_cut_into_ones_is_unsure() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let (x, y, w, h) = (45.0, 30.0, 50.0, 80.0);
    let m = vec![(x, y + h), (x + 0.1 * w, y), (x + 0.5 * w, y + 0.6 * h), (x + 0.9 * w, y), (x + w, y + h)];
    let rgba = draw_strokes(SIDE, SIDE, &[m], PEN);
    let reading = recognizer.read_canvas_grey(&grey(&rgba), SIDE, SIDE).unwrap();
    assert!(reading.unsure, "{reading:?}");
}
