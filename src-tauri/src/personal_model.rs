//! The personal model on disk, in `personal-model/` of the app's data folder: the learnt ONNX file and
//! `record.json`, which names that file, the built-in model it was learnt from (by SHA-256), whether it is in
//! use, and its figures. A new model is written under a new name and the record is renamed into place last, so
//! a crash at any moment leaves either the old model and record or the new ones.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use protocol::PersonalModel;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FOLDER: &str = "personal-model";
const RECORD_FILE: &str = "record.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The model's file name inside the folder.
    pub file: String,
    /// SHA-256 (hex) of the built-in model it was learnt from: another built-in model makes it outdated.
    pub built_in_sha256: String,
    /// Whether it reads, rather than the built-in model.
    pub active: bool,
    pub model: PersonalModel,
}

/// The folder the personal model lives in.
#[derive(Debug, Clone)]
pub struct PersonalFolder(pub PathBuf);

impl PersonalFolder {
    pub fn model_path(&self, record: &Record) -> PathBuf {
        self.0.join(&record.file)
    }

    /// The record, or `None` when there is none; a damaged one is logged and treated as none (the samples
    /// it was learnt from are kept, so nothing the person made is lost).
    pub fn record(&self) -> Option<Record> {
        let text = match std::fs::read_to_string(self.0.join(RECORD_FILE)) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return None,
            Err(error) => {
                log::error!("the personal model's record could not be read: {error}");
                return None;
            }
        };
        serde_json::from_str(&text).map_err(|error| log::error!("the personal model's record is damaged: {error}")).ok()
    }

    /// A path for a new model file, written before [`PersonalFolder::adopt`] names it.
    pub fn new_model_path(&self, now_ms: i64) -> io::Result<PathBuf> {
        std::fs::create_dir_all(&self.0)?;
        Ok(self.0.join(format!("model-{now_ms}.onnx")))
    }

    /// Makes `record` (whose file is already written) the personal model, then removes older model files.
    pub fn adopt(&self, record: &Record) -> io::Result<()> {
        self.write_record(record)?;
        for entry in std::fs::read_dir(&self.0)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".onnx") && name != record.file {
                std::fs::remove_file(entry.path()).ok();
            }
        }
        Ok(())
    }

    /// Records whether the personal model reads.
    pub fn set_active(&self, active: bool) -> io::Result<Option<Record>> {
        let Some(record) = self.record() else { return Ok(None) };
        let record = Record { active, ..record };
        self.write_record(&record)?;
        Ok(Some(record))
    }

    /// Removes the folder and everything in it; a folder that is not there is already deleted.
    pub fn delete(&self) -> io::Result<()> {
        match std::fs::remove_dir_all(&self.0) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    fn write_record(&self, record: &Record) -> io::Result<()> {
        std::fs::create_dir_all(&self.0)?;
        let partial = self.0.join(format!("{RECORD_FILE}.partial"));
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(&serde_json::to_vec_pretty(record).map_err(io::Error::other)?)?;
        file.sync_all()?;
        std::fs::rename(&partial, self.0.join(RECORD_FILE))
    }
}

/// SHA-256 of a file, in hex.
pub fn sha256_hex(path: &Path) -> io::Result<String> {
    let digest = Sha256::digest(std::fs::read(path)?);
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::LearningFigures;

    fn record(file: &str, active: bool) -> Record {
        let figures = LearningFigures {
            held_out: 12,
            right_before: 2,
            right_after: 11,
            newly_wrong: 0,
            general_before: 0.99,
            general_after: 0.989,
            non_digit_unsure_before: 0.9,
            non_digit_unsure_after: 0.92,
        };
        Record { file: file.into(), built_in_sha256: "ab".into(), active, model: PersonalModel { learnt_ms: 5, samples: 12, figures } }
    }

    #[test]
    fn a_new_model_replaces_the_old_one_and_deleting_removes_everything() {
        let folder = PersonalFolder(crate::tests::temp_folder().join(FOLDER));
        assert_eq!(folder.record(), None);
        for now in [1, 2] {
            let path = folder.new_model_path(now).unwrap();
            std::fs::write(&path, b"onnx").unwrap();
            folder.adopt(&record(&path.file_name().unwrap().to_string_lossy(), true)).unwrap();
        }
        assert_eq!(folder.record(), Some(record("model-2.onnx", true)));
        assert!(!folder.0.join("model-1.onnx").exists(), "the older model is removed");
        assert_eq!(folder.set_active(false).unwrap(), Some(record("model-2.onnx", false)));
        assert_eq!(folder.record().map(|r| r.active), Some(false));
        folder.delete().unwrap();
        assert!(!folder.0.exists());
        folder.delete().unwrap();
        assert_eq!(folder.set_active(true).unwrap(), None);
    }

    #[test]
    fn a_damaged_record_is_no_model() {
        let folder = PersonalFolder(crate::tests::temp_folder());
        std::fs::write(folder.0.join(RECORD_FILE), b"{ not json").unwrap();
        assert_eq!(folder.record(), None);
    }
}
