//! Whole-number accuracy on seeded scenes harder than a lone number on plain paper (see
//! `handwriting::synthetic::scenes`): touching digits on the canvas and in photos, pages of several lines,
//! notebook paper, table cells, amounts and dates with separators on cheque backgrounds, and tight crops.
//! A scene is right when every line's digits are read exactly, top to bottom.
//!
//! `SCENES_OUT=/tmp/scenes cargo test --release -p recognizer --test scene_accuracy -- --ignored` writes
//! a few of each kind as PNGs to look at; `MISSES_OUT=/tmp/misses` with the measuring tests writes every scene
//! read wrong, named with its lines and what they were read as.

use recognizer::classifier::default_model_path;
use handwriting::mnist;
use handwriting::synthetic::scenes::{SceneKind, Scenes};
use recognizer::Recognizer;

const SAMPLES: usize = 200;

fn exact_rate(kind: SceneKind, seed: u64) -> f64 {
    exact_rate_at(kind, seed, 1.0)
}

/// Like [`exact_rate`], each picture scaled by `scale` (`Scene::scaled`): photographed from farther away.
fn exact_rate_at(kind: SceneKind, seed: u64, scale: f32) -> f64 {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let mut scenes = Scenes::from_test_set(&mnist::default_dir(), seed)
        .expect("MNIST test set (set MNIST_DIR or run scripts/fetch-datasets.sh)");
    let (mut right, mut misses, mut wrong_unsure) = (0, Vec::new(), 0);
    let misses_out = std::env::var_os("MISSES_OUT").map(std::path::PathBuf::from);
    if let Some(dir) = &misses_out {
        std::fs::create_dir_all(dir).unwrap();
    }
    for i in 0..SAMPLES {
        let scene = scenes.scene(kind).scaled(kind, scale);
        let read = scene.read(kind, &recognizer);
        if read.lines == scene.lines {
            right += 1;
            continue;
        }
        wrong_unsure += read.unsure as usize;
        if misses.len() < 10 {
            misses.push(format!("{:?} read as {:?}{}", scene.lines, read.lines, if read.unsure { " (Unsure)" } else { "" }));
        }
        if let Some(dir) = &misses_out {
            // The same kind read at another scale writes beside it, not over it.
            let label = if scale == 1.0 { format!("{kind:?}-{i:03}") } else { format!("{kind:?}-at-{scale}-{i:03}") };
            scene.save_miss(dir, &label, &read).unwrap();
        }
    }
    let rate = right as f64 / SAMPLES as f64;
    println!(
        "{kind:?} at scale {scale}: {right}/{SAMPLES} = {:.1} % exactly right, {wrong_unsure} of the {} wrong marked Unsure; misses: {misses:?}",
        100.0 * rate,
        SAMPLES - right
    );
    rate
}

// Each minimum is about 3 points under the figure measured on 2026-12-03 (docs/robustness-history.md), so a
// regression fails; amounts and dates raised on 2026-12-04, when a date's slashes stopped being read as 1s; touching digits
// and pages raised later that day, for the model whose whole network learnt long flags and slashed zeros;
// touching digits on the canvas raised on 2026-12-06, when cuts began to bend round strokes (91.0 %), and
// amounts later that day, when some began to end in a dash or an equals sign as on cheques (96.0 %); tables raised
// in the eleventh session, when a table's paper inside a dark desk stopped being taken for one light digit (98.5 %).
macro_rules! scene_test {
    ($name:ident, $kind:expr, $seed:expr, $least:expr) => {
        #[test]
        fn $name() {
            let rate = exact_rate($kind, $seed);
            assert!(rate >= $least, "{:?}: {rate}", $kind);
        }
    };
}

scene_test!(touching_digits_on_the_canvas, SceneKind::CanvasTouching, 11, 0.88);
scene_test!(touching_digits_in_photos, SceneKind::PhotoTouching, 12, 0.91);
scene_test!(pages_of_several_lines, SceneKind::Page, 13, 0.86);
scene_test!(numbers_on_notebook_paper, SceneKind::Notebook, 14, 0.91);
scene_test!(numbers_in_table_cells, SceneKind::Table, 15, 0.955);
scene_test!(amounts_and_dates_with_separators, SceneKind::Amount, 16, 0.93);
scene_test!(tight_crops_of_one_digit, SceneKind::TightCrop, 17, 0.945);

// The same kinds photographed from about twice as far, or scanned at half the resolution: digits 11–45 pixels
// tall. Each minimum is about 3 points under the figure measured on 2026-12-06 (tenth session; notebook and
// tables raised in the eleventh, when rules' hairline remains stopped passing for 1s: 93.0 and 94.5 %).
macro_rules! farther_scene_test {
    ($name:ident, $kind:expr, $seed:expr, $least:expr) => {
        #[test]
        fn $name() {
            let rate = exact_rate_at($kind, $seed, FARTHER);
            assert!(rate >= $least, "{:?} at scale {FARTHER}: {rate}", $kind);
        }
    };
}

/// How much smaller the pictures of the `farther_scene_test`s are.
const FARTHER: f32 = 0.45;

farther_scene_test!(touching_digits_in_photos_from_farther_away, SceneKind::PhotoTouching, 22, 0.87);
farther_scene_test!(pages_of_several_lines_from_farther_away, SceneKind::Page, 23, 0.82);
farther_scene_test!(numbers_on_notebook_paper_from_farther_away, SceneKind::Notebook, 24, 0.90);
farther_scene_test!(numbers_in_table_cells_from_farther_away, SceneKind::Table, 25, 0.915);
farther_scene_test!(amounts_and_dates_from_farther_away, SceneKind::Amount, 26, 0.91);

#[test]
#[ignore = "writes pictures to look at"]
fn write_samples() {
    let out = std::path::PathBuf::from(std::env::var("SCENES_OUT").unwrap_or_else(|_| "/tmp/scenes".into()));
    std::fs::create_dir_all(&out).unwrap();
    let mut scenes = Scenes::from_test_set(&mnist::default_dir(), 5).unwrap();
    for kind in SceneKind::ALL {
        for i in 0..6 {
            let scene = scenes.scene(kind);
            let name = format!("{kind:?}-{i}-{}.png", scene.lines.join("_"));
            scene.image.save(out.join(name)).unwrap();
        }
    }
}
