//! `digits predict [--json] [--jobs N] [--output FILE [--resume]] PATH...`: reads the number in each image
//! file, walking folders for images. A file that cannot be read is reported and the others are still read; the
//! exit code is non-zero at the end if any failed.
//!
//! The results come out in the order of the list (`walk`), whatever the number of worker threads (`jobs`).
//! With `--output` they go to a JSON-lines file with a progress bar, and `--resume` skips the files an
//! interrupted run already wrote (`output`).

mod jobs;
mod names;
mod output;
mod walk;

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use recognizer::classifier::default_model_path;
use recognizer::NumberReading;
use serde_json::json;

use jobs::Failure;
use output::Output;

pub struct Options {
    pub json: bool,
    /// Adds each failure's technical detail (`"detail"` in JSON).
    pub verbose: bool,
    pub model: Option<PathBuf>,
    /// Worker threads; 0 = the number of cores.
    pub jobs: usize,
    pub output: Option<PathBuf>,
    pub resume: bool,
    pub paths: Vec<PathBuf>,
}

pub fn predict(options: Options) -> anyhow::Result<ExitCode> {
    let files = walk::expand(&options.paths)?;
    let model = options.model.unwrap_or_else(default_model_path);
    let jobs = match options.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let failed = match &options.output {
        Some(path) => to_file(path, options.resume, options.verbose, &model, jobs, &files)?,
        None => to_stdout(options.json, options.verbose, &model, jobs, &files)?,
    };
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Prints a line per file; returns how many failed.
fn to_stdout(json: bool, verbose: bool, model: &Path, jobs: usize, files: &[PathBuf]) -> anyhow::Result<usize> {
    let recognizers = jobs::load(model, jobs.clamp(1, files.len().max(1)))?;
    let mut failed = 0;
    let mut out = std::io::stdout().lock();
    let written = jobs::read_all(&recognizers, files, |file, outcome| {
        failed += usize::from(outcome.is_err());
        match outcome {
            Ok(reading) if json => writeln!(out, "{}", reading_json(file, &reading)),
            Ok(reading) => writeln!(out, "{}", reading_text(file, &reading)),
            Err(failure) if json => writeln!(out, "{}", failure_json(file, &failure, verbose)),
            Err(failure) => {
                eprintln!("{}", failure_text(file, &failure, verbose));
                Ok(())
            }
        }
    });
    match written {
        // Whatever read the lines stopped reading (`digits predict photos | head`): the rest is not wanted.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(failed),
        written => written.map(|()| failed).context("cannot write to standard output"),
    }
}

/// Appends a JSON line per file to `path` (after the files already there with `resume`), with a progress bar;
/// returns how many files in the whole output failed, earlier runs included.
fn to_file(path: &Path, resume: bool, verbose: bool, model: &Path, jobs: usize, files: &[PathBuf]) -> anyhow::Result<usize> {
    let (mut output, done) = Output::open(path, resume)?;
    let is_done = |file: &&PathBuf| done.files.contains(&names::written(file).0);
    let todo: Vec<PathBuf> = files.iter().filter(|f| !is_done(f)).cloned().collect();
    let skipped = files.len() - todo.len();
    if resume && !done.files.is_empty() {
        eprintln!("{}: {skipped} of {} files already done, {} to read", path.display(), files.len(), todo.len());
    }
    let mut failed = done.failed;
    if todo.is_empty() {
        return Ok(failed);
    }
    let recognizers = jobs::load(model, jobs.clamp(1, todo.len()))?;
    let bar = progress_bar(files.len(), skipped);
    jobs::read_all(&recognizers, &todo, |file, outcome| {
        let line = match &outcome {
            Ok(reading) => reading_json(file, reading),
            Err(failure) => {
                failed += 1;
                bar.suspend(|| eprintln!("{}", failure_text(file, failure, verbose)));
                failure_json(file, failure, verbose)
            }
        };
        output.write_line(&line).with_context(|| format!("cannot write to {}", path.display()))?;
        bar.inc(1);
        anyhow::Ok(())
    })?;
    bar.finish();
    eprintln!("{}: {} files read, {failed} of {} failed", path.display(), todo.len(), files.len());
    Ok(failed)
}

/// Files done / total, rate and time left on stderr; hidden when stderr is not a terminal.
fn progress_bar(total: usize, done: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template("{spinner} reading [{bar:40}] {pos}/{len} files, {rate} files/s, {eta} left")
            .expect("valid template")
            .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", state.per_sec());
            })
            .progress_chars("=> "),
    );
    bar.set_position(done as u64);
    bar.reset_eta();
    bar
}

/// `"file"` as [`names::written`] writes it, with `"file_escaped": true` when it had to be escaped.
fn with_file(file: &Path, mut line: serde_json::Value) -> serde_json::Value {
    let (name, escaped) = names::written(file);
    line["file"] = json!(name);
    if escaped {
        line["file_escaped"] = json!(true);
    }
    line
}

fn failure_json(file: &Path, failure: &Failure, verbose: bool) -> serde_json::Value {
    let mut line = with_file(file, json!({ "error": failure.message, "kind": failure.kind }));
    if verbose && !failure.detail.is_empty() {
        line["detail"] = json!(failure.detail);
    }
    line
}

fn failure_text(file: &Path, failure: &Failure, verbose: bool) -> String {
    let name = names::written(file).0;
    match verbose && !failure.detail.is_empty() {
        true => format!("{name}: error: {} ({})", failure.message, failure.detail),
        false => format!("{name}: error: {}", failure.message),
    }
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
                "doubt": p.doubt,
                "reason": p.doubt.map(|d| d.message()),
            })
        })
        .collect();
    let mut line = with_file(file, json!({
        "number": reading.number,
        "lines": reading.lines,
        "unsure": reading.unsure,
        "digits": digits,
    }));
    if let Some(message) = &reading.message {
        line["message"] = json!(message);
    }
    line
}

fn reading_text(file: &Path, reading: &NumberReading) -> String {
    if reading.digits.is_empty() {
        return format!("{}: unsure: {}", names::written(file).0, reading.message.as_deref().unwrap_or("nothing to read"));
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
    format!("{}: {}{verdict}  [{}]", names::written(file).0, reading.number, details.join(", "))
}
