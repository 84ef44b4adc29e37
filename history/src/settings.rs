//! Settings as text by key (theme, window, history on/off and its limits), and the history's retention.

use rusqlite::{params, OptionalExtension};

use crate::{History, HistoryError};

/// Entries kept when the person has not chosen.
pub const DEFAULT_MAX_ENTRIES: u32 = 1_000;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Whether history is kept, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub enabled: bool,
    /// Newest entries kept; `None`: no limit by number.
    pub max_entries: Option<u32>,
    /// Days an entry is kept; `None`: no limit by age.
    pub max_days: Option<u32>,
}

impl Default for Retention {
    fn default() -> Self {
        Self { enabled: true, max_entries: Some(DEFAULT_MAX_ENTRIES), max_days: None }
    }
}

impl History {
    pub fn setting(&self, key: &str) -> Result<Option<String>, HistoryError> {
        Ok(self.db.query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| row.get(0)).optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), HistoryError> {
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn retention(&self) -> Result<Retention, HistoryError> {
        let default = Retention::default();
        let limit = |key: &str, default: Option<u32>| -> Result<Option<u32>, HistoryError> {
            Ok(match self.setting(key)? {
                Some(value) if value == "none" => None,
                Some(value) => value.parse().ok().or(default),
                None => default,
            })
        };
        Ok(Retention {
            enabled: self.setting("history.enabled")?.map_or(default.enabled, |v| v != "false"),
            max_entries: limit("history.max_entries", default.max_entries)?,
            max_days: limit("history.max_days", default.max_days)?,
        })
    }

    /// Saves the retention and applies it at once (`now_ms`: the current time).
    pub fn set_retention(&mut self, retention: Retention, now_ms: i64) -> Result<(), HistoryError> {
        let text = |limit: Option<u32>| limit.map_or("none".to_owned(), |n| n.to_string());
        self.set_setting("history.enabled", if retention.enabled { "true" } else { "false" })?;
        self.set_setting("history.max_entries", &text(retention.max_entries))?;
        self.set_setting("history.max_days", &text(retention.max_days))?;
        self.prune(now_ms, retention)
    }

    pub(crate) fn prune(&mut self, now_ms: i64, retention: Retention) -> Result<(), HistoryError> {
        if let Some(days) = retention.max_days {
            self.db.execute("DELETE FROM entries WHERE time_ms < ?1", [now_ms - days as i64 * DAY_MS])?;
        }
        if let Some(entries) = retention.max_entries {
            self.db.execute(
                "DELETE FROM entries WHERE id NOT IN (SELECT id FROM entries ORDER BY time_ms DESC, id DESC LIMIT ?1)",
                [entries as i64],
            )?;
        }
        Ok(())
    }
}
