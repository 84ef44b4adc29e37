//! Whole numbers: every digit found in a drawing or picture, classified in one batch.

use std::path::Path;

use image::RgbaImage;
use serde::{Deserialize, Serialize};

use crate::image_file;
use crate::preprocess::{self, luminance_from_grey, luminance_from_rgba, InkMap, PreprocessError};
use crate::recognize::{prediction_from, Prediction, RecognizeError};
use crate::classifier::Scores;
use crate::segment::search::{read_lines, Read};
use crate::segment::{self, DigitCrop, Source};
use crate::Recognizer;

/// More separate marks than this are not one number (a page of text, a patterned photo).
pub const MOST_DIGITS: usize = 24;

/// One digit of a number, with where it was found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DigitReading {
    #[serde(flatten)]
    pub prediction: Prediction,
    /// `[x, y, width, height]` in the picture's pixels.
    pub bbox: [u32; 4],
}

/// What a drawing or picture says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NumberReading {
    /// The digits in reading order: each line's digits left to right, lines top to bottom joined by a
    /// single space ("2026" for one line, "12 345" for two); empty when none was found.
    pub number: String,
    /// Each line's digits, top to bottom (separators such as dots, commas and slashes are not digits).
    /// Empty when no digit was found.
    #[serde(default)]
    pub lines: Vec<String>,
    /// True when any digit is unsure, or no digit was found.
    pub unsure: bool,
    pub digits: Vec<DigitReading>,
    /// Why nothing (or not everything) could be read, in words.
    pub message: Option<String>,
    /// Size of the picture the boxes refer to.
    pub width: u32,
    pub height: u32,
}

/// An image opened in the app: what it says, and a preview (a `data:` URL) the boxes are drawn over.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OpenedImage {
    pub name: String,
    pub preview: String,
    pub reading: NumberReading,
}

impl NumberReading {
    fn nothing(width: u32, height: u32, message: &str) -> Self {
        Self { number: String::new(), lines: Vec::new(), unsure: true, digits: Vec::new(), message: Some(message.into()), width, height }
    }
}

impl Recognizer {
    /// Reads every digit drawn on a canvas. A blank canvas is an error (there is nothing to read).
    pub fn read_canvas(&self, rgba: &[u8], width: u32, height: u32) -> Result<NumberReading, RecognizeError> {
        self.read_canvas_luminance(luminance_from_rgba(rgba, width, height)?)
    }

    /// Like [`Recognizer::read_canvas`], for a canvas sent as 8-bit grey (dark ink on white), as the app does:
    /// a quarter of the bytes of RGBA.
    pub fn read_canvas_grey(&self, grey: &[u8], width: u32, height: u32) -> Result<NumberReading, RecognizeError> {
        self.read_canvas_luminance(luminance_from_grey(grey, width, height)?)
    }

    fn read_canvas_luminance(&self, luminance: InkMap) -> Result<NumberReading, RecognizeError> {
        let (width, height) = (luminance.width as u32, luminance.height as u32);
        match segment::analyse(luminance, Source::Canvas) {
            Some(analysis) if !analysis.lines.is_empty() => self.read_analysis(&analysis, width, height),
            _ => Err(PreprocessError::NoInk.into()),
        }
    }

    /// Reads the number in a decoded picture. A picture with no ink comes back unsure, with no digits.
    pub fn read_image(&self, image: &RgbaImage) -> Result<NumberReading, RecognizeError> {
        let luminance = luminance_from_rgba(image.as_raw(), image.width(), image.height())?;
        match segment::analyse(luminance, Source::Photo) {
            Some(analysis) => self.read_analysis(&analysis, image.width(), image.height()),
            None => Ok(NumberReading::nothing(image.width(), image.height(), NO_DIGITS)),
        }
    }

    /// Opens an image file and reads the number in it.
    pub fn read_image_file(&self, path: &Path) -> Result<NumberReading, RecognizeError> {
        self.read_image(&image_file::open_image_file(path)?)
    }

    /// Opens an image file for the app: the reading and a preview to draw the boxes on.
    pub fn open_image_file(&self, path: &Path) -> Result<OpenedImage, RecognizeError> {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        self.open_image(&image_file::open_image_file(path)?, name)
    }

    /// Like [`Recognizer::open_image_file`], for image bytes (a dropped or pasted file).
    pub fn open_image_bytes(&self, bytes: &[u8], name: String) -> Result<OpenedImage, RecognizeError> {
        self.open_image(&image_file::decode_image(bytes)?, name)
    }

    fn open_image(&self, image: &RgbaImage, name: String) -> Result<OpenedImage, RecognizeError> {
        Ok(OpenedImage { name, preview: image_file::preview_data_url(image), reading: self.read_image(image)? })
    }

    /// Reads the digits found in a `width`×`height` picture, line by line, letting the model choose where
    /// touching digits are cut (see `segment::search`).
    fn read_analysis(&self, analysis: &segment::Analysis, width: u32, height: u32) -> Result<NumberReading, RecognizeError> {
        let found: usize = analysis.lines.iter().map(Vec::len).sum();
        if found == 0 {
            return Ok(NumberReading::nothing(width, height, NO_DIGITS));
        }
        if found > MOST_DIGITS {
            return Ok(NumberReading::nothing(width, height, TOO_MANY));
        }
        let lines = read_lines(analysis, &|crops: &[DigitCrop]| self.classify_crops(crops))?;
        let lines: Vec<Vec<Read>> = lines.into_iter().filter(|l| !l.is_empty()).collect();
        let text: Vec<String> = lines.iter().map(|l| l.iter().map(|r| char::from(b'0' + r.scores.digit())).collect()).collect();
        let digits: Vec<DigitReading> = lines
            .into_iter()
            .flatten()
            .map(|Read { crop, input, scores }| DigitReading {
                prediction: prediction_from(&input, crop.extent, scores),
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

    /// The model's reading of each crop, in one batch; `None` for a crop with no ink.
    fn classify_crops(&self, crops: &[DigitCrop]) -> Result<Vec<Option<(Vec<f32>, Scores)>>, RecognizeError> {
        let inputs: Vec<Option<Vec<f32>>> = crops.iter().map(|c| preprocess::mnist_from_ink(&c.ink).ok()).collect();
        let batch: Vec<f32> = inputs.iter().flatten().flatten().copied().collect();
        if batch.is_empty() {
            return Ok(vec![None; crops.len()]);
        }
        let mut scores = self.classifier().classify_batch(&batch)?.into_iter();
        Ok(inputs.into_iter().map(|input| input.map(|i| (i, scores.next().expect("a score per input")))).collect())
    }
}

const NO_DIGITS: &str = "No digits found in this picture.";
const TOO_MANY: &str = "This picture has too many separate marks to read as one number.";
