//! The robustness suite in CI: a seeded sample of every class (see `handwriting::robustness`), each row held
//! to a minimum. `digits robustness --samples 200 --seed 1` prints the same figures as a table.

use recognizer::classifier::default_model_path;
use handwriting::robustness::{format_table, run_class, Class, Kind, Row, Sources, BEYOND_THE_SUITE};
use recognizer::Recognizer;

const SEED: u64 = 1;
const SAMPLES: usize = 200;

/// The lowest score each row may have, in percent: exactly right for digit rows, Unsure for non-digit
/// rows. Set 3 points under what the committed model (retrained on UNIPEN, re-stroked MNIST and non-digits)
/// with this version's segmentation scored with seed 1 and 200 cases (97 where it scored 100), so they hold
/// the line against regressions; raise them as the reading improves (raised on 2026-12-02 for the model whose
/// dense head learnt more non-digits, and the edge-sliver rule; for non-digits again on 2026-12-02, when parts
/// cut from a blob the model could not read whole became Unsure where the cut is a guess; and on 2026-12-03,
/// when the dense head learnt touching pairs as non-digits, and again later that day for hearts drawn in
/// many proportions and more European 1s, for photos once blots were read as filled, and for shapes once a
/// closed shape alone cut through two strokes was a guess; `unipen-file` and `unipen-number-file` added on 2026-12-04,
/// and `unipen-form-box` and `unipen-note-on-desk` later that day, when a form's box was no longer read as ink
/// or as 1s, nor a note's edges on a desk as 1s; `unipen-date` on 2026-12-04, when a date's slashes were no
/// longer read as 1s, and `unipen-note-on-desk` again later, when a note was found before the ink's polarity; on
/// 2026-12-04 (second session) for the model whose whole network learnt long-flagged 1s and slashed 0s, which
/// reads letters on the canvas and scribbles in photos a little less often Unsure, so those two were lowered;
/// `unipen-form-box` again, when a box was found before rules, even with grey sides; `crop-bold` added on
/// 2026-12-07, when a bold digit filling its crop stopped being read in the paper's brightness, and
/// `unipen-number-sloping` that day, when lines came to be chained along their slope: 90.0 % before, 97.5 %;
/// `unipen-light-on-dark` that day too, when a flat dark ground all round made light strokes the ink however
/// bold, and a bold light ring stopped passing for a note on a desk: 89.0 % before, 98.0 %; and `crop-postal`,
/// when that ground needed to hold only most of the border, and a flat light ground made bold dark strokes the
/// ink: 88.5 % before, 97.0 %; and `unipen-note-turned`, when a note on a desk had only to fill its turned
/// rectangle, not its upright box: 36.0 % before, 92.5 %; raised later that day (twenty-first session), when
/// the writing on a turned note came to be turned back upright before it is read, and a note running off the
/// photo to fill only the part of its rectangle the photo shows: 92.5 % before, 98.0 %; and
/// `unipen-number-turned` then, when a line sloping as a photo taken turned came to be read turned back as well,
/// the surer reading kept: 91.0 % before, 97.0 %; `crop-postal` raised on 2026-12-07, twenty-second session,
/// when strokes that an enlarged crop shows wider than the paper window, whose edges alone had been found,
/// came to be measured through: 97.0 % before, 99.0 %).
const MINIMUMS: &[(&str, f64)] = &[
    ("mnist-fine-pen", 94.5),
    ("mnist-medium-pen", 97.0),
    ("mnist-marker", 96.0),
    ("unipen-app-pen", 95.0),
    ("unipen-any-pen", 97.0),
    ("unipen-marker", 93.0),
    ("unipen-file", 97.0),
    ("unipen-number-file", 93.0),
    ("unipen-form-box", 95.0),
    ("unipen-note-on-desk", 94.5),
    ("unipen-note-turned", 95.0),
    ("unipen-date", 89.0),
    ("unipen-light-on-dark", 95.0),
    ("unipen-number-turned", 94.0),
    ("unipen-number-sloping", 94.5),
    ("pen-marker", 96.5),
    ("pen-1-european", 96.0),
    ("pen-1-plain", 97.0),
    ("pen-7-crossed", 97.0),
    ("pen-7-curved", 97.0),
    ("pen-4-open", 97.0),
    ("pen-4-closed", 97.0),
    ("pen-9-straight", 97.0),
    ("pen-2-looped", 97.0),
    ("crop-dark-on-light", 93.5),
    ("crop-light-on-dark", 96.5),
    ("crop-bold", 95.0),
    ("crop-postal", 96.0),
    ("noise-canvas", 97.0),
    ("noise-photo", 95.5),
    ("letters-canvas", 94.5),
    ("letters-photo", 95.0),
    ("shapes-canvas", 94.5),
    ("shapes-photo", 95.0),
    ("scribbles-canvas", 93.0),
    ("scribbles-photo", 92.0),
    ("lines-canvas", 97.0),
    ("paper-photo", 95.0),
];

/// The ceiling on real digits marked Unsure, in percent of the digits read, pooled over the rows of
/// real (UNIPEN) handwriting. Per digit, not per number: a date is unsure when any of its eight digits is.
/// Seed 1 with 200 cases: 1.05 % (35 of 3 318 digits) on 2026-12-05.
const MOST_UNSURE_REAL_DIGITS: f64 = 2.0;

fn minimum(class: &str) -> Option<f64> {
    MINIMUMS.iter().find(|(name, _)| *name == class).map(|&(_, min)| min)
}

/// Runs every class of `kind` and fails naming each row under its minimum.
fn check(kind: Kind) {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let sources = Sources::load_default();
    let mut rows: Vec<Row> = Vec::new();
    let mut below = Vec::new();
    for class in Class::all().iter().filter(|c| c.kind == kind) {
        let row = run_class(&recognizer, &sources, class, SEED, SAMPLES, |_, _, _| {})
            .unwrap_or_else(|e| panic!("{}: {e}", class.name));
        let min = minimum(class.name).unwrap_or_else(|| panic!("{} has no minimum in MINIMUMS", class.name));
        if row.rate() < min {
            below.push(format!("{}: {:.1} % < {min} %", row.class, row.rate()));
        }
        rows.push(row);
    }
    println!("{}", format_table(&rows));
    assert!(below.is_empty(), "rows under their minimum: {below:?}\n{}", format_table(&rows));
    if kind == Kind::Digits {
        let real: Vec<&Row> = rows.iter().filter(|row| row.class.starts_with("unipen-")).collect();
        let read: usize = real.iter().map(|row| row.digits_read).sum();
        let unsure: usize = real.iter().map(|row| row.unsure_digits).sum();
        let rate = 100.0 * unsure as f64 / read.max(1) as f64;
        assert!(read > 0 && rate <= MOST_UNSURE_REAL_DIGITS, "{unsure} of {read} real digits Unsure ({rate:.2} %)");
    }
}

#[test]
fn digit_rows_are_read_at_least_as_well_as_before() {
    check(Kind::Digits);
}

#[test]
fn non_digit_rows_are_unsure_at_least_as_often_as_before() {
    check(Kind::NonDigits);
}

#[test]
fn every_class_has_a_minimum_and_every_minimum_a_class() {
    for class in Class::all() {
        assert!(minimum(class.name).is_some(), "{} has no minimum in MINIMUMS", class.name);
    }
    for (name, _) in MINIMUMS {
        assert!(Class::by_name(name).is_some(), "MINIMUMS names {name}, which is no class");
    }
}

/// Digits written with a felt-tip as bold as a third of their height, beyond the suite's pens: their strokes
/// are thinned to a pen the model knows before they are read (`recognizer::preprocess::thin_bold_strokes`).
/// Seed 1, 200 cases: 78.5 % read as written without thinning, 89.0 % with it (2026-12-07); 1s read as 8 were
/// the commonest miss.
const LEAST_FELT_TIP: f64 = 86.0;

/// Tight crops of digits written with a felt-tip (25–35 % of their height) and scaled to fill a small box, beyond
/// the suite's pens: the digit covers as much of the crop's border as its paper does, and its polarity is told by
/// its pieces (`recognizer/src/segment/lighting/filled_frame.rs`). Seed 1, 200 cases: 84.5 % read as written
/// while the border alone decided, 91.5 % since (2026-12-07); before, 3 % came back with the wrong number of
/// digits (paper read as ink).
const LEAST_BOLD_CROPS: f64 = 88.5;

/// Held-out UNIPEN digits kept as the UCI pen-based digits keep theirs: one trace of 8 points evenly spaced,
/// pen-ups joined, straight between. The model never learnt such angular, joined shapes (a 5's bar joined to its
/// body reads 8, a crossed 7 reads 2). Seed 1, 200 cases: 86.5 % with the model of 2026-12-05 (2026-12-08); a floor,
/// so that a change that loses them shows.
const LEAST_COARSE_TRACES: f64 = 83.5;

/// Runs the row `name` of [`BEYOND_THE_SUITE`] and fails under `least` percent.
fn check_beyond_the_suite(name: &str, least: f64) {
    let recognizer = Recognizer::load(&default_model_path()).unwrap();
    let sources = Sources::load_default();
    let class = BEYOND_THE_SUITE.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no row {name}"));
    let row = run_class(&recognizer, &sources, class, SEED, SAMPLES, |_, _, _| {}).unwrap();
    println!("{}", format_table(std::slice::from_ref(&row)));
    assert!(row.rate() >= least, "{:.1} % < {least} %\n{}", row.rate(), format_table(&[row]));
}

#[test]
fn bold_crops_are_read_as_their_ink_not_their_paper() {
    check_beyond_the_suite("crop-felt-tip", LEAST_BOLD_CROPS);
}

#[test]
fn digits_written_with_a_felt_tip_are_read_once_thinned() {
    check_beyond_the_suite("unipen-felt-tip", LEAST_FELT_TIP);
}

#[test]
fn digits_kept_as_eight_joined_points_are_read() {
    check_beyond_the_suite("unipen-coarse", LEAST_COARSE_TRACES);
}
