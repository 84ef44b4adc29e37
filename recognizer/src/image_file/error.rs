//! Why a picture could not be opened: one short, fixed sentence per kind for the person, with the technical
//! detail kept in the source chain (shown by `digits --verbose` and written to the app's log).

use std::io;
use std::path::PathBuf;

use image::{ImageError, ImageFormat};
use protocol::ErrorKind;

use super::MAX_FILE_BYTES;

const MB: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ImageFileError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is larger than {} MB, the most the app opens.", MAX_FILE_BYTES / MB)]
    FileTooLarge { bytes: u64 },
    #[error("The picture has too many pixels to open; save a smaller copy and open that.")]
    TooManyPixels { width: u32, height: u32 },
    #[error("This file is not a picture the app can open (PNG, JPEG, GIF, BMP, WebP, TIFF, ICO or PNM).")]
    NotAnImage,
    #[error("{format} pictures cannot be opened; save the picture as PNG or JPEG and open that.")]
    Unsupported { format: &'static str },
    /// A format the app reads, stored in a way its decoder does not (a TIFF in fax compression...).
    #[error("This {format} picture is stored in a way the app cannot read; save it as PNG or JPEG and open that.")]
    UnsupportedEncoding { format: &'static str, source: ImageError },
    #[error("The picture is damaged or incomplete.")]
    Damaged(#[source] Damage),
    #[error("The picture took too long to open.")]
    TookTooLong,
    #[error("That is not a file: folders, pipes and devices cannot be opened.")]
    NotAFile { path: PathBuf },
    #[error("The file does not exist.")]
    Missing { path: PathBuf, source: io::Error },
    #[error("The app is not allowed to read the file.")]
    NoPermission { path: PathBuf, source: io::Error },
    #[error("The file could not be read.")]
    Unreadable { path: PathBuf, source: io::Error },
}

/// What exactly is wrong with a damaged picture: for the log and `--verbose`, never the sentence.
#[derive(Debug, thiserror::Error)]
pub enum Damage {
    #[error("{0}")]
    Structure(&'static str),
    #[error("the decoder failed: {0}")]
    Decoder(#[from] ImageError),
    #[error("the PNG decoder failed: {0}")]
    Png(#[from] png::DecodingError),
    #[error("the JPEG decoder failed: {0}")]
    Jpeg(#[from] jpeg_decoder::Error),
    #[error("the decoder stopped unexpectedly: {0}")]
    Panicked(String),
}

impl ImageFileError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ImageFileError::Empty => ErrorKind::EmptyFile,
            ImageFileError::FileTooLarge { .. } => ErrorKind::FileTooLarge,
            ImageFileError::TooManyPixels { .. } => ErrorKind::TooManyPixels,
            ImageFileError::NotAnImage => ErrorKind::NotAnImage,
            ImageFileError::Unsupported { .. } | ImageFileError::UnsupportedEncoding { .. } => {
                ErrorKind::UnsupportedFormat
            }
            ImageFileError::Damaged(_) => ErrorKind::Damaged,
            ImageFileError::TookTooLong => ErrorKind::TookTooLong,
            ImageFileError::NotAFile { .. } => ErrorKind::NotAFile,
            ImageFileError::Missing { .. } => ErrorKind::Missing,
            ImageFileError::NoPermission { .. } => ErrorKind::NoPermission,
            ImageFileError::Unreadable { .. } => ErrorKind::Unreadable,
        }
    }

    pub(super) fn reading(path: &std::path::Path, source: io::Error) -> Self {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::NotFound => ImageFileError::Missing { path, source },
            io::ErrorKind::PermissionDenied => ImageFileError::NoPermission { path, source },
            // Reading a folder: `open` succeeds on Linux, the read fails.
            io::ErrorKind::IsADirectory => ImageFileError::NotAFile { path },
            _ => ImageFileError::Unreadable { path, source },
        }
    }

    pub(super) fn damaged(what: &'static str) -> Self {
        ImageFileError::Damaged(Damage::Structure(what))
    }

    /// An error from the `image` crate's decoder of `format`, sorted into the fixed kinds.
    pub(super) fn from_decoder(error: ImageError, format: ImageFormat, width: u32, height: u32) -> Self {
        match error {
            // A decoder refusing for memory: the picture is too big for the app's budget.
            ImageError::Limits(_) => ImageFileError::TooManyPixels { width, height },
            source @ ImageError::Unsupported(_) => {
                ImageFileError::UnsupportedEncoding { format: super::format::name_of(format), source }
            }
            other => ImageFileError::Damaged(Damage::Decoder(other)),
        }
    }
}
