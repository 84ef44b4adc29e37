//! The training examples of one epoch: MNIST digits (distorted as before, or re-drawn with another pen),
//! real pen digits from UNIPEN rendered the way the app's canvas draws, and pictures that are not digits.
//! Pen-drawn examples go through the app's own normalisation (`recognizer::preprocess::mnist_from_ink`), so
//! the network sees what the app will give it.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use handwriting::mnist::{Split, PIXELS};
use recognizer::preprocess::{mnist_from_ink, InkMap};
use handwriting::synthetic::pen::{self, Stroke};
use handwriting::synthetic::restroke::skeleton_strokes;
use handwriting::synthetic::unipen::PenDigit;

use crate::augment::Augmentation;
use crate::photographed::photographed;
use crate::{neighboured, nondigits, styles, touching, wrong_cuts};

/// The app's canvas side in pixels, as exported for reading.
pub const CANVAS: usize = 140;

/// What the network should answer for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Digit(u8),
    /// Not a digit: trained towards equal probabilities for all ten (outlier exposure).
    NotADigit,
}

/// One example of an epoch, drawn afresh each time it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// An MNIST training image with pose, elastic and thickness distortions.
    Mnist(usize),
    /// An MNIST training image thinned to its skeleton and re-drawn with a random pen.
    Restroked(usize),
    /// An MNIST training image as it is, undistorted: the very kind of picture the MNIST test holds.
    Plain(usize),
    /// A UNIPEN digit rendered with a random pen, size and slant.
    Pen(usize),
    /// A generated non-digit.
    NotADigit,
}

/// Everything examples are made from.
pub struct Corpus<'a> {
    pub mnist: &'a Split,
    pub pen: &'a [PenDigit],
    /// How the examples are written: European styles ([`styles::restyle`]), touching pairs among the
    /// non-digits ([`touching::pair`]), straight 1s ([`styles::straightened`]), slashed 0s ([`styles::slashed_zero`]).
    pub mixture: Mixture,
}

/// How many of each kind an epoch holds.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Mixture {
    /// Fraction of the MNIST images that are re-stroked instead of distorted.
    pub restroke_fraction: f64,
    /// Renderings of each UNIPEN training digit per epoch.
    pub pen_copies: usize,
    /// Non-digits per epoch, as a fraction of the digits.
    pub non_digit_fraction: f64,
    /// Fraction of the pen-drawn 1s and 7s written European style (flag and foot, cross bar).
    pub style_fraction: f64,
    /// Fraction of the non-digits that are two touching digits squeezed into one crop.
    pub touching_fraction: f64,
    /// Fraction of the pen-drawn 1s written as one straight stroke, as a mouse or a finger often draws them.
    pub straight_ones: f64,
    /// Fraction of the pen-drawn 0s struck through (Ø or ϕ), as many people write them.
    pub slashed_zeros: f64,
    /// The longest flag given to a European 1, as a fraction of its height ([`styles::restyle`]).
    pub longest_flag: f32,
    /// Fraction of the slashed 0s whose stroke runs far past the ring ([`styles::slashed_zero`]). Left out of the
    /// written config when 0, as [`Mixture::plain_mnist`] is.
    #[serde(skip_serializing_if = "is_default")]
    pub long_zero_slashes: f64,
    /// Every MNIST image also shown as it is (undistorted) this many times, an anchor on MNIST's own pictures.
    /// Left out of the written config when 0, so that earlier runs' checkpoints still resume.
    #[serde(skip_serializing_if = "is_default")]
    pub plain_mnist: usize,
    /// Fraction of the other non-digits (not touching pairs) that are pieces of touching digits cut at the wrong
    /// place ([`wrong_cuts::wrong_cut`]). Left out of the written config when 0.
    #[serde(skip_serializing_if = "is_default")]
    pub wrong_cuts: f64,
    /// Fraction of the European 1s whose flag is nearly flat, with no foot ([`styles::restyle`]). Left out of
    /// the written config when 0.
    #[serde(skip_serializing_if = "is_default")]
    pub flat_flags: f64,
    /// Fraction of the pen-drawn digits (real and re-drawn) photographed small and soft
    /// ([`photographed::photographed`]). Left out of the written config when 0.
    #[serde(skip_serializing_if = "is_default")]
    pub photographed: f64,
    /// Fraction of the real pen digits written touching another digit and cut from it down a column that
    /// leaves a piece of the neighbour with them ([`neighboured::neighboured`]). Left out of the written
    /// config when 0.
    #[serde(skip_serializing_if = "is_default")]
    pub neighboured: f64,
    /// Fraction of the pen-drawn digits (real and re-drawn) joined into one trace of 8–12 points evenly spaced
    /// ([`pen::coarse_trace`]). Left out of the written config when 0.
    #[serde(skip_serializing_if = "is_default")]
    pub coarse_traces: f64,
}

/// Whether a setting is at its default (0), for fields left out of a written config so that the checkpoints of
/// runs from before the setting existed still resume.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Default for Mixture {
    fn default() -> Self {
        Self { restroke_fraction: 0.4, pen_copies: 2, non_digit_fraction: 0.1, style_fraction: 0.35, touching_fraction: 0.0, straight_ones: 0.0, slashed_zeros: 0.0, longest_flag: styles::LONGEST_FLAG, long_zero_slashes: 0.0, plain_mnist: 0, wrong_cuts: 0.0, flat_flags: 0.0, photographed: 0.0, neighboured: 0.0, coarse_traces: 0.0 }
    }
}

impl Mixture {
    /// Examples in an epoch of `mnist` MNIST images and `pen` UNIPEN digits.
    pub fn examples_per_epoch(&self, mnist: usize, pen: usize) -> usize {
        let digits = mnist * (1 + self.plain_mnist) + pen * self.pen_copies;
        digits + self.non_digits(digits)
    }

    fn non_digits(&self, digits: usize) -> usize {
        (digits as f64 * self.non_digit_fraction).round() as usize
    }
}

/// The shuffled examples of one epoch.
pub fn epoch_examples(mnist: &[usize], pen: usize, mixture: &Mixture, rng: &mut StdRng) -> Vec<Example> {
    let mut examples: Vec<Example> = mnist
        .iter()
        .map(|&i| if rng.gen_bool(mixture.restroke_fraction) { Example::Restroked(i) } else { Example::Mnist(i) })
        .collect();
    for _ in 0..mixture.pen_copies {
        examples.extend((0..pen).map(Example::Pen));
    }
    for _ in 0..mixture.plain_mnist {
        examples.extend(mnist.iter().map(|&i| Example::Plain(i)));
    }
    examples.extend(std::iter::repeat_n(Example::NotADigit, mixture.non_digits(examples.len())));
    examples.shuffle(rng);
    examples
}

impl<'a> Corpus<'a> {
    /// The corpus that draws what `mixture` asks for.
    pub fn new(mnist: &'a Split, pen: &'a [PenDigit], mixture: &Mixture) -> Self {
        Self { mnist, pen, mixture: *mixture }
    }
}

impl Corpus<'_> {
    /// The 28×28 model input (0..1, ink = 1) and the target for `example`, drawn with `rng`.
    pub fn render(&self, example: Example, augmentation: &Augmentation, rng: &mut StdRng) -> (Vec<f32>, Target) {
        match example {
            Example::Mnist(i) => {
                (augmentation.apply(&self.mnist.image_f32(i), rng), Target::Digit(self.mnist.labels[i]))
            }
            Example::Plain(i) => (self.mnist.image_f32(i), Target::Digit(self.mnist.labels[i])),
            Example::Restroked(i) => {
                let label = self.mnist.labels[i];
                (self.styled_pen_digit(&skeleton_strokes(self.mnist.image(i)), label, rng), Target::Digit(label))
            }
            // Checked first, and only when asked for, so other mixtures draw exactly what they did.
            Example::Pen(i) if self.mixture.neighboured > 0.0 && rng.gen_bool(self.mixture.neighboured) => {
                let PenDigit { strokes, label, .. } = &self.pen[i];
                let neighbour = self.pair_strokes(1, rng).remove(0);
                match neighboured::neighboured(strokes, &neighbour, rng) {
                    Some(part) => (model_input(&part), Target::Digit(*label)),
                    None => (self.styled_pen_digit(strokes, *label, rng), Target::Digit(*label)),
                }
            }
            Example::Pen(i) => {
                let PenDigit { strokes, label, .. } = &self.pen[i];
                (self.styled_pen_digit(strokes, *label, rng), Target::Digit(*label))
            }
            // Checked first so that a mixture without pairs draws exactly what it did before they existed.
            Example::NotADigit if self.mixture.touching_fraction > 0.0 && rng.gen_bool(self.mixture.touching_fraction) => {
                (model_input(&self.touching_pair(rng)), Target::NotADigit)
            }
            Example::NotADigit if self.mixture.wrong_cuts > 0.0 && rng.gen_bool(self.mixture.wrong_cuts) => {
                let piece = self.wrong_cut(rng).unwrap_or_else(|| nondigits::draw(rng));
                (model_input(&piece), Target::NotADigit)
            }
            Example::NotADigit => (model_input(&nondigits::draw(rng)), Target::NotADigit),
        }
    }

    /// A piece of two touching digits cut at the wrong place, drawn from the same digits as [`Corpus::touching_pair`].
    fn wrong_cut(&self, rng: &mut StdRng) -> Option<InkMap> {
        let [first, second] = self.two_digits(rng);
        wrong_cuts::wrong_cut(&first, &second, rng)
    }

    /// Two touching digits: real pen digits half the time, re-drawn MNIST skeletons otherwise.
    fn touching_pair(&self, rng: &mut StdRng) -> InkMap {
        let [first, second] = self.two_digits(rng);
        touching::pair(&first, &second, rng)
    }

    /// The strokes of two digits picked by [`touching::pick_pair`]: real pen digits half the time, re-drawn MNIST
    /// skeletons otherwise.
    fn two_digits(&self, rng: &mut StdRng) -> [Vec<Stroke>; 2] {
        self.pair_strokes(2, rng).try_into().unwrap_or_default()
    }

    /// The strokes of the first `count` (1 or 2) of a pair of digits as [`Self::two_digits`] picks them: only
    /// those are drawn, since re-drawing an MNIST digit means finding its skeleton.
    fn pair_strokes(&self, count: usize, rng: &mut StdRng) -> Vec<Vec<Stroke>> {
        if !self.pen.is_empty() && rng.gen_bool(0.5) {
            let (a, b) = touching::pick_pair(self.pen.len(), |i| self.pen[i].label, rng);
            [a, b].into_iter().take(count).map(|i| self.pen[i].strokes.clone()).collect()
        } else {
            let (a, b) = touching::pick_pair(self.mnist.len(), |i| self.mnist.labels[i], rng);
            [a, b].into_iter().take(count).map(|i| skeleton_strokes(self.mnist.image(i))).collect()
        }
    }
}

impl Corpus<'_> {
    fn styled_pen_digit(&self, strokes: &[Stroke], label: u8, rng: &mut StdRng) -> Vec<f32> {
        // The straight 1s are checked first so that a mixture without them draws exactly what it did before.
        let styled = if label == 1 && self.mixture.straight_ones > 0.0 && rng.gen_bool(self.mixture.straight_ones) {
            styles::straightened(strokes)
        } else if matches!(label, 1 | 7) && rng.gen_bool(self.mixture.style_fraction) {
            styles::restyle(strokes, label, self.mixture.longest_flag, self.mixture.flat_flags, rng)
        } else if label == 0 && self.mixture.slashed_zeros > 0.0 && rng.gen_bool(self.mixture.slashed_zeros) {
            // Checked only for 0s, and only when asked for, so other mixtures draw exactly what they did.
            styles::slashed_zero(strokes, self.mixture.long_zero_slashes, rng)
        } else {
            None
        };
        let strokes = styled.as_deref().unwrap_or(strokes);
        // Checked only when asked for, so other mixtures draw exactly what they did.
        let coarse = (self.mixture.coarse_traces > 0.0 && rng.gen_bool(self.mixture.coarse_traces))
            .then(|| vec![pen::coarse_trace(strokes, rng.gen_range(8..=12))]);
        let ink = pen_ink(coarse.as_deref().unwrap_or(strokes), rng);
        // Checked only when asked for, so other mixtures draw exactly what they did.
        if self.mixture.photographed > 0.0 && rng.gen_bool(self.mixture.photographed) {
            return model_input(&photographed(&ink, rng));
        }
        model_input(&ink)
    }

    /// Like [`Corpus::render`] with MNIST images as they are (training without augmentation).
    pub fn render_plain(&self, example: Example, rng: &mut StdRng) -> (Vec<f32>, Target) {
        let plain = match example {
            Example::Mnist(i) | Example::Restroked(i) => Example::Plain(i),
            other => other,
        };
        self.render(plain, &Augmentation::default(), rng)
    }
}

/// Strokes drawn on the canvas with a random pose, size and pen, normalised as the app does.
pub fn pen_digit(strokes: &[Stroke], rng: &mut StdRng) -> Vec<f32> {
    model_input(&pen_ink(strokes, rng))
}

/// Strokes drawn on the canvas with a random pose, size and pen, as ink.
fn pen_ink(strokes: &[Stroke], rng: &mut StdRng) -> InkMap {
    let posed = random_pose(strokes, rng);
    // Digit heights from a tiny crop (blocky once enlarged) to a full canvas.
    let height = if rng.gen_bool(0.15) { rng.gen_range(9.0..24.0) } else { rng.gen_range(24.0..125.0) };
    let width = (pen_share(rng) * height).max(1.0);
    let centre = CANVAS as f32 / 2.0;
    let fitted = pen::fit(&posed, (height - width).max(1.0), (centre, centre));
    let mut ink = pen::render(&fitted, CANVAS, CANVAS, width);
    if rng.gen_bool(0.15) {
        ink = ink.map(|v| if v >= 0.5 { 1.0 } else { 0.0 });
    }
    ink
}

/// A pen's width as a share of a digit's height, 2–28 %, log-uniform: hairline pens and markers equally often.
pub(crate) fn pen_share(rng: &mut StdRng) -> f32 {
    (rng.gen_range(0.02f32.ln()..0.28f32.ln())).exp()
}

/// Rotation, slant, aspect and per-point wobble, as different writers and hands give.
pub(crate) fn random_pose(strokes: &[Stroke], rng: &mut StdRng) -> Vec<Stroke> {
    let Some((x0, y0, x1, y1)) = pen::extent(strokes) else { return Vec::new() };
    let size = (x1 - x0).max(y1 - y0).max(1e-3);
    let angle = rng.gen_range(-12f32..12.0).to_radians();
    let shear = rng.gen_range(-0.3f32..0.3);
    let aspect = rng.gen_range(0.75f32..1.25);
    let wobble = size * rng.gen_range(0.0..0.015);
    let (sin, cos) = angle.sin_cos();
    strokes
        .iter()
        .map(|stroke| {
            stroke
                .iter()
                .map(|&(x, y)| {
                    let (x, y) = ((x + shear * y) * aspect, y / aspect);
                    let jitter = (rng.gen_range(-1.0..=1.0) * wobble, rng.gen_range(-1.0..=1.0) * wobble);
                    (cos * x - sin * y + jitter.0, sin * x + cos * y + jitter.1)
                })
                .collect()
        })
        .collect()
}

/// The app's normalisation; a blank drawing (never produced on purpose) becomes an empty field.
pub fn model_input(ink: &InkMap) -> Vec<f32> {
    mnist_from_ink(ink).unwrap_or_else(|_| vec![0.0; PIXELS])
}

/// A generator seeded from the run's seed and the example's place, independent of thread timing.
pub fn example_rng(seed: u64, epoch: usize, position: usize) -> StdRng {
    StdRng::seed_from_u64(seed ^ ((epoch as u64) << 40) ^ (position as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pen_digit_is_normalised_like_mnist() {
        let one = vec![vec![(0.0, 0.0), (0.0, 100.0)]];
        let input = pen_digit(&one, &mut StdRng::seed_from_u64(1));
        assert_eq!(input.len(), PIXELS);
        let ink: f32 = input.iter().sum();
        assert!(ink > 5.0, "{ink}");
        // MNIST's 20-pixel box: nothing in the outer 3 rows.
        assert!(input[..28 * 3].iter().all(|&v| v == 0.0));
    }

    #[test]
    fn an_epoch_mixes_the_kinds_in_the_asked_proportions() {
        let mnist: Vec<usize> = (0..1000).collect();
        let examples = epoch_examples(&mnist, 100, &Mixture::default(), &mut StdRng::seed_from_u64(2));
        assert_eq!(examples.len(), Mixture::default().examples_per_epoch(1000, 100));
        let count = |f: fn(&Example) -> bool| examples.iter().filter(|e| f(e)).count();
        assert_eq!(count(|e| matches!(e, Example::Pen(_))), 200);
        assert_eq!(count(|e| matches!(e, Example::NotADigit)), 120);
        let restroked = count(|e| matches!(e, Example::Restroked(_)));
        assert!((330..470).contains(&restroked), "{restroked}");
        assert_eq!(count(|e| matches!(e, Example::Plain(_))), 0);
    }

    #[test]
    fn plain_copies_show_every_mnist_image_as_it_is_beside_the_distorted_ones() {
        let mnist: Vec<usize> = (0..1000).collect();
        let mixture = Mixture { plain_mnist: 2, ..Mixture::default() };
        let examples = epoch_examples(&mnist, 100, &mixture, &mut StdRng::seed_from_u64(2));
        assert_eq!(examples.len(), mixture.examples_per_epoch(1000, 100));
        let plain: Vec<usize> = examples.iter().filter_map(|e| if let Example::Plain(i) = e { Some(*i) } else { None }).collect();
        assert_eq!(plain.len(), 2000);
        assert!(mnist.iter().all(|i| plain.iter().filter(|&&p| p == *i).count() == 2));
        let distorted_or_restroked = examples.iter().filter(|e| matches!(e, Example::Mnist(_) | Example::Restroked(_))).count();
        assert_eq!(distorted_or_restroked, 1000);
        // Non-digits stay a tenth of all the digits.
        assert_eq!(examples.iter().filter(|e| matches!(e, Example::NotADigit)).count(), 320);
    }
}
