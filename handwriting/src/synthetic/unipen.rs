//! UNIPEN 1.0 category 1a: real isolated digits as pen trajectories (`../shared/datasets/unipen-1a`,
//! CC BY 4.0; see its SOURCE.md). A `.dat` file under `data/1a/<site>/` includes pen-data files from
//! `include/` and labels `.SEGMENT`s of their components (pen-down blocks, and pen-up blocks with points).
//! A segment's pen-up components are the pen hovering between strokes: they count for the indices but are
//! not ink, so they are never drawn.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::pen::{self, Stroke};

/// One labelled digit written by a real person.
#[derive(Debug, Clone)]
pub struct PenDigit {
    /// The contributing site (the folder under `data/1a/`), e.g. `"uqb"`.
    pub site: String,
    pub label: u8,
    /// Who wrote it: the site and the `.WRITER_ID` in force where its ink was recorded (`"uqb/ja_3828"`),
    /// or the site and labelling file where the pen data names no writer.
    pub writer: String,
    /// Pen-down strokes, y pointing down.
    pub strokes: Vec<Stroke>,
}

#[derive(Debug, thiserror::Error)]
pub enum UnipenError {
    #[error("could not read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{0} holds no UNIPEN digits (set UNIPEN_DIR to the unipen-1a folder, or run scripts/fetch-datasets.sh)")]
    Empty(PathBuf),
}

/// Sites never trained on: the robustness suite reads them (about 2 100 digits).
pub const SUITE_SITES: [&str; 9] = ["aga", "art", "cea", "ceb", "imp", "lou", "pri", "tos", "uqb"];
/// Sites never trained on that the trainer validates on after each epoch (1 046 digits).
pub const VALIDATION_SITES: [&str; 1] = ["app"];

/// Whether `site` may be trained on.
pub fn is_training_site(site: &str) -> bool {
    !SUITE_SITES.contains(&site) && !VALIDATION_SITES.contains(&site)
}

/// Sites whose tablets count y downwards. Every other site counts y upwards, and its digits are flipped so
/// that y points down like an image's. Found by reading every site both ways with the MNIST-trained model
/// (`trainer preview`): flipped, 16 of 17 sites read at 61–99 %, upright at 23–48 %.
const Y_DOWN_SITES: [&str; 0] = [];

/// `$UNIPEN_DIR`, else `../shared/datasets/unipen-1a` beside the workspace, else `.datasets/unipen-1a` in it
/// (filled by `scripts/fetch-datasets.sh`); see [`crate::datasets`].
pub fn default_dir() -> PathBuf {
    crate::datasets::locate("UNIPEN_DIR", "unipen-1a")
}

/// Every digit under `dir`, in a fixed order (sites and files sorted by name).
pub fn load(dir: &Path) -> Result<Vec<PenDigit>, UnipenError> {
    let data = dir.join("data/1a");
    let mut digits = Vec::new();
    let mut dat_files = Vec::new();
    collect_dat_files(&data, &mut dat_files)?;
    dat_files.sort();
    for dat in dat_files {
        let site = dat.strip_prefix(&data).ok().and_then(|p| p.iter().next()).map(|s| s.to_string_lossy().into_owned());
        let site = site.unwrap_or_default();
        let mut parsed = Parsed::default();
        parse_file(&dat, &dir.join("include"), &mut parsed, 0)?;
        let flip = !Y_DOWN_SITES.contains(&site.as_str());
        let file = dat.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (range, label) in parsed.segments {
            let writer = match range.first_component().and_then(|c| parsed.components.get(c)).and_then(|c| c.writer) {
                Some(w) => format!("{site}/{}", parsed.writers[w]),
                None => format!("{site}/{file}"),
            };
            let strokes = range.strokes(&parsed.components);
            if strokes.iter().all(|s| s.is_empty()) {
                continue;
            }
            let strokes = if flip { pen::transform(&strokes, |(x, y)| (x, -y)) } else { strokes };
            digits.push(PenDigit { site: site.clone(), label, writer, strokes });
        }
    }
    if digits.is_empty() {
        return Err(UnipenError::Empty(dir.to_path_buf()));
    }
    Ok(digits)
}

/// The digits grouped by site, sites sorted by name.
pub fn by_site(digits: &[PenDigit]) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    digits.iter().for_each(|d| *counts.entry(&d.site).or_default() += 1);
    let mut sites: Vec<(String, usize)> = counts.into_iter().map(|(s, n)| (s.to_string(), n)).collect();
    sites.sort();
    sites
}

fn collect_dat_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), UnipenError> {
    let read_error = |source| UnipenError::Read { path: dir.to_path_buf(), source };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.is_dir() {
            collect_dat_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "dat") {
            out.push(path);
        }
    }
    Ok(())
}

/// A pen-down stroke, or the hover points of a pen-up block.
#[derive(Debug, Clone, PartialEq)]
struct Component {
    pen_down: bool,
    points: Stroke,
    /// Index into [`Parsed::writers`] of the `.WRITER_ID` in force.
    writer: Option<usize>,
}

#[derive(Default)]
struct Parsed {
    components: Vec<Component>,
    writers: Vec<String>,
    segments: Vec<(Range, u8)>,
}

/// A component index with an optional point offset inside it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    component: usize,
    point: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Range {
    Span(Mark, Mark),
    List(Vec<usize>),
}

impl Range {
    fn parse(text: &str) -> Option<Range> {
        if text.contains(',') {
            return text.split(',').map(|c| c.trim().parse().ok()).collect::<Option<_>>().map(Range::List);
        }
        let mark = |t: &str| -> Option<Mark> {
            let mut parts = t.split(':');
            let component = parts.next()?.trim().parse().ok()?;
            let point = parts.next().map(|p| p.trim().parse()).transpose().ok()?;
            Some(Mark { component, point })
        };
        match text.split_once('-') {
            Some((a, b)) => Some(Range::Span(mark(a)?, mark(b)?)),
            None => mark(text).map(|m| Range::Span(m, m)),
        }
    }

    fn first_component(&self) -> Option<usize> {
        match self {
            Range::List(list) => list.first().copied(),
            Range::Span(start, _) => Some(start.component),
        }
    }

    /// The pen-down strokes of the range.
    fn strokes(&self, components: &[Component]) -> Vec<Stroke> {
        let ink = |c: usize| components.get(c).filter(|c| c.pen_down).map(|c| &c.points);
        match self {
            Range::List(list) => list.iter().filter_map(|&c| ink(c).cloned()).collect(),
            Range::Span(start, end) => (start.component..=end.component)
                .filter_map(|c| {
                    let points = ink(c)?;
                    let from = if c == start.component { start.point.unwrap_or(0) } else { 0 };
                    let to = if c == end.component { end.point.map_or(points.len(), |p| p + 1) } else { points.len() };
                    Some(points[from.min(points.len())..to.min(points.len()).max(from.min(points.len()))].to_vec())
                })
                .collect(),
        }
    }
}

/// Reads one file, following `.INCLUDE`s in place (they name files under `include_dir`).
fn parse_file(path: &Path, include_dir: &Path, parsed: &mut Parsed, depth: usize) -> Result<(), UnipenError> {
    let bytes = std::fs::read(path).map_err(|source| UnipenError::Read { path: path.to_path_buf(), source })?;
    // Latin-1: every byte is one character; only ASCII matters here.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    // The block being read: `Some(true)` pen down, `Some(false)` pen up, `None` outside point data.
    let mut block: Option<bool> = None;
    let mut points: Stroke = Vec::new();
    let finish = |block: &mut Option<bool>, points: &mut Stroke, parsed: &mut Parsed| {
        if let Some(down) = block.take() {
            if down || !points.is_empty() {
                let writer = parsed.writers.len().checked_sub(1);
                parsed.components.push(Component { pen_down: down, points: std::mem::take(points), writer });
            }
        }
        points.clear();
    };
    for raw_line in text.lines() {
        let line = raw_line.trim();
        // A keyword starts its line; an indented ".PEN_DOWN" is prose in a documentation block.
        if let Some(keyword_line) = raw_line.strip_prefix('.') {
            finish(&mut block, &mut points, parsed);
            let mut words = keyword_line.split_whitespace();
            match words.next() {
                Some("PEN_DOWN") => block = Some(true),
                Some("PEN_UP") => block = Some(false),
                Some("WRITER_ID") => parsed.writers.push(words.collect::<Vec<_>>().join(" ")),
                Some("INCLUDE") if depth < 8 => {
                    if let Some(name) = words.next() {
                        let included = include_dir.join(name);
                        if included.is_file() {
                            parse_file(&included, include_dir, parsed, depth + 1)?;
                        }
                    }
                }
                Some("SEGMENT") => {
                    let rest: Vec<&str> = words.collect();
                    let label = rest.last().map(|l| l.trim_matches('"'));
                    let digit = label.filter(|l| l.len() == 1).and_then(|l| l.parse::<u8>().ok());
                    if let (Some("CHARACTER"), Some(range), Some(digit)) = (rest.first().copied(), rest.get(1), digit) {
                        if let Some(range) = Range::parse(range) {
                            parsed.segments.push((range, digit));
                        }
                    }
                }
                _ => {}
            }
        } else if block.is_some() {
            let mut numbers = line.split_whitespace().map(|v| v.parse::<f32>());
            if let (Some(Ok(x)), Some(Ok(y))) = (numbers.next(), numbers.next()) {
                points.push((x, y));
            }
        }
    }
    finish(&mut block, &mut points, parsed);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse() {
        let m = |component, point| Mark { component, point };
        assert_eq!(Range::parse("86"), Some(Range::Span(m(86, None), m(86, None))));
        assert_eq!(Range::parse("87-88"), Some(Range::Span(m(87, None), m(88, None))));
        assert_eq!(Range::parse("426:18-426:68"), Some(Range::Span(m(426, Some(18)), m(426, Some(68)))));
        assert_eq!(Range::parse("468,471"), Some(Range::List(vec![468, 471])));
    }

    #[test]
    fn a_span_with_offsets_takes_those_points() {
        let components = vec![down(vec![(0.0, 0.0); 3]), down((0..10).map(|i| (i as f32, 0.0)).collect())];
        let range = Range::parse("1:2-1:4").unwrap();
        assert_eq!(range.strokes(&components), vec![vec![(2.0, 0.0), (3.0, 0.0), (4.0, 0.0)]]);
    }

    fn down(points: Stroke) -> Component {
        Component { pen_down: true, points, writer: None }
    }

    /// Toshiba's segments run from the hover before a digit to the hover after it: only the ink is drawn.
    #[test]
    fn pen_up_points_count_as_components_but_are_not_ink() {
        let text = ".PEN_UP\n9 9\n0 0\n.PEN_DOWN\n0 0\n5 5\n.PEN_UP\n.PEN_UP\n5 5\n7 1\n.PEN_DOWN\n7 1\n7 9\n\
                    .SEGMENT CHARACTER 0-3 OK \"4\"\n";
        let dir = crate::temp_dir::TempDir::new("unipen-pen-up");
        let file = dir.0.join("digit.dat");
        std::fs::write(&file, text).unwrap();
        let mut parsed = Parsed::default();
        parse_file(&file, &dir.0, &mut parsed, 0).unwrap();
        assert_eq!(parsed.components.len(), 4, "the empty pen-up block is not a component");
        let (range, label) = &parsed.segments[0];
        assert_eq!(*label, 4);
        assert_eq!(range.strokes(&parsed.components), vec![vec![(0.0, 0.0), (5.0, 5.0)], vec![(7.0, 1.0), (7.0, 9.0)]]);
    }

    /// Louvain's documentation file explains the format in indented prose (" .PEN_DOWN and .PEN_UP."): that
    /// is not a component, or every index after it is off by one.
    #[test]
    fn an_indented_keyword_is_prose() {
        let text = ".COMMENT the recorder writes\n    .PEN_DOWN and .PEN_UP.\n.PEN_DOWN\n1 1\n2 2\n.SEGMENT CHARACTER 0 OK \"1\"\n";
        let dir = crate::temp_dir::TempDir::new("unipen-prose");
        let file = dir.0.join("digit.dat");
        std::fs::write(&file, text).unwrap();
        let mut parsed = Parsed::default();
        parse_file(&file, &dir.0, &mut parsed, 0).unwrap();
        assert_eq!(parsed.segments[0].0.strokes(&parsed.components), vec![vec![(1.0, 1.0), (2.0, 2.0)]]);
    }

    #[test]
    fn the_shared_copy_has_all_digits() {
        let dir = default_dir();
        if !dir.exists() {
            panic!("{} is missing: {}", dir.display(), crate::datasets::HOW_TO_GET);
        }
        let digits = load(&dir).unwrap();
        assert!(digits.len() >= 15_900, "{} digits", digits.len());
        assert_eq!(by_site(&digits).len(), 17);
        let mut per_writer: HashMap<&str, usize> = HashMap::new();
        digits.iter().filter(|d| !is_training_site(&d.site)).for_each(|d| *per_writer.entry(&d.writer).or_default() += 1);
        let prolific = per_writer.values().filter(|&&n| n >= 60).count();
        assert!(prolific >= 4, "held-out writers with 60 digits or more: {prolific} ({per_writer:?})");
    }
}
