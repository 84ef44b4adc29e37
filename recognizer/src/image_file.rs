//! Opens image files and clipboard bytes safely: size limits are checked before any pixel is allocated,
//! EXIF orientation is applied, and big photos are shrunk at once so the rest of the pipeline stays fast.

use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits, RgbaImage};

const MB: u64 = 1024 * 1024;
/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * MB;
/// Largest picture accepted, in pixels (width × height).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Larger decoded images are shrunk to this longer side before any processing.
pub const WORKING_SIDE: u32 = 1600;
/// The formats the app opens, as file extensions (for file dialogs and file associations).
pub const EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "ico", "pnm", "pbm", "pgm", "ppm"];

#[derive(Debug, thiserror::Error)]
pub enum ImageFileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {:.1} MB; the largest image the app opens is {} MB", *.0 as f64 / MB as f64, MAX_FILE_BYTES / MB)]
    FileTooLarge(u64),
    #[error("the picture is {width}×{height} pixels; the largest the app opens is {} megapixels", MAX_PIXELS / 1_000_000)]
    TooManyPixels { width: u32, height: u32 },
    #[error("this is not an image the app can open (PNG, JPEG, GIF, BMP, WebP, TIFF, ICO or PNM)")]
    UnknownFormat,
    #[error("the image is damaged or incomplete: {0}")]
    Corrupt(String),
    #[error("the image needs more memory to open than the app allows")]
    OverMemoryLimit,
    #[error("could not read {path}: {reason}")]
    Unreadable { path: String, reason: String },
}

/// Reads and decodes an image file.
pub fn open_image_file(path: &Path) -> Result<RgbaImage, ImageFileError> {
    let unreadable = |reason: String| ImageFileError::Unreadable { path: path.display().to_string(), reason };
    let file = std::fs::File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
    let metadata = file.metadata().map_err(|e| unreadable(io_reason(&e)))?;
    if !metadata.is_file() {
        return Err(unreadable("it is not a file".into()));
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(ImageFileError::FileTooLarge(size));
    }
    // `take` guards against a file that grows while it is read.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(io_reason(&e)))?;
    decode_image(&bytes)
}

/// Decodes an image from memory (a dropped or pasted file).
pub fn decode_image(bytes: &[u8]) -> Result<RgbaImage, ImageFileError> {
    if bytes.is_empty() {
        return Err(ImageFileError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImageFileError::FileTooLarge(bytes.len() as u64));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| ImageFileError::UnknownFormat)?;
    if reader.format().is_none() {
        return Err(ImageFileError::UnknownFormat);
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(from_image_error)?;
    let (width, height) = decoder.dimensions();
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(ImageFileError::TooManyPixels { width, height });
    }
    if width == 0 || height == 0 {
        return Err(ImageFileError::Corrupt("it has no pixels".into()));
    }
    let orientation = decoder.orientation().map_err(from_image_error)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(from_image_error)?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > WORKING_SIDE {
        image = image.thumbnail(WORKING_SIDE, WORKING_SIDE);
    }
    Ok(image.into_rgba8())
}

/// Longest side of the preview the app shows.
pub const PREVIEW_SIDE: u32 = 960;

/// A JPEG preview of the picture as it was read (transparency over white), as a `data:` URL.
pub fn preview_data_url(image: &RgbaImage) -> String {
    use base64::Engine as _;
    let small = if image.width().max(image.height()) > PREVIEW_SIDE {
        image::imageops::thumbnail(image, PREVIEW_SIDE, PREVIEW_SIDE)
    } else {
        image.clone()
    };
    let flat = image::RgbImage::from_fn(small.width(), small.height(), |x, y| {
        let p = small.get_pixel(x, y);
        let a = p[3] as u32;
        image::Rgb([0, 1, 2].map(|c| ((p[c] as u32 * a + 255 * (255 - a)) / 255) as u8))
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&flat)
        .expect("encoding a JPEG in memory cannot fail");
    format!("data:image/jpeg;base64,{}", base64::engine::general_purpose::STANDARD.encode(jpeg))
}

fn from_image_error(err: ImageError) -> ImageFileError {
    match err {
        ImageError::Limits(_) => ImageFileError::OverMemoryLimit,
        ImageError::Unsupported(_) => ImageFileError::UnknownFormat,
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageFileError::Corrupt("the file ends too early".into())
        }
        other => ImageFileError::Corrupt(other.to_string()),
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests;
