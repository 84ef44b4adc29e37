//! Opens image files and clipboard bytes safely: size limits are checked before any pixel is allocated,
//! EXIF orientation is applied, and big photos are shrunk at once so the rest of the pipeline stays fast.

use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits, RgbaImage};
use protocol::ErrorKind;

const MB: u64 = 1024 * 1024;
/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * MB;
/// Largest picture accepted, in pixels (width × height).
pub const MAX_PIXELS: u64 = 100_000_000;
/// Larger decoded images are shrunk to this longer side before any processing.
pub const WORKING_SIDE: u32 = 1600;

#[derive(Debug, thiserror::Error)]
pub enum ImageFileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {:.1} MB; the largest image the app opens is {} MB", *.0 as f64 / MB as f64, MAX_FILE_BYTES / MB)]
    FileTooLarge(u64),
    #[error("the picture is {width}×{height} pixels; the largest the app opens is {} megapixels", MAX_PIXELS / 1_000_000)]
    TooManyPixels { width: u32, height: u32 },
    #[error("this is not an image the app can open (PNG, JPEG, GIF, BMP, WebP, TIFF, ICO or PNM)")]
    NotAnImage,
    #[error("the image is damaged or incomplete: it has no pixels")]
    NoPixels,
    #[error("the image is damaged or incomplete: the file ends too early")]
    Truncated(#[source] ImageError),
    /// The decoder's own words stay in the source, for logs and `--verbose`, not in the sentence.
    #[error("the image is damaged or incomplete")]
    Damaged(#[source] ImageError),
    #[error("the image needs more memory to open than the app allows")]
    OverMemoryLimit(#[source] ImageError),
    #[error("could not read {}: no such file", path.display())]
    Missing { path: PathBuf, source: io::Error },
    #[error("could not read {}: it is not a file", path.display())]
    NotAFile { path: PathBuf },
    #[error("could not read {}: permission denied", path.display())]
    NoPermission { path: PathBuf, source: io::Error },
    #[error("could not read {}: {source}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
}

impl ImageFileError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ImageFileError::Empty => ErrorKind::EmptyFile,
            ImageFileError::FileTooLarge(_) => ErrorKind::FileTooLarge,
            ImageFileError::TooManyPixels { .. } => ErrorKind::TooManyPixels,
            ImageFileError::NotAnImage => ErrorKind::NotAnImage,
            ImageFileError::NoPixels | ImageFileError::Truncated(_) | ImageFileError::Damaged(_) => ErrorKind::Damaged,
            ImageFileError::OverMemoryLimit(_) => ErrorKind::OverMemoryLimit,
            ImageFileError::Missing { .. } => ErrorKind::Missing,
            ImageFileError::NotAFile { .. } => ErrorKind::NotAFile,
            ImageFileError::NoPermission { .. } => ErrorKind::NoPermission,
            ImageFileError::Unreadable { .. } => ErrorKind::Unreadable,
        }
    }

    fn reading(path: &Path, source: io::Error) -> Self {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::NotFound => ImageFileError::Missing { path, source },
            io::ErrorKind::PermissionDenied => ImageFileError::NoPermission { path, source },
            _ => ImageFileError::Unreadable { path, source },
        }
    }
}

/// Reads and decodes an image file.
pub fn open_image_file(path: &Path) -> Result<RgbaImage, ImageFileError> {
    let unreadable = |source| ImageFileError::reading(path, source);
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let metadata = file.metadata().map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(ImageFileError::NotAFile { path: path.to_path_buf() });
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(ImageFileError::FileTooLarge(size));
    }
    // `take` guards against a file that grows while it is read.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
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
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| ImageFileError::NotAnImage)?;
    if reader.format().is_none() {
        return Err(ImageFileError::NotAnImage);
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
        return Err(ImageFileError::NoPixels);
    }
    let orientation = decoder.orientation().map_err(from_image_error)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(from_image_error)?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > WORKING_SIDE {
        image = image.thumbnail(WORKING_SIDE, WORKING_SIDE);
    }
    Ok(image.into_rgba8())
}

fn from_image_error(err: ImageError) -> ImageFileError {
    match err {
        ImageError::Limits(_) => ImageFileError::OverMemoryLimit(err),
        ImageError::Unsupported(_) => ImageFileError::NotAnImage,
        ImageError::IoError(ref e) if e.kind() == io::ErrorKind::UnexpectedEof => ImageFileError::Truncated(err),
        other => ImageFileError::Damaged(other),
    }
}

#[cfg(test)]
mod tests;
