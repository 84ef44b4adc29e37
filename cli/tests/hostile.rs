//! The hostile catalogue (`handwriting::hostile`) through `digits predict --json`: each case alone in a child
//! process, with its exact sentence and its peak memory (from `wait4`) asserted against the 300 MB budget, then
//! all cases on one command line, which must answer every one of them in order without hanging.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use handwriting::hostile::{catalogue, Case, Expect};
use handwriting::temp_dir::TempDir;
use protocol::ErrorKind;

/// Peak resident memory allowed for reading any single input.
const BUDGET_MB: f64 = 300.0;

/// The one sentence of each kind, as a person reads it.
fn sentence(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::EmptyFile => "The file is empty.",
        ErrorKind::FileTooLarge => "The file is larger than 50 MB, the most the app opens.",
        ErrorKind::TooManyPixels => "The picture has too many pixels to open; save a smaller copy and open that.",
        ErrorKind::NotAnImage => {
            "This file is not a picture the app can open (PNG, JPEG, GIF, BMP, WebP, TIFF, ICO or PNM)."
        }
        ErrorKind::Damaged => "The picture is damaged or incomplete.",
        ErrorKind::TookTooLong => "The picture took too long to open.",
        ErrorKind::NotAFile => "That is not a file: folders, pipes and devices cannot be opened.",
        ErrorKind::Missing => "The file does not exist.",
        ErrorKind::NoPermission => "The app is not allowed to read the file.",
        ErrorKind::Unreadable => "The file could not be read.",
        other => panic!("no catalogue case expects {other:?}"),
    }
}

/// Unsupported formats name the format in their sentence.
fn unsupported(name: &str) -> String {
    let format = match name.rsplit('.').next() {
        Some("heic") => "HEIC",
        Some("avif") => "AVIF",
        Some("pdf") => "PDF",
        Some("svg") => "SVG",
        Some("psd") => "Photoshop (PSD)",
        other => panic!("no format for {other:?}"),
    };
    format!("{format} pictures cannot be opened; save the picture as PNG or JPEG and open that.")
}

/// Runs `digits predict --json PATHS` through a small runner process; returns its stdout and peak RSS in MB.
///
/// Linux folds the parent's memory into a child's `ru_maxrss` when it spawns and execs it, so measuring from
/// this test (which holds the catalogue in memory) would report this test's size: a fresh copy of the test
/// binary, still small, does the spawning and measuring instead (see [`runner`]).
fn predict(paths: &[PathBuf], limit: Duration) -> (String, f64) {
    static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let job = std::env::temp_dir().join(format!(
        "digits-hostile-run-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let list: Vec<u8> = paths.iter().flat_map(|p| [p.as_os_str().as_encoded_bytes(), b"\n"].concat()).collect();
    std::fs::write(&job, list).unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "runner", "--nocapture", "--test-threads", "1"])
        .env(RUNNER_JOB, &job)
        .env(RUNNER_LIMIT, limit.as_secs().to_string())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the runner failed for {paths:?}");
    let stdout = std::fs::read_to_string(job.with_extension("out")).unwrap();
    let peak_kb: f64 = std::fs::read_to_string(job.with_extension("rss")).unwrap().trim().parse().unwrap();
    for extension in ["", "out", "rss"] {
        let _ = std::fs::remove_file(if extension.is_empty() { job.clone() } else { job.with_extension(extension) });
    }
    (stdout, peak_kb / 1024.0)
}

const RUNNER_JOB: &str = "DIGITS_HOSTILE_RUNNER_JOB";
const RUNNER_LIMIT: &str = "DIGITS_HOSTILE_RUNNER_LIMIT";

/// The runner: does nothing in a normal test run; started by [`predict`] with a job file, it runs `digits` on
/// the paths listed there, waits for it with `wait4` (killing it after the limit), and writes its stdout to
/// `JOB.out` and its peak RSS in KB to `JOB.rss`.
#[test]
fn runner() {
    let Some(job) = std::env::var_os(RUNNER_JOB).map(PathBuf::from) else { return };
    let limit = Duration::from_secs(std::env::var(RUNNER_LIMIT).unwrap().parse().unwrap());
    let list = std::fs::read(&job).unwrap();
    let paths: Vec<PathBuf> = list
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        // SAFETY: the bytes came from `as_encoded_bytes` of paths in the same program.
        .map(|line| PathBuf::from(unsafe { std::ffi::OsStr::from_encoded_bytes_unchecked(line) }))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_digits"))
        .args(["predict", "--json", "--verbose", "--jobs", "1"])
        .args(&paths)
        .stdout(std::fs::File::create(job.with_extension("out")).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("digits starts");
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    let usage = loop {
        let mut status = 0;
        // SAFETY: a zeroed `rusage` is a valid value of this plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child only.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            assert!(libc::WIFEXITED(status), "digits predict {paths:?} was killed by a signal");
            break usage;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("digits predict {paths:?} hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::mem::forget(child); // already reaped by wait4
    std::fs::write(job.with_extension("rss"), usage.ru_maxrss.to_string()).unwrap();
}

fn check(case: &Case, path: &Path, line: &serde_json::Value) {
    let name = case.name;
    match case.expect {
        Expect::Read => assert!(line.get("error").is_none(), "{name}: {line}"),
        Expect::ReadUnsure => assert_eq!(line["unsure"], true, "{name}: a confident reading of a non-digit: {line}"),
        Expect::Fails(kind) => {
            assert_eq!(line["kind"], serde_json::to_value(kind).unwrap(), "{name}: {line}");
            let expected = if kind == ErrorKind::UnsupportedFormat { unsupported(name) } else { sentence(kind).to_owned() };
            assert_eq!(line["error"], expected.as_str(), "{name}");
        }
    }
    match path.to_str() {
        Some(text) => assert_eq!(line["file"], text, "{name}: \"file\" must echo the argument"),
        None => {
            assert_eq!(line["file_escaped"], true, "{name}: {line}");
            assert!(line["file"].as_str().unwrap().ends_with("caf\\xE9 \\\\ number.png"), "{name}: {line}");
        }
    }
}

#[test]
fn every_hostile_input_gets_its_outcome_in_bounded_memory() {
    let dir = TempDir::new("hostile");
    let cases = catalogue();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let paths: Vec<PathBuf> = cases.iter().map(|case| case.place(&dir.0).unwrap()).collect();
    let mut report = Vec::new();
    for (case, path) in cases.iter().zip(&paths) {
        let started = Instant::now();
        let (stdout, peak_mb) = predict(std::slice::from_ref(path), Duration::from_secs(60));
        let line: serde_json::Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{}: {e}: {stdout:?}", case.name));
        check(case, path, &line);
        report.push(format!("{:32} {:7.1} MB {:6.2} s", case.name, peak_mb, started.elapsed().as_secs_f64()));
        assert!(peak_mb <= BUDGET_MB, "{}: peak RSS {peak_mb:.0} MB is over {BUDGET_MB} MB", case.name);
    }
    eprintln!("{}", report.join("\n"));

    // All at once: a pipe among them must not hold up the files after it.
    let (stdout, _) = predict(&paths, Duration::from_secs(300));
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), cases.len(), "one line per file");
    for ((case, path), line) in cases.iter().zip(&paths).zip(&lines) {
        check(case, path, line);
    }
}
