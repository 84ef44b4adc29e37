//! `digits robustness`: the robustness suite as a table (see `handwriting::robustness`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use image::imageops::{self, FilterType};
use image::{Rgba, RgbaImage};

use recognizer::classifier::default_model_path;
use handwriting::robustness::{format_table, run_class, Class, Expected, Outcome, Row, Sources, BEYOND_THE_SUITE};
use handwriting::{mnist, synthetic::unipen};
use recognizer::Recognizer;

pub struct Options {
    pub samples: usize,
    pub seed: u64,
    pub model: Option<PathBuf>,
    pub mnist: Option<PathBuf>,
    pub unipen: Option<PathBuf>,
    pub classes: Vec<String>,
    pub save: Option<PathBuf>,
    /// Pictures of each class written to `save`.
    pub save_count: usize,
    pub json: bool,
}

pub fn run(options: Options) -> anyhow::Result<()> {
    let classes: Vec<Class> = if options.classes.is_empty() {
        Class::all().to_vec()
    } else {
        options
            .classes
            .iter()
            .map(|name| {
                Class::by_name(name).ok_or_else(|| {
                    let known: Vec<&str> = Class::all().iter().chain(BEYOND_THE_SUITE).map(|c| c.name).collect();
                    anyhow::anyhow!("no class {name:?}; the classes are: {}", known.join(", "))
                })
            })
            .collect::<Result<_, _>>()?
    };
    let model = options.model.unwrap_or_else(default_model_path);
    let recognizer = Recognizer::load(&model)?;
    let started = Instant::now();
    let sources = Sources::load(
        &options.mnist.unwrap_or_else(mnist::default_dir),
        &options.unipen.unwrap_or_else(unipen::default_dir),
    );
    if let Some(dir) = &options.save {
        std::fs::create_dir_all(dir)?;
    }
    let mut rows: Vec<Row> = Vec::new();
    for class in &classes {
        let mut saved = Ok(());
        let mut tiles = Vec::new();
        let row = run_class(&recognizer, &sources, class, options.seed, options.samples, |index, case, outcome| {
            if let (Some(dir), true) = (&options.save, index < options.save_count) {
                let image = case.image();
                if saved.is_ok() {
                    saved = save(dir, class.name, index, &image, &case.expected, outcome);
                }
                tiles.push((image, outcome.passed));
            }
        })?;
        saved?;
        if let Some(dir) = &options.save {
            contact_sheet(&tiles).save(dir.join(format!("{}.png", class.name)))?;
        }
        if !options.json {
            eprintln!("{:<20} {:>6.1} %  ({:.1} s)", row.class, row.rate(), row.seconds);
        }
        rows.push(row);
    }
    let mut out = std::io::stdout().lock();
    if options.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        writeln!(out, "model: {} · seed {} · {} samples per class\n", model.display(), options.seed, options.samples)?;
        write!(out, "{}", format_table(&rows))?;
        let total: usize = rows.iter().map(|r| r.samples).sum();
        writeln!(out, "\n{total} cases in {:.1} s", started.elapsed().as_secs_f64())?;
    }
    Ok(())
}

/// `class-007-ok-7.png`, or `class-007-miss-17_.png` for a non-digit and `class-007-miss-10-as-17_.png` for a
/// number: what was written, if anything, and what it was read as are in the name.
fn save(dir: &Path, class: &str, index: usize, image: &RgbaImage, expected: &Expected, outcome: &Outcome) -> anyhow::Result<()> {
    let verdict = if outcome.passed { "ok" } else { "miss" };
    let shown: String = outcome.shown.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let written = match expected {
        Expected::Number(number) if !outcome.passed => format!("{number}-as-"),
        _ => String::new(),
    };
    image.save(dir.join(format!("{class}-{index:03}-{verdict}-{written}{shown}.png")))?;
    Ok(())
}

/// The pictures side by side, 6 to a row, each scaled to fit a 140×140 tile on grey (so a tight crop's
/// edges show); a red frame marks a miss.
fn contact_sheet(tiles: &[(RgbaImage, bool)]) -> RgbaImage {
    const TILE: u32 = 140;
    const GAP: u32 = 6;
    let columns = tiles.len().clamp(1, 6) as u32;
    let rows = (tiles.len() as u32).div_ceil(columns).max(1);
    let mut sheet = RgbaImage::from_pixel(columns * (TILE + GAP) + GAP, rows * (TILE + GAP) + GAP, Rgba([128, 128, 128, 255]));
    for (i, (image, passed)) in tiles.iter().enumerate() {
        let (x, y) = (GAP + (i as u32 % columns) * (TILE + GAP), GAP + (i as u32 / columns) * (TILE + GAP));
        if !passed {
            let frame = RgbaImage::from_pixel(TILE + 4, TILE + 4, Rgba([220, 30, 30, 255]));
            imageops::overlay(&mut sheet, &frame, x as i64 - 2, y as i64 - 2);
        }
        let scale = (TILE as f32 / image.width() as f32).min(TILE as f32 / image.height() as f32);
        let (w, h) = (((image.width() as f32 * scale) as u32).max(1), ((image.height() as f32 * scale) as u32).max(1));
        let filter = if scale >= 2.0 { FilterType::Nearest } else { FilterType::Triangle };
        let fitted = imageops::resize(image, w, h, filter);
        let mut tile = RgbaImage::from_pixel(TILE, TILE, Rgba([160, 160, 160, 255]));
        imageops::overlay(&mut tile, &fitted, ((TILE - w) / 2) as i64, ((TILE - h) / 2) as i64);
        imageops::overlay(&mut sheet, &tile, x as i64, y as i64);
    }
    sheet
}
