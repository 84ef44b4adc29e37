//! Training-time distortions that mimic how real input differs from MNIST: pose (rotation, scale, shear,
//! shift), wobbly strokes (elastic distortion) and pen width (stroke-thickness jitter).

use rand::rngs::StdRng;
use rand::Rng;

const SIDE: usize = 28;
const CENTRE: f32 = 13.5;

#[derive(Debug, Clone, Copy)]
pub struct Augmentation {
    pub max_rotation_deg: f32,
    pub scale: (f32, f32),
    pub max_shear: f32,
    pub max_shift: f32,
    /// Probability and strength (Simard et al.: alpha 34, sigma 4) of an elastic distortion.
    pub elastic_probability: f32,
    pub elastic_alpha: f32,
    pub elastic_sigma: f32,
    pub dilate_probability: f32,
    pub erode_probability: f32,
}

impl Default for Augmentation {
    fn default() -> Self {
        Self {
            max_rotation_deg: 10.0,
            scale: (0.88, 1.1),
            max_shear: 0.15,
            max_shift: 2.0,
            elastic_probability: 0.3,
            elastic_alpha: 34.0,
            elastic_sigma: 4.0,
            dilate_probability: 0.2,
            erode_probability: 0.1,
        }
    }
}

impl Augmentation {
    /// Returns a distorted copy of a 28×28 image (0..1, ink = 1).
    pub fn apply(&self, image: &[f32], rng: &mut StdRng) -> Vec<f32> {
        let thickness: f32 = rng.gen();
        let image = if thickness < self.dilate_probability {
            morph(image, f32::max)
        } else if thickness < self.dilate_probability + self.erode_probability && ink(image) > 60.0 {
            // Only erode strokes with ink to spare, so a thin digit is not erased.
            morph(image, f32::min)
        } else {
            image.to_vec()
        };
        let angle = rng.gen_range(-self.max_rotation_deg..=self.max_rotation_deg).to_radians();
        let scale = rng.gen_range(self.scale.0..=self.scale.1);
        let aspect = rng.gen_range(0.92f32..=1.08);
        let shear = rng.gen_range(-self.max_shear..=self.max_shear);
        let shift = (
            rng.gen_range(-self.max_shift..=self.max_shift),
            rng.gen_range(-self.max_shift..=self.max_shift),
        );
        let field = (rng.gen::<f32>() < self.elastic_probability)
            .then(|| elastic_field(rng, self.elastic_alpha, self.elastic_sigma));

        // Inverse mapping: for each output pixel, find where it comes from in the source.
        let (sx, sy) = (scale * aspect, scale / aspect);
        let (sin, cos) = angle.sin_cos();
        // forward = rotation · shear · scale; invert the 2×2 matrix.
        let (a, b, c, d) = (cos * sx, (cos * shear - sin) * sy, sin * sx, (sin * shear + cos) * sy);
        let det = a * d - b * c;
        let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
        let mut out = vec![0f32; SIDE * SIDE];
        for y in 0..SIDE {
            for x in 0..SIDE {
                let mut u = x as f32 - CENTRE - shift.0;
                let mut v = y as f32 - CENTRE - shift.1;
                if let Some((dx, dy)) = &field {
                    u += dx[y * SIDE + x];
                    v += dy[y * SIDE + x];
                }
                let src_x = ia * u + ib * v + CENTRE;
                let src_y = ic * u + id * v + CENTRE;
                out[y * SIDE + x] = bilinear(&image, src_x, src_y);
            }
        }
        out
    }
}

fn ink(image: &[f32]) -> f32 {
    image.iter().sum()
}

/// Grayscale dilation (`f32::max`) or erosion (`f32::min`) with a 3×3 cross.
fn morph(image: &[f32], pick: fn(f32, f32) -> f32) -> Vec<f32> {
    let at = |x: isize, y: isize| -> Option<f32> {
        (x >= 0 && y >= 0 && (x as usize) < SIDE && (y as usize) < SIDE).then(|| image[y as usize * SIDE + x as usize])
    };
    let mut out = vec![0f32; SIDE * SIDE];
    for y in 0..SIDE as isize {
        for x in 0..SIDE as isize {
            let mut value = image[y as usize * SIDE + x as usize];
            for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                // Outside the image counts as background.
                value = pick(value, at(x + dx, y + dy).unwrap_or(0.0));
            }
            out[y as usize * SIDE + x as usize] = value;
        }
    }
    out
}

fn bilinear(image: &[f32], x: f32, y: f32) -> f32 {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let pixel = |xi: f32, yi: f32| -> f32 {
        if xi < 0.0 || yi < 0.0 || xi >= SIDE as f32 || yi >= SIDE as f32 {
            0.0
        } else {
            image[yi as usize * SIDE + xi as usize]
        }
    };
    let top = pixel(x0, y0) * (1.0 - fx) + pixel(x0 + 1.0, y0) * fx;
    let bottom = pixel(x0, y0 + 1.0) * (1.0 - fx) + pixel(x0 + 1.0, y0 + 1.0) * fx;
    top * (1.0 - fy) + bottom * fy
}

/// A smooth random displacement field: uniform noise, Gaussian-blurred, times `alpha`.
fn elastic_field(rng: &mut StdRng, alpha: f32, sigma: f32) -> (Vec<f32>, Vec<f32>) {
    let mut field = || {
        let noise: Vec<f32> = (0..SIDE * SIDE).map(|_| rng.gen_range(-1.0f32..=1.0)).collect();
        gaussian_blur(&noise, SIDE, SIDE, sigma).into_iter().map(|v| v * alpha).collect::<Vec<_>>()
    };
    (field(), field())
}

/// A Gaussian blur of a `width`×`height` field, with edges clamped.
pub(crate) fn gaussian_blur(values: &[f32], width: usize, height: usize, sigma: f32) -> Vec<f32> {
    let radius = (3.0 * sigma).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius).map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp()).collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    let across = blur(values, width, height, &kernel, true);
    blur(&across, width, height, &kernel, false)
}

/// One pass of a separable blur, with edges clamped.
fn blur(values: &[f32], width: usize, height: usize, kernel: &[f32], horizontal: bool) -> Vec<f32> {
    let radius = (kernel.len() / 2) as isize;
    let (w, h) = (width as isize, height as isize);
    let mut out = vec![0f32; width * height];
    for y in 0..h {
        for x in 0..w {
            out[(y * w + x) as usize] = kernel
                .iter()
                .enumerate()
                .map(|(k, weight)| {
                    let offset = k as isize - radius;
                    let (sx, sy) = if horizontal { (x + offset, y) } else { (x, y + offset) };
                    let (sx, sy) = (sx.clamp(0, w - 1), sy.clamp(0, h - 1));
                    weight * values[(sy * w + sx) as usize]
                })
                .sum();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn bar() -> Vec<f32> {
        let mut image = vec![0f32; SIDE * SIDE];
        for y in 6..22 {
            image[y * SIDE + 13] = 1.0;
            image[y * SIDE + 14] = 1.0;
        }
        image
    }

    #[test]
    fn identity_parameters_keep_the_image() {
        let none = Augmentation {
            max_rotation_deg: 0.0,
            scale: (1.0, 1.0),
            max_shear: 0.0,
            max_shift: 0.0,
            elastic_probability: 0.0,
            elastic_alpha: 0.0,
            elastic_sigma: 4.0,
            dilate_probability: 0.0,
            erode_probability: 0.0,
        };
        let mut rng = StdRng::seed_from_u64(1);
        let mut image = bar();
        let out = none.apply(&image, &mut rng);
        // Aspect jitter is the only change left; it keeps the bar in place and its ink close.
        assert!((ink(&out) - ink(&image)).abs() / ink(&image) < 0.1);
        image.iter_mut().zip(&out).for_each(|(a, b)| *a -= b);
        assert!(image.iter().map(|d| d.abs()).sum::<f32>() < 6.0);
    }

    #[test]
    fn dilation_thickens_and_erosion_thins() {
        let image = bar();
        assert!(ink(&morph(&image, f32::max)) > ink(&image) * 1.5);
        assert!(ink(&morph(&image, f32::min)) < ink(&image));
    }

    #[test]
    fn same_seed_same_result() {
        let aug = Augmentation::default();
        let a = aug.apply(&bar(), &mut StdRng::seed_from_u64(7));
        let b = aug.apply(&bar(), &mut StdRng::seed_from_u64(7));
        assert_eq!(a, b);
        assert!(a.iter().all(|v| (0.0..=1.0).contains(v)));
    }
}
