//! The fuzz targets' entry points, shared by `fuzz_targets/*.rs` (cargo-fuzz, nightly flags) and by the stable
//! replay test `recognizer/tests/fuzz_corpus.rs`, which includes this very file and runs every committed
//! corpus file through it. Each entry point checks what must hold for any input, beyond "no panic":
//!
//! - a picture either fails to decode with a one-line message, or is read: boxes inside the picture, one
//!   28×28 model input of values 0..1 per digit, as many digits in the number as digits read;
//! - a `predict` request is either refused as a bad request in one line, or its canvas is read (or is blank):
//!   a request `parse_canvas` accepts is never refused further down for its size or length.
//!
//! The fast targets replace the CNN with [`stub_model`], scores drawn from a hash of each model input, so an
//! execution takes microseconds and runs without ONNX Runtime; pictures whose header says they are over
//! [`MAX_PICTURE_SIDE`] are skipped before decoding (the cap is the target's, not the library's).

use std::io::Cursor;

use image::{ImageReader, Limits, RgbaImage};
use protocol::{ErrorKind, NumberReading};
use recognizer::canvas_request::{parse_canvas, BadCanvas};
use recognizer::classifier::softmax;
use recognizer::image_file::decode_image;
use recognizer::preprocess::{PreprocessError, PIXELS};
use recognizer::recognize::{read_canvas_grey_with, read_image_with};
use recognizer::{ModelError, ReadError, Recognizer, Scores};

/// Pictures whose header says they are wider or taller than this are not decoded by the fast target.
pub const MAX_PICTURE_SIDE: u32 = 64;
/// A canvas request with the "fit" flag has its body cut or repeated to its size, up to this many pixels.
pub const MAX_FITTED_PIXELS: usize = 128 * 128;

/// Fast target 1: decode, then the picture path up to the (stubbed) classifier.
pub fn decode_segment(data: &[u8]) {
    picture(data, |image| read_image_with(image, &stub_model));
}

/// Fast target 2: a `predict` request with arbitrary headers and body (see [`CanvasInput`]), then the canvas
/// path up to the (stubbed) classifier.
pub fn predict_canvas(data: &[u8]) {
    canvas(data, |grey, width, height| read_canvas_grey_with(grey, width, height, &stub_model));
}

/// Slow target: the first byte chooses a picture (even) or a `predict` request (odd), read by the real
/// model through ONNX Runtime, with the pictures capped as in [`decode_segment`].
pub fn onnx_read(data: &[u8], recognizer: &Recognizer) {
    let Some((&which, rest)) = data.split_first() else { return };
    if which % 2 == 0 {
        picture(rest, |image| recognizer.read_image(image));
    } else {
        canvas(rest, |grey, width, height| recognizer.read_canvas_grey(grey, width, height));
    }
}

/// Decodes `data` as the app decodes a dropped or pasted file and reads it with `read`.
pub fn picture(data: &[u8], read: impl Fn(&RgbaImage) -> Result<NumberReading, ReadError>) {
    if header_side(data).is_some_and(|side| side > MAX_PICTURE_SIDE) {
        return;
    }
    let image = match decode_image(data) {
        Ok(image) => image,
        Err(error) => return check_message(&error.to_string()),
    };
    match read(&image) {
        Ok(reading) => check_reading(&reading, image.width(), image.height()),
        Err(error) => panic!("a decoded {}×{} picture could not be read: {error}", image.width(), image.height()),
    }
}

/// The longer side the picture's header declares, probed with the decoder `decode_image` uses and the same
/// allocation limit; `None` when the header cannot be read (then `decode_image` fails as early).
fn header_side(data: &[u8]) -> Option<u32> {
    let mut reader = ImageReader::new(Cursor::new(data)).with_guessed_format().ok()?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let (width, height) = reader.into_dimensions().ok()?;
    Some(width.max(height))
}

/// Checks the request as the app's `predict` command does and reads its canvas with `read`.
pub fn canvas(data: &[u8], read: impl Fn(&[u8], u32, u32) -> Result<NumberReading, ReadError>) {
    let input = CanvasInput::split(data);
    let fitted: Vec<u8>;
    let request = match parse_canvas(input.width, input.height, input.body) {
        Ok(request) => request,
        Err(BadCanvas::WrongLength { expected, .. }) if input.fit && expected <= MAX_FITTED_PIXELS => {
            fitted = fit(input.body, expected);
            parse_canvas(input.width, input.height, &fitted).expect("a body of the length the headers ask for")
        }
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::BadRequest);
            return check_message(&error.to_string());
        }
    };
    let (width, height) = (request.width, request.height);
    assert!((1..=protocol::ipc::MAX_CANVAS_SIDE).contains(&width) && (1..=protocol::ipc::MAX_CANVAS_SIDE).contains(&height));
    assert_eq!(request.grey.len(), width as usize * height as usize);
    match read(request.grey, width, height) {
        Ok(reading) => check_reading(&reading, width, height),
        Err(ReadError::Pixels(PreprocessError::NoInk)) => {}
        Err(error) => panic!("a {width}×{height} canvas that parse_canvas accepted was refused: {error}"),
    }
}

/// How a fuzz input is cut into a `predict` request: byte 0 holds flags (1: the width header is present,
/// 2: the height header is present, 4: fit the body to the size), bytes 1 and 2 the headers' lengths, then
/// come the width header's value, the height header's value and the body. Missing bytes count as zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanvasInput<'a> {
    pub width: Option<&'a [u8]>,
    pub height: Option<&'a [u8]>,
    pub fit: bool,
    pub body: &'a [u8],
}

impl<'a> CanvasInput<'a> {
    pub fn split(data: &'a [u8]) -> Self {
        let byte = |i: usize| data.get(i).copied().unwrap_or(0);
        let (flags, width_len, height_len) = (byte(0), byte(1) as usize, byte(2) as usize);
        let rest = data.get(3..).unwrap_or(&[]);
        let (width, rest) = rest.split_at(width_len.min(rest.len()));
        let (height, body) = rest.split_at(height_len.min(rest.len()));
        Self {
            width: (flags & 1 != 0).then_some(width),
            height: (flags & 2 != 0).then_some(height),
            fit: flags & 4 != 0,
            body,
        }
    }

    /// The fuzz input that [`CanvasInput::split`] cuts into `self` (for seeds).
    pub fn join(&self) -> Vec<u8> {
        let (width, height) = (self.width.unwrap_or(&[]), self.height.unwrap_or(&[]));
        let flags = u8::from(self.width.is_some()) | u8::from(self.height.is_some()) << 1 | u8::from(self.fit) << 2;
        let mut out = vec![flags, width.len() as u8, height.len() as u8];
        out.extend_from_slice(width);
        out.extend_from_slice(height);
        out.extend_from_slice(self.body);
        out
    }
}

/// `body` cut or repeated to `len` bytes (white when empty).
fn fit(body: &[u8], len: usize) -> Vec<u8> {
    if body.is_empty() {
        return vec![255; len];
    }
    body.iter().copied().cycle().take(len).collect()
}

/// A message shown to the user: one short line.
fn check_message(message: &str) {
    assert!(!message.is_empty() && !message.contains('\n'), "not a one-line message: {message:?}");
}

/// What holds for any reading of a `width`×`height` picture.
pub fn check_reading(reading: &NumberReading, width: u32, height: u32) {
    assert_eq!((reading.width, reading.height), (width, height));
    for digit in &reading.digits {
        let [x, y, w, h] = digit.bbox;
        assert!(w >= 1 && h >= 1 && x + w <= width && y + h <= height, "box {:?} outside {width}×{height}", digit.bbox);
        let p = &digit.prediction;
        assert_eq!(p.model_input.len(), PIXELS);
        assert!(p.digit < 10 && p.confidence.is_finite() && (0.0..=1.0).contains(&p.confidence));
    }
    let digits_in_number = reading.number.chars().filter(char::is_ascii_digit).count();
    assert_eq!(digits_in_number, reading.digits.len(), "number {:?}", reading.number);
    assert!(reading.number.chars().all(|c| c.is_ascii_digit() || c == ' '), "number {:?}", reading.number);
    assert!(!reading.digits.is_empty() || reading.unsure);
    if let Some(message) = &reading.message {
        check_message(message);
    }
}

/// Stands in for the CNN: scores drawn from a hash of each 28×28 input, so the same crop always reads the
/// same, some crops read sure and others not (which drives the search for cuts). Checks that every input
/// is 784 values in 0..1, as the real model expects.
pub fn stub_model(batch: &[f32]) -> Result<Vec<Scores>, ModelError> {
    if batch.is_empty() || !batch.len().is_multiple_of(PIXELS) {
        return Err(ModelError::PartialImage { values: batch.len() });
    }
    Ok(batch.chunks_exact(PIXELS).map(stub_scores).collect())
}

fn stub_scores(input: &[f32]) -> Scores {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &v in input {
        assert!(v.is_finite() && (-1e-3..=1.0 + 1e-3).contains(&v), "model input value {v} outside 0..1");
        hash = (hash ^ u64::from((v * 255.0).round() as u8)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut logits: [f32; 10] = std::array::from_fn(|i| ((hash >> (4 * i)) & 3) as f32);
    logits[(hash % 10) as usize] += ((hash >> 48) & 15) as f32 * 0.5;
    Scores { logits, probabilities: softmax(&logits) }
}
