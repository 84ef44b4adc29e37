//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the fuzz targets' own entry points on
//! the stable toolchain, so every input the fuzzers kept, crashes found included, is checked by
//! `cargo test` without nightly flags or sanitizers. The entry points are `fuzz/src/lib.rs` itself, included
//! here; live fuzzing is `scripts/fuzz.sh` (README, "Fuzzing").

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use recognizer::classifier::default_model_path;
use recognizer::Recognizer;

#[path = "../../fuzz/src/lib.rs"]
mod entries;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{} holds only {} inputs", dir.display(), files.len());
    files
}

/// Runs every input of `target`'s corpus through `entry`, and names every input that panics.
fn replay(target: &str, entry: impl Fn(&[u8])) {
    let files = corpus(target);
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).expect("a readable corpus file");
            catch_unwind(AssertUnwindSafe(|| entry(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{} of {} {target} inputs failed:\n{}", failed.len(), files.len(), failed.join("\n"));
}

#[test]
fn decode_segment_corpus() {
    replay("decode_segment", entries::decode_segment);
}

#[test]
fn predict_canvas_corpus() {
    replay("predict_canvas", entries::predict_canvas);
}

#[test]
fn onnx_read_corpus() {
    let recognizer = Recognizer::load(&default_model_path()).expect("the model and ONNX Runtime (scripts/setup.sh fetches it)");
    replay("onnx_read", |data| entries::onnx_read(data, &recognizer));
}

#[test]
fn canvas_inputs_split_as_they_were_joined() {
    let input = entries::CanvasInput { width: Some(b"12"), height: None, fit: true, body: &[1, 2, 3] };
    assert_eq!(entries::CanvasInput::split(&input.join()), input);
    assert_eq!(entries::CanvasInput::split(&[]), entries::CanvasInput { width: None, height: None, fit: false, body: &[] });
}
