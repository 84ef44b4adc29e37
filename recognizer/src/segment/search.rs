//! Segmentation driven by recognition: every digit is read as found; a blob wide for one digit, one the
//! model is unsure of, or pieces put together side by side, is also read cut at its candidate cuts ([`super::cuts`]) and the surest path is
//! kept; a picture that one digit fills is read as that one digit unless its parts read clearly better.
//! Parts cut from a blob the model could not read whole are marked Unsure where the cut is a guess.
//! The model is a closure, so this stays free of inference code; each step classifies in one batch.

use super::cuts::{best_path_for_width, candidate_parts, cut_points, has_gap, is_clean_cut};
use super::grouping::Group;
use super::lines::digit_height;
use super::{Analysis, DigitCrop, Source};
use crate::classifier::Scores;

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
/// than the blob's width suggests costs a path, in log-probability (see [`best_path_for_width`]).
const TYPICAL_WIDTH: f32 = 0.65;
const WIDTH_PRIOR: f32 = 0.03;
/// In a picture that the ink fills, a digit costs this much: it is most likely one digit.
const FRAME_PENALTY: f32 = 1.0;

/// What the model makes of crops: the input and scores of each, `None` for a crop with no ink.
pub type Classify<'a, E> = dyn Fn(&[DigitCrop]) -> Result<Vec<Option<(Vec<f32>, Scores)>>, E> + 'a;

/// A part read below this is not a digit.
const LEAST_PART: f32 = 0.9;
/// ... nor, in a blob of touching strokes narrower than [`NARROW_FOR_SEVERAL`], one read below this: such a
/// blob is most often one digit the model is unsure of, and its parts read fairly surely as other digits.
const LEAST_PART_NARROW: f32 = 0.98;

fn log_top(scores: &Scores) -> f32 {
    scores.confidence().max(1e-6).ln()
}

/// Reads every line, splitting touching digits where the model is surer of the parts.
pub fn read_lines<E>(analysis: &Analysis, classify: &Classify<'_, E>) -> Result<Vec<Vec<Read>>, E> {
    let filled = analysis.source == Source::Photo && analysis.fills_frame();
    let penalty = if filled { FRAME_PENALTY } else { DIGIT_PENALTY };
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
            reads.extend(split_if_surer(analysis, &group, read, l, height, penalty, classify)?);
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
    penalty: f32,
    classify: &Classify<'_, E>,
) -> Result<Vec<Read>, E> {
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
    let mut reads: Vec<(usize, usize, Option<Read>)> = parts
        .iter()
        .zip(crops.iter().cloned())
        .zip(classify(&crops)?)
        .map(|(((i, j, _), crop), result)| (*i, *j, result.map(|(input, scores)| Read::new(crop, input, scores))))
        .collect();
    let whole = (0, points.len() - 1);
    let narrow = width < NARROW_FOR_SEVERAL * height;
    // Touching strokes of a narrow blob are cut only where the parts read very surely; pieces with a clear
    // column between them may be cut there as any blob is.
    let least_part = if narrow && !pieces { LEAST_PART_NARROW } else { LEAST_PART };
    let score = |i: usize, j: usize| {
        if (i, j) == whole {
            return read.as_ref().map(|r| log_top(&r.scores));
        }
        let part = reads.iter().find(|(a, b, _)| (*a, *b) == (i, j)).and_then(|(_, _, r)| r.as_ref())?;
        (part.scores.confidence() >= least_part).then(|| log_top(&part.scores))
    };
    // Beside other digits, the line tells how wide its digits are; a blob alone may be any one digit.
    let weight = if analysis.lines[line].len() > 1 { WIDTH_PRIOR } else { 0.0 };
    let path = best_path_for_width(points.len(), score, penalty, width / (TYPICAL_WIDTH * height), weight);
    if path == vec![whole] {
        return Ok(read.into_iter().collect());
    }
    let across_strokes = path[1..].iter().any(|&(i, _)| !is_clean_cut(group, components, mask, height, points[i]));
    let parts: Vec<Read> = path
        .into_iter()
        .filter_map(|(i, j)| {
            let at = reads.iter().position(|(a, b, _)| (*a, *b) == (i, j))?;
            reads.swap_remove(at).2
        })
        .collect();
    if leans_both_ways(&parts) {
        return Ok(read.into_iter().collect());
    }
    let guessed = unsure && (narrow || across_strokes);
    Ok(parts.into_iter().map(|part| Read { guessed_split: guessed, ..part }).collect())
}

/// Neighbouring 1s whose slants differ more than this (horizontal run per unit of height) were not written
/// side by side by one hand: they are the strokes of a V, an N, an M or a W.
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
    let parts: f32 = lines.iter().flatten().map(|r| log_top(&r.scores) - FRAME_PENALTY).sum();
    if log_top(&scores) - FRAME_PENALTY >= parts {
        return Ok(vec![vec![Read::new(crop, input, scores)]]);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 28×28 input with a one-pixel stroke from (x0, 4) down to (x1, 23).
    fn stroke(x0: f32, x1: f32) -> Vec<f32> {
        let mut input = vec![0.0; 784];
        for y in 4..24 {
            let x = x0 + (x1 - x0) * (y - 4) as f32 / 19.0;
            input[y * 28 + x.round() as usize] = 1.0;
        }
        input
    }

    #[test]
    fn slant_is_the_run_per_pixel_down() {
        assert!(slant(&stroke(14.0, 14.0)).abs() < 0.01);
        assert!((slant(&stroke(9.0, 19.0)) - 0.53).abs() < 0.05, "{}", slant(&stroke(9.0, 19.0)));
        assert!(slant(&stroke(19.0, 9.0)) < -0.45);
        assert_eq!(slant(&[0.0; 784]), 0.0);
    }
}
