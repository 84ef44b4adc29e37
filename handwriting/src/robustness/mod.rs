//! The robustness suite: how well the recognizer reads handwriting unlike MNIST, and whether it says
//! "Unsure" for things that are not digits. Each [`Class`] is a seeded generator of [`Case`]s: MNIST
//! **test** digits re-drawn with other pens, generated pen trajectories (European 1s, crossed 7s, …),
//! tight crops of single digits, real pen digits from UNIPEN sites held out of training (on the canvas and
//! as files exported by other apps), and non-digits
//! on the canvas and in photos. Case `i` of a class depends only on the seed, the class and `i`, so a
//! class run alone, or a shorter run, sees the same pictures.

mod crops;
mod dark_ground;
mod dates;
mod digits;
mod desk;
mod files;
mod forms;
pub mod draw;
pub mod marks;
pub mod nondigits;
mod score;
mod sloping;
pub mod trajectories;

use std::path::Path;
use std::sync::Arc;

use image::RgbaImage;
use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::mnist::{self, IdxError, Part, Split};
use crate::synthetic::unipen::{self, PenDigit, UnipenError};

pub use score::{format_table, judge, run_class, Outcome, Row};

/// What the recognizer is given.
#[derive(Debug, Clone)]
pub enum Input {
    /// The app's canvas as grey bytes, dark ink on white, read with `Recognizer::read_canvas_grey`.
    Canvas { grey: Vec<u8>, width: u32, height: u32 },
    /// A picture, read with `Recognizer::read_image`.
    Picture(RgbaImage),
}

/// The right answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Exactly these digits (one digit for single-digit classes; the whole string for numbers).
    Number(String),
    /// Not a digit: the reading must be unsure, empty, or refused.
    Unsure,
}

/// One generated test case.
#[derive(Debug, Clone)]
pub struct Case {
    pub input: Input,
    pub expected: Expected,
}

impl Case {
    pub fn canvas(grey: Vec<u8>, side: usize, expected: Expected) -> Self {
        Case { input: Input::Canvas { grey, width: side as u32, height: side as u32 }, expected }
    }

    pub fn picture(image: RgbaImage, expected: Expected) -> Self {
        Case { input: Input::Picture(image), expected }
    }

    /// The case as an image to look at.
    pub fn image(&self) -> RgbaImage {
        match &self.input {
            Input::Picture(image) => image.clone(),
            Input::Canvas { grey, width, height } => {
                RgbaImage::from_fn(*width, *height, |x, y| {
                    let v = grey[(y * width + x) as usize];
                    image::Rgba([v, v, v, 255])
                })
            }
        }
    }
}

/// Digits or non-digits: how a row is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Right when the reading is exactly the expected digits.
    Digits,
    /// Right when the reading is unsure.
    NonDigits,
}

/// One row of the suite. Adding a row is one line in [`CLASSES`] (a name, digits or non-digits, a
/// description and a `fn(&Sources, &mut StdRng) -> Result<Case, SuiteError>`), plus its minimum in
/// `handwriting/tests/robustness.rs`.
#[derive(Clone, Copy)]
pub struct Class {
    pub name: &'static str,
    pub kind: Kind,
    pub about: &'static str,
    generate: fn(&Sources, &mut StdRng) -> Result<Case, SuiteError>,
}

const fn class(name: &'static str, kind: Kind, about: &'static str, generate: fn(&Sources, &mut StdRng) -> Result<Case, SuiteError>) -> Class {
    Class { name, kind, about, generate }
}

use Kind::{Digits, NonDigits};

/// Every row, in the order the table prints them.
pub const CLASSES: &[Class] = &[
    class("mnist-fine-pen", Digits, "MNIST test digits re-stroked with a fine pen (2–8 % of the height) on the canvas", digits::mnist_fine),
    class("mnist-medium-pen", Digits, "MNIST test digits re-stroked, pen 8–15 % of the height", digits::mnist_medium),
    class("mnist-marker", Digits, "MNIST test digits re-stroked with a marker, 15–25 % of the height", digits::mnist_marker),
    class("unipen-app-pen", Digits, "real pen digits from held-out UNIPEN sites, the app's pen, 40–120 px tall", digits::unipen_app_pen),
    class("unipen-any-pen", Digits, "held-out UNIPEN digits, pens 3–14 % of the height", digits::unipen_any_pen),
    class("unipen-marker", Digits, "held-out UNIPEN digits with a marker, 15–30 % of the height, 30–100 px", digits::unipen_marker),
    class("unipen-file", Digits, "held-out UNIPEN digits drawn in another app, opened as a file: 100–1200 px, hairline to 10 % pens, clear backgrounds", files::unipen_file),
    class("unipen-number-file", Digits, "numbers of 2–5 held-out UNIPEN digits drawn in another app, half cropped tight; whole number exact", files::unipen_number_file),
    class("unipen-form-box", Digits, "held-out UNIPEN digits written in a printed box on a form and scanned, half cropped at the box's lines", forms::unipen_form_box),
    class("unipen-note-on-desk", Digits, "1–3 held-out UNIPEN digits on a note photographed on a darker desk; whole number exact", desk::unipen_note_on_desk),
    class("unipen-note-turned", Digits, "the note on a desk photographed with the phone turned 10–25°, its digits turned with it; whole number exact", desk::unipen_note_turned),
    class("unipen-date", Digits, "a date (3/07/2024, 12.03.24, 5-11-98) of held-out UNIPEN digits by one writer, slashes leaning 0.35–1 column per row, scanned; whole number exact", dates::unipen_date),
    class("unipen-light-on-dark", Digits, "held-out UNIPEN digits light on a dark ground (a dark-mode app's export, flat or clear, and chalk on a board), pens 3–25 % of the height, with room around", dark_ground::unipen_light_on_dark),
    class("unipen-number-turned", Digits, "numbers of 2–5 held-out UNIPEN digits written on paper and photographed with the phone turned 10–25°, the digits turned with the line; whole number exact", files::unipen_number_turned),
    class("unipen-number-sloping", Digits, "numbers of 2–4 held-out UNIPEN digits written uphill or downhill (10–30°) on the canvas, each digit upright; whole number exact", sloping::unipen_number_sloping),
    class("pen-marker", Digits, "the generated styles below (1 with a foot, crossed 7, …) with a marker, 15–30 %", digits::styles_marker),
    class("pen-1-european", Digits, "1 with a long flag (30–60 % of the height), often a foot", digits::european_one),
    class("pen-1-plain", Digits, "1 with a short flag or none, sometimes a foot", digits::plain_one),
    class("pen-7-crossed", Digits, "7 with a bar through the stem", digits::crossed_seven),
    class("pen-7-curved", Digits, "7 with a curved stem", digits::curved_seven),
    class("pen-4-open", Digits, "4 open at the top, two strokes", digits::open_four),
    class("pen-4-closed", Digits, "4 with a closed triangle", digits::closed_four),
    class("pen-9-straight", Digits, "9 with a straight stem", digits::straight_nine),
    class("pen-2-looped", Digits, "2 with a loop at the bottom", digits::looped_two),
    class("crop-dark-on-light", Digits, "one digit cropped to touch all four edges, 12–64 px, dark on light", crops::dark_on_light),
    class("crop-light-on-dark", Digits, "one digit cropped to touch all four edges, 12–64 px, light on dark", crops::light_on_dark),
    class("crop-bold", Digits, "a bold digit (pen 15–25 % of the height) scaled to fill a box 16–32 px tall, as postal and form scans are", crops::bold),
    class("crop-postal", Digits, "one digit fitted into a square box 16–28 px with its shape kept (spanning its height, room at its sides), as postal digit sets store them; light on dark or dark on light, as it is or enlarged", crops::postal),
    class("noise-canvas", NonDigits, "uniform, Gaussian and salt-and-pepper noise sent as a canvas", nondigits::noise_canvas),
    class("noise-photo", NonDigits, "noise pictures: uniform, Gaussian, speckled, blotchy", nondigits::noise_photo),
    class("letters-canvas", NonDigits, "handwritten letters unlike digits (A E F H K M N R T V W X Y k m n w x …)", nondigits::letters_canvas),
    class("letters-photo", NonDigits, "handwritten letters on photographed paper", nondigits::letters_photo),
    class("shapes-canvas", NonDigits, "triangles, squares, stars, arrows, hearts, crosses, ticks", nondigits::shapes_canvas),
    class("shapes-photo", NonDigits, "shapes on photographed paper", nondigits::shapes_photo),
    class("scribbles-canvas", NonDigits, "random scribbles, zigzags and hatching", nondigits::scribbles_canvas),
    class("scribbles-photo", NonDigits, "scribbles on photographed paper", nondigits::scribbles_photo),
    class("lines-canvas", NonDigits, "drawn grids, ruled lines and single dashes", nondigits::lines_canvas),
    class("paper-photo", NonDigits, "blank paper: grid, ruled, dotted and textured, photographed", nondigits::paper_photo),
];

/// Rows beyond what the issue asks of the suite, measured on their own (`digits robustness --class NAME`, and
/// a check in CI) but not in the table nor its goals: pens bolder than its 2–25 %.
pub const BEYOND_THE_SUITE: &[Class] = &[
    class("unipen-felt-tip", Digits, "held-out UNIPEN digits with a felt-tip, 30–40 % of the height, 30–100 px", digits::unipen_felt_tip),
    class("unipen-coarse", Digits, "held-out UNIPEN digits as the UCI pen-based digits keep them: one trace of 8 points evenly spaced, straight between, pens 3–14 %", digits::unipen_coarse),
    class("crop-felt-tip", Digits, "as crop-bold with a felt-tip, 25–35 % of the height", crops::felt_tip),
];

impl Class {
    pub fn all() -> &'static [Class] {
        CLASSES
    }

    /// A row of the suite or one of [`BEYOND_THE_SUITE`].
    pub fn by_name(name: &str) -> Option<Class> {
        CLASSES.iter().chain(BEYOND_THE_SUITE).copied().find(|c| c.name == name)
    }

    /// Case `index` of this class for `seed`.
    pub fn sample(&self, sources: &Sources, seed: u64, index: usize) -> Result<Case, SuiteError> {
        let mut rng = StdRng::seed_from_u64(case_seed(seed, self.name, index));
        (self.generate)(sources, &mut rng)
    }
}

impl std::fmt::Debug for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A seed for one case, mixed from the suite's seed, the class's name and the case's index.
fn case_seed(seed: u64, name: &str, index: usize) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in name.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = h ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (index as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum SuiteError {
    #[error("this class needs the MNIST test set (set MNIST_DIR or --mnist, or run scripts/fetch-datasets.sh)")]
    NoMnist(#[source] Arc<IdxError>),
    #[error("this class needs the UNIPEN digits (set UNIPEN_DIR or --unipen, or run scripts/fetch-datasets.sh)")]
    NoUnipen(#[source] Arc<UnipenError>),
    #[error("the UNIPEN folder has no digits from the held-out sites")]
    NoHeldOutSites,
}

/// The data sets the classes draw from. A missing one only fails the classes that need it.
pub struct Sources {
    mnist_test: Result<Split, Arc<IdxError>>,
    held_out: Result<Vec<PenDigit>, Arc<UnipenError>>,
}

impl Sources {
    /// Loads the MNIST test split and the UNIPEN digits of the suite sites ([`unipen::SUITE_SITES`]).
    pub fn load(mnist_dir: &Path, unipen_dir: &Path) -> Self {
        let mnist_test = mnist::load_split(mnist_dir, Part::Test).map_err(Arc::new);
        let held_out = unipen::load(unipen_dir)
            .map(|all| all.into_iter().filter(|d| unipen::SUITE_SITES.contains(&d.site.as_str())).collect())
            .map_err(Arc::new);
        Sources { mnist_test, held_out }
    }

    /// The default places: `$MNIST_DIR` and `$UNIPEN_DIR`, else `../shared/datasets`.
    pub fn load_default() -> Self {
        Self::load(&mnist::default_dir(), &unipen::default_dir())
    }

    pub fn mnist_test(&self) -> Result<&Split, SuiteError> {
        self.mnist_test.as_ref().map_err(|e| SuiteError::NoMnist(e.clone()))
    }

    pub fn held_out_unipen(&self) -> Result<&[PenDigit], SuiteError> {
        match &self.held_out {
            Ok(digits) if digits.is_empty() => Err(SuiteError::NoHeldOutSites),
            Ok(digits) => Ok(digits),
            Err(e) => Err(SuiteError::NoUnipen(e.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_are_unique_and_found() {
        for (i, class) in CLASSES.iter().enumerate() {
            assert!(CLASSES[..i].iter().all(|c| c.name != class.name), "{} twice", class.name);
            assert_eq!(Class::by_name(class.name).unwrap().name, class.name);
        }
    }

    #[test]
    fn case_seeds_differ_by_class_and_index() {
        assert_ne!(case_seed(1, "a", 0), case_seed(1, "b", 0));
        assert_ne!(case_seed(1, "a", 0), case_seed(1, "a", 1));
        assert_ne!(case_seed(1, "a", 0), case_seed(2, "a", 0));
        assert_eq!(case_seed(1, "a", 5), case_seed(1, "a", 5));
    }
}
