//! From digits scattered over a picture to lines of digits: groups are chained left to right into lines by
//! their vertical overlap, along the lines' slope where they slope (`chains`), lines are ordered top to
//! bottom, and what is not a digit by its size or shape next to the line's digits is dropped: dots and
//! commas (short, or hanging from the baseline), slashes (thin and slanted), specks and lines of only small
//! marks.

use super::chains::{chain, drop_along, line_level, slope_of};
use super::components::Components;
use super::grouping::{upper_median_height, Group};
use super::{slashes, InkMask};

/// Marks shorter than this fraction of their line's digit height are separators (dots, commas, dashes) ...
const SHORTEST_IN_LINE: f32 = 0.5;
/// ... unless they are at least this fraction of it tall, this fraction wide, and no wider than this many times
/// their own height: a digit written small ("22360" with a small 0, a flat 2 at the end of "42"), which the
/// reader keeps only where the model reads it surely (`search::read_lines`). A dot or a comma is smaller, a dash
/// flatter.
const SMALL_DIGIT_HEIGHT: f32 = 0.35;
const SMALL_DIGIT_WIDTH: f32 = 0.4;
const FLATTEST_SMALL_DIGIT: f32 = 2.5;
/// Lines whose tallest mark is under this fraction of the picture's tallest digit are specks or noise.
const SHORTEST_LINE: f32 = 0.55;
/// Groups into lines, top to bottom, each left to right, separators and specks dropped, and with `cells`
/// (a photo, which may show a table) the borders of a cell at either end of a line.
pub fn into_lines(groups: Vec<Group>, components: &Components, mask: &InkMask, cells: bool) -> Vec<Vec<Group>> {
    let slope = slope_of(&groups);
    let mut lines = chain(groups, slope);
    // A cell's two rules go before the digit height is taken: beside a short number they would set it, and
    // every digit would look like a separator. One rule alone goes after: specks may surround a lone 1.
    if cells {
        drop_cell_borders(&mut lines, Some(mask.height()));
    }
    let tallest = lines.iter().flatten().map(|g| g.bounds.height).max().unwrap_or(0) as f32;
    lines.retain(|line| line.iter().map(|g| g.bounds.height).max().unwrap_or(0) as f32 >= SHORTEST_LINE * tallest);
    for line in &mut lines {
        let height = digit_height(line);
        line.retain(|g| !is_short(g, height) || may_be_a_small_digit(g, height));
        line.sort_by_key(|g| 2 * g.bounds.x + g.bounds.width);
        drop_hanging_marks(line, height, slope);
        slashes::drop_slashes(line, components, mask, height);
    }
    lines.retain(|line| !line.is_empty());
    if cells {
        drop_cell_borders(&mut lines, None);
    }
    lines.sort_by(|a, b| line_level(a, slope).total_cmp(&line_level(b, slope)));
    lines
}

/// Whether `group` is shorter than a digit of a line whose digits are `height` tall: a separator, or a digit
/// written small.
fn is_short(group: &Group, height: f32) -> bool {
    (group.bounds.height as f32) < SHORTEST_IN_LINE * height
}

/// Whether `group` is shorter than the digits of its line (`height` tall) but has the size and shape of a
/// digit written small, not of a dot, comma or dash.
pub fn may_be_a_small_digit(group: &Group, height: f32) -> bool {
    let (w, h) = (group.bounds.width as f32, group.bounds.height as f32);
    is_short(group, height) && h >= SMALL_DIGIT_HEIGHT * height && w >= SMALL_DIGIT_WIDTH * height && w <= FLATTEST_SMALL_DIGIT * h
}

/// A mark shorter than this fraction of its line's digit height ...
const HANGING_SHORT: f32 = 0.7;
/// ... whose top lies this fraction of the digit height or more below the tops of the digits beside it ...
const HANGING_BELOW: f32 = 0.4;
/// ... and which reaches this fraction below their feet hangs from the baseline: a long comma ("7.915,37"),
/// not a digit. People write a number's digits level, and a 1 as tall as the others.
const HANGING_PAST: f32 = 0.1;

/// Drops commas that hang from the baseline (see [`HANGING_PAST`]), each in a gap between digits, from a line
/// sorted left to right, with the digits beside moved along the line's `slope` to the mark's place (downhill, a
/// digit written short is lower than the one before it by the slope, not hanging).
fn drop_hanging_marks(line: &mut Vec<Group>, height: f32, slope: f32) {
    let digit = |g: &Group| g.bounds.height as f32 >= HANGING_SHORT * height;
    let hanging: Vec<bool> = (0..line.len())
        .map(|i| {
            let mark = line[i].bounds;
            let lower = |g: &Group| drop_along(slope, g, &line[i]);
            let beside: Vec<_> = [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter_map(|j| line.get(j)).filter(|g| digit(g)).collect();
            if digit(&line[i]) || beside.is_empty() {
                return false;
            }
            let count = beside.len() as f32;
            let top = beside.iter().map(|g| g.bounds.y as f32 + lower(g)).sum::<f32>() / count;
            let foot = beside.iter().map(|g| (g.bounds.y + g.bounds.height) as f32 + lower(g)).sum::<f32>() / count;
            // ... in a gap of its own: a piece under a stroke beside it is part of that mark (the leg of a K).
            let apart = beside.iter().all(|g| g.bounds.x + g.bounds.width <= mark.x || mark.x + mark.width <= g.bounds.x);
            apart && mark.y as f32 >= top + HANGING_BELOW * height && (mark.y + mark.height) as f32 >= foot + HANGING_PAST * height
        })
        .collect();
    let mut flags = hanging.into_iter();
    line.retain(|_| !flags.next().unwrap_or(false));
}

/// A thin upright mark at either end of a line, this many times taller than the line's other marks, is the
/// border of a table cell: people do not write a 1 half as tall again as the digits beside it.
const BORDER_HEIGHT: f32 = 1.5;
/// ... when it is at most this wide for its height.
const BORDER_THIN: f32 = 0.25;
/// A rule this large a fraction of the picture's height runs from edge to edge, give or take a tilt.
const SPANNING_RULE: f32 = 0.8;

/// Drops cell borders (see [`BORDER_HEIGHT`]) from the ends of lines of three marks or more, measured against
/// the marks between them and any end that is not thin and upright: a photo of a table cell often shows the
/// rules on either side of the number. With `spanning` (the picture's height), only pairs of borders that both
/// span nearly all of it.
fn drop_cell_borders(lines: &mut [Vec<Group>], spanning: Option<usize>) {
    for line in lines.iter_mut().filter(|line| line.len() >= 3) {
        // The marks between the ends set the digit height, and so does an end no border could be (a 3): a 0
        // written small between a 1 and a 3 must not make the 1 look a rule.
        let last = line.len() - 1;
        let height = upper_median_height(line.iter().enumerate().filter(|&(i, g)| (1..last).contains(&i) || !is_thin_upright(g)).map(|(_, g)| g));
        let is_border = |g: &Group| is_cell_border(g, height);
        let (first_is_border, last_is_border) = (is_border(&line[0]), is_border(&line[last]));
        if let Some(picture) = spanning {
            let spans = |g: &Group| g.bounds.height as f32 >= SPANNING_RULE * picture as f32;
            if !(first_is_border && last_is_border && spans(&line[0]) && spans(&line[last])) {
                continue;
            }
        }
        if last_is_border {
            line.pop();
        }
        if first_is_border {
            line.remove(0);
        }
    }
}

/// Whether `mark` is thin and upright and [`BORDER_HEIGHT`] times taller than digits `height` tall: a table
/// cell's border, not a 1.
pub(super) fn is_cell_border(mark: &Group, height: f32) -> bool {
    mark.bounds.height as f32 >= BORDER_HEIGHT * height && is_thin_upright(mark)
}

/// Whether `mark` is at most [`BORDER_THIN`] as wide as it is tall: a cell's border could be it.
fn is_thin_upright(mark: &Group) -> bool {
    mark.bounds.width as f32 <= BORDER_THIN * mark.bounds.height as f32
}

/// The line's digit height: the upper median of its marks' heights, so a few separators do not lower it.
pub fn digit_height(line: &[Group]) -> f32 {
    upper_median_height(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::Bounds;

    fn group(x: usize, y: usize, width: usize, height: usize) -> Group {
        Group::from_bounds(Bounds { x, y, width, height })
    }

    #[test]
    fn groups_form_lines_top_to_bottom_each_left_to_right() {
        let groups = vec![group(50, 100, 20, 30), group(10, 10, 20, 30), group(40, 14, 20, 30), group(10, 98, 20, 30)];
        let lines = into_lines(groups, &Components { labels: Vec::new(), pieces: Vec::new() }, &InkMask::empty(1, 1), false);
        let xs: Vec<Vec<usize>> = lines.iter().map(|l| l.iter().map(|g| g.bounds.x).collect()).collect();
        assert_eq!(xs, vec![vec![10, 40], vec![10, 50]]);
    }

    #[test]
    fn a_comma_low_between_digits_does_not_start_a_line_of_its_own() {
        // "5,61": the comma sits below the 5, so it starts a line; the 1 overlaps it wholly and the 6 less.
        let groups = vec![group(10, 140, 40, 50), group(60, 188, 11, 10), group(80, 140, 40, 63), group(130, 152, 16, 58)];
        let lines = into_lines(groups, &Components { labels: Vec::new(), pieces: Vec::new() }, &InkMask::empty(1, 1), false);
        let xs: Vec<Vec<usize>> = lines.iter().map(|l| l.iter().map(|g| g.bounds.x).collect()).collect();
        assert_eq!(xs, vec![vec![10, 80, 130]]);
    }

    fn lines_of(groups: Vec<Group>, cells: bool) -> Vec<Vec<usize>> {
        let lines = into_lines(groups, &Components { labels: Vec::new(), pieces: Vec::new() }, &InkMask::empty(1, 84), cells);
        lines.iter().map(|l| l.iter().map(|g| g.bounds.x).collect()).collect()
    }

    #[test]
    fn tall_thin_marks_at_the_ends_of_a_line_are_cell_borders() {
        let digits = |x: usize| vec![group(x, 30, 20, 30), group(x + 30, 32, 20, 30), group(x + 60, 30, 6, 30)];
        let borders = |digits: Vec<Group>| [vec![group(5, 0, 4, 80)], digits, vec![group(120, 2, 6, 78)]].concat();
        assert_eq!(lines_of(borders(digits(20)), true), vec![vec![20, 50, 80]], "a 1 as tall as the digits stays");
        // Two rules are a third of a short number's marks: the digits must not be taken for separators.
        assert_eq!(lines_of(borders(vec![group(40, 30, 20, 30)]), true), vec![vec![40]]);
        assert_eq!(lines_of(borders(digits(20)[..2].to_vec()), true), vec![vec![20, 50]]);
        assert_eq!(lines_of(vec![group(20, 30, 20, 30), group(50, 10, 6, 50)], true), vec![vec![20, 50]], "with one digit beside it, a tall 1 may be the writer's");
        // Two 1s with a speck between them are not a cell's rules: those run from edge to edge.
        assert_eq!(lines_of(vec![group(20, 10, 5, 50), group(40, 30, 3, 3), group(60, 10, 5, 50)], true), vec![vec![20, 60]]);
    }

    #[test]
    fn a_1_beside_a_0_written_small_is_no_cell_border_where_the_digit_at_the_other_end_is_as_tall() {
        // "103" in a table cell: the 1 is half as tall again as the small 0, but hardly taller than the 3.
        let number = vec![group(20, 10, 5, 37), group(40, 15, 25, 23), group(75, 12, 20, 33)];
        assert_eq!(lines_of(number, true), vec![vec![20, 40, 75]]);
        // Beside a rule the digits are far shorter than it, the one at the other end too.
        let after_a_rule = vec![group(5, 0, 4, 50), group(40, 10, 25, 30), group(75, 12, 20, 30), group(105, 10, 20, 30)];
        assert_eq!(lines_of(after_a_rule, true), vec![vec![40, 75, 105]]);
    }

    #[test]
    fn a_long_comma_hanging_from_the_baseline_is_a_separator_but_a_short_digit_level_with_the_others_is_not() {
        // "7.915,37" with digits 33 tall: the comma is 17 tall (over half the digits' height), starts at their
        // middle and ends below their feet; it shares rows with the dot, which puts it on their line. The last
        // digit is as short but level with the others.
        let number = |last: Group| {
            let (seven, dot) = (group(0, 20, 18, 31), group(24, 47, 6, 6));
            vec![seven, dot, group(36, 18, 17, 30), group(60, 18, 15, 34), group(80, 20, 22, 33), group(105, 49, 10, 17), group(120, 20, 26, 35), last]
        };
        assert_eq!(lines_of(number(group(150, 17, 30, 33)), false), vec![vec![0, 36, 60, 80, 120, 150]]);
        assert_eq!(lines_of(number(group(150, 19, 20, 20)), false), vec![vec![0, 36, 60, 80, 120, 150]], "a small digit written level");
    }

    #[test]
    fn a_digit_written_small_stays_in_its_line_but_dots_and_dashes_do_not() {
        // Digits 30 tall; after them a small 0 (14 of 30), a dot, a dash and a flat bar as tall as the 0.
        let digits = vec![group(0, 10, 20, 30), group(25, 10, 20, 30), group(50, 10, 20, 30)];
        let with = |mark: Group| lines_of([digits.clone(), vec![mark]].concat(), false);
        assert_eq!(with(group(75, 25, 14, 14)), vec![vec![0, 25, 50, 75]], "a small 0");
        assert_eq!(with(group(75, 36, 5, 5)), vec![vec![0, 25, 50]], "a dot");
        assert_eq!(with(group(75, 24, 20, 4)), vec![vec![0, 25, 50]], "a dash");
        assert_eq!(with(group(75, 24, 40, 14)), vec![vec![0, 25, 50]], "a bar flatter than any digit");
        assert!(may_be_a_small_digit(&group(75, 25, 14, 14), 30.0) && !may_be_a_small_digit(&group(0, 10, 20, 30), 30.0));
    }

    #[test]
    fn a_flat_digit_at_the_end_of_a_sloping_line_joins_the_digits_beside_it_not_a_comma_far_back() {
        // "0,775,332" written sloping down (a hold-out amount): the comma after the 0 hangs below it and starts a
        // line; the flat 2 at the end shares as many of its rows with that comma as with the 3 beside it.
        let groups = vec![
            group(97, 8, 49, 72),
            group(148, 76, 24, 27),
            group(200, 14, 58, 70),
            group(276, 36, 58, 64),
            group(359, 38, 66, 66),
            group(469, 51, 54, 66),
            group(532, 54, 32, 68),
            group(595, 70, 67, 42),
        ];
        assert_eq!(lines_of(groups, false), vec![vec![97, 200, 276, 359, 469, 532, 595]]);
    }

    #[test]
    fn a_digit_written_short_at_the_end_of_a_number_written_downhill_is_no_hanging_comma() {
        // Three digits 30 tall, each 21 px lower than the one before, then a 0 two thirds as tall on the same
        // slope: level, it starts below the last digit's middle and ends below its feet, as a comma hangs.
        let number = vec![group(10, 10, 20, 30), group(70, 31, 20, 30), group(130, 52, 20, 30), group(160, 72, 18, 20)];
        assert_eq!(lines_of(number, false), vec![vec![10, 70, 130, 160]]);
    }

    #[test]
    fn a_dot_between_digits_is_a_separator() {
        let groups = vec![group(10, 10, 20, 30), group(34, 36, 4, 4), group(42, 10, 20, 30)];
        let lines = into_lines(groups, &Components { labels: Vec::new(), pieces: Vec::new() }, &InkMask::empty(1, 1), false);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].len(), 2);
    }
}
