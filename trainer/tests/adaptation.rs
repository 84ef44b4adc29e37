//! Learning one writer's habit: the committed model reads a 4 written like a 9 as 9; after learning 20 of
//! them (with general digits and non-digits replayed) it reads fresh ones as 4, and still reads MNIST.

use std::path::Path;
use std::time::Instant;

use handwriting::robustness::trajectories::Style;
use rand::rngs::StdRng;
use rand::SeedableRng;
use trainer::adapt::{self, Checks};
use trainer::adapt_bench::styled;
use trainer::general_digits::{self, GeneralDigits};
use trainer::validation::ValidationSets;

use handwriting::mnist::{self, Part};
use handwriting::synthetic::unipen::{self, PenDigit};
use trainer::adapt::{AdaptConfig, Adapter};
use trainer::adapt::rate;
use trainer::adapt_bench::{habit, replay_set};

#[test]
fn twenty_samples_teach_a_writers_habit_without_forgetting_mnist() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx");
    let split = mnist::load_split(&mnist::default_dir(), Part::Train).expect("MNIST (run scripts/fetch-datasets.sh)");
    let pen: Vec<PenDigit> = unipen::load(&unipen::default_dir()).expect("UNIPEN (run scripts/fetch-datasets.sh)");
    let adapter = Adapter::new(&model, &replay_set(&split, &pen, 11)).unwrap();
    let (taught, fresh) = habit(20, 100, 13);
    let (built_in, _) = adapter.built_in().unwrap();
    let (learnt, _) = adapter.learn(&taught, &AdaptConfig::default(), &mut |_| true).unwrap();
    let (before, after) = (rate(&built_in, &fresh).unwrap(), rate(&learnt, &fresh).unwrap());
    assert!(before < 0.3, "the built-in model already reads the habit: {before}");
    assert!(after >= 0.95, "after learning: {after}");
    // General digits: MNIST's first 2 000 test images, within a point of the built-in model.
    let test = mnist::load_split(&mnist::default_dir(), Part::Test).unwrap();
    let general: Vec<_> = (0..2000)
        .map(|i| trainer::adapt::Sample { input: test.image_f32(i), target: trainer::examples::Target::Digit(test.labels[i]) })
        .collect();
    let (general_before, general_after) = (rate(&built_in, &general).unwrap(), rate(&learnt, &general).unwrap());
    let nines: Vec<_> = general.iter().filter(|s| s.target == trainer::examples::Target::Digit(9)).cloned().collect();
    let others: Vec<_> = general.iter().filter(|s| s.target != trainer::examples::Target::Digit(9)).cloned().collect();
    println!(
        "habit {before} → {after}; MNIST {general_before} → {general_after}: 9s {} → {}, the rest {} → {}",
        rate(&built_in, &nines).unwrap(), rate(&learnt, &nines).unwrap(), rate(&built_in, &others).unwrap(), rate(&learnt, &others).unwrap()
    );
    assert!(general_after >= general_before - 0.01, "MNIST {general_before} → {general_after}");
}

/// `trainer adapt` on a folder the app exported: twenty 4s written like 9s are learnt, checked against the
/// rule, and the personal model is written (or refused with the reason).
#[test]
fn trainer_adapt_reads_an_exported_sample_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let temp = std::env::temp_dir().join(format!("trainer-adapt-{}", std::process::id()));
    std::fs::create_dir_all(&temp).unwrap();
    let (taught, _) = habit(20, 0, 21);
    let samples: Vec<history::Sample> = taught
        .iter()
        .map(|s| history::Sample {
            input: std::array::from_fn(|i| (s.input[i] * 255.0).round() as u8),
            label: 4,
            origin: history::Origin::Corrected,
        })
        .collect();
    let folder = history::export_samples(&samples, &temp).unwrap();
    let out = temp.join("personal.onnx");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_trainer"))
        .current_dir(&root)
        .args(["adapt", "--samples"])
        .arg(&folder)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    println!("{text}");
    assert!(text.contains("your 20 samples, each read by a model learnt without it"), "{text}");
    // Either outcome is the rule's to choose; what it says must match what it did.
    if run.status.success() {
        assert!(out.is_file() && text.contains("wrote"), "{text}");
    } else {
        assert!(!out.exists() && text.contains("is not adopted: "), "{text}");
    }
    std::fs::remove_dir_all(&temp).ok();
}

/// The general digits the app packages, drawn from the datasets as `trainer general-digits` draws them (and
/// with the non-digits `general_digits::load` adds).
fn general_digits() -> GeneralDigits {
    let split = mnist::load_split(&mnist::default_dir(), Part::Train).expect("MNIST (run scripts/fetch-datasets.sh)");
    let pen: Vec<PenDigit> = unipen::load(&unipen::default_dir()).expect("UNIPEN (run scripts/fetch-datasets.sh)");
    let mut digits = general_digits::choose(&split, &pen, general_digits::SEED);
    digits.replay.extend(general_digits::non_digits(general_digits::SEED));
    digits
}

fn model() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/digits-cnn.onnx")
}

/// The app's end-to-end habit ([`Style::CrossedZedTwo`], a 2 written like "Ƶ"): the built-in model misreads
/// most; twelve samples teach it, the adoption rule (with the app's packaged general digits as the check)
/// adopts the result, and it reads fresh ones right.
#[test]
fn twelve_crossed_zed_twos_are_learnt_and_adopted() {
    let general = general_digits();
    let adapter = Adapter::new(&model(), &general.replay).unwrap();
    let non_digits = ValidationSets::new(&[], 5);
    let checks = Checks { general: &general.check, non_digits: &non_digits };
    let (built_in, _) = adapter.built_in().unwrap();
    let mut rng = StdRng::seed_from_u64(19);
    let taught = styled(Style::CrossedZedTwo, 12, &mut rng);
    let fresh = styled(Style::CrossedZedTwo, 200, &mut rng);
    let started = Instant::now();
    let (learnt, _, verdict) = adapter
        .learn_and_check(&taught, &AdaptConfig::default(), adapt::folds_for(taught.len()), &checks, &mut |_| true)
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let (before, after) = (rate(&built_in, &fresh).unwrap(), rate(&learnt, &fresh).unwrap());
    println!("crossed-Z 2s, 200 fresh: {:.1} % → {:.1} % right; {verdict:?}; {seconds:.1} s", 100.0 * before, 100.0 * after);
    assert!(before <= 0.4, "the built-in model already reads the habit: {before}");
    assert_eq!(verdict.refusal(), None, "{verdict:?}");
    assert!(after >= 0.9, "after learning: {after}");
}

/// What learning 12 habit samples costs on the general check (of 1 000) and how it reads 200 fresh ones,
/// replaying general digits with their labels or distilled from the built-in model.
#[test]
#[ignore]
fn general_loss() {
    let general = general_digits();
    let adapter = Adapter::new(&model(), &general.replay).unwrap();
    let (built_in, _) = adapter.built_in().unwrap();
    let right = |net: &trainer::model::DigitNet| trainer::adapt::reads_right(net, general.check.iter()).unwrap().iter().filter(|&&r| r).count();
    let before = right(&built_in);
    for seed in 17..23 {
        let taught = styled(Style::CrossedZedTwo, 12, &mut StdRng::seed_from_u64(seed));
        let mut after = Vec::new();
        for distil in [false, true] {
            let (learnt, _) = adapter.learn(&taught, &AdaptConfig { distil, ..AdaptConfig::default() }, &mut |_| true).unwrap();
            after.push((right(&learnt), rate(&learnt, &styled(Style::CrossedZedTwo, 200, &mut StdRng::seed_from_u64(seed + 100))).unwrap()));
        }
        println!("seed {seed}: general check {before} → {after:?} (labels, distilled)");
    }
}

/// How long the app's learning takes: `learn_and_check` on 12 and on 40 samples, 5 folds and `folds_for`'s.
#[test]
#[ignore]
fn learning_time() {
    // GENERAL_DIGITS: a folder `trainer general-digits` wrote, read as the app reads it.
    let general = std::env::var("GENERAL_DIGITS").map(|dir| general_digits::load(Path::new(&dir)).unwrap()).unwrap_or_else(|_| general_digits());
    let adapter = Adapter::new(&model(), &general.replay).unwrap();
    let non_digits = ValidationSets::new(&[], 5);
    let checks = Checks { general: &general.check, non_digits: &non_digits };
    let (built_in, _) = adapter.built_in().unwrap();
    let started = Instant::now();
    rate(&built_in, &general.check).unwrap();
    let general_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    non_digits.non_digit_unsure(&built_in, &candle_core::Device::Cpu).unwrap();
    println!("reading the general check {general_seconds:.1} s, the non-digits {:.1} s", started.elapsed().as_secs_f64());
    for count in [12, 40] {
        let taught = styled(Style::CrossedZedTwo, count, &mut StdRng::seed_from_u64(5));
        let started = Instant::now();
        adapter.learn(&taught, &AdaptConfig::default(), &mut |_| true).unwrap();
        let learn = started.elapsed().as_secs_f64();
        for folds in [5, adapt::folds_for(count)] {
            let started = Instant::now();
            adapter.learn_and_check(&taught, &AdaptConfig::default(), folds, &checks, &mut |_| true).unwrap();
            println!("{count} samples, {folds} folds: {:.1} s (one learn {learn:.1} s)", started.elapsed().as_secs_f64());
        }
    }
}
