//! Averages a picture down to the working size while its pixels stream in, so a big picture never has to be
//! held at full size. Each output pixel is the mean of the box of input pixels that falls on it.

use image::RgbaImage;

use super::WORKING_SIDE;

/// The size a `width`×`height` picture is worked on at: the same, or shrunk so its longer side is
/// [`WORKING_SIDE`], keeping its proportions.
pub fn working_size(width: u32, height: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= WORKING_SIDE {
        return (width, height);
    }
    let scale = |side: u32| ((side as u64 * WORKING_SIDE as u64 + longer as u64 / 2) / longer as u64).max(1) as u32;
    (scale(width), scale(height))
}

pub struct Shrinker {
    from: (u32, u32),
    to: (u32, u32),
    /// Per output pixel: the sums of R, G, B and A.
    sums: Vec<[u32; 4]>,
}

impl Shrinker {
    pub fn new(width: u32, height: u32) -> Self {
        let to = working_size(width, height);
        Self { from: (width, height), to, sums: vec![[0; 4]; to.0 as usize * to.1 as usize] }
    }

    fn cell(&self, x: u32, y: u32) -> usize {
        let ox = (x as u64 * self.to.0 as u64 / self.from.0 as u64) as usize;
        let oy = (y as u64 * self.to.1 as u64 / self.from.1 as u64) as usize;
        oy * self.to.0 as usize + ox
    }

    /// Adds the pixels of one row (or, for interlaced pictures, every `step`th pixel of it from `x0`), given
    /// with `channels` 8-bit samples each: grey, grey and alpha, RGB or RGBA.
    pub fn add_row(&mut self, y: u32, x0: u32, step: u32, data: &[u8], channels: usize) {
        if y >= self.from.1 {
            return;
        }
        for (i, pixel) in data.chunks_exact(channels).enumerate() {
            let x = x0 + i as u32 * step;
            if x >= self.from.0 {
                break;
            }
            let rgba = match *pixel {
                [l] => [l, l, l, 255],
                [l, a] => [l, l, l, a],
                [r, g, b] => [r, g, b, 255],
                [r, g, b, a] => [r, g, b, a],
                _ => return,
            };
            let cell = self.cell(x, y);
            for (sum, value) in self.sums[cell].iter_mut().zip(rgba) {
                *sum += value as u32;
            }
        }
    }

    /// The averaged picture.
    pub fn finish(self) -> RgbaImage {
        let (from, to) = (self.from, self.to);
        // How many input columns (rows) fall on each output column (row).
        let spans = |from: u32, to: u32| {
            let mut counts = vec![0u32; to as usize];
            let mut x = 0u64;
            for (o, count) in counts.iter_mut().enumerate() {
                let end = ((o as u64 + 1) * from as u64).div_ceil(to as u64).min(from as u64);
                *count = (end - x) as u32;
                x = end;
            }
            counts
        };
        let (columns, rows) = (spans(from.0, to.0), spans(from.1, to.1));
        let mut image = RgbaImage::new(to.0, to.1);
        for (i, (pixel, sums)) in image.pixels_mut().zip(&self.sums).enumerate() {
            let count = columns[i % to.0 as usize] * rows[i / to.0 as usize];
            if count > 0 {
                pixel.0 = sums.map(|s| ((s + count / 2) / count) as u8);
            }
        }
        image
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_match_the_cells_pixels_fall_in() {
        // 7 columns onto 3: the counts must agree with `cell`, or averages come out wrong.
        let mut shrinker = Shrinker { from: (7, 1), to: (3, 1), sums: vec![[0; 4]; 3] };
        shrinker.add_row(0, 0, 1, &[255; 7], 1);
        let image = shrinker.finish();
        assert!(image.pixels().all(|p| p.0 == [255, 255, 255, 255]), "{image:?}");
    }

    #[test]
    fn a_big_picture_is_averaged_to_the_working_size() {
        let (w, h) = (WORKING_SIDE * 3 + 1, 10);
        let mut shrinker = Shrinker::new(w, h);
        let row: Vec<u8> = (0..w).map(|x| if x < w / 2 { 0 } else { 200 }).collect();
        for y in 0..h {
            shrinker.add_row(y, 0, 1, &row, 1);
        }
        let image = shrinker.finish();
        assert_eq!(image.width(), WORKING_SIDE);
        assert_eq!(image.get_pixel(10, 0).0, [0, 0, 0, 255]);
        assert_eq!(image.get_pixel(WORKING_SIDE - 10, image.height() - 1).0, [200, 200, 200, 255]);
    }

    #[test]
    fn small_pictures_keep_their_size() {
        assert_eq!(working_size(640, 480), (640, 480));
        assert_eq!(working_size(3200, 100), (WORKING_SIDE, 50));
        assert_eq!(working_size(1, 100_000), (1, WORKING_SIDE));
    }
}
