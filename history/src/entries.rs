//! Finished readings: added newest last, listed newest first, searched by number, reopened, deleted.

use protocol::NumberReading;
use rusqlite::{params, OptionalExtension, Row};

use crate::{History, HistoryError};

pub type EntryId = i64;

/// Where a reading came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Canvas,
    /// A file, by its name (not its folder).
    File(String),
}

/// A reading to keep.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub time_ms: i64,
    pub source: Source,
    /// A small PNG of what was read.
    pub thumbnail_png: Vec<u8>,
    /// The reading, each digit with its 28×28 model input (kept as a blob of its own, not in the JSON).
    pub reading: NumberReading,
}

/// An entry as the History panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: EntryId,
    pub time_ms: i64,
    pub source: Source,
    pub number: String,
    pub unsure: bool,
    /// The number as the person corrected it, if they did.
    pub corrected: Option<String>,
    /// Labelled samples made from it: more than 0 when the person corrected or confirmed it.
    pub samples: usize,
    pub thumbnail_png: Vec<u8>,
}

/// An entry reopened: the reading as it was shown, boxes, model inputs and all.
#[derive(Debug, Clone)]
pub struct Entry {
    pub summary: Summary,
    pub reading: NumberReading,
}

const SUMMARY_COLUMNS: &str = "id, time_ms, source_name, number, reading, corrected, thumbnail,
    (SELECT COUNT(*) FROM samples WHERE samples.entry_id = entries.id)";

fn summary(row: &Row<'_>) -> rusqlite::Result<(Summary, String)> {
    let reading: String = row.get(4)?;
    let source = match row.get::<_, Option<String>>(2)? {
        Some(name) => Source::File(name),
        None => Source::Canvas,
    };
    let summary = Summary {
        id: row.get(0)?,
        time_ms: row.get(1)?,
        source,
        number: row.get(3)?,
        unsure: false,
        corrected: row.get(5)?,
        thumbnail_png: row.get(6)?,
        samples: row.get::<_, i64>(7)? as usize,
    };
    Ok((summary, reading))
}

fn with_unsure((mut summary, reading): (Summary, String)) -> Result<(Summary, NumberReading), HistoryError> {
    let reading: NumberReading = serde_json::from_str(&reading)?;
    summary.unsure = reading.unsure;
    Ok((summary, reading))
}

impl History {
    /// Keeps a finished reading (unless history is switched off: then `None`), and applies the retention.
    pub fn add(&mut self, entry: &NewEntry) -> Result<Option<EntryId>, HistoryError> {
        let retention = self.retention()?;
        if !retention.enabled {
            return Ok(None);
        }
        let name = match &entry.source {
            Source::Canvas => None,
            Source::File(name) => Some(name.as_str()),
        };
        let mut without_inputs = entry.reading.clone();
        for digit in &mut without_inputs.digits {
            digit.prediction.model_input = Vec::new();
        }
        let tx = self.db.transaction()?;
        tx.execute(
            "INSERT INTO entries (time_ms, source_name, thumbnail, number, reading) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![entry.time_ms, name, entry.thumbnail_png, entry.reading.number, serde_json::to_string(&without_inputs)?],
        )?;
        let id = tx.last_insert_rowid();
        for (position, digit) in entry.reading.digits.iter().enumerate() {
            let input = &digit.prediction.model_input;
            tx.execute("INSERT INTO digits (entry_id, position, input) VALUES (?1, ?2, ?3)", params![id, position, input])?;
        }
        tx.commit()?;
        self.prune(entry.time_ms, retention)?;
        Ok(Some(id))
    }

    /// Entries newest first; with `search`, only those whose number (as read or as corrected) contains it.
    pub fn list(&self, search: Option<&str>, limit: usize, offset: usize) -> Result<Vec<Summary>, HistoryError> {
        let pattern = search.map(|s| format!("%{}%", s.replace(['%', '_', '\\'], "")));
        let mut statement = self.db.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM entries
             WHERE ?1 IS NULL OR number LIKE ?1 OR corrected LIKE ?1
             ORDER BY time_ms DESC, id DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = statement.query_map(params![pattern, limit as i64, offset as i64], summary)?;
        rows.map(|row| Ok(with_unsure(row?)?.0)).collect()
    }

    pub fn count(&self) -> Result<usize, HistoryError> {
        Ok(self.db.query_row("SELECT COUNT(*) FROM entries", [], |row| row.get::<_, i64>(0))? as usize)
    }

    /// One entry, with its reading and its digits' model inputs.
    pub fn get(&self, id: EntryId) -> Result<Entry, HistoryError> {
        let row = self
            .db
            .query_row(&format!("SELECT {SUMMARY_COLUMNS} FROM entries WHERE id = ?1"), [id], summary)
            .optional()?
            .ok_or(HistoryError::NoSuchEntry(id))?;
        let (summary, mut reading) = with_unsure(row)?;
        let mut statement = self.db.prepare("SELECT position, input FROM digits WHERE entry_id = ?1")?;
        let inputs = statement.query_map([id], |row| Ok((row.get::<_, usize>(0)?, row.get::<_, Vec<u8>>(1)?)))?;
        for input in inputs {
            let (position, input) = input?;
            if let Some(digit) = reading.digits.get_mut(position) {
                digit.prediction.model_input = input;
            }
        }
        Ok(Entry { summary, reading })
    }

    /// Deletes one entry; samples made from it are kept (they are the person's labels).
    pub fn delete(&mut self, id: EntryId) -> Result<(), HistoryError> {
        self.db.execute("DELETE FROM entries WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Deletes every entry; samples are kept.
    pub fn clear(&mut self) -> Result<(), HistoryError> {
        self.db.execute("DELETE FROM entries", [])?;
        Ok(())
    }
}
