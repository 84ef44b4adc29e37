//! Run lengths: for every pixel of a mask, how long the run of ink it lies in is, across and down. A stroke is
//! as wide as the shorter of the two; a patch of shadow is long both ways.

/// The runs of `inked` (a `width` × `height` mask, row by row) through every pixel: across, then down; 0 off
/// the ink.
pub fn across_and_down(inked: &[bool], width: usize, height: usize) -> (Vec<usize>, Vec<usize>) {
    let across = run_lengths(inked, width, height, |i, j| j * width + i);
    let down = run_lengths(inked, height, width, |i, j| i * width + j);
    (across, down)
}

/// How many runs of ink each row of `inked` (`width` pixels wide) breaks into, per pixel of the mask: a few
/// hundredths where strokes cross the rows, a fifth or more where noise breaks the ink up everywhere.
pub fn runs_per_pixel(inked: &[bool], width: usize) -> f32 {
    let starts = inked.iter().enumerate().filter(|&(i, &ink)| ink && (i % width == 0 || !inked[i - 1])).count();
    starts as f32 / inked.len().max(1) as f32
}

/// For every pixel, the length of the run of ink it lies in along lines of `length` pixels (`count` of them);
/// `at(i, j)` is the index of pixel `i` of line `j`.
fn run_lengths(inked: &[bool], length: usize, count: usize, at: impl Fn(usize, usize) -> usize) -> Vec<usize> {
    let mut runs = vec![0; inked.len()];
    for j in 0..count {
        let mut start = 0;
        for i in 0..=length {
            if i < length && inked[at(i, j)] {
                continue;
            }
            (start..i).for_each(|k| runs[at(k, j)] = i - start);
            start = i + 1;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pixel_lies_in_one_run_across_and_one_down() {
        // 3 × 2: ink at (0, 0), (1, 0) and (1, 1).
        let (across, down) = across_and_down(&[true, true, false, false, true, false], 3, 2);
        assert_eq!(across, [2, 2, 0, 0, 1, 0]);
        assert_eq!(down, [1, 2, 0, 0, 2, 0]);
    }

    #[test]
    fn runs_are_counted_row_by_row() {
        // 3 × 2: "##." and ".#.": one run each row; a run at the start of a row is counted once.
        assert_eq!(runs_per_pixel(&[true, true, false, false, true, false], 3), 2.0 / 6.0);
        // "#.#" over "#.#": two runs each row.
        assert_eq!(runs_per_pixel(&[true, false, true, true, false, true], 3), 4.0 / 6.0);
    }
}
