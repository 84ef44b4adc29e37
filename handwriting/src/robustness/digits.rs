//! Digit classes drawn on the app's canvas: MNIST test digits re-stroked with other pens, real UNIPEN pen
//! digits from held-out sites, and generated trajectories in styles MNIST rarely shows.

use rand::rngs::StdRng;
use rand::Rng;

use super::draw::{grey, hand, on_canvas, pen_width, APP_PEN, CANVAS_SIDE};
use super::trajectories::Style;
use super::{Case, Expected, Sources, SuiteError};
use recognizer::preprocess::InkMap;
use crate::synthetic::pen;
use crate::synthetic::restroke::restroke;

fn canvas_case(ink: &InkMap, label: u8) -> Case {
    Case::canvas(grey(ink), CANVAS_SIDE, Expected::Number(label.to_string()))
}

/// A random MNIST test digit re-drawn 50–120 px tall with a pen `pen` (fraction of the height) wide, moved
/// off-centre the way people draw.
fn restroked(sources: &Sources, pen: std::ops::Range<f32>, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let test = sources.mnist_test()?;
    let index = rng.gen_range(0..test.len());
    let height = rng.gen_range(50.0..120.0);
    let ink = restroke(test.image(index), rng.gen_range(pen), height, CANVAS_SIDE);
    Ok(canvas_case(&shift(&ink, height, rng), test.labels[index]))
}

/// Moves centred ink by up to the room left around a mark `height` tall.
fn shift(ink: &InkMap, height: f32, rng: &mut StdRng) -> InkMap {
    let room = (((CANVAS_SIDE as f32 - height) / 2.0 - 4.0).max(0.0)) as isize;
    let (dx, dy) = (rng.gen_range(-room..=room), rng.gen_range(-room..=room));
    let mut out = InkMap::new(ink.width, ink.height);
    for y in 0..ink.height as isize {
        for x in 0..ink.width as isize {
            let (sx, sy) = (x - dx, y - dy);
            if sx >= 0 && sy >= 0 && (sx as usize) < ink.width && (sy as usize) < ink.height {
                out.values[y as usize * ink.width + x as usize] = ink.at(sx as usize, sy as usize);
            }
        }
    }
    out
}

pub fn mnist_fine(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    restroked(sources, 0.02..0.08, rng)
}

pub fn mnist_medium(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    restroked(sources, 0.08..0.15, rng)
}

pub fn mnist_marker(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    restroked(sources, 0.15..0.25, rng)
}

/// The pen of a UNIPEN row.
enum Pen {
    App,
    Any,
    Marker,
    FeltTip,
}

/// A random held-out UNIPEN digit on the canvas: the app's pen or 3–14 % of the height (40–120 px), or a
/// marker, 15–30 % of the height (30–100 px; the app's 8.4 px pen on a 28 px digit is 30 %), or a felt-tip,
/// 30–40 % (30–100 px).
fn unipen(sources: &Sources, pen: Pen, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let digits = sources.held_out_unipen()?;
    let digit = &digits[rng.gen_range(0..digits.len())];
    let height = if matches!(pen, Pen::Marker | Pen::FeltTip) { rng.gen_range(30.0..100.0) } else { rng.gen_range(40.0..120.0) };
    let width = match pen {
        Pen::App => APP_PEN,
        Pen::Any => height * rng.gen_range(0.03..0.14),
        Pen::Marker => height * rng.gen_range(0.15..0.3),
        Pen::FeltTip => height * rng.gen_range(0.3..0.4),
    };
    Ok(canvas_case(&on_canvas(&digit.strokes, height, width, rng), digit.label))
}

/// A held-out UNIPEN digit as the UCI pen-based digits keep one: its pen-down strokes joined into one trace
/// and resampled to 8 points evenly spaced along it, drawn as straight segments with a pen 3–14 % of its height.
pub fn unipen_coarse(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let digits = sources.held_out_unipen()?;
    let digit = &digits[rng.gen_range(0..digits.len())];
    let height = rng.gen_range(40.0..120.0);
    let width = height * rng.gen_range(0.03..0.14);
    let trace = pen::coarse_trace(&digit.strokes, 8);
    Ok(canvas_case(&on_canvas(&[trace], height, width, rng), digit.label))
}

pub fn unipen_app_pen(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    unipen(sources, Pen::App, rng)
}

pub fn unipen_any_pen(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    unipen(sources, Pen::Any, rng)
}

pub fn unipen_marker(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    unipen(sources, Pen::Marker, rng)
}

/// Bolder than the pens: a felt-tip 30–40 % of the height (the app's own pen on a digit drawn 21–28 px
/// tall), where some digits close up into blots no one can read.
pub fn unipen_felt_tip(sources: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    unipen(sources, Pen::FeltTip, rng)
}

/// Any generated style (a 1 with a foot, a crossed 7, …) written with a marker, 15–30 % of the height.
pub fn styles_marker(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    let style = Style::ALL[rng.gen_range(0..Style::ALL.len())];
    let strokes = hand(&style.strokes(rng), rng);
    let height = rng.gen_range(30.0..100.0);
    let pen = height * rng.gen_range(0.15..0.3);
    Ok(canvas_case(&on_canvas(&strokes, height, pen, rng), style.label()))
}

/// A generated digit in `style`, 40–120 px tall, drawn by a shaky, slanted hand.
pub fn styled(style: Style, rng: &mut StdRng) -> Case {
    let strokes = hand(&style.strokes(rng), rng);
    let height = rng.gen_range(40.0..120.0);
    let pen = pen_width(height, rng);
    canvas_case(&on_canvas(&strokes, height, pen, rng), style.label())
}

pub fn european_one(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::EuropeanOne, rng))
}

pub fn plain_one(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::PlainOne, rng))
}

pub fn crossed_seven(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::CrossedSeven, rng))
}

pub fn curved_seven(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::CurvedSeven, rng))
}

pub fn open_four(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::OpenFour, rng))
}

pub fn closed_four(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::ClosedFour, rng))
}

pub fn straight_nine(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::StraightNine, rng))
}

pub fn looped_two(_: &Sources, rng: &mut StdRng) -> Result<Case, SuiteError> {
    Ok(styled(Style::LoopedTwo, rng))
}
