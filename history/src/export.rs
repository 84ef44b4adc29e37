//! Samples out and in: MNIST's IDX format (gzipped, as MNIST is distributed), or a folder of 28×28 PNGs with a
//! `labels.csv`. Imports are checked and bounded: a file that is not a sample set is refused with the reason.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::samples::{Sample, SAMPLE_PIXELS};
use crate::HistoryError;

/// The most samples one import takes (60 000 is MNIST's training set).
pub const MAX_IMPORT: usize = 100_000;
pub const IMAGES_FILE: &str = "samples-images-idx3-ubyte.gz";
pub const LABELS_FILE: &str = "samples-labels-idx1-ubyte.gz";

fn write(path: &Path, bytes: &[u8]) -> Result<(), HistoryError> {
    std::fs::write(path, bytes).map_err(|source| HistoryError::Write { path: path.to_path_buf(), source })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Writes `dir/samples-images-idx3-ubyte.gz` and `dir/samples-labels-idx1-ubyte.gz`; returns their paths.
pub fn export_idx(samples: &[Sample], dir: &Path) -> Result<(PathBuf, PathBuf), HistoryError> {
    std::fs::create_dir_all(dir).map_err(|source| HistoryError::Folder { path: dir.to_path_buf(), source })?;
    let count = (samples.len() as u32).to_be_bytes();
    let mut images = [&0x0803u32.to_be_bytes()[..], &count, &28u32.to_be_bytes(), &28u32.to_be_bytes()].concat();
    let mut labels = [&0x0801u32.to_be_bytes()[..], &count].concat();
    for sample in samples {
        images.extend_from_slice(&sample.input);
        labels.push(sample.label);
    }
    let (images_path, labels_path) = (dir.join(IMAGES_FILE), dir.join(LABELS_FILE));
    write(&images_path, &gzip(&images))?;
    write(&labels_path, &gzip(&labels))?;
    Ok((images_path, labels_path))
}

/// Writes `dir/00001.png`… and `dir/labels.csv` (`file,label`).
pub fn export_png_folder(samples: &[Sample], dir: &Path) -> Result<PathBuf, HistoryError> {
    std::fs::create_dir_all(dir).map_err(|source| HistoryError::Folder { path: dir.to_path_buf(), source })?;
    let mut csv = String::from("file,label\n");
    for (index, sample) in samples.iter().enumerate() {
        let name = format!("{:05}.png", index + 1);
        let image = image::GrayImage::from_raw(28, 28, sample.input.to_vec()).expect("28×28 bytes");
        let path = dir.join(&name);
        image.save(&path).map_err(|e| HistoryError::Write { path: path.clone(), source: std::io::Error::other(e) })?;
        csv.push_str(&format!("{name},{}\n", sample.label));
    }
    let labels = dir.join("labels.csv");
    write(&labels, csv.as_bytes())?;
    Ok(labels)
}

fn read_maybe_gzipped(path: &Path, limit: u64) -> Result<Vec<u8>, HistoryError> {
    let file = std::fs::File::open(path).map_err(|source| HistoryError::Read { path: path.to_path_buf(), source })?;
    let mut bytes = Vec::new();
    let gzipped = path.extension().is_some_and(|e| e == "gz");
    let result = if gzipped {
        GzDecoder::new(file).take(limit).read_to_end(&mut bytes)
    } else {
        file.take(limit).read_to_end(&mut bytes)
    };
    result.map_err(|source| HistoryError::Read { path: path.to_path_buf(), source })?;
    Ok(bytes)
}

/// Reads MNIST-format IDX files (gzipped or not) of 28×28 images and their labels.
pub fn import_idx(images: &Path, labels: &Path) -> Result<Vec<([u8; SAMPLE_PIXELS], u8)>, HistoryError> {
    let bad = |path: &Path, why: &str| HistoryError::BadSamples { path: path.to_path_buf(), why: why.to_owned() };
    let image_bytes = read_maybe_gzipped(images, 16 + (MAX_IMPORT * SAMPLE_PIXELS) as u64 + 1)?;
    let label_bytes = read_maybe_gzipped(labels, 8 + MAX_IMPORT as u64 + 1)?;
    let word = |bytes: &[u8], at: usize| bytes.get(at..at + 4).map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]));
    if word(&image_bytes, 0) != Some(0x0803) || word(&image_bytes, 8) != Some(28) || word(&image_bytes, 12) != Some(28) {
        return Err(bad(images, "not an IDX file of 28×28 images"));
    }
    if word(&label_bytes, 0) != Some(0x0801) {
        return Err(bad(labels, "not an IDX file of labels"));
    }
    let count = word(&image_bytes, 4).unwrap_or(0) as usize;
    if count > MAX_IMPORT {
        return Err(HistoryError::TooManySamples { most: MAX_IMPORT });
    }
    if word(&label_bytes, 4) != Some(count as u32) || label_bytes.len() != 8 + count || image_bytes.len() != 16 + count * SAMPLE_PIXELS {
        return Err(bad(labels, "its size does not match the images"));
    }
    label_bytes[8..]
        .iter()
        .zip(image_bytes[16..].chunks_exact(SAMPLE_PIXELS))
        .map(|(&label, pixels)| match label {
            0..=9 => Ok((pixels.try_into().expect("28×28 chunk"), label)),
            _ => Err(bad(labels, "a label is not a digit")),
        })
        .collect()
}

/// Reads a folder written by [`export_png_folder`]: `labels.csv` and 28×28 grey PNGs.
pub fn import_folder(dir: &Path) -> Result<Vec<([u8; SAMPLE_PIXELS], u8)>, HistoryError> {
    let csv_path = dir.join("labels.csv");
    let bad = |why: String| HistoryError::BadSamples { path: csv_path.clone(), why };
    let csv = read_maybe_gzipped(&csv_path, 64 * 1024 * 1024)?;
    let csv = String::from_utf8(csv).map_err(|_| bad("labels.csv is not text".into()))?;
    let mut samples = Vec::new();
    for (number, line) in csv.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let (name, label) = line.split_once(',').ok_or_else(|| bad(format!("line {} is not `file,label`", number + 1)))?;
        let label: u8 = label.trim().parse().ok().filter(|&l| l <= 9).ok_or_else(|| bad(format!("line {}: the label is not a digit", number + 1)))?;
        let name = Path::new(name.trim());
        if name.components().count() != 1 {
            return Err(bad(format!("line {}: {} is not a file in the folder", number + 1, name.display())));
        }
        let path = dir.join(name);
        let image = image::open(&path).map_err(|e| HistoryError::BadSamples { path: path.clone(), why: e.to_string() })?;
        if (image.width(), image.height()) != (28, 28) {
            return Err(HistoryError::BadSamples { path, why: "the picture is not 28×28".into() });
        }
        samples.push((image.into_luma8().into_raw().try_into().expect("28×28"), label));
        if samples.len() > MAX_IMPORT {
            return Err(HistoryError::TooManySamples { most: MAX_IMPORT });
        }
    }
    Ok(samples)
}
