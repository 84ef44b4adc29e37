//! The `--quick` smoke run: loss falls, and the exported graph loads in ONNX Runtime with finite outputs.

use handwriting::mnist::{self, Part};
use recognizer::Classifier;
use handwriting::synthetic::unipen;
use trainer::examples::Mixture;
use trainer::train::{gather, train, TrainConfig, TrainingData};
use trainer::{onnx_export, parity};

#[test]
fn quick_run_learns_and_exports_a_loadable_model() {
    let split = mnist::load_split(&mnist::default_dir(), Part::Train)
        .expect("MNIST (set MNIST_DIR or run scripts/fetch-datasets.sh)");
    let config = TrainConfig {
        epochs: 1,
        batch_size: 128,
        learning_rate: 3e-3,
        weight_decay: 1e-2,
        seed: 7,
        validation: 1000,
        limit: Some(3000),
        augment: true,
        weight_average_decay: 0.999,
        mixture: Mixture::default(),
        non_digit_weight: 1.0,
        init: None,
        distil: 0.0,
    };
    let pen = unipen::load(&unipen::default_dir()).expect("UNIPEN (set UNIPEN_DIR or run scripts/fetch-datasets.sh)");
    let (pen_train, pen_validation): (Vec<_>, Vec<_>) =
        pen.into_iter().filter(|d| d.site == "uqb" || d.site == "art").partition(|d| d.site == "uqb");
    let data = TrainingData { mnist: &split, pen: &pen_train[..300], pen_validation: &pen_validation };
    let trained = train(&config, &data, None, &mut |_| {}).unwrap();
    let losses = &trained.step_losses;
    let mean = |s: &[f32]| s.iter().sum::<f32>() / s.len() as f32;
    let (first, last) = (mean(&losses[..5]), mean(&losses[losses.len() - 5..]));
    assert!(last < first * 0.7, "loss did not fall: first steps {first}, last steps {last}");
    assert!(trained.history[0].validation_accuracy > 0.5, "{:?}", trained.history);

    let dir = std::env::temp_dir().join(format!("quick-model-{}", std::process::id()));
    let path = dir.join("quick.onnx");
    onnx_export::write(&onnx_export::export(&trained.net, "quick").unwrap(), &path).unwrap();

    let classifier = Classifier::load(&path).unwrap();
    let test = mnist::load_split(&mnist::default_dir(), Part::Test).unwrap();
    let scores = classifier.classify_batch(&gather(&test, &(0..32).collect::<Vec<_>>())).unwrap();
    assert_eq!(scores.len(), 32);
    assert!(scores.iter().all(|s| s.logits.iter().all(|l| l.is_finite())));
    let correct = scores.iter().zip(&test.labels).filter(|(s, &l)| s.digit() == l).count();
    assert!(correct > 16, "only {correct}/32 right after the quick run");

    // The exported graph reproduces candle's logits.
    let check = parity::compare(&path, &test, 48).unwrap();
    assert!(check.max_abs_difference < 1e-4, "{check:?}");
    std::fs::remove_dir_all(dir).ok();
}
