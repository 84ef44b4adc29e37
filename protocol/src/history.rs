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
