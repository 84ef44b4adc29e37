//! `digits predict [--json] FILE...`: one line per file; a file that cannot be read is reported and the
//! others are still read, and the exit code is non-zero at the end.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use recognizer::classifier::default_model_path;
use recognizer::{NumberReading, Recognizer};
use serde_json::json;

pub fn predict(json: bool, model: Option<PathBuf>, files: &[PathBuf]) -> ExitCode {
    let recognizer = match Recognizer::load(&model.unwrap_or_else(default_model_path)) {
        Ok(recognizer) => recognizer,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for file in files {
        match recognizer.read_image_file(file) {
            Ok(reading) if json => println!("{}", reading_json(file, &reading)),
            Ok(reading) => println!("{}", reading_text(file, &reading)),
            Err(err) => {
                failed = true;
                if json {
                    println!("{}", json!({ "file": file.display().to_string(), "error": err.to_string() }));
                } else {
                    eprintln!("{}: error: {err}", file.display());
                }
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn reading_json(file: &Path, reading: &NumberReading) -> serde_json::Value {
    let digits: Vec<_> = reading
        .digits
        .iter()
        .map(|d| {
            let p = &d.prediction;
            json!({
                "digit": p.digit,
                "confidence": p.confidence,
                "probabilities": p.probabilities,
                "bbox": d.bbox,
                "unsure": p.unsure,
                "doubt": p.doubt_message,
            })
        })
        .collect();
    let mut line = json!({
        "file": file.display().to_string(),
        "number": reading.number,
        "lines": reading.lines,
        "unsure": reading.unsure,
        "digits": digits,
    });
    if let Some(message) = &reading.message {
        line["message"] = json!(message);
    }
    line
}

fn reading_text(file: &Path, reading: &NumberReading) -> String {
    if reading.digits.is_empty() {
        return format!("{}: unsure: {}", file.display(), reading.message.as_deref().unwrap_or("nothing to read"));
    }
    let details: Vec<String> = reading
        .digits
        .iter()
        .map(|d| {
            let p = &d.prediction;
            let flag = if p.unsure { " unsure" } else { "" };
            format!("{} {:.0}%{flag}", p.digit, 100.0 * p.confidence)
        })
        .collect();
    let verdict = if reading.unsure { " (unsure)" } else { "" };
    format!("{}: {}{verdict}  [{}]", file.display(), reading.number, details.join(", "))
}
