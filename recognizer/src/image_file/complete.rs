//! Whole or cut short: checks, from a file's structure, that the image data is all there before it is decoded.
//! Decoders are lenient (a JPEG cut in its scan decodes to grey), so a file missing its end, or with less data
//! than its header promises, is damaged here. Bytes after a complete image do not make the file damaged.

use image::ImageFormat;

use super::ImageFileError;

/// The layout of a JPEG, from its markers.
#[derive(Debug, Clone, PartialEq)]
pub struct JpegLayout {
    pub width: u32,
    pub height: u32,
    pub progressive: bool,
    /// 8×8 blocks of all components together.
    pub blocks: u64,
    /// Bytes of entropy-coded data in all scans.
    pub scan_bytes: u64,
}

/// Checks that `bytes` hold a whole image of `format`; for a JPEG, returns the layout the walk found (its
/// decoder needs it).
pub fn check(format: ImageFormat, bytes: &[u8]) -> Result<Option<JpegLayout>, ImageFileError> {
    match format {
        ImageFormat::Png => png_has_end(bytes),
        ImageFormat::Jpeg => return jpeg_layout(bytes).map(Some),
        ImageFormat::WebP => webp_is_whole(bytes),
        ImageFormat::Gif => gif_has_trailer(bytes),
        _ => Ok(()),
    }?;
    Ok(None)
}

fn png_has_end(bytes: &[u8]) -> Result<(), ImageFileError> {
    // The IEND chunk: its type and then its 4-byte CRC; anything may follow it.
    let whole = bytes.windows(4).rposition(|w| w == b"IEND").is_some_and(|at| at + 8 <= bytes.len());
    if whole { Ok(()) } else { Err(ImageFileError::damaged("the PNG has no end chunk (IEND): the file is cut short")) }
}

fn webp_is_whole(bytes: &[u8]) -> Result<(), ImageFileError> {
    let declared = bytes.get(4..8).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64 + 8);
    match declared {
        Some(size) if size <= bytes.len() as u64 => Ok(()),
        _ => Err(ImageFileError::damaged("the WebP file is shorter than its RIFF header says")),
    }
}

fn gif_has_trailer(bytes: &[u8]) -> Result<(), ImageFileError> {
    let cut = || ImageFileError::damaged("the GIF ends before its trailer: the file is cut short");
    let colour_table = |flags: u8| if flags & 0x80 != 0 { 3 << ((flags & 7) + 1) } else { 0 };
    let mut at = 13 + colour_table(*bytes.get(10).ok_or_else(cut)?);
    // Skips a chain of data sub-blocks, ending at the zero-length one.
    let sub_blocks = |mut at: usize| -> Option<usize> {
        loop {
            let length = *bytes.get(at)? as usize;
            at += 1 + length;
            if length == 0 {
                return Some(at);
            }
        }
    };
    loop {
        match bytes.get(at) {
            Some(0x3B) => return Ok(()),
            Some(0x21) => at = sub_blocks(at + 2).ok_or_else(cut)?,
            Some(0x2C) => {
                let flags = *bytes.get(at + 9).ok_or_else(cut)?;
                at = sub_blocks(at + 10 + colour_table(flags) + 1).ok_or_else(cut)?;
            }
            Some(_) => return Err(ImageFileError::damaged("the GIF has an unknown block")),
            None => return Err(cut()),
        }
    }
}

/// Walks a JPEG's markers to its end (EOI), measuring the frame and its scans.
fn jpeg_layout(bytes: &[u8]) -> Result<JpegLayout, ImageFileError> {
    let cut = || ImageFileError::damaged("the JPEG ends before its end marker (EOI): the file is cut short");
    let mut layout: Option<JpegLayout> = None;
    let mut at = 2; // after SOI
    let mut scan_bytes = 0u64;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(if at >= bytes.len() { cut() } else { ImageFileError::damaged("the JPEG has bytes where a marker should be") });
        };
        at += 2;
        match marker {
            0xD9 => break,                     // EOI: the image is whole
            0x01 | 0xD0..=0xD7 => continue,    // markers without a length
            _ => {}
        }
        let length = match bytes.get(at..at + 2) {
            Some(l) => u16::from_be_bytes([l[0], l[1]]) as usize,
            None => return Err(cut()),
        };
        if length < 2 || at + length > bytes.len() {
            return Err(cut());
        }
        let segment = &bytes[at + 2..at + length];
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) && layout.is_none() {
            layout = Some(frame(marker, segment).ok_or_else(|| ImageFileError::damaged("the JPEG's frame header is malformed"))?);
        }
        at += length;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
            let start = at;
            loop {
                match (bytes.get(at), bytes.get(at + 1)) {
                    (Some(&0xFF), Some(&next)) if next != 0x00 && !(0xD0..=0xD7).contains(&next) => break,
                    (Some(_), Some(_)) => at += 1,
                    _ => return Err(cut()),
                }
            }
            scan_bytes += (at - start) as u64;
        }
    }
    let mut layout = layout.ok_or_else(|| ImageFileError::damaged("the JPEG has no frame header"))?;
    layout.scan_bytes = scan_bytes;
    // Every 8×8 block costs at least one bit in some scan (its DC difference), whatever the Huffman tables are:
    // a header that promises more blocks than the data can hold describes a picture that is not there.
    if scan_bytes * 8 < layout.blocks {
        return Err(ImageFileError::damaged("the JPEG has far less image data than its header promises"));
    }
    Ok(layout)
}

/// A frame header (SOFn): size, components and their sampling.
fn frame(marker: u8, segment: &[u8]) -> Option<JpegLayout> {
    let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]) as u32;
    let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]) as u32;
    let count = *segment.get(5)? as usize;
    let components: Vec<(u32, u32)> = (0..count)
        .map(|i| segment.get(7 + 3 * i).map(|s| ((s >> 4) as u32, (s & 15) as u32)))
        .collect::<Option<_>>()?;
    let h_max = components.iter().map(|c| c.0).max()?.max(1);
    let v_max = components.iter().map(|c| c.1).max()?.max(1);
    let blocks = components
        .iter()
        .map(|&(h, v)| {
            let w = (width * h).div_ceil(h_max).div_ceil(8) as u64;
            let hgt = (height * v).div_ceil(v_max).div_ceil(8) as u64;
            w * hgt
        })
        .sum();
    Some(JpegLayout { width, height, progressive: matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE), blocks, scan_bytes: 0 })
}
