//! The history of finished readings as the History panel sees it.

use serde::{Deserialize, Serialize};

/// One kept reading, as the panel lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HistorySummary {
    pub id: i64,
    /// When it was read, in milliseconds since 1970 (UTC).
    pub time_ms: i64,
    /// The picture's file name; `None` for a drawing.
    pub file_name: Option<String>,
    /// The number as read ("" when no digit was found).
    pub number: String,
    pub unsure: bool,
    /// The number as the person corrected it, if they did.
    pub corrected: Option<String>,
    /// Labelled samples made from it: more than 0 once the person corrected or confirmed it.
    #[serde(default)]
    pub samples: u32,
    /// A small JPEG of what was read, as a `data:` URL.
    pub thumbnail_data_url: String,
}

/// Whether readings are kept, and how many.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct HistorySettings {
    pub enabled: bool,
    /// The newest entries kept; `None`: no limit.
    pub max_entries: Option<u32>,
}

/// A reading kept in the history, and what the person has said about it: the result panel offers to correct
/// or confirm it only once it is kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeptReading {
    pub id: i64,
    /// The number as the person corrected it; `None` when they did not, or confirmed it as read.
    pub corrected: Option<String>,
    /// Labelled samples made from it (0: neither corrected nor confirmed yet).
    pub samples: u32,
}

impl KeptReading {
    /// Just kept: nothing said about it yet.
    pub fn new(id: i64) -> Self {
        Self { id, corrected: None, samples: 0 }
    }
}

/// The answer to a correction or confirmation: the entry as it now stands, and all the samples there are.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Labelled {
    pub kept: KeptReading,
    pub sample_count: u32,
}

/// Samples written to or read from a folder.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SamplesMoved {
    /// Exported: the samples written; imported: the samples added.
    pub count: u32,
    /// Imported: samples already stored, so not added again.
    pub skipped: u32,
    /// Exported: the folder created; imported: the folder read.
    pub folder: String,
    /// All the samples there are now.
    pub sample_count: u32,
}
