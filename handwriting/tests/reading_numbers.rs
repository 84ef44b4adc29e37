//! Numbers on the canvas, read by the committed model: a thin digit close to its neighbour survives, and
//! touching 1s are read as two.

use handwriting::sketch::{draw_strokes, scaled, seven, touching_ones};
use recognizer::classifier::default_model_path;
use recognizer::verdict::Doubt;
use recognizer::Recognizer;

/// The app exports the canvas at 140×140 with a pen 6 % of the side.
const SIDE: u32 = 140;
const PEN: f32 = 8.4;

/// A 1 written a few pixels before a 7 is closer than the detached stem of a 4 may be to its body; the
/// model, reading both ways, keeps the two digits.
#[test]
fn a_one_close_to_the_next_digit_is_not_swallowed() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    for gap in [2.0, 3.0, 4.0] {
        // The 7's top left corner is at x = 38, so its ink starts half a pen before.
        let x = 38.0 - PEN / 2.0 - gap - PEN / 2.0;
        let one = vec![(x, 32.0), (x, 112.0)];
        let rgba = draw_strokes(SIDE, SIDE, &[one, seven(80.0, 30.0, 30.0)], PEN);
        let grey: Vec<u8> = rgba.chunks_exact(4).map(|p| p[0]).collect();
        let reading = recognizer.read_canvas_grey(&grey, SIDE, SIDE).unwrap();
        assert_eq!(reading.number, "17", "gap {gap}: {reading:?}");
    }
}

/// Two slanted 1s whose tops touch make one blob, half as wide as tall, that the model cannot read whole:
/// it is cut into two 1s, each marked as a guessed cut (so the number is Unsure, with the reason).
#[test]
fn touching_ones_are_read_as_two_and_marked_as_a_guess() {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let rgba = draw_strokes(SIDE, SIDE, &scaled(&touching_ones(), SIDE as f32), PEN);
    let grey: Vec<u8> = rgba.chunks_exact(4).map(|p| p[0]).collect();
    let reading = recognizer.read_canvas_grey(&grey, SIDE, SIDE).unwrap();
    assert_eq!(reading.number, "11", "{reading:?}");
    assert!(reading.digits.iter().all(|d| d.prediction.doubt == Some(Doubt::GuessedSplit)), "{reading:?}");
}
