//! The schema, as numbered migrations. `PRAGMA user_version` records how many have run; each runs once, in a
//! transaction, so a crash mid-migration leaves the previous version intact.

use rusqlite::Connection;

use crate::HistoryError;

const MIGRATIONS: &[&str] = &[
    // 1: entries, their digits, labelled samples, settings.
    "CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        time_ms INTEGER NOT NULL,
        source_name TEXT,            -- NULL for the canvas, else the file's name
        thumbnail BLOB NOT NULL,     -- PNG
        number TEXT NOT NULL,
        reading TEXT NOT NULL,       -- protocol::NumberReading as JSON
        corrected TEXT               -- the number as the person corrected it
    );
    CREATE INDEX entries_by_time ON entries (time_ms);
    CREATE TABLE digits (
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        input BLOB NOT NULL,         -- 784 bytes, the 28×28 model input
        PRIMARY KEY (entry_id, position)
    );
    CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
        position INTEGER,
        input BLOB NOT NULL,
        label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
        origin TEXT NOT NULL,        -- corrected, confirmed or imported
        time_ms INTEGER NOT NULL,
        UNIQUE (entry_id, position)
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
];

pub fn migrate(db: &mut Connection) -> Result<(), HistoryError> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = db.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > known {
        return Err(HistoryError::NewerSchema { found, known });
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = db.transaction()?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
