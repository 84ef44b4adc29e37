//! The committed model, run through ONNX Runtime on the full MNIST test set.

use recognizer::classifier::default_model_path;
use recognizer::evaluation::evaluate;
use recognizer::mnist::{self, Part};
use recognizer::Classifier;

#[test]
fn committed_model_scores_at_least_99_6_percent_on_mnist_test() {
    let test = mnist::load_split(&mnist::default_dir(), Part::Test).expect("MNIST test set (set MNIST_DIR)");
    assert_eq!(test.len(), 10_000);
    let classifier = Classifier::load(&default_model_path()).unwrap();
    let result = evaluate(&classifier, &test, None, 500, |_| {}).unwrap();
    println!("accuracy {:.4}, ECE {:.4}\n{}", result.accuracy(), result.calibration_error, result.confusion_table());
    assert_eq!(result.total(), 10_000);
    assert!(result.accuracy() >= 0.996, "accuracy {:.4} < 0.996", result.accuracy());
    assert!(result.calibration_error < 0.02, "ECE {:.4}", result.calibration_error);
}

#[test]
fn classifier_rejects_a_partial_image() {
    let classifier = Classifier::load(&default_model_path()).unwrap();
    let err = classifier.classify_batch(&[0.0; 100]).unwrap_err();
    assert!(err.to_string().contains("28x28"), "{err}");
}
