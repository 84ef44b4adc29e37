//! MNIST-style normalisation of a drawing or picture: ink map → crop → fit into 20×20 → centre of mass
//! at the centre of 28×28. Each step is its own module.

mod bbox;
mod centre;
mod ink;
pub mod resize;
mod stroke;

pub use bbox::{ink_bounds, Bounds};
pub use centre::{centre_of_mass, place_centred};
pub use ink::{luminance, luminance_from_grey, luminance_from_rgba, paper_behind, InkMap};
pub use resize::fit_within;
pub use stroke::thin_bold_strokes;

/// Side of the model's input, in pixels.
pub const SIDE: usize = 28;
/// Values in one model input.
pub const PIXELS: usize = SIDE * SIDE;
/// Pixels of ink at or above this level count when finding the digit's extent.
pub const INK_THRESHOLD: f32 = 0.2;
/// MNIST digits fit in a 20×20 box inside the 28×28 field.
pub const DIGIT_BOX: usize = 20;
/// Largest canvas or image the pipeline accepts, per side.
pub const MAX_SIDE: u32 = 8192;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PreprocessError {
    #[error("there is no ink to read: the image is blank")]
    NoInk,
    #[error("the image is {width}x{height}; it must be between 1x1 and {MAX_SIDE}x{MAX_SIDE} pixels")]
    BadSize { width: u32, height: u32 },
    #[error("{found} bytes of pixels for a {width}x{height} image, which needs {expected}")]
    WrongLength { width: u32, height: u32, expected: usize, found: usize },
}

/// The model input for a digit drawn on the canvas: its strokes thinned when bolder than any pen the model
/// learnt ([`thin_bold_strokes`]) unless it is nearly a blot ([`stroke::MOST_INK_TO_THIN`]), then normalised the
/// way MNIST was made. The trainer draws its examples with the pens the model is to learn, and normalises them
/// as they are ([`mnist_from_ink`]).
pub fn reading_input(ink: &InkMap) -> Result<Vec<f32>, PreprocessError> {
    let input = mnist_from_ink(ink)?;
    // A blot stays a blot: thinned, a coil scribbled with a marker opens into a ring read as a sure 0.
    if input.iter().sum::<f32>() / PIXELS as f32 > stroke::MOST_INK_TO_THIN {
        return Ok(input);
    }
    let bounds = ink_bounds(ink, INK_THRESHOLD).ok_or(PreprocessError::NoInk)?;
    match thin_bold_strokes(&ink.crop(bounds)) {
        Some(thinned) => mnist_from_ink(&thinned),
        None => Ok(input),
    }
}

/// Normalises an ink map the way MNIST was made.
pub fn mnist_from_ink(ink: &InkMap) -> Result<Vec<f32>, PreprocessError> {
    let bounds = ink_bounds(ink, INK_THRESHOLD).ok_or(PreprocessError::NoInk)?;
    let digit = fit_within(&ink.crop(bounds), DIGIT_BOX);
    let image = place_centred(&digit, SIDE);
    debug_assert_eq!(image.values.len(), PIXELS);
    Ok(image.values)
}

