//! Marks chained left to right into lines by how their rows overlap, level or along a slope. People write
//! uphill or downhill on a canvas or on unruled paper, and a photo may be taken askew: chained level, a line
//! sloping more than about 20° (less where its gaps are wide) breaks into pieces, and the higher pieces of a
//! rising number come first. So the slope is found first: of level and slopes up to [`STEEPEST_DEGREES`]
//! either way, the one at which the picture's digit-sized marks chain into the fewest lines, and of those the
//! one they lie straightest along; level unless a slope makes strictly fewer.

use super::grouping::Group;

/// A group joins a line when its rows overlap one of the line's groups by this fraction of the shorter one.
const SAME_LINE: f32 = 0.4;
/// The steepest slope tried, and the steps between the slopes tried.
const STEEPEST_DEGREES: f32 = 35.0;
const SLOPE_STEP_DEGREES: f32 = 2.5;
/// Along a slope, a group joins a line only beside its last mark, at most this many heights to its right: the
/// digits of a number are close, and a number further along and a line lower may line up by chance ...
const SLOPED_GAP: f32 = 1.5;
/// ... and only where it lies as the slope says, sharing this fraction of the shorter one's rows once moved back
/// along it, and some rows as it is: short lines one above another line up diagonally too (a 6 over a 7 to its
/// right), and a mark wholly below the feet of the one before is on the next line (at 35°, digits a height
/// apart still share rows).
const SAME_LINE_ALONG_SLOPE: f32 = 0.75;
/// Marks at least this fraction of the tallest one's height are digit-sized: they alone decide the slope.
const DIGIT_SIZED: f32 = 0.55;
/// With more digit-sized marks than this, the picture is no sloping number (noise, a grid): it is read level.
const MOST_MARKS: usize = 400;

/// The slope of the lines of digits among `groups`, in pixels down per pixel right (negative: uphill). Of the
/// slopes that chain them into fewer lines than level, the one that chains the fewest, the straightest of those.
pub fn slope_of(groups: &[Group]) -> f32 {
    let tallest = groups.iter().map(|g| g.bounds.height).max().unwrap_or(0) as f32;
    let marks: Vec<Group> = groups.iter().filter(|g| g.bounds.height as f32 >= DIGIT_SIZED * tallest).cloned().collect();
    if marks.len() > MOST_MARKS {
        return 0.0;
    }
    let level = chain(marks.clone(), 0.0);
    if level.len() <= 1 {
        return 0.0;
    }
    let steps = (STEEPEST_DEGREES / SLOPE_STEP_DEGREES).round() as i32;
    (-steps..=steps)
        .filter(|&step| step != 0)
        .map(|step| (step as f32 * SLOPE_STEP_DEGREES).to_radians().tan())
        .filter_map(|slope| {
            let lines = chain(marks.clone(), slope);
            (lines.len() < level.len()).then(|| (lines.len(), scatter(&lines, slope), slope))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map_or(0.0, |(_, _, slope)| slope)
}

/// How far the marks of `lines` lie from their line's level along `slope`: the mean square, in pixels.
fn scatter(lines: &[Vec<Group>], slope: f32) -> f32 {
    let squares: f32 = lines
        .iter()
        .map(|line| {
            let level = line_level(line, slope);
            line.iter().map(|g| (centre_y(g) - slope * centre_x(g) - level).powi(2)).sum::<f32>()
        })
        .sum();
    squares / lines.iter().map(Vec::len).sum::<usize>().max(1) as f32
}

/// Chains `groups` into lines along `slope` (see [`slope_of`]), each line left to right as it was chained.
pub fn chain(mut groups: Vec<Group>, slope: f32) -> Vec<Vec<Group>> {
    groups.sort_by_key(|g| (g.bounds.x, g.bounds.y));
    let mut lines: Vec<Vec<Group>> = Vec::new();
    for group in groups {
        // Of the lines it may join, the one whose marks share most of its rows, the nearer the more: a dot or
        // comma that started a line lies wholly within the next digit's rows, but covers little of them, and a
        // comma far back along a sloping line may share as many of a flat digit's rows as the digit beside it.
        // Along a slope, only the line's last mark at least half as tall counts (a comma between two digits is
        // passed over): a digit further back may line up with a lower line.
        let joins = |line: &&Vec<Group>| {
            if slope == 0.0 {
                return line.iter().any(|g| row_overlap_along(g, &group, 0.0) >= SAME_LINE);
            }
            let last = line.iter().rev().find(|g| 2 * g.bounds.height >= group.bounds.height);
            last.is_some_and(|last| {
                row_overlap_along(last, &group, slope) >= SAME_LINE_ALONG_SLOPE && gap(last, &group) <= SLOPED_GAP && common_rows_along(last, &group, 0.0) > 0.0
            })
        };
        let best = lines
            .iter()
            .enumerate()
            .filter(|(_, line)| joins(line))
            .map(|(i, line)| (i, line.iter().map(|g| shared_rows_along(g, &group, slope) / (1.0 + gap(g, &group))).fold(0.0, f32::max)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => lines[i].push(group),
            None => lines.push(vec![group]),
        }
    }
    lines
}

/// Where a line of `groups` lies, down the picture, measured across `slope`: lines sort top to bottom by it.
pub fn line_level(groups: &[Group], slope: f32) -> f32 {
    groups.iter().map(|g| centre_y(g) - slope * centre_x(g)).sum::<f32>() / groups.len().max(1) as f32
}

pub(super) fn centre_x(g: &Group) -> f32 {
    g.bounds.x as f32 + g.bounds.width as f32 / 2.0
}

pub(super) fn centre_y(g: &Group) -> f32 {
    g.bounds.y as f32 + g.bounds.height as f32 / 2.0
}

/// How much lower `to` is than `from` along `slope`, in pixels.
pub(super) fn drop_along(slope: f32, from: &Group, to: &Group) -> f32 {
    slope * (centre_x(to) - centre_x(from))
}

/// How many rows two groups have in common once `b` is moved back along `slope` to `a`'s place (negative: how
/// far apart they are).
fn common_rows_along(a: &Group, b: &Group, slope: f32) -> f32 {
    let b_top = b.bounds.y as f32 - drop_along(slope, a, b);
    let (a, b) = (a.bounds, b.bounds);
    ((a.y + a.height) as f32).min(b_top + b.height as f32) - (a.y as f32).max(b_top)
}

/// How far `a` lies to the left of `b`, in `b`'s heights (0 where they overlap).
fn gap(a: &Group, b: &Group) -> f32 {
    b.bounds.x.saturating_sub(a.bounds.x + a.bounds.width) as f32 / b.bounds.height.max(1) as f32
}

fn row_overlap_along(a: &Group, b: &Group, slope: f32) -> f32 {
    common_rows_along(a, b, slope) / a.bounds.height.min(b.bounds.height).max(1) as f32
}

fn shared_rows_along(a: &Group, b: &Group, slope: f32) -> f32 {
    common_rows_along(a, b, slope) / a.bounds.height.max(b.bounds.height).max(1) as f32
}

/// How much two groups' rows overlap, as a fraction of the shorter one's height.
pub(super) fn row_overlap(a: &Group, b: &Group) -> f32 {
    row_overlap_along(a, b, 0.0)
}

/// How much two groups' rows overlap, as a fraction of the taller one's height.
pub(super) fn shared_rows(a: &Group, b: &Group) -> f32 {
    shared_rows_along(a, b, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::Bounds;

    fn group(x: usize, y: usize, width: usize, height: usize) -> Group {
        Group::from_bounds(Bounds { x, y, width, height })
    }

    fn lines_along_their_slope(groups: Vec<Group>) -> Vec<Vec<usize>> {
        let slope = slope_of(&groups);
        let mut lines = chain(groups, slope);
        lines.sort_by(|a, b| line_level(a, slope).total_cmp(&line_level(b, slope)));
        lines.iter().map(|l| l.iter().map(|g| g.bounds.x).collect()).collect()
    }

    /// Four digits 30 tall, 40 apart, each `rise` higher than the one before (negative: lower).
    fn sloping_number(x: usize, y: usize, rise: isize) -> Vec<Group> {
        (0..4).map(|i| group(x + 40 * i, (y as isize - rise * i as isize) as usize, 20, 30)).collect()
    }

    #[test]
    fn a_number_written_uphill_or_downhill_is_one_line_read_left_to_right() {
        // 20 px higher per 40 px along is 27°, 24 px 31°: chained level, each digit shares too few of its rows
        // with the next and the number falls into pieces, the higher ones read first.
        for rise in [20, -20, 24, -24] {
            let number = sloping_number(10, 100, rise);
            assert!(chain(number.clone(), 0.0).len() > 1, "rise {rise} is read level in one piece");
            let slope = slope_of(&number);
            assert!((slope + rise as f32 / 40.0).abs() < 0.05, "rise {rise}: slope {slope}");
            assert_eq!(lines_along_their_slope(number), vec![vec![10, 50, 90, 130]], "rise {rise}");
        }
    }

    #[test]
    fn two_lines_written_uphill_stay_two_lines_top_to_bottom() {
        let page = [sloping_number(10, 100, 20), sloping_number(10, 160, 20)].concat();
        assert_eq!(lines_along_their_slope(page), vec![vec![10, 50, 90, 130]; 2]);
    }

    #[test]
    fn level_lines_are_read_level() {
        // A page of two level lines, the second indented: no slope chains them into fewer lines.
        let page = vec![group(10, 10, 20, 30), group(35, 12, 20, 30), group(60, 50, 20, 30), group(85, 52, 20, 30)];
        assert_eq!(slope_of(&page), 0.0);
        assert_eq!(lines_along_their_slope(page), vec![vec![10, 35], vec![60, 85]]);
        // Short level lines, one digit below and beside another: a 6 over a 7, "19" over a 6.
        let six_over_seven = vec![group(10, 10, 20, 30), group(35, 45, 20, 30)];
        assert_eq!(lines_along_their_slope(six_over_seven), vec![vec![10], vec![35]]);
        let six_over_seven_further_on = vec![group(96, 45, 30, 43), group(156, 99, 36, 43)];
        assert_eq!(lines_along_their_slope(six_over_seven_further_on), vec![vec![96], vec![156]]);
        let nineteen_over_six = vec![group(60, 10, 10, 30), group(75, 11, 20, 30), group(20, 50, 20, 30)];
        assert_eq!(lines_along_their_slope(nineteen_over_six), vec![vec![60, 75], vec![20]]);
        // Digits level but for one written a little high are one line, read level.
        let number = vec![group(10, 10, 20, 30), group(35, 2, 20, 30), group(60, 12, 20, 30)];
        assert_eq!(slope_of(&number), 0.0);
    }
}
