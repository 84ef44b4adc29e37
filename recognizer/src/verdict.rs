//! When the app says "Unsure" instead of naming a digit: too little ink, too much ink, a dash, or no clear
//! winner.

pub use protocol::{Doubt, CLOSE_RUNNER_UP, UNSURE_BELOW};

use crate::preprocess::{ink_bounds, InkMap, SIDE};

/// Ink spanning less than this fraction of the picture's shorter side is a tap or a speck, not a digit.
pub const SMALLEST_EXTENT: f32 = 0.1;
/// Mean ink of the 28×28 input above which it is a scribble or a blot. The densest MNIST test digit has
/// 0.33 and 99.9 % have under 0.30; a filled disc has about 0.4.
pub const MOST_INK: f32 = 0.36;

/// Ink at least this many times wider than tall is a dash or a line. The model input keeps the ink's
/// aspect; 5 of MNIST's 60 000 training digits are this wide, none 3 times as wide.
pub const WIDEST_ASPECT: f32 = 2.5;

/// Judges one reading from the ink's extent, the model input and the probabilities.
pub fn judge(extent: f32, model_input: &[f32], probabilities: &[f32; 10]) -> Option<Doubt> {
    let mean_ink = model_input.iter().sum::<f32>() / model_input.len().max(1) as f32;
    let top = probabilities.iter().copied().fold(0.0, f32::max);
    if extent < SMALLEST_EXTENT {
        Some(Doubt::TooLittleInk)
    } else if mean_ink > MOST_INK {
        Some(Doubt::TooMuchInk)
    } else if aspect(model_input) >= WIDEST_ASPECT {
        Some(Doubt::Line)
    } else if top < UNSURE_BELOW {
        Some(Doubt::NoClearWinner)
    } else {
        None
    }
}

/// Width over height of the 28×28 input's ink (pixels of at least a third of its strongest); 0 when empty. A
/// hairline drawn large comes out faint once shrunk into the input, and only where its strokes run together
/// does it reach a third of full ink: against full ink, a thin-pen 8 looked like its middle bar alone.
fn aspect(model_input: &[f32]) -> f32 {
    let strongest = model_input.iter().copied().fold(0.0, f32::max);
    if strongest <= 0.0 {
        return 0.0;
    }
    let input = InkMap { width: SIDE, height: SIDE, values: model_input.to_vec() };
    ink_bounds(&input, strongest / 3.0).map_or(0.0, |b| b.width as f32 / b.height as f32)
}

/// The second most probable digit, when it is close enough to mention.
pub fn runner_up(probabilities: &[f32; 10]) -> Option<u8> {
    let mut order: Vec<usize> = (0..10).collect();
    order.sort_by(|&a, &b| probabilities[b].total_cmp(&probabilities[a]));
    (probabilities[order[1]] >= CLOSE_RUNNER_UP).then_some(order[1] as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confident(digit: usize) -> [f32; 10] {
        let mut p = [0.001; 10];
        p[digit] = 0.991;
        p
    }

    /// A plausible digit: a fifth of the field inked.
    fn typical_input() -> Vec<f32> {
        (0..784).map(|i| if i % 5 == 0 { 1.0 } else { 0.0 }).collect()
    }

    #[test]
    fn a_clear_digit_is_trusted() {
        assert_eq!(judge(0.6, &typical_input(), &confident(3)), None);
        assert_eq!(runner_up(&confident(3)), None);
    }

    #[test]
    fn a_tap_is_too_little_ink() {
        assert_eq!(judge(0.06, &typical_input(), &confident(0)), Some(Doubt::TooLittleInk));
    }

    #[test]
    fn a_blot_is_too_much_ink() {
        let blot: Vec<f32> = (0..784).map(|i| if (i / 28) % 28 > 4 && i % 28 > 4 && i % 28 < 24 { 1.0 } else { 0.0 }).collect();
        assert_eq!(judge(0.5, &blot, &confident(8)), Some(Doubt::TooMuchInk));
    }

    #[test]
    fn a_dash_is_a_line_but_a_one_lying_at_an_angle_is_not() {
        let bar = |rows: std::ops::Range<usize>, cols: std::ops::Range<usize>| -> Vec<f32> {
            (0..784).map(|i| if rows.contains(&(i / 28)) && cols.contains(&(i % 28)) { 1.0 } else { 0.0 }).collect()
        };
        assert_eq!(judge(0.6, &bar(12..16, 4..24), &confident(1)), Some(Doubt::Line));
        assert_eq!(judge(0.6, &bar(4..24, 12..16), &confident(1)), None);
        assert_eq!(judge(0.6, &bar(8..18, 4..24), &confident(7)), None);
    }

    #[test]
    fn a_faint_tall_digit_is_no_line() {
        // An 8 drawn with a hairline and shrunk: a ring with a bar across its middle, all at 0.2 but the bar at
        // 0.5, where the strokes ran together. Against full ink only the bar counted, as wide as a dash.
        let faint: Vec<f32> = (0..784)
            .map(|i| {
                let (x, y) = (i % 28, i / 28);
                let inside = (8..20).contains(&x) && (4..24).contains(&y);
                let stroke = x == 8 || x == 19 || y == 4 || y == 23 || y == 13;
                match (inside && stroke, y == 13) {
                    (true, true) => 0.5,
                    (true, false) => 0.2,
                    _ => 0.0,
                }
            })
            .collect();
        assert_eq!(judge(0.6, &faint, &confident(8)), None);
    }

    #[test]
    fn a_close_call_names_both_and_is_unsure_when_no_winner() {
        let mut p = [0.0; 10];
        (p[1], p[7], p[4]) = (0.5, 0.45, 0.05);
        assert_eq!(judge(0.6, &typical_input(), &p), Some(Doubt::NoClearWinner));
        assert_eq!(runner_up(&p), Some(7));
    }
}
