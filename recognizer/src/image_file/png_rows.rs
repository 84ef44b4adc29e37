//! PNG, decoded row by row into the working size: a 100-megapixel PNG never exists in memory at full size.
//! Colour profiles and text chunks are skipped (the app never uses them, and they can inflate to a gigabyte).

use std::io::Cursor;

use image::metadata::Orientation;
use image::RgbaImage;
use png::Transformations;

use super::shrink::Shrinker;
use super::{ImageFileError, DECODE_BUDGET, MAX_PIXELS};

pub fn decode(bytes: &[u8]) -> Result<(RgbaImage, Orientation), ImageFileError> {
    let limits = png::Limits { bytes: DECODE_BUDGET as usize };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_ignore_iccp_chunk(true);
    decoder.set_ignore_text_chunk(true);
    // 8 bits per sample, palettes and low bit depths expanded: grey, grey+alpha, RGB or RGBA.
    decoder.set_transformations(Transformations::normalize_to_color8());
    let header = decoder.read_header_info().map_err(damaged)?;
    let (width, height) = (header.width, header.height);
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(ImageFileError::TooManyPixels { width, height });
    }
    let mut reader = decoder.read_info().map_err(|e| match e {
        png::DecodingError::LimitsExceeded => ImageFileError::TooManyPixels { width, height },
        other => damaged(other),
    })?;
    let orientation = reader
        .info()
        .exif_metadata
        .as_deref()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let channels = reader.output_color_type().0.samples();
    let mut shrinker = Shrinker::new(width, height);
    // Where each decoded row goes: every row in turn, or Adam7's passes in the order the decoder yields them.
    let mut places: Box<dyn Iterator<Item = (u32, u32, u32)>> = if reader.info().interlaced {
        Box::new(adam7_rows(width, height))
    } else {
        Box::new((0..height).map(|y| (y, 0, 1)))
    };
    while let Some(row) = reader.next_row().map_err(damaged)? {
        let Some((y, x0, step)) = places.next() else { break };
        shrinker.add_row(y, x0, step, row.data(), channels);
    }
    Ok((shrinker.finish(), orientation))
}

/// The row, first column and column step of each row of an Adam7-interlaced picture, in decoding order
/// (passes with no pixels are skipped, as the decoder skips them).
fn adam7_rows(width: u32, height: u32) -> impl Iterator<Item = (u32, u32, u32)> {
    ADAM7.into_iter().flat_map(move |(x0, y0, dx, dy)| {
        let lines = if width.saturating_sub(x0).div_ceil(dx) == 0 { 0 } else { height.saturating_sub(y0).div_ceil(dy) };
        (0..lines).map(move |line| (y0 + line * dy, x0, dx))
    })
}

/// Adam7's passes: first column, first row, column step, row step.
const ADAM7: [(u32, u32, u32, u32); 7] =
    [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

fn damaged(error: png::DecodingError) -> ImageFileError {
    ImageFileError::Damaged(error.into())
}
