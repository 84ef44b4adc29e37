//! GIF, BMP, WebP, TIFF, ICO and PNM through the `image` crate's decoders, which decode a whole picture at
//! once: refused up front when that would pass the memory budget.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{ImageFileError, DECODE_BUDGET, MAX_PIXELS};

/// How many times the decoded picture's size a decoder needs at its peak (measured with the hostile
/// catalogue): WebP and GIF keep a second canvas; TIFF converts strips.
fn peak_factor(format: ImageFormat) -> u64 {
    match format {
        ImageFormat::WebP | ImageFormat::Gif | ImageFormat::Tiff => 2,
        _ => 1,
    }
}

pub fn decode(bytes: &[u8], format: ImageFormat) -> Result<(DynamicImage, Orientation), ImageFileError> {
    let first_page;
    let bytes = if format == ImageFormat::Tiff {
        first_page = tiff_first_page_only(bytes);
        first_page.as_deref().unwrap_or(bytes)
    } else {
        bytes
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(DECODE_BUDGET);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| ImageFileError::from_decoder(e, format, 0, 0))?;
    let (width, height) = decoder.dimensions();
    let too_many = ImageFileError::TooManyPixels { width, height };
    if width as u64 * height as u64 > MAX_PIXELS || decoder.total_bytes().saturating_mul(peak_factor(format)) > DECODE_BUDGET {
        return Err(too_many);
    }
    if width == 0 || height == 0 {
        return Err(ImageFileError::damaged("the picture has no pixels"));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| ImageFileError::from_decoder(e, format, width, height))?;
    Ok((image, orientation))
}

/// A copy of a TIFF whose first page says it is the last: the app reads only the first page, so a broken or
/// looping pointer to the next one must not stop it (the decoder checks the chain when it opens the file).
fn tiff_first_page_only(bytes: &[u8]) -> Option<Vec<u8>> {
    let big_endian = match bytes.get(..2)? {
        b"II" => false,
        b"MM" => true,
        _ => return None,
    };
    let number = |at: usize, len: usize| -> Option<u64> {
        let field = bytes.get(at..at + len)?;
        let fold = |acc: u64, &b: &u8| (acc << 8) | b as u64;
        Some(if big_endian { field.iter().fold(0, fold) } else { field.iter().rev().fold(0, fold) })
    };
    // Classic TIFF (42): 4-byte offsets, 2-byte entry count, 12-byte entries; BigTIFF (43): 8, 8 and 20.
    let (offset_len, count_len, entry_len, first) = match number(2, 2)? {
        42 => (4, 2, 12, number(4, 4)?),
        43 => (8, 8, 20, number(8, 8)?),
        _ => return None,
    };
    let ifd = usize::try_from(first).ok()?;
    let entries = usize::try_from(number(ifd, count_len)?).ok()?;
    let next = ifd.checked_add(count_len)?.checked_add(entries.checked_mul(entry_len)?)?;
    bytes.get(next..next + offset_len)?;
    let mut copy = bytes.to_vec();
    copy[next..next + offset_len].fill(0);
    Some(copy)
}
