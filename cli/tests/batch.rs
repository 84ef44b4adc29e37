//! `digits predict` on a folder with `--jobs 2 --output`: killed with SIGKILL part-way and resumed, and resumed
//! after an output cut off in the middle of a line; every file must come out exactly once, on a whole line. And
//! printing to a reader that stops reading part-way.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use handwriting::sketch::{draw_strokes, seven, EuropeanDigit};

const PICTURES: usize = 60;

/// `PICTURES` drawings of 1s and 7s in nested folders (plus a text file the walk must skip); returns the folder
/// and the paths of the pictures as `digits` will name them.
fn draw_pictures(root: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for i in 0..PICTURES {
        let folder = root.join(format!("batch-{}", i % 3)).join(if i % 2 == 0 { "even" } else { "odd" });
        fs::create_dir_all(&folder).unwrap();
        let side = 140 + 20 * (i % 4) as u32;
        let s = side as f32;
        // One to three digits side by side on a wide canvas, so that each picture takes a little reading.
        let count = 1 + i % 3;
        let width = side * count as u32;
        let mut strokes = Vec::new();
        for d in 0..count {
            let left = d as f32 * s;
            match (i + d) % 5 {
                4 => strokes.push(seven(0.6 * s, left + 0.2 * s, 0.2 * s)),
                k => {
                    let corners = EuropeanDigit::ALL[k].corners();
                    strokes.extend(corners.iter().map(|c| c.iter().map(|(x, y)| (left + x * s, y * s)).collect()));
                }
            }
        }
        let rgba = draw_strokes(width, side, &strokes, 0.08 * s);
        let extension = if i % 7 == 0 { "PNG" } else { "png" };
        let path = folder.join(format!("digit-{i:03}.{extension}"));
        let picture = image::RgbaImage::from_raw(width, side, rgba).unwrap();
        picture.save_with_format(&path, image::ImageFormat::Png).unwrap();
        names.push(path.display().to_string());
    }
    fs::write(root.join("batch-0/notes.txt"), "not a picture").unwrap();
    names
}

fn digits(args: &[&Path]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_digits"));
    command.arg("predict").args(args).stdout(Stdio::null()).stderr(Stdio::piped());
    command
}

/// The output's lines by file; every line must be whole JSON with a `file`, and none may repeat.
fn lines_by_file(output: &Path) -> HashMap<String, serde_json::Value> {
    let text = fs::read_to_string(output).unwrap();
    assert!(text.ends_with('\n'), "the output ends in a partial line");
    let mut lines = HashMap::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let file = value["file"].as_str().expect("a \"file\"").to_owned();
        assert!(lines.insert(file.clone(), value).is_none(), "{file} appears twice");
    }
    lines
}

fn check_complete(output: &Path, expected: &BTreeSet<String>, notes: &str) {
    let lines = lines_by_file(output);
    assert_eq!(lines.keys().cloned().collect::<BTreeSet<_>>(), *expected);
    for (file, line) in &lines {
        if file == notes {
            assert_eq!(line["kind"], "not_an_image", "{line}");
            assert!(line["error"].is_string(), "{line}");
        } else {
            assert!(line["number"].is_string() && line["digits"].is_array(), "{file} was not read: {line}");
        }
    }
}

fn resume(root: &Path, output: &Path, notes: &Path) {
    let args = [Path::new("--jobs"), Path::new("2"), Path::new("--resume"), Path::new("-o"), output, root, notes];
    let run = digits(&args).output().unwrap();
    // The text file named explicitly fails (in this run or the earlier one), so the exit code is 1 either way.
    assert_eq!(run.status.code(), Some(1), "{:?}: {}", run.status, String::from_utf8_lossy(&run.stderr));
}

#[test]
fn killed_and_cut_off_runs_resume_with_every_file_exactly_once() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("batch-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    let pictures = draw_pictures(&root);
    let notes = root.join("batch-0/notes.txt");
    let mut expected: BTreeSet<String> = pictures.into_iter().collect();
    expected.insert(notes.display().to_string());
    let output = root.join("out.jsonl");

    // Killed part-way: SIGKILL as soon as the first lines are there (if the run wins the race it just
    // finishes, and the resume has nothing left to do).
    let mut child = digits(&[Path::new("--jobs"), Path::new("2"), Path::new("--output"), &output, &root, &notes])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(120) {
        if fs::read(&output).is_ok_and(|bytes| bytes.iter().filter(|&&b| b == b'\n').count() >= 3) {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap_or_default(); // SIGKILL; an error only means it had already exited
    child.wait().unwrap();
    let written = fs::read_to_string(&output).unwrap_or_default().lines().count();
    eprintln!("killed after {written} of {} lines", expected.len());

    // An existing output is not overwritten without --resume.
    let refused = digits(&[Path::new("-o"), &output, &root]).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--resume"));

    resume(&root, &output, &notes);
    check_complete(&output, &expected, &notes.display().to_string());
    let complete = fs::read(&output).unwrap();
    let complete_lines = lines_by_file(&output);

    // Cut off in the middle of a line, as a kill during a write would leave it.
    let mut cut = complete.len() / 2;
    while complete[cut - 1] == b'\n' {
        cut += 1;
    }
    fs::write(&output, &complete[..cut]).unwrap();
    resume(&root, &output, &notes);
    check_complete(&output, &expected, &notes.display().to_string());
    // The files read again read the same.
    assert_eq!(lines_by_file(&output), complete_lines);

    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_reader_that_stops_reading_ends_the_run_quietly() {
    // `digits predict folder | head -1`: the pipe closes after the first line, and the rest cannot be written.
    let root = std::env::temp_dir().join(format!("digits-closed-pipe-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    draw_pictures(&root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_digits"))
        .args(["predict", "--jobs", "1"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut first).unwrap();
    assert!(first.contains("digit-"), "{first}");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    fs::remove_dir_all(&root).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
}

#[test]
fn a_table_whose_reader_has_gone_ends_quietly() {
    // `digits robustness ... | head -0`: the reader is gone before the table is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_digits"))
        .args(["robustness", "--samples", "3", "--class", "noise-canvas"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("noise-canvas"), "the suite ran: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
}
