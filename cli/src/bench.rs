//! `digits bench`: inference on one CPU thread, one 28×28 image per call, and the full canvas path (140×140
//! grey bytes → segmentation → preprocessing → model, as the app reads its canvas).

use std::io::Write;
use std::path::{Path, PathBuf};

use handwriting::mnist::{self, Part};
use recognizer::benchmark::{time_calls, Timing};
use recognizer::classifier::default_model_path;
use recognizer::{Classifier, Recognizer};

pub fn run(mnist_dir: &Path, model: Option<PathBuf>, calls: usize) -> anyhow::Result<()> {
    let test = mnist::load_split(mnist_dir, Part::Test)?;
    let model = model.unwrap_or_else(default_model_path);
    let classifier = Classifier::load_with_threads(&model, 1)?;
    let images: Vec<Vec<f32>> = (0..test.len().min(500)).map(|i| test.image_f32(i)).collect();
    let single = time_calls(50, calls, |i| classifier.classify(&images[i % images.len()]).map(drop))?;

    let recognizer = Recognizer::load(&model)?;
    let canvases: Vec<Vec<u8>> = images.iter().take(50).map(|image| canvas_render(image)).collect();
    let canvas =
        time_calls(20, calls / 4, |i| recognizer.read_canvas_grey(&canvases[i % canvases.len()], CANVAS, CANVAS).map(drop))?;

    let mut out = std::io::stdout().lock();
    writeln!(out, "model: {} (1 inference thread)", model.display())?;
    print_timing(&mut out, "one 28x28 image, model only", &single)?;
    print_timing(&mut out, "140x140 canvas as the app reads it (segmentation, preprocessing, model)", &canvas)?;
    Ok(())
}

const CANVAS: u32 = 140;

/// An MNIST digit as the app's canvas would send it: 140×140 grey bytes, dark ink on white.
fn canvas_render(image: &[f32]) -> Vec<u8> {
    let scale = CANVAS as usize / 28;
    (0..(CANVAS * CANVAS) as usize)
        .map(|i| {
            let (x, y) = (i % CANVAS as usize, i / CANVAS as usize);
            255 - (image[(y / scale) * 28 + x / scale] * 255.0) as u8
        })
        .collect()
}

fn print_timing(out: &mut impl Write, what: &str, timing: &Timing) -> std::io::Result<()> {
    writeln!(
        out,
        "{what}: median {:.3} ms, p95 {:.3} ms, mean {:.3} ms over {} calls",
        timing.median.as_secs_f64() * 1e3,
        timing.p95.as_secs_f64() * 1e3,
        timing.mean.as_secs_f64() * 1e3,
        timing.calls
    )
}
