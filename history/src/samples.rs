//! Labelled samples: a digit the person corrected, or a reading they confirmed, kept as its 28×28 model input
//! with the right label. These are what a personal model learns from, and what is exported and imported.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, Row};

use crate::entries::{Entry, EntryId};
use crate::{History, HistoryError};

/// Bytes of one 28×28 model input.
pub const SAMPLE_PIXELS: usize = 28 * 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The person typed the right digit.
    Corrected,
    /// The person confirmed the digit read was right.
    Confirmed,
    /// From an exported set (this app's, or MNIST-format files).
    Imported,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Corrected => "corrected",
            Origin::Confirmed => "confirmed",
            Origin::Imported => "imported",
        }
    }

    fn parse(text: &str) -> Origin {
        match text {
            "corrected" => Origin::Corrected,
            "confirmed" => Origin::Confirmed,
            _ => Origin::Imported,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// 28×28, ink 255 on 0 (as MNIST).
    pub input: [u8; SAMPLE_PIXELS],
    pub label: u8,
    pub origin: Origin,
}

fn sample(row: &Row<'_>) -> rusqlite::Result<Option<Sample>> {
    let input: Vec<u8> = row.get(0)?;
    let origin: String = row.get(2)?;
    let label: u8 = row.get(1)?;
    Ok(input.try_into().ok().map(|input| Sample { input, label, origin: Origin::parse(&origin) }))
}

/// What the person has said about one entry: the number as they corrected it (`None` when they did not, or
/// confirmed it as read) and how many samples were made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub corrected: Option<String>,
    pub samples: usize,
}

impl History {
    /// The person says digit `position` of entry `id` is `label`: stored as a sample (replacing an earlier
    /// label of the same digit), and the entry shows the corrected number.
    pub fn correct_digit(&mut self, id: EntryId, position: usize, label: u8, now_ms: i64) -> Result<Labels, HistoryError> {
        let entry = self.get(id)?;
        let count = entry.reading.digits.len();
        if label > 9 || position >= count {
            return Err(HistoryError::CorrectionDoesNotFit { given: label.to_string(), count });
        }
        self.label_digits(id, &entry, &[(position, label)], now_ms)
    }

    /// The person typed the whole number: it must have as many digits as were read (spaces between lines and
    /// separators are ignored); each digit becomes a sample, all in one transaction.
    pub fn correct_number(&mut self, id: EntryId, number: &str, now_ms: i64) -> Result<Labels, HistoryError> {
        let entry = self.get(id)?;
        let count = entry.reading.digits.len();
        let typed: Vec<u8> = number.chars().filter_map(|c| c.to_digit(10)).map(|d| d as u8).collect();
        if typed.len() != count || count == 0 || number.chars().any(|c| c.is_alphabetic()) {
            return Err(HistoryError::CorrectionDoesNotFit { given: number.to_owned(), count });
        }
        let labels: Vec<(usize, u8)> = typed.into_iter().enumerate().collect();
        self.label_digits(id, &entry, &labels, now_ms)
    }

    /// The reading was right: every digit becomes a confirmed sample.
    pub fn confirm(&mut self, id: EntryId, now_ms: i64) -> Result<Labels, HistoryError> {
        let entry = self.get(id)?;
        let labels: Vec<(usize, u8)> = entry.reading.digits.iter().map(|d| d.prediction.digit).enumerate().collect();
        self.label_digits(id, &entry, &labels, now_ms)
    }

    /// What the person has said about entry `id`.
    pub fn labels(&self, id: EntryId) -> Result<Labels, HistoryError> {
        let corrected = self
            .db
            .query_row("SELECT corrected FROM entries WHERE id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or(HistoryError::NoSuchEntry(id))?;
        let samples: i64 = self.db.query_row("SELECT COUNT(*) FROM samples WHERE entry_id = ?1", [id], |row| row.get(0))?;
        Ok(Labels { corrected, samples: samples as usize })
    }

    /// Stores each `(position, label)` of entry `id` as a sample and the entry's corrected number, in one
    /// transaction: a killed app keeps all of a correction or none of it.
    /// `entry` is entry `id`, as its caller already read it.
    fn label_digits(&mut self, id: EntryId, entry: &Entry, labels: &[(usize, u8)], now_ms: i64) -> Result<Labels, HistoryError> {
        let mut digits: Vec<u8> = entry.reading.digits.iter().map(|d| d.prediction.digit).collect();
        let tx = self.db.transaction()?;
        for &(position, label) in labels {
            let input = &entry.reading.digits[position].prediction.model_input;
            if input.len() != SAMPLE_PIXELS {
                return Err(HistoryError::CorrectionDoesNotFit { given: label.to_string(), count: digits.len() });
            }
            let read = entry.reading.digits[position].prediction.digit;
            let origin = if read == label { Origin::Confirmed } else { Origin::Corrected };
            tx.execute(
                "INSERT INTO samples (entry_id, position, input, label, origin, time_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (entry_id, position) DO UPDATE SET label = ?4, origin = ?5, time_ms = ?6",
                params![id, position, input, label, origin.as_str(), now_ms],
            )?;
        }
        // The number as now labelled: earlier labels of other digits count too.
        let mut statement = tx.prepare("SELECT position, label FROM samples WHERE entry_id = ?1")?;
        let stored = statement.query_map([id], |row| Ok((row.get::<_, usize>(0)?, row.get::<_, u8>(1)?)))?;
        for row in stored {
            let (position, label) = row?;
            if let Some(digit) = digits.get_mut(position) {
                *digit = label;
            }
        }
        drop(statement);
        let corrected = corrected_number(&entry.reading.number, &digits);
        let changed = corrected != entry.reading.number;
        tx.execute("UPDATE entries SET corrected = ?2 WHERE id = ?1", params![id, changed.then_some(corrected)])?;
        tx.commit()?;
        self.labels(id)
    }

    pub fn sample_count(&self) -> Result<usize, HistoryError> {
        Ok(self.db.query_row("SELECT COUNT(*) FROM samples", [], |row| row.get::<_, i64>(0))? as usize)
    }

    /// Every sample, oldest first.
    pub fn samples(&self) -> Result<Vec<Sample>, HistoryError> {
        let mut statement = self.db.prepare("SELECT input, label, origin FROM samples ORDER BY id")?;
        let rows = statement.query_map([], sample)?;
        Ok(rows.filter_map(|row| row.transpose()).collect::<Result<_, _>>()?)
    }

    /// Adds imported samples in one transaction, skipping any already stored with the same picture and label
    /// (importing the same export twice adds nothing); returns how many were added.
    pub fn add_samples(&mut self, samples: &[([u8; SAMPLE_PIXELS], u8)], now_ms: i64) -> Result<usize, HistoryError> {
        let key = |input: &[u8], label: u8| [input, &[label]].concat();
        let mut known: HashSet<Vec<u8>> = self.samples()?.iter().map(|s| key(&s.input, s.label)).collect();
        let tx = self.db.transaction()?;
        let mut added = 0;
        for (input, label) in samples {
            if known.insert(key(input, *label)) {
                tx.execute(
                    "INSERT INTO samples (input, label, origin, time_ms) VALUES (?1, ?2, 'imported', ?3)",
                    params![&input[..], label, now_ms],
                )?;
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}

/// `number` with its digits replaced, in order, by `digits` (spaces between lines kept).
fn corrected_number(number: &str, digits: &[u8]) -> String {
    let mut next = digits.iter();
    number.chars().map(|c| if c.is_ascii_digit() { next.next().map_or(c, |d| (b'0' + d) as char) } else { c }).collect()
}
