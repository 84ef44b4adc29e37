//! When the app says "Unsure" instead of naming a digit: too little ink, too much ink, or no clear winner.

pub use protocol::{Doubt, CLOSE_RUNNER_UP, UNSURE_BELOW};

/// Ink spanning less than this fraction of the picture's shorter side is a tap or a speck, not a digit.
pub const SMALLEST_EXTENT: f32 = 0.1;
/// Mean ink of the 28×28 input above which it is a scribble or a blot. The densest MNIST test digit has
/// 0.33 and 99.9 % have under 0.30; a filled disc has about 0.4.
pub const MOST_INK: f32 = 0.36;

/// Judges one reading from the ink's extent, the model input and the probabilities.
pub fn judge(extent: f32, model_input: &[f32], probabilities: &[f32; 10]) -> Option<Doubt> {
    let mean_ink = model_input.iter().sum::<f32>() / model_input.len().max(1) as f32;
    let top = probabilities.iter().copied().fold(0.0, f32::max);
    if extent < SMALLEST_EXTENT {
        Some(Doubt::TooLittleInk)
    } else if mean_ink > MOST_INK {
        Some(Doubt::TooMuchInk)
    } else if top < UNSURE_BELOW {
        Some(Doubt::NoClearWinner)
    } else {
        None
    }
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
    fn a_close_call_names_both_and_is_unsure_when_no_winner() {
        let mut p = [0.0; 10];
        (p[1], p[7], p[4]) = (0.5, 0.45, 0.05);
        assert_eq!(judge(0.6, &typical_input(), &p), Some(Doubt::NoClearWinner));
        assert_eq!(runner_up(&p), Some(7));
    }
}
