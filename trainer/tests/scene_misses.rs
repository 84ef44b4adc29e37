//! `trainer scenes --save-misses`: every scene read wrong is written, named by what it says and what was read.

use std::path::Path;

use handwriting::mnist::{self, Part};
use handwriting::synthetic::scenes::SceneKind;
use trainer::{holdout_scenes, train};

#[test]
fn each_scene_read_wrong_is_saved_with_its_truth_and_reading() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx");
    let split = mnist::load_split(&mnist::default_dir(), Part::Train).expect("MNIST (set MNIST_DIR or run scripts/fetch-datasets.sh)");
    let (_, held_out) = train::hold_out(split.len(), 5000, 42);
    let digits = holdout_scenes::subset(&split, &held_out);
    let folder = std::env::temp_dir().join(format!("scene-misses-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let tally = holdout_scenes::tally(&model, &digits, SceneKind::CanvasTouching, &[201], 40, 1.0, Some(&folder)).unwrap();
    let (right, total) = (tally.right, tally.total);
    let saved: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    std::fs::remove_dir_all(&folder).unwrap();
    assert!(right < total, "seed 201 has touching scenes the model misreads ({right} of {total} right)");
    assert_eq!(saved.len(), total - right, "{saved:?}");
    for name in &saved {
        let (truth, read) = name.strip_prefix("CanvasTouching-201-").unwrap().split_once("-as-").unwrap();
        let truth = truth.split_once('-').unwrap().1;
        assert_ne!(truth, read.trim_end_matches(".png").trim_end_matches('?'), "{name}");
    }
}
