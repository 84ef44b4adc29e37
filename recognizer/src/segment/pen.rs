//! One pen: the digits of a photo are written with one pen, so a line of ink far thinner than their strokes is
//! printed, not written: what a faint rule leaves once thresholded (a 1-pixel stub beside a table's number).

use super::components::Components;
use super::grouping::Group;
use super::chains::row_overlap;
use super::runs::across_and_down;
use crate::preprocess::Bounds;

/// A straight mark this many times longer than wide is a line (a rule's stub, or a 1) ...
const LINE: usize = 3;
/// ... and one a picture pixel wide, its strokes at most this fraction of the digits' beside it, was not written
/// with their pen. (Measured on digits, the pen comes out thicker than it is where loops close up, so only
/// lines a pixel wide are judged: a written 1 is wider.)
const THINNER_THAN_THE_PEN: f32 = 0.4;
/// A mark whose rows overlap a digit's by this fraction of the shorter is in the digits' line.
const IN_LINE: f32 = 0.5;
/// The pen is judged by at least this many other marks that are not lines.
const MARKS_FOR_THE_PEN: usize = 2;

/// Drops marks a picture pixel wide (`enlarged` pixels of the mask, for a picture enlarged for analysis), much
/// thinner than the pen that wrote the other marks and out of their line (or in it, where more of the same
/// rule runs on straight above or below): lines, and anything at the picture's edge (the corner where what is
/// left of two faint rules meets).
pub fn drop_printed_lines(groups: &mut Vec<Group>, components: &Components, (width, height): (usize, usize), enlarged: usize) {
    let is_line = |g: &Group| g.bounds.height >= LINE * g.bounds.width || g.bounds.width >= LINE * g.bounds.height;
    let at_edge = |g: &Group| {
        let b = g.bounds;
        b.x == 0 || b.y == 0 || b.x + b.width >= width || b.y + b.height >= height
    };
    // Which group each piece belongs to, so that a pixel's owner is found at once however many pieces a group has.
    let mut owner = vec![usize::MAX; components.labels.iter().max().map_or(0, |&l| l as usize + 1)];
    for (i, g) in groups.iter().enumerate() {
        g.labels.iter().for_each(|&l| owner[l as usize] = i);
    }
    let strokes: Vec<f32> = (0..groups.len()).map(|i| stroke_width(groups[i].bounds, |p| owner[components.labels[p] as usize] == i, width)).collect();
    let mut pens: Vec<f32> = groups.iter().zip(&strokes).filter(|(g, _)| !is_line(g)).map(|(_, &s)| s).collect();
    if pens.len() < MARKS_FOR_THE_PEN {
        return;
    }
    let middle = pens.len() / 2;
    let pen = *pens.select_nth_unstable_by(middle, f32::total_cmp).1;
    // A 1 written lightly can threshold as thin, but it stands in the line of the digits beside it; what a rule
    // leaves lies above or below them, or runs past them.
    let in_line = |line: &Group| {
        groups.iter().any(|g| !std::ptr::eq(g, line) && !is_line(g) && row_overlap(g, line) >= IN_LINE)
    };
    let thin = |i: usize| strokes[i] <= enlarged as f32 && strokes[i] <= THINNER_THAN_THE_PEN * pen;
    // ... unless it is one piece of a rule's track: a rule down a table, broken where the rules across it were
    // taken out, leaves a piece beside the digits and more of it straight above or below them, in its columns.
    let on_a_track = |i: usize| {
        let b = groups[i].bounds;
        b.height >= LINE * b.width
            && groups.iter().enumerate().any(|(j, other)| {
                let o = other.bounds;
                j != i && thin(j) && o.height >= LINE * o.width && (o.y + o.height <= b.y || b.y + b.height <= o.y)
                    && o.x + enlarged >= b.x && o.x + o.width <= b.x + b.width + enlarged
            })
    };
    let printed: Vec<bool> = (0..groups.len())
        .map(|i| {
            let g = &groups[i];
            (is_line(g) || at_edge(g)) && thin(i) && (!in_line(g) || on_a_track(i))
        })
        .collect();
    let mut printed = printed.into_iter();
    groups.retain(|_| !printed.next().unwrap_or(false));
}

/// The median, over the ink pixels in `b` that `inked` (given a pixel's index in a picture `width` wide) says
/// are the mark's, of the shorter of the two runs of its ink through the pixel (across and down): a stroke's
/// width wherever it runs.
fn stroke_width(b: Bounds, inked: impl Fn(usize) -> bool, width: usize) -> f32 {
    let ink: Vec<bool> = (0..b.width * b.height).map(|i| inked((b.y + i / b.width) * width + b.x + i % b.width)).collect();
    let (across, down) = across_and_down(&ink, b.width, b.height);
    let mut widths: Vec<usize> = across.iter().zip(&down).filter(|(&a, _)| a > 0).map(|(&a, &d)| a.min(d)).collect();
    if widths.is_empty() {
        return 0.0;
    }
    let middle = widths.len() / 2;
    *widths.select_nth_unstable(middle).1 as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(bounds: Bounds, label: u32) -> Group {
        let mut group = Group::from_bounds(bounds);
        group.labels = vec![label];
        group
    }

    /// A label image 80 pixels square holding two rings drawn 4 pixels thick in rows 5..35 (labels 2 and 3) and a
    /// line `stub_width` wide from row `stub_top` down 30 rows (label 1).
    fn stub_beside_two_zeros(stub_width: usize, stub_top: usize) -> (Components, Vec<Group>) {
        let width = 80;
        let mut labels = vec![0u32; width * width];
        for y in stub_top..stub_top + 30 {
            for x in 70..70 + stub_width {
                labels[y * width + x] = 1;
            }
        }
        for (label, left) in [(2u32, 5usize), (3, 35)] {
            for y in 5..35 {
                for x in left..left + 24 {
                    let ring = !(left + 4..left + 20).contains(&x) || !(9..31).contains(&y);
                    if ring {
                        labels[y * width + x] = label;
                    }
                }
            }
        }
        let components = Components { labels, pieces: Vec::new() };
        let groups = vec![
            group(Bounds { x: 70, y: stub_top, width: stub_width, height: 30 }, 1),
            group(Bounds { x: 5, y: 5, width: 24, height: 30 }, 2),
            group(Bounds { x: 35, y: 5, width: 24, height: 30 }, 3),
        ];
        (components, groups)
    }

    #[test]
    fn a_stub_a_pixel_wide_below_the_digits_is_dropped_but_a_1_in_their_line_or_written_with_their_pen_stays() {
        let kept = |stub_width, stub_top| {
            let (components, mut groups) = stub_beside_two_zeros(stub_width, stub_top);
            drop_printed_lines(&mut groups, &components, (80, 80), 1);
            groups.len()
        };
        assert_eq!(kept(1, 45), 2, "what a rule leaves below the number goes");
        assert_eq!(kept(1, 5), 3, "a 1 in the number's line stays, however thin");
        assert_eq!(kept(4, 45), 3, "a 1 as thick as the 0s stays");
    }

    #[test]
    fn a_stub_a_pixel_wide_in_the_digits_line_is_dropped_where_its_rule_runs_on_below_them() {
        // The fixture's stub a pixel wide in the number's line, and more of the same rule in its column below the
        // number (rows 45..75), or a column to the side of it (a second thin 1 on a line below).
        let kept = |below_x: usize| {
            let (mut components, mut groups) = stub_beside_two_zeros(1, 5);
            for y in 45..75 {
                components.labels[y * 80 + below_x] = 4;
            }
            groups.push(group(Bounds { x: below_x, y: 45, width: 1, height: 30 }, 4));
            drop_printed_lines(&mut groups, &components, (80, 80), 1);
            groups.iter().map(|g| g.bounds.x).collect::<Vec<_>>()
        };
        assert_eq!(kept(70), vec![5, 35], "the rule's two pieces go");
        assert_eq!(kept(74), vec![70, 5, 35], "a 1 in the line stays when the thin line below is not in its columns");
    }

    #[test]
    fn a_hairline_corner_at_the_picture_edge_is_dropped_but_not_one_inside_it() {
        // The two rings of the fixture, and where a faint rule across meets one down: an L a pixel wide, below
        // the number, ending at the picture's right and bottom edges (or 10 pixels short of them).
        let kept = |short_of_edges: usize| {
            let (mut components, mut groups) = stub_beside_two_zeros(4, 5);
            groups.remove(0);
            components.labels.iter_mut().filter(|l| **l == 1).for_each(|l| *l = 0);
            let (right, bottom) = (80 - short_of_edges, 80 - short_of_edges);
            for x in 40..right {
                components.labels[50 * 80 + x] = 4;
            }
            for y in 50..bottom {
                components.labels[y * 80 + right - 1] = 4;
            }
            groups.push(group(Bounds { x: 40, y: 50, width: right - 40, height: bottom - 50 }, 4));
            drop_printed_lines(&mut groups, &components, (80, 80), 1);
            groups.len()
        };
        assert_eq!(kept(0), 2);
        assert_eq!(kept(10), 3);
    }
}
