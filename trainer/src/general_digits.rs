//! The general digits packaged with the app (issue 15): learning a person's handwriting replays them so
//! that the rest is not forgotten, and checks the learnt model against them, on a machine without MNIST or
//! UNIPEN. `trainer general-digits` writes the folder; [`load`] reads it back, and `adapt_bench::replay_set`
//! draws the same digits straight from the datasets.

use std::path::Path;

use anyhow::{bail, Context, Result};
use handwriting::mnist::{self, Split};
use handwriting::synthetic::unipen::{is_training_site, PenDigit};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use crate::adapt::Sample;
use crate::adapt_bench::{REPLAY_EACH, REPLAY_NON_DIGITS};
use crate::examples::{model_input, pen_digit, Target};
use crate::nondigits;
use crate::train::hold_out;

/// The folder's name beside the app's other resources.
pub const FOLDER: &str = "general-digits";
pub const REPLAY_IMAGES: &str = "replay-images-idx3-ubyte.gz";
pub const REPLAY_LABELS: &str = "replay-labels-idx1-ubyte.gz";
pub const CHECK_IMAGES: &str = "check-images-idx3-ubyte.gz";
pub const CHECK_LABELS: &str = "check-labels-idx1-ubyte.gz";
pub const SOURCE: &str = "SOURCE.md";

/// Digits of each source in the check set: MNIST's hold-out and pen digits the replay set leaves out.
pub const CHECK_EACH: usize = 500;
/// The seed the packaged folder is drawn with (the one `trainer adapt` and the benchmark replay with).
pub const SEED: u64 = 11;

/// General digits, 28×28 model inputs (0..1, ink = 1, quantised to bytes as stored).
#[derive(Debug, Clone)]
pub struct GeneralDigits {
    /// Digits to replay while learning (after [`load`], also generated non-digits).
    pub replay: Vec<Sample>,
    /// Digits a learnt model must keep reading.
    pub check: Vec<Sample>,
}

/// Draws the digits, seeded: [`REPLAY_EACH`] MNIST training digits (outside the 5 000 validation
/// hold-out) and as many pen digits from UNIPEN's training sites, each rendered once on the canvas; the
/// check set [`CHECK_EACH`] of MNIST's hold-out and as many other training-site pen digits. No non-digits.
pub fn choose(mnist: &Split, pen: &[PenDigit], seed: u64) -> GeneralDigits {
    let mut rng = StdRng::seed_from_u64(seed);
    let (training, validation) = hold_out(mnist.len(), 5000, 42);
    let from_mnist = |i: &usize| Sample { input: mnist.image_f32(*i), target: Target::Digit(mnist.labels[*i]) };
    let mut replay: Vec<Sample> = training.choose_multiple(&mut rng, REPLAY_EACH).map(from_mnist).collect();
    let trainable: Vec<&PenDigit> = pen.iter().filter(|d| is_training_site(&d.site)).collect();
    let mut order: Vec<usize> = (0..trainable.len()).collect();
    order.shuffle(&mut rng);
    let mut drawn = order.iter().map(|&i| trainable[i]).map(|d| Sample {
        input: quantised(&pen_digit(&d.strokes, &mut rng)),
        target: Target::Digit(d.label),
    });
    replay.extend(drawn.by_ref().take(REPLAY_EACH));
    let mut check: Vec<Sample> = drawn.take(CHECK_EACH).collect();
    check.splice(0..0, validation.choose_multiple(&mut rng, CHECK_EACH).map(from_mnist));
    GeneralDigits { replay, check }
}

/// [`REPLAY_NON_DIGITS`] generated non-digits, seeded.
pub fn non_digits(seed: u64) -> Vec<Sample> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x6e6f_6e64);
    (0..REPLAY_NON_DIGITS).map(|_| Sample { input: quantised(&model_input(&nondigits::draw(&mut rng))), target: Target::NotADigit }).collect()
}

/// Writes the packaged folder into `dir`: the four IDX files (gzipped, as MNIST) and `SOURCE.md`. The same
/// datasets give the same bytes.
pub fn write(mnist: &Split, pen: &[PenDigit], dir: &Path) -> Result<()> {
    let digits = choose(mnist, pen, SEED);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    write_idx(&digits.replay, dir, REPLAY_IMAGES, REPLAY_LABELS)?;
    write_idx(&digits.check, dir, CHECK_IMAGES, CHECK_LABELS)?;
    let path = dir.join(SOURCE);
    std::fs::write(&path, source_text(&digits)).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Reads the packaged folder, and adds the generated non-digits to the replay set.
pub fn load(dir: &Path) -> Result<GeneralDigits> {
    let mut replay = read_idx(dir, REPLAY_IMAGES, REPLAY_LABELS)?;
    let check = read_idx(dir, CHECK_IMAGES, CHECK_LABELS)?;
    replay.extend(non_digits(SEED));
    Ok(GeneralDigits { replay, check })
}

/// Inputs as stored: a byte per pixel.
fn quantised(input: &[f32]) -> Vec<f32> {
    input.iter().map(|&v| (v.clamp(0.0, 1.0) * 255.0).round() / 255.0).collect()
}

fn to_byte(v: f32) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Writes the samples with `history`'s IDX export (MNIST's format, gzipped), under the given names.
fn write_idx(samples: &[Sample], dir: &Path, images: &str, labels: &str) -> Result<()> {
    let rows = samples
        .iter()
        .map(|s| {
            let Target::Digit(label) = s.target else { bail!("only digits are stored") };
            let input = std::array::from_fn(|i| to_byte(s.input[i]));
            Ok(history::Sample { input, label, origin: history::Origin::Corrected })
        })
        .collect::<Result<Vec<_>>>()?;
    let staging = dir.join(format!(".{images}.partial"));
    let (images_path, labels_path) = history::export_idx(&rows, &staging)?;
    std::fs::rename(&images_path, dir.join(images))?;
    std::fs::rename(&labels_path, dir.join(labels))?;
    std::fs::remove_dir(&staging).with_context(|| format!("removing {}", staging.display()))?;
    Ok(())
}

fn read_idx(dir: &Path, images: &str, labels: &str) -> Result<Vec<Sample>> {
    let (images_path, labels_path) = (dir.join(images), dir.join(labels));
    for path in [&images_path, &labels_path] {
        if !path.is_file() {
            bail!("the general digits are incomplete: {} is missing", path.display());
        }
    }
    let damaged = |e: mnist::IdxError| anyhow::anyhow!("the general digits are damaged: {e}");
    let pixels = mnist::read_images(&images_path).map_err(damaged)?;
    let targets = mnist::read_labels(&labels_path).map_err(damaged)?;
    let count = pixels.len() / mnist::PIXELS;
    if count != targets.len() || count == 0 {
        bail!(
            "the general digits are damaged: {} holds {count} images but {} holds {} labels",
            images_path.display(),
            labels_path.display(),
            targets.len()
        );
    }
    Ok(pixels
        .chunks_exact(mnist::PIXELS)
        .zip(targets)
        .map(|(image, label)| Sample::from_bytes(image, label))
        .collect())
}

fn source_text(digits: &GeneralDigits) -> String {
    let (replay, check) = (digits.replay.len(), digits.check.len());
    format!(
        "# General digits for learning your handwriting

Handwritten digits the Digit Recognizer replays while it learns one person's handwriting, so that it keeps
reading everyone else's, and checks a learnt model against before adopting it. Made by `trainer general-digits`
(`trainer/src/general_digits.rs`); the same datasets give the same bytes.

## Files
MNIST's IDX format, gzipped: 28×28 bytes per image, row by row, 0 = background, 255 = ink; labels 0–9.
- `{REPLAY_IMAGES}`, `{REPLAY_LABELS}`: {replay} digits replayed while learning: {REPLAY_EACH} from MNIST's
  training part (outside the 5 000 images held out for validation), then {REPLAY_EACH} UNIPEN pen digits from
  its training sites, each drawn once on a 28×28 canvas with a random pen and pose.
- `{CHECK_IMAGES}`, `{CHECK_LABELS}`: {check} digits a learnt model must keep reading: {CHECK_EACH} from
  MNIST's validation hold-out, then {CHECK_EACH} other training-site UNIPEN digits, drawn the same way.

## Credit and licences
- MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges, \"The MNIST database of handwritten digits\",
  http://yann.lecun.com/exdb/mnist/. Licensed under CC BY-SA 3.0
  (https://creativecommons.org/licenses/by-sa/3.0/); these files are an adapted selection of it, shared under
  the same licence.
- UNIPEN 1a (isolated digits): I. Guyon, L. Schomaker, R. Plamondon, M. Liberman, S. Janet, \"UNIPEN project of
  on-line data exchange and recognizer benchmarks\", ICPR 1994; UNIPEN train_r01_v07, International Unipen
  Foundation, 1999 (Zenodo re-release, doi 10.5281/zenodo.1195803). Licensed under CC BY 4.0
  (https://creativecommons.org/licenses/by/4.0/); these files render a selection of its pen trajectories as
  pictures.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_split(n: usize) -> Split {
        // Each image's first two bytes are its index, the rest a pattern.
        let pixels = (0..n * mnist::PIXELS)
            .map(|i| match i % mnist::PIXELS { 0 => (i / mnist::PIXELS % 256) as u8, 1 => (i / mnist::PIXELS / 256) as u8, j => (j * 7 % 256) as u8 })
            .collect();
        Split { pixels, labels: (0..n).map(|i| (i % 10) as u8).collect() }
    }

    fn fake_pen(n: usize) -> Vec<PenDigit> {
        (0..n)
            .map(|i| PenDigit {
                site: "ata".into(),
                label: (i % 10) as u8,
                writer: format!("ata/{i}"),
                strokes: vec![vec![(0.0, 0.0), (0.2 + i as f32 * 0.01, 1.0)], vec![(0.0, 0.5), (0.5, 0.5)]],
            })
            .collect()
    }

    #[test]
    fn written_digits_load_back_the_same_and_the_same_bytes_each_time() {
        assert!(is_training_site("ata"));
        let base = std::env::temp_dir().join(format!("general-digits-{}", std::process::id()));
        let (split, pen) = (fake_split(10_000), fake_pen(2_100));
        let (one, two) = (base.join("one"), base.join("two"));
        write(&split, &pen, &one).unwrap();
        write(&split, &pen, &two).unwrap();
        for name in [REPLAY_IMAGES, REPLAY_LABELS, CHECK_IMAGES, CHECK_LABELS, SOURCE] {
            assert_eq!(std::fs::read(one.join(name)).unwrap(), std::fs::read(two.join(name)).unwrap(), "{name}");
        }
        let loaded = load(&one).unwrap();
        let chosen = choose(&split, &pen, SEED);
        assert_eq!(loaded.replay.len(), 2 * REPLAY_EACH + REPLAY_NON_DIGITS);
        assert_eq!(loaded.check.len(), 2 * CHECK_EACH);
        for (a, b) in loaded.replay.iter().zip(&chosen.replay).chain(loaded.check.iter().zip(&chosen.check)) {
            assert_eq!(a.target, b.target);
            assert!(a.input.iter().zip(&b.input).all(|(x, y)| (x - y).abs() < 1e-6));
        }
        assert!(loaded.replay[2 * REPLAY_EACH..].iter().all(|s| s.target == Target::NotADigit));
        // MNIST's check digits come from the hold-out, its replay digits from outside it.
        let (_, validation) = hold_out(split.len(), 5000, 42);
        let held: Vec<&[u8]> = validation.iter().map(|&i| split.image(i)).collect();
        let bytes = |s: &Sample| s.input.iter().map(|&v| to_byte(v)).collect::<Vec<u8>>();
        assert!(loaded.check[..CHECK_EACH].iter().all(|s| held.contains(&bytes(s).as_slice())));
        std::fs::remove_file(one.join(CHECK_LABELS)).unwrap();
        assert!(load(&one).unwrap_err().to_string().contains("check-labels-idx1-ubyte.gz is missing"));
        std::fs::write(one.join(CHECK_LABELS), b"not gzip").unwrap();
        assert!(load(&one).unwrap_err().to_string().contains("damaged"));
        std::fs::remove_dir_all(&base).ok();
    }
}
