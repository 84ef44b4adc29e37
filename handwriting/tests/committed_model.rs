//! The committed model, run through ONNX Runtime on the full MNIST test set.

use recognizer::classifier::default_model_path;
use handwriting::evaluation::evaluate;
use handwriting::mnist::{self, Part};
use recognizer::Classifier;

#[test]
fn committed_model_scores_at_least_99_6_percent_on_mnist_test() {
    let test = mnist::load_split(&mnist::default_dir(), Part::Test)
        .expect("MNIST test set (set MNIST_DIR or run scripts/fetch-datasets.sh)");
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
    assert!(matches!(err, recognizer::ModelError::PartialImage { values: 100 }), "{err}");
}

#[test]
fn a_model_loaded_from_memory_reads_like_the_file() {
    let path = default_model_path();
    let test = mnist::load_split(&mnist::default_dir(), Part::Test).unwrap();
    let from_file = Classifier::load(&path).unwrap();
    let from_memory = Classifier::load_from_memory(&std::fs::read(&path).unwrap(), &path, 1).unwrap();
    for i in 0..20 {
        let image = test.image_f32(i);
        assert_eq!(from_file.classify(&image).unwrap().digit(), from_memory.classify(&image).unwrap().digit());
    }
    let err = Classifier::load_from_memory(b"not a model", std::path::Path::new("built-in model"), 1).err().unwrap();
    assert!(err.to_string().contains("built-in model"), "{err}");
}
