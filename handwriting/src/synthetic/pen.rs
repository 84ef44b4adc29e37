//! Pen strokes rendered the way the app's canvas draws them: round caps and joins, anti-aliased edges,
//! any pen width. Used for real pen data (UNIPEN), generated trajectories and re-stroked digits.

use recognizer::preprocess::InkMap;

/// One pen-down stroke: points in drawing order.
pub type Stroke = Vec<(f32, f32)>;

/// Smallest and largest coordinates of all points: `(x0, y0, x1, y1)`. `None` without points.
pub fn extent(strokes: &[Stroke]) -> Option<(f32, f32, f32, f32)> {
    let mut points = strokes.iter().flatten();
    let &(x, y) = points.next()?;
    Some(points.fold((x, y, x, y), |(x0, y0, x1, y1), &(x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y))))
}

/// Scales and moves strokes so that their ink is `height` tall (or `height` wide, if wider than tall and
/// `height` bounds both sides) with its box centred on `centre`.
pub fn fit(strokes: &[Stroke], height: f32, centre: (f32, f32)) -> Vec<Stroke> {
    let Some((x0, y0, x1, y1)) = extent(strokes) else { return Vec::new() };
    let scale = height / (y1 - y0).max(x1 - x0).max(1e-3);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    strokes
        .iter()
        .map(|s| s.iter().map(|&(x, y)| ((x - cx) * scale + centre.0, (y - cy) * scale + centre.1)).collect())
        .collect()
}

/// Applies `f` to every point.
pub fn transform(strokes: &[Stroke], f: impl Fn((f32, f32)) -> (f32, f32)) -> Vec<Stroke> {
    strokes.iter().map(|s| s.iter().map(|&p| f(p)).collect()).collect()
}

/// The strokes joined into one trace, pen-ups and all, and resampled to `count` points evenly spaced along it,
/// its ends included: a digit as the UCI pen-based digits keep one (8 points), and as a mouse read by few
/// pointer events draws it.
pub fn coarse_trace(strokes: &[Stroke], count: usize) -> Stroke {
    let trace = strokes.concat();
    let step = |a: (f32, f32), b: (f32, f32)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let mut along = vec![0.0f32];
    for pair in trace.windows(2) {
        along.push(along[along.len() - 1] + step(pair[0], pair[1]));
    }
    let total = along[along.len() - 1];
    if trace.len() < 2 || total == 0.0 || count < 2 {
        return trace;
    }
    let mut segment = 0;
    (0..count)
        .map(|i| {
            let at = total * i as f32 / (count - 1) as f32;
            while segment + 2 < along.len() && along[segment + 1] < at {
                segment += 1;
            }
            let (a, b) = (trace[segment], trace[segment + 1]);
            let length = along[segment + 1] - along[segment];
            let t = if length > 0.0 { ((at - along[segment]) / length).clamp(0.0, 1.0) } else { 0.0 };
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        })
        .collect()
}

/// Draws the strokes into `map` with a round pen `width` pixels wide; ink only ever grows (max).
pub fn draw(map: &mut InkMap, strokes: &[Stroke], width: f32) {
    let radius = (width / 2.0).max(0.5);
    for stroke in strokes {
        match stroke.as_slice() {
            [] => {}
            [only] => segment(map, *only, *only, radius),
            points => points.windows(2).for_each(|pair| segment(map, pair[0], pair[1], radius)),
        }
    }
}

/// A fresh `width`×`height` map with the strokes drawn on it.
pub fn render(strokes: &[Stroke], width: usize, height: usize, pen_width: f32) -> InkMap {
    let mut map = InkMap::new(width, height);
    draw(&mut map, strokes, pen_width);
    map
}

/// A capsule from `a` to `b`: coverage falls from 1 to 0 over the pixel at the pen's edge.
fn segment(map: &mut InkMap, a: (f32, f32), b: (f32, f32), radius: f32) {
    let pad = radius + 1.0;
    let x_start = (a.0.min(b.0) - pad).floor().max(0.0) as usize;
    let y_start = (a.1.min(b.1) - pad).floor().max(0.0) as usize;
    let x_end = ((a.0.max(b.0) + pad).ceil().max(0.0) as usize).min(map.width);
    let y_end = ((a.1.max(b.1) + pad).ceil().max(0.0) as usize).min(map.height);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length_squared = dx * dx + dy * dy;
    for y in y_start..y_end {
        for x in x_start..x_end {
            let (px, py) = (x as f32 + 0.5 - a.0, y as f32 + 0.5 - a.1);
            let t = if length_squared > 0.0 { ((px * dx + py * dy) / length_squared).clamp(0.0, 1.0) } else { 0.0 };
            let (ex, ey) = (px - t * dx, py - t * dy);
            let coverage = (radius + 0.5 - (ex * ex + ey * ey).sqrt()).clamp(0.0, 1.0);
            let value = &mut map.values[y * map.width + x];
            *value = value.max(coverage);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coarse_trace_joins_the_strokes_and_spaces_its_points_evenly() {
        // An L of two strokes, 3 + 1 long, and a second stroke 1 long starting 1 to the right of where it ended.
        let strokes = [vec![(0.0, 0.0), (0.0, 3.0), (1.0, 3.0)], vec![(2.0, 3.0), (2.0, 2.0)]];
        let trace = coarse_trace(&strokes, 7);
        assert_eq!(trace.len(), 7);
        assert_eq!((trace[0], trace[6]), ((0.0, 0.0), (2.0, 2.0)), "the ends are kept");
        // 6 long in all (the pen-up's 1 included), so a point every 1.
        let expected = [(0.0, 0.0), (0.0, 1.0), (0.0, 2.0), (0.0, 3.0), (1.0, 3.0), (2.0, 3.0), (2.0, 2.0)];
        for (got, want) in trace.iter().zip(expected) {
            assert!((got.0 - want.0).abs() < 1e-5 && (got.1 - want.1).abs() < 1e-5, "{trace:?}");
        }
        assert_eq!(coarse_trace(&[vec![(4.0, 4.0)]], 8), [(4.0, 4.0)], "a dot stays a dot");
    }

    #[test]
    fn a_line_is_as_wide_as_the_pen() {
        let map = render(&[vec![(10.0, 20.0), (50.0, 20.0)]], 60, 40, 6.0);
        let column: Vec<f32> = (0..40).map(|y| map.at(30, y)).collect();
        let inked = column.iter().filter(|&&v| v > 0.5).count();
        assert_eq!(inked, 6, "{column:?}");
        assert_eq!(map.at(5, 20), 0.0);
    }

    #[test]
    fn fit_scales_to_the_height_and_centres() {
        let fitted = fit(&[vec![(0.0, 0.0), (10.0, 100.0)]], 50.0, (70.0, 70.0));
        assert_eq!(extent(&fitted), Some((67.5, 45.0, 72.5, 95.0)));
    }

    #[test]
    fn a_dot_is_drawn() {
        let map = render(&[vec![(5.0, 5.0)]], 10, 10, 3.0);
        assert!(map.at(5, 5) > 0.9);
    }
}
