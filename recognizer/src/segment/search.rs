//! Segmentation driven by recognition: every digit is read as found; a blob wide for one digit, one the
//! model is unsure of, or pieces put together side by side, is also read cut at its candidate cuts ([`super::cuts`]) and the surest path is
//! kept; a picture that one digit fills is read as that one digit unless its parts read clearly better.
//! Parts cut from a blob the model could not read whole are marked Unsure where the cut is a guess.
//! The model is a closure, so this stays free of inference code; each step classifies in one batch.

use super::cuts::{best_path_for_width, candidate_parts, cut_points, has_gap, is_clean_cut, strokes_crossed, WIDEST_PART};
use super::grouping::Group;
use super::lines::{self, digit_height};
use super::{Analysis, DigitCrop, Source};
use crate::classifier::Scores;
use crate::verdict::Doubt;

/// One digit as read: its crop, the model input and the model's scores.
#[derive(Debug, Clone)]
pub struct Read {
    pub crop: DigitCrop,
    pub input: Vec<f32>,
    pub scores: Scores,
    /// Cut from a blob the model could not read whole, where the cut is a guess (see [`NARROW_FOR_SEVERAL`]).
    pub guessed_split: bool,
}

impl Read {
    fn new(crop: DigitCrop, input: Vec<f32>, scores: Scores) -> Self {
        Self { crop, input, scores, guessed_split: false }
    }

    /// Why the app would call this reading Unsure on its own ink and scores (see [`crate::verdict::judge`]).
    fn doubt(&self) -> Option<Doubt> {
        crate::verdict::judge(self.crop.extent, &self.input, &self.scores.probabilities)
    }
}

/// Blobs at least this wide (as a fraction of the line's digit height) are tried cut.
const WIDE: f32 = 0.75;
/// On the canvas, where a single digit is the common case and each search costs an inference.
const WIDE_ON_CANVAS: f32 = 1.1;
/// ... and so are blobs at least this wide that the model reads below [`SURE`]: two touching 1s are
/// about half as wide as tall.
const FAIRLY_WIDE: f32 = 0.4;
const SURE: f32 = 0.9;
/// Two touching digits are at least about as wide as tall unless one is a 1. When the model could not read
/// a blob whole, parts cut from a narrower one, or cut across strokes, are a guess and marked so
/// ([`Read::guessed_split`]): the strokes of letters such as n, h, M and W read as 1s.
const NARROW_FOR_SEVERAL: f32 = 0.95;
/// The price of each digit read, in log-probability: a split must read clearly better than the blob.
const DIGIT_PENALTY: f32 = 0.02;
/// A digit's typical width, as a fraction of the line's digit height, and what each digit more or fewer
/// than the blob's width suggests (beyond half a digit) costs a path, in log-probability (see
/// [`best_path_for_width`]).
const TYPICAL_WIDTH: f32 = 0.65;
const WIDTH_PRIOR: f32 = 0.03;
/// A blob wider than this many digit heights is never one digit.
const TWO_DIGITS_WIDE: f32 = 2.0;
/// In a picture that the ink fills, a digit costs this much: it is most likely one digit.
const FRAME_PENALTY: f32 = 1.0;
/// Marks in a picture the ink fills, side by side with a gap of this fraction of the digit height between
/// them, are several digits however surely the model reads them as one: the pieces of one broken digit lie
/// closer.
const FAR_APART: f32 = 0.3;
/// ... and with a gap of this fraction, they are several where each reads surely and the whole does not.
const CLEAR_GAP: f32 = 0.1;

/// A cut through this many separate strokes, or one bent round strokes, opens a closed shape: in a blob alone
/// that the model reads as no one digit, such a split is a guess (a triangle cut into "61", a hash into "74").
/// Beside other digits it is not one, since overlapping digits are cut that way too.
const STROKES_OF_A_CLOSED_SHAPE: usize = 2;

/// What the model makes of crops: the input and scores of each, `None` for a crop with no ink.
pub type Classify<'a, E> = dyn Fn(&[DigitCrop]) -> Result<Vec<Option<(Vec<f32>, Scores)>>, E> + 'a;

/// A part cut from a blob and read as 1 is no digit when it is shorter than this fraction of the line's digit
/// height: people write 1s as tall as their other digits, and a stroke cut from a digit's side reads as a 1.
const SHORTEST_ONE: f32 = 0.7;

/// A part read below this is not a digit.
const LEAST_PART: f32 = 0.9;
/// ... nor, in a blob of touching strokes narrower than [`NARROW_FOR_SEVERAL`], one read below this: such a
/// blob is most often one digit the model is unsure of, and its parts read fairly surely as other digits.
const LEAST_PART_NARROW: f32 = 0.98;
/// Unless the model reads the whole below this: near-equal probabilities are its answer for what is no one
/// digit (it learnt them for non-digits and for touching pairs), not doubt between two digits.
const NOT_ONE_DIGIT: f32 = 0.3;
/// Beside other digits, or alone and as wide as two touching digits, a blob read as no one digit is two or
/// more that touch ("47" read as 0.13 for 7): a part then needs only to be more likely its digit than all
/// others together, and one under [`LEAST_PART`] is marked as a guess, so a letter cut so is still Unsure. A
/// narrower blob alone may be one letter or shape, and its parts need [`LEAST_PART`].
const LEAST_PART_OF_SEVERAL: f32 = 0.5;

fn log_top(scores: &Scores) -> f32 {
    scores.confidence().max(1e-6).ln()
}

/// Reads every line, splitting touching digits where the model is surer of the parts.
pub fn read_lines<E>(analysis: &Analysis, classify: &Classify<'_, E>) -> Result<Vec<Vec<Read>>, E> {
    let filled = analysis.source == Source::Photo && analysis.fills_frame();
    let crops = analysis.crops();
    let mut first = classify(&crops)?.into_iter();
    let mut lines: Vec<Vec<(Group, Option<Read>)>> = Vec::new();
    let mut crop_iter = crops.into_iter();
    for line in &analysis.lines {
        let reads = line
            .iter()
            .map(|g| {
                let crop = crop_iter.next().expect("one crop per group");
                let read = first.next().flatten().map(|(input, scores)| Read::new(crop, input, scores));
                (g.clone(), read)
            })
            .collect();
        lines.push(reads);
    }
    let mut out: Vec<Vec<Read>> = Vec::new();
    for (l, line) in lines.into_iter().enumerate() {
        let height = digit_height(&analysis.lines[l]);
        let mut reads = Vec::new();
        for (group, read) in line {
            if analysis.one_digit {
                reads.extend(read);
                continue;
            }
            // A mark shorter than the line's digits, shaped like one written small, is one only where it reads
            // surely as one.
            if lines::may_be_a_small_digit(&group, height) {
                reads.extend(read.filter(|r| r.scores.confidence() >= SURE && r.scores.digit() != 1));
                continue;
            }
            reads.extend(split_if_surer(analysis, &group, read, l, height, filled, classify)?);
        }
        out.push(reads);
    }
    if filled {
        out = one_digit_if_surer(analysis, out, classify)?;
    }
    Ok(out)
}

/// The blob as read, or its parts when they read better (see [`best_path_for_width`]).
fn split_if_surer<E>(
    analysis: &Analysis,
    group: &Group,
    read: Option<Read>,
    line: usize,
    height: f32,
    filled: bool,
    classify: &Classify<'_, E>,
) -> Result<Vec<Read>, E> {
    let penalty = if filled { FRAME_PENALTY } else { DIGIT_PENALTY };
    let width = group.bounds.width as f32;
    // The canvas must stay fast: there only blobs wider than one digit, or unsure ones, are tried cut.
    let canvas = analysis.source == Source::Canvas;
    let unsure = read.as_ref().is_none_or(|r| r.scores.confidence() < SURE);
    let wide = if canvas { WIDE_ON_CANVAS } else { WIDE };
    let (components, mask) = (&analysis.components, &analysis.mask);
    let pieces = has_gap(group, components, mask);
    if width < wide * height && !(unsure && width >= FAIRLY_WIDE * height) && !pieces {
        return Ok(read.into_iter().collect());
    }
    let points = cut_points(group, components, mask, height);
    let parts = candidate_parts(group, &points, components, mask, height);
    if parts.is_empty() {
        return Ok(read.into_iter().collect());
    }
    let crops: Vec<DigitCrop> = parts.iter().map(|(_, _, g)| analysis.crop(g, line)).collect();
    let mut reads: Vec<Candidate> = parts
        .iter()
        .zip(crops.iter().cloned())
        .zip(classify(&crops)?)
        .map(|(((from, to, part), crop), result)| {
            let read = result.map(|(input, scores)| Read::new(crop, input, scores));
            let read = read.filter(|r| r.scores.digit() != 1 || part.bounds.height as f32 >= SHORTEST_ONE * height);
            Candidate { from: *from, to: *to, read, bent: part.cut_bent() }
        })
        .collect();
    keep_the_surer_cut(&mut reads);
    let whole = (0, points.len() - 1);
    let narrow = width < NARROW_FOR_SEVERAL * height;
    // Touching strokes of a narrow blob are cut only where the parts read very surely; pieces with a clear
    // column between them may be cut there as any blob is.
    let not_one_digit = read.as_ref().is_none_or(|r| r.scores.confidence() < NOT_ONE_DIGIT);
    // Beside other digits, the line tells how wide its digits are; a blob alone may be any one digit. On a
    // page of numbers, a line of one blob read as no one digit is touching digits, and so is such a blob alone
    // as wide as two digits ("36" photographed alone); a narrower one may be a letter or a shape.
    let alone = analysis.lines.iter().map(Vec::len).sum::<usize>() == 1;
    let touching_digits = not_one_digit && (!alone || !narrow);
    let least_part = if touching_digits {
        LEAST_PART_OF_SEVERAL
    } else if narrow && !pieces && !not_one_digit {
        LEAST_PART_NARROW
    } else {
        LEAST_PART
    };
    let score = |i: usize, j: usize| {
        if (i, j) == whole {
            return read.as_ref().map(|r| log_top(&r.scores));
        }
        let part = part_at(&reads, i, j)?;
        (part.scores.confidence() >= least_part).then(|| log_top(&part.scores))
    };
    let weight = if alone { 0.0 } else { WIDTH_PRIOR };
    let expected = width / (TYPICAL_WIDTH * height);
    let mut path = best_path_for_width(points.len(), score, penalty, expected, weight);
    // A blob too wide for one digit is several, even when some read unsurely: read them as best the model can
    // and mark the unsure ones, rather than the whole as one digit (a scrawled "5741" as a 0). Beside other
    // digits a doubtful blob 1.4 digit heights wide is several; alone, a digit may be that wide (a 0, a 7),
    // unless the model reads it as no one digit (two touching 0s). Beside other digits, a blob read as no one
    // digit and as wide as two touching digits are ("40" on a page) is several too.
    let doubtful = read.as_ref().is_none_or(|r| r.scores.confidence() < SURE || r.doubt().is_some());
    let several = width > TWO_DIGITS_WIDE * height
        || (width > WIDEST_PART * height && ((doubtful && !alone) || not_one_digit))
        || (touching_digits && width >= NARROW_FOR_SEVERAL * height);
    let mut forced = false;
    if path == vec![whole] && !filled && several {
        path = best_path_for_width(points.len(), |i, j| any_digit_shape(&reads, i, j), penalty, expected, weight);
        forced = path != vec![whole];
    }
    if path == vec![whole] {
        return Ok(read.into_iter().collect());
    }
    let chosen: Vec<Candidate> = path
        .iter()
        .filter_map(|&(i, j)| {
            let at = reads.iter().position(|c| (c.from, c.to) == (i, j))?;
            Some(reads.swap_remove(at))
        })
        .collect();
    // A cut bent round strokes, like one through two, opens a shape: a part of a hash bent round its bars
    // reads as surely as a digit.
    let opens_a_shape = alone
        && not_one_digit
        && (chosen.iter().any(|c| c.bent)
            || path[1..].iter().any(|&(i, _)| strokes_crossed(group, components, mask, height, points[i]) >= STROKES_OF_A_CLOSED_SHAPE));
    let across_strokes = path[1..].iter().any(|&(i, _)| !is_clean_cut(group, components, mask, height, points[i]));
    let parts: Vec<Read> = chosen.into_iter().filter_map(|c| c.read).collect();
    if (alone && leans_both_ways(&parts)) || (forced && line_of_no_digits(read.as_ref(), &parts)) {
        return Ok(read.into_iter().collect());
    }
    let guessed = unsure && (narrow || across_strokes || opens_a_shape);
    Ok(parts
        .into_iter()
        .map(|part| {
            let confidence = part.scores.confidence();
            let guessed_split = guessed || (forced && confidence < least_part) || (touching_digits && confidence < LEAST_PART);
            Read { guessed_split, ..part }
        })
        .collect())
}

/// The ink of a blob between two of its cut points, as read.
struct Candidate {
    from: usize,
    to: usize,
    read: Option<Read>,
    /// Cut round strokes rather than straight down (see [`super::bent_cuts`]).
    bent: bool,
}

/// Of a part cut two ways (down a straight column and bent round strokes, see [`super::bent_cuts`]), keeps the
/// reading the model is surer of: only the model can tell which strokes are the part's own.
fn keep_the_surer_cut(reads: &mut Vec<Candidate>) {
    let confidence = |c: &Candidate| c.read.as_ref().map_or(-1.0, |r| r.scores.confidence());
    let mut k = 0;
    while k < reads.len() {
        let (from, to) = (reads[k].from, reads[k].to);
        match (k + 1..reads.len()).find(|&m| (reads[m].from, reads[m].to) == (from, to)) {
            Some(other) => {
                let less_sure = if confidence(&reads[other]) > confidence(&reads[k]) { k } else { other };
                reads.remove(less_sure);
            }
            None => k += 1,
        }
    }
}

/// The reading of the part between cut points `i` and `j`, if it was read.
fn part_at(reads: &[Candidate], i: usize, j: usize) -> Option<&Read> {
    reads.iter().find(|c| (c.from, c.to) == (i, j)).and_then(|c| c.read.as_ref())
}

/// The log-probability of the part between points `i` and `j`, however unsure, when its ink could be a digit
/// (not a blot, a dash or a speck).
fn any_digit_shape(reads: &[Candidate], i: usize, j: usize) -> Option<f32> {
    let part = part_at(reads, i, j)?;
    let shaped = !matches!(part.doubt(), Some(Doubt::TooMuchInk | Doubt::Line | Doubt::TooLittleInk));
    shaped.then(|| log_top(&part.scores))
}

/// Whether a blob as flat as a dash, cut only because it is wide, is a dash after all: none of its parts reads
/// as a digit even half surely. A dash is said to be one ("a line"), not shown as several unsure digits.
fn line_of_no_digits(whole: Option<&Read>, parts: &[Read]) -> bool {
    whole.is_some_and(|r| r.doubt() == Some(Doubt::Line)) && parts.iter().all(|p| p.scores.confidence() < LEAST_PART_OF_SEVERAL)
}

/// Neighbouring 1s whose slants differ more than this (horizontal run per unit of height), cut from a blob
/// alone, were not written side by side by one hand: they are the strokes of a V, an N, an M or a W. Beside
/// other digits such a blob is far likelier to be touching digits than a letter.
const MOST_SLANT_CHANGE: f32 = 0.5;

/// Whether a split reads as 1s that lean different ways, one after the other (see [`MOST_SLANT_CHANGE`]).
fn leans_both_ways(parts: &[Read]) -> bool {
    parts.windows(2).any(|pair| {
        let [a, b] = pair else { return false };
        a.scores.digit() == 1 && b.scores.digit() == 1 && (slant(&a.input) - slant(&b.input)).abs() > MOST_SLANT_CHANGE
    })
}

/// The ink's slant in a 28×28 model input: how far it runs right per pixel down (second moments).
fn slant(input: &[f32]) -> f32 {
    let at = |i: usize| ((i % 28) as f32, (i / 28) as f32);
    let mass: f32 = input.iter().sum();
    if mass <= 0.0 {
        return 0.0;
    }
    let (cx, cy) = input.iter().enumerate().fold((0.0, 0.0), |(sx, sy), (i, &v)| (sx + at(i).0 * v, sy + at(i).1 * v));
    let (cx, cy) = (cx / mass, cy / mass);
    let (xy, yy) = input.iter().enumerate().fold((0.0, 0.0), |(xy, yy), (i, &v)| {
        let (x, y) = at(i);
        (xy + (x - cx) * (y - cy) * v, yy + (y - cy) * (y - cy) * v)
    });
    if yy <= 0.0 { 0.0 } else { xy / yy }
}

/// In a picture the ink fills, all the ink as one digit when that reads better than the digits found.
fn one_digit_if_surer<E>(analysis: &Analysis, lines: Vec<Vec<Read>>, classify: &Classify<'_, E>) -> Result<Vec<Vec<Read>>, E> {
    let count: usize = lines.iter().map(Vec::len).sum();
    let groups: Vec<&Group> = analysis.lines.iter().flatten().collect();
    if !(2..=3).contains(&count) || groups.is_empty() {
        return Ok(lines);
    }
    let whole = groups[1..].iter().fold(groups[0].clone(), |all, g| all.joined(g));
    let crop = analysis.crop(&whole, 0);
    let Some(Some((input, scores))) = classify(std::slice::from_ref(&crop))?.into_iter().next() else {
        return Ok(lines);
    };
    // A 1 is one stroke: marks side by side with clear columns between them are not one 1 (a tight crop of "11").
    // Nor are marks further apart than a digit's pieces ever are one digit of any kind (a tight crop of "19"), or
    // marks a clear gap apart that each read surely where the whole does not ("61" read as a doubtful 4).
    if let Some(gap) = gap_side_by_side(&groups) {
        let tallest = groups.iter().map(|g| g.bounds.height).max().unwrap_or(0).max(1);
        let gap = gap as f32 / tallest as f32;
        let parts_sure = lines.iter().flatten().all(|r| r.scores.confidence() >= SURE);
        let doubtful_whole = scores.confidence() < SURE && parts_sure && gap >= CLEAR_GAP;
        if scores.digit() == 1 || gap >= FAR_APART || doubtful_whole {
            return Ok(lines);
        }
    }
    let parts: f32 = lines.iter().flatten().map(|r| log_top(&r.scores) - FRAME_PENALTY).sum();
    if log_top(&scores) - FRAME_PENALTY >= parts {
        return Ok(vec![vec![Read::new(crop, input, scores)]]);
    }
    Ok(lines)
}

/// The widest run of clear columns between `groups` when they stand in a row, each sharing rows but no column
/// with the next; `None` when they do not (a 1 broken in two, one part above the other).
fn gap_side_by_side(groups: &[&Group]) -> Option<usize> {
    let mut boxes: Vec<_> = groups.iter().map(|g| g.bounds).collect();
    boxes.sort_unstable_by_key(|b| b.x);
    boxes
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            (a.x + a.width <= b.x && a.y < b.y + b.height && b.y < a.y + a.height).then(|| b.x - (a.x + a.width))
        })
        .try_fold(0, |widest, gap| Some(widest.max(gap?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preprocess::{Bounds, InkMap};
    use crate::segment::test_ink::ladder;

    /// A 28×28 input with a one-pixel stroke from (x0, 4) down to (x1, 23).
    fn stroke(x0: f32, x1: f32) -> Vec<f32> {
        let mut input = vec![0.0; 784];
        for y in 4..24 {
            let x = x0 + (x1 - x0) * (y - 4) as f32 / 19.0;
            input[y * 28 + x.round() as usize] = 1.0;
        }
        input
    }

    /// Reads the canvas `ink` with a stand-in model: `pick` gives each crop's digit and top probability, and the
    /// rest is spread evenly over the other digits.
    fn read_with_stand_in(ink: InkMap, pick: &dyn Fn(&DigitCrop) -> (usize, f32)) -> Vec<Read> {
        let analysis = crate::segment::analyse(ink.map(|v| 1.0 - v), Source::Canvas).unwrap();
        read_lines(&analysis, &*stand_in(pick)).unwrap().concat()
    }

    /// A stand-in model: `pick` gives each crop's digit and top probability, the rest spread evenly.
    fn stand_in(pick: &dyn Fn(&DigitCrop) -> (usize, f32)) -> Box<Classify<'_, ()>> {
        Box::new(move |crops: &[DigitCrop]| {
            Ok(crops
                .iter()
                .map(|c| {
                    let input = crate::preprocess::reading_input(&c.ink).ok()?;
                    let (digit, top) = pick(c);
                    let mut probabilities = [(1.0 - top) / 9.0; 10];
                    probabilities[digit] = top;
                    Some((input, Scores { logits: probabilities.map(f32::ln), probabilities }))
                })
                .collect())
        })
    }

    /// Ink at least 1.6 times wider than tall reads as a sure 0, anything else as an unsure 5.
    fn read_ladder(rings: usize, side: usize) -> Vec<Read> {
        read_with_stand_in(ladder(rings, side, side), &|c| if c.bbox.width as f32 >= 1.6 * c.bbox.height as f32 { (0, 0.97) } else { (5, 0.6) })
    }

    #[test]
    fn a_blob_too_wide_for_one_digit_is_read_as_several_marked_as_guesses() {
        // Three rings 42 pixels tall, 126 wide: the stand-in is sure of the whole and unsure of every part.
        let reads = read_ladder(3, 42);
        assert!(reads.len() >= 3, "{:?}", reads.iter().map(|r| r.crop.bbox).collect::<Vec<_>>());
        assert!(reads.iter().all(|r| r.guessed_split && r.scores.digit() == 5));
    }

    #[test]
    fn a_sure_blob_alone_as_wide_as_a_wide_digit_stays_one() {
        let reads = read_ladder(2, 40);
        assert_eq!(reads.len(), 1);
        assert_eq!(reads[0].scores.digit(), 0);
    }

    #[test]
    fn a_blob_alone_too_wide_for_one_digit_and_read_as_no_one_digit_is_read_as_several() {
        // Two rings 32 pixels wide and 40 tall: the stand-in reads the whole (1.6 times wider than tall) with
        // near-equal probabilities, and every part unsurely.
        let reads = read_with_stand_in(ladder(2, 32, 40), &|c| {
            if c.bbox.width as f32 >= 1.3 * c.bbox.height as f32 { (0, 0.15) } else { (5, 0.6) }
        });
        assert!(reads.len() >= 2, "{:?}", reads.iter().map(|r| r.crop.bbox).collect::<Vec<_>>());
        assert!(reads.iter().all(|r| r.guessed_split && r.scores.digit() == 5));
        // Read as one doubtful digit instead, the same blob stays one.
        let reads = read_with_stand_in(ladder(2, 32, 40), &|c| {
            if c.bbox.width as f32 >= 1.3 * c.bbox.height as f32 { (0, 0.5) } else { (5, 0.6) }
        });
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_closed_shape_alone_read_as_no_one_digit_and_cut_through_two_strokes_is_a_guess() {
        // Two rings 22 pixels wide and 40 tall, one closed shape: each cut crosses its top and bottom rails.
        // The stand-in reads the whole as no one digit and every part surely.
        let read = |whole: f32| {
            read_with_stand_in(ladder(2, 22, 40), &|c| if c.bbox.width >= c.bbox.height { (0, whole) } else { (5, 0.95) })
        };
        let reads = read(0.15);
        assert!(reads.len() >= 2, "{:?}", reads.iter().map(|r| r.crop.bbox).collect::<Vec<_>>());
        assert!(reads.iter().all(|r| r.guessed_split));
        // Read as one doubtful digit instead, the whole is still cut, and the cut is trusted.
        let reads = read(0.5);
        assert!(reads.len() >= 2 && reads.iter().all(|r| !r.guessed_split));
    }

    /// A 140×140 canvas with strokes 9 pixels wide from y = 36 down to y = 103, each from column `top` to
    /// column `bottom`.
    fn strokes_down(strokes: &[(f32, f32)]) -> InkMap {
        let mut ink = InkMap::new(140, 140);
        for &(top, bottom) in strokes {
            for y in 36..104 {
                let centre = top + (bottom - top) * (y - 36) as f32 / 67.0;
                for x in 0..140 {
                    if (x as f32 - centre).abs() <= 4.0 {
                        ink.values[y * 140 + x] = 1.0;
                    }
                }
            }
        }
        ink
    }

    /// Two slanted 1s touching at their tops: a crop as narrow as one stroke reads 1 at `part`, anything wider
    /// reads 4 at `whole`.
    fn read_touching_ones(whole: f32, part: f32) -> Vec<Read> {
        read_with_stand_in(strokes_down(&[(70.0, 58.0), (78.0, 78.0)]), &|c| {
            let aspect = c.bbox.width as f32 / c.bbox.height as f32;
            if (0.1..0.35).contains(&aspect) { (1, part) } else { (4, whole) }
        })
    }

    #[test]
    fn a_narrow_blob_read_as_no_one_digit_is_cut_where_its_parts_read_surely() {
        // Near-equal probabilities for the whole: the model's "not one digit". Parts at 0.95 are enough.
        let reads = read_touching_ones(0.13, 0.95);
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [1, 1]);
        assert!(reads.iter().all(|r| r.guessed_split));
        // A whole the model doubts between digits needs parts at 0.98 before it is cut.
        let reads = read_touching_ones(0.6, 0.95);
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [4]);
        let reads = read_touching_ones(0.6, 0.99);
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [1, 1]);
    }

    /// Two strokes leaning opposite ways, meeting at the foot (a V), and with `beside`, an upright stroke right of
    /// them. The stand-in reads the upright stroke as a sure 1, a crop of one leaning stroke as a 1 at 0.95 and
    /// anything wider as no one digit.
    fn read_v(beside: bool) -> Vec<u8> {
        let mut ink = strokes_down(&[(14.0, 40.0), (66.0, 40.0)]);
        if beside {
            for y in 36..104 {
                ink.values[y * 140 + 100..y * 140 + 106].fill(1.0);
            }
        }
        let pick = |c: &DigitCrop| {
            let aspect = c.bbox.width as f32 / c.bbox.height as f32;
            if c.bbox.x >= 90 { (1, 0.99) } else if (0.1..0.6).contains(&aspect) { (1, 0.95) } else { (4, 0.13) }
        };
        read_with_stand_in(ink, &pick).iter().map(|r| r.scores.digit()).collect()
    }

    #[test]
    fn ones_leaning_different_ways_are_a_letter_alone_but_digits_in_a_number() {
        assert_eq!(read_v(false), [4], "alone, a V is not two 1s");
        // Beside other digits, touching 1s of differing slant (a 1 leaning under an upright one) are digits.
        assert_eq!(read_v(true), [1, 1, 1]);
    }

    #[test]
    fn touching_digits_read_as_no_one_digit_beside_another_are_cut_where_each_part_is_likelier_than_not() {
        // Two rings 24 pixels wide and 40 tall (one blob, too narrow to be forced apart) and a 1 beside them.
        // The stand-in reads the whole as no one digit, each ring as a 5 at 0.7 and slivers of it as nothing.
        let pick = |c: &DigitCrop| {
            let aspect = c.bbox.width as f32 / c.bbox.height as f32;
            match (c.bbox.x >= 90, aspect) {
                (true, _) => (1, 0.99),
                (false, a) if a >= 1.0 => (0, 0.15),
                (false, a) if a >= 0.45 => (5, 0.7),
                _ => (1, 0.2),
            }
        };
        let mut ink = ladder(2, 24, 40);
        for y in 45..85 {
            ink.values[y * 140 + 100..y * 140 + 106].fill(1.0);
        }
        let reads = read_with_stand_in(ink, &pick);
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [5, 5, 1]);
        assert_eq!(reads.iter().map(|r| r.guessed_split).collect::<Vec<_>>(), [true, true, false], "parts under 0.9 are guesses");
    }

    #[test]
    fn touching_digits_alone_as_wide_as_two_are_cut_but_a_narrower_blob_alone_may_be_one_letter() {
        // Two rings 40 tall, one blob alone: the stand-in reads the whole as no one digit, each ring as a 5 at 0.7.
        let read = |ring_width: usize| {
            let reads = read_with_stand_in(ladder(2, ring_width, 40), &|c: &DigitCrop| {
                let aspect = c.bbox.width as f32 / c.bbox.height as f32;
                if aspect >= 0.85 { (0, 0.15) } else if aspect >= 0.4 { (5, 0.7) } else { (1, 0.2) }
            });
            reads.iter().map(|r| (r.scores.digit(), r.guessed_split)).collect::<Vec<_>>()
        };
        // 48 pixels wide, as wide as two touching digits ("36" alone in a photo): its parts, marked as guesses.
        assert_eq!(read(24), [(5, true), (5, true)]);
        // 36 pixels wide, narrower than two digits: it may be one letter or shape, and parts at 0.7 do not outweigh it.
        assert_eq!(read(18), [(0, false)]);
    }

    #[test]
    fn touching_digits_on_a_line_of_their_own_under_a_number_are_cut() {
        // A line of two 1s, and under it two rings 24 pixels wide and 40 tall: one blob as wide as tall, alone on
        // its line. The stand-in reads the 1s surely, the blob as no one digit and each ring as a 5 at `ring`.
        let read = |ring: f32| {
            let mut ink = ladder(2, 24, 40);
            for y in 2..40 {
                for x in [20, 60] {
                    ink.values[y * 140 + x..y * 140 + x + 6].fill(1.0);
                }
            }
            let reads = read_with_stand_in(ink, &|c: &DigitCrop| {
                let aspect = c.bbox.width as f32 / c.bbox.height as f32;
                match (c.bbox.y < 42, aspect) {
                    (true, _) => (1, 0.99),
                    (false, a) if a >= 1.0 => (0, 0.15),
                    (false, a) if a >= 0.45 => (5, ring),
                    _ => (1, 0.2),
                }
            });
            reads.iter().map(|r| (r.scores.digit(), r.guessed_split)).collect::<Vec<_>>()
        };
        // On a page of numbers it is not a letter or a shape alone: parts likelier than not are its digits.
        assert_eq!(read(0.7), [(1, false), (1, false), (5, true), (5, true)]);
        // As wide as two digits touching, it is several even when no part reads likelier than not.
        assert_eq!(read(0.4), [(1, false), (1, false), (5, true), (5, true)]);
    }

    #[test]
    fn a_short_stroke_cut_from_a_digits_side_is_no_1() {
        // A ring 68 pixels tall with a stub half as tall joined to its foot by a thin bridge, and a 1 beside.
        let mut ink = InkMap::new(140, 140);
        for y in 36..104 {
            for x in 0..140 {
                let (dx, dy) = ((x as f32 - 40.0) / 18.0, (y as f32 - 70.0) / 33.0);
                let r = (dx * dx + dy * dy).sqrt();
                let ring = (0.7..=1.0).contains(&r);
                let bridge = (58..64).contains(&x) && (98..102).contains(&y);
                let stub = (64..70).contains(&x) && y >= 70;
                let one = (100..106).contains(&x);
                if ring || bridge || stub || one {
                    ink.values[y * 140 + x] = 1.0;
                }
            }
        }
        // The stand-in reads the ring as a sure 0, the ring and its stub as a 0 at 0.8, the stub as a sure 1.
        let pick = |c: &DigitCrop| {
            let b = c.bbox;
            match (b.x, b.x + b.width) {
                (90.., _) => (1, 0.99),
                (56.., _) if b.width * 3 < b.height => (1, 0.99),
                (..=24, 55..=61) => (0, 0.99),
                (..=24, 66..) => (0, 0.8),
                _ => (5, 0.3),
            }
        };
        let reads = read_with_stand_in(ink, &pick);
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn a_tight_crop_of_two_1s_side_by_side_is_not_one_1() {
        // A 60×80 photo filled by two upright bars (the left one at its edge) with a wide gap between them.
        let paper = InkMap::from_fn(60, 80, |x, _| if x < 8 || (46..54).contains(&x) { 0.1 } else { 0.9 });
        let analysis = crate::segment::analyse(paper, Source::Photo).unwrap();
        assert!(analysis.fills_frame());
        // The stand-in reads each bar as a sure 1, and both together as a 1 at 0.9.
        let pick = |c: &DigitCrop| (1, if c.bbox.width > 30 { 0.9 } else { 0.99 });
        let reads = read_lines(&analysis, &*stand_in(&pick)).unwrap().concat();
        assert_eq!(reads.iter().map(|r| r.scores.digit()).collect::<Vec<_>>(), [1, 1]);
    }

    #[test]
    fn marks_stand_side_by_side_only_on_one_row() {
        let mark = |x, y| Group::from_bounds(crate::preprocess::Bounds { x, y, width: 6, height: 20 });
        let (left, right, below_right) = (mark(0, 0), mark(10, 2), mark(10, 30));
        assert!(gap_side_by_side(&[&right, &left]).is_some());
        assert!(gap_side_by_side(&[&left, &below_right]).is_none(), "a top and a bottom part of one mark");
        assert!(gap_side_by_side(&[&left, &mark(4, 0)]).is_none(), "sharing columns");
    }

    #[test]
    fn a_blob_alone_read_as_no_one_digit_and_cut_round_strokes_is_a_guess() {
        // One blob 80 tall and 82 wide: a block with a foot, and a post whose hook reaches under the block's
        // corner. A straight cut at column 56 gives the hook's end to the block and crosses one stroke; bent,
        // it gives each its own. The stand-in reads the whole as no one digit, each part cut bent surely.
        let mut ink = InkMap::new(140, 140);
        for y in 30..111 {
            for x in 30..113 {
                let block = x < 56 && y < 82;
                let post = x >= 106;
                let hook = x >= 48 && (92..99).contains(&y);
                let foot = y >= 104;
                if block || post || hook || foot {
                    ink.values[y * 140 + x] = 1.0;
                }
            }
        }
        let reads = read_with_stand_in(ink, &|c: &DigitCrop| {
            let b = c.bbox;
            let hook_stub = b.x == 30 && b.width < 30 && c.ink.values.iter().skip(63 * c.ink.width).take(7 * c.ink.width).any(|&v| v > 0.0);
            match (b.x, b.width) {
                (30, w) if w >= 60 => (0, 0.15),
                (30, _) => (7, if hook_stub { 0.6 } else { 0.99 }),
                (47..=49, w) if w >= 60 => (4, 0.99),
                (56, _) => (4, 0.6),
                _ => (1, 0.2),
            }
        });
        assert_eq!(reads.iter().map(|r| (r.scores.digit(), r.guessed_split)).collect::<Vec<_>>(), [(7, true), (4, true)]);
    }

    #[test]
    fn of_a_part_cut_two_ways_the_reading_the_model_is_surer_of_is_kept() {
        let read = |x: usize, digit: usize, top: f32| {
            let crop = DigitCrop { ink: InkMap::new(4, 4), bbox: Bounds { x, y: 0, width: 4, height: 4 }, extent: 1.0, line: 0 };
            let mut probabilities = [(1.0 - top) / 9.0; 10];
            probabilities[digit] = top;
            Some(Read::new(crop, vec![0.0; 784], Scores { logits: probabilities.map(f32::ln), probabilities }))
        };
        // Parts (0, 1) and (1, 2) cut straight and bent; (0, 2) once, and its bent cut had no ink.
        let cut = |from: usize, to: usize, read: Option<Read>, bent: bool| Candidate { from, to, read, bent };
        let mut reads = vec![
            cut(0, 1, read(0, 6, 0.7), false),
            cut(0, 1, read(1, 5, 0.95), true),
            cut(1, 2, read(5, 3, 0.99), false),
            cut(1, 2, read(6, 3, 0.9), true),
            cut(0, 2, read(0, 8, 0.5), false),
            cut(0, 2, None, true),
        ];
        keep_the_surer_cut(&mut reads);
        let kept: Vec<_> = reads.iter().map(|c| (c.from, c.to, c.read.as_ref().map(|r| r.crop.bbox.x), c.bent)).collect();
        assert_eq!(kept, [(0, 1, Some(1), true), (1, 2, Some(5), false), (0, 2, Some(0), false)]);
    }

    #[test]
    fn slant_is_the_run_per_pixel_down() {
        assert!(slant(&stroke(14.0, 14.0)).abs() < 0.01);
        assert!((slant(&stroke(9.0, 19.0)) - 0.53).abs() < 0.05, "{}", slant(&stroke(9.0, 19.0)));
        assert!(slant(&stroke(19.0, 9.0)) < -0.45);
        assert_eq!(slant(&[0.0; 784]), 0.0);
    }
}
