//! JPEG, decoded at 1/2, 1/4 or 1/8 scale when the photo is bigger than the working size: a 100-megapixel
//! photo is never held at full size (the scaling happens inside the inverse DCT).

use std::io::Cursor;

use image::metadata::Orientation;
use image::{GrayImage, RgbImage, RgbaImage};
use jpeg_decoder::PixelFormat;

use super::complete::JpegLayout;
use super::{ImageFileError, DECODE_BUDGET, MAX_PIXELS, WORKING_SIDE};

/// Bytes a progressive JPEG keeps per 8×8 block until its last scan (64 coefficients of 2 bytes).
const PROGRESSIVE_BYTES_PER_BLOCK: u64 = 128;

pub fn decode(bytes: &[u8], layout: &JpegLayout) -> Result<(RgbaImage, Orientation), ImageFileError> {
    let (width, height) = (layout.width, layout.height);
    let too_many = || ImageFileError::TooManyPixels { width, height };
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(too_many());
    }
    // A progressive JPEG holds all its coefficients at full size, whatever the output scale.
    if layout.progressive && layout.blocks * PROGRESSIVE_BYTES_PER_BLOCK > DECODE_BUDGET {
        return Err(too_many());
    }
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(DECODE_BUDGET as usize);
    decoder.read_info().map_err(damaged)?;
    let side = |s: u32| s.min(WORKING_SIDE) as u16;
    let (w, h) = decoder.scale(side(width), side(height)).map_err(damaged)?;
    let pixels = decoder.decode().map_err(|e| match e {
        jpeg_decoder::Error::Format(ref m) if m.contains("too large") => too_many(),
        other => damaged(other),
    })?;
    let info = decoder.info().ok_or_else(|| ImageFileError::damaged("the JPEG decoder gave no picture information"))?;
    let (w, h) = (w as u32, h as u32);
    let image = match info.pixel_format {
        PixelFormat::L8 => GrayImage::from_raw(w, h, pixels).map(|g| image::DynamicImage::ImageLuma8(g).into_rgba8()),
        // 16-bit grey is stored big-endian: keep the high byte.
        PixelFormat::L16 => GrayImage::from_raw(w, h, pixels.chunks_exact(2).map(|p| p[0]).collect())
            .map(|g| image::DynamicImage::ImageLuma8(g).into_rgba8()),
        PixelFormat::RGB24 => RgbImage::from_raw(w, h, pixels).map(|c| image::DynamicImage::ImageRgb8(c).into_rgba8()),
        // The decoder gives ink amounts (Adobe's inverted storage already undone): 0 is no ink, paper.
        PixelFormat::CMYK32 => RgbaImage::from_raw(w, h, pixels.chunks_exact(4).flat_map(cmyk_to_rgba).collect()),
    }
    .ok_or_else(|| ImageFileError::damaged("the JPEG decoder returned fewer pixels than the picture has"))?;
    let orientation =
        decoder.exif_data().and_then(Orientation::from_exif_chunk).unwrap_or(Orientation::NoTransforms);
    Ok((image, orientation))
}

/// The light left by ink: each of C, M and Y takes from its own colour, K from all three.
fn cmyk_to_rgba(cmyk: &[u8]) -> [u8; 4] {
    let left_by_black = 255 - cmyk[3] as u16;
    let channel = |ink: u8| ((255 - ink as u16) * left_by_black / 255) as u8;
    [channel(cmyk[0]), channel(cmyk[1]), channel(cmyk[2]), 255]
}

fn damaged(error: jpeg_decoder::Error) -> ImageFileError {
    ImageFileError::Damaged(error.into())
}
