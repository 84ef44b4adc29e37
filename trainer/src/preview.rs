//! A look at what the network is trained on: a grid of examples of each kind as PNG files, and how the
//! current model reads each UNIPEN site upright and flipped (to find sites whose y axis points up).

use std::path::Path;

use anyhow::Result;
use image::{GrayImage, Luma};
use rand::rngs::StdRng;
use rand::SeedableRng;
use handwriting::synthetic::pen;
use handwriting::synthetic::unipen::{self, PenDigit};
use recognizer::Classifier;

use crate::augment::Augmentation;
use crate::examples::{pen_digit, Corpus, Example, Mixture};

/// Writes `kind.png` grids (`side`×`side` examples of 28×28) into `out`.
/// Which example the grid's `i`th cell shows.
type ExampleOf<'a> = Box<dyn Fn(usize) -> Example + 'a>;

pub fn write_grids(corpus: &Corpus, out: &Path, side: usize, seed: u64) -> Result<()> {
    std::fs::create_dir_all(out)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let augmentation = Augmentation::default();
    let count = side * side;
    let kinds: [(&str, ExampleOf); 4] = [
        ("mnist", Box::new(Example::Mnist)),
        ("restroked", Box::new(Example::Restroked)),
        ("pen", Box::new(move |i| Example::Pen(i * 37 % corpus.pen.len().max(1)))),
        ("not-a-digit", Box::new(|_| Example::NotADigit)),
    ];
    let mut grid = |corpus: &Corpus, name: &str, example: &dyn Fn(usize) -> Example| -> Result<()> {
        let mut grid = GrayImage::new((side * 28) as u32, (side * 28) as u32);
        for k in 0..count {
            let (pixels, _) = corpus.render(example(k), &augmentation, &mut rng);
            paste(&mut grid, &pixels, k % side, k / side);
        }
        Ok(grid.save(out.join(format!("{name}.png")))?)
    };
    for (name, example) in kinds {
        grid(corpus, name, &example)?;
    }
    // The added writing styles: every pen 1 and 7 drawn with a flag or a cross bar.
    let ones_and_sevens: Vec<usize> = (0..corpus.pen.len()).filter(|&i| matches!(corpus.pen[i].label, 1 | 7)).collect();
    if !ones_and_sevens.is_empty() {
        let styled = Corpus { mixture: Mixture { style_fraction: 1.0, ..corpus.mixture }, ..*corpus };
        grid(&styled, "pen-styled", &|k| Example::Pen(ones_and_sevens[k * 37 % ones_and_sevens.len()]))?;
    }
    // Touching pairs, the non-digits a head tune may add.
    grid(&Corpus { mixture: Mixture { touching_fraction: 1.0, ..corpus.mixture }, ..*corpus }, "touching-pairs", &|_| Example::NotADigit)?;
    Ok(())
}

fn paste(grid: &mut GrayImage, pixels: &[f32], column: usize, row: usize) {
    for (i, v) in pixels.iter().enumerate() {
        let (x, y) = ((column * 28 + i % 28) as u32, (row * 28 + i / 28) as u32);
        grid.put_pixel(x, y, Luma([255 - (v * 255.0) as u8]));
    }
}

/// Per site: digits, and the model's accuracy on them drawn as loaded and upside down.
pub fn site_orientation(digits: &[PenDigit], model: &Path) -> Result<Vec<(String, usize, f64, f64)>> {
    let classifier = Classifier::load(model)?;
    let mut rows = Vec::new();
    for (site, count) in unipen::by_site(digits) {
        let of_site: Vec<&PenDigit> = digits.iter().filter(|d| d.site == site).take(300).collect();
        let rate = |flip: bool| -> Result<f64> {
            let mut rng = StdRng::seed_from_u64(1);
            let inputs: Vec<f32> = of_site
                .iter()
                .flat_map(|d| {
                    let strokes = if flip { pen::transform(&d.strokes, |(x, y)| (x, -y)) } else { d.strokes.clone() };
                    pen_digit(&strokes, &mut rng)
                })
                .collect();
            let scores = classifier.classify_batch(&inputs)?;
            Ok(scores.iter().zip(&of_site).filter(|(s, d)| s.digit() == d.label).count() as f64 / of_site.len() as f64)
        };
        rows.push((site, count, rate(false)?, rate(true)?));
    }
    Ok(rows)
}
