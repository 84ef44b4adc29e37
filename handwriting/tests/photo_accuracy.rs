//! Accuracy on seeded synthetic pictures made from MNIST test digits (see `handwriting::synthetic`):
//! phone photos of single digits and of 4-digit numbers, and clean multi-digit canvas drawings.

use recognizer::classifier::default_model_path;
use handwriting::mnist;
use handwriting::synthetic::{Generator, Sample};
use recognizer::Recognizer;

fn exact_rate(recognizer: &Recognizer, samples: impl Iterator<Item = Sample>, canvas: bool, what: &str) -> f64 {
    let (mut right, mut total, mut misses) = (0, 0, Vec::new());
    for sample in samples {
        let reading = if canvas {
            let image = &sample.image;
            recognizer.read_canvas(image.as_raw(), image.width(), image.height()).unwrap()
        } else {
            recognizer.read_image(&sample.image).unwrap()
        };
        total += 1;
        if reading.number == sample.number {
            right += 1;
        } else if misses.len() < 12 {
            misses.push(format!("{} read as {:?}", sample.number, reading.number));
        }
    }
    let rate = right as f64 / total as f64;
    println!("{what}: {right}/{total} = {:.2} % exactly right; misses: {misses:?}", 100.0 * rate);
    rate
}

fn setup(seed: u64) -> (Recognizer, Generator) {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let generator = Generator::from_test_set(&mnist::default_dir(), seed)
        .expect("MNIST test set (set MNIST_DIR or run scripts/fetch-datasets.sh)");
    (recognizer, generator)
}

#[test]
fn single_digit_photos_are_read_at_least_98_percent_of_the_time() {
    let (recognizer, mut generator) = setup(101);
    let rate = exact_rate(&recognizer, (0..500).map(|_| generator.photo(1)), false, "single-digit photos");
    assert!(rate >= 0.98, "{rate}");
}

#[test]
fn four_digit_photos_are_read_exactly_at_least_93_percent_of_the_time() {
    let (recognizer, mut generator) = setup(202);
    let rate = exact_rate(&recognizer, (0..300).map(|_| generator.photo(4)), false, "4-digit photos");
    assert!(rate >= 0.93, "{rate}");
}

#[test]
fn clean_multi_digit_canvas_drawings_are_read_exactly_at_least_97_percent_of_the_time() {
    let (recognizer, mut generator) = setup(303);
    let rate = exact_rate(&recognizer, (0..300).map(|i| generator.canvas(2 + i % 4)), true, "canvas numbers");
    assert!(rate >= 0.97, "{rate}");
}
