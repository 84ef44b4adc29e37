//! Places the digit in the 28×28 field so that its centre of mass (first image moments) sits at the centre,
//! as MNIST did.

use super::InkMap;

/// `(x, y)` centre of mass, in pixel-centre coordinates; `None` for an empty map.
pub fn centre_of_mass(ink: &InkMap) -> Option<(f64, f64)> {
    let (mut m00, mut m10, mut m01) = (0.0f64, 0.0f64, 0.0f64);
    for y in 0..ink.height {
        for x in 0..ink.width {
            let v = ink.at(x, y) as f64;
            m00 += v;
            m10 += v * x as f64;
            m01 += v * y as f64;
        }
    }
    (m00 > 0.0).then(|| (m10 / m00, m01 / m00))
}

/// Copies `digit` into a `side`×`side` field, shifted by whole pixels so its centre of mass lands on the
/// field's centre, but never so far that ink falls off the edge.
pub fn place_centred(digit: &InkMap, side: usize) -> InkMap {
    let centre = side as f64 / 2.0 - 0.5;
    let (cx, cy) = centre_of_mass(digit).unwrap_or(((digit.width - 1) as f64 / 2.0, (digit.height - 1) as f64 / 2.0));
    let offset = |c: f64, extent: usize| -> isize {
        let wanted = (centre - c).round() as isize;
        wanted.clamp(0, side as isize - extent as isize)
    };
    let (ox, oy) = (offset(cx, digit.width), offset(cy, digit.height));
    let mut out = InkMap::new(side, side);
    for y in 0..digit.height {
        for x in 0..digit.width {
            out.values[(y as isize + oy) as usize * side + (x as isize + ox) as usize] = digit.at(x, y);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_of_mass_of_a_weighted_pair() {
        let mut ink = InkMap::new(4, 1);
        ink.values = vec![1.0, 0.0, 0.0, 3.0];
        assert_eq!(centre_of_mass(&ink), Some((2.25, 0.0)));
        assert_eq!(centre_of_mass(&InkMap::new(2, 2)), None);
    }

    #[test]
    fn lopsided_digit_is_shifted_by_its_mass_not_its_box() {
        // A "7": a heavy top bar and a right-hand stroke. Its mass sits up and right of its box centre.
        let mut digit = InkMap::new(12, 20);
        (0..12).for_each(|x| digit.values[x] = 1.0);
        (1..20).for_each(|y| digit.values[y * 12 + 11] = 1.0);
        let placed = place_centred(&digit, 28);
        let (cx, cy) = centre_of_mass(&placed).unwrap();
        assert!((cx - 13.5).abs() <= 0.5 && (cy - 13.5).abs() <= 0.5, "{cx} {cy}");
    }

    #[test]
    fn shift_never_pushes_ink_off_the_field() {
        let mut digit = InkMap::new(20, 20);
        (0..20).for_each(|y| digit.values[y * 20] = 1.0);
        let placed = place_centred(&digit, 28);
        assert_eq!(placed.values.iter().sum::<f32>(), 20.0);
    }
}
