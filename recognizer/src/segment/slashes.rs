//! Slashes between digits are separators, not 1s: a thin mark leaning further than handwritten 1s do, and
//! the two slashes of a date ("3/07/2024"), which lean further than the writer's other marks, however upright
//! the hand. Called on each line by `lines::into_lines`.

use super::components::Components;
use super::grouping::Group;
use super::InkMask;

/// A thin mark leaning more than this (horizontal shift per row) is a slash, not a 1.
const SLASH_LEAN: f32 = 0.85;
/// ... when (nine in ten of) its rows hold at most this fraction of its height in ink and span at most that
/// across the stroke: one stroke. Drawn with a fine pen, every row of a wide 2 or of a 5's body holds little
/// ink, but its rows span two strokes or a bar.
const SLASH_THIN: f32 = 0.25;
/// A date's slashes (see [`date_slashes`]) lean right at least this much, ...
const DATE_SLASH_LEAN: f32 = 0.3;
/// ... at angles within this much of each other (radians: as much as leans of 0 and 0.3 differ; slashes at 49°
/// and 39°, leans of 1.15 and 0.82, are alike), ...
const SAME_SLASH: f32 = 0.29;
/// ... and at least this much more than the writer's other marks.
const BEYOND_THE_HAND: f32 = 0.1;
/// A slash put together with a digit beside it is at least this fraction of the pair's height.
const SLASH_OF_A_GROUP: f32 = 0.8;
/// A mark at least this wide (as a fraction of the line's digit height) may be two touching digits ("16"), and
/// counts as one or two in a date's year. A wide 0 or 5 alone reaches 0.8 to 1.0, and counted as two it made
/// dates of "61610" and "711115", their 1s leaning as slashes do.
const MAYBE_TWO_DIGITS: f32 = 1.1;

/// Drops the slashes between the digits of a line (sorted left to right): thin marks leaning further than
/// handwritten 1s do, and the two slashes of a date (see [`date_slashes`]). A slash close beside a digit may
/// have been put together with it (a slash and a 1 side by side look like the two strokes of a 4): where
/// taking such a pair apart makes the line a date, it is taken apart.
pub fn drop_slashes(line: &mut Vec<Group>, components: &Components, mask: &InkMask, height: f32) {
    let mut leans: Vec<Option<Lean>> = line.iter().map(|g| lean(g, components, mask)).collect();
    let maybe_two = |line: &[Group]| -> Vec<bool> { line.iter().map(|g| g.bounds.width as f32 >= MAYBE_TWO_DIGITS * height).collect() };
    let mut date = date_slashes(&leans, &maybe_two(line));
    if date.is_none() {
        let apart: Vec<Group> = line.iter().flat_map(|g| slash_apart(g, components, mask)).collect();
        if apart.len() > line.len() {
            let apart_leans: Vec<Option<Lean>> = apart.iter().map(|g| lean(g, components, mask)).collect();
            if let Some(pair) = date_slashes(&apart_leans, &maybe_two(&apart)) {
                (*line, leans, date) = (apart, apart_leans, Some(pair));
            }
        }
    }
    let slashes: Vec<bool> = (0..line.len())
        .map(|i| leans[i].is_some_and(|l| l.thin_in_rows && l.narrow && l.slope.abs() >= SLASH_LEAN) || date.is_some_and(|(a, b)| i == a || i == b))
        .collect();
    // A slash parts digits: with none on either side of it, a mark leaning that far is a 1 drawn leaning with a
    // fine pen (the first digit of "10048", the last of "41", or all there is to read).
    let first = slashes.iter().position(|&slash| !slash);
    let last = slashes.iter().rposition(|&slash| !slash);
    let (Some(first), Some(last)) = (first, last) else { return };
    let mut i = 0;
    line.retain(|_| {
        let parts_digits = slashes[i] && first < i && i < last;
        i += 1;
        !parts_digits
    });
}

/// A group of several pieces as a slash and the rest, left to right, when one piece is a stroke leaning like a
/// date's slash and nearly as tall as the group; else the group as it is.
fn slash_apart(group: &Group, components: &Components, mask: &InkMask) -> Vec<Group> {
    let mut rest = group.pieces(components);
    if rest.len() < 2 {
        return vec![group.clone()];
    }
    let slash_like = |p: &Group| {
        p.bounds.height as f32 >= SLASH_OF_A_GROUP * group.bounds.height as f32
            && lean(p, components, mask).is_some_and(|l| l.like_a_date_slash())
    };
    let Some(slash) = rest.iter().position(slash_like) else { return vec![group.clone()] };
    let slash = rest.remove(slash);
    let rest = rest.iter().skip(1).fold(rest[0].clone(), |all, p| all.joined(p));
    let centre = |g: &Group| 2 * g.bounds.x + g.bounds.width;
    if centre(&slash) <= centre(&rest) { vec![slash, rest] } else { vec![rest, slash] }
}

/// The two slashes of a date ("3/07/2024", "12/3/98"), if the line is one: two marks of one stroke each, leaning right
/// at least [`DATE_SLASH_LEAN`], alike within [`SAME_SLASH`], leaning at least [`BEYOND_THE_HAND`] more than the
/// writer's other marks (their median), that part the line into a day and a month of one or two marks and a
/// year of two or four (a mark that `maybe_two` counts as one or two). Of several such pairs, the one leaning
/// most. A 1 leans as its writer's other digits do; a date's slashes lean further, however upright the writer.
fn date_slashes(leans: &[Option<Lean>], maybe_two: &[bool]) -> Option<(usize, usize)> {
    let n = leans.len();
    let slash_like = |i: usize| leans[i].filter(Lean::like_a_date_slash).map(|l| l.slope);
    let mut best: Option<((usize, usize), f32)> = None;
    for a in 1..=2.min(n) {
        for b in a + 2..=a + 3 {
            if b >= n {
                continue;
            }
            let year = n - b - 1;
            let touching = maybe_two[b + 1..].iter().filter(|&&two| two).count();
            if !(year..=year + touching).any(|marks| marks == 2 || marks == 4) {
                continue;
            }
            let (Some(la), Some(lb)) = (slash_like(a), slash_like(b)) else { continue };
            if (la.atan() - lb.atan()).abs() > SAME_SLASH {
                continue;
            }
            let mut hand: Vec<f32> = (0..n)
                .filter(|&i| i != a && i != b)
                .filter_map(|i| leans[i].filter(|l| !l.narrow).map(|l| l.slope))
                .collect();
            if hand.is_empty() {
                continue;
            }
            hand.sort_by(f32::total_cmp);
            let writer = (hand[(hand.len() - 1) / 2] + hand[hand.len() / 2]) / 2.0;
            let least = la.min(lb);
            if least - writer >= BEYOND_THE_HAND && best.is_none_or(|(_, l)| least > l) {
                best = Some(((a, b), least));
            }
        }
    }
    best.map(|(pair, _)| pair)
}

/// How a mark leans: its rows' centres fitted by a line, in columns per row, positive when its top leans right.
#[derive(Debug, Clone, Copy)]
struct Lean {
    slope: f32,
    /// Nine in ten of its rows hold at most [`SLASH_THIN`] of its height in ink.
    thin_in_rows: bool,
    /// Nine in ten of its rows span at most that, measured across the stroke: one stroke, not a digit's two.
    narrow: bool,
}

impl Lean {
    /// One stroke leaning right at least [`DATE_SLASH_LEAN`].
    fn like_a_date_slash(&self) -> bool {
        self.narrow && self.slope >= DATE_SLASH_LEAN
    }
}

fn lean(group: &Group, components: &Components, mask: &InkMask) -> Option<Lean> {
    let b = group.bounds;
    let (mut n, mut sy, mut sx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32, 0.0f32, 0.0f32);
    let (mut widths, mut spans) = (Vec::new(), Vec::new());
    for y in b.y..b.y + b.height {
        let xs: Vec<usize> = (b.x..b.x + b.width).filter(|&x| group.owns(components, mask.width(), x, y)).collect();
        let (Some(first), Some(last)) = (xs.first(), xs.last()) else { continue };
        widths.push(xs.len());
        spans.push(last - first + 1);
        let mean = xs.iter().sum::<usize>() as f32 / xs.len() as f32;
        let yf = y as f32;
        (n, sy, sx, syy, sxy) = (n + 1.0, sy + yf, sx + mean, syy + yf * yf, sxy + yf * mean);
    }
    if n < 3.0 {
        return None;
    }
    // Rows count down, so a mark whose top leans right has a negative fitted slope.
    let slope = -(n * sxy - sy * sx) / (n * syy - sy * sy).max(f32::EPSILON);
    widths.sort_unstable();
    spans.sort_unstable();
    let ninth = |v: &[usize]| v[v.len() * 9 / 10] as f32;
    let most = SLASH_THIN * b.height as f32;
    // A row cuts a leaning stroke at a slant: across the stroke it is narrower by this much.
    let across = (1.0 + slope * slope).sqrt();
    Some(Lean { slope, thin_in_rows: ninth(&widths) <= most, narrow: ninth(&spans) / across <= most })
}

#[cfg(test)]
mod tests {
    /// Strokes (polylines) of a written line, each point sheared right by `slant` columns per row above
    /// `bottom`, drawn with a pen 4 px wide on white paper, and the digits the picture analyses into.
    fn marks_read(strokes: &[Vec<(f32, f32)>], slant: f32) -> usize {
        let (width, height, bottom) = (460, 120, 90.0);
        let sheared: Vec<Vec<(f32, f32)>> =
            strokes.iter().map(|s| s.iter().map(|&(x, y)| (x + slant * (bottom - y), y)).collect()).collect();
        let paper = crate::preprocess::InkMap::from_fn(width, height, |x, y| {
            let p = (x as f32 + 0.5, y as f32 + 0.5);
            let near = sheared.iter().flat_map(|s| s.windows(2)).any(|w| distance(p, w[0], w[1]) <= 2.0);
            if near { 0.0 } else { 1.0 }
        });
        let analysis = crate::segment::analyse(paper, crate::segment::Source::Photo).expect("ink");
        analysis.lines.iter().map(Vec::len).sum()
    }

    fn distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy).max(1e-6)).clamp(0.0, 1.0);
        ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
    }

    /// Digits 60 px tall from y = 30, left edge at `x`.
    fn one(x: f32) -> Vec<Vec<(f32, f32)>> {
        vec![vec![(x, 30.0), (x, 90.0)]]
    }
    fn zero(x: f32) -> Vec<Vec<(f32, f32)>> {
        let ring = (0..=24).map(|k| {
            let t = k as f32 * std::f32::consts::TAU / 24.0;
            (x + 17.0 + 17.0 * t.cos(), 60.0 + 30.0 * t.sin())
        });
        vec![ring.collect()]
    }
    fn four(x: f32) -> Vec<Vec<(f32, f32)>> {
        vec![vec![(x + 24.0, 30.0), (x, 72.0), (x + 36.0, 72.0)], vec![(x + 26.0, 30.0), (x + 26.0, 90.0)]]
    }
    /// A slash 64 px tall leaning `lean` columns per row, its foot at `x`.
    fn slash(x: f32, lean: f32) -> Vec<Vec<(f32, f32)>> {
        vec![vec![(x, 92.0), (x + 64.0 * lean, 28.0)]]
    }

    #[test]
    fn the_slashes_of_a_date_are_not_ones_unless_they_lean_as_the_writer_does() {
        // "10/4/10": an upright hand, slashes leaning 0.5 (a handwritten 1 leaning that far is common in MNIST).
        let date = |slashes: f32| [one(20.0), zero(40.0), slash(90.0, slashes), four(140.0), slash(190.0, slashes), one(240.0), zero(260.0)].concat();
        assert_eq!(marks_read(&date(0.5), 0.0), 5, "the slashes are separators");
        // The same marks from a writer whose every stroke leans as far are 1s: "1011410".
        assert_eq!(marks_read(&date(0.0), 0.5), 7, "a slanted writer's 1s are digits");
        // Upright 1s in those places are digits too.
        assert_eq!(marks_read(&date(0.0), 0.0), 7);
    }

    /// `strokes` leaning `lean` columns per row above their foot (y = 90).
    fn leaning(strokes: Vec<Vec<(f32, f32)>>, lean: f32) -> Vec<Vec<(f32, f32)>> {
        strokes.into_iter().map(|s| s.into_iter().map(|(x, y)| (x + lean * (90.0 - y), y)).collect()).collect()
    }

    #[test]
    fn the_writers_lean_is_the_median_of_their_marks() {
        // "0/0/00": two upright 0s and two leaning 0.4. The hand leans 0.2, and slashes at 0.5 lean beyond it.
        let date =
            [zero(20.0), slash(70.0, 0.5), zero(115.0), slash(165.0, 0.5), leaning(zero(210.0), 0.4), leaning(zero(265.0), 0.4)].concat();
        assert_eq!(marks_read(&date, 0.0), 4);
    }

    #[test]
    fn a_slanted_writers_slashes_lean_only_a_little_beyond_the_hand() {
        // "10/4/10" from a writer leaning 0.25, the slashes 0.15 further: real dates ("2/2/42", "54/30/02") part
        // their slashes from the digits by no more.
        let date = [one(20.0), zero(40.0), slash(90.0, 0.15), four(140.0), slash(190.0, 0.15), one(240.0), zero(260.0)].concat();
        assert_eq!(marks_read(&date, 0.25), 5);
    }

    #[test]
    fn a_dates_slashes_leaning_far_are_alike_by_their_angle() {
        // "10/4/10" with slashes at 49° and 39° from upright (leans of 1.15 and 0.82): 10° apart, closer than the
        // 17° between leans of 0.3 and 0, though their leans differ by more.
        let date = [one(20.0), zero(40.0), slash(90.0, 1.15), four(180.0), slash(230.0, 0.82), one(300.0), zero(320.0)].concat();
        assert_eq!(marks_read(&date, 0.0), 5);
    }

    #[test]
    fn a_mark_leaning_like_a_slash_with_no_digit_on_either_side_of_it_is_read() {
        assert_eq!(marks_read(&slash(40.0, 1.0), 0.0), 1, "a lone leaning 1 is not blank paper");
        assert_eq!(marks_read(&[one(20.0), slash(60.0, 1.0), zero(140.0)].concat(), 0.0), 2, "beside digits it parts them");
        // With digits on one side only it parts nothing: the first digit of "10", the last of "01".
        assert_eq!(marks_read(&[slash(20.0, 1.0), zero(100.0)].concat(), 0.0), 2, "a leaning 1 first is read");
        assert_eq!(marks_read(&[zero(20.0), slash(120.0, 1.0)].concat(), 0.0), 2, "a leaning 1 last is read");
    }

    #[test]
    fn a_wide_2_leaning_like_a_slash_drawn_with_a_fine_pen_is_a_digit() {
        // Its diagonal leans about 1.8 and most rows hold only the pen's width of ink, but the hook and the
        // foot span far wider than one stroke.
        let two = |x: f32| vec![vec![(x + 58.0, 36.0), (x + 70.0, 28.0), (x + 82.0, 36.0), (x + 80.0, 46.0), (x, 90.0), (x + 84.0, 90.0)]];
        assert_eq!(marks_read(&[one(20.0), two(60.0), zero(180.0)].concat(), 0.0), 3);
    }

    #[test]
    fn a_date_whose_year_is_two_touching_digits_is_still_a_date() {
        // "10/4/44", the year's 4s touching, bar to foot of the diagonal: one mark as wide as two digits.
        let date = [one(20.0), zero(40.0), slash(90.0, 0.5), four(140.0), slash(190.0, 0.5), four(240.0), four(278.0)].concat();
        assert_eq!(marks_read(&date, 0.0), 4);
    }

    #[test]
    fn a_slash_put_together_with_the_1_beside_it_is_still_a_slash() {
        // "4/4/14", the second slash's top a pixel or two from the 1, as close as a 4's detached stem.
        let date = [four(20.0), slash(70.0, 0.5), four(120.0), slash(170.0, 0.5), one(208.0), four(230.0)].concat();
        assert_eq!(marks_read(&date, 0.0), 4);
    }
}
