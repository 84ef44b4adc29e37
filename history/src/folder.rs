//! Samples to and from a folder the person chose: an export writes both formats into a new folder there (never
//! over an earlier export); an import reads whichever format the folder holds.

use std::path::{Path, PathBuf};

use crate::export::{export_idx, export_png_folder, import_folder, import_idx, MAX_IMPORT};
use crate::samples::{Sample, SAMPLE_PIXELS};
use crate::HistoryError;

/// The folder an export creates inside the chosen one (`digit-samples-2`… when it is taken).
pub const EXPORT_FOLDER: &str = "digit-samples";
/// The PNG folder inside an export, beside the IDX files.
pub const PNG_FOLDER: &str = "png";
const IMAGES_END: &str = "-images-idx3-ubyte";
const LABELS_END: &str = "-labels-idx1-ubyte";

/// Writes `samples` into a new folder inside `parent`: the gzipped IDX pair, and `png/` with `labels.csv`.
/// Returns the new folder.
pub fn export_samples(samples: &[Sample], parent: &Path) -> Result<PathBuf, HistoryError> {
    if samples.is_empty() {
        return Err(HistoryError::NothingToExport);
    }
    if !parent.is_dir() {
        return Err(HistoryError::NotAFolder(parent.to_path_buf()));
    }
    let folder = (1..)
        .map(|n| parent.join(if n == 1 { EXPORT_FOLDER.to_string() } else { format!("{EXPORT_FOLDER}-{n}") }))
        .find(|folder| !folder.exists())
        .expect("a free name");
    export_idx(samples, &folder)?;
    export_png_folder(samples, &folder.join(PNG_FOLDER))?;
    Ok(folder)
}

/// The name without `.gz`, for matching an IDX pair by what comes before `-images`/`-labels`.
fn stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    Some(name.strip_suffix(".gz").unwrap_or(name).to_string())
}

/// Reads the samples in `dir`: every IDX pair (`X-images-idx3-ubyte[.gz]` with `X-labels-idx1-ubyte[.gz]`,
/// as MNIST and this app's exports are named), else a `labels.csv` with its PNGs (here or in `png/`).
pub fn import_samples(dir: &Path) -> Result<Vec<([u8; SAMPLE_PIXELS], u8)>, HistoryError> {
    let entries = std::fs::read_dir(dir).map_err(|source| HistoryError::Read { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    let pairs: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .filter_map(|images| {
            let prefix = stem(images)?.strip_suffix(IMAGES_END)?.to_string();
            let labels = files.iter().find(|l| stem(l).is_some_and(|s| s == format!("{prefix}{LABELS_END}")))?;
            Some((images.clone(), labels.clone()))
        })
        .collect();
    let mut samples = Vec::new();
    if !pairs.is_empty() {
        for (images, labels) in pairs {
            samples.extend(import_idx(&images, &labels)?);
            if samples.len() > MAX_IMPORT {
                return Err(HistoryError::TooManySamples { most: MAX_IMPORT });
            }
        }
    } else if let Some(csv_dir) = [dir.to_path_buf(), dir.join(PNG_FOLDER)].into_iter().find(|d| d.join("labels.csv").is_file()) {
        samples = import_folder(&csv_dir)?;
    } else {
        return Err(HistoryError::NoSamplesInFolder(dir.to_path_buf()));
    }
    if samples.is_empty() {
        return Err(HistoryError::NoSamplesInFolder(dir.to_path_buf()));
    }
    Ok(samples)
}
