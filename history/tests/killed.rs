//! A writer killed with SIGKILL at many points loses nothing it had reported as saved: a child process (this
//! test binary again, in writer mode) adds readings and corrections and prints each id once its commit returned;
//! the test kills it at varying moments, then checks the database is intact and holds every reported row.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use history::{History, NewEntry, Source};
use protocol::{DigitReading, NumberReading, Prediction};

const WRITER_DB: &str = "HISTORY_KILL_TEST_DB";

fn reading(n: u64) -> NumberReading {
    let digit = (n % 10) as u8;
    let mut probabilities = [0.01; 10];
    probabilities[digit as usize] = 0.91;
    let prediction = Prediction {
        digit,
        confidence: 0.91,
        probabilities,
        unsure: false,
        doubt: None,
        runner_up: None,
        model_input: vec![digit; 784],
    };
    NumberReading {
        number: digit.to_string(),
        lines: vec![digit.to_string()],
        unsure: false,
        digits: vec![DigitReading { prediction, bbox: [0, 0, 28, 28] }],
        message: None,
        width: 28,
        height: 28,
    }
}

/// Writer mode: adds entries (correcting every third) until killed, printing `saved ID` after each commit.
#[test]
fn writer() {
    let Some(path) = std::env::var_os(WRITER_DB) else { return };
    let mut history = History::open(&PathBuf::from(path)).unwrap();
    for n in 0.. {
        let entry = NewEntry { time_ms: n as i64, source: Source::Canvas, thumbnail_png: vec![0; 2048], reading: reading(n) };
        let id = history.add(&entry).unwrap().unwrap();
        if n % 3 == 0 {
            history.correct_digit(id, 0, ((n + 1) % 10) as u8, n as i64).unwrap();
            println!("corrected {id}");
        }
        println!("saved {id}");
    }
}

#[test]
fn a_killed_writer_loses_nothing_it_reported_saved() {
    let dir = std::env::temp_dir().join(format!("history-killed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("history.sqlite3");
    let (mut saved, mut corrected) = (Vec::new(), Vec::new());
    for round in 0..25u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "writer", "--nocapture", "--test-threads", "1"])
            .env(WRITER_DB, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap());
        // Kill after a varying number of reported saves (0 to ~60), at a varying point of the next write.
        let wanted = (round * 7) % 61;
        let started = Instant::now();
        let mut seen = 0;
        for line in lines.lines() {
            let line = line.unwrap();
            if let Some(id) = line.strip_prefix("saved ") {
                saved.push(id.parse::<i64>().unwrap());
                seen += 1;
            } else if let Some(id) = line.strip_prefix("corrected ") {
                corrected.push(id.parse::<i64>().unwrap());
            }
            if seen >= wanted || started.elapsed() > Duration::from_secs(20) {
                std::thread::sleep(Duration::from_micros(round * 137 % 2000));
                child.kill().unwrap(); // SIGKILL
                break;
            }
        }
        child.wait().unwrap();
        let history = History::open(&path).unwrap();
        for &id in &saved {
            let entry = history.get(id).unwrap_or_else(|e| panic!("round {round}: entry {id} reported saved is gone: {e}"));
            assert_eq!(entry.reading.digits[0].prediction.model_input.len(), 784);
        }
        let samples = history.sample_count().unwrap();
        assert!(samples >= corrected.len(), "round {round}: {samples} samples, {} reported", corrected.len());
    }
    let db = rusqlite::Connection::open(&path).unwrap();
    let check: String = db.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert!(saved.len() > 300, "the writer saved only {} entries in all", saved.len());
    let _ = std::fs::remove_dir_all(&dir);
}
