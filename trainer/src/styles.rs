//! Ways of writing digits that MNIST and UNIPEN hardly hold, added to their real 1s, 7s and 0s: the European
//! 1 with an up-stroke (flag) and sometimes a foot, the crossed 7 and the slashed 0. Real writers' strokes keep
//! their own slant and wobble; only the extra stroke is made up. The robustness suite draws its European 1s and
//! crossed 7s from its own generated trajectories (`handwriting::robustness`), so it does not measure this.

use rand::rngs::StdRng;
use rand::Rng;
use handwriting::synthetic::pen::{self, Stroke};

/// A 1 as one straight stroke from its top to its bottom, keeping the writer's slant; `None` without ink.
pub fn straightened(strokes: &[Stroke]) -> Option<Vec<Stroke>> {
    Some(vec![vec![topmost(strokes)?, bottommost(strokes)?]])
}

/// The longest flag [`restyle`] draws by default, as a fraction of the 1's height.
pub const LONGEST_FLAG: f32 = 0.45;
/// Flags below this many degrees under the horizontal are flat ([`restyle`]).
pub const FLATTEST_FLAG: f32 = 15.0;
/// The longest flat flag, as a fraction of the 1's height: a level stroke much longer is a 7's bar (a 7's bar
/// spans half its height or more).
pub const LONGEST_FLAT_FLAG: f32 = 0.35;
/// How far past a 0's ring, as a fraction of its height, a long slash may run at each end ([`slashed_zero`]).
pub const LONGEST_ZERO_SLASH: f32 = 0.6;

/// `strokes` of a digit labelled `label` with a flag (1) up to `longest_flag` of its height long, or a cross
/// bar (7) added; `None` for other digits and for a 1 that already has more than a stem ([`is_plain_stem`]).
/// With probability `flat_flags` a 1's flag is nearly flat (under [`FLATTEST_FLAG`]°) and it has no foot, as
/// many writers make a 1 that only its short bar and upright stem tell from a 7; such a flag is at most
/// [`LONGEST_FLAT_FLAG`] long.
pub fn restyle(strokes: &[Stroke], label: u8, longest_flag: f32, flat_flags: f64, rng: &mut StdRng) -> Option<Vec<Stroke>> {
    let (_, y0, _, y1) = pen::extent(strokes)?;
    let height = y1 - y0;
    if height <= 0.0 {
        return None;
    }
    let mut styled = strokes.to_vec();
    match label {
        1 => {
            let (top, bottom) = (topmost(strokes)?, bottommost(strokes)?);
            if !is_plain_stem(strokes, top, bottom, height) {
                return None;
            }
            // Drawn only when asked for, so that other mixtures draw exactly what they did.
            let flat = flat_flags > 0.0 && rng.gen_bool(flat_flags);
            // The flag runs down and to the left of the top, steep or nearly flat, short or long.
            // At least a sliver above the shortest flag, so that a tiny --longest-flag still draws one.
            let longest = if flat { longest_flag.min(LONGEST_FLAT_FLAG) } else { longest_flag };
            let length = height * rng.gen_range(0.15..longest.max(0.16));
            let angle = if flat { rng.gen_range(0.0..FLATTEST_FLAG) } else { rng.gen_range(FLATTEST_FLAG..65.0) }.to_radians();
            let end = (top.0 - length * angle.cos(), top.1 + length * angle.sin());
            // Written in one movement with the stem: flag first, then down.
            styled.insert(0, vec![end, midpoint(end, top, rng.gen_range(-0.03..0.03) * height), top]);
            if !flat && rng.gen_bool(0.3) {
                let half = height * rng.gen_range(0.12..0.25);
                let tilt = height * rng.gen_range(-0.03..0.03);
                styled.push(vec![(bottom.0 - half, bottom.1 + tilt), (bottom.0 + half, bottom.1 - tilt)]);
            }
        }
        7 => {
            // The bar crosses the stem a little below the middle of the digit's height.
            let y = y0 + height * rng.gen_range(0.45..0.62);
            let x = crossing_x(strokes, y)?;
            let (left, right) = (height * rng.gen_range(0.1..0.22), height * rng.gen_range(0.1..0.22));
            let tilt = height * rng.gen_range(-0.04..0.04);
            styled.push(vec![(x - left, y + tilt), (x + right, y - tilt)]);
        }
        _ => return None,
    }
    Some(styled)
}

/// A 0 struck through, as people write it who keep it apart from the letter O: two times in three a slash from
/// below its left to above its right (Ø), else a stroke down through its middle (ϕ); each may run past the
/// ring by up to a fifth of its height, or with probability `long_slashes` by a fifth to [`LONGEST_ZERO_SLASH`]
/// of it, as some writers do. `None` without ink.
pub fn slashed_zero(strokes: &[Stroke], long_slashes: f64, rng: &mut StdRng) -> Option<Vec<Stroke>> {
    let (x0, y0, x1, y1) = pen::extent(strokes)?;
    let (width, height) = (x1 - x0, y1 - y0);
    if height <= 0.0 {
        return None;
    }
    // Drawn only when asked for, so that other mixtures draw exactly what they did.
    let long = long_slashes > 0.0 && rng.gen_bool(long_slashes);
    let reach = if long { 0.2..LONGEST_ZERO_SLASH } else { 0.0..0.2 };
    let mut past = || height * rng.gen_range(reach.clone());
    let (above, below) = (past(), past());
    let slash = if rng.gen_bool(2.0 / 3.0) {
        let inset = |rng: &mut StdRng| width * rng.gen_range(-0.1..0.25);
        vec![(x0 + inset(rng), y1 + below), (x1 - inset(rng), y0 - above)]
    } else {
        let (x, lean) = (x0 + width * rng.gen_range(0.4..0.6), width * rng.gen_range(-0.15..0.15));
        vec![(x + lean, y0 - above), (x - lean, y1 + below)]
    };
    let mut styled = strokes.to_vec();
    styled.push(slash);
    Some(styled)
}

/// Whether every point lies close to the line from the top to the bottom: a stem, upright or slanted,
/// without a flag, a foot or a serif.
fn is_plain_stem(strokes: &[Stroke], top: (f32, f32), bottom: (f32, f32), height: f32) -> bool {
    let (dx, dy) = (bottom.0 - top.0, bottom.1 - top.1);
    let length = (dx * dx + dy * dy).sqrt().max(1e-3);
    strokes.iter().flatten().all(|&(x, y)| ((x - top.0) * dy - (y - top.1) * dx).abs() / length <= 0.12 * height)
}

fn topmost(strokes: &[Stroke]) -> Option<(f32, f32)> {
    strokes.iter().flatten().copied().min_by(|a, b| a.1.total_cmp(&b.1))
}

fn bottommost(strokes: &[Stroke]) -> Option<(f32, f32)> {
    strokes.iter().flatten().copied().max_by(|a, b| a.1.total_cmp(&b.1))
}

/// The middle of `a`–`b`, pushed `bend` across the line, for a slightly curved stroke.
fn midpoint(a: (f32, f32), b: (f32, f32), bend: f32) -> (f32, f32) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = (dx * dx + dy * dy).sqrt().max(1e-3);
    ((a.0 + b.0) / 2.0 - dy / length * bend, (a.1 + b.1) / 2.0 + dx / length * bend)
}

/// Where the ink last crosses height `y` in drawing order: for a 7, its stem (the top bar comes first).
fn crossing_x(strokes: &[Stroke], y: f32) -> Option<f32> {
    strokes
        .iter()
        .flat_map(|stroke| stroke.windows(2))
        .filter(|pair| (pair[0].1 - y) * (pair[1].1 - y) <= 0.0 && pair[0].1 != pair[1].1)
        .map(|pair| {
            let t = (y - pair[0].1) / (pair[1].1 - pair[0].1);
            pair[0].0 + t * (pair[1].0 - pair[0].0)
        })
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_straightened_one_runs_from_its_top_to_its_bottom() {
        let wavy = vec![vec![(3.0, 0.0), (5.0, 40.0), (1.0, 70.0), (6.0, 100.0)], vec![(0.0, 5.0), (3.0, 0.0)]];
        assert_eq!(straightened(&wavy), Some(vec![vec![(3.0, 0.0), (6.0, 100.0)]]));
        assert_eq!(straightened(&[]), None);
    }

    #[test]
    fn a_plain_one_gets_a_flag_to_the_left_of_its_top() {
        let one = vec![vec![(0.0, 0.0), (0.0, 100.0)]];
        for seed in 0..20 {
            let styled = restyle(&one, 1, LONGEST_FLAG, 0.0, &mut StdRng::seed_from_u64(seed)).unwrap();
            let flag = &styled[0];
            assert_eq!(*flag.last().unwrap(), (0.0, 0.0));
            let (x, y) = flag[0];
            assert!(x < -5.0 && y > 0.0 && y < 50.0, "{:?}", flag);
        }
    }

    #[test]
    fn flags_reach_as_long_as_asked_and_no_longer() {
        let one = vec![vec![(0.0, 0.0), (0.0, 100.0)]];
        let longest = |limit: f32| {
            (0..200)
                .map(|seed| {
                    let styled = restyle(&one, 1, limit, 0.0, &mut StdRng::seed_from_u64(seed)).unwrap();
                    let (x, y) = styled[0][0];
                    x.hypot(y)
                })
                .fold(0.0, f32::max)
        };
        let (usual, long) = (longest(LONGEST_FLAG), longest(0.6));
        assert!(usual > 40.0 && usual <= 46.0, "default flags reach {usual}");
        assert!(long > 55.0 && long <= 61.0, "long flags reach {long}");
    }

    #[test]
    fn flat_flags_are_nearly_level_and_stand_on_no_foot() {
        let one = vec![vec![(0.0, 0.0), (0.0, 100.0)]];
        for seed in 0..50 {
            let styled = restyle(&one, 1, LONGEST_FLAG, 1.0, &mut StdRng::seed_from_u64(seed)).unwrap();
            let (x, y) = styled[0][0];
            assert!(y / -x < FLATTEST_FLAG.to_radians().tan() + 1e-4, "a flag ending at {:?}", (x, y));
            // Short, even where long flags are asked for: a long level stroke is a 7's bar.
            let long = restyle(&one, 1, 0.6, 1.0, &mut StdRng::seed_from_u64(seed)).unwrap()[0][0];
            assert!(long.0.hypot(long.1) <= LONGEST_FLAT_FLAG * 100.0 + 1e-3, "a flat flag ending at {long:?}");
            assert_eq!(styled.len(), 2, "the flag and the stem, no foot");
        }
        // None flat unless asked for: every flag then lies steeper than FLATTEST_FLAG.
        let steep = (0..50).all(|seed| {
            let (x, y) = restyle(&one, 1, LONGEST_FLAG, 0.0, &mut StdRng::seed_from_u64(seed)).unwrap()[0][0];
            y / -x >= FLATTEST_FLAG.to_radians().tan() - 1e-4
        });
        assert!(steep);
    }

    #[test]
    fn a_seven_is_crossed_on_its_stem() {
        let seven = vec![vec![(0.0, 0.0), (60.0, 0.0), (20.0, 100.0)]];
        let styled = restyle(&seven, 7, LONGEST_FLAG, 0.0, &mut StdRng::seed_from_u64(3)).unwrap();
        let bar = styled.last().unwrap();
        let (left, right) = (bar[0], bar[1]);
        let y = (left.1 + right.1) / 2.0;
        let stem_x = 60.0 - 40.0 * y / 100.0;
        assert!(left.0 < stem_x && right.0 > stem_x, "{bar:?} around {stem_x}");
        assert!((45.0..=66.0).contains(&y), "{y}");
    }

    /// A 0 as one closed stroke, 60 wide and 100 tall, from (0, 0).
    fn ring() -> Vec<(f32, f32)> {
        (0..=24)
            .map(|k| {
                let t = k as f32 * std::f32::consts::TAU / 24.0;
                (30.0 + 30.0 * t.sin(), 50.0 - 50.0 * t.cos())
            })
            .collect()
    }

    #[test]
    fn a_slashed_zero_is_struck_through_from_outside_to_outside() {
        let ring = ring();
        for seed in 0..20 {
            let styled = slashed_zero(std::slice::from_ref(&ring), 0.0, &mut StdRng::seed_from_u64(seed)).unwrap();
            assert_eq!(styled.len(), 2);
            let slash = &styled[1];
            let (top, bottom) = if slash[0].1 < slash[1].1 { (slash[0], slash[1]) } else { (slash[1], slash[0]) };
            assert!(top.1 <= 0.0 && bottom.1 >= 100.0, "the stroke does not cross the whole ring: {slash:?}");
            assert!((-6.5..=66.5).contains(&top.0) && (-6.5..=66.5).contains(&bottom.0), "{slash:?}");
        }
        assert!(slashed_zero(&[], 0.0, &mut StdRng::seed_from_u64(1)).is_none());
    }

    #[test]
    fn a_long_slash_runs_well_past_the_ring() {
        let ring = ring();
        for seed in 0..20 {
            let styled = slashed_zero(std::slice::from_ref(&ring), 1.0, &mut StdRng::seed_from_u64(seed)).unwrap();
            let ys = [styled[1][0].1, styled[1][1].1];
            let (top, bottom) = (ys[0].min(ys[1]), ys[0].max(ys[1]));
            assert!((-60.0..=-20.0).contains(&top) && (120.0..=160.0).contains(&bottom), "{:?}", styled[1]);
        }
    }

    #[test]
    fn other_digits_and_ones_with_flags_are_left_alone() {
        let mut rng = StdRng::seed_from_u64(1);
        let flagged_one = vec![vec![(-30.0, 20.0), (0.0, 0.0), (0.0, 100.0)]];
        assert!(restyle(&flagged_one, 1, LONGEST_FLAG, 0.0, &mut rng).is_none());
        assert!(restyle(&[vec![(0.0, 0.0), (0.0, 100.0)]], 4, LONGEST_FLAG, 0.0, &mut rng).is_none());
        let slanted_one = vec![vec![(40.0, 0.0), (20.0, 50.0), (0.0, 100.0)]];
        assert!(restyle(&slanted_one, 1, LONGEST_FLAG, 0.0, &mut rng).is_some());
    }
}
