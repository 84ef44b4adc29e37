//! Reader for the IDX files MNIST ships in, gzip-compressed or plain.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;

/// MNIST images are exactly the model's input: 28×28.
pub use recognizer::preprocess::{PIXELS, SIDE};

const IMAGES_MAGIC: u32 = 2051;
const LABELS_MAGIC: u32 = 2049;

#[derive(Debug, thiserror::Error)]
pub enum IdxError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not an IDX {expected} file (magic number {found}, expected {magic})")]
    WrongMagic {
        path: PathBuf,
        expected: &'static str,
        magic: u32,
        found: u32,
    },
    #[error("{path} is truncated: its header promises {expected} bytes of data but it holds {found}")]
    Truncated {
        path: PathBuf,
        expected: usize,
        found: usize,
    },
    #[error("{path} holds images of {rows}x{cols}; MNIST images are 28x28")]
    WrongSize { path: PathBuf, rows: u32, cols: u32 },
    #[error("{path} holds a label {label}, outside 0-9")]
    BadLabel { path: PathBuf, label: u8 },
    #[error("{images} images but {labels} labels in {dir}")]
    CountMismatch {
        dir: PathBuf,
        images: usize,
        labels: usize,
    },
    #[error(
        "no {name}[.gz] in {dir}. Point --mnist (or MNIST_DIR) at the folder with the four MNIST IDX files, \
         or run scripts/fetch-datasets.sh to download them into .datasets/mnist"
    )]
    Missing { dir: PathBuf, name: String },
}

/// Images and labels of one MNIST split. Pixels are row-major bytes, 0 = background, 255 = ink.
#[derive(Debug, Clone)]
pub struct Split {
    pub pixels: Vec<u8>,
    pub labels: Vec<u8>,
}

impl Split {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The 784 bytes of image `index`.
    pub fn image(&self, index: usize) -> &[u8] {
        &self.pixels[index * PIXELS..(index + 1) * PIXELS]
    }

    /// Image `index` as model input: f32 in 0..1, ink = 1.
    pub fn image_f32(&self, index: usize) -> Vec<f32> {
        self.image(index).iter().map(|&p| p as f32 / 255.0).collect()
    }
}

/// Which of the two MNIST splits to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Train,
    Test,
}

impl Part {
    fn stem(self) -> &'static str {
        match self {
            Part::Train => "train",
            Part::Test => "t10k",
        }
    }
}

/// Reads one split from a folder holding the standard file names, `.gz` or not.
pub fn load_split(dir: &Path, part: Part) -> Result<Split, IdxError> {
    let images_path = find_file(dir, &format!("{}-images-idx3-ubyte", part.stem()))?;
    let labels_path = find_file(dir, &format!("{}-labels-idx1-ubyte", part.stem()))?;
    let pixels = read_images(&images_path)?;
    let labels = read_labels(&labels_path)?;
    let images = pixels.len() / PIXELS;
    if images != labels.len() {
        return Err(IdxError::CountMismatch {
            dir: dir.to_path_buf(),
            images,
            labels: labels.len(),
        });
    }
    Ok(Split { pixels, labels })
}

fn find_file(dir: &Path, name: &str) -> Result<PathBuf, IdxError> {
    [format!("{name}.gz"), name.to_string()]
        .into_iter()
        .map(|candidate| dir.join(candidate))
        .find(|path| path.is_file())
        .ok_or_else(|| IdxError::Missing {
            dir: dir.to_path_buf(),
            name: name.to_string(),
        })
}

/// Reads an IDX3 image file; returns the pixels of all images back to back.
pub fn read_images(path: &Path) -> Result<Vec<u8>, IdxError> {
    let bytes = read_maybe_gzip(path)?;
    let header = parse_header(path, &bytes, IMAGES_MAGIC, "image", 16)?;
    let (count, rows, cols) = (header[0], header[1], header[2]);
    if rows as usize != SIDE || cols as usize != SIDE {
        return Err(IdxError::WrongSize {
            path: path.to_path_buf(),
            rows,
            cols,
        });
    }
    let data = checked_body(path, &bytes, 16, count as usize * PIXELS)?;
    Ok(data.to_vec())
}

/// Reads an IDX1 label file.
pub fn read_labels(path: &Path) -> Result<Vec<u8>, IdxError> {
    let bytes = read_maybe_gzip(path)?;
    let header = parse_header(path, &bytes, LABELS_MAGIC, "label", 8)?;
    let labels = checked_body(path, &bytes, 8, header[0] as usize)?.to_vec();
    if let Some(&label) = labels.iter().find(|&&l| l > 9) {
        return Err(IdxError::BadLabel {
            path: path.to_path_buf(),
            label,
        });
    }
    Ok(labels)
}

/// Checks the magic number and returns the big-endian u32 fields after it.
fn parse_header(
    path: &Path,
    bytes: &[u8],
    magic: u32,
    expected: &'static str,
    header_len: usize,
) -> Result<Vec<u32>, IdxError> {
    if bytes.len() < header_len {
        return Err(IdxError::Truncated {
            path: path.to_path_buf(),
            expected: header_len,
            found: bytes.len(),
        });
    }
    let words: Vec<u32> = bytes[..header_len]
        .chunks_exact(4)
        .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    if words[0] != magic {
        return Err(IdxError::WrongMagic {
            path: path.to_path_buf(),
            expected,
            magic,
            found: words[0],
        });
    }
    Ok(words[1..].to_vec())
}

fn checked_body<'a>(
    path: &Path,
    bytes: &'a [u8],
    header_len: usize,
    expected: usize,
) -> Result<&'a [u8], IdxError> {
    let body = &bytes[header_len..];
    if body.len() < expected {
        return Err(IdxError::Truncated {
            path: path.to_path_buf(),
            expected,
            found: body.len(),
        });
    }
    Ok(&body[..expected])
}

fn read_maybe_gzip(path: &Path) -> Result<Vec<u8>, IdxError> {
    let io_error = |source| IdxError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(io_error)?);
    let mut raw = Vec::new();
    reader.read_to_end(&mut raw).map_err(io_error)?;
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut decoded = Vec::new();
    match GzDecoder::new(raw.as_slice()).read_to_end(&mut decoded) {
        Ok(_) => Ok(decoded),
        // A gzip stream cut short still yields its decoded prefix; the header check then reports the exact sizes.
        Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => Ok(decoded),
        Err(err) => Err(io_error(err)),
    }
}

/// Where MNIST is read from when the user names no folder: `MNIST_DIR`, else `../shared/datasets/mnist`
/// beside the workspace, else `.datasets/mnist` in it (filled by `scripts/fetch-datasets.sh`); see
/// [`crate::datasets`].
pub fn default_dir() -> PathBuf {
    crate::datasets::locate("MNIST_DIR", "mnist")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("idx-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn image_file(count: u32, data_len: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        for word in [IMAGES_MAGIC, count, 28, 28] {
            bytes.extend_from_slice(&word.to_be_bytes());
        }
        bytes.extend(std::iter::repeat_n(7u8, data_len));
        bytes
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn reads_plain_and_gzip_images() {
        let bytes = image_file(2, 2 * PIXELS);
        let plain = read_images(&temp_file("plain-images", &bytes)).unwrap();
        let zipped = read_images(&temp_file("zipped-images.gz", &gzip(&bytes))).unwrap();
        assert_eq!(plain.len(), 2 * PIXELS);
        assert_eq!(plain, zipped);
    }

    #[test]
    fn truncated_images_are_an_error() {
        let bytes = image_file(3, 2 * PIXELS + 5);
        let err = read_images(&temp_file("short-images", &bytes)).unwrap_err();
        assert!(matches!(err, IdxError::Truncated { expected, found, .. } if expected == 3 * PIXELS && found == 2 * PIXELS + 5));
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let bytes = image_file(3, 3 * PIXELS);
        let zipped = gzip(&bytes);
        let cut = &zipped[..zipped.len() / 2];
        let err = read_images(&temp_file("cut-images.gz", cut)).unwrap_err();
        assert!(matches!(err, IdxError::Truncated { .. }), "{err}");
    }

    #[test]
    fn header_shorter_than_sixteen_bytes_is_truncated() {
        let err = read_images(&temp_file("tiny", &[0, 0, 8])).unwrap_err();
        assert!(matches!(err, IdxError::Truncated { .. }));
    }

    #[test]
    fn wrong_magic_is_an_error() {
        let mut bytes = image_file(1, PIXELS);
        bytes[3] = 0x01; // 2049: a label file's magic
        let err = read_images(&temp_file("labels-as-images", &bytes)).unwrap_err();
        assert!(matches!(err, IdxError::WrongMagic { found: 2049, .. }));
        assert!(err.to_string().contains("not an IDX image file"));
    }

    #[test]
    fn labels_outside_digits_are_rejected() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&LABELS_MAGIC.to_be_bytes());
        bytes.extend_from_slice(&2u32.to_be_bytes());
        bytes.extend_from_slice(&[3, 12]);
        let err = read_labels(&temp_file("bad-labels", &bytes)).unwrap_err();
        assert!(matches!(err, IdxError::BadLabel { label: 12, .. }));
    }

    #[test]
    fn missing_folder_names_the_file() {
        let err = load_split(Path::new("/nonexistent"), Part::Test).unwrap_err();
        assert!(err.to_string().contains("t10k-images-idx3-ubyte"));
    }
}
