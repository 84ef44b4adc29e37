//! Which format a file is in, from its first bytes: one the app reads, one it names but cannot read (so the
//! message can say what to do instead), or not a picture at all.

use image::ImageFormat;

use super::ImageFileError;

/// The formats the app decodes.
pub const READABLE: [ImageFormat; 8] = [
    ImageFormat::Png,
    ImageFormat::Jpeg,
    ImageFormat::Gif,
    ImageFormat::Bmp,
    ImageFormat::WebP,
    ImageFormat::Tiff,
    ImageFormat::Ico,
    ImageFormat::Pnm,
];

/// The format of `bytes`, or why it cannot be opened.
pub fn sniff(bytes: &[u8]) -> Result<ImageFormat, ImageFileError> {
    if let Some(format) = known_but_unreadable(bytes) {
        return Err(ImageFileError::Unsupported { format });
    }
    match image::guess_format(bytes) {
        Ok(format) if READABLE.contains(&format) => Ok(format),
        Ok(other) => Err(ImageFileError::Unsupported { format: name_of(other) }),
        Err(_) => Err(ImageFileError::NotAnImage),
    }
}

pub(super) fn name_of(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Gif => "GIF",
        ImageFormat::Bmp => "BMP",
        ImageFormat::WebP => "WebP",
        ImageFormat::Tiff => "TIFF",
        ImageFormat::Ico => "ICO",
        ImageFormat::Pnm => "PNM",
        ImageFormat::Avif => "AVIF",
        ImageFormat::Hdr => "HDR",
        ImageFormat::OpenExr => "OpenEXR",
        ImageFormat::Qoi => "QOI",
        ImageFormat::Dds => "DDS",
        ImageFormat::Farbfeld => "Farbfeld",
        _ => "These",
    }
}

/// Common picture and document formats that people may try to open, named for the message.
fn known_but_unreadable(bytes: &[u8]) -> Option<&'static str> {
    // ISO base media files (HEIC from phones, AVIF): a `ftyp` box naming the brand.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        return match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"hevm" | b"hevs" | b"mif1" | b"msf1" => {
                Some("HEIC")
            }
            b"avif" | b"avis" => Some("AVIF"),
            _ => None,
        };
    }
    let start = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(start).to_ascii_lowercase();
    if bytes.starts_with(b"%PDF") {
        Some("PDF")
    } else if bytes.starts_with(b"8BPS") {
        Some("Photoshop (PSD)")
    } else if bytes.starts_with(&[0xFF, 0x0A]) || bytes.starts_with(b"\0\0\0\x0cJXL ") {
        Some("JPEG XL")
    } else if text.trim_start_matches('\u{feff}').trim_start().starts_with('<') && text.contains("<svg") {
        Some("SVG")
    } else {
        None
    }
}
