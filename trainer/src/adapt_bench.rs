//! The writer-adaptation benchmark (issue 15): every UNIPEN writer held out of training with enough digits
//! teaches [`crate::adapt`] a few of their digits, and the rest are read before and after. The learnt
//! models must also keep reading general digits (MNIST's hold-out) and calling non-digits Unsure.

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::Result;
use candle_core::Device;
use handwriting::mnist::Split;
use handwriting::synthetic::unipen::{is_training_site, PenDigit};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use crate::adapt::{rate, reads_right, AdaptConfig, Adapter, Sample};
use crate::examples::{pen_digit, Target};
use crate::general_digits;
use handwriting::robustness::trajectories::Style;
use crate::train::{accuracy, hold_out};
use crate::validation::ValidationSets;

/// General digits replayed while learning: this many from MNIST's training part and as many pen digits
/// from the training sites (the app would ship them: 3 000 × 784 bytes, 2.4 MB), and generated non-digits.
pub const REPLAY_EACH: usize = 1500;
pub const REPLAY_NON_DIGITS: usize = 500;

#[derive(Debug, Clone)]
pub struct WriterRow {
    pub writer: String,
    pub tested: usize,
    pub right_before: usize,
    pub right_after: usize,
    /// Digits read wrong before and right after, and the other way round.
    pub fixed: usize,
    pub broken: usize,
    pub general_before: f64,
    pub general_after: f64,
    pub non_digit_unsure_before: f64,
    pub non_digit_unsure_after: f64,
    pub seconds: f64,
}

/// The replay set: general digits, seeded, chosen as the app's packaged ones are
/// ([`general_digits::choose`]), and generated non-digits.
pub fn replay_set(mnist: &Split, pen: &[PenDigit], seed: u64) -> Vec<Sample> {
    let mut samples = general_digits::choose(mnist, pen, seed).replay;
    samples.extend(general_digits::non_digits(seed));
    samples
}

/// Held-out writers with at least `least` digits, each digit drawn once on the canvas (seeded).
pub fn held_out_writers(pen: &[PenDigit], least: usize, seed: u64) -> Vec<(String, Vec<Sample>)> {
    let mut by_writer: BTreeMap<&str, Vec<&PenDigit>> = BTreeMap::new();
    pen.iter().filter(|d| !is_training_site(&d.site)).for_each(|d| by_writer.entry(&d.writer).or_default().push(d));
    let mut rng = StdRng::seed_from_u64(seed);
    by_writer
        .into_iter()
        .filter(|(_, digits)| digits.len() >= least)
        .map(|(writer, digits)| {
            let samples =
                digits.iter().map(|d| Sample { input: pen_digit(&d.strokes, &mut rng), target: Target::Digit(d.label) }).collect();
            (writer.to_string(), samples)
        })
        .collect()
}

/// Learns each writer from `learn` of their digits (a seeded choice) and reads the rest before and after.
#[allow(clippy::too_many_arguments)]
pub fn run(
    adapter: &Adapter,
    writers: &[(String, Vec<Sample>)],
    mnist: &Split,
    learn: usize,
    config: &AdaptConfig,
    mut report: impl FnMut(&WriterRow),
) -> Result<Vec<WriterRow>> {
    let device = Device::Cpu;
    let (_, validation) = hold_out(mnist.len(), 5000, 42);
    let checks = ValidationSets::new(&[], config.seed);
    let (built_in, _) = adapter.built_in()?;
    let general_before = accuracy(&built_in, mnist, &validation, &device)?;
    let non_digit_unsure_before = checks.non_digit_unsure(&built_in, &device)?;
    let mut rows = Vec::new();
    for (writer, samples) in writers {
        let mut order: Vec<usize> = (0..samples.len()).collect();
        order.shuffle(&mut StdRng::seed_from_u64(config.seed ^ writer.len() as u64));
        let (taught, tested) = order.split_at(learn.min(order.len()));
        let taught: Vec<Sample> = taught.iter().map(|&i| samples[i].clone()).collect();
        let tested: Vec<&Sample> = tested.iter().map(|&i| &samples[i]).collect();
        let started = Instant::now();
        let (learnt, _) = adapter.learn(&taught, config, &mut |_| true)?;
        let seconds = started.elapsed().as_secs_f64();
        let before = reads_right(&built_in, tested.iter().copied())?;
        let after = reads_right(&learnt, tested.iter().copied())?;
        let row = WriterRow {
            writer: writer.clone(),
            tested: tested.len(),
            right_before: before.iter().filter(|&&r| r).count(),
            right_after: after.iter().filter(|&&r| r).count(),
            fixed: before.iter().zip(&after).filter(|(b, a)| !**b && **a).count(),
            broken: before.iter().zip(&after).filter(|(b, a)| **b && !**a).count(),
            general_before,
            general_after: accuracy(&learnt, mnist, &validation, &device)?,
            non_digit_unsure_before,
            non_digit_unsure_after: checks.non_digit_unsure(&learnt, &device)?,
            seconds,
        };
        report(&row);
        rows.push(row);
    }
    Ok(rows)
}

/// `n` digits written in `style`, drawn with the canvas's random pens and poses.
pub fn styled(style: Style, n: usize, rng: &mut StdRng) -> Vec<Sample> {
    (0..n)
        .map(|_| {
            let strokes = style.strokes(rng);
            Sample { input: pen_digit(&strokes, rng), target: Target::Digit(style.label()) }
        })
        .collect()
}

/// A generated writer whose habit no training data shows ([`Style::FourLikeNine`]): `learn` digits to learn
/// from and `fresh` others to read.
pub fn habit(learn: usize, fresh: usize, seed: u64) -> (Vec<Sample>, Vec<Sample>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let taught = styled(Style::FourLikeNine, learn, &mut rng);
    (taught, styled(Style::FourLikeNine, fresh, &mut rng))
}

/// The benchmark's last lines: the writers' mean and worst before and after, and the generated habit
/// learnt from `learn` samples, with what it does to the same hand's straight-stemmed 9s.
pub fn summary(adapter: &Adapter, rows: &[WriterRow], learn: usize, config: &AdaptConfig) -> Result<String> {
    let percent = |f: fn(&WriterRow) -> usize| -> Vec<f64> { rows.iter().map(|r| 100.0 * f(r) as f64 / r.tested.max(1) as f64).collect() };
    let (before, after) = (percent(|r| r.right_before), percent(|r| r.right_after));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let worst = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let writers = format!(
        "mean {:.1} % → {:.1} %, worst writer {:.1} % → {:.1} %; fixed {}, broken {}; MNIST hold-out at worst {:+.2} points; learning {:.1} s at most",
        mean(&before),
        mean(&after),
        worst(&before),
        worst(&after),
        rows.iter().map(|r| r.fixed).sum::<usize>(),
        rows.iter().map(|r| r.broken).sum::<usize>(),
        rows.iter().map(|r| 100.0 * (r.general_after - r.general_before)).fold(f64::INFINITY, f64::min),
        rows.iter().map(|r| r.seconds).fold(0.0, f64::max)
    );
    let (taught, fresh) = habit(learn, 200, 13);
    let nines = styled(Style::StraightNine, 200, &mut StdRng::seed_from_u64(1000));
    let (built_in, _) = adapter.built_in()?;
    let (learnt, _) = adapter.learn(&taught, config, &mut |_| true)?;
    Ok(format!(
        "{writers}\na 4 written like a 9, 200 fresh: {:.1} % → {:.1} % after learning {learn}; the same writer's 9s (a straight stem) {:.1} % → {:.1} %",
        100.0 * rate(&built_in, &fresh)?,
        100.0 * rate(&learnt, &fresh)?,
        100.0 * rate(&built_in, &nines)?,
        100.0 * rate(&learnt, &nines)?
    ))
}
