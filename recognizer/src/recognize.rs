//! The app-facing API: a [`Recognizer`] reads the digits drawn on a canvas or written in a picture.

use std::path::Path;

use image::RgbaImage;
use protocol::{DigitReading, Doubt, NumberReading, Prediction};

use crate::classifier::Scores;
use crate::image_file;
use crate::preprocess::{self, luminance_from_grey, luminance_from_rgba, InkMap, PreprocessError};
use crate::segment::search::{read_lines, Read};
use crate::segment::{self, DigitCrop, Source};
use crate::verdict;
use crate::{Classifier, ModelError, ReadError};

/// More separate marks than this are not one number (a page of text, a patterned photo).
pub const MOST_DIGITS: usize = 24;

pub struct Recognizer {
    classifier: Classifier,
}

impl Recognizer {
    pub fn load(model_path: &Path) -> Result<Self, ModelError> {
        Ok(Self { classifier: Classifier::load_with_threads(model_path, 1)? })
    }

    /// Loads a model held in memory; `name` stands for it in messages.
    pub fn load_from_memory(model: &[u8], name: &Path) -> Result<Self, ModelError> {
        Ok(Self { classifier: Classifier::load_from_memory(model, name, 1)? })
    }

    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    /// Reads every digit drawn on a canvas. A blank canvas is an error (there is nothing to read).
    pub fn read_canvas(&self, rgba: &[u8], width: u32, height: u32) -> Result<NumberReading, ReadError> {
        read_canvas_luminance(luminance_from_rgba(rgba, width, height)?, &self.model())
    }

    /// Like [`Recognizer::read_canvas`], for a canvas sent as 8-bit grey (dark ink on white), as the app does:
    /// a quarter of the bytes of RGBA.
    pub fn read_canvas_grey(&self, grey: &[u8], width: u32, height: u32) -> Result<NumberReading, ReadError> {
        read_canvas_grey_with(grey, width, height, &self.model())
    }

    /// Reads the number in a decoded picture. A picture with no ink comes back unsure, with no digits.
    pub fn read_image(&self, image: &RgbaImage) -> Result<NumberReading, ReadError> {
        read_image_with(image, &self.model())
    }

    /// Opens an image file and reads the number in it.
    pub fn read_image_file(&self, path: &Path) -> Result<NumberReading, ReadError> {
        self.read_image(&image_file::open_image_file(path)?)
    }

    fn model(&self) -> impl Fn(&[f32]) -> Result<Vec<Scores>, ModelError> + '_ {
        |batch| self.classifier.classify_batch(batch)
    }
}

/// The model as the reading path sees it: scores for 28×28 inputs stored back to back (what
/// [`Classifier::classify_batch`] does). The fuzz targets pass a stand-in, so they run without ONNX Runtime.
pub type Model<'a> = dyn Fn(&[f32]) -> Result<Vec<Scores>, ModelError> + 'a;

/// [`Recognizer::read_canvas_grey`] with any model.
pub fn read_canvas_grey_with(grey: &[u8], width: u32, height: u32, model: &Model<'_>) -> Result<NumberReading, ReadError> {
    read_canvas_luminance(luminance_from_grey(grey, width, height)?, model)
}

/// [`Recognizer::read_image`] with any model.
pub fn read_image_with(image: &RgbaImage, model: &Model<'_>) -> Result<NumberReading, ReadError> {
    let (width, height) = (image.width(), image.height());
    let luminance = luminance_from_rgba(image.as_raw(), width, height)?;
    let prepared = segment::prepare(luminance, Source::Photo);
    let Some(analysis) = prepared.analyse() else {
        return Ok(NumberReading::nothing(width, height, NO_DIGITS));
    };
    let reading = read_analysis(&analysis, width, height, model)?;
    // A line sloping as a photo taken turned is also read turned back upright, and the surer reading kept: a 7
    // turned 20° stands as a 1, while digits written upright along an uphill line lean once turned back.
    let Some(turn) = analysis.line_turn() else { return Ok(reading) };
    match prepared.analyse_turned_back(turn) {
        Some(upright) => {
            let turned_back = read_analysis(&upright, width, height, model)?;
            // A reading marked Unsure never replaces a sure one (the turn may cut a slanted digit in two), nor
            // one with fewer digits a reading with more (blank squared paper turned back read a sure "1").
            let surer = surety(&turned_back) > surety(&reading) + SURER_TURNED_BACK;
            let keeps_digits = turned_back.digits.len() >= reading.digits.len();
            Ok(if surer && keeps_digits && (reading.unsure || !turned_back.unsure) { turned_back } else { reading })
        }
        None => Ok(reading),
    }
}

/// A line read turned back upright is kept only where the model is surer of it by this much (mean log-probability
/// per digit, about 1 %): digits written upright along an uphill line lean once turned back, and a few then read
/// about as surely as other digits.
const SURER_TURNED_BACK: f32 = 0.01;

/// How sure the model is of a reading: the mean log-probability of its digits' top classes.
fn surety(reading: &NumberReading) -> f32 {
    if reading.digits.is_empty() {
        return f32::NEG_INFINITY;
    }
    reading.digits.iter().map(|d| d.prediction.confidence.max(1e-9).ln()).sum::<f32>() / reading.digits.len() as f32
}

fn read_canvas_luminance(luminance: InkMap, model: &Model<'_>) -> Result<NumberReading, ReadError> {
    let (width, height) = (luminance.width as u32, luminance.height as u32);
    match segment::analyse(luminance, Source::Canvas) {
        Some(analysis) if !analysis.lines.is_empty() => read_analysis(&analysis, width, height, model),
        _ => Err(PreprocessError::NoInk.into()),
    }
}

/// Reads the digits found in a `width`×`height` picture, line by line, letting the model choose where
/// touching digits are cut (see `segment::search`).
fn read_analysis(analysis: &segment::Analysis, width: u32, height: u32, model: &Model<'_>) -> Result<NumberReading, ReadError> {
    let found: usize = analysis.lines.iter().map(Vec::len).sum();
    if found == 0 {
        return Ok(NumberReading::nothing(width, height, NO_DIGITS));
    }
    if found > MOST_DIGITS {
        return Ok(NumberReading::nothing(width, height, TOO_MANY));
    }
    let lines = read_lines(analysis, &|crops: &[DigitCrop]| classify_crops(crops, analysis.source, model))?;
    let lines: Vec<Vec<Read>> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    let text: Vec<String> = lines.iter().map(|l| l.iter().map(|r| char::from(b'0' + r.scores.digit())).collect()).collect();
    let digits: Vec<DigitReading> = lines
        .into_iter()
        .flatten()
        .map(|Read { crop, input, scores, guessed_split }| DigitReading {
            prediction: prediction_from(&input, crop.extent, scores, guessed_split),
            bbox: [crop.bbox.x, crop.bbox.y, crop.bbox.width, crop.bbox.height].map(|v| v as u32),
        })
        .collect();
    Ok(NumberReading {
        number: text.join(" "),
        lines: text,
        unsure: digits.is_empty() || digits.iter().any(|d| d.prediction.unsure),
        message: None,
        digits,
        width,
        height,
    })
}

/// The model's reading of each crop, in one batch; `None` for a crop with no ink. Only the canvas's bold strokes
/// are thinned: there the pen is the app's own, a felt-tip on a digit drawn small, while a photo's strokes are
/// widened by its blur and enlargement, and thinning its small crops lost more digits than it mended.
fn classify_crops(crops: &[DigitCrop], source: Source, model: &Model<'_>) -> Result<Vec<Option<ModelReading>>, ReadError> {
    let input = |ink: &InkMap| match source {
        Source::Canvas => preprocess::reading_input(ink),
        Source::Photo => preprocess::mnist_from_ink(ink),
    };
    let inputs: Vec<Option<Vec<f32>>> = crops.iter().map(|c| input(&c.ink).ok()).collect();
    let batch: Vec<f32> = inputs.iter().flatten().flatten().copied().collect();
    if batch.is_empty() {
        return Ok(vec![None; crops.len()]);
    }
    let mut scores = model(&batch)?.into_iter();
    Ok(inputs.into_iter().map(|input| input.map(|i| (i, scores.next().expect("a score per input")))).collect())
}

/// One crop's model input and the model's scores for it.
type ModelReading = (Vec<f32>, Scores);

/// The prediction for one model input, with the unsure checks applied.
fn prediction_from(values: &[f32], extent: f32, scores: Scores, guessed_split: bool) -> Prediction {
    let doubt = verdict::judge(extent, values, &scores.probabilities).or(guessed_split.then_some(Doubt::GuessedSplit));
    Prediction {
        digit: scores.digit(),
        confidence: scores.confidence(),
        probabilities: scores.probabilities,
        unsure: doubt.is_some(),
        doubt,
        runner_up: verdict::runner_up(&scores.probabilities),
        model_input: values.iter().map(|v| (v * 255.0).round() as u8).collect(),
    }
}

const NO_DIGITS: &str = "No digits found in this picture.";
const TOO_MANY: &str = "This picture has too many separate marks to read as one number.";
