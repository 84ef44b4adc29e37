//! Opens image files and clipboard bytes safely, in bounded memory and time: only regular files are read;
//! a file must be whole (see [`complete`]); sizes are checked before any pixel is allocated; PNG and JPEG are
//! shrunk to the working size while they decode, other formats are refused when a full decode would pass
//! [`DECODE_BUDGET`]; a decode that runs past [`DECODE_DEADLINE`] is abandoned. EXIF orientation is applied.

mod complete;
mod error;
mod format;
mod generic;
mod jpeg;
mod png_rows;
mod shrink;

use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use image::metadata::Orientation;
use image::{DynamicImage, ImageFormat, RgbaImage};

pub use error::{Damage, ImageFileError};
pub use format::READABLE;
pub use shrink::working_size;

const MB: u64 = 1024 * 1024;
/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * MB;
/// Largest picture accepted, in pixels (width × height); PNG and JPEG can be this big.
pub const MAX_PIXELS: u64 = 100_000_000;
/// The most memory a decoder may use for one picture: keeps a whole reading under 300 MB.
pub const DECODE_BUDGET: u64 = 128 * MB;
/// Decoded images are shrunk to this longer side before any processing.
pub const WORKING_SIDE: u32 = 1600;
/// A decode still running after this is abandoned.
pub const DECODE_DEADLINE: Duration = Duration::from_secs(10);

/// Reads and decodes an image file. Anything that is not a regular file (a folder, a pipe, a device) is refused
/// from its metadata, without a read that could block.
pub fn open_image_file(path: &Path) -> Result<RgbaImage, ImageFileError> {
    let unreadable = |source| ImageFileError::reading(path, source);
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(ImageFileError::NotAFile { path: path.to_path_buf() });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ImageFileError::FileTooLarge { bytes: metadata.len() });
    }
    let file = open_without_blocking(path).map_err(unreadable)?;
    // Checked again on the open file: the path may have been swapped for a pipe since.
    let metadata = file.metadata().map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(ImageFileError::NotAFile { path: path.to_path_buf() });
    }
    // `take` guards against a file that grows while it is read.
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImageFileError::FileTooLarge { bytes: bytes.len() as u64 });
    }
    decode_with_deadline(bytes)
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Decodes an image from memory (a dropped or pasted file).
pub fn decode_image(bytes: &[u8]) -> Result<RgbaImage, ImageFileError> {
    decode_image_owned(bytes.to_vec())
}

/// [`decode_image`] for bytes the caller owns already (no copy for the decode thread).
pub fn decode_image_owned(bytes: Vec<u8>) -> Result<RgbaImage, ImageFileError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImageFileError::FileTooLarge { bytes: bytes.len() as u64 });
    }
    decode_with_deadline(bytes)
}

/// Decodes on a worker thread and waits at most [`DECODE_DEADLINE`]; a decode cannot be stopped in place,
/// so a late one finishes on its own and its result is dropped.
fn decode_with_deadline(bytes: Vec<u8>) -> Result<RgbaImage, ImageFileError> {
    let (send, receive) = mpsc::sync_channel(1);
    let worker = std::thread::Builder::new().name("image-decode".into()).spawn(move || {
        let _ = send.send(decode_now(&bytes));
    });
    if worker.is_err() {
        return Err(ImageFileError::TookTooLong);
    }
    match receive.recv_timeout(DECODE_DEADLINE) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ImageFileError::TookTooLong),
        // The worker panicked: a decoder bug, met on a picture it could not make sense of.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(ImageFileError::Damaged(Damage::Panicked("the decoder panicked on this file".into())))
        }
    }
}

/// Decodes in the calling thread: format, completeness, then the format's decoder.
pub fn decode_now(bytes: &[u8]) -> Result<RgbaImage, ImageFileError> {
    if bytes.is_empty() {
        return Err(ImageFileError::Empty);
    }
    let format = format::sniff(bytes)?;
    let jpeg_layout = complete::check(format, bytes)?;
    let (image, orientation) = match (format, jpeg_layout) {
        (ImageFormat::Png, _) => png_rows::decode(bytes).map(|(image, o)| (DynamicImage::ImageRgba8(image), o))?,
        (ImageFormat::Jpeg, Some(layout)) => {
            jpeg::decode(bytes, &layout).map(|(image, o)| (DynamicImage::ImageRgba8(image), o))?
        }
        (other, _) => generic::decode(bytes, other)?,
    };
    Ok(to_working_size(image, orientation))
}

/// Shrinks to the working size, then turns the picture upright (turning the small one is cheaper).
fn to_working_size(mut image: DynamicImage, orientation: Orientation) -> RgbaImage {
    let (width, height) = working_size(image.width(), image.height());
    if (width, height) != (image.width(), image.height()) {
        image = image.thumbnail_exact(width, height);
    }
    image.apply_orientation(orientation);
    image.into_rgba8()
}

#[cfg(test)]
mod tests;
