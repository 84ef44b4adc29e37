//! The committed model: ONNX Runtime's logits equal candle's (weights read back from the same file).

use std::path::Path;

use handwriting::mnist::{self, Part};

#[test]
fn ort_matches_candle_on_the_committed_model() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx");
    let test = mnist::load_split(&mnist::default_dir(), Part::Test)
        .expect("MNIST (set MNIST_DIR or run scripts/fetch-datasets.sh)");
    let result = trainer::parity::compare(&model, &test, 48).unwrap();
    assert_eq!(result.images, 48);
    assert!(result.max_abs_difference < 1e-4, "{result:?}");
    assert_eq!(result.argmax_disagreements, 0, "{result:?}");
}
